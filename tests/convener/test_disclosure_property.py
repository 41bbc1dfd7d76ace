"""On random data sets, nothing public carries a protected identity or an unconsented name.

Each example is a real database file with random people (lived experience experts, pseudonyms,
intermediaries, contact details) and random consent histories, and findings that name them.
Every public rendering this branch can produce is collected and scanned, as text and as the
bytes of a file, for the strings the spec alone says must not be there.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import asdict
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from convener.findings_output import findings_for_output
from convener.privacy import Audience, render_person
from convener.storage import Store
from tests.leaks import leaks_in, leaks_in_files
from tests.strategies import DataSetSpec, build, data_sets, forbidden_in_public


def _views(store: Store, ids: tuple[int, ...], audience: Audience) -> dict[int, dict | None]:
    states = store.consent.states(list(ids))
    people = {p.id: p for p in store.stakeholders.get_many(list(ids))}
    out: dict[int, dict | None] = {}
    for sid in ids:
        view = render_person(people[sid], states[sid], audience)
        out[sid] = None if view is None else asdict(view)
    return out


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(spec=data_sets())
def test_public_renderings_never_leak(spec: DataSetSpec) -> None:
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "p.db") as store:
        built = build(store, spec)
        public_people = _views(store, built.ids, Audience.PUBLIC)
        public_findings = [
            asdict(f) for f in findings_for_output(store, [built.roundtable_id], Audience.PUBLIC)
        ]
        invitee_findings = [
            asdict(f) for f in findings_for_output(store, [built.roundtable_id], Audience.INVITEE)
        ]
        public_text = json.dumps(
            {"people": public_people, "findings": public_findings, "pre-read": invitee_findings},
            ensure_ascii=False,
            default=str,
        )
        forbidden = forbidden_in_public(spec)
        assert leaks_in(public_text, forbidden) == []

        # The same document as files, in the encodings exporters use.
        utf8 = Path(folder) / "public.json"
        utf8.write_text(public_text, encoding="utf-8")
        utf16 = Path(folder) / "public-utf16.txt"
        utf16.write_text(public_text, encoding="utf-16")
        assert leaks_in_files([utf8, utf16], forbidden) == []

        # Each invitee's own invitation: it may carry their own name and address, unless they
        # are protected, and never anyone else's.
        invitee_views = _views(store, built.ids, Audience.INVITEE)
        for index, sid in enumerate(built.ids):
            own = json.dumps(invitee_views[sid], ensure_ascii=False)
            assert leaks_in(own, forbidden_in_public(spec, except_person=index)) == []

        # Retracted findings never appear, in any audience's output.
        retracted = {
            fid for fid, f in zip(built.finding_ids, spec.findings, strict=True) if f.retracted
        }
        shown = {f["id"] for f in public_findings + invitee_findings}
        assert not shown & retracted
        assert len({f["id"] for f in public_findings}) == len(spec.findings) - len(retracted)
