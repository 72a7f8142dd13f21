"""Citizen account pages; sign-up itself stays at the project's `signup` URL."""

from django.urls import path

from community.views import accounts

urlpatterns = [
    path(
        "akun/konfirmasi/terkirim/",
        accounts.accounts_confirmation_sent,
        name="accounts_confirmation_sent",
    ),
    path(
        "akun/konfirmasi/kirim-ulang/",
        accounts.accounts_resend_confirmation,
        name="accounts_resend_confirmation",
    ),
    path(
        "akun/konfirmasi/berhasil/",
        accounts.accounts_email_confirmed,
        name="accounts_email_confirmed",
    ),
    path(
        "akun/konfirmasi/<str:token>/",
        accounts.accounts_confirm_email,
        name="accounts_confirm_email",
    ),
    path("akun/profil/", accounts.accounts_profile, name="accounts_profile"),
    path("akun/unduh-data/", accounts.accounts_export, name="accounts_export"),
    path("akun/hapus/", accounts.accounts_delete, name="accounts_delete"),
]
