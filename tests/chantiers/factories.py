"""Factories of the chantiers' objectives, reports and requests (kept apart from
tests/factories.py to ease merging)."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from chantiers.models import (
    DecisionKind,
    JoinRequest,
    Milestone,
    Objective,
    ObjectiveUpdate,
    ProgressReport,
    ReportDecision,
    ReportStatus,
    ResultKind,
)
from tests.factories import ChantierFactory, OrganisationFactory, PersonFactory


class ObjectiveFactory(DjangoModelFactory):
    class Meta:
        model = Objective

    chantier = factory.SubFactory(ChantierFactory)
    title = factory.Sequence(lambda n: f"Objectif {n}")
    kind = ResultKind.POLICY
    indicator = "Résolutions adoptées"
    target = "2 MRC"
    target_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=180))


class MilestoneFactory(DjangoModelFactory):
    class Meta:
        model = Milestone

    objective = factory.SubFactory(ObjectiveFactory)
    title = factory.Sequence(lambda n: f"Étape {n}")


class ProgressReportFactory(DjangoModelFactory):
    class Meta:
        model = ProgressReport
        skip_postgeneration_save = True

    chantier = factory.SubFactory(ChantierFactory)
    period_start = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=90))
    period_end = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))
    narrative = "Trois rencontres du comité, un portrait des besoins déposé."
    status = ReportStatus.DRAFT

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if create and extracted:
            self.authors.set(extracted)


class ObjectiveUpdateFactory(DjangoModelFactory):
    class Meta:
        model = ObjectiveUpdate

    report = factory.SubFactory(ProgressReportFactory)
    objective = factory.SubFactory(ObjectiveFactory)
    progress = 50
    comment = "Sur la bonne voie."


class ReportDecisionFactory(DjangoModelFactory):
    class Meta:
        model = ReportDecision

    report = factory.SubFactory(ProgressReportFactory)
    kind = DecisionKind.APPROVED
    by = factory.SubFactory(PersonFactory)


class JoinRequestFactory(DjangoModelFactory):
    class Meta:
        model = JoinRequest

    chantier = factory.SubFactory(ChantierFactory)
    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    message = "Notre organisme travaille sur ces enjeux."
