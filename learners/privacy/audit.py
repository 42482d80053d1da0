"""Writing the audit log (`learners.models.AuditEvent`), and what is recorded automatically.

`record(actor=..., action=..., target=..., details=..., request=...)` appends one event, in the
caller's transaction (an action rolled back leaves no event). Role and scope changes are recorded
here from signals, whatever made them (Wagtail admin, import, shell): group membership,
`is_superuser` / `is_staff`, and the units a manager is responsible for. Their actor is the user
of the request being served, if any (`AuditRequestMiddleware` makes it known).
"""

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.contrib.auth.models import Group
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver
from django.http import HttpRequest

from learners.accounts.models import OrgUnit, User
from learners.common.requests import client_ip
from learners.privacy.models import AuditEvent

Action = AuditEvent.Action
PRIVILEGE_FIELDS = ("is_superuser", "is_staff")
SYSTEM_LABEL = "Système"

_current_request: ContextVar[HttpRequest | None] = ContextVar("audit_request", default=None)


def actor_label(user) -> str:
    """How the actor is remembered once their account is gone: name and e-mail."""
    if user is None:
        return SYSTEM_LABEL
    name = user.get_full_name().strip()
    return f"{name} <{user.email}>"[:255] if name else user.email[:255]


def record(
    *,
    actor: User | None,
    action: str,
    target: Model | None = None,
    details: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
    label: str = "",
) -> AuditEvent:
    """Append one event to the audit log and return it.

    `actor`: who acted (None for the system: tasks, commands). `action`: an `AuditEvent.Action`.
    `target`: the object acted upon (its type, id and text are kept, so the event outlives it).
    `details`: JSON-serialisable facts (dates and UUIDs are accepted). `request`: where the
    client's IP address comes from; defaults to the request being served, if any. `label`:
    who acted when it is not a user (an API client), instead of "Système".
    """
    if action not in Action.values:
        raise ValueError(f"Unknown audit action {action!r}; add it to AuditEvent.Action.")
    if actor is not None and not actor.is_authenticated:
        actor = None
    request = request if request is not None else _current_request.get()
    event = AuditEvent(
        actor=actor,
        actor_label=label[:255] if actor is None and label else actor_label(actor),
        action=action,
        details=details or {},
        ip=client_ip(request),
    )
    if target is not None:
        event.target_type = target._meta.label_lower
        event.target_id = str(target.pk)
        event.target_label = str(target)[:255]
    event.save()
    return event


# The request being served -------------------------------------------------------------------


@contextmanager
def serving(request: HttpRequest):
    """Make `request` the one whose user acts, for the events recorded from signals."""
    token = _current_request.set(request)
    try:
        yield
    finally:
        _current_request.reset(token)


def current_actor() -> User | None:
    request = _current_request.get()
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


# Recorded automatically ---------------------------------------------------------------------


def _group_label(group: Group) -> str:
    return group.name


def _unit_label(unit: OrgUnit) -> str:
    return f"{unit.name} ({unit.code})"


MEMBERSHIPS = {
    # through model: (audit action, user field, reverse accessor, related model, label)
    User.groups.through: (Action.ROLE_CHANGED, "groups", "user_set", Group, _group_label),
    User.managed_units.through: (
        Action.SCOPE_CHANGED,
        "managed_units",
        "managers",
        OrgUnit,
        _unit_label,
    ),
}


def _record_membership(user: User, action: str, *, added=(), removed=()) -> None:
    record(
        actor=current_actor(),
        action=action,
        target=user,
        details={"added": sorted(added), "removed": sorted(removed)},
    )


@receiver(m2m_changed, dispatch_uid="learners_audit_memberships")
def membership_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """Group membership (roles) and managed units (scope) of an agent changed."""
    if sender not in MEMBERSHIPS:
        return
    audit_action, field, accessor, related_model, label = MEMBERSHIPS[sender]
    if action == "pre_clear":
        # The cleared objects are gone by post_clear: remember them now.
        related = getattr(instance, accessor if reverse else field).all()
        instance._audit_cleared = list(related)
        return
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    change = "removed" if action != "post_add" else "added"
    if action == "post_clear":
        others = getattr(instance, "_audit_cleared", [])
        del instance._audit_cleared
    elif reverse:
        others = list(User.objects.filter(pk__in=pk_set))
    else:
        others = list(related_model.objects.filter(pk__in=pk_set))
    if not others:
        return
    if reverse:
        # `instance` is the group or unit; each agent gets an event of their own.
        for user in others:
            _record_membership(user, audit_action, **{change: [label(instance)]})
    else:
        _record_membership(instance, audit_action, **{change: [label(o) for o in others]})


@receiver(pre_save, sender=User, dispatch_uid="learners_audit_privileges_before")
def remember_privileges(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or (update_fields is not None and not set(PRIVILEGE_FIELDS) & set(update_fields)):
        return  # e.g. the last_login update at each login: no query
    if instance.pk is None:
        instance._audit_privileges = dict.fromkeys(PRIVILEGE_FIELDS, False)
        return
    instance._audit_privileges = User.objects.filter(pk=instance.pk).values(
        *PRIVILEGE_FIELDS
    ).first() or dict.fromkeys(PRIVILEGE_FIELDS, False)


@receiver(post_save, sender=User, dispatch_uid="learners_audit_privileges_after")
def record_privileges(sender, instance, raw=False, **kwargs):
    before = instance.__dict__.pop("_audit_privileges", None)
    if raw or before is None:
        return
    changes = {
        field: {"from": before[field], "to": getattr(instance, field)}
        for field in PRIVILEGE_FIELDS
        if before[field] != getattr(instance, field)
    }
    if changes:
        record(actor=current_actor(), action=Action.ROLE_CHANGED, target=instance, details=changes)
