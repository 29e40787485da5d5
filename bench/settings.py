"""The portal's settings, plus the ceiling page that the benchmark compares every page with."""

from dsi_portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

# Every locust user logs in once per page measured, all from 127.0.0.1: the login rate limits
# that protect the portal would stop the benchmark itself.
ACCOUNT_RATE_LIMITS = False

# The logins are not what is measured, and on a busy machine the default hasher's million
# iterations made the partners' and the ADOC agent's logins take most of a short run: the demo
# accounts are created (load_demo) and checked with a fast hasher here.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
