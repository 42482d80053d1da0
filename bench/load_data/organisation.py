"""The organisation of the load campus: units (materialised-path tree) and agents.

The first ministry is the benchmarks' own: two directions of exactly `team_size` active agents
(with the agents who left, inactive, on top), whose first one is managed by
`SPECIAL_ACCOUNTS["direction_manager"]`; the ministry itself (2 × `team_size` active agents)
by `SPECIAL_ACCOUNTS["ministry_manager"]`. The other agents fill other ministries.
`SPECIAL_ACCOUNTS["organisation_manager"]` manages every root unit: the whole organisation.
"""

import datetime
import unicodedata
from dataclasses import dataclass, field

from django.db.models import Max
from faker import Faker

from bench.load_data import bulk, space
from learners.accounts.models import OrgUnit, User

BENCH_DOMAIN = "bench.campus.example"
# Accounts the benchmarks look up, by e-mail.
SPECIAL_ACCOUNTS = {
    "learner": f"apprenant@{BENCH_DOMAIN}",
    "direction_manager": f"responsable.direction@{BENCH_DOMAIN}",
    "sub_direction_manager": f"responsable.sous-direction@{BENCH_DOMAIN}",
    "ministry_manager": f"responsable.ministere@{BENCH_DOMAIN}",
    # Exactly 10 enrolments, 3 upcoming sessions, 2 certificates (`space`): Mon espace.
    "space_agent": f"mon-espace@{BENCH_DOMAIN}",
    "organisation_manager": f"responsable.organisation@{BENCH_DOMAIN}",
}
UNUSABLE_PASSWORD = "!load-data-account-without-password"
INACTIVE_SHARE = 0.01  # agents who left: still in the database, out of every report

MINISTRIES = [
    "Ministère de la Transformation et de la Fonction publiques",
    "Ministère de l’Économie et des Finances",
    "Ministère de l’Intérieur",
    "Ministère de la Justice",
    "Ministère de l’Éducation nationale",
    "Ministère des Armées",
    "Ministère du Travail et des Solidarités",
    "Ministère de la Culture",
    "Ministère de la Transition écologique",
    "Ministère de l’Agriculture",
    "Ministère de la Santé",
    "Ministère des Affaires étrangères",
]
DIRECTIONS = [
    "Direction du numérique",
    "Direction des ressources humaines",
    "Direction des affaires financières",
    "Direction des affaires juridiques",
    "Direction de la communication",
    "Direction des achats",
    "Direction de l’immobilier",
    "Direction générale de l’administration",
]
SUB_DIRECTIONS = [
    "Sous-direction des systèmes d’information",
    "Sous-direction des compétences",
    "Sous-direction du pilotage",
    "Sous-direction des usagers",
    "Sous-direction de la sécurité",
    "Sous-direction des moyens",
]
OFFICES = ["études", "exploitation", "données", "accompagnement", "qualité", "gestion"]


@dataclass
class UnitSpec:
    name: str
    kind: str
    active: int = 0  # agents attached to the unit itself
    inactive: int = 0
    children: list = field(default_factory=list)
    # Filled when written:
    id: int = 0
    path: str = ""
    code: str = ""


@dataclass
class Organisation:
    agents: list[tuple[int, int, bool]]  # (user id, unit id, active)
    unit_count: int
    bench_direction: UnitSpec
    bench_sub_direction: UnitSpec
    bench_ministry: UnitSpec
    units: list[UnitSpec]
    names: dict[int, str]  # user id → full name (certificates' holder)
    special: dict[str, int]  # role → user id


def _split(total: int, parts: int, rng) -> list[int]:
    """`total` split into `parts` uneven, positive-sum shares."""
    weights = [rng.uniform(0.6, 1.4) for _ in range(parts)]
    scale = total / sum(weights)
    shares = [int(weight * scale) for weight in weights]
    shares[0] += total - sum(shares)
    return shares


def _direction(name: str, active: int, rng) -> UnitSpec:
    """A direction of `active` agents: sous-directions of bureaux, a few agents attached
    directly to the direction and to each sous-direction."""
    inactive = round(active * INACTIVE_SHARE)
    direction = UnitSpec(name, OrgUnit.Kind.DIRECTION)
    sub_count = max(2, min(5, active // 1200))
    offices_each = max(2, min(6, active // (sub_count * 200)))
    direct = max(1, active // 100)
    direction.active = direct
    for index, share in enumerate(_split(active - direct, sub_count, rng)):
        sub = UnitSpec(SUB_DIRECTIONS[index % len(SUB_DIRECTIONS)], OrgUnit.Kind.SUB_DIRECTION)
        sub.active = max(1, share // 30)
        for number, office_share in enumerate(_split(share - sub.active, offices_each, rng)):
            office = UnitSpec(
                f"Bureau {chr(65 + index)}{number + 1} — {OFFICES[number % len(OFFICES)]}",
                OrgUnit.Kind.OFFICE,
                active=office_share,
            )
            sub.children.append(office)
        direction.children.append(sub)
    # The agents who left are spread over the bureaux.
    offices = [office for sub in direction.children for office in sub.children]
    for number in range(inactive):
        offices[number % len(offices)].inactive += 1
    return direction


def _tree(sizes, rng) -> list[UnitSpec]:
    team = sizes.team_size
    bench = UnitSpec(MINISTRIES[0], OrgUnit.Kind.MINISTRY, active=1)  # its manager
    bench.children = [
        _direction(DIRECTIONS[0], team, rng),
        _direction(DIRECTIONS[1], team - 1, rng),
    ]
    used = 2 * team + sum(_inactive(d) for d in bench.children)
    rest = sizes.agents - used
    ministries = max(1, min(len(MINISTRIES) - 1, rest // 8_000))
    roots = [bench]
    per_ministry = _split(rest, ministries, rng)
    for number, share in enumerate(per_ministry, start=1):
        ministry = UnitSpec(MINISTRIES[number], OrgUnit.Kind.MINISTRY)
        directions = max(1, min(len(DIRECTIONS), share // 2_000))
        for index, direction_share in enumerate(_split(share, directions, rng)):
            # Inactive agents are part of the share: the total stays `sizes.agents`.
            active = direction_share - round(direction_share * INACTIVE_SHARE)
            direction = _direction(DIRECTIONS[index % len(DIRECTIONS)], active, rng)
            ministry.children.append(direction)
        # Rounding: whatever is left goes to the ministry's own staff.
        ministry.active = share - sum(_total(d) for d in ministry.children)
        roots.append(ministry)
    return roots


def _inactive(unit: UnitSpec) -> int:
    return unit.inactive + sum(_inactive(child) for child in unit.children)


def _total(unit: UnitSpec) -> int:
    return unit.active + unit.inactive + sum(_total(child) for child in unit.children)


def _flatten(units: list[UnitSpec]) -> list[UnitSpec]:
    flat = []
    for unit in units:
        flat.append(unit)
        flat.extend(_flatten(unit.children))
    return flat


def _assign_paths(roots: list[UnitSpec], first_id: int) -> None:
    last_root = OrgUnit.get_last_root_node()
    first_step = OrgUnit._str2int(last_root.path[: OrgUnit.steplen]) + 1 if last_root else 1
    ids = iter(range(first_id, first_id + 10**9))

    def walk(unit, parent_path, depth, step):
        unit.id = next(ids)
        unit.path = OrgUnit._get_path(parent_path, depth, step)
        unit.code = f"bench-{unit.id}"
        for number, child in enumerate(unit.children, start=1):
            walk(child, unit.path, depth + 1, number)

    for number, root in enumerate(roots):
        walk(root, "", 1, first_step + number)


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(char for char in folded.lower() if char.isalnum())


def build(sizes, rng, now) -> Organisation:
    """Write the units and agents; returns what the next steps need."""
    roots = _tree(sizes, rng)
    first_unit_id = (OrgUnit.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
    _assign_paths(roots, first_unit_id)
    units = _flatten(roots)
    bulk.insert(
        OrgUnit,
        ["id", "path", "depth", "numchild", "name", "code", "kind"],
        (
            (u.id, u.path, len(u.path) // OrgUnit.steplen, len(u.children), u.name, u.code, u.kind)
            for u in units
        ),
    )

    faker = Faker("fr_FR")
    faker.seed_instance(sizes.seed)
    first_names = sorted({faker.first_name() for _ in range(600)})
    last_names = sorted({faker.last_name() for _ in range(2_000)})
    user_ids = bulk.next_ids(User, sum(_total(root) for root in roots))
    agents, names, rows = [], {}, []
    ids = iter(user_ids)
    for unit in units:
        for number in range(unit.active + unit.inactive):
            user_id = next(ids)
            first, last = rng.choice(first_names), rng.choice(last_names)
            active = number < unit.active
            email = f"{_ascii(first)}.{_ascii(last)}.{user_id}@{BENCH_DOMAIN}"
            joined = now - datetime.timedelta(days=rng.randint(30, 3 * 365))
            rows.append((user_id, email, first, last, active, joined, unit.id))
            agents.append((user_id, unit.id, active))
            names[user_id] = f"{first} {last}"

    bench_ministry = roots[0]
    bench_direction = bench_ministry.children[0]
    bench_sub_direction = bench_direction.children[0]
    special = {
        "ministry_manager": _first_agent(agents, bench_ministry.id),
        "direction_manager": _first_agent(agents, bench_direction.id),
        "sub_direction_manager": _first_agent(agents, bench_sub_direction.id),
        "learner": _first_agent(agents, bench_sub_direction.children[0].id),
        "space_agent": space.choose_agent(agents, units, bench_ministry),
    }
    special["organisation_manager"] = _organisation_manager(agents, roots, set(special.values()))
    assert len(set(special.values())) == len(special), "one agent per benchmark account"
    emails = {user_id: SPECIAL_ACCOUNTS[role] for role, user_id in special.items()}
    bulk.insert(
        User,
        [
            *("id", "email", "first_name", "last_name", "is_active", "date_joined", "org_unit_id"),
            *("password", "is_superuser", "is_staff", "proconnect_uid", "siret"),
            "organization_label",
        ],
        (
            (
                user_id,
                emails.get(user_id, email),
                *rest,
                UNUSABLE_PASSWORD,
                False,
                False,
                "",
                "",
                "",
            )
            for user_id, email, *rest in rows
        ),
    )
    managed = [
        ("ministry_manager", bench_ministry),
        ("direction_manager", bench_direction),
        ("sub_direction_manager", bench_sub_direction),
    ]
    # The manager of the whole organisation manages each of its roots (ministries).
    managed += [("organisation_manager", root) for root in roots]
    Through = User.managed_units.through
    Through.objects.bulk_create(
        [Through(user_id=special[role], orgunit_id=unit.id) for role, unit in managed]
    )
    bulk.reset_sequences(OrgUnit, User)
    return Organisation(
        agents=agents,
        unit_count=len(units),
        bench_direction=bench_direction,
        bench_sub_direction=bench_sub_direction,
        bench_ministry=bench_ministry,
        units=units,
        names=names,
        special=special,
    )


def _organisation_manager(agents, roots: list[UnitSpec], taken: set[int]) -> int:
    """An agent of the second ministry's first direction (any other on a tiny campus) who is
    not one of the other benchmark accounts, and will manage every root unit: Mon équipe over
    the whole generated organisation."""
    unit_id = roots[1].children[0].id
    free = [(unit != unit_id, user_id) for user_id, unit, active in agents if active]
    return min(pair for pair in free if pair[1] not in taken)[1]


def _first_agent(agents, unit_id: int) -> int:
    return next(user_id for user_id, unit, active in agents if unit == unit_id and active)
