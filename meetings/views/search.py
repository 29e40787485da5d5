"""Searching meetings, agenda items and minutes, decisions and mandates by their words."""

from django.shortcuts import render

from meetings.search import SearchForm, search
from meetings.views.common import partners_only


@partners_only
def search_records(request):
    form = SearchForm(request.GET or None)
    groups, text = [], ""
    if form.is_valid() and form.cleaned_data["q"]:
        text = form.cleaned_data["q"]
        groups = search(request.user, text)
    return render(
        request,
        "meetings/search.html",
        {
            "form": form,
            "text": text,
            "groups": groups,
            "found": sum(len(results) for _kind, results, _more in groups),
        },
    )
