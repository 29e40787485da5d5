from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from governance import workflow
from governance.models import (
    Affiliation,
    AllianceIdentity,
    Body,
    BodyLink,
    College,
    Organisation,
    Person,
    Representation,
    Seat,
    SeatQuota,
    Sector,
    Territory,
)
from governance.signals import personal_info_viewed
from infrastructure.search import ForgivingSearchMixin


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    extra = 0
    autocomplete_fields = ["person", "organisation"]


@admin.register(Organisation)
class OrganisationAdmin(ForgivingSearchMixin, SimpleHistoryAdmin):
    list_display = ["name", "acronym", "sector", "college", "mrc", "is_active"]
    list_filter = ["sector", "college", "mrc", "is_active"]
    search_fields = ["name", "acronym"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [AffiliationInline]


@admin.register(Person)
class PersonAdmin(ForgivingSearchMixin, SimpleHistoryAdmin):
    """Shows every email and phone, hidden ones included: each person seen is in the access
    log (privacy), the list as the change page."""

    list_display = ["last_name", "first_name", "title", "email", "user"]
    search_fields = ["last_name", "first_name", "email"]
    raw_id_fields = ["user"]
    inlines = [AffiliationInline]

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        for person in changelist.result_list if changelist else ():
            personal_info_viewed.send(Person, request=request, instance=person)
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        person = getattr(response, "context_data", {}).get("original")
        if person is not None:
            personal_info_viewed.send(Person, request=request, instance=person)
        return response


@admin.register(Representation)
class RepresentationAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "kind", "person", "starts", "ends"]
    list_filter = ["kind"]
    autocomplete_fields = ["organisation", "person"]


class SeatQuotaInline(admin.TabularInline):
    model = SeatQuota
    extra = 0


class BodyLinkInline(admin.TabularInline):
    model = BodyLink
    fk_name = "source"
    extra = 0


@admin.register(Body)
class BodyAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["name", "kind", "position", "is_active"]
    list_filter = ["kind", "is_active"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SeatQuotaInline, BodyLinkInline]


class SeatAdminForm(forms.ModelForm):
    """The seat rules of governance.workflow (overlap, quota), here as on the portal."""

    def _post_clean(self):
        super()._post_clean()
        if self.errors or not self.instance.body_id or not self.instance.person_id:
            return
        try:
            workflow.check_seat(self.instance)
        except workflow.GovernanceError as error:
            self.add_error(error.field if error.field in self.fields else None, error.message)


@admin.register(Seat)
class SeatAdmin(SimpleHistoryAdmin):
    form = SeatAdminForm
    list_display = ["person", "body", "role", "organisation", "college", "mrc", "starts", "ends"]
    list_filter = ["body", "role", "mode", "college", "mrc"]
    autocomplete_fields = ["person", "organisation"]
    list_select_related = ["person", "body", "organisation"]


@admin.register(AllianceIdentity)
class AllianceIdentityAdmin(SimpleHistoryAdmin, TranslationAdmin):
    """The one identity record: added once (or by manage.py create_alliance), never deleted;
    its colours are refused when they read poorly (AllianceIdentity.clean)."""

    fieldsets = [
        (None, {"fields": ["name", "short_name", "mission"]}),
        (_("Texts"), {"fields": ["home_intro", "organigram_intro", "chantiers_intro"]}),
        (_("Logo and colours"), {"fields": ["logo", "colour", "header_colour"]}),
        (_("Contact"), {"fields": ["contact_email", "privacy_officer", "privacy_email"]}),
    ]

    def has_add_permission(self, request):
        return not AllianceIdentity.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


class CategoryAdmin(SimpleHistoryAdmin, TranslationAdmin):
    """The alliance's sectors, colleges and parts of the territory: renamed, reordered or
    added freely; a code that records hold is neither changed (Category.clean) nor deleted."""

    list_display = ["name", "code", "position"]
    ordering = ["position", "code"]

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.records_using():
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        # The bulk deletion would skip the check above.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


@admin.register(Territory)
class TerritoryAdmin(CategoryAdmin):
    list_display = [*CategoryAdmin.list_display, "whole"]


admin.site.register(Sector, CategoryAdmin)
admin.site.register(College, CategoryAdmin)
