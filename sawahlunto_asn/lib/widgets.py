"""Form widgets for the busy list pages.

Django renders every <option> through its own template, which costs about a
tenth of a millisecond each; a unit picker with hundreds of units then
dominates the page. FastSelect builds the same markup directly.
"""

from __future__ import annotations

import html

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe


class FastSelect(forms.Select):
    """A <select> rendered in Python. Its options may be given as plain
    `(value, label)` pairs in `options`, set per request, which skips Django's
    normalisation and deep copies of long choice lists (hundreds of units)."""

    options: list[tuple[object, object]] | None = None

    def render(self, name, value, attrs=None, renderer=None):
        chosen = "" if value is None else str(value)
        parts = []
        for option_value, label in (
            self.options if self.options is not None else self.choices
        ):
            option = "" if option_value is None else str(option_value)
            mark = " selected" if option == chosen else ""
            parts.append(f'<option value="{esc(option)}"{mark}>{esc(label)}</option>')
        attrs = flatatt(self.build_attrs(self.attrs, attrs))
        return mark_safe(f'<select name="{esc(name)}"{attrs}>{"".join(parts)}</select>')


def esc(value) -> str:
    """HTML-escape any value (str() first: labels may be lazy translations)."""
    return html.escape(str(value))


def style_for_bootstrap(form: forms.BaseForm) -> None:
    """Give each widget Bootstrap's class, for forms rendered without crispy."""
    for field in form.fields.values():
        widget = field.widget
        css = "form-select" if isinstance(widget, forms.Select) else "form-control"
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
