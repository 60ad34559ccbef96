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
        "(antigravity-accounts.json from opencode-antigravity-auth); Claude (Pro/Max/Team: log in "
        "to Claude Code with `claude`); OpenCode Go, Kimi for "
        "Coding, MiniMax (an opencode-go / kimi-for-coding / minimax-coding-plan entry with "
        "\"key\", or OPENCODE_API_KEY / KIMI_API_KEY / MINIMAX_API_KEY).",
        "zh-TW": "支援的帳號類型: OpenAI (Plus/Team/Pro 訂閱,需要 type \"oauth\" 和 \"access\");"
        "智譜 AI 與 Z.ai (Coding Plan,需要 type \"api\" 和 \"key\");GitHub Copilot (OpenCode "
        "登入,或 PAT: mystatus-tray token set copilot);Google Antigravity "
        "(opencode-antigravity-auth 的 antigravity-accounts.json);Claude (Pro/Max/Team: 以 "
        "`claude` 登入 Claude Code);OpenCode Go、Kimi for "
        "Coding、MiniMax (opencode-go / kimi-for-coding / minimax-coding-plan 項目的 \"key\","
        "或 OPENCODE_API_KEY / KIMI_API_KEY / MINIMAX_API_KEY)。",
        "zh-CN": "支持的账号类型: OpenAI (Plus/Team/Pro 订阅,需要 type \"oauth\" 和 \"access\");"
        "智谱 AI 与 Z.ai (Coding Plan,需要 type \"api\" 和 \"key\");GitHub Copilot (OpenCode "
        "登录,或 PAT: mystatus-tray token set copilot);Google Antigravity "
        "(opencode-antigravity-auth 的 antigravity-accounts.json);Claude (Pro/Max/Team: 用 "
        "`claude` 登录 Claude Code);OpenCode Go、Kimi for "
        "Coding、MiniMax (opencode-go / kimi-for-coding / minimax-coding-plan 项目的 \"key\","
        "或 OPENCODE_API_KEY / KIMI_API_KEY / MINIMAX_API_KEY)。",
    },
    "error.token_expired": {
        "en": "{provider}: the OAuth token has expired.",
        "zh-TW": "{provider}: OAuth 授權已過期。",
        "zh-CN": "{provider}: OAuth 授权已过期。",
    },
    "fix.token_expired": {
        "en": "Use one of your {provider} models once in OpenCode to refresh the token, "
        "then refresh here.",
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
    # ---------------------------------------------------------------- report (status text/JSON)
    "report.title": {"en": "Quota status ({time})", "zh-TW": "額度狀態 ({time})",
                     "zh-CN": "额度状态 ({time})"},
    "report.demo": {
        "en": "Demo: numbers from the built-in simulator; no real account was queried.",
        "zh-TW": "示範模式: 數字來自內建模擬器,未查詢任何真實帳號。",
        "zh-CN": "演示模式: 数字来自内置模拟器,未查询任何真实账号。",
    },
    "report.account": {"en": "Account: {label}", "zh-TW": "帳號: {label}",
                       "zh-CN": "账号: {label}"},
    "report.plan": {"en": "Plan: {plan}", "zh-TW": "方案: {plan}", "zh-CN": "套餐: {plan}"},
    "report.left": {"en": "{pct} left", "zh-TW": "剩餘 {pct}", "zh-CN": "剩余 {pct}"},
    "report.used": {"en": "{pct} used", "zh-TW": "已使用 {pct}", "zh-CN": "已使用 {pct}"},
    "report.over_quota": {"en": "over quota, {pct} used", "zh-TW": "超出額度,已使用 {pct}",
                          "zh-CN": "超出额度,已使用 {pct}"},
    "report.resets_in": {"en": "resets in {duration}", "zh-TW": "{duration}後重置",
                         "zh-CN": "{duration}后重置"},
    "report.used_amount": {"en": "{amount} used, no limit known",
                           "zh-TW": "已使用 {amount},上限未知",
                           "zh-CN": "已使用 {amount},上限未知"},
    "report.reset_due": {"en": "reset due now", "zh-TW": "即將重置", "zh-CN": "即将重置"},
    "report.unknown": {"en": "unknown (the API gave no figure)", "zh-TW": "未知 (API 未提供數值)",
                       "zh-CN": "未知 (API 未提供数值)"},
    "report.unlimited": {"en": "unlimited", "zh-TW": "無限制", "zh-CN": "无限制"},
    "report.no_windows": {"en": "no quota figures reported", "zh-TW": "API 未回報任何額度",
                          "zh-CN": "API 未返回任何额度"},
    "report.fix": {"en": "Fix: {fix}", "zh-TW": "解決方法: {fix}", "zh-CN": "解决方法: {fix}"},
    "report.problems": {"en": "Problems", "zh-TW": "問題", "zh-CN": "问题"},
    "report.stale": {"en": "stale: numbers from {time}, {age} old",
                     "zh-TW": "資料已過時: 數值來自 {time} ({age}前)",
                     "zh-CN": "数据已过时: 数值来自 {time} ({age}前)"},
    "report.stale_unknown": {"en": "stale: numbers from an earlier refresh",
                             "zh-TW": "資料已過時: 數值來自先前的更新",
                             "zh-CN": "数据已过时: 数值来自之前的刷新"},
    "report.unit.tokens": {"en": "tokens", "zh-TW": "tokens", "zh-CN": "tokens"},
    "report.unit.requests": {"en": "requests", "zh-TW": "次請求", "zh-CN": "次请求"},
    "report.unit.credits": {"en": "credits", "zh-TW": "點數", "zh-CN": "点数"},
    "report.unit.calls": {"en": "calls", "zh-TW": "次呼叫", "zh-CN": "次调用"},
    # ---------------------------------------------------------------- command line (cli/*)
    "cli.help.lang": {"en": "language of the output (default: settings, then the locale)",
                      "zh-TW": "輸出語言 (預設: 設定檔,其次為系統地區設定)",
                      "zh-CN": "输出语言 (默认: 配置文件,其次为系统区域设置)"},
    "cli.help.demo": {"en": "use the built-in simulator and demo accounts (reads nothing in "
                      "your home directory)",
                      "zh-TW": "使用內建模擬器與示範帳號 (不讀取家目錄中的任何檔案)",
                      "zh-CN": "使用内置模拟器与演示账号 (不读取主目录中的任何文件)"},
    "cli.help.log_level": {
        "en": "log level on stderr and, for the tray, in its log file (default WARNING)",
        "zh-TW": "stderr 以及系統匣日誌檔的日誌等級 (預設 WARNING)",
        "zh-CN": "stderr 以及托盘日志文件的日志级别 (默认 WARNING)",
    },
    "cli.help.version": {"en": "show the version and exit", "zh-TW": "顯示版本後結束",
                         "zh-CN": "显示版本后退出"},
    "cli.help.status": {"en": "print the quota of every configured account",
                        "zh-TW": "列出所有已設定帳號的額度", "zh-CN": "列出所有已配置账号的额度"},
    "cli.help.status_long": {
        "en": "Query every configured account once and print the report. Exit code 0: all "
        "fine, 1: some account failed, 2: no accounts configured.",
        "zh-TW": "查詢每個已設定的帳號一次並輸出報告。結束代碼 0: 全部正常,1: 有帳號失敗,"
        "2: 未設定任何帳號。",
        "zh-CN": "查询每个已配置的账号一次并输出报告。退出码 0: 全部正常,1: 有账号失败,"
        "2: 未配置任何账号。",
    },
    "cli.help.json": {"en": "print the JSON document (schema 1, see docs/json-schema.md)",
                      "zh-TW": "輸出 JSON 文件 (schema 1,見 docs/json-schema.md)",
                      "zh-CN": "输出 JSON 文档 (schema 1,见 docs/json-schema.md)"},
    "cli.help.doctor": {"en": "check the setup and explain every problem with its fix",
                        "zh-TW": "檢查設定,並說明每個問題及其解決方法",
                        "zh-CN": "检查配置,并说明每个问题及其解决方法"},
    "cli.help.doctor_long": {
        "en": "Run the troubleshooting checklist: auth.json and its entries, the Antigravity "
        "accounts file, the Copilot PAT, the accounts found, settings and network. Exit code 0 "
        "when nothing is wrong, 1 otherwise.",
        "zh-TW": "執行排錯清單: auth.json 及其項目、Antigravity 帳號檔、Copilot PAT、找到的帳號、"
        "設定與網路。沒有問題時結束代碼為 0,否則為 1。",
        "zh-CN": "运行排错清单: auth.json 及其条目、Antigravity 账号文件、Copilot PAT、找到的账号、"
        "配置与网络。没有问题时退出码为 0,否则为 1。",
    },
    "cli.help.token": {"en": "manage the GitHub Copilot PAT in the system keyring",
                       "zh-TW": "管理系統鑰匙圈中的 GitHub Copilot PAT",
                       "zh-CN": "管理系统钥匙串中的 GitHub Copilot PAT"},
    "cli.help.token_long": {
        "en": "The token is read from a prompt or from standard input, never from the command "
        "line. Exit code 3 when the keyring is unavailable (nothing is written then).",
        "zh-TW": "Token 從提示輸入或標準輸入讀取,絕不從命令列讀取。系統鑰匙圈無法使用時結束代碼"
        "為 3 (此時不會寫入任何東西)。",
        "zh-CN": "Token 从提示输入或标准输入读取,绝不从命令行读取。系统钥匙串不可用时退出码"
        "为 3 (此时不会写入任何内容)。",
    },
    "cli.help.token_set": {"en": "store a PAT (prompted, or read from stdin)",
                           "zh-TW": "儲存 PAT (提示輸入,或從標準輸入讀取)",
                           "zh-CN": "保存 PAT (提示输入,或从标准输入读取)"},
    "cli.help.token_status": {"en": "show where the PAT is stored (masked)",
                              "zh-TW": "顯示 PAT 的儲存位置 (已遮蔽)",
                              "zh-CN": "显示 PAT 的保存位置 (已遮蔽)"},
    "cli.help.token_remove": {"en": "delete the PAT from the keyring", "zh-TW": "從鑰匙圈刪除 PAT",
                              "zh-CN": "从钥匙串删除 PAT"},
    "cli.help.token_import": {
        "en": "move the PAT of the plain-text copilot-quota-token.json into the keyring",
        "zh-TW": "將明文 copilot-quota-token.json 中的 PAT 移入鑰匙圈",
        "zh-CN": "将明文 copilot-quota-token.json 中的 PAT 移入钥匙串",
    },
    "cli.help.token_provider": {"en": "the token's provider (copilot)",
                                "zh-TW": "Token 所屬平台 (copilot)",
                                "zh-CN": "Token 所属平台 (copilot)"},
    "cli.help.token_username": {"en": "your GitHub user name (saved in the settings)",
                                "zh-TW": "你的 GitHub 使用者名稱 (存入設定檔)",
                                "zh-CN": "你的 GitHub 用户名 (保存到配置文件)"},
    "cli.help.token_plan": {
        "en": "your Copilot plan (free, pro, pro+, business, enterprise) or monthly allowance",
        "zh-TW": "你的 Copilot 方案 (free、pro、pro+、business、enterprise) 或每月額度",
        "zh-CN": "你的 Copilot 套餐 (free、pro、pro+、business、enterprise) 或每月额度",
    },
    "cli.help.token_delete_plaintext": {
        "en": "delete the plain-text file once the token is verified in the keyring",
        "zh-TW": "確認 Token 已存入鑰匙圈後刪除明文檔案",
        "zh-CN": "确认 Token 已存入钥匙串后删除明文文件",
    },
    "cli.help.simulator": {"en": "serve the provider simulator for manual tests and demos",
                           "zh-TW": "啟動平台模擬器 (手動測試與示範用)",
                           "zh-CN": "启动平台模拟器 (手动测试与演示用)"},
    "cli.help.simulator_long": {
        "en": "Serve every provider's quota API on 127.0.0.1 with selectable scenarios and "
        "print the environment variables that point mystatus-tray at it. Stop with Ctrl+C.",
        "zh-TW": "在 127.0.0.1 上提供各平台的額度 API (可選情境),並輸出讓 mystatus-tray 指向它的"
        "環境變數。按 Ctrl+C 停止。",
        "zh-CN": "在 127.0.0.1 上提供各平台的额度 API (可选场景),并输出让 mystatus-tray 指向它的"
        "环境变量。按 Ctrl+C 停止。",
    },
    "cli.help.port": {"en": "port to listen on (default: any free port)",
                      "zh-TW": "監聽的連接埠 (預設: 任一空閒連接埠)",
                      "zh-CN": "监听的端口 (默认: 任一空闲端口)"},
    "cli.help.scenario": {"en": "scenario per provider prefix, e.g. zai=envelope_error "
                          "(repeatable)",
                          "zh-TW": "各平台前綴的情境,例如 zai=envelope_error (可重複)",
                          "zh-CN": "各平台前缀的场景,例如 zai=envelope_error (可重复)"},
    "cli.help.latency": {"en": "delay of every answer, in seconds", "zh-TW": "每個回應的延遲秒數",
                         "zh-CN": "每个响应的延迟秒数"},
    "cli.config_notice": {"en": "Settings: {notice}; defaults are used.",
                          "zh-TW": "設定檔: {notice};改用預設值。",
                          "zh-CN": "配置文件: {notice};改用默认值。"},
    "cli.tray_unavailable": {"en": "The tray icon cannot start here ({reason}).",
                             "zh-TW": "無法在此啟動系統匣圖示 ({reason})。",
                             "zh-CN": "无法在此启动系统托盘图标 ({reason})。"},
    "cli.tray_headless_hint": {
        "en": "The tray needs a desktop session (a display and a system tray). Without one, "
        "use: mystatus-tray status (or status --json, doctor).",
        "zh-TW": "系統匣需要桌面工作階段 (顯示器與系統匣)。沒有桌面時請使用: mystatus-tray status "
        "(或 status --json、doctor)。",
        "zh-CN": "系统托盘需要桌面会话 (显示器与系统托盘)。没有桌面时请使用: mystatus-tray status "
        "(或 status --json、doctor)。",
    },
    "cli.sim.listening": {"en": "Simulator listening on {url} (loopback only).",
                          "zh-TW": "模擬器正在 {url} 上監聽 (僅限本機)。",
                          "zh-CN": "模拟器正在 {url} 上监听 (仅限本机)。"},
    "cli.sim.urls": {"en": "Point mystatus-tray at it (credentials are then sent to this local "
                     "simulator only):",
                     "zh-TW": "將 mystatus-tray 指向它 (認證資料只會送到這個本機模擬器):",
                     "zh-CN": "将 mystatus-tray 指向它 (认证信息只会发送到这个本机模拟器):"},
    "cli.sim.demo": {"en": "Or use the simulator's demo credentials (a temporary directory, "
                     "removed on exit):",
                     "zh-TW": "或使用模擬器的示範認證資料 (暫存目錄,結束時刪除):",
                     "zh-CN": "或使用模拟器的演示认证信息 (临时目录,退出时删除):"},
    "cli.sim.stop": {"en": "Press Ctrl+C to stop.", "zh-TW": "按 Ctrl+C 停止。",
                     "zh-CN": "按 Ctrl+C 停止。"},
    "cli.sim.bad_scenario": {"en": "Unknown provider prefix or scenario: {item}. Valid ones:",
                             "zh-TW": "未知的平台前綴或情境: {item}。可用的有:",
                             "zh-CN": "未知的平台前缀或场景: {item}。可用的有:"},
    "cli.token.prompt": {"en": "GitHub fine-grained PAT (input hidden):",
                         "zh-TW": "GitHub fine-grained PAT (輸入不會顯示):",
                         "zh-CN": "GitHub fine-grained PAT (输入不会显示):"},
    "cli.token.empty": {
        "en": "No token given: paste the PAT at the prompt or pipe it on standard input.",
        "zh-TW": "未提供 Token: 請在提示處貼上 PAT,或經由標準輸入傳入。",
        "zh-CN": "未提供 Token: 请在提示处粘贴 PAT,或通过标准输入传入。",
    },
    "cli.token.whitespace": {
        "en": "The token contains spaces or line breaks; copy it again without them.",
        "zh-TW": "Token 含有空格或換行,請重新複製 (不含空白)。",
        "zh-CN": "Token 含有空格或换行,请重新复制 (不含空白)。",
    },
    "cli.token.prefix": {
        "en": "This does not look like a GitHub PAT (github_pat_... or ghp_...); storing it "
        "anyway.",
        "zh-TW": "這看起來不像 GitHub PAT (github_pat_... 或 ghp_...);仍會儲存。",
        "zh-CN": "这看起来不像 GitHub PAT (github_pat_... 或 ghp_...);仍会保存。",
    },
    "cli.token.stored": {
        "en": "GitHub Copilot PAT {masked} stored in the system keyring ({backend}) and verified.",
        "zh-TW": "GitHub Copilot PAT {masked} 已存入系統鑰匙圈 ({backend}) 並驗證。",
        "zh-CN": "GitHub Copilot PAT {masked} 已存入系统钥匙串 ({backend}) 并验证。",
    },
    "cli.token.need_username": {
        "en": "The billing API also needs your GitHub user name: add copilot_username (and "
        "copilot_plan) to {path}, or run token set again with --username NAME --plan TIER.",
        "zh-TW": "帳單 API 還需要你的 GitHub 使用者名稱: 請在 {path} 加入 copilot_username "
        "(與 copilot_plan),或以 --username 名稱 --plan 方案 重新執行 token set。",
        "zh-CN": "账单 API 还需要你的 GitHub 用户名: 请在 {path} 加入 copilot_username "
        "(与 copilot_plan),或以 --username 名称 --plan 套餐 重新运行 token set。",
    },
    "cli.token.config_saved": {"en": "Saved copilot_username / copilot_plan in {path}.",
                               "zh-TW": "已將 copilot_username / copilot_plan 存入 {path}。",
                               "zh-CN": "已将 copilot_username / copilot_plan 保存到 {path}。"},
    "cli.token.config_not_saved": {"en": "Could not save the settings file {path} ({reason}).",
                                   "zh-TW": "無法儲存設定檔 {path} ({reason})。",
                                   "zh-CN": "无法保存配置文件 {path} ({reason})。"},
    "cli.token.in_keyring": {"en": "Copilot PAT: in the system keyring ({backend}): {masked}",
                             "zh-TW": "Copilot PAT: 在系統鑰匙圈中 ({backend}): {masked}",
                             "zh-CN": "Copilot PAT: 在系统钥匙串中 ({backend}): {masked}"},
    "cli.token.in_plaintext": {"en": "Copilot PAT: in the plain-text file {path}: {masked}",
                               "zh-TW": "Copilot PAT: 在明文檔案 {path} 中: {masked}",
                               "zh-CN": "Copilot PAT: 在明文文件 {path} 中: {masked}"},
    "cli.token.import_hint": {
        "en": "Any program you run can read a plain-text token; move it into the keyring with: "
        "mystatus-tray token import --delete-plaintext",
        "zh-TW": "任何程式都能讀取明文 Token;請執行 mystatus-tray token import --delete-plaintext "
        "將它移入鑰匙圈。",
        "zh-CN": "任何程序都能读取明文 Token;请运行 mystatus-tray token import --delete-plaintext "
        "将它移入钥匙串。",
    },
    "cli.token.none": {
        "en": "No Copilot PAT is stored (it is only needed when the OpenCode login cannot read "
        "the Copilot quota).",
        "zh-TW": "沒有儲存 Copilot PAT (僅在 OpenCode 登入無法讀取 Copilot 配額時需要)。",
        "zh-CN": "没有保存 Copilot PAT (仅在 OpenCode 登录无法读取 Copilot 配额时需要)。",
    },
    "cli.token.settings": {
        "en": "Settings ({path}): copilot_username = {username}, copilot_plan = {plan}",
        "zh-TW": "設定檔 ({path}): copilot_username = {username}, copilot_plan = {plan}",
        "zh-CN": "配置文件 ({path}): copilot_username = {username}, copilot_plan = {plan}",
    },
    "cli.token.removed": {"en": "The Copilot PAT was removed from the system keyring.",
                          "zh-TW": "已從系統鑰匙圈移除 Copilot PAT。",
                          "zh-CN": "已从系统钥匙串移除 Copilot PAT。"},
    "cli.token.nothing_to_remove": {
        "en": "No Copilot PAT was stored in the system keyring; nothing to remove.",
        "zh-TW": "系統鑰匙圈中沒有 Copilot PAT,無需移除。",
        "zh-CN": "系统钥匙串中没有 Copilot PAT,无需移除。",
    },
    "cli.token.plaintext_remains": {
        "en": "The plain-text file {path} still exists and is still read; delete it if you no "
        "longer need it.",
        "zh-TW": "明文檔案 {path} 仍然存在且仍會被讀取;若不再需要請將它刪除。",
        "zh-CN": "明文文件 {path} 仍然存在且仍会被读取;若不再需要请将它删除。",
    },
    "cli.token.import_none": {"en": "No plain-text token file at {path}: nothing to import.",
                              "zh-TW": "{path} 沒有明文 Token 檔案: 沒有可匯入的內容。",
                              "zh-CN": "{path} 没有明文 Token 文件: 没有可导入的内容。"},
    "cli.token.import_invalid": {
        "en": "{path} has no usable \"token\" (missing, empty or containing spaces).",
        "zh-TW": "{path} 中沒有可用的 \"token\" (缺少、空白或含有空格)。",
        "zh-CN": "{path} 中没有可用的 \"token\" (缺少、为空或含有空格)。",
    },
    "cli.token.imported": {
        "en": "Token {masked} from {path} stored in the system keyring ({backend}) and verified.",
        "zh-TW": "已將 {path} 中的 Token {masked} 存入系統鑰匙圈 ({backend}) 並驗證。",
        "zh-CN": "已将 {path} 中的 Token {masked} 存入系统钥匙串 ({backend}) 并验证。",
    },
    "cli.token.plaintext_deleted": {"en": "Deleted the plain-text file {path}.",
                                    "zh-TW": "已刪除明文檔案 {path}。",
                                    "zh-CN": "已删除明文文件 {path}。"},
    "cli.token.plaintext_safe": {
        "en": "The token is in the keyring now: it is safe to delete {path} (or run: "
        "mystatus-tray token import --delete-plaintext).",
        "zh-TW": "Token 已在鑰匙圈中: 現在可以安全刪除 {path} (或執行: mystatus-tray token "
        "import --delete-plaintext)。",
        "zh-CN": "Token 已在钥匙串中: 现在可以安全删除 {path} (或运行: mystatus-tray token "
        "import --delete-plaintext)。",
    },
    "cli.token.delete_failed": {
        "en": "Could not delete {path} ({reason}); the token is in the keyring, delete the file "
        "by hand.",
        "zh-TW": "無法刪除 {path} ({reason});Token 已在鑰匙圈中,請手動刪除該檔案。",
        "zh-CN": "无法删除 {path} ({reason});Token 已在钥匙串中,请手动删除该文件。",
    },
    # ---------------------------------------------------------------- doctor (cli/doctor*.py)
    "doctor.title": {"en": "mystatus-tray doctor: checking your setup",
                     "zh-TW": "mystatus-tray doctor: 檢查你的設定",
                     "zh-CN": "mystatus-tray doctor: 检查你的配置"},
    "doctor.section.auth": {"en": "OpenCode auth file (auth.json)",
                            "zh-TW": "OpenCode 認證檔 (auth.json)",
                            "zh-CN": "OpenCode 认证文件 (auth.json)"},
    "doctor.section.entries": {"en": "auth.json entries", "zh-TW": "auth.json 項目",
                               "zh-CN": "auth.json 条目"},
    "doctor.section.antigravity": {"en": "Google Antigravity accounts file",
                                   "zh-TW": "Google Antigravity 帳號檔",
                                   "zh-CN": "Google Antigravity 账号文件"},
    "doctor.section.pat": {"en": "GitHub Copilot PAT", "zh-TW": "GitHub Copilot PAT",
                           "zh-CN": "GitHub Copilot PAT"},
    "doctor.section.accounts": {"en": "Accounts (checked with one live refresh)",
                                "zh-TW": "帳號 (以一次實際查詢檢查)",
                                "zh-CN": "账号 (以一次实际查询检查)"},
    "doctor.section.config": {"en": "Settings", "zh-TW": "設定", "zh-CN": "设置"},
    "doctor.section.network": {"en": "Network", "zh-TW": "網路", "zh-CN": "网络"},
    "doctor.auth.env_override": {"en": "{var} is set: its content is used instead of auth.json.",
                                 "zh-TW": "已設定 {var}: 以其內容取代 auth.json。",
                                 "zh-CN": "已设置 {var}: 以其内容代替 auth.json。"},
    "doctor.auth.probed": {"en": "Looked for auth.json in: {paths}",
                           "zh-TW": "在以下位置尋找 auth.json: {paths}",
                           "zh-CN": "在以下位置查找 auth.json: {paths}"},
    "doctor.auth.found": {"en": "Read {path} ({count} entries).",
                          "zh-TW": "已讀取 {path} ({count} 個項目)。",
                          "zh-CN": "已读取 {path} ({count} 个条目)。"},
    "doctor.entry.ok": {"en": "{entry}: usable ({masked})", "zh-TW": "{entry}: 可用 ({masked})",
                        "zh-CN": "{entry}: 可用 ({masked})"},
    "doctor.entry.expires": {"en": "{entry}: usable ({masked}), token valid until {time}",
                             "zh-TW": "{entry}: 可用 ({masked}),Token 有效至 {time}",
                             "zh-CN": "{entry}: 可用 ({masked}),Token 有效至 {time}"},
    "doctor.entry.expired": {"en": "{entry}: the OAuth token expired at {time}",
                             "zh-TW": "{entry}: OAuth Token 已於 {time} 過期",
                             "zh-CN": "{entry}: OAuth Token 已于 {time} 过期"},
    "doctor.entry.wrong_type": {"en": "{entry}: type is \"{actual}\", but \"{expected}\" is needed",
                                "zh-TW": "{entry}: type 為 \"{actual}\",但需要 \"{expected}\"",
                                "zh-CN": "{entry}: type 为 \"{actual}\",但需要 \"{expected}\""},
    "doctor.entry.missing": {"en": "{entry}: \"{field}\" is missing or empty",
                             "zh-TW": "{entry}: 缺少 \"{field}\" 或其為空",
                             "zh-CN": "{entry}: 缺少 \"{field}\" 或其为空"},
    "doctor.fix.entry": {
        "en": "Log in again with opencode auth login; this entry needs type \"{type}\" with "
        "\"{field}\".",
        "zh-TW": "請以 opencode auth login 重新登入;此項目需要 type \"{type}\" 和 \"{field}\"。",
        "zh-CN": "请以 opencode auth login 重新登录;此条目需要 type \"{type}\" 和 \"{field}\"。",
    },
    "doctor.entry.ignored": {"en": "Other entries, not used by mystatus-tray: {keys}",
                             "zh-TW": "其他項目 (mystatus-tray 不使用): {keys}",
                             "zh-CN": "其他条目 (mystatus-tray 不使用): {keys}"},
    "doctor.ag.not_found": {
        "en": "No accounts file (looked in: {paths}); it is only needed for Google Antigravity.",
        "zh-TW": "找不到帳號檔 (已尋找: {paths});僅 Google Antigravity 需要。",
        "zh-CN": "找不到账号文件 (已查找: {paths});仅 Google Antigravity 需要。",
    },
    "doctor.ag.found": {
        "en": "{path}: version {version}, {count} enabled accounts, {disabled} disabled",
        "zh-TW": "{path}: 版本 {version},{count} 個啟用的帳號,{disabled} 個已停用",
        "zh-CN": "{path}: 版本 {version},{count} 个启用的账号,{disabled} 个已停用",
    },
    "doctor.ag.version": {
        "en": "Unknown file version {version} (1 to 4 are known); it is read tolerantly.",
        "zh-TW": "未知的檔案版本 {version} (已知為 1 到 4);會盡量讀取。",
        "zh-CN": "未知的文件版本 {version} (已知为 1 到 4);会尽量读取。",
    },
    "doctor.fix.ag_version": {"en": "Update mystatus-tray if accounts are missing.",
                              "zh-TW": "若帳號缺漏,請更新 mystatus-tray。",
                              "zh-CN": "若账号缺失,请更新 mystatus-tray。"},
    "doctor.ag.no_refresh": {"en": "{email}: no refreshToken",
                             "zh-TW": "{email}: 沒有 refreshToken",
                             "zh-CN": "{email}: 没有 refreshToken"},
    "doctor.fix.ag_relogin": {
        "en": "Log in to this account again with opencode-antigravity-auth (opencode auth login).",
        "zh-TW": "請用 opencode-antigravity-auth 重新登入這個帳號 (opencode auth login)。",
        "zh-CN": "请用 opencode-antigravity-auth 重新登录这个账号 (opencode auth login)。",
    },
    "doctor.pat.keyring": {"en": "PAT in the system keyring ({backend}): {masked}",
                           "zh-TW": "PAT 在系統鑰匙圈中 ({backend}): {masked}",
                           "zh-CN": "PAT 在系统钥匙串中 ({backend}): {masked}"},
    "doctor.pat.demo_backend": {"en": "demo, in memory", "zh-TW": "示範,僅在記憶體中",
                                "zh-CN": "演示,仅在内存中"},
    "doctor.pat.plaintext": {"en": "PAT stored in plain text in {path}: {masked}",
                             "zh-TW": "PAT 以明文儲存在 {path}: {masked}",
                             "zh-CN": "PAT 以明文保存在 {path}: {masked}"},
    "doctor.pat.plaintext_leftover": {
        "en": "The plain-text file {path} still holds a token although the keyring has one.",
        "zh-TW": "鑰匙圈中已有 Token,但明文檔案 {path} 仍保存著一份。",
        "zh-CN": "钥匙串中已有 Token,但明文文件 {path} 仍保存着一份。",
    },
    "doctor.fix.delete_plaintext": {"en": "Delete {path}: the keyring copy is the one used.",
                                    "zh-TW": "請刪除 {path}: 實際使用的是鑰匙圈中的那份。",
                                    "zh-CN": "请删除 {path}: 实际使用的是钥匙串中的那份。"},
    "doctor.fix.token_import": {
        "en": "Move it into the keyring: mystatus-tray token import --delete-plaintext",
        "zh-TW": "將它移入鑰匙圈: mystatus-tray token import --delete-plaintext",
        "zh-CN": "将它移入钥匙串: mystatus-tray token import --delete-plaintext",
    },
    "doctor.pat.none": {"en": "No PAT stored (keyring backend: {backend}).",
                        "zh-TW": "沒有儲存 PAT (鑰匙圈後端: {backend})。",
                        "zh-CN": "没有保存 PAT (钥匙串后端: {backend})。"},
    "doctor.fix.pat_optional": {
        "en": "Only needed when the OpenCode login cannot read the Copilot quota: "
        "mystatus-tray token set copilot",
        "zh-TW": "僅在 OpenCode 登入無法讀取 Copilot 配額時需要: mystatus-tray token set copilot",
        "zh-CN": "仅在 OpenCode 登录无法读取 Copilot 配额时需要: mystatus-tray token set copilot",
    },
    "doctor.pat.no_username": {
        "en": "A PAT is set but no GitHub user name: the billing API needs it.",
        "zh-TW": "已設定 PAT,但沒有 GitHub 使用者名稱: 帳單 API 需要它。",
        "zh-CN": "已设置 PAT,但没有 GitHub 用户名: 账单 API 需要它。",
    },
    "doctor.fix.copilot_username": {
        "en": "Set copilot_username in {path} (or: mystatus-tray token set copilot --username "
        "NAME).",
        "zh-TW": "在 {path} 設定 copilot_username (或: mystatus-tray token set copilot --username "
        "名稱)。",
        "zh-CN": "在 {path} 设置 copilot_username (或: mystatus-tray token set copilot --username "
        "名称)。",
    },
    "doctor.pat.no_plan": {"en": "No Copilot plan set: usage is shown without a percentage.",
                           "zh-TW": "未設定 Copilot 方案: 用量會以不含百分比的方式顯示。",
                           "zh-CN": "未设置 Copilot 套餐: 用量会以不含百分比的方式显示。"},
    "doctor.fix.copilot_plan": {
        "en": "Set copilot_plan in {path} (free, pro, pro+, business, enterprise or a monthly "
        "number).",
        "zh-TW": "在 {path} 設定 copilot_plan (free、pro、pro+、business、enterprise 或每月數量)。",
        "zh-CN": "在 {path} 设置 copilot_plan (free、pro、pro+、business、enterprise 或每月数量)。",
    },
    "doctor.accounts.ok": {"en": "{provider}: {label}{plan}, {count} quota window(s) read",
                           "zh-TW": "{provider}: {label}{plan},已讀取 {count} 項額度",
                           "zh-CN": "{provider}: {label}{plan},已读取 {count} 项额度"},
    "doctor.accounts.disabled": {"en": "Disabled in the settings: {ids}",
                                 "zh-TW": "已在設定中停用: {ids}",
                                 "zh-CN": "已在设置中停用: {ids}"},
    "doctor.config.demo": {"en": "Demo: the settings file is not read; defaults are used.",
                           "zh-TW": "示範模式: 不讀取設定檔,使用預設值。",
                           "zh-CN": "演示模式: 不读取配置文件,使用默认值。"},
    "doctor.config.notice": {"en": "The settings file had a problem: {notice}",
                             "zh-TW": "設定檔有問題: {notice}",
                             "zh-CN": "配置文件有问题: {notice}"},
    "doctor.fix.config": {
        "en": "Defaults are used now; fix or delete {path} and set your options again.",
        "zh-TW": "目前使用預設值;請修正或刪除 {path} 後重新設定選項。",
        "zh-CN": "目前使用默认值;请修正或删除 {path} 后重新设置选项。",
    },
    "doctor.config.found": {"en": "Settings file: {path}", "zh-TW": "設定檔: {path}",
                            "zh-CN": "配置文件: {path}"},
    "doctor.config.missing": {"en": "No settings file at {path}; defaults are used.",
                              "zh-TW": "{path} 沒有設定檔;使用預設值。",
                              "zh-CN": "{path} 没有配置文件;使用默认值。"},
    "doctor.config.copilot": {"en": "copilot_username = {username}, copilot_plan = {plan}",
                              "zh-TW": "copilot_username = {username}, copilot_plan = {plan}",
                              "zh-CN": "copilot_username = {username}, copilot_plan = {plan}"},
    "doctor.config.url": {"en": "{name} base URL: {url} (from {source})",
                          "zh-TW": "{name} base URL: {url} (來自 {source})",
                          "zh-CN": "{name} base URL: {url} (来自 {source})"},
    "doctor.config.timeout": {"en": "{var}: requests time out after {seconds} s",
                              "zh-TW": "{var}: 請求逾時 {seconds} 秒",
                              "zh-CN": "{var}: 请求超时 {seconds} 秒"},
    "doctor.net.ok": {"en": "{name}: {url} reachable (HTTP {status}, {ms} ms)",
                      "zh-TW": "{name}: {url} 可連線 (HTTP {status},{ms} 毫秒)",
                      "zh-CN": "{name}: {url} 可连接 (HTTP {status},{ms} 毫秒)"},
    "doctor.net.fail": {"en": "{name}: {url} not reachable: ", "zh-TW": "{name}: {url} 無法連線: ",
                        "zh-CN": "{name}: {url} 无法连接: "},
    "doctor.net.none": {"en": "No account is configured, so no service was contacted.",
                        "zh-TW": "尚未設定任何帳號,因此未連線任何服務。",
                        "zh-CN": "尚未配置任何账号,因此未连接任何服务。"},
    "doctor.summary.ok": {"en": "No problems found.", "zh-TW": "未發現問題。",
                          "zh-CN": "未发现问题。"},
    "doctor.summary.problems": {
        "en": "{fails} problem(s) and {warns} warning(s): see the fixes above.",
        "zh-TW": "{fails} 個問題、{warns} 個警告: 請參考上方的解決方法。",
        "zh-CN": "{fails} 个问题、{warns} 个警告: 请参考上方的解决方法。",
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
    # ---------------------------------------------------------------- tray runtime: dialog, actions
    "tray.token.title": {"en": "GitHub Copilot token", "zh-TW": "GitHub Copilot Token",
                         "zh-CN": "GitHub Copilot Token"},
    "tray.token.prompt": {
        "en": "Paste a fine-grained GitHub personal access token with the account permission "
        "'Plan: Read-only'. It is stored in the system keyring only.",
        "zh-TW": "貼上 GitHub fine-grained 個人存取權杖 (帳號權限 'Plan' 設為 'Read-only')。"
        "它只會存入系統鑰匙圈。",
        "zh-CN": "粘贴 GitHub fine-grained 个人访问令牌 (账号权限 'Plan' 设为 'Read-only')。"
        "它只会存入系统钥匙串。",
    },
    "tray.token.save": {"en": "Save", "zh-TW": "儲存", "zh-CN": "保存"},
    "tray.token.cancel": {"en": "Cancel", "zh-TW": "取消", "zh-CN": "取消"},
    "tray.token.cli": {
        "en": "No dialog is available here (Tk is missing). In a terminal, run: "
        "mystatus-tray token set copilot",
        "zh-TW": "這裡無法顯示對話框 (缺少 Tk)。請在終端機執行: mystatus-tray token set copilot",
        "zh-CN": "这里无法显示对话框 (缺少 Tk)。请在终端运行: mystatus-tray token set copilot",
    },
    "tray.token.saved": {"en": "The GitHub Copilot token is stored in the system keyring.",
                         "zh-TW": "GitHub Copilot Token 已存入系統鑰匙圈。",
                         "zh-CN": "GitHub Copilot Token 已存入系统钥匙串。"},
    "tray.token.removed": {"en": "The GitHub Copilot token was removed from the system keyring.",
                           "zh-TW": "已從系統鑰匙圈移除 GitHub Copilot Token。",
                           "zh-CN": "已从系统钥匙串移除 GitHub Copilot Token。"},
    "tray.token.absent": {"en": "No GitHub Copilot token was stored in the system keyring.",
                          "zh-TW": "系統鑰匙圈中沒有 GitHub Copilot Token。",
                          "zh-CN": "系统钥匙串中没有 GitHub Copilot Token。"},
    "tray.copied": {"en": "Status copied to the clipboard.", "zh-TW": "狀態已複製到剪貼簿。",
                    "zh-CN": "状态已复制到剪贴板。"},
    "tray.copy_failed": {"en": "No clipboard is available: the status was saved to {path}",
                         "zh-TW": "無法使用剪貼簿: 狀態已存到 {path}",
                         "zh-CN": "无法使用剪贴板: 状态已保存到 {path}"},
    "tray.settings_failed": {
        "en": "Could not save the settings ({detail}); the change applies until you quit.",
        "zh-TW": "無法儲存設定 ({detail});此變更在結束程式前有效。",
        "zh-CN": "无法保存设置 ({detail});此更改在退出程序前有效。",
    },
    # ---- packaging: start at login, single instance (issue 4)
    "cli.help.autostart": {"en": "start the tray at login: on, off or status",
                           "zh-TW": "登入時啟動系統匣程式: on、off 或 status",
                           "zh-CN": "登录时启动托盘程序: on、off 或 status"},
    "cli.help.autostart_long": {
        "en": "Linux: an XDG autostart entry (~/.config/autostart); macOS: a LaunchAgent "
        "(~/Library/LaunchAgents); Windows: the HKCU ...\\Run registry value. The entry runs "
        "this installation (pip, pipx or the bundled app).",
        "zh-TW": "Linux: XDG 自動啟動項目 (~/.config/autostart);macOS: LaunchAgent "
        "(~/Library/LaunchAgents);Windows: HKCU ...\\Run 登錄值。項目會執行目前這份安裝 "
        "(pip、pipx 或打包的應用程式)。",
        "zh-CN": "Linux: XDG 自动启动项 (~/.config/autostart);macOS: LaunchAgent "
        "(~/Library/LaunchAgents);Windows: HKCU ...\\Run 注册表值。该项会运行当前这份安装 "
        "(pip、pipx 或打包的应用程序)。",
    },
    "cli.help.autostart_action": {"en": "on, off or status", "zh-TW": "on、off 或 status",
                                  "zh-CN": "on、off 或 status"},
    "cli.autostart.on": {"en": "Start at login: on ({location})",
                         "zh-TW": "登入時啟動: 開啟 ({location})",
                         "zh-CN": "登录时启动: 开启 ({location})"},
    "cli.autostart.off": {"en": "Start at login: off", "zh-TW": "登入時啟動: 關閉",
                          "zh-CN": "登录时启动: 关闭"},
    "cli.autostart.runs": {"en": "runs: {command}", "zh-TW": "執行: {command}",
                           "zh-CN": "运行: {command}"},
    "cli.autostart.removed": {"en": "Removed {location}.", "zh-TW": "已移除 {location}。",
                              "zh-CN": "已删除 {location}。"},
    "cli.autostart.outdated": {
        "en": "The entry runs another command than this installation ({expected}).",
        "zh-TW": "此項目執行的指令與目前這份安裝不同 ({expected})。",
        "zh-CN": "该项运行的命令与当前这份安装不同 ({expected})。",
    },
    "cli.autostart.outdated_fix": {
        "en": "run `mystatus-tray autostart on` from the installation you want to start",
        "zh-TW": "請在要啟動的那份安裝執行 `mystatus-tray autostart on`",
        "zh-CN": "请在要启动的那份安装中运行 `mystatus-tray autostart on`",
    },
    "cli.autostart.unsupported": {
        "en": "Start at login is not supported on this system ({platform}).",
        "zh-TW": "此系統不支援登入時啟動 ({platform})。",
        "zh-CN": "此系统不支持登录时启动 ({platform})。",
    },
    "cli.autostart.failed": {"en": "Could not change start at login: {detail}",
                             "zh-TW": "無法變更登入時啟動: {detail}",
                             "zh-CN": "无法更改登录时启动: {detail}"},
    "cli.autostart.demo": {
        "en": "The demo does not change start at login; run the command without --demo.",
        "zh-TW": "示範模式不會變更登入時啟動;請不加 --demo 執行此指令。",
        "zh-CN": "演示模式不会更改登录时启动;请不带 --demo 运行此命令。",
    },
    "tray.autostart_failed": {"en": "Could not change start at login ({detail}).",
                              "zh-TW": "無法變更登入時啟動 ({detail})。",
                              "zh-CN": "无法更改登录时启动 ({detail})。"},
    "tray.already_running": {
        "en": "mystatus-tray is already running (process {pid}); it refreshes now.",
        "zh-TW": "mystatus-tray 已在執行 (程序 {pid});它會立即重新整理。",
        "zh-CN": "mystatus-tray 已在运行 (进程 {pid});它会立即刷新。",
    },
    "tray.already_running_silent": {
        "en": "mystatus-tray is already running (process {pid}) but did not answer; not "
        "starting a second one. Quit it from its menu (or end that process) and start again.",
        "zh-TW": "mystatus-tray 已在執行 (程序 {pid}) 但沒有回應;不會再啟動第二個。請從它的選單"
        "結束 (或結束該程序) 後再啟動。",
        "zh-CN": "mystatus-tray 已在运行 (进程 {pid}) 但没有响应;不会再启动第二个。请从它的菜单"
        "退出 (或结束该进程) 后再启动。",
    },
    "tray.start_failed": {
        "en": "mystatus-tray could not start refreshing ({detail}); it has quit. The log file "
        "has the details; for a text report run: mystatus-tray status",
        "zh-TW": "mystatus-tray 無法開始重新整理 ({detail}),已結束。詳情請見記錄檔;文字報告請執行: "
        "mystatus-tray status",
        "zh-CN": "mystatus-tray 无法开始刷新 ({detail}),已退出。详情请见日志文件;文本报告请运行: "
        "mystatus-tray status",
    },
    "tray.unavailable": {
        "en": "The tray icon cannot start ({detail}). For a text report run: mystatus-tray status",
        "zh-TW": "無法啟動系統匣圖示 ({detail})。文字報告請執行: mystatus-tray status",
        "zh-CN": "无法启动托盘图标 ({detail})。文本报告请运行: mystatus-tray status",
    },
    # ---------------------------------------------------------------- tray: menu, tooltip, alerts
    "menu.used": {"en": "{pct} used", "zh-TW": "已用 {pct}", "zh-CN": "已用 {pct}"},
    "menu.left": {"en": "{pct} left", "zh-TW": "剩餘 {pct}", "zh-CN": "剩余 {pct}"},
    "menu.unknown": {"en": "unknown", "zh-TW": "未知", "zh-CN": "未知"},
    "menu.unlimited": {"en": "unlimited", "zh-TW": "無限制", "zh-CN": "无限制"},
    "menu.resets_in": {"en": "resets in {duration} ({time})", "zh-TW": "{duration}後重置 ({time})",
                       "zh-CN": "{duration}后重置 ({time})"},
    "menu.reset_due": {"en": "resetting now", "zh-TW": "即將重置", "zh-CN": "即将重置"},
    "menu.date": {"en": "{month} {day}, {time}", "zh-TW": "{month}月{day}日 {time}",
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
    "menu.notify_token": {"en": "Logins and keys", "zh-TW": "登入與金鑰", "zh-CN": "登录与密钥"},
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
                    "zh-TW": "{provider}（{account}）：{what}",
                    "zh-CN": "{provider}（{account}）：{what}"},
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
    "window.monthly_credits": {"en": "Monthly credits", "zh-TW": "每月點數",
                               "zh-CN": "每月点数"},
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


def _merge() -> None:
    """Fold the per-area modules into CATALOG; a key defined twice is a bug, caught at import."""
    from tray_app.i18n import (
        catalog_agents,
        catalog_backends,
        catalog_bars,
        catalog_cli,
        catalog_credentials,
        catalog_files,
        catalog_history,
        catalog_providers,
        catalog_responses,
        catalog_spend,
    )

    for part in (
        catalog_backends,
        catalog_credentials,
        catalog_history,
        catalog_providers,
        catalog_bars,
        catalog_responses,
        catalog_agents,
        catalog_spend,
        catalog_cli,
        catalog_files,
    ):
        twice = CATALOG.keys() & part.MESSAGES.keys()
        if twice:
            raise RuntimeError(f"i18n keys defined twice: {sorted(twice)}")
        CATALOG.update(part.MESSAGES)


_merge()
