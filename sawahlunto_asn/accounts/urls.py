from django.contrib.auth import views as auth_views
from django.urls import path

from sawahlunto_asn.accounts import views
from sawahlunto_asn.accounts.forms import LoginForm

urlpatterns = [
    path(
        "masuk/",
        auth_views.LoginView.as_view(authentication_form=LoginForm),
        name="login",
    ),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("daftar/", views.signup, name="signup"),
    path(
        "sandi/ubah/", auth_views.PasswordChangeView.as_view(), name="password_change"
    ),
    path(
        "sandi/ubah/selesai/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("sandi/lupa/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "sandi/lupa/terkirim/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "sandi/atur/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "sandi/atur/selesai/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
