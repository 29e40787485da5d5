"""The demo territory's data: organisations, people, bodies, seats and logins (in French,
like the portal's content)."""

from datetime import date

from governance.models import (
    BodyKind,
    BodyLinkKind,
    RepresentationKind,
    SeatRole,
)

DEMO_PASSWORD = "demo-charlevoix"

# Demo logins: (email, what the account can show). All share DEMO_PASSWORD.
DEMO_ACCOUNTS = (
    ("admin@example.org", "Administration du portail (superutilisateur)"),
    ("adoc@example.org", "Agent·e de l'équipe ADOC (soutien du comité conseil et d'un chantier)"),
    ("comite@example.org", "Membre du comité conseil"),
    ("chantier@example.org", "Membre du chantier Sécurité alimentaire (hors comité conseil)"),
    ("delegue@example.org", "Délégué·e d'un organisme à l'assemblée, sans siège"),
    ("partenaire@example.org", "Partenaire : rattaché·e à un organisme, sans autre rôle"),
)

SUPERUSER_EMAIL = "admin@example.org"

DELEGATE = RepresentationKind.DELEGATE

SUBSTITUTE = RepresentationKind.SUBSTITUTE

ORGANISATIONS = (
    # Municipal
    {
        "slug": "mrc-charlevoix",
        "name": "MRC de Charlevoix",
        "acronym": "",
        "sector": "municipal",
        "college": "institutional",
        "mrc": "charlevoix",
        "address": "4, place de l'Église, bureau 201\nBaie-Saint-Paul (Québec) G3Z 1T2",
        "website": "https://mrc-charlevoix.example.org",
        "description": (
            "Municipalité régionale de comté regroupant les six municipalités de l'ouest de "
            "Charlevoix. Elle porte l'aménagement du territoire et le développement local."
        ),
        "joined": date(2015, 10, 1),
    },
    {
        "slug": "mrc-charlevoix-est",
        "name": "MRC de Charlevoix-Est",
        "acronym": "",
        "sector": "municipal",
        "college": "institutional",
        "mrc": "charlevoix-est",
        "address": "172, boulevard Notre-Dame\nClermont (Québec) G4A 1G1",
        "website": "https://mrc-charlevoix-est.example.org",
        "description": (
            "Municipalité régionale de comté regroupant les six municipalités de l'est de "
            "Charlevoix, de Saint-Aimé-des-Lacs à Baie-Sainte-Catherine."
        ),
        "joined": date(2015, 10, 1),
    },
    {
        "slug": "ville-baie-saint-paul",
        "name": "Ville de Baie-Saint-Paul",
        "acronym": "",
        "sector": "municipal",
        "college": "institutional",
        "mrc": "charlevoix",
        "address": "15, rue Forget\nBaie-Saint-Paul (Québec) G3Z 1T3",
        "website": "https://baie-saint-paul.example.org",
        "description": (
            "Ville-centre de la MRC de Charlevoix. Elle s'est dotée d'une politique familiale "
            "et des aînés et soutient la vie communautaire de ses quartiers."
        ),
        "joined": date(2016, 3, 15),
    },
    {
        "slug": "ville-la-malbaie",
        "name": "Ville de La Malbaie",
        "acronym": "",
        "sector": "municipal",
        "college": "institutional",
        "mrc": "charlevoix-est",
        "address": "515, rue Saint-Étienne\nLa Malbaie (Québec) G5A 1H4",
        "website": "https://la-malbaie.example.org",
        "description": (
            "Ville-centre de Charlevoix-Est, partenaire de l'alliance depuis ses débuts "
            "pour les dossiers d'habitation, de transport et de vie de quartier."
        ),
        "joined": date(2016, 3, 15),
    },
    {
        "slug": "saint-simeon",
        "name": "Municipalité de Saint-Siméon",
        "acronym": "",
        "sector": "municipal",
        "college": "institutional",
        "mrc": "charlevoix-est",
        "address": "502, rue Saint-Laurent\nSaint-Siméon (Québec) G0T 1X0",
        "website": "https://saint-simeon.example.org",
        "description": (
            "Municipalité riveraine de Charlevoix-Est, engagée dans la démarche Municipalité "
            "amie des aînés et dans la révision de sa politique familiale."
        ),
        "joined": date(2018, 5, 1),
    },
    {
        "slug": "isle-aux-coudres",
        "name": "Municipalité de L'Isle-aux-Coudres",
        "acronym": "",
        "sector": "municipal",
        "college": "institutional",
        "mrc": "charlevoix",
        "address": "1026, chemin des Coudriers\nL'Isle-aux-Coudres (Québec) G0A 3J0",
        "website": "https://isle-aux-coudres.example.org",
        "description": (
            "Municipalité insulaire reliée au continent par traversier; l'accès aux services "
            "et au transport y est un enjeu constant."
        ),
        "joined": date(2019, 11, 20),
    },
    # Health and social services network
    {
        "slug": "ciusss-charlevoix",
        "name": "CIUSSS de la Capitale-Nationale – secteur Charlevoix",
        "acronym": "CIUSSS-CN",
        "sector": "health",
        "college": "institutional",
        "mrc": "both",
        "address": "74, rue Ambroise-Fafard\nBaie-Saint-Paul (Québec) G3Z 2J6",
        "website": "https://ciusss-charlevoix.example.org",
        "description": (
            "Réseau public de santé et de services sociaux. Son équipe d'agent·e·s de "
            "développement territorial et d'organisation communautaire (ADOC) soutient la "
            "démarche du DSI Charlevoix."
        ),
        "joined": date(2015, 10, 1),
    },
    {
        "slug": "gmf-charlevoix-est",
        "name": "Groupe de médecine de famille de Charlevoix-Est",
        "acronym": "GMF",
        "sector": "health",
        "college": "institutional",
        "mrc": "charlevoix-est",
        "address": "250, rue Saint-Étienne\nLa Malbaie (Québec) G5A 1T3",
        "website": "https://gmf-charlevoix-est.example.org",
        "description": (
            "Clinique de première ligne où médecins, infirmières et professionnel·le·s "
            "psychosociaux suivent les familles de Charlevoix-Est."
        ),
        "joined": date(2021, 4, 12),
    },
    # Education
    {
        "slug": "css-charlevoix",
        "name": "Centre de services scolaire de Charlevoix",
        "acronym": "CSSC",
        "sector": "education",
        "college": "institutional",
        "mrc": "both",
        "address": "200, rue Saint-Aubin\nBaie-Saint-Paul (Québec) G3Z 2R2",
        "website": "https://css-charlevoix.example.org",
        "description": (
            "Responsable des écoles primaires et secondaires, de la formation professionnelle "
            "et de l'éducation des adultes sur l'ensemble du territoire."
        ),
        "joined": date(2015, 10, 1),
    },
    {
        "slug": "cec-charlevoix",
        "name": "Centre d'études collégiales en Charlevoix",
        "acronym": "CECC",
        "sector": "education",
        "college": "institutional",
        "mrc": "charlevoix-est",
        "address": "855, rue Richelieu\nLa Malbaie (Québec) G5A 2X9",
        "website": "https://cec-charlevoix.example.org",
        "description": (
            "Offre des programmes préuniversitaires et techniques en région et accompagne "
            "l'installation des étudiant·e·s venu·e·s de l'extérieur."
        ),
        "joined": date(2017, 9, 1),
    },
    # Economic
    {
        "slug": "chambre-commerce-charlevoix",
        "name": "Chambre de commerce de Charlevoix",
        "acronym": "CCC",
        "sector": "economic",
        "college": "institutional",
        "mrc": "both",
        "address": "11, rue Saint-Jean-Baptiste\nBaie-Saint-Paul (Québec) G3Z 1L8",
        "website": "https://cc-charlevoix.example.org",
        "description": (
            "Regroupe les entreprises et travailleur·euse·s autonomes des deux MRC et porte "
            "leurs préoccupations, notamment la main-d'œuvre et le logement."
        ),
        "joined": date(2018, 2, 1),
    },
    {
        "slug": "sde-charlevoix-est",
        "name": "Société de développement économique de Charlevoix-Est",
        "acronym": "SDECE",
        "sector": "economic",
        "college": "institutional",
        "mrc": "charlevoix-est",
        "address": "30, rue Nairne\nLa Malbaie (Québec) G5A 1L9",
        "website": "https://sde-charlevoix-est.example.org",
        "description": (
            "Accompagne les entreprises et les projets d'économie sociale de Charlevoix-Est, "
            "du démarrage au financement."
        ),
        "joined": date(2017, 1, 20),
    },
    {
        "slug": "table-agroalimentaire",
        "name": "Table agroalimentaire de Charlevoix",
        "acronym": "TAC",
        "sector": "economic",
        "college": "institutional",
        "mrc": "both",
        "address": "3, rue Saint-Édouard\nSaint-Urbain (Québec) G0A 4K0",
        "website": "https://agro-charlevoix.example.org",
        "description": (
            "Concertation des producteur·rice·s, transformateur·rice·s et restaurateur·rice·s "
            "pour une agriculture et une alimentation de proximité."
        ),
        "joined": date(2020, 6, 1),
    },
    {
        "slug": "tourisme-baie-sainte-catherine",
        "name": "Corporation touristique de Baie-Sainte-Catherine",
        "acronym": "",
        "sector": "economic",
        "college": "institutional",
        "mrc": "charlevoix-est",
        "address": "308, route 138\nBaie-Sainte-Catherine (Québec) G0T 1A0",
        "website": "https://tourisme-baie-sainte-catherine.example.org",
        "description": (
            "Animait l'accueil touristique à l'embouchure du Saguenay. A quitté l'alliance en "
            "2023 à la suite de sa fusion avec un organisme régional."
        ),
        "joined": date(2016, 5, 10),
        "is_active": False,
    },
    # Other
    {
        "slug": "transport-collectif-charlevoix",
        "name": "Corporation de transport collectif de Charlevoix",
        "acronym": "TCC",
        "sector": "other",
        "college": "institutional",
        "mrc": "both",
        "address": "2, rue Maisonneuve\nClermont (Québec) G4A 1K7",
        "website": "https://transport-charlevoix.example.org",
        "description": (
            "Exploite le transport collectif et adapté des deux MRC : circuits réguliers, "
            "taxibus et transport sur demande."
        ),
        "joined": date(2016, 9, 1),
    },
    {
        "slug": "omh-charlevoix",
        "name": "Office municipal d'habitation de Charlevoix",
        "acronym": "OMH",
        "sector": "other",
        "college": "institutional",
        "mrc": "both",
        "address": "1066, rue Principale\nPetite-Rivière-Saint-François (Québec) G0A 2L0",
        "website": "https://omh-charlevoix.example.org",
        "description": (
            "Gère les logements sociaux et abordables du territoire et le programme de "
            "supplément au loyer."
        ),
        "joined": date(2018, 11, 20),
    },
    # Community organisations
    {
        "slug": "cdc-charlevoix",
        "name": "Corporation de développement communautaire de Charlevoix",
        "acronym": "CDC",
        "sector": "community",
        "college": "community",
        "mrc": "both",
        "address": "367, rue Saint-Étienne\nLa Malbaie (Québec) G5A 1M9",
        "website": "https://cdc-charlevoix.example.org",
        "description": (
            "Regroupement multisectoriel des organismes communautaires de Charlevoix; elle "
            "représente le milieu communautaire et soutient la concertation."
        ),
        "joined": date(2015, 10, 1),
    },
    {
        "slug": "cab-charlevoix",
        "name": "Centre d'action bénévole de Charlevoix",
        "acronym": "CAB",
        "sector": "community",
        "college": "community",
        "mrc": "charlevoix",
        "address": "21, rue Boivin\nBaie-Saint-Paul (Québec) G3Z 1S6",
        "website": "https://cab-charlevoix.example.org",
        "description": (
            "Popote roulante, accompagnement-transport bénévole et soutien aux proches "
            "aidant·e·s dans l'ouest de Charlevoix."
        ),
        "joined": date(2015, 10, 1),
    },
    {
        "slug": "moisson-charlevoix",
        "name": "Moisson Charlevoix",
        "acronym": "",
        "sector": "community",
        "college": "community",
        "mrc": "both",
        "address": "45, rue Lapointe\nClermont (Québec) G4A 1B4",
        "website": "https://moisson-charlevoix.example.org",
        "description": (
            "Banque alimentaire régionale : récupère les surplus et approvisionne une "
            "quinzaine de comptoirs et d'organismes des deux MRC."
        ),
        "joined": date(2017, 3, 1),
    },
    {
        "slug": "cuisines-collectives-charlevoix-est",
        "name": "Cuisines collectives de Charlevoix-Est",
        "acronym": "",
        "sector": "community",
        "college": "community",
        "mrc": "charlevoix-est",
        "address": "120, rue John-Nairne\nLa Malbaie (Québec) G5A 1X3",
        "website": "https://cuisines-charlevoix-est.example.org",
        "description": (
            "Des groupes cuisinent ensemble des repas économiques et nutritifs; ateliers "
            "pour les familles et les aîné·e·s."
        ),
        "joined": date(2019, 2, 15),
    },
    {
        "slug": "maison-famille-charlevoix-est",
        "name": "Maison de la famille de Charlevoix-Est",
        "acronym": "MFCE",
        "sector": "community",
        "college": "community",
        "mrc": "charlevoix-est",
        "address": "60, rue Sainte-Catherine\nLa Malbaie (Québec) G5A 1P5",
        "website": "https://mf-charlevoix-est.example.org",
        "description": (
            "Lieu d'accueil et de soutien aux parents : halte-garderie, ateliers parents-"
            "enfants et accompagnement en périnatalité."
        ),
        "joined": date(2015, 10, 1),
    },
    {
        "slug": "maison-famille-baie-saint-paul",
        "name": "Maison de la famille de Baie-Saint-Paul",
        "acronym": "",
        "sector": "community",
        "college": "community",
        "mrc": "charlevoix",
        "address": "12, rue Leclerc\nBaie-Saint-Paul (Québec) G3Z 2K4",
        "website": "https://mf-baie-saint-paul.example.org",
        "description": (
            "Milieu de vie pour les familles de l'ouest de Charlevoix, avec un volet "
            "itinérant vers Saint-Hilarion et Les Éboulements."
        ),
        "joined": date(2016, 1, 20),
    },
    {
        "slug": "cje-charlevoix",
        "name": "Carrefour jeunesse-emploi de Charlevoix",
        "acronym": "CJE",
        "sector": "community",
        "college": "community",
        "mrc": "both",
        "address": "88, rue Saint-Jean-Baptiste\nBaie-Saint-Paul (Québec) G3Z 1M4",
        "website": "https://cje-charlevoix.example.org",
        "description": (
            "Accompagne les 16-35 ans dans leurs projets d'emploi, d'études et d'engagement, "
            "avec un point de service à La Malbaie."
        ),
        "joined": date(2015, 10, 1),
    },
    {
        "slug": "mdj-baie-saint-paul",
        "name": "Maison des jeunes de Baie-Saint-Paul",
        "acronym": "MDJ",
        "sector": "community",
        "college": "community",
        "mrc": "charlevoix",
        "address": "33, rue Sainte-Anne\nBaie-Saint-Paul (Québec) G3Z 1N9",
        "website": "https://mdj-baie-saint-paul.example.org",
        "description": "Milieu de vie pour les 12-17 ans : activités, écoute et projets de jeunes.",
        "joined": date(2018, 9, 1),
    },
    {
        "slug": "mdj-la-maree",
        "name": "Maison des jeunes La Marée",
        "acronym": "",
        "sector": "community",
        "college": "community",
        "mrc": "charlevoix-est",
        "address": "140, rue Comporté\nLa Malbaie (Québec) G5A 1N2",
        "website": "https://mdj-la-maree.example.org",
        "description": (
            "Maison des jeunes de La Malbaie et de Clermont; travail de rue l'été dans les "
            "municipalités de l'est."
        ),
        "joined": date(2018, 9, 1),
    },
    {
        "slug": "centre-femmes-charlevoix",
        "name": "Centre de femmes de Charlevoix",
        "acronym": "",
        "sector": "community",
        "college": "community",
        "mrc": "charlevoix-est",
        "address": "17, rue Maisonneuve\nClermont (Québec) G4A 1K5",
        "website": "https://centre-femmes-charlevoix.example.org",
        "description": (
            "Lieu d'appartenance et d'action collective pour les femmes de la région : "
            "écoute, ateliers et défense des droits."
        ),
        "joined": date(2019, 11, 20),
    },
    # Citizen associations
    {
        "slug": "citoyens-saint-urbain",
        "name": "Association des citoyens de Saint-Urbain",
        "acronym": "",
        "sector": "citizen",
        "college": "community",
        "mrc": "charlevoix",
        "address": "960, rue Saint-Édouard\nSaint-Urbain (Québec) G0A 4K0",
        "website": "https://citoyens-saint-urbain.example.org",
        "description": (
            "Association de résident·e·s qui anime la vie du village et porte la voix des "
            "citoyen·ne·s auprès de la municipalité."
        ),
        "joined": date(2020, 5, 1),
    },
    {
        "slug": "aines-saint-hilarion",
        "name": "Association des aînés de Saint-Hilarion",
        "acronym": "",
        "sector": "citizen",
        "college": "community",
        "mrc": "charlevoix",
        "address": "306, route 138\nSaint-Hilarion (Québec) G0A 3V0",
        "website": "https://aines-saint-hilarion.example.org",
        "description": "Activités, entraide et représentation des aîné·e·s de Saint-Hilarion.",
        "joined": date(2021, 11, 20),
    },
    {
        "slug": "jardins-collectifs-eboulements",
        "name": "Jardins collectifs des Éboulements",
        "acronym": "",
        "sector": "citizen",
        "college": "community",
        "mrc": "charlevoix",
        "address": "2335, route du Fleuve\nLes Éboulements (Québec) G0A 2M0",
        "website": "https://jardins-eboulements.example.org",
        "description": (
            "Citoyen·ne·s qui cultivent ensemble trois jardins et partagent les récoltes "
            "avec les comptoirs alimentaires."
        ),
        "joined": date(2022, 4, 1),
    },
    {
        "slug": "citoyens-saint-aime-des-lacs",
        "name": "Comité des citoyens de Saint-Aimé-des-Lacs",
        "acronym": "",
        "sector": "citizen",
        "college": "community",
        "mrc": "charlevoix-est",
        "address": "119, rue Principale\nSaint-Aimé-des-Lacs (Québec) G0T 1S0",
        "website": "https://saint-aime-des-lacs.example.org",
        "description": (
            "Comité citoyen qui défend l'accès aux services de proximité et au transport "
            "dans l'arrière-pays."
        ),
        "joined": date(2021, 5, 1),
    },
    {
        "slug": "developpement-notre-dame-des-monts",
        "name": "Comité de développement de Notre-Dame-des-Monts",
        "acronym": "",
        "sector": "citizen",
        "college": "community",
        "mrc": "charlevoix-est",
        "address": "15, rue Principale\nNotre-Dame-des-Monts (Québec) G0T 1L0",
        "website": "https://ndd-monts.example.org",
        "description": (
            "Citoyen·ne·s bénévoles qui portent des projets pour garder les familles au "
            "village : halte-garderie, fête d'hiver, jardin communautaire."
        ),
        "joined": date(2022, 11, 20),
    },
    {
        "slug": "clermont-en-transition",
        "name": "Collectif citoyen Clermont en transition",
        "acronym": "",
        "sector": "citizen",
        "college": "community",
        "mrc": "charlevoix-est",
        "address": "Clermont (Québec) G4A 1A1",
        "website": "https://clermont-transition.example.org",
        "description": (
            "Collectif qui a animé des ateliers de transition écologique; en dormance depuis "
            "2024, il a quitté l'alliance."
        ),
        "joined": date(2019, 5, 1),
        "is_active": False,
    },
)

PEOPLE = (
    ("claude.simard@example.org", "Claude", "Simard", "mrc-charlevoix", "Préfecture",
     "418-555-0101", DELEGATE),
    ("karine.lavoie@example.org", "Karine", "Lavoie", "mrc-charlevoix",
     "Développement social et communautaire", "418-555-0102", SUBSTITUTE),
    ("mathieu.bouchard@example.org", "Mathieu", "Bouchard", "mrc-charlevoix-est",
     "Direction générale", "418-555-0111", DELEGATE),
    ("sylvie.duchesne@example.org", "Sylvie", "Duchesne", "mrc-charlevoix-est",
     "Développement social", "418-555-0112", SUBSTITUTE),
    ("nathalie.girard@example.org", "Nathalie", "Girard", "ville-baie-saint-paul", "Mairie",
     "418-555-0121", DELEGATE),
    ("francis.dufour@example.org", "Francis", "Dufour", "ville-baie-saint-paul",
     "Loisirs et vie communautaire", "418-555-0122", SUBSTITUTE),
    ("rejean.harvey@example.org", "Réjean", "Harvey", "ville-la-malbaie", "Conseil municipal",
     "418-555-0131", None),
    ("marie-pier.savard@example.org", "Marie-Pier", "Savard", "ville-la-malbaie",
     "Conseil municipal", "418-555-0132", DELEGATE),
    ("david.boivin@example.org", "David", "Boivin", "ville-la-malbaie", "Communications",
     "418-555-0133", SUBSTITUTE),
    ("lise.gagne@example.org", "Lise", "Gagné", "saint-simeon", "Mairie", "418-555-0141",
     DELEGATE),
    ("olivier.perron@example.org", "Olivier", "Perron", "saint-simeon", "Direction générale",
     "418-555-0142", SUBSTITUTE),
    ("denis.desgagnes@example.org", "Denis", "Desgagnés", "isle-aux-coudres", "Mairie",
     "418-555-0151", DELEGATE),
    ("noemie.boudreault@example.org", "Noémie", "Boudreault", "isle-aux-coudres",
     "Direction générale", "418-555-0152", SUBSTITUTE),
    ("helene.bergeron@example.org", "Hélène", "Bergeron", "ciusss-charlevoix",
     "Coordination des services de proximité", "418-555-0161", DELEGATE),
    ("audrey.pelletier@example.org", "Audrey", "Pelletier", "ciusss-charlevoix",
     "Nutrition en santé publique", "418-555-0162", SUBSTITUTE),
    ("adoc@example.org", "Marie-Ève", "Gagnon", "ciusss-charlevoix",
     "Agent·e de développement territorial", "418-555-0163", None),
    ("jean-francois.maltais@example.org", "Jean-François", "Maltais", "ciusss-charlevoix",
     "Organisation communautaire", "418-555-0164", None),
    ("sophie.lajoie@example.org", "Sophie", "Lajoie", "ciusss-charlevoix",
     "Organisation communautaire", "418-555-0165", None),
    ("eric.gauthier@example.org", "Éric", "Gauthier", "gmf-charlevoix-est", "Direction médicale",
     "418-555-0171", DELEGATE),
    ("valerie.cote@example.org", "Valérie", "Côté", "gmf-charlevoix-est", "Travail social",
     "418-555-0172", SUBSTITUTE),
    ("stephane.morin@example.org", "Stéphane", "Morin", "css-charlevoix", "Direction générale",
     "418-555-0181", DELEGATE),
    ("catherine.fortin@example.org", "Catherine", "Fortin", "css-charlevoix",
     "Services éducatifs complémentaires", "418-555-0182", SUBSTITUTE),
    ("guillaume.lapointe@example.org", "Guillaume", "Lapointe", "cec-charlevoix", "Direction",
     "418-555-0191", DELEGATE),
    ("comite@example.org", "Isabelle", "Bilodeau", "cec-charlevoix", "Direction des études",
     "418-555-0192", None),
    ("martin.gilbert@example.org", "Martin", "Gilbert", "chambre-commerce-charlevoix",
     "Présidence", "418-555-0201", DELEGATE),
    ("josee.racine@example.org", "Josée", "Racine", "chambre-commerce-charlevoix",
     "Direction générale", "418-555-0202", SUBSTITUTE),
    ("alexandre.thibeault@example.org", "Alexandre", "Thibeault", "sde-charlevoix-est",
     "Direction générale", "418-555-0211", DELEGATE),
    ("caroline.neron@example.org", "Caroline", "Néron", "sde-charlevoix-est",
     "Accompagnement des entreprises", "418-555-0212", SUBSTITUTE),
    ("vincent.asselin@example.org", "Vincent", "Asselin", "table-agroalimentaire",
     "Direction générale", "418-555-0221", DELEGATE),
    ("marianne.boily@example.org", "Marianne", "Boily", "table-agroalimentaire",
     "Gestion de projets", "418-555-0222", SUBSTITUTE),
    ("luc.deschenes@example.org", "Luc", "Deschênes", "tourisme-baie-sainte-catherine",
     "Direction générale", "418-555-0231", None),
    ("benoit.villeneuve@example.org", "Benoît", "Villeneuve", "transport-collectif-charlevoix",
     "Direction générale", "418-555-0241", DELEGATE),
    ("chantal.guay@example.org", "Chantal", "Guay", "transport-collectif-charlevoix",
     "Service à la clientèle", "418-555-0242", SUBSTITUTE),
    ("yannick.audet@example.org", "Yannick", "Audet", "omh-charlevoix", "Direction générale",
     "418-555-0251", DELEGATE),
    ("manon.warren@example.org", "Manon", "Warren", "omh-charlevoix",
     "Soutien communautaire en logement", "418-555-0252", SUBSTITUTE),
    ("genevieve.boucher@example.org", "Geneviève", "Boucher", "cdc-charlevoix", "Coordination",
     "418-555-0261", DELEGATE),
    ("simon.caron@example.org", "Simon", "Caron", "cdc-charlevoix",
     "Liaison et communications", "418-555-0262", SUBSTITUTE),
    ("annie.cloutier@example.org", "Annie", "Cloutier", "cab-charlevoix", "Direction générale",
     "418-555-0271", DELEGATE),
    ("pierre-luc.fournier@example.org", "Pierre-Luc", "Fournier", "cab-charlevoix",
     "Coordination des bénévoles", "418-555-0272", SUBSTITUTE),
    ("melanie.ouellet@example.org", "Mélanie", "Ouellet", "moisson-charlevoix",
     "Direction générale", "418-555-0281", DELEGATE),
    ("kevin.poirier@example.org", "Kevin", "Poirier", "moisson-charlevoix",
     "Logistique et approvisionnement", "418-555-0282", SUBSTITUTE),
    ("claudine.dube@example.org", "Claudine", "Dubé", "cuisines-collectives-charlevoix-est",
     "Direction générale", "418-555-0291", DELEGATE),
    ("chantier@example.org", "Raphaël", "Beaulieu", "cuisines-collectives-charlevoix-est",
     "Coordination des groupes", "418-555-0292", None),
    ("julie.tremblay@example.org", "Julie", "Tremblay", "maison-famille-charlevoix-est",
     "Direction générale", "418-555-0301", DELEGATE),
    ("louise.gagnon@example.org", "Louise", "Gagnon", "maison-famille-charlevoix-est",
     "Présidence du conseil d'administration", "418-555-0302", SUBSTITUTE),
    ("emilie.lessard@example.org", "Émilie", "Lessard", "maison-famille-charlevoix-est",
     "Intervention familiale", "418-555-0303", None),
    ("sarah.lemieux@example.org", "Sarah", "Lemieux", "maison-famille-baie-saint-paul",
     "Coordination", "418-555-0311", DELEGATE),
    ("hugo.bouchard@example.org", "Hugo", "Bouchard", "maison-famille-baie-saint-paul",
     "Intervention familiale", "418-555-0312", SUBSTITUTE),
    ("maxime.pedneault@example.org", "Maxime", "Pedneault", "cje-charlevoix",
     "Direction générale", "418-555-0321", DELEGATE),
    ("andree-anne.belanger@example.org", "Andrée-Anne", "Bélanger", "cje-charlevoix",
     "Intervention jeunesse", "418-555-0322", SUBSTITUTE),
    ("samuel.tremblay@example.org", "Samuel", "Tremblay", "mdj-baie-saint-paul", "Coordination",
     "418-555-0331", DELEGATE),
    ("jacinthe.bolduc@example.org", "Jacinthe", "Bolduc", "mdj-baie-saint-paul",
     "Animation jeunesse", "418-555-0332", SUBSTITUTE),
    ("delegue@example.org", "Frédéric", "Desmeules", "mdj-la-maree", "Coordination",
     "418-555-0341", DELEGATE),
    ("veronique.lachance@example.org", "Véronique", "Lachance", "mdj-la-maree",
     "Travail de rue", "418-555-0342", SUBSTITUTE),
    ("mireille.boudreau@example.org", "Mireille", "Boudreau", "centre-femmes-charlevoix",
     "Coordination", "418-555-0351", DELEGATE),
    ("partenaire@example.org", "Élise", "Gravel", "centre-femmes-charlevoix", "Intervention",
     "418-555-0352", None),
    ("francois.tremblay@example.org", "François", "Tremblay", "citoyens-saint-urbain",
     "Présidence", "418-555-0361", DELEGATE),
    ("nancy.dallaire@example.org", "Nancy", "Dallaire", "citoyens-saint-urbain", "Secrétariat",
     "418-555-0362", SUBSTITUTE),
    ("lucie.bherer@example.org", "Lucie", "Bhérer", "aines-saint-hilarion", "Présidence",
     "418-555-0371", DELEGATE),
    ("gaston.pilote@example.org", "Gaston", "Pilote", "aines-saint-hilarion", "Vice-présidence",
     "418-555-0372", SUBSTITUTE),
    ("marie-josee.bradet@example.org", "Marie-Josée", "Bradet", "jardins-collectifs-eboulements",
     "Coordination bénévole", "418-555-0381", DELEGATE),
    ("jonathan.mercier@example.org", "Jonathan", "Mercier", "jardins-collectifs-eboulements",
     "Trésorerie", "418-555-0382", None),
    ("denise.brisson@example.org", "Denise", "Brisson", "citoyens-saint-aime-des-lacs",
     "Présidence", "418-555-0391", DELEGATE),
    ("gabriel.tremblay@example.org", "Gabriel", "Tremblay", "citoyens-saint-aime-des-lacs",
     "Secrétariat", "418-555-0392", SUBSTITUTE),
    ("louis.gaudreault@example.org", "Louis", "Gaudreault", "developpement-notre-dame-des-monts",
     "Présidence", "418-555-0401", DELEGATE),
    ("elodie.fortin@example.org", "Élodie", "Fortin", "developpement-notre-dame-des-monts",
     "Secrétariat", "418-555-0402", None),
    ("jean-marc.duchesne@example.org", "Jean-Marc", "Duchesne", "clermont-en-transition",
     "Porte-parole", "418-555-0411", None),
)  # fmt: skip

# People who have left their organisation: their affiliation ends on this day.
LEFT_ON = {
    "rejean.harvey@example.org": date(2025, 11, 19),
    "luc.deschenes@example.org": date(2023, 6, 30),
    "jean-marc.duchesne@example.org": date(2024, 3, 31),
}

# Earlier representatives, oldest first: (organisation, kind, person, from, until). The current
# one (named in PEOPLE) takes over the day after the last `until`.
FORMER_REPRESENTATIVES = (
    ("ville-la-malbaie", DELEGATE, "rejean.harvey@example.org", date(2016, 3, 15),
     date(2025, 11, 19)),
)  # fmt: skip

CHANTIER_MANDATE = (
    "Comité décisionnel du chantier {theme}. Il réunit des acteurs qui détiennent des "
    "connaissances, des compétences ou des intérêts liés aux transformations souhaitées, fixe "
    "les priorités et le plan d'action du chantier, suit l'avancement des projets et tient "
    "informé le comité conseil. Il présente ses avancées à chaque assemblée des partenaires."
)

BODIES = (
    {
        "slug": "assemblee-des-partenaires",
        "name": "Assemblée des partenaires",
        "kind": BodyKind.ASSEMBLY,
        "alias": "",
        "summary": (
            "Réunit l'ensemble des partenaires, décide des orientations de la démarche et élit "
            "le comité conseil."
        ),
        "mandate": (
            "Une assemblée se tient deux fois par année et regroupe l'ensemble des partenaires, "
            "dont plusieurs organisations communautaires et associations citoyennes qui jouent "
            "un rôle majeur en associant au développement les personnes et les groupes sociaux "
            "dont les intérêts sont souvent moins considérés. On y présente les avancées par "
            "chantier, on approfondit certains dossiers et on discute des prochaines étapes. "
            "Les orientations de la démarche sont décidées par l'assemblée, qui élit les membres "
            "du comité conseil et garde ouverts les canaux de communication entre partenaires."
        ),
        "meeting_frequency": "2 fois par année",
        "position": 10,
    },
    {
        "slug": "comite-conseil",
        "name": "Comité conseil",
        "kind": BodyKind.COUNCIL,
        "alias": "Comité stratégique",
        "summary": (
            "Instance opérationnelle élue par l'assemblée, gardienne de la cohérence d'ensemble "
            "et du développement stratégique de la démarche."
        ),
        "mandate": (
            "Le comité conseil est composé de représentant·e·s élu·e·s par l'assemblée, dans un "
            "équilibre entre organismes communautaires et institutions, et entre les deux MRC. "
            "Il réalise les mandats donnés par l'assemblée et agit comme porte-parole et "
            "conseiller auprès des élu·e·s. Il facilite l'accès à différents leviers financiers, "
            "il est gardien de la cohérence d'ensemble et veille au développement stratégique "
            "de la démarche. Il assure la liaison entre l'assemblée des partenaires et les "
            "chantiers."
        ),
        "meeting_frequency": "2 à 4 fois par année",
        "position": 20,
    },
    {
        "slug": "chantier-communication",
        "name": "Chantier Communication",
        "kind": BodyKind.CHANTIER,
        "alias": "",
        "summary": (
            "Développe des outils pour rejoindre la population et faire connaître les services "
            "et les travaux de l'alliance."
        ),
        "mandate": CHANTIER_MANDATE.format(theme="Communication"),
        "meeting_frequency": "6 fois par année",
        "position": 30,
    },
    {
        "slug": "chantier-transport",
        "name": "Chantier Transport",
        "kind": BodyKind.CHANTIER,
        "alias": "",
        "summary": (
            "Améliore l'accès au transport collectif et adapté entre les municipalités des "
            "deux MRC."
        ),
        "mandate": CHANTIER_MANDATE.format(theme="Transport"),
        "meeting_frequency": "Une fois par mois",
        "position": 31,
    },
    {
        "slug": "chantier-securite-alimentaire",
        "name": "Chantier Sécurité alimentaire",
        "kind": BodyKind.CHANTIER,
        "alias": "",
        "summary": (
            "Assure à toute la population un accès digne à une alimentation saine, locale et "
            "abordable."
        ),
        "mandate": CHANTIER_MANDATE.format(theme="Sécurité alimentaire"),
        "meeting_frequency": "Une fois par mois",
        "position": 32,
    },
    {
        "slug": "chantier-jeunesse",
        "name": "Chantier Jeunesse",
        "kind": BodyKind.CHANTIER,
        "alias": "",
        "summary": (
            "Soutient la persévérance scolaire, l'engagement et l'enracinement des jeunes "
            "dans Charlevoix."
        ),
        "mandate": CHANTIER_MANDATE.format(theme="Jeunesse"),
        "meeting_frequency": "5 fois par année",
        "position": 33,
    },
    {
        "slug": "chantier-politiques-familiales",
        "name": "Chantier Politiques familiales",
        "kind": BodyKind.CHANTIER,
        "alias": "",
        "summary": (
            "Accompagne les municipalités dans l'élaboration et la mise en œuvre de leurs "
            "politiques familiales et des aînés."
        ),
        "mandate": CHANTIER_MANDATE.format(theme="Politiques familiales"),
        "meeting_frequency": "4 fois par année",
        "position": 34,
    },
    {
        "slug": "equipe-adoc",
        "name": "Équipe ADOC",
        "kind": BodyKind.ADOC,
        "alias": "Agent·e·s de développement territorial et organisation communautaire",
        "summary": (
            "Soutient la démarche : anime, documente, prépare les rencontres et assure le lien "
            "entre les instances et avec les élu·e·s municipaux."
        ),
        "mandate": (
            "L'équipe d'agent·e·s de développement territorial et d'organisation communautaire "
            "(ADOC) du réseau public de santé et de services sociaux coordonne les démarches "
            "concertées et joue un rôle de liaison auprès des élu·e·s municipaux. Elle « anime, "
            "documente, recherche, synthétise, partage l'information, convoque, consulte, "
            "prépare les rencontres, assure le lien (la cohésion) entre les composantes ». Les "
            "orientations restent celles décidées par l'assemblée des partenaires."
        ),
        "meeting_frequency": "Chaque semaine",
        "position": 90,
    },
)

# The day each chantier committee was formed (demo.chantiers uses it as the chantier's start).
CHANTIER_FORMED = {
    "chantier-communication": date(2022, 2, 1),
    "chantier-transport": date(2021, 9, 15),
    "chantier-securite-alimentaire": date(2020, 10, 1),
    "chantier-jeunesse": date(2022, 9, 1),
    "chantier-politiques-familiales": date(2021, 3, 1),
}

# Declared composition of the comité conseil: (college, MRC, seats).
COUNCIL_QUOTAS = (
    ("community", "", 4),
    ("institutional", "", 4),
    ("", "charlevoix", 3),
    ("", "charlevoix-est", 3),
)

# (source, link, target)
BODY_LINKS = (
    ("assemblee-des-partenaires", BodyLinkKind.ELECTS, "comite-conseil"),
    ("comite-conseil", BodyLinkKind.REPORTS_TO, "assemblee-des-partenaires"),
    *((slug, BodyLinkKind.REPORTS_TO, "comite-conseil") for slug in CHANTIER_FORMED),
    ("equipe-adoc", BodyLinkKind.SUPPORTS, "assemblee-des-partenaires"),
    ("equipe-adoc", BodyLinkKind.SUPPORTS, "comite-conseil"),
    *(("equipe-adoc", BodyLinkKind.SUPPORTS, slug) for slug in CHANTIER_FORMED),
)

# Comité conseil: (person, organisation, role, election). Terms last two years and are
# staggered: half the comité is elected at each annual election. "Former" is a past member
# whose term ended when the "recent" cohort was elected.
COUNCIL_SEATS = (
    ("genevieve.boucher@example.org", "cdc-charlevoix", SeatRole.CHAIR, "earlier"),
    ("karine.lavoie@example.org", "mrc-charlevoix", SeatRole.MEMBER, "earlier"),
    ("annie.cloutier@example.org", "cab-charlevoix", SeatRole.SECRETARY, "earlier"),
    ("catherine.fortin@example.org", "css-charlevoix", SeatRole.MEMBER, "earlier"),
    ("mathieu.bouchard@example.org", "mrc-charlevoix-est", SeatRole.VICE_CHAIR, "recent"),
    ("comite@example.org", "cec-charlevoix", SeatRole.MEMBER, "recent"),
    ("francois.tremblay@example.org", "citoyens-saint-urbain", SeatRole.MEMBER, "recent"),
    ("emilie.lessard@example.org", "maison-famille-charlevoix-est", SeatRole.MEMBER, "recent"),
    ("louise.gagnon@example.org", "maison-famille-charlevoix-est", SeatRole.MEMBER, "former"),
)

# Chantier committees: body -> ((person, organisation, role), ...), designated by their
# organisations when the committee was formed.
CHANTIER_SEATS = {
    "chantier-communication": (
        ("simon.caron@example.org", "cdc-charlevoix", SeatRole.COORDINATION),
        ("david.boivin@example.org", "ville-la-malbaie", SeatRole.MEMBER),
        ("josee.racine@example.org", "chambre-commerce-charlevoix", SeatRole.MEMBER),
        ("mireille.boudreau@example.org", "centre-femmes-charlevoix", SeatRole.MEMBER),
        ("andree-anne.belanger@example.org", "cje-charlevoix", SeatRole.MEMBER),
    ),
    "chantier-transport": (
        ("benoit.villeneuve@example.org", "transport-collectif-charlevoix", SeatRole.COORDINATION),
        ("sylvie.duchesne@example.org", "mrc-charlevoix-est", SeatRole.MEMBER),
        ("karine.lavoie@example.org", "mrc-charlevoix", SeatRole.MEMBER),
        ("pierre-luc.fournier@example.org", "cab-charlevoix", SeatRole.MEMBER),
        ("denise.brisson@example.org", "citoyens-saint-aime-des-lacs", SeatRole.MEMBER),
        ("caroline.neron@example.org", "sde-charlevoix-est", SeatRole.MEMBER),
    ),
    "chantier-securite-alimentaire": (
        ("melanie.ouellet@example.org", "moisson-charlevoix", SeatRole.COORDINATION),
        ("chantier@example.org", "cuisines-collectives-charlevoix-est", SeatRole.MEMBER),
        ("audrey.pelletier@example.org", "ciusss-charlevoix", SeatRole.MEMBER),
        ("vincent.asselin@example.org", "table-agroalimentaire", SeatRole.MEMBER),
        ("marie-josee.bradet@example.org", "jardins-collectifs-eboulements", SeatRole.MEMBER),
        ("lucie.bherer@example.org", "aines-saint-hilarion", SeatRole.MEMBER),
    ),
    "chantier-jeunesse": (
        ("maxime.pedneault@example.org", "cje-charlevoix", SeatRole.COORDINATION),
        ("samuel.tremblay@example.org", "mdj-baie-saint-paul", SeatRole.MEMBER),
        ("veronique.lachance@example.org", "mdj-la-maree", SeatRole.MEMBER),
        ("catherine.fortin@example.org", "css-charlevoix", SeatRole.MEMBER),
        ("guillaume.lapointe@example.org", "cec-charlevoix", SeatRole.MEMBER),
    ),
    "chantier-politiques-familiales": (
        ("julie.tremblay@example.org", "maison-famille-charlevoix-est", SeatRole.COORDINATION),
        ("sarah.lemieux@example.org", "maison-famille-baie-saint-paul", SeatRole.MEMBER),
        ("francis.dufour@example.org", "ville-baie-saint-paul", SeatRole.MEMBER),
        ("olivier.perron@example.org", "saint-simeon", SeatRole.MEMBER),
        ("yannick.audet@example.org", "omh-charlevoix", SeatRole.MEMBER),
        ("valerie.cote@example.org", "gmf-charlevoix-est", SeatRole.MEMBER),
        ("louis.gaudreault@example.org", "developpement-notre-dame-des-monts", SeatRole.MEMBER),
    ),
}

# ADOC agents, all employed by the CIUSSS: (person, territory covered, since, bodies supported).
ADOC_EMPLOYER = "ciusss-charlevoix"

ADOC_AGENTS = (
    ("adoc@example.org", "both", date(2019, 8, 26), ("comite-conseil", "chantier-communication")),
    (
        "jean-francois.maltais@example.org",
        "charlevoix",
        date(2021, 1, 11),
        ("comite-conseil", "chantier-securite-alimentaire", "chantier-jeunesse"),
    ),
    (
        "sophie.lajoie@example.org",
        "charlevoix-est",
        date(2022, 5, 2),
        ("comite-conseil", "chantier-transport", "chantier-politiques-familiales"),
    ),
)

FRENCH_MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
