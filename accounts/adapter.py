from allauth.account.adapter import DefaultAccountAdapter


class InvitationOnlyAdapter(DefaultAccountAdapter):
    """Accounts are created by invitation only (ADOC team or admin), never by open sign-up."""

    def is_open_for_signup(self, request):
        return False
