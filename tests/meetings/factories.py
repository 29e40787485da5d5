import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from meetings.models import (
    ActionItem,
    AgendaItem,
    Decision,
    Mandate,
    Meeting,
    MeetingStatus,
)
from tests.factories import BodyFactory, PersonFactory


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    title = factory.Sequence(lambda n: f"Rencontre {n}")
    starts = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))
    ends = factory.LazyAttribute(lambda meeting: meeting.starts + datetime.timedelta(hours=2))
    place = "Baie-Saint-Paul"
    status = MeetingStatus.PLANNED


class AgendaItemFactory(DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Point {n}")


class DecisionFactory(DjangoModelFactory):
    class Meta:
        model = Decision

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: f"CC-2026-{n + 1:03d}")
    title = factory.Sequence(lambda n: f"Décision {n}")
    text = "Le comité adopte la proposition."


class MandateFactory(DjangoModelFactory):
    class Meta:
        model = Mandate

    meeting = factory.SubFactory(MeetingFactory)
    given_by = factory.SelfAttribute("meeting.body")
    given_to = factory.SubFactory(BodyFactory)
    title = factory.Sequence(lambda n: f"Mandat {n}")


class ActionItemFactory(DjangoModelFactory):
    class Meta:
        model = ActionItem

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Suivi {n}")
    person = factory.SubFactory(PersonFactory)
