"""The portal's own settings for the two-instance test, with two changes for a test on loopback."""

from dsi_portal.settings import *  # noqa: F403

# 140 simulated people log in within seconds: a slow password hash would measure the hasher.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# They all come from 127.0.0.1, so allauth's per-address login limit would stop the test itself
# (in production, TRUSTED_PROXY_COUNT makes it count each visitor's own address).
ACCOUNT_RATE_LIMITS = False
