"""Role checks and object scope: the one mechanism every view goes through."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from sawahlunto_asn.accounts.roles import Role

M = TypeVar("M", bound=Model)


def role_required(*allowed: Role) -> Callable:
    """Send anonymous users to the login page; answer 403 to users of other roles."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not any(request.user.has_perm(role.perm) for role in allowed):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def get_visible_or_404(queryset: QuerySet[M], user, **lookup) -> M:
    """Fetch one object through the model's `visible_to(user)` scope.

    An object outside the user's scope is a 404, not a 403, so that its
    existence is not revealed.
    """
    return get_object_or_404(queryset.visible_to(user), **lookup)
