"""Small pieces every page view shares: refusals as messages, the current query
string without some parameters."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


def flash_errors(request: HttpRequest, error: ValidationError) -> None:
    """Each message of a refusal (a service's ValidationError) on the next page."""
    for message in error.messages:
        messages.error(request, message)


def flash_form_errors(request: HttpRequest, form) -> None:
    """Each error of an invalid form posted from a page that redirects back."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def query_without(request: HttpRequest, *names: str) -> str:
    """The request's query string minus `names` (page links, export links)."""
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()
