"""Rasa stays behind one boundary: only bot/rasa/, actions/ and tools/ may import it.

The domain (the charter, working days, triage, cases, handoffs) and the web apps must be usable,
testable and replaceable without Rasa; a Rasa upgrade then touches one folder. The tests are
outside this rule: the actions' tests drive rasa_sdk trackers, as the action server does.
"""

import ast
from pathlib import Path
from typing import Iterator, Tuple

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


def test_only_the_rasa_boundary_imports_rasa():
    crossing = [
        f"{path.relative_to(REPO_ROOT)}:{line} imports {name}"
        for path in python_files()
        if not str(path.relative_to(REPO_ROOT)).startswith(MAY_IMPORT_RASA)
        for line, name in rasa_imports(path)
    ]
    assert crossing == []


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
    path = tmp_path / "module.py"
    path.write_text(source)
    assert [name for _, name in rasa_imports(path)] == found
