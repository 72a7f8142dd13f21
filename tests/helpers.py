"""Test helpers shared by every app's tests."""

from __future__ import annotations

import threading
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


def run_together(*steps: Callable[[], object]) -> list:
    """Start every step at the same moment, each in its own thread and database
    connection; return each step's result or the exception it raised."""
    barrier = threading.Barrier(len(steps))
    outcomes: list = [None] * len(steps)

    def attempt(index, step):
        try:
            barrier.wait(timeout=10)
            outcomes[index] = step()
        except Exception as exc:  # reported through the outcomes
            outcomes[index] = exc
        finally:
            connection.close()

    threads = [
        threading.Thread(target=attempt, args=(i, step)) for i, step in enumerate(steps)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes
