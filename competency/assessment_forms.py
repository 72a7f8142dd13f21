"""The form for recording a competency assessment."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from competency.models import LEVEL_CHOICES, Assessment, Competency
from sawahlunto_asn.lib.widgets import style_for_bootstrap

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AssessmentForm(forms.Form):
    competency = forms.ModelChoiceField(
        label=_("Kompetensi"),
        queryset=Competency.objects.active().order_by("type", "code"),
        empty_label=_("— pilih kompetensi —"),
    )
    level = forms.TypedChoiceField(
        label=_("Level hasil asesmen"), choices=LEVEL_CHOICES, coerce=int
    )
    assessed_on = forms.DateField(label=_("Tanggal asesmen"), widget=DATE)
    method = forms.ChoiceField(label=_("Metode"), choices=Assessment.Method.choices)
    assessor_name = forms.CharField(
        label=_("Nama asesor"),
        max_length=150,
        required=False,
        help_text=_("Kosongkan bila Anda sendiri asesornya."),
    )
    notes = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, supervisor_only: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assessed_on"].initial = timezone.localdate()
        if supervisor_only:
            # A supervisor records only his own evaluation of a subordinate.
            self.fields["method"].choices = [
                (Assessment.Method.SUPERVISOR, Assessment.Method.SUPERVISOR.label)
            ]
            del self.fields["assessor_name"]
        style_for_bootstrap(self)
