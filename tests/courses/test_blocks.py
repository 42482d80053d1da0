"""Lesson blocks: each is documented for editors, renders, and keeps user HTML in check."""

import json

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from courses import video
from courses.blocks import LessonBodyBlock
from courses.factories import CourseFactory, LessonFactory, TrainingPathFactory, publish
from courses.models import LessonPage
from tests.courses.admin_forms import create_page, form_errors, nested_form_data, streamfield

BLOCKS = list(LessonBodyBlock().child_blocks.items())


@pytest.fixture(scope="module")
def media(module_db):
    """One image and one audio file, so blocks that choose media have something to show."""
    image = get_image_model().objects.create(title="Schéma", file=get_test_image_file())
    audio = get_document_model().objects.create(
        title="Podcast", file=ContentFile(b"ID3 fake mp3", name="podcast.mp3")
    )
    return {"image": image, "audio": audio}


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "block"), BLOCKS, ids=[name for name, _ in BLOCKS])
def test_blocks_are_documented_for_editors(name, block):
    """Every block has an icon, a group, a description and a preview."""
    meta = block.meta
    assert meta.icon and meta.icon != "placeholder", name
    assert meta.group, name
    assert meta.description, name
    assert block.get_preview_value() is not None or meta.preview_value is not None, name


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "block"), BLOCKS, ids=[name for name, _ in BLOCKS])
def test_blocks_render_their_preview(name, block, media):
    """Every block renders its preview value to HTML with its own template."""
    value = block.normalize(block.get_preview_value())
    html = block.render(value, context={"block_id": "essai"})
    assert html.strip(), name
    assert "Traceback" not in html


@pytest.mark.django_db
def test_blocks_render_in_a_lesson_page(client, media):
    """A lesson with one block of each kind renders, with transcripts for media."""
    body = []
    for name, block in BLOCKS:
        value = block.normalize(block.get_preview_value())
        body.append((name, value))
    path = TrainingPathFactory()
    lesson = LessonFactory(parent=CourseFactory(parent=path), body=body)
    publish(path)
    html = client.get(lesson.url).content.decode()
    assert "youtube-nocookie.com/embed/dQw4w9WgXcQ" in html
    assert html.count("fr-transcription") >= 2
    assert "fr-accordion" in html and "fr-callout" in html and "fr-quote" in html
    assert "fr-highlight" in html and "fr-link--download" in html
    assert 'tabindex="0"' in html  # the code block scrolls with the keyboard


@pytest.mark.django_db
def test_blocks_rich_text_is_sanitised(client, reviewer):
    """Scripts, styles and unknown markup pasted into a lesson never reach the page."""
    path = TrainingPathFactory()
    module = CourseFactory(parent=path)
    LessonFactory(parent=module)
    publish(path)
    # What a hostile client could post instead of Draftail's output: raw markup in the text,
    # a javascript: link, an event handler.
    dirty = json.dumps(
        {
            "blocks": [
                {
                    "key": "a1",
                    "type": "unstyled",
                    "depth": 0,
                    "text": 'Texte gras <script>alert("x")</script> lien <img src=x onerror=a()>',
                    "inlineStyleRanges": [{"offset": 6, "length": 4, "style": "BOLD"}],
                    "entityRanges": [{"offset": 39, "length": 4, "key": 0}],
                    "data": {},
                }
            ],
            "entityMap": {
                "0": {
                    "type": "LINK",
                    "mutability": "MUTABLE",
                    "data": {"url": "javascript:alert(2)"},
                }
            },
        }
    )
    fields = {
        "title": "Leçon collée",
        "slug": "lecon-collee",
        **nested_form_data({"body": streamfield([("paragraph", dirty)])}),
    }
    client.force_login(reviewer)
    response = create_page(client, module, LessonPage, fields, action="action-publish")
    assert response.status_code == 302, form_errors(response)
    html = client.get(
        "/catalogue/" + path.slug + "/" + module.slug + "/lecon-collee/"
    ).content.decode()
    assert "<b>gras</b>" in html
    assert "&lt;script&gt;" in html  # shown as text, not run
    assert ">lien</a>" in html
    for forbidden in ("<script>alert", "javascript:", "<img src=x"):
        assert forbidden not in html


@pytest.mark.parametrize(
    ("url", "player"),
    [
        (
            "https://www.youtube.com/watch?v=abc_123",
            "https://www.youtube-nocookie.com/embed/abc_123",
        ),
        ("https://youtu.be/abc_123", "https://www.youtube-nocookie.com/embed/abc_123"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871"),
        (
            "https://www.dailymotion.com/video/x8abc",
            "https://www.dailymotion.com/embed/video/x8abc",
        ),
        ("https://www.youtube.com/watch?v=<script>", None),
        ("https://example.org/watch?v=abc", None),
    ],
)
def test_blocks_video_players_come_from_the_allowlist(url, player):
    """Only players of allowed providers are derived from a video address."""
    assert video.embed_url(url) == player


def test_blocks_video_peertube_host_from_settings(settings):
    """PeerTube instances are allowed one by one in settings."""
    settings.COURSES_VIDEO_PROVIDERS = {
        **settings.COURSES_VIDEO_PROVIDERS,
        "peertube": ["tube.example.gouv.fr"],
    }
    assert video.embed_url("https://tube.example.gouv.fr/w/kkGMgK9ZtnKfYAgnEtQxbv") == (
        "https://tube.example.gouv.fr/videos/embed/kkGMgK9ZtnKfYAgnEtQxbv"
    )
    assert video.embed_url("https://other.example/w/kkGMgK9ZtnKfYAgnEtQxbv") is None


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "block"), BLOCKS, ids=[name for name, _ in BLOCKS])
def test_blocks_preview_in_the_block_picker(client, trainer, media, name, block):
    """The editor's block picker shows each block's preview with the DSFR styles."""
    from django.urls import reverse

    client.force_login(trainer)
    response = client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})
    assert response.status_code == 200
    html = response.content.decode()
    assert "dsfr.min.css" in html
