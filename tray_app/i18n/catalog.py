"""Every user-facing string, keyed, in en / zh-TW / zh-CN (the seed's wording as the model).

Keys: `error.<kind>` and `fix.<kind>` for the error vocabulary, `window.*` for window labels,
`report.*` / `unit.*` / `retry.*` for the views. Add all three languages together.
"""

from __future__ import annotations

CATALOG: dict[str, dict[str, str]] = {
    # ---------------------------------------------------------------- errors (seed 1-8 + ours)
    "error.auth_file_unreadable": {
        "en": "Cannot read the auth file: {path} (error: {detail})",
        "zh-TW": "無法讀取認證檔: {path}(錯誤: {detail})",
        "zh-CN": "无法读取认证文件: {path}(错误: {detail})",
    },
    "fix.auth_file_unreadable": {
        "en": "Make sure OpenCode is installed and you have logged in to at least one provider "
        "(opencode auth login), and that the file is valid JSON.",
        "zh-TW": "確認 OpenCode 已安裝,並已在其中設定至少一個平台 (opencode auth login);"
        "確認檔案是有效的 JSON。",
        "zh-CN": "确认 OpenCode 已安装,并已在其中配置至少一个平台 (opencode auth login);"
        "确认文件是有效的 JSON。",
    },
    "error.no_accounts": {
        "en": "No configured accounts found.",
        "zh-TW": "未找到任何已設定的帳號。",
        "zh-CN": "未找到任何已配置的账号。",
    },
    "fix.no_accounts": {
        "en": "Supported account types: OpenAI (Plus/Team/Pro: type \"oauth\" with \"access\"); "
        "Zhipu AI and Z.ai (Coding Plan: type \"api\" with \"key\"); GitHub Copilot (OpenCode "
        "login, or a PAT: mystatus-tray token set copilot); Google Antigravity "
        "(antigravity-accounts.json from opencode-antigravity-auth).",
        "zh-TW": "支援的帳號類型: OpenAI (Plus/Team/Pro 訂閱,需要 type \"oauth\" 和 \"access\");"
        "智譜 AI 與 Z.ai (Coding Plan,需要 type \"api\" 和 \"key\");GitHub Copilot (OpenCode "
        "登入,或 PAT: mystatus-tray token set copilot);Google Antigravity "
        "(opencode-antigravity-auth 的 antigravity-accounts.json)。",
        "zh-CN": "支持的账号类型: OpenAI (Plus/Team/Pro 订阅,需要 type \"oauth\" 和 \"access\");"
        "智谱 AI 与 Z.ai (Coding Plan,需要 type \"api\" 和 \"key\");GitHub Copilot (OpenCode "
        "登录,或 PAT: mystatus-tray token set copilot);Google Antigravity "
        "(opencode-antigravity-auth 的 antigravity-accounts.json)。",
    },
    "error.token_expired": {
        "en": "{provider}: the OAuth token has expired.",
        "zh-TW": "{provider}: OAuth 授權已過期。",
        "zh-CN": "{provider}: OAuth 授权已过期。",
    },
    "fix.token_expired": {
        "en": "Use a {provider} model once in OpenCode to refresh the token, then refresh here.",
        "zh-TW": "請在 OpenCode 中使用一次 {provider} 模型以重新整理授權,然後在這裡重新整理。",
        "zh-CN": "请在 OpenCode 中使用一次 {provider} 模型以刷新授权,然后在这里刷新。",
    },
    "fix.token_expired_google": {
        "en": "Google rejected the refresh token (invalid_grant): log in to this account again "
        "with opencode-antigravity-auth (opencode auth login).",
        "zh-TW": "Google 拒絕了 refresh token (invalid_grant): 請用 opencode-antigravity-auth "
        "重新登入這個帳號 (opencode auth login)。",
        "zh-CN": "Google 拒绝了 refresh token (invalid_grant): 请用 opencode-antigravity-auth "
        "重新登录这个账号 (opencode auth login)。",
    },
    "fix.no_refresh_token_google": {
        "en": "This account has no refreshToken in {path}: log in to it again with "
        "opencode-antigravity-auth (opencode auth login).",
        "zh-TW": "{path} 中此帳號沒有 refreshToken: 請用 opencode-antigravity-auth 重新登入 "
        "(opencode auth login)。",
        "zh-CN": "{path} 中此账号没有 refreshToken: 请用 opencode-antigravity-auth 重新登录 "
        "(opencode auth login)。",
    },
    "fix.token_expired_copilot_pat": {
        "en": "The GitHub PAT is expired or revoked: create a new fine-grained PAT with "
        "'Plan: Read-only' and run: mystatus-tray token set copilot",
        "zh-TW": "GitHub PAT 已過期或被撤銷: 請建立新的 fine-grained PAT ('Plan' 設為 "
        "'Read-only'),然後執行: mystatus-tray token set copilot",
        "zh-CN": "GitHub PAT 已过期或被撤销: 请创建新的 fine-grained PAT ('Plan' 设为 "
        "'Read-only'),然后运行: mystatus-tray token set copilot",
    },
    "error.http_error": {
        "en": "{provider} API request failed ({status}): {detail}",
        "zh-TW": "{provider} API 請求失敗 ({status}): {detail}",
        "zh-CN": "{provider} API 请求失败 ({status}): {detail}",
    },
    "fix.http_auth": {
        "en": "The token or API key is invalid or lacks permission: log in again in OpenCode "
        "or update the key.",
        "zh-TW": "Token 或 API Key 無效或權限不足: 請在 OpenCode 中重新授權或更新 Key。",
        "zh-CN": "Token 或 API Key 无效或权限不足: 请在 OpenCode 中重新授权或更新 Key。",
    },
    "fix.http_not_found": {
        "en": "The endpoint was not found: check the base URL setting (proxy, GitHub "
        "Enterprise) or update mystatus-tray.",
        "zh-TW": "找不到該 API 端點: 請檢查 base URL 設定 (代理、GitHub Enterprise) 或更新 "
        "mystatus-tray。",
        "zh-CN": "找不到该 API 端点: 请检查 base URL 设置 (代理、GitHub Enterprise) 或更新 "
        "mystatus-tray。",
    },
    "fix.http_server": {
        "en": "The service has a temporary problem; it will be retried later.",
        "zh-TW": "伺服器端暫時無法使用,稍後會自動重試。",
        "zh-CN": "服务器端暂时不可用,稍后会自动重试。",
    },
    "fix.http_other": {
        "en": "Check the token or API key and your network, then try again.",
        "zh-TW": "請檢查 Token 或 API Key 以及網路連線,然後重試。",
        "zh-CN": "请检查 Token 或 API Key 以及网络连接,然后重试。",
    },
    "error.rate_limited": {
        "en": "{provider}: too many requests ({status}).",
        "zh-TW": "{provider}: 請求過於頻繁 ({status})。",
        "zh-CN": "{provider}: 请求过于频繁 ({status})。",
    },
    "fix.rate_limited": {
        "en": "Wait and try again {retry}.",
        "zh-TW": "請等待一段時間,{retry}再試。",
        "zh-CN": "请等待一段时间,{retry}再试。",
    },
    "error.timeout": {
        "en": "{provider}: request timed out ({timeout} s).",
        "zh-TW": "{provider}: 請求逾時 ({timeout}秒)。",
        "zh-CN": "{provider}: 请求超时 ({timeout}秒)。",
    },
    "fix.timeout": {
        "en": "Check your network connection and proxy settings, then try again.",
        "zh-TW": "請檢查網路連線與代理設定,然後重試。",
        "zh-CN": "请检查网络连接与代理设置,然后重试。",
    },
    "error.network_error": {
        "en": "{provider}: cannot connect ({detail}).",
        "zh-TW": "{provider}: 無法連線 ({detail})。",
        "zh-CN": "{provider}: 无法连接 ({detail})。",
    },
    "fix.network_error": {
        "en": "Check your network connection, firewall and proxy settings, then try again.",
        "zh-TW": "請檢查網路連線、防火牆與代理設定,然後重試。",
        "zh-CN": "请检查网络连接、防火墙与代理设置,然后重试。",
    },
    "error.invalid_response": {
        "en": "{provider}: unexpected response from the API ({detail}).",
        "zh-TW": "{provider}: API 回傳了無法解析的資料 ({detail})。",
        "zh-CN": "{provider}: API 返回了无法解析的数据 ({detail})。",
    },
    "fix.invalid_response": {
        "en": "The service may be having trouble or its API changed; try again later and "
        "update mystatus-tray if it persists.",
        "zh-TW": "服務可能暫時異常或 API 已變更;請稍後重試,若持續發生請更新 mystatus-tray。",
        "zh-CN": "服务可能暂时异常或 API 已变更;请稍后重试,若持续发生请更新 mystatus-tray。",
    },
    "error.api_error": {
        "en": "{provider} API request failed (200): code {status}, {detail}",
        "zh-TW": "{provider} API 請求失敗 (200): code {status}, {detail}",
        "zh-CN": "{provider} API 请求失败 (200): code {status}, {detail}",
    },
    "fix.api_error": {
        "en": "Check the API key in auth.json (no extra spaces or line breaks) and that the "
        "account has a Coding Plan; if needed, regenerate the key in the console.",
        "zh-TW": "確認 auth.json 中的 API Key 正確 (沒有多餘空格或換行),且帳號有 Coding Plan "
        "權限;必要時在控制台重新生成 API Key。",
        "zh-CN": "确认 auth.json 中的 API Key 正确 (没有多余空格或换行),且账号有 Coding Plan "
        "权限;必要时在控制台重新生成 API Key。",
    },
    "error.copilot_pat_required": {
        "en": "GitHub Copilot quota is not available with OpenCode's OAuth token.",
        "zh-TW": "GitHub Copilot 配額查詢暫時無法使用: OpenCode 的 OAuth 授權不支援存取配額 API。",
        "zh-CN": "GitHub Copilot 配额查询暂时无法使用: OpenCode 的 OAuth 授权不支持访问配额 API。",
    },
    "fix.copilot_pat_required": {
        "en": "Create a fine-grained PAT at https://github.com/settings/personal-access-tokens/new "
        "with Account permission 'Plan: Read-only', store it with: mystatus-tray token set "
        "copilot, and set copilot_username and copilot_plan in the config.",
        "zh-TW": "在 https://github.com/settings/personal-access-tokens/new 建立 fine-grained PAT,"
        "'Account permissions' 中的 'Plan' 設為 'Read-only',以 mystatus-tray token set copilot "
        "存入系統鑰匙圈,並在設定檔填寫 copilot_username 與 copilot_plan。",
        "zh-CN": "在 https://github.com/settings/personal-access-tokens/new 创建 fine-grained PAT,"
        "'Account permissions' 中的 'Plan' 设为 'Read-only',用 mystatus-tray token set copilot "
        "存入系统钥匙串,并在配置文件填写 copilot_username 与 copilot_plan。",
    },
    "fix.copilot_username_missing": {
        "en": "A GitHub PAT is stored but the GitHub user name is not set: add "
        "copilot_username = \"<your login>\" to the mystatus-tray config file, then refresh.",
        "zh-TW": "已儲存 GitHub PAT,但尚未設定 GitHub 使用者名稱: 請在 mystatus-tray 設定檔加入 "
        "copilot_username = \"<你的使用者名稱>\",然後重新整理。",
        "zh-CN": "已保存 GitHub PAT,但尚未设置 GitHub 用户名: 请在 mystatus-tray 配置文件加入 "
        "copilot_username = \"<你的用户名>\",然后刷新。",
    },
    "error.missing_project_id": {
        "en": "{provider}: missing project_id, cannot query the quota.",
        "zh-TW": "{provider}: 缺少 project_id,無法查詢額度。",
        "zh-CN": "{provider}: 缺少 project_id,无法查询额度。",
    },
    "fix.missing_project_id": {
        "en": "Add projectId or managedProjectId to this account in {path} (see the Google "
        "Cloud console, project info).",
        "zh-TW": "在 {path} 中為此帳號加入 projectId 或 managedProjectId (可在 Google Cloud "
        "控制台的專案資訊中找到)。",
        "zh-CN": "在 {path} 中为此账号加入 projectId 或 managedProjectId (可在 Google Cloud "
        "控制台的项目信息中找到)。",
    },
    "error.verification_required": {
        "en": "{provider}: this account must be verified in a browser.",
        "zh-TW": "{provider}: 此帳號需要在瀏覽器中完成驗證。",
        "zh-CN": "{provider}: 此账号需要在浏览器中完成验证。",
    },
    "fix.verification_required": {
        "en": "Open {url} (or sign in to Antigravity) and complete the verification, then refresh.",
        "zh-TW": "開啟 {url} (或登入 Antigravity) 完成驗證,然後重新整理。",
        "zh-CN": "打开 {url} (或登录 Antigravity) 完成验证,然后刷新。",
    },
    "error.keyring_unavailable": {
        "en": "The system keyring is not available ({detail}).",
        "zh-TW": "系統鑰匙圈無法使用 ({detail})。",
        "zh-CN": "系统钥匙串不可用 ({detail})。",
    },
    "fix.keyring_unavailable": {
        "en": "Unlock or install a keyring (GNOME Keyring / KWallet, macOS Keychain, Windows "
        "Credential Manager) and try again; the token is never stored in plain text.",
        "zh-TW": "請解鎖或安裝系統鑰匙圈 (GNOME Keyring / KWallet、macOS 鑰匙圈、Windows "
        "認證管理員) 後重試;Token 不會以明文儲存。",
        "zh-CN": "请解锁或安装系统钥匙串 (GNOME Keyring / KWallet、macOS 钥匙串、Windows "
        "凭据管理器) 后重试;Token 不会以明文保存。",
    },
    # ---------------------------------------------------------------- notices (non-fatal)
    "notice.legacy_pat": {
        "en": "The Copilot PAT is read from the plain-text file {path}; move it into the "
        "system keyring with: mystatus-tray token import",
        "zh-TW": "Copilot PAT 正從明文檔案 {path} 讀取;請執行 mystatus-tray token import "
        "將它移入系統鑰匙圈。",
        "zh-CN": "Copilot PAT 正从明文文件 {path} 读取;请运行 mystatus-tray token import "
        "将它移入系统钥匙串。",
    },
    "notice.copilot_keyring": {
        "en": "The system keyring is not available ({detail}), so the Copilot PAT could not be "
        "read; OpenCode's login is used instead. Unlock the keyring, then refresh.",
        "zh-TW": "系統鑰匙圈無法使用 ({detail}),無法讀取 Copilot PAT,改用 OpenCode 的登入授權。"
        "請解鎖鑰匙圈後重新整理。",
        "zh-CN": "系统钥匙串不可用 ({detail}),无法读取 Copilot PAT,改用 OpenCode 的登录授权。"
        "请解锁钥匙串后刷新。",
    },
    "retry.after": {"en": "in {duration}", "zh-TW": "{duration}後", "zh-CN": "{duration}后"},
    "retry.later": {"en": "later", "zh-TW": "稍後", "zh-CN": "稍后"},
    # ---------------------------------------------------------------- tray: menu, tooltip, alerts
    "menu.used": {"en": "{pct} % used", "zh-TW": "已用 {pct}%", "zh-CN": "已用 {pct}%"},
    "menu.left": {"en": "{pct} % left", "zh-TW": "剩餘 {pct}%", "zh-CN": "剩余 {pct}%"},
    "menu.unknown": {"en": "unknown", "zh-TW": "未知", "zh-CN": "未知"},
    "menu.unlimited": {"en": "unlimited", "zh-TW": "無限制", "zh-CN": "无限制"},
    "menu.resets_in": {"en": "resets in {duration} ({time})", "zh-TW": "{duration}後重置 ({time})",
                       "zh-CN": "{duration}后重置 ({time})"},
    "menu.reset_due": {"en": "resetting now", "zh-TW": "即將重置", "zh-CN": "即将重置"},
    "menu.date": {"en": "{mon} {day}, {time}", "zh-TW": "{month}月{day}日 {time}",
                  "zh-CN": "{month}月{day}日 {time}"},
    "menu.stale": {"en": "stale, {age} old", "zh-TW": "資料已過時 ({age}前)",
                   "zh-CN": "数据已过时 ({age}前)"},
    "menu.plan": {"en": "Plan: {plan}", "zh-TW": "方案: {plan}", "zh-CN": "套餐: {plan}"},
    "menu.refresh": {"en": "Refresh now", "zh-TW": "立即重新整理", "zh-CN": "立即刷新"},
    "menu.refreshing": {"en": "Refreshing…", "zh-TW": "正在重新整理…", "zh-CN": "正在刷新…"},
    "menu.updated": {"en": "Last updated {time} · next {next}",
                     "zh-TW": "上次更新 {time} · 下次 {next}",
                     "zh-CN": "上次更新 {time} · 下次 {next}"},
    "menu.saved": {"en": "Showing saved data from {time}", "zh-TW": "顯示 {time} 儲存的資料",
                   "zh-CN": "显示 {time} 保存的数据"},
    "menu.never_updated": {"en": "Not updated yet", "zh-TW": "尚未更新", "zh-CN": "尚未更新"},
    "menu.settings": {"en": "Settings", "zh-TW": "設定", "zh-CN": "设置"},
    "menu.interval": {"en": "Refresh interval", "zh-TW": "重新整理間隔", "zh-CN": "刷新间隔"},
    "menu.minutes": {"en": "{n} min", "zh-TW": "{n} 分鐘", "zh-CN": "{n} 分钟"},
    "menu.threshold": {"en": "High-usage threshold", "zh-TW": "高用量門檻", "zh-CN": "高用量阈值"},
    "menu.icon_shows": {"en": "Icon shows", "zh-TW": "圖示顯示", "zh-CN": "图标显示"},
    "menu.worst": {"en": "Highest-used window",
                   "zh-TW": "用量最高的限額", "zh-CN": "用量最高的限额"},
    "menu.show": {"en": "Show used or remaining",
                  "zh-TW": "顯示已用或剩餘", "zh-CN": "显示已用或剩余"},
    "menu.show_used": {"en": "Used %", "zh-TW": "已用 %", "zh-CN": "已用 %"},
    "menu.show_remaining": {"en": "Remaining %", "zh-TW": "剩餘 %", "zh-CN": "剩余 %"},
    "menu.notifications": {"en": "Notifications", "zh-TW": "通知", "zh-CN": "通知"},
    "menu.notify_high": {"en": "High usage", "zh-TW": "用量偏高", "zh-CN": "用量偏高"},
    "menu.notify_exhausted": {"en": "Limit reached", "zh-TW": "額度用盡", "zh-CN": "额度用尽"},
    "menu.notify_available": {"en": "Available again", "zh-TW": "額度恢復", "zh-CN": "额度恢复"},
    "menu.notify_token": {"en": "Token expiry", "zh-TW": "授權到期", "zh-CN": "授权到期"},
    "menu.language": {"en": "Language", "zh-TW": "語言", "zh-CN": "语言"},
    "menu.lang_system": {"en": "System", "zh-TW": "跟隨系統", "zh-CN": "跟随系统"},
    "menu.autostart": {"en": "Start at login", "zh-TW": "登入時啟動", "zh-CN": "登录时启动"},
    "menu.providers": {"en": "Providers", "zh-TW": "平台", "zh-CN": "平台"},
    "menu.token_set": {"en": "Set GitHub Copilot token…", "zh-TW": "設定 GitHub Copilot Token…",
                       "zh-CN": "设置 GitHub Copilot Token…"},
    "menu.token_set_cli": {"en": "Set GitHub Copilot token (run: mystatus-tray token set copilot)",
                           "zh-TW":
                               "設定 GitHub Copilot Token (執行: mystatus-tray token set copilot)",
                           "zh-CN":
                               "设置 GitHub Copilot Token (运行: mystatus-tray token set copilot)"},
    "menu.token_remove": {"en": "Remove GitHub Copilot token", "zh-TW": "移除 GitHub Copilot Token",
                          "zh-CN": "移除 GitHub Copilot Token"},
    "menu.dashboard": {"en": "Open dashboard", "zh-TW": "開啟控制台", "zh-CN": "打开控制台"},
    "menu.verify": {"en": "Open verification page",
                    "zh-TW": "開啟驗證頁面", "zh-CN": "打开验证页面"},
    "menu.copy": {"en": "Copy status as text", "zh-TW": "複製狀態文字", "zh-CN": "复制状态文本"},
    "menu.quit": {"en": "Quit", "zh-TW": "結束", "zh-CN": "退出"},
    "tip.loading": {"en": "mystatus-tray: loading…", "zh-TW": "mystatus-tray: 載入中…",
                    "zh-CN": "mystatus-tray: 加载中…"},
    "short.auth_file_unreadable": {"en": "cannot read auth file", "zh-TW": "無法讀取認證檔",
                                   "zh-CN": "无法读取认证文件"},
    "short.no_accounts": {"en": "no accounts configured",
                          "zh-TW": "未設定帳號", "zh-CN": "未配置账号"},
    "short.token_expired": {"en": "token expired", "zh-TW": "授權已過期", "zh-CN": "授权已过期"},
    "short.token_invalid": {"en": "needs a new login",
                            "zh-TW": "需要重新登入", "zh-CN": "需要重新登录"},
    "short.http_error": {"en": "HTTP {status} error", "zh-TW": "HTTP {status} 錯誤",
                         "zh-CN": "HTTP {status} 错误"},
    "short.rate_limited": {"en": "rate limited, retry {retry}", "zh-TW": "請求過於頻繁,{retry}重試",
                           "zh-CN": "请求过于频繁,{retry}重试"},
    "short.timeout": {"en": "timed out", "zh-TW": "請求逾時", "zh-CN": "请求超时"},
    "short.network_error": {"en": "offline or unreachable", "zh-TW": "網路無法連線",
                            "zh-CN": "网络无法连接"},
    "short.invalid_response": {"en": "unexpected response", "zh-TW": "回應無法解析",
                               "zh-CN": "响应无法解析"},
    "short.api_error": {"en": "API error {status}", "zh-TW": "API 錯誤 {status}",
                        "zh-CN": "API 错误 {status}"},
    "short.copilot_pat_required": {"en": "needs a PAT", "zh-TW": "需要 PAT", "zh-CN": "需要 PAT"},
    "short.missing_project_id": {"en": "missing project_id", "zh-TW": "缺少 project_id",
                                 "zh-CN": "缺少 project_id"},
    "short.verification_required": {"en": "needs verification", "zh-TW": "需要驗證",
                                    "zh-CN": "需要验证"},
    "short.keyring_unavailable": {"en": "keyring unavailable", "zh-TW": "鑰匙圈無法使用",
                                  "zh-CN": "钥匙串不可用"},
    "alert.title": {"en": "{provider} ({account}): {what}",
                    "zh-TW": "{provider} ({account}): {what}",
                    "zh-CN": "{provider} ({account}): {what}"},
    "alert.high": {"en": "high usage", "zh-TW": "用量偏高", "zh-CN": "用量偏高"},
    "alert.exhausted": {"en": "limit reached", "zh-TW": "額度已用盡", "zh-CN": "额度已用尽"},
    "alert.available": {"en": "available again", "zh-TW": "額度已恢復", "zh-CN": "额度已恢复"},
    "alert.token_expired": {"en": "token expired", "zh-TW": "授權已過期", "zh-CN": "授权已过期"},
    "alert.token_invalid": {"en": "needs a new login",
                            "zh-TW": "需要重新登入", "zh-CN": "需要重新登录"},
    "alert.token_expiring": {"en": "token expires soon", "zh-TW": "授權即將到期",
                             "zh-CN": "授权即将到期"},
    "alert.expires_in": {"en": "The token expires in {duration} ({time}).",
                         "zh-TW": "授權將在 {duration}後到期 ({time})。",
                         "zh-CN": "授权将在 {duration}后到期 ({time})。"},
    "unit.d": {"en": "d", "zh-TW": "天", "zh-CN": "天"},
    "unit.h": {"en": "h", "zh-TW": "小時", "zh-CN": "小时"},
    "unit.m": {"en": "m", "zh-TW": "分", "zh-CN": "分"},
    "unit.s": {"en": "s", "zh-TW": "秒", "zh-CN": "秒"},
    # ---------------------------------------------------------------- window labels
    "window.5h": {"en": "5-hour limit", "zh-TW": "5 小時限額", "zh-CN": "5 小时限额"},
    "window.weekly": {"en": "Weekly limit", "zh-TW": "每週限額", "zh-CN": "每周限额"},
    "window.monthly": {"en": "Monthly limit", "zh-TW": "每月限額", "zh-CN": "每月限额"},
    "window.daily": {"en": "Daily limit", "zh-TW": "每日限額", "zh-CN": "每日限额"},
    "window.hours": {"en": "{n}-hour limit", "zh-TW": "{n} 小時限額", "zh-CN": "{n} 小时限额"},
    "window.days": {"en": "{n}-day limit", "zh-TW": "{n} 天限額", "zh-CN": "{n} 天限额"},
    "window.weeks": {"en": "{n}-week limit", "zh-TW": "{n} 週限額", "zh-CN": "{n} 周限额"},
    "window.months": {"en": "{n}-month limit", "zh-TW": "{n} 個月限額", "zh-CN": "{n} 个月限额"},
    "window.minutes": {"en": "{n}-minute limit", "zh-TW": "{n} 分鐘限額", "zh-CN": "{n} 分钟限额"},
    "window.tools": {"en": "Tool calls (MCP, monthly)", "zh-TW": "工具呼叫 (MCP,每月)",
                     "zh-CN": "工具调用 (MCP,每月)"},
    "window.credits": {"en": "Credits", "zh-TW": "點數", "zh-CN": "点数"},
    "window.code_review": {"en": "Code review", "zh-TW": "程式碼審查", "zh-CN": "代码审查"},
    "window.spend_control": {"en": "Team spend limit", "zh-TW": "團隊支出上限",
                             "zh-CN": "团队支出上限"},
    "window.premium": {"en": "Premium requests", "zh-TW": "進階請求", "zh-CN": "高级请求"},
    "window.ai_credits": {"en": "AI Credits", "zh-TW": "AI 點數", "zh-CN": "AI 点数"},
    "window.chat": {"en": "Chat", "zh-TW": "聊天", "zh-CN": "聊天"},
    "window.completions": {"en": "Completions", "zh-TW": "程式碼補全", "zh-CN": "代码补全"},
    "window.gemini_pro": {"en": "Gemini Pro", "zh-TW": "Gemini Pro", "zh-CN": "Gemini Pro"},
    "window.gemini_flash": {"en": "Gemini Flash", "zh-TW": "Gemini Flash", "zh-CN": "Gemini Flash"},
    "window.gemini_image": {"en": "Gemini Image", "zh-TW": "Gemini 圖像", "zh-CN": "Gemini 图像"},
    "window.claude": {"en": "Claude", "zh-TW": "Claude", "zh-CN": "Claude"},
    "window.gpt": {"en": "GPT (open models)", "zh-TW": "GPT (開放模型)", "zh-CN": "GPT (开放模型)"},
    "window.other": {"en": "Other models", "zh-TW": "其他模型", "zh-CN": "其他模型"},
    "window.gemini_5h": {"en": "Gemini · 5-hour", "zh-TW": "Gemini · 5 小時",
                         "zh-CN": "Gemini · 5 小时"},
    "window.gemini_weekly": {"en": "Gemini · weekly", "zh-TW": "Gemini · 每週",
                             "zh-CN": "Gemini · 每周"},
    "window.3p_5h": {"en": "Claude & GPT · 5-hour", "zh-TW": "Claude 與 GPT · 5 小時",
                     "zh-CN": "Claude 与 GPT · 5 小时"},
    "window.3p_weekly": {"en": "Claude & GPT · weekly", "zh-TW": "Claude 與 GPT · 每週",
                         "zh-CN": "Claude 与 GPT · 每周"},
}
