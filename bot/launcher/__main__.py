"""`python -m bot.launcher`: what `make run` and `make run-scaled` start (bot/launcher/command.py)."""

import sys

from bot.launcher.command import main

if __name__ == "__main__":
    sys.exit(main())
