import datetime

from django.conf import settings
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.models.territory import college_choices, sector_choices, territory_choices
from infrastructure.collation import FRENCH
from infrastructure.periods import Period, PeriodQuerySet
from infrastructure.search import Search, search
from infrastructure.versioning import Versioned


class RepresentationKind(models.TextChoices):
    DELEGATE = "delegate", _("Delegate")
    SUBSTITUTE = "substitute", _("Substitute")


# What the directory searches, and how much each weighs (the GIN indexes of migration
# 0008_search hold these same vectors on PostgreSQL).
ORGANISATION_SEARCH_FIELDS = [("name", "A"), ("acronym", "A"), ("description", "B")]
PERSON_SEARCH_FIELDS = [("person__first_name", "A"), ("person__last_name", "A")]


class OrganisationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def search(self, text):
        """Organisations that match every word of `text` in their name, acronym or
        description, in a current member's name, or in the name of a body they sit on
        (« sécurité » finds those of the chantier Sécurité alimentaire); ranked (`search_rank`):
        a match in the name first, then in the description, then the others by name
        (infrastructure.search)."""
        from governance.models.bodies import Seat, SeatRole

        people = search(
            Affiliation.objects.current().filter(organisation=OuterRef("pk")),
            text,
            PERSON_SEARCH_FIELDS,
        )
        seats = search(
            Seat.objects.current()
            .exclude(role=SeatRole.SUPPORT)
            .filter(organisation=OuterRef("pk")),
            text,
            [("body__name", "A")],
        )
        own = Search(text, ORGANISATION_SEARCH_FIELDS, self.db)
        return self.filter(own.condition() | Q(Exists(people)) | Q(Exists(seats))).annotate(
            search_rank=own.rank()
        )

    def sitting_on(self, body):
        """Organisations that hold a current seat on `body` (ADOC support seats do not count)."""
        from governance.models.bodies import Seat, SeatRole

        seats = Seat.objects.current().exclude(role=SeatRole.SUPPORT)
        return self.filter(Exists(seats.filter(organisation=OuterRef("pk"), body=body)))


class Organisation(Versioned):
    """A partner organisation of the alliance (municipality, community group, institution…)."""

    name = models.CharField(_("name"), max_length=200, unique=True, db_collation=FRENCH)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    sector = models.CharField(_("sector"), max_length=20, choices=sector_choices)
    college = models.CharField(
        _("college"),
        max_length=20,
        choices=college_choices,
        help_text=_("Which half of the comité conseil this organisation belongs to."),
    )
    mrc = models.CharField(_("MRC"), max_length=20, choices=territory_choices)
    address = models.TextField(_("address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    joined = models.DateField(_("member since"), null=True, blank=True)
    is_active = models.BooleanField(_("active member"), default=True)

    history = HistoricalRecords()
    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["sector"], name="organisation_sector_idx"),
            models.Index(fields=["college"], name="organisation_college_idx"),
            models.Index(fields=["mrc"], name="organisation_mrc_idx"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("governance:organisation-detail", args=[self.slug])

    def _current_representative(self, kind):
        """Reads `current_representatives` when the view prefetched it."""
        representations = getattr(self, "current_representatives", None)
        if representations is None:
            representations = self.representations.current().select_related("person")
        return next((r.person for r in representations if r.kind == kind), None)

    @property
    def current_delegate(self):
        return self._current_representative(RepresentationKind.DELEGATE)

    @property
    def current_substitute(self):
        return self._current_representative(RepresentationKind.SUBSTITUTE)

    def later_representative(self, kind, starts):
        """A representation of `kind` that starts after `starts`, which a new term would cut."""
        return self.representations.filter(kind=kind, starts__gt=starts).first()

    def name_representative(self, person, kind, starts):
        """Make `person` this organisation's delegate (or substitute) from `starts` on.

        Whoever holds the role on that day has their term closed the day before, so that the
        history says who spoke for the organisation on any day and there is one at a time.
        A term that would start on the same day as the current one replaces it (a correction).
        Callers check `later_representative()` first: a new term cannot start before the
        current one.
        """
        with transaction.atomic():
            holders = self.representations.select_for_update().filter(
                Q(ends__isnull=True) | Q(ends__gte=starts), kind=kind
            )
            for previous in holders:
                if previous.starts < starts:
                    previous.ends = starts - datetime.timedelta(days=1)
                    previous.save(update_fields=["ends"])
                else:
                    # The history table keeps the deleted row.
                    previous.delete()
            return self.representations.create(person=person, kind=kind, starts=starts)


class Person(Versioned):
    """Someone who takes part in the alliance, with or without a portal account."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("account"),
    )
    first_name = models.CharField(_("first name"), max_length=100, db_collation=FRENCH)
    last_name = models.CharField(_("last name"), max_length=100, db_collation=FRENCH)
    title = models.CharField(
        _("title"),
        max_length=150,
        blank=True,
        help_text=_("A pronoun-neutral title, for example “Direction générale”."),
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    # Nothing personal is shown to other partners until the person (or the ADOC team, on their
    # word) says so: privacy by default (Québec's Law 25).
    show_email = models.BooleanField(_("show my email to partners"), default=False)
    show_phone = models.BooleanField(_("show my phone number to partners"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["last_name", "first_name"], name="person_name_idx")]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~Q(email=""),
                name="one_person_per_email",
                violation_error_message=_(
                    "Another person of the directory already has this email address."
                ),
            )
        ]

    def __str__(self):
        # strip(): an anonymised person keeps only a last name (see privacy/anonymise.py).
        return f"{self.first_name} {self.last_name}".strip()

    def get_absolute_url(self):
        return reverse("governance:person-detail", args=[self.pk])


class Affiliation(Period):
    """A person's tie to an organisation, and the role they hold there."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="affiliations", verbose_name=_("person")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="affiliations",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role in the organisation"), max_length=150, blank=True)

    history = HistoricalRecords()
    objects = PeriodQuerySet.as_manager()

    class Meta(Period.Meta):
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        constraints = [
            *Period.Meta.constraints,
            models.UniqueConstraint(
                fields=["person", "organisation"],
                condition=Q(ends__isnull=True),
                name="one_open_affiliation_per_person_and_organisation",
                violation_error_message=_("This person already belongs to this organisation."),
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.organisation}"

    def end(self, on):
        """The person leaves the organisation on `on`: the seats and the representation they
        held for it end too, so that nobody keeps speaking for an organisation they left.

        Returns those seats and representations.
        """
        from governance.models.bodies import Seat

        with transaction.atomic():
            super().end(on)
            still_open = Q(ends__isnull=True) | Q(ends__gt=on)
            tied = [
                *Seat.objects.filter(
                    still_open, person=self.person, organisation=self.organisation
                ),
                *Representation.objects.filter(
                    still_open, person=self.person, organisation=self.organisation
                ),
            ]
            for period in tied:
                if period.starts > on:
                    period.delete()  # never began; the history table keeps it
                else:
                    period.end(on)
        return tied


class Representation(Period):
    """Who speaks and votes for an organisation at the assembly, and from when to when."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="representations",
        verbose_name=_("organisation"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="representations",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("as"), max_length=20, choices=RepresentationKind.choices)

    history = HistoricalRecords()
    objects = PeriodQuerySet.as_manager()

    class Meta(Period.Meta):
        verbose_name = _("representation")
        verbose_name_plural = _("representations")
        ordering = ["-starts"]
        constraints = [
            *Period.Meta.constraints,
            models.UniqueConstraint(
                fields=["organisation", "kind"],
                condition=Q(ends__isnull=True),
                name="one_open_representative_of_each_kind_per_organisation",
                violation_error_message=_(
                    "This organisation already has a current representative of this kind: end "
                    "that term first."
                ),
            ),
            # Delegate and substitute are two people (governance.workflow refuses it first).
            models.UniqueConstraint(
                fields=["organisation", "person"],
                condition=Q(ends__isnull=True),
                name="one_open_representation_per_person_and_organisation",
                violation_error_message=_(
                    "This person already represents this organisation (as delegate or "
                    "substitute): a person holds one representation of an organisation at a "
                    "time."
                ),
            ),
        ]

    def __str__(self):
        return _("%(kind)s – %(organisation)s: %(person)s") % {
            "kind": self.get_kind_display(),
            "organisation": self.organisation,
            "person": self.person,
        }
