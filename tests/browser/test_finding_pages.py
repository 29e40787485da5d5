"""The finding pages in a real browser: accessible (axe), valid HTML, one h1, no console error."""

import datetime

import html5lib
import pytest
from django.utils import timezone

from governance.models import Body, BodyKind, Person
from meetings import feeds
from meetings.models import AttendanceStatus, MeetingStatus
from tests.browser.conftest import log_in
from tests.browser.test_crawl import AXE_SCRIPT, check, nu_validator_errors
from tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    DecisionFactory,
    MandateFactory,
    MeetingFactory,
    PendingNotificationFactory,
)

pytestmark = pytest.mark.browser


def records():
    """An assembly to report on and records to find, on top of the demo territory."""
    assembly = Body.objects.get(kind=BodyKind.ASSEMBLY)
    council = Body.objects.get(kind=BodyKind.COUNCIL)
    now = timezone.now()
    MeetingFactory(held=True, body=assembly, starts=now - datetime.timedelta(days=200))
    upcoming = MeetingFactory(body=assembly, starts=now + datetime.timedelta(days=10))
    held = MeetingFactory(
        held=True, body=council, title="Comité sur le transport", notes="Transport"
    )
    MeetingFactory(
        body=council,
        title="Comité annulé",
        status=MeetingStatus.CANCELLED,
        cancellation_reason="Tempête",
    )
    AgendaItemFactory(meeting=held, title="Navette", minutes="Le transport <b>avance</b>.")
    DecisionFactory(meeting=held, title="Appui au transport", number="CC-2099-001")
    MandateFactory(meeting=held, given_to=council, title="Transport collectif")
    for person, status in zip(
        Person.objects.filter(seats__body=council)[:3],
        [AttendanceStatus.PRESENT, AttendanceStatus.EXCUSED, AttendanceStatus.ABSENT],
        strict=False,
    ):
        AttendanceFactory(meeting=held, person=person, status=status)
    partner = Person.objects.get(email="partenaire@example.org")
    PendingNotificationFactory(person=partner)
    return upcoming


@pytest.mark.parametrize("email", ["partenaire@example.org", "adoc@example.org"])
def test_finding_pages_are_sound(demo, new_page, live_server, email, tmp_path):
    upcoming = records()
    # The calendar addresses as the page's button makes them (reading the page creates none).
    feeds.feed_of(Person.objects.get(email=email))
    page = new_page()
    page.context.add_init_script(path=AXE_SCRIPT)
    log_in(page, email)
    parser = html5lib.HTMLParser(strict=True)
    paths = [
        "/rencontres/mon-calendrier/",
        "/mes-courriels/",
        "/recherche/",
        "/recherche/?q=transport",
        "/recherche/?q=introuvable",
        f"/rencontres/{upcoming.pk}/rapport/",
    ]
    pages, problems = {}, []
    for path in paths:
        body, found, _links, _axe_runs = check(page, live_server.url, path, parser)
        pages[path] = body
        problems += found

    problems += nu_validator_errors({p: b for p, b in pages.items() if b}, tmp_path)
    assert problems == []
    assert "CC-2099-001" in pages[f"/rencontres/{upcoming.pk}/rapport/"]
    assert "<mark>" in pages["/recherche/?q=transport"]
    assert "webcal://" in pages["/rencontres/mon-calendrier/"]
