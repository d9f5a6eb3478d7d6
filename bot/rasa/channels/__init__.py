"""Hardened channel connectors: how tenants' messages arrive from SMS, WhatsApp and Messenger.

Rasa's own Twilio connector checks no signature and blocks while it sends; its Facebook
connector checks only the old SHA-1 header, answers 200 to a forgery and drops batched events.
These check every request's signature, answer the provider at once, handle the turn in the
background, send replies in order without blocking, retry a failed send, and handle a
retried delivery once. They are Rasa input channels, registered in credentials.yml.
"""
