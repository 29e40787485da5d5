"""What the browsing mix walks and writes, found in the freshly built database (prints JSON).

`python -m bench.mix PARTNER_EMAIL STAFF_EMAIL` (with DJANGO_SETTINGS_MODULE set): the pages
of the page cache that the partner may see (each checked to answer 200), and what the ADOC
agent changes now and then: a decision of a meeting and an organisation (each form checked to
open), the organisation page whose contact details staff see (one row in the access log).
"""

import json
import sys

import django

PER_KIND = 6  # organisations, meetings: enough for a walk that is not one page seen again


def discover(partner_email, staff_email):
    from django.test import Client
    from django.urls import reverse

    from accounts.models import User
    from bench.generate import results_path
    from chantiers.models import Chantier
    from governance.models import Body, Organisation
    from meetings.models import Decision, Meeting

    partner, staff = Client(), Client()
    partner.force_login(User.objects.get(email=partner_email))
    staff.force_login(User.objects.get(email=staff_email))
    candidates = [
        "/",
        reverse("governance:organigram"),
        reverse("governance:directory"),
        reverse("governance:directory") + "?page=2",
        reverse("chantiers:chantier-list"),
        reverse("meetings:meeting-list"),
        reverse("meetings:decision-list"),
        results_path(),
        *(body.get_absolute_url() for body in Body.objects.order_by("position", "pk")),
        *(c.get_absolute_url() for c in Chantier.objects.order_by("pk")[:PER_KIND]),
        *(o.get_absolute_url() for o in Organisation.objects.order_by("pk")[:PER_KIND]),
        *(
            reverse("meetings:meeting-detail", args=[pk])
            for pk in Meeting.objects.published()
            .order_by("-starts")
            .values_list("pk", flat=True)[:PER_KIND]
        ),
    ]
    pages = [path for path in dict.fromkeys(candidates) if partner.get(path).status_code == 200]
    organisation = Organisation.objects.order_by("pk").first()
    edits = []
    for decision in Decision.objects.order_by("-pk")[:20]:
        url = reverse("meetings:decision-update", args=[decision.pk])
        if staff.get(url).status_code == 200:
            edits.append({"kind": "decision", "form": url, "field": "text"})
            break
    url = reverse("governance:organisation-update", args=[organisation.slug])
    if staff.get(url).status_code == 200:
        edits.append({"kind": "organisation", "form": url, "field": "description"})
    return {
        "pages": pages,
        "edits": edits,
        "contact_details": organisation.get_absolute_url(),
    }


if __name__ == "__main__":
    django.setup()
    print(json.dumps(discover(sys.argv[1], sys.argv[2])))
