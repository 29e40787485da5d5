"""Signals other apps listen to, so that governance never imports them."""

from django.dispatch import Signal

# A page showed someone's personal information (contact details, attendance…).
# Sent with `request` and `instance` (the Person, the Organisation whose members are listed,
# the Meeting whose attendance is exported); the `privacy` app writes the access log.
personal_info_viewed = Signal()
