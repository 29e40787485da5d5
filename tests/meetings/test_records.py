"""Nothing lost: history and restore, concurrent edits, bad input that keeps the rest."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from meetings.models import DOCUMENT_MAX_BYTES, AgendaItem, Decision, Document, Meeting
from tests.factories import AgendaItemFactory, DecisionFactory, MeetingFactory


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def meeting_data(meeting, **changes):
    data = {
        "title": meeting.title,
        "starts": local(meeting.starts),
        "ends": local(meeting.ends),
        "place": meeting.place,
        "online_link": meeting.online_link,
        "notes": meeting.notes,
        "version": meeting.version,
    }
    return {**data, **changes}


def test_history_shows_who_changed_what_and_restores_a_version(client, territory, adoc):
    item = AgendaItemFactory(meeting__body=territory["council"], title="Budget")
    client.force_login(adoc)
    client.post(
        reverse("meetings:minutes-update", args=[item.pk]),
        {"minutes": "Première rédaction", "version": 0},
    )
    client.post(
        reverse("meetings:minutes-update", args=[item.pk]),
        {"minutes": "Rédaction fautive", "version": 1},
    )

    page = client.get(reverse("meetings:history", args=[item.meeting_id])).content.decode()
    assert "Première rédaction" in page
    assert "Rédaction fautive" in page
    assert "Marie" in page or str(adoc.person) in page

    first_edit = item.history.filter(minutes="Première rédaction").get()
    client.post(reverse("meetings:history-restore", args=["item", first_edit.history_id]))
    item.refresh_from_db()
    assert item.minutes == "Première rédaction"
    assert item.version == 3
    assert item.history.count() == 4  # created, two edits, the restore: nothing overwritten


def test_adopted_minutes_cannot_be_restored_to_another_version(client, territory, adoc):
    item = AgendaItemFactory(meeting__body=territory["council"], minutes="Adopté")
    meeting = item.meeting
    original = item.history.earliest()
    item.minutes = "Corrigé avant l'adoption"
    item.save()
    later = MeetingFactory(body=meeting.body, starts=meeting.starts + datetime.timedelta(days=30))
    later.adopt_minutes_of(meeting)
    client.force_login(adoc)

    client.post(reverse("meetings:history-restore", args=["item", original.history_id]))

    item.refresh_from_db()
    assert item.minutes == "Corrigé avant l'adoption"


def test_a_concurrent_edit_is_refused_and_the_input_kept(client, territory, adoc):
    meeting = MeetingFactory(body=territory["council"], title="Titre d'origine")
    other = type(client)()
    client.force_login(adoc)
    other.force_login(adoc)
    url = reverse("meetings:meeting-update", args=[meeting.pk])
    mine = meeting_data(meeting, title="Ma version")
    theirs = meeting_data(meeting, title="Leur version")

    assert other.post(url, theirs).status_code == 302
    response = client.post(url, mine)

    assert response.status_code == 200
    page = response.content.decode()
    assert "a enregistré des modifications" in page
    assert "Leur version" in page
    assert "Ma version" in page
    meeting.refresh_from_db()
    assert meeting.title == "Leur version"


def test_concurrent_minutes_edits_are_refused(client, territory, adoc):
    item = AgendaItemFactory(meeting__body=territory["council"])
    client.force_login(adoc)
    url = reverse("meetings:minutes-update", args=[item.pk])
    client.post(url, {"minutes": "Première", "version": 0})

    response = client.post(url, {"minutes": "Seconde, écrite en même temps", "version": 0})

    assert response.status_code == 200
    item.refresh_from_db()
    assert item.minutes == "Première"


def test_a_meeting_must_end_after_it_starts(client, territory, adoc):
    client.force_login(adoc)
    starts = timezone.now() + datetime.timedelta(days=3)

    response = client.post(
        reverse("meetings:meeting-create"),
        {
            "body": territory["council"].pk,
            "title": "À l'envers",
            "starts": local(starts),
            "ends": local(starts - datetime.timedelta(hours=1)),
            "place": "Clermont",
        },
    )

    assert response.status_code == 200
    assert "doit se terminer après son début" in response.content.decode()
    assert response.context["form"]["title"].value() == "À l'envers"
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("script.exe", b"MZ", "pas autorisée"),
        ("budget.pdf", b"0" * (DOCUMENT_MAX_BYTES + 1), "la limite est de"),
    ],
)
def test_refused_files_say_why_and_keep_the_title(
    client, territory, adoc, settings, tmp_path, name, content, message
):
    settings.MEDIA_ROOT = tmp_path
    meeting = MeetingFactory(body=territory["council"])
    client.force_login(adoc)

    response = client.post(
        reverse("meetings:document-create", args=[meeting.pk]),
        {"title": "Budget détaillé", "file": SimpleUploadedFile(name, content)},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "Budget détaillé" in page
    assert not Document.objects.exists()


def test_a_duplicate_decision_number_is_refused(client, territory, adoc):
    meeting = MeetingFactory(body=territory["council"])
    DecisionFactory(meeting=meeting, number="CC-2026-001")
    client.force_login(adoc)

    response = client.post(
        reverse("meetings:decision-create", args=[meeting.pk]),
        {
            "number": "CC-2026-001",
            "title": "Une autre",
            "text": "Le texte reste là.",
            "mode": "consensus",
            "outcome": "adopted",
        },
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Une autre décision porte déjà ce numéro." in page
    assert "Le texte reste là." in page
    assert Decision.objects.count() == 1


def test_decision_numbers_follow_body_and_year(territory):
    council = territory["council"]
    assembly = territory["assembly"]
    DecisionFactory(meeting__body=council, number="CC-2026-001")
    DecisionFactory(meeting__body=council, number="CC-2026-002")
    DecisionFactory(meeting__body=council, number="CC-2025-009")

    assert Decision.objects.next_number(council, 2026) == "CC-2026-003"
    assert Decision.objects.next_number(council, 2027) == "CC-2027-001"
    assert Decision.objects.next_number(assembly, 2026) == "AP-2026-001"


def test_a_vote_needs_its_counts(client, territory, adoc):
    meeting = MeetingFactory(body=territory["council"])
    client.force_login(adoc)

    response = client.post(
        reverse("meetings:decision-create", args=[meeting.pk]),
        {"number": "CC-2026-001", "title": "Vote", "text": "Texte", "mode": "vote"},
    )

    assert response.status_code == 200
    assert "Indiquez le décompte du vote" in response.content.decode()


def test_reordering_works_without_javascript(client, territory, adoc):
    meeting = MeetingFactory(body=territory["council"])
    first, second, third = (AgendaItemFactory(meeting=meeting, position=n) for n in (1, 2, 3))
    client.force_login(adoc)

    client.post(reverse("meetings:item-move", args=[third.pk]), {"direction": "up"})
    client.post(reverse("meetings:item-move", args=[first.pk]), {"direction": "up"})  # stays

    assert list(AgendaItem.objects.filter(meeting=meeting).values_list("pk", flat=True)) == [
        first.pk,
        third.pk,
        second.pk,
    ]
