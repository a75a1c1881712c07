//! Realistic, valid datasets of any size, for benchmarks and demos (`councilor generate`).
//!
//! Pure and deterministic: the same `(deliverables, seed)` gives the same text, byte for byte,
//! on every platform (a hand-written splitmix64 generator, no floating point). The output is
//! pretty-printed with two spaces like the bundled outcomes and ends in one newline. People
//! named in it are fictional.

use std::collections::HashMap;

use serde::Serialize;
use time::Date;

use crate::model::DEFAULT_STATUSES;

/// A dataset with `deliverables` deliverables: `max(3, deliverables / 250)` councils, every
/// technology area of the pool (32), titles and descriptions built from phrase pools, about
/// one deliverable in twenty with Japanese or Korean text in its title or notes.
pub fn dataset(deliverables: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let n_councils = (deliverables / 250).max(3);
    let councils = plan_councils(&mut rng, n_councils, deliverables);
    let mut out = Dataset {
        version: 1,
        title: format!(
            "Digital partnership councils: generated dataset ({deliverables} deliverables, seed {seed})"
        ),
        statuses: DEFAULT_STATUSES.to_vec(),
        councils: Vec::with_capacity(councils.len()),
        areas: AREAS
            .iter()
            .map(|a| AreaOut {
                id: a.id,
                name: a.name,
                description: a.description,
            })
            .collect(),
        deliverables: Vec::with_capacity(deliverables),
    };
    for plan in &councils {
        out.councils.push(council(&mut rng, plan));
        let mut ids: HashMap<String, usize> = HashMap::new();
        for _ in 0..plan.deliverables {
            out.deliverables.push(deliverable(&mut rng, plan, &mut ids));
        }
    }
    let mut text = serde_json::to_string_pretty(&out).expect("plain data always serialises");
    text.push('\n');
    text
}

// ---- the random source ----

/// splitmix64: small, fast, and good enough for test data.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed ^ 0x5851_f42d_4c95_7f2d)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        ((self.next() as u128 * n as u128) >> 64) as usize
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn percent(&mut self, p: usize) -> bool {
        self.below(100) < p
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// An index chosen with the given weights.
    fn weighted(&mut self, weights: &[usize]) -> usize {
        let mut r = self.below(weights.iter().sum());
        for (i, &w) in weights.iter().enumerate() {
            if r < w {
                return i;
            }
            r -= w;
        }
        weights.len() - 1
    }

    /// `k` distinct indices of `0..n`, in the order drawn.
    fn distinct(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..n).collect();
        for i in 0..k.min(n) {
            let j = i + self.below(n - i);
            all.swap(i, j);
        }
        all.truncate(k.min(n));
        all
    }
}

// ---- what is written (field order is the file's key order) ----

#[derive(Serialize)]
struct Dataset {
    version: u32,
    title: String,
    statuses: Vec<&'static str>,
    councils: Vec<CouncilOut>,
    areas: Vec<AreaOut>,
    deliverables: Vec<DeliverableOut>,
}

#[derive(Serialize)]
struct CouncilOut {
    id: String,
    name: String,
    partner: &'static str,
    date: String,
    location: &'static str,
    chairs: Vec<String>,
    summary: String,
    source: Source,
    confidence: &'static str,
}

#[derive(Serialize)]
struct Source {
    title: String,
    publisher: &'static str,
    published: String,
    url: String,
}

#[derive(Serialize)]
struct AreaOut {
    id: &'static str,
    name: &'static str,
    description: &'static str,
}

#[derive(Serialize)]
struct DeliverableOut {
    id: String,
    council: String,
    areas: Vec<&'static str>,
    title: String,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    owner: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    due: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    history: Option<Vec<HistoryOut>>,
}

#[derive(Serialize)]
struct HistoryOut {
    at: String,
    field: &'static str,
    from: &'static str,
    to: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    by: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

// ---- councils ----

struct CouncilPlan {
    id: String,
    name: String,
    partner: &'static Partner,
    ordinal: usize,
    /// Julian day of the meeting.
    day: i32,
    /// Indices into `AREAS` that this council worked on.
    areas: Vec<usize>,
    deliverables: usize,
    source_url: String,
}

fn plan_councils(rng: &mut Rng, n: usize, deliverables: usize) -> Vec<CouncilPlan> {
    let series = PARTNERS.len() * FORMATS.len();
    // Each series (partner and format) starts in its own month and meets every 6 to 14 months.
    let mut next_day: Vec<i32> = (0..series)
        .map(|_| julian(2019 + rng.below(4) as i32, 1 + rng.below(12) as u8, 1))
        .collect();
    let weights: Vec<usize> = (0..n).map(|_| rng.range(50, 150)).collect();
    let total: usize = weights.iter().sum();
    let mut given = 0;
    let mut cumulative = 0;
    (0..n)
        .map(|i| {
            let s = i % series;
            let partner = &PARTNERS[s % PARTNERS.len()];
            let format = &FORMATS[(s / PARTNERS.len()) % FORMATS.len()];
            let ordinal = i / series + 1;
            let day = next_day[s] + rng.below(28) as i32;
            next_day[s] = day + rng.range(180, 420) as i32;
            cumulative += weights[i];
            let upto = deliverables * cumulative / total;
            let count = upto - given;
            given = upto;
            let id = format!("eu-{}-{}-{ordinal}", partner.code, format.0);
            let name = format!("{} EU–{} {}", ordinal_word(ordinal), partner.name, format.1);
            let k = rng.range(6, 14);
            let areas = rng.distinct(AREAS.len(), k);
            let source_url = format!(
                "https://digital-strategy.ec.europa.eu/en/news/{}",
                slug(&format!("{name} {}", year_of(day)))
            );
            CouncilPlan {
                id,
                name,
                partner,
                ordinal,
                day,
                areas,
                deliverables: count,
                source_url,
            }
        })
        .collect()
}

fn council(rng: &mut Rng, plan: &CouncilPlan) -> CouncilOut {
    let p = plan.partner;
    let location = if plan.ordinal % 2 == 1 {
        rng.pick(p.cities)
    } else {
        rng.pick(EU_CITIES)
    };
    let mut chairs = vec![format!("{} ({})", rng.pick(EU_PEOPLE), rng.pick(EU_ROLES))];
    let k = rng.range(1, 2);
    for i in rng.distinct(p.people.len(), k) {
        chairs.push(format!("{} ({})", p.people[i], rng.pick(p.roles)));
    }
    let names: Vec<&str> = plan
        .areas
        .iter()
        .take(3)
        .map(|&a| AREAS[a].topic_name)
        .collect();
    let mut summary = format!(
        "The {} council of the EU–{} partnership took stock of cooperation on {}, {} and {} and agreed {} new deliverables.",
        ordinal_word(plan.ordinal).to_lowercase(),
        p.name,
        names[0],
        names[1],
        names[2],
        plan.deliverables
    );
    let k = rng.range(0, 2);
    for s in rng.distinct(COUNCIL_SENTENCES.len(), k) {
        summary.push(' ');
        summary.push_str(&COUNCIL_SENTENCES[s].replace("{city}", location));
    }
    let verb = rng.pick(&["advance", "strengthen", "deepen", "take stock of"]);
    let published = plan.day + rng.range(1, 60) as i32;
    let (y, m, _) = ymd(published);
    CouncilOut {
        id: plan.id.clone(),
        name: plan.name.clone(),
        partner: p.name,
        date: date_text(plan.day),
        location,
        chairs,
        summary,
        source: Source {
            title: format!(
                "EU and {} {verb} cooperation on {} and {}",
                p.name, names[0], names[1]
            ),
            publisher: if rng.percent(75) {
                "European Commission"
            } else {
                p.ministry
            },
            published: format!("{y}-{m:02}"),
            url: plan.source_url.clone(),
        },
        confidence: rng.pick(&["high", "high", "high", "medium", "low"]),
    }
}

// ---- deliverables ----

fn deliverable(
    rng: &mut Rng,
    plan: &CouncilPlan,
    ids: &mut HashMap<String, usize>,
) -> DeliverableOut {
    let p = plan.partner;
    let n_areas = [0, 1, 2, 3][rng.weighted(&[2, 56, 32, 10])];
    let areas: Vec<&Area> = rng
        .distinct(plan.areas.len(), n_areas)
        .into_iter()
        .map(|i| &AREAS[plan.areas[i]])
        .collect();
    // A deliverable without areas still has a subject.
    let main = areas.first().copied().unwrap_or(&AREAS[plan.areas[0]]);
    let topic = rng.pick(main.topics);
    let (key, mut title) = if areas.len() >= 2 && rng.percent(30) {
        let other = rng.pick(areas[1].topics);
        ("joint-work", format!("Joint work on {topic} and {other}"))
    } else {
        let (key, before, after) = rng.pick(TITLES);
        (key, format!("{before}{topic}{after}"))
    };
    let cjk = p.lang != Lang::None && rng.percent(16);
    let cjk_in_title = cjk && rng.percent(60);
    if cjk_in_title {
        match p.lang {
            Lang::Ja => title.push_str(&format!("（{}に関する協力）", main.ja)),
            Lang::Ko => title.push_str(&format!(" ({} 협력)", main.ko)),
            Lang::None => {}
        }
    }
    let base = format!("{}-{key}", main.id);
    let seen = ids.entry(base.clone()).or_insert(0);
    *seen += 1;
    let id = if *seen == 1 {
        format!("{}/{base}", plan.id)
    } else {
        format!("{}/{base}-{}", plan.id, seen)
    };
    let year = year_of(plan.day);
    let next = format!(
        "{} EU–{} council",
        ordinal_word(plan.ordinal + 1).to_lowercase(),
        p.name
    );
    let other_area = &AREAS[rng.below(AREAS.len())];
    let vars = Vars {
        partner: p.name,
        topic,
        agency: rng.pick(p.agencies),
        year: year + rng.range(1, 3) as i32,
        next: &next,
        month: month_year(plan.day + rng.range(30, 400) as i32),
        other: rng.pick(other_area.topics),
    };
    let description = rng.percent(97).then(|| {
        let mut d = fill(rng.pick(DESCRIPTION_OPENINGS), &vars);
        let k = rng.range(0, 3);
        for s in rng.distinct(DESCRIPTION_MORE.len(), k) {
            d.push(' ');
            d.push_str(&fill(DESCRIPTION_MORE[s], &vars));
        }
        d
    });
    let owner = rng.percent(65).then(|| match rng.below(3) {
        0 => rng.pick(EU_BODIES).to_string(),
        1 => rng.pick(p.agencies).to_string(),
        _ => format!("{} and {}", rng.pick(EU_BODIES), rng.pick(p.agencies)),
    });
    let due = rng.percent(50).then(|| {
        let day = plan.day + rng.range(200, 1100) as i32;
        let (y, m, d) = ymd(day);
        match rng.weighted(&[4, 4, 2]) {
            0 => format!("{y}"),
            1 => format!("{y}-{m:02}"),
            _ => format!("{y}-{m:02}-{d:02}"),
        }
    });
    let notes = if cjk && !cjk_in_title {
        Some(match p.lang {
            Lang::Ja => format!(
                "{}分野の担当者間で調整が続いている。次回の評議会で進捗を報告する予定。",
                main.ja
            ),
            _ => format!(
                "{} 분야 담당자 간 협의가 진행 중이다. 다음 위원회에서 진행 상황을 보고할 예정이다.",
                main.ko
            ),
        })
    } else {
        rng.percent(80).then(|| {
            let mut n = String::new();
            let k = rng.range(1, 3);
            for s in rng.distinct(NOTES.len(), k) {
                if !n.is_empty() {
                    n.push(' ');
                }
                n.push_str(&fill(NOTES[s], &vars));
            }
            n
        })
    };
    let evidence = rng.percent(75).then(|| {
        let mut e = format!(
            "The EU and {} {} {topic}.",
            p.name,
            rng.pick(EVIDENCE_VERBS)
        );
        if rng.percent(40) {
            e.push(' ');
            e.push_str(rng.pick(EVIDENCE_MORE));
        }
        e
    });
    let source_url = rng.percent(25).then(|| plan.source_url.clone());
    let (status, history) = status_and_history(rng, plan.day);
    DeliverableOut {
        id,
        council: plan.id.clone(),
        areas: areas.iter().map(|a| a.id).collect(),
        title,
        status,
        description,
        owner,
        due,
        notes,
        evidence,
        source_url,
        history,
    }
}

/// A status and the history of status changes that led to it (none for about half).
fn status_and_history(rng: &mut Rng, council_day: i32) -> (&'static str, Option<Vec<HistoryOut>>) {
    let [planned, in_progress, done, blocked, dropped] = DEFAULT_STATUSES;
    let steps = rng.weighted(&[45, 25, 17, 9, 4]);
    if steps == 0 {
        let status =
            [planned, in_progress, done, blocked, dropped][rng.weighted(&[35, 35, 20, 6, 4])];
        // Some files carry an empty list, most none at all.
        return (status, rng.percent(15).then(Vec::new));
    }
    let mut status = planned;
    let mut day = council_day + rng.range(7, 120) as i32;
    let mut history = Vec::with_capacity(steps);
    for _ in 0..steps {
        let to = match status {
            s if s == planned => {
                [in_progress, done, blocked, dropped][rng.weighted(&[60, 25, 10, 5])]
            }
            s if s == in_progress => {
                [done, blocked, planned, dropped][rng.weighted(&[55, 25, 5, 15])]
            }
            s if s == blocked => [in_progress, dropped][rng.weighted(&[70, 30])],
            s if s == dropped => planned,
            _ => in_progress, // reopened
        };
        let (y, m, d) = ymd(day);
        let at = format!(
            "{y}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
            rng.range(6, 19),
            rng.below(60),
            rng.below(60)
        );
        history.push(HistoryOut {
            at,
            field: "status",
            from: status,
            to,
            by: rng.percent(30).then(|| rng.pick(EU_PEOPLE)),
            note: rng.percent(20).then(|| rng.pick(HISTORY_NOTES).to_string()),
        });
        status = to;
        day += rng.range(7, 240) as i32;
    }
    (status, Some(history))
}

// ---- text helpers ----

struct Vars<'a> {
    partner: &'a str,
    topic: &'a str,
    agency: &'a str,
    year: i32,
    next: &'a str,
    month: String,
    other: &'a str,
}

/// Replaces `{partner}`, `{topic}`, `{agency}`, `{year}`, `{next}`, `{month}`, `{other}`.
fn fill(template: &str, v: &Vars) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(len) = rest[open..].find('}') else {
            break;
        };
        let key = &rest[open + 1..open + len];
        match key {
            "partner" => out.push_str(v.partner),
            "topic" => out.push_str(v.topic),
            "agency" => out.push_str(v.agency),
            "year" => out.push_str(&v.year.to_string()),
            "next" => out.push_str(v.next),
            "month" => out.push_str(&v.month),
            "other" => out.push_str(v.other),
            _ => out.push_str(&rest[open..=open + len]),
        }
        rest = &rest[open + len + 1..];
    }
    out.push_str(rest);
    out
}

fn ordinal_word(n: usize) -> String {
    const WORDS: [&str; 20] = [
        "First",
        "Second",
        "Third",
        "Fourth",
        "Fifth",
        "Sixth",
        "Seventh",
        "Eighth",
        "Ninth",
        "Tenth",
        "Eleventh",
        "Twelfth",
        "Thirteenth",
        "Fourteenth",
        "Fifteenth",
        "Sixteenth",
        "Seventeenth",
        "Eighteenth",
        "Nineteenth",
        "Twentieth",
    ];
    if (1..=20).contains(&n) {
        return WORDS[n - 1].to_string();
    }
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// Lower-case ASCII words joined by `-`.
fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

fn julian(year: i32, month: u8, day: u8) -> i32 {
    let month = time::Month::try_from(month).expect("month in 1..=12");
    Date::from_calendar_date(year, month, day)
        .expect("a real day")
        .to_julian_day()
}

fn ymd(julian_day: i32) -> (i32, u8, u8) {
    let d = Date::from_julian_day(julian_day).expect("a day of this era");
    (d.year(), d.month() as u8, d.day())
}

fn year_of(julian_day: i32) -> i32 {
    ymd(julian_day).0
}

fn date_text(julian_day: i32) -> String {
    let (y, m, d) = ymd(julian_day);
    format!("{y}-{m:02}-{d:02}")
}

fn month_year(julian_day: i32) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let (y, m, _) = ymd(julian_day);
    format!("{} {y}", MONTHS[m as usize - 1])
}

// ---- phrase pools ----

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lang {
    None,
    Ja,
    Ko,
}

struct Partner {
    name: &'static str,
    code: &'static str,
    lang: Lang,
    cities: &'static [&'static str],
    people: &'static [&'static str],
    roles: &'static [&'static str],
    ministry: &'static str,
    agencies: &'static [&'static str],
}

const PARTNERS: &[Partner] = &[
    Partner {
        name: "Japan",
        code: "jp",
        lang: Lang::Ja,
        cities: &["Tokyo", "Osaka", "Kyoto"],
        people: &[
            "Haruto Sato",
            "Yui Tanaka",
            "Kenji Watanabe",
            "Aiko Nakamura",
        ],
        roles: &[
            "Minister for Digital Transformation",
            "Minister of Internal Affairs and Communications",
            "State Minister of Economy, Trade and Industry",
        ],
        ministry: "Ministry of Economy, Trade and Industry (Japan)",
        agencies: &[
            "Japan's Digital Agency",
            "Ministry of Internal Affairs and Communications (Japan)",
            "Ministry of Economy, Trade and Industry (Japan)",
            "Japan's AI Safety Institute",
        ],
    },
    Partner {
        name: "Republic of Korea",
        code: "kr",
        lang: Lang::Ko,
        cities: &["Seoul", "Busan", "Daejeon"],
        people: &["Kim Min-jun", "Lee Seo-yeon", "Park Ji-hoon", "Choi Yu-na"],
        roles: &[
            "Minister of Science and ICT",
            "Vice-Minister of Science and ICT",
            "Minister of Trade, Industry and Energy",
        ],
        ministry: "Ministry of Science and ICT (Korea)",
        agencies: &[
            "Ministry of Science and ICT (Korea)",
            "National IT Industry Promotion Agency (Korea)",
            "Korea Internet & Security Agency",
        ],
    },
    Partner {
        name: "Singapore",
        code: "sg",
        lang: Lang::None,
        cities: &["Singapore"],
        people: &["Tan Wei Ming", "Priya Raman", "Lim Jia Hui"],
        roles: &[
            "Minister for Digital Development and Information",
            "Minister for Trade and Industry",
        ],
        ministry: "Ministry of Digital Development and Information (Singapore)",
        agencies: &[
            "Infocomm Media Development Authority (Singapore)",
            "Cyber Security Agency of Singapore",
            "GovTech Singapore",
        ],
    },
    Partner {
        name: "Canada",
        code: "ca",
        lang: Lang::None,
        cities: &["Ottawa", "Montréal", "Toronto"],
        people: &["Emily Tremblay", "Daniel Roy", "Sophie Gagnon"],
        roles: &[
            "Minister of Innovation, Science and Industry",
            "Minister of Artificial Intelligence and Digital Innovation",
        ],
        ministry: "Innovation, Science and Economic Development Canada",
        agencies: &[
            "Innovation, Science and Economic Development Canada",
            "National Research Council Canada",
            "Canadian Centre for Cyber Security",
        ],
    },
    Partner {
        name: "India",
        code: "in",
        lang: Lang::None,
        cities: &["New Delhi", "Bengaluru", "Mumbai"],
        people: &["Arjun Mehta", "Kavya Iyer", "Rohan Deshpande"],
        roles: &[
            "Minister of Electronics and Information Technology",
            "Minister of Commerce and Industry",
        ],
        ministry: "Ministry of Electronics and Information Technology (India)",
        agencies: &[
            "Ministry of Electronics and Information Technology (India)",
            "Centre for Development of Advanced Computing (India)",
            "Department of Telecommunications (India)",
        ],
    },
    Partner {
        name: "Australia",
        code: "au",
        lang: Lang::None,
        cities: &["Canberra", "Sydney", "Melbourne"],
        people: &["Olivia Brown", "Jack Wilson", "Chloe Nguyen"],
        roles: &[
            "Minister for Industry and Science",
            "Minister for Communications",
        ],
        ministry: "Department of Industry, Science and Resources (Australia)",
        agencies: &[
            "Department of Industry, Science and Resources (Australia)",
            "Australian Signals Directorate",
            "CSIRO",
        ],
    },
    Partner {
        name: "United Kingdom",
        code: "uk",
        lang: Lang::None,
        cities: &["London", "Edinburgh", "Manchester"],
        people: &["Oliver Hughes", "Amelia Clarke", "Harriet Evans"],
        roles: &[
            "Secretary of State for Science, Innovation and Technology",
            "Minister for Digital Economy",
        ],
        ministry: "Department for Science, Innovation and Technology (UK)",
        agencies: &[
            "Department for Science, Innovation and Technology (UK)",
            "UK AI Security Institute",
            "National Cyber Security Centre (UK)",
        ],
    },
    Partner {
        name: "United States",
        code: "us",
        lang: Lang::None,
        cities: &["Washington, D.C.", "Pittsburgh", "College Park"],
        people: &["Sarah Mitchell", "David Chen", "Maria Gonzalez"],
        roles: &[
            "Secretary of Commerce",
            "United States Trade Representative",
        ],
        ministry: "U.S. Department of Commerce",
        agencies: &[
            "U.S. Department of Commerce",
            "National Institute of Standards and Technology",
            "National Telecommunications and Information Administration",
        ],
    },
    Partner {
        name: "Brazil",
        code: "br",
        lang: Lang::None,
        cities: &["Brasília", "São Paulo", "Rio de Janeiro"],
        people: &["Ana Souza", "Lucas Oliveira", "Beatriz Santos"],
        roles: &[
            "Minister of Science, Technology and Innovation",
            "Minister of Communications",
        ],
        ministry: "Ministry of Science, Technology and Innovation (Brazil)",
        agencies: &[
            "Ministry of Science, Technology and Innovation (Brazil)",
            "Brazilian National Telecommunications Agency (Anatel)",
            "National Data Protection Authority (Brazil)",
        ],
    },
    Partner {
        name: "New Zealand",
        code: "nz",
        lang: Lang::None,
        cities: &["Wellington", "Auckland"],
        people: &["Aroha Ngata", "James Taylor", "Grace Walker"],
        roles: &["Minister for Digitising Government", "Minister for Science"],
        ministry: "Ministry of Business, Innovation and Employment (New Zealand)",
        agencies: &[
            "Ministry of Business, Innovation and Employment (New Zealand)",
            "National Cyber Security Centre (New Zealand)",
        ],
    },
];

/// (id part, name) of each kind of council.
const FORMATS: &[(&str, &str)] = &[
    ("dpc", "Digital Partnership Council"),
    ("ttc", "Trade and Technology Council"),
    ("dd", "Digital Dialogue"),
    ("rijc", "Research and Innovation Joint Committee"),
    ("cyd", "Cyber Dialogue"),
];

const EU_CITIES: &[&str] = &["Brussels", "Luxembourg", "Strasbourg"];

const EU_PEOPLE: &[&str] = &[
    "Anna Lindqvist",
    "Marco Bellini",
    "Sofia Kovač",
    "Jan de Vries",
    "Claire Martin",
    "Tomasz Nowak",
    "Elena Papadopoulou",
    "Pieter Claes",
    "Inês Carvalho",
    "Mikko Virtanen",
];

const EU_ROLES: &[&str] = &[
    "Commissioner for the Internal Market",
    "Executive Vice-President for Tech Sovereignty, Security and Democracy",
    "Commissioner for Research and Innovation",
    "Commissioner for Trade",
];

const EU_BODIES: &[&str] = &[
    "European Commission (DG CONNECT)",
    "European Commission (DG RTD)",
    "European Commission (DG TRADE)",
    "European AI Office",
    "ENISA",
    "EuroHPC Joint Undertaking",
    "Chips Joint Undertaking",
    "Smart Networks and Services Joint Undertaking",
    "European Health and Digital Executive Agency (HaDEA)",
    "BEREC",
];

const COUNCIL_SENTENCES: &[&str] = &[
    "The meeting in {city} was prepared by two senior officials' meetings and a stakeholder workshop.",
    "Ministers welcomed the progress made since the previous council and asked for a joint report within a year.",
    "Both sides stressed the importance of secure, resilient supply chains and of common standards.",
    "Industry representatives joined a session on research cooperation and investment.",
    "The council also discussed economic security and the coordination of export controls.",
];

struct Area {
    id: &'static str,
    name: &'static str,
    description: &'static str,
    /// How the area reads inside a sentence.
    topic_name: &'static str,
    topics: &'static [&'static str],
    ja: &'static str,
    ko: &'static str,
}

const AREAS: &[Area] = &[
    Area {
        id: "ai",
        name: "Artificial intelligence",
        description: "AI governance, safety, adoption, compute and research",
        topic_name: "artificial intelligence",
        topics: &[
            "AI safety",
            "trustworthy AI",
            "AI safety institutes",
            "general-purpose AI models",
            "AI in public services",
            "AI risk management frameworks",
            "AI testing and evaluation",
            "AI compute for research",
        ],
        ja: "人工知能",
        ko: "인공지능",
    },
    Area {
        id: "5g",
        name: "5G and Beyond 5G",
        description: "5G and Beyond 5G networks, including radio access networks",
        topic_name: "5G",
        topics: &[
            "Open RAN deployment",
            "5G network security",
            "Beyond 5G research",
            "5G corridors for connected mobility",
        ],
        ja: "第5世代移動通信",
        ko: "5세대 이동통신",
    },
    Area {
        id: "6g",
        name: "6G",
        description: "Research and standardisation for sixth-generation mobile networks",
        topic_name: "6G",
        topics: &[
            "6G research",
            "6G standardisation",
            "6G spectrum planning",
            "terahertz communications for 6G",
        ],
        ja: "第6世代移動通信",
        ko: "6세대 이동통신",
    },
    Area {
        id: "semiconductors",
        name: "Semiconductors",
        description: "Chip research, supply-chain resilience and public support schemes",
        topic_name: "semiconductors",
        topics: &[
            "semiconductor supply chains",
            "chip design skills",
            "advanced semiconductor packaging",
            "semiconductor research",
            "early warning on chip shortages",
            "public support schemes for semiconductors",
        ],
        ja: "半導体",
        ko: "반도체",
    },
    Area {
        id: "hpc",
        name: "High-performance computing",
        description: "Supercomputers, exascale systems and their applications",
        topic_name: "high-performance computing",
        topics: &[
            "high-performance computing",
            "exascale computing",
            "HPC access for researchers",
            "HPC applications for climate modelling",
        ],
        ja: "高性能計算",
        ko: "고성능 컴퓨팅",
    },
    Area {
        id: "quantum",
        name: "Quantum technologies",
        description: "Quantum computing, communication and sensing",
        topic_name: "quantum technologies",
        topics: &[
            "quantum computing",
            "quantum communication infrastructure",
            "quantum sensing",
            "post-quantum cryptography",
            "hybrid quantum-HPC applications",
        ],
        ja: "量子技術",
        ko: "양자 기술",
    },
    Area {
        id: "data",
        name: "Data governance and flows",
        description: "Data free flow with trust and cross-border data governance",
        topic_name: "data governance",
        topics: &[
            "data free flow with trust",
            "cross-border data flows",
            "data governance",
            "trusted data intermediaries",
        ],
        ja: "データガバナンス",
        ko: "데이터 거버넌스",
    },
    Area {
        id: "data-spaces",
        name: "Data spaces",
        description: "Sector data spaces and interoperable data sharing",
        topic_name: "data spaces",
        topics: &[
            "interoperable data spaces",
            "health data spaces",
            "industrial data sharing",
            "data spaces for smart manufacturing",
        ],
        ja: "データスペース",
        ko: "데이터 스페이스",
    },
    Area {
        id: "online-platforms",
        name: "Online platforms",
        description: "Platform regulation, transparency and accountability",
        topic_name: "online platforms",
        topics: &[
            "platform regulation",
            "algorithmic transparency",
            "app store competition",
            "the accountability of very large online platforms",
        ],
        ja: "オンラインプラットフォーム",
        ko: "온라인 플랫폼",
    },
    Area {
        id: "submarine-cables",
        name: "Submarine cables",
        description: "Secure and resilient subsea connectivity",
        topic_name: "submarine cables",
        topics: &[
            "submarine cables",
            "the Arctic submarine cable route",
            "submarine cable repair capacity",
            "secure submarine cable landing stations",
            "trans-Pacific submarine cable connectivity",
        ],
        ja: "海底ケーブル",
        ko: "해저 케이블",
    },
    Area {
        id: "connectivity",
        name: "Secure connectivity",
        description: "Resilient networks, Global Gateway connectivity and satellites",
        topic_name: "connectivity",
        topics: &[
            "secure and resilient connectivity",
            "Global Gateway connectivity projects",
            "satellite connectivity",
            "rural broadband",
        ],
        ja: "接続性",
        ko: "연결성",
    },
    Area {
        id: "eid",
        name: "Digital identity and trust services",
        description: "Digital identities, wallets and trust services",
        topic_name: "digital identity",
        topics: &[
            "digital identities",
            "digital identity wallets",
            "trust services",
            "mutual recognition of electronic signatures",
        ],
        ja: "デジタルID",
        ko: "디지털 신원",
    },
    Area {
        id: "cybersecurity",
        name: "Cybersecurity",
        description: "Cyber resilience, certification and incident response",
        topic_name: "cybersecurity",
        topics: &[
            "cybersecurity of connected products",
            "cyber threat information sharing",
            "cybersecurity certification",
            "ransomware resilience",
            "incident response cooperation",
        ],
        ja: "サイバーセキュリティ",
        ko: "사이버 보안",
    },
    Area {
        id: "online-safety",
        name: "Online safety",
        description: "Protection of minors, disinformation and illegal content online",
        topic_name: "online safety",
        topics: &[
            "the protection of minors online",
            "disinformation",
            "illegal content online",
        ],
        ja: "オンライン安全",
        ko: "온라인 안전",
    },
    Area {
        id: "research",
        name: "Research and innovation",
        description: "Joint calls, mobility of researchers and research infrastructure",
        topic_name: "research",
        topics: &[
            "joint research calls",
            "researcher mobility",
            "association to Horizon Europe",
            "shared research infrastructures",
        ],
        ja: "研究・イノベーション",
        ko: "연구 및 혁신",
    },
    Area {
        id: "standards",
        name: "Standardisation",
        description: "International standards for emerging technologies",
        topic_name: "standardisation",
        topics: &[
            "international standardisation",
            "standards for emerging technologies",
            "technical regulations",
        ],
        ja: "標準化",
        ko: "표준화",
    },
    Area {
        id: "skills",
        name: "Digital skills",
        description: "Advanced digital skills and talent exchanges",
        topic_name: "digital skills",
        topics: &[
            "digital skills",
            "advanced digital skills",
            "talent exchanges",
        ],
        ja: "デジタルスキル",
        ko: "디지털 역량",
    },
    Area {
        id: "smes",
        name: "SMEs and start-ups",
        description: "Start-up ecosystems and the digitalisation of small businesses",
        topic_name: "start-ups",
        topics: &[
            "start-up ecosystems",
            "SME digitalisation",
            "venture investment in deep tech",
        ],
        ja: "中小企業",
        ko: "중소기업",
    },
    Area {
        id: "cloud",
        name: "Cloud and edge computing",
        description: "Cloud services, edge computing and the cloud-edge continuum",
        topic_name: "cloud computing",
        topics: &[
            "sovereign cloud services",
            "edge computing",
            "the cloud-edge continuum",
        ],
        ja: "クラウド",
        ko: "클라우드",
    },
    Area {
        id: "digital-trade",
        name: "Digital trade",
        description: "Digital trade principles, e-commerce and paperless trade",
        topic_name: "digital trade",
        topics: &[
            "digital trade principles",
            "e-commerce",
            "paperless trade",
            "electronic invoicing",
        ],
        ja: "デジタル貿易",
        ko: "디지털 무역",
    },
    Area {
        id: "govtech",
        name: "Digital government",
        description: "Digital public services and digital public infrastructure",
        topic_name: "digital government",
        topics: &[
            "digital public services",
            "digital public infrastructure",
            "GovTech",
        ],
        ja: "デジタル政府",
        ko: "디지털 정부",
    },
    Area {
        id: "green-digital",
        name: "Green digital transition",
        description: "Energy-efficient digital infrastructure and digital tools for sustainability",
        topic_name: "the green digital transition",
        topics: &[
            "energy-efficient data centres",
            "digital product passports",
            "green ICT",
        ],
        ja: "グリーンデジタル",
        ko: "그린 디지털",
    },
    Area {
        id: "health",
        name: "Digital health",
        description: "Electronic health records, health data and AI in health",
        topic_name: "digital health",
        topics: &[
            "electronic health records",
            "health data interoperability",
            "AI in health care",
        ],
        ja: "デジタルヘルス",
        ko: "디지털 헬스",
    },
    Area {
        id: "space",
        name: "Space and Earth observation",
        description: "Earth observation data, satellite navigation and space safety",
        topic_name: "space",
        topics: &[
            "Earth observation data",
            "satellite navigation",
            "space situational awareness",
        ],
        ja: "宇宙",
        ko: "우주",
    },
    Area {
        id: "blockchain",
        name: "Blockchain and Web3",
        description: "Distributed ledgers, interoperability and tokenisation",
        topic_name: "blockchain",
        topics: &[
            "blockchain interoperability",
            "distributed ledger pilots",
            "tokenisation of assets",
        ],
        ja: "ブロックチェーン",
        ko: "블록체인",
    },
    Area {
        id: "supply-chains",
        name: "Supply-chain resilience",
        description: "Mapping, monitoring and securing critical digital supply chains",
        topic_name: "supply chains",
        topics: &[
            "supply-chain mapping",
            "critical ICT components",
            "early warning mechanisms for supply disruptions",
        ],
        ja: "サプライチェーン",
        ko: "공급망",
    },
    Area {
        id: "mobility",
        name: "Connected and automated mobility",
        description: "Connected and automated driving and vehicle data",
        topic_name: "connected mobility",
        topics: &[
            "connected and automated driving",
            "access to vehicle data",
            "smart mobility services",
        ],
        ja: "コネクテッドモビリティ",
        ko: "커넥티드 모빌리티",
    },
    Area {
        id: "robotics",
        name: "Robotics",
        description: "Industrial and service robotics",
        topic_name: "robotics",
        topics: &[
            "industrial robotics",
            "robotics in health care",
            "safety of collaborative robots",
        ],
        ja: "ロボティクス",
        ko: "로보틱스",
    },
    Area {
        id: "virtual-worlds",
        name: "Virtual worlds",
        description: "Virtual worlds, immersive technologies and digital twins",
        topic_name: "virtual worlds",
        topics: &[
            "virtual worlds",
            "immersive technologies",
            "digital twins of cities",
        ],
        ja: "仮想世界",
        ko: "가상 세계",
    },
    Area {
        id: "privacy",
        name: "Privacy and data protection",
        description: "Personal data protection, adequacy and privacy-enhancing technologies",
        topic_name: "data protection",
        topics: &[
            "personal data protection",
            "adequacy decisions",
            "privacy-enhancing technologies",
        ],
        ja: "個人情報保護",
        ko: "개인정보 보호",
    },
    Area {
        id: "competition",
        name: "Digital competition",
        description: "Contestable digital markets and competition in cloud services",
        topic_name: "digital competition",
        topics: &[
            "contestable digital markets",
            "gatekeeper obligations",
            "competition in cloud services",
        ],
        ja: "デジタル競争",
        ko: "디지털 경쟁",
    },
    Area {
        id: "internet-governance",
        name: "Internet governance",
        description: "The multistakeholder model and the resilience of the internet's core",
        topic_name: "internet governance",
        topics: &[
            "multistakeholder internet governance",
            "the Internet Governance Forum",
            "DNS resilience",
        ],
        ja: "インターネットガバナンス",
        ko: "인터넷 거버넌스",
    },
];

/// (id part, text before the topic, text after it).
const TITLES: &[(&str, &str, &str)] = &[
    ("moc", "Memorandum of Cooperation on ", ""),
    ("research-call", "Joint research call on ", ""),
    ("working-group", "Expert working group on ", ""),
    ("arrangement", "Administrative arrangement on ", ""),
    ("roadmap", "Roadmap for cooperation on ", ""),
    ("pilots", "Pilot projects on ", ""),
    ("best-practices", "Exchange of best practices on ", ""),
    ("study", "Joint study on ", ""),
    (
        "workshops",
        "Workshop series on ",
        " with industry and academia",
    ),
    ("principles", "Common principles for ", ""),
    ("info-exchange", "Information exchange on ", ""),
    ("loi", "Letter of intent on ", ""),
    (
        "standards-positions",
        "Coordinated positions on ",
        " in international standardisation bodies",
    ),
    ("review", "Annual progress review on ", ""),
    ("dialogue", "Continued dialogue on ", ""),
    ("mobility", "Researcher mobility programme in ", ""),
    ("testbeds", "Joint funding of testbeds for ", ""),
    ("task-force", "Task force on ", ""),
    ("guidelines", "Shared guidelines on ", ""),
    ("conference", "High-level conference on ", ""),
    ("mapping", "Mapping of ", " in both economies"),
    ("twinning", "Twinning of centres of excellence in ", ""),
];

const DESCRIPTION_OPENINGS: &[&str] = &[
    "The EU and {partner} will launch joint work on {topic}.",
    "The EU and {partner} agreed to deepen their cooperation on {topic}.",
    "Both sides will exchange information and good practice on {topic}.",
    "The EU and {partner} will explore joint projects on {topic}, starting with a scoping study.",
    "A common framework for {topic} is to be set up by the two sides.",
    "The partners will align their approaches to {topic} and report on progress at the {next}.",
    "Experts from the European Commission and {agency} will work together on {topic}.",
    "The EU and {partner} confirmed their intention to cooperate closely on {topic}.",
];

const DESCRIPTION_MORE: &[&str] = &[
    "The work builds on existing cooperation under Horizon Europe and on earlier councils.",
    "A first report is expected before the {next}.",
    "Industry, research organisations and standardisation bodies will be consulted along the way.",
    "Both sides will identify concrete use cases and share the results with like-minded partners in the G7 and the OECD.",
    "Funding comes from existing programmes on both sides; no new budget line was announced.",
    "The partners aim to agree on a work plan by {year}.",
    "Progress will be reviewed by senior officials every six months.",
    "The cooperation is open to universities, start-ups and small businesses.",
    "It responds to the supply disruptions of recent years and to the fast pace of technological change.",
    "Experts from {agency} and the European Commission will meet at least twice a year.",
    "Particular attention will be paid to security, interoperability and the protection of personal data.",
    "The two sides will also coordinate their positions in multilateral fora such as the ITU and the WTO.",
    "A joint steering committee will monitor implementation and propose next steps.",
    "Existing testbeds and infrastructures will be reused where possible rather than duplicated.",
    "The work is linked to ongoing cooperation on {other}.",
];

const NOTES: &[&str] = &[
    "Status is a judgement from the wording: \"will consider\"; future consideration only.",
    "Status is a judgement from the wording: \"agreed to\"; a decision was taken, but no step is reported yet.",
    "Status is a judgement from the wording: \"launched\", at the council itself.",
    "Status is a judgement from the wording: \"are preparing\"; drafting is under way but nothing is concluded.",
    "No later page was found on this item.",
    "Follow-up expected at the {next}.",
    "Discussed again at the senior officials' meeting of {month}.",
    "The partner side has not yet named a contact point.",
    "The timeline slipped after the budget review of {year}.",
    "Linked to the deliverable on {other} of the same council.",
    "Progress was reported orally; no written record was published.",
    "Evidence is indirect: a press release mentions the work but gives no dates.",
    "{agency} confirmed the first meeting of the working group in {month}.",
];

const EVIDENCE_VERBS: &[&str] = &[
    "signed a Memorandum of Cooperation on",
    "agreed to deepen their cooperation on",
    "decided to set up an expert group on",
    "will consider joint projects on",
    "welcomed the progress made on",
    "are preparing an administrative arrangement on",
    "will continue their joint work on",
    "launched a joint call for proposals on",
];

const EVIDENCE_MORE: &[&str] = &[
    "They will report back at the next council.",
    "Both sides underlined the strategic importance of this work.",
    "Ministers asked officials to present concrete proposals within a year.",
    "The first results are expected in the coming months.",
];

const HISTORY_NOTES: &[&str] = &[
    "agreed at the senior officials' meeting",
    "confirmed by the partner's ministry",
    "waiting for funding decision",
    "reported in the council's joint statement",
    "on hold until the next council",
    "minutes of the working group",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_read_as_words_then_numbers() {
        assert_eq!(ordinal_word(1), "First");
        assert_eq!(ordinal_word(20), "Twentieth");
        assert_eq!(ordinal_word(21), "21st");
        assert_eq!(ordinal_word(112), "112th");
        assert_eq!(ordinal_word(23), "23rd");
    }

    #[test]
    fn slugs_are_lower_case_words() {
        assert_eq!(
            slug("First EU–Japan Council 2024"),
            "first-eu-japan-council-2024"
        );
    }

    #[test]
    fn below_stays_in_range() {
        let mut r = Rng::new(7);
        for n in 1..50 {
            assert!(r.below(n) < n);
        }
    }

    #[test]
    fn fill_replaces_known_keys_only() {
        let v = Vars {
            partner: "Japan",
            topic: "AI safety",
            agency: "X",
            year: 2026,
            next: "next council",
            month: "May 2026".into(),
            other: "6G",
        };
        assert_eq!(
            fill("{partner}/{topic}/{year}/{unknown}", &v),
            "Japan/AI safety/2026/{unknown}"
        );
    }
}
