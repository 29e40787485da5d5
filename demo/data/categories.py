"""The DSI Charlevoix's sectors, colleges and MRCs: what the code listed before they became
data, frozen in the governance migration that gives them to an existing installation."""

import importlib

_frozen = importlib.import_module("governance.migrations.0014_categories_of_the_alliance")
SECTORS = _frozen.SECTORS
COLLEGES = _frozen.COLLEGES
# (code, French, English, the whole territory)
TERRITORIES = _frozen.TERRITORIES


def entries():
    """The three as governance.models.territory keeps them ({model: [Entry…]})."""
    from governance.models import College, Sector, Territory
    from governance.models.territory import Entry

    return {
        Sector: [Entry(code, french, english) for code, french, english in SECTORS],
        College: [Entry(code, french, english) for code, french, english in COLLEGES],
        Territory: [Entry(*row) for row in TERRITORIES],
    }
