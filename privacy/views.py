import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import Person, current_identity
from governance.rules import person_for
from infrastructure.access import permission_required, person_of
from infrastructure.addresses import name_and_address
from privacy import personal_data
from privacy.anonymise import anonymise
from privacy.forms import AnonymiseForm
from privacy.models import AccessKind, AccessLog, Anonymisation
from privacy.receivers import log_access

ACCESS_LOG_PAGE = 50


def privacy_officer():
    """Who answers about personal information: as the administrator wrote it in the
    alliance's identity, else the deployment's PRIVACY_OFFICER setting."""
    identity = current_identity()
    name, email = name_and_address(settings.PRIVACY_OFFICER)
    return {
        "name": identity.privacy_officer or name,
        "email": identity.privacy_email or email,
    }


def policy(request):
    """The privacy policy: public, linked from every page's footer."""
    return render(request, "privacy/policy.html", {"officer": privacy_officer()})


@login_required
def my_data(request):
    """Everything the portal holds about the logged-in person."""
    person = person_of(request.user)
    return render(
        request,
        "privacy/my_data.html",
        {
            "person": person,
            "sections": personal_data.collect(request.user, person),
            "officer": privacy_officer(),
        },
    )


def _download(user, person, name):
    data = {
        "portal": current_identity().name,
        "exported_at": timezone.localtime().isoformat(),
        **personal_data.as_json(personal_data.collect(user, person, full=True)),
    }
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def my_data_json(request):
    return _download(request.user, person_of(request.user), "mes-renseignements.json")


def _person(request, pk, **perms):
    return person_for(request, pk, queryset=Person.objects.select_related("user"), **perms)


@permission_required("governance.view_portal")
def person_data_json(request, pk):
    """The ADOC team answers a written access request, for someone without an account too.
    Someone else's file is not for a partner to know of: 404."""
    person = _person(request, pk, view="privacy.export_person_data")
    log_access(request, AccessKind.EXPORT, person=person)
    return _download(person.user, person, f"renseignements-{person.pk}.json")


@permission_required("governance.view_portal")
def person_anonymise(request, pk):
    """Confirm, then anonymise a person who left (POST only changes anything)."""
    person = _person(request, pk, change="privacy.anonymise_person")
    done = Anonymisation.objects.filter(person=person).select_related("by__person").first()
    # Not `request.POST or None`: a POST without the box ticked is empty, yet must be checked.
    form = AnonymiseForm(request.POST if request.method == "POST" else None)
    if done is None and request.method == "POST" and form.is_valid():
        try:
            anonymise(person, request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("The person was anonymised."))
        return redirect(person)
    return render(
        request,
        "privacy/anonymise_confirm.html",
        {"person": person, "form": form, "done": done},
    )


@permission_required("privacy.view_access_log")
def access_log(request):
    page = Paginator(AccessLog.objects.for_listing(), ACCESS_LOG_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "privacy/access_log.html",
        {
            "page_obj": page,
            "page_range": page.paginator.get_elided_page_range(page.number),
            "anonymisations": Anonymisation.objects.select_related("person", "by__person")[:20],
        },
    )
