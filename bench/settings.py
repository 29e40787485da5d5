"""The portal's settings, plus the ceiling page that the benchmark compares every page with."""

from dsi_portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
