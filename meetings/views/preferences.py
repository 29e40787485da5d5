"""One's email preferences: right away or in a weekly digest, and in which language."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from governance.models import NotificationPreferences
from infrastructure.access import require_person
from meetings.forms import NotificationPreferencesForm
from meetings.views.common import partners_only


@partners_only
def email_preferences(request):
    person = require_person(request)
    try:
        preferences = person.notification_preferences
    except NotificationPreferences.DoesNotExist:
        preferences = NotificationPreferences(person=person)
    form = NotificationPreferencesForm(request.POST or None, instance=preferences)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your email preferences were saved."))
        return redirect("meetings:email-preferences")
    return render(
        request,
        "meetings/email_preferences.html",
        {"form": form, "person": person, "pending": person.pending_notifications.count()},
    )
