"""The training path (parcours): what the catalogue lists and what an agent enrols in, with the
reads of its page (outline, sessions, skills, prerequisites) and of its publication checks."""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from courses import catalogue_version, providers
from courses.blocks.basics import RICH_TEXT_FEATURES
from courses.choices import TRAINERS_GROUP_NAME, Format, Language, Level
from courses.forms import TrainingPathPageForm
from courses.models.activities import LessonPage
from courses.models.modules import CoursePage, upcoming_sessions
from courses.models.outline import Outline, path_outline
from courses.models.packages import H5PActivityPage, ScormActivityPage
from courses.models.quizzes import QuizPage
from courses.models.themes import TrainingPathSkill
from courses.navigation import PageLink, breadcrumb, enrol_url
from courses.permissions import PathTeamPermissions
from courses.publication_checks import PUBLISHABLE, ensure_publishable, path_errors


class TrainingPathPage(PathTeamPermissions, Page):
    """A parcours: modules (CoursePage) of lessons and quizzes, with a certification rule.

    `estimated_duration_minutes` and `search_text` are derived from
    the published activities each time the path or one of its pages is published or
    unpublished (see `courses.publication_effects`), so the catalogue filters and searches plain
    columns.
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
    # The sum of the published activities' durations (sessions included): the one duration
    # the catalogue, the path page and the certificate show.
    estimated_duration_minutes = models.PositiveIntegerField(
        _("durée estimée (minutes)"), default=0, editable=False, db_index=True
    )
    certificate_validity_months = models.PositiveSmallIntegerField(
        _("validité du certificat (mois)"),
        null=True,
        blank=True,
        help_text=_("Laisser vide pour un certificat sans date d’expiration."),
    )
    contact_trainers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("équipe pédagogique (formateurs à contacter)"),
        help_text=_(
            "Les formateurs qui peuvent modifier ce parcours (avec la personne qui l’a créé) et "
            "que les agents peuvent contacter."
        ),
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
                        "La durée du parcours est la somme des durées de ses activités (leçons, "
                        "quiz, sessions), recalculée à chaque publication : c’est celle que "
                        "montrent le catalogue, la page du parcours, son programme et le "
                        "certificat. Réglez-la par la durée de chaque activité."
                    )
                ),
            ],
            heading=_("Durée"),
        ),
        MultiFieldPanel(
            [
                HelpPanel(
                    _(
                        "Le certificat est délivré quand toutes les activités obligatoires sont "
                        "terminées, chaque quiz obligatoire réussi à son propre score de réussite."
                    )
                ),
                FieldPanel("certificate_validity_months"),
            ],
            heading=_("Certification"),
        ),
        FieldPanel("contact_trainers", widget=forms.CheckboxSelectMultiple),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("objectives"),
        index.SearchField("search_words"),  # the words of `search_text`, each once
        # Found by its theme and skills too (indexed with the path: `courses.signals` indexes
        # its paths again when a theme or skill is renamed or a skill deleted).
        index.RelatedFields("theme", [index.SearchField("name")]),
        index.RelatedFields("skills", [index.SearchField("name")]),
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

    def search_words(self) -> str:
        """What the search index holds of the lessons' text: each of its words once."""
        from courses.search import distinct_words  # the search backend, loaded with the apps

        return distinct_words(self.search_text)

    def publication_errors(self) -> list[str]:
        """Why the path (possibly built from a revision) cannot be published: the rules of
        `courses.publication_checks.path_errors`, given what they need to know."""
        if self.pk is None:
            return path_errors(self.title, saved=False)
        new_quizzes = QuizPage.objects.descendant_of(self).filter(
            live=False, first_published_at__isnull=True
        )
        return path_errors(
            self.title,
            saved=True,
            has_required_activity=self.has_publishable_required_activity(),
            new_quizzes=new_quizzes.prefetch_related("questions__choices"),
        )

    def has_publishable_required_activity(self) -> bool:
        """Whether a module that will be live once the path is published (`PUBLISHABLE`) has a
        required session, lesson, quiz, or SCORM or H5P activity with its package, that will be
        live too."""
        modules = CoursePage.objects.child_of(self).filter(PUBLISHABLE)
        # Activities count only under a module that will be live too.
        under_module = Q(pk__in=[])
        for module_path in modules.values_list("path", flat=True):
            under_module |= Q(path__startswith=module_path)
        return (
            modules.filter(format__in=Format.with_sessions(), attendance_required=True).exists()
            or LessonPage.objects.filter(PUBLISHABLE, under_module, required=True).exists()
            or QuizPage.objects.filter(PUBLISHABLE, under_module, required=True).exists()
            or any(
                model.objects.filter(PUBLISHABLE, under_module, required=True)
                .exclude(package=None)
                .exists()
                for model in (ScormActivityPage, H5PActivityPage)
            )
        )

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

    def get_outline(self, *, include_drafts: bool = False) -> Outline:
        """The modules in order with their activities (see `courses.models.outline`)."""
        return path_outline(self, include_drafts=include_drafts)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(path_page_context(self, request))
        return context


@dataclass(frozen=True)
class PathPageContent:
    """What a path page shows besides the path's own fields, the outline and the sessions: the
    same for every visitor until the next publication."""

    breadcrumb: list[PageLink]
    skills: list
    has_contact_trainers: bool  # who they are is read each time (names and e-mails may change)


def path_page_content(path, *, preview: bool = False) -> PathPageContent:
    """Three queries, then cached until the next publication (`courses.catalogue_version`);
    a preview reads the revision shown (its skills and trainers are in memory)."""
    if preview:
        return _build_path_page_content(path)
    return catalogue_version.cached(
        f"courses:path-page:{path.pk}", lambda: _build_path_page_content(path), local=True
    )


def _build_path_page_content(path) -> PathPageContent:
    return PathPageContent(
        breadcrumb=[PageLink(page.pk, page.title, page.url) for page in breadcrumb(path)],
        skills=list(path.skills.all()),
        has_contact_trainers=path.contact_trainers.exists(),
    )


def live_prerequisites(path, *, preview: bool = False) -> list[PageLink]:
    """The path's live prerequisite paths (one query, then cached until the next publication;
    `learners` asks only whether there are any before looking up what an agent completed)."""
    if preview:
        return _build_live_prerequisites(path)
    return catalogue_version.cached(
        f"courses:prerequisites:{path.pk}", lambda: _build_live_prerequisites(path), local=True
    )


def _build_live_prerequisites(path) -> list[PageLink]:
    return [PageLink(p.pk, p.title, p.url) for p in path.prerequisites.all() if p.live]


def path_page_context(path, request) -> dict:
    """The path page: what is the same for everyone is cached until the next publication
    (outline, breadcrumb, skills, prerequisites); sessions with their seats, the contact
    trainers and the agent's own state are read each time (a constant number of queries)."""
    preview = getattr(request, "is_preview", False)
    outline = path_outline(path, include_drafts=preview, request=request)
    content = path_page_content(path, preview=preview)
    sessions = upcoming_sessions(outline.session_module_ids)
    for module in outline.modules:
        module.upcoming_sessions = [s for s in sessions if s.course_id == module.id]
    trainers = list(path.contact_trainers.all()) if content.has_contact_trainers else []
    state = providers.learner_state(request, path)
    return {
        "outline": outline,
        "upcoming_sessions": sessions,
        # The sessions table names the module only when several modules have sessions.
        "sessions_show_module": len(outline.session_module_ids) > 1,
        "prerequisites": live_prerequisites(path, preview=preview),
        "contact_trainers": trainers,
        "skills": content.skills,
        "learner_state": state,
        "completed_activity_ids": (state or {}).get("completed_activity_ids", frozenset()),
        "enrol_url": enrol_url(path),
        "breadcrumb_pages": content.breadcrumb,
    }
