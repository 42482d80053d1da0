"""What the campus's own Wagtail admin screens share."""

from learners.common.responses import forbidden_as_403


class PolicyOnlyViewSetMixin:
    """For a `ModelViewSet` whose access follows its permission policy alone (administrators),
    not group permissions: no permission to tick in the groups' screen, and a refused view
    answers the campus's 403 page instead of Wagtail's redirection to the dashboard."""

    def get_urlpatterns(self):
        patterns = super().get_urlpatterns()
        for pattern in patterns:
            pattern.callback = forbidden_as_403(pattern.callback)
        return patterns

    def get_permissions_to_register(self):
        from django.contrib.auth.models import Permission

        return Permission.objects.none()
