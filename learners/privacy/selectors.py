"""What the campus holds about one agent ("Mes données", RGPD right of access and portability).

`personal_data_for(user)` returns a dict of sections, each a list of flat rows (JSON-ready
values), in one query per section whatever the amount of data. The JSON download is this dict;
the CSV download is a zip with one CSV per section.
"""

from learners.accounts.models import User
from learners.certification.models import Certificate
from learners.common.models import SentNotification
from learners.learning.models import ActivityCompletion, Enrolment, PackageAttempt, QuizAttempt
from learners.privacy.models import ErasureRequest
from learners.sessions.models import SessionRegistration
from learners.team.models import Assignment

# section name (file name of its CSV) -> (queryset of the user, {column: lookup})
SECTIONS = {
    "profil": (
        lambda user: User.objects.filter(pk=user.pk),
        {
            "email": "email",
            "prenom": "first_name",
            "nom": "last_name",
            "unite": "org_unit__name",
            "organisation": "organization_label",
            "siret": "siret",
            "identifiant_proconnect": "proconnect_uid",
            "inscrit_le": "date_joined",
            "derniere_connexion": "last_login",
        },
    ),
    "inscriptions": (
        lambda user: Enrolment.objects.filter(user=user).order_by("enrolled_at", "pk"),
        {
            "parcours": "path__title",
            "statut": "status",
            "origine": "origin",
            "progression_pourcent": "progress_percent",
            "minutes_suivies": "completed_minutes",
            "inscrit_le": "enrolled_at",
            "commence_le": "started_at",
            "termine_le": "completed_at",
            "abandonne_le": "abandoned_at",
            "derniere_activite_le": "last_activity_at",
        },
    ),
    "activites_terminees": (
        lambda user: ActivityCompletion.objects.filter(user=user).order_by("completed_at", "pk"),
        {
            "activite": "activity__title",
            "parcours": "path__title",
            "duree_minutes": "duration_minutes",
            "terminee_le": "completed_at",
        },
    ),
    "tentatives_quiz": (
        lambda user: QuizAttempt.objects.filter(user=user).order_by("submitted_at", "pk"),
        {
            "quiz": "quiz__title",
            "score_pourcent": "score",
            "bonnes_reponses": "correct_count",
            "questions": "question_count",
            "reussi": "passed",
            "commence_le": "started_at",
            "envoye_le": "submitted_at",
            "duree_secondes": "duration_seconds",
            "reponses": "answers",
        },
    ),
    "suivis_modules_scorm_h5p": (
        lambda user: PackageAttempt.objects.filter(user=user).order_by("created_at", "pk"),
        {
            "activite": "activity__title",
            "parcours": "path__title",
            "partie": "sco",
            "achevement": "completion_status",
            "reussite": "success_status",
            "score_normalise": "score_scaled",
            "commence_le": "created_at",
            "mis_a_jour_le": "updated_at",
            "donnees_du_module": "cmi",
        },
    ),
    "inscriptions_sessions": (
        lambda user: SessionRegistration.objects.filter(user=user).order_by("created_at", "pk"),
        {
            "module": "session__course__title",
            "debut": "session__start",
            "lieu": "session__location",
            "statut": "status",
            "inscrit_le": "registered_at",
            "annulee_le": "cancelled_at",
            "present": "attended",
        },
    ),
    "certificats": (
        lambda user: Certificate.objects.filter(user=user).order_by("issued_at", "pk"),
        {
            "code": "code",
            "titulaire": "holder_name",
            "parcours": "path_title",
            "delivre_le": "issued_at",
            "expire_le": "expires_at",
            "revoque_le": "revoked_at",
            "motif_revocation": "revocation_reason",
        },
    ),
    "assignations": (
        lambda user: Assignment.objects.filter(user=user).order_by("assigned_at", "pk"),
        {
            "campagne": "campaign__title",
            "parcours": "campaign__path__title",
            "assignee_le": "assigned_at",
            "echeance": "due_date",
        },
    ),
    "notifications": (
        lambda user: SentNotification.objects.filter(user=user).order_by("sent_at", "pk"),
        {"type": "kind", "envoyee_le": "sent_at"},
    ),
    "demandes_effacement": (
        lambda user: ErasureRequest.objects.filter(user=user).order_by("requested_at", "pk"),
        {"statut": "status", "demandee_le": "requested_at", "confirmee_le": "confirmed_at"},
    ),
}


def personal_data_for(user) -> dict[str, list[dict]]:
    """Every section of the agent's data: {section: [row, ...]} (one query per section)."""
    data = {}
    for name, (queryset_of, columns) in SECTIONS.items():
        rows = queryset_of(user).values_list(*columns.values())
        data[name] = [dict(zip(columns, row, strict=True)) for row in rows]
    return data
