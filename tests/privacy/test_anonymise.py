import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from elections.models import Candidacy, Participation
from governance.models import Affiliation, NotificationPreferences, Person, Seat
from meetings.models import (
    ActionItem,
    Attendance,
    CalendarFeed,
    Convocation,
)
from privacy.anonymise import anonymise
from privacy.models import Anonymisation

FORMER = "Ancien·ne partenaire"


def test_adoc_anonymises_after_confirming(client, adoc, partner, records):
    person = records["person"]
    old_name = str(person)
    client.force_login(adoc)
    url = reverse("privacy:person-anonymise", args=[person.pk])

    response = client.post(url, {"confirm": "on"})

    assert response.status_code == 302
    assert response["Location"] == person.get_absolute_url()
    person.refresh_from_db()
    assert str(person) == FORMER
    assert (person.first_name, person.title, person.email, person.phone) == ("", "", "", "")
    assert not person.show_email
    assert not person.show_phone
    anonymisation = Anonymisation.objects.get(person=person)
    assert anonymisation.by == adoc
    # Every earlier version of the record loses the name, email and phone; the rows stay.
    versions = list(Person.history.filter(id=person.pk))
    assert len(versions) >= 2
    assert {(v.first_name, v.last_name, v.email, v.phone, v.title) for v in versions} == {
        ("", FORMER, "", "", "")
    }
    assert not Person.history.filter(last_name__in=[old_name.split()[-1]]).exists()
    assert set(Affiliation.objects.filter(person=person).values_list("role", flat=True)) <= {""}
    assert Affiliation.history.filter(person_id=person.pk).exclude(role="").count() == 0


def test_anonymisation_closes_the_account_and_frees_its_email(client, adoc, partner, records):
    client.force_login(partner)
    assert client.get(reverse("privacy:my-data")).status_code == 200

    anonymise(records["person"], adoc)

    partner.refresh_from_db()
    assert not partner.is_active
    assert partner.email != "partenaire@example.org"
    assert partner.email.endswith(".invalid")
    assert not partner.has_usable_password()
    assert not EmailAddress.objects.filter(email__iexact="partenaire@example.org").exists()
    # The session opened before is over: the next page asks to log in.
    response = client.get(reverse("privacy:my-data"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_anonymisation_removes_what_only_served_to_reach_them(adoc, partner, records):
    person = records["person"]

    anonymise(person, adoc)

    assert not CalendarFeed.objects.filter(person=person).exists()
    assert not NotificationPreferences.objects.filter(person=person).exists()
    assert Candidacy.objects.get(pk=records["candidacy"].pk).statement == ""
    convocation = Convocation.objects.get(meeting=records["meeting"])
    assert convocation.recipients == [
        {"name": FORMER, "email": "", "by": "email"},
        {"name": "Quelqu’un d’autre", "email": "autre@example.org", "by": "email"},
    ]


def test_anonymisation_keeps_the_records(adoc, partner, records):
    person = records["person"]

    anonymise(person, adoc)

    assert Seat.objects.get(pk=records["seat"].pk).person_id == person.pk
    assert Attendance.objects.get(pk=records["attendance"].pk).name == FORMER
    assert ActionItem.objects.get(pk=records["action"].pk).person_id == person.pk
    assert Participation.objects.filter(cast_by=person).count() == 1
    assert Candidacy.objects.filter(person=person).count() == 1


def test_a_person_cannot_be_anonymised_twice(client, adoc, partner, records):
    person = records["person"]
    anonymise(person, adoc)

    with pytest.raises(ValidationError):
        anonymise(person, adoc)

    client.force_login(adoc)
    url = reverse("privacy:person-anonymise", args=[person.pk])
    page = client.get(url)
    assert "déjà été anonymisée" in page.content.decode()
    assert "<form" not in page.content.decode().split("<main")[1]
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 200
    assert Anonymisation.objects.filter(person=person).count() == 1


def test_anonymising_needs_the_box_ticked(client, adoc, partner):
    client.force_login(adoc)

    response = client.post(reverse("privacy:person-anonymise", args=[partner.person.pk]), {})

    assert response.status_code == 200
    assert "Cochez la case pour confirmer" in response.content.decode()
    partner.person.refresh_from_db()
    assert partner.person.email == "partenaire@example.org"
    assert not Anonymisation.objects.exists()


def test_adoc_cannot_anonymise_themselves(client, adoc):
    client.force_login(adoc)

    response = client.post(
        reverse("privacy:person-anonymise", args=[adoc.person.pk]), {"confirm": "on"}
    )

    assert response.status_code == 403
    assert not Anonymisation.objects.exists()


def test_pages_showing_an_anonymised_person_still_render(client, adoc, partner, records, territory):
    anonymise(records["person"], adoc)
    client.force_login(adoc)
    meeting = records["meeting"]

    for url in [
        records["person"].get_absolute_url(),
        territory["organisation"].get_absolute_url(),
        territory["council"].get_absolute_url(),
        meeting.get_absolute_url(),
        reverse("meetings:attendance-csv", args=[meeting.pk]),
        reverse("privacy:access-log"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert FORMER in response.content.decode(), url
    # The election's page lists the candidates only later in its life; it still renders.
    election = client.get(reverse("elections:election-detail", args=[records["election"].pk]))
    assert election.status_code == 200


def test_anonymisation_removes_account_emails_queued_for_them(
    client, adoc, partner, records, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": "partenaire@example.org"})
        client.post(reverse("account_reset_password"), {"email": "autre@example.org"})
    assert DBTaskResult.objects.count() == 2

    anonymise(records["person"], adoc)

    (left,) = DBTaskResult.objects.all()
    assert left.args_kwargs["kwargs"]["to"] == ["autre@example.org"]


def test_anonymisation_ends_what_they_hold_and_their_page_says_so(client, adoc, partner, records):
    from infrastructure.periods import today

    person = partner.person
    assert Seat.objects.current().filter(person=person).exists()

    anonymise(person, adoc)

    for periods in (Seat.objects, Affiliation.objects):
        ends = set(periods.filter(person=person).values_list("ends", flat=True))
        assert ends
        assert all(end is not None and end <= today() for end in ends)
    client.force_login(adoc)
    page = client.get(reverse("governance:person-detail", args=[person.pk])).content.decode()
    assert "a été anonymisée le" in page
    assert "Utilise le portail" not in page
    assert reverse("privacy:person-anonymise", args=[person.pk]) not in page
