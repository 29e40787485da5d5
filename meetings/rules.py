"""Who may see and keep the records of meetings, and the loaders of meetings and their records.

Sitting on a body and coordinating a chantier are governance's predicates (governance.rules):
a chantier's coordination (coordination, chair or vice-chair of its committee) keeps that
committee's records, the ADOC team every body's.
"""

import rules
from django.db.models import Q

from governance.models import Body, BodyKind
from governance.roles import coordinated_committee_ids, seat_roles
from governance.rules import coordinates, is_admin, is_adoc, is_partner, sits_on
from infrastructure.access import get_object_for

keeps_every_record = is_adoc | is_admin


def coordinated_body_ids(user):
    """Chantier committees the user coordinates: they keep those committees' records."""
    return coordinated_committee_ids(user)


def member_body_ids(user):
    return set(seat_roles(user))


def _body(obj):
    """The body a meeting, or a record of a meeting (item, decision, action, document), is of;
    a body is its own."""
    if isinstance(obj, Body):
        return obj
    if hasattr(obj, "meeting_id"):
        obj = obj.meeting
    return obj.body


def _meeting(obj):
    return obj.meeting if hasattr(obj, "meeting_id") else obj


@rules.predicate
def coordinates_body(user, obj):
    return coordinates.test(user, None if obj is None else _body(obj))


@rules.predicate
def sits_on_body(user, obj):
    return obj is not None and sits_on.test(user, _body(obj))


@rules.predicate
def is_published(user, meeting):
    return meeting is not None and _meeting(meeting).is_published


can_keep_records = keeps_every_record | coordinates_body

# Calendar, meeting pages, decisions, mandates: every partner (records as below).
rules.add_perm("meetings.view_meetings", is_partner)
# Minutes, attendance, decisions and documents of one meeting (or of the meeting of a record):
# published ones to every partner; drafts to the body's members and those who keep the records.
rules.add_perm(
    "meetings.view_records", is_partner & (is_published | sits_on_body | can_keep_records)
)
# Preparing, convening and recording meetings: the ADOC team for every body, a chantier's
# coordination for its own committee. Without an object: may keep at least one body's records.
rules.add_perm("meetings.keep_records", can_keep_records)
# Bringing back an earlier version of a record: the ADOC team.
rules.add_perm("meetings.restore_version", keeps_every_record)


@rules.predicate
def mandate_is_readable(user, mandate):
    """A mandate given at a meeting is read with that meeting's records."""
    return mandate is not None and (
        mandate.meeting_id is None or user.has_perm("meetings.view_records", mandate.meeting)
    )


@rules.predicate
def keeps_mandate_records(user, mandate):
    """Keeps the records of the body that gave the mandate or of the one it was given to."""
    return mandate is not None and (
        can_keep_records.test(user, mandate.given_to)
        or can_keep_records.test(user, mandate.given_by)
    )


# A mandate's page: every partner who may read the records of the meeting it was given at.
rules.add_perm("meetings.view_mandate", is_partner & mandate_is_readable)
# Following a mandate up and reading its history: those who keep either body's records.
rules.add_perm("meetings.keep_mandate", keeps_mandate_records)


def visible_meetings(user):
    """Meetings whose records the user may read (see meetings.view_records)."""
    from meetings.models import Meeting

    if not user.has_perm("meetings.view_meetings"):
        return Meeting.objects.none()
    if keeps_every_record(user):
        return Meeting.objects.all()
    bodies = member_body_ids(user) | coordinated_body_ids(user)
    return Meeting.objects.filter(Q(published_at__isnull=False) | Q(body_id__in=bodies))


def editable_bodies(user):
    if keeps_every_record(user):
        return Body.objects.all()
    return Body.objects.filter(pk__in=coordinated_body_ids(user), kind=BodyKind.CHANTIER)


# --- Loaders: the object or 404 / 403 (infrastructure.access.get_object_for) ---------------
#
# A meeting is seen by every partner (the calendar lists them all); its records are seen as
# `meetings.view_records` says. A page about the records of a meeting the user may not read
# answers 404, even a page to change them; a reader who may not keep them gets a 403.


def meeting_for(request, pk, *, view="meetings.view_meetings", change=None, queryset=None):
    """The meeting: `view="meetings.view_records"` for its records' pages, and
    `change="meetings.keep_records"` for the pages that change them (meeting_to_keep)."""
    from meetings.models import Meeting

    queryset = queryset if queryset is not None else Meeting.objects.select_related("body")
    return get_object_for(request, queryset, view=view, change=change, pk=pk)


def meeting_to_keep(request, pk, *, queryset=None):
    """A meeting whose records the user keeps: 404 if they may not read them, else 403."""
    return meeting_for(
        request, pk, view="meetings.view_records", change="meetings.keep_records", queryset=queryset
    )


def item_for(request, pk, *, change=None, queryset=None):
    """An agenda item, as its meeting's records: 404 if they may not be read."""
    from meetings.models import AgendaItem

    queryset = (
        queryset if queryset is not None else AgendaItem.objects.select_related("meeting__body")
    )
    return get_object_for(request, queryset, view="meetings.view_records", change=change, pk=pk)


def item_to_keep(request, pk, *, queryset=None):
    return item_for(request, pk, change="meetings.keep_records", queryset=queryset)


def record_for(request, queryset, pk, *, change=None):
    """A decision, action item, document (anything with a `meeting`) of `queryset`, as its
    meeting's records: 404 if they may not be read, 403 if not `change`."""
    return get_object_for(request, queryset, view="meetings.view_records", change=change, pk=pk)


def mandate_to_keep(request, pk):
    """A mandate whose follow-up the user keeps: 404 if they may not read it, else 403."""
    from meetings.models import Mandate

    queryset = Mandate.objects.select_related("given_by", "given_to", "meeting__body")
    return get_object_for(
        request, queryset, view="meetings.view_mandate", change="meetings.keep_mandate", pk=pk
    )
