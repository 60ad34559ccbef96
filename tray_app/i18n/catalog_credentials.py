"""Messages for this area, in en / zh-TW / zh-CN; merged into `catalog.CATALOG` (a key may
be defined in one module only)."""

from __future__ import annotations

_REQUIREMENTS = {
    "en": "OpenAI needs type \"oauth\" and \"access\"; Zhipu AI / Z.ai need type \"api\" and "
    "\"key\"; GitHub Copilot needs type \"oauth\" and \"refresh\".",
    "zh-TW": "各平台的設定要求: OpenAI 必須有 type \"oauth\" 和 \"access\";智譜 AI / Z.ai 必須有 "
    "type \"api\" 和 \"key\";GitHub Copilot 必須有 type \"oauth\" 和 \"refresh\"。",
    "zh-CN": "各平台的配置要求: OpenAI 必须有 type \"oauth\" 和 \"access\";智谱 AI / Z.ai 必须有 "
    "type \"api\" 和 \"key\";GitHub Copilot 必须有 type \"oauth\" 和 \"refresh\"。",
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
        "en": "{active} active row(s) used, {inactive} inactive row(s) (accounts switched away "
        "from, never read)",
        "zh-TW": "使用 {active} 筆啟用中的資料列,{inactive} 筆未啟用 (已切換離開的帳號,從不讀取)",
        "zh-CN": "使用 {active} 行启用中的记录,{inactive} 行未启用 (已切换离开的账号,从不读取)",
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
        "en": "The credential table has no \"active\" column (an OpenCode 2.0 beta): the most "
        "recently updated row of each integration is used.",
        "zh-TW": "credential 資料表沒有 \"active\" 欄位 (OpenCode 2.0 測試版): 每個整合使用最近更新"
        "的資料列。",
        "zh-CN": "credential 表没有 \"active\" 列 (OpenCode 2.0 测试版): 每个集成使用最近更新"
        "的记录。",
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
