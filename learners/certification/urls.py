"""URLs of the certificates (verification, downloads) and of Open Badges 3.0 (issuer, keys,
achievements, verification API). Included before Wagtail's catch-all."""

from django.urls import path

from learners.certification import views as certificates
from learners.certification import views as openbadges

urlpatterns = [
    path("certificats/verifier/", certificates.certificate_verify, name="certificate_verify"),
    path(
        "certificats/verifier/<slug:public_id>/",
        certificates.certificate_verify_detail,
        name="certificate_verify_detail",
    ),
    path(
        "certificats/statut/<slug:public_id>",
        certificates.certificate_status,
        name="certificate_status",
    ),
    path(
        "mon-espace/certificats/<slug:public_id>/attestation.pdf",
        certificates.certificate_pdf,
        name="certificate_pdf",
    ),
    path(
        "mon-espace/certificats/<slug:public_id>/credential.jwt",
        certificates.certificate_credential,
        name="certificate_credential",
    ),
    path(
        "mon-espace/certificats/<slug:public_id>/renouveler/",
        certificates.certificate_renew,
        name="certificate_renew",
    ),
    path("openbadges/issuer", openbadges.issuer, name="openbadges_issuer"),
    path("openbadges/jwks.json", openbadges.jwks, name="openbadges_jwks"),
    path("openbadges/keys/<slug:thumbprint>", openbadges.key, name="openbadges_key"),
    path(
        "openbadges/achievements/<id:path_id>",
        openbadges.achievement,
        name="openbadges_achievement",
    ),
    path("openbadges/verify", openbadges.verify, name="openbadges_verify"),
]
