"""Forms of the meeting pages. They check shapes only; the rules (seats, who may
update which commitment, progress bounds) live in community.services.meetings."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.forms.honeypot import HoneypotMixin
from community.models import Commitment, CommitmentStatus, Meeting
from positions.models import OrgUnit

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(
    attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
)
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


class MeetingForm(forms.ModelForm):
    starts_at = forms.DateTimeField(
        label=_("Mulai"), widget=DATETIME, input_formats=DATETIME_FORMATS
    )
    ends_at = forms.DateTimeField(
        label=_("Selesai"), widget=DATETIME, input_formats=DATETIME_FORMATS
    )

    class Meta:
        model = Meeting
        fields = [
            "title",
            "unit",
            "theme",
            "starts_at",
            "ends_at",
            "place",
            "agenda",
            "capacity",
            "registration_open",
            "status",
        ]
        widgets = {"agenda": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "agenda": _(
                "Teks biasa; setiap baris baru ditampilkan sebagai baris baru."
            ),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.filter(is_active=True)
        if self.instance.pk is None:
            # A new meeting is always announced first; held and cancelled come later.
            del self.fields["status"]


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Notulen"),
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=50_000,
        help_text=_("Teks biasa. Setelah diterbitkan, notulen dapat dibaca publik."),
    )


class RegistrationForm(HoneypotMixin, forms.Form):
    """The sign-up button; its only field is the honeypot."""


class AttendanceForm(forms.Form):
    attended = forms.TypedMultipleChoiceField(
        label=_("Hadir"), coerce=int, required=False, choices=()
    )

    def __init__(self, *args, registrations=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [(r.pk, str(r.pk)) for r in registrations]


class CommitmentForm(forms.Form):
    description = forms.CharField(
        label=_("Uraian komitmen"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    unit = forms.ModelChoiceField(
        label=_("Unit penanggung jawab"), queryset=OrgUnit.objects.none()
    )
    due_date = forms.DateField(label=_("Target selesai"), widget=DATE)
    is_public = forms.BooleanField(
        label=_("Tampilkan ke publik"), required=False, initial=True
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.filter(is_active=True)


class CommitmentProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=CommitmentStatus.choices)
    progress = forms.IntegerField(
        label=_("Kemajuan (%)"),
        validators=[
            MinValueValidator(0, _("Kemajuan harus antara 0 dan 100 persen.")),
            MaxValueValidator(100, _("Kemajuan harus antara 0 dan 100 persen.")),
        ],
        widget=forms.NumberInput(attrs={"min": 0, "max": 100}),
    )
    date = forms.DateField(label=_("Tanggal"), widget=DATE)
    note = forms.CharField(
        label=_("Keterangan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )

    def __init__(self, *args, commitment: Commitment, **kwargs) -> None:
        kwargs.setdefault(
            "initial",
            {
                "status": commitment.status,
                "progress": commitment.progress,
                "date": timezone.localdate(),
            },
        )
        super().__init__(*args, **kwargs)


class CommitmentFilterForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label=_("Semua unit"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Semua status")), *CommitmentStatus.choices],
        required=False,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Only units that answer for a public commitment: a short list, one query.
        self.fields["unit"].queryset = OrgUnit.objects.filter(
            community_commitments__is_public=True
        ).distinct()
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-select")
