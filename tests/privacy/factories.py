"""Factories of the privacy app (kept apart from tests/factories.py to ease merging)."""

import factory
from factory.django import DjangoModelFactory

from privacy.models import AccessKind, AccessLog
from tests.factories import PersonFactory, UserFactory


class AccessLogFactory(DjangoModelFactory):
    class Meta:
        model = AccessLog

    viewer = factory.SubFactory(UserFactory)
    kind = AccessKind.PERSON
    person = factory.SubFactory(PersonFactory)
    path = factory.LazyAttribute(lambda log: f"/repertoire/personnes/{log.person.pk}/")
