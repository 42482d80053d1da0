"""The Learning Record Store's statements resource, over HTTP (xAPI 1.0.3, HTTP Basic)."""

from dataclasses import dataclass

import requests
from django.conf import settings

XAPI_VERSION_HEADER = {"X-Experience-API-Version": "1.0.3"}


@dataclass(frozen=True)
class Answer:
    """What the LRS answered: `status` is None when it could not be reached."""

    status: int | None
    text: str = ""

    @property
    def stored(self) -> bool:
        return self.status in (200, 204)

    @property
    def conflict(self) -> bool:
        """A statement with one of these ids is already stored (with other content)."""
        return self.status == 409

    @property
    def rejected(self) -> bool:
        """The LRS refused the content itself (a retry of the same batch would fail alike)."""
        return self.status in (400, 413)


def statements_url() -> str:
    return f"{settings.XAPI_LRS_URL}/xAPI/statements"


def auth() -> tuple[str, str] | None:
    if settings.XAPI_LRS_USERNAME:
        return (settings.XAPI_LRS_USERNAME, settings.XAPI_LRS_PASSWORD)
    return None


def post_statements(statements: list[dict], *, session=None) -> Answer:
    """POST a batch of statements; any network failure is an `Answer` without status."""
    http = session or requests
    try:
        response = http.post(
            statements_url(),
            json=statements,
            auth=auth(),
            headers=XAPI_VERSION_HEADER,
            timeout=settings.XAPI_LRS_TIMEOUT,
        )
    except requests.RequestException as error:
        return Answer(None, f"{type(error).__name__}: {error}"[:1000])
    return Answer(response.status_code, response.text[:1000])


def get_statements(**params) -> list[dict]:
    """Read statements back (tests, the administrators' checks): every page of the answer."""
    found: list[dict] = []
    url, query = statements_url(), params
    while url:
        response = requests.get(
            url,
            params=query,
            auth=auth(),
            headers=XAPI_VERSION_HEADER,
            timeout=settings.XAPI_LRS_TIMEOUT,
        )
        response.raise_for_status()
        body = response.json()
        found.extend(body.get("statements", []))
        more = body.get("more")
        url = (settings.XAPI_LRS_URL + more) if more else ""
        query = None
    return found
