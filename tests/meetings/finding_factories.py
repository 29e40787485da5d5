"""Factories for the records the finding features read (calendar feeds, search, report):
those of tests/meetings/factories.py, held and published by default."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from meetings.models import (
    Attendance,
    AttendanceCapacity,
    AttendanceStatus,
    MeetingStatus,
    PendingNotification,
)
from tests.factories import PersonFactory
from tests.meetings import factories


class MeetingFactory(factories.MeetingFactory):
    starts = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    place = "Salle du conseil, Baie-Saint-Paul"


class HeldMeetingFactory(MeetingFactory):
    """A meeting held a month ago, its records published."""

    starts = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=30))
    status = MeetingStatus.HELD
    published_at = factory.LazyAttribute(lambda m: m.ends)


# The records of a held, published meeting, unless told otherwise.
class AgendaItemFactory(factories.AgendaItemFactory):
    meeting = factory.SubFactory(HeldMeetingFactory)


class DecisionFactory(factories.DecisionFactory):
    meeting = factory.SubFactory(HeldMeetingFactory)


class MandateFactory(factories.MandateFactory):
    meeting = factory.SubFactory(HeldMeetingFactory)


class AttendanceFactory(DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(HeldMeetingFactory)
    person = factory.SubFactory(PersonFactory)
    capacity = AttendanceCapacity.MEMBER
    voting = True
    status = AttendanceStatus.PRESENT


class PendingNotificationFactory(DjangoModelFactory):
    class Meta:
        model = PendingNotification

    person = factory.SubFactory(PersonFactory)
    kind = "records"
    subject = factory.Sequence(lambda n: f"Procès-verbal publié {n}")
    url = factory.Sequence(lambda n: f"http://testserver/rencontres/{n}/")
