//! New deliverables, councils and areas: their checks (a council, area or status that
//! exists, a valid date, an unused id), a readable unique id, and the splice that writes
//! them into the file (see `insert`). Pure: a document in, a splice out.

use crate::dates::date_problem;
use crate::document::{Document, Splice};
use crate::edit::Layout;
use crate::insert::{self, List, Value};
use crate::model::Dataset;

/// A deliverable to add. Empty optional texts are left out of the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewDeliverable {
    pub council: String,
    pub title: String,
    pub areas: Vec<String>,
    /// `None`: the first open status.
    pub status: Option<String>,
    pub owner: Option<String>,
    pub due: Option<String>,
    pub description: Option<String>,
    pub notes: Option<String>,
    /// `None`: made from the council and the title.
    pub id: Option<String>,
    pub follows: Option<String>,
    /// The sentence of the readout that states it, byte for byte, and where it was read.
    pub evidence: Option<String>,
    pub source_url: Option<String>,
}

/// A council to add.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewCouncil {
    pub name: String,
    pub date: Option<String>,
    pub location: Option<String>,
    pub partner: Option<String>,
    pub short: Option<String>,
    /// The series of meetings it belongs to (`Trade and Technology Council`).
    pub series: Option<String>,
    pub id: Option<String>,
}

/// What a new object needs from the data that is not there: the message names the bad
/// value and the choices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub String);

/// The splice that adds it, and the id it got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    pub id: String,
    pub splice: Splice,
}

fn quoted(s: &str) -> String {
    crate::terminal_text::line(&format!("{s:?}")).into_owned()
}

fn choices<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let all: Vec<&str> = items.collect();
    let shown = crate::terminal_text::line(&all.join(", ")).into_owned();
    if all.is_empty() {
        "(none in the file)".to_string()
    } else {
        shown
    }
}

/// Checks that `council` is a council of `data`.
pub fn check_council(data: &Dataset, council: &str) -> Result<(), Refused> {
    if data.council(council).is_some() {
        return Ok(());
    }
    Err(Refused(format!(
        "unknown council {}; choose one of: {}",
        quoted(council),
        choices(data.councils.iter().map(|c| c.id.as_str()))
    )))
}

/// Checks that every one of `areas` is an area of `data`, once.
pub fn check_areas(data: &Dataset, areas: &[String]) -> Result<(), Refused> {
    for (i, a) in areas.iter().enumerate() {
        if data.area(a).is_none() {
            return Err(Refused(format!(
                "unknown area {}; choose among: {}",
                quoted(a),
                choices(data.areas.iter().map(|x| x.id.as_str()))
            )));
        }
        if areas[..i].contains(a) {
            return Err(Refused(format!("area {} is given twice", quoted(a))));
        }
    }
    Ok(())
}

pub fn check_status(data: &Dataset, status: &str) -> Result<(), Refused> {
    if data.status_index(status).is_some() {
        return Ok(());
    }
    Err(Refused(format!(
        "unknown status {}; choose one of: {}",
        quoted(status),
        choices(data.status_names())
    )))
}

pub fn check_date(what: &str, date: &str) -> Result<(), Refused> {
    match date_problem(date) {
        None => Ok(()),
        Some(why) => Err(Refused(format!("{what} {why}"))),
    }
}

pub fn check_deliverable(data: &Dataset, id: &str) -> Result<usize, Refused> {
    data.deliverable_index(id).ok_or_else(|| {
        let few: Vec<&str> = data
            .deliverables
            .iter()
            .map(|d| d.id.as_str())
            .take(5)
            .collect();
        Refused(format!(
            "no deliverable with id {} ({} in the file, e.g. {})",
            quoted(id),
            data.deliverables.len(),
            choices(few.into_iter())
        ))
    })
}

/// The status a new deliverable gets when none is given.
pub fn first_open_status(data: &Dataset) -> &str {
    // The first status that means "not started"; a file without one starts at its first.
    data.statuses
        .iter()
        .find(|s| s.category == crate::category::Category::Open)
        .or(data.statuses.first())
        .map_or("planned", |s| s.name.as_str())
}

/// The words of `text` as an id part: lower case, letters and digits, words joined by `-`,
/// at most six words and about 40 characters.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(6)
    {
        if !out.is_empty() {
            if out.chars().count() >= 32 {
                break;
            }
            out.push('-');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// The id typed (trimmed) if it is free, else a refusal that names a free one; with none
/// typed, `made`. `what` names it in messages ("council id").
fn choose_id(
    what: &str,
    typed: Option<&str>,
    taken: impl Fn(&str) -> bool,
    made: impl FnOnce() -> String,
) -> Result<String, Refused> {
    match typed.map(str::trim) {
        Some("") => Err(Refused("an id must not be empty".to_string())),
        Some(id) if taken(id) => Err(Refused(format!(
            "{what} {} is taken; {} is free",
            quoted(id),
            quoted(&unique(id, taken))
        ))),
        Some(id) => Ok(id.to_string()),
        None => Ok(made()),
    }
}

/// `base`, or `base-2`, `base-3`… whichever `taken` does not hold.
pub fn unique(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or_else(|| base.to_string())
}

/// The id a new deliverable gets: `<council>/<words of the title>`, made unique.
pub fn deliverable_id(data: &Dataset, council: &str, title: &str) -> String {
    let words = slug(title);
    let words = if words.is_empty() {
        "item".to_string()
    } else {
        words
    };
    unique(&format!("{council}/{words}"), |id| {
        data.deliverable_index(id).is_some()
    })
}

fn text_member(out: &mut Vec<(String, Value)>, key: &str, value: &Option<String>) {
    if let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        out.push((key.to_string(), Value::Text(v.to_string())));
    }
}

/// The entry that says when a deliverable was created.
fn created_entry(at: &str) -> Vec<(String, Value)> {
    vec![
        ("at".to_string(), Value::Text(at.to_string())),
        ("field".to_string(), Value::Text("created".to_string())),
    ]
}

/// Checks a new deliverable and makes the splice that adds it after the last deliverable of
/// its council (at the end of the list when the council has none), with one `created`
/// history entry stamped `at`.
pub fn deliverable(doc: &Document, new: &NewDeliverable, at: &str) -> Result<Created, Refused> {
    let Planned { id, members, after } = plan_deliverable(doc, new, at)?;
    // Laid out from its neighbour alone: a large file's whole text is not read for it.
    let layout = Layout::of(&doc.head());
    let splice = doc
        .deliverable_neighbour(after)
        .and_then(|n| {
            let splice = insert::after_element(&n.text, n.object, &n.sep, &layout, &members)?;
            Some(Splice {
                at: n.from + splice.at,
                ..splice
            })
        })
        .or_else(|| insert::insert(&doc.text(), List::Deliverables, after, &members))
        .ok_or_else(|| Refused("the file's deliverables are not a list".to_string()))?;
    Ok(Created { id, splice })
}

/// A new deliverable, checked: its id, its members, and the deliverable it goes after.
pub struct Planned {
    pub id: String,
    pub members: Vec<(String, Value)>,
    /// The last deliverable of its council (`None`: the end of the list).
    pub after: Option<usize>,
}

/// Checks a new deliverable and says what [`deliverable`] writes, and where.
pub fn plan_deliverable(
    doc: &Document,
    new: &NewDeliverable,
    at: &str,
) -> Result<Planned, Refused> {
    let data = doc.data();
    let title = new.title.trim();
    if title.is_empty() {
        return Err(Refused("a deliverable needs a title".to_string()));
    }
    check_council(data, &new.council)?;
    check_areas(data, &new.areas)?;
    let status = match &new.status {
        Some(s) => {
            check_status(data, s)?;
            s.clone()
        }
        None => first_open_status(data).to_string(),
    };
    if let Some(due) = new.due.as_deref().filter(|d| !d.trim().is_empty()) {
        check_date("due date", due.trim())?;
    }
    if let Some(f) = &new.follows {
        check_deliverable(data, f)?;
    }
    let id = choose_id(
        "id",
        new.id.as_deref(),
        |x| data.deliverable_index(x).is_some(),
        || deliverable_id(data, &new.council, title),
    )?;
    let mut members = vec![
        ("id".to_string(), Value::Text(id.clone())),
        ("council".to_string(), Value::Text(new.council.clone())),
    ];
    if !new.areas.is_empty() {
        members.push(("areas".to_string(), Value::Texts(new.areas.clone())));
    }
    members.push(("title".to_string(), Value::Text(title.to_string())));
    members.push(("status".to_string(), Value::Text(status)));
    text_member(&mut members, "description", &new.description);
    text_member(&mut members, "owner", &new.owner);
    text_member(&mut members, "due", &new.due);
    text_member(&mut members, "notes", &new.notes);
    text_member(&mut members, "follows", &new.follows);
    text_member(&mut members, "source_url", &new.source_url);
    text_member(&mut members, "evidence", &new.evidence);
    members.push((
        "history".to_string(),
        Value::Objects(vec![created_entry(at)]),
    ));
    let after = data
        .deliverables
        .iter()
        .rposition(|d| d.council == new.council);
    Ok(Planned { id, members, after })
}

/// Checks a new council and makes the splice that adds it at the end of the councils.
pub fn council(doc: &Document, new: &NewCouncil) -> Result<Created, Refused> {
    let data = doc.data();
    let name = new.name.trim();
    if name.is_empty() {
        return Err(Refused("a council needs a name".to_string()));
    }
    if let Some(date) = new.date.as_deref().filter(|d| !d.trim().is_empty()) {
        check_date("date", date.trim())?;
    }
    let taken = |id: &str| data.council(id).is_some();
    let id = choose_id("council id", new.id.as_deref(), taken, || {
        unique(&non_empty(slug(name), "council"), taken)
    })?;
    let mut members = vec![
        ("id".to_string(), Value::Text(id.clone())),
        ("name".to_string(), Value::Text(name.to_string())),
    ];
    text_member(&mut members, "date", &new.date);
    text_member(&mut members, "location", &new.location);
    text_member(&mut members, "partner", &new.partner);
    text_member(&mut members, "short", &new.short);
    text_member(&mut members, "series", &new.series);
    let splice = insert::insert(&doc.text(), List::Councils, None, &members)
        .ok_or_else(|| Refused("the file's councils are not a list".to_string()))?;
    Ok(Created { id, splice })
}

/// Checks a new area and makes the splice that adds it at the end of the areas.
pub fn area(doc: &Document, name: &str, id: Option<&str>) -> Result<Created, Refused> {
    let data = doc.data();
    let name = name.trim();
    if name.is_empty() {
        return Err(Refused("an area needs a name".to_string()));
    }
    let taken = |id: &str| data.area(id).is_some();
    let id = choose_id("area id", id, taken, || {
        unique(&non_empty(slug(name), "area"), taken)
    })?;
    let members = vec![
        ("id".to_string(), Value::Text(id.clone())),
        ("name".to_string(), Value::Text(name.to_string())),
    ];
    let splice = insert::insert(&doc.text(), List::Areas, None, &members)
        .ok_or_else(|| Refused("the file's areas are not a list".to_string()))?;
    Ok(Created { id, splice })
}

fn non_empty(s: String, fallback: &str) -> String {
    if s.is_empty() {
        fallback.to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AT: &str = "2026-11-27T09:14:03Z";

    const PRETTY: &str = "{\n  \"version\": 1,\n  \"councils\": [\n    {\n      \"id\": \"c\",\n      \"name\": \"C\"\n    },\n    {\n      \"id\": \"d\",\n      \"name\": \"D\"\n    }\n  ],\n  \"areas\": [{\"id\": \"ai\", \"name\": \"AI\"}],\n  \"deliverables\": [\n    {\n      \"id\": \"c1\",\n      \"council\": \"c\",\n      \"title\": \"One\",\n      \"status\": \"planned\"\n    },\n    {\n      \"id\": \"d1\",\n      \"council\": \"d\",\n      \"title\": \"Two\",\n      \"status\": \"done\"\n    }\n  ]\n}\n";

    fn doc(text: &str) -> Document {
        Document::from_text(text.to_string()).unwrap()
    }

    #[test]
    fn a_deliverable_goes_after_the_last_of_its_council_in_the_neighbours_layout() {
        let mut d = doc(PRETTY);
        let new = NewDeliverable {
            council: "c".into(),
            title: "Joint AI call, 2026!".into(),
            areas: vec!["ai".into()],
            due: Some("2026-09".into()),
            ..NewDeliverable::default()
        };
        let created = deliverable(&d, &new, AT).unwrap();
        assert_eq!(created.id, "c/joint-ai-call-2026");
        assert!(d.splice(&created.splice));
        let expected = PRETTY.replace(
            "      \"status\": \"planned\"\n    },\n",
            "      \"status\": \"planned\"\n    },\n    {\n      \"id\": \"c/joint-ai-call-2026\",\n      \"council\": \"c\",\n      \"title\": \"Joint AI call, 2026!\",\n      \"status\": \"planned\",\n      \"areas\": [\"ai\"],\n      \"due\": \"2026-09\",\n      \"history\": [\n        {\n          \"at\": \"2026-11-27T09:14:03Z\",\n          \"field\": \"created\"\n        }\n      ]\n    },\n",
        );
        assert_eq!(d.text(), expected);
        assert_eq!(d.data().deliverables[1].id, "c/joint-ai-call-2026");
        // The same title again gets the next free id; the inverse gives the file back.
        assert_eq!(
            deliverable(&d, &new, AT).unwrap().id,
            "c/joint-ai-call-2026-2"
        );
        assert!(d.splice(&created.splice.inverse()));
        assert_eq!(d.text(), PRETTY);
    }

    #[test]
    fn councils_and_areas_go_at_the_end_of_their_lists() {
        let mut d = doc(PRETTY);
        let c = council(
            &d,
            &NewCouncil {
                name: "Third EU–Japan council".into(),
                date: Some("2026-05-12".into()),
                short: Some("EU–JP 3".into()),
                ..NewCouncil::default()
            },
        )
        .unwrap();
        assert_eq!(c.id, "third-eu-japan-council");
        assert!(d.splice(&c.splice));
        assert!(d.text().contains("      \"name\": \"D\"\n    },\n    {\n      \"id\": \"third-eu-japan-council\",\n      \"name\": \"Third EU–Japan council\",\n      \"date\": \"2026-05-12\",\n      \"short\": \"EU–JP 3\"\n    }\n  ],"), "{}", d.text());
        let a = area(&d, "Quantum", None).unwrap();
        assert!(d.splice(&a.splice));
        assert!(d.text().contains("\"areas\": [{\"id\": \"ai\", \"name\": \"AI\"}, {\"id\": \"quantum\", \"name\": \"Quantum\"}],"), "{}", d.text());
        assert_eq!(d.data().councils.len(), 3);
        assert_eq!(d.data().areas.len(), 2);
    }

    #[test]
    fn a_missing_or_empty_list_gets_its_first_element() {
        let compact = r#"{"version":1,"councils":[{"id":"c","name":"C"}],"deliverables":[]}"#;
        let mut d = doc(compact);
        let a = area(&d, "AI", Some("ai")).unwrap();
        assert!(d.splice(&a.splice));
        assert_eq!(
            d.text(),
            r#"{"version":1,"councils":[{"id":"c","name":"C"}],"deliverables":[],"areas":[{"id":"ai","name":"AI"}]}"#
        );
        let new = NewDeliverable {
            council: "c".into(),
            title: "T".into(),
            ..NewDeliverable::default()
        };
        let x = deliverable(&d, &new, AT).unwrap();
        assert!(d.splice(&x.splice));
        assert!(d.text().contains(r#""deliverables":[{"id":"c/t","council":"c","title":"T","status":"planned","history":[{"at":"2026-11-27T09:14:03Z","field":"created"}]}]"#), "{}", d.text());
    }

    #[test]
    fn bad_values_are_refused_with_the_choices() {
        let d = doc(PRETTY);
        let new = |f: fn(&mut NewDeliverable)| {
            let mut n = NewDeliverable {
                council: "c".into(),
                title: "T".into(),
                ..NewDeliverable::default()
            };
            f(&mut n);
            deliverable(&d, &n, AT).unwrap_err().0
        };
        assert_eq!(
            new(|n| n.council = "x".into()),
            "unknown council \"x\"; choose one of: c, d"
        );
        assert_eq!(
            new(|n| n.areas = vec!["6g".into()]),
            "unknown area \"6g\"; choose among: ai"
        );
        assert_eq!(
            new(|n| n.status = Some("open".into())),
            "unknown status \"open\"; choose one of: planned, in_progress, done, blocked, dropped"
        );
        assert_eq!(
            new(|n| n.due = Some("2026-13".into())),
            "due date \"2026-13\" is not a date: there is no month 13"
        );
        assert_eq!(
            new(|n| n.id = Some("c1".into())),
            "id \"c1\" is taken; \"c1-2\" is free"
        );
        assert_eq!(new(|n| n.title = " ".into()), "a deliverable needs a title");
    }

    #[test]
    fn slugs_keep_letters_of_any_script() {
        assert_eq!(
            slug("Memorandum of Cooperation on Semiconductors"),
            "memorandum-of-cooperation-on-semiconductors"
        );
        assert_eq!(slug("日本 量子 協力"), "日本-量子-協力");
        assert_eq!(slug("--"), "");
    }
}
