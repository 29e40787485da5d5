"""Who sits where and who speaks for whom: every change of seats, representations and
affiliations, one function per move, each in one transaction.

- a person holds at most one open representation of an organisation (delegate or substitute,
  not both at once); the database holds it too
  (`one_open_representation_per_person_and_organisation`);
- a voting seat beyond a body's declared quota (per college and/or MRC, see SeatQuota) is
  refused, unless whoever records it ticks the override and gives a reason; both are kept on
  the seat, so in its history, and shown on the body's page;
- a period (seat, affiliation, representation) ends on its last day, inclusive: whoever holds
  it is a current member through that day and a former one from the next (see
  infrastructure.periods); `end_period` says so in the words it returns.

Views, the admin, the demo and the commands call these functions; they raise
GovernanceError with a message for the person (and the form field it is about) when a rule
refuses, and change nothing then.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from governance.models import Body, Representation, Seat
from infrastructure import display
from infrastructure.periods import today


class GovernanceError(Exception):
    """A move the rules of the directory do not allow; `message` is for the person, `field`
    names the form field it is about, when there is one."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


def _date(day):
    return display.day(day)


# --- Representations ------------------------------------------------------------------------


def other_open_representation(organisation, person, kind, starts):
    """A representation of the organisation that `person` holds, of another kind than `kind`,
    still open on or after `starts` (which a new term of `kind` would overlap)."""
    held = Representation.objects.filter(organisation=organisation, person=person).filter(
        Q(ends__isnull=True) | Q(ends__gte=starts)
    )
    return held.exclude(kind=kind).first()


def one_role_at_a_time(other):
    """Why a person holding `other` cannot take the organisation's other role."""
    return _(
        "%(person)s is already %(role)s of %(organisation)s: a person represents an "
        "organisation in one role at a time. Name someone else, or first end their term as "
        "%(role)s."
    ) % {
        "person": other.person,
        "role": other.get_kind_display().lower(),
        "organisation": display.de(other.organisation),
    }


@transaction.atomic
def name_representative(organisation, person, kind, starts):
    """Make `person` the organisation's delegate (or substitute) from `starts` on; whoever
    held that role has their term closed the day before (Organisation.name_representative).

    Refused when the person already represents the organisation in the other role on those
    days, or when a later term of the role would be cut."""
    if later := organisation.later_representative(kind, starts):
        raise GovernanceError(
            _(
                "%(person)s holds this role from %(date)s; a new term must start on or "
                "after that day."
            )
            % {"person": later.person, "date": _date(later.starts)},
            field="starts",
        )
    if other := other_open_representation(organisation, person, kind, starts):
        raise GovernanceError(one_role_at_a_time(other), field="person")
    try:
        with transaction.atomic():
            return organisation.name_representative(person, kind, starts)
    except IntegrityError:  # named by someone else a moment before
        raise GovernanceError(
            _(
                "This person already represents this organisation (as delegate or substitute): "
                "a person holds one representation of an organisation at a time."
            ),
            field="person",
        ) from None


# --- Seats ----------------------------------------------------------------------------------


def quotas_exceeded(seat):
    """The declared quotas of the seat's body that `seat` (saved or not, its college and MRC
    as it will be saved with) would take beyond their number of seats on the day it starts,
    each as (quota, seats already filled that day)."""
    if not seat.is_voting:
        return []
    college = seat.college or (seat.organisation.college if seat.organisation_id else "")
    mrc = seat.mrc or (seat.organisation.mrc if seat.organisation_id else "")
    probe = Seat(college=college, mrc=mrc)
    others = list(
        Seat.objects.current(seat.starts)
        .voting()
        .filter(body_id=seat.body_id)
        .exclude(pk=seat.pk)
        .only("college", "mrc")
    )
    exceeded = []
    for quota in seat.body.quotas.all():
        if quota.counts(probe):
            filled = sum(1 for other in others if quota.counts(other))
            if filled >= quota.seats:
                exceeded.append((quota, filled))
    return exceeded


def _refuse_beyond_quota(seat):
    if seat.beyond_quota:
        if not seat.beyond_quota_reason.strip():
            raise GovernanceError(
                _("Say why this seat goes beyond the body’s quota."),
                field="beyond_quota_reason",
            )
        return
    seat.beyond_quota_reason = ""
    exceeded = quotas_exceeded(seat)
    if exceeded:
        quota, filled = exceeded[0]
        raise GovernanceError(
            _(
                "The quota “%(group)s” of %(body)s is %(seats)s seats, and %(filled)s are "
                "filled on %(date)s: this seat would go beyond it. Tick “Beyond the quota” "
                "and say why to record it all the same."
            )
            % {
                "group": quota.label,
                "body": seat.body,
                "seats": quota.seats,
                "filled": filled,
                "date": _date(seat.starts),
            },
            field="beyond_quota",
        )


def _refuse_overlap(seat):
    overlapping = (
        Seat.objects.filter(body_id=seat.body_id, person_id=seat.person_id)
        .exclude(pk=seat.pk)
        .exclude(ends__lt=seat.starts)
    )
    if seat.ends:
        overlapping = overlapping.filter(starts__lte=seat.ends)
    if overlapping.exists():
        raise GovernanceError(
            _("This person already holds a seat on this body for these dates."), field="person"
        )


def check_seat(seat):
    """Refuse (GovernanceError) a seat whose person already sits on the body on those days,
    or a voting seat beyond a declared quota without the override and its reason. Without
    the override, a reason typed is not kept."""
    _refuse_overlap(seat)
    _refuse_beyond_quota(seat)


@transaction.atomic
def save_seat(seat):
    """Record a new or edited seat (not saved yet), once `check_seat` allows it."""
    # One seat recorded at a time per body: two at once cannot both take the last place.
    Body.objects.select_for_update().filter(pk=seat.body_id).first()
    check_seat(seat)
    seat.save()
    return seat


# --- Ending a period ------------------------------------------------------------------------


def end_message(period, on):
    """What ending `period` on `on` (its last day, inclusive) does, and when, in words."""
    from governance.models import Affiliation

    values = {"person": period.person, "last": _date(on)}
    values["next"] = _date(on + datetime.timedelta(days=1))
    if isinstance(period, Seat):
        values["body"] = period.body
        if on >= today():
            return (
                _(
                    "%(person)s sits on %(body)s until %(last)s inclusive; from %(next)s, "
                    "they are listed among its former members."
                )
                % values
            )
        return (
            _(
                "%(person)s sat on %(body)s until %(last)s; they are now listed among its "
                "former members."
            )
            % values
        )
    values["organisation"] = display.de(period.organisation)
    if isinstance(period, Affiliation):
        if on >= today():
            return (
                _(
                    "%(person)s belongs to %(organisation)s until %(last)s inclusive; from "
                    "%(next)s, they are listed among its former members."
                )
                % values
            )
        return (
            _(
                "%(person)s belonged to %(organisation)s until %(last)s; they are now listed "
                "among its former members."
            )
            % values
        )
    values["role"] = period.get_kind_display().lower()
    if on >= today():
        return (
            _(
                "%(person)s is %(role)s of %(organisation)s until %(last)s inclusive; the term "
                "is over from %(next)s."
            )
            % values
        )
    return _("%(person)s was %(role)s of %(organisation)s until %(last)s.") % values


@transaction.atomic
def end_period(period, on):
    """End a seat, an affiliation or a representation on `on`, its last day (inclusive).
    Ending an affiliation ends the seats and representations held for the organisation too.
    Returns (the words saying what happens and when, the periods ended with it)."""
    if on < period.starts:
        raise GovernanceError(
            _("This cannot end before it starts (%(date)s).") % {"date": _date(period.starts)},
            field="ends",
        )
    tied = period.end(on) or []
    return end_message(period, on), tied
