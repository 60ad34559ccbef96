"""The MCP tools' answers (tray_app/mcp/answers.py) on a fake view source: arguments checked
with a localized message that names the fix, the shared view asked once per call with the
server's --max-age, guard's verdict words, and the provider/account narrowing."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from tray_app.config import Settings
from tray_app.mcp.answers import Answers, ToolInputError
from tray_app.model import Account, ProviderUsage, Window
from tray_app.monitoring.shared_refresh import Current
from tray_app.monitoring.view import ProviderStatus, TrayView

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=timezone.utc)


def _view() -> TrayView:
    reset = NOW + timedelta(hours=2)
    zai = ProviderUsage("zai", "Z.ai", (
        Account("sk-a****wxyz", windows=(
            Window("5h", "5-hour limit", 37.0, resets_at=reset, window_seconds=18000),
            Window("weekly", "Weekly limit", 91.0, resets_at=reset + timedelta(days=3))),),
        Account("me@example.com", windows=(Window("5h", "5-hour limit", 10.0),)),
    ), fetched_at=NOW)
    kimi = ProviderUsage("kimi", "Kimi for Coding",
                         (Account("sk-k****1234", windows=(Window("5h", "5-hour", 5.0),)),),
                         fetched_at=NOW)
    return TrayView(providers=(ProviderStatus(zai), ProviderStatus(kimi)), updated_at=NOW)


class FakeSource:
    def __init__(self) -> None:
        self.settings = Settings(threshold=90)
        self.asked: list[float] = []

    def current(self, max_age: float, *, bar: bool = False) -> Current:
        self.asked.append(max_age)
        return Current(_view(), refreshed=False, age=12.0, stale=False)


def _answers(lang: str = "en", **kw: Any) -> tuple[Answers, FakeSource]:
    source = FakeSource()
    return Answers(source, lang=lang, max_age=30, clock=lambda: NOW, **kw), source


def test_quota_status_narrows_by_provider_and_account() -> None:
    answers, source = _answers()
    every = answers.quota_status()
    assert [p["id"] for p in every["providers"]] == ["zai", "kimi"]
    assert every["saved"] == {"age_seconds": 12.0, "refreshed": False}
    zai = answers.quota_status(provider=" ZAI ")
    assert [p["id"] for p in zai["providers"]] == ["zai"]
    one = answers.quota_status(account="ME@example.com")
    assert [(p["id"], [a["label"] for a in p["accounts"]]) for p in one["providers"]] == \
        [("zai", ["me@example.com"])]
    assert source.asked == [30, 30, 30]  # the server's --max-age, once per call
    pace = every["providers"][0]["accounts"][0]["windows"][0]["pace"]
    assert pace is not None and pace["basis"] == "window"


@pytest.mark.parametrize("lang, word", [("en", "Unknown provider"), ("zh-TW", "未知的平台"),
                                        ("zh-CN", "未知的平台")])
def test_an_unknown_provider_names_the_valid_ids(lang: str, word: str) -> None:
    answers, source = _answers(lang)
    with pytest.raises(ToolInputError, match=word) as caught:
        answers.quota_status(provider="chatgpt")
    assert "openai, zhipu, zai" in str(caught.value)
    with pytest.raises(ToolInputError):
        answers.quota_check("chatgpt")
    assert source.asked == []  # refused before any view is read


def test_an_unknown_account_lists_the_labels() -> None:
    answers, _ = _answers()
    with pytest.raises(ToolInputError) as caught:
        answers.quota_status(provider="kimi", account="me@example.com")
    assert "sk-k****1234" in str(caught.value) and "me@example.com" not in \
        str(caught.value).split(";")[1]


@pytest.mark.parametrize("args, verdict, code", [
    ({"provider": "zai"}, "over", 1),  # the weekly 91 % is past the 90 % threshold
    ({"provider": "zai", "window": "5h"}, "ok", 0),
    ({"provider": "zai", "max_used": 95}, "ok", 0),
    ({"provider": "zai", "window": "monthly"}, "unavailable", 69),
    ({"provider": "openai"}, "unavailable", 69),  # not configured
])
def test_quota_check_verdicts(args: dict[str, Any], verdict: str, code: int) -> None:
    answers, _ = _answers()
    doc = answers.quota_check(**args)
    assert (doc["verdict"], doc["exit_code"], doc["exit"]) == (verdict, code, code)
    assert doc["within"] is (code == 0)
    assert doc["max_used"] == args.get("max_used", 90)


def test_quota_check_refuses_a_limit_outside_0_to_100() -> None:
    answers, _ = _answers("zh-TW")
    with pytest.raises(ToolInputError, match="max_used"):
        answers.quota_check("zai", max_used=101)
    with pytest.raises(ToolInputError, match="請指定平台"):
        answers.quota_check(" ")


def test_incidents_are_narrowed_to_the_asked_provider() -> None:
    from dataclasses import replace

    from tray_app.outages.model import Outage

    outages = (Outage("zai", "zai:1", "a", "degraded", ("Z",), NOW, "https://x.test/1"),
               Outage("claude", "claude:2", "b", "major_outage", ("Claude Code",), None,
                      "https://x.test/2", "identified"))

    class WithOutages(FakeSource):
        def current(self, max_age: float, *, bar: bool = False) -> Current:
            cur = super().current(max_age)
            return replace(cur, view=replace(cur.view, outages=outages))

    answers = Answers(WithOutages(), lang="en", clock=lambda: NOW)
    assert [i["id"] for i in answers.quota_status()["incidents"]] == ["zai:1", "claude:2"]
    assert [i["id"] for i in answers.quota_status(provider="zai")["incidents"]] == ["zai:1"]
    assert answers.quota_status()["incidents"][1]["since"] is None
    check = answers.quota_check("claude")  # no numbers at all, and its page reports trouble
    assert check["verdict"] == "unavailable"
    assert [i["id"] for i in check["incidents"]] == ["claude:2"]
    assert check["message"].endswith("(Claude reports an outage)")
    fine = answers.quota_check("zai", max_used=100)  # within: the incident is only listed
    assert fine["verdict"] == "ok" and [i["id"] for i in fine["incidents"]] == ["zai:1"]
    assert "reports an outage" not in fine["message"]


def test_the_saved_view_keeps_the_window_length(tmp_path: Any) -> None:
    """quota_status (and `status --max-age`, the bars) read the saved view: without the
    window's length it would lose the pace that `status --json` shows."""
    from tray_app.monitoring import store

    path = tmp_path / store.VIEW_FILE
    store.save_view(_view(), path)
    loaded = store.load_view(path, as_saved=True)
    assert loaded is not None
    lengths = [w.window_seconds for p in loaded.providers for a in p.usage.accounts
               for w in a.windows]
    assert lengths == [18000, None, None, None]
