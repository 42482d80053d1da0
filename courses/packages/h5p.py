"""H5P packages (`.h5p`): `h5p.json`, `content/content.json`, and every library they need.

The campus has no shared library store: a package must carry each library it depends on, as
the `Machine-major.minor/library.json` folder of the zip (followed from `mainLibrary` and
`preloadedDependencies` through each library's own dependencies).
"""

import json
import zipfile
import zlib
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

MAX_JSON_BYTES = 20 * 1024 * 1024


@dataclass
class H5PDescription:
    title: str = ""
    main_library: str = ""
    h5p_json: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def structure(self) -> dict:
        return {"main_library": self.main_library, "title": self.title, "h5p_json": self.h5p_json}


def read_json(archive: zipfile.ZipFile, info: zipfile.ZipInfo):
    """The entry's JSON, or None when it is too big or not JSON."""
    if info.file_size > MAX_JSON_BYTES:
        return None
    try:
        return json.loads(archive.read(info).decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError, zipfile.BadZipFile, zlib.error, OSError, EOFError):
        return None


def _dependencies(data) -> list[tuple[str, str]] | None:
    """[(machine name, "major.minor")] of `preloadedDependencies`, or None when malformed."""
    if not isinstance(data, dict):
        return None
    found = []
    for dependency in data.get("preloadedDependencies") or []:
        if not isinstance(dependency, dict):
            return None
        name = dependency.get("machineName")
        major, minor = dependency.get("majorVersion"), dependency.get("minorVersion")
        if not isinstance(name, str) or not name or major is None or minor is None:
            return None
        found.append((name, f"{major}.{minor}"))
    return found


def parse_h5p(archive: zipfile.ZipFile, names: dict) -> H5PDescription:
    description = H5PDescription()
    errors = description.errors
    if "h5p.json" not in names:
        errors.append(_("Le fichier h5p.json manque à la racine du paquet H5P."))
        return description
    h5p_json = read_json(archive, names["h5p.json"])
    dependencies = _dependencies(h5p_json)
    if dependencies is None or not isinstance(h5p_json.get("mainLibrary"), str):
        errors.append(
            _(
                "Le fichier h5p.json du paquet est illisible ou incomplet (titre, bibliothèque "
                "principale, dépendances)."
            )
        )
        return description
    description.h5p_json = h5p_json
    description.title = str(h5p_json.get("title") or "")[:255]
    description.main_library = h5p_json["mainLibrary"]
    if "content/content.json" not in names:
        errors.append(_("Le fichier content/content.json (le contenu H5P) manque au paquet."))
    elif read_json(archive, names["content/content.json"]) is None:
        errors.append(_("Le fichier content/content.json du paquet n’est pas un JSON valide."))
    if description.main_library not in {name for name, _version in dependencies}:
        errors.append(
            _("La bibliothèque principale « %(name)s » n’est pas dans les dépendances du paquet.")
            % {"name": description.main_library[:100]}
        )
    missing = _missing_libraries(archive, names, dependencies, errors)
    for folder in missing:
        errors.append(
            _(
                "La bibliothèque H5P « %(library)s » manque au paquet : exportez le contenu avec "
                "ses bibliothèques."
            )
            % {"library": folder[:100]}
        )
    return description


def _missing_libraries(archive, names, dependencies, errors) -> list[str]:
    """Folders of the libraries needed (transitively) that the zip lacks."""
    missing, seen = [], set()
    queue = list(dependencies)
    while queue:
        name, version = queue.pop(0)
        folder = f"{name}-{version}"
        if folder in seen:
            continue
        seen.add(folder)
        info = names.get(f"{folder}/library.json")
        if info is None:
            missing.append(folder)
            continue
        library = read_json(archive, info)
        more = _dependencies(library)
        if more is None:
            errors.append(
                _("Le fichier %(file)s du paquet est illisible.")
                % {"file": f"{folder}/library.json"}
            )
            continue
        queue.extend(more)
    return missing
