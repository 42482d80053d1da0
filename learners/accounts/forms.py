"""The agent's names, asked at sign-up (allauth's `ACCOUNT_SIGNUP_FORM_CLASS`) and corrected in
Mon profil. They are printed on certificates: both are required, stripped, and never an address."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from learners.accounts.models import User


def _name_field(label, required_message, autocomplete: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=User._meta.get_field("first_name").max_length,
        error_messages={"required": required_message},
        widget=forms.TextInput(attrs={"autocomplete": autocomplete}),
    )


class NamesForm(forms.Form):
    first_name = _name_field(_("Prénom"), _("Saisissez votre prénom."), "given-name")
    last_name = _name_field(
        pgettext_lazy("nom de famille", "Nom"), _("Saisissez votre nom."), "family-name"
    )

    def clean_first_name(self) -> str:
        return self._not_an_address(
            "first_name", _("Saisissez votre prénom, pas une adresse électronique.")
        )

    def clean_last_name(self) -> str:
        return self._not_an_address(
            "last_name", _("Saisissez votre nom, pas une adresse électronique.")
        )

    def _not_an_address(self, field: str, message) -> str:
        value = self.cleaned_data[field]
        if "@" in value:
            raise forms.ValidationError(message, code="address")
        return value


class SignupForm(NamesForm):
    """The base of allauth's sign-up form: the names come first, before the address and the
    password fields allauth adds (`ACCOUNT_SIGNUP_FIELDS`)."""

    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    def signup(self, request, user) -> None:
        """Required by allauth. Nothing left to do: its adapter's `save_user` already stored
        the cleaned `first_name` and `last_name`."""
