from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.utils.translation import gettext_lazy as _

from sawahlunto_asn.accounts.models import User


class CitizenSignupForm(UserCreationForm):
    email = forms.EmailField(
        label=_("Surel"), help_text=_("Untuk mengatur ulang kata sandi.")
    )

    class Meta:
        model = User
        fields = ("username", "first_name", "email")
        labels = {"first_name": _("Nama")}

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
    }

    def get_invalid_login_error(self) -> forms.ValidationError:
        return forms.ValidationError(
            self.error_messages["invalid_login"],
            code="invalid_login",
            params={"limit": settings.AXES_FAILURE_LIMIT},
        )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Kata sandi")
