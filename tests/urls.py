"""The portal's URLs plus a view that fails, to see what a visitor gets on a server error."""

from django.urls import path

from dsi_portal.urls import urlpatterns as portal_urlpatterns


def broken(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [*portal_urlpatterns, path("en-panne/", broken)]
