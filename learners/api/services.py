"""Creating the API's machine clients (the administrators' screen in the Wagtail admin)."""

from django.db import transaction
from oauth2_provider.generators import generate_client_secret
from oauth2_provider.models import get_application_model

from learners.api.models import ApiClient


@transaction.atomic
def create_client(*, name: str, scopes, units, created_by=None) -> tuple[ApiClient, str]:
    """A client with its OAuth 2.0 credentials (client credentials grant). Returns the client
    and its secret, in clear this once: only its hash is kept."""
    Application = get_application_model()
    secret = generate_client_secret()
    application = Application.objects.create(
        name=name[:255],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
        client_secret=secret,
        hash_client_secret=True,
        user=None,
    )
    client = ApiClient.objects.create(
        name=name,
        application=application,
        scopes=sorted(set(scopes)),
        created_by=created_by,
    )
    client.units.set(units)
    return client, secret
