"""Nonces for the few inline scripts that the Wagtail admin still writes into its pages.

Wagtail 8 initialises some widgets with a bare inline `<script>`: date and time pickers
(`initDateTimeChooser("id", {...})`), chooser widgets outside StreamField
(`new PageChooser("id", {...})`, from Python) and inline panels
(`(function() { var panel = new InlinePanel(JSON.parse("...")); })();`). These tags cannot
carry the request's nonce themselves (widgets do not see the request), and the admin's CSP has no
'unsafe-inline' for scripts.

So the admin's HTML responses are scanned here, and a nonce is given only to scripts that are
exactly one of those calls, with a known function and arguments that parse as JSON data. Any
other inline script, such as one injected through a stored cross-site scripting flaw, stays
without a nonce and the browser refuses to run it.
"""

import json
import re

from django.http import HttpRequest, HttpResponseBase

# Exactly `<script>` (Wagtail's tags have no attribute), up to the end tag as the browser finds it.
INLINE_SCRIPT = re.compile(rb"<script>((?:(?!</script)[^\x00])*)</script>", re.IGNORECASE)
FUNCTIONS = {"initDateChooser", "initTimeChooser", "initDateTimeChooser", "createTaskChooser"}
# `new PageChooser(...)`, `new ImageChooser(...)`, `new SnippetChooser(...)`, …
CONSTRUCTOR = re.compile(r"[A-Z][A-Za-z]*Chooser")
CALL = re.compile(r"(?P<new>new\s+)?(?P<callee>[A-Za-z]+)\((?P<arguments>.*)\);?", re.DOTALL)
PANEL = re.compile(
    r"\(function\(\)\s*\{\s*var\s+panel\s*=\s*new\s+(?:InlinePanel|MultipleChooserPanel)"
    r"\(JSON\.parse\((?P<argument>\"[^\"\\]*(?:\\u[0-9A-Fa-f]{4}[^\"\\]*)*\")\)\);\s*\}\)\(\);",
)


def _is_data(arguments: str) -> bool:
    """True when the text is a comma-separated list of JSON values: data, never code."""
    try:
        json.loads(f"[{arguments}]")
    except ValueError:
        return False
    return True


def is_known_initialiser(code: str) -> bool:
    """True for one of Wagtail's widget initialisers, called with JSON arguments only."""
    code = code.strip()
    if match := PANEL.fullmatch(code):
        return _is_data(match["argument"])
    if match := CALL.fullmatch(code):
        callee = match["callee"]
        known = CONSTRUCTOR.fullmatch(callee) if match["new"] else callee in FUNCTIONS
        return bool(known) and _is_data(match["arguments"])
    return False


def add_nonces(request: HttpRequest, response: HttpResponseBase) -> None:
    """Give the request's nonce to the known Wagtail initialisers of an admin HTML page."""
    if getattr(response, "streaming", False) or "text/html" not in response.get("Content-Type", ""):
        return
    content = response.content
    if b"<script>" not in content.lower():
        return
    nonce = str(request.csp_nonce).encode()

    def stamp(match: re.Match) -> bytes:
        try:
            code = match[1].decode(response.charset or "utf-8")
        except UnicodeDecodeError:
            return match[0]
        if not is_known_initialiser(code):
            return match[0]
        return b'<script nonce="' + nonce + b'">' + match[1] + b"</script>"

    stamped = INLINE_SCRIPT.sub(stamp, content)
    if stamped != content:
        response.content = stamped
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(stamped))
