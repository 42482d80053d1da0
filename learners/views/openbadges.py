"""Open Badges 3.0 endpoints: the issuer's published documents and the public verifier.

Everything here is public and read-only. `POST /openbadges/verify` is exempt from CSRF: it is an
API for other platforms and wallets, it has no side effect (it reads the certificate's status and
changes nothing), and it uses no session, so a forged cross-site request gains nothing.
"""

import json

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from courses.models import TrainingPathPage

from learners.openbadges import credentials, keys
from learners.openbadges.verification import verify_credential


def _public_json(data, status: int = 200, *, max_age: int = 0) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = f"public, max-age={max_age}" if max_age else "no-cache"
    return response


@require_GET
def issuer(request):
    """The issuer `Profile` (its id is this URL)."""
    return _public_json(credentials.issuer_profile(), max_age=3600)


@require_GET
def jwks(request):
    """Every signing key's public part (active and retired), as a JWK Set."""
    return _public_json(keys.jwks(), max_age=300)


@require_GET
def key(request, thumbprint: str):
    """One public key: what a credential's `kid` dereferences to."""
    found = keys.find_key(thumbprint)
    if found is None:
        return _public_json({"error": "not_found"}, status=404)
    return _public_json(found.public_jwk(), max_age=300)


@require_GET
def achievement(request, path_id: int):
    """The `Achievement` of a path that has been published (credentials keep referring to it)."""
    path = TrainingPathPage.objects.filter(pk=path_id, first_published_at__isnull=False).first()
    if path is None:
        return _public_json({"error": "not_found"}, status=404)
    return _public_json(credentials.path_achievement(path), max_age=3600)


def _submitted_token(request) -> str | None:
    """The VC-JWT from a JSON body {"credential": …}, a form field `credential`, or a raw body."""
    content_type = request.content_type or ""
    if content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError):
            return None
        token = data.get("credential") if isinstance(data, dict) else None
        return token if isinstance(token, str) else None
    if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return request.POST.get("credential", "")
    try:
        return request.body.decode("ascii")
    except UnicodeDecodeError:
        return None


@csrf_exempt
@require_POST
def verify(request):
    """Check a credential's signature, issuer, expiry and revocation.

    Answers JSON `{"valid", "status", "errors"}` (plus the credential's id, name and dates)."""
    token = _submitted_token(request)
    if token is None:
        return _public_json(
            {
                "valid": False,
                "status": "invalid",
                "errors": ['Requête illisible : envoyez {"credential": "<VC-JWT>"}.'],
            },
            status=400,
        )
    return _public_json(verify_credential(token).as_json())
