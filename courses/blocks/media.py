"""Media blocks: image, video (embed or file) and audio with transcripts, document download."""

from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock

from courses import video
from courses.blocks.basics import RICH_TEXT_FEATURES

GROUP_MEDIA = _("Médias")

TRANSCRIPT_HELP = _(
    "Obligatoire : tout ce qui est dit et montré, pour les personnes qui ne peuvent ni voir ni "
    "entendre le média (RGAA, critère 4.1)."
)

PREVIEW_TRANSCRIPT = (
    "<p><b>Formatrice :</b> Bonjour et bienvenue dans ce module consacré à l’accessibilité.</p>"
)


def _extension(document) -> str:
    return PurePosixPath(document.file.name).suffix.lower().lstrip(".")


def _first(model):
    # Block previews show a real file when the media library has one.
    return model.objects.order_by("pk").first()


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("légende"), required=False, max_length=300)

    class Meta:
        icon = "image"
        group = GROUP_MEDIA
        label = _("Image")
        description = _(
            "Une image avec son texte alternatif (obligatoire sauf image décorative) et sa légende."
        )
        template = "courses/blocks/figure.html"

    def get_preview_value(self):
        return {"image": _first(get_image_model()), "caption": "Schéma d’architecture"}


class VideoBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titre de la vidéo"), max_length=200)
    url = blocks.URLBlock(
        label=_("adresse de la vidéo"),
        required=False,
        help_text=_("YouTube, Vimeo, Dailymotion ou une instance PeerTube autorisée."),
    )
    file = DocumentChooserBlock(
        label=_("ou fichier vidéo"), required=False, help_text=_("MP4 ou WebM.")
    )
    transcript = blocks.RichTextBlock(
        label=_("transcription"), features=RICH_TEXT_FEATURES, help_text=TRANSCRIPT_HELP
    )

    class Meta:
        icon = "media"
        group = GROUP_MEDIA
        label = _("Vidéo")
        description = _(
            "Une vidéo hébergée chez un fournisseur autorisé ou déposée, avec sa transcription."
        )
        template = "courses/blocks/video.html"
        preview_value = {
            "title": "Présentation du Campus du numérique public",
            "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "file": None,
            "transcript": PREVIEW_TRANSCRIPT,
        }

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        url, file = value.get("url"), value.get("file")
        if bool(url) == bool(file):
            errors["url"] = ValidationError(
                _("Indiquez soit l’adresse d’une vidéo, soit un fichier vidéo.")
            )
        elif url and video.embed_url(url) is None:
            errors["url"] = ValidationError(
                _("Cette adresse n’est pas celle d’une vidéo d’un fournisseur autorisé.")
            )
        elif file and _extension(file) not in settings.COURSES_VIDEO_EXTENSIONS:
            errors["file"] = ValidationError(_("Choisissez un fichier vidéo (MP4 ou WebM)."))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["embed_url"] = video.embed_url(value["url"]) if value.get("url") else None
        return context


class AudioBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titre"), max_length=200)
    file = DocumentChooserBlock(label=_("fichier audio"), help_text=_("MP3, OGG ou M4A."))
    transcript = blocks.RichTextBlock(
        label=_("transcription"), features=RICH_TEXT_FEATURES, help_text=TRANSCRIPT_HELP
    )

    class Meta:
        icon = "media"
        group = GROUP_MEDIA
        label = _("Audio")
        description = _("Un enregistrement sonore (podcast, témoignage) avec sa transcription.")
        template = "courses/blocks/audio.html"

    def get_preview_value(self):
        return {
            "title": "Témoignage d’une cheffe de projet",
            "file": _first(get_document_model()),
            "transcript": PREVIEW_TRANSCRIPT,
        }

    def clean(self, value):
        value = super().clean(value)
        file = value.get("file")
        if file and _extension(file) not in settings.COURSES_AUDIO_EXTENSIONS:
            raise StructBlockValidationError(
                block_errors={
                    "file": ValidationError(_("Choisissez un fichier audio (MP3, OGG, M4A)."))
                }
            )
        return value


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("intitulé du lien"),
        required=False,
        max_length=200,
        help_text=_("Laisser vide pour reprendre le titre du document."),
    )
    description = blocks.CharBlock(label=_("description"), required=False, max_length=300)

    class Meta:
        icon = "doc-full-inverse"
        group = GROUP_MEDIA
        label = _("Document à télécharger")
        description = _(
            "Un fichier à télécharger (PDF, bureautique ouverte, tableur…), avec son poids."
        )
        template = "courses/blocks/document.html"

    def get_preview_value(self):
        return {
            "document": _first(get_document_model()),
            "title": "Fiche mémo",
            "description": "Deux pages à imprimer",
        }
