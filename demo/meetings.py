"""Demo meetings: past and upcoming meetings of every body, with their records.

Dates are relative to the day of loading, so the demo always has a past and a future. A
meeting already present (same body and title) is left as it is: loading twice adds nothing.
"""

import datetime
import zoneinfo
from collections import Counter

from django.conf import settings
from django.utils import timezone

from chantiers.models import Chantier
from governance.models import Body, Organisation, Person
from meetings.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    AttendanceStatus,
    Decision,
    DecisionMode,
    ItemKind,
    Mandate,
    MandateStatus,
    MandateUpdate,
    Meeting,
    MeetingStatus,
)

PLACES = {
    "assemblee-des-partenaires": "Centre des congrès de La Malbaie, 2, rue du Quai",
    "comite-conseil": "CIUSSS, CLSC de Baie-Saint-Paul, salle 2.14",
}
DEFAULT_PLACE = "Salle communautaire de Clermont, 70, rue Lapointe"
VIDEO_LINK = "https://visio.example.org/dsi-charlevoix"

INFORMATION, DISCUSSION, DECISION = ItemKind.INFORMATION, ItemKind.DISCUSSION, ItemKind.DECISION


def _at(days, hour):
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour, 0), tzinfo=zone)


MEETINGS = (
    {
        "key": "assembly-last-year",
        "body": "assemblee-des-partenaires",
        "title": "Assemblée des partenaires et élection du comité conseil",
        "days": -305,  # the demo's past election (demo.territory.council_elections)
        "hour": 9,
        "hours": 6,
        "status": MeetingStatus.HELD,
        "published": True,
        "adopted_at": "assembly-spring",
        "items": (
            (
                "Mot de bienvenue et adoption de l'ordre du jour",
                INFORMATION,
                "Geneviève Boucher",
                10,
                "L'ordre du jour est adopté tel que présenté.",
            ),
            (
                "Élection du comité conseil",
                DECISION,
                "Équipe ADOC",
                45,
                "Huit personnes sont élues au comité conseil, quatre par collège.",
            ),
        ),
        "decisions": (
            (
                1,
                "Adoption de l'ordre du jour",
                "L'ordre du jour est adopté tel que présenté.",
                DecisionMode.CONSENSUS,
            ),
        ),
    },
    {
        "key": "assembly-spring",
        "body": "assemblee-des-partenaires",
        "title": "Assemblée des partenaires de mi-parcours",
        "days": -150,
        "hour": 9,
        "hours": 6,
        "status": MeetingStatus.HELD,
        "published": True,
        "adopts": "assembly-last-year",
        "items": (
            (
                "Adoption du procès-verbal de l'assemblée précédente",
                DECISION,
                "Geneviève Boucher",
                5,
                "Le procès-verbal est adopté sans modification.",
            ),
            (
                "Avancées du chantier Transport",
                INFORMATION,
                "Benoît Villeneuve",
                20,
                "Le chantier présente le projet de politique de transport collectif.",
            ),
            (
                "Planification stratégique 2026-2028",
                DISCUSSION,
                "Équipe ADOC",
                60,
                "Les partenaires priorisent trois enjeux : transport, sécurité alimentaire "
                "et jeunesse.",
            ),
        ),
        "decisions": (
            (
                2,
                "Priorités territoriales 2026-2028",
                "L'assemblée retient trois priorités territoriales : la mobilité, la sécurité "
                "alimentaire et la persévérance scolaire.",
                DecisionMode.VOTE,
            ),
        ),
        "mandates": (
            (
                "comite-conseil",
                "Déposer une demande au Fonds de développement des territoires",
                "Préparer et déposer une demande de financement pour les trois priorités.",
                120,
                MandateStatus.IN_PROGRESS,
            ),
            (
                "comite-conseil",
                "Préparer la politique de reconnaissance des bénévoles",
                "Proposer à la prochaine assemblée un projet de politique.",
                200,
                MandateStatus.TODO,
            ),
        ),
        "actions": (
            (
                "Transmettre le bilan des priorités aux municipalités",
                "adoc@example.org",
                None,
                -120,
                ActionStatus.DONE,
            ),
        ),
    },
    {
        "key": "assembly-next",
        "body": "assemblee-des-partenaires",
        "title": "Assemblée des partenaires et élection du comité conseil",
        "days": 60,  # the demo's next election, as the earlier cohort's term ends
        "hour": 9,
        "hours": 6,
        "status": MeetingStatus.PLANNED,
        "progress_items": True,
        "items": (
            (
                "Adoption du procès-verbal de l'assemblée précédente",
                DECISION,
                "Geneviève Boucher",
                5,
                "",
            ),
        ),
    },
    {
        "key": "council-past",
        "body": "comite-conseil",
        "title": "Rencontre du comité conseil",
        "days": -90,
        "hour": 13,
        "hours": 3,
        "status": MeetingStatus.HELD,
        "published": True,
        "adopted_at": "council-recent",
        "online": True,
        "items": (
            (
                "Suivi des mandats de l'assemblée",
                DISCUSSION,
                "Marie-Ève Gagnon",
                30,
                "La demande au Fonds de développement des territoires est en préparation.",
            ),
            (
                "Bilan d'étape du chantier Transport",
                DECISION,
                "Benoît Villeneuve",
                30,
                "Le bilan est approuvé; le comité demande un suivi des coûts.",
            ),
        ),
        "decisions": (
            (
                1,
                "Approbation du bilan du chantier Transport",
                "Le comité conseil approuve le bilan d'étape du chantier Transport.",
                DecisionMode.CONSENSUS,
            ),
        ),
        "mandates": (
            (
                "chantier-transport",
                "Chiffrer le projet de navette Baie-Saint-Paul – La Malbaie",
                "Estimer les coûts d'exploitation pour trois ans.",
                -10,
                MandateStatus.DONE,
            ),
        ),
        "actions": (
            (
                "Obtenir les données d'achalandage 2025",
                None,
                "transport-collectif-charlevoix",
                -30,
                ActionStatus.DONE,
            ),
            (
                "Rédiger la lettre d'appui au projet de navette",
                "comite@example.org",
                None,
                14,
                ActionStatus.OPEN,
            ),
        ),
    },
    {
        "key": "council-recent",
        "body": "comite-conseil",
        "title": "Rencontre du comité conseil",
        "days": -20,
        "hour": 13,
        "hours": 3,
        "status": MeetingStatus.HELD,
        "published": False,
        "adopts": "council-past",
        "items": (
            (
                "Adoption du procès-verbal de la rencontre précédente",
                DECISION,
                "Geneviève Boucher",
                5,
                "Adopté.",
            ),
            (
                "Demande au Fonds de développement des territoires",
                DECISION,
                "Marie-Ève Gagnon",
                40,
                "Le comité approuve le dépôt de la demande, avec le budget présenté.",
            ),
        ),
        "decisions": (
            (
                2,
                "Dépôt de la demande au Fonds de développement des territoires",
                "Le comité conseil autorise l'équipe ADOC à déposer la demande.",
                DecisionMode.VOTE,
            ),
        ),
        "actions": (
            ("Déposer la demande de financement", "adoc@example.org", None, 10, ActionStatus.OPEN),
        ),
    },
    {
        "key": "council-cancelled",
        "body": "comite-conseil",
        "title": "Rencontre spéciale du comité conseil",
        "days": 5,
        "hour": 12,
        "hours": 1,
        "status": MeetingStatus.CANCELLED,
        "reason": "Plusieurs membres ne pouvaient pas être présents; les points sont reportés "
        "à la rencontre suivante.",
        "online": True,
        "items": (("Lettre d'appui au projet de navette", DECISION, "Geneviève Boucher", 20, ""),),
    },
    {
        "key": "council-next",
        "body": "comite-conseil",
        "title": "Rencontre du comité conseil",
        "days": 14,
        "hour": 13,
        "hours": 3,
        "status": MeetingStatus.PLANNED,
        "online": True,
        "items": (
            (
                "Adoption du procès-verbal de la rencontre précédente",
                DECISION,
                "Geneviève Boucher",
                5,
                "",
            ),
            ("Préparation de la prochaine assemblée", DISCUSSION, "Marie-Ève Gagnon", 45, ""),
        ),
    },
)


def _person(email):
    return Person.objects.filter(email=email).first() if email else None


def _create_meeting(row, bodies, created):
    body = bodies[row["body"]]
    starts = _at(row["days"], row["hour"])
    meeting, is_new = Meeting.objects.get_or_create(
        body=body,
        title=row["title"],
        starts__date=starts.date(),
        defaults={
            "starts": starts,
            "ends": starts + datetime.timedelta(hours=row["hours"]),
            "place": PLACES.get(row["body"], DEFAULT_PLACE),
            "online_link": VIDEO_LINK if row.get("online") else "",
            "status": row["status"],
            "cancellation_reason": row.get("reason", ""),
            "responsible": _person("adoc@example.org"),
            "published_at": starts + datetime.timedelta(days=7) if row.get("published") else None,
        },
    )
    if not is_new:
        return meeting, False
    created["Meeting"] += 1
    meeting.sync_attendance()
    for position, (title, kind, presenter, duration, minutes) in enumerate(row["items"], 1):
        AgendaItem.objects.create(
            meeting=meeting,
            position=position,
            title=title,
            kind=kind,
            presenter=presenter,
            duration=duration,
            minutes=minutes if row["status"] == MeetingStatus.HELD else "",
        )
    if row.get("progress_items"):
        position = len(row["items"])
        for chantier in Chantier.objects.active():
            position += 1
            AgendaItem.objects.create(
                meeting=meeting,
                position=position,
                title=f"Avancées du chantier : {chantier.name}",
                kind=INFORMATION,
                chantier=chantier,
                duration=15,
            )
    if row["status"] == MeetingStatus.HELD:
        _record_attendance(meeting)
    return meeting, True


def _record_attendance(meeting):
    """Most came; one excused and one absent, so the list and the quorum have something to say."""
    rows = list(meeting.attendance.order_by("pk"))
    for index, row in enumerate(rows):
        row.status = (
            AttendanceStatus.EXCUSED
            if index == 1
            else AttendanceStatus.ABSENT
            if index == 3
            else AttendanceStatus.PRESENT
        )
        row.convened_at = meeting.starts - datetime.timedelta(days=10)
        row.save(update_fields=["status", "convened_at"])


def _add_records(meeting, row, bodies, created):
    items = list(meeting.items.all())
    year = meeting.starts.year
    quorum_met = meeting.quorum().is_met
    for index, (_sequence, title, text, mode) in enumerate(row.get("decisions", ())):
        vote = {"votes_for": 21, "votes_against": 2, "abstentions": 1} if mode == "vote" else {}
        decision = Decision.objects.create(
            meeting=meeting,
            item=items[min(index + 1, len(items) - 1)] if items else None,
            number=Decision.objects.next_number(meeting.body, year),
            title=title,
            text=text,
            mode=mode,
            proposed_by="Geneviève Boucher" if mode == "vote" else "",
            seconded_by="Mathieu Bouchard" if mode == "vote" else "",
            quorum_met=quorum_met,
            **vote,
        )
        created["Decision"] += 1
        row.setdefault("_decision", decision)
    for given_to, title, description, due_days, status in row.get("mandates", ()):
        mandate = Mandate.objects.create(
            given_by=meeting.body,
            given_to=bodies[given_to],
            meeting=meeting,
            decision=row.get("_decision"),
            title=title,
            description=description,
            due=timezone.localdate() + datetime.timedelta(days=due_days),
            status=status,
        )
        created["Mandate"] += 1
        if status != MandateStatus.TODO:
            author = _person("adoc@example.org")
            MandateUpdate.objects.create(
                mandate=mandate,
                made_by=author.user,
                made_at=meeting.starts + datetime.timedelta(days=30),
                status=status,
                note="Les travaux avancent selon l'échéancier; un point sera fait au comité.",
            )
    for title, email, organisation, due_days, status in row.get("actions", ()):
        ActionItem.objects.create(
            meeting=meeting,
            title=title,
            person=_person(email),
            organisation=Organisation.objects.filter(slug=organisation).first(),
            due=timezone.localdate() + datetime.timedelta(days=due_days),
            status=status,
        )
        created["ActionItem"] += 1


def _chantier_meetings(bodies, created):
    """Each active chantier's committee: a meeting last month, published, and one next month."""
    for chantier in Chantier.objects.active().select_related("committee"):
        for days, status in ((-35, MeetingStatus.HELD), (25, MeetingStatus.PLANNED)):
            row = {
                "body": chantier.committee.slug,
                "title": f"Comité du {chantier.name}",
                "days": days,
                "hour": 10,
                "hours": 2,
                "status": status,
                "published": status == MeetingStatus.HELD,
                "items": (
                    (
                        "Tour de table des partenaires",
                        INFORMATION,
                        "",
                        20,
                        "Chaque organisme présente ses actions du mois.",
                    ),
                    (
                        "Suivi du plan d'action",
                        DISCUSSION,
                        "",
                        40,
                        "Le plan d'action avance; deux actions sont reportées.",
                    ),
                ),
            }
            bodies.setdefault(row["body"], chantier.committee)
            _create_meeting(row, bodies, created)


def load_meetings(created=None):
    """Create the demo meetings and their records; returns the Counter of rows created."""
    created = Counter() if created is None else created
    bodies = {body.slug: body for body in Body.objects.all()}
    meetings = {}
    for row in MEETINGS:
        row = dict(row)
        meeting, is_new = _create_meeting(row, bodies, created)
        meetings[row["key"]] = meeting
        if is_new:
            _add_records(meeting, row, bodies, created)
    for row in MEETINGS:
        if adopted_at := row.get("adopted_at"):
            earlier, later = meetings[row["key"]], meetings[adopted_at]
            if not earlier.minutes_adopted:
                later.adopt_minutes_of(earlier)
    _chantier_meetings(bodies, created)
    return created
