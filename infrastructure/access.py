"""How views load an object and ask the rules about it, the same way for every object type.

- An anonymous visitor goes to the login page.
- A logged-in user who may not see the object gets a 404: its existence is not told.
- One who may see it but not do what the page does with it gets a 403.

`get_object_for` does all three for one object; each app wraps it in a small loader per object
type (`governance.rules.person_for`, `elections.rules.election_for`, ...), the way healthchecks'
`_get_check_for_user` does. `person_of` is the one way to read a user's directory entry.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from rules.contrib.views import PermissionRequiredMixin


class LoginRequired(PermissionDenied):
    """An anonymous visitor asked for an object: `permission_required` (and the class-based
    views' mixin) answer with the login page. A view without either still refuses (403)."""


def person_of(user):
    """The directory entry (`governance.Person`) of `user`, or None: anonymous visitors and
    accounts without an entry (an administrator) have none."""
    if not getattr(user, "is_authenticated", False):
        return None
    # A reverse one-to-one without a row raises RelatedObjectDoesNotExist, an AttributeError.
    return getattr(user, "person", None)


def require_person(request):
    """The user's directory entry, for what is signed or about oneself; 403 without one."""
    person = person_of(request.user)
    if person is None:
        raise PermissionDenied
    return person


def get_object_for(request, queryset, *, view, change=None, **lookup):
    """The object of `queryset` matching `lookup`, if `request.user` may see it (`view`, a
    rules permission asked with the object) and, when `change` is given, do that with it.

    Anonymous → LoginRequired (the login page); missing or not `view` → Http404; `view` but not
    `change` → PermissionDenied.
    """
    user = request.user
    if not user.is_authenticated:
        raise LoginRequired
    obj = get_object_or_404(queryset, **lookup)
    if not user.has_perm(view, obj):
        raise Http404
    if change is not None and not user.has_perm(change, obj):
        raise PermissionDenied
    return obj


def permission_required(perm):
    """Function views: `perm` (asked without an object) or a 403, the login page for anonymous
    visitors, including when the view's loader finds out (LoginRequired)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perm(perm):
                raise PermissionDenied
            try:
                return view(request, *args, **kwargs)
            except LoginRequired:
                return redirect_to_login(request.get_full_path())

        return wrapped

    return decorator


class PartnerRequiredMixin(PermissionRequiredMixin):
    """Class-based views of the published portal: every partner; the object itself is then
    loaded by the app's loader in `get_object` (404 for what the user may not see)."""

    permission_required = "governance.view_portal"

    def get_permission_object(self):
        # The loader asks about the object: no need to fetch it twice.
        return None
