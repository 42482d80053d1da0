"""Forms of the manager pages: new campaign, organisation import. (The GET filters are in
`filters`.)"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import TrainingPathPage
from learners.accounts.models import OrgUnit, User
from learners.team.filters import CampusForm, UnitChoiceField


class CampaignForm(CampusForm):
    path = forms.ModelChoiceField(
        label=_("Parcours à suivre"),
        queryset=TrainingPathPage.objects.none(),
        empty_label=_("Choisir un parcours"),
    )
    due_date = forms.DateField(
        label=_("Échéance"),
        help_text=_("Date à laquelle le parcours doit être terminé. Format attendu : JJ/MM/AAAA."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    unit = UnitChoiceField(
        label=_("Unité"),
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label=_("Aucune : seulement les agents désignés ci-dessous"),
        help_text=_("Tous les agents de l’unité reçoivent la formation."),
    )
    include_subunits = forms.BooleanField(
        label=_("Inclure les unités rattachées"), required=False, initial=True
    )
    emails = forms.CharField(
        label=_("Agents désignés"),
        help_text=_("Adresses électroniques, une par ligne (facultatif si une unité est choisie)."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    title = forms.CharField(
        label=_("Intitulé de la campagne"),
        help_text=_("Facultatif : par défaut, le parcours et l’échéance."),
        max_length=255,
        required=False,
    )
    message = forms.CharField(
        label=_("Message aux agents"),
        help_text=_("Facultatif : il figure dans le courriel et dans Mon espace."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
    )

    def __init__(self, *args, units, agents, **kwargs):
        super().__init__(*args, **kwargs)
        self.agents = agents
        self.fields["unit"].queryset = units
        self.fields["path"].queryset = TrainingPathPage.objects.live().order_by("title")

    def clean_due_date(self):
        due_date = self.cleaned_data["due_date"]
        if due_date < timezone.localdate():
            raise ValidationError(_("L’échéance ne peut pas être dans le passé."))
        return due_date

    def clean_emails(self):
        emails = {
            line.strip().lower() for line in self.cleaned_data["emails"].split() if line.strip()
        }
        if not emails:
            return []
        users = list(self.agents.filter(email__in=emails))
        unknown = sorted(emails - {user.email for user in users})
        if unknown:
            raise ValidationError(
                _("Ces adresses ne correspondent à aucun agent de votre périmètre : %(emails)s.")
                % {"emails": ", ".join(unknown)}
            )
        return users

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("unit") and not cleaned.get("emails"):
            raise ValidationError(_("Choisissez une unité ou désignez des agents."))
        return cleaned


class AddAgentsForm(CampusForm):
    """The "not assigned" agents of a campaign to add (checkboxes)."""

    agents = forms.ModelMultipleChoiceField(
        label=_("Agents à ajouter"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Cochez au moins un agent.")},
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agents"].queryset = candidates


class OrgImportForm(CampusForm):
    file = forms.FileField(
        label=_("Fichier CSV de l’organisation"),
        help_text=_("Extraction RH au format CSV (UTF-8, séparateur point-virgule), 5 Mo au plus."),
    )

    MAX_SIZE = 5 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_SIZE:
            raise ValidationError(_("Le fichier dépasse 5 Mo."))
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise ValidationError(_("Déposez un fichier CSV (extension .csv)."))
        return upload
