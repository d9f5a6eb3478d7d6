"""Staff's news on a case is told to the tenant unasked, and the case page shows what became of it."""

import pytest

from bot.cases import ChannelIdentity
from bot.charter import RepairPriority
from bot.intake import Reporter, log_complaint, log_domestic_abuse, log_repair
from bot.updates import UpdateKind, Updates, UpdateStatus
from tests.bot.web.console.conftest import NOW

SMS = Reporter("+447700900123", identity=ChannelIdentity("twilio", "+447700900123"))


def _updates(desk, reference):
    return Updates(desk.cases.engine).for_case(reference)


async def test_an_operative_on_the_way_is_told_to_the_tenant_and_noted_under_the_officers_name(signed_in, desk):
    reference = log_repair(desk, RepairPriority.ROUTINE, "dripping tap", SMS, NOW).reference
    response = await signed_in.post(f"/staff/cases/{reference}/on-the-way")
    assert response.status == 303
    [update] = _updates(desk, reference)
    assert update.kind is UpdateKind.ON_THE_WAY and update.status is UpdateStatus.PENDING
    assert reference in update.text and update.address == "+447700900123"
    assert desk.cases.events(reference)[-1].actor == "staff:alice"
    page = await (await signed_in.client.get(f"/staff/cases/{reference}")).text()
    assert "Updates to the tenant" in page and "Operative on the way" in page and "Waiting to send" in page


async def test_completing_a_case_tells_the_tenant_once(signed_in, desk):
    reference = log_repair(desk, RepairPriority.ROUTINE, "dripping tap", SMS, NOW).reference
    await signed_in.post(f"/staff/cases/{reference}/complete", confirm="yes")
    await signed_in.post(f"/staff/cases/{reference}/complete", confirm="yes")
    assert [u.kind for u in _updates(desk, reference)] == [UpdateKind.COMPLETED, UpdateKind.SURVEY]


async def test_a_domestic_abuse_case_completed_is_not_told_and_the_page_says_so(signed_in, desk):
    from bot.web.console.accounts import StaffAccounts
    from bot.web.console.roles import StaffRole
    from tests.bot.web.console.conftest import PASSWORD, sign_in

    reference = log_domestic_abuse(desk, "my partner hurts me", "text only", SMS, NOW).reference
    StaffAccounts(desk.cases.engine).create("dana", PASSWORD, NOW, role=StaffRole.SAFEGUARDING)
    await signed_in.client.post("/staff/logout", data={"csrf_token": signed_in.token})
    await sign_in(signed_in.client, "dana")
    page = await (await signed_in.client.get("/staff/")).text()
    from tests.bot.web.console.conftest import csrf_token

    token = csrf_token(page)
    await signed_in.client.post(f"/staff/cases/{reference}/complete", data={"csrf_token": token, "confirm": "yes"})
    [update] = _updates(desk, reference)
    assert update.status is UpdateStatus.NOT_SENT
    page = await (await signed_in.client.get(f"/staff/cases/{reference}")).text()
    assert "Not sent" in page and "never messaged unasked" in page
    assert "Operative on the way" not in page


async def test_only_an_open_repair_has_an_operative_on_the_way(signed_in, desk):
    complaint = log_complaint(desk, "nobody came", SMS, NOW).reference
    assert (await signed_in.post(f"/staff/cases/{complaint}/on-the-way")).status == 404
    repair = log_repair(desk, RepairPriority.ROUTINE, "dripping tap", SMS, NOW).reference
    await signed_in.post(f"/staff/cases/{repair}/complete", confirm="yes")
    assert (await signed_in.post(f"/staff/cases/{repair}/on-the-way")).status == 409
    assert (await signed_in.post(f"/staff/cases/{repair}/on-the-way", token="forged")).status == 403


async def test_a_complaint_is_acknowledged_given_longer_and_answered_and_the_tenant_told_each(signed_in, desk):
    reference = log_complaint(desk, "nobody came", SMS, NOW).reference
    assert (await signed_in.post(f"/staff/cases/{reference}/complaint/respond")).status == 409  # not acknowledged yet
    assert (await signed_in.post(f"/staff/cases/{reference}/complaint/acknowledge")).status == 303
    acknowledged = desk.cases.find(reference)
    stage = desk.cases.complaint_stages(reference)[-1]
    # The case's next date is now the response, which the reminders and the list read.
    assert acknowledged.first_due_at == stage.response_due_at
    page = await (await signed_in.client.get(f"/staff/cases/{reference}")).text()
    allowed = desk.charter.complaint_stage_one.extension.within.amount
    assert f'max="{allowed}"' in page  # the charter's limit for this stage, not a number of the page's own
    refused = await signed_in.post(f"/staff/cases/{reference}/complaint/extend", working_days="99", reason="x")
    assert refused.status == 400
    extended = await signed_in.post(
        f"/staff/cases/{reference}/complaint/extend",
        working_days="5",
        reason="we are waiting for the contractor's report",
    )
    assert extended.status == 303
    assert desk.cases.find(reference).first_due_at == desk.cases.complaint_stages(reference)[-1].extended_to
    assert (await signed_in.post(f"/staff/cases/{reference}/complaint/respond")).status == 303
    updates = _updates(desk, reference)
    assert [u.kind for u in updates] == [
        UpdateKind.COMPLAINT_ACKNOWLEDGED,
        UpdateKind.COMPLAINT_EXTENDED,
        UpdateKind.COMPLAINT_RESPONSE_SENT,
    ]
    assert "waiting for the contractor's report" in updates[1].text
    assert "stage 2" in updates[2].text
    assert (await signed_in.post(f"/staff/cases/{reference}/complaint/respond")).status == 409  # once


async def test_a_complaint_is_taken_to_stage_two_after_its_response_and_the_tenant_told_once(signed_in, desk):
    reference = log_complaint(desk, "nobody came", SMS, NOW).reference
    assert (await signed_in.post(f"/staff/cases/{reference}/complaint/escalate")).status == 409  # not answered yet
    await signed_in.post(f"/staff/cases/{reference}/complaint/acknowledge")
    await signed_in.post(f"/staff/cases/{reference}/complaint/respond")
    page = await (await signed_in.client.get(f"/staff/cases/{reference}")).text()
    assert "Take to stage 2" in page
    assert (await signed_in.post(f"/staff/cases/{reference}/complaint/escalate")).status == 303
    assert [stage.stage for stage in desk.cases.complaint_stages(reference)] == [1, 2]
    assert (await signed_in.post(f"/staff/cases/{reference}/complaint/escalate")).status == 409  # once
    moved = _updates(desk, reference)[-1]
    assert moved.kind is UpdateKind.COMPLAINT_STAGE_MOVED
    assert "stage 2" in moved.text and desk.charter.emergency_numbers.housing_ombudsman.number in moved.text
    await signed_in.post(f"/staff/cases/{reference}/complaint/acknowledge")
    page = await (await signed_in.client.get(f"/staff/cases/{reference}")).text()
    assert f'max="{desk.charter.complaint_stage_two.extension.within.amount}"' in page  # stage 2 allows longer


@pytest.mark.parametrize("step", ["acknowledge", "extend", "respond"])
async def test_a_repair_has_no_complaint_steps(signed_in, desk, step):
    reference = log_repair(desk, RepairPriority.ROUTINE, "dripping tap", SMS, NOW).reference
    assert (await signed_in.post(f"/staff/cases/{reference}/complaint/{step}")).status == 404
    assert _updates(desk, reference) == []


@pytest.mark.parametrize(
    "kind, detail, what, note",
    [
        (
            "update_sent",
            {"update": "on_the_way", "result": "accepted by Twilio as a message"},
            "Update to the tenant sent: Operative on the way",
            "accepted by Twilio as a message",
        ),
        (
            "update_not_sent",
            {"update": "overdue", "why": "the tenant asked us to stop (STOP)"},
            "Update to the tenant not sent: Apology: date missed",
            "the tenant asked us to stop (STOP)",
        ),
        (
            "update_not_delivered",
            {"update": "completed", "result": "Twilio answered HTTP 400 (error 21211)"},
            "Update to the tenant not delivered: Completed",
            "Twilio answered HTTP 400 (error 21211)",
        ),
    ],
)
def test_the_history_says_what_became_of_each_update_in_words(charter, kind, detail, what, note):
    from bot.cases import CaseEvent
    from bot.web.console.history import history_lines

    [line] = history_lines([CaseEvent(NOW, kind, "assistant", detail)], charter, NOW.tzinfo)
    assert (line.what, line.notes) == (what, (note,))
