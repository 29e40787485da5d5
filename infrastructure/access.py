"""How views ask the rules: anonymous visitors go to the login page, others get a 403."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from rules.contrib.views import PermissionRequiredMixin


def permission_required(perm):
    """Function-view twin of PermissionRequiredMixin, for permissions without an object."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.user.has_perm(perm):
                return view(request, *args, **kwargs)
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied

        return wrapped

    return decorator


class PartnerRequiredMixin(PermissionRequiredMixin):
    permission_required = "governance.view_portal"

    def get_permission_object(self):
        # Published pages are open to every partner: no need to fetch the object twice.
        return None
