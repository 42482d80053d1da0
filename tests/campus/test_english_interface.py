"""The interface in English: no French left in the chrome of the main pages. Content that
exists only in French (page titles, summaries, the official "République française" block) is
marked `lang="fr"` (RGAA 8.7) and left out of the check."""

import re

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from courses.factories import CourseFactory, LessonFactory, TrainingPathFactory, publish
from learners.factories import UserFactory
from learners.learning import services as learning_services

pytestmark = pytest.mark.django_db

# Letters English does not use, French words that are not English ones, French spacing.
FRENCH = re.compile(
    r"[éèêëàâçîïôûùœÉÈÀÇ]|\b(le|la|les|des|du|une|vous|votre|vos|pour|avec|sur|mon|mes|et)\b"
    r"| [:;!?](\s|$)|\d %"
)


def english_text(html: bytes) -> str:
    """The page's text without what is marked French, nor the service's name (a proper noun)."""
    page = BeautifulSoup(html, "html.parser")
    for element in page.select("[lang]:not(html)"):
        if element["lang"].startswith("fr"):
            element.decompose()
    for element in page(["script", "style", "svg"]):
        element.decompose()
    text = re.sub(r"\s+", " ", page.body.get_text(" "))
    return text.replace(settings.CAMPUS_BRAND["SERVICE_NAME"], "")


def french_in(text: str) -> list[str]:
    return sorted({text[max(0, m.start() - 25) : m.end() + 25] for m in FRENCH.finditer(text)})


@pytest.fixture
def path(db):
    path = TrainingPathFactory(title="Découvrir la donnée publique")
    LessonFactory(parent=CourseFactory(parent=path, title="Les bases"), title="Première leçon")
    publish(path)
    return path


@pytest.mark.parametrize(
    "url",
    ["/", "/catalogue/", "PATH", "/comptes/login/", "/comptes/signup/", "/certificats/verifier/"],
)
def test_english_interface_anonymous_pages(client, path, url):
    url = path.url if url == "PATH" else url
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response.content.count(b'<html lang="en"') == 1
    found = french_in(english_text(response.content))
    assert not found, "French in the English interface:\n" + "\n".join(found)


@pytest.mark.parametrize("url", ["/mon-espace/", "PATH", "LEARN"])
def test_english_interface_agent_pages(client, path, url):
    agent = UserFactory(first_name="Alex", last_name="Martin")
    learning_services.enrol(user=agent, path=path)
    lesson = path.get_descendants().live().specific().get(title="Première leçon")
    url = {"PATH": path.url, "LEARN": f"/apprendre/{lesson.pk}/"}.get(url, url)
    client.force_login(agent)
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    found = french_in(english_text(response.content))
    assert not found, "French in the English interface:\n" + "\n".join(found)
