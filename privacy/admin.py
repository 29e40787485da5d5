from django.contrib import admin

from privacy.models import AccessLog, Anonymisation


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """Read-only: the log is written by the portal, never by hand."""

    list_display = ["at", "viewer", "kind", "person", "organisation", "meeting", "path"]
    list_filter = ["kind"]
    list_select_related = ["viewer", "person", "organisation", "meeting"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Anonymisation)
class AnonymisationAdmin(admin.ModelAdmin):
    list_display = ["person", "by", "at"]
    list_select_related = ["person", "by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
