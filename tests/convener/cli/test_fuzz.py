"""The command line against careless and hostile input: every answer is exit 0, 1 or 2; on 1
one line on stderr starting `error: `; never a traceback; nothing written when it fails; and
nothing on stdout that could act on a terminal.

Most cases run in this process through `convener.cli.main` (a real process costs about half
a second, these about a tenth), each against a real database file made from the demo data; a
few run as the real `convener` process, for what only a real argv carries (bytes that are not
UTF-8). The number of generated inputs is in each test's docstring; the explicit corpus holds
the cases from issue 16 that once gave tracebacks.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convener.calendar.export import write_invitations
from convener.cli import main
from convener.demo import load_demo
from convener.storage import Store
from tests.conftest import CliResult
from tests.convener.cli.fuzz_inputs import (
    consent_kinds,
    counts,
    csv_files,
    emails,
    finding_kinds,
    free_text,
    ids,
    maybe,
    money,
    options,
    reply_files,
    times,
    urls,
    xlsx_files,
    zones,
)
from tests.convener.db_digest import digest

# What may never reach stdout raw: C0 controls but tab and line feed, DEL and C1, bidi
# formatting characters, line/paragraph separators and lone surrogates.
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff]"
)


def fuzz(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,  # the same inputs on every run and machine: a failure reproduces
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
    )


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo data with roundtable 1's invitations written (so replies have a UID)."""
    folder = tmp_path_factory.mktemp("fuzz-template")
    path = folder / "convener.db"
    with Store.open(path) as store:
        load_demo(store)
        write_invitations(store, 1, folder / "sent")
    return path


@dataclass
class Bench:
    """One test's database and scratch folder, and the command run against them."""

    db: Path
    folder: Path
    uid: str

    def run(self, *argv: str, writes: tuple[Path, ...] = (), partial_ok: bool = False) -> Ran:
        """Run `convener --db DB argv` here and check it behaved, whatever the outcome."""
        before = digest(self.db)
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main(["--db", str(self.db), *argv])
            except SystemExit as exc:  # argparse: --help (0) and usage errors (2)
                code = exc.code if isinstance(exc.code, int) else 0
        ran = Ran(code, out.getvalue(), err.getvalue())
        assert ran.code in (0, 1, 2), ran
        assert "Traceback" not in ran.err
        if ran.code == 1:
            assert ran.err.startswith("error: "), ran
            assert ran.err.count("\n") == 1 and ran.err.endswith("\n"), ran
            assert not UNSAFE.search(ran.err), ran
        if ran.code == 2:
            assert "usage: " in ran.err, ran
        if ran.code != 0 and not partial_ok:
            assert digest(self.db) == before, f"{argv} failed but changed the database"
            for path in writes:
                assert not path.exists(), f"{argv} failed but wrote {path.name}"
        assert not UNSAFE.search(ran.out), ran
        if ran.code == 0 and "--json" in argv:
            json.loads(ran.out)
        return ran


@pytest.fixture
def bench(template: Path, tmp_path: Path) -> Iterator[Bench]:
    db = tmp_path / "convener.db"
    shutil.copyfile(template, db)
    with Store.open(db) as store:
        uid = store.roundtables.get(1).uid
    yield Bench(db, tmp_path, uid)


# -- the corpus: cases from the issue, each with the answer it must get ---------------------


def created(start: str, end: str) -> list[str]:
    """`roundtable create` with the given times and nothing else to go wrong."""
    return ["roundtable", "create", "--title", "T", "--theme", "Prevention",
            "--start", start, "--end", end]  # fmt: skip


CREATE = created("2026-05-01T10:00", "2026-05-01T12:00")
BEYOND = str(2**63)
CORPUS: list[tuple[list[str], int, str]] = [
    (["roundtable", "invite", "1", BEYOND], 1, f"error: no stakeholder with id {BEYOND}"),
    (["roundtable", "invite", BEYOND, "1"], 1, f"error: no roundtable with id {BEYOND}"),
    (["finding", "retract", BEYOND], 1, f"error: no finding with id {BEYOND}"),
    (["subject-access", BEYOND, "--out", "sa.json"], 1, f"error: no stakeholder with id {BEYOND}"),
    (["erase", BEYOND, "--reason", "asked"], 1, f"error: no stakeholder with id {BEYOND}"),
    (["consent", BEYOND, "--kind", "named", "--given"], 1, "error: no stakeholder with id"),
    (["retention", "--keep", BEYOND], 1, f"error: no stakeholder with id {BEYOND}"),
    (["finding", "add", "1", "--text", "x", "--by", BEYOND], 1, "error: no stakeholder with id"),
    (["roundtable", "show", str(-(2**63) - 1)], 1, "error: no roundtable with id"),
    ([*CREATE, "--capacity", BEYOND], 2, "--capacity: must be between 1 and 10,000"),
    ([*CREATE, "--budget", "NaN"], 1, "error: 'NaN' is not an amount in pounds"),
    ([*CREATE, "--budget", "Infinity"], 1, "error: 'Infinity' is not an amount in pounds"),
    ([*CREATE, "--budget", "1e30"], 1, "error: '1e30' is not an amount in pounds"),
    ([*CREATE, "--budget", "100000000"], 1, "error: the budget is more than £10,000,000"),
    (
        created("9999-01-01T10:00", "9999-01-01T11:00"),
        1,
        "error: the year 9999 is outside",
    ),
    (
        created("0001-01-01T00:00", "0001-01-01T01:00"),
        1,
        "error: the year 1 is outside",
    ),
    ([*CREATE, "--online-url", "https://x.org/\r\nX: y"], 1, "error: a web link cannot contain"),
    (["roundtable", "update", "1", "--online-url", "javascript:alert(1)"], 1, "not a web link"),
    (["stakeholder", "add", "--name", "bad\udcffbyte"], 1, "error: the value given for name is"),
    (["stakeholder", "add", "--name", "x", "--email", "a\r\nb@c"], 1, "error: 'a\\u000d\\u000ab@c"),
    (["stakeholder", "add", "--name", "n" * 1_001], 1, "error: the name is 1,001 characters"),
    (["roundtable", "suggest", "1", "--size", BEYOND], 2, "--size: must be between 1 and 1,000"),
    (["roundtable", "show", "abc"], 2, "invalid roundtable id value: 'abc'"),
]


@pytest.mark.parametrize(("argv", "code", "message"), CORPUS, ids=lambda v: str(v)[:40])
def test_the_issue_corpus(bench: Bench, argv: list[str], code: int, message: str) -> None:
    """The inputs from issue 16 that gave tracebacks: 23 cases, one run each."""
    argv = [str(bench.folder / a) if a == "sa.json" else a for a in argv]
    ran = bench.run(*argv, writes=(bench.folder / "sa.json",))
    assert ran.code == code, ran
    assert message in ran.err, ran


def test_terminal_output_shows_control_characters_escaped(bench: Bench) -> None:
    """A name with ESC, CR and a right-to-left override is listed escaped, in text and JSON."""
    name = "Esc\x1b[31mRed\rCR\u202eevil"
    assert bench.run("stakeholder", "add", "--name", name).code == 0
    listed = bench.run("stakeholders", "--search", "Esc")
    assert "Esc\\u001b[31mRed\\u000dCR\\u202eevil" in listed.out
    document = bench.run("stakeholders", "--search", "Esc", "--json")
    assert [row["name"] for row in json.loads(document.out)] == [name]


# -- generated inputs, per command ----------------------------------------------------------


@fuzz(40)
@given(
    name=free_text,
    email=maybe(emails),
    organisation=maybe(free_text),
    phone=maybe(free_text),
    pseudonym=maybe(free_text),
    lever=maybe(free_text),
    theme=maybe(free_text),
)
def test_fuzz_stakeholder_add(bench: Bench, **drawn: str | None) -> None:
    """`stakeholder add`: 40 generated inputs."""
    ran = bench.run("stakeholder", "add", *options(**drawn), "--json")
    if ran.code == 0:
        assert json.loads(ran.out)["id"] > 0


@fuzz(25)
@given(search=free_text, sector=maybe(free_text), lever=maybe(free_text), theme=maybe(free_text),
       as_json=st.booleans())  # fmt: skip
def test_fuzz_stakeholders_list(bench: Bench, *, as_json: bool, **drawn: str | None) -> None:
    """`stakeholders`: 25 generated inputs."""
    bench.run("stakeholders", *options(**drawn), *(["--json"] if as_json else []))


@fuzz(40)
@given(
    title=maybe(free_text),
    theme=maybe(st.one_of(st.just("Prevention"), free_text)),
    start=maybe(times),
    end=maybe(times),
    tz=maybe(zones),
    location=maybe(free_text),
    online_url=maybe(urls),
    organiser_email=maybe(emails),
    capacity=maybe(counts),
    budget=maybe(money),
    mix=maybe(free_text),
)
def test_fuzz_roundtable_create_then_show_and_invites(bench: Bench, **drawn: str | None) -> None:
    """`roundtable create`, then `show` and `invites` on what it accepted: 40 generated inputs.

    What create accepts, show and invites must be able to handle (a year 9999 or a link with
    a line break used to be accepted and then crash them)."""
    ran = bench.run("roundtable", "create", *options(**drawn), "--json")
    if ran.code == 0:
        new_id = str(json.loads(ran.out)["id"])
        assert bench.run("roundtable", "show", new_id).code == 0
        bench.run("roundtable", "invite", new_id, "3", "4")
        out = bench.folder / f"invites-{new_id}"
        bench.run("invites", new_id, "--out", str(out))


@fuzz(30)
@given(
    title=maybe(free_text),
    start=maybe(times),
    tz=maybe(zones),
    online_url=maybe(urls),
    capacity=maybe(counts),
    budget=maybe(money),
    status=maybe(free_text),
)
def test_fuzz_roundtable_update(bench: Bench, **drawn: str | None) -> None:
    """`roundtable update 2`: 30 generated inputs."""
    bench.run("roundtable", "update", "2", *options(**drawn))


_ID_COMMANDS: list[Callable[[str, Path], list[str]]] = [
    lambda i, _: ["roundtable", "show", i],
    lambda i, _: ["roundtable", "suggest", i, "--size", "3"],
    lambda i, _: ["roundtable", "invite", "2", i],
    lambda i, _: ["roundtable", "invite", i, "5"],
    lambda i, f: ["invites", i, "--out", str(f / "inv")],
    lambda i, _: ["finding", "retract", i],
    lambda i, f: ["subject-access", i, "--out", str(f / "sa.json")],
    lambda i, _: ["erase", i, "--reason", "asked"],
    lambda i, _: ["consent", i, "--kind", "named", "--withdrawn"],
    lambda i, _: ["retention", "--keep", i],
    lambda i, _: ["finding", "add", "2", "--text", "said", "--by", i],
    lambda i, f: ["report", i, "--out", str(f / "r.pdf"), "--check"],
]


@fuzz(60)
@given(command=st.sampled_from(range(len(_ID_COMMANDS))), value=ids)
def test_fuzz_ids_everywhere(bench: Bench, command: int, value: str) -> None:
    """Every command that takes an id, given any number or none: 60 generated inputs."""
    argv = _ID_COMMANDS[command](value, bench.folder)
    bench.run(*argv, writes=(bench.folder / "sa.json", bench.folder / "r.pdf"))


@fuzz(30)
@given(kind=consent_kinds, note=maybe(free_text), method=maybe(free_text),
       decision=st.sampled_from(["--given", "--withdrawn"]))  # fmt: skip
def test_fuzz_consent(bench: Bench, *, kind: str, decision: str, **drawn: str | None) -> None:
    """`consent 3`: 30 generated inputs."""
    bench.run("consent", "3", "--kind", kind, decision, *options(**drawn))


@fuzz(40)
@given(text=free_text, kind=finding_kinds, due=maybe(times), lever=maybe(free_text),
       addressed_to=maybe(free_text), agenda_item=maybe(counts))  # fmt: skip
def test_fuzz_finding_add(bench: Bench, **drawn: str | None) -> None:
    """`finding add 2`: 40 generated inputs."""
    bench.run("finding", "add", "2", *options(**drawn))


@fuzz(40)
@given(data=st.data())
def test_fuzz_reply_files(bench: Bench, data: st.DataObject) -> None:
    """`replies`, one to three generated files each: 40 generated inputs.

    A batch applies its good files and holds back the rest, so a batch with a refused file
    may still have changed the database (partial_ok)."""
    files = []
    for number, (name, content) in enumerate(
        data.draw(st.lists(reply_files(bench.uid), min_size=1, max_size=3))
    ):
        path = bench.folder / f"{number}-{name}"
        path.write_bytes(content)
        files.append(str(path))
    bench.run("replies", *files, partial_ok=True)


@fuzz(40)
@given(content=csv_files(), dry_run=st.booleans())
def test_fuzz_csv_import(bench: Bench, content: bytes, *, dry_run: bool) -> None:
    """`import FILE.csv`: 40 generated inputs."""
    path = bench.folder / "people.csv"
    path.write_bytes(content)
    ran = bench.run("import", str(path), "--json", *(["--dry-run"] if dry_run else []))
    if ran.code == 0 and dry_run:
        assert set(json.loads(ran.out)) >= {"created", "updated", "skipped", "errors"}


@fuzz(25)
@given(data=st.data())
def test_fuzz_xlsx_import(bench: Bench, data: st.DataObject) -> None:
    """`import FILE.xlsx`: 25 generated inputs."""
    path = data.draw(xlsx_files(bench.folder))
    bench.run("import", str(path), "--json")


# -- a handful as the real process ----------------------------------------------------------


def test_real_processes_answer_hostile_arguments(
    template: Path, tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    """Five cases as the real `convener` process: what only a real argv carries."""
    db = tmp_path / "real.db"
    shutil.copyfile(template, db)
    before = digest(db)
    cases = [
        # Python hands the byte 0xFF over as a lone surrogate; it is refused by name.
        (["stakeholder", "add", "--name", "bad\udcffbyte"], 1, "error: the value given for name"),
        (["--db", str(tmp_path / "\udcffmissing.db"), "stakeholders"], 1, "\\xffmissing.db"),
        (["erase", str(2**63), "--reason", "asked"], 1, f"error: no stakeholder with id {2**63}"),
        (["roundtable", "update", "1", "--online-url", "https://x.org/\r\nX: y"], 1, "web link"),
        (
            created("9999-01-01T10:00", "9999-01-01T11:00"),
            1,
            "year 9999",
        ),
    ]
    for argv, code, message in cases:
        done = cli(*argv, db=db)
        assert (done.code, done.err.count("\n")) == (code, 1), (argv, done)
        assert done.err.startswith("error: ") and message in done.err, (argv, done)
        assert "Traceback" not in done.err
    assert digest(db) == before
