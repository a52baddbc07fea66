"""Dutch (nl-BE) first, English second: the switch, the defaults and the catalogue."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

import doorstroom
from doorstroom.apps.accounts.models import Role
from tests.apps.factories import ConsentFactory, logged_in_client

PO_FILE = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.po"
#: Python-format placeholders (``{{ x }}`` in blocktranslate becomes ``%(x)s``).
PLACEHOLDER = re.compile(r"%(?:\([A-Za-z_]\w*\))?[-+ #0]*\d*(?:\.\d+)?[sdifrx%]")


def _client(user=None, language: str | None = None) -> Client:
    client = logged_in_client(user) if user is not None else Client()
    if language is not None:
        response = client.post("/i18n/setlang/", {"language": language, "next": "/"})
        assert response.status_code == 302
    return client


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.django_db
def test_dutch_is_the_default(world):
    body = _page(_client(world.users[Role.COACH]), "/personen/")
    assert '<html lang="nl-be">' in body
    assert "<h1>Mijn personen</h1>" in body
    assert "Doorstroomcoach" in body  # the role beside the user's name
    assert "Afmelden" in body
    assert "My caseload" not in body


@pytest.mark.django_db
def test_switching_to_english_translates_the_caseload(world):
    body = _page(_client(world.users[Role.COACH], "en"), "/personen/")
    assert '<html lang="en">' in body
    assert "<h1>My caseload</h1>" in body
    assert "Transition coach" in body
    assert ">Log out</button>" in body
    assert "Search by name or municipality" in body
    assert "Mijn personen" not in body
    assert "Doorstroomcoach" not in body


@pytest.mark.django_db
def test_switching_back_to_dutch(world):
    client = _client(world.users[Role.COACH], "en")
    client.post("/i18n/setlang/", {"language": "nl-be", "next": "/"})
    assert "<h1>Mijn personen</h1>" in _page(client, "/personen/")


@pytest.mark.django_db
def test_login_page_in_english_and_dutch(db):
    dutch = _page(_client(), "/aanmelden/")
    assert "<h1>Aanmelden</h1>" in dutch
    assert "Gebruikersnaam" in dutch

    english = _page(_client(language="en"), "/aanmelden/")
    assert '<html lang="en">' in english
    assert "<h1>Log in</h1>" in english
    assert ">Username</label>" in english
    assert ">Password</label>" in english
    assert "Gebruikersnaam" not in english


@pytest.mark.django_db
def test_choice_labels_and_placeholders_are_translated(world):
    ConsentFactory(person=world.own_person, organisation=world.partner)
    url = f"/personen/{world.own_person.pk}/"
    dutch = _page(_client(world.users[Role.COACH]), url)
    assert "Identiteit en contact, Traject, stages en adviezen" in dutch
    assert "Doorstroomtraject met een partner" in dutch

    english = _page(_client(world.users[Role.COACH], "en"), url)
    assert (
        "Identity and contact details, Trajectory, placements and recommendations"
        in english
    )
    assert "Transition trajectory with a partner" in english
    assert "<h2>Consents</h2>" in english

    erase = _page(
        _client(world.users[Role.ORG_ADMIN], "en"),
        f"/personen/{world.own_person.pk}/anonimiseren/",
    )
    assert "<h1>Anonymise Eigen Persoon</h1>" in erase


def _unquote(line: str) -> str:
    body = line[line.index('"') + 1 : line.rindex('"')]
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: escapes[m.group(1)], body)


def _po_entries(path: Path) -> list[dict]:
    """The entries of a .po file: msgid, msgid_plural, msgstr or msgstr[N], and flags."""
    entries: list[dict] = []
    entry: dict = {"flags": set()}
    field = None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if "msgid" in entry:
                entries.append(entry)
            entry, field = {"flags": set()}, None
        elif line.startswith("#,"):
            entry["flags"].update(f.strip() for f in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith(("msgid ", "msgstr", "msgid_plural ", "msgctxt ")):
            field = line.split(" ", 1)[0]
            entry[field] = _unquote(line)
        else:
            assert line.startswith('"'), line
            entry[field] += _unquote(line)
    return entries


def test_po_parser_reads_multiline_escaped_and_flagged_entries(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        '#, python-format\nmsgid ""\n"%(a)s een "\n"\\"b\\""\nmsgstr "%(a)s one"\n',
        encoding="utf-8",
    )
    header, entry = _po_entries(po)
    assert header["msgstr"] == "Language: en\n"
    assert entry == {
        "flags": {"python-format"},
        "msgid": '%(a)s een "b"',
        "msgstr": "%(a)s one",
    }


def _translations(entry: dict) -> list[tuple[str, str]]:
    """(source, translation) pairs: one for a plain entry, one per plural form."""
    if "msgid_plural" not in entry:
        return [(entry["msgid"], entry.get("msgstr", ""))]
    forms = sorted(k for k in entry if k.startswith("msgstr["))
    assert forms, entry
    return [
        (entry["msgid"] if form == "msgstr[0]" else entry["msgid_plural"], entry[form])
        for form in forms
    ]


def test_po_parser_reads_plural_entries(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid "%(n)s stap"\nmsgid_plural "%(n)s stappen"\n'
        'msgstr[0] "%(n)s step"\nmsgstr[1] "%(n)s steps"\n',
        encoding="utf-8",
    )
    (entry,) = _po_entries(po)
    assert _translations(entry) == [
        ("%(n)s stap", "%(n)s step"),
        ("%(n)s stappen", "%(n)s steps"),
    ]


def test_every_message_has_an_english_translation_with_the_same_placeholders():
    entries = [e for e in _po_entries(PO_FILE) if e["msgid"]]
    assert len(entries) > 200  # templates, models, forms and views were all collected
    msgids = {e["msgid"] for e in entries}
    for expected in ("Mijn personen", "Doorstroomcoach", "Toestemming bewaard."):
        assert expected in msgids
    problems = []
    for e in entries:
        if "msgctxt" in e:
            problems.append(f"unexpected context entry: {e['msgid']!r}")
        if "fuzzy" in e["flags"]:
            problems.append(f"fuzzy: {e['msgid']!r}")
        for msgid, msgstr in _translations(e):
            if not msgstr.strip():
                problems.append(f"untranslated: {msgid!r}")
            if sorted(PLACEHOLDER.findall(msgid)) != sorted(
                PLACEHOLDER.findall(msgstr)
            ):
                problems.append(f"placeholders differ: {msgid!r} -> {msgstr!r}")
            if msgid.strip() != msgid or msgstr.strip() != msgstr:
                problems.append(f"surrounding whitespace: {msgid!r}")
    assert problems == []


def test_compiled_catalogue_matches_the_po_file():
    """The .mo that Django reads (compiled by scripts/setup.sh) is up to date."""
    entries = [e for e in _po_entries(PO_FILE) if e["msgid"]]
    with translation.override("en"):
        stale = [
            e["msgid"]
            for e in entries
            if "msgid_plural" not in e
            and translation.gettext(e["msgid"]) != e["msgstr"]
        ]
        stale += [
            e["msgid"]
            for e in entries
            if "msgid_plural" in e
            and (
                translation.ngettext(e["msgid"], e["msgid_plural"], 1) != e["msgstr[0]"]
                or translation.ngettext(e["msgid"], e["msgid_plural"], 2)
                != e["msgstr[1]"]
            )
        ]
    assert stale == []
    with translation.override("nl-be"):
        assert translation.gettext("Mijn personen") == "Mijn personen"
    with translation.override("en"):
        assert translation.gettext("Wie keek naar mijn gegevens") == (
            "Who looked at my data"
        )


def test_every_translatable_string_in_the_source_is_in_the_catalogue(tmp_path):
    """Run ``makemessages`` on a copy of the package: nothing may come out untranslated.

    A Dutch string wrapped in ``{% translate %}`` or ``gettext`` but missing from the
    English catalogue would silently stay Dutch for an English reader.
    """
    package = Path(doorstroom.__file__).resolve().parent
    copy = tmp_path / "doorstroom"
    shutil.copytree(
        package, copy, ignore=shutil.ignore_patterns("*.mo", "__pycache__", "static")
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "en",
            "--no-obsolete",
            "--no-location",
            "--ignore",
            "migrations/*",
        ],
        cwd=copy,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "doorstroom.conf.ci"},
        check=True,
        capture_output=True,
    )
    collected = _po_entries(copy / "locale" / "en" / "LC_MESSAGES" / "django.po")
    missing = [
        e["msgid"]
        for e in collected
        if e["msgid"]
        and (
            "fuzzy" in e["flags"]  # makemessages guessed from a similar string
            or any(not text.strip() for _, text in _translations(e))
        )
    ]
    assert missing == []
