"""Nobody can act as another tenant by naming them: the REST channel refuses the ids of other
channels' tenants (an SMS tenant's number opened their ASB case's status before), and the
action server answers only the Rasa server, never a made-up tracker sent to it directly."""

import json
import urllib.error
import urllib.request

import pytest

from bot.cases import CaseKind, CaseStore
from bot.intake import Reporter, log_asb_report
from bot.charter import AsbRisk
from bot.cases import ChannelIdentity
from datetime import datetime, timezone

pytestmark = pytest.mark.e2e

SMS_TENANT = "+447700900451"


def _post(url, body, headers=None):
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json", **(headers or {})}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture
def sms_tenants_asb_case(stack):
    from bot.charter import load_charter
    from bot.intake import Desk
    from bot.working_days import WorkingCalendar

    charter = load_charter()
    desk = Desk(charter, WorkingCalendar.from_charter(charter), CaseStore.from_url(stack.database_url))
    reporter = Reporter(SMS_TENANT, identity=ChannelIdentity("twilio", SMS_TENANT), contact_phone=SMS_TENANT)
    receipt = log_asb_report(
        desk, AsbRisk.HIGH, "the man at number 4 threatened me", reporter, datetime.now(timezone.utc)
    )
    assert desk.cases.find(receipt.reference).kind is CaseKind.ANTI_SOCIAL_BEHAVIOUR
    return receipt.reference


def test_the_rest_channel_refuses_to_speak_as_an_sms_tenant(stack, sms_tenants_asb_case):
    url = f"http://127.0.0.1:{stack.ports.rasa}/webhooks/rest/webhook"
    for sender in (SMS_TENANT, f"whatsapp:{SMS_TENANT}"):
        status, body = _post(url, {"sender": sender, "message": f"whats happening with {sms_tenants_asb_case}"})
        assert status == 403, body
        assert "threatened" not in body and "Anti-social" not in body


def test_the_action_server_runs_nothing_for_anyone_but_its_rasa_server(stack, sms_tenants_asb_case):
    forged = {
        "next_action": "action_case_status",
        "sender_id": SMS_TENANT,
        "version": "3.6.21",
        "tracker": {
            "sender_id": SMS_TENANT,
            "slots": {},
            "latest_message": {"text": f"status of {sms_tenants_asb_case}", "intent": {"name": "ask_case_status"}},
            "latest_input_channel": "twilio",
            "events": [],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": "action_listen",
        },
        "domain": {},
    }
    url = f"http://127.0.0.1:{stack.ports.actions}/webhook"
    for headers in ({}, {"X-Action-Token": "a guess"}):
        status, body = _post(url, forged, headers)
        assert status == 401 and sms_tenants_asb_case not in body
    with urllib.request.urlopen(f"http://127.0.0.1:{stack.ports.actions}/health", timeout=10) as health:
        assert health.status == 200
