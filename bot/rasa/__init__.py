"""Everything that touches Rasa and rasa_sdk: entry points, components, stores and channels.

The assistant's own code elsewhere in `bot/` imports none of it.
"""
