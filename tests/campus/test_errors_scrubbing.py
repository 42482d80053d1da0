"""`scrub_event`, Sentry's before_send: what leaves for Sentry carries no e-mail address, no
user field but the id, no cookie and no Authorization header, and still says what failed."""

import copy

from campus.error_reporting import scrub_event

ADDRESS = "camille.durand@numerique.gouv.fr"


def sentry_event() -> dict:
    """An event as sentry-sdk's Django integration builds it, with personal data everywhere."""
    return {
        "level": "error",
        "message": f"Certificate not issued to {ADDRESS}",
        "logentry": {"message": "Certificate not issued to %s", "params": [ADDRESS]},
        "exception": {
            "values": [
                {
                    "type": "ValueError",
                    "value": f"No organisation unit for {ADDRESS}",
                    "stacktrace": {
                        "frames": [{"filename": "learners/team/services.py", "lineno": 42}]
                    },
                }
            ]
        },
        "breadcrumbs": {
            "values": [
                {"category": "learners", "message": f"Reminder sent to {ADDRESS}"},
                {"category": "query", "message": "SELECT 1", "data": {"to": [ADDRESS]}},
            ]
        },
        "user": {
            "id": "42",
            "email": ADDRESS,
            "username": "camille.durand",
            "name": "Camille Durand",
            "ip_address": "192.0.2.7",
        },
        "request": {
            "url": "https://campus.example/equipe/export/",
            "query_string": "agent=camille.durand%40numerique.gouv.fr",
            "method": "POST",
            "cookies": {"sessionid": "s3ss10n", "csrftoken": "t0k3n"},
            "headers": {
                "Cookie": "sessionid=s3ss10n",
                "Authorization": "Bearer s3cr3t",
                "X-Csrftoken": "t0k3n",
                "User-Agent": "Firefox",
            },
            "data": {"first_name": "Camille", "email": ADDRESS},
        },
        "tags": {"request_id": "0f3c"},
        "extra": {"recipients": [ADDRESS, "dinum@numerique.gouv.fr"]},
    }


def test_errors_scrubbing_removes_every_email_address():
    """Messages, exception values, breadcrumbs, query strings, extras: no address is left."""
    scrubbed = scrub_event(sentry_event(), {})
    text = repr(scrubbed)
    assert "@" not in text
    assert "%40numerique" not in text
    assert scrubbed["exception"]["values"][0]["value"] == "No organisation unit for [e-mail]"
    assert scrubbed["breadcrumbs"]["values"][0]["message"] == "Reminder sent to [e-mail]"


def test_errors_scrubbing_keeps_only_the_user_id():
    """The user is known by id alone: no e-mail, username, name or IP address."""
    assert scrub_event(sentry_event(), {})["user"] == {"id": "42"}
    event = sentry_event()
    event["user"] = {"email": ADDRESS, "ip_address": "192.0.2.7"}
    assert "user" not in scrub_event(event, {})


def test_errors_scrubbing_drops_cookies_authorization_and_bodies():
    """Cookies, Authorization, CSRF headers and request bodies are removed; other headers stay."""
    request = scrub_event(sentry_event(), {})["request"]
    assert "cookies" not in request
    assert "data" not in request
    assert request["headers"] == {"User-Agent": "Firefox"}


def test_errors_scrubbing_keeps_what_diagnoses_the_error():
    """Level, exception type, stack frames, URL, method and tags are untouched."""
    original = sentry_event()
    scrubbed = scrub_event(copy.deepcopy(original), {})
    assert scrubbed["level"] == "error"
    exception = scrubbed["exception"]["values"][0]
    assert exception["type"] == "ValueError"
    assert exception["stacktrace"] == original["exception"]["values"][0]["stacktrace"]
    assert scrubbed["request"]["url"] == original["request"]["url"]
    assert scrubbed["request"]["method"] == "POST"
    assert scrubbed["tags"] == {"request_id": "0f3c"}
