import subprocess
import sys
from bot.settings import REPO_ROOT


def test_the_committed_rules_match_the_taxonomy(tmp_path):
    subprocess.run([sys.executable, str(REPO_ROOT / "scripts" / "generate-rules"), str(tmp_path)], check=True)
    for generated in sorted(tmp_path.glob("*.yml")):
        committed = REPO_ROOT / "data" / "rules" / generated.name
        assert committed.read_text() == generated.read_text(), (
            f"run scripts/generate-rules: {generated.name} is out of date"
        )
