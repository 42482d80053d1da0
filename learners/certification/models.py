"""Certificates: what an agent proves after completing a path, verifiable by anyone.

A certificate keeps what it certified as it was at issuance (holder's name, path title and
published revision, hours, dates), so renaming a path or deleting an account never changes it.

Exactly once: one certificate per enrolment *certification cycle*, an integer
(`Enrolment.certification_cycle`, copied to `Certificate.cycle`) under the unique constraint
`learners_certificate_once_per_cycle`. Retries and concurrent issuers hit that constraint;
renewing (`services.renew_certification`) starts the next cycle, whose completion gets a new
certificate, the old one staying in history (`superseded_by`). The cycle is a number, not a
time: a dump and restore that rounds timestamps, or a clock set back, cannot issue twice.

Holder's name: the agent's first and last names at issuance, never their e-mail address (a
check constraint refuses any "@"); empty when the agent gave no name before names were asked
(`services.issue_certificates_awaiting_name`) or once their account is erased. The pages and
the credential then name nobody.

Identifiers: `public_id` (128 random bits, URL-safe, in the QR code and links) and `code`
(10 Crockford base32 characters, shown as "7K2QF-9XH3M", typed on the verification page). Neither
is the primary key.
"""

import os
import secrets
import tempfile

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
CODE_LENGTH = 10
# What people type for what they mean (Crockford's decoding rules).
_CODE_TYPOS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_public_id() -> str:
    """22 URL-safe characters carrying 128 random bits."""
    return secrets.token_urlsafe(16)


def new_code() -> str:
    """10 random Crockford base32 characters (50 bits), stored without separator."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(typed: str) -> str | None:
    """The stored form of a typed code (case, spaces, dashes and look-alikes forgiven), or
    None when it cannot be a code."""
    code = "".join(typed.split()).replace("-", "").upper().translate(_CODE_TYPOS)
    if len(code) != CODE_LENGTH or any(char not in CODE_ALPHABET for char in code):
        return None
    return code


def format_code(code: str) -> str:
    """ "7K2QF9XH3M" → "7K2QF-9XH3M"."""
    half = CODE_LENGTH // 2
    return f"{code[:half]}-{code[half:]}"


class PrivateFileStorage(FileSystemStorage):
    """Files that are never served by URL (certificates carry personal data): they are read by
    permission-checked views only. The folder is `settings.PRIVATE_MEDIA_ROOT`."""

    def __init__(self, subfolder: str = ""):
        self.subfolder = subfolder
        super().__init__(base_url=None)

    # Read at each use, so that tests may point PRIVATE_MEDIA_ROOT elsewhere.
    @property
    def base_location(self):
        return os.path.join(settings.PRIVATE_MEDIA_ROOT, self.subfolder)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Private files have no URL: serve them through a view.")

    def deconstruct(self):
        return ("learners.certification.models.PrivateFileStorage", (self.subfolder,), {})

    def save_atomically(self, name: str, content: bytes) -> str:
        """Write `content` under `name`, replacing any previous file, so that a reader (or a
        worker killed halfway) never sees a partial file: write a temporary file beside it,
        then rename it."""
        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".part")
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temporary, 0o640)
            os.replace(temporary, path)
        except BaseException:
            if os.path.exists(temporary):
                os.unlink(temporary)
            raise
        return name


def certificate_storage() -> PrivateFileStorage:
    return PrivateFileStorage("certificats")


def certificate_pdf_name(instance, filename: str) -> str:
    return f"{instance.issued_at:%Y}/{instance.public_id}.pdf"


class CertificateQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)

    def revoked(self):
        return self.filter(revoked_at__isnull=False)

    def expired(self, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__lte=now)

    def valid(self, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )

    def with_status(self, status: str, now=None):
        return {
            Certificate.Status.VALID: self.valid,
            Certificate.Status.EXPIRED: self.expired,
            Certificate.Status.REVOKED: lambda now=None: self.revoked(),
        }[status](now)

    def by_code(self, typed: str):
        """The certificate with this typed code (case and separators forgiven), or None."""
        code = normalise_code(typed or "")
        return self.filter(code=code).first() if code else None


class Certificate(models.Model):
    """A certificate issued to an agent for completing a path (see the module docstring)."""

    class Status(models.TextChoices):
        VALID = "valide", _("Valide")
        EXPIRED = "expire", _("Expiré")
        REVOKED = "revoque", _("Révoqué")

    public_id = models.CharField(
        _("identifiant public"), max_length=32, unique=True, default=new_public_id, editable=False
    )
    code = models.CharField(
        _("code de vérification"),
        max_length=CODE_LENGTH,
        unique=True,
        default=new_code,
        editable=False,
    )
    # SET_NULL everywhere: a certificate stays verifiable when the account, the enrolment or
    # the path is deleted; it shows what it certified from its snapshot fields.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agent"),
        related_name="certificates",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    enrolment = models.ForeignKey(
        "learners.Enrolment",
        verbose_name=_("inscription"),
        related_name="certificates",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    path = models.ForeignKey(
        "courses.TrainingPathPage",
        verbose_name=_("parcours"),
        related_name="certificates",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    cycle = models.PositiveIntegerField(
        _("cycle de certification"),
        default=1,
        help_text=_("Un certificat par cycle de l’inscription."),
    )
    enrolment_completed_at = models.DateTimeField(
        _("parcours terminé le"),
        help_text=_("Fin du cycle de formation certifié (un certificat par cycle)."),
    )
    # Snapshot of what was certified.
    holder_name = models.CharField(_("titulaire"), max_length=301)
    path_title = models.CharField(_("intitulé du parcours"), max_length=255)
    path_revision_id = models.PositiveIntegerField(
        _("révision publiée du parcours"), null=True, blank=True
    )
    duration_minutes = models.PositiveIntegerField(_("durée de formation (minutes)"), default=0)
    issued_at = models.DateTimeField(_("délivré le"), default=timezone.now)
    expires_at = models.DateTimeField(_("expire le"), null=True, blank=True)
    # Revocation, recorded with who and when.
    revoked_at = models.DateTimeField(_("révoqué le"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("révoqué par"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    revocation_reason = models.TextField(_("motif de révocation"), blank=True)
    # Renewal history: the certificate issued when the agent renewed this one.
    superseded_by = models.OneToOneField(
        "self",
        verbose_name=_("remplacé par"),
        related_name="supersedes",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    pdf = models.FileField(
        _("attestation PDF"),
        storage=certificate_storage,
        upload_to=certificate_pdf_name,
        max_length=200,
        blank=True,
    )
    credential_jwt = models.TextField(_("badge Open Badges 3.0 (VC-JWT)"), blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificat")
        verbose_name_plural = _("certificats")
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "cycle"], name="learners_certificate_once_per_cycle"
            ),
            # Public pages and credentials show the holder's name: never an e-mail address.
            models.CheckConstraint(
                condition=~Q(holder_name__contains="@"),
                name="learners_certificate_holder_name_not_email",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "-issued_at"], name="learners_cert_user_issued"),
            models.Index(fields=["path", "issued_at"], name="learners_cert_path_issued"),
            models.Index(fields=["expires_at"], name="learners_cert_expires"),
        ]

    def __str__(self) -> str:
        return f"{self.display_code} — {self.holder_name} — {self.path_title}"

    @property
    def display_code(self) -> str:
        return format_code(self.code)

    def status_at(self, now=None) -> str:
        if self.revoked_at is not None:
            return self.Status.REVOKED
        if self.expires_at is not None and self.expires_at <= (now or timezone.now()):
            return self.Status.EXPIRED
        return self.Status.VALID

    @property
    def status(self) -> str:
        return self.status_at()

    def get_status_display(self) -> str:
        return str(self.Status(self.status).label)

    @property
    def is_valid(self) -> bool:
        return self.status == self.Status.VALID

    @property
    def is_expired(self) -> bool:
        return self.status == self.Status.EXPIRED

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def duration_hours(self) -> str:
        """ "3 h 30", "2 h", "45 min"."""
        hours, minutes = divmod(self.duration_minutes, 60)
        if not hours:
            return f"{minutes} min"
        return f"{hours} h {minutes:02d}" if minutes else f"{hours} h"


# Labels of the computed columns in the admin listing, inspect view and CSV export.
Certificate.display_code.fget.short_description = _("code")
Certificate.duration_hours.fget.short_description = _("durée")
Certificate.status.fget.short_description = _("statut")
