"""Messages and labels in en, zh-TW and zh-CN; the language comes from --lang, the config,
or the locale. `t()` formats one message; `error_text()` renders an `ErrorInfo` as
(message, fix) in the chosen language."""

from __future__ import annotations

import locale
import os
from collections.abc import Mapping

from tray_app.errors import ErrorInfo, ErrorKind, better_fix
from tray_app.i18n.catalog import CATALOG
from tray_app.i18n.punctuation import fullwidth
from tray_app.model import Notice, Window

LANGUAGES = ("en", "zh-TW", "zh-CN")


def normalize(lang: str | None) -> str | None:
    if not lang:
        return None
    code = lang.strip().replace("_", "-").split(".")[0].lower()
    if code in ("zh-tw", "zh-hk", "zh-mo", "zh-hant") or code.startswith("zh-hant"):
        return "zh-TW"
    if code.startswith("zh"):
        return "zh-CN"
    if code.startswith("en") or code in ("c", "posix"):
        return "en"
    return None


def detect_language(
    explicit: str | None = None,
    configured: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> str:
    environ = os.environ if environ is None else environ
    for candidate in (explicit, configured):
        found = normalize(candidate)
        if found:
            return found
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = environ.get(var)
        if value:
            found = normalize(value.split(":")[0])
            return found or "en"
    try:
        found = normalize(locale.getlocale()[0])
    except ValueError:
        found = None
    return found or "en"


def t(key: str, lang: str = "en", **params: object) -> str:
    entry = CATALOG.get(key)
    if entry is None:
        return key
    template = entry.get(lang) or entry["en"]
    if lang.startswith("zh"):
        template = fullwidth(template)  # ，：（） next to Chinese, whatever the catalog has
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return entry["en"].format_map(_Default(params))


class _Default(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _retry_text(seconds: float | None, lang: str) -> str:
    if seconds is None:
        return t("retry.later", lang)
    return t("retry.after", lang, duration=format_duration(seconds, lang))


def format_duration(seconds: float, lang: str = "en") -> str:
    """Compact countdown: 45s, 12m, 3h 20m, 2d 4h."""
    s = max(0, round(seconds))
    days, rem = divmod(s, 86400)
    hours, rem = divmod(rem, 3600)
    minutes, secs = divmod(rem, 60)
    u = {k: t(f"unit.{k}", lang) for k in ("d", "h", "m", "s")}
    if days:
        return f"{days}{u['d']} {hours}{u['h']}"
    if hours:
        return f"{hours}{u['h']} {minutes}{u['m']}"
    if minutes:
        return f"{minutes}{u['m']}"
    return f"{secs}{u['s']}"


def error_text(info: ErrorInfo, lang: str = "en") -> tuple[str, str]:
    """(message, fix) for one error, in `lang`. Neither ever contains a secret."""
    params: dict[str, object] = {
        **dict(info.extra),  # e.g. the entry and field of credential_invalid
        "provider": info.provider or "?",
        "status": info.status if info.status is not None else "",
        "detail": info.detail,
        "path": info.path,
        "retry": _retry_text(info.retry_after, lang),
        "url": info.get("url"),
        "timeout": info.detail or "10",
    }
    kind = info.kind
    # a provider may name a more precise message than its kind's (e.g. a pay-as-you-go key)
    message = t(info.get("msg") or info.get("message") or f"error.{kind.value}", lang, **params)
    if info.get("fix"):
        fix_key = info.get("fix")
    elif kind is ErrorKind.HTTP_ERROR:
        status = info.status or 0
        if status in (401, 403):
            fix_key = "fix.http_auth"
        elif status == 404:
            fix_key = "fix.http_not_found"
        elif status >= 500:
            fix_key = "fix.http_server"
        else:
            fix_key = "fix.http_other"
    else:
        fix_key = f"fix.{kind.value}"
    return message, t(better_fix(info, fix_key), lang, **params)


def window_label(window: Window, lang: str = "en") -> str:
    if not window.label_key:
        return window.label
    return t(window.label_key, lang, **dict(window.label_params))


def notice_text(notice: Notice, lang: str = "en") -> str:
    return t(notice.key, lang, **dict(notice.params))
