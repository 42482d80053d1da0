"""SCORM 1.2 and 2004 manifests (`imsmanifest.xml`, IMS Content Packaging): version, SCOs.

Elements are matched by local name (manifests use several namespace spellings). The default
organization's items are read in document order; an item referring to a resource of SCORM type
"sco" (or "asset") is launchable, its `href` being the resource's href (with `xml:base`) plus
the item's `parameters`, joined as the SCORM CAM book says. Other items are headings.
"""

from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring
from django.utils.translation import gettext as _

SCORM_12 = "scorm12"
SCORM_2004 = "scorm2004"
# <schemaversion> values, by kind.
SCHEMA_VERSIONS = {
    "1.2": SCORM_12,
    "CAM 1.3": SCORM_2004,
    "2004 2nd Edition": SCORM_2004,
    "2004 3rd Edition": SCORM_2004,
    "2004 4th Edition": SCORM_2004,
}
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"


@dataclass
class Manifest:
    kind: str = ""
    schema_version: str = ""
    title: str = ""
    organization: str = ""
    items: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def scos(self) -> list[dict]:
        return [item for item in self.items if item["href"]]

    def structure(self) -> dict:
        return {"scos": self.items, "organization": self.organization}


def local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def children(element: Element, name: str) -> list[Element]:
    return [child for child in element if local(child.tag) == name]


def child(element: Element, name: str) -> Element | None:
    found = children(element, name)
    return found[0] if found else None


def text_of(element: Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def attribute(element: Element, name: str) -> str:
    """An attribute by local name, whatever its namespace (adlcp:scormtype, adlcp:scormType)."""
    for key, value in element.attrib.items():
        if local(key).lower() == name.lower():
            return value
    return ""


def join_parameters(href: str, parameters: str) -> str:
    """The launch URL of an item (SCORM 2004 CAM 3.4.1.14 `parameters`)."""
    parameters = parameters.strip()
    if not parameters:
        return href
    parameters = parameters.lstrip("?&")
    if parameters.startswith("#"):
        return href if "#" in href else href + parameters
    return f"{href}{'&' if '?' in href else '?'}{parameters}"


def parse_manifest(data: bytes, files: set[str]) -> Manifest:
    """The manifest's kind, title and launchable items, or its errors (French)."""
    manifest = Manifest()
    try:
        root = fromstring(data)
    except (ParseError, DefusedXmlException, ValueError):
        manifest.errors.append(_("Le fichier imsmanifest.xml n’est pas un XML valide."))
        return manifest
    if local(root.tag) != "manifest":
        manifest.errors.append(_("Le fichier imsmanifest.xml n’a pas d’élément <manifest>."))
        return manifest
    _read_version(root, manifest)
    if manifest.errors:
        return manifest
    resources = _resources(root)
    organizations = child(root, "organizations")
    organization = None
    if organizations is not None:
        default = organizations.get("default", "")
        candidates = children(organizations, "organization")
        organization = next(
            (o for o in candidates if o.get("identifier") == default),
            candidates[0] if candidates else None,
        )
    if organization is None:
        manifest.errors.append(
            _("Le manifeste ne décrit aucune organisation (table des matières).")
        )
        return manifest
    manifest.organization = text_of(child(organization, "title"))
    manifest.title = manifest.organization
    for item in children(organization, "item"):
        _read_item(item, 0, resources, files, manifest)
    if not manifest.scos and not manifest.errors:
        manifest.errors.append(
            _("Le manifeste ne déclare aucun SCO : aucune page du paquet ne peut être lancée.")
        )
    if not manifest.title and manifest.items:
        manifest.title = manifest.items[0]["title"]
    return manifest


def _read_version(root: Element, manifest: Manifest) -> None:
    metadata = child(root, "metadata")
    version = text_of(child(metadata, "schemaversion")) if metadata is not None else ""
    # Namespaces show in the qualified names of elements and attributes (adlcp:scormtype).
    names = [root.tag]
    for element in root.iter():
        if isinstance(element.tag, str):
            names.extend([element.tag, *element.attrib.keys()])
    namespaces = " ".join(names).lower()
    if version:
        kind = SCHEMA_VERSIONS.get(version)
        if kind is None:
            manifest.errors.append(
                _(
                    "Version de SCORM non prise en charge : « %(version)s ». Le campus accepte "
                    "SCORM 1.2 et SCORM 2004 (2e, 3e et 4e éditions)."
                )
                % {"version": version[:50]}
            )
            return
    elif "adlcp_rootv1p2" in namespaces:
        kind, version = SCORM_12, "1.2"
    elif "adlcp_v1p3" in namespaces:
        kind, version = SCORM_2004, "2004"
    else:
        manifest.errors.append(
            _(
                "Le manifeste n’indique pas sa version de SCORM (<schemaversion>) : exportez le "
                "module en SCORM 1.2 ou SCORM 2004."
            )
        )
        return
    manifest.kind, manifest.schema_version = kind, version


def _resources(root: Element) -> dict[str, tuple[str, str]]:
    """{identifier: (href with xml:base, SCORM type)}."""
    found = {}
    container = child(root, "resources")
    if container is None:
        return found
    base = container.get(XML_BASE, "")
    for resource in children(container, "resource"):
        href = resource.get("href", "")
        resource_base = base + resource.get(XML_BASE, "")
        scorm_type = attribute(resource, "scormtype").lower()
        found[resource.get("identifier", "")] = (resource_base + href if href else "", scorm_type)
    return found


def _read_item(item, depth, resources, files, manifest: Manifest) -> None:
    identifier = item.get("identifier", "")
    title = text_of(child(item, "title")) or identifier
    reference = item.get("identifierref", "")
    href = None
    scorm_type = ""
    if reference:
        if reference not in resources:
            manifest.errors.append(
                _("L’élément « %(title)s » renvoie à une ressource absente du manifeste.")
                % {"title": title}
            )
        else:
            resource_href, scorm_type = resources[reference]
            if scorm_type not in ("sco", "asset"):
                scorm_type = "asset"
            if not resource_href:
                manifest.errors.append(
                    _("La ressource de l’élément « %(title)s » n’a pas de fichier de lancement.")
                    % {"title": title}
                )
            elif _check_launch(resource_href, title, files, manifest):
                href = join_parameters(resource_href, item.get("parameters", ""))
    manifest.items.append(
        {
            "identifier": identifier,
            "title": title,
            "href": href,
            "depth": depth,
            **({"type": scorm_type} if href else {}),
        }
    )
    for sub_item in children(item, "item"):
        _read_item(sub_item, depth + 1, resources, files, manifest)


def _check_launch(href: str, title: str, files: set[str], manifest: Manifest) -> bool:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("/"):
        manifest.errors.append(
            _(
                "L’élément « %(title)s » se lance depuis une adresse extérieure au paquet "
                "(%(href)s) : le campus ne lance que des fichiers du paquet."
            )
            % {"title": title, "href": href[:200]}
        )
        return False
    path = unquote(parts.path)
    if path.startswith("./"):
        path = path[2:]
    if path not in files:
        manifest.errors.append(
            _("Le fichier de lancement « %(href)s » de l’élément « %(title)s » manque au paquet.")
            % {"href": path[:200], "title": title}
        )
        return False
    return True
