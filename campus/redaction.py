"""E-mail addresses taken out of what leaves the campus for people who need not know them:
error reports (Sentry, e-mails to ADMINS) and logs. Agents are named there by their id."""

import re

# An address as it appears in text, in a URL path or a query string (@ or %40). The local part
# is what addresses use in practice (letters, digits, . _ + ' -), so that a path or a query
# around it (/panne/agent@…, ?to=agent@…) is not taken for part of the address.
EMAIL_ADDRESS = re.compile(r"[\w.+'-]+(?:@|%40)[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
REDACTED_EMAIL = "[e-mail]"


def redact_text(text: str) -> str:
    """`text` with every e-mail address replaced by [e-mail]."""
    if "@" not in text and "%40" not in text.upper():
        return text
    return EMAIL_ADDRESS.sub(REDACTED_EMAIL, text)


def redact(value):
    """`value` (text, or JSON-like dicts and lists of them) with every e-mail address replaced."""
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, dict):
        return {key: redact(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [redact(item) for item in value]
    return value
