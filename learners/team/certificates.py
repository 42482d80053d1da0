"""Certificate dates for the team reports, read from the certificates part (#5) without
depending on its internals: a `learners.Certificate` model with user, path, issued_at,
expires_at and revoked_at. Until that model exists, no dates are shown."""

import datetime
from dataclasses import dataclass

from django.apps import apps


@dataclass(frozen=True)
class CertificateDates:
    issued_at: datetime.datetime | datetime.date
    expires_at: datetime.datetime | datetime.date | None


def certificate_model():
    try:
        return apps.get_model("learners", "Certificate")
    except LookupError:
        return None


def certificate_dates(user_ids) -> dict[tuple[int, int], CertificateDates]:
    """{(user id, path id): dates of the latest certificate not revoked} (one query)."""
    model = certificate_model()
    if model is None:
        return {}
    rows = (
        model.objects.filter(user_id__in=list(user_ids), revoked_at__isnull=True)
        .order_by("issued_at")
        .values_list("user_id", "path_id", "issued_at", "expires_at")
    )
    return {
        (user_id, path_id): CertificateDates(issued_at=issued_at, expires_at=expires_at)
        for user_id, path_id, issued_at, expires_at in rows
    }
