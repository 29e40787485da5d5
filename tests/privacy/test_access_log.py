import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from privacy.models import AccessKind, AccessLog
from tests.factories import (
    AccessLogFactory,
    AffiliationFactory,
    AttendanceFactory,
    MeetingFactory,
    PersonFactory,
)


def _log_statements(queries):
    return [q["sql"] for q in queries if "privacy_accesslog" in q["sql"]]


def test_adoc_viewing_a_person_writes_one_row_with_one_insert(client, adoc, partner):
    client.force_login(adoc)
    url = partner.person.get_absolute_url()

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)

    assert response.status_code == 200
    statements = _log_statements(queries.captured_queries)
    assert len(statements) == 1
    assert statements[0].startswith("INSERT")
    log = AccessLog.objects.get()
    assert (log.viewer, log.kind, log.person, log.path) == (
        adoc,
        AccessKind.PERSON,
        partner.person,
        url,
    )


@pytest.mark.parametrize("role", ["partner", "delegate", "council"])
def test_partners_are_not_logged(client, login_as, role, territory):
    someone = PersonFactory(show_email=True)
    login_as(role)

    client.get(someone.get_absolute_url())

    assert not AccessLog.objects.exists()


def test_adoc_viewing_their_own_page_is_not_logged(client, adoc):
    client.force_login(adoc)

    client.get(adoc.person.get_absolute_url())

    assert not AccessLog.objects.exists()


@pytest.mark.parametrize("members", [1, 12])
def test_organisation_page_writes_one_row_whatever_the_members(client, adoc, territory, members):
    for _ in range(members):
        AffiliationFactory(organisation=territory["organisation"])
    client.force_login(adoc)

    client.get(territory["organisation"].get_absolute_url())

    log = AccessLog.objects.get()
    assert (log.kind, log.organisation, log.person) == (
        AccessKind.ORGANISATION,
        territory["organisation"],
        None,
    )


def test_attendance_export_and_json_export_are_logged(client, admin, partner, records):
    client.force_login(admin)

    client.get(reverse("meetings:attendance-csv", args=[records["meeting"].pk]))
    response = client.get(reverse("privacy:person-data-json", args=[partner.person.pk]))

    assert response["Content-Disposition"].startswith("attachment;")
    assert sorted(AccessLog.objects.values_list("kind", flat=True)) == [
        AccessKind.ATTENDANCE,
        AccessKind.EXPORT,
    ]


def test_the_person_sees_who_looked_at_their_information(client, adoc, partner, records, territory):
    client.force_login(adoc)
    client.get(partner.person.get_absolute_url())
    client.get(territory["organisation"].get_absolute_url())
    client.get(reverse("meetings:attendance-csv", args=[records["meeting"].pk]))
    client.get(territory["ciusss"].get_absolute_url())  # not the partner's organisation
    client.logout()
    client.force_login(partner)

    response = client.get(reverse("privacy:my-data"))

    html = response.content.decode()
    section = html.split('id="section-accesses"')[1]
    assert section.count(str(adoc.person)) == 3
    assert "Page de la personne, avec ses coordonnées" in section
    assert "Membres de l’organisation, avec leurs coordonnées" in section
    assert "Liste des présences de la rencontre (export CSV)" in section


@pytest.mark.parametrize("rows", [3, 60])
def test_access_log_page_is_paginated_and_bounded(
    client, adoc, territory, django_assert_max_num_queries, rows
):
    AccessLogFactory.create_batch(rows, viewer=adoc)
    AccessLogFactory(
        viewer=adoc,
        kind=AccessKind.ORGANISATION,
        person=None,
        organisation=territory["organisation"],
        path="/repertoire/",
    )
    client.force_login(adoc)

    with django_assert_max_num_queries(10):
        response = client.get(reverse("privacy:access-log"))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<tr>") == min(rows + 1, 50) + 1
    assert f"{rows + 1} accès" in html


def test_access_log_is_linked_for_the_adoc_team(client, adoc):
    client.force_login(adoc)

    response = client.get(reverse("privacy:policy"))

    assert f'href="{reverse("privacy:access-log")}"' in response.content.decode()


def test_attendance_csv_still_answers_for_partners(client, partner, records):
    client.force_login(partner)
    AttendanceFactory(meeting=records["meeting"], person=PersonFactory())
    meeting = MeetingFactory(held=True, body=records["meeting"].body)

    response = client.get(reverse("meetings:attendance-csv", args=[meeting.pk]))

    assert response.status_code == 200
    assert not AccessLog.objects.exists()


def test_adoc_opening_a_persons_edit_form_is_logged(client, adoc, partner):
    client.force_login(adoc)

    response = client.get(reverse("governance:person-update", args=[partner.person.pk]))

    assert response.status_code == 200
    assert partner.person.email in response.content.decode()
    log = AccessLog.objects.get()
    assert (log.viewer, log.kind, log.person) == (adoc, AccessKind.PERSON, partner.person)


def test_the_administrator_seeing_people_in_the_admin_is_logged(client, admin, territory):
    hidden = PersonFactory(email="cachee@example.org", show_email=False)
    client.force_login(admin)

    listing = client.get(reverse("admin:governance_person_changelist"))
    assert "cachee@example.org" in listing.content.decode()
    assert AccessLog.objects.filter(viewer=admin, person=hidden).count() == 1

    page = client.get(reverse("admin:governance_person_change", args=[hidden.pk]))
    assert "cachee@example.org" in page.content.decode()
    assert AccessLog.objects.filter(viewer=admin, person=hidden).count() == 2
