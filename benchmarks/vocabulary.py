"""The words generated data is made of: people's and organisations' names, roles, tags,
roundtable titles, agendas and findings, and the shares of sectors, jurisdictions and zones.

Names come from the communities the office works with.
Each naming tradition keeps its own script and order: Vietnamese and Hungarian names put the
family name first, Irish and Welsh names keep their fadas and patronymic particles, Greek,
Cyrillic, Arabic and Devanagari names are written in their own scripts (with the romanisation
beside them, which is what an email address uses), and Yoruba names carry combining tone marks.
The weights are rough shares of a UK anti-slavery stakeholder directory, not census figures.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Tradition:
    name: str
    weight: int
    given: tuple[str, ...]
    family: tuple[str, ...]
    family_first: bool = False


def entries(text: str) -> tuple[str, ...]:
    """Entries separated by ';'. `native|roman` keeps a romanisation for email addresses."""
    return tuple(item.strip() for item in text.split(";") if item.strip())


TRADITIONS: tuple[Tradition, ...] = (
    Tradition(
        "British",
        34,
        entries(
            "Oliver;Amelia;George;Isla;Harry;Ava;Jack;Mia;Charlotte;Thomas;Emily;James;Sophie;"
            "William;Grace;Samuel;Lucy;Daniel;Hannah;Joseph;Chloe;Rebecca;Matthew;Eleanor;"
            "Alexander;Katherine;Benjamin;Zoë;Christopher;Joanne;Stephen;Margaret;Peter;Helen"
        ),
        entries(
            "Smith;Jones;Taylor;Brown;Williams;Wilson;Johnson;Davies;Robinson;Wright;Thompson;"
            "Evans;Walker;White;Roberts;Green;Hall;Wood;Jackson;Clarke;Patel-Hughes;"
            "Fotheringham;Ashworth;Whitaker;Smith-Jones;Featherstonehaugh;Cholmondeley;Brontë"
        ),
    ),
    Tradition(
        "Scottish",
        5,
        entries("Mhairi;Ruaridh;Eilidh;Iain;Catriona;Alasdair;Morag;Fionnlagh;Seonaid;Callum"),
        entries("MacLeod;MacDonald;Campbell;Stewart;Mac a' Phearsain;NicDhòmhnaill;Ròs;Murray"),
    ),
    Tradition(
        "Irish",
        6,
        entries("Siobhán;Pádraig;Aoife;Seán;Niamh;Caoimhe;Oisín;Róisín;Ciarán;Sadhbh;Éabha"),
        entries(
            "Ó Súilleabháin;Ní Bhriain;O'Brien;Ó Murchú;Mac Giolla Phádraig;O'Neill;"
            "Ní Dhomhnaill;Ó Ceallaigh;McGuinness;D'Arcy;Ó hUiginn"
        ),
    ),
    Tradition(
        "Welsh",
        6,
        entries("Rhiannon;Dafydd;Siân;Gwenllian;Iolo;Llinos;Rhys;Angharad;Gethin;Cerys;Ffion"),
        entries(
            "ap Gruffydd;Llewelyn;Pritchard;ab Owain;Prys;Rhydderch;Huws;Bowen;Llwyd;Ffowc;Watcyn"
        ),
    ),
    Tradition(
        "Polish",
        5,
        entries("Małgorzata;Krzysztof;Łukasz;Zofia;Agnieszka;Wojciech;Grzegorz;Żaneta;Paweł"),
        entries("Wójcik;Szczęsny;Dąbrowski;Żółkiewska;Kowalczyk;Wiśniewska;Łęcki;Grabowski"),
    ),
    Tradition(
        "Romanian",
        4,
        entries("Ioana;Ștefan;Andreea;Mihai;Ecaterina;Răzvan;Bianca;Tudor;Irina"),
        entries("Popescu;Țăranu;Mureșan;Ionescu;Dumitrescu;Stănescu;Bălan;Constantinescu"),
    ),
    Tradition(
        "Lithuanian",
        1,
        entries("Žygimantas;Rūta;Gintarė;Mindaugas;Eglė"),
        entries("Kazlauskas;Jankauskienė;Petrauskas;Žukauskaitė"),
    ),
    Tradition(
        "Hungarian",
        1,
        entries("Réka;Zoltán;Erzsébet;Gábor;Katalin"),
        entries("Szabó;Kovács;Tóth;Horváth;Nagy"),
        family_first=True,
    ),
    Tradition(
        "Albanian",
        3,
        entries("Arbër;Elira;Dritan;Besjana;Ilir;Mirela;Gëzim;Blerina"),
        entries("Hoxha;Krasniqi;Berisha;Shehu;Gashi;Çela;Dervishi"),
    ),
    Tradition(
        "Vietnamese",
        4,
        entries("Thị Hồng;Văn Đức;Minh Tuấn;Thị Thu;Quốc Bảo;Ngọc Anh;Thanh Hương;Hoàng Long"),
        entries("Nguyễn;Trần;Lê;Phạm;Hoàng;Vũ;Đặng;Bùi"),
        family_first=True,
    ),
    Tradition(
        "Chinese",
        2,
        entries("芳|Fang;伟|Wei;秀英|Xiuying;敏|Min;静|Jing;强|Qiang"),
        entries("王|Wang;李|Li;张|Zhang;刘|Liu;陈|Chen"),
        family_first=True,
    ),
    Tradition(
        "Turkish",
        3,
        entries("Ayşe;Mehmet;Çağla;İbrahim;Gülşen;Oğuz;Şükrü;Öykü;Emre"),
        entries("Yılmaz;Öztürk;Şahin;Güneş;Çelik;Doğan;Kılıç;Aydın"),
    ),
    Tradition(
        "Greek",
        2,
        entries(
            "Γιώργος|Giorgos;Ελένη|Eleni;Δημήτρης|Dimitris;Κατερίνα|Katerina;Νίκος|Nikos;"
            "Σοφία|Sofia"
        ),
        entries(
            "Παπαδόπουλος|Papadopoulos;Νικολάου|Nikolaou;Γεωργίου|Georgiou;"
            "Οικονόμου|Oikonomou;Καραγιάννης|Karagiannis"
        ),
    ),
    Tradition(
        "Cyrillic",
        3,
        entries(
            "Олександр|Oleksandr;Наталья|Natalya;Ірина|Iryna;Дмитрий|Dmitry;Оксана|Oksana;"
            "Светлана|Svetlana;Богдан|Bohdan;Юлія|Yuliia"
        ),
        entries(
            "Шевченко|Shevchenko;Иванова|Ivanova;Коваленко|Kovalenko;Петров|Petrov;"
            "Бондаренко|Bondarenko;Георгиев|Georgiev"
        ),
    ),
    Tradition(
        "Arabic",
        4,
        entries(
            "Mohammed;Fatima;Abdul-Rahman;Aisha;Youssef;Mariam;Omar;Layla;Khaled;"
            "محمد|Mohamed;فاطمة|Fatma"
        ),
        entries(
            "Al-Rashid;El-Amin;bin Saeed;Haddad;Al-Masri;Abu-Zeid;Mansour;Al-Tamimi;الحسن|Alhasan"
        ),
    ),
    Tradition(
        "Eritrean and Ethiopian",
        2,
        entries("Tesfaye;Selam;Yonas;Mehret;Abrehet;Dawit;Saba"),
        entries("Gebremedhin;Haile;Tesfamariam;Kidane;Woldemichael;Berhane"),
    ),
    Tradition(
        "Nigerian",
        4,
        entries(
            "Chukwuemeka;Oluwaseun;Ngozi;Adaeze;Babatunde;Chiamaka;Ifeoma;Olúwatóyìn;Ọlá;"
            "Adébáyọ̀;Ikenna"
        ),
        entries("Okonkwo;Adébáyọ̀;Eze;Nwachukwu;Ọlátúnjí;Adeyemi;Okafor;Ogunleye;Obi"),
    ),
    Tradition(
        "Ghanaian",
        3,
        entries("Kwame;Akosua;Kofi;Abena;Yaw;Ama;Kwabena;Efua;Kojo"),
        entries("Mensah;Asante;Boateng;Owusu;Darko;Ofori;Agyeman;Appiah"),
    ),
    Tradition(
        "South Asian",
        8,
        entries(
            "Priya;Harpreet;Mohammed;Aisha;Rajesh;Sunita;Imran;Nusrat;Gurpreet;Anjali;Tariq;"
            "Shabana;Vikram;प्रिया|Priya;রহিম|Rahim"
        ),
        entries(
            "Sharma;Kaur;Iqbal;Begum;Patel;Chaudhary;Khan;Singh;D'Souza;Rahman;Hussain;"
            "Bhattacharya;Uddin;शर्मा|Sharma;উদ্দিন|Uddin"
        ),
    ),
    Tradition(
        "Filipino",
        2,
        entries("Maria;Jose;Rosalinda;Ligaya;Marites;Rodrigo"),
        entries("Santos;Reyes;dela Cruz;Bautista;Villanueva;Macapagal"),
    ),
    Tradition(
        "Iberian and Latin American",
        2,
        entries("João;Inês;Mariana;José María;Begoña;Conceição"),
        entries("Gonçalves;Muñoz;Fernández;Peña;da Silva;Ibáñez"),
    ),
)

PSEUDONYMS = entries(
    "River;Amani;J.;Hope;Sky;Nadia K.;Star;Morning;A. Survivor;Rose;Noor;Phoenix;Sam;Kay;"
    "Blessing;Mira;Ash;Jo;Dove;Zara"
)

PLACES = entries(
    "London;Manchester;Birmingham;Leeds;Sheffield;Bristol;Liverpool;Newcastle;Nottingham;"
    "Leicester;Coventry;Bradford;Hull;Stoke-on-Trent;Wolverhampton;Plymouth;Southampton;"
    "Portsmouth;Norwich;Ipswich;Peterborough;Lincoln;Boston;Wisbech;Kent;Essex;Surrey;"
    "Lancashire;Cumbria;Devon and Cornwall;Thames Valley;West Yorkshire;Merseyside;"
    "Cardiff;Swansea;Newport;Wrexham;Gwynedd;Ceredigion;Caerdydd;Abertawe;"
    "Glasgow;Edinburgh;Aberdeen;Dundee;Inverness;Na h-Eileanan Siar;"
    "Belfast;Derry~Londonderry;Newry;Armagh"
)

ORGANISATION_PATTERNS: dict[str, tuple[str, ...]] = {
    "Central government": (
        "Home Office {unit}",
        "Department for Business and Trade {unit}",
        "Foreign, Commonwealth and Development Office {unit}",
        "Department for Education {unit}",
        "HM Revenue and Customs {unit}",
        "Department for Work and Pensions {unit}",
    ),
    "Devolved administrations": (
        "Scottish Government {unit}",
        "Llywodraeth Cymru – Welsh Government {unit}",
        "Department of Justice (Northern Ireland) {unit}",
    ),
    "Parliament": ("{unit} Committee", "Office of the Member for {place}", "{unit} APPG"),
    "Law enforcement": (
        "{place} Police",
        "{place} Police Modern Slavery Unit",
        "National Crime Agency {unit}",
        "Gangmasters and Labour Abuse Authority {place}",
        "Border Force {place}",
    ),
    "Criminal justice": (
        "Crown Prosecution Service {place}",
        "HM Prison {place}",
        "Probation Service {place}",
        "{place} Magistrates' Court",
    ),
    "Health": ("NHS {place} Integrated Care Board", "{place} Teaching Hospitals NHS Trust"),
    "Local authorities": ("{place} City Council", "{place} County Council", "Cyngor {place}"),
    "Charities and NGOs": (
        "{place} Anti-Slavery Partnership",
        "{adjective} Futures",
        "{adjective} Freedom Trust",
        "{place} Refugee Action",
        "Hope for {place}",
        "{adjective} Routes CIC",
    ),
    "Survivor-led organisations": (
        "{place} Survivor Network",
        "{adjective} Voices Lived Experience Panel",
        "{adjective} Survivors' Alliance",
    ),
    "Lived experience experts": ("{adjective} Voices Collective",),
    "Research and academia": (
        "University of {place}",
        "{place} Rights Lab",
        "{adjective} Policy Institute",
        "{place} Centre for Migration Research",
    ),
    "Business": (
        "{family} & {family2} LLP",
        "{family} Foods plc",
        "{place} Construction Group",
        "{family} Hospitality Ltd",
        "{adjective} Retail Group",
        "{place} Logistics Ltd",
    ),
    "Finance and investors": ("{family} Asset Management", "{adjective} Bank", "{place} Capital"),
    "Public purchasing": ("{place} Procurement Consortium", "{adjective} Purchasing Partnership"),
    "Trade unions": ("{unit} Workers' Union {place} branch", "{adjective} Union"),
    "Linked sectors": (
        "{place} Homelessness Partnership",
        "{place} Children's Safeguarding Partnership",
        "{place} Food Bank",
    ),
    "Other commissioners": (
        "Anti-slavery Commissioner, {place}",
        "Office of the {place} Commissioner",
    ),
    "Data owners": ("Office for National Statistics {unit}", "{place} Data Observatory"),
}

UNITS = entries(
    "Modern Slavery Unit;Safeguarding Directorate;Labour Market Enforcement;"
    "Supply Chains Team;Victims Policy;Research Division;Home Affairs;Business and Trade;"
    "International Development;Justice;Women and Equalities;Transport Workers;Care Workers"
)

ADJECTIVES = entries(
    "New;Bright;Open;Safe;Unseen;Stronger;Common;Free;Rising;Shared;Clear;Hidden;Beacon;"
    "Northern;Western;Caledonian;Cymru;Ulster;Horizon;Lighthouse"
)

# Rough shares of a directory across the default sectors (names as seeded by taxonomy.py).
SECTOR_WEIGHTS = {
    "Central government": 8,
    "Devolved administrations": 3,
    "Parliament": 2,
    "Law enforcement": 10,
    "Criminal justice": 5,
    "Health": 6,
    "Local authorities": 10,
    "Charities and NGOs": 17,
    "Survivor-led organisations": 3,
    "Lived experience experts": 5,
    "Research and academia": 9,
    "Business": 11,
    "Finance and investors": 3,
    "Public purchasing": 1,
    "Trade unions": 2,
    "Linked sectors": 4,
    "Other commissioners": 1,
    "Data owners": 2,
}

JURISDICTION_WEIGHTS = {
    "England": 55,
    "Wales": 8,
    "Scotland": 10,
    "Northern Ireland": 5,
    "UK-wide": 15,
    "International": 7,
}

ROLES = {
    "Central government": ("Policy adviser", "Head of modern slavery policy", "Analyst"),
    "Law enforcement": ("Detective Inspector", "Detective Sergeant", "Modern slavery lead"),
    "Criminal justice": ("Senior crown prosecutor", "Governor", "Probation officer"),
    "Health": ("Safeguarding lead", "Named nurse", "Consultant psychiatrist"),
    "Local authorities": ("Safeguarding manager", "Community safety officer", "Social worker"),
    "Charities and NGOs": ("Chief executive", "Caseworker", "Policy and advocacy manager"),
    "Research and academia": ("Professor", "Research fellow", "Lecturer", "PhD researcher"),
    "Business": ("Head of responsible sourcing", "Ethical trade manager", "General counsel"),
    "Finance and investors": ("Stewardship lead", "ESG analyst"),
    "Trade unions": ("Organiser", "Branch secretary"),
}
DEFAULT_ROLES = ("Director", "Officer", "Adviser", "Coordinator")

TAGS = entries(
    "care sector;county lines;labour exploitation;sexual exploitation;criminal exploitation;"
    "NRM;modern slavery statements;construction;agriculture;nail bars;car washes;hospitality;"
    "fishing;domestic servitude;Welsh speaker;interpreting;data sharing;children;"
    "EU Settlement Scheme;seasonal workers;cannabis cultivation;debt bondage;ports"
)

ACCESS_NEEDS = (
    "BSL interpreter",
    "Step-free access",
    "Albanian interpreter",
    "Vietnamese interpreter",
    "Breaks every 45 minutes",
    "Childcare costs covered",
    "Camera off online; no recording",
    "Travel booked in advance by the office",
)

TOPICS = (
    "exploitation in the care sector",
    "county lines and child criminal exploitation",
    "remediation in garment supply chains",
    "secure reporting for seasonal workers",
    "survivor support after the NRM",
    "data on labour exploitation",
    "public procurement and forced labour",
    "homelessness and exploitation",
    "cross-UK working on victim identification",
    "research methods with lived experience experts",
    "financial investigation and asset recovery",
    "online recruitment and advertising",
)

TITLES = (
    "Roundtable: what works in {topic}",
    "Lived experience roundtable on {topic}",
    "Cross-UK officials roundtable: {topic}",
    "Business and investors on {topic}",
    "International commissioners' network: {topic}",
    "Linked sectors roundtable: {topic}",
)

AGENDA = (
    "Welcome, ground rules and the Chatham House rule",
    "What the evidence tells us",
    "Lived experience perspectives",
    "What works, and what does not",
    "Gaps in data and research",
    "Recommendations and next steps",
)

FINDING_OPENINGS = (
    "Participants reported that",
    "Several contributors observed that",
    "There was broad agreement that",
    "Lived experience experts stressed that",
    "Practitioners described how",
    "Researchers noted that",
)
FINDING_CLAIMS = (
    "victims are often not identified at first contact with statutory services",
    "data on outcomes after the NRM is not collected consistently across the four nations",
    "remediation is rare when audits find forced labour in supply chains",
    "workers on seasonal visas fear losing their right to stay if they report abuse",
    "support ends too abruptly when a conclusive grounds decision is made",
    "interpreting is not always available in the person's first language",
    "local authorities lack a single point of contact for modern slavery",
    "procurement teams have no practical guidance for high-risk contracts",
)
FINDING_ENDINGS = (
    "",
    "The office should ask the Home Office to publish the data.",
    "A pilot in two regions was suggested.",
    "This should be co-produced with lived experience experts.",
    "More research is needed before a recommendation can be made.",
)

ZONES = (
    ("Europe/London", 85),
    ("Europe/Warsaw", 3),
    ("Europe/Bucharest", 2),
    ("Australia/Sydney", 3),
    ("America/New_York", 3),
    ("Africa/Lagos", 2),
    ("Asia/Ho_Chi_Minh", 2),
)
