"""A certificate names its holder, never by their e-mail address.

An agent without first and last names is not issued a certificate: Mon espace and the path page
ask them to fill in Mon profil, and the certificate is issued in their name as soon as they do
(through Mon profil, ProConnect or the organisation import). A certificate issued before that
rule without a name (holder name empty) says "its holder" in the PDF, leaves the holder out of
the verification page and carries no name identifier in its credential; once its agent gives a
name, it gets it (an already named certificate keeps the name it was issued with).
"""

import io
import json

import jsonschema
import jwt
import pytest
from bs4 import BeautifulSoup
from django.db import IntegrityError, transaction
from pypdf import PdfReader

from learners.certification import pdf
from learners.certification import services as certification_services
from learners.certification.models import Certificate
from tests.learners.certification.fixtures import agent, certified, learning_path
from tests.learners.certification.test_openbadges import JWT_CLAIMS, SCHEMA_FILE

pytestmark = pytest.mark.django_db

EMAIL = "agent.x@finances.gouv.fr"


@pytest.fixture
def path():
    return learning_path(title="Sobriété numérique")


@pytest.fixture
def nameless(db):
    return agent(email=EMAIL, first_name="", last_name="")


def pdf_text(certificate) -> str:
    reader = PdfReader(io.BytesIO(pdf.render_pdf(certificate)))
    return " ".join(reader.pages[0].extract_text().split())


def payload_of(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})


def schema_errors(payload: dict) -> list[str]:
    schema = json.loads(SCHEMA_FILE.read_text())
    validator_class = jsonschema.validators.validator_for(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    credential = {k: v for k, v in payload.items() if k not in JWT_CLAIMS}
    return [error.message for error in validator.iter_errors(credential)]


def verification_html(client, certificate) -> str:
    return client.get(f"/certificats/verifier/{certificate.public_id}/").content.decode()


def test_services_certificates_holder_name_nameless_agent_gets_no_certificate_yet(
    nameless, path, django_capture_on_commit_callbacks
):
    """Completing a path without names issues nothing that could print the e-mail."""
    assert certified(nameless, path, django_capture_on_commit_callbacks) is None
    assert not Certificate.objects.filter(holder_name__contains="@").exists()


def test_services_certificates_holder_name_nameless_agent_is_asked_for_names(
    client, nameless, path, django_capture_on_commit_callbacks
):
    """Mon espace and the completed path's page send the agent to Mon profil."""
    certified(nameless, path, django_capture_on_commit_callbacks)
    client.force_login(nameless)
    for url in ("/mon-espace/", path.url):
        soup = BeautifulSoup(client.get(url).content.decode(), "html.parser")
        prompt = soup.find(id="nom-pour-certificats")
        assert prompt is not None, url
        assert "prénom et nom" in prompt.get_text()
        assert prompt.find("a", href="/comptes/profil/")


def test_services_certificates_holder_name_named_agent_is_not_asked(
    client, path, django_capture_on_commit_callbacks
):
    """An agent with names sees no such prompt."""
    user = agent()
    certified(user, path, django_capture_on_commit_callbacks)
    client.force_login(user)
    for url in ("/mon-espace/", path.url):
        soup = BeautifulSoup(client.get(url).content.decode(), "html.parser")
        assert soup.find(id="nom-pour-certificats") is None, url


def test_services_certificates_holder_name_issued_once_names_are_given(
    client, nameless, path, signing_key, django_capture_on_commit_callbacks
):
    """Giving names in Mon profil issues the pending certificate in that name: PDF,
    verification page and credential carry the name, none carries the e-mail."""
    certified(nameless, path, django_capture_on_commit_callbacks)
    client.force_login(nameless)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/comptes/profil/", {"first_name": "Alix", "last_name": "Petit"})
    certificate = Certificate.objects.get(user=nameless, path=path)
    assert certificate.holder_name == "Alix Petit"

    text = pdf_text(certificate)
    assert "Alix Petit" in text and EMAIL not in text
    html = verification_html(client, certificate)
    assert "Alix Petit" in html and EMAIL not in html
    payload = payload_of(certificate.credential_jwt)
    assert EMAIL not in json.dumps(payload, ensure_ascii=False)
    identifiers = payload["credentialSubject"]["identifier"]
    assert [(i["identityType"], i["hashed"]) for i in identifiers] == [
        ("name", False),
        ("emailAddress", True),
    ]
    assert identifiers[0]["identityHash"] == "Alix Petit"
    assert not schema_errors(payload)


def test_services_certificates_holder_name_proconnect_names_issue_pending_certificate(
    nameless, path, django_capture_on_commit_callbacks
):
    """Names that ProConnect brings at sign-in issue the pending certificate too."""
    from learners.accounts.proconnect.identity import ProConnectIdentity
    from learners.accounts.proconnect.services import find_or_create_agent

    certified(nameless, path, django_capture_on_commit_callbacks)
    identity = ProConnectIdentity.from_claims(
        {"sub": "sub-x", "email": EMAIL, "given_name": "Alix", "usual_name": "Petit"}
    )
    with django_capture_on_commit_callbacks(execute=True):
        find_or_create_agent(identity=identity)
    assert Certificate.objects.get(user=nameless, path=path).holder_name == "Alix Petit"


def test_services_certificates_holder_name_org_import_names_issue_pending_certificate(
    administrator, nameless, path, django_capture_on_commit_callbacks
):
    """Names that the organisation import brings issue the pending certificate too."""
    from learners.team import services as team_services

    certified(nameless, path, django_capture_on_commit_callbacks)
    extract = (
        "unite;libelle_unite;niveau_unite;email;prenom;nom;responsable\n"
        f"min-essai;Ministère de l’Essai;ministere;{EMAIL};Alix;Petit;non\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        report = team_services.import_organisation(
            file=extract.encode(), dry_run=False, imported_by=administrator
        )
    assert report.applied
    assert Certificate.objects.get(user=nameless, path=path).holder_name == "Alix Petit"


@pytest.fixture
def unnamed_certificate(path, signing_key, django_capture_on_commit_callbacks) -> Certificate:
    """A certificate issued without a name (before names were required), its agent still
    without names."""
    user = agent(email=EMAIL)
    certificate = certified(user, path, django_capture_on_commit_callbacks)
    Certificate.objects.filter(pk=certificate.pk).update(holder_name="", credential_jwt="")
    type(user).objects.filter(pk=user.pk).update(first_name="", last_name="")
    certificate.refresh_from_db()
    return certificate


def test_services_certificates_holder_name_unnamed_certificate_pdf_says_its_holder(
    unnamed_certificate,
):
    """The PDF names nobody rather than printing the e-mail."""
    text = pdf_text(unnamed_certificate)
    assert EMAIL not in text
    assert "atteste que son ou sa titulaire a suivi avec succès le parcours" in text


def test_services_certificates_holder_name_unnamed_certificate_verification_page(
    client, unnamed_certificate
):
    """The verification page shows no holder line and no e-mail."""
    html = verification_html(client, unnamed_certificate)
    assert EMAIL not in html
    assert "Titulaire" not in BeautifulSoup(html, "html.parser").main.get_text()


def test_services_certificates_holder_name_unnamed_certificate_credential(unnamed_certificate):
    """The credential keeps only the hashed e-mail identifier, and stays valid."""
    token = certification_services.ensure_credential(certificate=unnamed_certificate)
    payload = payload_of(token)
    assert EMAIL not in json.dumps(payload, ensure_ascii=False)
    identifiers = payload["credentialSubject"]["identifier"]
    assert [(i["identityType"], i["hashed"]) for i in identifiers] == [("emailAddress", True)]
    assert not schema_errors(payload)


def test_services_certificates_holder_name_unnamed_certificate_without_account(
    unnamed_certificate,
):
    """Without a name nor an account, the subject is still identified (Open Badges requires
    an id or an identifier)."""
    Certificate.objects.filter(pk=unnamed_certificate.pk).update(user=None)
    unnamed_certificate.refresh_from_db()
    payload = payload_of(certification_services.ensure_credential(certificate=unnamed_certificate))
    assert payload["credentialSubject"].get("id") or payload["credentialSubject"]["identifier"]
    assert not schema_errors(payload)


def test_services_certificates_holder_name_unnamed_certificate_named_later(
    unnamed_certificate, django_capture_on_commit_callbacks
):
    """When its agent gives names, the unnamed certificate takes them, with a credential and a
    PDF in that name."""
    from learners.accounts import services as account_services

    user = unnamed_certificate.user
    with django_capture_on_commit_callbacks(execute=True):
        account_services.update_names(user=user, first_name="Alix", last_name="Petit")
    unnamed_certificate.refresh_from_db()
    assert unnamed_certificate.holder_name == "Alix Petit"
    token = certification_services.ensure_credential(certificate=unnamed_certificate)
    assert payload_of(token)["credentialSubject"]["identifier"][0]["identityHash"] == "Alix Petit"
    assert "Alix Petit" in pdf_text(unnamed_certificate)


def test_services_certificates_holder_name_issued_name_is_kept(
    path, django_capture_on_commit_callbacks
):
    """A certificate keeps the name it was issued with when the agent corrects theirs."""
    from learners.accounts import services as account_services

    user = agent()
    certificate = certified(user, path, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        account_services.update_names(user=user, first_name="Camille", last_name="Martin-Roy")
    certificate.refresh_from_db()
    assert certificate.holder_name == "Camille Martin"


def test_services_certificates_holder_name_database_refuses_an_email(
    path, django_capture_on_commit_callbacks
):
    """Whatever writes it, the database refuses an e-mail address as holder name."""
    certificate = certified(agent(), path, django_capture_on_commit_callbacks)
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.filter(pk=certificate.pk).update(holder_name=EMAIL)
