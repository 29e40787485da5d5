"""Who may see and keep meeting records: every new page × every role."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from governance.models import SeatRole
from infrastructure.access import LoginRequired
from meetings.models import AgendaItem, Decision, Document, Meeting, MeetingStatus
from meetings.rules import item_to_keep, meeting_for, meeting_to_keep, record_for
from tests.conftest import (
    COUNCIL_AND_MANAGERS,
    MANAGERS,
    OUTSIDE_THE_COUNCIL,
    PARTNERS,
    ROLES,
    statuses,
)
from tests.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    DecisionFactory,
    MandateFactory,
    MeetingFactory,
    PersonFactory,
    SeatFactory,
    UserFactory,
)

# Each test reads the cast built once for the module (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("cast_once_per_module")


def redirected(expected):
    """`expected`, where those allowed are sent on (302) rather than shown a page."""
    return lambda role: 302 if expected(role) == 200 else expected(role)


# Keepers are sent on to the right form (a draft's minutes are edited, not corrected).
managers_redirected = redirected(statuses(MANAGERS))


PAGES = [
    ("meetings:meeting-list", "none", statuses(PARTNERS)),
    ("meetings:meeting-detail", "published", statuses(PARTNERS)),
    ("meetings:meeting-detail", "draft", statuses(PARTNERS)),
    ("meetings:minutes-print", "published", statuses(PARTNERS)),
    ("meetings:minutes-print", "draft", statuses(COUNCIL_AND_MANAGERS)),
    ("meetings:attendance-csv", "published", statuses(PARTNERS)),
    ("meetings:attendance-csv", "draft", statuses(COUNCIL_AND_MANAGERS)),
    ("meetings:decision-list", "none", statuses(PARTNERS)),
    ("meetings:mandate-list", "none", statuses(PARTNERS)),
    ("meetings:mandate-detail", "mandate", statuses(PARTNERS)),
    ("meetings:my-actions", "none", statuses(PARTNERS)),
    ("meetings:document-download", "document", statuses(PARTNERS)),
    ("meetings:meeting-create", "none", statuses(MANAGERS)),
    ("meetings:meeting-update", "draft", statuses(MANAGERS)),
    ("meetings:meeting-cancel", "draft", statuses(MANAGERS)),
    ("meetings:history", "draft", statuses(MANAGERS)),
    ("meetings:item-create", "draft", statuses(MANAGERS)),
    ("meetings:item-update", "item", statuses(MANAGERS)),
    ("meetings:minutes-update", "item", statuses(MANAGERS)),
    ("meetings:amendment-create", "item", managers_redirected),
    ("meetings:minutes-adopt", "draft", statuses(MANAGERS)),
    ("meetings:convocation-send", "draft", statuses(MANAGERS)),
    ("meetings:attendance-update", "draft", statuses(MANAGERS)),
    ("meetings:guest-add", "draft", statuses(MANAGERS)),
    ("meetings:decision-create", "draft", statuses(MANAGERS)),
    ("meetings:decision-update", "decision", statuses(MANAGERS)),
    ("meetings:mandate-create", "draft", statuses(MANAGERS)),
    ("meetings:action-create", "draft", statuses(MANAGERS)),
    ("meetings:action-update", "action", statuses(MANAGERS)),
    ("meetings:document-create", "draft", statuses(MANAGERS)),
]


@pytest.fixture
def records(territory, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    council = territory["council"]
    past = timezone.now() - datetime.timedelta(days=7)
    published = MeetingFactory(
        body=council, starts=past, status=MeetingStatus.HELD, published_at=timezone.now()
    )
    draft = MeetingFactory(body=council, starts=past + datetime.timedelta(days=1))
    uploader = UserFactory()
    document = Document.objects.create(
        meeting=published,
        title="Budget",
        file=SimpleUploadedFile("budget.pdf", b"%PDF-1.4 budget"),
        uploaded_by=uploader,
    )
    return {
        "none": [],
        "published": [published.pk],
        "draft": [draft.pk],
        "item": [AgendaItemFactory(meeting=draft).pk],
        "decision": [DecisionFactory(meeting=draft).pk],
        "mandate": [MandateFactory(meeting=published, given_to=territory["chantier"].committee).pk],
        "action": [ActionItemFactory(meeting=draft).pk],
        "document": [document.pk],
    }


# A draft's records are hidden (404) from partners outside its body, through the loaders of
# meetings.rules.
DRAFT_TARGETS = {"draft", "item", "decision", "action"}


def _page_cases():
    for name, target, expected in PAGES:
        for role in ROLES:
            status = expected(role)
            hidden = target in DRAFT_TARGETS and role in OUTSIDE_THE_COUNCIL
            if hidden and name != "meetings:meeting-detail":
                # The meeting itself is in every partner's calendar; its records are not.
                yield pytest.param(name, target, role, 404, id=f"{name}-{target}-{role}")
            else:
                yield pytest.param(name, target, role, status, id=f"{name}-{target}-{role}")


@pytest.mark.parametrize(("name", "target", "role", "status"), list(_page_cases()))
def test_page_answers_each_role_as_expected(client, login_as, records, role, name, target, status):
    login_as(role)

    response = client.get(reverse(name, args=records[target]))

    assert response.status_code == status


@pytest.mark.parametrize("role", ["partner", "delegate", "chantier_member", "council"])
def test_actions_refused_to_those_who_do_not_keep_the_records(client, login_as, records, role):
    login_as(role)
    draft = Meeting.objects.get(pk=records["draft"][0])
    item = AgendaItem.objects.get(pk=records["item"][0])
    posts = [
        (reverse("meetings:meeting-publish", args=[draft.pk]), {"publish": "1"}),
        (reverse("meetings:meeting-held", args=[draft.pk]), {}),
        (reverse("meetings:item-move", args=[item.pk]), {"direction": "up"}),
        (reverse("meetings:item-delete", args=[item.pk]), {}),
        (reverse("meetings:minutes-update", args=[item.pk]), {"minutes": "x", "version": 0}),
        (
            reverse("meetings:history-restore", args=["meeting", draft.history.last().history_id]),
            {},
        ),
    ]
    # Loaded by meetings.rules.meeting_to_keep (history-restore by its own check): the draft's
    # records are hidden (404) from those outside the comité conseil, refused (403) to its
    # members.
    hidden = 403 if role == "council" else 404
    for url, data in posts[:-1]:
        assert client.post(url, data).status_code == hidden, url
    assert client.post(*posts[-1]).status_code == 403
    progress = client.post(reverse("chantiers:meeting-progress-items", args=[draft.pk]))
    assert progress.status_code == hidden
    draft.refresh_from_db()
    item.refresh_from_db()
    assert draft.published_at is None
    assert draft.status == MeetingStatus.PLANNED
    assert item.minutes == ""


def test_draft_records_are_hidden_from_partners_outside_the_body(client, records, partner):
    draft = Meeting.objects.get(pk=records["draft"][0])
    AgendaItemFactory(meeting=draft, minutes="Confidentiel pour l'instant")
    client.force_login(partner)

    page = client.get(draft.get_absolute_url()).content.decode()

    assert "Confidentiel" not in page


def test_members_of_the_body_read_its_drafts(client, records, council):
    draft = Meeting.objects.get(pk=records["draft"][0])
    AgendaItemFactory(meeting=draft, minutes="Brouillon du comité")
    client.force_login(council)

    assert "Brouillon du comité" in client.get(draft.get_absolute_url()).content.decode()


def test_a_chantier_coordination_keeps_its_own_committee_records_only(client, territory):
    person = PersonFactory()
    user = UserFactory()
    person.user = user
    person.save()
    committee = territory["chantier"].committee
    SeatFactory(body=committee, person=person, role=SeatRole.COORDINATION)
    own = MeetingFactory(body=committee)
    other = MeetingFactory(body=territory["council"])
    client.force_login(user)

    assert client.get(reverse("meetings:item-create", args=[own.pk])).status_code == 200
    # Another body's draft: its records are hidden from them (404), not only refused.
    assert client.get(reverse("meetings:item-create", args=[other.pk])).status_code == 404
    form = client.get(reverse("meetings:meeting-create")).context["form"]
    assert list(form.fields["body"].queryset) == [committee]


def test_documents_are_downloads_with_a_safe_type(client, records, partner):
    client.force_login(partner)

    response = client.get(reverse("meetings:document-download", args=records["document"]))

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_person_asked_marks_their_action_done_others_may_not(
    client, territory, partner, delegate
):
    from meetings.models import ActionItem, ActionStatus

    action = ActionItemFactory(meeting__body=territory["council"], person=partner.person)
    url = reverse("meetings:action-done", args=[action.pk])
    other = ActionItemFactory(meeting__body=territory["council"], person=PersonFactory())

    # 404 as for an id that does not exist: trying ids teaches nothing.
    client.force_login(delegate)  # same organisation, but the action names a person only
    assert client.post(url).status_code == 404
    client.force_login(partner)
    assert client.post(reverse("meetings:action-done", args=[other.pk])).status_code == 404
    client.post(url)

    assert ActionItem.objects.get(pk=action.pk).status == ActionStatus.DONE
    assert ActionItem.objects.get(pk=other.pk).status == ActionStatus.OPEN


# --- One way to load a meeting or a record (meetings.rules loaders) -----------------------


@pytest.mark.parametrize("seat_role", [SeatRole.COORDINATION, SeatRole.CHAIR, SeatRole.VICE_CHAIR])
def test_a_chantier_chair_or_vice_chair_keeps_the_committee_minutes(client, territory, seat_role):
    user = UserFactory()
    PersonFactory(user=user)
    committee = territory["chantier"].committee
    SeatFactory(body=committee, person=user.person, role=seat_role)
    item = AgendaItemFactory(meeting=MeetingFactory(body=committee))
    client.force_login(user)
    url = reverse("meetings:minutes-update", args=[item.pk])

    page = client.get(url)
    response = client.post(url, {"minutes": "Relevé du comité", "version": 0})

    assert page.status_code == 200
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.minutes == "Relevé du comité"


def test_chairing_a_body_that_is_not_a_chantier_keeps_none_of_its_records(
    client, territory, council
):
    item = AgendaItemFactory(meeting=MeetingFactory(body=territory["council"]))
    client.force_login(council)  # the cast's comité conseil member chairs it

    response = client.post(
        reverse("meetings:minutes-update", args=[item.pk]), {"minutes": "x", "version": 0}
    )

    assert response.status_code == 403
    item.refresh_from_db()
    assert item.minutes == ""


def progress_items_expected(draft):
    """Adding the « Avancées par chantier » items to a comité conseil meeting: its keepers;
    a draft's records are hidden (404) from partners outside the comité, refused (403) to its
    members; a published meeting's are refused (403) to every reader."""
    return redirected(statuses(MANAGERS, hidden=OUTSIDE_THE_COUNCIL if draft else ()))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("target", ["draft", "published"])
def test_progress_items_answer_each_role_as_expected(client, login_as, records, role, target):
    login_as(role)
    meeting = Meeting.objects.get(pk=records[target][0])
    before = meeting.items.count()

    response = client.post(reverse("chantiers:meeting-progress-items", args=[meeting.pk]))

    assert response.status_code == progress_items_expected(target == "draft")(role)
    if response.status_code == 302 and role != "anonymous":
        assert response.url == meeting.get_absolute_url() + "#agenda"
        assert meeting.items.count() == before + 1  # the one active chantier
    else:
        assert meeting.items.count() == before
    if role == "anonymous":
        assert response.url.startswith(reverse("account_login"))


def _request(user):
    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    return request


def _refusal(load, *args, **kwargs):
    try:
        load(*args, **kwargs)
    except (Http404, PermissionDenied) as refusal:
        return type(refusal)
    return None


@pytest.mark.parametrize(
    ("role", "refusal"),
    [
        ("anonymous", LoginRequired),
        ("partner", Http404),
        ("chantier_member", Http404),
        ("council", PermissionDenied),  # reads the comité's drafts, keeps none of them
        ("adoc", None),
    ],
)
def test_loaders_hide_a_drafts_records_and_refuse_their_readers(records, login_as, role, refusal):
    request = _request(login_as(role))
    draft = records["draft"][0]
    item = records["item"][0]
    decision = records["decision"][0]

    assert _refusal(meeting_to_keep, request, draft) is refusal
    assert _refusal(meeting_for, request, draft, view="meetings.view_records") is (
        None if role in COUNCIL_AND_MANAGERS else refusal
    )
    assert _refusal(item_to_keep, request, item) is refusal
    assert _refusal(record_for, request, Decision.objects.all(), decision) is (
        None if role in COUNCIL_AND_MANAGERS else refusal
    )


@pytest.mark.parametrize("role", ["partner", "council", "adoc"])
def test_loaders_show_every_partner_the_meeting_itself(records, login_as, role):
    request = _request(login_as(role))

    meeting = meeting_for(request, records["draft"][0])

    assert meeting.pk == records["draft"][0]
    assert _refusal(meeting_for, request, 0) is Http404
