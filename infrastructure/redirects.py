"""Where a form posted from another page sends the person back: only ever a page of this site."""

from django.utils.http import url_has_allowed_host_and_scheme


def local_page(request, value):
    """`value` when it is the path of a page of this site (« /mes-suivis/ »), else None: never
    another site's address, nor a bare word that Django's redirect would read as a view name."""
    value = (value or "").strip()
    if not value.startswith("/") or value.startswith("//"):
        return None
    if not url_has_allowed_host_and_scheme(value, {request.get_host()}, request.is_secure()):
        return None
    return value
