"""The zone a spend report uses: --tz by IANA name, else TZ, else the /etc/localtime link, else
UTC with a notice (tzlocal is not used)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tray_app.spend import zone


def test_named_zone_and_unknown_zone() -> None:
    assert zone.named("Asia/Kathmandu").name == "Asia/Kathmandu"
    with pytest.raises(zone.UnknownZone):
        zone.named("Mars/Olympus")


def test_tz_variable_by_name_or_path(tmp_path: Path) -> None:
    nowhere = tmp_path / "localtime"
    assert zone.local({"TZ": "Europe/Berlin"}, nowhere).name == "Europe/Berlin"
    assert zone.local({"TZ": ":Asia/Taipei"}, nowhere).name == "Asia/Taipei"
    found = zone.local({"TZ": "/usr/share/zoneinfo/America/New_York"}, nowhere)
    assert (found.name, found.fallback) == ("America/New_York", False)


def test_localtime_link_then_utc_fallback(tmp_path: Path) -> None:
    link = tmp_path / "localtime"
    link.symlink_to("/usr/share/zoneinfo/Australia/Adelaide")
    assert zone.local({"TZ": "Not/AZone"}, link).name == "Australia/Adelaide"
    copied = tmp_path / "copied"
    copied.write_bytes(b"TZif")  # a copy, not a link: no name to be had
    fallback = zone.local({}, copied)
    assert (fallback.name, fallback.fallback) == ("UTC", True)
