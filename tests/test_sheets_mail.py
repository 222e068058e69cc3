"""Mail drafts for a status round (issue 27): ``udv sheet export --mail`` writes an ``.eml`` per
owner with the sheet attached, ``udv sheet remind`` one to each owner who has not answered;
both from a template the data repository can replace, in the documents' sandbox. udv sends
nothing."""

from __future__ import annotations

from datetime import date, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from sheetkit import SMALL_PLAN, build, fill, snapshot, udv
from udvikling.danish import format_date

AS_OF = "2025-03-01"
DEADLINE = date.today() + timedelta(days=30)
LATER = date.today() + timedelta(days=40)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    files = dict(SMALL_PLAN)
    files["udvikling.yaml"] = files["udvikling.yaml"].replace(
        "  socialchef: Socialchef\n",
        "  socialchef: {name: Socialchef, email: socialchef@testkommune.dk}\n",
    )
    return build(tmp_path / "plan", files)


def export(
    capsys: pytest.CaptureFixture[str], plan: Path, folder: Path, *extra: str
) -> tuple[int, str, str]:
    return udv(
        capsys,
        "sheet",
        "export",
        "--root",
        str(plan),
        "-o",
        str(folder),
        "--as-of",
        AS_OF,
        *extra,
    )


def read(path: Path) -> EmailMessage:
    message = message_from_bytes(path.read_bytes(), policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def body(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    return str(part.get_content()).replace("\r\n", "\n")


def attachments(message: EmailMessage) -> list[tuple[str, str | None, bytes]]:
    return [
        (a.get_content_type(), a.get_filename(), a.get_payload(decode=True))
        for a in message.iter_attachments()
    ]


def test_export_writes_a_draft_per_owner_with_the_sheet_attached(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "ud"
    code, _, err = export(capsys, plan, folder, "--mail", "--deadline", DEADLINE.isoformat())
    assert code == 0, err
    assert sorted(p.name for p in folder.glob("*.eml")) == [
        "statusark-oekonomichef.eml",
        "statusark-socialchef.eml",
        "statusark-uden-ansvarlig.eml",
    ]
    raw = (folder / "statusark-socialchef.eml").read_bytes()
    assert raw.isascii()  # headers encoded, text quoted-printable: any mail program reads it
    message = read(folder / "statusark-socialchef.eml")
    assert message["To"] == "Socialchef <socialchef@testkommune.dk>"
    assert message["Subject"] == (f"Statusark om Testproces – svar senest {format_date(DEADLINE)}")
    assert message["X-Unsent"] == "1"
    assert "From" not in message and "Bcc" not in message
    text = body(message)
    assert text.startswith("Kære Socialchef\n")
    assert "- Kommunikationsstrategi\n- Rekruttering og fastholdelse\n" in text
    assert f"senest {format_date(DEADLINE)}" in text
    assert "statusark-socialchef.xlsx" in text and "Vejledning" in text
    assert attachments(message) == [
        (XLSX, "statusark-socialchef.xlsx", (folder / "statusark-socialchef.xlsx").read_bytes())
    ]
    assert "mailkladde til socialchef@testkommune.dk" in err


def test_an_owner_without_an_address_gets_a_draft_without_recipient_and_a_warning(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "ud"
    code, _, err = export(capsys, plan, folder, "--mail", "--deadline", DEADLINE.isoformat())
    assert code == 0, err
    message = read(folder / "statusark-oekonomichef.eml")
    assert "To" not in message
    assert body(message).startswith("Kære Økonomichef\n")
    assert (
        "udv: advarsel: Økonomichef har ingen e-mailadresse i planen; skriv modtageren i "
        "mailprogrammet, eller tilføj email under owners.oekonomichef i udvikling.yaml." in err
    )
    unowned = body(read(folder / "statusark-uden-ansvarlig.eml"))
    assert unowned.startswith("Til den, der kan svare for tiltagene i arket\n")
    assert "arket med tiltag uden ansvarlig har ingen modtager" in err


def test_csv_sheets_are_attached_as_csv(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "ud"
    code, _, err = export(
        capsys, plan, folder, "-f", "csv", "--mail", "--deadline", DEADLINE.isoformat()
    )
    assert code == 0, err
    found = attachments(read(folder / "statusark-socialchef.eml"))
    assert [(t, n) for t, n, _ in found] == [("text/csv", "statusark-socialchef.csv")]
    assert found[0][2] == (folder / "statusark-socialchef.csv").read_bytes()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--mail",), "--mail kræver --deadline: svarfristen, mailen nævner."),
        (("--deadline", DEADLINE.isoformat()), "--deadline bruges kun med --mail"),
        (("--mail", "--deadline", "2020-01-10"), "10. januar 2020 er allerede passeret"),
        (("--mail", "--deadline", "april 2099"), "april 2099 er ikke én dag"),
        (("--mail", "--deadline", "snart"), "--deadline: "),
    ],
)
def test_a_bad_deadline_stops_before_anything_is_written(
    plan: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    message: str,
) -> None:
    folder = tmp_path / "ud"
    code, out, err = export(capsys, plan, folder, *args)
    assert code == 2, out + err
    assert message in err and "Traceback" not in err
    assert not folder.exists()


def answer_socialchef(
    capsys: pytest.CaptureFixture[str], plan: Path, folder: Path, tmp_path: Path
) -> None:
    returned = fill(
        folder / "statusark-socialchef.xlsx",
        {(2, "Ny opdatering"): "Strategien er sendt i høring."},
        tmp_path / "svar.xlsx",
    )
    code, stdout, _ = udv(capsys, "sheet", "import", "--root", str(plan), str(returned))
    assert code == 0, stdout


def remind(
    capsys: pytest.CaptureFixture[str], plan: Path, folder: Path, *extra: str
) -> tuple[int, str, str]:
    return udv(capsys, "sheet", "remind", str(folder), "--root", str(plan), *extra)


def test_remind_writes_to_those_who_have_not_answered(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "ud"
    assert export(capsys, plan, folder)[0] == 0
    answer_socialchef(capsys, plan, folder, tmp_path)
    before = snapshot(plan)
    code, _, err = remind(capsys, plan, folder, "--deadline", LATER.isoformat())
    assert code == 0, err
    assert sorted(p.name for p in folder.glob("*.eml")) == [
        "rykker-statusark-oekonomichef.eml",
        "rykker-statusark-uden-ansvarlig.eml",
    ]
    message = read(folder / "rykker-statusark-oekonomichef.eml")
    assert message["Subject"] == (
        f"Påmindelse: Statusark om Testproces – svar senest {format_date(LATER)}"
    )
    text = body(message)
    assert "Vi mangler stadig dit svar på statusarket om Testproces fra" in text
    assert "Tiltag uden svar:\n- Ny budgetmodel\n" in text
    assert f"senest {format_date(LATER)}" in text
    assert attachments(message) == [
        (
            XLSX,
            "statusark-oekonomichef.xlsx",
            (folder / "statusark-oekonomichef.xlsx").read_bytes(),
        )
    ]
    assert snapshot(plan) == before


def test_remind_to_another_folder_and_when_all_have_answered(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "ud"
    assert export(capsys, plan, folder, "--owner", "socialchef")[0] == 0
    target = tmp_path / "rykkere"
    code, _, err = remind(capsys, plan, folder, "--deadline", LATER.isoformat(), "-o", str(target))
    assert code == 0, err
    assert [p.name for p in target.iterdir()] == ["rykker-statusark-socialchef.eml"]
    assert read(target / "rykker-statusark-socialchef.eml")["To"] == (
        "Socialchef <socialchef@testkommune.dk>"
    )
    answer_socialchef(capsys, plan, folder, tmp_path)
    code, _, err = remind(capsys, plan, folder, "--deadline", LATER.isoformat())
    assert code == 0
    assert "Alle i runden har svaret; der er ingen at rykke." in err
    assert not list(folder.glob("*.eml"))


def test_remind_without_the_sheet_to_attach_writes_nothing(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "ud"
    assert export(capsys, plan, folder)[0] == 0
    (folder / "statusark-oekonomichef.xlsx").unlink()
    code, _, err = remind(capsys, plan, folder, "--deadline", LATER.isoformat())
    assert code == 2
    assert "statusark-oekonomichef.xlsx kan ikke læses" in err and "Traceback" not in err
    assert not list(folder.glob("*.eml"))
    code, _, err = remind(capsys, plan, folder)
    assert code == 2 and "udv sheet remind kræver --deadline" in err
    code, _, err = remind(capsys, plan, tmp_path, "--deadline", LATER.isoformat())
    assert code == 2 and "Der er ingen udsendelse.json" in err


# -- the data repository's own template ------------------------------------------------------

OWN = "templates/statusark-mail.txt.j2"


def test_the_data_repository_can_replace_the_text(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build(
        plan,
        {
            OWN: "Emne: Status til {{ ansvarlig }} ({{ tiltag | length }})\n\n"
            "Hej {{ ansvarlig }}, frist {{ svarfrist | dato }}: {{ tiltag | liste }}.\n"
            "{{ '<b>*ikke*</b>' }}\n"
        },
    )
    folder = tmp_path / "ud"
    code, _, err = export(
        capsys, plan, folder, "--owner", "socialchef", "--mail", "--deadline", "2099-01-02"
    )
    assert code == 0, err
    message = read(folder / "statusark-socialchef.eml")
    assert message["Subject"] == "Status til Socialchef (2)"
    # Plain text: nothing escaped for Markdown or HTML.
    assert body(message) == (
        "Hej Socialchef, frist 2. januar 2099: Kommunikationsstrategi og Rekruttering og "
        "fastholdelse.\n<b>*ikke*</b>\n"
    )


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("Hej\n\nmed dig", "skal begynde med en linje 'Emne: ...'"),
        ("Emne:   \n\ntekst", "giver et tomt emne"),
        ("Emne: x\n\n", "giver en mail uden tekst"),
        ("Emne: {{ 'a' * 300 }}\n\ntekst", "giver et emne, der ikke kan stå i en mail"),
        ("Emne: a{{ '\\x0b' }}b\n\ntekst", "giver et emne, der ikke kan stå i en mail"),
        ("Emne: x\n\n{{ ''.__class__.__mro__ }}", "adgang til '__class__' er ikke tilladt"),
        ("Emne: x\n\n{% include '../../udvikling.yaml' %}", "er ikke tilladt"),
        ("Emne: x\n\n{{ hemmelig }}", "ukendt variabel 'hemmelig'"),
        ("Emne: x\n\n{% for i in range(10**7) %}{% endfor %}", "range"),
        ("Emne: x\n\n{{ 'a' * 10**8 }}", "gentagelse"),
    ],
)
def test_a_hostile_or_broken_template_is_a_danish_error_and_writes_no_mail(
    plan: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    template: str,
    message: str,
) -> None:
    build(plan, {OWN: template})
    folder = tmp_path / "ud"
    code, out, err = export(
        capsys, plan, folder, "--owner", "socialchef", "--mail", "--deadline", "2099-01-02"
    )
    assert code == 1, out + err
    assert message in err, err
    assert "Traceback" not in out + err
    # Filled before anything is written: no sheet, no manifest, no mail.
    assert not folder.exists() or not list(folder.iterdir())


def test_a_template_cannot_add_a_header(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build(plan, {OWN: "Emne: Hej\nBcc: alle@andre.dk\n\nTekst\n"})
    folder = tmp_path / "ud"
    code, _, err = export(
        capsys, plan, folder, "--owner", "socialchef", "--mail", "--deadline", "2099-01-02"
    )
    assert code == 0, err
    message = read(folder / "statusark-socialchef.eml")
    assert "Bcc" not in message
    assert body(message) == "Bcc: alle@andre.dk\n\nTekst\n"


def test_render_check_checks_the_mail_template(
    plan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = udv(capsys, "render", "--check", "--root", str(plan))
    assert code == 0, out + err
    build(plan, {OWN: "Emne: {{ ansvarlig }}\n\n{{ ukendt }} {{ x | ukendt_filter }}\n"})
    code, out, err = udv(capsys, "render", "--check", "--root", str(plan))
    assert code == 1
    assert "templates/statusark-mail.txt.j2:3: ukendt variabel 'ukendt'" in out + err
    assert "ukendt filter 'ukendt_filter'" in out + err


@pytest.mark.parametrize(
    "address",
    ["socialchef", "a@b", "a b@c.dk", "a@b.dk, c@d.dk", "a@b.dk\nBcc: c@d.dk", "<a@b.dk>"],
)
def test_an_owner_address_must_be_one_plain_address(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], address: str
) -> None:
    import json

    files = dict(SMALL_PLAN)
    files["udvikling.yaml"] = files["udvikling.yaml"].replace(
        "  socialchef: Socialchef\n",
        f"  socialchef: {{name: Socialchef, email: {json.dumps(address)}}}\n",
    )
    plan = build(tmp_path / "plan", files)
    code, out, _ = udv(capsys, "lint", "--root", str(plan))
    assert code == 1
    assert "er ikke en e-mailadresse" in out and "sekretariat@kommune.dk" in out, out


@pytest.mark.parametrize("name", ["../hemmelig.xlsx", "/etc/passwd", "..\\hemmelig.xlsx", "a.txt"])
def test_remind_attaches_only_sheets_in_the_rounds_folder(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    import json

    folder = tmp_path / "ud"
    assert export(capsys, plan, folder, "--owner", "socialchef")[0] == 0
    (tmp_path / "hemmelig.xlsx").write_bytes(b"hemmelig")
    manifest = folder / "udsendelse.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["sheets"][0]["file"] = name
    manifest.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = remind(capsys, plan, folder, "--deadline", LATER.isoformat())
    assert code == 2, err
    assert "som ikke er et statusark i rundens mappe; intet er skrevet" in err
    assert not list(folder.glob("*.eml")) and not list(tmp_path.glob("*.eml"))


def test_remind_follows_no_link_out_of_the_folder(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "ud"
    assert export(capsys, plan, folder, "--owner", "socialchef")[0] == 0
    sheet = folder / "statusark-socialchef.xlsx"
    sheet.unlink()
    (tmp_path / "hemmelig.txt").write_text("hemmelig", encoding="utf-8")
    sheet.symlink_to(tmp_path / "hemmelig.txt")
    code, _, err = remind(capsys, plan, folder, "--deadline", LATER.isoformat())
    assert code == 2, err
    assert "ikke er et statusark i rundens mappe" in err
    assert not list(folder.glob("*.eml"))
