"""Messages for spend (tray_app/spend, cli/spend.py), in en / zh-TW / zh-CN; merged into
`catalog.CATALOG` (a key may be defined in one module only)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "cli.help.spend": {
        "en": "tokens and cost per day, model and tool, from Claude Code, Codex and OpenCode logs",
        "zh-TW": "從 Claude Code、Codex 與 OpenCode 的紀錄統計每日、每個模型與工具的 token 與費用",
        "zh-CN": "从 Claude Code、Codex 与 OpenCode 的日志统计每日、每个模型与工具的 token 与费用",
    },
    "cli.help.spend_long": {
        "en": "Reads the agents' own logs (read only, incrementally: only what was appended since "
              "the last run) and prints tokens and cost. Costs come from the log where it has "
              "one (OpenCode), else from genai-prices or the config's [prices] table; a model "
              "without a price shows as unknown.",
        "zh-TW": "讀取各代理程式自己的紀錄(唯讀、增量:只讀上次之後新增的部分),列出 token 與費用。"
                 "紀錄有費用時(OpenCode)直接採用,否則依 genai-prices 或設定檔的 [prices];"
                 "查不到價格的模型顯示為未知。",
        "zh-CN": "读取各代理程序自己的日志(只读、增量:只读上次之后新增的部分),列出 token 与费用。"
                 "日志有费用时(OpenCode)直接采用,否则依 genai-prices 或配置文件的 [prices];"
                 "查不到价格的模型显示为未知。",
    },
    "cli.help.spend_since": {"en": "first day (YYYY-MM-DD, in --tz)",
                             "zh-TW": "起始日(YYYY-MM-DD,以 --tz 計)",
                             "zh-CN": "起始日(YYYY-MM-DD,以 --tz 计)"},
    "cli.help.spend_until": {"en": "last day, inclusive (YYYY-MM-DD, in --tz)",
                             "zh-TW": "結束日,含當日(YYYY-MM-DD,以 --tz 計)",
                             "zh-CN": "结束日,含当日(YYYY-MM-DD,以 --tz 计)"},
    "cli.help.spend_tz": {
        "en": "time zone for dates (IANA name, e.g. Asia/Taipei; default: TZ or the local zone)",
        "zh-TW": "日期所用的時區(IANA 名稱,例如 Asia/Taipei;預設:TZ 或本機時區)",
        "zh-CN": "日期所用的时区(IANA 名称,例如 Asia/Shanghai;默认:TZ 或本机时区)",
    },
    "cli.help.spend_by": {"en": "one row per day, model or tool (default: day)",
                          "zh-TW": "每列為一天、一個模型或一個工具(預設:天)",
                          "zh-CN": "每行为一天、一个模型或一个工具(默认:天)"},
    "spend.title": {"en": "Spend · {zone} · USD", "zh-TW": "花費 · {zone} · 美元",
                    "zh-CN": "花费 · {zone} · 美元"},
    "spend.tokens": {
        "en": "in {input} · out {output} · cache read {cache_read} · cache write {cache_write}",
        "zh-TW": "輸入 {input} · 輸出 {output} · 快取讀取 {cache_read} · 快取寫入 {cache_write}",
        "zh-CN": "输入 {input} · 输出 {output} · 缓存读取 {cache_read} · 缓存写入 {cache_write}",
    },
    "spend.total": {"en": "Total", "zh-TW": "合計", "zh-CN": "合计"},
    "spend.all_days": {"en": "All days", "zh-TW": "所有日期", "zh-CN": "所有日期"},
    "spend.cost_unknown": {"en": "price unknown", "zh-TW": "價格未知", "zh-CN": "价格未知"},
    "spend.cost_log": {"en": "from the log", "zh-TW": "取自紀錄", "zh-CN": "取自日志"},
    "spend.none": {
        "en": "No usage found in Claude Code, Codex or OpenCode logs for these days.",
        "zh-TW": "這段期間在 Claude Code、Codex 或 OpenCode 的紀錄中沒有找到用量。",
        "zh-CN": "这段期间在 Claude Code、Codex 或 OpenCode 的日志中没有找到用量。",
    },
    "spend.scan": {
        "en": "{files} files · {read} read in {seconds} s · {skipped} lines skipped",
        "zh-TW": "{files} 個檔案 · 讀取 {read},耗時 {seconds} 秒 · 略過 {skipped} 行",
        "zh-CN": "{files} 个文件 · 读取 {read},耗时 {seconds} 秒 · 跳过 {skipped} 行",
    },
    "spend.zone_fallback": {
        "en": "The local time zone could not be found; dates are in UTC. Set TZ (for example "
              "TZ=Europe/Berlin) or pass --tz.",
        "zh-TW": "找不到本機時區,日期以 UTC 計。請設定 TZ(例如 TZ=Asia/Taipei)或加上 --tz。",
        "zh-CN": "找不到本机时区,日期以 UTC 计。请设置 TZ(例如 TZ=Asia/Shanghai)或加上 --tz。",
    },
    "spend.bad_zone": {
        "en": "Unknown time zone \u201c{zone}\u201d. Use an IANA name such as Europe/Berlin, "
              "America/New_York or Asia/Taipei.",
        "zh-TW": "未知的時區「{zone}」。請使用 IANA 名稱,例如 Asia/Taipei、Europe/Berlin。",
        "zh-CN": "未知的时区「{zone}」。请使用 IANA 名称,例如 Asia/Shanghai、Europe/Berlin。",
    },
    "spend.bad_date": {
        "en": "\u201c{value}\u201d is not a date; write it as YYYY-MM-DD, e.g. 2026-12-01.",
        "zh-TW": "「{value}」不是日期;請寫成 YYYY-MM-DD,例如 2026-12-01。",
        "zh-CN": "「{value}」不是日期;请写成 YYYY-MM-DD,例如 2026-12-01。",
    },
    "spend.bad_range": {
        "en": "--since {since} is after --until {until}; swap them.",
        "zh-TW": "--since {since} 晚於 --until {until};請對調。",
        "zh-CN": "--since {since} 晚于 --until {until};请对调。",
    },
    "spend.store_reset": {
        "en": "The spend store {path} could not be used ({reason}); it was kept as {aside} and "
              "is rebuilt from the logs.",
        "zh-TW": "花費資料庫 {path} 無法使用({reason});已保留為 {aside},並從紀錄重建。",
        "zh-CN": "花费数据库 {path} 无法使用({reason});已保留为 {aside},并从日志重建。",
    },
    "spend.store_unusable": {
        "en": "The spend store {path} cannot be opened ({reason}). Check that the folder is "
              "writable, or delete the file: it is rebuilt from the logs.",
        "zh-TW": "無法開啟花費資料庫 {path}({reason})。請確認資料夾可寫入,"
                 "或刪除該檔案:會從紀錄重建。",
        "zh-CN": "无法打开花费数据库 {path}({reason})。请确认文件夹可写入,"
                 "或删除该文件:会从日志重建。",
    },
    "spend.unreadable": {"en": "Could not read {what}", "zh-TW": "無法讀取 {what}",
                         "zh-CN": "无法读取 {what}"},
    "menu.spend": {
        "en": "Spend: today {today} · 7 days {week} · 30 days {month}",
        "zh-TW": "花費:今天 {today} · 7 天 {week} · 30 天 {month}",
        "zh-CN": "花费:今天 {today} · 7 天 {week} · 30 天 {month}",
    },
    "menu.spend_model": {"en": "{model}: 30 days {month}", "zh-TW": "{model}:30 天 {month}",
                         "zh-CN": "{model}:30 天 {month}"},
    "menu.spend_unknown": {"en": "{model}: 30 days, price unknown",
                           "zh-TW": "{model}:30 天,價格未知",
                           "zh-CN": "{model}:30 天,价格未知"},
    "spend.budget_title": {"en": "Daily budget crossed", "zh-TW": "已超過每日預算",
                           "zh-CN": "已超过每日预算"},
    "spend.budget_body": {
        "en": "Spent {spent} today by the agents' logs, over your daily budget of {budget}.",
        "zh-TW": "依代理程式紀錄,今天已花費 {spent},超過每日預算 {budget}。",
        "zh-CN": "依代理程序日志,今天已花费 {spent},超过每日预算 {budget}。",
    },
    # ---------------------------------------- the History window's spend panel (charts/plot.py)
    "spend.chart_title": {"en": "Spend per day, by model (USD)",
                          "zh-TW": "每日花費,依模型(美元)",
                          "zh-CN": "每日花费,按模型(美元)"},
    "spend.chart_total": {"en": "{days} days {total}", "zh-TW": "{days} 天 {total}",
                          "zh-CN": "{days} 天 {total}"},
    "spend.chart_other": {"en": "other models", "zh-TW": "其他模型", "zh-CN": "其他模型"},
    "spend.chart_unpriced": {"en": "some models have no price", "zh-TW": "部分模型沒有價格",
                             "zh-CN": "部分模型没有价格"},
}
