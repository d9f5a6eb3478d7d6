"""`python -m bot.report`: the report for a period, printed (bot/report/command.py)."""

import sys

from bot.report.command import main

if __name__ == "__main__":
    sys.exit(main())
