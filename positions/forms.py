from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from positions import nip as nip_rules
from positions import services
from positions.filters import unit_choices
from positions.models import (
    EducationLevel,
    Employee,
    Move,
    OrgUnit,
    Placement,
    Position,
    PositionKind,
    Rank,
    RotationBatch,
)
from sawahlunto_asn.accounts import roles
from sawahlunto_asn.accounts.models import User
from sawahlunto_asn.lib.widgets import FastSelect, style_for_bootstrap

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OrgUnitForm(forms.ModelForm):
    class Meta:
        model = OrgUnit
        fields = ["code", "name", "kind", "parent", "is_active"]


class PositionForm(forms.ModelForm):
    class Meta:
        model = Position
        fields = [
            "code",
            "title",
            "unit",
            "kind",
            "level",
            "eselon",
            "job_class",
            "needs",
            "supervisor",
            "field",
            "is_active",
        ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.filter(is_active=True)
        self.fields["supervisor"].queryset = Position.objects.filter(
            is_active=True
        ).exclude(kind__in=["PELAKSANA", "FUNGSIONAL"])

    def clean(self) -> dict:
        data = super().clean()
        kind, level, eselon = data.get("kind"), data.get("level"), data.get("eselon")
        if kind == PositionKind.FUNGSIONAL and not level:
            self.add_error("level", _("Jabatan fungsional wajib memiliki jenjang."))
        if kind and kind != PositionKind.FUNGSIONAL and level:
            self.add_error("level", _("Jenjang hanya diisi untuk jabatan fungsional."))
        if eselon and kind in (PositionKind.PELAKSANA, PositionKind.FUNGSIONAL):
            self.add_error(
                "eselon", _("Eselon hanya berlaku untuk jabatan manajerial.")
            )
        job_class = data.get("job_class")
        if job_class is not None and not 1 <= job_class <= 17:
            self.add_error("job_class", _("Kelas jabatan harus 1 sampai 17."))
        supervisor = data.get("supervisor")
        if (
            supervisor is not None
            and self.instance.pk
            and supervisor.pk == self.instance.pk
        ):
            self.add_error(
                "supervisor", _("Jabatan tidak dapat menjadi atasannya sendiri.")
            )
        return data


class EmployeeForm(forms.ModelForm):
    # Wider than the stored 18 digits: people paste NIPs with spaces and dots.
    nip = forms.CharField(label=_("NIP / NI PPPK"), max_length=30)

    class Meta:
        model = Employee
        fields = [
            "nip",
            "front_title",
            "name",
            "back_title",
            "status",
            "birth_place",
            "birth_date",
            "gender",
            "appointment_date",
            "user",
            "is_active",
        ]
        widgets = {"birth_date": DATE, "appointment_date": DATE}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Only staff accounts can be linked; citizens' public accounts never can.
        staff_groups = [roles.EMPLOYEE.group, roles.SUPERVISOR.group, roles.HR.group]
        self.fields["user"].queryset = (
            User.objects.filter(groups__name__in=staff_groups)
            .distinct()
            .order_by("username")
        )

    def clean_nip(self) -> str:
        return nip_rules.normalize(self.cleaned_data["nip"])


class PlacementForm(forms.Form):
    position = forms.ModelChoiceField(
        label=_("Jabatan"),
        queryset=Position.objects.filter(is_active=True).select_related("unit"),
    )
    kind = forms.ChoiceField(label=_("Jenis"), choices=Placement.Kind.choices)
    start_date = forms.DateField(label=_("TMT jabatan"), widget=DATE)
    end_date = forms.DateField(label=_("Tanggal berakhir"), required=False, widget=DATE)
    decree_number = forms.CharField(label=_("Nomor SK"), max_length=80, required=False)
    decree_date = forms.DateField(label=_("Tanggal SK"), required=False, widget=DATE)

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error(
                "end_date", _("Tanggal berakhir tidak boleh sebelum TMT jabatan.")
            )
        return data


class PlacementEndForm(forms.Form):
    end_date = forms.DateField(
        label=_("Tanggal berakhir (hari terakhir menjabat)"), widget=DATE
    )


class RankForm(forms.Form):
    rank = forms.ModelChoiceField(
        label=_("Pangkat/golongan"), queryset=Rank.objects.all()
    )
    effective_date = forms.DateField(label=_("TMT"), widget=DATE)
    decree_number = forms.CharField(label=_("Nomor SK"), max_length=80, required=False)
    decree_date = forms.DateField(label=_("Tanggal SK"), required=False, widget=DATE)


class EducationForm(forms.Form):
    level = forms.ModelChoiceField(
        label=_("Jenjang"), queryset=EducationLevel.objects.all()
    )
    major = forms.CharField(label=_("Jurusan"), max_length=120, required=False)
    institution = forms.CharField(label=_("Institusi"), max_length=150, required=False)
    graduation_year = forms.IntegerField(
        label=_("Tahun lulus"), min_value=1950, max_value=2100
    )


class PostFilterForm(forms.Form):
    """Unit (from the whole tree, as plain pairs: the city has hundreds), kind and
    field: the filters the position map and the rotation watch share."""

    unit = forms.IntegerField(widget=FastSelect, label=_("Unit"), required=False)
    kind = forms.ChoiceField(
        widget=FastSelect,
        label=_("Jenis jabatan"),
        choices=[("", _("Semua")), *PositionKind.choices],
        required=False,
    )
    field = forms.ChoiceField(
        widget=FastSelect,
        label=_("Rumpun"),
        choices=[("", _("Semua")), *Position.Field.choices],
        required=False,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].widget.options = [("", _("Seluruh kota")), *unit_choices()]
        style_for_bootstrap(self)

    def clean_unit(self) -> OrgUnit | None:
        unit_id = self.cleaned_data["unit"]
        return None if unit_id is None else OrgUnit.objects.filter(pk=unit_id).first()


class PositionMapForm(PostFilterForm):
    on = forms.DateField(label=_("Per tanggal"), required=False, widget=DATE)


class RotationWatchForm(PostFilterForm):
    category = forms.ChoiceField(
        widget=FastSelect,
        label=_("Status rotasi"),
        choices=[
            ("", _("Semua")),
            ("NOT_YET", _("Belum layak (kurang dari batas minimal)")),
            ("ELIGIBLE", _("Layak rotasi")),
            ("OVERDUE", _("Melewati batas maksimal")),
        ],
        required=False,
    )


class BatchForm(forms.ModelForm):
    class Meta:
        model = RotationBatch
        fields = ["title", "effective_date"]
        widgets = {"effective_date": DATE}


class MoveForm(forms.Form):
    """A move is entered by NIP and position code: the city has thousands of each."""

    nip = forms.CharField(label=_("NIP pegawai"), max_length=30)
    kind = forms.ChoiceField(label=_("Jenis"), choices=Move.Kind.choices)
    to_position = forms.CharField(
        label=_("Kode jabatan tujuan"),
        max_length=40,
        required=False,
        help_text=_("Kosongkan untuk mutasi keluar. Kode tampil di peta jabatan."),
    )
    reason = forms.CharField(
        label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_nip(self) -> Employee:
        digits = nip_rules.normalize(self.cleaned_data["nip"])
        employee = Employee.objects.filter(nip=digits, is_active=True).first()
        if employee is None:
            raise forms.ValidationError(_("Tidak ada pegawai aktif dengan NIP ini."))
        return employee

    def clean_to_position(self) -> Position | None:
        code = self.cleaned_data["to_position"].strip()
        if not code:
            return None
        position = Position.objects.filter(code=code, is_active=True).first()
        if position is None:
            raise forms.ValidationError(_("Kode jabatan tidak dikenal."))
        return position


class AcknowledgeForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan tetap mengusulkan meski ada peringatan"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class TransitionForm(forms.Form):
    """One form for every step; the buttons name the action. A reviewer also gives a
    recommendation per move (`rec-<move id>`), rendered inside the move table and
    tied to this form by the HTML `form` attribute."""

    action = forms.ChoiceField(choices=[(a, a) for a in RotationBatch.TRANSITIONS])
    comment = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    minutes_number = forms.CharField(
        label=_("Nomor berita acara"), max_length=80, required=False
    )
    minutes_date = forms.DateField(
        label=_("Tanggal berita acara"), required=False, widget=DATE
    )
    decree_number = forms.CharField(label=_("Nomor SK"), max_length=80, required=False)
    decree_date = forms.DateField(label=_("Tanggal SK"), required=False, widget=DATE)
    decree_signatory = forms.CharField(
        label=_("Penandatangan SK"), max_length=150, required=False
    )

    FORM_ID = "batch-transition"
    RECOMMENDATION_CHOICES = [("", "—"), *Move.Recommendation.choices]

    def __init__(self, *args, moves=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.move_ids = [move.pk for move in moves]
        for move in moves:
            self.fields[f"rec-{move.pk}"] = forms.ChoiceField(
                label=_("Rekomendasi untuk %(name)s") % {"name": move.employee.name},
                choices=self.RECOMMENDATION_CHOICES,
                required=False,
                initial=move.recommendation,
                # Fifty moves make fifty selects: Django's per-option templates
                # doubled the page's time.
                widget=FastSelect(attrs={"form": self.FORM_ID}),
            )
        style_for_bootstrap(self)

    def step_fields(self) -> dict:
        action = self.cleaned_data["action"]
        return {
            name: self.cleaned_data.get(name)
            for name in services.STEP_FIELDS.get(action, ())
        }

    def recommendations(self) -> dict[int, str]:
        return {pk: self.cleaned_data.get(f"rec-{pk}", "") for pk in self.move_ids}

    def recommendation_fields(self) -> dict[int, forms.BoundField]:
        return {pk: self[f"rec-{pk}"] for pk in self.move_ids}

    def step_inputs(self) -> list[forms.BoundField]:
        """The fields shown in the action card (not the buttons, not the per-move
        selects that sit in the table)."""
        return [
            self[name]
            for name in self.fields
            if name != "action" and not name.startswith("rec-")
        ]
