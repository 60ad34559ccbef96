from __future__ import annotations

from tray_app.errors import ErrorKind, QuotaError
from tray_app.secrets import Secret, mask, scrub


def test_mask_shapes() -> None:
    assert mask("abcdefghijklmnopwxyz") == "abcd****wxyz"
    assert mask("short") == "****"


def test_secret_never_prints_itself() -> None:
    s = Secret("sk-planted-SECRET-value-1234")
    assert "planted" not in str(s) and "planted" not in repr(s) and "planted" not in f"{s}"
    assert s.reveal() == "sk-planted-SECRET-value-1234"
    assert s.masked == "sk-p****1234"


def test_scrub_removes_known_and_token_shaped_values() -> None:
    Secret("zhipu-known-key-0987654321")
    text = (
        'body: {"key": "zhipu-known-key-0987654321", "t": "ghp_abcdefghijklmnopqrstuvwx"} '
        "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl "
        "ya29.a0AfH6SMBxyzxyz 1//0gLONGREFRESH"
    )
    out = scrub(text)
    for leaked in (
        "zhipu-known-key-0987654321",
        "ghp_abcdefghijklmnopqrstuvwx",
        "eyJzdWIiOiIxIn0",
        "ya29.a0AfH6SMBxyzxyz",
        "1//0gLONGREFRESH",
    ):
        assert leaked not in out, leaked


def test_error_detail_is_scrubbed_on_construction() -> None:
    Secret("planted-token-for-error-5555")
    err = QuotaError(
        ErrorKind.HTTP_ERROR, status=401, detail="bad key planted-token-for-error-5555"
    )
    assert "planted-token-for-error-5555" not in err.info.detail
    assert "planted-token-for-error-5555" not in str(err)


def test_known_secrets_are_bounded_but_recent_ones_stay_scrubbed() -> None:
    from tray_app import secrets

    long_lived = Secret("long-lived-refresh-token-0001")
    for i in range(secrets.MAX_KNOWN * 3):  # a month of hourly access tokens
        Secret(f"short-lived-access-token-{i:06d}")
        if i % 50 == 0:
            Secret(long_lived.reveal())  # re-read on every credential load
    assert len(secrets._known) <= secrets.MAX_KNOWN
    assert "long-lived-refresh-token-0001" not in scrub("x long-lived-refresh-token-0001 y")
    last = f"short-lived-access-token-{secrets.MAX_KNOWN * 3 - 1:06d}"
    assert last not in scrub(f"leak {last}")
