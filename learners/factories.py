"""factory_boy factories for agents and organisation units (tests and `create_demo`)."""

import factory
from allauth.account.models import EmailAddress
from factory.django import DjangoModelFactory

from learners.accounts.models import OrgUnit, User
from learners.learning.models import Enrolment, PackageAttempt
from learners.sessions.models import SessionRegistration

DEMO_PASSWORD = "campus-demo-2026"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    email = factory.Sequence(lambda n: f"agent{n}@campus.example")
    is_active = True
    password = factory.django.Password(DEMO_PASSWORD)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*extracted)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        """Agents who use the campus have confirmed their address (verification is mandatory
        outside development); pass verified_email=False for a fresh sign-up."""
        if create and extracted is not False:
            EmailAddress.objects.update_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )


class OrgUnitFactory(DjangoModelFactory):
    """Builds a unit at the root, or under `parent` when given."""

    class Meta:
        model = OrgUnit

    name = factory.Sequence(lambda n: f"Bureau {n}")
    code = factory.Sequence(lambda n: f"unite-{n}")
    kind = OrgUnit.Kind.OFFICE

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        node = model_class(**kwargs)
        if parent is None:
            return model_class.add_root(instance=node)
        parent.refresh_from_db()  # treebeard needs the parent's current numchild
        return parent.add_child(instance=node)


class EnrolmentFactory(DjangoModelFactory):
    """An enrolment row as it is stored; prefer `learners.services.enrol` in behaviour tests."""

    class Meta:
        model = Enrolment
        django_get_or_create = ["user", "path"]

    user = factory.SubFactory(UserFactory)
    status = Enrolment.Status.ENROLLED
    origin = Enrolment.Origin.SELF


class SessionRegistrationFactory(DjangoModelFactory):
    class Meta:
        model = SessionRegistration
        django_get_or_create = ["user", "session"]

    user = factory.SubFactory(UserFactory)
    status = SessionRegistration.Status.CONFIRMED


class PackageAttemptFactory(DjangoModelFactory):
    """An agent's stored state in one SCO of a package activity (`activity=` a package page,
    `path=` its path); prefer `learners.learning.packages.services.commit` in behaviour tests."""

    class Meta:
        model = PackageAttempt
        django_get_or_create = ["user", "activity", "sco"]

    user = factory.SubFactory(UserFactory)
    package = factory.LazyAttribute(lambda attempt: attempt.activity.specific.package)
    sco = factory.LazyAttribute(lambda attempt: (attempt.package.sco_identifiers or [""])[0])
    cmi = factory.LazyFunction(dict)
