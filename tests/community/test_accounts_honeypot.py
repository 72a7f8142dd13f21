"""The honeypot field: hidden from people, fatal to a form a bot filled."""

from __future__ import annotations

from django import forms
from django.template import Context, Template

from community.forms.honeypot import HoneypotMixin


class CommentForm(HoneypotMixin, forms.Form):
    text = forms.CharField(label="Teks")


def test_an_empty_trap_passes():
    form = CommentForm({"text": "Halo", "website": ""})
    assert form.is_valid()
    assert "website" not in form.cleaned_data


def test_a_missing_trap_passes():
    assert CommentForm({"text": "Halo"}).is_valid()


def test_a_filled_trap_is_refused_with_a_neutral_message():
    form = CommentForm({"text": "Halo", "website": "http://spam.example"})
    assert not form.is_valid()
    assert form.non_field_errors() == ["Permintaan tidak dapat diproses."]
    assert "website" not in form.errors


def test_crispy_renders_it_hidden_with_a_label_for_people():
    form = CommentForm({"text": "Halo", "website": "http://spam.example"})
    html = Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(
        Context({"form": form})
    )
    assert '<div class="visually-hidden"><label for="id_website">' in html
    assert "Jangan isi kolom ini" in html
    assert 'tabindex="-1"' in html
    assert 'autocomplete="off"' in html
    assert 'name="website"' in html
    # Crispy adds no visible wrapper or label of its own, and the bot's value is
    # not echoed back.
    assert 'id="div_id_website"' not in html
    assert "spam.example" not in html


def test_plain_django_rendering_keeps_it_hidden():
    html = str(CommentForm())
    assert '<div class="visually-hidden"><label for="id_website">' in html
