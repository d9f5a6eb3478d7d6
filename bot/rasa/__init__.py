"""Everything that touches Rasa and rasa_sdk: entry points, components, stores and channels.

The assistant's own code elsewhere in `bot/` imports Rasa through none of it. It takes from here
only what talks to Rasa from outside: the client for Rasa's HTTP API and its reading of events
(`conversations.py`, `events.py`: the staff console), the web chat's delivery queue
(`channels/deliveries.py`: the chat page), and the names of the servers' token variables and the
writing of Rasa's endpoints.yml (`endpoints.py`: the launcher, and production).
"""
