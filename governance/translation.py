"""The content of bodies in both languages (infrastructure.translation; autodiscovered by
django-modeltranslation at start-up)."""

from governance.models import AllianceIdentity, Body, College, Sector, Territory
from infrastructure.translation import translated

translated(Body, ["name", "alias", "summary", "mandate", "meeting_frequency"], unique=["name"])
translated(
    AllianceIdentity,
    [
        "name",
        "short_name",
        "mission",
        "home_intro",
        "organigram_intro",
        "chantiers_intro",
        "privacy_officer",
    ],
)
for category in (Territory, Sector, College):
    translated(category, ["name"], unique=["name"])
