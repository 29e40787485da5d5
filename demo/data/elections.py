"""The demo elections' data: one election in each state, its candidates and turnout."""

from elections.models import (
    CandidacyStatus,
)

PAST = "Élection du comité conseil (cohorte B)"

BY_ELECTION = "Élection partielle au collège communautaire"

NEXT = "Élection du comité conseil (cohorte A)"

DRAFT = "Élection partielle au collège institutionnel"

CANCELLED = "Élection partielle du printemps"

CANCEL_REASON = (
    "Aucune candidature n'a été reçue pendant la période de mises en candidature; le siège "
    "sera pourvu à l'élection régulière suivante."
)

AGENT = "adoc@example.org"

# The recent cohort (demo.territory.COUNCIL_SEATS) won; share of the voters naming each one.
PAST_CANDIDATES = (
    ("francois.tremblay@example.org", "citoyens-saint-urbain", 0.75),
    ("emilie.lessard@example.org", "maison-famille-charlevoix-est", 0.6),
    ("melanie.ouellet@example.org", "moisson-charlevoix", 0.4),
    ("hugo.bouchard@example.org", "maison-famille-baie-saint-paul", 0.15),
    ("mathieu.bouchard@example.org", "mrc-charlevoix-est", 0.8),
    ("comite@example.org", "cec-charlevoix", 0.65),
    ("stephane.morin@example.org", "css-charlevoix", 0.35),
)

PAST_STATEMENT = (
    "Je souhaite porter au comité la voix des organismes de mon milieu et veiller à "
    "l'équilibre entre les deux MRC."
)

BY_ELECTION_CANDIDATES = (
    ("sarah.lemieux@example.org", "maison-famille-baie-saint-paul", CandidacyStatus.CONFIRMED),
    ("marie-josee.bradet@example.org", "jardins-collectifs-eboulements", CandidacyStatus.CONFIRMED),
)

NEXT_CANDIDATES = (
    ("genevieve.boucher@example.org", "cdc-charlevoix", CandidacyStatus.CONFIRMED),
    ("louise.gagnon@example.org", "maison-famille-charlevoix-est", CandidacyStatus.PROPOSED),
    ("veronique.lachance@example.org", "mdj-la-maree", CandidacyStatus.PROPOSED),
    ("claude.simard@example.org", "mrc-charlevoix", CandidacyStatus.CONFIRMED),
)

# Share of the electors who voted in the past election.
TURNOUT = 0.8
