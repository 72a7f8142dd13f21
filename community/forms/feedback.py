"""Forms of the feedback pages: they check the shape of the input; the workflow's
rules live in community.services.feedback."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from community.forms.honeypot import HoneypotMixin
from community.models import Feedback, Service
from community.models.feedback import TRACKING_LENGTH, normalise_tracking_code
from positions.models import OrgUnit

TEXT_MAX = 5000
NOTE_MAX = 2000


def service_units():
    """Units that serve the public (the same setting as the public unit pages)."""
    return OrgUnit.objects.filter(
        is_active=True, kind__in=settings.COMMUNITY_SERVICE_UNIT_KINDS
    ).order_by("name")


class UnitFieldsMixin:
    """Fill the unit choices per request, so the setting is read lazily."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = service_units()


class ServiceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Service) -> str:
        return f"{obj.unit.name} — {obj.name}"


class FeedbackForm(HoneypotMixin, UnitFieldsMixin, forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Unit layanan yang dituju"),
        queryset=OrgUnit.objects.none(),
        empty_label=_("Pilih unit…"),
        help_text=_(
            "Bila ragu, pilih unit yang paling dekat; moderator dapat meneruskannya "
            "ke unit yang tepat."
        ),
    )
    service = ServiceChoiceField(
        label=_("Layanan (jika ada)"),
        empty_label=_("Tidak tahu / tidak ada"),
        help_text=_("Hanya layanan milik unit yang dipilih di atas."),
        queryset=Service.objects.filter(is_active=True)
        .select_related("unit")
        .order_by("unit__name", "name"),
        required=False,
    )
    category = forms.ChoiceField(
        label=_("Kategori"),
        choices=Feedback.Category.choices,
        help_text=_(
            "Pengaduan: layanan tidak sesuai ketentuan. Saran: usul perbaikan. "
            "Permintaan informasi: pertanyaan. Apresiasi: pujian untuk layanan."
        ),
    )
    title = forms.CharField(
        label=_("Judul"),
        max_length=150,
        help_text=_("Ringkas dalam satu kalimat, misalnya “Antrean KTP-el lama”."),
    )
    text = forms.CharField(
        label=_("Isi aspirasi"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Jangan menulis NIK, NIP, nomor telepon atau alamat surel: data itu "
            "disamarkan dari tampilan publik."
        ),
    )
    photo = forms.FileField(
        label=_("Foto (opsional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )
    is_anonymous = forms.BooleanField(
        label=_("Anonim: publik tidak melihat nama saya"), required=False
    )
    is_confidential = forms.BooleanField(
        label=_("Rahasia: aspirasi ini tidak ditampilkan kepada publik"),
        required=False,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit = settings.COMMUNITY_FEEDBACK_PHOTO_MAX_BYTES // (1024 * 1024)
        self.fields["photo"].help_text = _(
            "JPEG atau PNG, paling besar %(mb)d MB. Data lokasi dan kamera dihapus."
        ) % {"mb": limit}

    def clean(self):
        cleaned = super().clean()
        unit, service = cleaned.get("unit"), cleaned.get("service")
        if unit and service and service.unit_id != unit.pk:
            self.add_error("service", _("Layanan ini bukan layanan unit yang dipilih."))
        return cleaned


class VerifyForm(UnitFieldsMixin, forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Unit tujuan"),
        queryset=OrgUnit.objects.none(),
        required=False,
        help_text=_("Kosongkan bila unit yang dipilih warga sudah tepat."),
    )
    needs_field_check = forms.BooleanField(
        label=_("Pengaduan perlu pemeriksaan lapangan"), required=False
    )
    note = forms.CharField(label=_("Catatan"), max_length=NOTE_MAX, required=False)


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan penolakan"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RedactForm(forms.Form):
    """What the public reads of a feedback, as a moderator rewrites it."""

    public_title = forms.CharField(label=_("Judul publik"), max_length=200)
    public_text = forms.CharField(
        label=_("Isi publik"), widget=forms.Textarea(attrs={"rows": 5})
    )
    reason = forms.CharField(
        label=_("Alasan penyuntingan"),
        max_length=NOTE_MAX,
        help_text=_("Dicatat di log moderasi; tidak ditampilkan kepada publik."),
    )


class AssignForm(UnitFieldsMixin, forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Unit tujuan baru"), queryset=OrgUnit.objects.none()
    )
    note = forms.CharField(label=_("Catatan"), max_length=NOTE_MAX, required=False)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Catatan"), max_length=NOTE_MAX, required=False)


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Jawaban resmi"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class RateForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Nilai jawaban"),
        coerce=int,
        choices=[(n, str(n)) for n in range(1, 6)],
        widget=forms.RadioSelect,
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Mengapa jawaban belum menyelesaikan masalah?"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class TrackForm(forms.Form):
    kode = forms.CharField(
        label=_("Kode pelacakan"),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "placeholder": "XXXX-XXXX-XXXX"}
        ),
    )

    def clean_kode(self) -> str:
        code = normalise_tracking_code(self.cleaned_data["kode"])
        if len(code) != TRACKING_LENGTH:
            raise forms.ValidationError(
                _(
                    "Kode pelacakan terdiri atas 12 huruf dan angka, mis. K7QM-3XHD-9TPA."
                )
            )
        return code
