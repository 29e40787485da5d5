from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import path

from dsi_portal.urls import urlpatterns as portal_urlpatterns


def ceiling(request):
    """The base layout rendered with no query at all: the fastest a portal page can be."""
    return HttpResponse(render_to_string("bench/ceiling.html"))


urlpatterns = [path("banc-d-essai/plafond/", ceiling), *portal_urlpatterns]
