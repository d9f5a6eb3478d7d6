"""The Rasa server's entry point starts the maths libraries with one thread each.

A second OpenBLAS thread spins on the other core between calls: under load the Rasa server used
1.7 cores to serve fewer messages than it serves on one (bench/README.md).
"""

import json
import os
import subprocess
import sys

from bot.settings import REPO_ROOT

REPORT_AFTER_RASA_RAN = """
import atexit, json
def report():
    from threadpoolctl import threadpool_info
    print(json.dumps({i["internal_api"] + " " + i["filepath"]: i["num_threads"] for i in threadpool_info()}))
atexit.register(report)
from bot.rasa.server import main
main(["--version"])
"""


def test_every_maths_library_the_rasa_server_loads_runs_one_thread():
    environ = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    environ["PYTHONPATH"] = str(REPO_ROOT)
    ran = subprocess.run(
        [sys.executable, "-c", REPORT_AFTER_RASA_RAN],
        cwd=REPO_ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=300,
    )
    threads = json.loads(ran.stdout.strip().splitlines()[-1])
    assert threads, "Rasa loaded no maths library: this test no longer sees what it checks"
    assert {library: n for library, n in threads.items() if n != 1} == {}
