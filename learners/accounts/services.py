"""Writes on the agent's own account: the names shown on their certificates (Mon profil)."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from learners.accounts import permissions
from learners.accounts.models import User
from learners.accounts.signals import names_changed
from learners.common.exceptions import NotAllowed


class NamesFromProConnect(NotAllowed):
    message = _(
        "Vos prénom et nom viennent de ProConnect : ils ne peuvent pas être modifiés sur le campus."
    )


def announce_names(user: User) -> None:
    """Send `names_changed` for `user` once the current transaction commits."""
    transaction.on_commit(lambda: names_changed.send(sender=User, user=user), robust=True)


def update_names(*, user: User, first_name: str, last_name: str) -> bool:
    """Store the agent's first and last names, stripped; True when they changed.

    Raises `NamesFromProConnect` when ProConnect asserts them. Posting the same names again
    changes nothing and announces nothing.
    """
    if not permissions.may_edit_names(user):
        raise NamesFromProConnect()
    first_name, last_name = first_name.strip(), last_name.strip()
    with transaction.atomic():
        changed = (
            User.objects.filter(pk=user.pk)
            .exclude(first_name=first_name, last_name=last_name)
            .update(first_name=first_name, last_name=last_name)
        )
        user.first_name, user.last_name = first_name, last_name
        if changed:
            announce_names(user)
    return bool(changed)
