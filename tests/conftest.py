"""Shared fixtures; plain helpers live in ``tests/helpers.py``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import fixture_texts


@pytest.fixture(params=fixture_texts(), ids=lambda p: p.stem)
def fixture_path(request: pytest.FixtureRequest) -> Path:
    return request.param
