"""Factories of the elections app (kept apart from tests/factories.py to ease merging)."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from elections.models import (
    Candidacy,
    CandidacyStatus,
    Election,
    ElectionCollege,
    ElectionState,
)
from governance.models import Body, BodyKind, College
from tests.factories import AffiliationFactory, OrganisationFactory, PersonFactory


def _today():
    return timezone.localdate()


class ElectionFactory(DjangoModelFactory):
    class Meta:
        model = Election
        skip_postgeneration_save = True

    assembly = factory.LazyFunction(lambda: Body.objects.get(kind=BodyKind.ASSEMBLY))
    title = factory.Sequence(lambda n: f"Élection du comité conseil {2020 + n}")
    held_on = factory.LazyFunction(lambda: _today() + datetime.timedelta(days=3))
    term_years = 2
    nominations_open = factory.LazyFunction(lambda: _today() - datetime.timedelta(days=30))
    nominations_close = factory.LazyFunction(lambda: _today() - datetime.timedelta(days=5))
    voting_opens = factory.LazyFunction(lambda: _today() - datetime.timedelta(days=1))
    voting_closes = factory.LazyFunction(lambda: _today() + datetime.timedelta(days=3))
    state = ElectionState.PREPARATION

    @factory.post_generation
    def seats(self, create, extracted, **kwargs):
        """`seats={College.COMMUNITY: 2}`; by default 2 + 2."""
        if create:
            wanted = extracted or {College.COMMUNITY: 2, College.INSTITUTIONAL: 2}
            for college, number in wanted.items():
                ElectionCollege.objects.create(election=self, college=college, seats=number)


class CandidacyFactory(DjangoModelFactory):
    class Meta:
        model = Candidacy
        skip_postgeneration_save = True

    election = factory.SubFactory(ElectionFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    person = factory.SubFactory(PersonFactory)
    statement = "Je souhaite contribuer à l'équilibre du comité."
    status = CandidacyStatus.CONFIRMED

    @factory.post_generation
    def affiliated(self, create, extracted, **kwargs):
        if create and extracted is not False:
            AffiliationFactory(person=self.person, organisation=self.organisation)


def institutional(**kwargs):
    return OrganisationFactory(college=College.INSTITUTIONAL, sector="health", **kwargs)
