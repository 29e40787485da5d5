import pytest
from allauth.account.models import EmailAddress

from elections.models import Elector, Participation
from governance.models import FollowUpSent, NotificationPreferences
from meetings.models import CalendarFeed, Convocation
from tests.factories import (
    ActionItemFactory,
    AttendanceFactory,
    CandidacyFactory,
    ElectionFactory,
    MeetingFactory,
    SeatFactory,
)


@pytest.fixture
def records(partner, territory):
    """The partner's traces across the portal: a seat, a meeting, a candidacy, a vote cast…"""
    person = partner.person
    EmailAddress.objects.update_or_create(
        user=partner, email=partner.email, defaults={"primary": True, "verified": True}
    )
    seat = SeatFactory(
        body=territory["council"], person=person, organisation=territory["organisation"]
    )
    meeting = MeetingFactory(held=True, body=territory["council"], title="Comité conseil de mars")
    attendance = AttendanceFactory(meeting=meeting, person=person)
    Convocation.objects.create(
        meeting=meeting,
        sent_by=partner,
        recipients=[
            {"name": str(person), "email": person.email, "by": "email"},
            {"name": "Quelqu’un d’autre", "email": "autre@example.org", "by": "email"},
        ],
    )
    action = ActionItemFactory(meeting=meeting, person=person, title="Envoyer le bilan")
    election = ElectionFactory(title="Élection 2026")
    candidacy = CandidacyFactory(
        election=election,
        person=person,
        organisation=territory["organisation"],
        statement="Je suis Marie, de Baie-Saint-Paul.",
        affiliated=False,
    )
    elector = Elector.objects.create(election=election, organisation=territory["organisation"])
    Participation.objects.create(elector=elector, cast_by=person)
    CalendarFeed.objects.create(person=person, token="jeton-secret-du-calendrier")
    NotificationPreferences.objects.create(person=person, language="en")
    FollowUpSent.objects.create(person=person, sent_on=seat.starts)
    return {
        "person": person,
        "seat": seat,
        "meeting": meeting,
        "attendance": attendance,
        "action": action,
        "candidacy": candidacy,
        "election": election,
    }
