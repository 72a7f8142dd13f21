"""Citizen account forms: profile, resending the confirmation, deletion."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from community.forms.honeypot import HoneypotMixin
from community.models.accounts import DELETED_NAME

# Words that would make a citizen look like an official in public; the official
# badge comes only from a Responder record.
OFFICIAL_LOOKING = re.compile(
    r"\b(admin\w*|moderator|petugas|resmi|official|bkpsdm|pemkot|walikota|"
    r"wali\s*kota|humas)\b",
    re.IGNORECASE,
)


def validate_display_name(value: str) -> None:
    name = value.strip()
    if len(name) < 3:
        raise forms.ValidationError(
            _("Nama tampilan minimal 3 huruf."), code="too_short"
        )
    if name.casefold() == str(DELETED_NAME).casefold():
        raise forms.ValidationError(
            _("Nama tampilan ini khusus untuk akun yang dihapus."), code="reserved"
        )
    if OFFICIAL_LOOKING.search(name):
        raise forms.ValidationError(
            _(
                "Nama tampilan tidak boleh memakai kata yang terkesan resmi "
                "(misalnya admin, petugas, moderator, pemkot)."
            ),
            code="official",
        )


class DisplayNameField(forms.CharField):
    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("label", _("Nama tampilan"))
        kwargs.setdefault(
            "help_text",
            _(
                "Nama yang dilihat publik pada tulisan Anda. Boleh nama samaran; "
                "nama asli tidak wajib."
            ),
        )
        super().__init__(
            max_length=60, validators=[validate_display_name], strip=True, **kwargs
        )


class CitizenProfileForm(forms.Form):
    display_name = DisplayNameField()
    email = forms.EmailField(
        label=_("Surel"),
        help_text=_(
            "Surel baru baru berlaku setelah tautan yang kami kirim ke alamat itu "
            "dibuka."
        ),
    )


class ResendConfirmationForm(HoneypotMixin, forms.Form):
    email = forms.EmailField(label=_("Surel yang Anda daftarkan"))


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Kata sandi Anda"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user, *args, **kwargs) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("Kata sandi salah. Akun tidak dihapus."), code="wrong_password"
            )
        return password
