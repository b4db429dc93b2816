"""Shared fixtures. Qt must run offscreen: without a display a pytest-qt run aborts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from referat_desktop.domain import interchange  # noqa: E402
from referat_desktop.domain.model import Meeting  # noqa: E402
from referat_desktop.resources_path import SAMPLE_MEETING, resource  # noqa: E402
from referat_desktop.store import Store  # noqa: E402


@pytest.fixture
def sample_meeting() -> Meeting:
    """The Direktionen meeting of 16 December 2019, as shipped in resources/."""
    return interchange.loads(resource(*SAMPLE_MEETING).read_text(encoding="utf-8"))[0]


@pytest.fixture
def sample_json_path() -> Path:
    return Path(str(resource(*SAMPLE_MEETING)))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "referat.sqlite"


@pytest.fixture
def store(db_path: Path):
    """A fresh database per test (as Vorta does)."""
    s = Store.open(db_path)
    yield s
    s.close()


def pytest_sessionfinish(session, exitstatus) -> None:
    """Empty the clipboard before Qt shuts down: a QMimeData a test put there (a paste)
    makes the process segfault at exit otherwise, which turns a green run into exit 139.
    Only when a test started Qt: domain, store and export runs never import it."""
    import sys

    widgets = sys.modules.get("PySide6.QtWidgets")
    if widgets is not None and widgets.QApplication.instance() is not None:
        widgets.QApplication.clipboard().clear()
