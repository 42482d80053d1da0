"""Blocks that set content apart: callout, alert, accordion."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from courses.blocks.basics import RICH_TEXT_FEATURES

GROUP_EMPHASIS = _("Mise en avant")


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titre"), required=False, max_length=200)
    text = blocks.RichTextBlock(label=_("texte"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "doc-full"
        group = GROUP_EMPHASIS
        label = _("Mise en avant")
        description = _("Un encadré qui attire l’attention sur une information utile.")
        template = "courses/blocks/callout.html"
        preview_value = {
            "title": "Bon à savoir",
            "text": "<p>Le référentiel est mis à jour chaque année : vérifiez sa version.</p>",
        }


class AlertBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("type"),
        choices=[
            ("info", _("Information")),
            ("success", _("Succès")),
            ("warning", _("Attention")),
            ("error", _("Erreur à éviter")),
        ],
        default="info",
    )
    title = blocks.CharBlock(label=_("titre"), max_length=200)
    text = blocks.TextBlock(label=_("texte"), required=False)

    class Meta:
        icon = "warning"
        group = GROUP_EMPHASIS
        label = _("Alerte")
        description = _("Un message court : information, succès, avertissement ou erreur.")
        template = "courses/blocks/alert.html"
        preview_value = {
            "kind": "warning",
            "title": "Attention",
            "text": "Ne partagez jamais votre mot de passe, même avec le support informatique.",
        }


class AccordionItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titre"), max_length=200)
    body = blocks.RichTextBlock(label=_("contenu"), features=RICH_TEXT_FEATURES)


class AccordionBlock(blocks.StructBlock):
    items = blocks.ListBlock(AccordionItemBlock(), label=_("sections"), min_num=1)

    class Meta:
        icon = "list-ul"
        group = GROUP_EMPHASIS
        label = _("Accordéon")
        description = _("Des sections repliables : questions fréquentes, détails facultatifs.")
        template = "courses/blocks/accordion.html"
        preview_value = {
            "items": [
                {"title": "Qu’est-ce que le RGAA ?", "body": "<p>Le référentiel général.</p>"},
                {"title": "Qui est concerné ?", "body": "<p>Tous les services publics.</p>"},
            ]
        }
