"""Forms of the event pages: the catalogue, events, registration and external learning.

Forms only parse and check shapes; the rules (seats, deadlines, scope) live in
competency.services, whose CompetencyError the views turn into messages.
"""

from __future__ import annotations

from django import forms
from django.core.validators import FileExtensionValidator, MinValueValidator
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from competency.models import (
    LEVEL_CHOICES,
    Competency,
    DevelopmentKind,
    ExternalLearning,
    ProgramCompetency,
    TrainingEvent,
    TrainingProgram,
)
from positions import nip as nip_rules
from positions.models import Employee, OrgUnit
from sawahlunto_asn.lib.widgets import style_for_bootstrap

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
EVIDENCE_TYPES = ["pdf", "jpg", "jpeg", "png"]
EVIDENCE_MAX_BYTES = 5 * 1024 * 1024


# ---------------------------------------------------------------- catalogue


class ProgramFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari judul atau penyelenggara"), required=False)
    kind = forms.ChoiceField(
        label=_("Jenis pengembangan"),
        choices=[("", _("Semua")), *DevelopmentKind.choices],
        required=False,
    )
    active = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Semua")), ("1", _("Aktif")), ("0", _("Tidak aktif"))],
        required=False,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style_for_bootstrap(self)


class ProgramForm(forms.ModelForm):
    class Meta:
        model = TrainingProgram
        fields = [
            "title",
            "kind",
            "jp_credit",
            "provider",
            "description",
            "is_reform_socialisation",
            "is_active",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["jp_credit"].validators.append(
            MinValueValidator(1, _("JP harus lebih dari nol."))
        )
        self.fields["jp_credit"].widget.attrs["min"] = 1


class ProgramCompetencyForm(forms.ModelForm):
    class Meta:
        model = ProgramCompetency
        fields = ["competency", "target_level"]
        labels = {"target_level": _("Level sasaran")}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["competency"].queryset = Competency.objects.active()
        self.fields["target_level"].choices = [("", "—"), *LEVEL_CHOICES]
        style_for_bootstrap(self)


ProgramCompetencyFormSet = inlineformset_factory(
    TrainingProgram,
    ProgramCompetency,
    form=ProgramCompetencyForm,
    extra=3,
    can_delete=True,
)


# ---------------------------------------------------------------- events


class EventFilterForm(forms.Form):
    OPEN, UPCOMING, PAST = "open", "upcoming", "past"

    year = forms.IntegerField(
        label=_("Tahun"), min_value=2000, max_value=2100, required=False
    )
    program = forms.ModelChoiceField(
        label=_("Program"),
        queryset=TrainingProgram.objects.none(),
        required=False,
        empty_label=_("Semua program"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            ("", _("Semua")),
            (OPEN, _("Pendaftaran dibuka")),
            (UPCOMING, _("Belum selesai")),
            (PAST, _("Sudah selesai")),
        ],
        required=False,
    )

    def __init__(self, *args, programs=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if programs is not None:
            self.fields["program"].queryset = programs
        style_for_bootstrap(self)


class EventForm(forms.ModelForm):
    """Create and edit an event. Capacity is set here only on creation; afterwards
    it changes through services.change_capacity (which moves the waiting list)."""

    # Declared so that a link typed without a scheme becomes https (Django 6's
    # default), not http.
    online_link = forms.URLField(
        label=_("Tautan daring"),
        required=False,
        assume_scheme="https",
        max_length=TrainingEvent._meta.get_field("online_link").max_length,
    )

    class Meta:
        model = TrainingEvent
        fields = [
            "program",
            "start_date",
            "end_date",
            "registration_deadline",
            "place",
            "online_link",
            "capacity",
            "organiser",
            "organiser_unit",
        ]
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "registration_deadline": DATE,
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        programs = TrainingProgram.objects.active()
        if self.instance.pk:
            del self.fields["capacity"]
            programs = (
                TrainingProgram.objects.filter(pk=self.instance.program_id)
                | TrainingProgram.objects.active()
            )
            if self.instance.registrations.exists():
                # Completed participants' JP come from the program: keep it.
                self.fields["program"].disabled = True
                self.fields["program"].help_text = _(
                    "Program tidak dapat diganti setelah ada pendaftar."
                )
        else:
            self.fields["capacity"].validators.append(
                MinValueValidator(1, _("Kapasitas peserta harus lebih dari nol."))
            )
            self.fields["capacity"].widget.attrs["min"] = 1
        self.fields["program"].queryset = programs.distinct()
        self.fields["organiser_unit"].queryset = OrgUnit.objects.filter(is_active=True)

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        deadline = data.get("registration_deadline")
        if start and end and end < start:
            self.add_error(
                "end_date", _("Tanggal selesai tidak boleh sebelum tanggal mulai.")
            )
        if deadline and end and deadline > end:
            self.add_error(
                "registration_deadline",
                _("Batas pendaftaran tidak boleh sesudah tanggal selesai."),
            )
        if not data.get("place") and not data.get("online_link"):
            self.add_error("place", _("Isi tempat atau tautan daring."))
        return data


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(
        label=_("Kapasitas baru"), min_value=1, max_value=100000
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style_for_bootstrap(self)


class NominateForm(forms.Form):
    """An employee by NIP, looked up only among those the user may nominate."""

    nip = forms.CharField(label=_("NIP pegawai"), max_length=30)

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        style_for_bootstrap(self)

    def clean_nip(self) -> Employee:
        digits = nip_rules.normalize(self.cleaned_data["nip"])
        employee = (
            Employee.objects.visible_to(self.user)
            .filter(nip=digits, is_active=True)
            .first()
        )
        if employee is None:
            raise forms.ValidationError(
                _("Tidak ada pegawai aktif dengan NIP ini yang dapat Anda tunjuk.")
            )
        return employee


class AttendanceDayForm(forms.Form):
    day = forms.DateField(label=_("Tanggal kehadiran"), widget=DATE)


class EvaluationForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Penilaian Anda atas kegiatan ini"),
        choices=[
            (5, _("5 - Sangat baik")),
            (4, _("4 - Baik")),
            (3, _("3 - Cukup")),
            (2, _("2 - Kurang")),
            (1, _("1 - Sangat kurang")),
        ],
        coerce=int,
    )
    comments = forms.CharField(
        label=_("Saran dan komentar"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style_for_bootstrap(self)


# ---------------------------------------------------------------- external learning


class ExternalLearningForm(forms.Form):
    title = forms.CharField(label=_("Nama kegiatan"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Jenis pengembangan"), choices=DevelopmentKind.choices
    )
    provider = forms.CharField(label=_("Penyelenggara"), max_length=150, required=False)
    jp = forms.IntegerField(
        label=_("JP"),
        min_value=1,
        max_value=1000,
        help_text=_("Jam pelajaran tertera pada sertifikat (1 JP = 45 menit)."),
    )
    start_date = forms.DateField(label=_("Tanggal mulai"), widget=DATE)
    end_date = forms.DateField(label=_("Tanggal selesai"), widget=DATE)
    evidence = forms.FileField(
        label=_("Bukti (sertifikat)"),
        help_text=_("PDF, JPG atau PNG, paling besar 5 MB."),
        validators=[FileExtensionValidator(EVIDENCE_TYPES)],
    )

    def clean_evidence(self):
        evidence = self.cleaned_data["evidence"]
        if evidence.size > EVIDENCE_MAX_BYTES:
            raise forms.ValidationError(_("Berkas bukti paling besar 5 MB."))
        return evidence

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error(
                "end_date", _("Tanggal selesai tidak boleh sebelum tanggal mulai.")
            )
        if end and end > timezone.localdate():
            self.add_error(
                "end_date", _("Kegiatan yang belum selesai belum dapat dicatat.")
            )
        return data


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Setujui")), ("reject", _("Tolak"))]
    )
    note = forms.CharField(
        label=_("Catatan verifikasi"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ExternalFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Semua")), *ExternalLearning.Status.choices],
        required=False,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style_for_bootstrap(self)
