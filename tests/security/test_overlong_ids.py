"""Every URL with a numeric parameter answers 404, never 500, to a number no database column
holds (20 digits: beyond a signed 64-bit integer), for each role that may open it.

Routes come from the resolver (tests/security/urls.py: ours, with Wagtail's own admin left to
Wagtail); each numeric parameter gets the overlong value, the others a plausible one.
"""

import re

import pytest

from tests.security.urls import collect_patterns

pytestmark = pytest.mark.django_db

OVERLONG = "9" * 20
# A route's numeric parameters, as Django writes them in `str(pattern)`: <int:name> and our
# bounded <id:name>; regex routes (Wagtail viewsets) with a digits group.
NUMERIC = re.compile(r"<(?:int|id):\w+>")
OTHER = re.compile(r"<(?:(?:str|slug|path|code):)?\w+>")
REGEX_DIGITS = re.compile(r"\(\?P<\w+>(?:\[0-9\]|\\d)\+\)")
ROLES = ("agent", "manager", "administrator")


def numeric_routes() -> list[str]:
    return sorted(
        route
        for route in collect_patterns()
        if not route.startswith("page:") and (NUMERIC.search(route) or REGEX_DIGITS.search(route))
    )


def overlong_url(route: str) -> str:
    url = NUMERIC.sub(OVERLONG, route)
    url = REGEX_DIGITS.sub(OVERLONG, url)
    url = OTHER.sub("x", url)
    return "/" + url.lstrip("^").rstrip("$").replace("\\", "")


def test_overlong_ids_every_numeric_route_is_covered():
    """The walk finds the routes it must (the issue's Open Badges one among them)."""
    routes = numeric_routes()
    assert any(route.startswith("openbadges/achievements/") for route in routes)
    assert len(routes) >= 15


@pytest.mark.parametrize("route", numeric_routes())
def test_overlong_ids_answer_404(client, world, route):
    url = overlong_url(route)
    for role in ROLES:
        client.force_login(world.user(role))
        response = client.get(url)
        if response.status_code == 301:  # APPEND_SLASH: the route did not match
            response = client.get(response["Location"])
        assert response.status_code in {404, 403, 302, 405}, (role, url, response.status_code)
