from allauth.account.auth_backends import AuthenticationBackend


class EmailLoginBackend(AuthenticationBackend):
    """allauth's login by email, without Django's per-user model permissions.

    Access is decided by the rules in governance/rules.py, and only superusers use the admin,
    so looking up user and group permissions would cost two queries on every page for nothing.
    """

    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()
