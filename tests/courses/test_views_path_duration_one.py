"""One duration: the sum of the path's activities, the same in the catalogue, on the path page
(header, call to action, programme) and in a preview before the first publication (which once
said 0 min, while a declared 14 h sat beside a 7 h 40 programme)."""

import re

import pytest
from django.urls import reverse

from courses.factories import CourseFactory, LessonFactory, TrainingPathFactory, publish
from courses.models import Format
from tests.courses.admin_forms import edit_url
from tests.courses.test_authoring_workflow import _current_form

pytestmark = pytest.mark.django_db


def build_path(**fields):
    path = TrainingPathFactory(**fields)
    module = CourseFactory(parent=path, title="En ligne")
    LessonFactory(parent=module, title="Leçon A", duration_minutes=25)
    LessonFactory(parent=module, title="Leçon B", duration_minutes=35)
    CourseFactory(
        parent=path, title="Atelier", format=Format.IN_PERSON, session_duration_minutes=180
    )
    return path


def durations(html: str) -> dict[str, str]:
    text = re.sub(r"<[^>]+>", " ", html)
    text = re.sub(r"\s+", " ", text)
    return {
        "callout": re.search(r"Durée estimée : ([^.]+)\.", text).group(1),
        "programme": re.search(r"2 modules, (.+?) d’activités au total", text).group(1),
        "tag": re.search(r'fr-icon-time-line fr-tag--icon-left">([^<]+)<', html).group(1),
    }


def test_views_path_duration_one_on_the_published_page_and_card(client):
    path = build_path(title="Une durée")
    publish(path)
    html = client.get(path.url).content.decode()
    assert set(durations(html).values()) == {"4 h"}
    catalogue = re.sub(r"\s+", " ", client.get("/catalogue/").content.decode())
    assert "Durée estimée : 4 h" in catalogue


def test_views_path_duration_one_in_a_preview(client, trainer):
    path = build_path(title="Pas encore publié", owner=trainer)
    client.force_login(trainer)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[path.pk])
    client.get(edit_url(path))
    client.post(url, {**_current_form(client, path)})
    assert set(durations(client.get(url).content.decode()).values()) == {"4 h"}
