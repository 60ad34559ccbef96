"""One refresh: read credentials, fetch every account of every provider concurrently, and
assemble a frozen `Snapshot`. The CLI and the tray's poller both call `Engine.refresh()`.

Threading: `refresh()` may be called from any one thread at a time; fetches run on the
engine's own pool (created once, closed by `close()`), so no threads are created per refresh.
A fetch that raises `QuotaError` becomes that account's error; any other exception is logged
(scrubbed) and reported as `invalid_response`, never propagated.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from datetime import datetime
from typing import Any

from tray_app.credentials import CredentialLoader, CredentialSet
from tray_app.errors import ErrorInfo, ErrorKind, QuotaError
from tray_app.model import Account, ProviderUsage, Snapshot, utcnow
from tray_app.net.endpoints import base_url
from tray_app.net.http import HttpClient
from tray_app.providers.base import AccountRef, Context, ProviderSpec
from tray_app.providers.registry import REGISTRY
from tray_app.secrets import scrub

log = logging.getLogger(__name__)


class Engine:
    def __init__(
        self,
        loader: CredentialLoader,
        http: HttpClient | None = None,
        *,
        providers: Iterable[ProviderSpec] = REGISTRY,
        clock: Callable[[], datetime] = utcnow,
        url_overrides: Mapping[str, str] | None = None,
        environ: Mapping[str, str] | None = None,
        max_workers: int = 12,
        memory: Mapping[str, dict[str, Any]] | None = None,
    ) -> None:
        """`memory`: each provider's `Context.memory` from an earlier engine (the tray's
        engine child gets it with each request: engine_child.py)."""
        self.loader = loader
        self.http = http or HttpClient()
        self.providers = tuple(providers)
        self.clock = clock
        self._urls = dict(url_overrides or loader.settings.urls)
        self._environ = environ
        self._contexts = {
            spec.id: Context(http=self.http, base_url=self._base_url, now=clock,
                             memory=dict((memory or {}).get(spec.id, {})))
            for spec in self.providers
        }
        self._pool = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="fetch")
        # Called with the ids of the providers that have accounts, once they are known and
        # their fetches are under way: the status pages are asked beside them (outages/).
        self.on_discovered: Callable[[tuple[str, ...]], object] | None = None

    def _base_url(self, key: str) -> str:
        return base_url(key, self._urls, self._environ)

    def memory(self) -> dict[str, dict[str, Any]]:
        """Each provider's `Context.memory` (what its next refresh reuses)."""
        return {pid: ctx.memory for pid, ctx in self._contexts.items() if ctx.memory}

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        self.http.close()

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def refresh(self, only: Iterable[str] | None = None, *, sequential: bool = False) -> Snapshot:
        """Fetch all (or `only` these) providers. `sequential` is for benchmarks only."""
        now = self.clock()
        creds = self.loader.load()
        wanted = set(only) if only is not None else None
        disabled = set(creds.settings.disabled_providers)
        plans: list[tuple[ProviderSpec, list[AccountRef] | ErrorInfo]] = []
        for spec in self.providers:
            if spec.id in disabled or (wanted is not None and spec.id not in wanted):
                continue
            plans.append((spec, _with_broken(spec, self._discover(spec, creds, now), creds)))

        futures: dict[tuple[str, int], Future[Account]] = {}
        for spec, refs in plans:
            if isinstance(refs, ErrorInfo):
                continue
            for i, ref in enumerate(refs):
                if ref.error is None:
                    if sequential:
                        done: Future[Account] = Future()
                        done.set_result(self._fetch(spec, ref))
                        futures[(spec.id, i)] = done
                    else:
                        futures[(spec.id, i)] = self._pool.submit(self._fetch, spec, ref)

        if self.on_discovered is not None:
            try:
                self.on_discovered(tuple(s.id for s, r in plans if isinstance(r, list) and r))
            except Exception as exc:  # a status-page hook must never cost the refresh
                log.error("on_discovered: %s", scrub(repr(exc)))
        fetched_at = self.clock()
        providers: list[ProviderUsage] = []
        for spec, refs in plans:
            if isinstance(refs, ErrorInfo):
                providers.append(_usage(spec, (), refs, fetched_at))
                continue
            if not refs:
                continue  # not configured: not shown
            accounts: list[Account] = []
            for i, ref in enumerate(refs):
                if ref.error is not None:
                    accounts.append(_ref_account(ref, ref.error))
                else:
                    accounts.append(futures[(spec.id, i)].result())
            # failed accounts are listed after the working ones (as the original plugin did)
            accounts.sort(key=lambda a: a.error is not None)
            providers.append(_usage(spec, tuple(accounts), None, fetched_at))

        return Snapshot(
            generated_at=fetched_at,
            providers=tuple(providers),
            # source-level problems ("no accounts" above all) need the whole picture
            problems=_problems(creds, providers) if wanted is None else (),
            requested=None if wanted is None else tuple(sorted(wanted)),
        )

    def _discover(
        self, spec: ProviderSpec, creds: CredentialSet, now: datetime
    ) -> list[AccountRef] | ErrorInfo:
        try:
            return spec.discover(creds, now)
        except QuotaError as exc:
            return exc.info
        except Exception as exc:  # a bug in one provider must not hide the others
            log.error("%s: discovery failed: %s", spec.id, scrub(repr(exc)))
            return ErrorInfo(
                ErrorKind.INVALID_RESPONSE, provider=spec.name, detail=type(exc).__name__
            )

    def _fetch(self, spec: ProviderSpec, ref: AccountRef) -> Account:
        try:
            account = spec.fetch(self._contexts[spec.id], ref)
        except QuotaError as exc:
            info = exc.info
            if not info.provider:
                info = ErrorInfo(
                    kind=info.kind,
                    provider=spec.name,
                    status=info.status,
                    detail=info.detail,
                    retry_after=info.retry_after,
                    path=info.path,
                    extra=info.extra,
                )
            log.info("%s %s: %s", spec.id, ref.label, info.kind.value)
            return _ref_account(ref, info)
        except Exception as exc:
            log.error("%s %s: unexpected %s", spec.id, ref.label, scrub(repr(exc)))
            return _ref_account(
                ref,
                ErrorInfo(
                    ErrorKind.INVALID_RESPONSE, provider=spec.name, detail=type(exc).__name__
                ),
            )
        return account


def _with_broken(
    spec: ProviderSpec, refs: list[AccountRef] | ErrorInfo, creds: CredentialSet
) -> list[AccountRef] | ErrorInfo:
    """The provider's accounts plus one error account per credential entry of it that cannot
    be used (not an object, wrong type, field missing): never silently dropped (seed problem 2)."""
    if isinstance(refs, ErrorInfo):
        return refs
    broken = [
        AccountRef(label=info.get("entry") or spec.id, error=replace(info, provider=spec.name))
        for provider_id, info in creds.auth.broken
        if provider_id == spec.id
    ]
    return [*refs, *broken] if broken else refs


def _ref_account(ref: AccountRef, error: ErrorInfo) -> Account:
    return Account(
        label=ref.label,
        plan=ref.plan,
        error=error,
        notices=ref.notices,
        token_expires_at=ref.token_expires_at,
    )


def _usage(
    spec: ProviderSpec,
    accounts: tuple[Account, ...],
    error: ErrorInfo | None,
    fetched_at: datetime,
) -> ProviderUsage:
    return ProviderUsage(
        id=spec.id,
        name=spec.name,
        accounts=accounts,
        error=error,
        dashboard_url=spec.dashboard_url,
        fetched_at=fetched_at,
    )


def _problems(creds: CredentialSet, providers: list[ProviderUsage]) -> tuple[ErrorInfo, ...]:
    """Source-level problems: an auth file that exists but cannot be read always; a missing
    one (and `no_accounts`) only when nothing at all is configured (seed problems 1 and 2)."""
    out: list[ErrorInfo] = []
    auth = creds.auth
    if auth.problem is not None and (auth.found or not providers):
        out.append(auth.problem)
    if auth.db is not None and auth.db.problem is not None:
        out.append(auth.db.problem)  # corrupt / locked opencode.db; the other sources still work
    if creds.antigravity.problem is not None:
        out.append(creds.antigravity.problem)
    if not providers:
        out.append(ErrorInfo(ErrorKind.NO_ACCOUNTS))
    return tuple(out)
