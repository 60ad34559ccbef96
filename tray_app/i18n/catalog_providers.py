"""Messages for this area, in en / zh-TW / zh-CN; merged into `catalog.CATALOG` (a key may
be defined in one module only)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # ---------------------------------------------------------------- Claude
    "error.not_logged_in": {
        "en": "{provider}: this login cannot read usage ({detail}).",
        "zh-TW": "{provider}: 目前的登入無法讀取用量 ({detail})。",
        "zh-CN": "{provider}: 当前的登录无法读取用量 ({detail})。",
    },
    "fix.not_logged_in": {
        "en": "Log in again with your subscription account, then refresh.",
        "zh-TW": "請用你的訂閱帳號重新登入,然後重新整理。",
        "zh-CN": "请用你的订阅账号重新登录,然后刷新。",
    },
    "fix.not_logged_in_claude": {
        "en": "Run `claude` and log in with your Claude subscription (/login, \"Claude account "
        "with subscription\"), then refresh. A setup token (claude setup-token, "
        "CLAUDE_CODE_OAUTH_TOKEN) or an API key cannot read usage.",
        "zh-TW": "執行 `claude` 並以你的 Claude 訂閱帳號登入 (/login,選擇 \"Claude account with "
        "subscription\"),然後重新整理。setup token (claude setup-token、"
        "CLAUDE_CODE_OAUTH_TOKEN) 或 API Key 無法讀取用量。",
        "zh-CN": "运行 `claude` 并用你的 Claude 订阅账号登录 (/login,选择 \"Claude account with "
        "subscription\"),然后刷新。setup token (claude setup-token、"
        "CLAUDE_CODE_OAUTH_TOKEN) 或 API Key 无法读取用量。",
    },
    "fix.token_expired_claude": {
        "en": "Run `claude` once (any prompt) so Claude Code renews its login, then refresh. "
        "mystatus-tray never renews it itself: that would log Claude Code out.",
        "zh-TW": "執行一次 `claude` (任意提示) 讓 Claude Code 更新登入,然後重新整理。"
        "mystatus-tray 不會自行更新授權: 那會讓 Claude Code 登出。",
        "zh-CN": "运行一次 `claude` (任意提示) 让 Claude Code 更新登录,然后刷新。"
        "mystatus-tray 不会自行刷新授权: 那会让 Claude Code 退出登录。",
    },
    "fix.claude_file_unreadable": {
        "en": "Claude Code's login file {path} cannot be read: run `claude` and log in again "
        "(/login), or fix the file's permissions.",
        "zh-TW": "無法讀取 Claude Code 的登入檔 {path}: 請執行 `claude` 重新登入 (/login),"
        "或修正檔案權限。",
        "zh-CN": "无法读取 Claude Code 的登录文件 {path}: 请运行 `claude` 重新登录 (/login),"
        "或修正文件权限。",
    },
    "window.claude_weekly_model": {
        "en": "Weekly limit ({model})",
        "zh-TW": "每週限額 ({model})",
        "zh-CN": "每周限额 ({model})",
    },
    "window.claude_extra_usage": {
        "en": "Extra usage (monthly)",
        "zh-TW": "額外用量 (每月)",
        "zh-CN": "额外用量 (每月)",
    },
    "doctor.section.claude": {
        "en": "Claude Code login", "zh-TW": "Claude Code 登入", "zh-CN": "Claude Code 登录",
    },
    "doctor.claude.probed": {
        "en": "Looked for Claude Code's login in: {paths}",
        "zh-TW": "在以下位置尋找 Claude Code 的登入: {paths}",
        "zh-CN": "在以下位置查找 Claude Code 的登录: {paths}",
    },
    "doctor.claude.none": {
        "en": "No Claude Code login found (file or keychain item \"{service}\"): Claude is "
        "not shown. Run `claude` and log in to add it.",
        "zh-TW": "找不到 Claude Code 的登入 (檔案或鑰匙圈項目 \"{service}\"): 不顯示 Claude。"
        "執行 `claude` 登入即可加入。",
        "zh-CN": "找不到 Claude Code 的登录 (文件或钥匙串项目 \"{service}\"): 不显示 Claude。"
        "运行 `claude` 登录即可加入。",
    },
    "doctor.claude.found": {
        "en": "{source}: usable ({masked}){plan}{until}",
        "zh-TW": "{source}: 可用 ({masked}){plan}{until}",
        "zh-CN": "{source}: 可用 ({masked}){plan}{until}",
    },
    "doctor.claude.until": {
        "en": ", token valid until {time} (Claude Code renews it)",
        "zh-TW": ",授權有效至 {time} (由 Claude Code 更新)",
        "zh-CN": ",授权有效至 {time} (由 Claude Code 刷新)",
    },
    "doctor.claude.email": {
        "en": "Account e-mail (from .claude.json): {email}",
        "zh-TW": "帳號電子郵件 (來自 .claude.json): {email}",
        "zh-CN": "账号电子邮件 (来自 .claude.json): {email}",
    },
    "doctor.claude.no_email": {
        "en": "No e-mail in .claude.json: the account is shown by its masked token.",
        "zh-TW": ".claude.json 中沒有電子郵件: 帳號以遮蔽後的 Token 顯示。",
        "zh-CN": ".claude.json 中没有电子邮件: 账号以遮蔽后的 Token 显示。",
    },
    "doctor.claude.entry_ok": {
        "en": "OpenCode's anthropic entry: usable ({masked})",
        "zh-TW": "OpenCode 的 anthropic 項目: 可用 ({masked})",
        "zh-CN": "OpenCode 的 anthropic 项目: 可用 ({masked})",
    },
    "doctor.claude.entry_unused": {
        "en": "OpenCode's anthropic entry is no OAuth login (an API key has no subscription "
        "usage): not used.",
        "zh-TW": "OpenCode 的 anthropic 項目不是 OAuth 登入 (API Key 沒有訂閱用量): 不使用。",
        "zh-CN": "OpenCode 的 anthropic 项目不是 OAuth 登录 (API Key 没有订阅用量): 不使用。",
    },
    # ---------------------------------------------------------------- (next providers below)
}
