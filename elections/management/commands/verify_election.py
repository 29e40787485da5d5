from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from elections.models import Election, ElectionState
from elections.workflow import participation_count, tally


class Command(BaseCommand):
    help = gettext_lazy(
        "Recount an online election from its stored ballots and report any difference with the "
        "recorded results."
    )

    def add_arguments(self, parser):
        parser.add_argument("election", type=int, help=gettext_lazy("The election’s number."))

    def handle(self, *args, election, **options):
        election = Election.objects.filter(pk=election).first()
        if election is None:
            raise CommandError(_("There is no election with this number."))
        if election.is_paper:
            self.stdout.write(_("Paper election: its counts were entered and confirmed by hand."))
            return
        if election.state not in (ElectionState.COUNTED, ElectionState.PUBLISHED):
            raise CommandError(_("This election has not been counted yet."))
        votes, marked = tally(election)
        ballots = election.ballots.count()
        differences = []
        voted = participation_count(election)
        if voted != ballots:
            differences.append(
                _("%(voted)s organisations voted but the box holds %(ballots)s ballots.")
                % {"voted": voted, "ballots": ballots}
            )
        for row in election.colleges.all():
            if row.acclaimed:
                continue
            blank = ballots - marked.get(row.college, 0)
            if (row.ballots, row.blank) != (ballots, blank):
                differences.append(
                    _(
                        "College %(college)s: recorded %(ballots)s ballots and %(blank)s blank, "
                        "recounted %(recounted)s and %(reblank)s."
                    )
                    % {
                        "college": row.get_college_display(),
                        "ballots": row.ballots,
                        "blank": row.blank,
                        "recounted": ballots,
                        "reblank": blank,
                    }
                )
        for candidacy in election.candidacies.confirmed().select_related("person"):
            if candidacy.votes is None:
                continue
            recounted = votes.get(candidacy.pk, 0)
            if recounted != candidacy.votes:
                differences.append(
                    _("%(name)s: recorded %(votes)s votes, recounted %(recounted)s.")
                    % {"name": candidacy.person, "votes": candidacy.votes, "recounted": recounted}
                )
        if differences:
            for line in differences:
                self.stderr.write(line)
            raise CommandError(_("The recount differs from the recorded results."))
        self.stdout.write(
            self.style.SUCCESS(
                _("%(title)s: the recount of %(ballots)s ballots matches the recorded results.")
                % {"title": election.title, "ballots": ballots}
            )
        )
