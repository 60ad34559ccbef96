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
    # ------------------------------------------------- OpenCode Go, Kimi for Coding, MiniMax
    "error.opencode_go_no_plan": {
        "en": "{provider}: this key has no OpenCode Go usage ({detail}).",
        "zh-TW": "{provider}: 這個 Key 沒有 OpenCode Go 用量 ({detail})。",
        "zh-CN": "{provider}: 这个 Key 没有 OpenCode Go 用量 ({detail})。",
    },
    "fix.opencode_go_no_plan": {
        "en": "Subscribe to OpenCode Go at https://opencode.ai/auth, then log in with the Go "
        "key (opencode auth login, OpenCode Go) or set OPENCODE_API_KEY.",
        "zh-TW": "請在 https://opencode.ai/auth 訂閱 OpenCode Go,再用 Go 的 Key 登入 "
        "(opencode auth login,選 OpenCode Go) 或設定 OPENCODE_API_KEY。",
        "zh-CN": "请在 https://opencode.ai/auth 订阅 OpenCode Go,再用 Go 的 Key 登录 "
        "(opencode auth login,选 OpenCode Go) 或设置 OPENCODE_API_KEY。",
    },
    "fix.opencode_go_key": {
        "en": "The OpenCode Go key was rejected: create a new key at https://opencode.ai/auth "
        "and log in again (opencode auth login, OpenCode Go), or update OPENCODE_API_KEY.",
        "zh-TW": "OpenCode Go 的 Key 被拒絕: 請在 https://opencode.ai/auth 建立新 Key 並重新"
        "登入 (opencode auth login,選 OpenCode Go),或更新 OPENCODE_API_KEY。",
        "zh-CN": "OpenCode Go 的 Key 被拒绝: 请在 https://opencode.ai/auth 创建新 Key 并重新"
        "登录 (opencode auth login,选 OpenCode Go),或更新 OPENCODE_API_KEY。",
    },
    "fix.kimi_key": {
        "en": "The Kimi for Coding key was rejected: create a key at "
        "https://www.kimi.com/code/console and log in again (opencode auth login, Kimi For "
        "Coding), or update KIMI_API_KEY. A Moonshot platform key is not a Kimi for Coding key.",
        "zh-TW": "Kimi for Coding 的 Key 被拒絕: 請在 https://www.kimi.com/code/console 建立 Key "
        "並重新登入 (opencode auth login,選 Kimi For Coding),或更新 KIMI_API_KEY。Moonshot "
        "開放平台的 Key 不是 Kimi for Coding 的 Key。",
        "zh-CN": "Kimi for Coding 的 Key 被拒绝: 请在 https://www.kimi.com/code/console 创建 Key "
        "并重新登录 (opencode auth login,选 Kimi For Coding),或更新 KIMI_API_KEY。Moonshot "
        "开放平台的 Key 不是 Kimi for Coding 的 Key。",
    },
    "fix.kimi_membership": {
        "en": "Your Kimi membership has expired: renew the plan at "
        "https://www.kimi.com/code/console "
        "(the key itself is fine), then refresh.",
        "zh-TW": "你的 Kimi 會員已到期：請到 https://www.kimi.com/code/console 續訂方案"
        "（Key 本身沒有問題），然後重新整理。",
        "zh-CN": "你的 Kimi 会员已到期：请到 https://www.kimi.com/code/console 续订套餐"
        "（Key 本身没有问题），然后刷新。",
    },
    "error.minimax_payg": {
        "en": "{provider}: this is a pay-as-you-go API key, which has no coding plan quota "
        "({detail}).",
        "zh-TW": "{provider}: 這是按量計費的 API Key,沒有 Coding Plan 額度 ({detail})。",
        "zh-CN": "{provider}: 这是按量计费的 API Key,没有 Coding Plan 额度 ({detail})。",
    },
    "fix.minimax_payg": {
        "en": "Use the Coding / Token Plan key (it starts with sk-cp-, shown on the plan's page "
        "of the MiniMax console): log in with it (opencode auth login, MiniMax Coding Plan) or "
        "set MINIMAX_API_KEY to it. Pay-as-you-go usage is on the console's billing page.",
        "zh-TW": "請改用 Coding / Token Plan 的 Key (以 sk-cp- 開頭,在 MiniMax 控制台的方案頁面"
        "取得): 用它登入 (opencode auth login,選 MiniMax Coding Plan) 或將 MINIMAX_API_KEY "
        "設為它。按量計費的用量請看控制台的帳務頁面。",
        "zh-CN": "请改用 Coding / Token Plan 的 Key (以 sk-cp- 开头,在 MiniMax 控制台的套餐页面"
        "获取): 用它登录 (opencode auth login,选 MiniMax Coding Plan) 或将 MINIMAX_API_KEY "
        "设为它。按量计费的用量请看控制台的账单页面。",
    },
    "fix.minimax_key": {
        "en": "The MiniMax key was rejected: copy the Coding / Token Plan key (sk-cp-...) again "
        "from the MiniMax console and log in again, or update MINIMAX_API_KEY. A mainland "
        "China account needs minimax_region = \"cn\" in the config (api.minimaxi.com).",
        "zh-TW": "MiniMax 的 Key 被拒絕: 請從 MiniMax 控制台重新複製 Coding / Token Plan 的 Key "
        "(sk-cp-...) 並重新登入,或更新 MINIMAX_API_KEY。中國大陸帳號需在設定檔加入 "
        "minimax_region = \"cn\" (api.minimaxi.com)。",
        "zh-CN": "MiniMax 的 Key 被拒绝: 请从 MiniMax 控制台重新复制 Coding / Token Plan 的 Key "
        "(sk-cp-...) 并重新登录,或更新 MINIMAX_API_KEY。中国大陆账号需在配置文件加入 "
        "minimax_region = \"cn\" (api.minimaxi.com)。",
    },
    "error.minimax_no_plan": {
        "en": "{provider}: this key has no active coding / token plan ({detail}).",
        "zh-TW": "{provider}: 這個 Key 沒有有效的 Coding / Token Plan ({detail})。",
        "zh-CN": "{provider}: 这个 Key 没有有效的 Coding / Token Plan ({detail})。",
    },
    "fix.minimax_no_plan": {
        "en": "Check the plan on the MiniMax console (it may have expired) and that the key "
        "belongs to the account that bought it.",
        "zh-TW": "請在 MiniMax 控制台確認方案狀態 (可能已到期),以及這個 Key 屬於購買方案的帳號。",
        "zh-CN": "请在 MiniMax 控制台确认套餐状态 (可能已到期),以及这个 Key 属于购买套餐的账号。",
    },
    "window.other_limit": {"en": "Limit", "zh-TW": "限額", "zh-CN": "限额"},
    "window.model_5h": {"en": "{model} · 5-hour", "zh-TW": "{model} · 5 小時",
                        "zh-CN": "{model} · 5 小时"},
    "window.model_weekly": {"en": "{model} · weekly", "zh-TW": "{model} · 每週",
                            "zh-CN": "{model} · 每周"},
    "doctor.section.api_keys": {"en": "API keys (OpenCode Go, Kimi for Coding, MiniMax)",
                                "zh-TW": "API Key (OpenCode Go、Kimi for Coding、MiniMax)",
                                "zh-CN": "API Key (OpenCode Go、Kimi for Coding、MiniMax)"},
    "doctor.apikey.used": {"en": "{provider}: key from {source} ({masked})",
                           "zh-TW": "{provider}: 使用 {source} 的 Key ({masked})",
                           "zh-CN": "{provider}: 使用 {source} 的 Key ({masked})"},
    "doctor.apikey.payg": {
        "en": "{provider}: {masked} is not a coding / token plan key (sk-cp-...)",
        "zh-TW": "{provider}: {masked} 不是 Coding / Token Plan 的 Key (sk-cp-...)",
        "zh-CN": "{provider}: {masked} 不是 Coding / Token Plan 的 Key (sk-cp-...)",
    },
    "doctor.apikey.env_unused": {
        "en": "${var} ({masked}) is set but not used: the {entry} entry comes first",
        "zh-TW": "已設定 ${var} ({masked}) 但未使用: 優先使用 {entry} 項目",
        "zh-CN": "已设置 ${var} ({masked}) 但未使用: 优先使用 {entry} 项目",
    },
    "doctor.apikey.none": {"en": "No key found for: {where}",
                           "zh-TW": "以下平台未找到 Key: {where}",
                           "zh-CN": "以下平台未找到 Key: {where}"},
}
