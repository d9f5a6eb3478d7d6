import pytest

from bot.cases import CaseStore
from bot.charter import load_charter
from bot.intake import Desk
from bot.working_days import WorkingCalendar


@pytest.fixture(scope="session")
def charter():
    return load_charter()


@pytest.fixture
def desk(charter):
    """A desk on a fresh in-memory database, so each test sees only its own cases."""
    return Desk(charter, WorkingCalendar.from_charter(charter), CaseStore.from_url("sqlite://"))
