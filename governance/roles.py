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


def _seat_on(kind):
    seats = Seat.objects.current().filter(person=OuterRef("pk"), body__kind=kind)
    if kind != BodyKind.ADOC:
        # An ADOC agent supporting a committee does not become one of its members.
        seats = seats.exclude(role=SeatRole.SUPPORT)
    return Exists(seats)


def roles_for(user):
    """The set of roles `user` holds today, computed in one query and kept on the user object."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_portal_roles", None)
    if cached is not None:
        return cached
    roles = set()
    if user.is_superuser:
        roles.add(Role.ADMIN)
    person = (
        Person.objects.filter(user_id=user.pk)
        .annotate(
            affiliated=Exists(
                Affiliation.objects.current().filter(
                    person=OuterRef("pk"), organisation__is_active=True
                )
            ),
            delegate=Exists(
                Representation.objects.current().filter(
                    person=OuterRef("pk"), kind=RepresentationKind.DELEGATE
                )
            ),
            council=_seat_on(BodyKind.COUNCIL),
            chantier=_seat_on(BodyKind.CHANTIER),
            adoc=_seat_on(BodyKind.ADOC),
        )
        .first()
    )
    # Pages read `user.person` too: keep the row just fetched instead of asking again.
    get_user_model().person.related.set_cached_value(user, person)
    if person:
        flags = {
            Role.DELEGATE: person.delegate,
            Role.COUNCIL_MEMBER: person.council,
            Role.CHANTIER_MEMBER: person.chantier,
            Role.ADOC: person.adoc,
        }
        roles.update(role for role, holds in flags.items() if holds)
        if person.affiliated or roles:
            roles.add(Role.PARTNER)
    if Role.ADMIN in roles:
        roles.add(Role.PARTNER)
    user._portal_roles = frozenset(roles)
    return user._portal_roles


def role_labels(user):
    return [Role.LABELS[role] for role in Role.LABELS if role in roles_for(user)]
