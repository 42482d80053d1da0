"""Completion of SCORM and H5P activities: SCORM 1.2 and 2004 statuses, multi-SCO rollup,
H5P results, pass marks, and the path's progress and certification following through the
usual completion service, in a constant number of queries."""

import uuid
from decimal import Decimal

import pytest

from courses.factories import CourseFactory, LessonFactory, TrainingPathFactory, publish
from courses.models import H5PActivityPage, ScormActivityPage
from learners.factories import UserFactory
from learners.learning import services as learning_services
from learners.learning.models import ActivityCompletion, Enrolment, PackageAttempt
from learners.learning.packages import package_context
from learners.learning.packages.datamodel import clean_cmi
from learners.learning.packages.services import commit
from learners.learning.signals import enrolment_completed
from tests.packages import (
    H5P_QUESTIONSET,
    H5P_TRUEFALSE,
    SCORM12,
    SCORM2004,
    SCORM2004_ROLLUP,
    package_path,
    stored,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def package_root(settings, tmp_path_factory):
    settings.PACKAGE_ROOT = tmp_path_factory.getbasetemp() / "packages"


def setup(name, **options):
    path = package_path(stored(name), **options)
    page = (
        ScormActivityPage.objects.descendant_of(path).first()
        or H5PActivityPage.objects.descendant_of(path).get()
    )
    user = UserFactory()
    learning_services.enrol(user=user, path=path)
    return path, page, user


class Runner:
    """Commits as one page load of the player would send them."""

    def __init__(self, path, page, user):
        self.path, self.page, self.user = path, page, user
        self.key, self.sequence = uuid.uuid4(), 0

    def scorm(self, sco="item_1", **cmi):
        self.sequence += 1
        data = clean_cmi(self.page.package.kind, cmi)
        return commit(
            user=self.user,
            page=self.page,
            path=self.path,
            sco=sco,
            attempt_key=self.key,
            sequence=self.sequence,
            data=data,
        ).result

    def h5p(self, result, state="{}"):
        self.sequence += 1
        data = {"state": state, "result": result}
        return commit(
            user=self.user,
            page=self.page,
            path=self.path,
            sco="",
            attempt_key=self.key,
            sequence=self.sequence,
            data=data,
        ).result


def completed(user, page) -> bool:
    return ActivityCompletion.objects.filter(user=user, activity_id=page.pk).exists()


def lesson_status(status, raw=None):
    cmi = {"cmi.core.lesson_status": status}
    if raw is not None:
        cmi["cmi.core.score.raw"] = str(raw)
    return cmi


# --- SCORM 1.2 ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "done", "passed"),
    [
        ("incomplete", False, None),
        ("browsed", False, None),
        ("completed", True, None),
        ("passed", True, True),
        ("failed", False, False),
    ],
)
def test_services_package_scorm12_lesson_status(status, done, passed):
    """SCORM 1.2: completed or passed completes the activity; failed does not."""
    path, page, user = setup(SCORM12)
    runner = Runner(path, page, user)
    result = runner.scorm(**lesson_status(status))
    assert (result.completed, result.passed) == (done, passed)
    assert completed(user, page) is done
    enrolment = Enrolment.objects.get(user=user, path=path)
    assert enrolment.status == (
        Enrolment.Status.COMPLETED if done else Enrolment.Status.IN_PROGRESS
    )


def test_services_package_scorm12_score_scaled_by_min_max():
    path, page, user = setup(SCORM12)
    result = Runner(path, page, user).scorm(
        **{
            "cmi.core.lesson_status": "passed",
            "cmi.core.score.raw": "30",
            "cmi.core.score.min": "0",
            "cmi.core.score.max": "40",
        }
    )
    assert result.score == 75
    assert PackageAttempt.objects.get().score_scaled == Decimal("0.75")


def test_services_package_scorm12_incomplete_then_completed_keeps_completion():
    """Once completed, a later "incomplete" (a review) does not undo it."""
    path, page, user = setup(SCORM12)
    runner = Runner(path, page, user)
    runner.scorm(**lesson_status("completed"))
    result = runner.scorm(**lesson_status("incomplete"))
    assert result.completed
    assert completed(user, page)
    assert PackageAttempt.objects.get().completion_status == "completed"


# --- SCORM 2004 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("completion", "success", "done", "passed"),
    [
        ("incomplete", "unknown", False, None),
        ("completed", "unknown", True, None),
        ("completed", "passed", True, True),
        ("completed", "failed", False, False),
        ("incomplete", "passed", False, True),
    ],
)
def test_services_package_scorm2004_completion_and_success(completion, success, done, passed):
    """SCORM 2004: completed and not failed completes the activity."""
    path, page, user = setup(SCORM2004)
    result = Runner(path, page, user).scorm(
        **{"cmi.completion_status": completion, "cmi.success_status": success}
    )
    assert (result.completed, result.passed) == (done, passed)
    assert completed(user, page) is done


def test_services_package_scorm2004_score_from_raw_without_scaled():
    path, page, user = setup(SCORM2004)
    result = Runner(path, page, user).scorm(
        **{"cmi.score.raw": "8", "cmi.score.min": "0", "cmi.score.max": "10"}
    )
    assert result.score == 80


def test_services_package_multi_sco_rollup():
    """Five SCOs: the activity completes with the last one; the score is their mean."""
    path, page, user = setup(SCORM2004_ROLLUP)
    runner = Runner(path, page, user)
    scos = page.package.sco_identifiers
    assert len(scos) == 5
    for sco in scos[:4]:
        result = runner.scorm(
            sco=sco, **{"cmi.completion_status": "completed", "cmi.success_status": "passed"}
        )
        assert not result.completed
        assert not completed(user, page)
    result = runner.scorm(
        sco=scos[4],
        **{
            "cmi.completion_status": "completed",
            "cmi.success_status": "passed",
            "cmi.score.scaled": "0.8",
        },
    )
    assert result.completed and result.passed and result.score == 80
    assert completed(user, page)
    assert PackageAttempt.objects.filter(user=user).count() == 5


def test_services_package_multi_sco_one_failed_blocks_rollup():
    path, page, user = setup(SCORM2004_ROLLUP)
    runner = Runner(path, page, user)
    scos = page.package.sco_identifiers
    for sco in scos:
        status = "failed" if sco == scos[-1] else "passed"
        result = runner.scorm(
            sco=sco, **{"cmi.completion_status": "completed", "cmi.success_status": status}
        )
    assert not result.completed and result.passed is False


# --- Pass mark ---------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "done"), [(69, False), (70, True), (95, True)])
def test_services_package_pass_mark(raw, done):
    """With a pass mark, completion needs the score to reach it."""
    path, page, user = setup(SCORM12, pass_mark=70)
    result = Runner(path, page, user).scorm(**lesson_status("completed", raw=raw))
    assert result.completed is done and result.passed is done and result.score == raw
    assert completed(user, page) is done


def test_services_package_pass_mark_without_score_does_not_complete():
    path, page, user = setup(SCORM12, pass_mark=50)
    result = Runner(path, page, user).scorm(**lesson_status("completed"))
    assert not result.completed and result.score is None


def test_services_package_failed_then_passed_on_retry():
    """A failing score is not final: a better one later completes the activity."""
    path, page, user = setup(SCORM12, pass_mark=70)
    assert not Runner(path, page, user).scorm(**lesson_status("failed", raw=40)).completed
    assert Runner(path, page, user).scorm(**lesson_status("passed", raw=90)).completed


# --- H5P ---------------------------------------------------------------------------------


def test_services_package_h5p_result():
    path, page, user = setup(H5P_TRUEFALSE)
    runner = Runner(path, page, user)
    result = runner.h5p(None, state='{"progress":1}')
    assert not result.completed
    result = runner.h5p(
        {"completion": True, "success": False, "score": {"raw": 0, "min": 0, "max": 1}}
    )
    assert result.completed and result.passed is False and result.score == 0
    assert completed(user, page)


def test_services_package_h5p_pass_mark_uses_score():
    path, page, user = setup(H5P_QUESTIONSET, pass_mark=60)
    runner = Runner(path, page, user)
    low = {"completion": True, "success": True, "score": {"raw": 2, "min": 0, "max": 5}}
    assert not runner.h5p(low).completed
    high = {"completion": True, "success": True, "score": {"raw": 4, "min": 0, "max": 5}}
    result = runner.h5p(high)
    assert result.completed and result.score == 80


def test_services_package_h5p_state_without_result_keeps_previous_result():
    path, page, user = setup(H5P_TRUEFALSE)
    runner = Runner(path, page, user)
    runner.h5p({"completion": True, "success": True, "score": {"scaled": 1}})
    result = runner.h5p(None, state='{"later":1}')
    assert result.completed
    attempt = PackageAttempt.objects.get()
    assert attempt.cmi["state"] == '{"later":1}' and attempt.cmi["result"]["success"] is True


# --- Through the path ---------------------------------------------------------------------


def test_services_package_completion_completes_path_and_sends_event(
    django_capture_on_commit_callbacks,
):
    """Completing the package, last required activity, completes the path (event after commit)."""
    received = []

    def receiver(sender, enrolment, **kwargs):
        received.append(enrolment.pk)

    enrolment_completed.connect(receiver, dispatch_uid="test_package_completion")
    try:
        path = TrainingPathFactory()
        module = CourseFactory(parent=path)
        lesson = LessonFactory(parent=module)
        from courses.factories import ScormActivityFactory

        ScormActivityFactory(parent=module, package=stored(SCORM12))
        publish(path)
        page = ScormActivityPage.objects.descendant_of(path).get()
        user = UserFactory()
        learning_services.enrol(user=user, path=path)
        learning_services.complete_activity(user=user, activity=lesson)
        enrolment = Enrolment.objects.get(user=user, path=path)
        assert enrolment.progress_percent == 50
        with django_capture_on_commit_callbacks(execute=True):
            Runner(path, page, user).scorm(**lesson_status("passed"))
        enrolment.refresh_from_db()
        assert enrolment.status == Enrolment.Status.COMPLETED
        assert enrolment.progress_percent == 100
        assert enrolment.completed_minutes == lesson.duration_minutes + page.duration_minutes
        assert received == [enrolment.pk]
    finally:
        enrolment_completed.disconnect(dispatch_uid="test_package_completion")


def test_services_package_commit_query_count_constant(caching, django_assert_max_num_queries):
    """A commit costs the same few queries, whatever the number of SCOs or earlier commits:
    lock, enrolment, attempts, write, and on completion the completion row (read, insert) and
    the enrolment's figures (read, update): 4, then 8 — plus the savepoint pair of the test's
    transaction."""
    path, page, user = setup(SCORM2004_ROLLUP)
    runner = Runner(path, page, user)
    scos = page.package.sco_identifiers
    runner.scorm(sco=scos[0], **{"cmi.location": "1"})  # warms the outline's cache
    for sco in scos[1:]:
        with django_assert_max_num_queries(4 + 2):
            runner.scorm(sco=sco, **{"cmi.completion_status": "completed"})
    with django_assert_max_num_queries(4 + 2):
        runner.scorm(sco=scos[1], **{"cmi.location": "again"})
    with django_assert_max_num_queries(8 + 2):
        result = runner.scorm(sco=scos[0], **{"cmi.completion_status": "completed"})
    assert result.completed


def test_services_package_context_state(rf):
    """The learning view's package state: SCOs with launch URLs, saved state, current SCO."""
    path, page, user = setup(SCORM2004_ROLLUP)
    runner = Runner(path, page, user)
    first, second = page.package.sco_identifiers[:2]
    runner.scorm(sco=first, **{"cmi.completion_status": "completed", "cmi.location": "p2"})
    request = rf.get(f"/apprendre/{page.pk}/")
    request.user = user
    context = package_context(request, page)
    state = context["package_state"]
    assert state["kind"] == "scorm2004"
    assert state["commit_url"] == f"/apprendre/{page.pk}/paquet/"
    assert state["current"] == second  # the first not completed
    assert state["scos"][0]["state"]["cmi.location"] == "p2"
    assert state["scos"][0]["sequence"] == 1
    assert state["scos"][0]["launch_url"].endswith(
        f"/paquets/{page.package.sha256}/shared/launchpage.html?content=playing"
    )
    assert state["scos"][1]["state"] is None
    assert state["learner"] == {"id": str(user.pk), "name": f"{user.last_name}, {user.first_name}"}
    assert [item["completed"] for item in context["package_toc"]][:2] == [True, False]
    request = rf.get(f"/apprendre/{page.pk}/", {"sco": first})
    request.user = user
    assert package_context(request, page)["package_state"]["current"] == first


def test_services_package_identity_elements_not_stored():
    """The learner's name and id given by a SCO are not stored (the campus provides them)."""
    path, page, user = setup(SCORM12)
    Runner(path, page, user).scorm(
        **{"cmi.core.student_name": "Quelqu’un d’autre", "cmi.core.lesson_location": "3"}
    )
    assert PackageAttempt.objects.get().cmi == {"cmi.core.lesson_location": "3"}


def test_services_package_publishing_activity_refreshes_path(django_capture_on_commit_callbacks):
    """Publishing a SCORM activity in a live path updates its duration and agents' progress."""
    from courses.factories import ScormActivityFactory

    path = TrainingPathFactory()
    module = CourseFactory(parent=path)
    lessons = [LessonFactory(parent=module, duration_minutes=20) for _ in range(2)]
    publish(path)
    user = UserFactory()
    learning_services.enrol(user=user, path=path)
    learning_services.complete_activity(user=user, activity=lessons[0])
    page = ScormActivityFactory(parent=module, package=stored(SCORM12), duration_minutes=30)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    path.refresh_from_db()
    assert path.estimated_duration_minutes == 70
    assert Enrolment.objects.get(user=user, path=path).progress_percent == 33
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    path.refresh_from_db()
    assert path.estimated_duration_minutes == 40
    assert Enrolment.objects.get(user=user, path=path).progress_percent == 50


def test_services_package_replaced_package_starts_afresh():
    """When the trainer replaces the package, the old state does not count for the new one."""
    path, page, user = setup(SCORM12)
    Runner(path, page, user).scorm(**lesson_status("incomplete", raw=90))
    page.package = stored(SCORM2004)
    page.save_revision().publish()
    page.refresh_from_db()
    result = Runner(path, page, user).scorm(**{"cmi.location": "1"})
    assert result.score is None and not result.completed
    attempt = PackageAttempt.objects.get(user=user)
    assert attempt.package == page.package
    assert attempt.cmi == {"cmi.location": "1"}
