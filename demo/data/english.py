"""The English of the demo's content (bodies, chantiers, objectives), by slug or French title:
what an alliance writes in the English fields so that its partners reading in English see
more than the interface in English. A value left out here shows the French."""

CHANTIER_MANDATE_EN = (
    "Decision committee of the {theme} chantier. It brings together people with knowledge, "
    "skills or interests related to the changes sought, sets the chantier's priorities and "
    "action plan, follows the projects and keeps the comité conseil informed. It presents its "
    "progress at every partners' assembly."
)

BODIES_EN = {
    "assemblee-des-partenaires": {
        "name": "Partners' assembly",
        "summary": (
            "Brings all the partners together, decides the direction of the approach and elects "
            "the comité conseil."
        ),
        "mandate": (
            "The assembly meets twice a year and brings together all the partners, including "
            "many community organisations and citizens' associations that play a major part in "
            "bringing into development the people and social groups whose interests are often "
            "given less weight. Progress is presented chantier by chantier, some files are "
            "looked at more closely and next steps are discussed. The assembly decides the "
            "direction of the approach, elects the members of the comité conseil and keeps the "
            "partners talking to each other."
        ),
        "meeting_frequency": "twice a year",
    },
    "comite-conseil": {
        # Its name stays French in English, as the alliance's texts use it (no `name` here).
        "alias": "Strategic committee",
        "summary": (
            "The operational body elected by the assembly, keeper of the overall coherence and "
            "strategic development of the approach."
        ),
        "mandate": (
            "The comité conseil is made of representatives elected by the assembly, balanced "
            "between community organisations and institutions, and between the two MRCs. It "
            "carries out the assembly's mandates and speaks for the alliance to elected "
            "officials, whom it advises. It opens access to funding, keeps the whole coherent "
            "and looks after the strategic development of the approach. It links the partners' "
            "assembly and the chantiers."
        ),
        "meeting_frequency": "2 to 4 times a year",
    },
    "chantier-communication": {
        "name": "Communication chantier",
        "summary": (
            "Builds tools to reach the population and make the alliance's services and work known."
        ),
        "mandate": CHANTIER_MANDATE_EN.format(theme="Communication"),
        "meeting_frequency": "6 times a year",
    },
    "chantier-transport": {
        "name": "Transport chantier",
        "summary": (
            "Improves access to public and paratransit transport between the municipalities of "
            "both MRCs."
        ),
        "mandate": CHANTIER_MANDATE_EN.format(theme="Transport"),
        "meeting_frequency": "once a month",
    },
    "chantier-securite-alimentaire": {
        "name": "Food security chantier",
        "summary": ("Gives everyone dignified access to healthy, local and affordable food."),
        "mandate": CHANTIER_MANDATE_EN.format(theme="Food security"),
        "meeting_frequency": "once a month",
    },
    "chantier-jeunesse": {
        "name": "Youth chantier",
        "summary": (
            "Supports young people's perseverance at school, their involvement and their roots "
            "in Charlevoix."
        ),
        "mandate": CHANTIER_MANDATE_EN.format(theme="Youth"),
        "meeting_frequency": "5 times a year",
    },
    "chantier-politiques-familiales": {
        "name": "Family policies chantier",
        "summary": (
            "Helps the municipalities draw up and carry out their family and seniors' policies."
        ),
        "mandate": CHANTIER_MANDATE_EN.format(theme="Family policies"),
        "meeting_frequency": "4 times a year",
    },
    "equipe-adoc": {
        "name": "ADOC team",
        "alias": "Territorial development and community organisation officers",
        "summary": (
            "Supports the approach: leads, documents, prepares the meetings and links the bodies "
            "with each other and with municipal elected officials."
        ),
        "mandate": (
            "The team of territorial development and community organisation officers (ADOC) of "
            "the public health and social services network coordinates the concerted processes "
            "and liaises with municipal elected officials. It « leads, documents, researches, "
            "synthesises, shares information, convenes, consults, prepares the meetings and "
            "keeps the parts together ». The direction remains the one decided by the partners' "
            "assembly."
        ),
        "meeting_frequency": "every week",
    },
}

CHANTIERS_EN = {
    "communication": {
        "name": "Communication",
        "priorities": "Reaching isolated people\nMaking the territory's resources known",
    },
    "transport": {
        "name": "Transport",
        "priorities": "Mobility for people without a car\nAccess to regional health services",
    },
    "securite-alimentaire": {
        "name": "Food security",
        "priorities": "Dignified access to healthy food\nLess food waste",
    },
    "jeunesse": {
        "name": "Youth",
        "priorities": "Perseverance at school\nYoung people putting down roots in Charlevoix",
    },
    "politiques-familiales": {
        "name": "Family policies",
        "priorities": "Quality of life of families and seniors\nCitizen participation",
    },
}

OBJECTIVES_EN = {
    "Bottin des ressources communautaires en ligne": "Online directory of community resources",
    "Lieux de rencontre jeunesse dans chaque MRC": "Youth meeting places in each MRC",
    "Politiques familiales municipales à jour": "Up-to-date municipal family policies",
    "Comptoirs alimentaires de proximité": "Local food counters",
    "Politique de transport collectif régionale": "Regional public transport policy",
    "Trousse de présentation des assemblées": "Presentation kit for the assemblies",
    "Plan d'action persévérance scolaire": "Action plan for perseverance at school",
    "Consultations citoyennes familles et aîné·e·s": (
        "Citizen consultations on families and seniors"
    ),
    "Récupération des invendus": "Recovering unsold food",
    "Horaires arrimés transport collectif et adapté": "Matched public and paratransit timetables",
    "Campagne « Connais-tu ton voisin ? »": "« Do you know your neighbour? » campaign",
    "Forum jeunesse de Charlevoix": "Charlevoix youth forum",
    "Communauté de pratique des élu·e·s responsables": (
        "Community of practice of elected officials in charge"
    ),
    "Portrait annuel de l'insécurité alimentaire": "Annual portrait of food insecurity",
    "Étude sur les déplacements pour rendez-vous médicaux": (
        "Study of travel to medical appointments"
    ),
}


def english(values):
    """`{field: English}` as the `_en` columns of the model (django-modeltranslation)."""
    return {f"{field}_en": value for field, value in values.items()}
