"""RGPD erasure: an agent asks (`request_erasure`), an administrator confirms
(`confirm_erasure`), and `erase_account` anonymises the account.

What erasing keeps and removes:
- the user row stays (aggregates still count: enrolments, completions, attendance, campaign
  figures), with name "Agent supprimé", an e-mail at an invalid domain, an unusable password,
  inactive, no ProConnect identity, no roles;
- allauth's e-mail addresses, social accounts (ProConnect) and MFA authenticators are deleted;
- quiz answers are cleared (scores kept), and so is the data SCORM and H5P content saved
  (`PackageAttempt.cmi`: answers, comments, bookmarks; statuses and scores kept);
- certificates are revoked ("compte supprimé"), their holder name, signed credential and PDF
  removed, so the public verification page shows "révoqué — compte supprimé" without a name;
- xAPI statements not yet sent are deleted, those already sent are voided in the LRS
  (`learners.xapi.services.forget_agent`), and no statement is recorded any more;
- the audit log is append-only and not rewritten (the event of the erasure keeps the label).
"""

import datetime

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from learners.accounts import permissions
from learners.accounts.models import User
from learners.certification.models import Certificate
from learners.common.exceptions import NotAllowed
from learners.learning.models import PackageAttempt, QuizAttempt
from learners.privacy import audit
from learners.privacy.models import AuditEvent, ErasureRequest
from learners.xapi.services import forget_agent

ERASED_FIRST_NAME = "Agent"
ERASED_LAST_NAME = "supprimé"
ERASED_EMAIL_DOMAIN = "invalid.example"
REVOCATION_REASON = "compte supprimé"


def erased_email(user_id: int) -> str:
    return f"deleted-{user_id}@{ERASED_EMAIL_DOMAIN}"


def is_erased(user) -> bool:
    return user.email == erased_email(user.pk)


def request_erasure(*, user) -> ErasureRequest:
    """The agent asks for their account to be erased; asking again returns the pending one."""
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        existing = ErasureRequest.objects.pending().filter(user=user).first()
        if existing is not None:
            return existing
        return ErasureRequest.objects.create(user=user)


def confirm_erasure(*, erasure_request: ErasureRequest, confirmed_by) -> ErasureRequest:
    """An administrator confirms a pending request: the account is erased."""
    if not permissions.is_administrator(confirmed_by):
        raise NotAllowed(_("Seuls les administrateurs peuvent confirmer un effacement."))
    with transaction.atomic():
        locked = ErasureRequest.objects.select_for_update().get(pk=erasure_request.pk)
        if locked.status == ErasureRequest.Status.PENDING:
            erase_account(user=locked.user, confirmed_by=confirmed_by)
        locked.refresh_from_db()
    return locked


def erase_account(*, user, confirmed_by, reason: str = "demande de l’agent") -> User:
    """Anonymise `user` (see the module docstring). Idempotent; one transaction."""
    files = []
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if is_erased(user):
            return user
        audit.record(
            actor=confirmed_by,
            action=AuditEvent.Action.ACCOUNT_ERASED,
            target=user,
            details={"reason": reason},
        )
        now = timezone.now()
        certificates = Certificate.objects.filter(user=user)
        files = list(certificates.exclude(pdf="").values_list("pdf", flat=True))
        certificates.filter(revoked_at__isnull=True).update(
            revoked_at=now, revoked_by=None, revocation_reason=REVOCATION_REASON
        )
        certificates.update(holder_name="", credential_jwt="", pdf="")
        QuizAttempt.objects.filter(user=user).update(answers={})
        # What the agent typed in SCORM/H5P content (comments, answers, bookmarks) goes; the
        # statuses and scores stay for the statistics, as quiz scores do.
        PackageAttempt.objects.filter(user=user).update(cmi={}, attempt_key=None)
        EmailAddress.objects.filter(user=user).delete()
        SocialAccount.objects.filter(user=user).delete()
        Authenticator.objects.filter(user=user).delete()
        forget_agent(user=user)
        user.groups.clear()
        user.managed_units.clear()
        user.first_name = ERASED_FIRST_NAME
        user.last_name = ERASED_LAST_NAME
        user.email = erased_email(user.pk)
        user.set_unusable_password()
        user.is_active = False
        user.is_staff = False
        user.is_superuser = False
        user.proconnect_uid = ""
        user.siret = ""
        user.organization_label = ""
        user.save()
        ErasureRequest.objects.pending().filter(user=user).update(
            status=ErasureRequest.Status.DONE, confirmed_by=confirmed_by, confirmed_at=now
        )
        transaction.on_commit(lambda: _delete_files(files))
    return user


def _delete_files(names) -> None:
    """The PDFs carry the holder's name: removed once the erasure is committed."""
    storage = Certificate._meta.get_field("pdf").storage
    for name in names:
        storage.delete(name)


def inactive_accounts(*, years: int, now=None):
    """Accounts not used for `years` years (last login, or sign-up when never logged in), not
    yet erased; superusers are kept (an administrator erases them by hand)."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=round(365.25 * years))
    return (
        User.objects.filter(is_superuser=False)
        .filter(Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff))
        .exclude(email__endswith=f"@{ERASED_EMAIL_DOMAIN}")
        .order_by("pk")
    )


def purge_inactive(*, years: int, dry_run: bool = False) -> int:
    """Erase every account inactive for `years` years (retention); returns how many."""
    ids = list(inactive_accounts(years=years).values_list("pk", flat=True))
    if dry_run:
        return len(ids)
    for user in User.objects.filter(pk__in=ids).order_by("pk"):
        erase_account(user=user, confirmed_by=None, reason=f"inactivité de {years} ans")
    return len(ids)
