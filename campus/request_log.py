"""One log line per request, and a request id that ties together everything logged or reported
while serving it.

`RequestLogMiddleware`, first in MIDDLEWARE, gives each request an id — the reverse proxy's
`X-Request-ID` when it is a safe token, a new one otherwise — returns it in the response's
`X-Request-ID`, and when the response is ready logs one line on the `campus.request` logger:
method, path, status, duration in milliseconds, the id and the user's id (never an e-mail
address). While the request is served, `current()` gives its context to the log formatter
(campus/log_format.py) and to the error reports (campus/error_reporting.py); with Sentry on, the
ids also go on the request's trace.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sentry_sdk

if TYPE_CHECKING:  # imported by the log formatter, before Django is set up (gunicorn's master)
    from django.http import HttpRequest, HttpResponseBase

logger = logging.getLogger("campus.request")

HEADER = "X-Request-ID"
# What a proxy sends (a UUID, nginx's $request_id): letters, digits, - _ . only, so that an id
# can go into a log line or a header as it is, and long enough not to collide by chance.
SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,128}$")


@dataclass(frozen=True)
class RequestContext:
    request_id: str
    request: HttpRequest

    def user_id(self, load: bool = False) -> str | None:
        """The signed-in user's id. Without `load`, only if the request has already loaded its
        user (Django's AuthenticationMiddleware keeps it in `_cached_user`): a log line must not
        query the database."""
        if load:
            user = getattr(self.request, "user", None)
        else:
            user = getattr(self.request, "_cached_user", None)
        try:
            return str(user.pk) if user is not None and user.is_authenticated else None
        except Exception:  # noqa: BLE001 - a broken session or database: no id, and no new error
            return None


_current: ContextVar[RequestContext | None] = ContextVar("campus_request", default=None)


def current() -> RequestContext | None:
    """The context of the request being served in this thread, if any."""
    return _current.get()


def request_id_for(request: HttpRequest) -> str:
    """The proxy's request id when it is a safe token, a new random one otherwise."""
    incoming = request.headers.get(HEADER, "")
    return incoming if SAFE_REQUEST_ID.match(incoming) else uuid.uuid4().hex


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        started = time.perf_counter()
        context = RequestContext(request_id_for(request), request)
        request.request_id = context.request_id
        token = _current.set(context)
        try:
            response = self.get_response(request)
            response[HEADER] = context.request_id
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            user_id = context.user_id(load=True)
            if sentry_sdk.get_client().is_active():
                # The request's trace is sent once the response is closed, after this returns:
                # its ids go on the request's own scope (the error events get them when
                # captured, campus/error_reporting.py).
                scope = sentry_sdk.get_isolation_scope()
                scope.set_tag("request_id", context.request_id)
                scope.set_user({"id": user_id} if user_id else None)
            logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": duration_ms,
                    "user_id": user_id,
                },
            )
            return response
        finally:
            _current.reset(token)
