"""Links to resources outside the campus."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

GROUP_RESOURCES = _("Ressources")


class ExternalResourceBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titre"), max_length=200)
    url = blocks.URLBlock(label=_("adresse"))
    description = blocks.TextBlock(label=_("description"), required=False)

    class Meta:
        icon = "link-external"
        group = GROUP_RESOURCES
        label = _("Ressource externe")
        description = _("Un lien vers un site, un guide ou un outil, ouvert dans un nouvel onglet.")
        template = "courses/blocks/external_resource.html"
        preview_value = {
            "title": "Référentiel général d’amélioration de l’accessibilité (RGAA)",
            "url": "https://accessibilite.numerique.gouv.fr/",
            "description": "Les 106 critères et leurs tests.",
        }
