"""`python -m tools.launcher`: what `make run` and `make run-scaled` start (tools/launcher/command.py)."""

import sys

from tools.launcher.command import main

if __name__ == "__main__":
    sys.exit(main())
