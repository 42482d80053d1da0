"""An agent downloads their confirmed seat as an iCalendar event ("Ajouter à mon agenda"); no
one else can, and a waitlisted or cancelled registration has none."""

import datetime

import pytest
from django.urls import reverse

from learners.factories import UserFactory
from learners.learning import services as learning_services
from learners.sessions import services as sessions_services
from learners.sessions.calendar import _fold
from learners.sessions.models import SessionRegistration
from tests.learners.builders import learning_path, session_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def seat():
    path = learning_path(
        title="Atelier, audit; accessibilité", quiz=False, session_module=True, capacity=1
    )
    session = session_of(path)
    session.location = "Paris — 20 avenue de Ségur, salle 4.12"
    session.save()
    agent = UserFactory()
    learning_services.enrol(user=agent, path=path)
    registration = sessions_services.register_for_session(user=agent, session=session)
    return agent, registration


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_views_session_calendar_owner_gets_the_event(client, seat):
    agent, registration = seat
    session = registration.session
    client.force_login(agent)
    response = client.get(reverse("registration_calendar", args=[registration.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="session-')
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    lines = unfold(body)
    start = session.start.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    end = session.end.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    assert f"DTSTART:{start}" in lines and f"DTEND:{end}" in lines
    assert f"SUMMARY:{session.course.title}".replace(",", "\\,").replace(";", "\\;") in lines
    assert "LOCATION:Paris — 20 avenue de Ségur\\, salle 4.12" in lines
    assert any(line.startswith(f"UID:campus-session-{session.pk}-") for line in lines)


def test_views_session_calendar_refused_to_others(client, seat):
    _agent, registration = seat
    url = reverse("registration_calendar", args=[registration.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


def test_views_session_calendar_only_for_a_confirmed_seat(client, seat):
    agent, registration = seat
    other = UserFactory()
    learning_services.enrol(user=other, path=registration.session.course.get_parent().specific)
    waiting = sessions_services.register_for_session(user=other, session=registration.session)
    assert waiting.status == SessionRegistration.Status.WAITLISTED
    client.force_login(other)
    assert client.get(reverse("registration_calendar", args=[waiting.pk])).status_code == 404

    sessions_services.cancel_registration(user=agent, registration=registration)
    client.force_login(agent)
    response = client.get(reverse("registration_calendar", args=[registration.pk]))
    assert response.status_code == 404


def test_views_session_calendar_link_shown_with_the_seat(client, seat):
    agent, registration = seat
    client.force_login(agent)
    url = reverse("registration_calendar", args=[registration.pk])
    assert url in client.get(reverse("dashboard")).content.decode()
    learning = reverse("learning_activity", args=[registration.session.course_id])
    assert url in client.get(learning).content.decode()


def test_views_session_calendar_folding_keeps_characters_whole():
    line = "DESCRIPTION:" + "é" * 100
    folded = _fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


def test_views_session_calendar_no_property_can_be_injected(client, seat, mailoutbox):
    """Line breaks of any kind (a bare CR too) and control characters in a session's place or
    a module's title stay inside their property, in the download and in the e-mail."""
    agent, registration = seat
    session = registration.session
    session.location = "Salle 1\rATTENDEE:mailto:x@evil.example\nURL:https://evil.example\x0b\x01"
    session.save()
    client.force_login(agent)
    body = client.get(reverse("registration_calendar", args=[registration.pk])).content.decode()
    properties = [line.split(":", 1)[0].split(";", 1)[0] for line in unfold(body) if line]
    assert "ATTENDEE" not in properties and properties.count("URL") == 1
    assert "\r" not in body.replace("\r\n", "") and "\x0b" not in body and "\x01" not in body
    [location] = [line for line in unfold(body) if line.startswith("LOCATION:")]
    assert location.startswith("LOCATION:Salle 1\\nATTENDEE:mailto:x@evil.example\\nURL:https")

    from learners.sessions.tasks import send_session_confirmed

    mailoutbox.clear()
    send_session_confirmed.call(registration.pk, "injection-check")
    [(_name, event, _type)] = mailoutbox[0].attachments
    raw = mailoutbox[0].message().as_bytes().decode("utf-8", "replace")
    attached = raw[raw.index("BEGIN:VCALENDAR") :]  # the event as the mail transport sends it
    assert "\nATTENDEE" not in attached and "\nURL:https://evil" not in attached
    assert "ATTENDEE" not in [line.split(":", 1)[0] for line in unfold(event)]
