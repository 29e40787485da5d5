"""The rules of governance.workflow, each where it belongs: one representation of an
organisation per person (workflow, form and database), seats beyond a declared quota (refused,
or recorded with a reason shown on the body's page), what ending a period says, and the ADOC
team's follow-up of terms and vacancies."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from governance import workflow
from governance.followup import send_follow_up
from governance.models import (
    FollowUpSent,
    NotificationPreferences,
    Representation,
    RepresentationKind,
    Seat,
    SeatRole,
)
from governance.workflow import GovernanceError
from tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    PersonFactory,
    RepresentationFactory,
    SeatFactory,
)

BASE_URL = "http://testserver"


def french(day):
    with translation.override("fr"):
        return date_format(day, "DATE_FORMAT")


# --- One representation of an organisation per person ---------------------------------------


def test_a_delegate_cannot_also_be_the_substitute(territory):
    organisation = territory["organisation"]
    person = AffiliationFactory(organisation=organisation).person
    workflow.name_representative(
        organisation, person, RepresentationKind.DELEGATE, datetime.date(2025, 1, 1)
    )

    with pytest.raises(GovernanceError) as refusal, translation.override("fr"):
        workflow.name_representative(
            organisation, person, RepresentationKind.SUBSTITUTE, datetime.date(2026, 1, 1)
        )

    assert refusal.value.field == "person"
    assert "un seul rôle à la fois" in refusal.value.message
    assert list(Representation.objects.values_list("kind", flat=True)) == ["delegate"]


def test_the_representation_form_says_it_in_french(client, adoc, territory):
    organisation = territory["organisation"]
    person = AffiliationFactory(organisation=organisation).person
    RepresentationFactory(
        organisation=organisation, person=person, starts=datetime.date(2025, 1, 1)
    )
    client.force_login(adoc)

    response = client.post(
        reverse("governance:representation-create", args=[organisation.slug]),
        {"kind": "substitute", "person": person.pk, "starts": "2026-01-01"},
    )

    assert response.status_code == 200
    assert "représente un organisme dans un seul rôle à la fois" in response.content.decode()
    assert Representation.objects.count() == 1


def test_naming_a_representative_says_who_and_from_when(client, adoc, territory):
    organisation = territory["organisation"]
    person = AffiliationFactory(organisation=organisation).person
    client.force_login(adoc)

    response = client.post(
        reverse("governance:representation-create", args=[organisation.slug]),
        {"kind": "delegate", "person": person.pk, "starts": "2026-01-05"},
        follow=True,
    )

    assert f"{person} est délégué·e de {organisation} à partir du 5 janvier 2026." in (
        response.content.decode()
    )


def test_the_database_refuses_two_open_representations_of_one_person(territory):
    organisation = territory["organisation"]
    person = PersonFactory()
    RepresentationFactory(organisation=organisation, person=person)

    with pytest.raises(IntegrityError), transaction.atomic():
        Representation.objects.create(
            organisation=organisation, person=person, kind=RepresentationKind.SUBSTITUTE
        )


# --- Seats beyond a declared quota ----------------------------------------------------------


@pytest.fixture
def full_council(territory):
    """The comité conseil with its four community seats taken (its quota is four)."""
    for _ in range(4):
        SeatFactory(
            body=territory["council"],
            organisation=OrganisationFactory(college="community"),
        )
    return territory["council"]


def seat_data(person, organisation, **changes):
    return {
        "person": person.pk,
        "organisation": organisation.pk,
        "role": "member",
        "mode": "designated",
        "starts": timezone.localdate().isoformat(),
        **changes,
    }


def test_a_fifth_community_seat_is_refused_with_the_quota_and_how_many_are_filled(
    client, adoc, full_council
):
    person = PersonFactory()
    organisation = OrganisationFactory(college="community")
    client.force_login(adoc)

    response = client.post(
        reverse("governance:seat-create", args=[full_council.slug]),
        seat_data(person, organisation),
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "Le quota « Communautaire » de Comité conseil est de 4 sièges" in content
    assert "4 sont occupés le" in content
    assert not Seat.objects.filter(person=person).exists()


def test_a_seat_beyond_the_quota_needs_a_reason(client, adoc, full_council):
    person = PersonFactory()
    organisation = OrganisationFactory(college="community")
    client.force_login(adoc)

    response = client.post(
        reverse("governance:seat-create", args=[full_council.slug]),
        seat_data(person, organisation, beyond_quota="on"),
    )

    assert "Dites pourquoi ce siège dépasse le quota" in response.content.decode()
    assert not Seat.objects.filter(person=person).exists()


def test_a_seat_beyond_the_quota_is_recorded_with_its_reason_and_shown(client, adoc, full_council):
    person = PersonFactory()
    organisation = OrganisationFactory(college="community")
    client.force_login(adoc)
    reason = "Siège de transition jusqu’à l’élection de juin"

    response = client.post(
        reverse("governance:seat-create", args=[full_council.slug]),
        seat_data(person, organisation, beyond_quota="on", beyond_quota_reason=reason),
    )

    assert response.status_code == 302
    seat = Seat.objects.get(person=person)
    assert (seat.beyond_quota, seat.beyond_quota_reason) == (True, reason)
    assert seat.history.get().beyond_quota_reason == reason
    page = client.get(full_council.get_absolute_url()).content.decode()
    assert "au-delà du quota" in page
    assert reason in page


def test_seats_that_count_for_no_full_quota_are_not_refused(full_council):
    institutional = OrganisationFactory(college="institutional")
    community = OrganisationFactory(college="community")

    workflow.save_seat(
        Seat(body=full_council, person=PersonFactory(), organisation=institutional, mode="elected")
    )
    workflow.save_seat(
        Seat(
            body=full_council,
            person=PersonFactory(),
            organisation=community,
            role=SeatRole.OBSERVER,
            mode="designated",
        )
    )
    # One of the four ends yesterday: its place is free today.
    first = Seat.objects.filter(body=full_council, college="community").first()
    Seat.objects.filter(pk=first.pk).update(ends=timezone.localdate() - datetime.timedelta(days=1))
    workflow.save_seat(
        Seat(body=full_council, person=PersonFactory(), organisation=community, mode="elected")
    )

    assert Seat.objects.filter(body=full_council, beyond_quota=True).count() == 0


def test_the_database_refuses_a_seat_beyond_the_quota_without_a_reason(territory):
    with pytest.raises(IntegrityError), transaction.atomic():
        SeatFactory(body=territory["council"], beyond_quota=True, beyond_quota_reason="")


# --- Ending a period says what will happen and when -----------------------------------------


def test_ending_a_seat_today_says_the_person_sits_until_tonight(client, adoc, territory):
    person = PersonFactory(first_name="Marie", last_name="Tremblay")
    seat = SeatFactory(body=territory["council"], person=person)
    today = timezone.localdate()
    client.force_login(adoc)

    response = client.post(
        reverse("governance:seat-end", args=[seat.pk]), {"ends": today.isoformat()}, follow=True
    )

    content = response.content.decode()
    tomorrow = today + datetime.timedelta(days=1)
    assert (
        f"Marie Tremblay siège à Comité conseil jusqu’au {french(today)} inclusivement; "
        f"dès le {french(tomorrow)}, son nom figurera parmi les anciens membres."
    ) in content
    # And every page agrees: a current member today, a former one tomorrow.
    assert Seat.objects.current().filter(pk=seat.pk).exists()
    assert not Seat.objects.current(tomorrow).filter(pk=seat.pk).exists()
    members = response.context["members"]
    assert seat.pk in [member.pk for member in members]


def test_ending_a_seat_in_the_past_says_it_is_over(territory):
    seat = SeatFactory(body=territory["council"])
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    with translation.override("fr"):
        message, _tied = workflow.end_period(seat, yesterday)

    assert "a siégé à Comité conseil jusqu’au" in message
    assert "figure maintenant parmi les anciens membres" in message


def test_ending_an_affiliation_says_when(client, adoc, territory):
    affiliation = AffiliationFactory(organisation=territory["organisation"])
    today = timezone.localdate()
    client.force_login(adoc)

    response = client.post(
        reverse("governance:affiliation-end", args=[affiliation.pk]),
        {"ends": today.isoformat()},
        follow=True,
    )

    assert (
        f"fait partie de Maison de la famille jusqu’au {french(today)} inclusivement"
        in response.content.decode()
    )


# --- The ADOC team's follow-up --------------------------------------------------------------


def test_the_adoc_team_gets_its_follow_up_once(
    adoc, territory, mailoutbox, django_capture_on_commit_callbacks
):
    ending = SeatFactory(
        body=territory["council"],
        person=PersonFactory(first_name="Marie", last_name="Tremblay"),
        ends=timezone.localdate() + datetime.timedelta(days=20),
    )
    english = SeatFactory(body=territory["adoc"], person=PersonFactory(email="sam@example.org"))
    NotificationPreferences.objects.create(person=english.person, language="en")

    with django_capture_on_commit_callbacks(execute=True):
        assert send_follow_up(BASE_URL) == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert send_follow_up(BASE_URL) == 0  # the same day, or the same week: nothing

    by_address = {message.to[0]: message for message in mailoutbox}
    assert set(by_address) == {"adoc@example.org", "sam@example.org"}
    french_one = by_address["adoc@example.org"]
    assert "Marie Tremblay" in french_one.body
    assert french(ending.ends) in french_one.body
    assert "Sièges vacants" in french_one.body
    assert "http://testserver/instances/echeances/" in french_one.body
    english_one = by_address["sam@example.org"]
    assert english_one.subject.startswith("Follow-up of the bodies")
    assert "Vacant seats" in english_one.body
    assert FollowUpSent.objects.count() == 2
    # A week later it goes again.
    later = timezone.localdate() + datetime.timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_follow_up(BASE_URL, on=later) == 2


def test_the_admin_refuses_a_seat_beyond_the_quota_too(admin_client, full_council):
    person = PersonFactory()
    organisation = OrganisationFactory(college="community")
    data = {
        **seat_data(person, organisation),
        "body": full_council.pk,
        "college": "",
        "mrc": "",
        "note": "",
        "beyond_quota_reason": "",
    }

    response = admin_client.post(reverse("admin:governance_seat_add"), data)

    assert response.status_code == 200
    assert "Le quota « Communautaire » de Comité conseil est de 4 sièges" in (
        response.content.decode()
    )
    assert not Seat.objects.filter(person=person).exists()


def test_ending_a_representation_lets_the_person_take_the_other_role(client, adoc, territory):
    organisation = territory["organisation"]
    person = AffiliationFactory(organisation=organisation).person
    delegate = RepresentationFactory(
        organisation=organisation, person=person, starts=datetime.date(2025, 1, 1)
    )
    client.force_login(adoc)
    today = timezone.localdate()

    ended = client.post(
        reverse("governance:representation-end", args=[delegate.pk]),
        {"ends": today.isoformat()},
        follow=True,
    )
    named = client.post(
        reverse("governance:representation-create", args=[organisation.slug]),
        {
            "kind": "substitute",
            "person": person.pk,
            "starts": (today + datetime.timedelta(days=1)).isoformat(),
        },
    )

    assert f"jusqu’au {french(today)} inclusivement; le mandat prend fin dès le" in (
        ended.content.decode()
    )
    assert named.status_code == 302
    assert list(
        Representation.objects.filter(person=person).order_by("starts").values_list("kind", "ends")
    ) == [("delegate", today), ("substitute", None)]
