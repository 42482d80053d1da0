"""Values every template needs: brand texts and the navigation the current user may use."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

# The RGAA compliance status, as the footer states it (the setting holds its French keyword).
ACCESSIBILITY_LABELS = {
    "non": _("Accessibilité : non conforme"),
    "partiellement": _("Accessibilité : partiellement conforme"),
    "totalement": _("Accessibilité : totalement conforme"),
}


def campus(request):
    return {
        "BRAND": settings.CAMPUS_BRAND,
        "ACCESSIBILITY_LABEL": ACCESSIBILITY_LABELS.get(
            settings.CAMPUS_BRAND["ACCESSIBILITY_STATUS"], ACCESSIBILITY_LABELS["partiellement"]
        ),
        "PROCONNECT_ENABLED": bool(settings.PROCONNECT["CLIENT_ID"]),
    }
