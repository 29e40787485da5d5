"""« Name <address> » settings read the way a person writes them.

`email.utils.parseaddr` reads a comma as the end of an address: « Coordination de l'équipe
ADOC, DSI Charlevoix <adoc@example.org> » gave the name « Coordination » and the address
« Coordination ». Here the name is everything before the last « < »; the address must look
like one. Imported by the settings: no Django models here."""

import re

_NAMED = re.compile(r"\s*(?P<name>.*?)\s*<(?P<address>[^<>\s]+)>\s*")
_ADDRESS = re.compile(r"[^@\s<>,]+@[^@\s<>,]+\.[^@\s<>,]+")


def name_and_address(value):
    """(name, address) of « Name <address> » or of a bare address; ValueError otherwise."""
    match = _NAMED.fullmatch(value or "")
    name, address = (match["name"], match["address"]) if match else ("", (value or "").strip())
    if not _ADDRESS.fullmatch(address):
        raise ValueError(f"{value!r} does not read 'Name <address@example.org>'.")
    return name.strip().strip('"') or address, address
