"""Test helpers shared by every app's tests."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(func: Callable[[], object]) -> int:
    """Run func and return how many SQL queries it sent."""
    with CaptureQueriesContext(connection) as ctx:
        func()
    return len(ctx.captured_queries)


def assert_constant_queries(
    build: Callable[[int], None],
    request: Callable[[], object],
    small: int = 2,
    large: int = 50,
) -> int:
    """Assert that request() sends as many queries after build(large) as after build(small).

    build(n) adds n rows; the second call adds large - small more so that the
    page sees `large` rows in total.
    """
    build(small)
    few = count_queries(request)
    build(large - small)
    many = count_queries(request)
    assert few == many, f"{few} queries for {small} rows but {many} for {large}"
    return many
