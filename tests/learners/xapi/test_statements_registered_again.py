"""An agent who enrols again in a path they had left is "registered" again in the LRS, with a
statement of its own (another id: the enrolment date is part of the event)."""

import datetime

import pytest
from django.utils import timezone

from learners.learning import services as learning_services
from learners.learning.models import Enrolment
from learners.xapi import statements
from learners.xapi.models import StatementOutbox
from tests.learners.builders import learning_path
from tests.learners.certification.fixtures import agent
from tests.learners.xapi.schema import assert_valid_statement

pytestmark = pytest.mark.django_db


def registered(user):
    return StatementOutbox.objects.filter(
        user=user, statement__verb__id=statements.VERBS["registered"]
    ).order_by("pk")


def test_statements_registered_again_after_abandon(xapi_on):
    user, path = agent(), learning_path(lessons=2)
    learning_services.enrol(user=user, path=path)
    learning_services.abandon(user=user, path=path)
    # The first enrolment was yesterday: the second one is another event.
    Enrolment.objects.filter(user=user).update(
        enrolled_at=timezone.now() - datetime.timedelta(days=1)
    )
    learning_services.enrol(user=user, path=path)

    rows = list(registered(user))
    assert len(rows) == 2
    assert rows[0].statement_id != rows[1].statement_id
    assert_valid_statement(rows[1].statement)
    assert rows[1].statement["object"]["id"] == statements.page_iri(path.pk)


def test_statements_registered_once_when_enrolling_twice(xapi_on):
    """Enrolling again while enrolled changes nothing and sends nothing."""
    user, path = agent(), learning_path(lessons=2)
    learning_services.enrol(user=user, path=path)
    learning_services.enrol(user=user, path=path)
    assert registered(user).count() == 1
