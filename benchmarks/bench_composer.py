"""Invite-list suggestions for a roundtable being planned, over the whole directory.

What the event lead waits for in the composer: `suggestions_for`, which reads every candidate
on the roundtable's themes with their levers, last participation and burden (how often they
were asked lately), keeps those who could be picked, ranks them for balance and runs the
engagement-principle checks on the list as it would be. The candidate pool grows with the
directory, so this runs at every size.
"""

from __future__ import annotations

import itertools

from benchmarks.generate import TODAY
from benchmarks.harness import Context, Goal, Operation, benchmark
from convener.domain import RoundtableStatus
from convener.suggestions import suggestions_for

# How many people the event lead asks for.
_SUGGESTIONS = 15


@benchmark("invite suggestions", goal=Goal(median=0.150), repeats=15, warmup=1)
def invite_suggestions(ctx: Context) -> Operation:
    """Fifteen suggestions for each draft roundtable in turn (three of them)."""
    drafts = [
        rt.id
        for rt in ctx.store.roundtables.all()
        if rt.status is RoundtableStatus.DRAFT and rt.theme
    ][:3]
    if not drafts:
        raise RuntimeError("the generated data has no draft roundtable with a theme")
    roundtables = itertools.cycle(drafts)
    store = ctx.store

    def run() -> int:
        return len(suggestions_for(store, next(roundtables), _SUGGESTIONS, now=TODAY).suggestions)

    return run
