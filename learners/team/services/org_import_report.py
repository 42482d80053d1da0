"""What the organisation import reads and reports: the units and agents of the file, and the
line-by-line report (errors, changes, counts) shown on the page and stored with the import."""

from dataclasses import asdict, dataclass, field

from learners.accounts.models import OrgUnit
from learners.team.models import OrgImport

KIND_BY_DEPTH = {
    1: OrgUnit.Kind.MINISTRY,
    2: OrgUnit.Kind.DIRECTION,
    3: OrgUnit.Kind.SUB_DIRECTION,
}


@dataclass
class LineError:
    line: int
    message: str


@dataclass
class LineChange:
    line: int
    subject: str  # an e-mail address or a unit code
    action: str  # "création", "mise à jour", "inchangé"
    details: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    lines: int = 0
    errors: list[LineError] = field(default_factory=list)
    changes: list[LineChange] = field(default_factory=list)
    units_created: int = 0
    units_updated: int = 0
    users_created: int = 0
    users_updated: int = 0
    users_unchanged: int = 0
    applied: bool = False
    dry_run: bool = True
    record: OrgImport | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def has_changes(self) -> bool:
        return bool(
            self.units_created or self.units_updated or self.users_created or self.users_updated
        )

    def summary(self) -> dict:
        data = asdict(self)
        data.pop("record")
        data["changes"] = [c for c in data["changes"] if c["action"] != "inchangé"][:500]
        data["errors"] = data["errors"][:500]
        return data


@dataclass
class UnitSpec:
    code: str
    parent: str | None
    line: int
    name: str = ""
    kind: str = ""
    depth: int = 1


@dataclass
class AgentSpec:
    line: int
    email: str
    first_name: str
    last_name: str
    unit: str
    manager: bool
