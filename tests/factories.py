"""One factory per model, for tests (and the benchmark's bulk data later), grouped by app.

A variant that several tests need is a trait of its factory (`MeetingFactory(held=True)`), not a
factory of its own: one place to read what a held meeting is.
"""

import datetime

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.models import User
from chantiers.models import (
    Chantier,
    ChantierStatus,
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
from elections.models import (
    Candidacy,
    CandidacyStatus,
    Election,
    ElectionCollege,
    ElectionState,
)
from governance.models import (
    Affiliation,
    Body,
    BodyKind,
    BodyLink,
    BodyLinkKind,
    NotificationPreferences,
    Organisation,
    Person,
    Representation,
    RepresentationKind,
    Seat,
    SeatMode,
    SeatQuota,
    SeatRole,
)
from meetings.models import (
    ActionItem,
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
from privacy.models import AccessKind, AccessLog

PASSWORD = "un-mot-de-passe-solide"


# Accounts


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.create(user=self, email=self.email, primary=True, verified=True)


# Governance


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisme {n}")
    slug = factory.Sequence(lambda n: f"organisme-{n}")
    sector = "community"
    college = "community"
    mrc = "charlevoix"
    joined = datetime.date(2020, 1, 1)


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Faker("first_name", locale="fr_CA")
    last_name = factory.Faker("last_name", locale="fr_CA")
    email = factory.Sequence(lambda n: f"personne{n}@example.org")
    phone = "418-555-0100"
    title = "Coordination"


class NotificationPreferencesFactory(DjangoModelFactory):
    """Someone who chose English for their emails, by default."""

    class Meta:
        model = NotificationPreferences

    person = factory.SubFactory(PersonFactory)
    language = "en"


class AffiliationFactory(DjangoModelFactory):
    class Meta:
        model = Affiliation

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "Coordination"
    starts = datetime.date(2020, 1, 1)


class RepresentationFactory(DjangoModelFactory):
    class Meta:
        model = Representation

    organisation = factory.SubFactory(OrganisationFactory)
    person = factory.SubFactory(PersonFactory)
    kind = RepresentationKind.DELEGATE
    starts = datetime.date(2024, 1, 1)


class BodyFactory(DjangoModelFactory):
    class Meta:
        model = Body

    name = factory.Sequence(lambda n: f"Instance {n}")
    slug = factory.Sequence(lambda n: f"instance-{n}")
    kind = BodyKind.CHANTIER
    summary = "Une phrase qui dit son rôle."
    meeting_frequency = "4 fois par année"


class SeatQuotaFactory(DjangoModelFactory):
    class Meta:
        model = SeatQuota

    body = factory.SubFactory(BodyFactory)
    college = "community"
    seats = 4


class BodyLinkFactory(DjangoModelFactory):
    class Meta:
        model = BodyLink

    source = factory.SubFactory(BodyFactory)
    target = factory.SubFactory(BodyFactory)
    kind = BodyLinkKind.REPORTS_TO


class SeatFactory(DjangoModelFactory):
    class Meta:
        model = Seat

    body = factory.SubFactory(BodyFactory)
    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = SeatRole.MEMBER
    mode = SeatMode.DESIGNATED
    starts = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=365))
    ends = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=365))


# Chantiers


class ChantierFactory(DjangoModelFactory):
    class Meta:
        model = Chantier

    name = factory.Sequence(lambda n: f"Chantier {n}")
    slug = factory.Sequence(lambda n: f"chantier-{n}")
    mandate = "Améliorer ce qui compte pour la population."
    status = ChantierStatus.ACTIVE
    committee = factory.SubFactory(
        BodyFactory,
        kind=BodyKind.CHANTIER,
        name=factory.SelfAttribute("..name"),
        slug=factory.LazyAttribute(lambda body: f"comite-{body.factory_parent.slug}"),
    )


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


# Meetings


class MeetingFactory(DjangoModelFactory):
    """A meeting in 10 days; `held=True`: held a month ago, its records published (what the
    calendar, the search and the assembly report read). The records of a held meeting:
    `DecisionFactory(meeting__held=True)`."""

    class Meta:
        model = Meeting

    class Params:
        held = factory.Trait(
            starts=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=30)),
            status=MeetingStatus.HELD,
            published_at=factory.LazyAttribute(lambda meeting: meeting.ends),
        )

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


class AttendanceFactory(DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory, held=True)
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


# Elections


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
        """`seats={"community": 2}`; by default 2 + 2."""
        if create:
            wanted = extracted or {"community": 2, "institutional": 2}
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
    return OrganisationFactory(college="institutional", sector="health", **kwargs)


# Privacy


class AccessLogFactory(DjangoModelFactory):
    class Meta:
        model = AccessLog

    viewer = factory.SubFactory(UserFactory)
    kind = AccessKind.PERSON
    person = factory.SubFactory(PersonFactory)
    path = factory.LazyAttribute(lambda log: f"/repertoire/personnes/{log.person.pk}/")
