"""Import of the organisation and its agents from an HR extract (CSV), by an administrator.

The file (UTF-8 or Windows-1252, `;` or `,` separated) has a heading row and these columns:

- `unite` (required): codes of the agent's unit and of the units above it, from the top,
  separated by `/` — `min-economie/dgfip/dgfip-bureau-rh`;
- `libelle_unite`: name of that unit (required when the unit does not exist yet);
- `niveau_unite`: ministere, direction, sous_direction or bureau (new units default to the
  level of their depth);
- `email`, `prenom`, `nom`: the agent (a line without them only describes a unit);
- `responsable`: oui / non — the agent is responsible for their unit (and everything below).

Everything is checked before anything changes: one bad line and nothing is applied, with the
errors listed by line number, in French. Re-importing the same file changes nothing. Agents
absent from the file are left as they are. A dry run reports what would change.
"""

import csv
import io

from django.core.exceptions import ValidationError
from django.core.validators import validate_email, validate_slug
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from learners.accounts.models import OrgUnit, User
from learners.accounts.permissions import is_administrator
from learners.common.exceptions import NotAllowed
from learners.team.models import OrgImport
from learners.team.services.org_import_apply import apply_plan
from learners.team.services.org_import_report import (
    AgentSpec,
    ImportReport,
    LineError,
    UnitSpec,
)

REQUIRED_COLUMNS = ["unite", "email", "prenom", "nom"]
OPTIONAL_COLUMNS = ["responsable", "libelle_unite", "niveau_unite"]
TRUE_WORDS = {"oui", "o", "1", "vrai", "true", "x", "yes"}
FALSE_WORDS = {"non", "n", "0", "faux", "false", "no", ""}
MAX_LINES = 100_000


def decode(data) -> str:
    """Text of the uploaded file: UTF-8 (with or without BOM), else Windows-1252 (Excel)."""
    if hasattr(data, "read"):
        data = data.read()
    if isinstance(data, str):
        return data.lstrip("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _rows(text: str, report: ImportReport):
    first_line = text.split("\n", 1)[0]
    delimiter = max([";", ",", "\t"], key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader, None)
    if header is None:
        report.errors.append(LineError(1, _("Le fichier est vide.")))
        return None, []
    columns = [name.strip().lower() for name in header]
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        report.errors.append(
            LineError(
                1,
                _("Colonnes manquantes : %(columns)s (attendues : %(expected)s).")
                % {
                    "columns": ", ".join(missing),
                    "expected": ", ".join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS),
                },
            )
        )
        return None, []
    rows = []
    for values in reader:
        if not any(value.strip() for value in values):
            continue
        rows.append(
            (
                reader.line_num,
                {
                    name: (values[i].strip() if i < len(values) else "")
                    for i, name in enumerate(columns)
                },
            )
        )
        if len(rows) > MAX_LINES:
            report.errors.append(
                LineError(
                    reader.line_num, _("Le fichier dépasse %(max)s lignes.") % {"max": MAX_LINES}
                )
            )
            return None, []
    return columns, rows


def parse(text: str, report: ImportReport) -> tuple[dict[str, UnitSpec], list[AgentSpec]]:
    """Check every line; collect the units and agents described, or the errors."""
    _columns, rows = _rows(text, report)
    units: dict[str, UnitSpec] = {}
    agents: list[AgentSpec] = []
    seen_emails: dict[str, int] = {}
    kinds = {choice.value for choice in OrgUnit.Kind}
    report.lines = len(rows)
    for number, row in rows:
        errors = []
        codes = [code.strip().lower() for code in row.get("unite", "").split("/") if code.strip()]
        if not codes:
            errors.append(_("le chemin de l’unité est vide"))
        for code in codes:
            try:
                validate_slug(code)
            except ValidationError:
                errors.append(
                    _("le code d’unité « %(code)s » n’est pas valable (lettres, chiffres, tirets)")
                    % {"code": code}
                )
        if len(set(codes)) != len(codes):
            errors.append(_("un code apparaît deux fois dans le chemin de l’unité"))
        name = row.get("libelle_unite", "")
        kind = row.get("niveau_unite", "").strip().lower()
        if kind and kind not in kinds:
            errors.append(
                _(
                    "le niveau « %(kind)s » est inconnu "
                    "(ministere, direction, sous_direction, bureau)"
                )
                % {"kind": kind}
            )
        manager_word = row.get("responsable", "").strip().lower()
        if manager_word not in TRUE_WORDS | FALSE_WORDS:
            errors.append(
                _("la colonne responsable vaut « %(value)s » : oui ou non attendu")
                % {"value": manager_word}
            )
        email = row.get("email", "").strip().lower()
        first_name, last_name = row.get("prenom", ""), row.get("nom", "")
        if email or first_name or last_name:
            if not email:
                errors.append(_("l’adresse électronique manque"))
            else:
                try:
                    validate_email(email)
                except ValidationError:
                    errors.append(
                        _("l’adresse électronique « %(email)s » n’est pas valable")
                        % {"email": email}
                    )
                if email in seen_emails:
                    errors.append(
                        _("l’adresse %(email)s figure déjà ligne %(line)s")
                        % {"email": email, "line": seen_emails[email]}
                    )
            if not first_name:
                errors.append(_("le prénom manque"))
            if not last_name:
                errors.append(_("le nom manque"))
        if not errors:
            for depth, code in enumerate(codes, start=1):
                parent = codes[depth - 2] if depth > 1 else None
                spec = units.get(code)
                if spec is None:
                    spec = units[code] = UnitSpec(
                        code=code, parent=parent, line=number, depth=depth
                    )
                elif spec.parent != parent:
                    errors.append(
                        _("l’unité « %(code)s » est placée ailleurs ligne %(line)s")
                        % {"code": code, "line": spec.line}
                    )
            last = units.get(codes[-1]) if codes else None
            if last is not None and not errors:
                if name and last.name and last.name != name:
                    errors.append(
                        _("l’unité « %(code)s » porte un autre libellé ligne %(line)s")
                        % {"code": last.code, "line": last.line}
                    )
                last.name = last.name or name
                last.kind = last.kind or kind
        if errors:
            text = " ; ".join(errors)
            report.errors.append(LineError(number, text[0].upper() + text[1:] + "."))
            continue
        if email:
            seen_emails[email] = number
            agents.append(
                AgentSpec(
                    line=number,
                    email=email,
                    first_name=first_name,
                    last_name=last_name,
                    unit=codes[-1],
                    manager=manager_word in TRUE_WORDS,
                )
            )
    return units, agents


def _check_within(units, agents, within_units, report: ImportReport) -> None:
    """An API client imports only inside its units: each line's units are its units, units
    below them, or existing units above them; its agents are new or already in its units."""
    allowed = set(within_units.values_list("code", flat=True))
    roots_paths = list(within_units.values_list("path", flat=True))
    existing = {
        unit.code: unit
        for unit in OrgUnit.objects.filter(code__in=list(units)).only("code", "path")
    }
    outside_unit = _("l’unité « %(code)s » n’est pas dans le périmètre du client")
    for spec in sorted(units.values(), key=lambda spec: spec.depth):
        unit = existing.get(spec.code)
        if spec.code in allowed:
            continue
        if unit is None and spec.parent in allowed:
            allowed.add(spec.code)  # a new unit under one of the client's
            continue
        above = unit is not None and any(path.startswith(unit.path) for path in roots_paths)
        if above and spec.name in ("", unit.name) and spec.kind in ("", unit.kind):
            continue  # above the client's units: named in the hierarchy, not changed
        report.errors.append(LineError(spec.line, outside_unit % {"code": spec.code}))
    emails = [agent.email for agent in agents]
    placed = dict(
        User.objects.filter(email__in=emails, org_unit__isnull=False).values_list(
            "email", "org_unit__code"
        )
    )
    for agent in agents:
        if agent.unit not in allowed:
            report.errors.append(LineError(agent.line, outside_unit % {"code": agent.unit}))
        elif agent.email in placed and placed[agent.email] not in allowed:
            report.errors.append(
                LineError(
                    agent.line,
                    _("l’agent %(email)s appartient à une unité hors du périmètre du client")
                    % {"email": agent.email},
                )
            )


def import_organisation(
    *,
    file,
    dry_run: bool,
    imported_by,
    file_name: str = "",
    record: OrgImport | None = None,
    within_units=None,
) -> ImportReport:
    """Check the HR file, and unless `dry_run` (or on any error) apply it, all or nothing.

    Every run is recorded (`OrgImport`); pass the `record` of a dry run to apply what it
    checked. `imported_by` must be an administrator; an API client passes None and its units
    (`within_units`, with those below them), outside which no line may reach.
    """
    if within_units is None and not is_administrator(imported_by):
        raise NotAllowed(_("Seuls les administrateurs importent l’organisation."))
    text = decode(file)
    report = ImportReport(dry_run=dry_run)
    if "\x00" in text:
        # PostgreSQL text columns cannot hold NUL: refuse the file, keep the rest of the report.
        line = text.count("\n", 0, text.index("\x00")) + 1
        report.errors.append(
            LineError(
                line,
                _("Cette ligne contient un caractère nul : ce n’est pas un fichier CSV valide."),
            )
        )
        text = text.replace("\x00", "")
    units, agents = parse(text, report)
    if within_units is not None:
        _check_within(units, agents, within_units, report)
    with transaction.atomic():
        existing_units = {unit.code: unit for unit in OrgUnit.objects.filter(code__in=list(units))}
        missing: dict[int, list[str]] = {}
        for spec in units.values():
            if spec.code not in existing_units and not spec.name:
                missing.setdefault(spec.line, []).append(spec.code)
        for line, codes in missing.items():
            report.errors.append(
                LineError(
                    line,
                    _(
                        "Unité inconnue : %(codes)s. Donnez son libellé (colonne libelle_unite) "
                        "sur une ligne dont elle est la dernière unité, ou créez-la d’abord."
                    )
                    % {"codes": ", ".join(f"« {code} »" for code in codes)},
                )
            )
        report.errors.sort(key=lambda error: error.line)
        if report.ok:
            apply_plan(units, agents, existing_units, report, write=not dry_run)
            report.applied = not dry_run
        if record is None:
            record = OrgImport(imported_by=imported_by, file_name=file_name[:255], content=text)
        record.summary = report.summary()
        record.applied = record.applied or report.applied
        if report.applied:
            record.applied_at = timezone.now()
        record.save()
        report.record = record
    return report
