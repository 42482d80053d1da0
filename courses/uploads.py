"""Upload limits of the media library (settings.WAGTAILDOCS_DOCUMENT_FORM_BASE).

Extensions are checked by Wagtail (WAGTAILDOCS_EXTENSIONS, WAGTAILIMAGES_EXTENSIONS, no SVG);
the size of documents is checked here (images: WAGTAILIMAGES_MAX_UPLOAD_SIZE, by Wagtail).
"""

from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm


def max_upload_size(filename: str) -> int:
    """Audio and video files may be larger than office documents."""
    extension = PurePosixPath(filename).suffix.lower().lstrip(".")
    if extension in settings.COURSES_VIDEO_EXTENSIONS + settings.COURSES_AUDIO_EXTENSIONS:
        return settings.MEDIA_FILE_MAX_UPLOAD_SIZE
    return settings.DOCUMENT_MAX_UPLOAD_SIZE


class CampusDocumentForm(BaseDocumentForm):
    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and getattr(file, "size", None) is not None:
            limit = max_upload_size(file.name)
            if file.size > limit:
                raise ValidationError(
                    _("Ce fichier pèse %(size)s ; la taille maximale est de %(limit)s.")
                    % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)}
                )
        return file
