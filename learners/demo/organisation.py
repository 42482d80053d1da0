"""Demo organisation and people, built on the factories (used by `manage.py create_demo`).

Everything is looked up by a stable key (unit code, e-mail) so that running it twice changes
nothing; Faker is seeded so the 200 agents are the same on every machine.
"""

import random

import factory
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from faker import Faker

from learners.accounts.models import OrgUnit, User
from learners.accounts.permissions import ADMINISTRATORS_GROUP, REVIEWERS_GROUP, TRAINERS_GROUP
from learners.certification.models import Certificate
from learners.factories import DEMO_PASSWORD, OrgUnitFactory, UserFactory

DEMO_DOMAIN = "campus.example"
AGENT_COUNT = 200

# (code, name, kind, children)
ORGANISATION = [
    (
        "min-economie",
        "Ministère de l’Économie, des Finances et de la Souveraineté industrielle et numérique",
        OrgUnit.Kind.MINISTRY,
        [
            (
                "dgfip",
                "Direction générale des Finances publiques",
                OrgUnit.Kind.DIRECTION,
                [
                    (
                        "dgfip-sd-si",
                        "Sous-direction des systèmes d’information",
                        OrgUnit.Kind.SUB_DIRECTION,
                        [
                            (
                                "dgfip-bureau-si1",
                                "Bureau SI-1 Études et développement",
                                OrgUnit.Kind.OFFICE,
                                [],
                            ),
                            (
                                "dgfip-bureau-si2",
                                "Bureau SI-2 Exploitation",
                                OrgUnit.Kind.OFFICE,
                                [],
                            ),
                        ],
                    ),
                    ("dgfip-bureau-rh", "Bureau des ressources humaines", OrgUnit.Kind.OFFICE, []),
                ],
            ),
            (
                "dge",
                "Direction générale des Entreprises",
                OrgUnit.Kind.DIRECTION,
                [
                    (
                        "dge-bureau-numerique",
                        "Bureau de l’économie numérique",
                        OrgUnit.Kind.OFFICE,
                        [],
                    )
                ],
            ),
        ],
    ),
    (
        "min-interieur",
        "Ministère de l’Intérieur et des Outre-mer",
        OrgUnit.Kind.MINISTRY,
        [
            (
                "dnum",
                "Direction du numérique",
                OrgUnit.Kind.DIRECTION,
                [
                    (
                        "dnum-sd-infra",
                        "Sous-direction des infrastructures",
                        OrgUnit.Kind.SUB_DIRECTION,
                        [("dnum-bureau-cloud", "Bureau du cloud", OrgUnit.Kind.OFFICE, [])],
                    ),
                    (
                        "dnum-bureau-securite",
                        "Bureau de la sécurité numérique",
                        OrgUnit.Kind.OFFICE,
                        [],
                    ),
                ],
            ),
            (
                "dlpaj",
                "Direction des libertés publiques et des affaires juridiques",
                OrgUnit.Kind.DIRECTION,
                [("dlpaj-bureau-donnees", "Bureau des données", OrgUnit.Kind.OFFICE, [])],
            ),
        ],
    ),
]

# The manager's direction receives at least this many of the agents.
MANAGED_DIRECTION = "dgfip"
MANAGED_DIRECTION_SHARE = 0.4

FIXED_ACCOUNTS = {
    "agent": ("agent@campus.example", "Camille", "Martin", "dgfip-bureau-si1"),
    "manager": ("manager@campus.example", "Dominique", "Bernard", "dgfip"),
    "trainer": ("formateur@campus.example", "Claude", "Petit", "dnum-bureau-cloud"),
    "reviewer": ("relecteur@campus.example", "Alix", "Moreau", "dnum"),
    "admin": ("admin@campus.example", "Sacha", "Durand", "dnum"),
}


def _create_units(specs, parent=None) -> None:
    for code, name, kind, children in specs:
        unit = OrgUnit.objects.filter(code=code).first()
        if unit is None:
            unit = OrgUnitFactory(code=code, name=name, kind=kind, parent=parent)
        _create_units(children, parent=unit)


@transaction.atomic
def create_organisation() -> dict[str, User]:
    """Create the units, the fixed demo accounts and 200 agents. Returns the fixed accounts."""
    _create_units(ORGANISATION)
    units = {unit.code: unit for unit in OrgUnit.objects.all()}

    # Hash the shared demo password once: hashing is deliberately slow (~0.4 s each).
    # Transformer.Force stores the hash as is (the factory would hash it again otherwise).
    password = factory.Transformer.Force(make_password(DEMO_PASSWORD))
    accounts = {}
    for role, (email, first_name, last_name, unit_code) in FIXED_ACCOUNTS.items():
        accounts[role] = UserFactory(
            email=email,
            first_name=first_name,
            last_name=last_name,
            org_unit=units[unit_code],
            password=password,
        )
    accounts["manager"].managed_units.add(units[MANAGED_DIRECTION])
    accounts["trainer"].groups.add(Group.objects.get(name=TRAINERS_GROUP))
    accounts["reviewer"].groups.add(Group.objects.get(name=REVIEWERS_GROUP))
    admin = accounts["admin"]
    admin.groups.add(Group.objects.get(name=ADMINISTRATORS_GROUP))
    if not admin.is_superuser:
        admin.is_superuser = admin.is_staff = True
        admin.save(update_fields=["is_superuser", "is_staff"])

    create_agents(units, password=password)
    return accounts


def create_agents(units: dict[str, OrgUnit], *, password) -> None:
    fake = Faker("fr_FR")
    fake.seed_instance(2026)
    rng = random.Random(2026)
    managed = units[MANAGED_DIRECTION].subtree()
    managed_units = list(managed)
    other_units = [
        u for u in units.values() if u.kind != OrgUnit.Kind.MINISTRY and u not in managed_units
    ]
    existing = set(User.objects.filter(email__startswith="agent-").values_list("email", flat=True))
    for number in range(1, AGENT_COUNT + 1):
        first_name, last_name = fake.first_name(), fake.last_name()
        in_managed = rng.random() < MANAGED_DIRECTION_SHARE
        unit = rng.choice(managed_units if in_managed else other_units)
        email = f"agent-{number:03d}@{DEMO_DOMAIN}"
        if email in existing:
            continue
        UserFactory(
            email=email,
            first_name=first_name,
            last_name=last_name,
            org_unit=unit,
            password=password,
        )


@transaction.atomic
def delete_demo_data() -> None:
    """Remove the demo people, their certificates and units (used by `create_demo --reset`).

    Certificates outlive deleted accounts (they stay verifiable), so the demo's own are deleted
    first: a reset must not leave them behind."""
    demo_users = User.objects.filter(email__endswith="@" + DEMO_DOMAIN)
    for certificate in Certificate.objects.filter(user__in=demo_users).exclude(pdf=""):
        certificate.pdf.delete(save=False)
    Certificate.objects.filter(user__in=demo_users).delete()
    demo_users.delete()
    codes = []

    def collect(specs):
        for code, _name, _kind, children in specs:
            codes.append(code)
            collect(children)

    collect(ORGANISATION)
    for root in OrgUnit.objects.filter(code__in=codes, depth=1):
        root.delete()


def extra_steps():
    """Demo steps contributed by the other parts of the campus (catalogue, progress…)."""
    from courses.demo import create_catalogue
    from learners.demo.certification import create_certificates
    from learners.demo.progress import create_progress
    from learners.demo.team import create_team_campaign

    return [create_catalogue, create_progress, create_certificates, create_team_campaign]
