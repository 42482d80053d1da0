# ruff: noqa: E501 (French prose: long lines are easier to proofread than split strings)
"""Demo paths, part 2: open source, workplace, eco-design, cloud, transformation, data."""

from courses.demo.blocks import accordion, callout, code, p, resource, takeaways, ul
from courses.factories import single_choice
from courses.models import Format, Language, Level

VISIO = "https://visio.numerique.gouv.fr/campus-session"

OPEN_SOURCE = (
    {
        "slug": "publier-et-contribuer-aux-logiciels-libres",
        "title": "Publier et contribuer aux logiciels libres",
        "theme": "communs-et-logiciels-libres",
        "level": Level.INTERMEDIATE,
        "format": Format.E_LEARNING,
        "summary": "Ouvrir le code source de l’administration, choisir une licence et contribuer aux "
        "communs numériques.",
        "objectives": [
            "Connaître l’obligation d’ouverture des codes sources",
            "Choisir une licence adaptée",
            "Publier un dépôt prêt à recevoir des contributions",
        ],
        "audience": "Développeurs, architectes, chefs de projet informatique.",
        "skills": ["logiciel libre", "licences", "Git"],
    },
    [
        (
            {"title": "Ouvrir le code de l’administration"},
            [
                (
                    "lesson",
                    "Pourquoi ouvrir les codes sources",
                    20,
                    [
                        p(
                            "Depuis la loi pour une République numérique, les codes sources produits par les "
                            "administrations sont des documents administratifs communicables, à publier en "
                            "ligne. Les ouvrir permet leur réutilisation, leur audit et la mutualisation "
                            "entre administrations."
                        ),
                        resource(
                            "code.gouv.fr",
                            "https://code.gouv.fr/",
                            "Les codes sources du secteur public.",
                        ),
                    ],
                ),
                (
                    "lesson",
                    "Publier un premier dépôt",
                    35,
                    [
                        p(
                            "Un dépôt prêt à publier contient un fichier README qui dit à quoi sert le "
                            "logiciel, un fichier LICENSE, et un guide de contribution."
                        ),
                        code(
                            "bash",
                            "git init mon-service\ncd mon-service\ncp ~/modeles/LICENSE .\n"
                            'git add README.md LICENSE CONTRIBUTING.md\ngit commit -m "Publication initiale"',
                        ),
                        callout(
                            "Quelle licence ?",
                            "Les licences autorisées pour les administrations sont "
                            "listées par décret : MIT, Apache 2.0, EUPL, GPL, entre autres.",
                        ),
                        takeaways(
                            "README, LICENSE, CONTRIBUTING : trois fichiers avant de publier.",
                            "Choisir une licence de la liste officielle.",
                        ),
                    ],
                ),
            ],
            [],
        ),
    ],
)

DIGITAL_WORKPLACE = (
    {
        "slug": "travailler-avec-les-outils-collaboratifs",
        "title": "Travailler avec les outils collaboratifs de l’État",
        "theme": "environnement-numerique-de-travail",
        "level": Level.DISCOVERY,
        "format": Format.E_LEARNING,
        "summary": "Messagerie instantanée, visioconférence, documents partagés : prendre en main les "
        "outils souverains du quotidien.",
        "objectives": [
            "Organiser une réunion en visioconférence",
            "Partager un document en toute sécurité",
            "Choisir le bon outil selon le besoin",
        ],
        "audience": "Tous les agents.",
        "skills": ["outils collaboratifs", "visioconférence"],
    },
    [
        (
            {"title": "Les outils du quotidien"},
            [
                (
                    "lesson",
                    "Choisir le bon outil",
                    15,
                    [
                        p(
                            "Un message court et urgent ? La messagerie instantanée. Une décision à garder ? "
                            "Un courriel ou un document partagé. Un échange à plusieurs ? Une "
                            "visioconférence avec un ordre du jour."
                        ),
                        accordion(
                            (
                                "Messagerie instantanée",
                                "Pour les échanges rapides au sein d’une équipe.",
                            ),
                            ("Visioconférence", "Pour les réunions, avec partage d’écran."),
                            (
                                "Documents partagés",
                                "Pour rédiger à plusieurs sans multiplier les versions.",
                            ),
                        ),
                    ],
                ),
                (
                    "lesson",
                    "Réussir une réunion à distance",
                    20,
                    [
                        p(
                            "Envoyez l’ordre du jour à l’avance, commencez à l’heure, donnez la parole à "
                            "chacun et terminez par un relevé de décisions partagé dans l’heure."
                        ),
                        takeaways("Un ordre du jour, un animateur, un relevé de décisions."),
                    ],
                ),
            ],
            [],
        ),
    ],
)

ECODESIGN = (
    {
        "slug": "ecoconcevoir-un-service-numerique",
        "title": "Écoconcevoir un service numérique",
        "theme": "numerique-responsable",
        "level": Level.INTERMEDIATE,
        "format": Format.E_LEARNING,
        "summary": "Réduire l’empreinte environnementale d’un service dès sa conception, avec le "
        "référentiel général d’écoconception (RGESN).",
        "objectives": [
            "Mesurer l’empreinte d’un service",
            "Appliquer les critères du RGESN",
            "Arbitrer entre fonctionnalités et sobriété",
        ],
        "audience": "Équipes produit, développeurs, acheteurs.",
        "skills": ["écoconception", "RGESN", "sobriété"],
    },
    [
        (
            {"title": "Le RGESN"},
            [
                (
                    "lesson",
                    "L’empreinte du numérique",
                    25,
                    [
                        p(
                            "L’essentiel de l’empreinte environnementale du numérique vient de la fabrication "
                            "des terminaux. Un service qui reste utilisable sur un téléphone de huit ans "
                            "contribue directement à allonger leur durée de vie."
                        ),
                        ul(
                            "alléger les pages et les images ;",
                            "limiter les vidéos en lecture automatique ;",
                            "supprimer les fonctionnalités inutilisées.",
                            intro="Leviers principaux :",
                        ),
                    ],
                ),
                (
                    "lesson",
                    "Appliquer le référentiel",
                    30,
                    [
                        p(
                            "Le RGESN propose 78 critères, de la stratégie à l’hébergement. Une déclaration "
                            "d’écoconception rend publics les efforts engagés."
                        ),
                        resource(
                            "Le RGESN",
                            "https://ecoresponsable.numerique.gouv.fr/publications/referentiel-general-ecoconception/",
                        ),
                    ],
                ),
                (
                    "quiz",
                    "Quiz : numérique responsable",
                    10,
                    [
                        (
                            single_choice,
                            "D’où vient l’essentiel de l’empreinte du numérique ?",
                            [
                                "Des centres de données",
                                "De la fabrication des terminaux",
                                "Des réseaux",
                            ],
                            1,
                            "La fabrication des équipements pèse le plus lourd.",
                        ),
                    ],
                ),
            ],
            [],
        ),
    ],
)

CLOUD = (
    {
        "slug": "le-cloud-pour-les-administrations",
        "title": "Le cloud pour les administrations",
        "theme": "technologie-et-infrastructures",
        "level": Level.ADVANCED,
        "format": Format.BLENDED,
        "summary": "Doctrine « cloud au centre », offres interministérielles et qualification "
        "SecNumCloud : concevoir et héberger un service dans le cloud.",
        "objectives": [
            "Appliquer la doctrine cloud au centre",
            "Choisir entre cloud interne et offres qualifiées",
            "Concevoir une architecture résiliente",
        ],
        "audience": "Architectes, ingénieurs d’exploitation, responsables de la sécurité.",
        "skills": ["cloud", "SecNumCloud", "architecture"],
    },
    [
        (
            {"title": "Doctrine et offres"},
            [
                (
                    "lesson",
                    "La doctrine cloud au centre",
                    40,
                    [
                        p(
                            "La circulaire de 2021 fait du cloud l’hébergement par défaut des nouveaux "
                            "services numériques de l’État. Les données sensibles doivent être hébergées sur "
                            "un cloud interne ou sur une offre qualifiée SecNumCloud."
                        ),
                        callout(
                            "SecNumCloud",
                            "Cette qualification de l’ANSSI garantit un haut niveau de "
                            "sécurité et la protection contre les lois extraterritoriales.",
                        ),
                    ],
                ),
            ],
            [],
        ),
        (
            {
                "title": "Atelier d’architecture",
                "format": Format.IN_PERSON,
                "session_duration_minutes": 420,
                "summary": "Une journée pour concevoir l’architecture d’un service réel.",
            },
            [],
            [(28, "09:00", 420, "Paris — Ségur, salle Condorcet", "", 16)],
        ),
    ],
)

TRANSFORMATION = (
    {
        "slug": "conduire-la-transformation-numerique",
        "title": "Conduire la transformation numérique de son administration",
        "theme": "transformation-numerique",
        "level": Level.ADVANCED,
        "format": Format.VIRTUAL_CLASS,
        "summary": "Pour les cadres dirigeants : stratégie numérique, achats, conduite du changement "
        "et pilotage par la valeur.",
        "objectives": [
            "Construire une feuille de route numérique",
            "Acheter du numérique efficacement",
            "Accompagner les équipes dans le changement",
        ],
        "audience": "Cadres dirigeants et encadrants supérieurs.",
        "skills": ["stratégie", "conduite du changement", "achats"],
    },
    [
        (
            {"title": "Stratégie et pilotage"},
            [
                (
                    "lesson",
                    "Une feuille de route centrée sur les usagers",
                    30,
                    [
                        p(
                            "Une feuille de route numérique utile part des démarches les plus utilisées et des "
                            "irritants les plus forts, fixe peu d’objectifs mesurables et rend compte "
                            "publiquement des progrès."
                        ),
                        takeaways("Peu d’objectifs, mesurables, publics."),
                    ],
                ),
            ],
            [],
        ),
        (
            {
                "title": "Séminaire des dirigeants",
                "format": Format.VIRTUAL_CLASS,
                "session_duration_minutes": 180,
            },
            [],
            [(14, "14:00", 180, "", VISIO, 30)],
        ),
    ],
)

DATA_LITERACY = (
    {
        "slug": "data-literacy-for-public-managers",
        "title": "Data literacy for public managers",
        "theme": "data",
        "level": Level.DISCOVERY,
        "format": Format.E_LEARNING,
        "language": Language.ENGLISH,
        "summary": "Read, question and use data to steer public policies: an English-language track "
        "for managers working with European partners.",
        "objectives": [
            "Read a chart critically",
            "Ask the right questions of a dataset",
            "Share data openly",
        ],
        "audience": "Managers and project leads working in English.",
        "skills": ["data", "open data"],
    },
    [
        (
            {"title": "Reading data"},
            [
                (
                    "lesson",
                    "Questioning a dataset",
                    25,
                    [
                        p(
                            "Before drawing a conclusion, ask who produced the data, how it was collected, "
                            "what is missing and when it was last updated."
                        ),
                        resource(
                            "data.gouv.fr",
                            "https://www.data.gouv.fr/",
                            "The French open data platform.",
                        ),
                    ],
                ),
            ],
            [],
        ),
    ],
)
