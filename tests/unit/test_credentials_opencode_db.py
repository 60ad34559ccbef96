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
    IMPORT_MIGRATION,
    INSERT,
    OpenCodeWriter,
    create_db,
    credential_row,
    key_value,
    oauth_value,
    upgraded_db,
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


def test_an_active_row_beats_newer_inactive_ones(data: Path, home: Path) -> None:
    later = int(time.time() * 1000) + 10_000
    create_db(data / "opencode.db", [
        credential_row("openai", oauth_value(NEW_ACCESS), label="work"),
        # the account the user switched away from, even if created more recently
        credential_row("openai", oauth_value(OLD_ACCESS), active=False, updated_ms=later),
    ])
    auth = load_auth(env(home))
    assert auth_entry_access(auth) == NEW_ACCESS
    assert auth.db is not None and (auth.db.active_rows, auth.db.inactive_rows) == (1, 1)
    (chosen,) = auth.db.chosen
    assert (chosen.integration, chosen.label, chosen.reason, chosen.rows) == (
        "openai", "work", "active", 2)


def test_without_an_active_row_the_newest_is_used_as_opencode_does(data: Path,
                                                                    home: Path) -> None:
    """Rows with `active` 0 or NULL are not ignored (issue 16 §1): with none active, the
    newest by time_created wins, ties by id; NULL sorts below 0 (SQLite's DESC order, which
    OpenCode's query uses: the real binary agrees, see test_opencode2_oracle.py)."""
    base = int(time.time() * 1000)
    create_db(data / "opencode.db", [
        # only inactive rows: the newest wins even though it was updated earlier
        credential_row("zhipuai-coding-plan", key_value("zk-PLANTED-older-5555"), active=False,
                       created_ms=base, updated_ms=base + 50_000),
        credential_row("zhipuai-coding-plan", key_value("zk-PLANTED-newer-6666"), active=False,
                       created_ms=base + 1_000, updated_ms=base + 1_000, label="newer"),
        # imported rows (NULL) tie on time_created: the larger id wins
        credential_row("zai-coding-plan", key_value(ZAI_OLD), active=None, created_ms=base,
                       row_id="cred_a"),
        credential_row("zai-coding-plan", key_value(ZAI_NEW), active=None, created_ms=base,
                       row_id="cred_b"),
        # a 0 beats a NULL, however new the NULL row is
        credential_row("openai", oauth_value(OLD_ACCESS), active=None, created_ms=base + 9_000),
        credential_row("openai", oauth_value(NEW_ACCESS), active=False, created_ms=base),
        # no integration: skipped (OpenCode skips it)
        credential_row(None, key_value("zk-PLANTED-orphan-7777"), created_ms=base + 99_000),
    ])
    auth = load_auth(env(home))
    assert auth.entry("zhipuai-coding-plan") == {"type": "api", "key": "zk-PLANTED-newer-6666"}
    assert auth.entry("zai-coding-plan") == {"type": "api", "key": ZAI_NEW}
    assert auth_entry_access(auth) == NEW_ACCESS
    assert auth.db is not None
    chosen = {c.integration: c for c in auth.db.chosen}
    assert set(chosen) == {"zhipuai-coding-plan", "zai-coding-plan", "openai"}
    assert {c.reason for c in chosen.values()} == {"newest"}
    assert chosen["zai-coding-plan"].id == "cred_b" and chosen["zhipuai-coding-plan"].label == \
        "newer"
    assert (auth.db.active_rows, auth.db.inactive_rows) == (3, 3)  # the NULL-integration row
    # is not counted at all


def test_upgraded_database_imported_rows_are_used(data: Path, home: Path) -> None:
    """A user who upgraded through the 2.0 betas: auth.json was imported with `active` NULL
    and nothing logged in since. OpenAI and Z.ai must not vanish (they did before)."""
    entries = {"openai": {"type": "oauth", "access": NEW_ACCESS, "refresh": "r",
                          "expires": 4_102_444_800_000, "accountId": "acc-9"},
               "zai-coding-plan": {"type": "api", "key": ZAI_NEW}}
    write_auth(data, entries)
    db = upgraded_db(data / "opencode.db", entries)
    before = folder_state(data)
    auth = load_auth(env(home))
    assert folder_state(data) == before
    assert auth_entry_access(auth) == NEW_ACCESS and auth.source_of("openai") == str(db)
    assert auth.entry("openai") is not None and auth.entry("openai")["accountId"] == "acc-9"  # type: ignore[index]
    assert auth.entry("zai-coding-plan") == {"type": "api", "key": ZAI_NEW}
    assert auth.stale == ()  # the same logins: auth.json is not called stale
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    assert conn.execute("SELECT COUNT(*) FROM migration WHERE id = ?",
                        (IMPORT_MIGRATION,)).fetchone() == (1,)
    assert conn.execute("SELECT COUNT(*) FROM credential WHERE active IS NULL").fetchone() == (2,)
    conn.close()


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


def test_beta_columns_without_active_take_the_newest_row(data: Path, home: Path) -> None:
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
    assert auth_entry_access(auth) == WAL_ACCESS  # time_created 3: the newest, as OpenCode
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
    assert [r.id for r in plain.sources] == [
        "opencode_db", "opencode_auth_json", "env:ZAI_API_KEY", "env:ZHIPU_API_KEY",
        "env:OPENCODE_API_KEY", "env:KIMI_API_KEY", "env:MINIMAX_API_KEY"]
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


# ---------------------------------------------------------------- rollback-journal databases
def test_rollback_journal_database_with_a_writer_mid_transaction(data: Path, home: Path) -> None:
    """A database in rollback-journal mode with a `-journal` beside it (a writer is in a
    transaction whose pages spilled into the file): opened `mode=ro`, never `immutable=1`,
    so the writer's uncommitted rows are never read; nothing is created or changed."""
    db = create_db(data / "opencode.db", [credential_row("openai", oauth_value(NEW_ACCESS))],
                   journal_mode="DELETE")
    with OpenCodeWriter(db, journal_mode="DELETE") as writer:
        # a long uncommitted transaction: switch the account, then enough rows to spill
        writer.run(("BEGIN IMMEDIATE", []),
                   ("UPDATE credential SET active = 0", []),
                   *((INSERT, credential_row("openai", oauth_value(f"{WAL_ACCESS}-{i}")))
                     for i in range(400)))
        assert (data / "opencode.db-journal").exists()
        before = folder_state(data)
        result = read_credentials(db)
        assert folder_state(data) == before  # nothing created, nothing rolled back
        assert result.opened != "immutable"  # which takes no lock and would not notice
        if result.problem is None:  # read between the writer's spills: the committed state
            assert result.opened == "journal"
            assert json.loads(json.dumps(result.values))["openai"]["access"] == NEW_ACCESS
        else:  # the writer holds its exclusive lock: reported as locked, never misread
            assert result.problem.get("fix") == "fix.credential_db_locked"
        assert WAL_ACCESS not in json.dumps(result.values)
        writer.run(("ROLLBACK", []))


def test_rollback_journal_kept_between_transactions_is_read(data: Path, home: Path) -> None:
    db = create_db(data / "opencode.db", [credential_row("zai-coding-plan", key_value(ZAI_NEW))],
                   journal_mode="PERSIST")
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=PERSIST")
    conn.execute("UPDATE credential SET label = 'renamed'")  # leaves a -journal behind
    conn.commit()
    conn.close()
    assert (data / "opencode.db-journal").exists()
    before = folder_state(data)
    result = read_credentials(db)
    assert folder_state(data) == before
    assert result.problem is None and result.opened == "journal"
    assert result.chosen[0].label == "renamed"


# ---------------------------------------------------------------- a deadline on every query
def _endless_view_db(path: Path) -> Path:
    """A `credential` that is a view over an endless recursive query: a pathological schema
    that would hold a refresh forever without the deadline."""
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE VIEW credential AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
        "FROM n) SELECT 'openai' AS integration_id, '{}' AS value, i AS id, NULL AS active, "
        "i AS time_created FROM n")
    conn.commit()
    conn.close()
    return path


def test_a_pathological_view_is_stopped_by_the_deadline(data: Path, home: Path) -> None:
    db = _endless_view_db(data / "opencode.db")
    before = folder_state(data)
    result = read_credentials(db, deadline=0.2)
    assert folder_state(data) == before
    assert result.problem is not None
    assert result.problem.kind is ErrorKind.CREDENTIAL_DB_UNREADABLE
    for lang, words in (("en", ("took longer than 0.2 s", "opencode auth login")),
                        ("zh-TW", ("超過 0.2 秒", "opencode auth login")),
                        ("zh-CN", ("超过 0.2 秒", "opencode auth login"))):
        message, fix = error_text(result.problem, lang)
        assert words[0] in message and str(db) in message, message
        assert words[1] in fix and "{" not in message + fix


def test_the_deadline_leaves_other_sources_working(data: Path, home: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    _endless_view_db(data / "opencode.db")
    write_auth(data, {"zai-coding-plan": {"type": "api", "key": ZAI_OLD}})
    import tray_app.credentials.foreign_db as module

    monkeypatch.setattr(module, "QUERY_DEADLINE", 0.2)
    auth = load_auth(env(home))
    assert auth.entry("zai-coding-plan") == {"type": "api", "key": ZAI_OLD}
    db_report = next(r for r in auth.sources if r.id == "opencode_db")
    (note,) = [n for n in db_report.notes if n.problem is not None]
    assert note.level == "fail" and note.problem is not None
    assert note.problem.get("message") == "error.credential_db_slow"
