"""Wagtail admin: the "Statistiques des parcours" report (Rapports menu), for trainers, reviewers
and administrators: every live path with its key figures, then one page per path with its
activities, quizzes and questions (`learners.stats.selectors`). Aggregated figures only, rates and
averages withheld below `settings.PATH_STATISTICS_MIN_COUNT` agents."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from django.views.generic.list import BaseListView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from learners.accounts import permissions
from learners.stats import selectors as path_stats

TITLE = gettext_lazy("Statistiques des parcours")


class PathStatisticsAccess:
    def dispatch(self, request, *args, **kwargs):
        if not permissions.may_view_path_statistics(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PathStatisticsIndexView(PathStatisticsAccess, WagtailAdminTemplateMixin, BaseListView):
    page_title = TITLE
    header_icon = "table"
    template_name = "learners/stats/admin/path_statistics_index.html"
    paginate_by = 25
    page_kwarg = "p"  # as Wagtail's listings (and its pagination_nav.html)

    @property
    def ordering(self) -> str:
        ordering = self.request.GET.get("ordering", "")
        return ordering if ordering in path_stats.ORDERINGS else path_stats.ORDERINGS[0]

    def get_queryset(self):
        return path_stats.ordered(path_stats.paths_with_figures(), self.ordering)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def sort_header(self, name: str) -> dict:
        """The link of a sortable column header and its `aria-sort` state."""
        ascending = self.ordering == name
        descending = self.ordering == f"-{name}"
        return {
            "url": f"?ordering={'-' if ascending else ''}{name}",
            "aria_sort": "ascending" if ascending else "descending" if descending else "",
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        context.update(
            sort_title=self.sort_header("title"),
            sort_completion_rate=self.sort_header("completion_rate"),
            elided_page_range=page.paginator.get_elided_page_range(page.number),
            # Wagtail's pagination links keep the query string (the ordering) themselves.
            index_url=reverse("learners_path_statistics_index"),
            minimum_count=path_stats.minimum_count(),
        )
        return context


class PathStatisticsDetailView(PathStatisticsAccess, WagtailAdminTemplateMixin, TemplateView):
    page_title = TITLE
    header_icon = "table"
    template_name = "learners/stats/admin/path_statistics_detail.html"

    def dispatch(self, request, *args, path_id: int, **kwargs):
        # Roles first (PathStatisticsAccess), then the path: a refused user learns nothing.
        self.path_id = path_id
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        self.path = path_stats.live_path(self.path_id)
        if self.path is None:
            raise Http404(_("Ce parcours n’existe pas ou n’est pas publié."))
        return super().get(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.path.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("learners_path_statistics_index"), "label": TITLE},
            {"url": "", "label": self.path.title},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            statistics=path_stats.path_statistics(self.path),
            minimum_count=path_stats.minimum_count(),
            **kwargs,
        )


class PathStatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.may_view_path_statistics(request.user)


@hooks.register("register_admin_urls")
def register_path_statistics_urls():
    return [
        path(
            "statistiques-parcours/",
            PathStatisticsIndexView.as_view(),
            name="learners_path_statistics_index",
        ),
        path(
            "statistiques-parcours/<id:path_id>/",
            PathStatisticsDetailView.as_view(),
            name="learners_path_statistics_detail",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_path_statistics_menu_item():
    return PathStatisticsMenuItem(
        TITLE,
        reverse("learners_path_statistics_index"),
        name="path-statistics",
        icon_name="table",
        order=100,
    )
