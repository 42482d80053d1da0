"""The nine expertises of the Campus du numérique public, as catalogue themes."""

from django.db import migrations

THEMES = [
    ("agilite-et-produit", "Agilité et produit",
     "Conduire un produit numérique au service des usagers : approche produit, méthodes agiles, mesure d’impact."),
    ("communs-et-logiciels-libres", "Communs et logiciels libres",
     "Utiliser, publier et contribuer aux logiciels libres et aux communs numériques de l’État."),
    ("cybersecurite", "Cybersécurité",
     "Protéger les systèmes d’information et les données : hygiène numérique, gestion des risques, réponse aux incidents."),
    ("data", "Data",
     "Ouvrir, exploiter et gouverner les données publiques : science des données, IA, pilotage par la donnée."),
    ("design-et-accessibilite", "Design et accessibilité",
     "Concevoir des services simples, inclusifs et conformes au RGAA et au Système de design de l’État."),
    ("environnement-numerique-de-travail", "Environnement numérique de travail",
     "Maîtriser les outils collaboratifs et les usages numériques du quotidien des agents."),
    ("numerique-responsable", "Numérique responsable",
     "Réduire l’empreinte environnementale du numérique et concevoir des services sobres."),
    ("technologie-et-infrastructures", "Technologie et infrastructures (dont cloud)",
     "Architecture, développement, exploitation et cloud : les fondations techniques des services publics."),
    ("transformation-numerique", "Transformation numérique",
     "Piloter la transformation numérique d’une administration : stratégie, achats, conduite du changement."),
]


def create_themes(apps, schema_editor):
    Theme = apps.get_model("courses", "Theme")
    for slug, name, description in THEMES:
        Theme.objects.update_or_create(slug=slug, defaults={"name": name, "description": description})


def remove_themes(apps, schema_editor):
    apps.get_model("courses", "Theme").objects.filter(slug__in=[slug for slug, *_ in THEMES]).delete()


class Migration(migrations.Migration):
    dependencies = [("courses", "0001_initial")]

    operations = [migrations.RunPython(create_themes, remove_themes)]
