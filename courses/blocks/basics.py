"""Text blocks of a lesson: paragraph, heading, quote, code, key takeaways."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

# Editors get a short list on purpose: headings come from HeadingBlock, layout from the DSFR.
RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]
LESSON_TEXT_FEATURES = [*RICH_TEXT_FEATURES, "h3", "h4"]

GROUP_TEXT = _("Texte")


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", LESSON_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        group = GROUP_TEXT
        label = _("Texte")
        description = _("Paragraphes, listes, liens, intertitres de niveau 3 et 4.")
        template = "courses/blocks/paragraph.html"
        preview_value = (
            "<p>Un <b>service numérique</b> accessible se conçoit dès les premières maquettes : "
            "il coûte moins cher que de corriger après la mise en ligne.</p>"
            "<ul><li>contrastes suffisants ;</li><li>navigation au clavier ;</li>"
            "<li>alternatives aux images.</li></ul>"
        )


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("intertitre"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("niveau"),
        choices=[("h2", _("Niveau 2")), ("h3", _("Niveau 3")), ("h4", _("Niveau 4"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        group = GROUP_TEXT
        label = _("Intertitre")
        description = _("Découpe la leçon en parties ; les intertitres forment le plan de la page.")
        template = "courses/blocks/heading.html"
        preview_value = {"text": "Pourquoi l’accessibilité numérique ?", "level": "h2"}


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("citation"))
    author = blocks.CharBlock(label=_("auteur"), required=False, max_length=200)
    source = blocks.CharBlock(label=_("source"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        group = GROUP_TEXT
        label = _("Citation")
        description = _("Une citation mise en valeur, avec son auteur et sa source.")
        template = "courses/blocks/quote.html"
        preview_value = {
            "quote": "Le numérique doit être au service de tous les usagers, sans exception.",
            "author": "Direction interministérielle du numérique",
            "source": "Feuille de route",
        }


class CodeBlock(blocks.StructBlock):
    language = blocks.ChoiceBlock(
        label=_("langage"),
        choices=[
            ("text", _("Texte brut")),
            ("bash", "Shell"),
            ("python", "Python"),
            ("javascript", "JavaScript"),
            ("html", "HTML"),
            ("css", "CSS"),
            ("sql", "SQL"),
            ("yaml", "YAML"),
            ("json", "JSON"),
        ],
        default="text",
    )
    code = blocks.TextBlock(label=_("code"))

    class Meta:
        icon = "code"
        group = GROUP_TEXT
        label = _("Code")
        description = _("Un extrait de code ou de configuration, affiché tel quel.")
        template = "courses/blocks/code.html"
        preview_value = {
            "language": "bash",
            "code": "git clone https://github.com/numerique-gouv/exemple.git\ncd exemple",
        }


class KeyTakeawaysBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titre"), default="À retenir", max_length=100)
    items = blocks.ListBlock(blocks.CharBlock(label=_("point clé"), max_length=300), min_num=1)

    class Meta:
        icon = "list-ul"
        group = GROUP_TEXT
        label = _("À retenir")
        description = _("Les points essentiels de la leçon, mis en exergue en fin de partie.")
        template = "courses/blocks/key_takeaways.html"
        preview_value = {
            "title": "À retenir",
            "items": [
                "Le RGAA compte 106 critères.",
                "Une déclaration d’accessibilité est obligatoire.",
            ],
        }
