"""The DSI Charlevoix's identity: what the portal showed before the identity became data,
frozen in the governance migration that gives it to an existing installation."""

import importlib

IDENTITY = importlib.import_module(
    "governance.migrations.0011_identity_of_an_existing_alliance"
).IDENTITY
