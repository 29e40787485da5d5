"""Who may do what, decided here once and used by views and templates alike."""

import rules

from governance.roles import Role, roles_for


def _holds(role):
    @rules.predicate(name=f"holds_{role}")
    def predicate(user):
        return role in roles_for(user)

    return predicate


is_partner = _holds(Role.PARTNER)
is_adoc = _holds(Role.ADOC)
is_admin = _holds(Role.ADMIN)

can_manage_directory = is_adoc | is_admin


@rules.predicate
def shares_email(user, person):
    return person is not None and person.show_email


@rules.predicate
def shares_phone(user, person):
    return person is not None and person.show_phone


@rules.predicate
def is_self(user, person):
    return user.is_authenticated and person is not None and person.user_id == user.pk


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
