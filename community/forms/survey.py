"""The SKM questionnaire and HR's period form. Shape only: whether the period
takes answers and whether the citizen already answered is the service's."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from community import ikm
from community.forms.honeypot import HoneypotMixin
from community.models import Service, SurveyResponse

SCORE_CHOICES = [
    (score, f"{score} - {label}") for score, label in ikm.SCORE_LABELS.items()
]


class SurveyForm(HoneypotMixin, forms.Form):
    """Nine elements in the configured order, then the respondent's profile."""

    service = forms.ModelChoiceField(
        label=_("Layanan yang Anda gunakan"),
        queryset=Service.objects.none(),
        required=False,
        empty_label=_("(tidak memilih layanan tertentu)"),
    )
    gender = forms.ChoiceField(
        label=_("Jenis kelamin"), choices=SurveyResponse.Gender.choices
    )
    age_group = forms.ChoiceField(
        label=_("Usia"), choices=SurveyResponse.AgeGroup.choices
    )
    education = forms.ChoiceField(
        label=_("Pendidikan terakhir"), choices=SurveyResponse.Education.choices
    )
    job = forms.ChoiceField(label=_("Pekerjaan"), choices=SurveyResponse.Job.choices)

    def __init__(self, *args, unit, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        services = Service.objects.filter(unit=unit, is_active=True).order_by("name")
        self.fields["service"].queryset = services
        for number, element in enumerate(ikm.elements(), start=1):
            self.fields[element.field] = forms.TypedChoiceField(
                label=f"{number}. {element.label}",
                help_text=element.question,
                choices=SCORE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Pilih nilai 1 sampai 4 untuk unsur ini.")
                },
            )
        scores = [e.field for e in ikm.elements()]
        profile = ["gender", "age_group", "education", "job"]
        self.order_fields([*scores, "service", *profile])

    @property
    def has_services(self) -> bool:
        return self.fields["service"].queryset.exists()

    def scores(self) -> dict[str, int]:
        return {e.code: self.cleaned_data[e.field] for e in ikm.elements()}

    def profile(self) -> dict[str, str]:
        return {
            k: self.cleaned_data[k] for k in ("gender", "age_group", "education", "job")
        }


class SurveyPeriodForm(forms.Form):
    """A plain form: the overlap rule is the database's, checked by the service."""

    name = forms.CharField(label=_("Nama periode"), max_length=60)
    start_date = forms.DateField(
        label=_("Mulai"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(
        label=_("Sampai"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error(
                "end_date", _("Tanggal akhir tidak boleh sebelum tanggal mulai.")
            )
        return cleaned


class PeriodChoiceForm(forms.Form):
    """?periode=<pk> among the periods the page already fetched (no query)."""

    periode = forms.TypedChoiceField(
        label=_("Periode"),
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )

    def __init__(self, *args, periods, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["periode"].choices = [("", _("Terbaru"))] + [
            (p.pk, p.name) for p in periods
        ]


class UnitChoiceForm(forms.Form):
    """?unit=<pk> among the units the user may open (office dashboard)."""

    unit = forms.TypedChoiceField(
        label=_("Unit"),
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, units, all_label=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        first = [("", all_label)] if all_label else []
        self.fields["unit"].choices = first + [(u.pk, u.name) for u in units]


class UnitSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Cari unit"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"class": "form-control", "placeholder": _("Nama unit…")}
        ),
    )
