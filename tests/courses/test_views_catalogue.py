"""/catalogue/: published paths as cards, full-text search and filters that combine."""

import datetime

import pytest
from django.utils import timezone

from courses.factories import (
    CourseFactory,
    LessonFactory,
    TrainingPathFactory,
    TrainingSessionFactory,
    paragraph,
    publish,
)
from courses.models import Format, Language, Level, Theme

pytestmark = pytest.mark.django_db


def _path(
    title, theme, level, fmt, minutes, *, text="Une leçon.", language=Language.FRENCH, **fields
):
    path = TrainingPathFactory(
        title=title,
        theme=Theme.objects.get(slug=theme),
        level=level,
        format=fmt,
        language=language,
        **fields,
    )
    module = CourseFactory(parent=path, title=f"Module de {title}")
    LessonFactory(parent=module, duration_minutes=minutes, body=[paragraph(f"<p>{text}</p>")])
    return path


@pytest.fixture(scope="module", autouse=True)
def catalogue_paths(module_db):
    """Five published paths across themes, levels, formats, durations, languages; one draft."""
    paths = {
        "passwords": _path(
            "Sécurité des mots de passe",
            "cybersecurite",
            Level.DISCOVERY,
            Format.E_LEARNING,
            60,
            text="Le quokka rappelle que la double authentification protège vos comptes.",
        ),
        "forms": _path(
            "Accessibilité des formulaires",
            "design-et-accessibilite",
            Level.INTERMEDIATE,
            Format.BLENDED,
            300,
        ),
        "cloud": _path(
            "Cloud souverain",
            "technologie-et-infrastructures",
            Level.ADVANCED,
            Format.IN_PERSON,
            900,
        ),
        "open_data": _path(
            "Open data in practice",
            "data",
            Level.DISCOVERY,
            Format.E_LEARNING,
            90,
            language=Language.ENGLISH,
        ),
        "advanced_security": _path(
            "Sécurité avancée des systèmes",
            "cybersecurite",
            Level.ADVANCED,
            Format.VIRTUAL_CLASS,
            200,
        ),
    }
    session_module = CourseFactory(
        parent=paths["forms"], format=Format.IN_PERSON, session_duration_minutes=0
    )
    TrainingSessionFactory(course=session_module)
    past_module = CourseFactory(parent=paths["cloud"], format=Format.IN_PERSON)
    past = timezone.now() - datetime.timedelta(days=10)
    TrainingSessionFactory(course=past_module, start=past, end=past + datetime.timedelta(hours=2))
    for path in paths.values():
        publish(path)
    paths["draft"] = _path("Brouillon caché", "data", Level.DISCOVERY, Format.E_LEARNING, 30)
    return paths


def titles(response) -> list[str]:
    return [path.title for path in response.context["results"].paths]


def test_views_catalogue_lists_published_paths_as_cards(client):
    """Published paths only, alphabetically, as DSFR cards with their key facts."""
    response = client.get("/catalogue/")
    assert response.status_code == 200
    assert titles(response) == [
        "Accessibilité des formulaires",
        "Cloud souverain",
        "Open data in practice",
        "Sécurité avancée des systèmes",
        "Sécurité des mots de passe",
    ]
    html = response.content.decode()
    assert "5 parcours trouvés" in html
    assert html.count('class="fr-card ') == 5
    assert "Brouillon caché" not in html
    assert "Design et accessibilité" in html and "Intermédiaire" in html and "Hybride" in html
    assert "Durée estimée : 15 h" in html  # the override of "Cloud souverain"


def test_views_catalogue_badge_for_upcoming_sessions(client):
    """Only paths with a session to come get the "Sessions disponibles" badge."""
    response = client.get("/catalogue/")
    flags = {path.title: path.has_upcoming_sessions for path in response.context["results"].paths}
    assert flags["Accessibilité des formulaires"] is True
    assert flags["Cloud souverain"] is False  # its only session is over
    assert response.content.decode().count("Sessions disponibles") == 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("cloud", ["Cloud souverain"]),
        ("quokka", ["Sécurité des mots de passe"]),  # found in a lesson's text
        ("authentification", ["Sécurité des mots de passe"]),
        (
            "bonnes pratiques",
            [
                "Accessibilité des formulaires",
                "Cloud souverain",
                "Open data in practice",
                "Sécurité avancée des systèmes",
                "Sécurité des mots de passe",
            ],
        ),
    ],
)
def test_views_catalogue_search(client, query, expected):
    """?q= searches titles, summaries, objectives and lesson text."""
    response = client.get("/catalogue/", {"q": query})
    assert sorted(titles(response)) == sorted(expected)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (
            {"theme": "cybersecurite"},
            ["Sécurité avancée des systèmes", "Sécurité des mots de passe"],
        ),
        ({"level": "approfondi"}, ["Cloud souverain", "Sécurité avancée des systèmes"]),
        ({"format": "hybride"}, ["Accessibilité des formulaires"]),
        ({"duration": "court"}, ["Open data in practice", "Sécurité des mots de passe"]),
        ({"duration": "moyen"}, ["Accessibilité des formulaires", "Sécurité avancée des systèmes"]),
        ({"duration": "long"}, ["Cloud souverain"]),
        ({"language": "en"}, ["Open data in practice"]),
        ({"theme": "cybersecurite", "level": "decouverte"}, ["Sécurité des mots de passe"]),
        ({"level": "inconnu"}, None),  # an invalid value is ignored
    ],
)
def test_views_catalogue_filters(client, filters, expected):
    """Each filter narrows the list; filters combine; invalid values are ignored."""
    response = client.get("/catalogue/", filters)
    assert response.status_code == 200
    if expected is None:
        assert len(titles(response)) == 5
    else:
        assert sorted(titles(response)) == sorted(expected)


def test_views_catalogue_search_combines_with_filters(client):
    """Search and filters apply together."""
    response = client.get("/catalogue/", {"q": "sécurité", "level": "approfondi"})
    assert titles(response) == ["Sécurité avancée des systèmes"]
    response = client.get(
        "/catalogue/", {"q": "sécurité", "duration": "court", "theme": "cybersecurite"}
    )
    assert titles(response) == ["Sécurité des mots de passe"]


def test_views_catalogue_no_result_message_with_reset_link(client):
    """No result: a clear message and a link back to every path."""
    response = client.get("/catalogue/", {"q": "sécurité", "format": "hybride"})
    html = response.content.decode()
    assert titles(response) == []
    assert "0 parcours trouvé" in html
    assert "Aucun parcours ne correspond à votre recherche." in html
    assert 'href="/catalogue/">Voir tous les parcours' in html
    assert 'href="/catalogue/">Réinitialiser' in html


def test_views_catalogue_filters_work_without_javascript(client):
    """The filters are a plain GET form, and keep the submitted values."""
    html = client.get("/catalogue/", {"q": "cloud", "level": "approfondi"}).content.decode()
    assert '<form method="get" action="/catalogue/"' in html
    for name in ("q", "theme", "level", "format", "duration", "language"):
        assert f'name="{name}"' in html
    assert 'value="cloud"' in html
    assert '<option value="approfondi" selected>' in html


def test_views_catalogue_pagination_keeps_filters(client, monkeypatch):
    """Pages of results link to each other with the search and filters kept."""
    monkeypatch.setattr("courses.models.catalogue.PAGE_SIZE", 2)
    response = client.get("/catalogue/", {"language": "fr", "page": "2"})
    assert titles(response) == ["Sécurité avancée des systèmes", "Sécurité des mots de passe"]
    html = response.content.decode()
    assert "fr-pagination" in html
    assert "?language=fr&amp;page=1" in html
    assert 'aria-current="page"' in html
    response = client.get("/catalogue/", {"q": "sécurité", "page": "9"})  # past the end: last page
    assert response.status_code == 200


def test_views_catalogue_reached_from_navigation_and_home(client):
    """The header's "Catalogue" entry and the home page lead to /catalogue/."""
    html = client.get("/").content.decode()
    assert 'href="/catalogue/"' in html
    assert 'aria-current="page"' in client.get("/catalogue/").content.decode()
