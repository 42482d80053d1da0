"""The campus's own settings: team reports and reminders, path statistics, retention, brand,
certificates and their Open Badges signing keys."""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from campus.settings.core import BASE_DIR, DEBUG
from campus.settings.env import getenv, getenv_bool, getenv_int, getenv_list

# Managers' team reports and mandatory training (see learners/team/, learners/services/).
# Exports with more rows than this are built by a background task, then offered for download.
TEAM_EXPORT_SYNC_MAX_ROWS = getenv_int("TEAM_EXPORT_SYNC_MAX_ROWS", 5000)
# Agents are reminded this many days before a mandatory training's due date (and the day after).
REMINDER_DAYS_BEFORE_DUE = getenv_int("REMINDER_DAYS_BEFORE_DUE", 7)
# Agents are reminded this many days before their certificate expires.
CERTIFICATE_EXPIRY_REMINDER_DAYS = getenv_int("CERTIFICATE_EXPIRY_REMINDER_DAYS", 30)
# "Statistiques des parcours" (learners/path_stats.py): rates and averages drawn from fewer agents
# than this are withheld, so that none is one identifiable person's answers (counts stay shown).
PATH_STATISTICS_MIN_COUNT = getenv_int("PATH_STATISTICS_MIN_COUNT", 5)
# RGPD retention: `manage.py purge_inactive` anonymises accounts inactive for this many years.
RGPD_INACTIVE_YEARS = getenv_int("RGPD_INACTIVE_YEARS", 3)

# Brand texts shown in the DSFR header and footer. The defaults are translated with the
# interface; a text set in the environment is shown as written, in every language.
CAMPUS_BRAND = {
    "SERVICE_NAME": getenv("BRAND_SERVICE_NAME", "Campus du numérique public"),
    "TAGLINE": getenv("BRAND_TAGLINE") or _("Se former au numérique de l’État"),
    "MINISTRY_HTML": getenv("BRAND_MINISTRY_HTML", "République<br>française"),
    "OPERATOR": getenv("BRAND_OPERATOR", "DINUM"),
    "FOOTER_DESCRIPTION": getenv("BRAND_FOOTER_DESCRIPTION")
    or _(
        "Le Campus du numérique public forme les agents publics aux métiers et aux usages du "
        "numérique. Il est opéré par la direction interministérielle du numérique (DINUM)."
    ),
    # RGAA: "non", "partiellement" or "totalement" conforme; no audit yet, so partial by default.
    "ACCESSIBILITY_STATUS": getenv("BRAND_ACCESSIBILITY_STATUS", "partiellement"),
}

# Certificates (learners/models/certificates.py) and their Open Badges 3.0 credentials
# (learners/openbadges/). The issuer's name is printed on the PDF and signs the credentials.
CERTIFICATE_ISSUER_NAME = getenv("CERTIFICATE_ISSUER_NAME", "Campus du numérique public — DINUM")
# Lookups by code on the public verification page, per client IP and window (anti-enumeration).
CERTIFICATE_VERIFY_RATE_LIMIT = getenv_int("CERTIFICATE_VERIFY_RATE_LIMIT", 20)
CERTIFICATE_VERIFY_RATE_WINDOW = getenv_int("CERTIFICATE_VERIFY_RATE_WINDOW", 300)
# Keys signing the credentials (VC-JWT): PEM private keys, RSA (≥ 2048 bits, RS256) or EC P-256
# (ES256). The first one signs; all are published in the JWKS, so that after a rotation the
# credentials signed with an older key still verify. OPENBADGES_SIGNING_KEY_FILES lists PEM files
# (comma-separated, active key first); OPENBADGES_SIGNING_KEY holds one PEM (e.g. from a secret
# store) and comes first when both are set. In development, `make setup` creates
# var/openbadges-dev-key.pem (`manage.py ensure_signing_key`), used when nothing is configured.
OPENBADGES_DEV_KEY_FILE = BASE_DIR / "var" / "openbadges-dev-key.pem"


OPENBADGES_SIGNING_KEY_FILES = getenv_list("OPENBADGES_SIGNING_KEY_FILES")
# Key files that could not be read: reported by the system check learners.E502 (`check
# --deploy`), not at import, so that `manage.py ensure_signing_key` can create the first one.
OPENBADGES_UNREADABLE_KEY_FILES: list[str] = []


def _signing_keys() -> list[str]:
    keys = [getenv("OPENBADGES_SIGNING_KEY").replace("\\n", "\n")]
    for name in OPENBADGES_SIGNING_KEY_FILES:
        try:
            keys.append(Path(name).read_text())
        except OSError:
            OPENBADGES_UNREADABLE_KEY_FILES.append(name)
    keys = [key.strip() for key in keys if key.strip()]
    if not keys and DEBUG and OPENBADGES_DEV_KEY_FILE.exists():
        keys = [OPENBADGES_DEV_KEY_FILE.read_text().strip()]
    return keys


OPENBADGES_SIGNING_KEYS = _signing_keys()

# Learning records as xAPI 1.0.3 statements (learners/xapi/), written to an outbox in the same
# transaction as each learning event and sent to a Learning Record Store by a task. Off by
# default: nothing is recorded nor sent until XAPI_ENABLED is true and XAPI_LRS_URL set.
XAPI_ENABLED = getenv_bool("XAPI_ENABLED", False)
# The LRS's base address (statements go to {XAPI_LRS_URL}/xAPI/statements), HTTP Basic account.
XAPI_LRS_URL = getenv("XAPI_LRS_URL").rstrip("/")
XAPI_LRS_USERNAME = getenv("XAPI_LRS_USERNAME")
XAPI_LRS_PASSWORD = getenv("XAPI_LRS_PASSWORD")
# How agents are named: "account" (a pseudonymous id on the campus's address, the default) or
# "mbox_sha1sum" (the SHA-1 of their e-mail, for an LRS that must join other platforms' records).
XAPI_ACTOR_FORMAT = getenv("XAPI_ACTOR_FORMAT", "account")
if XAPI_ACTOR_FORMAT not in ("account", "mbox_sha1sum"):
    raise ImproperlyConfigured("XAPI_ACTOR_FORMAT must be account or mbox_sha1sum.")
# Statements per POST to the LRS.
XAPI_BATCH_SIZE = getenv_int("XAPI_BATCH_SIZE", 500)
# Seconds the sender waits for the LRS's answer.
XAPI_LRS_TIMEOUT = getenv_int("XAPI_LRS_TIMEOUT", 30)
