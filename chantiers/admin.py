from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from chantiers.models import (
    Attachment,
    Chantier,
    JoinRequest,
    Milestone,
    Objective,
    ObjectiveUpdate,
    ProgressReport,
    ReportDecision,
)


@admin.register(Chantier)
class ChantierAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["name", "status", "started", "committee"]
    list_filter = ["status"]
    prepopulated_fields = {"slug": ["name"]}


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 1


@admin.register(Objective)
class ObjectiveAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["title", "chantier", "kind", "status", "progress", "weight", "target_date"]
    list_filter = ["chantier", "status", "kind"]
    inlines = [MilestoneInline]


class FrozenOnceSubmitted:
    """A submitted or approved report is not changed here either (chantiers.workflow)."""

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or obj.is_editable)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and (obj is None or obj.is_editable)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or obj.is_editable)


class ObjectiveUpdateInline(FrozenOnceSubmitted, admin.StackedInline):
    model = ObjectiveUpdate
    extra = 0


class AttachmentInline(FrozenOnceSubmitted, admin.TabularInline):
    model = Attachment
    extra = 0
    readonly_fields = ["size", "added_by", "added"]


class ReportDecisionInline(admin.TabularInline):
    """Decisions are taken on the portal (chantiers.workflow), and only read here."""

    model = ReportDecision
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "by", "at", "comment"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ProgressReport)
class ProgressReportAdmin(SimpleHistoryAdmin):
    """Reports are written and decided on the portal; here they can be read, and drafts fixed."""

    list_display = ["chantier", "period_start", "period_end", "status", "submitted"]
    list_filter = ["status", "chantier"]
    readonly_fields = ["status", "submitted"]
    inlines = [ObjectiveUpdateInline, AttachmentInline, ReportDecisionInline]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or obj.is_editable)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or obj.is_editable)


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    list_display = ["person", "chantier", "organisation", "status", "created"]
    list_filter = ["status", "chantier"]
