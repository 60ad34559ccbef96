"""Full-width punctuation in Chinese text: every zh-TW / zh-CN message of every catalog comes
out of `t()` without ASCII `,` `;` `:` `( )` next to Chinese, while parameters (paths, URLs,
commands, clock times) are never touched."""

from __future__ import annotations

import re

import pytest

from tray_app.i18n import t
from tray_app.i18n.catalog import CATALOG
from tray_app.i18n.punctuation import fullwidth

HAN = r"[\u4e00-\u9fff]"
ASCII_NEXT_TO_HAN = re.compile(rf"{HAN}\s?[,;(]|[,;)]\s?{HAN}|{HAN}\s?:\s|{HAN}:{HAN}")


@pytest.mark.parametrize(("template", "expected"), [
    ("無法讀取認證檔: {path}(錯誤: {detail})", "無法讀取認證檔：{path}（錯誤：{detail}）"),
    ("請求過於頻繁,{retry}重試", "請求過於頻繁，{retry}重試"),
    ("{duration}後重置 ({time})", "{duration}後重置（{time}）"),
    ("確認已設定平台 (opencode auth login);然後", "確認已設定平台（opencode auth login）；然後"),
    ("方案: {plan}", "方案：{plan}"),
    ("請到 https://www.kimi.com/code/console 續訂", "請到 https://www.kimi.com/code/console 續訂"),
    ("用量: 12:30 以後", "用量：12:30 以後"),  # a clock time keeps its colon
    ("5-hour limit: 46% used", "5-hour limit: 46% used"),  # no Chinese: unchanged
    ("mystatus-tray doctor: 檢查你的設定", "mystatus-tray doctor：檢查你的設定"),
])
def test_fullwidth_table(template: str, expected: str) -> None:
    assert fullwidth(template) == expected


@pytest.mark.parametrize("lang", ["zh-TW", "zh-CN"])
def test_every_chinese_message_uses_fullwidth_punctuation(lang: str) -> None:
    bad = []
    for key, entry in CATALOG.items():
        if lang not in entry:
            continue
        # placeholders filled with something neutral, to see the message as shown
        names = set(re.findall(r"\{(\w+)", entry[lang]))
        text = t(key, lang, **{n: "X" for n in names})
        if ASCII_NEXT_TO_HAN.search(text):
            bad.append((key, text))
    assert not bad, bad[:10]


def test_parameters_are_never_changed() -> None:
    path = "C:\\Users\\me\\auth (1).json"
    text = t("error.auth_file_unreadable", "zh-TW", path=path, detail="Errno 13: denied")
    assert path in text and "Errno 13: denied" in text
