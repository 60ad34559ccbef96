"""Messages for this area, in en / zh-TW / zh-CN; merged into `catalog.CATALOG` (a key may
be defined in one module only)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {}

# Codex CLI as a second OpenAI source (issue 9 §2): expired-token fixes and `doctor`.
MESSAGES.update({
    "fix.token_expired_codex": {
        "en": "Run Codex once (any prompt) so that it refreshes its ChatGPT login, "
        "then refresh here.",
        "zh-TW": "請執行一次 Codex (任何提示皆可) 讓它重新整理 ChatGPT 登入,然後在這裡重新整理。",
        "zh-CN": "请运行一次 Codex (任何提示均可) 让它刷新 ChatGPT 登录,然后在这里刷新。",
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
