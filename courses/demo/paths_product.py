# ruff: noqa: E501 (French prose: long lines are easier to proofread than split strings)
"""Demo paths, part 1 (continued): generative AI and product management (in French)."""

from courses.demo.blocks import (
    alert,
    callout,
    h,
    p,
    quote,
    takeaways,
    ul,
    video,
)
from courses.factories import multiple_choice, single_choice, true_false
from courses.models import Format, Level

VISIO = "https://visio.numerique.gouv.fr/campus-session"


AI = (
    {
        "slug": "ia-generative-usages-et-limites",
        "title": "IA générative : usages et limites pour les agents",
        "theme": "data",
        "level": Level.DISCOVERY,
        "format": Format.VIRTUAL_CLASS,
        "summary": "Comprendre ce que font les grands modèles de langage, les utiliser à bon escient "
        "et connaître les règles d’usage dans l’administration.",
        "objectives": [
            "Expliquer le fonctionnement d’un modèle de langage",
            "Rédiger des consignes efficaces",
            "Identifier les données qu’on ne confie jamais à un outil d’IA",
        ],
        "audience": "Tous les agents, encadrants compris.",
        "skills": ["intelligence artificielle", "IA générative", "protection des données"],
    },
    [
        (
            {"title": "Comprendre l’IA générative"},
            [
                (
                    "lesson",
                    "Comment fonctionne un modèle de langage",
                    30,
                    [
                        p(
                            "Un modèle de langage prédit, mot après mot, la suite la plus probable d’un texte. "
                            "Il a appris ces probabilités sur d’immenses corpus : il ne « sait » rien, il "
                            "produit du texte plausible, ce qui explique ses réussites comme ses erreurs.",
                            "Ces erreurs, appelées hallucinations, sont affirmées avec le même aplomb que les "
                            "faits exacts : toute production doit être relue par un agent qui en reste responsable.",
                        ),
                        video(
                            "Matinale IA : introduction",
                            "https://www.youtube.com/watch?v=aircAruvnKk",
                            "Présentatrice : Bonjour à toutes et à tous. Ce matin, nous allons voir ce "
                            "qu’est un réseau de neurones, comment il apprend à partir d’exemples, et "
                            "pourquoi ses réponses doivent toujours être vérifiées.",
                        ),
                        alert(
                            "error",
                            "Données à ne jamais saisir",
                            "Données personnelles d’usagers, informations classifiées ou couvertes par "
                            "le secret : n’utilisez que les outils validés par votre ministère.",
                        ),
                        takeaways(
                            "Un modèle de langage produit du texte plausible, pas nécessairement vrai.",
                            "L’agent reste responsable de ce qu’il publie.",
                        ),
                    ],
                ),
                (
                    "quiz",
                    "Quiz : IA générative",
                    10,
                    [
                        (
                            true_false,
                            "Un modèle de langage vérifie les faits avant de répondre.",
                            False,
                            "Il produit le texte le plus probable ; la vérification vous revient.",
                        ),
                        (
                            multiple_choice,
                            "Quelles données ne faut-il pas saisir dans un outil d’IA grand public ?",
                            [
                                "Le nom et l’adresse d’un usager",
                                "Un texte déjà public",
                                "Une note classifiée",
                            ],
                            {0, 2},
                            "Données personnelles et informations protégées restent hors des "
                            "outils non validés.",
                        ),
                    ],
                ),
            ],
            [],
        ),
        (
            {
                "title": "Matinale IA en classe virtuelle",
                "summary": "Une heure trente d’échanges et de démonstrations avec un formateur.",
                "format": Format.VIRTUAL_CLASS,
                "session_duration_minutes": 90,
            },
            [],
            [(7, "09:00", 90, "", VISIO, 100), (35, "09:00", 90, "", VISIO, 100)],
        ),
    ],
)

PRODUCT = (
    {
        "slug": "piloter-un-produit-numerique",
        "title": "Piloter un produit numérique à l’État",
        "theme": "agilite-et-produit",
        "level": Level.INTERMEDIATE,
        "format": Format.E_LEARNING,
        "summary": "L’approche produit appliquée aux services publics : partir d’un problème d’usager, "
        "livrer vite, mesurer l’impact.",
        "objectives": [
            "Formuler un problème d’usager",
            "Organiser une équipe produit autonome",
            "Choisir des indicateurs d’impact",
        ],
        "audience": "Intrapreneurs, chefs de projet, responsables métier.",
        "skills": ["approche produit", "agilité", "indicateurs"],
    },
    [
        (
            {"title": "L’approche produit"},
            [
                (
                    "lesson",
                    "Partir du problème, pas de la solution",
                    30,
                    [
                        p(
                            "Une startup d’État naît d’un problème rencontré par des usagers ou des agents, "
                            "porté par un intrapreneur. L’équipe ne rédige pas de cahier des charges : elle "
                            "observe, teste une première version en quelques semaines et l’améliore en "
                            "continu selon ce qu’elle mesure."
                        ),
                        quote(
                            "Le produit est au service d’un impact, pas d’une liste de fonctionnalités.",
                            "beta.gouv.fr",
                            "Manifeste",
                        ),
                        h("Les rôles de l’équipe"),
                        ul(
                            "l’intrapreneur, agent public qui porte le problème ;",
                            "le coach, garant de la méthode ;",
                            "les développeurs et designers, qui construisent avec les usagers.",
                        ),
                    ],
                ),
                (
                    "lesson",
                    "Mesurer l’impact",
                    25,
                    [
                        p(
                            "Un bon indicateur dit si le problème recule : délai de traitement d’une demande, "
                            "taux de démarches abouties, nombre d’appels évités. Le nombre de visites, lui, "
                            "ne dit presque rien de l’impact."
                        ),
                        callout(
                            "Astuce",
                            "Publiez vos statistiques sur une page publique : c’est une "
                            "obligation de transparence et un puissant outil de pilotage.",
                        ),
                    ],
                ),
                (
                    "quiz",
                    "Quiz : approche produit",
                    10,
                    [
                        (
                            single_choice,
                            "Par quoi commence une startup d’État ?",
                            ["Un cahier des charges", "Un problème d’usager", "Un appel d’offres"],
                            1,
                            "Tout part d’un problème concret, porté par un intrapreneur.",
                        ),
                        (
                            true_false,
                            "Le nombre de visites est un bon indicateur d’impact.",
                            False,
                            "Il mesure l’audience, pas la résolution du problème.",
                        ),
                    ],
                ),
            ],
            [],
        ),
    ],
)
