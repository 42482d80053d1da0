"""The catalogue's search ignores case and accents, matches the beginning of words, and finds a
path by its title, summary, theme and skills — alike on SQLite (FTS5) and PostgreSQL.

Each path below has its own words (the lessons all say the factory's sentence), so each row of
the table names exactly the paths a query must find, and none other.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from wagtail.search.models import IndexEntry

from courses import signals
from courses.factories import CourseFactory, LessonFactory, TrainingPathFactory, publish
from courses.models import SkillTag, Theme, TrainingPathPage

pytestmark = pytest.mark.django_db

PATHS = {
    "hygiene": {
        "title": "Les fondamentaux de l’hygiène numérique",
        "summary": "Les bons réflexes au quotidien : double authentification et mises à jour.",
        "theme": "cybersecurite",  # "Cybersécurité": the word is nowhere else in the path
        "skills": ["mots de passe"],
    },
    "phishing": {
        "title": "Déjouer les courriels piégés",
        "summary": "Reconnaître un expéditeur usurpé avant de cliquer.",
        "theme": "environnement-numerique-de-travail",
        "skills": ["hameçonnage", "messagerie"],
    },
    "ecodesign": {
        "title": "Écoconception des services publics",
        "summary": "Mesurer puis réduire l’empreinte de ses pages.",
        "theme": "numerique-responsable",
        "skills": ["sobriété"],
    },
    "open_data": {
        "title": "Ouvrir les données publiques",
        "summary": "Publier des jeux de données dans le respect du RGPD.",
        "theme": "data",
        "skills": ["open data"],
    },
    "policy": {
        "title": "Politique de sécurité des systèmes d’information",
        "summary": "Écrire et faire vivre la PSSI de son administration.",
        "theme": "transformation-numerique",
        "skills": ["gouvernance"],
    },
}
# Never found: a draft with the words of the other paths.
DRAFT = {
    "title": "Brouillon cybersécurité et hameçonnage",
    "summary": "Écoconception des données publiques.",
    "theme": "cybersecurite",
    "skills": ["hameçonnage", "sobriété"],
}

SEARCHES = [
    # A theme's name, however it is typed.
    ("cybersécurité", {"hygiene"}),
    ("Cybersecurite", {"hygiene"}),
    ("CYBERSÉCURITÉ", {"hygiene"}),
    ("cyber", {"hygiene"}),
    ("numérique responsable", {"ecodesign"}),
    ("environnement de travail", {"phishing"}),
    # A skill's name.
    ("hameçonnage", {"phishing"}),
    ("hameconnage", {"phishing"}),
    ("Hameçon", {"phishing"}),
    ("sobriete", {"ecodesign"}),
    ("mots de passe", {"hygiene"}),
    ("gouvernance", {"policy"}),
    # Titles and summaries.
    ("écoconception", {"ecodesign"}),
    ("ECOCONCEPTION", {"ecodesign"}),
    ("éco", {"ecodesign"}),
    ("données", {"open_data"}),
    ("DONNEES PUBLIQUES", {"open_data"}),
    ("rgpd", {"open_data"}),
    ("sécurité", {"policy"}),  # a word of its own: not the end of "cybersécurité"
    ("securite", {"policy"}),
    ("information", {"policy"}),
    ("l’hygiène", {"hygiene"}),
    ("expediteur usurpe", {"phishing"}),
    # Words from a title and a theme, in any order.
    ("hygiène cyber", {"hygiene"}),
    ("cyber hygiene", {"hygiene"}),
    ('"cybersécurité"', {"hygiene"}),
    # Nothing unrelated.
    ("cybersécurité courriels", set()),
    ("quokka", set()),
    ("sécuritaire", set()),
]


def _build(fields: dict, *, published: bool):
    fields = dict(fields)
    skills = fields.pop("skills")
    path = TrainingPathFactory(theme=Theme.objects.get(slug=fields.pop("theme")), **fields)
    path.skills.add(*skills)
    path.save()
    LessonFactory(parent=CourseFactory(parent=path))
    return publish(path) if published else path


@pytest.fixture(scope="module", autouse=True)
def titles_by_key(module_db) -> dict[str, str]:
    _build(DRAFT, published=False)
    return {key: _build(fields, published=True).title for key, fields in PATHS.items()}


@pytest.mark.parametrize(("query", "expected"), SEARCHES)
def test_catalogue_search_accents(client, titles_by_key, query, expected):
    """Each query finds the paths of its row, and only them."""
    keys = {title: key for key, title in titles_by_key.items()}
    response = client.get("/catalogue/", {"q": query})
    assert response.status_code == 200
    paths = response.context["results"].paths
    assert {keys.get(path.title, path.title) for path in paths} == expected


def found(client, query) -> set[str]:
    return {path.title for path in client.get("/catalogue/", {"q": query}).context["results"].paths}


def test_catalogue_search_accents_theme_renamed(client, titles_by_key):
    """A theme's new name finds its paths, its old name no longer does."""
    theme = Theme.objects.get(slug="cybersecurite")
    theme.name = "Protection des systèmes"
    theme.save()
    assert found(client, "protection") == {titles_by_key["hygiene"]}
    assert found(client, "cyber") == set()


def test_catalogue_search_accents_skill_renamed_or_deleted(
    client, titles_by_key, django_capture_on_commit_callbacks
):
    """A skill's new name finds its paths; a deleted skill no longer finds them."""
    skill = SkillTag.objects.get(name="hameçonnage")
    skill.name = "filoutage"
    skill.save()
    assert found(client, "filoutage") == {titles_by_key["phishing"]}
    assert found(client, "hameçonnage") == set()
    with django_capture_on_commit_callbacks(execute=True):
        SkillTag.objects.get(name="sobriété").delete()
    assert found(client, "sobriete") == set()


def test_catalogue_search_accents_index_rebuilt_after_migration(client, titles_by_key):
    """Applying migration courses/0009 rebuilds an existing index (built without themes or
    skills, and on PostgreSQL with accents); other migrations leave it alone."""
    path = TrainingPathPage.objects.get(title=titles_by_key["hygiene"])
    IndexEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(TrainingPathPage), object_id=str(path.pk)
    ).delete()  # as if indexed before the migration
    assert found(client, "cyber") == set()

    loader = MigrationLoader(connection)
    other = loader.get_migration("courses", "0006_session_operations")
    signals.rebuild_search_index(sender=None, plan=[(other, False)], verbosity=0)
    assert found(client, "cyber") == set()

    search_migration = loader.get_migration(*signals.SEARCH_INDEX_MIGRATION)
    signals.rebuild_search_index(sender=None, plan=[(search_migration, False)], verbosity=0)
    assert found(client, "cyber") == {titles_by_key["hygiene"]}
