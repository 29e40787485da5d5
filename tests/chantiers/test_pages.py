"""The chantier pages show each chantier's committee, ADOC support and organisations."""

from django.urls import reverse

from chantiers.models import ChantierStatus
from governance.models import SeatRole
from tests.factories import ChantierFactory, OrganisationFactory, SeatFactory


def test_chantier_list_counts_voting_members_and_names_the_adoc_support(
    client, partner, adoc, territory
):
    committee = territory["chantier"].committee
    SeatFactory(body=committee)
    SeatFactory(body=committee, role=SeatRole.COORDINATION)
    SeatFactory(body=committee, role=SeatRole.SUPPORT, person=adoc.person)
    client.force_login(partner)

    response = client.get(reverse("chantiers:chantier-list"))

    [chantier] = response.context["chantier_list"]
    assert chantier.member_count == 2
    assert [seat.person for seat in chantier.committee.support_seats] == [adoc.person]
    assert str(adoc.person) in response.content.decode()


def test_chantier_page_lists_its_committee_and_organisations(client, partner, territory):
    committee = territory["chantier"].committee
    coordination = SeatFactory(
        body=committee,
        role=SeatRole.COORDINATION,
        organisation=OrganisationFactory(name="Transport collectif de Charlevoix"),
    )
    ended = SeatFactory(
        body=committee,
        organisation=OrganisationFactory(name="Ancien transporteur"),
        starts=coordination.starts,
        ends=coordination.starts,
    )
    client.force_login(partner)

    response = client.get(reverse("chantiers:chantier-detail", args=[territory["chantier"].slug]))

    assert [seat.person for seat in response.context["members"]] == [coordination.person]
    content = response.content.decode()
    assert "Transport collectif de Charlevoix" in content
    assert ended.organisation.name not in content


def test_home_lists_active_chantiers_only(client, partner, territory):
    ChantierFactory(name="Chantier en pause", status=ChantierStatus.PAUSED)
    client.force_login(partner)

    response = client.get(reverse("home"))

    assert [chantier.name for chantier in response.context["chantiers"]] == ["Chantier Transport"]
