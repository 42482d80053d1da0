"""The training path (parcours): what the catalogue lists and what an agent enrols in."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from courses.blocks.basics import RICH_TEXT_FEATURES
from courses.forms import TrainingPathPageForm
from courses.models.choices import Format, Language, Level
from courses.models.themes import TrainingPathSkill
from courses.publication import ensure_publishable

# Same name as learners.accounts.permissions.TRAINERS_GROUP (courses does not import learners).
TRAINERS_GROUP_NAME = "Formateurs"


class TrainingPathPage(Page):
    """A parcours: modules (CoursePage) of lessons and quizzes, with a certification rule.

    `computed_duration_minutes`, `estimated_duration_minutes` and `search_text` are derived from
    the published activities each time the path or one of its pages is published or
    unpublished (see `courses.publishing`), so the catalogue filters and searches plain columns.
    """

    summary = models.TextField(
        _("résumé"), max_length=400, help_text=_("Deux ou trois phrases, affichées sur la carte.")
    )
    objectives = RichTextField(_("objectifs pédagogiques"), features=RICH_TEXT_FEATURES)
    audience = RichTextField(_("public visé"), blank=True, features=RICH_TEXT_FEATURES)
    prerequisites = ParentalManyToManyField(
        "self",
        verbose_name=_("parcours prérequis"),
        symmetrical=False,
        blank=True,
        related_name="required_by",
    )
    level = models.CharField(_("niveau"), max_length=20, choices=Level.choices, db_index=True)
    theme = models.ForeignKey(
        "courses.Theme",
        verbose_name=_("thématique"),
        related_name="paths",
        on_delete=models.PROTECT,
        null=True,
    )
    skills = ClusterTaggableManager(
        verbose_name=_("compétences"), through=TrainingPathSkill, blank=True
    )
    format = models.CharField(
        _("format"), max_length=20, choices=Format.choices, default=Format.E_LEARNING, db_index=True
    )
    language = models.CharField(
        _("langue"), max_length=5, choices=Language.choices, default=Language.FRENCH, db_index=True
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image de couverture"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    cover_alt_text = models.CharField(
        _("texte alternatif de l’image"),
        max_length=255,
        blank=True,
        help_text=_(
            "Décrit l’image pour les personnes qui ne la voient pas. Obligatoire avec une image."
        ),
    )
    duration_override_minutes = models.PositiveIntegerField(
        _("durée estimée imposée (minutes)"),
        null=True,
        blank=True,
        help_text=_("Laisser vide pour utiliser la somme des durées des activités."),
    )
    computed_duration_minutes = models.PositiveIntegerField(
        _("somme des durées des activités (minutes)"), default=0, editable=False
    )
    estimated_duration_minutes = models.PositiveIntegerField(
        _("durée estimée (minutes)"), default=0, editable=False, db_index=True
    )
    certification_min_score = models.PositiveSmallIntegerField(
        _("score minimal aux quiz (%)"),
        default=70,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "Moyenne des meilleurs scores aux quiz obligatoires, exigée pour le certificat."
        ),
    )
    certificate_validity_months = models.PositiveSmallIntegerField(
        _("validité du certificat (mois)"),
        null=True,
        blank=True,
        help_text=_("Laisser vide pour un certificat sans date d’expiration."),
    )
    contact_trainers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("formateurs à contacter"),
        blank=True,
        related_name="contact_for_paths",
        limit_choices_to={"groups__name": TRAINERS_GROUP_NAME},
    )
    # Text of the path's published modules, lessons and quizzes, so that search finds a path
    # by what its lessons say.
    search_text = models.TextField(_("texte indexé"), blank=True, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("objectives"),
        FieldPanel("audience"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("theme", widget=forms.Select), FieldPanel("level")]),
                FieldRowPanel([FieldPanel("format"), FieldPanel("language")]),
                FieldPanel("skills"),
                FieldPanel("prerequisites", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Classement"),
        ),
        MultiFieldPanel(
            [FieldPanel("cover_image"), FieldPanel("cover_alt_text")],
            heading=_("Image de couverture"),
        ),
        MultiFieldPanel(
            [
                HelpPanel(
                    _(
                        "La durée estimée est la somme des durées des activités publiées, "
                        "recalculée à chaque publication, sauf si vous l’imposez ici."
                    )
                ),
                FieldPanel("duration_override_minutes"),
            ],
            heading=_("Durée"),
        ),
        MultiFieldPanel(
            [
                HelpPanel(
                    _(
                        "Le certificat est délivré quand toutes les activités obligatoires sont "
                        "terminées et que le score minimal aux quiz est atteint."
                    )
                ),
                FieldRowPanel(
                    [
                        FieldPanel("certification_min_score"),
                        FieldPanel("certificate_validity_months"),
                    ]
                ),
            ],
            heading=_("Certification"),
        ),
        FieldPanel("contact_trainers", widget=forms.CheckboxSelectMultiple),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("objectives"),
        index.SearchField("search_text"),
        index.FilterField("theme"),
        index.FilterField("level"),
        index.FilterField("format"),
        index.FilterField("language"),
        index.FilterField("estimated_duration_minutes"),
    ]

    # Served from the cache to anonymous visitors (campus/page_cache.py).
    anonymous_cache_seconds = 60
    base_form_class = TrainingPathPageForm
    parent_page_types = ["courses.CatalogPage"]
    subpage_types = ["courses.CoursePage"]

    class Meta:
        verbose_name = _("parcours")
        verbose_name_plural = _("parcours")

    def clean(self):
        super().clean()
        errors = {}
        if self.cover_image_id and not self.cover_alt_text.strip():
            errors["cover_alt_text"] = _("Décrivez l’image de couverture (texte alternatif).")
        if errors:
            raise ValidationError(errors)

    def publish(self, revision, *args, **kwargs):
        ensure_publishable(revision.as_object())
        return super().publish(revision, *args, **kwargs)

    def get_view_restrictions(self):
        """Wagtail's, without a query when the page comes from its cached route, which holds
        the ids of the restrictions that apply to it (`courses.routing`)."""
        restriction_ids = getattr(self, "cached_view_restriction_ids", None)
        if restriction_ids is None:
            return super().get_view_restrictions()
        # An empty list runs no query; otherwise the restrictions are read as they stand.
        return PageViewRestriction.objects.filter(pk__in=restriction_ids)

    def get_outline(self, *, include_drafts: bool = False):
        """The modules in order with their activities (see `courses.selectors.path_outline`)."""
        from courses.selectors import path_outline

        return path_outline(self, include_drafts=include_drafts)

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import path_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(path_page_context(self, request))
        return context
