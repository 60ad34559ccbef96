"""Messages for provider responses as they are now (a CDN challenge instead of the API's
answer), in en / zh-TW / zh-CN; merged into `catalog.CATALOG` (a key may be defined in one
module only)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "error.network_blocked": {
        "en": "{provider}: the request was stopped on the way by a CDN challenge page "
        "(HTTP {status}, {detail}); the API never saw it, so this is not about your token.",
        "zh-TW": "{provider}: 請求在途中被 CDN 的驗證頁面攔下 (HTTP {status}, {detail}); "
        "API 並未收到請求,這與您的 Token 無關。",
        "zh-CN": "{provider}: 请求在途中被 CDN 的验证页面拦下 (HTTP {status}, {detail}); "
        "API 并未收到请求,这与您的 Token 无关。",
    },
    "fix.network_blocked": {
        "en": "Your login is fine: the app retries later by itself. If it persists, the "
        "network path is flagged (VPN, proxy, shared or data-centre IP address): try without "
        "the VPN or from another network. Logging in again does not help.",
        "zh-TW": "您的登入沒有問題: 程式稍後會自動重試。若持續發生,表示此網路路徑被標記 "
        "(VPN、代理、共用或機房 IP): 請關閉 VPN 或改用其他網路。重新登入無法解決。",
        "zh-CN": "您的登录没有问题: 程序稍后会自动重试。若持续发生,说明此网络路径被标记 "
        "(VPN、代理、共享或机房 IP): 请关闭 VPN 或换用其他网络。重新登录无法解决。",
    },
}
