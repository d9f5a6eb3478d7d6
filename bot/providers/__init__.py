"""The messaging providers tenants write through, as the connectors (bot/rasa/channels) and
the updates (bot/updates) both need them: their settings, read from the environment."""
