"""History complete and readable (issue 14): the generic builder (infrastructure.history), the
history pages of every record kind, and the edit-conflict table comparing displayed values."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone, translation

from governance.forms import OrganisationForm
from governance.history import person_history
from governance.models import Body, Organisation, Person, RepresentationKind
from infrastructure.history import Source, build_history
from meetings import workflow
from meetings.forms import MeetingForm
from meetings.models import (
    ActionItem,
    AttendanceStatus,
    Document,
    MandateStatus,
    Meeting,
    MinutesAmendment,
)
from meetings.workflow import WorkflowError
from privacy.models import AccessLog
from tests.conftest import MANAGERS, OUTSIDE_THE_COUNCIL, ROLES, statuses
from tests.factories import (
    ActionItemFactory,
    AffiliationFactory,
    AgendaItemFactory,
    AttendanceFactory,
    DecisionFactory,
    MandateFactory,
    MeetingFactory,
    OrganisationFactory,
    PersonFactory,
    RepresentationFactory,
    SeatFactory,
)


def organisation_data(organisation, **changes):
    data = {
        "name": organisation.name,
        "acronym": organisation.acronym,
        "sector": organisation.sector,
        "college": organisation.college,
        "mrc": organisation.mrc,
        "address": organisation.address,
        "website": organisation.website,
        "description": organisation.description,
        "joined": organisation.joined.isoformat() if organisation.joined else "",
        "is_active": "on" if organisation.is_active else "",
        "version": organisation.version,
    }
    return {**data, **changes}


# --- The edit-conflict table ---------------------------------------------------------------


@pytest.mark.django_db
def test_conflict_table_flags_only_the_fields_that_really_differ():
    organisation = OrganisationFactory(name="Maison de la famille", sector="community")
    opened = organisation_data(organisation, name="Maison des familles")
    Organisation.objects.filter(pk=organisation.pk).update(name="Maison familiale", version=1)

    form = OrganisationForm(opened, instance=Organisation.objects.get(pk=organisation.pk))
    assert form.is_valid(), form.errors
    assert form.save_unless_changed() is None

    # Only the name differs; the sector, untouched, is the same on both sides.
    assert [label for label, _theirs, _yours in form.conflict] == ["Nom"]
    assert form.conflict[0][1:] == ("Maison familiale", "Maison des familles")


@pytest.mark.django_db
def test_conflict_table_shows_both_sides_as_displayed():
    organisation = OrganisationFactory(sector="community", is_active=True)
    opened = organisation_data(organisation, sector="health", is_active="")
    Organisation.objects.filter(pk=organisation.pk).update(version=1)

    form = OrganisationForm(opened, instance=Organisation.objects.get(pk=organisation.pk))
    assert form.is_valid(), form.errors
    form.save_unless_changed()

    rows = {label: (theirs, yours) for label, theirs, yours in form.conflict}
    assert rows["Secteur"] == (
        "Organisation communautaire",
        "Réseau de la santé et des services sociaux",
    )
    assert rows["Membre en activité"] == ("oui", "non")


def test_conflict_table_leaves_untouched_times_and_related_records_alone(territory, adoc):
    starts = datetime.datetime(2026, 12, 10, 18, 30, 42, tzinfo=datetime.UTC)  # 13 h 30 here
    meeting = MeetingFactory(
        body=territory["council"], starts=starts, title="Avant", responsible=adoc.person
    )
    local = timezone.localtime
    opened = {
        "title": "Le mien",
        "starts": local(meeting.starts).strftime("%Y-%m-%dT%H:%M"),
        "ends": local(meeting.ends).strftime("%Y-%m-%dT%H:%M"),
        "place": meeting.place,
        "responsible": adoc.person.pk,
        "notes": "",
        "version": 0,
    }
    Meeting.objects.filter(pk=meeting.pk).update(title="Le leur", version=1)

    form = MeetingForm(opened, instance=Meeting.objects.get(pk=meeting.pk), bodies=Body.objects)
    assert form.is_valid(), form.errors
    form.save_unless_changed()

    assert [row[1:] for row in form.conflict] == [("Le leur", "Le mien")]


# --- The generic builder (infrastructure.history) ----------------------------------------


def fr():
    return translation.override("fr-ca")


def saved_at(record, moment_utc):
    """Save `record`, its version dated `moment_utc` (django-simple-history's _history_date:
    the history tables themselves are never written to)."""
    record._history_date = moment_utc
    record.save()
    return record


@pytest.mark.django_db
def test_builder_shows_verbose_names_choice_labels_and_yes_no(adoc):
    organisation = OrganisationFactory(name="Maison", sector="community", is_active=True)
    organisation.sector = "health"
    organisation.is_active = False
    organisation._history_user = adoc
    organisation.save()

    with fr():
        entries = build_history([Source(Organisation, {"id": organisation.pk})])

    changed, created = entries
    assert (changed.type, created.type) == ("changed", "created")
    rows = {change.label: (change.old, change.new) for change in changed.changes}
    assert rows == {
        "secteur": ("Organisation communautaire", "Réseau de la santé et des services sociaux"),
        "membre en activité": ("oui", "non"),
    }
    assert changed.author == str(adoc.person)
    assert changed.label == "Maison"


@pytest.mark.django_db
def test_builder_names_related_records_never_their_keys(territory):
    earlier = MeetingFactory(body=territory["council"], title="Rencontre d'octobre")
    later = MeetingFactory(
        body=territory["council"],
        title="Rencontre de novembre",
        starts=earlier.starts + datetime.timedelta(days=30),
    )
    workflow.adopt_minutes(later, earlier)

    with fr():
        entries = build_history([Source(Meeting, {"id": earlier.pk})])

    (change,) = [c for c in entries[0].changes if c.label == "procès-verbal adopté à"]
    assert change.old == "—"
    assert change.new == str(later)
    assert "pk=" not in str([e.changes for e in entries])


@pytest.mark.django_db
def test_builder_names_a_deleted_related_record_by_its_last_values(territory, adoc):
    meeting = MeetingFactory(body=territory["council"])
    item = AgendaItemFactory(meeting=meeting, title="Budget 2027")
    action = ActionItemFactory(meeting=meeting, item=item, person=adoc.person)
    workflow.delete_item(item)  # the action's item is set to nothing, the item is gone

    with fr():
        entries = build_history([Source(ActionItem, {"id": action.pk})])

    created = entries[-1]
    assert {c.label: c.new for c in created.changes}["point de l’ordre du jour"] == (
        "Budget 2027 (n’existe plus)"
    )


@pytest.mark.django_db
def test_builder_leaves_out_the_fields_the_reader_may_not_see():
    person = PersonFactory(email="cachee@example.org", phone="418 555-0101")
    person.email = "autre@example.org"
    person.save()

    entries = build_history([Source(Person, {"id": person.pk}, hidden=frozenset({"email"}))])

    shown_values = str([(c.old, c.new) for entry in entries for c in entry.changes])
    assert "example.org" not in shown_values
    assert "418 555-0101" in shown_values


@pytest.mark.django_db
def test_a_person_history_hides_the_contact_details_its_reader_may_not_see(partner, adoc):
    person = PersonFactory(email="prive@example.org", show_email=False)

    hidden_from = person_history(person, partner)
    seen_by = person_history(person, adoc)

    assert "prive@example.org" not in str([c.new for c in hidden_from[0].changes])
    assert "prive@example.org" in str([c.new for c in seen_by[0].changes])


def test_a_person_history_seen_by_the_adoc_team_is_in_the_access_log(client, adoc, partner):
    client.force_login(adoc)

    client.get(reverse("governance:person-history", args=[partner.person.pk]))

    log = AccessLog.objects.get()
    assert (log.viewer, log.person) == (adoc, partner.person)
    assert log.path == reverse("governance:person-history", args=[partner.person.pk])


def test_a_guest_email_is_not_in_the_meeting_history(client, territory, adoc):
    meeting = MeetingFactory(body=territory["council"])
    AttendanceFactory(
        meeting=meeting, person=None, guest_name="Invitée", guest_email="invitee@example.org"
    )
    client.force_login(adoc)

    page = client.get(reverse("meetings:history", args=[meeting.pk])).content.decode()

    assert "Invitée" in page
    assert "invitee@example.org" not in page


# --- The meeting's history page ---------------------------------------------------------


@pytest.fixture
def held(territory, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return MeetingFactory(body=territory["council"], held=True, title="Comité du 11 novembre")


def test_meeting_history_shows_attendance_documents_and_corrections(client, held, adoc):
    row = AttendanceFactory(meeting=held, person=adoc.person, status=AttendanceStatus.INVITED)
    workflow.record_attendance(held, {row.pk: AttendanceStatus.PRESENT})
    upload = SimpleUploadedFile("odj.pdf", b"%PDF-1.4 ordre du jour")
    workflow.add_document(held, Document(title="Ordre du jour", file=upload), adoc)
    item = AgendaItemFactory(meeting=held, title="Budget", minutes="Adopté.")
    later = MeetingFactory(body=held.body, starts=held.starts + datetime.timedelta(days=30))
    workflow.adopt_minutes(later, held)
    workflow.add_amendment(
        held, MinutesAmendment(item=item, text="Adopté à l'unanimité.", reason="Précision"), adoc
    )
    client.force_login(adoc)

    page = client.get(reverse("meetings:history", args=[held.pk])).content.decode()

    assert "Présence « " in page
    assert "Non consignée" in page or "Non noté" in page or "Présent" in page
    assert "Document « Ordre du jour »" in page
    assert "odj.pdf" in page
    assert "22\xa0octets" in page  # its size, as people read it
    assert "Correction de procès-verbal « Précision »" in page


def test_a_deleted_record_is_named_by_its_last_values(client, held, adoc):
    upload = SimpleUploadedFile("odj.pdf", b"%PDF-1.4 ordre du jour")
    document = workflow.add_document(held, Document(title="Ordre du jour", file=upload), adoc)
    workflow.delete_document(document)
    client.force_login(adoc)

    page = client.get(reverse("meetings:history", args=[held.pk])).content.decode()

    assert "Suppression</strong> ·\n      Document « Ordre du jour »" in page
    assert "pk=None" not in page
    assert "Deleted" not in page
    assert page.count("odj.pdf") == 2  # its values when added, and when deleted


def test_history_times_are_local_and_in_french(client, held, adoc):
    moment = datetime.datetime(2026, 11, 11, 15, 30, tzinfo=datetime.UTC)
    saved_at(AgendaItemFactory.build(meeting=held, title="Budget"), moment)
    client.force_login(adoc)

    page = client.get(reverse("meetings:history", args=[held.pk])).content.decode()

    # 15 h 30 UTC is 10 h 30 in Québec in November.
    assert "11 novembre 2026, 10\xa0h\xa030" in page
    assert 'datetime="2026-11-11T10:30:00-0500"' in page


def test_restore_note_gives_the_restored_version_in_local_time(held, adoc):
    moment = datetime.datetime(2026, 11, 11, 15, 30, tzinfo=datetime.UTC)
    item = saved_at(AgendaItemFactory.build(meeting=held, title="Budget"), moment)
    first = item.history.get()
    item.title = "Budget révisé"
    item.save()

    with fr():
        workflow.restore_version("item", first.history_id, adoc)

    note = item.history.latest().history_change_reason
    assert note == "Version du 11 novembre 2026, 10\xa0h\xa030 restaurée"


def test_restore_stays_refused_for_adopted_minutes(client, held, adoc):
    item = AgendaItemFactory(meeting=held, minutes="Adopté")
    first = item.history.get()
    item.minutes = "Changé"
    item.save()
    later = MeetingFactory(body=held.body, starts=held.starts + datetime.timedelta(days=30))
    workflow.adopt_minutes(later, held)

    with pytest.raises(WorkflowError):
        workflow.restore_version("item", first.history_id, adoc)


def test_adopted_minutes_offer_no_restore_of_their_items(client, held, adoc):
    item = AgendaItemFactory(meeting=held, title="Budget", minutes="Adopté")
    item.minutes = "Changé"
    item.save()
    history = reverse("meetings:history", args=[held.pk])
    restore_budget = 'Restaurer cette version<span class="visually-hidden">\xa0: Budget,'
    client.force_login(adoc)
    assert restore_budget in client.get(history).content.decode()
    later = MeetingFactory(body=held.body, starts=held.starts + datetime.timedelta(days=30))

    workflow.adopt_minutes(later, held)

    assert restore_budget not in client.get(history).content.decode()


# --- The governance and mandate history pages ---------------------------------------------


def test_organisation_history_shows_its_people_representatives_and_seats(client, territory, adoc):
    organisation = territory["organisation"]
    person = PersonFactory(first_name="Julie", last_name="Tremblay")
    AffiliationFactory(person=person, organisation=organisation, role="Direction")
    RepresentationFactory(
        organisation=organisation, person=person, kind=RepresentationKind.SUBSTITUTE
    )
    SeatFactory(body=territory["council"], person=person, organisation=organisation)
    client.force_login(adoc)

    page = client.get(
        reverse("governance:organisation-history", args=[organisation.slug])
    ).content.decode()

    assert "Affiliation « Julie Tremblay – Maison de la famille »" in page
    assert "Représentation « Substitut·e – Maison de la famille : Julie Tremblay »" in page
    assert "Siège « Julie Tremblay – Membre – Comité conseil »" in page
    assert "Organisation « Maison de la famille »" in page


def test_person_history_shows_a_changed_title_with_who_changed_it(client, adoc, partner):
    person = partner.person
    client.force_login(adoc)
    person.title = "Direction générale"
    person._history_user = adoc
    person.save()

    page = client.get(reverse("governance:person-history", args=[person.pk])).content.decode()

    assert "<del>Coordination</del>" in page
    assert "<ins>Direction générale</ins>" in page
    assert str(adoc.person) in page


def test_mandate_history_shows_its_updates(client, territory, adoc):
    mandate = MandateFactory(
        meeting__body=territory["council"], given_to=territory["chantier"].committee
    )
    workflow.update_mandate(mandate, adoc, MandateStatus.IN_PROGRESS, "Première rencontre tenue.")
    client.force_login(adoc)

    page = client.get(reverse("meetings:mandate-history", args=[mandate.pk])).content.decode()

    assert "Première rencontre tenue." in page
    assert "En cours" in page
    assert "<del>À faire</del>" in page


def test_a_mandate_update_is_dated_in_local_time(client, territory, adoc):
    mandate = MandateFactory(meeting__body=territory["council"], title="Transport")
    evening = datetime.datetime(2026, 12, 2, 2, 0, tzinfo=datetime.UTC)  # 21 h, December 1
    workflow.update_mandate(mandate, adoc, MandateStatus.IN_PROGRESS, "Soirée", now=evening)
    client.force_login(adoc)

    page = client.get(reverse("meetings:mandate-history", args=[mandate.pk])).content.decode()

    assert "« Transport – 1er décembre 2026 »" in page
    assert "1er décembre 2026, 21\xa0h\xa000" in page


def test_a_mandate_version_restored_from_its_history_page_comes_back_to_it(client, territory, adoc):
    mandate = MandateFactory(meeting__body=territory["council"], title="Étudier le transport")
    first = mandate.history.get()
    mandate.title = "Titre erroné"
    mandate.save()
    history = reverse("meetings:mandate-history", args=[mandate.pk])
    client.force_login(adoc)
    assert "Restaurer cette version" in client.get(history).content.decode()

    response = client.post(
        reverse("meetings:history-restore", args=["mandate", first.history_id]),
        {"next": history},
    )

    assert response.url == history
    mandate.refresh_from_db()
    assert mandate.title == "Étudier le transport"


def test_history_links_are_shown_to_those_allowed_only(client, territory, adoc, partner):
    organisation = territory["organisation"]
    history = reverse("governance:organisation-history", args=[organisation.slug])
    own_history = reverse("governance:person-history", args=[partner.person.pk])

    client.force_login(partner)
    assert history not in client.get(organisation.get_absolute_url()).content.decode()
    assert own_history in client.get(partner.person.get_absolute_url()).content.decode()
    client.force_login(adoc)
    assert history in client.get(organisation.get_absolute_url()).content.decode()


# --- Who may see them: every new page × every role -----------------------------------------

HISTORY_PAGES = [
    ("governance:organisation-history", "organisation", statuses(MANAGERS)),
    ("governance:person-history", "person", statuses(MANAGERS)),
    ("governance:person-history", "own", statuses(MANAGERS | {"partner"})),
    ("governance:body-history", "body", statuses(MANAGERS)),
    ("meetings:mandate-history", "mandate", statuses(MANAGERS)),
    ("meetings:mandate-history", "draft-mandate", statuses(MANAGERS, hidden=OUTSIDE_THE_COUNCIL)),
    ("meetings:history", "meeting", statuses(MANAGERS)),
]


@pytest.fixture
def targets(territory, partner):
    council = territory["council"]
    published = MeetingFactory(body=council, held=True)
    draft = MeetingFactory(body=council)
    chantier = territory["chantier"].committee
    return {
        "organisation": [territory["organisation"].slug],
        "person": [PersonFactory().pk],
        "own": [partner.person.pk],
        "body": [council.slug],
        "mandate": [MandateFactory(meeting=published, given_to=chantier).pk],
        "draft-mandate": [MandateFactory(meeting=draft, given_to=chantier).pk],
        "meeting": [published.pk],
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "target", "expected"), HISTORY_PAGES)
def test_history_page_answers_each_role_as_expected(
    client, login_as, targets, role, name, target, expected
):
    login_as(role)

    response = client.get(reverse(name, args=targets[target]))

    assert response.status_code == expected(role)
    if response.status_code == 200:
        assert "Historique des modifications" in response.content.decode()


def test_a_chantier_coordination_sees_the_history_of_mandates_given_to_its_committee(
    client, territory, chantier_chair
):
    mandate = MandateFactory(
        meeting__body=territory["council"],
        meeting__held=True,
        given_to=territory["chantier"].committee,
    )
    client.force_login(chantier_chair)

    assert client.get(reverse("meetings:mandate-history", args=[mandate.pk])).status_code == 200


# --- Query counts: constant in the number of versions -------------------------------------


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _grow_meeting(meeting, person, n):
    item = AgendaItemFactory(meeting=meeting, title=f"Point {n}")
    item.minutes = f"Rédaction {n}"
    item.save()
    AttendanceFactory(meeting=meeting, person=PersonFactory())
    DecisionFactory(meeting=meeting, item=item)
    ActionItemFactory(meeting=meeting, item=item, person=person)
    MandateFactory(meeting=meeting, given_to=meeting.body)
    document = Document.objects.create(
        meeting=meeting,
        item=item,
        title=f"Annexe {n}",
        file=SimpleUploadedFile(f"annexe-{n}.pdf", b"%PDF-1.4 annexe"),
        uploaded_by=person.user,
    )
    document.delete()


def test_meeting_history_queries_do_not_grow_with_its_versions(
    client, held, adoc, django_assert_max_num_queries
):
    url = reverse("meetings:history", args=[held.pk])
    client.force_login(adoc)
    _grow_meeting(held, adoc.person, 0)
    few = queries(client, url)
    for n in range(1, 6):
        _grow_meeting(held, adoc.person, n)

    with django_assert_max_num_queries(few):
        page = client.get(url).content.decode()
    assert page.count("Document « Annexe 5 »") == 2  # added, then deleted


def test_directory_history_queries_do_not_grow_with_its_versions(client, territory, adoc):
    organisation = territory["organisation"]
    person = PersonFactory()
    urls = [
        reverse("governance:organisation-history", args=[organisation.slug]),
        reverse("governance:person-history", args=[person.pk]),
        reverse("governance:body-history", args=[territory["council"].slug]),
    ]
    client.force_login(adoc)

    def grow(n):
        AffiliationFactory(person=PersonFactory(), organisation=organisation, role=f"Rôle {n}")
        SeatFactory(body=territory["council"], person=person, organisation=organisation)
        organisation.description = f"Version {n}"
        organisation.save()
        person.title = f"Titre {n}"
        person.save()

    grow(0)
    few = [queries(client, url) for url in urls]
    for n in range(1, 6):
        grow(n)

    assert [queries(client, url) for url in urls] == few


def test_mandate_history_queries_do_not_grow_with_its_updates(client, territory, adoc):
    mandate = MandateFactory(meeting__body=territory["council"])
    url = reverse("meetings:mandate-history", args=[mandate.pk])
    client.force_login(adoc)
    workflow.update_mandate(mandate, adoc, MandateStatus.IN_PROGRESS, "Étape 0")
    few = queries(client, url)
    for n in range(1, 6):
        workflow.update_mandate(mandate, adoc, MandateStatus.IN_PROGRESS, f"Étape {n}")

    assert queries(client, url) == few


def test_quebec_french_times_print_the_hour_once():
    moment = datetime.datetime(2026, 7, 11, 13, 0, tzinfo=datetime.UTC)  # 9 h in Québec

    with fr():
        assert formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT") == (
            "11 juillet 2026, 9\xa0h\xa000"
        )
        assert formats.time_format(timezone.localtime(moment), "TIME_FORMAT") == "9\xa0h\xa000"
