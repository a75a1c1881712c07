//! Status categories on files with workflows of their own: what each status means (stated
//! or inferred from its name), and so progress, overdue, `is:` searches, `validate`'s lines,
//! the dashboard and the panes, and edits that keep the object form of `statuses` intact.

use councilor::action::Action;
use councilor::app::App;
use councilor::document::Document;
use councilor::figures::{StatusCounts, finished, overdue};
use councilor::model::{Category, Dataset};
use councilor::search::{self, Query};
use councilor::ui::dashboard;
use councilor::ui::theme::Theme;
use councilor::ui::{self, FrameState};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;

use crate::common::{Sandbox, refused};

const NOW: &str = "2026-11-27T09:14:03Z";
const TODAY: &str = "2026-11-27";
const COLOR: Theme = Theme { color: true };
const PLAIN: Theme = Theme { color: false };
const INFERRED: &str = "(inferred from the name; state it with {\"name\": …, \"category\": …})";

/// A dataset with `statuses` (as JSON) and deliverables `(id, council, status, due)`, in two
/// councils `a` and `b`; laid out in two-space JSON, one field per line.
fn file(statuses: &str, items: &[(&str, &str, &str, Option<&str>)]) -> String {
    let deliverables: Vec<String> = items
        .iter()
        .map(|(id, council, status, due)| {
            let due = due.map_or(String::new(), |d| format!(",\n      \"due\": \"{d}\""));
            format!(
                "    {{\n      \"id\": \"{id}\",\n      \"council\": \"{council}\",\n      \"title\": \"Deliverable {id}\",\n      \"status\": \"{status}\"{due}\n    }}"
            )
        })
        .collect();
    format!(
        "{{\n  \"version\": 1,\n  \"statuses\": {statuses},\n  \"councils\": [\n    {{\n      \"id\": \"a\",\n      \"name\": \"Council A\"\n    }},\n    {{\n      \"id\": \"b\",\n      \"name\": \"Council B\"\n    }}\n  ],\n  \"deliverables\": [\n{}\n  ]\n}}\n",
        deliverables.join(",\n")
    )
}

/// A programme office whose stuck status comes last: `parked` was counted as finished when
/// the last status stood for "finished".
fn stuck_last() -> String {
    file(
        r#"["backlog", "doing", "shipped", "parked"]"#,
        &[
            ("a1", "a", "backlog", Some("2001")),
            ("a2", "a", "doing", Some("2001-06")),
            ("a3", "a", "shipped", Some("2001")),
            ("a4", "a", "parked", Some("2001-01-01")),
            ("a5", "a", "parked", None),
            ("b1", "b", "backlog", Some("2999")),
            ("b2", "b", "shipped", None),
            ("b3", "b", "doing", None),
        ],
    )
}

/// No status means finished or dropped: nothing is done, everything past its date is late.
fn nothing_finishes() -> String {
    file(
        r#"["idea", "drafting", "stalled", "binned"]"#,
        &[
            ("a1", "a", "idea", Some("2001")),
            ("a2", "a", "drafting", None),
            ("a3", "a", "binned", Some("2001-03")),
            ("b1", "b", "stalled", Some("2999-01")),
            ("b2", "b", "binned", None),
        ],
    )
}

/// A council secretariat stating some categories and leaving others to the names; one entry
/// carries a key of its own, one is an object without a category.
fn mixed() -> String {
    file(
        r##"[
    {"name": "proposed", "category": "open", "colour": "#abcdef"},
    "agreed",
    {"name": "in flight", "category": "active"},
    "delivered",
    {"name": "on ice", "category": "blocked"},
    {"name": "withdrawn"}
  ]"##,
        &[
            ("a1", "a", "proposed", Some("2001")),
            ("a2", "a", "agreed", Some("2001-02")),
            ("a3", "a", "in flight", Some("2999")),
            ("a4", "a", "delivered", Some("2001")),
            ("a5", "a", "on ice", Some("2002")),
            ("a6", "a", "withdrawn", Some("2001")),
            ("b1", "b", "agreed", None),
            ("b2", "b", "delivered", None),
            ("b3", "b", "delivered", None),
            ("b4", "b", "in flight", None),
        ],
    )
}

/// Stated categories win over names that would say otherwise: `waiting` is work under way,
/// `closed` means dropped, `accepted` is what counts as done.
fn stated_over_names() -> String {
    file(
        r#"[
    "open",
    {"name": "waiting", "category": "active"},
    {"name": "closed", "category": "dropped"},
    {"name": "accepted", "category": "done"}
  ]"#,
        &[
            ("a1", "a", "open", Some("2001")),
            ("a2", "a", "waiting", Some("2001")),
            ("a3", "a", "closed", Some("2001")),
            ("a4", "a", "accepted", Some("2001")),
            ("b1", "b", "accepted", None),
        ],
    )
}

fn data(text: &str) -> Dataset {
    Document::from_text(text.to_string())
        .unwrap()
        .data()
        .clone()
}

fn ids(data: &Dataset, rows: &[usize]) -> Vec<String> {
    rows.iter()
        .map(|&i| data.deliverables[i].id.to_string())
        .collect()
}

/// The ids a query finds among all deliverables, judged on `TODAY`.
fn found(data: &Dataset, query: &str) -> Vec<String> {
    let all: Vec<usize> = (0..data.deliverables.len()).collect();
    let outcome = search::run(data, &Query::parse(query), &all, TODAY);
    assert!(
        outcome.problems.is_empty(),
        "{query}: {:?}",
        outcome.problems
    );
    ids(data, &outcome.rows)
}

/// Overall progress, then per council: (done, total).
fn progress(data: &Dataset) -> Vec<(usize, usize)> {
    let counts = StatusCounts::new(data);
    std::iter::once(&counts.total)
        .chain(&counts.per_council)
        .map(|c| (finished(data, c), c.iter().sum()))
        .collect()
}

fn categories(data: &Dataset) -> Vec<(&str, Category, bool)> {
    data.statuses
        .iter()
        .map(|s| (s.name.as_str(), s.category, s.stated))
        .collect()
}

fn validate(text: &str) -> String {
    let sb = Sandbox::new();
    let path = sb.file("w.json", text);
    let run = sb.run(&["validate", path.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

fn draw_board(data: &Dataset, w: u16, h: u16, theme: Theme) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| {
        dashboard::render(f, f.area(), data, TODAY, 0, &theme);
    })
    .unwrap();
    t
}

fn lines(buf: &Buffer) -> Vec<String> {
    crate::common::buffer_lines(buf)
}

fn screen(buf: &Buffer) -> String {
    lines(buf).join("\n")
}

#[test]
fn a_stuck_status_listed_last_is_not_finished() {
    let text = stuck_last();
    let d = data(&text);
    use Category::*;
    assert_eq!(
        categories(&d),
        [
            ("backlog", Open, false),
            ("doing", Active, false),
            ("shipped", Done, false),
            ("parked", Blocked, false)
        ]
    );
    assert_eq!(progress(&d), [(2, 8), (1, 5), (1, 3)]);
    // Late: due before today and not shipped; the parked ones are late too. By due date.
    assert_eq!(ids(&d, &overdue(&d, TODAY)), ["a4", "a2", "a1"]);
    assert_eq!(found(&d, "is:overdue"), ["a1", "a2", "a4"]);
    assert_eq!(found(&d, "is:done"), ["a3", "b2"]);
    assert_eq!(found(&d, "is:blocked"), ["a4", "a5"]);
    assert_eq!(found(&d, "is:open"), ["a1", "b1"]);
    assert_eq!(found(&d, "is:active"), ["a2", "b3"]);
    assert_eq!(found(&d, "is:dropped"), Vec::<String>::new());
    assert_eq!(found(&d, "is:overdue -is:blocked"), ["a1", "a2"]);
    assert_eq!(found(&d, "-is:overdue"), ["a3", "a5", "b1", "b2", "b3"]);
    assert_eq!(found(&d, "is:open is:active"), ["a1", "a2", "b1", "b3"]);
    assert_eq!(found(&d, "-is:done -is:open"), ["a2", "a4", "a5", "b3"]);
    // `status:` still names statuses.
    assert_eq!(found(&d, "status:parked"), ["a4", "a5"]);
    assert_eq!(
        validate(&text),
        format!(
            "2 councils, 0 areas, 8 deliverables\nbacklog: open {INFERRED}\ndoing: active {INFERRED}\nshipped: done {INFERRED}\nparked: blocked {INFERRED}\n"
        )
    );
    let t = draw_board(&d, 100, 30, PLAIN);
    let text = screen(t.backend().buffer());
    assert!(
        text.contains("Overall  2/8 done (25%)   3 overdue"),
        "{text}"
    );
    assert!(
        text.contains("Overdue (3) · due before 2026-11-27, not done or dropped (shipped)"),
        "{text}"
    );
    assert!(!text.contains("parked ("), "{text}");
    // The report counts the same.
    let sb = Sandbox::new();
    let path = sb.file("w.json", stuck_last());
    let md = sb
        .run(&["export", path.to_str().unwrap(), "--format", "markdown"])
        .stdout;
    assert!(md.contains("\nOverall: 2/8 done (25%)\n"), "{md}");
    assert!(
        md.contains("5 deliverables: 1 backlog, 1 doing, 1 shipped, 2 parked · 1/5 done"),
        "{md}"
    );
    assert!(
        md.contains("3 deliverables: 1 backlog, 1 doing, 1 shipped · 1/3 done"),
        "{md}"
    );
}

#[test]
fn with_no_finished_status_nothing_is_done_and_everything_late_is_overdue() {
    let text = nothing_finishes();
    let d = data(&text);
    use Category::*;
    assert_eq!(
        categories(&d),
        [
            ("idea", Open, false),
            ("drafting", Active, false),
            ("stalled", Blocked, false),
            ("binned", Open, false)
        ]
    );
    assert_eq!(progress(&d), [(0, 5), (0, 3), (0, 2)]);
    assert_eq!(ids(&d, &overdue(&d, TODAY)), ["a3", "a1"]);
    assert_eq!(found(&d, "is:overdue"), ["a1", "a3"]);
    assert_eq!(found(&d, "is:done"), Vec::<String>::new());
    assert_eq!(found(&d, "is:open"), ["a1", "a3", "b2"]);
    assert_eq!(found(&d, "is:blocked"), ["b1"]);
    assert_eq!(
        validate(&text),
        format!(
            "2 councils, 0 areas, 5 deliverables\nidea: open {INFERRED}\ndrafting: active {INFERRED}\nstalled: blocked {INFERRED}\nbinned: open {INFERRED}\n"
        )
    );
    let t = draw_board(&d, 100, 30, PLAIN);
    let text = screen(t.backend().buffer());
    assert!(
        text.contains("Overall  0/5 done (0%)   2 overdue"),
        "{text}"
    );
    assert!(
        text.contains("Overdue (2) · due before 2026-11-27 (no status is done or dropped)"),
        "{text}"
    );
}

#[test]
fn stated_and_inferred_categories_mix_in_one_file() {
    let text = mixed();
    let d = data(&text);
    use Category::*;
    assert_eq!(
        categories(&d),
        [
            ("proposed", Open, true),
            ("agreed", Open, false),
            ("in flight", Active, true),
            ("delivered", Done, false),
            ("on ice", Blocked, true),
            ("withdrawn", Dropped, false)
        ]
    );
    assert_eq!(progress(&d), [(3, 10), (1, 6), (2, 4)]);
    assert_eq!(ids(&d, &overdue(&d, TODAY)), ["a2", "a1", "a5"]);
    assert_eq!(found(&d, "is:overdue"), ["a1", "a2", "a5"]);
    assert_eq!(found(&d, "is:open"), ["a1", "a2", "b1"]);
    assert_eq!(found(&d, "is:dropped"), ["a6"]);
    assert_eq!(found(&d, "IS:DONE"), ["a4", "b2", "b3"]);
    assert_eq!(found(&d, "is:overdue is:open"), ["a1", "a2"]);
    assert_eq!(found(&d, "status:flight"), ["a3", "b4"]);
    assert_eq!(
        validate(&text),
        format!(
            "2 councils, 0 areas, 10 deliverables\nproposed: open (stated in the file)\nagreed: open {INFERRED}\nin flight: active (stated in the file)\ndelivered: done {INFERRED}\non ice: blocked (stated in the file)\nwithdrawn: dropped {INFERRED}\n"
        )
    );
}

#[test]
fn a_stated_category_wins_over_what_the_name_says() {
    let text = stated_over_names();
    let d = data(&text);
    use Category::*;
    assert_eq!(
        categories(&d),
        [
            ("open", Open, false),
            ("waiting", Active, true),
            ("closed", Dropped, true),
            ("accepted", Done, true)
        ]
    );
    assert_eq!(progress(&d), [(2, 5), (1, 4), (1, 1)]);
    assert_eq!(ids(&d, &overdue(&d, TODAY)), ["a1", "a2"]);
    assert_eq!(found(&d, "is:overdue"), ["a1", "a2"]);
    assert_eq!(found(&d, "is:active"), ["a2"]);
    assert_eq!(found(&d, "is:blocked"), Vec::<String>::new());
    assert_eq!(found(&d, "is:dropped"), ["a3"]);
    assert_eq!(
        validate(&text),
        format!(
            "2 councils, 0 areas, 5 deliverables\nopen: open {INFERRED}\nwaiting: active (stated in the file)\nclosed: dropped (stated in the file)\naccepted: done (stated in the file)\n"
        )
    );
    let t = draw_board(&d, 100, 30, PLAIN);
    let text = screen(t.backend().buffer());
    assert!(
        text.contains("not done or dropped (closed, accepted)"),
        "{text}"
    );
}

#[test]
fn is_values_are_said_when_they_name_nothing_and_halves_resolve() {
    let d = data(&stuck_last());
    let all: Vec<usize> = (0..d.deliverables.len()).collect();
    let outcome = search::run(&d, &Query::parse("is:shipped"), &all, TODAY);
    assert_eq!(
        outcome.problems,
        [
            "no category matches \"shipped\"; use is:open is:active is:blocked is:done is:dropped is:overdue is:removed"
        ]
    );
    // Being typed: `is:o` is the category open, `is:ov` is overdue, `is:d` done or dropped.
    assert_eq!(found(&d, "is:o"), ["a1", "b1"]);
    assert_eq!(found(&d, "is:ov"), ["a1", "a2", "a4"]);
    assert_eq!(found(&d, "is:d"), ["a3", "b2"]);
    // Without a day to judge on, nothing is overdue.
    let none = search::run(&d, &Query::parse("is:overdue"), &all, "");
    assert!(none.rows.is_empty());
}

#[test]
fn list_query_is_overdue_is_the_overdue_list() {
    let sb = Sandbox::new();
    let path = sb.file("w.json", stuck_last());
    let p = path.to_str().unwrap();
    let run = sb.run(&["list", p, "--query", "is:overdue"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "a1\ta\tbacklog\tDeliverable a1\na2\ta\tdoing\tDeliverable a2\na4\ta\tparked\tDeliverable a4\n"
    );
    assert_eq!(run.stderr, "");
    let run = sb.run(&["list", p, "--query", "is:done", "--council", "b"]);
    assert_eq!(run.stdout, "b2\tb\tshipped\tDeliverable b2\n");
    let run = sb.run(&["list", p, "--query", "-is:overdue is:blocked"]);
    assert_eq!(run.stdout, "a5\ta\tparked\tDeliverable a5\n");
    let run = sb.run(&["list", p, "--query", "is:late"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr.contains("--query: no category matches \"late\""),
        "{}",
        run.stderr
    );
}

fn app(text: &str) -> App {
    let mut app = App::new(
        Document::from_text(text.to_string()).unwrap(),
        "w.json".into(),
        false,
    );
    app.set_started(NOW);
    app
}

fn draw_app(app: &App, theme: Theme) -> String {
    let mut t = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let mut view = FrameState::default();
    t.draw(|f| ui::render(f, app, &mut view, &theme)).unwrap();
    screen(t.backend().buffer())
}

/// Through the keys: `/is:overdue`, then the key of the real finished status. The
/// deliverable leaves the overdue search and the overdue list, and every count follows.
#[test]
fn setting_the_finished_status_updates_overdue_and_progress_at_once() {
    let mut a = app(&stuck_last());
    let before = draw_app(&a, PLAIN);
    assert!(before.contains("2/8 done"), "{before}");
    assert!(before.contains("1/5 done"), "{before}");
    a.update(Action::OpenSearch, NOW);
    for c in "is:overdue".chars() {
        a.update(Action::LineChar(c), NOW);
    }
    a.update(Action::LineAccept, NOW);
    assert_eq!(ids(a.data(), a.rows()), ["a1", "a2", "a4"]);
    assert_eq!(a.selected().unwrap().id, "a1");
    // The third status is `shipped`.
    a.update(Action::SetStatus(2), NOW);
    assert_eq!(a.data().deliverables[0].status, "shipped");
    assert_eq!(ids(a.data(), a.rows()), ["a2", "a4"]);
    assert_eq!(
        ids(a.data(), a.figures().overdue(a.data(), TODAY)),
        ["a4", "a2"]
    );
    assert_eq!(finished(a.data(), &a.figures().counts().total), 3);
    let after = draw_app(&a, PLAIN);
    assert!(after.contains("3/8 done"), "{after}");
    assert!(after.contains("2/5 done"), "{after}");
    // The next one takes its place; parking it (the last status) finishes nothing.
    assert_eq!(a.selected().unwrap().id, "a2");
    a.update(Action::SetStatus(3), NOW);
    assert_eq!(a.data().deliverables[1].status, "parked");
    assert_eq!(finished(a.data(), &a.figures().counts().total), 3);
    // The dashboard covers what the panes show: without the search, everything.
    a.update(Action::Cancel, NOW);
    a.update(
        Action::ShowScreen(councilor::vocabulary::Screen::Dashboard),
        NOW,
    );
    let board = draw_app(&a, PLAIN);
    assert!(
        board.contains("Overall  3/8 done (37%)   2 overdue"),
        "{board}"
    );
}

#[test]
fn the_help_says_what_each_status_means() {
    let mut a = app(&mixed());
    a.update(Action::ToggleHelp, NOW);
    let rows = a.help_rows();
    let at = rows
        .iter()
        .position(|(_, h)| h.starts_with("set the status: 1 proposed · 2 agreed"))
        .unwrap();
    let meanings: Vec<(String, String)> = rows[at + 1..at + 7].to_vec();
    let row = |k: &str, h: &str| (k.to_string(), h.to_string());
    assert_eq!(
        meanings,
        [
            row("proposed", "status category: open (stated in the file)"),
            row("agreed", "status category: open (inferred from the name)"),
            row("in flight", "status category: active (stated in the file)"),
            row(
                "delivered",
                "status category: done (inferred from the name)"
            ),
            row("on ice", "status category: blocked (stated in the file)"),
            row(
                "withdrawn",
                "status category: dropped (inferred from the name)"
            ),
        ]
    );
    // Typing a category finds its statuses.
    for c in "blocked".chars() {
        a.update(Action::LineChar(c), NOW);
    }
    assert!(
        a.help_rows().iter().any(|(k, _)| k == "on ice"),
        "{:?}",
        a.help_rows()
    );
}

/// The background colours of the cells of row `y` inside the borders, as runs.
fn colour_runs(buf: &Buffer, y: u16) -> String {
    let mut runs: Vec<(Color, usize)> = Vec::new();
    for x in 1..buf.area.width - 1 {
        let bg = buf[(x, y)].bg;
        match runs.last_mut() {
            Some((c, n)) if *c == bg => *n += 1,
            _ => runs.push((bg, 1)),
        }
    }
    runs.iter()
        .map(|(c, n)| format!("{c:?}×{n}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The mixed workflow's dashboard: in colour (the text, then the colours of the overall bar
/// and of each legend sample), and without colour (fill characters).
#[test]
fn dashboard_of_a_custom_workflow() {
    let d = data(&mixed());
    let t = draw_board(&d, 100, 30, COLOR);
    let buf = t.backend().buffer();
    let rows = lines(buf);
    let counts = StatusCounts::new(&d).total;
    let mut samples = Vec::new();
    for (s, n) in d.statuses.iter().zip(counts) {
        // In the legend, on the lines under the overall bar.
        let label = format!(" {} {n}", s.name);
        let (y, at) = (3..6)
            .find_map(|y| rows[y].find(&label).map(|at| (y as u16, at)))
            .unwrap();
        // The sample is the two cells before the label (columns, not bytes).
        let x = rows[y as usize][..at].chars().count() as u16 - 1;
        samples.push(format!("{}: {:?}", s.name, buf[(x, y)].bg));
    }
    let mut unique: Vec<&str> = samples
        .iter()
        .map(|s| s.split(": ").nth(1).unwrap())
        .collect();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), d.statuses.len(), "{samples:?}");
    let coloured = format!(
        "{}\n\noverall bar: {}\nlegend samples: {}",
        rows.join("\n"),
        colour_runs(buf, 2),
        samples.join(", ")
    );
    insta::assert_snapshot!("categories_dashboard_100x30", coloured);
    let t = draw_board(&d, 100, 30, PLAIN);
    insta::assert_snapshot!("categories_dashboard_plain_100x30", t.backend());
    let text = screen(t.backend().buffer());
    // Each status its own fill: the two open ones in the open family.
    assert!(text.contains("░░ proposed 1 (open)"), "{text}");
    assert!(text.contains("○○ agreed 2 (open)"), "{text}");
    assert!(text.contains("██ delivered 3 (done)"), "{text}");
}

#[test]
fn a_bad_category_is_refused_with_its_place() {
    let text = file(
        r#"["todo", {"name": "parked", "category": "stuck"}]"#,
        &[("a1", "a", "todo", None)],
    );
    refused(
        text.as_bytes(),
        "data.json:3:55: statuses[1].category: \"stuck\" is not a category; use one of: open, active, blocked, done, dropped",
    );
}

#[test]
fn bad_entries_of_statuses_are_each_said() {
    let text = file(
        r#"[7, {"category": "done"}, {"name": "", "category": "done"}, {"name": "x", "category": 1}, "x", {"name": "x"}, {"name": "y", "category": "Done"}]"#,
        &[("a1", "a", "x", None)],
    );
    let sb = Sandbox::new();
    let path = sb.file("w.json", &text);
    let run = sb.run(&["validate", path.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    let p = path.to_str().unwrap();
    let expected = [
        "3:16: statuses[0]: expected a status name or an object {\"name\": …, \"category\": …}, found a number",
        "3:19: statuses[1].name: required field is missing",
        "3:50: statuses[2].name: a status must not be empty",
        "3:101: statuses[3].category: expected a string, found a number",
        "3:119: statuses[5].name: status \"x\" is listed twice",
        "3:151: statuses[6].category: \"Done\" is not a category; use one of: open, active, blocked, done, dropped",
    ]
    .map(|l| format!("{p}:{l}\n"))
    .concat();
    assert_eq!(run.stderr, expected);
}

/// One status edit through the keys, then one with `set`: the file changes in the edited
/// status line and the appended history, and the object-form `statuses` (with its own key
/// and spacing) stays byte for byte.
#[test]
fn edits_keep_the_object_form_of_statuses_byte_for_byte() {
    let original = mixed();
    let statuses = |t: &str| {
        let start = t.find("\"statuses\"").unwrap();
        let end = t.find("\"councils\"").unwrap();
        t[start..end].to_string()
    };
    let mut a = app(&original);
    a.update(Action::NextPane, NOW);
    a.update(Action::NextPane, NOW);
    assert_eq!(a.selected().unwrap().id, "a1");
    // The fourth status is `delivered`.
    a.update(Action::SetStatus(3), NOW);
    let edited = a.document().text().to_string();
    assert_eq!(statuses(&edited), statuses(&original));
    let changed = changed_lines(&original, &edited);
    assert_eq!(
        changed,
        [
            "-      \"status\": \"proposed\",",
            "-      \"due\": \"2001\"",
            "+      \"status\": \"delivered\",",
            "+      \"due\": \"2001\",",
            "+      \"history\": [",
            "+        {",
            "+          \"at\": \"2026-11-27T09:14:03Z\",",
            "+          \"field\": \"status\",",
            "+          \"from\": \"proposed\",",
            "+          \"to\": \"delivered\"",
            "+        }",
            "+      ]",
        ],
        "{edited}"
    );
    let sb = Sandbox::new();
    let path = sb.file("w.json", &original);
    let run = sb.run(&["set", path.to_str().unwrap(), "b1", "--status", "on ice"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(statuses(&written), statuses(&original));
    let changed = changed_lines(&original, &written);
    assert_eq!(changed[0], "-      \"status\": \"agreed\"");
    assert_eq!(changed[1], "+      \"status\": \"on ice\",");
    assert!(
        changed[2..].iter().all(|l| l.starts_with('+')),
        "{changed:?}"
    );
    // The file still reads, with the same categories.
    assert_eq!(categories(&data(&written)), categories(&data(&original)));
}

/// The lines removed (`-`) and added (`+`), in the order a line diff gives them.
fn changed_lines(old: &str, new: &str) -> Vec<String> {
    similar::TextDiff::from_lines(old, new)
        .iter_all_changes()
        .filter_map(|c| match c.tag() {
            similar::ChangeTag::Equal => None,
            similar::ChangeTag::Delete => Some(format!("-{}", c.value().trim_end())),
            similar::ChangeTag::Insert => Some(format!("+{}", c.value().trim_end())),
        })
        .collect()
}

#[test]
fn the_json_schema_accepts_the_object_form_and_refuses_a_bad_category() {
    let schema_text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/dataset.schema.json"
    ))
    .unwrap();
    let schema: serde_json::Value = serde_json::from_str(&schema_text).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for text in [
        stuck_last(),
        nothing_finishes(),
        mixed(),
        stated_over_names(),
    ] {
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let errors: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?}");
    }
    let mut bad: serde_json::Value = serde_json::from_str(&mixed()).unwrap();
    bad["statuses"][0]["category"] = "stuck".into();
    assert!(!validator.is_valid(&bad));
    let mut nameless: serde_json::Value = serde_json::from_str(&mixed()).unwrap();
    nameless["statuses"][0]
        .as_object_mut()
        .unwrap()
        .remove("name");
    assert!(!validator.is_valid(&nameless));
}

/// git's merge of two branches: one sets a status, the other states a category that was
/// inferred. Both land, and the merged file reads with the stated category.
#[test]
fn a_merge_takes_a_status_edit_and_a_stated_category_from_two_branches() {
    let base = mixed();
    let mut a = app(&base);
    a.update(Action::NextPane, NOW);
    a.update(Action::NextPane, NOW);
    a.update(Action::SetStatus(3), NOW);
    let ours = a.document().text().to_string();
    let theirs = base.replace(
        "    \"agreed\",\n",
        "    {\"name\": \"agreed\", \"category\": \"active\"},\n",
    );
    assert_ne!(theirs, base);
    let merged = councilor::three_way::merge(Some(&base), &ours, &theirs).unwrap();
    assert_eq!(merged.conflicts, 0, "{}", merged.text);
    let d = data(&merged.text);
    assert_eq!(d.deliverables[0].status, "delivered");
    assert_eq!(
        categories(&d)[1],
        ("agreed", Category::Active, true),
        "{}",
        merged.text
    );
    assert!(merged.text.contains("\"colour\": \"#abcdef\""));
}
