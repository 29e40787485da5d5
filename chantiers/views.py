from django.db.models import Count, Prefetch, Q
from django.views.generic import DetailView, ListView

from chantiers.models import Chantier
from governance.access import PartnerRequiredMixin
from governance.models import Organisation, Seat, SeatRole


class ChantierListView(PartnerRequiredMixin, ListView):
    queryset = (
        Chantier.objects.select_related("committee")
        .annotate(
            member_count=Count(
                "committee__seats__person",
                filter=Q(committee__seats__in=Seat.objects.current().voting()),
                distinct=True,
            )
        )
        .prefetch_related(
            Prefetch(
                "committee__seats",
                queryset=Seat.objects.current()
                .filter(role=SeatRole.SUPPORT)
                .select_related("person"),
                to_attr="support_seats",
            )
        )
    )


class ChantierDetailView(PartnerRequiredMixin, DetailView):
    queryset = Chantier.objects.select_related("committee")

    def get_context_data(self, **kwargs):
        seats = sorted(
            self.object.committee.seats.current().select_related("person", "organisation"),
            key=lambda seat: (seat.rank, seat.person.last_name, seat.person.first_name),
        )
        return super().get_context_data(
            members=[seat for seat in seats if seat.role != SeatRole.SUPPORT],
            agents=[seat for seat in seats if seat.role == SeatRole.SUPPORT],
            organisations=Organisation.objects.sitting_on(self.object.committee),
            **kwargs,
        )
