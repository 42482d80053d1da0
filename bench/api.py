"""The HR API's completions for a direction: one page of 500 completed enrolments, asked by an
HR client (OAuth 2.0 client credentials, scope `records:read`, the direction as its unit)
through the whole stack (WSGI handler, middleware, authentication, throttling, audit), against
a hand-written SQL query of the same rows serialised with `json.dumps`.

The client is created for the run and deleted at the end (its audit events stay: the log is
append-only). The throttling runs as in production but with a rate no benchmark reaches, so
that no call is answered 429 (bench-only override of `API_CLIENT_RATE`).
"""

import base64
import datetime
import json
from urllib.parse import parse_qs, urlsplit

from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from bench.harness import Result, compare, count_queries
from bench.http import local_client
from learners.accounts.models import OrgUnit, User
from learners.api import services
from learners.learning.models import Enrolment

URL = "/api/v1/completions/"
PAGE_SIZE = 500
SMALL_PAGE_SIZE = 50
UNTHROTTLED_RATE = "100000000/hour"

FIELDS = [
    "id",
    "agent",
    "agent_email",
    "path",
    "path_title",
    "status",
    "origin",
    "progress_percent",
    "completed_minutes",
    "enrolled_at",
    "started_at",
    "completed_at",
    "abandoned_at",
    "updated_at",
]
DATES = FIELDS[9:]
ROWS = """SELECT e.id, e.user_id, u.email, e.path_id, p.title, e.status, e.origin,
    e.progress_percent, e.completed_minutes, e.enrolled_at, e.started_at, e.completed_at,
    e.abandoned_at, e.updated_at
FROM learners_enrolment e
JOIN learners_user u ON u.id = e.user_id
JOIN learners_orgunit o ON o.id = u.org_unit_id
JOIN learners_orgunit root ON root.id = %(unit)s AND o.path LIKE root.path || '%%'
JOIN wagtailcore_page p ON p.id = e.path_id
WHERE e.status = %(status)s
ORDER BY e.updated_at, e.id
LIMIT %(limit)s"""


class Caller:
    """An HR client of one unit, with a token obtained from the token endpoint."""

    def __init__(self, unit, name: str):
        self.unit = unit
        self.client, secret = services.create_client(
            name=name, scopes=["records:read"], units=[unit]
        )
        self.http = local_client()
        basic = base64.b64encode(f"{self.client.client_id}:{secret}".encode()).decode()
        response = self.http.post(
            "/api/v1/oauth/token/",
            {"grant_type": "client_credentials", "scope": "records:read"},
            HTTP_AUTHORIZATION=f"Basic {basic}",
        )
        if response.status_code != 200:
            raise RuntimeError(f"No token for the benchmark's client: {response.content!r}")
        self.authorization = f"Bearer {response.json()['access_token']}"

    def completions(self, size: int = PAGE_SIZE) -> bytes:
        response = self.http.get(URL, {"page_size": size}, HTTP_AUTHORIZATION=self.authorization)
        if response.status_code != 200:
            raise RuntimeError(f"{URL} answered {response.status_code}: {response.content!r}")
        return response.content

    def delete(self):
        self.client.application.delete()  # the client and its tokens with it


def _aware(value):
    """SQLite's cursor gives naive datetimes (or text), in UTC."""
    if isinstance(value, str):
        value = parse_datetime(value)
    return value.replace(tzinfo=datetime.UTC) if timezone.is_naive(value) else value


def _datetime(value):
    """As the API writes it: in the current time zone, ISO 8601, "Z" for UTC."""
    if value is None:
        return None
    text = timezone.localtime(_aware(value)).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def completions_with_sql(unit_id: int, size: int = PAGE_SIZE) -> bytes:
    """The same page with one query and `json.dumps`: records, then the next page's cursor."""
    params = {"unit": unit_id, "status": Enrolment.Status.COMPLETED, "limit": size + 1}
    with connection.cursor() as cursor:
        cursor.execute(ROWS, params)
        rows = cursor.fetchall()
    records = []
    for row in rows[:size]:
        record = dict(zip(FIELDS, row, strict=True))
        for name in DATES:
            record[name] = _datetime(record[name])
        records.append(record)
    cursor = None
    if len(rows) > size:
        last = rows[size - 1]
        raw = json.dumps([_aware(last[13]).isoformat(), last[0]])
        cursor = base64.urlsafe_b64encode(raw.encode()).decode()
    return json.dumps({"next": cursor, "results": records}).encode()


def _cursor(next_url):
    if next_url is None:
        return None
    return parse_qs(urlsplit(next_url).query)["cursor"][0]


def same_page(api: bytes, sql: bytes) -> bool:
    ours, theirs = json.loads(api), json.loads(sql)
    return (
        bool(ours["results"])
        and ours["results"] == theirs["results"]
        and _cursor(ours["next"]) == theirs["next"]
    )


def _unit(manager):
    return manager.managed_units.order_by("path").first()


def run(ctx) -> Result:
    direction, sub_direction = _unit(ctx.direction_manager), _unit(ctx.sub_direction_manager)
    with override_settings(API_CLIENT_RATE=UNTHROTTLED_RATE):
        large = Caller(direction, "SIRH — banc d’essai (direction)")
        small = None
        try:
            small = Caller(sub_direction, "SIRH — banc d’essai (sous-direction)")
            ours = large.completions()
            theirs = completions_with_sql(direction.pk)
            same = same_page(ours, theirs)
            same_small = same_page(
                small.completions(SMALL_PAGE_SIZE),
                completions_with_sql(sub_direction.pk, SMALL_PAGE_SIZE),
            )
            campus, baseline = compare(
                large.completions, lambda: completions_with_sql(direction.pk), ctx.settings
            )
            queries = (
                count_queries(lambda: small.completions(SMALL_PAGE_SIZE)),
                count_queries(large.completions),
            )
            queries_small_page = count_queries(lambda: large.completions(SMALL_PAGE_SIZE))
        finally:
            large.delete()
            if small is not None:
                small.delete()
    agents = User.objects.filter(
        is_active=True, org_unit__in=OrgUnit.objects.descendants_of([direction])
    ).count()
    records = len(json.loads(ours)["results"])
    return Result(
        key="api_completions",
        title=(
            f"API completions, direction of {agents:,} agents "
            f"(OAuth2 client, page of {records} records)"
        ),
        unit="ms",
        campus=campus,
        baseline=baseline,
        goal=2.0,
        queries=queries,
        sizes=(
            f"sub-direction, page of {SMALL_PAGE_SIZE}",
            f"direction, page of {PAGE_SIZE}",
        ),
        checks={
            "same records and cursor as the SQL": same and same_small,
            f"same queries for a page of {SMALL_PAGE_SIZE}": queries_small_page == queries[1],
        },
    )
