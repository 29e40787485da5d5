"""Pages issue a bounded number of queries, whatever the size of the territory."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.models import RepresentationKind, SeatRole
from tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    PersonFactory,
    RepresentationFactory,
    SeatFactory,
)


def grow(territory, size):
    """`size` organisations, each with a member, a delegate, current and past seats."""
    past = timezone.localdate() - datetime.timedelta(days=30)
    for _ in range(size):
        organisation = OrganisationFactory()
        person = PersonFactory()
        AffiliationFactory(person=person, organisation=organisation)
        RepresentationFactory(
            organisation=organisation, person=person, kind=RepresentationKind.DELEGATE
        )
        for body in (territory["council"], territory["chantier"].committee, territory["adoc"]):
            SeatFactory(body=body, person=person, organisation=organisation)
            SeatFactory(
                body=body,
                person=person,
                organisation=organisation,
                starts=past - datetime.timedelta(days=700),
                ends=past,
            )
        SeatFactory(
            body=territory["chantier"].committee,
            person=person,
            organisation=organisation,
            role=SeatRole.SUPPORT,
        )


PAGES = [
    ("home", lambda t: [], 9),
    ("governance:organigram", lambda t: [], 8),
    ("governance:directory", lambda t: [], 6),
    ("governance:body-detail", lambda t: [t["council"].slug], 8),
    ("governance:body-detail", lambda t: [t["assembly"].slug], 10),
    ("governance:body-detail", lambda t: [t["adoc"].slug], 8),
    ("governance:organisation-detail", lambda t: [t["organisation"].slug], 8),
    ("governance:adoc-team", lambda t: [], 6),
    ("governance:term-ends", lambda t: [], 7),
    ("chantiers:chantier-list", lambda t: [], 5),
    ("chantiers:chantier-detail", lambda t: [t["chantier"].slug], 6),
]


@pytest.mark.parametrize("size", [10, 200])
@pytest.mark.parametrize(
    ("name", "args", "bound"), PAGES, ids=[f"{p[0]}-{i}" for i, p in enumerate(PAGES)]
)
def test_page_queries_stay_bounded_as_data_grows(
    client, adoc, territory, django_assert_max_num_queries, size, name, args, bound
):
    grow(territory, size)
    client.force_login(adoc)
    url = reverse(name, args=args(territory))

    # Session, user and roles, then the page itself: the same bound at 10 and at 200 rows.
    with django_assert_max_num_queries(bound):
        response = client.get(url)

    assert response.status_code == 200
