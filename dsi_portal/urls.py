from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from accounts import views as account_views
from infrastructure import health
from portal import views as portal_views

# One login page for everyone: allauth's, with its rate limits, also for the admin.
admin.site.login = secure_admin_login(admin.site.login)

# A database that cannot be reached answers the styled 503 page (infrastructure/errors.py).
handler500 = "infrastructure.errors.server_error"

urlpatterns = [
    path("", portal_views.home, name="home"),
    # For load balancers: no login, plain HTTP allowed (settings.SECURE_REDIRECT_EXEMPT).
    path("sante/", health.health, name="health"),
    # Before allauth's: the address of an account is the directory's, kept by the ADOC team.
    path("comptes/email/", account_views.email_managed_by_adoc, name="account_email"),
    path("comptes/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("chantiers/", include("chantiers.urls")),
    path("", include("meetings.urls")),
    path("", include("portal.urls")),
    path("elections/", include("elections.urls")),
    path("confidentialite/", include("privacy.urls")),
    path("", include("governance.urls")),
]

if settings.DEBUG:
    # See the styled error pages while developing.
    urlpatterns += [
        path(f"erreurs/{code}/", TemplateView.as_view(template_name=f"{code}.html"))
        for code in (403, 404, 500, 503)
    ]
