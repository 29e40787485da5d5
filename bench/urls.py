from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import path

from dsi_portal.urls import urlpatterns as portal_urlpatterns


def ceiling(request):
    """The base layout rendered with no query at all: the fastest a portal page can be."""
    return HttpResponse(render_to_string("bench/ceiling.html"))


def layout(request):
    """The same layout made for the logged-in person, as every page is (the session, the
    account, the menu of their roles): what a page costs before its own content."""
    return render(request, "bench/ceiling.html")


urlpatterns = [
    path("banc-d-essai/plafond/", ceiling),
    path("banc-d-essai/gabarit/", layout),
    *portal_urlpatterns,
]
