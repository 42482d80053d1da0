"""The concrete URL the matrix requests for each route, filled with the agent's own objects."""

from django.urls import reverse


def _page(name):
    return lambda w: w.pages[name].url


def _cert(w):
    return w.agent.certificate


def _admin(prefix):
    return lambda suffix: lambda w: f"/cms/{prefix}/{suffix(w) if callable(suffix) else suffix}"


# route -> builder(world) -> path
URLS = {
    "healthz": lambda w: "/healthz",
    "i18n/setlang/": lambda w: reverse("set_language"),
    "cms/login/": lambda w: "/cms/login/",
    # Admin: attendance, certificates, audit log, catalogue snippets.
    "cms/presences/": lambda w: reverse("learners_attendance_index"),
    "cms/presences/<id:session_id>/": lambda w: reverse(
        "learners_attendance_session", args=[w.session.pk]
    ),
    "documents/^(\\d+)/(.*)$": lambda w: "/documents/999999/absent.pdf",
    "documents/authenticate_with_password/<int:restriction_id>/": lambda w: (
        "/documents/authenticate_with_password/999999/"
    ),
    "comptes/profil/": lambda w: "/comptes/profil/",
    "comptes/logout/": lambda w: "/comptes/logout/",
    "comptes/login/": lambda w: "/comptes/login/",
    "comptes/inactive/": lambda w: "/comptes/inactive/",
    "comptes/signup/": lambda w: "/comptes/signup/",
    "comptes/reauthenticate/": lambda w: "/comptes/reauthenticate/",
    "comptes/reauthenticate/code/": lambda w: "/comptes/reauthenticate/code/",
    "comptes/reauthenticate/code/confirm/": lambda w: "/comptes/reauthenticate/code/confirm/",
    "comptes/email/": lambda w: "/comptes/email/",
    "comptes/confirm-email/": lambda w: "/comptes/confirm-email/",
    "comptes/password/change/": lambda w: "/comptes/password/change/",
    "comptes/password/set/": lambda w: "/comptes/password/set/",
    "comptes/password/reset/": lambda w: "/comptes/password/reset/",
    "comptes/login/code/confirm/": lambda w: "/comptes/login/code/confirm/",
    "comptes/^confirm-email/(?P<key>[-:\\w]+)/$": lambda w: "/comptes/confirm-email/bad-key/",
    "comptes/password/reset/key/done/": lambda w: "/comptes/password/reset/key/done/",
    "comptes/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": lambda w: (
        "/comptes/password/reset/key/zz-bad-key/"
    ),
    "comptes/password/reset/done/": lambda w: "/comptes/password/reset/done/",
    "comptes/2fa/": lambda w: "/comptes/2fa/",
    "comptes/2fa/authenticate/": lambda w: "/comptes/2fa/authenticate/",
    "comptes/2fa/reauthenticate/": lambda w: "/comptes/2fa/reauthenticate/",
    "comptes/2fa/totp/activate/": lambda w: "/comptes/2fa/totp/activate/",
    "comptes/2fa/totp/deactivate/": lambda w: "/comptes/2fa/totp/deactivate/",
    "comptes/2fa/recovery-codes/": lambda w: "/comptes/2fa/recovery-codes/",
    "comptes/2fa/recovery-codes/generate/": lambda w: "/comptes/2fa/recovery-codes/generate/",
    "comptes/2fa/recovery-codes/download/": lambda w: "/comptes/2fa/recovery-codes/download/",
    "comptes/3rdparty/login/cancelled/": lambda w: "/comptes/3rdparty/login/cancelled/",
    "comptes/3rdparty/login/error/": lambda w: "/comptes/3rdparty/login/error/",
    "comptes/3rdparty/signup/": lambda w: "/comptes/3rdparty/signup/",
    "comptes/3rdparty/": lambda w: "/comptes/3rdparty/",
    "comptes/social/login/cancelled/": lambda w: "/comptes/social/login/cancelled/",
    "comptes/social/login/error/": lambda w: "/comptes/social/login/error/",
    "comptes/social/signup/": lambda w: "/comptes/social/signup/",
    "comptes/social/connections/": lambda w: "/comptes/social/connections/",
    "comptes/proconnect/login/": lambda w: reverse("proconnect_login"),
    "comptes/proconnect/callback/": lambda w: reverse("proconnect_callback"),
    "comptes/proconnect/logout/": lambda w: reverse("proconnect_logout"),
    "comptes/proconnect/relier/": lambda w: reverse("proconnect_link"),
    "accessibilite/": lambda w: reverse("accessibility"),
    "mentions-legales/": lambda w: reverse("legal_notice"),
    "donnees-personnelles/": lambda w: reverse("privacy"),
    "plan-du-site/": lambda w: reverse("sitemap"),
    "mon-espace/": lambda w: reverse("dashboard"),
    "parcours/<id:path_id>/inscription/": lambda w: reverse("enrol_path", args=[w.path.pk]),
    "parcours/<id:path_id>/abandon/": lambda w: reverse("abandon_path", args=[w.path.pk]),
    "parcours/<id:path_id>/reprendre/": lambda w: reverse("resume_path", args=[w.path.pk]),
    "apprendre/<id:activity_id>/": lambda w: reverse("learning_activity", args=[w.lesson.pk]),
    "apprendre/<id:activity_id>/terminer/": lambda w: reverse(
        "complete_lesson", args=[w.lesson.pk]
    ),
    "apprendre/<id:activity_id>/quiz/": lambda w: reverse("submit_quiz", args=[w.quiz.pk]),
    "apprendre/<id:activity_id>/paquet/": lambda w: reverse(
        "package_commit", args=[w.pages["ScormActivityPage"].pk]
    ),
    "apprendre/tentatives/<id:attempt_id>/": lambda w: reverse(
        "quiz_attempt", args=[w.agent.attempt.pk]
    ),
    "apprendre/sessions/<id:session_id>/inscription/": lambda w: reverse(
        "register_session", args=[w.session.pk]
    ),
    "apprendre/inscriptions/<id:registration_id>/annulation/": lambda w: reverse(
        "cancel_registration", args=[w.agent.registration.pk]
    ),
    "apprendre/inscriptions/<id:registration_id>/agenda.ics": lambda w: reverse(
        "registration_calendar", args=[w.agent.registration.pk]
    ),
    "certificats/verifier/": lambda w: reverse("certificate_verify"),
    "certificats/verifier/<slug:public_id>/": lambda w: reverse(
        "certificate_verify_detail", args=[_cert(w).public_id]
    ),
    "certificats/statut/<slug:public_id>": lambda w: reverse(
        "certificate_status", args=[_cert(w).public_id]
    ),
    "mon-espace/certificats/<slug:public_id>/attestation.pdf": lambda w: reverse(
        "certificate_pdf", args=[_cert(w).public_id]
    ),
    "mon-espace/certificats/<slug:public_id>/credential.jwt": lambda w: reverse(
        "certificate_credential", args=[_cert(w).public_id]
    ),
    "mon-espace/certificats/<slug:public_id>/renouveler/": lambda w: reverse(
        "certificate_renew", args=[_cert(w).public_id]
    ),
    "openbadges/issuer": lambda w: reverse("openbadges_issuer"),
    "openbadges/jwks.json": lambda w: reverse("openbadges_jwks"),
    "openbadges/keys/<slug:thumbprint>": lambda w: reverse("openbadges_key", args=["unknown"]),
    "openbadges/achievements/<id:path_id>": lambda w: reverse(
        "openbadges_achievement", args=[w.path.pk]
    ),
    "openbadges/verify": lambda w: reverse("openbadges_verify"),
    "equipe/": lambda w: reverse("team"),
    "equipe/unites/<id:unit_id>/": lambda w: reverse("team_unit", args=[w.org.unit_a.pk]),
    "equipe/agents/<id:user_id>/": lambda w: reverse("team_agent", args=[w.org.a1.pk]),
    "^equipe/export/(?P<table>agents|parcours)\\.(?P<fmt>csv|xlsx|ods)$": lambda w: reverse(
        "team_export", args=["agents", "csv"]
    ),
    "equipe/exports/<id:export_id>/": lambda w: reverse("team_export_status", args=[w.export.pk]),
    "equipe/exports/<id:export_id>/telecharger/": lambda w: reverse(
        "team_export_download", args=[w.export.pk]
    ),
    "equipe/campagnes/": lambda w: reverse("team_campaigns"),
    "equipe/campagnes/nouvelle/": lambda w: reverse("team_campaign_new"),
    "equipe/campagnes/<id:campaign_id>/": lambda w: reverse(
        "team_campaign", args=[w.org.campaign_a.pk]
    ),
    "equipe/import/": lambda w: reverse("team_import"),
    "mon-espace/mes-donnees/": lambda w: reverse("personal_data"),
    "mon-espace/mes-donnees.json": lambda w: reverse("personal_data_json"),
    "mon-espace/mes-donnees.zip": lambda w: reverse("personal_data_zip"),
    "mon-espace/mes-donnees/effacement/": lambda w: reverse("personal_data_erasure"),
    "cms/effacements/": lambda w: reverse("learners_erasure_index"),
    "cms/effacements/<id:request_id>/confirmer/": lambda w: reverse(
        "learners_erasure_confirm", args=[w.extra["erasure_request"].pk]
    ),
    "cms/statistiques-parcours/": lambda w: reverse("learners_path_statistics_index"),
    "cms/statistiques-parcours/<id:path_id>/": lambda w: reverse(
        "learners_path_statistics_detail", args=[w.path.pk]
    ),
    "catalogue/": lambda w: reverse("catalogue"),
    "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": lambda w: (
        f"/_util/authenticate_with_password/999999/{w.path.pk}/"
    ),
    "_util/login/": lambda w: "/_util/login/",
    **{
        f"page:{name}": _page(name)
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
}

# Our admin viewsets: same suffixes for certificates and the audit log; snippets for themes and
# skills. Objects: the agent's certificate, the first audit event, the first theme / skill.
_VIEWSET_SUFFIXES = (
    "",
    "results/",
    "new/",
    "edit/{pk}/",
    "delete/{pk}/",
    "history/{pk}/",
    "history-results/{pk}/",
    "usage/{pk}/",
    "inspect/{pk}/",
    "copy/{pk}/",
)
_SNIPPET_SUFFIXES = (
    "",
    "results/",
    "add/",
    "edit/{pk}/",
    "delete/{pk}/",
    "usage/{pk}/",
    "history/{pk}/",
    "history-results/{pk}/",
    "copy/{pk}/",
)


def _suffix_route(suffix):
    return suffix.replace("{pk}", "<int:pk>")


def _admin_builder(prefix, suffix, obj):
    return lambda w: f"/cms/{prefix}/" + suffix.format(pk=obj(w).pk)


for _prefix, _obj in (("certificats", _cert), ("journal-audit", lambda w: w.audit_event)):
    for _suffix in _VIEWSET_SUFFIXES:
        URLS[f"cms/{_prefix}/{_suffix_route(_suffix)}"] = _admin_builder(_prefix, _suffix, _obj)
URLS["cms/certificats/revoke/<id:pk>/"] = _admin_builder("certificats", "revoke/{pk}/", _cert)
for _suffix in _VIEWSET_SUFFIXES:
    URLS[f"cms/content_packages/{_suffix_route(_suffix)}"] = _admin_builder(
        "content_packages", _suffix, lambda w: w.pages["ScormActivityPage"].package
    )
for _prefix, _obj in (
    ("snippets/courses/theme", lambda w: w.theme),
    ("snippets/courses/skilltag", lambda w: w.extra["skill"]),
):
    for _suffix in _SNIPPET_SUFFIXES:
        URLS[f"cms/{_prefix}/{_suffix_route(_suffix)}"] = _admin_builder(_prefix, _suffix, _obj)


# The API's administrators-only clients viewset (no inspect view), on a client of its own.
def _api_client(w):
    from learners.api.models import ApiClient
    from learners.api.services import create_client

    found = ApiClient.objects.filter(name="SIRH de la matrice").first()
    return found or create_client(name="SIRH de la matrice", scopes=[], units=[])[0]


for _suffix in _VIEWSET_SUFFIXES:
    if _suffix != "inspect/{pk}/":
        URLS[f"cms/clients-api/{_suffix_route(_suffix)}"] = _admin_builder(
            "clients-api", _suffix, _api_client
        )

# The API (/api/v1/): sessions never authenticate it, whoever is signed in. Its own matrix, with
# tokens, is tests/api/test_api_access_matrix.py.
URLS.update(
    {
        "api/v1/schema/": lambda w: "/api/v1/schema/",
        "api/v1/docs/": lambda w: "/api/v1/docs/",
        "api/v1/oauth/token/": lambda w: "/api/v1/oauth/token/",
        "api/v1/catalogue/": lambda w: "/api/v1/catalogue/",
        "api/v1/catalogue/<id:id>/": lambda w: (
            f"/api/v1/catalogue/{w.pages['TrainingPathPage'].pk}/"
        ),
        # Without a code (400): the lookups by code are rate-limited per IP.
        "api/v1/certificates/verify/": lambda w: "/api/v1/certificates/verify/",
    }
)
for _name in ("agents", "enrolments", "certificates", "campaigns", "assignments"):
    URLS[f"api/v1/{_name}/"] = lambda w, _name=_name: f"/api/v1/{_name}/"
    URLS[f"api/v1/{_name}/<id:id>/"] = lambda w, _name=_name: f"/api/v1/{_name}/1/"
URLS["api/v1/completions/"] = lambda w: "/api/v1/completions/"
URLS["api/v1/statistics/"] = lambda w: "/api/v1/statistics/"
URLS["api/v1/organisation/import/"] = lambda w: "/api/v1/organisation/import/"
# Open statistics: public page, CSV, Table Schema.
URLS["statistiques/"] = lambda w: "/statistiques/"
URLS["statistiques/statistiques-campus.csv"] = lambda w: "/statistiques/statistiques-campus.csv"
URLS["statistiques/schema.json"] = lambda w: "/statistiques/schema.json"
