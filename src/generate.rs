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

mod phrases;

use phrases::{
    AREAS, Area, COUNCIL_SENTENCES, DESCRIPTION_MORE, DESCRIPTION_OPENINGS, EU_BODIES, EU_CITIES,
    EU_PEOPLE, EU_ROLES, EVIDENCE_MORE, EVIDENCE_VERBS, FORMATS, HISTORY_NOTES, Lang, NOTES,
    PARTNERS, Partner, TITLES,
};

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
