"""Factories for the records the finding features read (calendar feeds, search, report)."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceCapacity,
    AttendanceStatus,
    Decision,
    Mandate,
    Meeting,
    MeetingStatus,
    PendingNotification,
)
from tests.factories import BodyFactory, PersonFactory


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    title = factory.Sequence(lambda n: f"Rencontre {n}")
    starts = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    ends = factory.LazyAttribute(lambda m: m.starts + datetime.timedelta(hours=2))
    place = "Salle du conseil, Baie-Saint-Paul"
    status = MeetingStatus.PLANNED


class HeldMeetingFactory(MeetingFactory):
    """A meeting held a month ago, its records published."""

    starts = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=30))
    status = MeetingStatus.HELD
    published_at = factory.LazyAttribute(lambda m: m.ends)


class AgendaItemFactory(DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(HeldMeetingFactory)
    position = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Point {n}")


class DecisionFactory(DjangoModelFactory):
    class Meta:
        model = Decision

    meeting = factory.SubFactory(HeldMeetingFactory)
    number = factory.Sequence(lambda n: f"CC-2026-{n + 1:03d}")
    title = factory.Sequence(lambda n: f"Résolution {n}")
    text = "Il est résolu d’adopter la proposition."


class MandateFactory(DjangoModelFactory):
    class Meta:
        model = Mandate

    meeting = factory.SubFactory(HeldMeetingFactory)
    given_by = factory.SelfAttribute("meeting.body")
    given_to = factory.SubFactory(BodyFactory)
    title = factory.Sequence(lambda n: f"Mandat {n}")


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
