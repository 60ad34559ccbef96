"""What the `account` label of the metrics holds (`--metrics-labels`, config `metrics_labels`),
since metrics leave the machine:

- `full`: the display label, as the tray shows it (an e-mail, a user name or a masked key);
- `hashed`: `h-` and the first 12 hex digits of HMAC-SHA256(key, label). The key is 32 random
  bytes made once per user in the state folder (`metrics.key`, 0600). Keyed, not a bare hash:
  e-mail addresses are few and guessable, so an unkeyed hash could be reversed by hashing
  guesses. Stable on this machine across runs (a dashboard keeps its series), different on
  another machine (and after the key file is deleted);
- `none`: no account at all (the label is empty).

Whatever the choice, `account_n` (1, 2, ...) numbers the accounts of one provider whose label
came out the same (two Antigravity projects under one Google account, or every account under
`none`), so every series is unique."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections.abc import Callable
from pathlib import Path

MODES = ("full", "hashed", "none")
KEY_FILE = "metrics.key"
KEY_BYTES = 32
Labeler = Callable[[str], str]


def full(label: str) -> str:
    return label


def none(label: str) -> str:
    return ""


def hashed_with(key: bytes) -> Labeler:
    def label_of(label: str) -> str:
        digest = hmac.new(key, label.encode("utf-8", "surrogatepass"), hashlib.sha256)
        return "h-" + digest.hexdigest()[:12]

    return label_of


def load_key(state_dir: Path) -> bytes | None:
    """This user's key (made on first use, 0600), or None when it can be neither read nor
    made (a read-only state folder)."""
    path = state_dir / KEY_FILE
    try:
        key = path.read_bytes()
        if len(key) == KEY_BYTES:
            return key
    except FileNotFoundError:
        pass
    except OSError:
        return None
    key = secrets.token_bytes(KEY_BYTES)
    try:
        state_dir.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{KEY_FILE}-{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(key)
        try:
            os.link(tmp, path)  # first writer wins; a concurrent maker reads the winner's key
        except FileExistsError:
            pass
        finally:
            tmp.unlink(missing_ok=True)
        key = path.read_bytes()
    except (OSError, NotImplementedError):
        return None
    return key if len(key) == KEY_BYTES else None


def labeler(mode: str, state_dir: Path,
            on_no_key: Callable[[Path], None] | None = None) -> Labeler:
    if mode == "full":
        return full
    if mode == "hashed":
        key = load_key(state_dir)
        if key is not None:
            return hashed_with(key)
        if on_no_key is not None:
            on_no_key(state_dir / KEY_FILE)
    return none
