from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from chantiers.models import Chantier


@admin.register(Chantier)
class ChantierAdmin(SimpleHistoryAdmin):
    list_display = ["name", "status", "started", "committee"]
    list_filter = ["status"]
    prepopulated_fields = {"slug": ["name"]}
