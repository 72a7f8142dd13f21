from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Partisipasi publik")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from community.identity import remember_office_flags

        # A login hook, not domain flow: the menu's per-user extras are read once.
        user_logged_in.connect(remember_office_flags, dispatch_uid="community-nav")
