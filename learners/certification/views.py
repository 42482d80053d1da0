"""Certificates: public verification (by code or QR code), status, and the agent's downloads.

Verification pages show the holder's name, the path and the dates, nothing more (data
minimisation), and are not indexed by search engines. Lookups by code are rate-limited per IP.

Open Badges 3.0 endpoints: the issuer's published documents and the public verifier.

Everything here is public and read-only. `POST /openbadges/verify` is exempt from CSRF: it is an
API for other platforms and wallets, it has no side effect (it reads the certificate's status and
changes nothing), and it uses no session, so a forged cross-site request gains nothing.
"""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from courses.models import TrainingPathPage
from learners.accounts import permissions
from learners.certification import ratelimit
from learners.certification import services as certificate_services
from learners.certification.models import Certificate, normalise_code
from learners.certification.openbadges import credentials, keys
from learners.certification.openbadges.verification import verify_credential
from learners.certification.pdf import ensure_pdf
from learners.common.exceptions import LearnerServiceError
from learners.common.responses import error_page, not_found


def _private(response):
    """Verification answers name a person: keep them out of search engines and shared caches."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-cache"
    return response


def _public_json(data, status: int = 200) -> JsonResponse:
    """Machine-readable answers any verifier (a wallet in a browser) may fetch."""
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "no-cache"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def certificate_verify(request):
    """The form where anyone types a certificate's code; a known code leads to its page."""
    data = request.POST if request.method == "POST" else request.GET
    typed = (data.get("code") or "").strip()[:64]
    context = {"title": _("Vérifier un certificat"), "code": typed, "error": None, "alert": None}
    status = 200
    if "code" in data:
        if not ratelimit.consume_lookup(request):
            context["alert_title"] = _("Trop de vérifications")
            context["alert"] = _(
                "Trop de vérifications ont été faites depuis votre connexion. Réessayez dans "
                "quelques minutes."
            )
            status = 429
        elif not typed:
            context["error"] = _("Saisissez le code du certificat.")
            status = 400
        elif normalise_code(typed) is None:
            context["error"] = _(
                "Ce code n’a pas le bon format : il compte 10 lettres et chiffres, par exemple "
                "7K2QF-9XH3M."
            )
            status = 400
        else:
            certificate = Certificate.objects.by_code(typed)
            if certificate is not None:
                return redirect("certificate_verify_detail", public_id=certificate.public_id)
            context["alert_title"] = _("Aucun certificat trouvé")
            context["alert"] = _(
                "Aucun certificat ne correspond au code « %(code)s ». Vérifiez votre saisie : le "
                "code est imprimé en bas du certificat."
            ) % {"code": typed}
            status = 404
    return _private(render(request, "learners/certification/verify.html", context, status=status))


@never_cache
@require_GET
def certificate_verify_detail(request, public_id: str):
    """The page the QR code opens: valid, expired or revoked, in plain words."""
    certificate = Certificate.objects.filter(public_id=public_id).first()
    if certificate is None:
        response = render(
            request,
            "learners/certification/verify.html",
            {
                "title": _("Vérifier un certificat"),
                "alert_title": _("Aucun certificat trouvé"),
                "alert": _("Aucun certificat ne correspond à cette adresse."),
            },
            status=404,
        )
        return _private(response)
    context = {
        "title": _("Vérification d’un certificat"),
        "breadcrumb": [
            {"label": _("Vérifier un certificat"), "url": reverse("certificate_verify")}
        ],
        "certificate": certificate,
        "status": certificate.status,
    }
    return _private(render(request, "learners/certification/verify_detail.html", context))


@require_GET
def certificate_status(request, public_id: str):
    """The credential's status (`credentialStatus`): no personal data, for verifiers."""
    certificate = Certificate.objects.filter(public_id=public_id).first()
    if certificate is None:
        return _public_json({"error": "not_found"}, status=404)
    status = {
        Certificate.Status.VALID: "valid",
        Certificate.Status.EXPIRED: "expired",
        Certificate.Status.REVOKED: "revoked",
    }[certificate.status]
    return _public_json(
        {
            "id": credentials.credential_id(certificate),
            "status": status,
            "revoked": certificate.is_revoked,
            "revokedAt": (
                credentials.timestamp(certificate.revoked_at) if certificate.revoked_at else None
            ),
            "validUntil": (
                credentials.timestamp(certificate.expires_at) if certificate.expires_at else None
            ),
        }
    )


def _certificate_for_download(request, public_id: str) -> Certificate | None:
    """The certificate if the user may download it; None (→ 404) otherwise, so that another
    agent cannot even learn that it exists."""
    certificate = Certificate.objects.filter(public_id=public_id).first()
    if certificate is None or not permissions.may_download_certificate(request.user, certificate):
        return None
    return certificate


@login_required
@require_GET
def certificate_pdf(request, public_id: str):
    """The certificate's PDF (stored; rendered now if it is missing)."""
    certificate = _certificate_for_download(request, public_id)
    if certificate is None:
        return not_found(request, _("Ce certificat n’existe pas ou ne vous appartient pas."))
    name = ensure_pdf(certificate)
    response = FileResponse(
        certificate.pdf.storage.open(name, "rb"),
        as_attachment=True,
        filename=f"certificat-{certificate.display_code}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def certificate_credential(request, public_id: str):
    """The certificate's Open Badges 3.0 credential (VC-JWT), to add to a wallet."""
    certificate = _certificate_for_download(request, public_id)
    if certificate is None:
        return not_found(request, _("Ce certificat n’existe pas ou ne vous appartient pas."))
    try:
        token = certificate_services.ensure_credential(certificate=certificate)
    except keys.SigningKeyMissing:
        return error_page(
            request,
            status=503,
            title=_("Badge indisponible"),
            message=_(
                "Le badge numérique ne peut pas être produit pour le moment. Votre certificat "
                "PDF reste disponible."
            ),
        )
    response = HttpResponse(token, content_type="application/vc+jwt")
    response["Content-Disposition"] = (
        f'attachment; filename="certificat-{certificate.display_code}.jwt"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def certificate_renew(request, public_id: str):
    """Start a new cycle of the path to renew an expiring or expired certificate."""
    certificate = Certificate.objects.filter(public_id=public_id, user=request.user).first()
    if certificate is None or certificate.path is None:
        return not_found(request, _("Ce certificat n’existe pas ou ne vous appartient pas."))
    try:
        certificate_services.renew_certification(user=request.user, path=certificate.path)
    except LearnerServiceError as error:
        messages.error(request, error.message)
        return redirect(reverse("dashboard") + "#certificats")
    messages.success(
        request,
        _(
            "Renouvellement commencé : suivez à nouveau le parcours « %(title)s » pour obtenir "
            "un nouveau certificat. L’ancien reste dans votre historique."
        )
        % {"title": certificate.path_title},
    )
    return redirect("resume_path", path_id=certificate.path_id)


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
