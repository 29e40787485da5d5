"""Who may see and keep the records of meetings."""

import rules
from django.db.models import Q

from governance.models import BodyKind, SeatRole
from governance.roles import Role, current_seats, roles_for
from governance.rules import is_admin, is_adoc, is_partner

keeps_every_record = is_adoc | is_admin


def seats_of(user):
    """{body_id: role} of the user's current seats, one query, kept on the user."""
    cached = getattr(user, "_portal_seats", None)
    if cached is not None:
        return cached
    seats = {}
    if user.is_authenticated and roles_for(user) - {Role.ADMIN}:
        # The same query as the chantiers' rules (governance.roles.current_seats).
        seats = dict(current_seats(user))
    user._portal_seats = seats
    return seats


def coordinated_body_ids(user):
    """Chantier committees the user coordinates: they keep those committees' records."""
    return {body_id for body_id, role in seats_of(user).items() if role == SeatRole.COORDINATION}


def member_body_ids(user):
    return set(seats_of(user))


def _body(obj):
    return getattr(obj, "body", obj)


@rules.predicate
def coordinates_body(user, obj):
    if obj is None:
        return bool(coordinated_body_ids(user))
    body = _body(obj)
    return body.kind == BodyKind.CHANTIER and body.pk in coordinated_body_ids(user)


@rules.predicate
def sits_on_body(user, obj):
    return obj is not None and _body(obj).pk in member_body_ids(user)


@rules.predicate
def is_published(user, meeting):
    return meeting is not None and meeting.is_published


can_keep_records = keeps_every_record | coordinates_body

# Calendar, meeting pages, decisions, mandates: every partner (records as below).
rules.add_perm("meetings.view_meetings", is_partner)
# Minutes, attendance, decisions and documents of one meeting: published ones to every
# partner; drafts to the body's members and those who keep the records.
rules.add_perm(
    "meetings.view_records", is_partner & (is_published | sits_on_body | can_keep_records)
)
# Preparing, convening and recording meetings: the ADOC team for every body, a chantier's
# coordination for its own committee. Without an object: may keep at least one body's records.
rules.add_perm("meetings.keep_records", can_keep_records)
# Bringing back an earlier version of a record: the ADOC team.
rules.add_perm("meetings.restore_version", keeps_every_record)


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
    from governance.models import Body

    if keeps_every_record(user):
        return Body.objects.all()
    return Body.objects.filter(pk__in=coordinated_body_ids(user), kind=BodyKind.CHANTIER)
