"""OpenCode 2's opencode.db, read for real: SQLite files laid out as OpenCode 2 lays them out
(WAL mode, `credential` table), a second process holding uncheckpointed rows, inactive rows,
the stale auth.json beside it, a 1.x database, a corrupt and a locked one. After every read the
folder's listing and the SHA-256 of every file in it are unchanged (no -wal/-shm created)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from pathlib import Path

import pytest

from tray_app.credentials import CredentialLoader, source_reports
from tray_app.credentials.copilot_pat import MemoryPatStore
from tray_app.credentials.opencode import load_auth
from tray_app.credentials.opencode_db import BUSY_TIMEOUT, read_credentials
from tray_app.errors import ErrorKind
from tray_app.i18n import error_text
from tray_app.simulator.opencode_db import (
    OpenCodeWriter,
    create_db,
    credential_row,
    key_value,
    oauth_value,
)

OLD_ACCESS = "oa-PLANTED-stale-auth-json-0000000000"
NEW_ACCESS = "oa-PLANTED-fresh-database-1111111111"
WAL_ACCESS = "oa-PLANTED-only-in-the-wal-2222222222"
ZAI_OLD = "zk-PLANTED-zai-old-333333333333"
ZAI_NEW = "zk-PLANTED-zai-new-444444444444"


def folder_state(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def data(home: Path) -> Path:
    folder = home / ".local" / "share" / "opencode"
    folder.mkdir(parents=True)
    return folder


def env(home: Path, **extra: str) -> dict[str, str]:
    return {"HOME": str(home), **extra}


def write_auth(data: Path, entries: object) -> Path:
    path = data / "auth.json"
    path.write_text(json.dumps(entries), "utf-8")
    return path


def test_checkpointed_database_is_read_immutable_nothing_created(data: Path, home: Path) -> None:
    db = create_db(data / "opencode.db", [
        credential_row("openai", oauth_value(NEW_ACCESS, account_id="acc-1")),
        credential_row("zai-coding-plan", key_value(ZAI_NEW)),
    ])
    before = folder_state(data)
    assert set(before) == {"opencode.db"}
    auth = load_auth(env(home))
    assert folder_state(data) == before  # no -wal / -shm created, nothing changed
    openai = auth.entry("openai")
    assert openai is not None and openai["access"] == NEW_ACCESS
    assert openai["type"] == "oauth" and openai["accountId"] == "acc-1"
    assert "metadata" not in openai
    assert auth.entry("zai-coding-plan") == {"type": "api", "key": ZAI_NEW}
    assert auth.source_of("openai") == str(db) and auth.source_of("zai-coding-plan") == str(db)
    assert auth.problem is not None and not auth.found  # no auth.json: fine, not an error here
    assert auth.db is not None and auth.db.active_rows == 2 and auth.db.inactive_rows == 0


def test_rows_only_in_the_wal_of_a_running_opencode_are_read(data: Path, home: Path) -> None:
    db = create_db(data / "opencode.db", [credential_row("openai", oauth_value(NEW_ACCESS))])
    with OpenCodeWriter(db) as writer:
        writer.activate("openai", credential_row("openai", oauth_value(WAL_ACCESS)))
        writer.insert(credential_row("zai-coding-plan", key_value(ZAI_NEW)))
        before = folder_state(data)
        assert {"opencode.db-wal", "opencode.db-shm"} <= set(before)  # uncheckpointed
        for _ in range(3):  # every refresh re-reads
            auth = load_auth(env(home))
            assert folder_state(data) == before  # not even the -shm index was written
        entry = auth.entry("openai")
        assert entry is not None and entry["access"] == WAL_ACCESS
        assert auth.entry("zai-coding-plan") == {"type": "api", "key": ZAI_NEW}
        assert auth.db is not None
        assert (auth.db.active_rows, auth.db.inactive_rows) == (2, 1)
        # the token rotates while we watch: the next load sees it
        writer.activate("openai", credential_row("openai", oauth_value(NEW_ACCESS + "-x")))
        assert auth_entry_access(load_auth(env(home))) == NEW_ACCESS + "-x"


def auth_entry_access(auth: object) -> str:
    entry = auth.entry("openai")  # type: ignore[attr-defined]
    assert entry is not None
    return str(entry["access"])


def test_inactive_rows_are_never_used(data: Path, home: Path) -> None:
    later = int(time.time() * 1000) + 10_000
    create_db(data / "opencode.db", [
        credential_row("openai", oauth_value(NEW_ACCESS)),
        # the account the user switched away from, even if updated more recently
        credential_row("openai", oauth_value(OLD_ACCESS), active=False, updated_ms=later),
        credential_row("zhipuai-coding-plan", key_value("zk-PLANTED-inactive-only-5555"),
                       active=False),
    ])
    auth = load_auth(env(home))
    assert auth_entry_access(auth) == NEW_ACCESS
    assert auth.entry("zhipuai-coding-plan") is None
    assert auth.db is not None and (auth.db.active_rows, auth.db.inactive_rows) == (1, 2)


def test_stale_auth_json_beside_the_database_loses_and_is_reported(data: Path,
                                                                   home: Path) -> None:
    auth_path = write_auth(data, {
        "openai": {"type": "oauth", "access": OLD_ACCESS, "refresh": "r", "expires": 1},
        "zai-coding-plan": {"type": "api", "key": ZAI_OLD},
        "zhipuai-coding-plan": {"type": "api", "key": "zk-PLANTED-same-in-both-6666"},
        "github-copilot": {"type": "oauth", "refresh": "gho_PLANTED_only_in_file_77",
                           "access": "gho_PLANTED_only_in_file_77"},
    })
    db = create_db(data / "opencode.db", [
        credential_row("openai", oauth_value(NEW_ACCESS, refresh="r2")),
        credential_row("zai-coding-plan", key_value(ZAI_NEW)),
        credential_row("zhipuai-coding-plan", key_value("zk-PLANTED-same-in-both-6666")),
    ])
    before = folder_state(data)
    auth = load_auth(env(home))
    assert folder_state(data) == before
    assert auth_entry_access(auth) == NEW_ACCESS
    assert auth.entry("zai-coding-plan") == {"type": "api", "key": ZAI_NEW}
    assert auth.source_of("openai") == str(db)
    assert auth.source_of("github-copilot") == str(auth_path)  # only the file has it
    assert auth.stale == ("openai", "zai-coding-plan")  # the identical one is not stale
    reports = {r.id: r for r in auth.sources}
    assert [r.id for r in auth.sources][:2] == ["opencode_db", "opencode_auth_json"]
    file_report = reports["opencode_auth_json"]
    assert file_report.used == ("github-copilot",)
    stale = [n for n in file_report.notes if n.key == "doctor.src.stale"]
    assert stale and dict(stale[0].params)["keys"] == "openai, zai-coding-plan"
    assert stale[0].level == "info" and stale[0].fix_key  # nothing is wrong: the db is used
    only = [n for n in file_report.notes if n.key == "doctor.src.only_in_file"]
    assert only and dict(only[0].params)["keys"] == "github-copilot"


def test_opencode_1x_database_without_the_table_uses_auth_json_silently(data: Path,
                                                                        home: Path) -> None:
    write_auth(data, {"zai-coding-plan": {"type": "api", "key": ZAI_OLD}})
    create_db(data / "opencode.db", v1=True)
    before = folder_state(data)
    auth = load_auth(env(home))
    assert folder_state(data) == before
    assert auth.entry("zai-coding-plan") == {"type": "api", "key": ZAI_OLD}
    assert auth.db is not None and auth.db.found and not auth.db.has_table
    assert auth.db.problem is None and auth.problem is None and auth.broken == ()


def test_corrupt_database_is_an_error_naming_it_other_sources_still_work(
    data: Path, home: Path
) -> None:
    write_auth(data, {"zai-coding-plan": {"type": "api", "key": ZAI_OLD}})
    db = data / "opencode.db"
    db.write_bytes(b"this is not a database, it was damaged " * 200)
    before = folder_state(data)
    creds = CredentialLoader(environ=env(home, ZHIPU_API_KEY="zk-PLANTED-env-zhipu-8888"),
                             pat_store=MemoryPatStore()).load()
    assert folder_state(data) == before
    assert creds.auth.db is not None and creds.auth.db.problem is not None
    problem = creds.auth.db.problem
    assert problem.kind is ErrorKind.CREDENTIAL_DB_UNREADABLE and problem.path == str(db)
    message, fix = error_text(problem, "en")
    assert str(db) in message and "not a database" in message
    assert "Start OpenCode once" in fix
    assert "OpenCode" in error_text(problem, "zh-TW")[1] and "資料庫" in error_text(problem,
                                                                                  "zh-TW")[0]
    assert creds.auth.entry("zai-coding-plan") == {"type": "api", "key": ZAI_OLD}
    assert creds.auth.entry("zhipuai-coding-plan") == {"type": "api",
                                                       "key": "zk-PLANTED-env-zhipu-8888"}


def test_locked_database_is_retried_briefly_then_reported(data: Path, home: Path) -> None:
    write_auth(data, {"zai-coding-plan": {"type": "api", "key": ZAI_OLD}})
    db = create_db(data / "opencode.db", [credential_row("openai", oauth_value(NEW_ACCESS))])
    with OpenCodeWriter(db) as writer:
        writer.lock()
        before = folder_state(data)
        started = time.monotonic()
        auth = load_auth(env(home))
        took = time.monotonic() - started
        assert folder_state(data) == before
    assert auth.db is not None and auth.db.problem is not None
    assert "locked" in auth.db.problem.detail
    assert BUSY_TIMEOUT * 0.8 <= took < 5  # it waited a little, not forever
    message, fix = error_text(auth.db.problem, "en")
    assert str(db) in message and "quit OpenCode" in fix
    assert "鎖定" in error_text(auth.db.problem, "zh-TW")[1]
    assert "锁定" in error_text(auth.db.problem, "zh-CN")[1]
    assert auth.entry("zai-coding-plan") is not None  # auth.json still works
    assert auth.entry("openai") is None


def test_wal_without_its_index_is_read_without_creating_it(data: Path, home: Path) -> None:
    db = create_db(data / "opencode.db", [credential_row("openai", oauth_value(NEW_ACCESS))])
    # a crash leftover: a -wal (here empty of frames) and no -shm
    Path(f"{db}-wal").write_bytes(b"")
    before = folder_state(data)
    result = read_credentials(db)
    assert folder_state(data) == before
    assert result.problem is None and result.stale_wal
    assert json.loads(json.dumps(result.values))["openai"]["access"] == NEW_ACCESS


def test_beta_columns_without_active_take_the_latest_row(data: Path, home: Path) -> None:
    db = data / "opencode.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE credential (id TEXT PRIMARY KEY, connector_id TEXT, label TEXT, "
                 "value TEXT, time_created INTEGER, time_updated INTEGER)")
    rows = [("c1", "openai", "", json.dumps(oauth_value(OLD_ACCESS)), 1, 100),
            ("c2", "openai", "", json.dumps(oauth_value(NEW_ACCESS)), 2, 300),
            ("c3", "openai", "", json.dumps(oauth_value(WAL_ACCESS)), 3, 200)]
    conn.executemany("INSERT INTO credential VALUES (?, ?, ?, ?, ?, ?)", rows)
    conn.commit()
    conn.close()
    auth = load_auth(env(home))
    assert auth_entry_access(auth) == NEW_ACCESS
    assert auth.db is not None and (auth.db.active_rows, auth.db.inactive_rows) == (1, 2)
    notes = [n.key for r in auth.sources for n in r.notes]
    assert "doctor.src.db_no_active" in notes


def test_precedence_content_then_database_then_file_then_environment(data: Path,
                                                                     home: Path) -> None:
    write_auth(data, {"zai-coding-plan": {"type": "api", "key": ZAI_OLD},
                      "zhipuai-coding-plan": {"type": "api", "key": "zk-PLANTED-file-9999"}})
    db = create_db(data / "opencode.db", [credential_row("zai-coding-plan", key_value(ZAI_NEW)),
                                          credential_row("openai", oauth_value(NEW_ACCESS))])
    plain = load_auth(env(home, ZAI_API_KEY="zk-PLANTED-env-zai-1010",
                          ZHIPU_API_KEY="zk-PLANTED-env-zhipu-1111"))
    assert plain.entry("zai-coding-plan") == {"type": "api", "key": ZAI_NEW}
    assert plain.entry("zhipuai-coding-plan") == {"type": "api", "key": "zk-PLANTED-file-9999"}
    assert [r.id for r in plain.sources] == ["opencode_db", "opencode_auth_json",
                                             "env:ZAI_API_KEY", "env:ZHIPU_API_KEY"]
    content = json.dumps({"openai": {"type": "oauth", "access": "oa-PLANTED-content-1212"}})
    over = load_auth(env(home, OPENCODE_AUTH_CONTENT=content))
    assert auth_entry_access(over) == "oa-PLANTED-content-1212"
    assert over.source_of("openai") == "$OPENCODE_AUTH_CONTENT"
    assert over.entry("zai-coding-plan") == {"type": "api", "key": ZAI_NEW}
    assert over.source_of("zai-coding-plan") == str(db)
    assert over.entry("zhipuai-coding-plan") is None  # auth.json is replaced by the content
    assert [r.id for r in over.sources][:3] == ["opencode_auth_content", "opencode_db",
                                                "opencode_auth_json"]


def test_environment_keys_are_the_last_source_and_shown_masked(home: Path) -> None:
    creds = CredentialLoader(environ=env(home, ZAI_API_KEY="  zk-PLANTED-env-only-1313  "),
                             pat_store=MemoryPatStore()).load()
    assert creds.auth.entry("zai-coding-plan") == {"type": "api",
                                                   "key": "zk-PLANTED-env-only-1313"}
    assert creds.auth.source_of("zai-coding-plan") == "$ZAI_API_KEY"
    reports = {r.id: r for r in source_reports(creds)}
    zai = reports["env:ZAI_API_KEY"]
    assert zai.found and zai.used == ("zai-coding-plan",)
    shown = json.dumps([n.params for n in zai.notes])
    assert "zk-PLANTED-env-only-1313" not in shown and "zk-P****1313" in shown
    assert not reports["env:ZHIPU_API_KEY"].found


def test_copilot_enterprise_metadata_is_normalized(data: Path, home: Path) -> None:
    create_db(data / "opencode.db", [credential_row(
        "github-copilot-enterprise",
        oauth_value("gho_PLANTED_enterprise_1414", refresh="gho_PLANTED_enterprise_1414",
                    enterprise_url="https://github.example.com"))])
    entry = load_auth(env(home)).entry("github-copilot-enterprise")
    assert entry is not None and entry["enterpriseUrl"] == "https://github.example.com"
    assert entry["refresh"] == "gho_PLANTED_enterprise_1414"


def test_a_folder_name_with_uri_characters_is_opened_as_is(tmp_path: Path) -> None:
    home = tmp_path / "we?ird #home% 1"
    data = home / ".local" / "share" / "opencode"
    create_db(data / "opencode.db", [credential_row("zai-coding-plan", key_value(ZAI_NEW))])
    before = folder_state(data)
    assert load_auth(env(home)).entry("zai-coding-plan") == {"type": "api", "key": ZAI_NEW}
    assert folder_state(data) == before


def test_sqlite_is_imported_only_when_an_opencode_db_exists(tmp_path: Path) -> None:
    """The tray process keeps its memory: no opencode.db, no sqlite3 (~2 MiB) loaded."""
    import subprocess
    import sys

    code = ("import sys\nfrom tray_app.credentials import CredentialLoader\n"
            f"CredentialLoader(environ={{'HOME': {str(tmp_path)!r}}}).load()\n"
            "print('sqlite3' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=True)
    assert out.stdout.strip() == "False"
    create_db(tmp_path / ".local" / "share" / "opencode" / "opencode.db")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=True)
    assert out.stdout.strip() == "True"
