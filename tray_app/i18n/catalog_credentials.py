"""Messages for this area, in en / zh-TW / zh-CN; merged into `catalog.CATALOG` (a key may
be defined in one module only)."""

from __future__ import annotations

_REQUIREMENTS = {
    "en": "OpenAI needs type \"oauth\" and \"access\"; Zhipu AI / Z.ai, OpenCode Go, Kimi for "
    "Coding and MiniMax need type \"api\" and \"key\"; GitHub Copilot needs type \"oauth\" and "
    "\"refresh\".",
    "zh-TW": "各平台的設定要求: OpenAI 必須有 type \"oauth\" 和 \"access\";智譜 AI / Z.ai、"
    "OpenCode Go、Kimi for Coding 與 MiniMax 必須有 type \"api\" 和 \"key\";GitHub Copilot "
    "必須有 type \"oauth\" 和 \"refresh\"。",
    "zh-CN": "各平台的配置要求: OpenAI 必须有 type \"oauth\" 和 \"access\";智谱 AI / Z.ai、"
    "OpenCode Go、Kimi for Coding 与 MiniMax 必须有 type \"api\" 和 \"key\";GitHub Copilot "
    "必须有 type \"oauth\" 和 \"refresh\"。",
}

MESSAGES: dict[str, dict[str, str]] = {
    # ------------------------------------------- credentials: broken entries (seed problem 2)
    "error.credential_invalid": {
        "en": "{provider}: the entry \"{entry}\" in {source} is not usable.",
        "zh-TW": "{provider}: {source} 中的項目 \"{entry}\" 格式不正確,無法使用。",
        "zh-CN": "{provider}: {source} 中的条目 \"{entry}\" 格式不正确,无法使用。",
    },
    "error.credential_invalid.not_object": {
        "en": "{provider}: the entry \"{entry}\" in {source} is not an object (it is JSON "
        "{actual}).",
        "zh-TW": "{provider}: {source} 中的項目 \"{entry}\" 不是物件 (而是 {actual})。",
        "zh-CN": "{provider}: {source} 中的条目 \"{entry}\" 不是对象 (而是 {actual})。",
    },
    "error.credential_invalid.type": {
        "en": "{provider}: the entry \"{entry}\" in {source} has type \"{actual}\", but "
        "\"{expected}\" is needed.",
        "zh-TW": "{provider}: {source} 中的項目 \"{entry}\" 的 type 為 \"{actual}\",但需要 "
        "\"{expected}\"。",
        "zh-CN": "{provider}: {source} 中的条目 \"{entry}\" 的 type 为 \"{actual}\",但需要 "
        "\"{expected}\"。",
    },
    "error.credential_invalid.field_type": {
        "en": "{provider}: \"{field}\" of the entry \"{entry}\" in {source} is JSON {actual}, "
        "not text.",
        "zh-TW": "{provider}: {source} 中項目 \"{entry}\" 的 \"{field}\" 是 {actual},不是文字。",
        "zh-CN": "{provider}: {source} 中条目 \"{entry}\" 的 \"{field}\" 是 {actual},不是文本。",
    },
    "error.credential_invalid.missing": {
        "en": "{provider}: the entry \"{entry}\" in {source} lacks \"{field}\" (missing or empty).",
        "zh-TW": "{provider}: {source} 中的項目 \"{entry}\" 缺少必要欄位 \"{field}\" "
        "(不存在或為空)。",
        "zh-CN": "{provider}: {source} 中的条目 \"{entry}\" 缺少必要字段 \"{field}\" "
        "(不存在或为空)。",
    },
    "fix.credential_invalid": {
        "en": "Complete the login in OpenCode (opencode auth login), or add the provider's API key "
        "by hand; \"{entry}\" needs type \"{expected}\" with \"{field}\". " + _REQUIREMENTS["en"],
        "zh-TW": "在 OpenCode 中完成授權 (opencode auth login),或手動新增平台的 API Key;"
        "\"{entry}\" 需要 type \"{expected}\" 和 \"{field}\"。" + _REQUIREMENTS["zh-TW"],
        "zh-CN": "在 OpenCode 中完成授权 (opencode auth login),或手动添加平台的 API Key;"
        "\"{entry}\" 需要 type \"{expected}\" 和 \"{field}\"。" + _REQUIREMENTS["zh-CN"],
    },
    # ------------------------------------------- credentials: OpenCode 2's opencode.db
    "error.credential_db_unreadable": {
        "en": "Cannot read OpenCode's database: {path} (error: {detail})",
        "zh-TW": "無法讀取 OpenCode 的資料庫: {path}(錯誤: {detail})",
        "zh-CN": "无法读取 OpenCode 的数据库: {path}(错误: {detail})",
    },
    "fix.credential_db_unreadable": {
        "en": "Start OpenCode once so it repairs or recreates the database, then log in again "
        "(opencode auth login); check that the file is yours and readable. The other sources "
        "(auth.json, environment keys) are still used.",
        "zh-TW": "啟動一次 OpenCode 讓它修復或重建資料庫,然後重新登入 (opencode auth login);"
        "確認檔案屬於你且可讀取。其他來源 (auth.json、環境變數) 仍會使用。",
        "zh-CN": "启动一次 OpenCode 让它修复或重建数据库,然后重新登录 (opencode auth login);"
        "确认文件属于你且可读取。其他来源 (auth.json、环境变量) 仍会使用。",
    },
    "fix.credential_db_locked": {
        "en": "OpenCode is holding the database locked; it is read again at the next refresh. "
        "If this stays, quit OpenCode and refresh.",
        "zh-TW": "OpenCode 正鎖定資料庫;下次重新整理時會再讀取。若持續出現,請結束 OpenCode 後"
        "再重新整理。",
        "zh-CN": "OpenCode 正锁定数据库;下次刷新时会再读取。若持续出现,请退出 OpenCode 后再刷新。",
    },
    # ------------------------------------------- doctor: credential sources
    "doctor.section.sources": {
        "en": "Credential sources (in precedence order: the first one that has an entry wins)",
        "zh-TW": "認證來源 (依優先順序: 第一個有該項目的來源勝出)",
        "zh-CN": "认证来源 (按优先顺序: 第一个有该条目的来源胜出)",
    },
    "doctor.src.found": {
        "en": "{n}. {location} ({kind}): found",
        "zh-TW": "{n}. {location} ({kind}): 已找到",
        "zh-CN": "{n}. {location} ({kind}): 已找到",
    },
    "doctor.src.not_found": {
        "en": "{n}. {location} ({kind}): not found",
        "zh-TW": "{n}. {location} ({kind}): 未找到",
        "zh-CN": "{n}. {location} ({kind}): 未找到",
    },
    "doctor.src.kind.file": {"en": "file", "zh-TW": "檔案", "zh-CN": "文件"},
    "doctor.src.kind.database": {"en": "database", "zh-TW": "資料庫", "zh-CN": "数据库"},
    "doctor.src.kind.variable": {"en": "environment variable", "zh-TW": "環境變數",
                                 "zh-CN": "环境变量"},
    "doctor.src.kind.keyring": {"en": "keyring", "zh-TW": "鑰匙圈", "zh-CN": "钥匙串"},
    "doctor.src.used": {
        "en": "supplies: {keys}", "zh-TW": "提供: {keys}", "zh-CN": "提供: {keys}",
    },
    "doctor.src.shadowed": {
        "en": "not used (a source above has them): {keys}",
        "zh-TW": "未使用 (上方的來源已有): {keys}",
        "zh-CN": "未使用 (上方的来源已有): {keys}",
    },
    "doctor.src.rows": {
        "en": "{active} row(s) used (the one OpenCode uses per integration), {inactive} other "
        "row(s) (accounts switched away from, never read)",
        "zh-TW": "使用 {active} 筆資料列 (每個整合使用 OpenCode 所用的那一筆),其他 {inactive} 筆"
        " (已切換離開的帳號,從不讀取)",
        "zh-CN": "使用 {active} 行记录 (每个集成使用 OpenCode 所用的那一行),其他 {inactive} 行"
        " (已切换离开的账号,从不读取)",
    },
    "doctor.src.empty": {
        "en": "no entries", "zh-TW": "沒有項目", "zh-CN": "没有条目",
    },
    "doctor.src.db_absent": {
        "en": "No OpenCode 2 database (looked in: {paths}).",
        "zh-TW": "沒有 OpenCode 2 資料庫 (已查看: {paths})。",
        "zh-CN": "没有 OpenCode 2 数据库 (已查看: {paths})。",
    },
    "doctor.src.db_v1": {
        "en": "An OpenCode 1.x database (no credential table): auth.json is used.",
        "zh-TW": "OpenCode 1.x 的資料庫 (沒有 credential 資料表): 使用 auth.json。",
        "zh-CN": "OpenCode 1.x 的数据库 (没有 credential 表): 使用 auth.json。",
    },
    "doctor.src.db_no_active": {
        "en": "The credential table has no \"active\" column (an OpenCode 2.0 beta): the newest "
        "row of each integration (by time_created) is used, as OpenCode does.",
        "zh-TW": "credential 資料表沒有 \"active\" 欄位 (OpenCode 2.0 測試版): 與 OpenCode 相同,"
        "每個整合使用最新建立 (time_created) 的資料列。",
        "zh-CN": "credential 表没有 \"active\" 列 (OpenCode 2.0 测试版): 与 OpenCode 相同,"
        "每个集成使用最新创建 (time_created) 的记录。",
    },
    "doctor.src.db_stale_wal": {
        "en": "{path}-wal exists without its -shm index: the newest changes in it cannot be read "
        "without writing beside OpenCode's files, so they are not used.",
        "zh-TW": "{path}-wal 存在但缺少其 -shm 索引: 不在 OpenCode 的檔案旁寫入就無法讀取"
        "其中最新的變更,因此不使用它們。",
        "zh-CN": "{path}-wal 存在但缺少其 -shm 索引: 不在 OpenCode 的文件旁写入就无法读取"
        "其中最新的更改,因此不使用它们。",
    },
    "doctor.fix.db_stale_wal": {
        "en": "Start OpenCode once (it completes the log), then refresh.",
        "zh-TW": "啟動一次 OpenCode (它會完成日誌),然後重新整理。",
        "zh-CN": "启动一次 OpenCode (它会完成日志),然后刷新。",
    },
    "doctor.src.auth_absent": {
        "en": "No auth.json (looked in: {paths}).",
        "zh-TW": "沒有 auth.json (已查看: {paths})。",
        "zh-CN": "没有 auth.json (已查看: {paths})。",
    },
    "doctor.src.auth_replaced": {
        "en": "Not read: {var} replaces auth.json.",
        "zh-TW": "未讀取: {var} 取代了 auth.json。",
        "zh-CN": "未读取: {var} 代替了 auth.json。",
    },
    "doctor.src.env_key": {
        "en": "{var} is set ({masked}).",
        "zh-TW": "已設定 {var} ({masked})。",
        "zh-CN": "已设置 {var} ({masked})。",
    },
    "doctor.src.stale": {
        "en": "Stale entries (OpenCode 2 no longer updates auth.json; the database {db} has "
        "newer logins, which are used): {keys}",
        "zh-TW": "過期的項目 (OpenCode 2 不再更新 auth.json;資料庫 {db} 有較新的登入,"
        "使用的是它們): {keys}",
        "zh-CN": "过期的条目 (OpenCode 2 不再更新 auth.json;数据库 {db} 有较新的登录,"
        "使用的是它们): {keys}",
    },
    "doctor.fix.stale": {
        "en": "Nothing to do for mystatus-tray. Delete auth.json only if no OpenCode 1.x uses it "
        "any more.",
        "zh-TW": "mystatus-tray 不需要你做任何事。只有在不再使用 OpenCode 1.x 時才刪除 auth.json。",
        "zh-CN": "mystatus-tray 不需要你做任何事。只有在不再使用 OpenCode 1.x 时才删除 auth.json。",
    },
    "doctor.section.entries_used": {
        "en": "Entries in use (one per integration, from the sources above)",
        "zh-TW": "使用中的項目 (每個整合一個,來自上方的來源)",
        "zh-CN": "使用中的条目 (每个集成一个,来自上方的来源)",
    },
    "doctor.entry.from": {"en": "from {source}", "zh-TW": "來自 {source}",
                          "zh-CN": "来自 {source}"},
    "cli.help.doctor_json": {
        "en": "print the findings as one JSON document (docs/json-schema.md)",
        "zh-TW": "以一個 JSON 文件輸出檢查結果 (docs/json-schema.md)",
        "zh-CN": "以一个 JSON 文档输出检查结果 (docs/json-schema.md)",
    },
    "doctor.src.only_in_file": {
        "en": "OpenCode 2's database has no login for: {keys}; the auth.json entry is used.",
        "zh-TW": "OpenCode 2 的資料庫中沒有以下登入: {keys};使用 auth.json 中的項目。",
        "zh-CN": "OpenCode 2 的数据库中没有以下登录: {keys};使用 auth.json 中的条目。",
    },
    "doctor.fix.only_in_file": {
        "en": "If you logged out of it in OpenCode 2, remove the entry from auth.json (OpenCode 2 "
        "does not update that file); otherwise log in again in OpenCode.",
        "zh-TW": "若你已在 OpenCode 2 中登出,請從 auth.json 移除該項目 (OpenCode 2 不會更新該檔案);"
        "否則請在 OpenCode 中重新登入。",
        "zh-CN": "若你已在 OpenCode 2 中登出,请从 auth.json 删除该条目 (OpenCode 2 不会更新该文件);"
        "否则请在 OpenCode 中重新登录。",
    },
}

# Codex CLI as a second OpenAI source (issue 9 §2): expired-token fixes and `doctor`.
MESSAGES.update({
    "fix.token_expired_codex": {
        "en": "Run Codex once (any prompt) so that it refreshes its ChatGPT login, "
        "then refresh here.",
        "zh-TW": "請執行一次 Codex (任何提示皆可) 讓它重新整理 ChatGPT 登入,然後在這裡重新整理。",
        "zh-CN": "请运行一次 Codex (任何提示均可) 让它刷新 ChatGPT 登录,然后在这里刷新。",
    },
    "fix.codex_login_rejected": {
        "en": "OpenAI rejected Codex CLI's login: run `codex login` again (Sign in with "
        "ChatGPT), then refresh here.",
        "zh-TW": "OpenAI 拒絕了 Codex CLI 的登入：請重新執行 `codex login`（以 ChatGPT 登入），"
        "然後在這裡重新整理。",
        "zh-CN": "OpenAI 拒绝了 Codex CLI 的登录：请重新运行 `codex login`（以 ChatGPT 登录），"
        "然后在这里刷新。",
    },
    "fix.token_expired_openai_both": {
        "en": "Both OpenCode's and Codex's tokens for this account have expired: use an OpenAI "
        "model once in OpenCode, or run Codex once, then refresh here.",
        "zh-TW": "OpenCode 與 Codex 中此帳號的授權都已過期: 請在 OpenCode 中使用一次 OpenAI 模型,"
        "或執行一次 Codex,然後在這裡重新整理。",
        "zh-CN": "OpenCode 与 Codex 中此账号的授权都已过期: 请在 OpenCode 中使用一次 OpenAI 模型,"
        "或运行一次 Codex,然后在这里刷新。",
    },
    "fix.codex_file": {
        "en": "This is Codex CLI's login file: run `codex login` again (Sign in with ChatGPT), "
        "or make the file readable by you.",
        "zh-TW": "這是 Codex CLI 的登入檔: 請重新執行 `codex login` (以 ChatGPT 登入),"
        "或讓你的帳號可以讀取此檔案。",
        "zh-CN": "这是 Codex CLI 的登录文件: 请重新运行 `codex login` (以 ChatGPT 登录),"
        "或让你的账号可以读取此文件。",
    },
    "doctor.section.codex": {"en": "Codex CLI (a second source for OpenAI)",
                             "zh-TW": "Codex CLI (OpenAI 的第二個來源)",
                             "zh-CN": "Codex CLI (OpenAI 的第二个来源)"},
    "doctor.codex.none": {
        "en": "No Codex CLI login: looked for {path} and the keyring entry "
        "\"Codex Auth\" / {account}.",
        "zh-TW": "沒有 Codex CLI 登入: 已尋找 {path} 與鑰匙圈項目 \"Codex Auth\" / {account}。",
        "zh-CN": "没有 Codex CLI 登录: 已查找 {path} 与钥匙串条目 \"Codex Auth\" / {account}。",
    },
    "doctor.codex.none_home": {
        "en": "No Codex CLI here ({home} does not exist): nothing to read.",
        "zh-TW": "這裡沒有 Codex CLI ({home} 不存在): 沒有可讀取的內容。",
        "zh-CN": "这里没有 Codex CLI ({home} 不存在): 没有可读取的内容。",
    },
    "fix.codex_optional": {
        "en": "Optional: only needed if you use Codex CLI "
        "(run `codex login`, Sign in with ChatGPT).",
        "zh-TW": "選用: 只有使用 Codex CLI 時才需要 (執行 `codex login`,選擇以 ChatGPT 登入)。",
        "zh-CN": "可选: 只有使用 Codex CLI 时才需要 (运行 `codex login`,选择以 ChatGPT 登录)。",
    },
    "doctor.codex.found": {
        "en": "Read {source}: ChatGPT login {label}, account id {account}, plan {plan}.",
        "zh-TW": "已讀取 {source}: ChatGPT 登入 {label},帳號 ID {account},方案 {plan}。",
        "zh-CN": "已读取 {source}: ChatGPT 登录 {label},账号 ID {account},套餐 {plan}。",
    },
    "doctor.codex.expires": {
        "en": "Its token is valid until {time}.",
        "zh-TW": "其授權有效至 {time}。",
        "zh-CN": "其授权有效至 {time}。",
    },
    "doctor.codex.expired": {
        "en": "Its token expired at {time}.",
        "zh-TW": "其授權已於 {time} 過期。",
        "zh-CN": "其授权已于 {time} 过期。",
    },
    "doctor.codex.same_account": {
        "en": "The same ChatGPT account as OpenCode's openai entry: shown once, with the token "
        "that expires last (from {source}).",
        "zh-TW": "與 OpenCode 的 openai 項目是同一個 ChatGPT 帳號: 只顯示一次,使用最晚過期的授權 "
        "(來自 {source})。",
        "zh-CN": "与 OpenCode 的 openai 条目是同一个 ChatGPT 账号: 只显示一次,使用最晚过期的授权 "
        "(来自 {source})。",
    },
    "doctor.codex.other_account": {
        "en": "A different ChatGPT account from OpenCode's: both are shown, side by side.",
        "zh-TW": "與 OpenCode 的是不同的 ChatGPT 帳號: 兩者並列顯示。",
        "zh-CN": "与 OpenCode 的是不同的 ChatGPT 账号: 两者并列显示。",
    },
    "doctor.codex.api_key_only": {
        "en": "Codex is logged in with an API key only ({source}): an API key has no ChatGPT "
        "subscription quota, so it is not shown.",
        "zh-TW": "Codex 只以 API 金鑰登入 ({source}): API 金鑰沒有 ChatGPT 訂閱額度,因此不顯示。",
        "zh-CN": "Codex 只以 API 密钥登录 ({source}): API 密钥没有 ChatGPT 订阅额度,因此不显示。",
    },
    "fix.codex_chatgpt_login": {
        "en": "To see your plan's limits, run `codex login` and choose Sign in with ChatGPT.",
        "zh-TW": "若要查看方案額度,請執行 `codex login` 並選擇以 ChatGPT 登入。",
        "zh-CN": "若要查看套餐额度,请运行 `codex login` 并选择以 ChatGPT 登录。",
    },
    "doctor.codex.no_tokens": {
        "en": "{source} holds no ChatGPT tokens (tokens.access_token is missing).",
        "zh-TW": "{source} 中沒有 ChatGPT 授權 (缺少 tokens.access_token)。",
        "zh-CN": "{source} 中没有 ChatGPT 授权 (缺少 tokens.access_token)。",
    },
    "doctor.codex.keyring_skipped": {
        "en": "The demo does not read the keyring (Codex's entry \"Codex Auth\" / {account}).",
        "zh-TW": "示範模式不讀取鑰匙圈 (Codex 的項目 \"Codex Auth\" / {account})。",
        "zh-CN": "演示模式不读取钥匙串 (Codex 的条目 \"Codex Auth\" / {account})。",
    },
})

# Kimi Code's own login (issue 16 §3): read only, never refreshed.
MESSAGES.update({
    "error.kimi_code_expired": {
        "en": "Kimi Code: the login in {path} expired at {time}; it is not sent (refreshing it "
        "here would log Kimi Code out).",
        "zh-TW": "Kimi Code: {path} 中的登入已於 {time} 過期;不會送出 (在這裡更新它會讓 Kimi Code "
        "登出)。",
        "zh-CN": "Kimi Code: {path} 中的登录已于 {time} 过期;不会发送 (在这里刷新它会让 Kimi Code "
        "退出登录)。",
    },
    "fix.kimi_code_expired": {
        "en": "Run `kimi` to log in again (or just start it: it renews the token while it runs), "
        "then refresh here. An API key (kimi-for-coding in OpenCode, or $KIMI_API_KEY) does not "
        "expire.",
        "zh-TW": "執行 `kimi` 重新登入 (或直接啟動它: 執行時會更新授權),然後在這裡重新整理。"
        "API Key (OpenCode 中的 kimi-for-coding,或 $KIMI_API_KEY) 不會過期。",
        "zh-CN": "运行 `kimi` 重新登录 (或直接启动它: 运行时会刷新授权),然后在这里刷新。"
        "API Key (OpenCode 中的 kimi-for-coding,或 $KIMI_API_KEY) 不会过期。",
    },
    "fix.kimi_code_login": {
        "en": "This is Kimi Code's login file: run `kimi` to log in again, or make the file "
        "readable by you.",
        "zh-TW": "這是 Kimi Code 的登入檔: 請執行 `kimi` 重新登入,或讓你的帳號可以讀取此檔案。",
        "zh-CN": "这是 Kimi Code 的登录文件: 请运行 `kimi` 重新登录,或让你的账号可以读取此文件。",
    },
    "doctor.src.kimi_code_absent": {
        "en": "No Kimi Code login (looked in {folder} for kimi-code.json and "
        "kimi-code-env-*.json); optional.",
        "zh-TW": "沒有 Kimi Code 登入 (已在 {folder} 中尋找 kimi-code.json 與 "
        "kimi-code-env-*.json);選用。",
        "zh-CN": "没有 Kimi Code 登录 (已在 {folder} 中查找 kimi-code.json 与 "
        "kimi-code-env-*.json);可选。",
    },
    "doctor.src.kimi_code_used": {
        "en": "Kimi Code's login is used for Kimi ({masked}, {api}), valid until {time}; read "
        "only, never refreshed.",
        "zh-TW": "Kimi 使用 Kimi Code 的登入 ({masked},{api}),有效至 {time};只讀取,從不更新。",
        "zh-CN": "Kimi 使用 Kimi Code 的登录 ({masked},{api}),有效至 {time};只读取,从不刷新。",
    },
    "doctor.src.kimi_code_shadowed": {
        "en": "Not used: Kimi's API key (kimi-for-coding or $KIMI_API_KEY) comes first.",
        "zh-TW": "未使用: Kimi 的 API Key (kimi-for-coding 或 $KIMI_API_KEY) 優先。",
        "zh-CN": "未使用: Kimi 的 API Key (kimi-for-coding 或 $KIMI_API_KEY) 优先。",
    },
    "doctor.src.kimi_code_expired": {
        "en": "The token expired at {time}: not sent.",
        "zh-TW": "授權已於 {time} 過期: 不會送出。",
        "zh-CN": "授权已于 {time} 过期: 不会发送。",
    },
    "doctor.src.kimi_code_unknown_slot": {
        "en": "A login for a custom Kimi Code environment (KIMI_CODE_BASE_URL): not used, its "
        "server is not known here.",
        "zh-TW": "自訂 Kimi Code 環境 (KIMI_CODE_BASE_URL) 的登入: 不使用,這裡不知道它的伺服器。",
        "zh-CN": "自定义 Kimi Code 环境 (KIMI_CODE_BASE_URL) 的登录: 不使用,这里不知道它的服务器。",
    },
})

# OpenCode 2 read as OpenCode reads it (issue 16 §1) and the SQLite deadline (issue 17 §4).
MESSAGES.update({
    "doctor.codex.pat_used": {
        "en": "Its personal_access_token is used as the ChatGPT bearer (the access token is "
        "missing or has expired); it is read, never refreshed.",
        "zh-TW": "使用其 personal_access_token 作為 ChatGPT 授權 (access token 不存在或已過期);"
        "只讀取,從不更新。",
        "zh-CN": "使用其 personal_access_token 作为 ChatGPT 授权 (access token 不存在或已过期);"
        "只读取,从不刷新。",
    },
    "doctor.src.env_beside_broken": {
        "en": "${var} is used because OpenCode's entry for this provider is not usable ({entries}; "
        "its error is listed above).",
        "zh-TW": "因為 OpenCode 中此平台的項目無法使用 ({entries};錯誤列於上方),所以使用 ${var}。",
        "zh-CN": "因为 OpenCode 中此平台的条目无法使用 ({entries};错误列于上方),所以使用 ${var}。",
    },
    "doctor.src.row_active": {
        "en": "{integration}: row \"{label}\" ({id}), its \"active\" flag is set ({rows} row(s))",
        "zh-TW": "{integration}: 資料列 \"{label}\" ({id}),其 \"active\" 標記已設定 "
        "(共 {rows} 筆)",
        "zh-CN": "{integration}: 记录 \"{label}\" ({id}),其 \"active\" 标记已设置 (共 {rows} 行)",
    },
    "doctor.src.row_newest": {
        "en": "{integration}: row \"{label}\" ({id}), the newest: no row is marked active "
        "({rows} row(s); rows imported from auth.json have none)",
        "zh-TW": "{integration}: 資料列 \"{label}\" ({id}),最新的一筆: 沒有標記為 active 的資料列"
        " (共 {rows} 筆;從 auth.json 匯入的資料列沒有此標記)",
        "zh-CN": "{integration}: 记录 \"{label}\" ({id}),最新的一行: 没有标记为 active 的记录"
        " (共 {rows} 行;从 auth.json 导入的记录没有此标记)",
    },
    "error.credential_db_slow": {
        "en": "Reading OpenCode's database {path} took longer than {seconds} s and was stopped.",
        "zh-TW": "讀取 OpenCode 的資料庫 {path} 超過 {seconds} 秒,已停止。",
        "zh-CN": "读取 OpenCode 的数据库 {path} 超过 {seconds} 秒,已停止。",
    },
    "fix.credential_db_slow": {
        "en": "The file's credential table (or a view in its place) is damaged or unusually "
        "large. Start OpenCode once so it repairs the database, or log in again "
        "(opencode auth login). The other sources are still used; it is read again at the "
        "next refresh.",
        "zh-TW": "該檔案的 credential 資料表 (或取代它的檢視) 已損壞或異常龐大。請啟動一次 OpenCode"
        " 讓它修復資料庫,或重新登入 (opencode auth login)。其他來源仍會使用;"
        "下次重新整理時會再讀取。",
        "zh-CN": "该文件的 credential 表 (或代替它的视图) 已损坏或异常庞大。请启动一次 OpenCode"
        " 让它修复数据库,或重新登录 (opencode auth login)。其他来源仍会使用;下次刷新时会再读取。",
    },
})
