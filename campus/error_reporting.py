"""Unhandled errors reach someone, without the agents' personal data.

With SENTRY_DSN set, `init_sentry` (called by the settings) sends errors, and the traces of a
share of the requests (SENTRY_TRACES_SAMPLE_RATE) to find the slow ones, to Sentry through
sentry-sdk's Django integration. Nothing personal is collected: no user fields, cookies, query
strings, request bodies or local variables (`data_collection`, which supersedes
`send_default_pii=False`), and `before_send` removes what could still carry some
(`scrub_event`). It adds the request id and the user's id, so that an event can be matched with
the logs (campus/request_log.py).

Without SENTRY_DSN, Django e-mails unhandled errors to ADMINS instead (campus/error_emails.py).

Imported by the settings: nothing here imports Django's machinery at module level.
"""

from campus import request_log
from campus.redaction import redact

# Headers that carry credentials or session identifiers.
SECRET_HEADERS = {"cookie", "authorization", "proxy-authorization", "x-csrftoken"}


def init_sentry(*, dsn: str, traces_sample_rate: float, environment: str) -> None:
    """Send errors and sampled request traces to the Sentry project of `dsn`."""
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        # Transactions are named after URL patterns (/parcours/<int:pk>/), never actual URLs.
        integrations=[DjangoIntegration(transaction_style="url")],
        traces_sample_rate=traces_sample_rate,
        # send_default_pii=False, in the terms of sentry-sdk 2.75 (which deprecates that flag),
        # and stricter: no user fields, cookies, query strings, bodies, SQL parameters or local
        # variables; headers without the sensitive ones (Authorization, Cookie, …).
        data_collection={
            "user_info": False,
            "cookies": {"mode": "off"},
            "http_headers": {"request": {"mode": "denylist"}},
            "http_bodies": [],
            "url_query_params": {"mode": "off"},
            "graphql": {"document": False, "variables": False},
            "gen_ai": {"inputs": False, "outputs": False},
            "database_query_data": False,
            "queues": False,
            "stack_frame_variables": False,
        },
        max_request_body_size="never",
        before_send=before_send,
        before_send_transaction=before_send,
    )


def before_send(event: dict, hint: dict) -> dict:
    """Sentry's last look at an event: the request's ids added, personal data removed."""
    context = request_log.current()
    if context is not None:
        event.setdefault("tags", {})["request_id"] = context.request_id
        user_id = context.user_id(load=True)
        # The request's own user, or none: never one a shared scope kept from another request.
        event.pop("user", None)
        if user_id is not None:
            event["user"] = {"id": user_id}
    return scrub_event(event, hint)


def scrub_event(event: dict, hint: dict | None = None) -> dict:
    """`event` without e-mail addresses (in any text), user fields but the id, cookies,
    credentials headers or request body."""
    user = event.pop("user", None)
    if isinstance(user, dict) and user.get("id") is not None:
        event["user"] = {"id": str(user["id"])}
    request = event.get("request")
    if isinstance(request, dict):
        request.pop("cookies", None)
        request.pop("data", None)
        headers = request.get("headers")
        if isinstance(headers, dict):
            request["headers"] = {
                name: value for name, value in headers.items() if name.lower() not in SECRET_HEADERS
            }
    return redact(event)
