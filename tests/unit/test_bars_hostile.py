"""Every bar format against a hostile string in every text field (provider name, account label,
plan, window id, window label and its parameters, error texts, source problems), each output
parsed by its consumer's own rules:

- polybar: the formatting-tag grammar (a tag opens with `%{` and closes at the next `}`; polybar
  has no escape for it), tokenized here: only our colour tags may appear, never an action;
- i3blocks: the line protocol: exactly three lines (full text, short text, colour), no control
  characters;
- waybar: one JSON line whose `text` and `tooltip` are Pango markup, parsed as XML
  (`<markup>…</markup>`, as Pango's own parser is an XML subset), with only `<b>` elements;
- prometheus: prometheus_client's OpenMetrics parser, every series unique.
"""

from __future__ import annotations

import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import pytest
from prometheus_client.openmetrics.parser import text_string_to_metric_families

from tray_app.bars import formats, metrics
from tray_app.bars.escape import plain
from tray_app.bars.metrics_labels import full, hashed_with, none
from tray_app.config import Settings
from tray_app.errors import ErrorInfo, ErrorKind
from tray_app.i18n import window_label
from tray_app.model import Account, ProviderUsage, Window
from tray_app.monitoring.shared_refresh import Current
from tray_app.monitoring.view import ProviderStatus, TrayView

NOW = datetime(2026, 12, 2, 14, 0, tzinfo=timezone.utc)
HOSTILE = ('%{A1:rm -rf ~:}x%{A}\n<b>&"\\\x00\x07\x1b[31m\r\t\x85\u2028\u202eevil\u2066'
           "</markup>]]>&amp;%{F#FF0000}")
SHORT_HOSTILE = "%{A:x:}\n<&"  # a window id short enough to be the bar's short name
COLOUR_TAG = re.compile(r"F#[0-9A-F]{6}|F-")
BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def polybar_tokens(line: str) -> Iterator[tuple[str, str]]:
    """polybar's parser: `%{` opens a tag that the next `}` closes; the rest is text."""
    pos = 0
    while pos < len(line):
        start = line.find("%{", pos)
        if start < 0:
            yield "text", line[pos:]
            return
        if start > pos:
            yield "text", line[pos:start]
        end = line.find("}", start)
        assert end > 0, f"unclosed tag in {line!r}"
        yield "tag", line[start + 2:end]
        pos = end + 1


def no_controls(text: str) -> bool:
    return not any(unicodedata.category(ch) in ("Cc", "Cs") or ch in BIDI
                   or ch in "\u2028\u2029" for ch in text)


def markup_elements(markup: str) -> list[ET.Element]:
    root = ET.fromstring(f"<markup>{markup}</markup>")  # raises on broken markup
    return list(root.iter())[1:]


def _views() -> list[TrayView]:
    error = ErrorInfo(ErrorKind.API_ERROR, provider=HOSTILE, status=200, detail=HOSTILE,
                      path=HOSTILE, extra=(("x", HOSTILE),))
    windows = (
        Window(id=SHORT_HOSTILE, label=HOSTILE, used_percent=91.0,
               resets_at=NOW + timedelta(hours=2)),
        Window(id=HOSTILE, label=HOSTILE, used_percent=40.0, label_key="window.model_5h",
               label_params=(("model", HOSTILE),)),
    )
    both = (Account(HOSTILE, plan=HOSTILE, windows=windows),
            Account(HOSTILE, plan=HOSTILE, windows=windows),  # the same label twice
            Account(HOSTILE + "2", error=error), Account("a", windows=windows),
            Account("b", windows=windows))
    usage = ProviderUsage(id="antigravity", name=HOSTILE, accounts=both, fetched_at=NOW)
    healthy = ProviderStatus(usage=usage, last_success=NOW)
    stale = ProviderStatus(usage=usage, stale=True, error=error,
                           last_success=NOW - timedelta(minutes=12))
    failed = ProviderStatus(usage=ProviderUsage(id="zai", name=HOSTILE, error=error,
                                                fetched_at=NOW), error=error)
    return [
        TrayView(providers=(healthy, failed), updated_at=NOW),
        TrayView(providers=(stale,), updated_at=NOW),
        TrayView(providers=(failed,), problems=(error,), updated_at=NOW),  # no number at all
        TrayView(providers=(healthy,), updated_at=NOW, from_disk=True),
    ]


CASES = [(i, lang) for i in range(len(_views())) for lang in ("en", "zh-TW")]


def _cur(index: int) -> Current:
    view = _views()[index]
    stale = view.from_disk or any(p.stale for p in view.providers)
    return Current(view=view, refreshed=False, age=754.0, stale=stale)


@pytest.mark.parametrize(("index", "lang"), CASES)
def test_polybar_output_holds_only_our_colour_tags(index: int, lang: str) -> None:
    line = formats.polybar(_cur(index), Settings(), lang, NOW)
    assert "\n" not in line and no_controls(line), line
    tokens = list(polybar_tokens(line))
    tags = [value for kind, value in tokens if kind == "tag"]
    assert len(tags) == 2 and all(COLOUR_TAG.fullmatch(tag) for tag in tags), tags
    assert tokens[0][0] == "tag" and tokens[-1] == ("tag", "F-")


@pytest.mark.parametrize(("index", "lang"), CASES)
def test_i3blocks_output_is_exactly_the_three_protocol_lines(index: int, lang: str) -> None:
    out = formats.i3blocks(_cur(index), Settings(), lang, NOW)
    lines = out.split("\n")
    assert len(lines) == 3, lines
    full_text, short, colour = lines
    assert full_text and short and re.fullmatch(r"#[0-9A-F]{6}", colour)
    assert all(no_controls(line) for line in lines), lines


@pytest.mark.parametrize(("index", "lang"), CASES)
def test_waybar_text_and_tooltip_are_well_formed_pango_markup(index: int, lang: str) -> None:
    out = formats.waybar(_cur(index), Settings(), lang, NOW)
    assert "\n" not in out
    doc = json.loads(out)
    for field in ("text", "tooltip"):
        elements = markup_elements(doc[field])
        assert all(e.tag == "b" and not e.attrib for e in elements), (field, doc[field])
        assert no_controls(doc[field].replace("\n", "")), doc[field]
    assert "\n" not in doc["text"]
    # what the user reads is the hostile text, shown as typed (less the control characters)
    shown = "".join(ET.fromstring(f"<markup>{doc['tooltip']}</markup>").itertext())
    assert "<b>&" in shown or index == 2


def test_waybar_tooltip_is_short_a_few_lines_per_provider() -> None:
    cur = _cur(0)
    doc = json.loads(formats.waybar(cur, Settings(), "en", NOW))
    lines = doc["tooltip"].split("\n")
    # two providers: a name line and at most three account lines (+ "more") each
    assert len(lines) <= 2 * (1 + formats.TOOLTIP_ACCOUNTS + 1), lines
    assert any("+2 more" in line for line in lines)


def test_the_demo_tooltip_with_claude_and_gpt_is_valid_markup() -> None:
    window = Window(id="3p-5h", label="Claude & GPT · 5-hour", used_percent=10.0,
                    label_key="window.3p_5h")
    assert window_label(window) == "Claude & GPT · 5-hour"
    usage = ProviderUsage(id="antigravity", name="Google Antigravity", fetched_at=NOW,
                          accounts=(Account("me@example.com", windows=(window,)),))
    cur = Current(TrayView(providers=(ProviderStatus(usage=usage, last_success=NOW),),
                           updated_at=NOW), False, 5.0, False)
    doc = json.loads(formats.waybar(cur, Settings(), "en", NOW))
    markup_elements(doc["tooltip"])
    assert "Claude &amp; GPT" in doc["tooltip"]


@pytest.mark.parametrize("labels", ["full", "hashed", "none"])
@pytest.mark.parametrize("index", range(len(_views())))
def test_openmetrics_parses_and_every_series_is_unique(index: int, labels: str) -> None:
    labeler = {"full": full, "hashed": hashed_with(b"k" * 32), "none": none}[labels]
    text = metrics.openmetrics(_cur(index), labeler)
    families = list(text_string_to_metric_families(text))  # raises on anything invalid
    for family in families:
        keys = [tuple(sorted(s.labels.items())) for s in family.samples]
        assert len(keys) == len(set(keys)), (family.name, keys)
        for sample in family.samples:
            assert all(no_controls(v) for v in sample.labels.values())
    accounts = {s.labels.get("account") for f in families for s in f.samples} - {None, ""}
    if labels == "full" and index != 2:
        assert plain(HOSTILE) in accounts  # the e-mail, escaped, as the tray shows it
    if labels != "full":
        assert not any("evil" in a or a == "a" for a in accounts), accounts
    if labels == "hashed" and index != 2:
        assert all(re.fullmatch(r"h-[0-9a-f]{12}", a) for a in accounts), accounts


def test_two_accounts_with_one_label_are_two_series() -> None:
    window = Window(id="gemini-5h", label="Gemini", used_percent=10.0)
    usage = ProviderUsage(id="antigravity", name="Antigravity", fetched_at=NOW, accounts=(
        Account("me@gmail.com", windows=(window,)),
        Account("me@gmail.com", windows=(window,))))
    cur = Current(TrayView(providers=(ProviderStatus(usage=usage, last_success=NOW),),
                           updated_at=NOW), False, 5.0, False)
    used = [s for f in text_string_to_metric_families(metrics.openmetrics(cur))
            if f.name == "mystatus_used_percent" for s in f.samples]
    assert sorted(s.labels["account_n"] for s in used) == ["1", "2"]
    assert {s.labels["account"] for s in used} == {"me@gmail.com"}


def test_hashed_labels_are_stable_per_key_and_differ_between_keys() -> None:
    one, two = hashed_with(b"1" * 32), hashed_with(b"2" * 32)
    assert one("me@example.com") == one("me@example.com") != two("me@example.com")
    assert one("me@example.com") != one("you@example.com")
    assert "example" not in one("me@example.com")
