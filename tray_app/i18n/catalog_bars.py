"""Messages for this area, in en / zh-TW / zh-CN; merged into `catalog.CATALOG` (a key may
be defined in one module only): status bars, metrics and `guard`."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "bar.used": {"en": "{pct}%", "zh-TW": "{pct}%", "zh-CN": "{pct}%"},
    "bar.left": {"en": "{pct}% left", "zh-TW": "剩 {pct}%", "zh-CN": "剩 {pct}%"},
    "bar.age": {"en": "({age} old)", "zh-TW": "({age} 前)", "zh-CN": "({age} 前)"},
    "bar.no_accounts": {"en": "no accounts", "zh-TW": "沒有帳號", "zh-CN": "没有账号"},
    "bar.failed": {"en": "mystatus failed", "zh-TW": "mystatus 失敗", "zh-CN": "mystatus 失败"},
    "bar.more_accounts": {"en": "+{n} more (mystatus-tray status)",
                          "zh-TW": "還有 {n} 個 (mystatus-tray status)",
                          "zh-CN": "还有 {n} 个 (mystatus-tray status)"},
    "bar.lock_unavailable": {
        "en": "cannot use the refresh lock {path}; refreshing without it (make the state folder "
        "writable to share one refresh between bars)",
        "zh-TW": "無法使用更新鎖 {path},改為不加鎖直接更新 (讓狀態資料夾可寫入,多個狀態列即可共用"
        "一次更新)",
        "zh-CN": "无法使用刷新锁 {path},改为不加锁直接刷新 (让状态文件夹可写入,多个状态栏即可共享"
        "一次刷新)",
    },
    "bar.output_private": {
        "en": "{path} names accounts, so it was created readable by you only (0600); "
        "--metrics-labels hashed or none keeps e-mails out and makes it 0644",
        "zh-TW": "{path} 含有帳號名稱,因此建立為僅限自己讀取 (0600);"
        "--metrics-labels hashed 或 none 可不含電子郵件並建立為 0644",
        "zh-CN": "{path} 含有账号名称,因此创建为仅限自己读取 (0600);"
        "--metrics-labels hashed 或 none 可不含电子邮件并创建为 0644",
    },
    "bar.output_failed": {
        "en": "cannot write {path} ({error}); check that its folder exists and is writable",
        "zh-TW": "無法寫入 {path} ({error});請確認其資料夾存在且可寫入",
        "zh-CN": "无法写入 {path} ({error});请确认其文件夹存在且可写入",
    },
    "bar.salt_unavailable": {
        "en": "cannot keep the metrics hash key in {path}; account labels are left out "
        "(as --metrics-labels none)",
        "zh-TW": "無法在 {path} 保存指標雜湊金鑰;帳號標籤改為省略 (如同 --metrics-labels none)",
        "zh-CN": "无法在 {path} 保存指标哈希密钥;账号标签改为省略 (如同 --metrics-labels none)",
    },
    "guard.fault": {
        "en": "UNAVAILABLE {provider}: mystatus-tray could not check ({error}); see "
        "mystatus-tray doctor",
        "zh-TW": "無法取得 {provider}: mystatus-tray 無法檢查 ({error});"
        "請執行 mystatus-tray doctor",
        "zh-CN": "无法获取 {provider}: mystatus-tray 无法检查 ({error});"
        "请运行 mystatus-tray doctor",
    },
    "guard.stale_unavailable": {
        "en": "UNAVAILABLE {provider}: the numbers are {age} old ({reason}); last seen: {line}",
        "zh-TW": "無法取得 {provider}: 數字已是 {age} 前的 ({reason});上次: {line}",
        "zh-CN": "无法获取 {provider}: 数字已是 {age} 前的 ({reason});上次: {line}",
    },
    "guard.reason_failed": {"en": "the refresh failed", "zh-TW": "更新失敗",
                            "zh-CN": "刷新失败"},
    "guard.reason_old": {"en": "older than --max-age", "zh-TW": "超過 --max-age",
                         "zh-CN": "超过 --max-age"},
    "cli.help.metrics_labels": {
        "en": "account labels in the prometheus format: full (the e-mail or masked key), "
        "hashed (a keyed hash, stable on this machine) or none (config: metrics_labels)",
        "zh-TW": "prometheus 格式中的帳號標籤: full (電子郵件或遮蔽後的金鑰)、hashed (加金鑰的雜湊,"
        "在本機固定) 或 none (設定: metrics_labels)",
        "zh-CN": "prometheus 格式中的账号标签: full (电子邮件或遮蔽后的密钥)、hashed (加密钥的哈希,"
        "在本机固定) 或 none (配置: metrics_labels)",
    },
    "cli.help.format": {
        "en": "output format: text (default), json, or a status-bar / metrics format "
        "(waybar, polybar, i3blocks, prometheus; these default to --max-age 60 and always exit 0)",
        "zh-TW": "輸出格式: text (預設)、json,或狀態列/指標格式 (waybar、polybar、i3blocks、"
        "prometheus;這些預設 --max-age 60,且一律以 0 結束)",
        "zh-CN": "输出格式: text (默认)、json,或状态栏/指标格式 (waybar、polybar、i3blocks、"
        "prometheus;这些默认 --max-age 60,且总是以 0 退出)",
    },
    "cli.help.max_age": {
        "en": "print the saved numbers (the tray's or an earlier status's) without any request "
        "while they are younger than SECONDS; otherwise refresh once (shared with concurrent "
        "invocations), save and print",
        "zh-TW": "已儲存的數字 (系統匣或先前 status 的) 未超過 SECONDS 秒時直接輸出,不發任何請求;"
        "否則更新一次 (與同時執行的呼叫共用)、儲存並輸出",
        "zh-CN": "已保存的数字 (托盘或之前 status 的) 未超过 SECONDS 秒时直接输出,不发任何请求;"
        "否则刷新一次 (与同时运行的调用共享)、保存并输出",
    },
    "cli.help.watch": {
        "en": "print a new line every SECONDS until stopped (waybar's continuous mode)",
        "zh-TW": "每 SECONDS 秒輸出一行新內容,直到停止 (waybar 的連續模式)",
        "zh-CN": "每 SECONDS 秒输出一行新内容,直到停止 (waybar 的连续模式)",
    },
    "cli.help.output": {
        "en": "write to FILE atomically instead of printing (e.g. a textfile collector's .prom)",
        "zh-TW": "以原子方式寫入 FILE 而非輸出 (例如 textfile collector 的 .prom)",
        "zh-CN": "以原子方式写入 FILE 而非输出 (例如 textfile collector 的 .prom)",
    },
    "cli.help.guard": {
        "en": "exit 0 if a provider's windows are within a limit (for scripts and agents)",
        "zh-TW": "若某平台的額度視窗在限制內則以 0 結束 (給腳本與代理程式用)",
        "zh-CN": "若某平台的额度窗口在限制内则以 0 退出 (给脚本与代理程序用)",
    },
    "cli.help.guard_long": {
        "en": "Check a provider's quota windows against a limit. Exit code 0: every selected "
        "window is within it, 1: one is not, 69: the number is not available (error, no "
        "account, no such window).",
        "zh-TW": "檢查某平台的額度視窗是否在限制內。結束代碼 0: 所選視窗都在限制內,1: 有一個超出,"
        "69: 無法取得數字 (錯誤、沒有帳號、沒有這個視窗)。",
        "zh-CN": "检查某平台的额度窗口是否在限制内。退出码 0: 所选窗口都在限制内,1: 有一个超出,"
        "69: 无法获取数字 (错误、没有账号、没有这个窗口)。",
    },
    "cli.help.guard_provider": {
        "en": "provider id (openai, zhipu, zai, copilot, antigravity, claude, opencode-go, "
        "kimi, minimax)",
        "zh-TW": "平台 id (openai、zhipu、zai、copilot、antigravity、claude、opencode-go、"
        "kimi、minimax)",
        "zh-CN": "平台 id (openai、zhipu、zai、copilot、antigravity、claude、opencode-go、"
        "kimi、minimax)",
    },
    "cli.help.guard_window": {
        "en": "only this window id (5h, weekly, monthly, ...; see status --json); default: all",
        "zh-TW": "只檢查這個視窗 id (5h、weekly、monthly…;見 status --json);預設: 全部",
        "zh-CN": "只检查这个窗口 id (5h、weekly、monthly…;见 status --json);默认: 全部",
    },
    "cli.help.guard_max_used": {
        "en": "within when at most N % is used",
        "zh-TW": "已用不超過 N % 即在限制內",
        "zh-CN": "已用不超过 N % 即在限制内",
    },
    "cli.help.guard_min_left": {
        "en": "within when at least N % is left",
        "zh-TW": "至少剩餘 N % 即在限制內",
        "zh-CN": "至少剩余 N % 即在限制内",
    },
    "cli.help.guard_json": {
        "en": "print the verdict as JSON",
        "zh-TW": "以 JSON 輸出結果",
        "zh-CN": "以 JSON 输出结果",
    },
    "guard.within": {
        "en": "OK {provider} {window} ({account}): {used}% used, {left}% left ({limit})",
        "zh-TW": "正常 {provider} {window} ({account}): 已用 {used}%,剩餘 {left}% ({limit})",
        "zh-CN": "正常 {provider} {window} ({account}): 已用 {used}%,剩余 {left}% ({limit})",
    },
    "guard.over": {
        "en": "OVER {provider} {window} ({account}): {used}% used, {left}% left ({limit})",
        "zh-TW": "超出 {provider} {window} ({account}): 已用 {used}%,剩餘 {left}% ({limit})",
        "zh-CN": "超出 {provider} {window} ({account}): 已用 {used}%,剩余 {left}% ({limit})",
    },
    "guard.limit_used": {"en": "limit: at most {pct}% used", "zh-TW": "限制: 已用最多 {pct}%",
                         "zh-CN": "限制: 已用最多 {pct}%"},
    "guard.limit_left": {"en": "limit: at least {pct}% left", "zh-TW": "限制: 至少剩餘 {pct}%",
                         "zh-CN": "限制: 至少剩余 {pct}%"},
    "guard.stale": {"en": "(stale numbers)", "zh-TW": "(數字已過時)", "zh-CN": "(数字已过时)"},
    "guard.no_provider": {
        "en": "UNAVAILABLE {provider}: no numbers (not configured, turned off, or unknown id)",
        "zh-TW": "無法取得 {provider}: 沒有數字 (未設定、已關閉或 id 不明)",
        "zh-CN": "无法获取 {provider}: 没有数字 (未配置、已关闭或 id 不明)",
    },
    "guard.no_numbers": {
        "en": "UNAVAILABLE {provider}: no usable numbers (see mystatus-tray status)",
        "zh-TW": "無法取得 {provider}: 沒有可用的數字 (見 mystatus-tray status)",
        "zh-CN": "无法获取 {provider}: 没有可用的数字 (见 mystatus-tray status)",
    },
    "guard.no_window": {
        "en": "UNAVAILABLE {provider}: no window \"{window}\" with a number "
        "(ids: mystatus-tray status --json)",
        "zh-TW": "無法取得 {provider}: 沒有帶數字的視窗 \"{window}\" "
        "(id: mystatus-tray status --json)",
        "zh-CN": "无法获取 {provider}: 没有带数字的窗口 \"{window}\" "
        "(id: mystatus-tray status --json)",
    },
}
