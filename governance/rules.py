"""Who may do what, decided here once and used by views and templates alike.

The role predicates every app uses are defined here, once: holding a role (partner, delegate,
comité conseil member, ADOC agent, administrator), having a directory entry, sitting on a body,
coordinating a chantier. Below them, the loaders of the directory's objects (organisation,
person, body) for the views.
"""

import rules

from governance.models import Body, Organisation, Person
from governance.roles import Role, coordinated_committee_ids, roles_for, seat_roles
from infrastructure.access import get_object_for, person_of


def _holds(role):
    @rules.predicate(name=f"holds_{role}")
    def predicate(user):
        return role in roles_for(user)

    return predicate


is_partner = _holds(Role.PARTNER)
is_delegate = _holds(Role.DELEGATE)
is_council_member = _holds(Role.COUNCIL_MEMBER)
is_adoc = _holds(Role.ADOC)
is_admin = _holds(Role.ADMIN)

can_manage_directory = is_adoc | is_admin


@rules.predicate
def has_a_person(user):
    """A directory entry: who signs a report, a request or a candidacy (not a bare admin)."""
    return person_of(user) is not None


def _body_id(body):
    return body if isinstance(body, int) else body.pk


@rules.predicate
def sits_on(user, body):
    """A current seat on `body` (a Body or its id), whatever its role, ADOC support included."""
    return body is not None and _body_id(body) in seat_roles(user)


@rules.predicate
def coordinates(user, body):
    """Coordinates the chantier whose committee is `body` (a Body or its id): see
    governance.roles.coordinated_committee_ids. Without a body: coordinates at least one."""
    if body is None:
        return bool(coordinated_committee_ids(user))
    return _body_id(body) in coordinated_committee_ids(user)


@rules.predicate
def shares_email(user, person):
    return person is not None and person.show_email


@rules.predicate
def shares_phone(user, person):
    return person is not None and person.show_phone


@rules.predicate
def is_self(user, person):
    return user.is_authenticated and person is not None and person.user_id == user.pk


@rules.predicate
def is_own_entry(user, obj):
    """`obj` is the user's own directory entry (which they edit on their profile)."""
    return isinstance(obj, Person) and obj.user_id is not None and obj.user_id == user.pk


# Reading the published portal: every partner.
rules.add_perm("governance.view_portal", is_partner)
# Keeping the directory, bodies and seats up to date, and inviting people: the ADOC team.
rules.add_perm("governance.manage_directory", can_manage_directory)
# The emails the portal sent, their failures, and sending one again: the ADOC team.
rules.add_perm("governance.view_sends", can_manage_directory)
# The Django admin: administrators only.
rules.add_perm("governance.use_admin", is_admin)
# Personal details are for logged-in partners only, and as each person chose.
rules.add_perm(
    "governance.view_email", can_manage_directory | is_self | (is_partner & shares_email)
)
rules.add_perm(
    "governance.view_phone", can_manage_directory | is_self | (is_partner & shares_phone)
)
# The directory's pages: every partner.
rules.add_perm("governance.view_organisation", is_partner)
rules.add_perm("governance.view_person", is_partner)
rules.add_perm("governance.view_body", is_partner)
# The history of an organisation, a person or a body (with their affiliations, representations
# and seats): those who may change them, the ADOC team, and a person for their own entry.
rules.add_perm("governance.view_history", can_manage_directory | is_own_entry)


# --- Loaders: the object or 404 / 403 (infrastructure.access.get_object_for) ---------------


def _queryset(queryset, model):
    return queryset if queryset is not None else model.objects.all()


def organisation_for(request, slug, *, change=None, queryset=None):
    return get_object_for(
        request,
        _queryset(queryset, Organisation),
        view="governance.view_organisation",
        change=change,
        slug=slug,
    )


def person_for(request, pk, *, view="governance.view_person", change=None, queryset=None):
    return get_object_for(request, _queryset(queryset, Person), view=view, change=change, pk=pk)


def body_for(request, slug, *, change=None, queryset=None):
    return get_object_for(
        request, _queryset(queryset, Body), view="governance.view_body", change=change, slug=slug
    )
