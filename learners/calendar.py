"""iCalendar (RFC 5545) event of a session the agent has a seat in, for their own calendar
(Outlook, Thunderbird, agenda de l'État…): "Ajouter à mon agenda"."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

PRODUCT_ID = "-//DINUM//Campus du numerique public//FR"


def _escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 §3.3.11)."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


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


def session_event(registration) -> str:
    """The VCALENDAR text of the registration's session (UTC times, stable UID: importing it
    again updates the event instead of adding a second one)."""
    session = registration.session
    module = session.course
    host = urlsplit(settings.SITE_URL).hostname or "campus"
    learning_url = settings.SITE_URL + reverse("learning_activity", args=[module.pk])
    description = [module.title]
    if session.visio_url:
        description.append(f"Visioconférence : {session.visio_url}")
    description.append(f"Votre parcours : {learning_url}")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:campus-session-{session.pk}-registration-{registration.pk}@{host}",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART:{_utc(session.start)}",
        f"DTEND:{_utc(session.end)}",
        f"SUMMARY:{_escape(module.title)}",
        f"DESCRIPTION:{_escape(chr(10).join(description))}",
        f"URL:{session.visio_url or learning_url}",
        "STATUS:CONFIRMED",
        "TRANSP:OPAQUE",
    ]
    location = session.location or (session.visio_url and "Visioconférence")
    if location:
        lines.append(f"LOCATION:{_escape(location)}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(_fold(line) + "\r\n" for line in lines)
