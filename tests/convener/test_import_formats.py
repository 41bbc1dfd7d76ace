"""Real files in every supported layout and encoding, written here byte by byte."""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from convener.importing import (
    Field,
    FileFormat,
    ImportFileError,
    choose_mapping,
    detect_mapping,
    open_source,
    preview,
    run_import,
    save_mapping,
    sources,
)
from convener.storage import StakeholderFilter, Store

# The header row Outlook (desktop) writes for "Export to a file > Comma Separated Values".
OUTLOOK_HEADERS = [
    "Title",
    "First Name",
    "Middle Name",
    "Last Name",
    "Suffix",
    "Company",
    "Department",
    "Job Title",
    "Business Street",
    "Business City",
    "Business Postal Code",
    "Business Country/Region",
    "Business Fax",
    "Business Phone",
    "Business Phone 2",
    "Home Phone",
    "Mobile Phone",
    "Primary Phone",
    "Categories",
    "E-mail Address",
    "E-mail Type",
    "E-mail Display Name",
    "E-mail 2 Address",
    "E-mail 2 Type",
    "E-mail 2 Display Name",
    "Notes",
    "Web Page",
]
# Google Contacts "Google CSV", current layout.
GOOGLE_HEADERS = [
    "First Name",
    "Middle Name",
    "Last Name",
    "Phonetic First Name",
    "Name Prefix",
    "Name Suffix",
    "Nickname",
    "File As",
    "Organization Name",
    "Organization Title",
    "Organization Department",
    "Birthday",
    "Notes",
    "Photo",
    "Labels",
    "E-mail 1 - Label",
    "E-mail 1 - Value",
    "E-mail 2 - Label",
    "E-mail 2 - Value",
    "Phone 1 - Label",
    "Phone 1 - Value",
]
# Google Contacts "Google CSV", the older layout still found in archives.
GOOGLE_OLD_HEADERS = [
    "Name",
    "Given Name",
    "Additional Name",
    "Family Name",
    "Nickname",
    "Notes",
    "Group Membership",
    "E-mail 1 - Type",
    "E-mail 1 - Value",
    "Phone 1 - Type",
    "Phone 1 - Value",
    "Organization 1 - Type",
    "Organization 1 - Name",
    "Organization 1 - Title",
]


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def row_for(headers: list[str], **values: str) -> list[str]:
    return [values.get(h, "") for h in headers]


def people(store: Store) -> dict[str, object]:
    return {p.name: p for p in store.stakeholders.find(StakeholderFilter())}


def import_file(store: Store, path: Path, **options: object):  # type: ignore[no-untyped-def]
    source = open_source(path)
    choice = choose_mapping(store, source.headers)
    return run_import(store, source, choice.mapping, file_format=choice.file_format, **options)


def test_generic_utf8_csv_with_accented_names(store: Store, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "people.csv",
        [
            ["Name", "Email", "Organisation", "Job title", "Sector", "Themes", "Levers"],
            [
                "Zoë Ødegård",
                "zoe@example.org",
                "Città Aperta",
                "Director",
                "Charities and NGOs",
                "Prevention; International",
                "Convening|Influencing",
            ],
            ["Łukasz Żółć", "", "", "", "", "", ""],
        ],
    )
    summary = import_file(store, path)
    assert (summary.created, summary.encoding, summary.file_format) == (
        2,
        "UTF-8",
        FileFormat.GENERIC,
    )
    zoe = store.stakeholders.find(StakeholderFilter(search="Zoe Citta"))[0]
    assert zoe.name == "Zoë Ødegård"
    assert zoe.organisation == "Città Aperta"
    assert zoe.role == "Director"
    assert zoe.themes == ("Prevention", "International")
    assert set(zoe.levers) == {"Convening", "Influencing"}
    assert "Łukasz Żółć" in people(store)


def test_utf8_with_bom_is_detected_and_the_bom_is_not_part_of_the_first_header(
    store: Store, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "bom.csv",
        [["Name", "Email"], ["Siobhán Ní Bhriain", "s@example.ie"]],
        encoding="utf-8-sig",
    )
    assert path.read_bytes().startswith(codecs.BOM_UTF8)
    source = open_source(path)
    assert source.encoding == "UTF-8 with BOM"
    assert source.headers == ("Name", "Email")
    assert import_file(store, path).created == 1
    assert store.stakeholders.find_by_email("s@example.ie")[0].name == "Siobhán Ní Bhriain"


def test_windows_1252_is_detected_and_decoded(store: Store, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "excel.csv",
        [["Name", "Organisation", "Notes"], ["José Müller", "Caritas Österreich", "Café – 5€"]],
        encoding="cp1252",
    )
    raw = path.read_bytes()
    assert b"Jos\xe9 M\xfcller" in raw  # really single-byte Windows-1252 on disk
    summary = import_file(store, path)
    assert summary.encoding == "Windows-1252"
    person = people(store)["José Müller"]
    assert person.organisation == "Caritas Österreich"  # type: ignore[attr-defined]
    assert person.notes == "Café – 5€"  # type: ignore[attr-defined]


def test_outlook_export_in_windows_1252(store: Store, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "contacts.CSV",
        [
            OUTLOOK_HEADERS,
            row_for(
                OUTLOOK_HEADERS,
                **{
                    "Title": "Dr",
                    "First Name": "José",
                    "Middle Name": "Luis",
                    "Last Name": "Müller",
                    "Company": "Straßenkinder e.V.",
                    "Job Title": "Head of Research",
                    "Home Phone": "+49 30 1234567",
                    "Mobile Phone": "+44 7700 900123",
                    "Categories": "Partners;Research",
                    "E-mail Address": "",
                    "E-mail 2 Address": "jl.muller@example.de",
                    "E-mail Display Name": "José Müller (jl.muller@example.de)",
                },
            ),
        ],
        encoding="cp1252",
    )
    source = open_source(path)
    _, mapping = detect_mapping(source.headers)
    assert choose_mapping(store, source.headers).file_format is FileFormat.OUTLOOK
    assert "Title" not in mapping  # an honorific, not a job title
    assert mapping["Job Title"] is Field.ROLE
    assert mapping["E-mail 2 Address"] is Field.EMAIL
    summary = import_file(store, path)
    assert summary.created == 1
    person = people(store)["José Luis Müller"]
    assert person.email == "jl.muller@example.de"  # type: ignore[attr-defined]
    assert person.phone == "+49 30 1234567"  # type: ignore[attr-defined]
    assert person.role == "Head of Research"  # type: ignore[attr-defined]
    assert person.organisation == "Straßenkinder e.V."  # type: ignore[attr-defined]
    assert person.tags == ("Partners", "Research")  # type: ignore[attr-defined]


def test_google_contacts_export(store: Store, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "contacts.csv",
        [
            GOOGLE_HEADERS,
            row_for(
                GOOGLE_HEADERS,
                **{
                    "First Name": "Amara",
                    "Last Name": "Okafor",
                    "Organization Name": "Unseen UK",
                    "Organization Title": "Helpline lead",
                    "Labels": "* myContacts ::: Helplines ::: * starred",
                    "E-mail 1 - Label": "* Work",
                    "E-mail 1 - Value": "amara@example.org ::: a.okafor@example.com",
                    "Phone 1 - Value": "+44 20 7946 0958",
                },
            ),
        ],
    )
    assert choose_mapping(store, open_source(path).headers).file_format is FileFormat.GOOGLE
    assert import_file(store, path).created == 1
    person = people(store)["Amara Okafor"]
    assert person.email == "amara@example.org"  # type: ignore[attr-defined]
    assert person.role == "Helpline lead"  # type: ignore[attr-defined]
    assert person.organisation == "Unseen UK"  # type: ignore[attr-defined]
    assert person.tags == ("Helplines",)  # type: ignore[attr-defined]


def test_older_google_layout(store: Store, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "google.csv",
        [
            GOOGLE_OLD_HEADERS,
            row_for(
                GOOGLE_OLD_HEADERS,
                **{
                    "Name": "Rhiannon Pryce",
                    "Given Name": "Rhiannon",
                    "Family Name": "Pryce",
                    "E-mail 1 - Value": "r.pryce@example.gov.wales",
                    "Organization 1 - Name": "Welsh Government",
                    "Group Membership": "* myContacts",
                },
            ),
        ],
    )
    detected, mapping = detect_mapping(open_source(path).headers)
    assert detected is FileFormat.GOOGLE
    assert mapping["Organization 1 - Name"] is Field.ORGANISATION
    import_file(store, path)
    person = people(store)["Rhiannon Pryce"]
    assert person.organisation == "Welsh Government"  # type: ignore[attr-defined]
    assert person.tags == ()  # type: ignore[attr-defined]


def test_xlsx_workbook(store: Store, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Full name", "E-mail", "Company", "Phone", "Lived experience", "Pseudonym"])
    sheet.append(
        ["Grace Mensah", "grace@example.org", "Hope for Justice", 447700900456, "no", None]
    )
    sheet.append([None, None, None, None, None, None])  # blank rows are passed over
    sheet.append(["Kofi Boateng", None, None, None, "yes", "K."])
    path = tmp_path / "people.xlsx"
    book.save(path)
    source = open_source(path)
    assert (source.kind, source.row_count) == ("Excel workbook", 2)
    assert import_file(store, path).created == 2
    grace = people(store)["Grace Mensah"]
    assert grace.phone == "447700900456"  # type: ignore[attr-defined]
    kofi = people(store)["Kofi Boateng"]
    assert kofi.lived_experience and kofi.pseudonym == "K."  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (("Name", "Email"), {"Name": Field.NAME, "Email": Field.EMAIL}),
        (("full_name", "E-MAIL ADDRESS"), {"full_name": Field.NAME, "E-MAIL ADDRESS": Field.EMAIL}),
        (
            ("Surname", "Forename", "Organization"),
            {
                "Surname": Field.LAST_NAME,
                "Forename": Field.FIRST_NAME,
                "Organization": Field.ORGANISATION,
            },
        ),
        (("Name", "Shoe size"), {"Name": Field.NAME}),
        (
            ("E-mail 3 - Value", "Phone 2 - Value"),
            {"E-mail 3 - Value": Field.EMAIL, "Phone 2 - Value": Field.PHONE},
        ),
    ],
)
def test_mapping_detection(headers: tuple[str, ...], expected: dict[str, Field]) -> None:
    assert detect_mapping(headers)[1] == expected


def test_an_edited_mapping_is_saved_and_reused_for_the_same_columns(
    store: Store, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "odd.csv", [["Who", "Where"], ["Ann Lee", "Acme"]])
    first = preview(store, path)
    assert first.choice.file_format is FileFormat.GENERIC
    assert first.choice.mapping == {}
    save_mapping(store, first.source.headers, {"Who": Field.NAME, "Where": Field.ORGANISATION})
    again = preview(store, path)
    assert again.choice.file_format is FileFormat.SAVED
    assert again.choice.mapping == {"Who": Field.NAME, "Where": Field.ORGANISATION}
    assert again.sample == ((2, ("Ann Lee", "Acme")),)
    assert import_file(store, path).created == 1
    assert people(store)["Ann Lee"].organisation == "Acme"  # type: ignore[attr-defined]


def test_semicolon_separated_csv_from_a_european_excel(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "semi.csv"
    path.write_bytes("Name;Email\r\nMarie Dubois;marie@example.fr\r\n".encode("cp1252"))
    assert open_source(path).delimiter == ";"
    assert import_file(store, path).created == 1


@pytest.mark.parametrize(
    ("content", "row", "words"),
    [
        (b'Name,Email\nAnn,a@example.org\n"Bob,b@example.org\n', 3, "never closed"),
        (b'Name,Email\nAnn,a@example.org\nBo"b" x,b@example.org\n', None, None),
        (b'Name,Email\nAnn,"a@ex"ample.org\n', 2, "quote in the middle"),
        (b"Name,Email,name\nAnn,a@example.org,x\n", 1, "appears twice"),
        (b"Name,Email\nAnn,a@example.org,extra\n", 2, "only 2 columns"),
        (b"", None, "empty"),
    ],
)
def test_strict_csv_problems_name_the_row(
    tmp_path: Path, content: bytes, row: int | None, words: str | None
) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    if words is None:  # a quote inside an unquoted cell is ordinary text, not an error
        assert open_source(path).row_count == 2
        return
    with pytest.raises(ImportFileError, match=words) as caught:
        open_source(path)
    assert caught.value.row == row


def test_utf16_and_binary_files_are_refused_with_advice(tmp_path: Path) -> None:
    utf16 = tmp_path / "unicode.txt"
    utf16.write_bytes("Name\r\nAnn\r\n".encode("utf-16"))
    with pytest.raises(ImportFileError, match="UTF-16"):
        open_source(utf16)
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(ImportFileError, match="not a text file"):
        open_source(binary)
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"Name\nAnn\n")
    with pytest.raises(ImportFileError, match="not a readable Excel workbook"):
        open_source(fake)
    zipped = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    with pytest.raises(ImportFileError, match="not a readable Excel workbook"):
        open_source(zipped)


def test_size_limits_have_a_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_csv(tmp_path / "many.csv", [["Name"], *[[f"Person {i}"] for i in range(30)]])
    monkeypatch.setattr(sources, "MAX_ROWS", 25)
    with pytest.raises(ImportFileError, match="more than 25 rows; split it"):
        open_source(path)
    monkeypatch.setattr(sources, "MAX_FILE_BYTES", 100)
    with pytest.raises(ImportFileError, match="Split it into smaller files"):
        open_source(path)
