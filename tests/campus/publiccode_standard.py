"""The publiccode.yml standard (core, versions 0.2 to 0.5), as a validator of a parsed file.

`problems(document)` lists what the reference parser (publiccode-parser-go, which code.gouv.fr
and Developers Italia run) would reject in the keys the campus uses: every mandatory key, the
types, the enumerated values and vocabularies (categories, scopes, development status, software
type, maintenance type), the formats (URLs, dates, e-mail addresses, BCP 47 language tags,
lowercase ISO 3166-1 countries, SPDX expressions), the lengths of the descriptions, the rules
between keys (contacts for internal maintenance, contractors only for a contract) and unknown
keys, which the parser refuses. Network checks (that the URLs answer) are left out: the tests
run offline. Country extensions (`IT`) are not modelled: the campus declares none.
"""

import datetime
import re
from urllib.parse import urlsplit


def _words(text: str) -> set[str]:
    return set(text.split())


VERSIONS = {"0", "0.2", "0.2.0", "0.2.1", "0.2.2", "0.3", "0.3.0", "0.4", "0.4.0", "0.5", "0.5.0"}
DEVELOPMENT_STATUSES = {"concept", "development", "beta", "stable", "obsolete"}
SOFTWARE_TYPES = {
    "standalone/mobile",
    "standalone/iot",
    "standalone/desktop",
    "standalone/web",
    "standalone/backend",
    "standalone/other",
    "addon",
    "library",
    "configurationFiles",
}
MAINTENANCE_TYPES = {"internal", "contract", "community", "none"}
# The standard's controlled vocabularies (categories-list, scope-list).
CATEGORIES = _words(
    """accounting agile-project-management applicant-tracking application-development
    appointment-scheduling backup billing-and-invoicing blog budgeting business-intelligence
    business-process-management cad call-center-management cloud-management collaboration
    communications compliance-management contact-management content-management crm
    customer-service-and-support data-analytics data-collection data-visualization design
    design-system digital-asset-management digital-citizenship document-management
    donor-management e-commerce e-signature educational-content email-management email-marketing
    employee-management enterprise-project-management enterprise-social-networking erp
    event-management facility-management feedback-and-reviews-management financial-reporting
    fleet-management fundraising gamification geographic-information-systems grant-management
    graphic-design help-desk hr ide identity-management instant-messaging inventory-management
    it-asset-management it-development it-management it-security it-service-management
    knowledge-management learning-management-system marketing mind-mapping mobile-marketing
    mobile-payment network-management office online-booking online-community payment-gateway
    payroll predictive-analysis procurement productivity-suite project-collaboration
    project-management property-management real-estate-management remote-support
    resource-management sales-management seo service-desk social-media-management survey
    talent-management task-management taxes-management test-management time-management
    time-tracking translation video-conferencing video-editing visitor-management voip
    warehouse-management web-collaboration web-conferencing website-builder whistleblowing
    workflow-management"""
)
SCOPES = _words(
    """agriculture culture defence education emergency-services employment energy environment
    finance-and-economic-development foreign-affairs healthcare infrastructures justice
    local-authorities manufacturing research science-and-technology security society sport
    tourism transportation welfare"""
)
# The SPDX identifiers of the licences French administrations may publish under (CRPA D.323-2-1)
# and of their usual neighbours; an expression combines them with AND, OR, WITH and brackets.
SPDX_LICENSES = {
    "AGPL-3.0-only",
    "AGPL-3.0-or-later",
    "Apache-2.0",
    "BSD-2-Clause",
    "BSD-3-Clause",
    "CECILL-2.1",
    "CECILL-B",
    "CECILL-C",
    "EPL-2.0",
    "EUPL-1.2",
    "GPL-2.0-only",
    "GPL-2.0-or-later",
    "GPL-3.0-only",
    "GPL-3.0-or-later",
    "LGPL-2.1-only",
    "LGPL-2.1-or-later",
    "LGPL-3.0-only",
    "LGPL-3.0-or-later",
    "MIT",
    "MPL-2.0",
}
SPDX_EXCEPTIONS = {"Classpath-exception-2.0", "LLVM-exception"}
ISO_3166_ALPHA2 = _words(
    """ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bl bm bn bo bq
    br bs bt bv bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do
    dz ec ee eg eh er es et fi fj fk fm fo fr ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu
    gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ke kg kh ki km kn kp kr kw
    ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mf mg mh mk ml mm mn mo mp mq mr ms mt mu
    mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw
    py qa re ro rs ru rw sa sb sc sd se sg sh si sj sk sl sm sn so sr ss st sv sx sy sz tc td tf
    tg th tj tk tl tm tn to tr tt tv tw tz ua ug um us uy uz va vc ve vg vi vn vu wf ws ye yt za
    zm zw"""
)
# BCP 47 (RFC 5646) language tags, without the grandfathered ones: a primary language subtag,
# then optional extended language, script, region, variants and extensions.
LANGUAGE_TAG = re.compile(
    r"^[a-z]{2,3}(-[a-z]{3}){0,3}(-[a-z]{4})?(-([a-z]{2}|[0-9]{3}))?"
    r"(-([a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*(-[0-9a-wy-z](-[a-z0-9]{2,8})+)*(-x(-[a-z0-9]{1,8})+)?$",
    re.IGNORECASE,
)
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Each section: its keys, with a checker and whether the key is mandatory.
TOP_LEVEL = {
    "publiccodeYmlVersion",
    "name",
    "applicationSuite",
    "url",
    "landingURL",
    "isBasedOn",
    "softwareVersion",
    "releaseDate",
    "logo",
    "monochromeLogo",
    "organisation",
    "inputTypes",
    "outputTypes",
    "platforms",
    "categories",
    "usedBy",
    "fundedBy",
    "roadmap",
    "developmentStatus",
    "softwareType",
    "intendedAudience",
    "description",
    "legal",
    "maintenance",
    "localisation",
    "dependsOn",
    "IT",
    "it",
}
DESCRIPTION_KEYS = {
    "localisedName",
    "genericName",
    "shortDescription",
    "longDescription",
    "documentation",
    "apiDocumentation",
    "features",
    "screenshots",
    "videos",
    "awards",
}


def problems(document) -> list[str]:
    """Everything that makes `document` (a parsed publiccode.yml) invalid; empty when valid."""
    found: list[str] = []
    if not isinstance(document, dict):
        return ["the file is not a mapping of keys"]
    check = _Checker(found)
    check.known_keys("", document, TOP_LEVEL)
    check.one_of("publiccodeYmlVersion", document.get("publiccodeYmlVersion"), VERSIONS)
    check.text("name", document.get("name"), required=True)
    check.text("applicationSuite", document.get("applicationSuite"))
    check.url("url", document.get("url"), required=True, http_only=False)
    check.url("landingURL", document.get("landingURL"))
    check.url("roadmap", document.get("roadmap"))
    check.text("softwareVersion", document.get("softwareVersion"))
    check.date("releaseDate", document.get("releaseDate"))
    check.text("logo", document.get("logo"))
    check.texts("platforms", document.get("platforms"), required=True)
    check.texts("categories", document.get("categories"), vocabulary=CATEGORIES)
    check.texts("usedBy", document.get("usedBy"))
    check.one_of("developmentStatus", document.get("developmentStatus"), DEVELOPMENT_STATUSES)
    check.one_of("softwareType", document.get("softwareType"), SOFTWARE_TYPES)
    if "organisation" in document:
        check.organisation("organisation", document["organisation"])
    if "intendedAudience" in document:
        check.intended_audience(document["intendedAudience"])
    check.descriptions(document.get("description"))
    check.legal(document.get("legal"))
    check.maintenance(document.get("maintenance"))
    check.localisation(document.get("localisation"))
    if "dependsOn" in document:
        check.depends_on(document["dependsOn"])
    return found


class _Checker:
    def __init__(self, found: list[str]):
        self.found = found

    def fail(self, key: str, message: str) -> None:
        self.found.append(f"{key}: {message}")

    def known_keys(self, where: str, mapping: dict, allowed: set[str]) -> None:
        for key in mapping:
            if key not in allowed:
                self.fail(f"{where}{key}", "not a key of the standard")

    def mapping(self, key: str, value, required: bool = True) -> bool:
        if value is None:
            if required:
                self.fail(key, "required")
            return False
        if not isinstance(value, dict):
            self.fail(key, "must be a mapping")
            return False
        return True

    def text(self, key: str, value, required: bool = False, max_length: int | None = None):
        if value is None or value == "":
            if required:
                self.fail(key, "required")
            return
        if not isinstance(value, str):
            self.fail(key, f"must be a string (quote it in YAML), not {type(value).__name__}")
            return
        if max_length is not None and len(value) > max_length:
            self.fail(key, f"{len(value)} characters, at most {max_length}")

    def texts(self, key: str, value, required: bool = False, vocabulary=None, each=None):
        if value is None:
            if required:
                self.fail(key, "required")
            return
        if not isinstance(value, list) or not value:
            self.fail(key, "must be a non-empty list")
            return
        for index, item in enumerate(value):
            item_key = f"{key}[{index}]"
            if not isinstance(item, str) or not item:
                self.fail(item_key, "must be a non-empty string")
            elif vocabulary is not None and item not in vocabulary:
                self.fail(item_key, f"{item!r} is not in the standard's list")
            elif each is not None:
                each(item_key, item)

    def one_of(self, key: str, value, allowed: set[str]) -> None:
        if value is None:
            self.fail(key, "required")
        elif not isinstance(value, str) or value not in allowed:
            self.fail(key, f"{value!r} is not one of {sorted(allowed)}")

    def url(self, key: str, value, required: bool = False, http_only: bool = True) -> None:
        if value is None:
            if required:
                self.fail(key, "required")
            return
        parts = urlsplit(value) if isinstance(value, str) else None
        if parts is None or not parts.scheme or not parts.netloc:
            self.fail(key, f"{value!r} is not an absolute URL")
        elif http_only and parts.scheme not in {"http", "https"}:
            self.fail(key, f"{value!r} is not an HTTP(S) URL")

    def date(self, key: str, value, required: bool = False) -> None:
        if value is None:
            if required:
                self.fail(key, "required")
            return
        # YAML turns an unquoted 2026-01-15 into a date: the standard's string form is accepted.
        text = value.isoformat() if isinstance(value, datetime.date) else value
        try:
            valid = isinstance(text, str) and bool(DATE.match(text))
            valid = valid and datetime.date.fromisoformat(text) is not None
        except ValueError:
            valid = False
        if not valid:
            self.fail(key, f"{value!r} is not a date YYYY-MM-DD")

    def email(self, key: str, value) -> None:
        if value is not None and (not isinstance(value, str) or not EMAIL.match(value)):
            self.fail(key, f"{value!r} is not an e-mail address")

    def language(self, key: str, value) -> None:
        if not isinstance(value, str) or not LANGUAGE_TAG.match(value):
            self.fail(key, f"{value!r} is not a BCP 47 language tag")

    def country(self, key: str, value) -> None:
        if value not in ISO_3166_ALPHA2:
            self.fail(key, f"{value!r} is not a lowercase ISO 3166-1 alpha-2 code")

    def organisation(self, key: str, value) -> None:
        if self.mapping(key, value):
            self.known_keys(f"{key}.", value, {"name", "uri"})
            self.text(f"{key}.name", value.get("name"), required=True)
            self.text(f"{key}.uri", value.get("uri"))

    def intended_audience(self, audience) -> None:
        key = "intendedAudience"
        if not self.mapping(key, audience):
            return
        self.known_keys(f"{key}.", audience, {"scope", "countries", "unsupportedCountries"})
        self.texts(f"{key}.scope", audience.get("scope"), vocabulary=SCOPES)
        for name in ("countries", "unsupportedCountries"):
            self.texts(f"{key}.{name}", audience.get(name), each=self.country)

    def descriptions(self, descriptions) -> None:
        if not self.mapping("description", descriptions):
            return
        if not descriptions:
            self.fail("description", "at least one language")
        for language, description in descriptions.items():
            key = f"description.{language}"
            self.language(key, language)
            if not self.mapping(key, description):
                continue
            self.known_keys(f"{key}.", description, DESCRIPTION_KEYS)
            self.text(f"{key}.localisedName", description.get("localisedName"))
            self.text(f"{key}.genericName", description.get("genericName"), max_length=35)
            self.text(
                f"{key}.shortDescription",
                description.get("shortDescription"),
                required=True,
                max_length=150,
            )
            long_description = description.get("longDescription")
            self.text(f"{key}.longDescription", long_description, required=True, max_length=10000)
            if isinstance(long_description, str) and len(long_description) < 150:
                self.fail(f"{key}.longDescription", "at least 150 characters")
            self.url(f"{key}.documentation", description.get("documentation"))
            self.url(f"{key}.apiDocumentation", description.get("apiDocumentation"))
            self.texts(f"{key}.features", description.get("features"), required=True)
            self.texts(f"{key}.screenshots", description.get("screenshots"))
            self.texts(f"{key}.videos", description.get("videos"), each=self.url)
            self.texts(f"{key}.awards", description.get("awards"))

    def legal(self, legal) -> None:
        if not self.mapping("legal", legal):
            return
        allowed = {"license", "mainCopyrightOwner", "repoOwner", "authorsFile"}
        self.known_keys("legal.", legal, allowed)
        license_expression = legal.get("license")
        self.text("legal.license", license_expression, required=True)
        if isinstance(license_expression, str) and not is_spdx_expression(license_expression):
            self.fail("legal.license", f"{license_expression!r} is not an SPDX expression")
        for name in ("mainCopyrightOwner", "repoOwner", "authorsFile"):
            self.text(f"legal.{name}", legal.get(name))

    def maintenance(self, maintenance) -> None:
        if not self.mapping("maintenance", maintenance):
            return
        self.known_keys("maintenance.", maintenance, {"type", "contractors", "contacts"})
        kind = maintenance.get("type")
        self.one_of("maintenance.type", kind, MAINTENANCE_TYPES)
        contacts, contractors = maintenance.get("contacts"), maintenance.get("contractors")
        if kind in {"internal", "community"} and not contacts:
            self.fail("maintenance.contacts", f"required when the maintenance is {kind}")
        if kind == "contract" and not contractors:
            self.fail("maintenance.contractors", "required when the maintenance is contract")
        if kind != "contract" and contractors:
            self.fail("maintenance.contractors", "only when the maintenance is contract")
        for index, contact in enumerate(contacts or []):
            key = f"maintenance.contacts[{index}]"
            if self.mapping(key, contact):
                self.known_keys(f"{key}.", contact, {"name", "email", "affiliation", "phone"})
                self.text(f"{key}.name", contact.get("name"), required=True)
                self.email(f"{key}.email", contact.get("email"))
                self.text(f"{key}.affiliation", contact.get("affiliation"))
                self.text(f"{key}.phone", contact.get("phone"))
        for index, contractor in enumerate(contractors or []):
            key = f"maintenance.contractors[{index}]"
            if self.mapping(key, contractor):
                self.known_keys(f"{key}.", contractor, {"name", "email", "website", "until"})
                self.text(f"{key}.name", contractor.get("name"), required=True)
                self.email(f"{key}.email", contractor.get("email"))
                self.url(f"{key}.website", contractor.get("website"))
                self.date(f"{key}.until", contractor.get("until"), required=True)

    def localisation(self, localisation) -> None:
        if not self.mapping("localisation", localisation):
            return
        self.known_keys("localisation.", localisation, {"localisationReady", "availableLanguages"})
        if not isinstance(localisation.get("localisationReady"), bool):
            self.fail("localisation.localisationReady", "required, true or false")
        self.texts(
            "localisation.availableLanguages",
            localisation.get("availableLanguages"),
            required=True,
            each=self.language,
        )

    def depends_on(self, depends_on) -> None:
        if not self.mapping("dependsOn", depends_on):
            return
        self.known_keys("dependsOn.", depends_on, {"open", "proprietary", "hardware"})
        for kind, dependencies in depends_on.items():
            if not isinstance(dependencies, list):
                self.fail(f"dependsOn.{kind}", "must be a list")
                continue
            for index, dependency in enumerate(dependencies):
                key = f"dependsOn.{kind}[{index}]"
                if not self.mapping(key, dependency):
                    continue
                allowed = {"name", "versionMin", "versionMax", "version", "optional"}
                self.known_keys(f"{key}.", dependency, allowed)
                self.text(f"{key}.name", dependency.get("name"), required=True)
                for name in ("versionMin", "versionMax", "version"):
                    self.text(f"{key}.{name}", dependency.get(name))
                if "optional" in dependency and not isinstance(dependency["optional"], bool):
                    self.fail(f"{key}.optional", "must be true or false")


SPDX_TOKEN = re.compile(r"\s*(\(|\)|[A-Za-z0-9.+-]+)")


def is_spdx_expression(expression: str) -> bool:
    """`expression` is a valid SPDX license expression over the known identifiers."""
    tokens, position = [], 0
    while position < len(expression):
        match = SPDX_TOKEN.match(expression, position)
        if not match:
            return False
        tokens.append(match[1])
        position = match.end()
        if not expression[position:].strip():
            break
    parser = _SpdxParser(tokens)
    return parser.expression() and parser.done()


class _SpdxParser:
    """expression := term (("AND" | "OR") term)*; term := "(" expression ")" | id ["WITH" exc]"""

    def __init__(self, tokens: list[str]):
        self.tokens, self.index = tokens, 0

    def peek(self) -> str | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self) -> str | None:
        token = self.peek()
        self.index += 1
        return token

    def done(self) -> bool:
        return self.index == len(self.tokens)

    def expression(self) -> bool:
        if not self.term():
            return False
        while self.peek() in {"AND", "OR"}:
            self.take()
            if not self.term():
                return False
        return True

    def term(self) -> bool:
        token = self.take()
        if token == "(":
            return self.expression() and self.take() == ")"
        identifier = (token or "").removesuffix("+")
        if identifier not in SPDX_LICENSES:
            return False
        if self.peek() == "WITH":
            self.take()
            return self.take() in SPDX_EXCEPTIONS
        return True
