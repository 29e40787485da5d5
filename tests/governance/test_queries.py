"""Pages issue a bounded number of queries, whatever the size of the territory."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.models import (
    Affiliation,
    Organisation,
    Person,
    Representation,
    RepresentationKind,
    Seat,
    SeatRole,
)
from tests.factories import OrganisationFactory, PersonFactory


def grow(territory, size):
    """`size` organisations, each with a member, a delegate, current and past seats (in bulk).

    The pages under test grow too: the territory's organisation gets `size` members and seats,
    and its hub person `size` affiliations and seats.
    """
    today = timezone.localdate()
    past, year = today - datetime.timedelta(days=30), datetime.timedelta(days=365)
    organisations = Organisation.objects.bulk_create(
        OrganisationFactory.build(name=f"Grown {n}", slug=f"grown-{n}") for n in range(size)
    )
    people = Person.objects.bulk_create(PersonFactory.build() for _ in range(size))
    Affiliation.objects.bulk_create(
        Affiliation(person=p, organisation=o, role="Coordination")
        for p, o in zip(people, organisations, strict=True)
    )
    Representation.objects.bulk_create(
        Representation(person=p, organisation=o, kind=RepresentationKind.DELEGATE)
        for p, o in zip(people, organisations, strict=True)
    )
    bodies = (territory["council"], territory["chantier"].committee, territory["adoc"])
    seats = []
    for person, organisation in zip(people, organisations, strict=True):
        for body in bodies:
            common = {"body": body, "person": person, "organisation": organisation}
            seats.append(Seat(**common, starts=today - year, ends=today + year))
            seats.append(Seat(**common, starts=past - 2 * year, ends=past))
        seats.append(
            Seat(
                body=territory["chantier"].committee,
                person=person,
                organisation=organisation,
                role=SeatRole.SUPPORT,
                starts=today - year,
            )
        )
    hub, home = territory["hub"], territory["organisation"]
    Affiliation.objects.bulk_create(
        [Affiliation(person=p, organisation=home) for p in people]
        + [Affiliation(person=hub, organisation=o) for o in organisations]
    )
    for organisation in organisations:
        seats.append(Seat(body=territory["council"], person=hub, organisation=organisation))
        seats.append(Seat(body=territory["assembly"], person=hub, organisation=home))
    Seat.objects.bulk_create(seats)


PAGES = [
    ("home", lambda t: [], 14),
    ("governance:organigram", lambda t: [], 8),
    ("governance:directory", lambda t: [], 6),
    ("governance:body-detail", lambda t: [t["council"].slug], 12),
    ("governance:body-detail", lambda t: [t["assembly"].slug], 14),
    ("governance:body-detail", lambda t: [t["adoc"].slug], 12),
    ("governance:body-past-members", lambda t: [t["council"].slug], 6),
    # Seen by the ADOC team, these two pages write one row of the access log (privacy app).
    ("governance:organisation-detail", lambda t: [t["organisation"].slug], 10),
    ("governance:person-detail", lambda t: [t["hub"].pk], 8),
    ("governance:adoc-team", lambda t: [], 6),
    ("governance:term-ends", lambda t: [], 7),
    ("chantiers:chantier-list", lambda t: [], 5),
    ("chantiers:chantier-detail", lambda t: [t["chantier"].slug], 13),
]


@pytest.mark.parametrize("size", [10, 200])
@pytest.mark.parametrize(
    ("name", "args", "bound"), PAGES, ids=[f"{p[0]}-{i}" for i, p in enumerate(PAGES)]
)
def test_page_queries_stay_bounded_as_data_grows(
    client, adoc, territory, django_assert_max_num_queries, size, name, args, bound
):
    territory = {**territory, "hub": PersonFactory()}
    grow(territory, size)
    client.force_login(adoc)
    url = reverse(name, args=args(territory))

    # Session, user and roles, then the page itself: the same bound at 10 and at 200 rows.
    with django_assert_max_num_queries(bound):
        response = client.get(url)

    assert response.status_code == 200
