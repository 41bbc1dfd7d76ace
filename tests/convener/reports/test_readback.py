"""Reports read back with poppler and pypdf: names, fonts, metadata, bookmarks, disclosure."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from convener.domain import Attribution, ConsentPurpose, FindingKind, RoundtableStatus
from convener.findings import FindingDraft, add_finding, retract_finding
from convener.privacy import Audience
from convener.reports import html_twin, write_report, write_theme_report
from convener.reports.theme_report import select_roundtables
from convener.storage import Store, Taxonomy
from tests.convener.reports.readback import (
    page_texts,
    pdffonts,
    pdftotext,
    pypdf_text,
    squeeze,
)
from tests.convener.reports.world import NAMES, attend, many_scripts, person, roundtable

DEMO_PREVENTION = 1  # ids in the demo data set, in the order it is loaded
DEMO_SUPPLY_CHAINS = 2
RETRACTED_DEMO_TEXT = "Recruitment of young people into criminal exploitation"


@pytest.mark.parametrize("script", sorted(NAMES))
def test_names_in_every_script_come_back_exactly(store: Store, tmp_path: Path, script: str):
    rid = many_scripts(store)
    out = write_report(store, rid, tmp_path / "report.pdf").pdf
    name, organisation = NAMES[script]
    for text in (pdftotext(out), pypdf_text(out)):
        assert name in text
        assert organisation in text


def test_every_font_is_embedded_and_none_is_helvetica(demo_store: Store, tmp_path: Path):
    written = [
        write_report(demo_store, DEMO_PREVENTION, tmp_path / "public.pdf").pdf,
        write_report(demo_store, DEMO_PREVENTION, tmp_path / "internal.pdf", Audience.INTERNAL).pdf,
        write_theme_report(demo_store, "Domestic and global supply chains", tmp_path / "t.pdf").pdf,
    ]
    for pdf in written:
        fonts = pdffonts(pdf)
        assert fonts, f"pdffonts found no fonts in {pdf.name}"
        for font in fonts:
            assert font["emb"] == "yes", f"{font['name']} is not embedded in {pdf.name}"
            assert "Helvetica" not in font["name"]
            assert "DejaVu" in font["name"]


def test_metadata_language_and_bookmarks(demo_store: Store, tmp_path: Path):
    out = write_report(demo_store, DEMO_PREVENTION, tmp_path / "report.pdf").pdf
    reader = PdfReader(out)
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "What works in prevention: evidence and lived experience"
    assert meta.author == "Office of the Independent Anti-Slavery Commissioner"
    assert "Public findings summary" in (meta.subject or "")
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"

    def titles(items: list) -> list[str]:
        found: list[str] = []
        for item in items:
            found += titles(item) if isinstance(item, list) else [item.title]
        return found

    outline = titles(reader.outline)
    for heading in (
        "What works in prevention: evidence and lived experience",
        "Summary",
        "Who took part",
        "What we heard",
        "What the evidence says about prevention",
        "Recommendations",
        "Evidence gaps",
        "Next steps",
    ):
        assert heading in outline


def test_every_page_is_numbered_and_internal_pages_are_marked(demo_store: Store, tmp_path: Path):
    out = write_report(demo_store, DEMO_PREVENTION, tmp_path / "i.pdf", Audience.INTERNAL).pdf
    pages = page_texts(out)
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert f"Page {number}" in text
        assert "INTERNAL — not for publication" in text
    public = write_report(demo_store, DEMO_PREVENTION, tmp_path / "p.pdf").pdf
    assert "INTERNAL" not in pdftotext(public)


def test_protected_people_absent_from_public_and_by_pseudonym_internally(
    demo_store: Store, tmp_path: Path
):
    public = pdftotext(write_report(demo_store, DEMO_SUPPLY_CHAINS, tmp_path / "p.pdf").pdf)
    internal = pdftotext(
        write_report(demo_store, DEMO_SUPPLY_CHAINS, tmp_path / "i.pdf", Audience.INTERNAL).pdf
    )
    # Piotr Zieliński ("Adam") and Rajesh Kumar ("Sunil") are lived experience experts who
    # have not agreed to be named; Maricel Santos agreed, but has no pseudonym.
    for real_name in ("Zieliński", "Piotr", "Rajesh Kumar", "Maricel Santos"):
        assert real_name not in public
    for pseudonym in ("Adam", "Sunil"):
        assert pseudonym not in public
        assert pseudonym in internal
    assert "Zieliński" not in internal
    assert "Rajesh Kumar" not in internal
    # Named with consent, in both.
    assert "Ștefan Țurcanu" in public
    assert "Ștefan Țurcanu" in internal


def test_chatham_house_keeps_even_consented_quotes_unattributed(demo_store: Store, tmp_path: Path):
    public = pdftotext(write_report(demo_store, DEMO_PREVENTION, tmp_path / "p.pdf").pdf)
    assert "Being asked for your story" in public
    assert "Kemi" not in public  # an LEE without a pseudonym: never named publicly


def test_html_twin_is_written_beside_the_pdf_with_the_same_content(
    demo_store: Store, tmp_path: Path
):
    written = write_report(demo_store, DEMO_SUPPLY_CHAINS, tmp_path / "summary.pdf")
    assert written.html == html_twin(written.pdf) == tmp_path / "summary.html"
    page = written.html.read_text(encoding="utf-8")
    assert '<html lang="en-GB">' in page
    assert '<th scope="col">Recommendation</th>' in page
    assert '<th scope="col">Participants</th>' in page  # the chart's data as a table
    assert "turnover &lt; £36m" in page
    assert "<h2>Recommendations</h2>" in page
    for hidden in ("Zieliński", "Adam", "Sunil", "Maricel"):
        assert hidden not in page


def test_text_with_markup_characters_prints_exactly(demo_store: Store, tmp_path: Path):
    add_finding(
        demo_store,
        FindingDraft(DEMO_SUPPLY_CHAINS, "Firms like AT&T <UK> said x<y & y>z."),
    )
    out = write_report(demo_store, DEMO_SUPPLY_CHAINS, tmp_path / "r.pdf").pdf
    text = pdftotext(out)
    assert "AT&T <UK> said x<y & y>z." in text
    assert "turnover < £36m" in text


def test_retracted_findings_never_appear(demo_store: Store, tmp_path: Path):
    kept = add_finding(demo_store, FindingDraft(DEMO_PREVENTION, "Schools lack guidance."))
    before = pdftotext(write_report(demo_store, DEMO_PREVENTION, tmp_path / "a.pdf").pdf)
    assert "Schools lack guidance." in before
    retract_finding(demo_store, kept.id, "Withdrawn by the speaker")
    for audience in Audience.PUBLIC, Audience.INTERNAL:
        out = write_report(demo_store, DEMO_PREVENTION, tmp_path / f"{audience}.pdf", audience)
        text = squeeze(pdftotext(out.pdf)) + squeeze(out.html.read_text(encoding="utf-8"))
        assert squeeze("Schools lack guidance.") not in text
        assert squeeze(RETRACTED_DEMO_TEXT) not in text
    theme = pdftotext(write_theme_report(demo_store, "Prevention", tmp_path / "t.pdf").pdf)
    assert "Schools lack guidance." not in theme
    assert squeeze(RETRACTED_DEMO_TEXT) not in squeeze(theme)


def test_withdrawn_named_consent_removes_the_name_from_the_next_report(
    store: Store, tmp_path: Path
):
    rid = roundtable(store)
    sid = person(store, "Siân Llŷr", organisation="Welsh Government")
    attend(store, rid, sid)
    first = write_report(store, rid, tmp_path / "first.pdf")
    assert "Siân Llŷr" in pdftotext(first.pdf)
    store.consent.record(sid, ConsentPurpose.NAMED, given=False, note="Asked not to be named")
    second = write_report(store, rid, tmp_path / "second.pdf")
    assert "Siân Llŷr" not in pdftotext(second.pdf)
    assert "Welsh Government" not in pdftotext(second.pdf)
    assert "Siân" not in second.html.read_text(encoding="utf-8")
    # The ledger shows where her name went: the first report's two files only.
    assert sorted(d.file_name for d in store.disclosures.for_person(sid)) == [
        "first.html",
        "first.pdf",
    ]


def test_erased_people_never_appear(store: Store, tmp_path: Path):
    rid = roundtable(store)
    sid = person(store, "Ana-Maria Popescu", organisation="Eastbrook Council")
    attend(store, rid, sid)
    store.db.execute(
        "UPDATE stakeholders SET erased_at = ? WHERE id = ?",
        [datetime(2026, 5, 1, tzinfo=UTC).isoformat(), sid],
    )
    for audience in Audience.PUBLIC, Audience.INTERNAL:
        text = pdftotext(write_report(store, rid, tmp_path / f"{audience}.pdf", audience).pdf)
        assert "Popescu" not in text
        assert "Eastbrook" not in text


def test_small_counts_are_shown_as_fewer_than_three(store: Store, tmp_path: Path):
    rid = roundtable(store)
    for n in range(4):
        attend(store, rid, person(store, f"Person {n}", sector="Business", named=False))
    attend(store, rid, person(store, "Lone voice", sector="Trade unions", named=False))
    out = write_report(store, rid, tmp_path / "r.pdf")
    text = squeeze(pdftotext(out.pdf))
    assert squeeze("Business: 4") in text
    assert squeeze("Trade unions: fewer than 3") in text
    assert squeeze("Trade unions: 1") not in text


def test_internal_report_lists_actions_and_remuneration(demo_store: Store, tmp_path: Path):
    out = write_report(demo_store, 3, tmp_path / "i.pdf", Audience.INTERNAL).pdf
    text = pdftotext(out)
    assert "Aoife Brennan" in text
    assert "2026-08-31" in text
    assert "Remuneration" in text
    assert "£200.00" in text
    assert "Selam" in text  # Feven Tesfaye, by the name she chose
    assert "Feven" not in text


def test_theme_report_brings_roundtables_together_within_the_period(
    demo_store: Store, tmp_path: Path
):
    everything = write_theme_report(demo_store, "prevention", tmp_path / "all.pdf")
    text = squeeze(pdftotext(everything.pdf))
    assert squeeze("The Home Office should include in the next modern slavery strategy") in text
    assert squeeze("Sector coverage") in text
    assert squeeze("Parliament") in text  # listed among the sectors not represented
    outside = write_theme_report(
        demo_store,
        "Prevention",
        tmp_path / "none.pdf",
        start=datetime(2026, 1, 1).date(),
    )
    assert "No roundtable on Prevention was reported in this period." in pdftotext(outside.pdf)


def test_action_details_and_kinds_round_trip(demo_store: Store):
    finding = add_finding(
        demo_store,
        FindingDraft(DEMO_PREVENTION, "Write to the LGA", kind=FindingKind.ACTION, owner="Priya"),
    )
    assert finding.owner == "Priya"
    assert finding.theme == "Prevention"


def test_titles_in_any_script_reach_metadata_and_outline(store: Store, tmp_path: Path):
    title = "Στρογγυλή τράπεζα Łódź — Nguyễn & <Co>"
    out = write_report(store, roundtable(store, title), tmp_path / "r.pdf").pdf
    reader = PdfReader(out)
    assert reader.metadata is not None and reader.metadata.title == title
    assert reader.outline[0].title == title
    assert squeeze(title) in squeeze(pdftotext(out))


def test_attribution_outside_chatham_house_follows_consent(store: Store, tmp_path: Path):
    rid = roundtable(store, "Open session", chatham_house=False)
    quoted = person(store, "Rhiannon Evans", organisation="Angor Cymru")
    store.consent.record(quoted, ConsentPurpose.QUOTED, given=True)
    expert = person(
        store,
        "Blessing Okoro",
        lived_experience=True,
        pseudonym="Ada",
        sector="Lived experience experts",
    )
    store.consent.record(expert, ConsentPurpose.QUOTED, given=True)
    unnamed = person(store, "Samuel Osei", named=False, sector="Business")
    named = person(store, "Oliver Grant", sector="Finance and investors")
    for sid in (quoted, expert, unnamed, named):
        attend(store, rid, sid)
    for text, sid, how in [
        ("Quoted by name.", quoted, Attribution.NAMED),
        ("Quoted under a pseudonym.", expert, Attribution.NAMED),
        ("Said by someone in business.", unnamed, Attribution.SECTOR),
        ("Said by an investor.", named, Attribution.SECTOR),
    ]:
        add_finding(store, FindingDraft(rid, text, attribution=how, by_stakeholder_id=sid))
    store.consent.record(quoted, ConsentPurpose.QUOTED, given=False)  # withdrawn after
    text = pdftotext(write_report(store, rid, tmp_path / "r.pdf").pdf)
    assert "— Ada" in text
    assert "— a participant from Finance and investors" in text
    # Even a sector is shown only for someone the disclosure policy lets appear publicly.
    assert "— a participant from Business" not in text
    assert "Samuel" not in text
    assert "— Rhiannon Evans" not in text  # consent to be quoted withdrawn: no attribution
    assert "Blessing" not in text
    internal = pdftotext(write_report(store, rid, tmp_path / "i.pdf", Audience.INTERNAL).pdf)
    assert "— a participant from Business" in internal
    assert "— Rhiannon Evans" in internal


def test_people_named_in_finding_text_are_in_the_ledger(store: Store, tmp_path: Path):
    rid = roundtable(store)
    # Invited, not attended: the report's list of participants does not name them.
    named = person(store, "Eilidh MacLeod")  # consents to be named
    unnamed = person(store, "Tomasz Wiśniewski", named=False)
    for sid in (named, unnamed):
        store.roundtables.invite(rid, sid)
    text = "Eilidh MacLeod and Tomasz Wiśniewski both asked for earlier referral."
    add_finding(store, FindingDraft(rid, text))
    report = write_report(store, rid, tmp_path / "public.pdf")
    printed = squeeze(pdftotext(report.pdf))
    assert squeeze("Eilidh MacLeod") in printed
    assert squeeze("Wiśniewski") not in printed
    assert sorted(d.file_name for d in store.disclosures.for_person(named)) == [
        "public.html",
        "public.pdf",
    ]
    assert store.disclosures.for_person(unnamed) == []


def test_theme_report_takes_only_the_themes_reported_roundtables(demo_store: Store):
    everyone = demo_store.roundtables.all()
    for theme in {r.theme for r in everyone if r.theme}:
        expected = [
            r.id for r in everyone if r.theme == theme and r.status is RoundtableStatus.REPORTED
        ]
        chosen = demo_store.roundtables.all(
            theme_id=demo_store.taxonomy.resolve(Taxonomy.THEMES, theme)
        )
        assert [r.id for r in chosen] == [r.id for r in everyone if r.theme == theme]
        assert [r.agenda for r in chosen] == [r.agenda for r in everyone if r.theme == theme]
        assert select_roundtables(demo_store, theme.upper(), None, None) == (theme, expected)


def test_each_lever_prints_whole_in_the_recommendation_tables(demo_store: Store, tmp_path: Path):
    levers = [t.name for t in demo_store.taxonomy.terms(Taxonomy.LEVERS)]
    assert "Collaborating" in levers  # the longest of the Commissioner's four
    for lever in levers:
        add_finding(
            demo_store,
            FindingDraft(
                DEMO_PREVENTION,
                f"Use the {lever.lower()} lever.",
                kind=FindingKind.RECOMMENDATION,
                lever=lever,
                addressed_to="Home Office",
            ),
        )
    one = pdftotext(write_report(demo_store, DEMO_PREVENTION, tmp_path / "one.pdf").pdf)
    theme = pdftotext(write_theme_report(demo_store, "Prevention", tmp_path / "theme.pdf").pdf)
    for text in one, theme:
        # A column too narrow breaks the word over two lines ("Collaborati" / "ng").
        assert [lever for lever in levers if lever not in text.split()] == []
