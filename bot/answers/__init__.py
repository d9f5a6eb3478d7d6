"""Reading tenants' answers to the forms' questions: where in the home, how to reach them,
their postcode, and what a complaint might run into.

Plain functions over text, so the form validations in actions/ stay one line each and a test
can check every answer without a model. Each kind of answer is read in its own module:

- `details`: the details a form asks for (a place in the home, a phone number, a postcode,
  "nothing" as an answer);
- `yes_no`: yes and no however they are said, and the yes-or-no questions answered in words;
- `complaints`: unhappiness with us, what went wrong, what would put it right, exclusions
  (how long ago it happened, against the charter's time limit);
- `forced_entry`: whether a repair to secure a home says how it came to be open;
- `gas_check`: whether a heating repair that cannot wait asks about gas before it is logged;
- `interruptions`: a message that is not the answer (a danger, a question, dropping the report);
- `problems`: the area a tenant picks, and a second problem told in the same message;
- `read_back`: which answer of a read-back the tenant asks to change ("change the postcode");
- `ratings`: the answer to the survey after a repair ("4 - quick and tidy", "five stars"), and
  whether a message is that answer or something else;
- `visits`: the visit time chosen from those offered ("thursday afternoon please", "the first
  one", "none of those work"), or cancelling the visit.

The names below are the package's public face: the rest of the assistant imports from here.
"""

from bot.answers.complaints import (
    complaint_told,
    happened_by,
    outcome_wanted,
    outside_time_limit,
    possible_exclusions,
    unhappy_with_us,
)
from bot.answers.details import (
    location_in,
    only_contact_details,
    phone_of_sender,
    place_named,
    postcode_in,
    no_safe_way,
    says_nothing,
    uk_phone_number,
)
from bot.answers.forced_entry import asks_how_it_happened, asks_instead_of_how
from bot.answers.gas_check import asks_about_gas
from bot.answers.interruptions import (
    SURE,
    SURE_WITH_A_FINDING,
    abandons,
    asks_something,
    closes_the_conversation,
    danger_told,
    happening_now,
    leaves_for_someone,
    leaves_the_report,
    leaves_the_visit_question,
)
from bot.answers.problems import AREAS, area_chosen, damage_to_make_safe, first_problem, second_problem
from bot.answers.ratings import Rating, answers_the_survey, declines_survey, read_rating
from bot.answers.read_back import GETTING_IN, PHONE, POSTCODE, PROBLEM, WHERE, answers_to_change
from bot.answers.visits import CANCEL_VISIT, NONE_OF_THESE, asks_to_change_visit, visit_chosen, wants_cancelling
from bot.answers.yes_no import (
    asks_to_be_rung,
    describes_extra_care,
    leak_stopped,
    needs_extra_care,
    only_yes,
    someone_at_risk,
    threat_answer,
    threat_described,
    yes_or_no,
)

__all__ = [
    "AREAS",
    "CANCEL_VISIT",
    "GETTING_IN",
    "NONE_OF_THESE",
    "PHONE",
    "POSTCODE",
    "PROBLEM",
    "Rating",
    "SURE",
    "SURE_WITH_A_FINDING",
    "WHERE",
    "abandons",
    "answers_the_survey",
    "answers_to_change",
    "area_chosen",
    "asks_about_gas",
    "asks_how_it_happened",
    "asks_instead_of_how",
    "asks_something",
    "asks_to_change_visit",
    "asks_to_be_rung",
    "complaint_told",
    "closes_the_conversation",
    "danger_told",
    "damage_to_make_safe",
    "declines_survey",
    "describes_extra_care",
    "first_problem",
    "happened_by",
    "happening_now",
    "leak_stopped",
    "leaves_for_someone",
    "leaves_the_report",
    "leaves_the_visit_question",
    "location_in",
    "needs_extra_care",
    "only_contact_details",
    "outcome_wanted",
    "outside_time_limit",
    "phone_of_sender",
    "place_named",
    "possible_exclusions",
    "postcode_in",
    "read_rating",
    "no_safe_way",
    "only_yes",
    "says_nothing",
    "second_problem",
    "someone_at_risk",
    "threat_answer",
    "threat_described",
    "uk_phone_number",
    "unhappy_with_us",
    "visit_chosen",
    "wants_cancelling",
    "yes_or_no",
]
