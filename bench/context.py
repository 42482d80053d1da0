"""What the scenarios measure with: the load campus's accounts and pages (see
`bench.load_data`), and how long to measure."""

from dataclasses import dataclass, field

from django.core.management.base import CommandError
from django.db.models import Count

from bench.harness import Settings
from bench.load_data import SPECIAL_ACCOUNTS
from courses.models import CatalogPage, CoursePage, Format, TrainingPathPage
from learners.accounts.models import User
from learners.learning.models import Enrolment


@dataclass
class BenchContext:
    settings: Settings
    learner: User
    direction_manager: User
    sub_direction_manager: User
    ministry_manager: User
    space_agent: User  # Mon espace: 10 enrolments, 3 upcoming sessions, 2 certificates
    organisation_manager: User  # manages every root unit: the whole organisation
    learner_path: TrainingPathPage  # the learner's path, the most popular one
    session_path: TrainingPathPage  # a path with a module taught in sessions
    catalogue: CatalogPage
    transport: str = "http"  # "http": gunicorn + a load generator; "client": the test client
    log: object = print
    facts: dict = field(default_factory=dict)

    @classmethod
    def load(cls, settings: Settings, *, transport: str = "http", log=print) -> "BenchContext":
        accounts = {
            role: User.objects.filter(email=email).first()
            for role, email in SPECIAL_ACCOUNTS.items()
        }
        if not all(accounts.values()):
            raise CommandError("No load data here: run `manage.py generate_load_data` first.")
        # The learner is half-way through the first path generated (other enrolments may exist).
        enrolment = Enrolment.objects.filter(user=accounts["learner"]).order_by("path_id")
        # The most followed path with a module taught in sessions (a module's parent is its path).
        session_modules = CoursePage.objects.filter(live=True, format__in=Format.with_sessions())
        parents = [module.path[: -CoursePage.steplen] for module in session_modules]
        session_path = (
            TrainingPathPage.objects.filter(live=True, path__in=parents)
            .annotate(n=Count("enrolments"))
            .order_by("-n", "pk")
            .first()
        )
        return cls(
            settings=settings,
            learner_path=enrolment.select_related("path").first().path,
            session_path=session_path,
            catalogue=CatalogPage.objects.get(),
            transport=transport,
            log=log,
            **accounts,
        )

    def fresh(self, user: User) -> User:
        """The user as a new request sees it: without the per-request caches of roles and
        scope that the permissions and team selectors keep on the object."""
        for name in list(vars(user)):
            if name.startswith("_campus_"):
                delattr(user, name)
        return user
