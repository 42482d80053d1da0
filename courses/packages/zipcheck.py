"""Zip safety: what an archive must not contain before a byte of it is written to disk.

Refused: entries whose name is absolute, climbs out of the package (`..`), uses backslashes or
control characters; symbolic links; encrypted entries; more files, more bytes or a higher
compression ratio than the `PACKAGE_MAX_*` settings allow (zip bombs); server-side scripts (a
package is static content: nothing in it may ever be executed by a server).
"""

import stat
import zipfile
from pathlib import PurePosixPath

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Extensions of files that a web server could execute. Packages are static: refused.
SERVER_SCRIPT_EXTENSIONS = frozenset(
    {
        *(".php", ".php3", ".php4", ".php5", ".php7", ".phtml", ".phar", ".phps"),
        *(".py", ".pyc", ".pyo", ".sh", ".bash", ".zsh", ".ksh", ".csh", ".cgi", ".fcgi"),
        *(".pl", ".pm", ".rb", ".jsp", ".jspx", ".asp", ".aspx", ".ascx", ".ashx", ".asmx"),
        *(".cfm", ".cfc", ".shtml", ".shtm", ".exe", ".dll", ".bat", ".cmd", ".com", ".ps1"),
        *(".vbs", ".war", ".jar", ".so", ".htaccess", ".htpasswd"),
    }
)
# Below this size an entry's compression ratio says nothing (a small file of spaces).
RATIO_MIN_ENTRY_BYTES = 1024 * 1024


def safe_name(name: str) -> str | None:
    """The entry's path relative to the package root, or None when it is not a safe one."""
    if not name or "\\" in name or any(ord(c) < 32 or ord(c) == 127 for c in name):
        return None
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return None
    parts = PurePosixPath(name).parts
    if any(part in ("..", "") for part in parts):
        return None
    return "/".join(part for part in parts if part != ".")


def is_symlink(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def check_archive(archive: zipfile.ZipFile, upload_size: int) -> tuple[dict, list[str]]:
    """({safe name: ZipInfo} of the files, [French errors]) for an opened archive."""
    errors: list[str] = []
    infos = archive.infolist()
    files = [info for info in infos if not info.is_dir()]
    if len(files) > settings.PACKAGE_MAX_FILES:
        errors.append(
            _("Le paquet contient %(count)s fichiers ; %(max)s au plus sont acceptés.")
            % {"count": len(files), "max": settings.PACKAGE_MAX_FILES}
        )
        return {}, errors
    total = sum(info.file_size for info in files)
    if total > settings.PACKAGE_MAX_UNCOMPRESSED_BYTES:
        errors.append(
            _("Une fois décompressé, le paquet occuperait %(size)s ; %(max)s au plus.")
            % {
                "size": filesizeformat(total),
                "max": filesizeformat(settings.PACKAGE_MAX_UNCOMPRESSED_BYTES),
            }
        )
    ratio = settings.PACKAGE_MAX_COMPRESSION_RATIO
    compressed = sum(info.compress_size for info in files)
    too_compressed = total > ratio * max(compressed, upload_size, 1) or any(
        info.file_size >= RATIO_MIN_ENTRY_BYTES
        and info.file_size > ratio * max(info.compress_size, 1)
        for info in files
    )
    if too_compressed:
        errors.append(
            _(
                "Le paquet est anormalement compressé (plus de %(ratio)s fois) : il a été refusé "
                "par précaution (« bombe zip »)."
            )
            % {"ratio": ratio}
        )
    names: dict[str, zipfile.ZipInfo] = {}
    unsafe, links, scripts, encrypted = [], [], [], []
    for info in infos:
        name = safe_name(info.filename)
        if name is None:
            unsafe.append(info.filename)
            continue
        if is_symlink(info):
            links.append(name)
            continue
        if info.flag_bits & 0x1:
            encrypted.append(name)
        if info.is_dir():
            continue
        if PurePosixPath(name.lower()).suffix in SERVER_SCRIPT_EXTENSIONS or name.lower().endswith(
            (".htaccess", ".htpasswd")
        ):
            scripts.append(name)
        names[name] = info
    clashes = sorted(
        {
            parent
            for name in names
            for parent in ("/".join(name.split("/")[:i]) for i in range(1, name.count("/") + 1))
            if parent in names
        }
    )
    if clashes:
        errors.append(
            _("Le paquet contient des fichiers qui portent le nom d’un dossier : %(names)s.")
            % {"names": _names(clashes)}
        )
    if unsafe:
        errors.append(
            _(
                "Le paquet contient des chemins dangereux (absolus ou remontant hors du paquet) : "
                "%(names)s."
            )
            % {"names": _names(unsafe)}
        )
    if links:
        errors.append(
            _("Le paquet contient des liens symboliques, refusés : %(names)s.")
            % {"names": _names(links)}
        )
    if encrypted:
        errors.append(
            _("Le paquet contient des fichiers chiffrés, illisibles : %(names)s.")
            % {"names": _names(encrypted)}
        )
    if scripts:
        errors.append(
            _(
                "Le paquet contient des scripts exécutables par un serveur, refusés : %(names)s. "
                "Un paquet SCORM ou H5P ne contient que des fichiers statiques (HTML, JavaScript, "
                "CSS, médias)."
            )
            % {"names": _names(scripts)}
        )
    return names, errors


def _names(names: list[str], shown: int = 5) -> str:
    quoted = ", ".join(f"« {name} »" for name in names[:shown])
    if len(names) > shown:
        quoted += " " + _("et %(count)s autres") % {"count": len(names) - shown}
    return quoted
