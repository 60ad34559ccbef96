"""Asks the status pages of the providers the user has accounts for, at most every
`INTERVAL` per provider (whoever asked last: the checks are shared through outages.json), on a
thread of its own started when the quota refresh has found its accounts, so the refresh never
waits for it. A page that does not answer keeps what it said last time until the next check.

Threading: `poke()` may be called from any thread; at most one check runs at a time; `current`
is an immutable tuple swapped as one reference. `wait()` is for one-shot commands (`status`)
that print once: they give the check a short grace after the quota refresh, never more."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from tray_app.errors import QuotaError
from tray_app.model import utcnow
from tray_app.outages.feed import FeedError, parse_summary
from tray_app.outages.model import Outage
from tray_app.outages.pages import STATUS_PAGES, StatusPage, summary_url
from tray_app.outages.store import OUTAGES_FILE, Checked, load_checks, save_checks
from tray_app.secrets import scrub

log = logging.getLogger(__name__)
INTERVAL = timedelta(minutes=3)  # a page is asked at most this often
KEEP = timedelta(hours=1)  # what a page said is shown this long while it does not answer
FEED_TIMEOUT = 5.0  # seconds; status pages are on CDNs and answer fast
GRACE = 2.0  # seconds a one-shot command waits for the check after its quota refresh

GRACE_ENV = "MYSTATUS_STATUS_WAIT"  # seconds instead of GRACE (slow networks, the tests)


def grace(environ: Mapping[str, str] | None = None) -> float:
    """How long a one-shot command waits for the status pages after its refresh: GRACE, or
    `MYSTATUS_STATUS_WAIT` seconds (0 to 30)."""
    import os

    raw = (os.environ if environ is None else environ).get(GRACE_ENV, "").strip()
    try:
        value = float(raw)
    except ValueError:
        return GRACE
    return value if 0 <= value <= 30 else GRACE


GetJson = Callable[[str, str], Any]  # (url, provider id) → parsed JSON; raises QuotaError
# after each check: (what is shown now, the providers whose page answered this time)
OnResult = Callable[[tuple[Outage, ...], frozenset[str]], object]


def active(checks: Mapping[str, Checked], provider_ids: Iterable[str],
           now: datetime) -> tuple[Outage, ...]:
    """The outages to show: of these providers, from checks no older than KEEP (pure)."""
    out: list[Outage] = []
    for pid in provider_ids:
        check = checks.get(pid)
        if check is not None and now - check.checked_at <= KEEP:
            out.extend(check.outages)
    return tuple(out)


def due(checks: Mapping[str, Checked], provider_ids: Iterable[str],
        now: datetime) -> list[StatusPage]:
    """The pages to ask now: of providers with a status page, not asked within INTERVAL."""
    pages = []
    for pid in dict.fromkeys(provider_ids):
        page = STATUS_PAGES.get(pid)
        check = checks.get(pid)
        if page is not None and (check is None or now - check.checked_at >= INTERVAL
                                 or check.checked_at > now):
            pages.append(page)
    return pages


class OutageWatch:
    def __init__(self, get_json: GetJson, *, state_dir: Path,
                 urls: Mapping[str, str] | None = None,
                 environ: Mapping[str, str] | None = None,
                 enabled: Callable[[], bool] = lambda: True,
                 on_result: OnResult | None = None,
                 clock: Callable[[], datetime] = utcnow, concurrent: bool = True) -> None:
        """`concurrent=False` (the tray): the due pages one after the other on the watch's
        own thread. There each GET is a child process of its own (engine_child.ChildJson),
        so this keeps one child and no extra threads at a time; the CLI asks them at once."""
        self._get_json = get_json
        self._concurrent = concurrent
        self._path = state_dir / OUTAGES_FILE
        self._urls = dict(urls or {})
        self.environ = environ  # settable: the demo's comes with its simulator
        self._enabled = enabled
        self._on_result = on_result
        self._clock = clock
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._providers: tuple[str, ...] = ()
        self.current: tuple[Outage, ...] = ()
        self.requests = 0  # status-page requests made by this watch (tests, debug)
        self._load()

    def _load(self) -> None:
        if self._enabled():
            checks = load_checks(self._path)
            self.current = active(checks, self._providers or tuple(checks), self._clock())

    def shown_for(self, provider_ids: Iterable[str]) -> tuple[Outage, ...]:
        """What the saved checks say about these providers (no request): for viewers of the
        saved numbers (bars, `status --max-age`, the MCP server)."""
        if not self._enabled():
            return ()
        return active(load_checks(self._path), provider_ids, self._clock())

    def poke(self, provider_ids: Iterable[str]) -> None:
        """Start a check of the pages that are due, unless one is running (non-blocking)."""
        ids = tuple(provider_ids)
        if not self._enabled():
            self.current = ()
            return
        with self._lock:
            self._providers = ids
            if self._thread is not None and self._thread.is_alive():
                return
            self._thread = threading.Thread(target=self._run, args=(ids,), daemon=True,
                                            name="outages")
            self._thread.start()

    def close(self) -> None:
        close = getattr(self._get_json, "close", None)
        if close is not None:
            close()

    def wait(self, timeout: float | None = None) -> None:
        """Give a running check at most `timeout` seconds (default: `grace()`) to finish."""
        thread = self._thread
        if thread is not None:
            thread.join(grace() if timeout is None else timeout)

    def _run(self, ids: tuple[str, ...]) -> None:
        try:
            self.check(ids)
        except Exception as exc:  # a bug here must never reach the refresh or the tray
            log.error("status pages: %s", scrub(repr(exc)))

    def check(self, ids: tuple[str, ...]) -> tuple[Outage, ...]:
        """Ask the due pages of `ids` (concurrently), save, and publish; returns current."""
        now = self._clock()
        checks = load_checks(self._path)
        pages = due(checks, ids, now)
        answered: set[str] = set()
        if pages:
            if self._concurrent and len(pages) > 1:
                with ThreadPoolExecutor(max_workers=len(pages),
                                        thread_name_prefix="status") as pool:
                    results = list(pool.map(self._ask, pages))
            else:
                results = [self._ask(page) for page in pages]
            now = self._clock()
            checks = load_checks(self._path)  # another process may have saved meanwhile
            for page, found in zip(pages, results, strict=True):
                old = checks.get(page.provider)
                if found is None:  # unanswered: what it said last time, once more
                    kept = old.outages if old is not None and old.ok else ()
                    checks[page.provider] = Checked(now, kept, ok=False)
                else:
                    checks[page.provider] = Checked(now, found)
                    answered.add(page.provider)
            try:
                save_checks(checks, self._path)
            except OSError as exc:
                log.warning("cannot save %s: %s", self._path, exc)
        self.current = active(checks, ids, now)
        if self._on_result is not None:
            self._on_result(self.current, frozenset(answered))
        return self.current

    def _ask(self, page: StatusPage) -> tuple[Outage, ...] | None:
        url = summary_url(page, self._urls, self.environ)
        self.requests += 1
        try:
            return parse_summary(self._get_json(url, page.provider), page)
        except (QuotaError, FeedError) as exc:
            log.info("status page of %s: %s", page.provider, scrub(str(exc)))
            return None


class _LazyJson:
    """GET → JSON with the app's one HTTP client (net/http.py), built on the first check (the
    tray shows its icon without httpx), with the status pages' short timeout."""

    def __init__(self) -> None:
        self._http: Any = None
        self._lock = threading.Lock()

    def __call__(self, url: str, provider: str) -> Any:
        with self._lock:
            if self._http is None:
                from tray_app.net.http import HttpClient

                self._http = HttpClient(timeout=FEED_TIMEOUT)
        return self._http.get_json(url, provider=provider)

    def close(self) -> None:
        with self._lock:
            if self._http is not None:
                self._http.close()
                self._http = None


def build_watch(settings: Callable[[], Any], state_dir: Path, *,
                environ: Mapping[str, str] | None = None,
                on_result: OnResult | None = None,
                in_child: bool = False) -> OutageWatch:
    """The watch as the tray, `status` and the MCP server use it: on while the setting
    `provider_status` is, base URLs from `[urls]` / `MYSTATUS_STATUS_*_URL`. `in_child`
    (the tray): each GET in the engine child, so the tray never imports httpx."""
    get_json: Any
    if in_child:
        from tray_app.engine_child import ChildJson

        get_json = ChildJson(FEED_TIMEOUT)
    else:
        get_json = _LazyJson()
    return OutageWatch(get_json, state_dir=state_dir, concurrent=not in_child, urls=settings().urls,
                       environ=environ, enabled=lambda: bool(settings().provider_status),
                       on_result=on_result)
