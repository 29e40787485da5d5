"""The demo meetings' data: places and the meetings of each body, dated from today."""

import datetime
import zoneinfo

from django.conf import settings
from django.utils import timezone

from meetings.models import (
    ActionStatus,
    DecisionMode,
    ItemKind,
    MandateStatus,
    MeetingStatus,
)

INFORMATION, DISCUSSION, DECISION = ItemKind.INFORMATION, ItemKind.DISCUSSION, ItemKind.DECISION

PLACES = {
    "assemblee-des-partenaires": "Centre des congrès de La Malbaie, 2, rue du Quai",
    "comite-conseil": "CIUSSS, CLSC de Baie-Saint-Paul, salle 2.14",
}

DEFAULT_PLACE = "Salle communautaire de Clermont, 70, rue Lapointe"

VIDEO_LINK = "https://visio.example.org/dsi-charlevoix"

# Who convenes, publishes and follows up the demo meetings: the demo's ADOC agent.
ADOC_AGENT = "adoc@example.org"

# Where `make run` serves the portal: the links the workflow would put in emails (the demo
# queues none, but the workflow asks for the site's address as the views give it).
BASE_URL = "http://127.0.0.1:8000"


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
