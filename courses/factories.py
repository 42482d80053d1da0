"""factory_boy factories of the catalogue's pages (tests and `create_demo`).

Pages are built as drafts under their parent (`parent=`); `publish(page)` publishes a path or a
module with its never-published pages, as the reviewer's approval does.
"""

import datetime
from pathlib import Path

import factory
from django.conf import settings
from django.utils import timezone
from factory.django import DjangoModelFactory

from courses.models import (
    CatalogPage,
    ContentPackage,
    CoursePage,
    Format,
    H5PActivityPage,
    LessonPage,
    Level,
    QuestionKind,
    QuizChoice,
    QuizPage,
    QuizQuestion,
    ScormActivityPage,
    Theme,
    TrainingPathPage,
    TrainingSession,
)
from courses.packages import store_package


def catalogue() -> CatalogPage:
    """The catalogue page (created by migration courses/0003)."""
    return CatalogPage.objects.get()


def publish(page, user=None):
    """Publish `page` (and, for a path or module, its pages never published) like a reviewer."""
    page.save_revision(user=user).publish(user=user)
    page.refresh_from_db()
    return page


def paragraph(html: str) -> dict:
    return {"type": "paragraph", "value": html}


class PageFactory(DjangoModelFactory):
    """Adds the page as a draft under `parent` (treebeard needs the parent's current state)."""

    class Meta:
        abstract = True

    live = False

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        parent = parent if parent is not None else cls._default_parent()
        parent.refresh_from_db()
        page = model_class(**kwargs)
        parent.add_child(instance=page)
        return page

    @classmethod
    def _default_parent(cls):
        raise TypeError(f"{cls.__name__} needs a parent page (parent=...).")


class TrainingPathFactory(PageFactory):
    class Meta:
        model = TrainingPathPage

    title = factory.Sequence(lambda n: f"Parcours {n}")
    summary = "Un parcours pour découvrir les bases et les mettre en pratique dans son service."
    objectives = "<ul><li>Comprendre les enjeux</li><li>Appliquer les bonnes pratiques</li></ul>"
    audience = "<p>Tous les agents publics.</p>"
    level = Level.DISCOVERY
    format = Format.E_LEARNING
    theme = factory.LazyFunction(lambda: Theme.objects.order_by("name").first())

    @classmethod
    def _default_parent(cls):
        return catalogue()


class CourseFactory(PageFactory):
    class Meta:
        model = CoursePage

    title = factory.Sequence(lambda n: f"Module {n}")
    summary = "Les notions essentielles, en quelques activités courtes."
    format = Format.E_LEARNING


class LessonFactory(PageFactory):
    class Meta:
        model = LessonPage

    title = factory.Sequence(lambda n: f"Leçon {n}")
    duration_minutes = 20
    required = True
    body = factory.LazyFunction(
        lambda: [paragraph("<p>Le numérique public se construit avec ses usagers.</p>")]
    )


class QuizFactory(PageFactory):
    """A quiz with `questions` (default: one single-choice question with a correct answer)."""

    class Meta:
        model = QuizPage

    title = factory.Sequence(lambda n: f"Quiz {n}")
    duration_minutes = 10
    required = True
    pass_mark = 70

    @classmethod
    def _create(cls, model_class, *args, questions=None, **kwargs):
        if questions is None:
            questions = [
                single_choice("Quelle est la bonne réponse ?", ["Celle-ci", "Une autre"], 0)
            ]
        kwargs["questions"] = questions
        return super()._create(model_class, *args, **kwargs)


def question(
    text: str, kind: str, answers: list[tuple[str, bool]], explanation: str = ""
) -> QuizQuestion:
    return QuizQuestion(
        text=text,
        kind=kind,
        explanation=explanation or "La bonne réponse découle directement de la leçon.",
        choices=[QuizChoice(text=answer, is_correct=correct) for answer, correct in answers],
    )


def single_choice(
    text: str, answers: list[str], correct: int, explanation: str = ""
) -> QuizQuestion:
    pairs = [(answer, index == correct) for index, answer in enumerate(answers)]
    return question(text, QuestionKind.SINGLE, pairs, explanation)


def multiple_choice(
    text: str, answers: list[str], correct: set[int], explanation: str = ""
) -> QuizQuestion:
    pairs = [(answer, index in correct) for index, answer in enumerate(answers)]
    return question(text, QuestionKind.MULTIPLE, pairs, explanation)


def true_false(text: str, answer: bool, explanation: str = "") -> QuizQuestion:
    return question(
        text, QuestionKind.TRUE_FALSE, [("Vrai", answer), ("Faux", not answer)], explanation
    )


def content_packages_dir() -> Path:
    """The folder of the real SCORM and H5P packages (setting or env `CONTENT_PACKAGES_DIR`;
    default `<repository>/../shared/content-packages`)."""
    default = Path(settings.BASE_DIR).parent / "shared" / "content-packages"
    return Path(getattr(settings, "CONTENT_PACKAGES_DIR", default))


class ContentPackageFactory(DjangoModelFactory):
    """A package row; `ContentPackageFactory.from_file(path)` stores a real package (validated
    and extracted under PACKAGE_ROOT, as an upload is). A bare name is looked up in
    `content_packages_dir()`, e.g. `from_file("RuntimeBasicCalls_SCORM12.zip")`."""

    class Meta:
        model = ContentPackage
        django_get_or_create = ["sha256"]

    sha256 = factory.Sequence(lambda n: f"{n:064x}")
    kind = ContentPackage.Kind.SCORM12
    title = "Module de démonstration"
    schema_version = "1.2"
    structure = factory.LazyFunction(
        lambda: {
            "scos": [
                {
                    "identifier": "item_1",
                    "title": "Module",
                    "href": "index.html",
                    "depth": 0,
                    "type": "sco",
                }
            ],
            "organization": "Module",
        }
    )
    size = 1000
    file_count = 2

    @classmethod
    def from_file(cls, path, user=None) -> ContentPackage:
        path = Path(path)
        if not path.is_absolute() and not path.exists():
            path = content_packages_dir() / path
        return store_package(path, user)


class ScormActivityFactory(PageFactory):
    """A SCORM activity; pass `package=` (default: a package row without files)."""

    class Meta:
        model = ScormActivityPage

    title = factory.Sequence(lambda n: f"Module SCORM {n}")
    duration_minutes = 30
    required = True
    package = factory.SubFactory(ContentPackageFactory)
    pass_mark = None


class H5PActivityFactory(PageFactory):
    class Meta:
        model = H5PActivityPage

    title = factory.Sequence(lambda n: f"Contenu H5P {n}")
    duration_minutes = 10
    required = True
    package = factory.SubFactory(
        ContentPackageFactory,
        kind=ContentPackage.Kind.H5P,
        schema_version="",
        structure={"main_library": "H5P.TrueFalse", "title": "Vrai ou faux", "h5p_json": {}},
    )
    pass_mark = None


class TrainingSessionFactory(DjangoModelFactory):
    class Meta:
        model = TrainingSession

    start = factory.LazyFunction(
        lambda: (timezone.now() + datetime.timedelta(days=30)).replace(
            hour=9, minute=30, second=0, microsecond=0
        )
    )
    end = factory.LazyAttribute(lambda session: session.start + datetime.timedelta(hours=3))
    location = "Paris — 20 avenue de Ségur"
    capacity = 20


def build_path(
    *, modules: int = 1, lessons: int = 1, quizzes: int = 0, published: bool = True, **path_fields
):
    """A path with `modules` modules of `lessons` lessons and `quizzes` quizzes each."""
    path = TrainingPathFactory(**path_fields)
    for _ in range(modules):
        module = CourseFactory(parent=path)
        for _ in range(lessons):
            LessonFactory(parent=module)
        for _ in range(quizzes):
            QuizFactory(parent=module)
    if published:
        publish(path)
    return path
