"""Signals sent by the accounts.

`names_changed(sender=User, user=<User>)`
    Sent after the transaction that changed an agent's first or last name commits (Mon profil,
    a ProConnect sign-in, the organisation import). The certification connects to it the
    issuance of the certificates that waited for the agent's names.
"""

from django.dispatch import Signal

names_changed = Signal()
