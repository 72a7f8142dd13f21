"""A honeypot field against form-filling bots (issue 7, item 4).

Bots fill every text input they find; people never see this one. A filled value
makes the form invalid with a neutral message that tells a bot nothing.
"""

from __future__ import annotations

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

HONEYPOT_FIELD = "website"
HONEYPOT_ERROR = _("Permintaan tidak dapat diproses.")
HONEYPOT_LABEL = _("Jangan isi kolom ini (khusus penyaring robot).")


class HoneypotInput(forms.TextInput):
    """A text input inside a visually hidden box with its own label.

    It reports itself as hidden so that crispy forms and Django's form templates
    render it bare, without a visible label or wrapper; the label rendered here
    stays readable by screen readers and tells a person to leave it empty.
    """

    def __init__(self) -> None:
        super().__init__(attrs={"autocomplete": "off", "tabindex": "-1"})

    @property
    def is_hidden(self) -> bool:
        return True

    def render(self, name, value, attrs=None, renderer=None):
        # Never echo what a bot typed back into the page.
        field = super().render(name, None, attrs, renderer)
        input_id = (attrs or {}).get("id") or self.attrs.get("id") or f"id_{name}"
        return format_html(
            '<div class="visually-hidden"><label for="{}">{}</label>{}</div>',
            input_id,
            HONEYPOT_LABEL,
            field,
        )


class HoneypotMixin:
    """Put first among a form's bases: `class F(HoneypotMixin, forms.Form)`."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label=HONEYPOT_LABEL, required=False, widget=HoneypotInput()
        )

    def clean(self):
        cleaned = super().clean()
        trap = self.cleaned_data.pop(HONEYPOT_FIELD, "")
        if trap:
            raise forms.ValidationError(HONEYPOT_ERROR, code="honeypot")
        return cleaned
