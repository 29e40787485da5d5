"""The French of every page: the pages the demo roles reach (found by the fuzzer's crawler,
tests/test_fuzz.py) read in French as a Québec reader expects them, with no English month, no
truncated month (« Jui » is juin or juillet), no « de » before a vowel, no « 1 abstentions »
and a space before « : ». The summary printed at the end says how many pages were checked."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection

from tests.test_fuzz import ROLES, Fuzzer

MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
# A word that ends in s or x and is singular too.
SINGULAR_S = {
    "fois", "mois", "voix", "choix", "prix", "cas", "cours", "temps", "corps", "poids",
    "processus", "des", "les", "ses", "mes", "nos", "vos", "sous", "sans", "dans", "vers",
    "plus", "moins", "pas", "sur", "jours", "jusqu", "heures", "ans", "après", "dès",
    "depuis", "hors", "parmi", "avis", "compris", "inclus", "refus", "statut", "accès",
    "succès", "relais", "index", "lieux", "mars",
}  # fmt: skip
SINGULAR_S -= {"jours", "heures", "ans", "lieux"}  # plural after 1, whatever they mean
RULES = {
    "English or truncated month": re.compile(
        r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Jui|Juil|Fév|Avr|Aoû|Déc)\b\.?"
        r"|\b\d{1,2}\s+(jan|fév|mar|avr|jui|juil|aoû|sep|sept|oct|nov|déc)\b\.?",
    ),
    "ISO date in the text": re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    "« 1 » for « 1er »": re.compile(rf"(?<![\d,.])\b1\s+({MONTHS})\b"),
    "no elision": re.compile(
        r"\b(de|la|le|que|ne|je|ce|se|jusque|lorsque|puisque)\s+"
        r"([aeiouàâäéèêëîïôöûùüœæAEIOUÀÂÄÉÈÊËÎÏÔÖÛÙÜŒÆ]\w*|h[ôoé]\w*|H[ôoé]\w*)",
        re.IGNORECASE,
    ),
    "1 with a plural": re.compile(r"(?<![\d,.])\b1\s+([a-zà-ÿ]+[sx])\b"),
    "time with a colon": re.compile(r"(?<![\d:])\b\d{1,2}:\d{2}\b(?!:)"),
    "no space before « : »": re.compile(r"(?<=[A-Za-zÀ-ÿ)»\]])(:)(?!//|\d|\w)"),
}
# Words after « de » that do not elide (h aspiré, or a word that is no French noun).
NO_ELISION = {
    "hockey", "haut", "hauts", "haute", "hautes", "hors", "huit", "onze", "oui", "un", "une",
}  # fmt: skip


def findings_of(text):
    """(rule, excerpt) of what `text` gets wrong."""
    found = []
    for line in text.splitlines():
        line = re.sub(r"[ \t]+", " ", line).strip()
        for rule, pattern in RULES.items():
            for match in pattern.finditer(line):
                word = match.group(match.lastindex or 0).lower() if match.lastindex else ""
                if rule == "no elision" and word in NO_ELISION:
                    continue
                if rule == "1 with a plural" and word in SINGULAR_S:
                    continue
                start = max(0, match.start() - 25)
                found.append((rule, line[start : match.end() + 25].strip()))
    return found


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("le 19 Jui 2027", "English or truncated month"),
        ("4 Jul 2026", "English or truncated month"),
        ("6 déc.", "English or truncated month"),
        ("du 2025-01-30", "ISO date in the text"),
        ("Ajout de instance", "no elision"),
        ("la candidature de Élise", "no elision"),
        ("1 abstentions", "1 with a plural"),
        ("jusqu’à 1 personnes", "1 with a plural"),
        ("Communautaire: 3", "no space before « : »"),
        ("le 1 décembre", "« 1 » for « 1er »"),
        ("2 décembre 2026, 12:31", "time with a colon"),
    ],
)
def test_check_finds_what_a_reader_sees_wrong(text, rule):
    assert [found for found, _ in findings_of(text)] == [rule]


@pytest.mark.parametrize(
    "text",
    [
        "19 juin 2027, 12\xa0h\xa031",
        "1er décembre",
        "d’instance, de l’assemblée, de hockey",
        "1 abstention, 2 abstentions, 1 fois, 11 votes, 40\xa0001 kg",
        "Communautaire\xa0: 3, https://example.org",
    ],
)
def test_check_lets_good_french_pass(text):
    assert findings_of(text) == []


@pytest.mark.django_db
def test_every_page_of_the_demo_reads_in_french(client, settings, record_property):
    settings.RATELIMIT_ENABLE = False
    call_command("load_demo", "--force", verbosity=0, stdout=io.StringIO())
    from accounts.models import User

    crawler = Fuzzer(client)
    checked, findings = set(), {}
    for email in ROLES:
        client.logout()
        if email:
            client.force_login(User.objects.get(email=email))
        for url, page in crawler.pages_of(email):
            checked.add(url)
            for finding in findings_of(page.text):
                findings.setdefault(finding, f"{email or 'anonymous'} {url}")
    record_property("pages", " ".join(sorted(checked)))  # in the JUnit XML report
    record_property(  # said at the end of the run (tests/conftest.py)
        "summary",
        f"French text on {connection.vendor}: {len(checked)} pages checked as {len(ROLES)} "
        f"roles, {len(findings)} findings",
    )
    report = [f"{rule}: « {excerpt} » ({where})" for (rule, excerpt), where in findings.items()]
    assert not report, "\n".join(sorted(report))
