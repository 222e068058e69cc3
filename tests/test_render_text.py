"""Data text in documents: its paragraphs and lists survive, everything else stays literal.

The escaper (``udvikling.render.markdown.escape``) is checked on its own, through pandoc
(the reader ``convert.READER``) and, for the kommissorium of 14 June 2022, in the Word and
HTML documents. A property test feeds arbitrary text with Markdown and pandoc syntax
through escape and pandoc and checks that the reader sees the same words, in order.
"""

from __future__ import annotations

import os
import string
from html.parser import HTMLParser
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from udvikling.cli import run
from udvikling.render.convert import _pandoc
from udvikling.render.markdown import escape, inline, paragraphs

REPO = Path(__file__).resolve().parents[1]


class _Visible(HTMLParser):
    """The words a reader sees in an HTML fragment; an ordered item shows its number."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []
        self.counters: list[int | None] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "ol":
            self.counters.append(int(dict(attrs).get("start") or 1))
        elif tag == "ul":
            self.counters.append(None)
        elif tag == "li" and self.counters and self.counters[-1] is not None:
            number = self.counters[-1]
            self.words.append(f"{number}.")
            self.counters[-1] = number + 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ol", "ul") and self.counters:
            self.counters.pop()

    def handle_data(self, data: str) -> None:
        self.words.extend(data.split())


def visible(html: str) -> tuple[list[str], set[str]]:
    parser = _Visible()
    parser.feed(html)
    return parser.words, set(parser.tags)


def html_of(markdown: str) -> str:
    return _pandoc(markdown, "html5", ["--wrap=none"])


# -- structure kept ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a | b", "a \\| b"),
        ("*x* _y_ `z`", "\\*x\\* \\_y\\_ \\`z\\`"),
        ("{{ 7*7 }}", "{{ 7\\*7 }}"),
        ("<script>", "\\<script>"),
        ("# top", "\\# top"),
        ("12. maj", "12\\. maj"),
        ("1) maj", "1\\) maj"),
        ("+ plus", "\\+ plus"),
        ("-x", "\\-x"),
        ("Tom & Jerry &amp;", "Tom & Jerry \\&amp;"),
        ("- punkt", "- punkt"),
        ("• punkt", "- punkt"),
        ("---", "\\---"),
        ("tekst\n- punkt\nefter", "tekst\n\n- punkt\n\nefter"),
        ("første afsnit\n\n\nandet afsnit\n", "første afsnit\n\nandet afsnit"),
        ("    indrykket\n\tlinje", "indrykket\nlinje"),
        # A numbered list from 1 in sequence; lines indented under an item belong to it.
        ("Spor:\n1. Et\n   Formål: a\n2. To", "Spor:\n\n1. Et\\\n   Formål: a\n2. To"),
        # Not from 1, or alone, or not in sequence: dates, not items.
        ("6. september: a\n4. oktober: b", "6\\. september: a\\\n4\\. oktober: b"),
        ("1. halvår 2023 blev", "1\\. halvår 2023 blev"),
        ("1. a\n3. b", "1\\. a\\\n3\\. b"),
        ("01. a\n02. b", "01\\. a\\\n02\\. b"),
        # A lead-in with a colon, then a line per item: a bullet list.
        ("Tidsplan:\nJuni: a\n15. august: b", "Tidsplan:\n\n- Juni: a\n- 15\\. august: b"),
        # Lines that plainly start anew keep their break; wrapped prose runs on.
        ("Med venlig hilsen\nJens Jensen", "Med venlig hilsen\\\nJens Jensen"),
        ("en lang sætning der\nfortsætter her", "en lang sætning der\nfortsætter her"),
        ("opremsning af A,\nB og C", "opremsning af A,\nB og C"),
        ("ender med \\\nNæste", "ender med \\\\\\\nNæste"),
        ("", ""),
    ],
)
def test_escape(raw: str, expected: str) -> None:
    assert escape(raw) == expected


def test_paragraphs_and_inline() -> None:
    assert paragraphs("a\n- b") == "\n\na\n\n- b\n\n"
    assert inline("1. Borgeren\n først | x") == "1\\. Borgeren først \\| x"


def test_kommissorium_timeline_and_tracks_are_lists_in_html() -> None:
    text = (
        "For at imødekomme formålet gennemføres processen i to hovedspor:\n"
        "1. Mødet med borgere og pårørende på socialområdet\n"
        "   Formål: At belyse kulturen.\n"
        "2. Arbejdsmiljø for medarbejdere og ledere samt rammer for ledelse\n"
        "   Formål: At belyse det psykiske arbejdsmiljø.\n\n"
        "Selve forløbet gennemføres ud fra følgende overordnede tidsplan:\n"
        "Juni: Udarbejdelse af kommissorium\n"
        "15.-26. august: Spørgeskemaundersøgelse\n"
        "6. september: Statusmøder\n"
        "November: Afrapportering\n"
    )
    html = html_of(escape(text))
    assert "<ol>\n<li>Mødet med borgere og pårørende på socialområdet<br />\nFormål:" in html
    assert html.count("<li>") == 6
    assert "<li>6. september: Statusmøder</li>" in html
    assert "<li>Juni: Udarbejdelse af kommissorium</li>" in html


# -- literal everywhere else ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "forbidden"),
    [
        ("a) første\nb) anden", "<ol"),
        ("(1) første\n(2) anden", "<ol"),
        ("i. første\nii. anden", "<ol"),
        ("A. Første\nB. Anden", "<ol"),
        ("#. første\n#. anden", "<ol"),
        ("(@) første\n(@) anden", "<ol"),
        ("Begreb\n: forklaring", "<dl"),
        ("Begreb\n~ forklaring", "<dl"),
        ("- [ ] opgave", "checkbox"),
        ("| linje\n| blok", "line-block"),
        ("Table: overskrift", "<caption"),
        ("2^10^ og H~2~O", "<sup"),
        ("    kode", "<code"),
        ("```\nkode\n```", "<code"),
        ("Overskrift\n==========", "<h1"),
        ("Overskrift\n----------", "<h2"),
        ("> citat", "<blockquote"),
        ("[link](http://x) og <http://y>", "<a "),
        ("$x^2$ og \\(y\\)", "math"),
        ("<b>fed</b> &amp; &#60;", "<b>"),
        ("***", "<hr"),
        ("Fodnote[^1]\n\n[^1]: tekst", "footnote"),
    ],
)
def test_pandoc_syntax_in_data_stays_literal(text: str, forbidden: str) -> None:
    html = html_of(escape(text))
    assert forbidden not in html
    words, _ = visible(html)
    assert _words(" ".join(words)) == _words(text)


# Arbitrary text, biased to the syntax of Markdown and pandoc's extensions.
_TOKENS = [
    "- ", "• ", "* ", "+ ", "1. ", "2. ", "3. ", "10. ", "01. ", "1) ", "a) ", "(1) ", "(@) ",
    "i. ", "A. ", "#. ", ": ", "~ ", "> ", "# ", "## ", "---", "===", "***", "```", "~~~",
    "    ", "   ", "\t", "\n", "\n\n", "\n   ", ":\n", "<b>", "</b>", "<!-- x -->", "&amp;",
    "&#60;", "[x](y)", "[^1]", "^[n]", "**", "__", "`", "$x$", "\\", "\\\n", "|", "| a |",
    "{.c}", "@c", "%", "Table:", "[ ] ", "Juni: ", "6. september: ", "Formål: ", "Æble",
    "øre", "—", "–", "...", "--", "'", '"', "http://x.dk", "<http://y>", "a@b.dk",
]  # fmt: skip
_ALPHABET = string.ascii_letters + string.digits + string.punctuation + " æøåÆØÅé•"
_texts = st.lists(
    st.one_of(st.sampled_from(_TOKENS), st.text(_ALPHABET, max_size=6)), max_size=25
).map("".join)


def _words(text: str) -> list[str]:
    # A list marker becomes the list's bullet, not a word; dashes and bullets are dropped
    # on both sides for that reason only.
    return [w for w in text.split() if w not in ("-", "•")]


EXAMPLES = int(os.environ.get("UDV_EXAMPLES", "40"))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_texts, min_size=1, max_size=8))
def test_any_data_text_shows_the_same_words(texts: list[str]) -> None:
    # Many texts in one pandoc run (pandoc is the slow part), each after its own heading.
    markdown = "\n\n".join(f"# T{index}\n\n{escape(text)}" for index, text in enumerate(texts))
    html = html_of(markdown)
    sections = html.split("<h1 ")[1:]
    assert len(sections) == len(texts)
    for text, section in zip(texts, sections, strict=True):
        words, tags = visible("<h1 " + section)
        assert _words(text) == _words(" ".join(words[1:])), (text, escape(text), section)
        markup = tags - {"h1", "p", "br", "ul", "ol", "li"}
        assert not markup, (text, section)


# -- in the documents ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def kommissorium(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("kommissorium")
    out = {}
    for fmt in ("docx", "html"):
        target = folder / f"k.{fmt}"
        args = ["render", "sagsfremstilling", "--root", str(REPO), "--meeting", "2022-06-14-oek"]
        assert run([*args, "-f", fmt, "-o", str(target)]) == 0
        out[fmt] = target
    return out


def test_kommissorium_lists_in_word(kommissorium: dict[str, Path]) -> None:
    document = Document(str(kommissorium["docx"]))
    listed = [
        p.text for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None
    ]
    assert listed[:2] == [
        "Mødet med borgere og pårørende på socialområdet\nFormål: At belyse kulturen på det "
        "sociale område særligt i forhold til mødet med borgerne og de pårørende.",
        "Arbejdsmiljø for medarbejdere og ledere samt rammer for ledelse\nFormål: At belyse "
        "det psykiske arbejdsmiljø for både medarbejdere og ledere samt rammerne for ledelse, "
        "herunder eksempelvis vilkår for ledelse, ledelsesform, ledelsesspænd mv.",
    ]
    assert listed[2:] == [
        "Juni: Udarbejdelse af kommissorium, herunder undersøgelsesdesign",
        "15.-26. august: Spørgeskemaundersøgelse",
        "6. september: Statusmøder med aftaleholdere, administrativ styregruppe og politisk "
        "styregruppe",
        "6. september - 4. oktober: Gruppeworkshops samt kvalitative afdækninger",
        "4. oktober: Statusmøder med aftaleholdere, administrativ styregruppe og politisk "
        "styregruppe",
        "November: Afrapportering",
        "15. november: Afrapporteringen behandles i Kommunalbestyrelsen",
    ]
    # The two tracks are numbered, the timeline is not: two different list definitions.
    ids = {
        p._p.pPr.numPr.find(qn("w:numId")).get(qn("w:val"))
        for p in document.paragraphs
        if p._p.pPr is not None and p._p.pPr.numPr is not None
    }
    assert len(ids) == 2


def test_kommissorium_lists_in_html(kommissorium: dict[str, Path]) -> None:
    html = kommissorium["html"].read_text(encoding="utf-8")
    assert html.count("<ol>") == 1 and html.count("<ul>") == 1
    assert "<li>Mødet med borgere og pårørende på socialområdet<br />" in html
    assert "<li>15. november: Afrapporteringen behandles i Kommunalbestyrelsen</li>" in html
