from collections import defaultdict

import filetype
from django.contrib import messages
from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView

from governance import followup
from governance.followup import TERM_END_NOTICE_DAYS
from governance.forms import (
    AffiliationForm,
    ContactPreferencesForm,
    DirectoryFilterForm,
    EndPeriodForm,
    OrganisationForm,
    PersonCreateForm,
    PersonForm,
    RepresentationForm,
    SeatForm,
)
from governance.history import body_history as body_versions
from governance.history import organisation_history as organisation_versions
from governance.history import person_history as person_versions
from governance.invitations import InvitationError, invite
from governance.models import (
    Affiliation,
    AllianceIdentity,
    Body,
    BodyKind,
    BodyLink,
    Organisation,
    Person,
    Representation,
    Seat,
    SeatRole,
    current_identity,
)
from governance.organigram import Organigram
from governance.roles import audience
from governance.rules import body_for, organisation_for, person_for
from governance.signals import personal_info_viewed
from governance.workflow import GovernanceError
from infrastructure import display
from infrastructure.access import (
    PartnerRequiredMixin,
    get_object_for,
    permission_required,
    require_person,
)
from infrastructure.outbox import max_attempts, recent_sends, requeue
from infrastructure.pagecache import cached_page, shared_page
from infrastructure.periods import today
from infrastructure.uploads import SAMPLE_BYTES

# Past members listed on a body's page before the link to its full history.
PAST_SHOWN = 20


@shared_page(audience)
@permission_required("governance.view_portal")
def organigram(request):
    return render(request, "governance/organigram.html", {"organigram": Organigram.build()})


@method_decorator(cached_page, name="dispatch")
class BodyDetailView(PartnerRequiredMixin, DetailView):
    model = Body
    queryset = Body.objects.prefetch_related(
        "quotas",
        Prefetch("outgoing_links", queryset=BodyLink.objects.select_related("target")),
        Prefetch("incoming_links", queryset=BodyLink.objects.select_related("source")),
    )

    def get_object(self, queryset=None):
        return body_for(self.request, self.kwargs["slug"], queryset=self.get_queryset())

    def get_context_data(self, **kwargs):
        body = self.object
        on = today()
        seats = sorted(
            body.seats.exclude(ends__lt=on).for_listing(),
            key=lambda seat: (seat.rank, seat.person.last_name, seat.person.first_name),
        )
        body.current_seats = [seat for seat in seats if seat.is_current]
        # The most recent past members; the full history has its own, paginated, page.
        past_seats = list(body.seats.past(on).for_listing().order_by("-ends")[: PAST_SHOWN + 1])
        context = super().get_context_data(
            members=[seat for seat in body.current_seats if seat.role != SeatRole.SUPPORT],
            agents=[seat for seat in body.current_seats if seat.role == SeatRole.SUPPORT],
            incoming_seats=[seat for seat in seats if seat.starts > on],
            past_seats=past_seats[:PAST_SHOWN],
            more_past_seats=len(past_seats) > PAST_SHOWN,
            ending_soon={
                seat.pk
                for seat in body.current_seats
                if seat.ends and (seat.ends - on).days <= TERM_END_NOTICE_DAYS
            },
            notice_days=TERM_END_NOTICE_DAYS,
            composition=body.composition(),
            **kwargs,
        )
        if body.kind == BodyKind.ASSEMBLY:
            context["member_organisations"] = Organisation.objects.active().prefetch_related(
                Prefetch(
                    "representations",
                    queryset=Representation.objects.current().select_related("person"),
                    to_attr="current_representatives",
                )
            )
        return context


class BodyPastMembersView(PartnerRequiredMixin, ListView):
    """Everyone who ever sat on a body, most recent first."""

    template_name = "governance/body_past_members.html"
    context_object_name = "seats"
    paginate_by = 50

    def get_queryset(self):
        self.body = body_for(self.request, self.kwargs["slug"])
        return self.body.seats.past().for_listing().order_by("-ends", "person__last_name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(body=self.body, **kwargs)
        page = context["page_obj"]
        context["page_range"] = page.paginator.get_elided_page_range(page.number)
        return context


@permission_required("governance.view_portal")
def adoc_team(request):
    team = Body.objects.filter(kind=BodyKind.ADOC).first()
    agents = []
    if team:
        agents = list(
            team.seats.current()
            .select_related("person", "organisation")
            .order_by("person__last_name", "person__first_name")
        )
        supported = defaultdict(list)
        support_seats = (
            Seat.objects.current()
            .filter(role=SeatRole.SUPPORT, person__in=[seat.person_id for seat in agents])
            .select_related("body")
            .order_by("body__position", "body__name")
        )
        for seat in support_seats:
            supported[seat.person_id].append(seat.body)
        for seat in agents:
            seat.supported_bodies = supported[seat.person_id]
    return render(request, "governance/adoc_team.html", {"team": team, "agents": agents})


@permission_required("governance.manage_directory")
def term_ends(request):
    """The ADOC team's follow-up: terms ending soon and vacant seats, across every body."""
    return render(
        request,
        "governance/term_ends.html",
        {
            "ending": followup.terms_ending(),
            "vacancies": followup.vacancies(),
            "notice_days": TERM_END_NOTICE_DAYS,
        },
    )


@method_decorator(cached_page, name="dispatch")
class DirectoryView(PartnerRequiredMixin, ListView):
    template_name = "governance/directory.html"
    context_object_name = "organisations"
    paginate_by = 25

    def get_queryset(self):
        self.filters = DirectoryFilterForm(self.request.GET or None)
        # A correlated subquery rather than a join and GROUP BY: it runs for the 25 rows of
        # the page only, and the paginator's COUNT leaves it out.
        people = (
            Affiliation.objects.current()
            .filter(organisation=OuterRef("pk"))
            .values("organisation")
            .annotate(count=Count("pk"))
            .values("count")
        )
        organisations = self.filters.filter(Organisation.objects.all())
        # A search ranks its results (a match in the name first); the list is alphabetical.
        searched = "search_rank" in organisations.query.annotations
        return organisations.annotate(people_count=Coalesce(Subquery(people), 0)).order_by(
            *(["-search_rank", "name"] if searched else ["name"])
        )

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        searched = self.filters.is_valid() and self.filters.cleaned_data["q"]
        context = super().get_context_data(
            filters=self.filters,
            query_string=query.urlencode(),
            searched=searched or "",
            **kwargs,
        )
        page = context["page_obj"]
        context["page_range"] = page.paginator.get_elided_page_range(page.number)
        return context


@method_decorator(cached_page, name="dispatch")
class OrganisationDetailView(PartnerRequiredMixin, DetailView):
    model = Organisation

    def get_object(self, queryset=None):
        return organisation_for(self.request, self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        organisation = self.object
        seats = list(
            organisation.seats.select_related("person", "body").order_by(
                "body__position", "-starts"
            )
        )
        current = [seat for seat in seats if seat.is_current]
        return super().get_context_data(
            affiliations=organisation.affiliations.current()
            .select_related("person")
            .order_by("person__last_name", "person__first_name"),
            past_affiliations=organisation.affiliations.past()
            .select_related("person")
            .order_by("-ends"),
            representatives=organisation.representations.current().select_related("person"),
            past_representatives=organisation.representations.past().select_related("person"),
            current_seats=current,
            chantier_bodies=sorted(
                {
                    seat.body
                    for seat in current
                    if seat.body.kind == BodyKind.CHANTIER and seat.role != SeatRole.SUPPORT
                },
                key=lambda body: (body.position, body.name),
            ),
            past_seats=[seat for seat in seats if seat.ends and seat.ends < today()],
            **kwargs,
        )

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        # The page lists the members' contact details.
        personal_info_viewed.send(Organisation, request=request, instance=self.object)
        return response


class PersonDetailView(PartnerRequiredMixin, DetailView):
    model = Person
    # The page says when the person was anonymised (privacy's one-to-one, read in one join).
    queryset = Person.objects.select_related("user", "anonymisation")

    def get_object(self, queryset=None):
        return person_for(self.request, self.kwargs["pk"], queryset=self.get_queryset())

    def get_context_data(self, **kwargs):
        person = self.object
        return super().get_context_data(
            affiliations=person.affiliations.select_related("organisation").order_by("-starts"),
            seats=person.seats.select_related("body", "organisation").order_by("-starts"),
            representations=person.representations.select_related("organisation"),
            **kwargs,
        )

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        personal_info_viewed.send(Person, request=request, instance=self.object)
        return response


def history_page(request, record, entries, section):
    """The history of a directory record: `section` is (the address, the name) of the list
    it is found from, for the breadcrumb."""
    section_url, section_name = section
    return render(
        request,
        "governance/history.html",
        {
            "record": record,
            "entries": entries,
            "section_url": section_url,
            "section_name": section_name,
        },
    )


@permission_required("governance.view_portal")
def organisation_history(request, slug):
    organisation = organisation_for(request, slug, change="governance.view_history")
    section = (reverse("governance:directory"), _("Directory"))
    return history_page(request, organisation, organisation_versions(organisation), section)


@permission_required("governance.view_portal")
def person_history(request, pk):
    person = person_for(request, pk, change="governance.view_history")
    section = (reverse("governance:directory"), _("Directory"))
    response = history_page(request, person, person_versions(person, request.user), section)
    # Its versions show the contact details, old and current: logged as the person's page is.
    personal_info_viewed.send(Person, request=request, instance=person)
    return response


@permission_required("governance.view_portal")
def body_history(request, slug):
    body = body_for(request, slug, change="governance.view_history")
    section = (reverse("governance:organigram"), _("Organigram"))
    return history_page(request, body, body_versions(body), section)


def edit_page(request, form, template, context, success_message, redirect_to):
    """Save a valid form, say so and redirect; otherwise show it again with the input kept,
    with the refusal of governance.workflow on its field. `success_message` may be a function
    of the form (what it saved says what happened)."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = (
                form.save_unless_changed() if hasattr(form, "save_unless_changed") else form.save()
            )
        except GovernanceError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            saved = None
        if saved is not None:
            if callable(success_message):
                success_message = success_message(form)
            messages.success(request, success_message)
            return redirect(redirect_to(saved))
    return render(request, template, {"form": form, **context})


@permission_required("governance.manage_directory")
def organisation_create(request):
    form = OrganisationForm(request.POST or None)
    return edit_page(
        request,
        form,
        "governance/organisation_form.html",
        {},
        _("The organisation was added to the directory."),
        lambda organisation: organisation.get_absolute_url(),
    )


@permission_required("governance.view_portal")
def organisation_update(request, slug):
    organisation = organisation_for(request, slug, change="governance.manage_directory")
    form = OrganisationForm(request.POST or None, instance=organisation)
    return edit_page(
        request,
        form,
        "governance/organisation_form.html",
        {"organisation": organisation},
        _("The organisation was saved."),
        lambda organisation: organisation.get_absolute_url(),
    )


@permission_required("governance.view_portal")
def representation_create(request, slug):
    organisation = organisation_for(request, slug, change="governance.manage_directory")
    form = RepresentationForm(
        request.POST or None, organisation=organisation, initial={"starts": today()}
    )
    return edit_page(
        request,
        form,
        "governance/representation_form.html",
        {"organisation": organisation},
        _representative_named,
        lambda representation: organisation.get_absolute_url(),
    )


def _representative_named(form):
    representation = form.instance_saved
    return _("%(person)s is %(role)s of %(organisation)s from %(date)s.") % {
        "person": representation.person,
        "role": representation.get_kind_display().lower(),
        "organisation": display.de(representation.organisation),
        "date": display.day(representation.starts),
    }


@permission_required("governance.manage_directory")
def person_create(request):
    initial = {}
    if organisation := Organisation.objects.filter(slug=request.GET.get("organisation")).first():
        initial["organisation"] = organisation
    form = PersonCreateForm(request.POST or None, initial=initial)
    return edit_page(
        request,
        form,
        "governance/person_form.html",
        {},
        _("The person was added to the directory."),
        lambda person: person.get_absolute_url(),
    )


@permission_required("governance.view_portal")
def person_update(request, pk):
    person = person_for(request, pk, change="governance.manage_directory")
    form = PersonForm(request.POST or None, instance=person)
    # The form shows the email and phone, hidden ones included: logged as the person's page is.
    personal_info_viewed.send(Person, request=request, instance=person)
    return edit_page(
        request,
        form,
        "governance/person_form.html",
        {"person": person},
        _("The person was saved."),
        lambda person: person.get_absolute_url(),
    )


@permission_required("governance.view_portal")
def affiliation_create(request, pk):
    person = person_for(request, pk, change="governance.manage_directory")
    form = AffiliationForm(request.POST or None, person=person, initial={"starts": today()})
    return edit_page(
        request,
        form,
        "governance/affiliation_form.html",
        {"person": person},
        _("The affiliation was added."),
        lambda affiliation: person.get_absolute_url(),
    )


@require_POST
@permission_required("governance.view_portal")
def person_invite(request, pk):
    person = person_for(
        request,
        pk,
        change="governance.manage_directory",
        queryset=Person.objects.select_related("user"),
    )
    try:
        user = invite(person, request)
    except InvitationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("The invitation to %(email)s is being sent.") % {"email": user.email}
        )
    return redirect(person)


@permission_required("governance.view_portal")
def profile(request):
    """A partner's own contact details and what partners may see of them."""
    person = require_person(request)
    form = ContactPreferencesForm(request.POST or None, instance=person)
    return edit_page(
        request,
        form,
        "governance/profile.html",
        {"person": person},
        _("Your preferences were saved."),
        lambda person: person.get_absolute_url(),
    )


@permission_required("governance.view_portal")
def seat_create(request, slug):
    body = body_for(request, slug, change="governance.manage_directory")
    form = SeatForm(request.POST or None, body=body, initial={"starts": today()})
    return edit_page(
        request,
        form,
        "governance/seat_form.html",
        {"body": body},
        _("The seat was recorded."),
        lambda seat: body.get_absolute_url(),
    )


def _seat_to_manage(request, pk, *related):
    """A seat, seen as its body is (every partner), changed by those who keep the directory."""
    return get_object_for(
        request,
        Seat.objects.select_related("body", *related),
        view="governance.view_body",
        change="governance.manage_directory",
        pk=pk,
    )


@permission_required("governance.view_portal")
def seat_update(request, pk):
    seat = _seat_to_manage(request, pk)
    form = SeatForm(request.POST or None, instance=seat, body=seat.body)
    return edit_page(
        request,
        form,
        "governance/seat_form.html",
        {"body": seat.body, "seat": seat},
        _("The seat was saved."),
        lambda seat: seat.body.get_absolute_url(),
    )


@permission_required("governance.view_portal")
def seat_end(request, pk):
    seat = _seat_to_manage(request, pk, "person")
    form = EndPeriodForm(request.POST or None, period=seat)
    return edit_page(
        request,
        form,
        "governance/seat_end_form.html",
        {"seat": seat},
        lambda form: form.message,
        lambda seat: seat.body.get_absolute_url(),
    )


@permission_required("governance.view_portal")
def affiliation_end(request, pk):
    # Affiliations show on the person's and the organisation's pages: every partner.
    affiliation = get_object_for(
        request,
        Affiliation.objects.select_related("person", "organisation"),
        view="governance.view_person",
        change="governance.manage_directory",
        pk=pk,
    )
    form = EndPeriodForm(request.POST or None, period=affiliation)
    response = edit_page(
        request,
        form,
        "governance/affiliation_end_form.html",
        {"affiliation": affiliation},
        lambda form: form.message,
        lambda affiliation: affiliation.person.get_absolute_url(),
    )
    for period in getattr(form, "tied", []):
        messages.info(request, _("Also ended: %(what)s.") % {"what": period})
    return response


@permission_required("governance.view_portal")
def representation_end(request, pk):
    # Representations show on the organisation's page: every partner.
    representation = get_object_for(
        request,
        Representation.objects.select_related("person", "organisation"),
        view="governance.view_organisation",
        change="governance.manage_directory",
        pk=pk,
    )
    form = EndPeriodForm(request.POST or None, period=representation)
    return edit_page(
        request,
        form,
        "governance/representation_end_form.html",
        {"representation": representation},
        lambda form: form.message,
        lambda representation: representation.organisation.get_absolute_url(),
    )


@permission_required("governance.view_sends")
def sends(request):
    """The ADOC team's view of the emails the portal sends: waiting, sent, failed and why."""
    failed_only = request.GET.get("echecs") == "1"
    return render(
        request,
        "governance/sends.html",
        {
            "sends": recent_sends(failed_only=failed_only),
            "failed_only": failed_only,
            "max_attempts": max_attempts(),
        },
    )


@require_POST
@permission_required("governance.view_sends")
def send_retry(request, pk):
    if requeue(pk):
        messages.success(request, _("The email is back in the queue; it will be sent shortly."))
    else:
        messages.info(request, _("This email had not failed; nothing to do."))
    return redirect("governance:sends")


def identity_stylesheet(request):
    """The alliance's colours as CSS custom properties, after portal.css: a stylesheet of its
    own so that no page carries an inline style (the CSP refuses them)."""
    colour, header_colour = current_identity().colours()
    response = render(
        request,
        "governance/identity.css",
        {
            "colour": colour,
            "colour_rgb": AllianceIdentity.rgb(colour),
            "header_colour": header_colour,
        },
        content_type="text/css; charset=utf-8",
    )
    response["Cache-Control"] = "public, max-age=300"
    return response


def identity_logo(request):
    """The alliance's logo (checked on upload: an image by its content, not its name)."""
    identity = current_identity()
    if not identity.logo:
        raise Http404
    kind = filetype.guess(identity.logo.open("rb").read(SAMPLE_BYTES))
    identity.logo.seek(0)
    response = FileResponse(identity.logo, content_type=kind.mime if kind else "image/png")
    response["Cache-Control"] = "public, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response
