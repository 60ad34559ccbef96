"""Messages for this area, in en / zh-TW / zh-CN; merged into `catalog.CATALOG` (a key may
be defined in one module only): the MCP server for coding agents and provider outages."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "cli.help.mcp": {
        "en": "serve the quota to coding agents over MCP (stdio; read only)",
        "zh-TW": "以 MCP 將額度提供給程式碼代理 (stdio;唯讀)",
        "zh-CN": "以 MCP 将额度提供给编码代理 (stdio;只读)",
    },
    "cli.help.mcp_long": {
        "en": "A Model Context Protocol server on stdin/stdout for coding agents (Claude Code, "
        "OpenCode, Codex...): the read-only tools quota_status and quota_check (and "
        "spend_summary). It answers from the saved numbers while they are younger than "
        "--max-age, like the status bars; see README \"For coding agents (MCP)\".",
        "zh-TW": "給程式碼代理 (Claude Code、OpenCode、Codex…) 的 Model Context Protocol 伺服器,"
        "使用 stdin/stdout:唯讀工具 quota_status 與 quota_check (以及 spend_summary)。"
        "已儲存的數字未超過 --max-age 時直接使用,與狀態列相同;"
        "見 README「For coding agents (MCP)」。",
        "zh-CN": "给编码代理 (Claude Code、OpenCode、Codex…) 的 Model Context Protocol 服务器,"
        "使用 stdin/stdout:只读工具 quota_status 与 quota_check (以及 spend_summary)。"
        "已保存的数字未超过 --max-age 时直接使用,与状态栏相同;"
        "见 README「For coding agents (MCP)」。",
    },
    "mcp.unknown_provider": {
        "en": "Unknown provider {provider!r}: use one of {ids}.",
        "zh-TW": "未知的平台 {provider!r}:請使用 {ids} 其中之一。",
        "zh-CN": "未知的平台 {provider!r}:请使用 {ids} 之一。",
    },
    "mcp.provider_required": {
        "en": "Name a provider: one of {ids}.",
        "zh-TW": "請指定平台:{ids} 其中之一。",
        "zh-CN": "请指定平台:{ids} 之一。",
    },
    "mcp.unknown_account": {
        "en": "No account {account!r} here; the accounts are: {labels}.",
        "zh-TW": "這裡沒有帳號 {account!r};現有帳號:{labels}。",
        "zh-CN": "这里没有账号 {account!r};现有账号:{labels}。",
    },
    "mcp.bad_percent": {
        "en": "max_used must be a percentage from 0 to 100, not {value!r}.",
        "zh-TW": "max_used 必須是 0 到 100 的百分比,而不是 {value!r}。",
        "zh-CN": "max_used 必须是 0 到 100 的百分比,而不是 {value!r}。",
    },
    "mcp.spend_failed": {
        "en": "mystatus-tray spend --json failed (exit {code}); run it in a terminal to see why.",
        "zh-TW": "mystatus-tray spend --json 失敗 (結束碼 {code});請在終端機執行以查看原因。",
        "zh-CN": "mystatus-tray spend --json 失败 (退出码 {code});请在终端运行以查看原因。",
    },
    "outage.degraded": {"en": "Degraded performance", "zh-TW": "效能降低",
                        "zh-CN": "性能下降"},
    "outage.partial_outage": {"en": "Partial outage", "zh-TW": "部分中斷", "zh-CN": "部分中断"},
    "outage.major_outage": {"en": "Major outage", "zh-TW": "嚴重中斷", "zh-CN": "严重中断"},
    "outage.maintenance": {"en": "Maintenance", "zh-TW": "維護中", "zh-CN": "维护中"},
    "outage.line": {"en": "{severity}: {what}, since {time}",
                    "zh-TW": "{severity}：{what}，自 {time} 起",
                    "zh-CN": "{severity}：{what}，自 {time} 起"},
    "outage.line_nosince": {"en": "{severity}: {what}", "zh-TW": "{severity}：{what}",
                            "zh-CN": "{severity}：{what}"},
    "outage.reports": {"en": "{provider} reports an outage",
                       "zh-TW": "{provider} 回報服務中斷",
                       "zh-CN": "{provider} 报告服务中断"},
    "outage.open": {"en": "Open the status page", "zh-TW": "開啟狀態頁面",
                    "zh-CN": "打开状态页面"},
    "outage.started_title": {"en": "{provider}: {severity}", "zh-TW": "{provider}:{severity}",
                             "zh-CN": "{provider}:{severity}"},
    "outage.resolved_title": {"en": "{provider}: resolved", "zh-TW": "{provider}:已恢復",
                              "zh-CN": "{provider}:已恢复"},
}
