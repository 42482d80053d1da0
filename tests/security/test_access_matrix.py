"""Access-control matrix: every URL pattern of the campus × every role, with the expected outcome.

The URL patterns are collected from the resolver (tests/security/urls.py): a pattern without an
entry in EXPECTATIONS fails `test_matrix_every_url_pattern_has_expectations`, so a new URL
cannot ship without someone deciding who may open it. Wagtail's built-in admin views are
left out by an explicit prefix allowlist (see urls.py); our admin views are in.

Outcomes: 200, 403, 404, 405 (POST-only endpoint opened with GET), 401, LOGIN (302 to the login
page), REDIRECT (302/301 elsewhere: e.g. a POST endpoint sending GET back to its page),
ADMIN_DENIED (Wagtail's "permission denied": 302 to the admin home). Requests are GETs only.
Every 200 response also carries the campus's security headers (tests/campus/security.py).
"""

import pytest

from tests.campus.security import assert_security_headers
from tests.security.matrix_urls import URLS
from tests.security.urls import collect_patterns
from tests.security.world import ROLES

pytestmark = pytest.mark.django_db

LOGIN = "login"
REDIRECT = "redirect"
ADMIN_DENIED = "admin-denied"


def row(anonymous, agent, other_agent, manager, other_manager, trainer, reviewer, administrator):
    return dict(
        zip(
            ROLES,
            (
                anonymous,
                agent,
                other_agent,
                manager,
                other_manager,
                trainer,
                reviewer,
                administrator,
            ),
            strict=True,
        )
    )


def everyone(outcome):
    return row(*[outcome] * 8)


def signed_in(outcome, anonymous=LOGIN):
    return row(anonymous, *[outcome] * 7)


# The agent owns the object of the URL (attempt, registration, certificate); the other agent is
# enrolled in the same path but owns other objects: 404 for them (ids are not disclosed).
OWNER_ONLY = row(LOGIN, 200, 404, 404, 404, 404, 404, 404)
OWNER_OR_ADMIN = row(LOGIN, 200, 404, 404, 404, 404, 404, 200)
# Enrolled agents only (both agents are enrolled in the path; staff are not).
ENROLLED = row(LOGIN, 200, 200, 403, 403, 403, 403, 403)
# Manager pages: managers and administrators; agents, trainers and reviewers 403.
TEAM = row(LOGIN, 403, 403, 200, 200, 403, 403, 200)
# A unit / agent / campaign of unit A: the manager of B gets 404 (outside their scope).
TEAM_OF_A = row(LOGIN, 403, 403, 200, 404, 403, 403, 200)
# An export is downloaded by whoever requested it only (the manager of A), not even admins.
EXPORT_OF_A = row(LOGIN, 403, 403, 200, 404, 403, 403, 404)
# Admin views of administrators only (certificates, audit log); trainers/reviewers reach the
# admin but not these; other users are sent to the login (no admin access).
ADMIN_ONLY = row(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, 403, 403, 200)
# Views that the read-only admin viewsets refuse to everyone (nothing is added or edited).
ADMIN_NOBODY = row(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, 403, 403, 403)
ATTENDANCE = row(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, 200, ADMIN_DENIED, 200)
# "Statistiques des parcours" (aggregated figures of the live paths): the people who build the
# paths; agents and managers have no admin access (login).
PATH_STATISTICS = row(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, 200, 200, 200)
# The catalogue's snippets (themes, skills): administrators only (courses/migrations/0004);
# trainers and reviewers reach the admin but not these.
SNIPPETS = row(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, ADMIN_DENIED, ADMIN_DENIED, 200)
# The package listing's views that add, edit or delete: nobody (Wagtail sends back to the admin).
PACKAGES_NOBODY = row(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, ADMIN_DENIED, ADMIN_DENIED, ADMIN_DENIED)
# allauth pages for signed-out visitors only (signed-in users are sent home).
SIGNED_OUT_ONLY = row(200, *[REDIRECT] * 7)

EXPECTATIONS = {
    "healthz": everyone(200),
    "i18n/setlang/": everyone(REDIRECT),  # GET without `next`: back home, language unchanged
    "cms/login/": everyone(LOGIN),
    "cms/presences/": ATTENDANCE,
    "cms/presences/<id:session_id>/": ATTENDANCE,
    "documents/^(\\d+)/(.*)$": everyone(404),
    "documents/authenticate_with_password/<int:restriction_id>/": everyone(404),
    # allauth and ProConnect.
    "comptes/profil/": signed_in(200),
    "comptes/logout/": row(REDIRECT, *[200] * 7),
    "comptes/login/": SIGNED_OUT_ONLY,
    "comptes/signup/": SIGNED_OUT_ONLY,
    "comptes/inactive/": everyone(200),
    "comptes/reauthenticate/": signed_in(200),
    "comptes/reauthenticate/code/": signed_in(200),
    "comptes/reauthenticate/code/confirm/": signed_in(REDIRECT),
    "comptes/email/": signed_in(200),
    "comptes/confirm-email/": everyone(200),
    "comptes/password/change/": signed_in(200),
    "comptes/password/set/": signed_in(REDIRECT),  # they have a password: to "change"
    "comptes/password/reset/": everyone(200),
    "comptes/login/code/confirm/": signed_in(REDIRECT),
    "comptes/^confirm-email/(?P<key>[-:\\w]+)/$": everyone(200),  # "invalid link" page
    "comptes/password/reset/key/done/": everyone(200),
    "comptes/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": everyone(200),
    "comptes/password/reset/done/": everyone(200),
    "comptes/2fa/": signed_in(200),
    "comptes/2fa/authenticate/": signed_in(REDIRECT),
    "comptes/2fa/reauthenticate/": signed_in(REDIRECT),
    "comptes/2fa/totp/activate/": signed_in(REDIRECT),  # reauthentication first
    "comptes/2fa/totp/deactivate/": signed_in(404),  # no TOTP set up
    "comptes/2fa/recovery-codes/": signed_in(404),
    "comptes/2fa/recovery-codes/generate/": signed_in(REDIRECT),
    "comptes/2fa/recovery-codes/download/": signed_in(404),
    "comptes/3rdparty/login/cancelled/": everyone(200),
    "comptes/3rdparty/login/error/": everyone(401),
    "comptes/3rdparty/signup/": everyone(LOGIN),  # no pending social login
    "comptes/3rdparty/": signed_in(200),
    "comptes/social/login/cancelled/": everyone(LOGIN),
    "comptes/social/login/error/": everyone(LOGIN),
    "comptes/social/signup/": everyone(REDIRECT),
    "comptes/social/connections/": everyone(REDIRECT),
    "comptes/proconnect/login/": everyone(LOGIN),  # GET: back to the login page (POST-only)
    "comptes/proconnect/callback/": everyone(LOGIN),  # no pending state: back to login
    "comptes/proconnect/logout/": everyone(405),
    "comptes/proconnect/relier/": signed_in(200),  # Mon compte › ProConnect
    # Site pages.
    "accessibilite/": everyone(200),
    "mentions-legales/": everyone(200),
    "donnees-personnelles/": everyone(200),
    "plan-du-site/": everyone(200),
    "catalogue/": everyone(200),
    "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": everyone(404),
    "_util/login/": everyone(200),
    **{
        f"page:{name}": everyone(200)
        for name in (
            "HomePage",
            "CatalogPage",
            "TrainingPathPage",
            "CoursePage",
            "LessonPage",
            "QuizPage",
            "ScormActivityPage",
            "H5PActivityPage",
        )
    },
    # Learning space.
    "mon-espace/": signed_in(200),
    "parcours/<id:path_id>/inscription/": signed_in(REDIRECT),  # GET: back to the path page
    "parcours/<id:path_id>/abandon/": row(LOGIN, 200, 200, 404, 404, 404, 404, 404),
    "parcours/<id:path_id>/reprendre/": row(LOGIN, REDIRECT, REDIRECT, 404, 404, 404, 404, 404),
    "apprendre/<id:activity_id>/": ENROLLED,
    "apprendre/<id:activity_id>/terminer/": signed_in(REDIRECT),  # GET: back to the activity
    "apprendre/<id:activity_id>/quiz/": signed_in(REDIRECT),
    "apprendre/<id:activity_id>/paquet/": everyone(405),  # POST only (JSON commits)
    "apprendre/tentatives/<id:attempt_id>/": OWNER_ONLY,
    "apprendre/sessions/<id:session_id>/inscription/": signed_in(REDIRECT),
    "apprendre/inscriptions/<id:registration_id>/annulation/": OWNER_ONLY,
    "apprendre/inscriptions/<id:registration_id>/agenda.ics": OWNER_ONLY,
    # Certificates and Open Badges.
    "certificats/verifier/": everyone(200),
    "certificats/verifier/<slug:public_id>/": everyone(200),
    "certificats/statut/<slug:public_id>": everyone(200),
    "mon-espace/certificats/<slug:public_id>/attestation.pdf": OWNER_OR_ADMIN,
    "mon-espace/certificats/<slug:public_id>/credential.jwt": OWNER_OR_ADMIN,
    "mon-espace/certificats/<slug:public_id>/renouveler/": signed_in(405),
    "openbadges/issuer": everyone(200),
    "openbadges/jwks.json": everyone(200),
    "openbadges/keys/<slug:thumbprint>": everyone(404),
    "openbadges/achievements/<id:path_id>": everyone(200),
    "openbadges/verify": everyone(405),
    # Managers.
    "equipe/": TEAM,
    "equipe/unites/<id:unit_id>/": TEAM_OF_A,
    "equipe/agents/<id:user_id>/": TEAM_OF_A,
    "^equipe/export/(?P<table>agents|parcours)\\.(?P<fmt>csv|xlsx|ods)$": TEAM,
    "equipe/exports/<id:export_id>/": EXPORT_OF_A,
    "equipe/exports/<id:export_id>/telecharger/": EXPORT_OF_A,
    "equipe/campagnes/": TEAM,
    "equipe/campagnes/nouvelle/": TEAM,
    "equipe/campagnes/<id:campaign_id>/": TEAM_OF_A,
    "equipe/import/": row(LOGIN, 403, 403, 403, 403, 403, 403, 200),
    # RGPD: "Mes données" (every signed-in user, about themselves) and the erasure requests.
    "mon-espace/mes-donnees/": signed_in(200),
    "mon-espace/mes-donnees.json": signed_in(200),
    "mon-espace/mes-donnees.zip": signed_in(200),
    "mon-espace/mes-donnees/effacement/": signed_in(405),
    # Wagtail turns the PermissionDenied of hook-registered admin views into ADMIN_DENIED.
    "cms/effacements/": row(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, ADMIN_DENIED, ADMIN_DENIED, 200),
    "cms/effacements/<id:request_id>/confirmer/": row(
        LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, ADMIN_DENIED, ADMIN_DENIED, 405
    ),
    "cms/statistiques-parcours/": PATH_STATISTICS,
    "cms/statistiques-parcours/<id:path_id>/": PATH_STATISTICS,  # the world's live path
}

# Our admin viewsets (read-only listings with an inspect view; certificates add "revoke").
for _prefix in ("certificats", "journal-audit"):
    for _suffix, _outcome in (
        ("", ADMIN_ONLY),
        ("results/", ADMIN_ONLY),
        ("inspect/<int:pk>/", ADMIN_ONLY),
        ("new/", ADMIN_NOBODY),
        ("edit/<int:pk>/", ADMIN_NOBODY),
        ("delete/<int:pk>/", ADMIN_NOBODY),
        ("copy/<int:pk>/", ADMIN_NOBODY),
        ("history/<int:pk>/", ADMIN_NOBODY),
        ("history-results/<int:pk>/", ADMIN_NOBODY),
        ("usage/<int:pk>/", ADMIN_NOBODY),
    ):
        EXPECTATIONS[f"cms/{_prefix}/{_suffix}"] = _outcome
EXPECTATIONS["cms/certificats/revoke/<id:pk>/"] = ADMIN_ONLY
# The API's clients: administrators create, edit and delete them.
for _suffix in ("", "results/", "new/", "edit/<int:pk>/", "delete/<int:pk>/", "copy/<int:pk>/"):
    EXPECTATIONS[f"cms/clients-api/{_suffix}"] = ADMIN_ONLY
for _suffix in ("history/<int:pk>/", "history-results/<int:pk>/", "usage/<int:pk>/"):
    EXPECTATIONS[f"cms/clients-api/{_suffix}"] = ADMIN_ONLY
# The API: a signed-in session is no token (401 for every role); public endpoints answer all.
EXPECTATIONS.update(
    {
        "api/v1/schema/": everyone(200),
        "api/v1/docs/": everyone(200),
        "api/v1/oauth/token/": everyone(405),
        "api/v1/catalogue/": everyone(200),
        "api/v1/catalogue/<id:id>/": everyone(200),
        "api/v1/certificates/verify/": everyone(400),
        "api/v1/completions/": everyone(401),
        "api/v1/statistics/": everyone(200),
        "api/v1/organisation/import/": everyone(401),
        # Open statistics: public.
        "statistiques/": everyone(200),
        "statistiques/statistiques-campus.csv": everyone(200),
        "statistiques/schema.json": everyone(200),
    }
)
for _name in ("agents", "enrolments", "certificates", "campaigns", "assignments"):
    EXPECTATIONS[f"api/v1/{_name}/"] = everyone(401)
    EXPECTATIONS[f"api/v1/{_name}/<id:id>/"] = everyone(401)
# SCORM and H5P packages: a read-only listing for administrators.
for _suffix, _outcome in (
    ("", SNIPPETS),
    ("results/", SNIPPETS),
    ("inspect/<int:pk>/", SNIPPETS),
    ("new/", PACKAGES_NOBODY),
    ("edit/<int:pk>/", PACKAGES_NOBODY),
    ("delete/<int:pk>/", PACKAGES_NOBODY),
    ("copy/<int:pk>/", PACKAGES_NOBODY),
    ("history/<int:pk>/", PACKAGES_NOBODY),
    ("history-results/<int:pk>/", PACKAGES_NOBODY),
    ("usage/<int:pk>/", PACKAGES_NOBODY),
):
    EXPECTATIONS[f"cms/content_packages/{_suffix}"] = _outcome
for _prefix in ("snippets/courses/theme", "snippets/courses/skilltag"):
    for _suffix in (
        "",
        "results/",
        "add/",
        "edit/<int:pk>/",
        "delete/<int:pk>/",
        "usage/<int:pk>/",
        "history/<int:pk>/",
        "history-results/<int:pk>/",
        "copy/<int:pk>/",
    ):
        EXPECTATIONS[f"cms/{_prefix}/{_suffix}"] = SNIPPETS

CASES = [(route, role) for route in sorted(EXPECTATIONS) for role in ROLES]


def outcome_of(response):
    """The response as one of the matrix's outcomes."""
    code = response.status_code
    if code in (301, 302):
        location = response["Location"]
        if "/login/" in location:
            return LOGIN
        if location.rstrip("/") in ("/cms", "http://testserver/cms"):
            return ADMIN_DENIED
        return REDIRECT
    return code


def test_matrix_every_url_pattern_has_expectations():
    """Every URL pattern of the project (our admin and page types included) has an expectation."""
    patterns = collect_patterns()
    missing = sorted(patterns - set(EXPECTATIONS))
    assert not missing, "URL patterns without access expectations:\n" + "\n".join(missing)
    stale = sorted(set(EXPECTATIONS) - patterns)
    assert not stale, "Expectations for URL patterns that no longer exist:\n" + "\n".join(stale)
    assert set(URLS) >= set(EXPECTATIONS), sorted(set(EXPECTATIONS) - set(URLS))


@pytest.fixture(scope="module")
def matrix_keys(rsa_pem):
    from django.test import override_settings

    with override_settings(OPENBADGES_SIGNING_KEYS=[rsa_pem]):
        yield


@pytest.mark.parametrize(("route", "role"), CASES, ids=[f"{r}|{o}" for r, o in CASES])
def test_matrix_get_outcome(client, world, matrix_keys, route, role):
    """GET of the route by the role gives the outcome in EXPECTATIONS."""
    if role != "anonymous":
        client.force_login(world.user(role))
    url = URLS[route](world)
    response = client.get(url)
    assert outcome_of(response) == EXPECTATIONS[route][role], url
    if response.status_code == 200:
        assert_security_headers(response)
