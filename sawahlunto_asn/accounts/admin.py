from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from sawahlunto_asn.accounts.models import User


@admin.register(User)
class AccountAdmin(UserAdmin):
    list_display = (
        "username",
        "email",
        "first_name",
        "last_name",
        "is_staff",
        "is_active",
    )
    list_filter = ("groups", "is_staff", "is_superuser", "is_active")
