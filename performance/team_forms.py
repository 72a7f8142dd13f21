"""Forms of the team pages: filters (period, unit), the organisation rating, the
lock, periods, appraiser assignment and the talent potential."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from performance.models import Period
from performance.rules import OrgRating, Potential
from positions import nip as nip_rules
from positions.filters import unit_choices
from positions.models import Employee, OrgUnit
from sawahlunto_asn.lib.widgets import FastSelect, style_for_bootstrap

CITY = _("Seluruh kota")


class PeriodUnitFilterForm(forms.Form):
    """The period (by year) and, for HR, any unit; for an official, the units he
    rates (`units`: pairs). `all_label` names the empty unit choice (the city)
    or None when a unit must be chosen."""

    tahun = forms.IntegerField(widget=FastSelect, label=_("Periode"), required=False)
    unit = forms.IntegerField(widget=FastSelect, label=_("Unit"), required=False)

    def __init__(
        self,
        *args,
        periods: list[Period],
        units: list[tuple[int, str]] | None = None,
        all_label=CITY,
        with_unit: bool = True,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tahun"].widget.options = [(p.year, str(p.year)) for p in periods]
        if not with_unit:
            del self.fields["unit"]
        else:
            options = unit_choices() if units is None else units
            first = [("", all_label)] if all_label else [("", _("Pilih unit"))]
            self.fields["unit"].widget.options = [*first, *options]
        style_for_bootstrap(self)

    def clean_unit(self) -> OrgUnit | None:
        unit_id = self.cleaned_data.get("unit")
        return None if unit_id is None else OrgUnit.objects.filter(pk=unit_id).first()


class OrgRatingForm(forms.Form):
    org_rating = forms.ChoiceField(
        label=_("Capaian kinerja organisasi"), choices=OrgRating.choices
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style_for_bootstrap(self)


class LockForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan mengunci meski sebaran tidak sesuai pola"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style_for_bootstrap(self)


class OpenPeriodForm(forms.Form):
    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year
        style_for_bootstrap(self)


def employee_by_nip(raw: str) -> Employee:
    digits = nip_rules.normalize(raw)
    employee = Employee.objects.filter(nip=digits, is_active=True).first()
    if employee is None:
        raise forms.ValidationError(
            _("Tidak ada pegawai aktif dengan NIP %(nip)s.") % {"nip": raw}
        )
    return employee


class AssignAppraiserForm(forms.Form):
    """HR names the appraiser (and his superior) of one SKP, by NIP."""

    skp = forms.IntegerField(widget=forms.HiddenInput)
    appraiser_nip = forms.CharField(label=_("NIP pejabat penilai"), max_length=30)
    superior_nip = forms.CharField(
        label=_("NIP atasan pejabat penilai"), max_length=30, required=False
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style_for_bootstrap(self)

    def clean_appraiser_nip(self) -> Employee:
        return employee_by_nip(self.cleaned_data["appraiser_nip"])

    def clean_superior_nip(self) -> Employee | None:
        raw = self.cleaned_data["superior_nip"].strip()
        return employee_by_nip(raw) if raw else None


class PotentialForm(forms.Form):
    """HR enters the potential of an employee without competency assessments."""

    nip = forms.CharField(label=_("NIP pegawai"), max_length=30)
    level = forms.ChoiceField(label=_("Potensi"), choices=Potential.choices)
    source_text = forms.CharField(
        label=_("Sumber penilaian potensi"),
        max_length=300,
        help_text=_("Misalnya: rapat komite talenta, hasil uji kompetensi lain."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style_for_bootstrap(self)

    def clean_nip(self) -> Employee:
        return employee_by_nip(self.cleaned_data["nip"])
