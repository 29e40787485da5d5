"""Editing by the ADOC team: bad input, concurrent edits, representatives, seats."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from governance.models import Organisation, Person, Representation, RepresentationKind, Seat
from tests.factories import AffiliationFactory, PersonFactory, RepresentationFactory, SeatFactory


def organisation_data(organisation, **changes):
    data = {
        "name": organisation.name,
        "sector": organisation.sector,
        "college": organisation.college,
        "mrc": organisation.mrc,
        "is_active": "on",
        "version": organisation.version,
    }
    return {**data, **changes}


def test_bad_input_is_shown_again_with_a_french_message(client, adoc, territory):
    client.force_login(adoc)

    response = client.post(
        reverse("governance:organisation-create"),
        {"name": "", "acronym": "XYZ", "website": "pas une adresse", "sector": "municipal"},
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "Ce champ est obligatoire." in content
    assert "Saisissez une URL valide." in content
    assert 'value="XYZ"' in content


def test_a_new_organisation_gets_an_address_from_its_name(client, adoc, territory):
    client.force_login(adoc)

    client.post(
        reverse("governance:organisation-create"),
        organisation_data(
            Organisation(
                name="Café de la Côte", sector="economic", college="institutional", mrc="both"
            )
        ),
    )

    assert Organisation.objects.get(name="Café de la Côte").slug == "cafe-de-la-cote"


def test_a_concurrent_edit_is_refused_and_the_input_kept(client, adoc, territory):
    organisation = territory["organisation"]
    url = reverse("governance:organisation-update", args=[organisation.slug])
    client.force_login(adoc)
    stale = organisation_data(organisation, description="Ma version")
    client.post(url, organisation_data(organisation, description="Leur version"))

    response = client.post(url, stale)

    organisation.refresh_from_db()
    content = response.content.decode()
    assert organisation.description == "Leur version"
    assert (
        "Quelqu’un d’autre a enregistré des modifications" in content or "quelqu" in content.lower()
    )
    assert "Ma version" in content


def test_a_second_deliberate_submission_after_a_conflict_saves(client, adoc, territory):
    organisation = territory["organisation"]
    url = reverse("governance:organisation-update", args=[organisation.slug])
    client.force_login(adoc)
    stale = organisation_data(organisation, description="Ma version")
    client.post(url, organisation_data(organisation, description="Leur version"))
    conflict = client.post(url, stale)

    client.post(url, {**stale, "version": conflict.context["form"].data["version"]})

    organisation.refresh_from_db()
    assert organisation.description == "Ma version"


def test_naming_a_delegate_closes_the_previous_term(client, adoc, delegate, territory):
    organisation = territory["organisation"]
    newcomer = PersonFactory()
    AffiliationFactory(person=newcomer, organisation=organisation)
    client.force_login(adoc)

    client.post(
        reverse("governance:representation-create", args=[organisation.slug]),
        {"kind": RepresentationKind.DELEGATE, "person": newcomer.pk, "starts": "2026-06-01"},
    )

    assert organisation.current_delegate == newcomer
    previous = Representation.objects.get(person=delegate.person)
    assert previous.ends == datetime.date(2026, 5, 31)


def test_only_members_of_the_organisation_can_be_named(client, adoc, territory):
    stranger = PersonFactory()
    client.force_login(adoc)

    response = client.post(
        reverse("governance:representation-create", args=[territory["organisation"].slug]),
        {"kind": RepresentationKind.DELEGATE, "person": stranger.pk, "starts": "2026-06-01"},
    )

    assert response.status_code == 200
    assert not Representation.objects.filter(person=stranger).exists()


def test_the_database_refuses_two_open_delegates(territory):
    RepresentationFactory(organisation=territory["organisation"], kind=RepresentationKind.DELEGATE)

    with pytest.raises(IntegrityError), transaction.atomic():
        RepresentationFactory(
            organisation=territory["organisation"], kind=RepresentationKind.DELEGATE
        )


def test_the_database_refuses_a_seat_ending_before_it_starts(territory):
    with pytest.raises(IntegrityError), transaction.atomic():
        SeatFactory(starts=datetime.date(2026, 1, 1), ends=datetime.date(2025, 1, 1))


def test_a_seat_overlapping_another_on_the_same_body_is_refused(client, adoc, territory):
    seat = SeatFactory(body=territory["council"], organisation=territory["organisation"])
    client.force_login(adoc)

    response = client.post(
        reverse("governance:seat-create", args=[territory["council"].slug]),
        {
            "person": seat.person.pk,
            "organisation": territory["organisation"].pk,
            "role": "member",
            "mode": "elected",
            "starts": seat.starts.isoformat(),
        },
    )

    assert response.status_code == 200
    assert "déjà un siège" in response.content.decode()
    assert Seat.objects.filter(person=seat.person).count() == 1


def test_a_seat_takes_the_college_and_mrc_of_its_organisation(client, adoc, territory):
    person = PersonFactory()
    client.force_login(adoc)

    client.post(
        reverse("governance:seat-create", args=[territory["council"].slug]),
        {
            "person": person.pk,
            "organisation": territory["ciusss"].pk,
            "role": "vice_chair",
            "mode": "elected",
            "starts": "2026-01-01",
            "ends": "2027-12-31",
        },
    )

    seat = Seat.objects.get(person=person)
    assert (seat.college, seat.mrc) == (territory["ciusss"].college, territory["ciusss"].mrc)


def test_ending_a_seat_before_it_started_is_explained(client, adoc, territory):
    seat = SeatFactory(body=territory["council"])
    client.force_login(adoc)

    response = client.post(
        reverse("governance:seat-end", args=[seat.pk]),
        {"ends": (seat.starts - datetime.timedelta(days=1)).isoformat()},
    )

    assert "ne peut pas se terminer avant" in response.content.decode()
    assert Seat.objects.get(pk=seat.pk).ends == seat.ends


def test_adding_a_person_records_their_organisation(client, adoc, territory):
    client.force_login(adoc)

    response = client.post(
        reverse("governance:person-create"),
        {
            "first_name": "Mathis",
            "last_name": "Simard",
            "email": "Mathis.Simard@example.org",
            "organisation": territory["organisation"].pk,
            "role": "Coordination",
            "show_email": "on",
        },
    )

    person = Person.objects.get(first_name="Mathis", last_name="Simard")
    assert response.url == person.get_absolute_url()
    assert person.email == "mathis.simard@example.org"
    assert person.affiliations.get().organisation == territory["organisation"]


def test_a_partner_chooses_what_others_see(client, partner):
    client.force_login(partner)
    person = partner.person

    client.post(
        reverse("governance:profile"),
        {
            "title": "Direction",
            "phone": "418-555-0111",
            "show_phone": "on",
            "version": person.version,
        },
    )

    person.refresh_from_db()
    assert (person.phone, person.show_phone, person.show_email) == ("418-555-0111", True, False)


def test_changes_are_kept_in_history(client, adoc, territory):
    organisation = territory["organisation"]
    client.force_login(adoc)

    client.post(
        reverse("governance:organisation-update", args=[organisation.slug]),
        organisation_data(organisation, name="Maison des familles"),
    )

    history = organisation.history.order_by("history_date")
    assert [h.name for h in history] == ["Maison de la famille", "Maison des familles"]
    assert history.last().history_user == adoc


def test_correcting_a_term_end_keeps_the_holder(client, adoc, territory):
    seat = SeatFactory(body=territory["council"], organisation=territory["organisation"])
    other = PersonFactory()
    client.force_login(adoc)

    client.post(
        reverse("governance:seat-update", args=[seat.pk]),
        {
            "person": other.pk,  # ignored: the holder of a seat does not change
            "organisation": territory["organisation"].pk,
            "role": "secretary",
            "mode": "elected",
            "starts": seat.starts.isoformat(),
            "ends": "2030-06-30",
        },
    )

    seat.refresh_from_db()
    assert (seat.person_id, seat.role, seat.ends) == (
        seat.person_id,
        "secretary",
        datetime.date(2030, 6, 30),
    )
    assert seat.person != other


def test_a_person_who_leaves_an_organisation_keeps_it_in_their_history(client, adoc, partner):
    affiliation = partner.person.affiliations.get()
    client.force_login(adoc)

    client.post(
        reverse("governance:affiliation-end", args=[affiliation.pk]),
        {"ends": datetime.date.today().isoformat()},
    )
    client.post(
        reverse("governance:affiliation-end", args=[affiliation.pk]),
        {"ends": (datetime.date.today() - datetime.timedelta(days=1)).isoformat()},
    )

    affiliation.refresh_from_db()
    assert affiliation.ends == datetime.date.today() - datetime.timedelta(days=1)
    assert not affiliation.is_current
    assert affiliation.history.count() == 3


def test_a_new_term_cannot_start_before_the_current_one(client, adoc, delegate, territory):
    organisation = territory["organisation"]
    current = organisation.representations.get()
    newcomer = PersonFactory()
    AffiliationFactory(person=newcomer, organisation=organisation)
    client.force_login(adoc)

    response = client.post(
        reverse("governance:representation-create", args=[organisation.slug]),
        {
            "kind": RepresentationKind.DELEGATE,
            "person": newcomer.pk,
            "starts": (current.starts - datetime.timedelta(days=400)).isoformat(),
        },
    )

    assert response.status_code == 200
    assert "un nouveau mandat doit commencer ce jour-là ou après" in response.content.decode()
    assert organisation.current_delegate == delegate.person
    assert Representation.objects.filter(pk=current.pk).exists()


def test_a_delegate_with_a_planned_end_is_replaced_not_doubled(territory):
    organisation = territory["organisation"]
    first = RepresentationFactory(
        organisation=organisation,
        starts=datetime.date(2024, 1, 1),
        ends=datetime.date(2030, 1, 1),
    )
    second = PersonFactory()

    organisation.name_representative(second, RepresentationKind.DELEGATE, datetime.date(2026, 3, 1))

    first.refresh_from_db()
    assert first.ends == datetime.date(2026, 2, 28)
    on = datetime.date(2026, 3, 2)
    assert [r.person for r in organisation.representations.current(on)] == [second]


def test_moving_a_seat_to_another_organisation_moves_its_college(client, adoc, territory):
    seat = SeatFactory(body=territory["council"], organisation=territory["organisation"])
    assert seat.college == "community"
    client.force_login(adoc)

    client.post(
        reverse("governance:seat-update", args=[seat.pk]),
        {
            "organisation": territory["ciusss"].pk,
            "role": "member",
            "mode": "elected",
            "college": seat.college,
            "mrc": seat.mrc,
            "starts": seat.starts.isoformat(),
            "ends": seat.ends.isoformat(),
        },
    )

    seat.refresh_from_db()
    assert (seat.organisation, seat.college) == (territory["ciusss"], "institutional")


def test_a_member_seat_needs_an_organisation_but_adoc_support_does_not(client, adoc, territory):
    person = PersonFactory()
    client.force_login(adoc)
    url = reverse("governance:seat-create", args=[territory["council"].slug])
    data = {"person": person.pk, "mode": "designated", "starts": "2026-01-01"}

    refused = client.post(url, {**data, "role": "member"})
    client.post(url, {**data, "role": "support"})

    assert "choisissez laquelle" in refused.content.decode()
    assert Seat.objects.get(person=person).role == "support"


def test_leaving_an_organisation_ends_the_seats_and_representation_held_for_it(
    client, adoc, territory
):
    organisation = territory["organisation"]
    person = PersonFactory()
    affiliation = AffiliationFactory(person=person, organisation=organisation)
    seat = SeatFactory(body=territory["council"], person=person, organisation=organisation)
    representation = RepresentationFactory(organisation=organisation, person=person)
    other_seat = SeatFactory(
        body=territory["council"], person=person, organisation=territory["ciusss"]
    )
    client.force_login(adoc)
    yesterday = datetime.date.today() - datetime.timedelta(days=1)

    response = client.post(
        reverse("governance:affiliation-end", args=[affiliation.pk]),
        {"ends": yesterday.isoformat()},
        follow=True,
    )

    for period in (affiliation, seat, representation, other_seat):
        period.refresh_from_db()
    assert affiliation.ends == seat.ends == representation.ends == yesterday
    assert other_seat.is_current
    assert "Aussi terminé" in response.content.decode()
