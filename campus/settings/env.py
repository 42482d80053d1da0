"""Typed helpers reading settings from environment variables (all listed in .env.example)."""

import os
from email.utils import getaddresses

from django.core.exceptions import ImproperlyConfigured

TRUE_VALUES = {"1", "true", "yes", "on"}
FALSE_VALUES = {"0", "false", "no", "off", ""}


def getenv(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def getenv_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    value = value.strip().lower()
    if value in TRUE_VALUES:
        return True
    if value in FALSE_VALUES:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), not {value!r}")


def getenv_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from exc


def getenv_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def getenv_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    try:
        return float(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a number, not {value!r}") from exc


def getenv_addresses(name: str) -> list[tuple[str, str]]:
    """E-mail addresses as in a header, `Name <address>, address`: Django's (name, address)."""
    return parse_addresses(name, os.environ.get(name, ""))


def parse_addresses(name: str, value: str) -> list[tuple[str, str]]:
    if not value.strip():
        return []
    addresses = [(who, address) for who, address in getaddresses([value]) if who or address]
    if not addresses or any("@" not in address for _name, address in addresses):
        raise ImproperlyConfigured(
            f"{name} must be e-mail addresses, `Name <address>` or `address`, comma-separated, "
            f"not {value!r}"
        )
    return addresses
