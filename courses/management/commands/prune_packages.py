"""`manage.py prune_packages`: delete the SCORM/H5P packages nothing refers to any more."""

from django.core.management.base import BaseCommand

from courses.packages import prune_unused_packages


class Command(BaseCommand):
    help = (
        "Delete the content packages (rows and extracted files) that no page, page revision or "
        "agent's attempt refers to."
    )

    def handle(self, *args, **options):
        deleted = prune_unused_packages()
        self.stdout.write(f"{deleted} package(s) deleted.")
