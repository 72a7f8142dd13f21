from django.contrib import admin

from sawahlunto_asn.reform.models import Snapshot


@admin.register(Snapshot)
class SnapshotAdmin(admin.ModelAdmin):
    """Read only: the rows are written by refresh_reform_indicators."""

    list_display = ("year", "day", "computed_at", "format")
    ordering = ("-year",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
