from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from meetings.models import (
    ActionItem,
    AgendaItem,
    Decision,
    Mandate,
    Meeting,
    QuorumRule,
)


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    fields = ["position", "title", "kind", "presenter", "duration"]
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["title", "body", "starts", "status", "published_at"]
    list_filter = ["body", "status"]
    search_fields = ["title"]
    inlines = [AgendaItemInline]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title", "meeting", "outcome"]
    search_fields = ["number", "title", "text"]


@admin.register(Mandate)
class MandateAdmin(SimpleHistoryAdmin):
    list_display = ["title", "given_by", "given_to", "status", "due"]
    list_filter = ["status", "given_to"]


@admin.register(ActionItem)
class ActionItemAdmin(SimpleHistoryAdmin):
    list_display = ["title", "person", "organisation", "due", "status"]
    list_filter = ["status"]


@admin.register(QuorumRule)
class QuorumRuleAdmin(admin.ModelAdmin):
    list_display = ["body", "minimum_present", "minimum_per_college", "decision_prefix"]
