"""Rasa stays behind one boundary: only bot/rasa/, actions/ and tools/ may import it; and the
environment is read in one place, bot/settings.py.

The domain (the charter, working days, triage, cases, handoffs) and the web apps must be usable,
testable and replaceable without Rasa; a Rasa upgrade then touches one folder. The tests are
outside this rule: the actions' tests drive rasa_sdk trackers, as the action server does.

A variable read anywhere else is a setting that the list in bot/settings.py and the README's
table do not name, and one more place that reads the environment its own way.
"""

import ast
from pathlib import Path
from typing import Callable, Iterator, List, Tuple

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
MAY_IMPORT_RASA = ("bot/rasa/", "actions/", "tools/")
CHECKED = ("bot", "bench", "scripts", "tools", "actions")
RASA = ("rasa", "rasa_sdk")


def python_files() -> Iterator[Path]:
    for top in CHECKED:
        yield from sorted((REPO_ROOT / top).rglob("*.py"))
    # The scripts without a .py suffix are Python too.
    yield from sorted(
        p
        for p in (REPO_ROOT / "scripts").iterdir()
        if p.is_file() and p.suffix == "" and p.read_text(errors="replace").startswith("#!/usr/bin/env python")
    )


def rasa_imports(path: Path) -> Iterator[Tuple[int, str]]:
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        names = (
            [alias.name for alias in node.names]
            if isinstance(node, ast.Import)
            else [node.module]
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0
            else []
        )
        for name in names:
            if name.split(".")[0] in RASA:
                yield node.lineno, name


Check = Callable[[Path], Iterator[Tuple[int, str]]]


def breaches(check: Check, allowed: Callable[[str], bool], verb: str) -> List[str]:
    """Each place `check` finds in a module not `allowed`, as path:line, for the failure to name."""
    found = []
    for path in python_files():
        module = str(path.relative_to(REPO_ROOT))
        if not allowed(module):
            found += [f"{module}:{line} {verb} {what}" for line, what in check(path)]
    return found


def found_in(tmp_path: Path, source: str, check: Check) -> List[str]:
    path = tmp_path / "module.py"
    path.write_text(source)
    return [what for _, what in check(path)]


def test_only_the_rasa_boundary_imports_rasa():
    assert breaches(rasa_imports, lambda module: module.startswith(MAY_IMPORT_RASA), "imports") == []


@pytest.mark.parametrize(
    "source, found",
    [
        ("import rasa\n", ["rasa"]),
        ("from rasa_sdk.events import SlotSet\n", ["rasa_sdk.events"]),
        ("def f():\n    from rasa.core import agent\n", ["rasa.core"]),
        ("import rasax\nfrom .rasa import x\nfrom bot.rasa import y\n", []),
    ],
)
def test_the_boundary_check_sees_every_kind_of_import(tmp_path, source, found):
    assert found_in(tmp_path, source, rasa_imports) == found


# Where the environment may be used whole, and why: these read no setting of ours.
MAY_USE_THE_ENVIRONMENT = {
    "bot/settings.py": "reads every variable",
    "tools/launcher/stack.py": "copies it into the environment of the processes it starts",
    "bench/deployments.py": "copies it into the environment of the processes it starts",
    "bot/limits.py": "sets OpenBLAS's thread count before numpy loads it, keeping an operator's",
}
# Setting a library's default or clearing a variable for the processes started later is no read.
WRITES = ("setdefault", "pop")


def environment_reads(path: Path) -> Iterator[Tuple[int, str]]:
    """Each place the module reads the environment: os.getenv, `from os import environ`, and any
    use of os.environ but a write (os.environ.setdefault, .pop, os.environ[name] = ...)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "os":
            for alias in node.names:
                if alias.name in ("environ", "getenv", "environb"):
                    yield node.lineno, f"os.{alias.name}"
        if not (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "os"):
            continue
        if node.attr in ("getenv", "environb"):
            yield node.lineno, f"os.{node.attr}"
        elif node.attr == "environ":
            parent = parents.get(node)
            if isinstance(parent, ast.Attribute) and parent.attr in WRITES:
                continue
            if isinstance(parent, ast.Subscript) and isinstance(parent.ctx, (ast.Store, ast.Del)):
                continue
            yield node.lineno, "os.environ"


def test_only_bot_settings_reads_the_environment():
    assert breaches(environment_reads, lambda module: module in MAY_USE_THE_ENVIRONMENT, "reads") == []


@pytest.mark.parametrize(
    "source, found",
    [
        ("import os\nos.environ.get('X')\n", ["os.environ"]),
        ("import os\nx = os.environ['X']\n", ["os.environ"]),
        ("import os\nif 'X' in os.environ: pass\n", ["os.environ"]),
        ("import os\nos.getenv('X')\n", ["os.getenv"]),
        ("from os import environ\n", ["os.environ"]),
        ("import os\ndef f(env=os.environ): pass\n", ["os.environ"]),
        ("import os\nos.environ.setdefault('X', '1')\nos.environ.pop('Y', None)\nos.environ['Z'] = '1'\n", []),
    ],
)
def test_the_environment_check_sees_every_kind_of_read(tmp_path, source, found):
    assert found_in(tmp_path, source, environment_reads) == found
