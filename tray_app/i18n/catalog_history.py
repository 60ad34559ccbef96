"""Messages for this area, in en / zh-TW / zh-CN; merged into `catalog.CATALOG` (a key may
be defined in one module only)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------ pace and run-out forecast
    "pace.line": {"en": "Pace: {verdict}", "zh-TW": "用量進度: {verdict}",
                  "zh-CN": "用量进度: {verdict}"},
    "pace.ahead": {"en": "{pts} % ahead", "zh-TW": "超前 {pts}%", "zh-CN": "超前 {pts}%"},
    "pace.on_track": {"en": "on track", "zh-TW": "正常", "zh-CN": "正常"},
    "pace.behind": {"en": "{pts} % behind", "zh-TW": "落後 {pts}%", "zh-CN": "落后 {pts}%"},
    "pace.runs_out": {"en": "runs out ~{time}, {lead} before reset",
                      "zh-TW": "約 {time} 用完,比重置早 {lead}",
                      "zh-CN": "约 {time} 用完,比重置早 {lead}"},
    "pace.lasts": {"en": "lasts to reset", "zh-TW": "可撐到重置", "zh-CN": "可撑到重置"},
    "alert.runout": {"en": "runs out before reset", "zh-TW": "將在重置前用完",
                     "zh-CN": "将在重置前用完"},
    "alert.runout_body": {
        "en": "At this pace, {provider}'s {window} ({used}) runs out at {time}, {lead} before "
        "it resets.",
        "zh-TW": "照目前的速度,{provider} 的{window}({used})將在 {time} 用完,比重置早 {lead}。",
        "zh-CN": "照目前的速度,{provider} 的{window}({used})将在 {time} 用完,比重置早 {lead}。",
    },
    "menu.notify_runout": {"en": "Runs out before reset (forecast)",
                           "zh-TW": "預測重置前會用完", "zh-CN": "预测重置前会用完"},
    # ------------------------------------------------------------ (history: below this line)
}
