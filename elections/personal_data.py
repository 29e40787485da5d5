"""What elections holds about a person: their candidacies, that they voted for their
organisation (never how), and what they did as staff or as an organisation's delegate."""

from django.utils.translation import gettext_lazy as _

from elections.models import Candidacy, Election, ElectionCollege, Participation, Transition
from infrastructure.personal_data import (
    PERSON,
    USER,
    Blank,
    Export,
    Keep,
    NotExported,
    register,
)

STAFF_WORK = "what a member of staff did for the alliance, not information about them"
ELECTION_RECORD = "the conduct of an election is the alliance's record, signed by who did it"

for model, link in [
    (Election, "paper_entered_by"),
    (Election, "paper_confirmed_by"),
    # Who entered a candidacy (the candidate, or an ADOC agent for them): told if refused.
    (Candidacy, "proposed_by"),
    (ElectionCollege, "tie_broken_by"),
    (Transition, "by"),
]:
    register(
        model,
        link,
        USER,
        export=NotExported(STAFF_WORK),
        anonymise=Keep(ELECTION_RECORD),
    )


def candidacy_rows(owner):
    return [
        [
            c.election.title,
            c.organisation.name,
            c.get_college_display(),
            c.get_status_display(),
            c.statement,
            c.votes,
            c.elected,
        ]
        for c in Candidacy.objects.filter(person=owner.person)
        .select_related("election", "organisation")
        .order_by("-election__held_on")
    ]


register(
    Candidacy,
    "person",
    PERSON,
    export=Export(
        "candidacies",
        _("Candidacies"),
        (
            ("election", _("Election")),
            ("organisation", _("For the organisation")),
            ("college", _("College")),
            ("status", _("Status")),
            ("statement", _("Statement")),
            ("votes", _("Votes")),
            ("elected", _("Elected")),
        ),
        candidacy_rows,
        order=90,
    ),
    # Who stood and who was elected stays (the results); the free text about themselves goes.
    anonymise=Blank({"statement": ""}),
)
register(
    Candidacy,
    "confirmed_by",
    PERSON,
    export=NotExported("a confirmation of a candidacy, made for the organisation, not about them"),
    anonymise=Keep(ELECTION_RECORD),
)


def votes_cast_rows(owner):
    return [
        [p.elector.election.title, p.elector.organisation.name]
        for p in Participation.objects.filter(cast_by=owner.person)
        .select_related("elector__election", "elector__organisation")
        .order_by("-elector__election__held_on")
    ]


register(
    Participation,
    "cast_by",
    PERSON,
    export=Export(
        "votes_cast",
        _("Votes you cast for your organisation"),
        (("election", _("Election")), ("organisation", _("Organisation"))),
        votes_cast_rows,
        order=100,
        note=_(
            "The portal records that you voted, never how: a ballot is stored with no link "
            "to any person, organisation or time, so nobody can tell what you chose."
        ),
    ),
    anonymise=Keep("that an organisation voted, and through whom, is the election's record"),
)
