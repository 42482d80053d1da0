# ruff: noqa: E501 (French prose: long lines are easier to proofread than split strings)
"""The demo trainer's draft path, submitted for review: never published by `create_demo`.

Same shape as the published paths (see `content.py`), complete enough for a reviewer to approve
it as it stands (a module with required activities, a valid quiz).
"""

from courses.demo.blocks import callout, p, takeaways, ul
from courses.factories import single_choice
from courses.models import Format, Level

PLAIN_LANGUAGE = (
    {
        "slug": "rediger-en-langage-clair",
        "title": "Rédiger en langage clair pour les usagers",
        "theme": "design-et-accessibilite",
        "level": Level.DISCOVERY,
        "format": Format.E_LEARNING,
        "summary": "Écrire des courriers, des pages et des formulaires que chaque usager comprend du "
        "premier coup.",
        "objectives": [
            "Repérer ce qui rend un texte administratif difficile",
            "Réécrire un courrier en langage clair",
        ],
        "audience": "Tous les agents qui écrivent aux usagers.",
        "skills": ["langage clair", "rédaction"],
    },
    [
        (
            {"title": "Écrire pour être compris"},
            [
                (
                    "lesson",
                    "Les principes du langage clair",
                    20,
                    [
                        p(
                            "Un texte clair dit d’abord ce que l’usager doit faire, avec des phrases "
                            "courtes, des mots courants et une idée par paragraphe."
                        ),
                        ul(
                            "Commencer par l’essentiel : la démarche, la date, le montant.",
                            "Remplacer le jargon par les mots de l’usager.",
                            "Préférer la voix active : « Envoyez-nous » plutôt que « Il vous est demandé ».",
                            intro="Trois réflexes :",
                        ),
                        callout(
                            "Tester avec un usager",
                            "Faites lire le texte à une personne extérieure au service : ce qu’elle "
                            "reformule mal est à réécrire.",
                        ),
                    ],
                ),
                (
                    "lesson",
                    "Réécrire un courrier",
                    25,
                    [
                        p(
                            "Partez d’un courrier réel : soulignez l’action attendue, déplacez-la en "
                            "tête, coupez les phrases de plus de vingt mots, puis relisez à voix haute."
                        ),
                        takeaways(
                            "L’action attendue en premier.",
                            "Une phrase, une idée.",
                        ),
                    ],
                ),
                (
                    "quiz",
                    "Quiz : langage clair",
                    5,
                    [
                        (
                            single_choice,
                            "Que place-t-on en tête d’un courrier en langage clair ?",
                            [
                                "Les références réglementaires",
                                "Ce que l’usager doit faire",
                                "L’historique du dossier",
                            ],
                            1,
                            "L’usager cherche d’abord ce qu’on attend de lui.",
                        ),
                    ],
                ),
            ],
            [],
        ),
    ],
)
