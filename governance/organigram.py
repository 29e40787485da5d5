"""The organigram, drawn from the bodies and seats recorded in the database."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Prefetch

from governance.models import Body, BodyKind, BodyLink, BodyLinkKind, Organisation, Seat
from governance.models.territory import college_choices, territory_choices

# What a box and the balance read of a seat: who (for the count), the role, college and MRC
# (copied onto the seat when it is saved). Neither the person nor the organisation is built.
SEAT_FIELDS = ("body", "person", "role", "college", "mrc")


@dataclass
class Box:
    """One body on the organigram, with what its box shows."""

    body: Body
    member_count: int
    links: list = field(default_factory=list)


@dataclass
class Organigram:
    assembly: Box | None = None
    council: Box | None = None
    chantiers: list = field(default_factory=list)
    others: list = field(default_factory=list)
    adoc: Box | None = None
    council_balance: dict = field(default_factory=dict)
    # What ties the tiers together, as recorded in BodyLink rows.
    council_connectors: list = field(default_factory=list)
    chantier_connectors: list = field(default_factory=list)
    adoc_supported: list = field(default_factory=list)

    @classmethod
    def build(cls):
        """Four queries, however many bodies, seats and organisations there are."""
        bodies = Body.objects.active().prefetch_related(
            Prefetch(
                "seats",
                queryset=Seat.objects.current().only(*SEAT_FIELDS),
                to_attr="current_seats",
            ),
            Prefetch("outgoing_links", queryset=BodyLink.objects.select_related("target")),
        )
        organigram = cls()
        for body in bodies:
            # The assembly gathers every member organisation; other bodies, people with seats.
            count = (
                Organisation.objects.active().count()
                if body.is_assembly
                else len(body.current_member_ids())
            )
            box = Box(body=body, member_count=count, links=list(body.outgoing_links.all()))
            if body.kind == BodyKind.ASSEMBLY:
                organigram.assembly = box
            elif body.kind == BodyKind.COUNCIL:
                organigram.council = box
                organigram.council_balance = balance(body.current_seats)
            elif body.kind == BodyKind.ADOC:
                organigram.adoc = box
            elif body.kind == BodyKind.CHANTIER:
                organigram.chantiers.append(box)
            else:
                organigram.others.append(box)
        organigram.connect()
        return organigram

    def connect(self):
        """Read the connectors between tiers from the links of the boxes."""
        if self.assembly and self.council:
            pair = {self.assembly.body.pk, self.council.body.pk}
            self.council_connectors = [
                link
                for box in (self.assembly, self.council)
                for link in box.links
                if link.target_id in pair
            ]
        if self.chantiers:
            # A link every chantier shares is said once for all of them.
            shared = set.intersection(
                *({(link.kind, link.target_id) for link in box.links} for box in self.chantiers)
            )
            self.chantier_connectors = [
                link for link in self.chantiers[0].links if (link.kind, link.target_id) in shared
            ]
        if self.adoc:
            self.adoc_supported = [
                link.target for link in self.adoc.links if link.kind == BodyLinkKind.SUPPORTS
            ]


def balance(seats):
    """Voting seats counted by college and by sub-territory, with labels, in their order."""
    voting = [seat for seat in seats if seat.is_voting]
    by_college = Counter(seat.college for seat in voting)
    by_mrc = Counter(seat.mrc for seat in voting)
    return {
        "total": len(voting),
        "colleges": [(label, by_college[value]) for value, label in college_choices()],
        "mrcs": [(label, by_mrc[value]) for value, label in territory_choices()],
    }
