"""The staff console: landlord staff sign in to see every case by its deadline, record
progress, complete cases and read the figures the regulator asks for.

It is an aiohttp application (`bot.web.console.app.create_console_app`) mounted under `/staff`
on the chat server. Case data is only ever shown to a signed-in member of staff, because
what tenants write includes where they live, who hurts them and how to reach them.
"""
