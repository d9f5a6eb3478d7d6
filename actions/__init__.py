"""Rasa-facing actions: thin classes that read the tracker, call bot/ and say the result.

Nothing here runs at import time; the case store and charter are built on first use.
"""
