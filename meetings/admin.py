"""The Django admin of meetings: records can be read and their details corrected there, but
every change of state goes through meetings.workflow (its actions), as on the portal."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from infrastructure.search import ForgivingSearchMixin
from meetings import workflow
from meetings.models import (
    LOGISTICS,
    ActionItem,
    AgendaItem,
    Decision,
    Mandate,
    Meeting,
    MeetingStatus,
    QuorumRule,
)


def _run(modeladmin, request, queryset, move, done):
    """Apply the workflow function `move` to each selected record; say what was done (`done(count)`
    gives the message) and what was refused, and why."""
    count = 0
    for record in queryset:
        try:
            move(record)
        except workflow.WorkflowError as error:
            modeladmin.message_user(request, f"{record}: {error.message}", messages.ERROR)
        else:
            count += 1
    if count:
        message = done(count) % {"count": count}
        modeladmin.message_user(request, message, messages.SUCCESS)


class AgendaItemInline(admin.TabularInline):
    """The agenda, read-only: items are added, moved and taken off on the meeting's page,
    which keeps their positions 1, 2, 3…"""

    model = AgendaItem
    fields = ["position", "title", "kind", "presenter", "duration"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Meeting)
class MeetingAdmin(ForgivingSearchMixin, SimpleHistoryAdmin):
    list_display = ["title", "body", "starts", "status", "published_at"]
    list_filter = ["body", "status"]
    search_fields = ["title"]
    inlines = [AgendaItemInline]
    # The state changes through the actions below (meetings.workflow), never by editing it.
    readonly_fields = ["status", "cancellation_reason", "published_at", "minutes_adopted_at"]
    actions = ["mark_held", "publish", "unpublish"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.minutes_adopted:
            return [field.name for field in Meeting._meta.fields]
        if obj is not None and obj.status == MeetingStatus.CONVENED:
            # Moved on the portal's page, which sends everyone convened the update.
            return [*self.readonly_fields, *LOGISTICS]
        return self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        # An adopted record is evidence: the database refuses to delete it (meetings.locks).
        if obj is not None and obj.minutes_adopted:
            return False
        return super().has_delete_permission(request, obj)

    @admin.action(description=_("Mark as held"))
    def mark_held(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            workflow.mark_held,
            lambda count: ngettext(
                "%(count)d meeting marked as held.", "%(count)d meetings marked as held.", count
            ),
        )

    @admin.action(description=_("Publish the records to every partner"))
    def publish(self, request, queryset):
        base_url = request.build_absolute_uri("/").rstrip("/")
        _run(
            self,
            request,
            queryset,
            lambda meeting: workflow.publish(meeting, base_url),
            lambda count: ngettext(
                "The records of %(count)d meeting are now visible to every partner.",
                "The records of %(count)d meetings are now visible to every partner.",
                count,
            ),
        )

    @admin.action(description=_("Take the records back to draft"))
    def unpublish(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            workflow.unpublish,
            lambda count: ngettext(
                "The records of %(count)d meeting are back in draft.",
                "The records of %(count)d meetings are back in draft.",
                count,
            ),
        )


@admin.register(Decision)
class DecisionAdmin(ForgivingSearchMixin, SimpleHistoryAdmin):
    list_display = ["number", "title", "meeting", "outcome"]
    search_fields = ["number", "title", "text"]

    def has_change_permission(self, request, obj=None):
        # The decisions of adopted minutes are read-only, here as on the portal.
        if obj is not None and obj.meeting.minutes_adopted:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.meeting.minutes_adopted:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Mandate)
class MandateAdmin(SimpleHistoryAdmin):
    list_display = ["title", "given_by", "given_to", "status", "due"]
    list_filter = ["status", "given_to"]
    # Its status follows its updates (meetings.workflow.update_mandate, on its page).
    readonly_fields = ["status"]


@admin.register(ActionItem)
class ActionItemAdmin(SimpleHistoryAdmin):
    list_display = ["title", "person", "organisation", "due", "status"]
    list_filter = ["status"]
    actions = ["mark_done"]

    @admin.action(description=_("Mark as done"))
    def mark_done(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            workflow.mark_action_done,
            lambda count: ngettext(
                "%(count)d action item marked as done.",
                "%(count)d action items marked as done.",
                count,
            ),
        )


@admin.register(QuorumRule)
class QuorumRuleAdmin(admin.ModelAdmin):
    list_display = ["body", "minimum_present", "minimum_per_college", "decision_prefix"]
