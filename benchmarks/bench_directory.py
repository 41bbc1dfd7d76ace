"""The stakeholder directory at the core level: the search box, the filters, the whole list.

What the table shows after a keystroke or a filter change is the id list from
`StakeholderStore.ids` (rows are then fetched a page at a time as they scroll in), so that is
what is timed here; the Qt model's reset on top of it is part of the desktop app's benchmark.
"""

from __future__ import annotations

import itertools

from benchmarks.generate import ascii_fold
from benchmarks.harness import Context, Goal, Operation, benchmark
from convener.storage import StakeholderFilter, Taxonomy
from convener.storage.search import fts_query
from convener.storage.stakeholders import StakeholderStore

# How many people's names are typed, letter by letter, in the keystroke benchmark.
_TYPED_PEOPLE = 3

# Filter changes as an event lead makes them: a sector, then a lever, then a theme.
_FILTERS = (
    StakeholderFilter(sector="Law enforcement"),
    StakeholderFilter(sector="Law enforcement", lever="Collaborating"),
    StakeholderFilter(
        sector="Law enforcement",
        lever="Collaborating",
        theme="Law enforcement and criminal justice",
    ),
    StakeholderFilter(sector="Charities and NGOs"),
    StakeholderFilter(sector="Charities and NGOs", lever="Convening"),
    StakeholderFilter(
        sector="Charities and NGOs", lever="Convening", theme="Survivor identification and support"
    ),
    StakeholderFilter(theme="Domestic and global supply chains"),
    StakeholderFilter(theme="Domestic and global supply chains", lever="Influencing"),
)


def typed_prefixes(ctx: Context) -> list[str]:
    """What the search box holds after each keystroke while typing a few people's names.

    The names are real rows of the generated data, typed without accents as staff on a UK
    keyboard would ("Malgorzata Wojcik" for Małgorzata Wójcik); only people the search finds
    that way are chosen, so every typed name ends on a hit.
    """
    stakeholders = ctx.store.stakeholders
    ids = stakeholders.ids(StakeholderFilter(lived_experience=False))
    step = max(len(ids) // (_TYPED_PEOPLE * 4 + 1), 1)
    typed: list[str] = []
    for sid in ids[step::step]:
        person = stakeholders.get(sid)
        text = ascii_fold(person.name).lower()
        if not text.isascii() or text in typed:
            continue
        if sid in stakeholders.ids(StakeholderFilter(search=text)):
            typed.append(text)
        if len(typed) == _TYPED_PEOPLE:
            break
    return [name[:n] for name in typed for n in range(1, len(name) + 1)]


def bare_fts_match(ctx: Context) -> Operation:
    """bare FTS5 MATCH (rowids)"""
    queries = itertools.cycle([fts_query(text) for text in typed_prefixes(ctx)])
    conn = ctx.store.db.conn

    def run() -> list[int]:
        rows = conn.execute(
            "SELECT rowid FROM stakeholder_search WHERE stakeholder_search MATCH ?",
            [next(queries)],
        )
        return [row[0] for row in rows]

    return run


# The goal for a keystroke, for the core query and for the table model alike.
KEYSTROKE_GOAL = Goal(p95=0.030, ratio=2.0)


@benchmark(
    "search keystroke",
    floor=bare_fts_match,
    goal=KEYSTROKE_GOAL,
    repeats=100,
    warmup=3,
    memory_runs=30,
)
def search_keystroke(ctx: Context) -> Operation:
    """One keystroke in the search box: the ids of every match, in name order."""
    prefixes = itertools.cycle(typed_prefixes(ctx))
    stakeholders = ctx.store.stakeholders

    def run() -> list[int]:
        return stakeholders.ids(StakeholderFilter(search=next(prefixes)))

    return run


def bare_filter_sql(ctx: Context) -> Operation:
    """same WHERE as bare SQL, ids resolved, unordered"""
    taxonomy = ctx.store.taxonomy
    statements = []
    for f in _FILTERS:
        clauses, params = ["s.erased_at IS NULL"], []
        if f.sector:
            clauses.append("s.sector_id = ?")
            params.append(taxonomy.resolve(Taxonomy.SECTORS, f.sector))
        if f.lever:
            clauses.append(
                "EXISTS (SELECT 1 FROM stakeholder_levers sl"
                " WHERE sl.stakeholder_id = s.id AND sl.lever_id = ?)"
            )
            params.append(taxonomy.resolve(Taxonomy.LEVERS, f.lever))
        if f.theme:
            clauses.append(
                "EXISTS (SELECT 1 FROM stakeholder_themes st"
                " WHERE st.stakeholder_id = s.id AND st.theme_id = ?)"
            )
            params.append(taxonomy.resolve(Taxonomy.THEMES, f.theme))
        sql = "SELECT s.id FROM stakeholders s WHERE " + " AND ".join(clauses)
        statements.append((sql, params))
    cycle = itertools.cycle(statements)
    conn = ctx.store.db.conn

    def run() -> list[int]:
        sql, params = next(cycle)
        return [row[0] for row in conn.execute(sql, params)]

    return run


@benchmark(
    "filter change",
    floor=bare_filter_sql,
    repeats=40,
    warmup=2,
    memory_runs=len(_FILTERS),
)
def filter_change(ctx: Context) -> Operation:
    """A sector, lever or theme filter set or changed: the matching ids, in name order."""
    filters = itertools.cycle(_FILTERS)
    stakeholders = ctx.store.stakeholders

    def run() -> list[int]:
        return stakeholders.ids(next(filters))

    return run


def bare_rowid_scan(ctx: Context) -> Operation:
    """bare SELECT id, rowid order"""
    conn = ctx.store.db.conn

    def run() -> list[int]:
        rows = conn.execute("SELECT id FROM stakeholders WHERE erased_at IS NULL")
        return [row[0] for row in rows]

    return run


@benchmark("whole directory, name order", floor=bare_rowid_scan, repeats=10, warmup=1)
def whole_directory(ctx: Context) -> Operation:
    """Every id in name order on a store that has not listed anyone yet: the start-up list.

    Later listings of the unchanged directory (clearing the search box) come from the store's
    cached order and cost a list copy; this is the first one, which sorts everybody.
    """
    db = ctx.store.db

    def run() -> list[int]:
        return StakeholderStore(db).ids(StakeholderFilter())

    return run
