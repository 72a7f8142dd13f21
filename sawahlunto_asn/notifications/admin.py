from django.contrib import admin

from sawahlunto_asn.notifications.models import Notification, Preference, SentOnce


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("title", "recipient", "kind", "created_at", "read_at")
    list_filter = ("kind",)
    raw_id_fields = ("recipient",)
    search_fields = ("title", "recipient__username")


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "in_app", "email")
    list_filter = ("kind",)
    raw_id_fields = ("user",)


@admin.register(SentOnce)
class SentOnceAdmin(admin.ModelAdmin):
    list_display = ("key", "sent_at")
    search_fields = ("key",)
