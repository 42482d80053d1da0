"""Second half of the organisation import: compare the checked file with the database and
apply the differences (or only report them, for a dry run). Called by `org_import` inside its
transaction."""

from django.utils.translation import gettext as _

from learners.accounts.models import OrgUnit, User
from learners.accounts.services import announce_names
from learners.team.services.org_import_report import (
    KIND_BY_DEPTH,
    AgentSpec,
    ImportReport,
    LineChange,
    UnitSpec,
)

CREATED, UPDATED, UNCHANGED = "création", "mise à jour", "inchangé"


def _parent_codes(units: dict[str, OrgUnit]) -> dict[str, str | None]:
    """{unit code: its parent's code} for existing units (one query)."""
    steplen = OrgUnit.steplen
    parent_paths = {unit.path[:-steplen] for unit in units.values() if unit.depth > 1}
    codes = dict(OrgUnit.objects.filter(path__in=parent_paths).values_list("path", "code"))
    return {
        code: (codes.get(unit.path[:-steplen]) if unit.depth > 1 else None)
        for code, unit in units.items()
    }


def _place(unit: OrgUnit, parent: OrgUnit | None) -> None:
    unit.refresh_from_db()
    if parent is None:
        first_root = OrgUnit.get_first_root_node()
        unit.move(first_root, pos="last-sibling")
    else:
        parent.refresh_from_db()
        unit.move(parent, pos="last-child")


def apply_units(
    units: dict[str, UnitSpec], existing: dict[str, OrgUnit], report: ImportReport, write: bool
) -> dict[str, OrgUnit | None]:
    """Create, rename and move units, top first. Returns {code: unit} (None for units a dry run
    would create)."""
    parents = _parent_codes(existing)
    resolved: dict[str, OrgUnit | None] = dict(existing)
    for spec in sorted(units.values(), key=lambda spec: (spec.depth, spec.line)):
        parent = resolved.get(spec.parent) if spec.parent else None
        unit = existing.get(spec.code)
        kind = spec.kind or KIND_BY_DEPTH.get(spec.depth, OrgUnit.Kind.OFFICE)
        if unit is None:
            report.units_created += 1
            where = _(" sous « %(parent)s »") % {"parent": spec.parent} if spec.parent else ""
            report.changes.append(
                LineChange(spec.line, spec.code, CREATED, [f"« {spec.name} »{where}"])
            )
            if write:
                node = OrgUnit(code=spec.code, name=spec.name, kind=kind)
                if parent is None:
                    unit = OrgUnit.add_root(instance=node)
                else:
                    parent.refresh_from_db()
                    unit = parent.add_child(instance=node)
            resolved[spec.code] = unit
            continue
        details = []
        if spec.name and spec.name != unit.name:
            details.append(
                _("libellé : « %(old)s » → « %(new)s »") % {"old": unit.name, "new": spec.name}
            )
            unit.name = spec.name
        if spec.kind and spec.kind != unit.kind:
            details.append(_("niveau : %(old)s → %(new)s") % {"old": unit.kind, "new": spec.kind})
            unit.kind = spec.kind
        moved = parents.get(spec.code) != spec.parent
        if moved:
            details.append(
                _("déplacée sous « %(parent)s »") % {"parent": spec.parent}
                if spec.parent
                else _("devient une unité de premier niveau")
            )
        if not details:
            continue
        report.units_updated += 1
        report.changes.append(LineChange(spec.line, spec.code, UPDATED, details))
        if write:
            if moved:
                _place(unit, parent)
                unit.refresh_from_db()
                unit.name = spec.name or unit.name
                unit.kind = spec.kind or unit.kind
            unit.save(update_fields=["name", "kind"])
    return resolved


def apply_agents(
    agents: list[AgentSpec], units: dict[str, OrgUnit | None], report: ImportReport, write: bool
) -> None:
    """Create or update the agents; the manager flag makes an agent responsible for their unit
    (and an agent leaving a unit they managed stops managing it)."""
    users = {
        user.email: user
        for user in User.objects.filter(email__in=[agent.email for agent in agents])
        .select_related("org_unit")
        .prefetch_related("managed_units")
    }
    for agent in agents:
        unit = units.get(agent.unit)
        user = users.get(agent.email)
        if user is None:
            report.users_created += 1
            details = [_("unité %(unit)s") % {"unit": agent.unit}]
            if agent.manager:
                details.append(_("responsable de l’unité"))
            report.changes.append(LineChange(agent.line, agent.email, CREATED, details))
            if write:
                user = User.objects.create_user(
                    agent.email,
                    first_name=agent.first_name,
                    last_name=agent.last_name,
                    org_unit=unit,
                )
                if agent.manager:
                    user.managed_units.add(unit)
            continue
        details, fields = [], []
        if user.first_name != agent.first_name:
            details.append(
                _("prénom : %(old)s → %(new)s") % {"old": user.first_name, "new": agent.first_name}
            )
            user.first_name = agent.first_name
            fields.append("first_name")
        if user.last_name != agent.last_name:
            details.append(
                _("nom : %(old)s → %(new)s") % {"old": user.last_name, "new": agent.last_name}
            )
            user.last_name = agent.last_name
            fields.append("last_name")
        old_unit = user.org_unit
        managed_codes = {managed.code for managed in user.managed_units.all()}
        to_remove = []
        if old_unit is None or old_unit.code != agent.unit:
            details.append(
                _("unité : %(old)s → %(new)s")
                % {"old": old_unit.code if old_unit else "—", "new": agent.unit}
            )
            user.org_unit = unit
            fields.append("org_unit")
            if old_unit is not None and old_unit.code in managed_codes:
                details.append(_("n’est plus responsable de %(unit)s") % {"unit": old_unit.code})
                to_remove.append(old_unit)
        manages = agent.unit in managed_codes
        if agent.manager and not manages:
            details.append(_("devient responsable de %(unit)s") % {"unit": agent.unit})
        elif not agent.manager and manages:
            details.append(_("n’est plus responsable de %(unit)s") % {"unit": agent.unit})
            to_remove.append(unit)
        if not details:
            report.users_unchanged += 1
            report.changes.append(LineChange(agent.line, agent.email, UNCHANGED))
            continue
        report.users_updated += 1
        report.changes.append(LineChange(agent.line, agent.email, UPDATED, details))
        if write:
            if fields:
                user.save(update_fields=fields)
            if {"first_name", "last_name"} & set(fields):
                announce_names(user)
            if to_remove:
                user.managed_units.remove(*[u for u in to_remove if u is not None])
            if agent.manager and not manages:
                user.managed_units.add(unit)


def apply_plan(units, agents, existing_units, report: ImportReport, *, write: bool) -> None:
    resolved = apply_units(units, existing_units, report, write)
    if write:
        # Moves rewrite materialised paths: read the units afresh for the agents.
        resolved = {unit.code: unit for unit in OrgUnit.objects.filter(code__in=list(units))}
    apply_agents(agents, resolved, report, write)
    report.changes.sort(key=lambda change: change.line)
