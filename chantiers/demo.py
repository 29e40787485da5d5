"""The five demo chantiers, each steered by the committee that governance.demo creates."""

from django.db import transaction

from chantiers.models import Chantier, ChantierStatus
from governance.demo import CHANTIER_FORMED, upsert
from governance.models import Body

CHANTIERS = (
    {
        "slug": "communication",
        "name": "Communication",
        "committee": "chantier-communication",
        "mandate": (
            "Faire connaître la démarche du DSI Charlevoix et les ressources du territoire, et "
            "rejoindre les personnes que les canaux habituels ne rejoignent pas. Le chantier "
            "produit un bottin des ressources communautaires, anime les pages de l'alliance, "
            "soutient les partenaires dans leurs communications grand public et prépare les "
            "outils de présentation des assemblées. Il veille à un langage simple et accessible."
        ),
    },
    {
        "slug": "transport",
        "name": "Transport",
        "committee": "chantier-transport",
        "mandate": (
            "Améliorer la mobilité des personnes sans voiture entre les municipalités des deux "
            "MRC et vers les services régionaux. Le chantier documente les besoins (aîné·e·s, "
            "étudiant·e·s, travailleur·euse·s, rendez-vous médicaux), arrime les horaires du "
            "transport collectif, du transport adapté et de l'accompagnement bénévole, et "
            "propose aux MRC une politique de transport collectif régionale."
        ),
    },
    {
        "slug": "securite-alimentaire",
        "name": "Sécurité alimentaire",
        "committee": "chantier-securite-alimentaire",
        "mandate": (
            "Assurer à toute la population de Charlevoix un accès digne, régulier et de "
            "proximité à une alimentation saine et abordable. Le chantier coordonne les "
            "comptoirs et l'approvisionnement de la banque alimentaire, développe les cuisines "
            "et jardins collectifs, favorise la récupération des invendus auprès des "
            "producteur·rice·s et commerces locaux et suit un portrait annuel de l'insécurité "
            "alimentaire sur le territoire."
        ),
    },
    {
        "slug": "jeunesse",
        "name": "Jeunesse",
        "committee": "chantier-jeunesse",
        "mandate": (
            "Soutenir la persévérance scolaire, la participation citoyenne et l'enracinement des "
            "jeunes de 12 à 35 ans dans Charlevoix. Le chantier réunit les milieux scolaire, "
            "communautaire et de l'emploi autour d'un plan d'action commun : transitions entre "
            "les ordres d'enseignement, lieux de rencontre pour les jeunes dans chaque MRC, "
            "accueil des jeunes qui s'installent dans la région et emplois d'été de qualité."
        ),
    },
    {
        "slug": "politiques-familiales",
        "name": "Politiques familiales",
        "committee": "chantier-politiques-familiales",
        "mandate": (
            "Accompagner les municipalités et les MRC dans l'élaboration, la mise à jour et la "
            "mise en œuvre de leurs politiques familiales et des aîné·e·s. Le chantier organise "
            "les consultations citoyennes, partage les bonnes pratiques entre municipalités, "
            "fait le lien avec les organismes famille et le réseau de la santé, et suit les "
            "plans d'action adoptés par les conseils municipaux."
        ),
    },
)


def load_chantiers(created=None):
    """Create or update the five chantiers; returns how many were created.

    Needs the committees from governance.demo.load_territory(). `created`, a Counter, is
    incremented as well when given.
    """
    before = Chantier.objects.count()
    with transaction.atomic():
        for row in CHANTIERS:
            upsert(
                Chantier,
                {"slug": row["slug"]},
                {
                    "name": row["name"],
                    "mandate": row["mandate"],
                    "status": ChantierStatus.ACTIVE,
                    "started": CHANTIER_FORMED[row["committee"]],
                    "committee": Body.objects.get(slug=row["committee"]),
                },
                created,
            )
    return Chantier.objects.count() - before
