"""The landlord's calendar of visits: read from the file, and refused, naming the entry at fault,
when anything in it is missing, mistyped or unknown."""

import copy
from datetime import time

import pytest
import yaml

from bot.visits import VisitCalendarError, load_visit_calendar
from bot.visits.calendar import DEFAULT_VISITS_FILE, calendar_from

GOOD = {
    "days_ahead": 5,
    "half_days": [
        {"name": "morning", "starts": "08:00", "ends": "13:00", "visits": 6},
        {"name": "afternoon", "starts": "12:00", "ends": "18:00", "visits": 4},
    ],
}


def test_the_repositorys_calendar_offers_mornings_and_afternoons():
    calendar = load_visit_calendar(DEFAULT_VISITS_FILE)
    assert [half.name for half in calendar.half_days] == ["morning", "afternoon"]
    assert calendar.half_day("morning").hours == "8am to 1pm"
    assert calendar.half_day("afternoon").hours == "midday to 6pm"
    assert calendar.days_ahead >= 1


def test_a_landlord_changes_the_file_not_the_code(tmp_path):
    mine = copy.deepcopy(GOOD)
    mine["half_days"] = [{"name": "allday", "starts": "09:00", "ends": "16:30", "visits": 2}]
    mine["days_ahead"] = 3
    path = tmp_path / "visits.yml"
    path.write_text(yaml.safe_dump(mine))
    calendar = load_visit_calendar(path)
    assert calendar.days_ahead == 3
    assert calendar.half_day("allday").starts == time(9, 0)
    assert calendar.half_day("allday").hours == "9am to 4:30pm"
    assert calendar.half_day("morning") is None


def _changed(path, value):
    changed = copy.deepcopy(GOOD)
    target = changed
    for step in path[:-1]:
        target = target[step]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return changed


@pytest.mark.parametrize(
    "path, value, says",
    [
        (("days_ahead",), 0, "days_ahead"),
        (("days_ahead",), 21, "days_ahead"),
        (("days_ahead",), "5", "days_ahead"),
        (("days_ahead",), True, "days_ahead"),
        (("days_ahead",), KeyError, "missing days_ahead"),
        (("half_days",), [], "at least one"),
        (("half_days", 0, "name"), "Morning", "half_days[0]: name"),
        (("half_days", 0, "name"), "late afternoon", "half_days[0]: name"),
        (("half_days", 1, "name"), "morning", "each name must be different"),
        (("half_days", 0, "starts"), 480, "half_days[0].starts"),  # 08:00 unquoted, as YAML 1.1 reads it
        (("half_days", 0, "starts"), "8am", "half_days[0].starts"),
        (("half_days", 0, "ends"), "07:00", "ends must be after starts"),
        (("half_days", 0, "visits"), 0, "half_days[0]: visits"),
        (("half_days", 0, "visits"), 2.5, "half_days[0]: visits"),
        (("half_days", 0, "capacity"), 3, "half_days[0]: unknown capacity"),
        (("half_days", 0, "visits"), KeyError, "half_days[0]: missing visits"),
        (("weekends",), True, "unknown weekends"),
    ],
)
def test_a_calendar_with_a_mistake_is_refused_naming_the_entry(path, value, says):
    with pytest.raises(VisitCalendarError, match=rf".*{says.replace('[', '.').replace(']', '.')}"):
        calendar_from(_changed(path, value), "visits.yml")


def test_a_file_that_is_not_yaml_is_refused_naming_it(tmp_path):
    path = tmp_path / "visits.yml"
    path.write_text("days_ahead: [5\n")
    with pytest.raises(VisitCalendarError, match="visits.yml: cannot be read"):
        load_visit_calendar(path)
