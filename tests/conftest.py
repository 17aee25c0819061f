"""Shared fixtures. Qt must run offscreen before anything imports it."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil  # noqa: E402 - after the platform is set
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory) -> Path:
    """The sample trust, built once for the whole run: tests copy it, never change it."""
    from govboard import clock
    from govboard.services.trust import create_demo

    path = tmp_path_factory.mktemp("demo") / "Hillside.govboard"
    create_demo(path, today=clock.today()).close()
    return path


@pytest.fixture
def demo(demo_master, tmp_path) -> Path:
    """A copy of the sample trust of this test's own."""
    path = tmp_path / "hillside.govboard"
    shutil.copyfile(demo_master, path)
    return path
