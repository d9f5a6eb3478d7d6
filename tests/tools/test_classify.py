import json
import subprocess
import sys

from tools.classify import FIELDS, REPO_ROOT, result_of


def test_without_a_model_it_says_how_to_train_one(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; import tools.classify as c; "
            "c.REPO_ROOT = Path(sys.argv[1]); sys.exit(c.main([]))",
            str(tmp_path),
        ],
        input="hello\n",
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
    )
    assert result.returncode == 2
    assert "make train" in result.stderr


def test_a_parse_with_triage_is_reported_as_the_triage_says():
    parsed = {
        "intent": {"name": "report_gas_leak", "confidence": 1.0},
        "triage": {"category": "repair", "priority": "urgent", "asb_risk": None, "safety": "gas"},
    }
    record = result_of("i can smell gas", parsed)
    assert tuple(record) == FIELDS
    assert (record["category"], record["priority"], record["safety"]) == ("repair", "urgent", "gas")


def test_a_parse_without_triage_is_read_through_the_taxonomy_alone():
    record = result_of("loud music", {"intent": {"name": "report_asb_low_risk", "confidence": 0.7}})
    assert (record["category"], record["asb_risk"], record["safety"]) == ("asb", "low", None)
    assert json.loads(json.dumps(record)) == record
