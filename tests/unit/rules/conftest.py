import pytest

from .factory import healthy


@pytest.fixture
def trust():
    """A healthy trust (no rule fires on it as at AS_OF) to break in one place per test."""
    return healthy()
