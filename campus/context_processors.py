"""Values every template needs: brand texts and the navigation the current user may use."""

from django.conf import settings


def campus(request):
    return {
        "BRAND": settings.CAMPUS_BRAND,
        "PROCONNECT_ENABLED": bool(settings.PROCONNECT["CLIENT_ID"]),
    }
