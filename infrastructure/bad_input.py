"""Input no page of the portal takes, refused before any view sees it.

A NUL character has no place in any field or parameter of the portal, and PostgreSQL refuses
it in text (a query filtering on `?instance=%00` would end in a server error): a request that
carries one in its query string or its form is answered 400, with the portal's own page."""

from django.core.exceptions import BadRequest


def _carries_nul(query_dict):
    return any(
        "\x00" in key or any("\x00" in value for value in values)
        for key, values in query_dict.lists()
    )


class RefuseNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or _carries_nul(request.GET):
            raise BadRequest("A NUL character in the address.")
        if request.method == "POST" and _carries_nul(request.POST):
            raise BadRequest("A NUL character in the form.")
        return self.get_response(request)
