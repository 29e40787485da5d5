"""Elections in the Django admin: to look, not to touch. Elections are run from the portal,
through elections.workflow, so that every step is checked and recorded; ballots are not shown."""

from django.contrib import admin

from elections.models import Candidacy, Election, ElectionCollege, Transition


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ElectionCollegeInline(ReadOnlyMixin, admin.TabularInline):
    model = ElectionCollege
    extra = 0


class TransitionInline(ReadOnlyMixin, admin.TabularInline):
    model = Transition
    extra = 0


@admin.register(Election)
class ElectionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["title", "held_on", "mode", "state"]
    list_filter = ["state", "mode"]
    inlines = [ElectionCollegeInline, TransitionInline]


@admin.register(Candidacy)
class CandidacyAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["person", "organisation", "election", "college", "status", "votes", "elected"]
    list_filter = ["status", "college"]
    list_select_related = ["person", "organisation", "election"]
