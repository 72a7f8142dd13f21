"""Citizen account pages: email confirmation, profile, data download, deletion."""

from __future__ import annotations

import json
from functools import partial

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from community.errors import CommunityError
from community.forms.accounts import (
    CitizenProfileForm,
    DeleteAccountForm,
    ResendConfirmationForm,
)
from community.models import CitizenProfile
from community.ratelimit import RateLimited, limit
from community.services import accounts as services
from sawahlunto_asn.accounts import roles
from sawahlunto_asn.lib.access import role_required


def confirmation_link(request: HttpRequest, token: str) -> str:
    """The absolute URL a confirmation email carries for `token`."""
    return request.build_absolute_uri(
        reverse("community:accounts_confirm_email", args=[token])
    )


def accounts_confirmation_sent(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "community/accounts_confirmation_sent.html",
        {"hours": settings.COMMUNITY_EMAIL_CONFIRMATION_HOURS},
    )


@require_http_methods(["GET", "POST"])
def accounts_confirm_email(request: HttpRequest, token: str) -> HttpResponse:
    # Opening the link only shows a button: mail scanners that follow links
    # must not confirm an address on the owner's behalf.
    try:
        if request.method == "POST":
            services.confirm_email(token)
            return redirect("community:accounts_email_confirmed")
        services.read_confirmation_token(token)
    except services.ConfirmationExpired as error:
        problem, message = "expired", error.messages[0]
    except CommunityError as error:
        problem, message = "invalid", error.messages[0]
    else:
        problem, message = "", ""
    return render(
        request,
        "community/accounts_confirm_email.html",
        {"problem": problem, "message": message},
        status=400 if problem else 200,
    )


def accounts_email_confirmed(request: HttpRequest) -> HttpResponse:
    return render(request, "community/accounts_email_confirmed.html")


@require_http_methods(["GET", "POST"])
def accounts_resend_confirmation(request: HttpRequest) -> HttpResponse:
    form = ResendConfirmationForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            limit(request, "confirmation")
        except RateLimited as error:
            form.add_error(None, error)
            status = 429
        else:
            services.resend_confirmation(
                form.cleaned_data["email"], link_for=partial(confirmation_link, request)
            )
            return redirect("community:accounts_confirmation_sent")
    return render(
        request,
        "community/accounts_resend_confirmation.html",
        {"form": form},
        status=status,
    )


@role_required(roles.CITIZEN)
@require_http_methods(["GET", "POST"])
def accounts_profile(request: HttpRequest) -> HttpResponse:
    profile = CitizenProfile.objects.filter(user=request.user).first()
    form = CitizenProfileForm(
        request.POST or None,
        initial={
            "display_name": profile.display_name if profile else "",
            "email": request.user.email,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            mailed = services.update_citizen_profile(
                request.user,
                **form.cleaned_data,
                link_for=partial(confirmation_link, request),
            )
        except CommunityError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Profil Anda sudah disimpan."))
            if mailed:
                messages.info(
                    request,
                    _(
                        "Tautan konfirmasi dikirim ke surel baru Anda. Surel lama "
                        "tetap dipakai sampai tautan itu dibuka."
                    ),
                )
            return redirect("community:accounts_profile")
    return render(
        request,
        "community/accounts_profile.html",
        {"profile": profile, "form": form},
    )


@role_required(roles.CITIZEN)
@require_http_methods(["GET"])
def accounts_export(request: HttpRequest) -> HttpResponse:
    data = services.export_personal_data(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"data-saya-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@role_required(roles.CITIZEN)
@require_http_methods(["GET", "POST"])
def accounts_delete(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.delete_citizen_account(request.user)
        except CommunityError as error:
            form.add_error(None, error)
        else:
            logout(request)
            messages.success(
                request,
                _(
                    "Akun Anda sudah dihapus. Tulisan Anda tetap ada dengan nama "
                    "“%(name)s”."
                )
                % {"name": services.DELETED_NAME},
            )
            return redirect("home")
    return render(request, "community/accounts_delete.html", {"form": form})
