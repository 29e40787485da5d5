from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from elections.models import Election, ElectionState
from elections.verification import differences, seal


class Command(BaseCommand):
    help = gettext_lazy(
        "Recount an election from its stored ballots and check everything recorded about its "
        "results: counts, who is elected, the MRC minimum, acclamations, tie-breaks and the "
        "seats publishing created. Exits 1 and names each difference."
    )

    def add_arguments(self, parser):
        parser.add_argument("election", type=int, help=gettext_lazy("The election’s number."))
        parser.add_argument(
            "--seal-unsealed",
            action="store_true",
            help=gettext_lazy(
                "For an election counted before results were sealed: seal its results as they "
                "are, if the recount matches them."
            ),
        )

    def handle(self, *args, election, seal_unsealed=False, **options):
        election = Election.objects.filter(pk=election).first()
        if election is None:
            raise CommandError(_("There is no election with this number."))
        if election.state not in (ElectionState.COUNTED, ElectionState.PUBLISHED):
            raise CommandError(_("This election has not been counted yet."))
        unsealed = seal_unsealed and not election.results_seal
        if unsealed and not differences(election, require_seal=False):
            seal(election, with_seats=election.state == ElectionState.PUBLISHED)
        found = differences(election)
        if found:
            for line in found:
                self.stderr.write(line)
            raise CommandError(_("The recount differs from the recorded results."))
        if election.is_paper:
            self.stdout.write(
                self.style.SUCCESS(
                    _(
                        "%(title)s: paper election; the decisions taken from the confirmed "
                        "counts match the recorded results."
                    )
                    % {"title": election.title}
                )
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                _("%(title)s: the recount of %(ballots)s ballots matches the recorded results.")
                % {"title": election.title, "ballots": election.ballots.count()}
            )
        )
