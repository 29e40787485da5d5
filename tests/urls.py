"""The portal's URLs plus views that fail, to see what a visitor gets on a server error."""

from django.db import OperationalError
from django.urls import path

from dsi_portal.urls import handler500  # noqa: F401  (the portal's own error handler)
from dsi_portal.urls import urlpatterns as portal_urlpatterns


def broken(request):
    raise RuntimeError("a bug in a view")


def database_down(request):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed')


urlpatterns = [
    *portal_urlpatterns,
    path("en-panne/", broken),
    path("base-en-panne/", database_down),
]
