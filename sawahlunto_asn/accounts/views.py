from __future__ import annotations

from functools import partial

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from community.errors import CommunityError
from community.ratelimit import RateLimited, limit
from community.services.accounts import register_citizen
from community.views.accounts import confirmation_link
from sawahlunto_asn.accounts.forms import CitizenSignupForm


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("dashboard")
    form = CitizenSignupForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            limit(request, "signup")
            register_citizen(
                username=form.cleaned_data["username"],
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
                display_name=form.cleaned_data["display_name"],
                link_for=partial(confirmation_link, request),
            )
        except RateLimited as error:
            form.add_error(None, error)
            status = 429
        except CommunityError as error:
            form.add_error(None, error)
        else:
            return redirect("community:accounts_confirmation_sent")
    return render(request, "accounts/signup.html", {"form": form}, status=status)
