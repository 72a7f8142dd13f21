from __future__ import annotations

from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def save_screenshot(page, name: str) -> Path:
    """Save the page under test-artifacts/ and print where, for whoever reads the log."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")  # noqa: T201 - the path is the point of this output
    return path


@pytest.fixture
def screenshot(page):
    """screenshot("name") saves the test's page; see save_screenshot."""

    def take(name: str) -> Path:
        return save_screenshot(page, name)

    return take


@pytest.fixture
def console_errors(page):
    """Console errors (CSP violations among them) collected while the test runs."""
    errors: list[str] = []
    page.on(
        "console", lambda msg: errors.append(msg.text) if msg.type == "error" else None
    )
    return errors
