"""Accounts: sign-in and sign-up (allauth), two-factor authentication, idle sessions, ProConnect."""

from campus.settings.core import DEBUG, SITE_URL
from campus.settings.env import getenv, getenv_bool, getenv_int, getenv_list

AUTH_USER_MODEL = "learners.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "learners.accounts.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# First and last names are asked too: certificates are issued in the agent's name.
ACCOUNT_SIGNUP_FORM_CLASS = "learners.accounts.forms.SignupForm"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = getenv(
    "ACCOUNT_EMAIL_VERIFICATION", "optional" if DEBUG else "mandatory"
)
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
# Sign-up is restricted to public-service e-mail domains (a domain also admits its subdomains).
ACCOUNT_ALLOWED_SIGNUP_DOMAINS = getenv_list(
    "ACCOUNT_ALLOWED_SIGNUP_DOMAINS", "gouv.fr,campus.example" if DEBUG else "gouv.fr"
)
# Behind reverse proxies, where the client's address is: TRUSTED_PROXY_COUNT proxies each append
# the address they received from to X-Forwarded-For (the client is that many entries from the
# right), or TRUSTED_CLIENT_IP_HEADER names the header one trusted proxy sets. Every limiter
# (sign-in, sign-up, certificate lookups) and the audit log read it this way. With neither,
# X-Forwarded-For is ignored: anyone can write it.
ALLAUTH_TRUSTED_PROXY_COUNT = getenv_int("TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = getenv("TRUSTED_CLIENT_IP_HEADER") or None
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/key,20/5m/ip",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Campus du numérique public"
# Administrators and reviewers must activate an authenticator app (TOTP) before anything else;
# two-factor authentication is offered to every agent.
MFA_REQUIRED_FOR_PRIVILEGED = getenv_bool("MFA_REQUIRED_FOR_PRIVILEGED", not DEBUG)
# Sessions end after this many seconds without a request (administrators: shorter).
SESSION_IDLE_TIMEOUT = getenv_int("SESSION_IDLE_TIMEOUT", 8 * 3600)
ADMIN_SESSION_IDLE_TIMEOUT = getenv_int("ADMIN_SESSION_IDLE_TIMEOUT", 30 * 60)

# ProConnect (OpenID Connect federation of public agents). The login button appears only when
# PROCONNECT_CLIENT_ID is set.
PROCONNECT = {
    "DISCOVERY_URL": getenv(
        "PROCONNECT_DISCOVERY_URL",
        "https://fca.integ01.dev-agentconnect.fr/api/v2/.well-known/openid-configuration",
    ),
    "CLIENT_ID": getenv("PROCONNECT_CLIENT_ID"),
    "CLIENT_SECRET": getenv("PROCONNECT_CLIENT_SECRET"),
    "SCOPE": getenv("PROCONNECT_SCOPE", "openid given_name usual_name email uid siret").split(),
    "TIMEOUT": getenv_int("PROCONNECT_TIMEOUT", 10),
}
