"""What the results page shows, built from the stored count in a handful of queries."""

from dataclasses import dataclass, field

from django.db.models import Q

from elections.models import CandidacyStatus
from governance.models import BodyKind, Seat
from governance.models.territory import college_choices, territory_choices

# Geometry of the server-rendered bar chart (SVG user units).
CHART_WIDTH = 640
LABEL_WIDTH = 260
BAR_HEIGHT = 22
BAR_GAP = 10


@dataclass
class CollegeResult:
    row: object
    candidacies: list
    electors: int
    bars: list = field(default_factory=list)

    @property
    def turnout(self):
        if not self.electors or self.row.ballots is None:
            return None
        return 100 * self.row.ballots / self.electors

    @property
    def chart_height(self):
        return len(self.candidacies) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP


def share(votes, ballots):
    return 100 * votes / ballots if ballots else 0


def build(election):
    """Per college: each candidate's votes, share of the ballots, elected or not, the bars of
    the chart; turnout; and the comité's balance by college and MRC once the elected sit."""
    colleges = list(election.colleges.all())
    electors = election.electors.count()
    candidacies = list(
        election.candidacies.filter(status=CandidacyStatus.CONFIRMED).select_related(
            "person", "organisation"
        )
    )
    results = []
    for row in colleges:
        running = sorted(
            (c for c in candidacies if c.college == row.college),
            key=lambda c: (-(c.votes or 0), c.person.last_name, c.person.first_name),
        )
        result = CollegeResult(row=row, candidacies=running, electors=electors)
        for index, candidacy in enumerate(running):
            candidacy.share = share(candidacy.votes or 0, row.ballots)
            y = BAR_GAP + index * (BAR_HEIGHT + BAR_GAP)
            width = round((CHART_WIDTH - LABEL_WIDTH - 60) * candidacy.share / 100)
            result.bars.append(
                {
                    "candidacy": candidacy,
                    "y": y,
                    "text_y": y + BAR_HEIGHT * 0.7,
                    "width": max(width, 1),
                    "value_x": LABEL_WIDTH + max(width, 1) + 6,
                }
            )
        results.append(result)
    return {
        "colleges": results,
        "electors": electors,
        "balance": balance(election, candidacies),
        "chart": {"width": CHART_WIDTH, "label_width": LABEL_WIDTH, "bar_height": BAR_HEIGHT},
    }


def balance(election, candidacies):
    """The comité conseil after the election: the people elected now and the voting members
    whose term runs past the assembly, counted by college and MRC."""
    elected = [c for c in candidacies if c.elected]
    elected_people = {c.person_id for c in elected}
    continuing = [
        seat
        for seat in Seat.objects.voting()
        .filter(body__kind=BodyKind.COUNCIL, starts__lt=election.held_on)
        .filter(Q(ends__isnull=True) | Q(ends__gt=election.held_on))
        .only("person_id", "college", "mrc")
        if seat.person_id not in elected_people
    ]
    rows = []
    territories = territory_choices()
    for college, college_label in college_choices():
        counts = {}
        for mrc, _label in territories:
            counts[mrc] = sum(1 for c in elected if c.college == college and c.mrc == mrc) + sum(
                1 for s in continuing if s.college == college and s.mrc == mrc
            )
        rows.append({"college": college_label, "counts": [counts[mrc] for mrc, _l in territories]})
    totals = [sum(row["counts"][i] for row in rows) for i in range(len(territories))]
    return {
        "mrcs": [label for _mrc, label in territories],
        "rows": rows,
        "totals": totals,
        "elected": len(elected),
        "continuing": len(continuing),
    }
