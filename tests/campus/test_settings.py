"""Settings load from the environment alone; production settings pass the deploy checks.

These tests start `manage.py` in a subprocess with a controlled environment, so they need no
database of the test run.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    base_env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base_env, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_env(tmp_path) -> dict[str, str]:
    return {
        "DEBUG": "False",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "campus.numerique.gouv.fr",
        "CSRF_TRUSTED_ORIGINS": "https://campus.numerique.gouv.fr",
        "SITE_URL": "https://campus.numerique.gouv.fr",
        "CONTENT_ORIGIN": "https://contenus.campus.numerique.gouv.fr",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "TASKS_BACKEND": "database",
        "EMAIL_URL": "smtp://campus:secret@smtp.example:587",
        "ADMINS": "Équipe campus <campus@campus.example>",
        "OPENBADGES_SIGNING_KEY": signing_key_pem(),
    }


def signing_key_pem() -> str:
    """A throwaway EC P-256 key for the Open Badges credentials (checked by `check --deploy`)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    return (
        ec.generate_private_key(ec.SECP256R1())
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        .decode()
    )


def test_settings_load_with_development_defaults():
    """With only DEBUG=True, the project starts: SQLite, local-memory cache, console e-mail."""
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'], "
        "s.EMAIL_BACKEND, s.TASKS['default']['BACKEND'], s.LANGUAGE_CODE)",
        DEBUG="True",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.mail.backends.console.EmailBackend",
        "django_tasks.backends.immediate.ImmediateBackend",
        "fr",
    ]


def test_settings_refuse_production_without_secret_key():
    """DEBUG=False without SECRET_KEY stops with a clear message instead of running insecurely."""
    result = run_manage("check", DEBUG="False")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_settings_production_passes_check_deploy(tmp_path):
    """`check --deploy --fail-level WARNING` is clean with production variables."""
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_settings_production_uses_redis_database_tasks_and_smtp(tmp_path):
    """Production variables select Redis, database tasks, SMTP and hashed static files."""
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; "
        "print(s.CACHES['default']['BACKEND'], s.TASKS['default']['BACKEND'], s.EMAIL_BACKEND, "
        "s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS, s.STORAGES['staticfiles']['BACKEND'], "
        "s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE)",
        **production_env(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "campus.cache.ResilientRedisCache",
        "django_tasks_db.DatabaseBackend",
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example",
        "587",
        "True",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "31536000",
        "True",
    ]


@pytest.mark.parametrize("value", ["maybe", "2"])
def test_settings_reject_malformed_boolean(value):
    """A malformed boolean variable is reported by name rather than silently misread."""
    result = run_manage("check", DEBUG=value)
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


def test_settings_production_security_defaults(tmp_path):
    """Production requires two-factor authentication for privileged roles, ends idle sessions,
    and lets forms post to the ProConnect host of the discovery URL."""
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; "
        "print(s.MFA_REQUIRED_FOR_PRIVILEGED, s.SESSION_IDLE_TIMEOUT, "
        "s.ADMIN_SESSION_IDLE_TIMEOUT, *s.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action'])",
        **production_env(tmp_path),
        PROCONNECT_DISCOVERY_URL="https://auth.agentconnect.gouv.fr/api/v2/.well-known/openid-configuration",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True",
        "28800",
        "1800",
        "'self'",
        "https://auth.agentconnect.gouv.fr",
    ]
