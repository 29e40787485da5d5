"""The account pages of allauth that the portal replaces."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def email_managed_by_adoc(request):
    """Instead of allauth's email management: the address of an account is the address the
    ADOC team keeps in the directory (invitations, logins and messages all go there), so a
    partner neither adds another nor changes it here; nothing posted is taken."""
    status = 403 if request.method == "POST" else 200
    return render(request, "account/email_managed.html", status=status)
