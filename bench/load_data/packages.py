"""A SCORM activity in the load campus, for the commit benchmark (`bench.packages`).

The first light path of the catalogue (one module, two lessons, nobody enrolled) gains a
"Module SCORM" activity played from a real package, `RuntimeBasicCalls_SCORM12.zip` (Rustici's
SCORM 1.2 golf example, see `../shared/content-packages/README.md`), stored and extracted as an
upload is; where the real packages are absent, a minimal valid SCORM 1.2 package generated here
(a manifest and one SCO page) stands in. Agents are enrolled in that path, nothing done yet (the
campus's completions stay exactly as many as asked for).

Adding to an existing path keeps the catalogue's counts (published paths) as generated, and
leaves the full paths, which the other scenarios measure, untouched.
"""

import io
import zipfile

from django.db import transaction

from courses.factories import content_packages_dir
from courses.models import CoursePage, ScormActivityPage, Theme, TrainingPathPage
from courses.packages import store_package
from courses.publication_effects import refresh_path
from learners.learning.models import Enrolment

SCORM_SLUG = "module-scorm-charge"
REAL_PACKAGE = "RuntimeBasicCalls_SCORM12.zip"
MAX_ENROLLED = 300

MINIMAL_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="campus-bench" version="1"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org"><organization identifier="org"><title>Module de charge</title>
    <item identifier="item_1" identifierref="res_1"><title>Module de charge</title></item>
  </organization></organizations>
  <resources><resource identifier="res_1" type="webcontent" adlcp:scormtype="sco"
    href="index.html"><file href="index.html"/></resource></resources>
</manifest>"""


def minimal_package() -> bytes:
    """A valid SCORM 1.2 package with one SCO (when the real packages are absent)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", MINIMAL_MANIFEST)
        archive.writestr("index.html", "<!doctype html><title>Module</title><p>Module</p>")
    return buffer.getvalue()


def package():
    """The stored package: the real one if found, else the generated one."""
    real = content_packages_dir() / REAL_PACKAGE
    if real.exists():
        return store_package(real)
    return store_package(io.BytesIO(minimal_package()), name="module-de-charge.zip")


def _host_path(cat, rng, now) -> TrainingPathPage:
    """The first light path (not one the other scenarios use), or a new one like them."""
    full = [info.id for info in cat.paths]
    light = TrainingPathPage.objects.live().exclude(pk__in=full).order_by("pk").first()
    if light is not None:
        return light
    from bench.load_data.catalogue import _light_path

    themes = list(Theme.objects.order_by("name"))
    return _light_path(rng, themes, "Modules SCORM : cas pratiques", now=now)


def build(sizes, rng, now, org, cat) -> dict:
    """Add the SCORM activity and enrol agents in its path; returns counts for the summary."""
    with transaction.atomic():
        path = _host_path(cat, rng, now)
        module = CoursePage.objects.child_of(path).first()
        module.add_child(
            instance=ScormActivityPage(
                title="Module SCORM — Le golf en pratique",
                slug=SCORM_SLUG,
                duration_minutes=20,
                required=True,
                package=package(),
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
            )
        )
        refresh_path(path.pk)
        active = [user_id for user_id, _unit, is_active in org.agents if is_active]
        chosen = rng.sample(active, min(MAX_ENROLLED, max(3, len(active) // 4)))
        enrolments = Enrolment.objects.bulk_create(
            [
                Enrolment(user_id=user_id, path_id=path.pk, enrolled_at=now, updated_at=now)
                for user_id in chosen
            ]
        )
    return {"scorm_enrolments": len(enrolments)}


def scorm_activity() -> ScormActivityPage | None:
    """The load campus's SCORM activity (None on a campus generated before it existed)."""
    return (
        ScormActivityPage.objects.live()
        .filter(slug=SCORM_SLUG)
        .select_related("package")
        .order_by("pk")
        .first()
    )
