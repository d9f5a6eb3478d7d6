"""The web layer: the two aiohttp applications people use in a browser.

- `chat`: the tenant chat page, the widget that embeds it in a landlord's site, and the API
  behind them (`python -m bot.web.chat.server`, which serves the console too);
- `console`: the staff console, mounted under `/staff` on the chat server;
- `templating`: the one Jinja2 set-up both use, escaping every value.

There is no Rasa in them: they import neither `rasa` nor `rasa_sdk` (tests/test_boundary.py)
and run in a process of their own. They talk to Rasa over HTTP: the chat forwards messages to
Rasa's REST channel, and the console reads and writes conversations through Rasa's HTTP API
(bot.rasa.conversations).
"""
