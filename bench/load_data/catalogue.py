"""The catalogue of the load campus: Wagtail pages, live, and the modules' dated sessions.

Pages go through Wagtail's tree API (`add_child`), live without revisions (a revision per page
would only slow the load down: nothing reads them when serving), then each path's derived
columns (duration, indexed text) are computed once, as publishing would.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.text import slugify

from courses.demo.blocks import callout, h, p, takeaways
from courses.factories import catalogue as catalogue_page
from courses.factories import single_choice
from courses.models import (
    CoursePage,
    Format,
    Language,
    LessonPage,
    Level,
    QuizPage,
    Theme,
    TrainingPathPage,
    TrainingSession,
)
from courses.publication_effects import refresh_path
from courses.selectors import path_outline

TOPICS = [
    "Accessibilité numérique",
    "Sécurité des systèmes d’information",
    "Données publiques",
    "Intelligence artificielle",
    "Conception de services publics numériques",
    "Conduite de projet agile",
    "Logiciels libres",
    "Numérique responsable",
    "Informatique en nuage",
    "Identité numérique",
    "Protection des données personnelles",
    "Administration des systèmes",
    "Développement web",
    "Design des interfaces",
    "Pilotage par la donnée",
    "Achat de prestations numériques",
    "Inclusion numérique",
    "Architecture des systèmes",
    "Gestion de crise cyber",
    "Outils collaboratifs",
]
ANGLES = [
    "les fondamentaux",
    "passer à la pratique",
    "approfondir",
    "pour les managers",
    "pour les agents d’accueil",
    "en mode projet",
    "les outils",
    "cas pratiques",
    "réglementation",
    "retours d’expérience",
]
SENTENCES = [
    "Le service public numérique se conçoit avec et pour ses usagers.",
    "Chaque démarche doit rester simple, accessible et compréhensible par tous.",
    "Les équipes documentent leurs choix pour que d’autres puissent les reprendre.",
    "Une donnée publiée dans un format ouvert profite à toute l’administration.",
    "Les risques se mesurent avant la mise en production, jamais après.",
    "Un prototype montré tôt évite des mois de développement inutile.",
    "Le référentiel général d’interopérabilité guide le choix des formats.",
    "Les agents restent maîtres de leurs outils lorsqu’ils en comprennent le fonctionnement.",
    "Mesurer l’usage réel d’un service permet de prioriser les améliorations.",
    "La sobriété numérique commence par ne pas développer ce qui ne sert pas.",
    "Un incident bien traité est un incident analysé et partagé.",
    "Les usagers en situation de handicap doivent pouvoir réaliser chaque démarche.",
]


@dataclass
class PathInfo:
    id: int
    title: str
    activities: list  # OutlineActivity, in outline order
    required_ids: frozenset
    session_module_id: int | None = None
    past_sessions: list = field(default_factory=list)  # (id, capacity)
    future_sessions: list = field(default_factory=list)


@dataclass
class Catalogue:
    paths: list[PathInfo]  # the full paths (enrolments, completions)
    counts: dict


def _text(rng, topic: str, sentences: int) -> str:
    chosen = [rng.choice(SENTENCES) for _ in range(sentences)]
    chosen.insert(rng.randrange(len(chosen) + 1), f"Ce module traite de : {topic.lower()}.")
    return " ".join(chosen)


def _lesson_body(rng, topic: str, title: str) -> list:
    return [
        h(title),
        p(*(_text(rng, topic, 4) for _ in range(3))),
        callout("Bon à savoir", _text(rng, topic, 2)),
        h("Mise en pratique"),
        p(*(_text(rng, topic, 3) for _ in range(2))),
        takeaways(*(rng.choice(SENTENCES) for _ in range(3))),
    ]


def _questions(rng, count: int) -> list:
    return [
        single_choice(
            f"Question {number} : laquelle de ces affirmations est exacte ?",
            [rng.choice(SENTENCES), "Aucune de ces réponses", "Toutes ces réponses"],
            0,
        )
        for number in range(1, count + 1)
    ]


def _live(now) -> dict:
    return {
        "live": True,
        "has_unpublished_changes": False,
        "first_published_at": now,
        "last_published_at": now,
    }


def _path_page(rng, themes, title, *, now, format_=Format.E_LEARNING) -> TrainingPathPage:
    topic = title.split(" : ")[0]
    return TrainingPathPage(
        title=title,
        slug=slugify(title)[:80],
        summary=f"{topic} : {_text(rng, topic, 1)}",
        objectives="<ul>"
        + "".join(f"<li>{rng.choice(SENTENCES)}</li>" for _ in range(3))
        + "</ul>",
        audience="<p>Tous les agents publics.</p>",
        level=rng.choice(Level.values),
        theme=rng.choice(themes),
        format=format_,
        language=Language.FRENCH if rng.random() < 0.9 else Language.ENGLISH,
        certificate_validity_months=rng.choice([None, 24, 36]),
        **_live(now),
    )


def _full_path(rng, themes, title, *, now, with_sessions: bool, sizes) -> TrainingPathPage:
    topic = title.split(" : ")[0]
    path = _path_page(
        rng, themes, title, now=now, format_=Format.BLENDED if with_sessions else Format.E_LEARNING
    )
    catalogue_page().add_child(instance=path)
    low, high = sizes.activities
    modules = rng.randint(3, max(3, min(6, low // 3)))
    total = rng.randint(max(low, modules * 3), max(high, modules * 3))
    shares = [total // modules + (1 if index < total % modules else 0) for index in range(modules)]
    session_index = modules - 1 if with_sessions else None
    for index, share in enumerate(shares):
        is_session = index == session_index
        module = CoursePage(
            title=f"Module {index + 1} — {rng.choice(ANGLES).capitalize()}",
            slug=f"module-{index + 1}",
            summary=_text(rng, topic, 1),
            format=Format.VIRTUAL_CLASS if is_session else Format.E_LEARNING,
            session_duration_minutes=180 if is_session else 0,
            attendance_required=True,
            **_live(now),
        )
        path.add_child(instance=module)
        # A module ends with a quiz; a session module's session is its last activity.
        lessons = share - 1 - (1 if is_session else 0)
        for number in range(1, max(lessons, 1) + 1):
            title = f"Leçon {index + 1}.{number} — {rng.choice(SENTENCES)[:60].rstrip('.')}"
            module.add_child(
                instance=LessonPage(
                    title=title,
                    slug=f"lecon-{number}",
                    duration_minutes=rng.choice([5, 10, 15, 20, 30]),
                    required=rng.random() > 0.1,
                    body=_lesson_body(rng, topic, title),
                    **_live(now),
                )
            )
        module.add_child(
            instance=QuizPage(
                title=f"Quiz du module {index + 1}",
                slug="quiz",
                duration_minutes=10,
                required=True,
                pass_mark=70,
                questions=_questions(rng, rng.randint(3, 5)),
                **_live(now),
            )
        )
    return path


def _light_path(rng, themes, title, *, now) -> TrainingPathPage:
    topic = title.split(" : ")[0]
    path = _path_page(rng, themes, title, now=now)
    catalogue_page().add_child(instance=path)
    module = CoursePage(title="Module unique", slug="module", summary=topic, **_live(now))
    path.add_child(instance=module)
    for number in (1, 2):
        module.add_child(
            instance=LessonPage(
                title=f"Leçon {number}",
                slug=f"lecon-{number}",
                duration_minutes=15,
                body=_lesson_body(rng, topic, f"Leçon {number}"),
                **_live(now),
            )
        )
    return path


def _titles(count: int) -> list[str]:
    titles = [f"{topic} : {angle}" for angle in ANGLES for topic in TOPICS]
    while len(titles) < count:
        titles += [f"{title} ({len(titles) // len(TOPICS)})" for title in titles[: len(TOPICS)]]
    return titles[:count]


def _sessions(rng, infos: list[PathInfo], count: int, now) -> int:
    """`count` sessions over the session modules: about 60 % past, 40 % upcoming."""
    with_sessions = [info for info in infos if info.session_module_id]
    rows = []
    for number in range(count):
        info = with_sessions[number % len(with_sessions)]
        # Each session module has a past session and an upcoming one, then at random.
        past = number < len(with_sessions) or (
            number >= 2 * len(with_sessions) and rng.random() < 0.6
        )
        days = rng.randint(-300, -2) if past else rng.randint(3, 120)
        start = (now + datetime.timedelta(days=days)).replace(
            hour=9, minute=30, second=0, microsecond=0
        )
        in_person = rng.random() < 0.5
        rows.append(
            TrainingSession(
                course_id=info.session_module_id,
                sort_order=number,
                start=start,
                end=start + datetime.timedelta(hours=3),
                location="Paris — 20 avenue de Ségur" if in_person else "",
                visio_url="" if in_person else "https://webinaire.numerique.gouv.fr/campus",
                capacity=rng.choice([12, 15, 20, 25, 30]),
            )
        )
    for session in TrainingSession.objects.bulk_create(rows, batch_size=1000):
        info = next(i for i in with_sessions if i.session_module_id == session.course_id)
        target = info.past_sessions if session.start < now else info.future_sessions
        target.append((session.pk, session.capacity, session.start))
    return len(rows)


def build(sizes, rng, now=None) -> Catalogue:
    now = now or timezone.now()
    themes = list(Theme.objects.order_by("name"))
    titles = _titles(sizes.catalogue_paths)
    existing = set(TrainingPathPage.objects.values_list("title", flat=True))
    titles = [title if title not in existing else f"{title} (charge)" for title in titles]
    infos = []
    for number, title in enumerate(titles[: sizes.paths]):
        # The second path (and one in four) has a module taught in sessions.
        path = _full_path(rng, themes, title, now=now, with_sessions=number % 4 == 1, sizes=sizes)
        refresh_path(path.pk)
        outline = path_outline(path)
        infos.append(
            PathInfo(
                id=path.pk,
                title=path.title,
                activities=outline.activities,
                required_ids=outline.required_activity_ids,
                session_module_id=(outline.session_module_ids or [None])[0],
            )
        )
    for title in titles[sizes.paths :]:
        refresh_path(_light_path(rng, themes, title, now=now).pk)
    sessions = _sessions(rng, infos, sizes.sessions, now) if sizes.sessions else 0
    activities = sum(len(info.activities) for info in infos)
    return Catalogue(
        paths=infos,
        counts={
            "paths": len(infos),
            "published_paths": len(titles),
            "activities": activities,
            "sessions": sessions,
        },
    )


# A larger catalogue, for the cold search (bench/catalogue.py) ---------------------------------

EXTRA_SLUG = "catalogue-etendu-"


def _lesson_text(rng, topic: str, title: str) -> str:
    """The indexed text of a light path's lesson (`_lesson_body`), without building the page."""
    body = LessonPage._meta.get_field("body")
    value = body.to_python(_lesson_body(rng, topic, title))
    return "\n".join([title, *body.get_searchable_content(value)])


def add_extra_paths(count: int, rng, now=None) -> list[int]:
    """`count` more published paths, each a path page alone whose indexed text (`search_text`)
    is that of a light path (one module, two lessons): the catalogue at a larger size without
    the pages under each path. Slugs begin with `EXTRA_SLUG`; `remove_extra_paths` deletes
    them. About 15 ms a path on PostgreSQL (Wagtail's tree API and search index)."""
    now = now or timezone.now()
    themes = list(Theme.objects.order_by("name"))
    parent = catalogue_page()
    ids = []
    for number, title in enumerate(_titles(count), start=1):
        title = f"{title} — édition {number}"
        topic = title.split(" : ")[0]
        path = _path_page(rng, themes, title, now=now)
        path.slug = f"{EXTRA_SLUG}{number}"
        path.estimated_duration_minutes = 30
        path.search_text = "\n".join(
            ["Module unique", topic, *(_lesson_text(rng, topic, f"Leçon {n}") for n in (1, 2))]
        )
        parent.add_child(instance=path)  # indexed on save, with its search text
        ids.append(path.pk)
    return ids


def remove_extra_paths() -> int:
    """Delete the paths `add_extra_paths` created (and their search index entries)."""
    extra = TrainingPathPage.objects.filter(
        slug__startswith=EXTRA_SLUG, depth=catalogue_page().depth + 1
    )
    count = extra.count()
    extra.delete()  # treebeard's: the catalogue's `numchild` updated too
    return count
