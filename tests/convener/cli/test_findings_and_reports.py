"""The finding and report commands, run as the real `convener` process."""

from __future__ import annotations

import json
from pathlib import Path

from tests.convener.reports.readback import pdftotext


def test_finding_add_and_retract(cli):
    cli("init", "--demo", check=True)
    added = cli(
        "finding",
        "add",
        "1",
        "--text",
        "AT&T <UK> said x<y",
        "--kind",
        "recommendation",
        "--lever",
        "Influencing",
        "--addressed-to",
        "Home Office",
        "--agenda-item",
        "2",
        "--json",
    )
    assert added.code == 0, added.err
    finding = json.loads(added.out)
    assert finding["text"] == "AT&T <UK> said x<y"
    assert finding["kind"] == "recommendation"
    assert finding["lever"] == "Influencing"
    assert finding["theme"] == "Prevention"
    assert finding["retracted"] is False
    retracted = cli("finding", "retract", str(finding["id"]), "--note", "Asked", "--json")
    assert retracted.code == 0, retracted.err
    assert json.loads(retracted.out)["retracted"] is True
    again = cli("finding", "retract", str(finding["id"]))
    assert again.code == 1
    assert again.err.startswith("error: ") and "already retracted" in again.err


def test_finding_add_user_errors_exit_1(cli):
    cli("init", "--demo", check=True)
    for args, message in [
        (("99", "--text", "x"), "no roundtable with id 99"),
        (("1", "--text", "x", "--kind", "opinion"), "unknown kind 'opinion'"),
        (("1", "--text", "x", "--agenda-item", "9"), "--agenda-item must be between 1 and"),
        (("1", "--text", "x", "--kind", "action", "--due", "soon"), "'soon' is not a date"),
        (("1", "--text", "x", "--by", "1", "--attribution", "named"), "consent to be quoted"),
    ]:
        result = cli("finding", "add", *args)
        assert result.code == 1, args
        assert result.err.startswith("error: ") and message in result.err, result.err
        assert "Traceback" not in result.err


def test_report_commands_write_pdf_and_html(cli, tmp_path: Path):
    cli("init", "--demo", check=True)
    public = cli("report", "2", "--out", str(tmp_path / "public.pdf"))
    assert public.code == 0, public.err
    assert (tmp_path / "public.html").exists()
    assert "turnover < £36m" in pdftotext(tmp_path / "public.pdf")
    internal = cli("report", "2", "--out", str(tmp_path / "internal.pdf"), "--internal")
    assert internal.code == 0, internal.err
    assert "INTERNAL — not for publication" in pdftotext(tmp_path / "internal.pdf")
    theme = cli(
        "report",
        "--theme",
        "Research and data",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--out",
        str(tmp_path / "theme.pdf"),
    )
    assert theme.code == 0, theme.err
    assert "Closing the data gaps" in pdftotext(tmp_path / "theme.pdf")


def test_report_usage_and_user_errors(cli, tmp_path: Path):
    cli("init", "--demo", check=True)
    assert cli("report", "--out", str(tmp_path / "x.pdf")).code == 2
    assert cli("report", "1", "--theme", "Prevention", "--out", str(tmp_path / "x.pdf")).code == 2
    assert cli("report", "--theme", "Prevention", "--internal", "--out", "x.pdf").code == 2
    unknown = cli("report", "--theme", "Astrology", "--out", str(tmp_path / "x.pdf"))
    assert unknown.code == 1 and "unknown theme 'Astrology'" in unknown.err
    missing = cli("report", "1", "--out", str(tmp_path / "no" / "such" / "x.pdf"))
    assert missing.code == 1 and missing.err.startswith("error: cannot write")
    bad_date = cli("report", "--theme", "Prevention", "--from", "May", "--out", "x.pdf")
    assert bad_date.code == 1 and "'May' is not a date" in bad_date.err
