from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.utils.translation import gettext_lazy as _

from community.forms.accounts import DisplayNameField
from community.forms.honeypot import HoneypotMixin
from sawahlunto_asn.accounts.models import User


class CitizenSignupForm(HoneypotMixin, UserCreationForm):
    """Asks a display name only: the real name stays out unless typed there."""

    display_name = DisplayNameField()
    email = forms.EmailField(
        label=_("Surel"),
        help_text=_(
            "Kami kirim tautan konfirmasi ke alamat ini; akun aktif setelah "
            "tautan dibuka. Tidak ditampilkan kepada publik."
        ),
    )

    class Meta:
        model = User
        fields = ("username", "email")

    field_order = ("display_name", "username", "email", "password1", "password2")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The login form says "Kata sandi"; Django's own translation says "Sandi".
        self.fields["password1"].label = _("Kata sandi")
        self.fields["password2"].label = _("Ulangi kata sandi")

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Surel ini sudah terdaftar."))
        return email


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Nama pengguna atau kata sandi salah. Setelah %(limit)s kali salah berturut-"
            "turut, akun dikunci sementara."
        ),
        "unconfirmed": _(
            "Akun warga ini belum aktif: buka tautan konfirmasi yang dikirim ke "
            "surel Anda, atau minta tautan baru."
        ),
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Kata sandi")

    def get_invalid_login_error(self) -> forms.ValidationError:
        if self._is_unconfirmed_citizen():
            return forms.ValidationError(
                self.error_messages["unconfirmed"], code="unconfirmed"
            )
        return forms.ValidationError(
            self.error_messages["invalid_login"],
            code="invalid_login",
            params={"limit": settings.AXES_FAILURE_LIMIT},
        )

    def _is_unconfirmed_citizen(self) -> bool:
        # Told only to whoever knows the password, so it reveals nothing new.
        user = User.objects.filter(
            username=self.cleaned_data.get("username"),
            is_active=False,
            citizen_profile__email_confirmed_at__isnull=True,
        ).first()
        return user is not None and user.check_password(
            self.cleaned_data.get("password") or ""
        )
