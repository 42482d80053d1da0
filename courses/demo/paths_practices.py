# ruff: noqa: E501 (French prose: long lines are easier to proofread than split strings)
"""Demo paths, part 1: accessibility and cyber security (in French)."""

from courses.demo.blocks import (
    accordion,
    alert,
    callout,
    h,
    p,
    quote,
    resource,
    takeaways,
    ul,
)
from courses.factories import multiple_choice, single_choice, true_false
from courses.models import Format, Level

VISIO = "https://visio.numerique.gouv.fr/campus-session"

ACCESSIBILITY = (
    {
        "slug": "concevoir-un-service-numerique-accessible",
        "title": "Concevoir un service numérique accessible",
        "theme": "design-et-accessibilite",
        "level": Level.INTERMEDIATE,
        "format": Format.BLENDED,
        "summary": "Comprendre le RGAA, intégrer l’accessibilité dès la conception et savoir "
        "mener un premier audit sur un service en ligne.",
        "objectives": [
            "Expliquer les obligations légales d’accessibilité",
            "Appliquer les critères essentiels du RGAA",
            "Réaliser un audit simplifié d’une démarche en ligne",
        ],
        "audience": "Chefs de projet, designers, développeurs et rédacteurs web des administrations.",
        "skills": ["RGAA", "accessibilité", "audit"],
        "certificate_validity_months": 36,
    },
    [
        (
            {
                "title": "Comprendre le RGAA",
                "summary": "Le cadre légal et les critères qui comptent le plus.",
            },
            [
                (
                    "lesson",
                    "Pourquoi l’accessibilité numérique ?",
                    25,
                    [
                        p(
                            "En France, 12 millions de personnes vivent avec un handicap. Un service public "
                            "numérique qui n’est pas accessible les prive d’un droit : celui d’accomplir "
                            "leurs démarches sans dépendre d’un tiers.",
                            "La loi du 11 février 2005, complétée par la loi de 2016 pour une République "
                            "numérique, impose aux administrations de rendre leurs sites, applications et "
                            "documents accessibles, et de publier une déclaration d’accessibilité.",
                        ),
                        h("Des usages très divers"),
                        ul(
                            "les personnes aveugles naviguent avec un lecteur d’écran ;",
                            "les personnes malvoyantes agrandissent la page jusqu’à 200 % ou plus ;",
                            "d’autres n’utilisent que le clavier, ou une commande vocale ;",
                            "les personnes sourdes ont besoin de sous-titres et de transcriptions.",
                            intro="Derrière le mot « handicap », les situations sont nombreuses :",
                        ),
                        quote(
                            "L’accessibilité n’est pas une fonctionnalité : c’est une qualité du service.",
                            "Référentiel général d’amélioration de l’accessibilité",
                        ),
                        takeaways(
                            "L’accessibilité est une obligation légale pour tous les services publics.",
                            "Elle profite à tous les usagers, pas seulement aux personnes handicapées.",
                        ),
                    ],
                ),
                (
                    "lesson",
                    "Les critères essentiels du RGAA",
                    40,
                    [
                        p(
                            "Le RGAA 4.1 compte 106 critères répartis en 13 thématiques : images, cadres, "
                            "couleurs, multimédia, tableaux, liens, scripts, éléments obligatoires, structuration, "
                            "présentation, formulaires, navigation et consultation."
                        ),
                        h("Trois critères à vérifier en premier"),
                        accordion(
                            (
                                "Alternatives textuelles des images",
                                "Chaque image porteuse d’information a une "
                                "alternative qui la décrit ; une image décorative a une alternative vide.",
                            ),
                            (
                                "Contrastes",
                                "Le texte a un rapport de contraste d’au moins 4,5:1 avec son "
                                "fond, 3:1 pour les grands textes.",
                            ),
                            (
                                "Étiquettes de formulaire",
                                "Chaque champ a une étiquette visible, reliée au "
                                "champ, qui dit ce qu’on attend de l’usager.",
                            ),
                        ),
                        callout(
                            "Bon à savoir",
                            "Le Système de design de l’État (DSFR) fournit des composants "
                            "déjà conformes : les utiliser évite une grande partie des erreurs.",
                        ),
                        resource(
                            "Le référentiel RGAA 4.1",
                            "https://accessibilite.numerique.gouv.fr/",
                            "Les critères, les tests et la méthode d’audit.",
                        ),
                    ],
                ),
                (
                    "quiz",
                    "Quiz : les bases du RGAA",
                    10,
                    [
                        (
                            single_choice,
                            "Combien de critères compte le RGAA 4.1 ?",
                            ["57", "106", "250"],
                            1,
                            "Le RGAA 4.1 compte 106 critères répartis en 13 thématiques.",
                        ),
                        (
                            true_false,
                            "Une image décorative doit avoir une alternative textuelle vide.",
                            True,
                            "Une alternative vide indique aux lecteurs d’écran d’ignorer l’image.",
                        ),
                        (
                            multiple_choice,
                            "Quelles obligations s’imposent à un service public en ligne ?",
                            [
                                "Publier une déclaration d’accessibilité",
                                "Être conforme au RGAA",
                                "Proposer une version mobile payante",
                            ],
                            {0, 1},
                            "La déclaration et la conformité au RGAA sont obligatoires.",
                        ),
                    ],
                ),
            ],
            [],
        ),
        (
            {
                "title": "Atelier d’audit",
                "summary": "Une demi-journée pour auditer une démarche réelle, en binôme.",
                "format": Format.IN_PERSON,
                "session_duration_minutes": 210,
            },
            [],
            [
                (21, "09:30", 210, "Paris — 20 avenue de Ségur, salle 4.12", "", 8),
                (49, "13:30", 210, "Lyon — Préfecture du Rhône", "", 12),
            ],
        ),
    ],
)

CYBER = (
    {
        "slug": "les-fondamentaux-de-l-hygiene-numerique",
        "title": "Les fondamentaux de l’hygiène numérique",
        "theme": "cybersecurite",
        "level": Level.DISCOVERY,
        "format": Format.E_LEARNING,
        "summary": "Les bons réflexes de sécurité au quotidien : mots de passe, double authentification, "
        "hameçonnage et mises à jour.",
        "objectives": [
            "Choisir et gérer des mots de passe robustes",
            "Reconnaître un courriel d’hameçonnage",
            "Savoir qui alerter en cas d’incident",
        ],
        "audience": "Tous les agents publics, sans prérequis technique.",
        "skills": ["cybersécurité", "hameçonnage", "mots de passe"],
        "certificate_validity_months": 12,
    },
    [
        (
            {"title": "Mots de passe et authentification"},
            [
                (
                    "lesson",
                    "Des mots de passe robustes",
                    20,
                    [
                        p(
                            "Un mot de passe robuste est long plutôt que compliqué : une phrase de passe de "
                            "quatre ou cinq mots choisis au hasard résiste mieux qu’un mot court truffé de "
                            "symboles, et se retient plus facilement.",
                            "Surtout, chaque service doit avoir son propre mot de passe. Quand un site est "
                            "piraté, les attaquants essaient aussitôt les mêmes identifiants ailleurs.",
                        ),
                        alert(
                            "warning",
                            "Ne partagez jamais votre mot de passe",
                            "Ni avec un collègue, ni avec le support informatique : un vrai support ne "
                            "vous le demandera jamais.",
                        ),
                        h("La double authentification"),
                        p(
                            "Activez-la partout où elle est proposée : même si votre mot de passe est volé, "
                            "l’attaquant ne pourra pas se connecter sans le second facteur."
                        ),
                        takeaways(
                            "Un mot de passe différent par service.",
                            "Une phrase de passe longue.",
                            "La double authentification dès que possible.",
                        ),
                    ],
                ),
                (
                    "quiz",
                    "Quiz : mots de passe",
                    10,
                    [
                        (
                            single_choice,
                            "Quel est le mot de passe le plus robuste ?",
                            ["P@ssw0rd!", "cheval-agrafe-nuage-batterie", "Marianne2026"],
                            1,
                            "La longueur compte davantage que la complexité.",
                        ),
                        (
                            true_false,
                            "Le support informatique peut vous demander votre mot de passe.",
                            False,
                            "Aucun support légitime ne demande votre mot de passe.",
                        ),
                    ],
                ),
            ],
            [],
        ),
        (
            {"title": "Repérer l’hameçonnage"},
            [
                (
                    "lesson",
                    "Reconnaître un courriel frauduleux",
                    25,
                    [
                        p(
                            "L’hameçonnage (phishing) imite un expéditeur de confiance pour vous faire cliquer, "
                            "ouvrir une pièce jointe ou saisir vos identifiants. C’est la première porte "
                            "d’entrée des attaques contre les administrations."
                        ),
                        ul(
                            "une urgence inhabituelle ou une menace ;",
                            "une adresse d’expéditeur qui ne correspond pas à l’organisme ;",
                            "un lien dont l’adresse réelle diffère du texte ;",
                            "une demande d’identifiants ou de paiement.",
                            intro="Les signaux d’alerte :",
                        ),
                        callout(
                            "En cas de doute",
                            "Ne cliquez pas, transférez le message à votre équipe "
                            "sécurité et supprimez-le.",
                        ),
                        resource(
                            "Cybermalveillance.gouv.fr",
                            "https://www.cybermalveillance.gouv.fr/",
                            "Assistance et prévention du risque numérique.",
                        ),
                    ],
                ),
            ],
            [],
        ),
    ],
)
