"""`mystatus-tray doctor --json`: the doctor's findings as one JSON document (schema 1,
documented in docs/json-schema.md, section "doctor --json"; tests check it against that text).

`sources` lists every credential source in precedence order as data (location, found, which
integrations it holds and supplies, row counts) with its own findings; `sections` are the
same findings the text report shows, each with its mark and fix. No secret: keys appear only
masked inside finding texts.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tray_app.cli.doctor_checks import Finding, Section, note_finding
from tray_app.credentials import CredentialSet, source_reports
from tray_app.credentials.sources import SourceReport
from tray_app.report.text import iso_utc

SCHEMA_VERSION = 1


def finding_json(finding: Finding) -> dict[str, Any]:
    return {"mark": finding.mark.value, "text": finding.text.strip(), "fix": finding.fix or None}


def source_json(report: SourceReport, lang: str) -> dict[str, Any]:
    counts = dict(report.counts)
    rows = None
    if "active_rows" in counts:
        rows = {"active": counts["active_rows"], "inactive": counts.get("inactive_rows", 0),
                "chosen": [{"integration": r.integration, "id": r.id or None,
                            "label": r.label or None, "reason": r.reason, "rows": r.rows}
                           for r in report.chosen]}
    return {
        "id": report.id,
        "kind": report.kind,
        "location": report.location,
        "found": report.found,
        "integrations": list(report.integrations),
        "used": list(report.used),
        "rows": rows,
        "findings": [finding_json(note_finding(n, lang)) for n in report.notes],
    }


def doctor_document(creds: CredentialSet, sections: list[Section], lang: str, now: datetime,
                    *, demo: bool, ok: bool) -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        "generated_at": iso_utc(now),
        "lang": lang,
        "demo": demo,
        "ok": ok,
        "sources": [source_json(r, lang) for r in source_reports(creds)],
        "sections": [
            {"id": s.id, "title": s.title, "findings": [finding_json(f) for f in s.findings]}
            for s in sections
        ],
    }
