"""The portal's roles, derived from the directory and seats rather than stored as flags."""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from governance.models import (
    Affiliation,
    BodyKind,
    Person,
    Representation,
    RepresentationKind,
    Seat,
    SeatRole,
)
from infrastructure.access import person_of
from infrastructure.pagecache import kept_until_changed
from infrastructure.periods import today


class Role:
    PARTNER = "partner"
    DELEGATE = "delegate"
    CHANTIER_MEMBER = "chantier_member"
    COUNCIL_MEMBER = "council_member"
    ADOC = "adoc"
    ADMIN = "admin"

    LABELS = {
        PARTNER: _("Partner"),
        DELEGATE: _("Delegate of an organisation"),
        CHANTIER_MEMBER: _("Member of a chantier"),
        COUNCIL_MEMBER: _("Member of the comité conseil"),
        ADOC: _("ADOC agent"),
        ADMIN: _("Administrator"),
    }


def _seat_on(kind, on=None):
    seats = Seat.objects.current(on).filter(person=OuterRef("pk"), body__kind=kind)
    if kind != BodyKind.ADOC:
        # An ADOC agent supporting a committee does not become one of its members.
        seats = seats.exclude(role=SeatRole.SUPPORT)
    return Exists(seats)


# A user id no real account has: marks where the id goes in the compiled roles query.
_PLACEHOLDER = -7_654_321
# {(database vendor, day): (sql, params, index of the user id in params)}
_compiled = {}


def _roles_query(user_id):
    """The person of `user_id` annotated with what gives each role, as one raw query.

    Building this queryset (five correlated subqueries) costs the ORM a few milliseconds on
    every request; its SQL only changes with the day, so it is compiled once a day per process
    and run with the user's id. Nothing is cached but the SQL: the answer is always fresh.
    """
    from django.db import connection

    day = today()
    key = (connection.vendor, day)
    if key not in _compiled:
        queryset = (
            Person.objects.filter(user_id=_PLACEHOLDER)
            .annotate(
                affiliated=Exists(
                    Affiliation.objects.current(day).filter(
                        person=OuterRef("pk"), organisation__is_active=True
                    )
                ),
                delegate=Exists(
                    Representation.objects.current(day).filter(
                        person=OuterRef("pk"), kind=RepresentationKind.DELEGATE
                    )
                ),
                council=_seat_on(BodyKind.COUNCIL, day),
                chantier=_seat_on(BodyKind.CHANTIER, day),
                adoc=_seat_on(BodyKind.ADOC, day),
            )
            .order_by()[:1]
        )
        sql, params = queryset.query.sql_with_params()
        _compiled.clear()
        _compiled[key] = (sql, params, params.index(_PLACEHOLDER))
    sql, params, index = _compiled[key]
    params = (*params[:index], user_id, *params[index + 1 :])
    return next(iter(Person.objects.raw(sql, params)), None)


def _roles_and_person(user_id):
    """(roles from the directory and seats, the person's row) of `user_id` today: one query,
    kept until the directory or the seats change (infrastructure.pagecache, with Redis)."""

    def compute():
        person = _roles_query(user_id)
        if person is None:
            return frozenset(), None
        flags = {
            Role.DELEGATE: person.delegate,
            Role.COUNCIL_MEMBER: person.council,
            Role.CHANTIER_MEMBER: person.chantier,
            Role.ADOC: person.adoc,
        }
        roles = {role for role, holds in flags.items() if holds}
        if person.affiliated or roles:
            roles.add(Role.PARTNER)
        return frozenset(roles), person

    return kept_until_changed(f"roles:{user_id}:{today().isoformat()}", compute)


def roles_for(user):
    """The set of roles `user` holds today, kept on the user object for the request and, with
    Redis, in the page cache until a record it depends on changes: most requests ask no query
    for it (the query's planning alone cost 0.6 ms on PostgreSQL)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_portal_roles", None)
    if cached is not None:
        return cached
    roles, person = _roles_and_person(user.pk)
    roles = set(roles)
    # Pages read `user.person` too: keep the row just fetched instead of asking again.
    get_user_model().person.related.set_cached_value(user, person)
    # The account's own flag, read from the request's user: never from a kept value.
    if user.is_superuser:
        roles |= {Role.ADMIN, Role.PARTNER}
    user._portal_roles = frozenset(roles)
    return user._portal_roles


def role_labels(user):
    return [Role.LABELS[role] for role in Role.LABELS if role in roles_for(user)]


def _seat_rows(user):
    """[(body id, body kind, seat role)] of `user`'s current seats (ADOC support included), in
    one query kept on the user; none asked for an account without a directory entry."""
    cached = getattr(user, "_portal_current_seats", None)
    if cached is None:
        cached = []
        # roles_for() fetched the directory entry: reading it costs no query.
        if roles_for(user) and person_of(user) is not None:
            cached = kept_until_changed(
                f"seats:{user.pk}:{today().isoformat()}",
                lambda: list(
                    Seat.objects.current()
                    .filter(person__user_id=user.pk)
                    .values_list("body_id", "body__kind", "role")
                ),
            )
        user._portal_current_seats = cached
    return cached


def current_seats(user):
    """[(body id, seat role)] of `user`'s current seats (ADOC support included)."""
    return [(body_id, role) for body_id, _kind, role in _seat_rows(user)]


def seat_roles(user):
    """{body id: {seat roles}} of `user`'s current seats: what every rule about sitting on a
    body (a chantier's committee, a meeting's body) reads."""
    cached = getattr(user, "_portal_seat_roles", None)
    if cached is None:
        cached = {}
        for body_id, _kind, role in _seat_rows(user):
            cached.setdefault(body_id, set()).add(role)
        user._portal_seat_roles = cached
    return cached


# Seats that make someone the coordination of a chantier (its committee's officers).
COORDINATION_ROLES = frozenset({SeatRole.COORDINATION, SeatRole.CHAIR, SeatRole.VICE_CHAIR})


def coordinated_committee_ids(user):
    """The chantier committees `user` coordinates today: a coordination, chair or vice-chair
    seat on a body of kind CHANTIER. The one definition of "coordinates a chantier"."""
    return {
        body_id
        for body_id, kind, role in _seat_rows(user)
        if kind == BodyKind.CHANTIER and role in COORDINATION_ROLES
    }


def audience(user):
    """What a page shared by several viewers (infrastructure.pagecache.shared_page) may depend
    on of its viewer: being logged in, the roles, the current seats (body and role), having a
    directory entry, and the account's staff and superuser flags. Two people with the same
    string see the same shared page but for their own menu; nothing in it names them."""
    if not getattr(user, "is_authenticated", False):
        return "anonymous"
    return repr(
        (
            sorted(roles_for(user)),
            sorted(set(current_seats(user))),
            person_of(user) is not None,
            user.is_staff,
            user.is_superuser,
        )
    )
