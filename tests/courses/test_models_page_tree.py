"""The page tree: catalogue → path → module → lesson / quiz / SCORM / H5P, and nowhere else."""

from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from courses.models import (
    CatalogPage,
    CoursePage,
    H5PActivityPage,
    LessonPage,
    QuizPage,
    ScormActivityPage,
    TrainingPathPage,
)
from home.models import HomePage


class PageTreeTests(WagtailPageTestCase):
    def test_models_page_tree_allowed_children(self):
        """Each level accepts only the next one."""
        self.assertCanCreateAt(HomePage, CatalogPage)
        self.assertCanCreateAt(CatalogPage, TrainingPathPage)
        self.assertCanCreateAt(TrainingPathPage, CoursePage)
        self.assertCanCreateAt(CoursePage, LessonPage)
        self.assertCanCreateAt(CoursePage, QuizPage)
        self.assertAllowedSubpageTypes(CatalogPage, {TrainingPathPage})
        self.assertCanCreateAt(CoursePage, ScormActivityPage)
        self.assertCanCreateAt(CoursePage, H5PActivityPage)
        self.assertAllowedSubpageTypes(
            CoursePage, {LessonPage, QuizPage, ScormActivityPage, H5PActivityPage}
        )
        self.assertAllowedParentPageTypes(ScormActivityPage, {CoursePage})
        self.assertAllowedParentPageTypes(TrainingPathPage, {CatalogPage})

    def test_models_page_tree_forbidden_places(self):
        """A path cannot live outside the catalogue, nor an activity outside a module."""
        self.assertCanNotCreateAt(HomePage, TrainingPathPage)
        self.assertCanNotCreateAt(Page, TrainingPathPage)
        self.assertCanNotCreateAt(CatalogPage, CoursePage)
        self.assertCanNotCreateAt(TrainingPathPage, LessonPage)
        self.assertCanNotCreateAt(TrainingPathPage, QuizPage)
        self.assertCanNotCreateAt(LessonPage, LessonPage)
        self.assertCanNotCreateAt(HomePage, CoursePage)

    def test_models_page_tree_single_catalogue_at_catalogue_url(self):
        """The migration creates one live catalogue at /catalogue/, named "catalogue"."""
        catalogue = CatalogPage.objects.get()
        self.assertTrue(catalogue.live)
        self.assertEqual(catalogue.url, "/catalogue/")
        self.assertEqual(reverse("catalogue"), "/catalogue/")
        self.assertFalse(CatalogPage.can_create_at(catalogue.get_parent()))
        self.assertPageIsRenderable(catalogue)
