"""The demo chantiers' data: chantiers, objectives, and the reports in each state."""

from chantiers.models import (
    ReportStatus,
    ResultKind,
)

CHANTIERS = (
    {
        "slug": "communication",
        "priorities": (
            "Rejoindre les personnes isolées\nFaire connaître les ressources du territoire"
        ),
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
        "priorities": "Mobilité des personnes sans voiture\nAccès aux services de santé régionaux",
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
        "priorities": "Accès digne à une alimentation saine\nRéduction du gaspillage alimentaire",
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
        "priorities": "Persévérance scolaire\nEnracinement des jeunes dans Charlevoix",
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
        "priorities": "Qualité de vie des familles et des aîné·e·s\nParticipation citoyenne",
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

# Objectives per chantier: (title, kind, indicator, target, target in days from today, weight,
# milestones). Progress starts at 0 and moves with the approved demo reports.
OBJECTIVES = {
    "communication": (
        (
            "Bottin des ressources communautaires en ligne",
            ResultKind.TOOL,
            "Organismes inscrits au bottin",
            "80 organismes",
            120,
            2,
            (
                "Gabarit de fiche adopté",
                "40 fiches rédigées",
                "80 fiches rédigées",
                "Mise en ligne",
            ),
        ),
        (
            "Trousse de présentation des assemblées",
            ResultKind.TOOL,
            "Trousse utilisée à l'assemblée",
            "2 assemblées par année",
            200,
            None,
            (),
        ),
        (
            "Campagne « Connais-tu ton voisin ? »",
            ResultKind.EVENT,
            "Personnes rejointes",
            "3 000 personnes",
            -30,
            None,
            (),
        ),
    ),
    "transport": (
        (
            "Politique de transport collectif régionale",
            ResultKind.POLICY,
            "Adoption par les deux MRC",
            "2 résolutions",
            365,
            3,
            (
                "Portrait des besoins",
                "Consultation des municipalités",
                "Projet de politique",
                "Adoption par les MRC",
            ),
        ),
        (
            "Horaires arrimés transport collectif et adapté",
            ResultKind.SERVICE,
            "Correspondances assurées",
            "12 correspondances",
            90,
            None,
            (),
        ),
        (
            "Étude sur les déplacements pour rendez-vous médicaux",
            ResultKind.STUDY,
            "Rapport déposé",
            "1 rapport",
            -45,
            None,
            (),
        ),
    ),
    "securite-alimentaire": (
        (
            "Comptoirs alimentaires de proximité",
            ResultKind.SERVICE,
            "Municipalités desservies",
            "13 municipalités",
            180,
            2,
            (),
        ),
        (
            "Récupération des invendus",
            ResultKind.SERVICE,
            "Kilos récupérés par année",
            "40 000 kg",
            270,
            None,
            ("Entente avec 3 épiceries", "Camion réfrigéré", "Entente avec 5 producteurs"),
        ),
        (
            "Portrait annuel de l'insécurité alimentaire",
            ResultKind.STUDY,
            "Portrait publié",
            "1 par année",
            60,
            None,
            (),
        ),
    ),
    "jeunesse": (
        (
            "Lieux de rencontre jeunesse dans chaque MRC",
            ResultKind.SERVICE,
            "Lieux ouverts",
            "2 lieux",
            300,
            2,
            (),
        ),
        (
            "Plan d'action persévérance scolaire",
            ResultKind.POLICY,
            "Plan adopté par les partenaires",
            "1 plan",
            -10,
            None,
            ("Diagnostic", "Ateliers avec les jeunes", "Plan adopté"),
        ),
        (
            "Forum jeunesse de Charlevoix",
            ResultKind.EVENT,
            "Jeunes participants",
            "150 jeunes",
            150,
            None,
            (),
        ),
    ),
    "politiques-familiales": (
        (
            "Politiques familiales municipales à jour",
            ResultKind.POLICY,
            "Municipalités avec une politique de moins de 5 ans",
            "10 municipalités",
            400,
            3,
            (),
        ),
        (
            "Consultations citoyennes familles et aîné·e·s",
            ResultKind.EVENT,
            "Consultations tenues",
            "6 consultations",
            100,
            None,
            ("Guide d'animation", "3 consultations", "6 consultations"),
        ),
        (
            "Communauté de pratique des élu·e·s responsables",
            ResultKind.OTHER,
            "Rencontres par année",
            "3 rencontres",
            220,
            None,
            (),
        ),
    ),
}

# The progress of each objective after each approved report (percent, or milestones done).
APPROVED_STEPS = ((25, 1, 15, 0), (50, 2, 35, 0))

# The reports still moving through the workflow, one in each state, on the last six months.
OPEN_STATES = (
    ReportStatus.DRAFT,
    ReportStatus.SUBMITTED,
    ReportStatus.RETURNED,
    ReportStatus.REVISED,
    ReportStatus.RESUBMITTED,
)

DECIDERS = ("comite@example.org", "genevieve.boucher@example.org")
