"""The organigram, body pages and the ADOC follow-up list render from data."""

import datetime

from django.urls import reverse
from django.utils import timezone

from governance.models import BodyKind, SeatRole
from tests.factories import BodyFactory, OrganisationFactory, PersonFactory, SeatFactory

TODAY = timezone.localdate


def test_a_new_body_appears_on_the_organigram(client, partner, territory):
    client.force_login(partner)
    BodyFactory(name="Table des aînés", kind=BodyKind.CHANTIER, summary="Veille sur les aînés.")

    content = client.get(reverse("governance:organigram")).content.decode()

    assert "Table des aînés" in content
    assert "Veille sur les aînés." in content
    assert "Comité stratégique" in content  # the alias of the comité conseil


def test_an_inactive_body_leaves_the_organigram(client, partner, territory):
    client.force_login(partner)
    territory["chantier"].committee.is_active = False
    territory["chantier"].committee.save()

    content = client.get(reverse("governance:organigram")).content.decode()

    assert "Chantier Transport" not in content


def test_organigram_shows_the_balance_of_the_council(client, partner, territory):
    for college in ("community", "community", "institutional"):
        SeatFactory(body=territory["council"], organisation=OrganisationFactory(college=college))
    SeatFactory(body=territory["council"], role=SeatRole.OBSERVER)
    client.force_login(partner)

    response = client.get(reverse("governance:organigram"))

    balance = response.context["organigram"].council_balance
    assert balance["total"] == 3
    assert ("Communautaire", 2) in [(str(label), count) for label, count in balance["colleges"]]
    assert "3 sièges avec droit de vote" in response.content.decode()


def test_ending_a_seat_moves_the_member_to_past_members(client, adoc, territory):
    person = PersonFactory(first_name="Hélène", last_name="Tremblay")
    seat = SeatFactory(body=territory["council"], person=person)
    client.force_login(adoc)

    client.post(
        reverse("governance:seat-end", args=[seat.pk]),
        {"ends": (TODAY() - datetime.timedelta(days=1)).isoformat()},
    )
    response = client.get(reverse("governance:body-detail", args=[territory["council"].slug]))

    assert person not in [s.person for s in response.context["members"]]
    assert person in [s.person for s in response.context["past_seats"]]


def test_body_page_shows_vacancies_and_terms_ending_soon(client, partner, territory):
    SeatFactory(
        body=territory["council"],
        organisation=OrganisationFactory(college="community"),
        ends=TODAY() + datetime.timedelta(days=30),
    )
    client.force_login(partner)

    response = client.get(reverse("governance:body-detail", args=[territory["council"].slug]))

    rows = {str(row["quota"].label): row["vacant"] for row in response.context["composition"]}
    assert rows == {"Communautaire": 3, "Institutionnel": 4}
    assert "se termine bientôt" in response.content.decode()


def test_term_ends_page_lists_ending_terms_and_vacancies_across_bodies(client, adoc, territory):
    ending = SeatFactory(
        body=territory["chantier"].committee, ends=TODAY() + datetime.timedelta(days=10)
    )
    SeatFactory(body=territory["chantier"].committee, ends=TODAY() + datetime.timedelta(days=200))
    client.force_login(adoc)

    response = client.get(reverse("governance:term-ends"))

    assert list(response.context["ending"]) == [ending]
    assert [body for body, rows in response.context["vacancies"]] == [territory["council"]]


def test_assembly_page_lists_member_organisations_with_their_delegate(
    client, partner, delegate, territory
):
    client.force_login(partner)

    response = client.get(reverse("governance:body-detail", args=[territory["assembly"].slug]))

    organisation = next(
        o for o in response.context["member_organisations"] if o == territory["organisation"]
    )
    assert organisation.current_delegate == delegate.person
    assert str(delegate.person) in response.content.decode()


def test_adoc_team_page_shows_agents_their_territory_and_what_they_support(
    client, partner, adoc, territory
):
    SeatFactory(
        body=territory["chantier"].committee,
        person=adoc.person,
        organisation=territory["ciusss"],
        role=SeatRole.SUPPORT,
    )
    client.force_login(partner)

    response = client.get(reverse("governance:adoc-team"))

    [agent] = response.context["agents"]
    assert agent.person == adoc.person
    assert agent.supported_bodies == [territory["chantier"].committee]
    assert "convoque" in response.content.decode()


def test_support_seat_does_not_make_an_agent_a_committee_member(client, adoc, territory):
    from governance.roles import Role, roles_for

    SeatFactory(body=territory["council"], person=adoc.person, role=SeatRole.SUPPORT)

    assert Role.COUNCIL_MEMBER not in roles_for(adoc)
    assert Role.ADOC in roles_for(adoc)


def test_organigram_connectors_come_from_the_recorded_links(client, partner, territory):
    client.force_login(partner)

    with_links = client.get(reverse("governance:organigram"))
    territory["assembly"].outgoing_links.all().delete()
    territory["chantier"].committee.outgoing_links.all().delete()
    without_links = client.get(reverse("governance:organigram"))

    assert with_links.context["organigram"].council_connectors[0].kind == "elects"
    assert "Assemblée des partenaires élit Comité conseil" in with_links.content.decode()
    assert "Chaque chantier relève de Comité conseil" in with_links.content.decode()
    assert "Assemblée des partenaires élit Comité conseil" not in without_links.content.decode()
    assert "Chaque chantier" not in without_links.content.decode()


def test_a_long_history_is_summarised_on_the_body_page_and_paginated_apart(
    client, partner, territory
):
    council = territory["council"]
    today = TODAY()
    for number in range(60):
        ends = today - datetime.timedelta(days=1 + number)
        SeatFactory(body=council, starts=ends - datetime.timedelta(days=700), ends=ends)
    client.force_login(partner)

    page = client.get(reverse("governance:body-detail", args=[council.slug]))
    history = client.get(reverse("governance:body-past-members", args=[council.slug]))
    second = client.get(reverse("governance:body-past-members", args=[council.slug]), {"page": 2})

    assert len(page.context["past_seats"]) == 20
    assert reverse("governance:body-past-members", args=[council.slug]) in page.content.decode()
    assert len(history.context["seats"]) == 50
    assert len(second.context["seats"]) == 10
    assert history.context["seats"][0].ends == today - datetime.timedelta(days=1)
