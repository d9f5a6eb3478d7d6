"""Create a staff account for the console from the command line: `python -m bot.web.console.staff
create` under the name the deployment guide gives for the first account (docs/deployment.md).

.venv/bin/python -m tools.create_staff USERNAME [--role ROLE] [--password-stdin]
"""

from __future__ import annotations

import sys
from typing import Optional, Sequence, TextIO

from bot.web.console import staff


def main(argv: Optional[Sequence[str]] = None, stdin: TextIO = sys.stdin, database_url: Optional[str] = None) -> int:
    return staff.main(["create", *(sys.argv[1:] if argv is None else argv)], stdin=stdin, database_url=database_url)


if __name__ == "__main__":
    sys.exit(main())
