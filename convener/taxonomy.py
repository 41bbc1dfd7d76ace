"""The default taxonomies: levers, themes, sectors and jurisdictions.

These seed a new database and are data from then on: the office can add, rename and retire
themes, sectors and jurisdictions without losing the links of people already classified,
because links point at row ids, never at names.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Perspective(StrEnum):
    """The four voices the sources ask every thematic roundtable to bring together.

    Each sector maps to one of them, so the composer can balance an invite list toward a
    target mix ("researchers, lived experience experts, practitioners and policymakers").
    """

    RESEARCH = "research"
    LIVED_EXPERIENCE = "lived_experience"
    PRACTICE = "practice"
    POLICY = "policy"


def perspective_of(lived_experience: bool, sector_kind: str | None) -> str | None:
    """The voice a person brings: lived experience first, else their sector's perspective."""
    if lived_experience:
        return Perspective.LIVED_EXPERIENCE.value
    if sector_kind in Perspective.__members__.values():
        return str(sector_kind)
    return None


DEFAULT_MIX: dict[str, int] = {p.value: 1 for p in Perspective}


@dataclass(frozen=True, slots=True)
class DefaultTerm:
    name: str
    description: str = ""
    kind: str = ""  # themes: "cross-cutting" or "policy area"; sectors: a Perspective


LEVERS: tuple[DefaultTerm, ...] = (
    DefaultTerm("Influencing", "Advocating changes to law, policy and practice"),
    DefaultTerm("Convening", "Bringing actors together to consult them and share practice"),
    DefaultTerm("Collaborating", "Joint work and partnerships"),
    DefaultTerm("Scrutinising", "Using data, research and information requests"),
)

THEMES: tuple[DefaultTerm, ...] = (
    DefaultTerm("Lived experience engagement", kind="cross-cutting"),
    DefaultTerm("Research and data", kind="cross-cutting"),
    DefaultTerm("Prevention", kind="policy area"),
    DefaultTerm("Survivor identification and support", kind="policy area"),
    DefaultTerm("Domestic and global supply chains", kind="policy area"),
    DefaultTerm("Law enforcement and criminal justice", kind="policy area"),
    DefaultTerm("International", kind="policy area"),
)

_P = Perspective
SECTORS: tuple[DefaultTerm, ...] = (
    DefaultTerm("Central government", "UK government departments", _P.POLICY),
    DefaultTerm("Devolved administrations", "Scotland, Wales, Northern Ireland", _P.POLICY),
    DefaultTerm("Parliament", "Members, committees and their staff", _P.POLICY),
    DefaultTerm(
        "Law enforcement", "Police forces, College of Policing, national units", _P.PRACTICE
    ),
    DefaultTerm("Criminal justice", "Prosecutors, courts, prisons and probation", _P.PRACTICE),
    DefaultTerm("Health", "NHS and health services", _P.PRACTICE),
    DefaultTerm("Local authorities", "Councils and their safeguarding teams", _P.PRACTICE),
    DefaultTerm("Charities and NGOs", "Voluntary sector organisations", _P.PRACTICE),
    DefaultTerm(
        "Survivor-led organisations",
        "Survivor-led and survivor-engaged organisations, lived experience advisory panels",
        _P.LIVED_EXPERIENCE,
    ),
    DefaultTerm(
        "Lived experience experts", "Individual experts by experience", _P.LIVED_EXPERIENCE
    ),
    DefaultTerm(
        "Research and academia", "Universities, institutes, independent researchers", _P.RESEARCH
    ),
    DefaultTerm("Business", "Companies and business networks", _P.PRACTICE),
    DefaultTerm("Finance and investors", "Banks, investors, financial regulators", _P.PRACTICE),
    DefaultTerm("Public purchasing", "Public purchasing consortia and procurement", _P.PRACTICE),
    DefaultTerm("Trade unions", "Unions and worker organisations", _P.PRACTICE),
    DefaultTerm("Linked sectors", "Homelessness, poverty, child safeguarding", _P.PRACTICE),
    DefaultTerm("Other commissioners", "UK and international commissioners", _P.POLICY),
    DefaultTerm("Data owners", "Statutory bodies holding data", _P.RESEARCH),
)

JURISDICTIONS: tuple[DefaultTerm, ...] = (
    DefaultTerm("England"),
    DefaultTerm("Wales"),
    DefaultTerm("Scotland"),
    DefaultTerm("Northern Ireland"),
    DefaultTerm("UK-wide"),
    DefaultTerm("International"),
)
