"""Builds the database of the two-instance test: `python -m tests.ops.scenario DELEGATES PARTNERS`.

Migrates, loads the demo territory, then adds an assembly day: DELEGATES member organisations
each with a delegate who has an account, PARTNERS partner accounts, and an election of the
comité conseil open for voting (every active organisation is an elector). Prints what the test
needs as JSON.
"""

import json
import sys

import django


def build(delegates, partners):
    from django.core.management import call_command

    from elections import workflow
    from elections.models import ElectionState
    from governance.models import Organisation
    from tests.factories import (
        PASSWORD,
        AffiliationFactory,
        CandidacyFactory,
        ElectionFactory,
        OrganisationFactory,
        PersonFactory,
        RepresentationFactory,
        UserFactory,
    )

    call_command("migrate", "--noinput", verbosity=0)
    call_command("load_demo", "--force", verbosity=0)
    from accounts.models import User

    agent = User.objects.get(email="adoc@example.org")
    home = Organisation.objects.get(slug="maison-famille-charlevoix-est")

    def member(email, organisation):
        user = UserFactory(email=email)
        person = PersonFactory(user=user, email=email)
        AffiliationFactory(person=person, organisation=organisation)
        return person

    delegate_emails = []
    for number in range(1, delegates + 1):
        organisation = OrganisationFactory(
            name=f"Organisme de l'assemblée {number}", slug=f"organisme-assemblee-{number}"
        )
        email = f"delegue-{number}@assemblee.example.org"
        RepresentationFactory(organisation=organisation, person=member(email, organisation))
        delegate_emails.append(email)
    partner_emails = []
    for number in range(1, partners + 1):
        email = f"partenaire-{number}@assemblee.example.org"
        member(email, home)
        partner_emails.append(email)

    election = ElectionFactory(
        title="Élection de l'assemblée (test de charge)", seats={"community": 2}
    )
    for _ in range(3):
        CandidacyFactory(election=election)
    workflow.move(election, ElectionState.NOMINATIONS, agent)
    workflow.move(election, ElectionState.VOTING, agent)
    return {
        "election": election.pk,
        "electors": election.electors.count(),
        "delegates": delegate_emails,
        "partners": partner_emails,
        "password": PASSWORD,
        "organisation": home.slug,
    }


if __name__ == "__main__":
    django.setup()
    print(json.dumps(build(int(sys.argv[1]), int(sys.argv[2]))))
