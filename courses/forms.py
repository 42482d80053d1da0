"""Admin forms of the catalogue's pages: the checks a trainer sees when saving or submitting.

Below the page models (they name these forms as `base_form_class`): imports no page model.
"""

from django import forms
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from courses import publication_checks
from courses.choices import Format
from courses.packages import InvalidPackage, store_package

# Buttons of the page editor that lead to publication, now or after review.
PUBLICATION_ACTIONS = ("action-publish", "action-submit", "action-restart-workflow")


class CatalogPageForm(WagtailAdminPageForm):
    """Base form: on publish, submit for review or approve, runs `courses.publication_checks`.

    Saving a draft stays possible with an incomplete page; the checks apply only when the page
    is about to go live (or to a reviewer who would make it live).
    """

    @property
    def is_publication_request(self) -> bool:
        if any(self.data.get(action) for action in PUBLICATION_ACTIONS):
            return True
        return bool(self.data.get("action-workflow-action")) and (
            self.data.get("workflow-action-name") == "approve"
        )

    def is_valid(self) -> bool:
        if not super().is_valid():
            return False
        for message in self.consistency_errors():
            self.add_error(None, message)
        if self.is_publication_request:
            for message in self.publication_errors():
                self.add_error(None, message)
        return not self.errors

    def consistency_errors(self) -> list[str]:
        """Errors that involve the page and its inline objects together (always checked)."""
        return []

    def publication_errors(self) -> list[str]:
        return publication_checks.publication_errors(self.instance)

    def _kept_forms(self, formset):
        """Forms of an inline formset that will be saved (neither deleted nor left empty)."""
        for form in formset.forms:
            if formset.can_delete and formset._should_delete_form(form):
                continue
            if not form.instance.pk and not form.has_changed():
                continue
            yield form


class TrainingPathPageForm(CatalogPageForm):
    def clean(self):
        cleaned_data = super().clean()
        prerequisites = cleaned_data.get("prerequisites")
        if self.instance.pk and prerequisites and self.instance.pk in {p.pk for p in prerequisites}:
            self.add_error("prerequisites", _("Un parcours ne peut pas être son propre prérequis."))
        return cleaned_data


class CoursePageForm(CatalogPageForm):
    def consistency_errors(self) -> list[str]:
        errors = [
            publication_checks.removed_session_error(form.instance)
            for form in self.formsets["sessions"].forms
            if form.instance.pk
            and self.formsets["sessions"]._should_delete_form(form)
            and form.instance.registrations.exists()
        ]
        return errors + self._format_errors()

    def _format_errors(self) -> list[str]:
        sessions = list(self._kept_forms(self.formsets["sessions"]))
        if sessions and self.cleaned_data.get("format") not in Format.with_sessions():
            return [
                _(
                    "Un module en e-learning n’a pas de sessions : choisissez le format classe "
                    "virtuelle, présentiel ou hybride, ou supprimez les sessions."
                )
            ]
        return []


class QuizPageForm(CatalogPageForm):
    def publication_errors(self) -> list[str]:
        questions = []
        for form in self._kept_forms(self.formsets["questions"]):
            answers = tuple(
                bool(choice.cleaned_data.get("is_correct"))
                for choice in self._kept_forms(form.formsets["choices"])
            )
            questions.append(
                publication_checks.QuestionDraft(
                    text=form.cleaned_data.get("text", ""),
                    kind=form.cleaned_data.get("kind", ""),
                    answers=answers,
                )
            )
        return publication_checks.quiz_errors(self.cleaned_data.get("title", ""), questions)


class PackageActivityPageForm(CatalogPageForm):
    """A SCORM or H5P activity: the package is uploaded here, validated and stored once.

    Errors are in French on the file field, and the form is shown again; without a new file,
    the page keeps its package.
    """

    package_file = forms.FileField(
        label=_("Fichier du paquet"),
        required=False,
        help_text=_(
            "Paquet SCORM 1.2 ou SCORM 2004 (.zip), ou contenu H5P (.h5p), tel que l’outil "
            "auteur l’exporte."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        package = self.instance.package if self.instance.package_id else None
        if package is not None:
            self.fields["package_file"].help_text = _gettext(
                "Paquet actuel : %(summary)s. Déposez un autre fichier pour le remplacer."
            ) % {"summary": package.summary}

    def clean_package_file(self):
        upload = self.cleaned_data.get("package_file")
        if not upload:
            return upload
        try:
            package = store_package(upload, self.for_user, name=upload.name)
        except InvalidPackage as invalid:
            raise forms.ValidationError(invalid.errors) from None
        kinds = self._meta.model.package_kinds
        if package.kind not in kinds:
            raise forms.ValidationError(
                _gettext(
                    "Ce fichier est un paquet %(kind)s : il ne convient pas à ce type "
                    "d’activité. Créez une activité « %(other)s »."
                )
                % {
                    "kind": package.get_kind_display(),
                    "other": _gettext("contenu H5P")
                    if package.kind == "h5p"
                    else _gettext("module SCORM"),
                }
            )
        self.instance.package = package
        return upload
