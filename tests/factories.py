"""One factory per model, for tests (and the benchmark's bulk data later)."""

import datetime

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.models import User
from chantiers.models import Chantier, ChantierStatus
from governance.models import (
    MRC,
    Affiliation,
    Body,
    BodyKind,
    BodyLink,
    BodyLinkKind,
    College,
    NotificationPreferences,
    Organisation,
    Person,
    Representation,
    RepresentationKind,
    Seat,
    SeatMode,
    SeatQuota,
    SeatRole,
    Sector,
)

PASSWORD = "un-mot-de-passe-solide"


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


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisme {n}")
    slug = factory.Sequence(lambda n: f"organisme-{n}")
    sector = Sector.COMMUNITY
    college = College.COMMUNITY
    mrc = MRC.CHARLEVOIX
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
    college = College.COMMUNITY
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
