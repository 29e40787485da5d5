"""The content of chantiers and their objectives in both languages (infrastructure.translation;
autodiscovered by django-modeltranslation at start-up)."""

from chantiers.models import Chantier, Objective
from infrastructure.translation import translated

translated(Chantier, ["name", "mandate", "priorities"], unique=["name"])
translated(Objective, ["title", "description", "indicator", "target"])
