"""Security headers added to every response, beside Django's SecurityMiddleware.

- `PermissionsPolicyMiddleware`: the browser features the campus never uses are switched off.
- `ContentSecurityPolicyMiddleware`: django-csp's middleware (settings.CONTENT_SECURITY_POLICY),
  with a nonce for every request (`request.csp_nonce`, for inline and DSFR scripts), and these
  adaptations: the Wagtail admin's needs (campus/admin_scripts.py), frames that a view
  allows its own origin to show (Wagtail's previews), uploaded documents, which get a policy
  under which nothing in them can run, the content origin (SCORM/H5P packages), which the
  campus's pages may frame (`frame-src`) and whose own responses get their own policy
  (campus/content_origin.py).
"""

from functools import cache

from csp.constants import HEADER, SELF
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.urls import reverse

from campus import admin_scripts, content_origin

# Features no page of the campus needs; `()` denies them to the page and to every frame in it.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "interest-cohort",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)

# Served files may be opened directly: whatever they contain (HTML, SVG, PDF scripts) must not run
# with the campus's origin. `sandbox` gives them a unique origin, without scripts or forms.
DOCUMENT_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox"


@cache
def _admin_prefix() -> str:
    return reverse("wagtailadmin_home")


def is_admin_path(path: str) -> bool:
    return path.startswith(_admin_prefix())


def is_served_document(request: HttpRequest) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and match.view_name == "wagtaildocs_serve"


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)
        # Drawn now rather than lazily: django-csp's lazy nonce is falsy until read, so
        # `{% if nonce %}` in a template (django-dsfr's `dsfr_js` does this) would drop it.
        str(request.csp_nonce)

    def process_response(self, request: HttpRequest, response: HttpResponseBase):
        if getattr(request, content_origin.ON_CONTENT_ORIGIN, False):
            response[HEADER] = content_origin.content_policy(request)
            return response
        if is_served_document(request):
            # Wagtail's serve view sends "default-src 'none'"; sandbox the file as well.
            response[HEADER] = DOCUMENT_POLICY
            return response
        if is_admin_path(request.path_info):
            admin_scripts.add_nonces(request, response)
        response = super().process_response(request, response)
        if response.get("X-Frame-Options") == "SAMEORIGIN":
            allow_same_origin_framing(response)
        return response

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        update = dict(parts.update or {})
        # The learning view frames the package player, on the content origin (and only it).
        update["frame-src"] = [*update.get("frame-src", []), content_origin.content_origin(request)]
        if is_admin_path(request.path_info):
            for directive, sources in settings.ADMIN_CONTENT_SECURITY_POLICY_UPDATE.items():
                update[directive] = [*update.get(directive, []), *sources]
        parts.update = update
        return parts


def allow_same_origin_framing(response: HttpResponseBase) -> None:
    """Let the campus frame a response that allows it (X-Frame-Options: SAMEORIGIN).

    Wagtail's previews are rendered through the whole middleware stack for the page's own URL,
    so their policy is already written, with "frame-ancestors 'none'", when the preview view
    marks them SAMEORIGIN: the directive is rewritten here.
    """
    if HEADER not in response:
        return
    directives = [
        directive.strip()
        for directive in response[HEADER].split(";")
        if directive.strip() and directive.split()[0] != "frame-ancestors"
    ]
    response[HEADER] = "; ".join([*directives, f"frame-ancestors {SELF}"])
