"""iCalendar (RFC 5545) event of a session the agent has a seat in, for their own calendar
(Outlook, Thunderbird, agenda de l'État…): "Ajouter à mon agenda"."""

import datetime
import re
import unicodedata
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

PRODUCT_ID = "-//DINUM//Campus du numerique public//FR"


# Every line break a title or place may hold (a bare CR too: mail transports turn it into
# CRLF, which would start a property of its own in the event).
LINE_BREAKS = re.compile("\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")


def _printable(text: str) -> str:
    """`text` without control characters (tabs and newlines kept)."""
    return "".join(c for c in text if c in "\t\n" or unicodedata.category(c) != "Cc")


def _escape(text: str) -> str:
    """TEXT value (RFC 5545 §3.3.11): line breaks become the two characters "\\n", control
    characters are dropped, backslashes, semicolons and commas are escaped."""
    text = _printable(LINE_BREAKS.sub("\n", text))
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _uri(url: str) -> str:
    """URI value: no whitespace nor control character can end the property."""
    return "".join(c for c in url if not c.isspace() and unicodedata.category(c) != "Cc")


def _quoted(text: str) -> str:
    """A parameter value in double quotes (RFC 5545 §3.2: no double quote, no control
    character inside)."""
    return '"' + _printable(LINE_BREAKS.sub(" ", text)).replace('"', "'") + '"'


def _fold(line: str) -> str:
    """Lines of at most 75 octets, continued with a space (RFC 5545 §3.1), never splitting a
    UTF-8 character."""
    parts, current = [], ""
    for char in line:
        limit = 75 if not parts else 74  # continuation lines start with a space
        if len((current + char).encode()) > limit:
            parts.append(current)
            current = char
        else:
            current += char
    parts.append(current)
    return "\r\n ".join(parts)


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def session_event(registration, *, cancelled: bool = False) -> str:
    """The VCALENDAR text of the registration's session (UTC times, stable UID: importing it
    again updates the event instead of adding a second one). `cancelled`: the cancellation of
    that event (METHOD:CANCEL), which calendars apply to the event with the same UID.

    SEQUENCE is the time the text is generated, in seconds: an event downloaded again after the
    session moved, or its cancellation, always supersedes what the calendar holds."""
    session = registration.session
    now = timezone.now()
    module = session.course
    host = urlsplit(settings.SITE_URL).hostname or "campus"
    learning_url = settings.SITE_URL + reverse("learning_activity", args=[module.pk])
    description = [module.title]
    if session.visio_url:
        description.append(_("Visioconférence : %(url)s") % {"url": _uri(session.visio_url)})
    description.append(_("Votre parcours : %(url)s") % {"url": learning_url})
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
        "METHOD:CANCEL" if cancelled else "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:campus-session-{session.pk}-registration-{registration.pk}@{host}",
        f"SEQUENCE:{int(now.timestamp())}",
        f"DTSTAMP:{_utc(now)}",
        f"DTSTART:{_utc(session.start)}",
        f"DTEND:{_utc(session.end)}",
        f"SUMMARY:{_escape(module.title)}",
        f"DESCRIPTION:{_escape(chr(10).join(description))}",
        f"URL:{_uri(session.visio_url or learning_url)}",
        "STATUS:CANCELLED" if cancelled else "STATUS:CONFIRMED",
        "TRANSP:OPAQUE",
    ]
    if cancelled:  # iTIP: a cancellation names its organiser
        organiser = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
        lines.append(f"ORGANIZER;CN={_quoted(settings.CERTIFICATE_ISSUER_NAME)}:mailto:{organiser}")
    location = session.location or (session.visio_url and _("Visioconférence"))
    if location:
        lines.append(f"LOCATION:{_escape(location)}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(_fold(line) + "\r\n" for line in lines)
