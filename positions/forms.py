from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from positions import nip as nip_rules
from positions.filters import unit_choices
from positions.models import (
    EducationLevel,
    Employee,
    OrgUnit,
    Placement,
    Position,
    PositionKind,
    Rank,
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


class PositionMapForm(forms.Form):
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
    on = forms.DateField(label=_("Per tanggal"), required=False, widget=DATE)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].widget.options = [("", _("Seluruh kota")), *unit_choices()]
        style_for_bootstrap(self)

    def clean_unit(self) -> OrgUnit | None:
        unit_id = self.cleaned_data["unit"]
        return None if unit_id is None else OrgUnit.objects.filter(pk=unit_id).first()


class RotationWatchForm(forms.Form):
    unit = forms.IntegerField(widget=FastSelect, label=_("Unit"), required=False)
    field = forms.ChoiceField(
        widget=FastSelect,
        label=_("Rumpun"),
        choices=[("", _("Semua")), *Position.Field.choices],
        required=False,
    )
    kind = forms.ChoiceField(
        widget=FastSelect,
        label=_("Jenis jabatan"),
        choices=[("", _("Semua")), *PositionKind.choices],
        required=False,
    )
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

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].widget.options = [("", _("Seluruh kota")), *unit_choices()]
        style_for_bootstrap(self)

    def clean_unit(self) -> OrgUnit | None:
        unit_id = self.cleaned_data["unit"]
        return None if unit_id is None else OrgUnit.objects.filter(pk=unit_id).first()
