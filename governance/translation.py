"""The content of bodies in both languages (infrastructure.translation; autodiscovered by
django-modeltranslation at start-up)."""

from governance.models import Body
from infrastructure.translation import translated

translated(Body, ["name", "alias", "summary", "mandate", "meeting_frequency"], unique=["name"])
