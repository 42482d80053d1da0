from django import template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

register = template.Library()

ACTIVITY_KINDS = {
    "lesson": (gettext_noop("Leçon"), "fr-icon-book-2-line"),
    "quiz": (gettext_noop("Quiz"), "fr-icon-questionnaire-line"),
    "session": (gettext_noop("Session"), "fr-icon-calendar-event-line"),
    "scorm": (gettext_noop("Module SCORM"), "fr-icon-play-circle-line"),
    "h5p": (gettext_noop("Contenu H5P"), "fr-icon-questionnaire-line"),
}


@register.filter
def duration(minutes) -> str:
    """90 → "1 h 30", 45 → "45 min", 120 → "2 h"."""
    try:
        minutes = int(minutes or 0)
    except (TypeError, ValueError):
        return ""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return _("%(minutes)s min") % {"minutes": rest}
    if not rest:
        return _("%(hours)s h") % {"hours": hours}
    return _("%(hours)s h %(minutes)02d") % {"hours": hours, "minutes": rest}


@register.filter
def activity_kind_label(kind: str) -> str:
    return _(ACTIVITY_KINDS.get(kind, ("Activité", ""))[0])


@register.filter
def activity_kind_icon(kind: str) -> str:
    return ACTIVITY_KINDS.get(kind, ("", "fr-icon-file-line"))[1]


@register.filter
def hostname(url: str) -> str:
    """ "https://www.data.gouv.fr/fr/" → "www.data.gouv.fr", to say where a link leads."""
    from urllib.parse import urlsplit

    return urlsplit(str(url)).hostname or ""
