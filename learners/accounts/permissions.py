"""Roles of the campus, answered in one place for views and templates alike.

- agent: every signed-in user;
- trainer: member of the Wagtail group "Formateurs" (authors content, cannot publish);
- reviewer: member of "Responsables pédagogiques" (approves or rejects in the moderation workflow);
- manager: responsible for at least one organisation unit;
- administrator: superuser or member of "Administrateurs".
"""

from django.db.models import Q

from learners.accounts.models import User

TRAINERS_GROUP = "Formateurs"
REVIEWERS_GROUP = "Responsables pédagogiques"
ADMINISTRATORS_GROUP = "Administrateurs"


def _group_names(user) -> frozenset[str]:
    # Cached on the user object: templates and views ask several times per request.
    if not hasattr(user, "_campus_group_names"):
        user._campus_group_names = frozenset(user.groups.values_list("name", flat=True))
    return user._campus_group_names


def is_administrator(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or ADMINISTRATORS_GROUP in _group_names(user)


def administrators():
    """The active administrators, as a queryset (the Wagtail permission policies of the
    administrators-only models list them)."""
    return (
        User.objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name=ADMINISTRATORS_GROUP))
        .distinct()
    )


def is_trainer(user) -> bool:
    return user.is_authenticated and TRAINERS_GROUP in _group_names(user)


def is_reviewer(user) -> bool:
    return user.is_authenticated and REVIEWERS_GROUP in _group_names(user)


def is_manager(user) -> bool:
    """Responsible for at least one unit (administrators see every team too)."""
    if not user.is_authenticated:
        return False
    if not hasattr(user, "_campus_is_manager"):
        user._campus_is_manager = user.managed_units.exists()
    return user._campus_is_manager


def may_author_content(user) -> bool:
    """Trainers, reviewers and administrators reach the Wagtail admin ("Administration")."""
    return is_administrator(user) or is_trainer(user) or is_reviewer(user)


def has_elevated_rights(user) -> bool:
    """Trainers, reviewers, administrators and staff: accounts a ProConnect identity is never
    linked to by e-mail alone (they link from Mon compte, after a password and MFA login)."""
    return user.is_staff or user.is_superuser or may_author_content(user)


def names_from_proconnect(user) -> bool:
    """ProConnect asserts the agent's names (from their administration's directory) and
    refreshes them at each sign-in: Mon profil shows them read-only. Not for accounts with
    elevated rights, whose names ProConnect never overwrites, nor while it asserted none."""
    return bool(user.proconnect_uid) and user.has_name and not has_elevated_rights(user)


def may_edit_names(user) -> bool:
    """Mon profil: a signed-in agent corrects their own names, unless ProConnect asserts them."""
    return user.is_authenticated and not names_from_proconnect(user)


def may_see_team(user) -> bool:
    return is_administrator(user) or is_manager(user)


# Learning ---------------------------------------------------------------------------------
# Agents see only their own enrolments, attempts and registrations: views look these up
# filtered on `request.user`, so another agent's ids answer 404, not 403.


def owns(user, obj) -> bool:
    """The object (enrolment, quiz attempt, session registration) belongs to `user`."""
    return user.is_authenticated and getattr(obj, "user_id", None) == user.pk


def may_record_progress(user, enrolment) -> bool:
    """Only the agent, while enrolled (not after abandoning), records progress in a path."""
    return enrolment is not None and owns(user, enrolment) and enrolment.is_active


def may_mark_attendance(user, session) -> bool:
    """The session's trainer, or an administrator."""
    if not user.is_authenticated:
        return False
    return is_administrator(user) or (
        session.trainer_id is not None and session.trainer_id == user.pk
    )


def may_see_attendance(user) -> bool:
    """The "Présences" menu of the admin: trainers and administrators."""
    return is_administrator(user) or is_trainer(user)


def may_view_path_statistics(user) -> bool:
    """The "Statistiques des parcours" report of the admin (aggregated figures of every live
    path, no agent named): trainers, reviewers and administrators, who improve the paths."""
    return may_author_content(user)


# Certificates -----------------------------------------------------------------------------


def may_download_certificate(user, certificate) -> bool:
    """The PDF and the Open Badges credential: the agent it was issued to, and administrators."""
    return owns(user, certificate) or is_administrator(user)


def may_manage_certificates(user) -> bool:
    """The "Certificats" listing of the admin (search, export, revocation): administrators."""
    return is_administrator(user)
