"""One page of a long list, with what `includes/pagination.html` needs to link the others."""

from django.core.paginator import Paginator


def paginate(request, queryset, per_page):
    """One page of `queryset` (the `page` parameter, clamped to the pages there are), and the
    context that links the others while keeping the rest of the query string."""
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, {
        "page_range": page.paginator.get_elided_page_range(page.number),
        "query_string": query.urlencode(),
    }
