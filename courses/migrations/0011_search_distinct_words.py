"""The search index holds each word of a path's lessons once (`TrainingPathPage.search_words`).

Nothing changes in the tables: the index of an existing database is rebuilt once the run's
migrations are applied (`courses.signals.rebuild_search_index`), its entries holding every
repetition of the lessons' words until then (what it finds is the same, only slower).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("courses", "0010_content_packages")]

    operations = []
