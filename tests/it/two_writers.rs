//! Two people on one file: an editor or a form is open here while another writer saves. A
//! save writes only what this person changed since it was shown; a field the other writer
//! changed to another value is asked about, never overwritten unseen; the same value on both
//! sides is no clash and no second history entry.

use councilor::action::Action;
use councilor::app::App;
use councilor::document::Document;
use councilor::edit::{self, Change};
use councilor::model::Editable;
use councilor::store::BUNDLED;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const NOW: &str = "2026-11-27T09:14:03Z";
const THEN: &str = "2026-11-27T09:10:00Z";
const ID: &str = "eu-jp-dpc-2/eid-moc";

/// The app on the bundled file, on its first deliverable (eu-jp-dpc-2/eid-moc).
fn app() -> App {
    let mut app = App::new(
        Document::from_text(BUNDLED.to_string()).unwrap(),
        "o.json".into(),
        false,
    );
    app.update(Action::NextPane, NOW);
    app.update(Action::NextPane, NOW);
    assert_eq!(app.selected().unwrap().id, ID);
    app
}

/// The other writer's save: the file as the app has it with one field of `id` set. The app
/// takes it as a reload from disk.
fn they_set(app: &mut App, id: &str, field: Editable, to: Option<&str>) {
    let mut doc = Document::from_text(app.document().text().into_owned()).unwrap();
    let change = Change {
        deliverable: doc.data().deliverable_index(id).unwrap(),
        field,
        to,
        at: THEN,
        note: None,
    };
    let patch = edit::patch(&doc, &change).unwrap();
    assert!(doc.apply(&patch));
    app.disk_changed(doc);
}

fn value(app: &App, id: &str, field: Editable) -> Option<String> {
    let data = app.data();
    let d = &data.deliverables[data.deliverable_index(id).unwrap()];
    field.value(d).map(|v| v.into_owned())
}

/// The history entries of one field: (from, to).
fn entries(app: &App, id: &str, field: &str) -> Vec<(Option<String>, Option<String>)> {
    let data = app.data();
    data.deliverables[data.deliverable_index(id).unwrap()]
        .history()
        .into_iter()
        .filter(|h| h.field.as_deref() == Some(field))
        .map(|h| {
            (
                h.from.as_deref().map(str::to_string),
                h.to.as_deref().map(str::to_string),
            )
        })
        .collect()
}

fn ctrl_u(action: fn(KeyEvent) -> Action) -> Action {
    action(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL))
}

fn type_in(app: &mut App, action: fn(KeyEvent) -> Action, text: &str) {
    for c in text.chars() {
        app.update(
            action(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
            NOW,
        );
    }
}

/// `E` on the deliverable, Tab to the owner, the owner emptied and `owner` typed.
fn form_with_owner(app: &mut App, owner: &str) {
    app.update(Action::EditDeliverable, NOW);
    for _ in 0..5 {
        app.update(Action::FormMove(1), NOW);
    }
    app.update(ctrl_u(Action::FormInput), NOW);
    type_in(app, Action::FormInput, owner);
}

/// `o` on the deliverable, emptied, `owner` typed.
fn editor_with_owner(app: &mut App, owner: &str) {
    app.update(Action::EditField(Editable::Owner), NOW);
    app.update(ctrl_u(Action::EditorInput), NOW);
    type_in(app, Action::EditorInput, owner);
}

#[test]
fn a_form_save_keeps_the_other_writers_change_to_another_field() {
    let mut app = app();
    app.update(Action::EditDeliverable, NOW);
    they_set(&mut app, ID, Editable::Status, Some("blocked"));
    // Then the owner only, here.
    for _ in 0..5 {
        app.update(Action::FormMove(1), NOW);
    }
    app.update(ctrl_u(Action::FormInput), NOW);
    type_in(&mut app, Action::FormInput, "Ada");
    app.update(Action::FormSave, NOW);
    assert!(app.form().is_none(), "saved and closed");
    assert_eq!(
        value(&app, ID, Editable::Status).as_deref(),
        Some("blocked")
    );
    assert_eq!(value(&app, ID, Editable::Owner).as_deref(), Some("Ada"));
    assert_eq!(
        entries(&app, ID, "status"),
        [(Some("done".into()), Some("blocked".into()))],
        "the other writer's entry only, none putting it back"
    );
}

#[test]
fn a_form_save_keeps_a_due_date_the_other_writer_set_meanwhile() {
    let mut app = app();
    app.update(Action::EditDeliverable, NOW);
    they_set(&mut app, ID, Editable::Due, Some("2027-03"));
    for _ in 0..7 {
        app.update(Action::FormMove(1), NOW);
    }
    type_in(&mut app, Action::FormInput, " More.");
    app.update(Action::FormSave, NOW);
    assert!(app.form().is_none());
    assert_eq!(value(&app, ID, Editable::Due).as_deref(), Some("2027-03"));
    assert!(
        value(&app, ID, Editable::Description)
            .unwrap()
            .ends_with(" More.")
    );
}

#[test]
fn a_form_asks_when_the_other_writer_set_the_same_field_to_another_value() {
    let mut app = app();
    form_with_owner(&mut app, "Ada");
    they_set(&mut app, ID, Editable::Owner, Some("Bob"));
    app.update(Action::FormSave, NOW);
    let form = app.form().expect("the form stays open");
    let problem = form.problem.clone().unwrap();
    assert!(
        problem.contains("changed on disk meanwhile: owner \"Bob\""),
        "{problem}"
    );
    assert_eq!(value(&app, ID, Editable::Owner).as_deref(), Some("Bob"));
    // Seen: saving again keeps this person's value, with the other's entry kept before it.
    app.update(Action::FormSave, NOW);
    assert!(app.form().is_none());
    assert_eq!(value(&app, ID, Editable::Owner).as_deref(), Some("Ada"));
    let owners = entries(&app, ID, "owner");
    assert_eq!(owners.len(), 2, "{owners:?}");
    assert_eq!(owners[1].0.as_deref(), Some("Bob"));
}

#[test]
fn the_same_value_on_both_sides_is_no_clash_and_no_second_entry() {
    for through_form in [true, false] {
        let mut app = app();
        if through_form {
            form_with_owner(&mut app, "Ada");
        } else {
            editor_with_owner(&mut app, "Ada");
        }
        they_set(&mut app, ID, Editable::Owner, Some("Ada"));
        let save = if through_form {
            Action::FormSave
        } else {
            Action::EditorSave
        };
        app.update(save, NOW);
        assert!(app.form().is_none() && app.editor().is_none());
        assert_eq!(value(&app, ID, Editable::Owner).as_deref(), Some("Ada"));
        assert_eq!(
            entries(&app, ID, "owner").len(),
            1,
            "form {through_form}: the other writer's entry alone"
        );
        assert!(!app.has_unsaved_edits(), "form {through_form}");
    }
}

#[test]
fn an_editor_asks_when_the_other_writer_set_its_field_to_another_value() {
    let mut app = app();
    editor_with_owner(&mut app, "Ada");
    they_set(&mut app, ID, Editable::Owner, Some("Bob"));
    app.update(Action::EditorSave, NOW);
    assert!(app.editor().is_some(), "the editor stays open");
    let said = app.message().unwrap().text.clone();
    assert!(
        said.contains("owner changed on disk meanwhile to \"Bob\""),
        "{said}"
    );
    assert_eq!(value(&app, ID, Editable::Owner).as_deref(), Some("Bob"));
    app.update(Action::EditorSave, NOW);
    assert!(app.editor().is_none());
    assert_eq!(value(&app, ID, Editable::Owner).as_deref(), Some("Ada"));
}

#[test]
fn an_editor_save_keeps_the_other_writers_change_to_another_field() {
    let mut app = app();
    editor_with_owner(&mut app, "Ada");
    they_set(&mut app, ID, Editable::Status, Some("blocked"));
    app.update(Action::EditorSave, NOW);
    assert!(app.editor().is_none());
    assert_eq!(value(&app, ID, Editable::Owner).as_deref(), Some("Ada"));
    assert_eq!(
        value(&app, ID, Editable::Status).as_deref(),
        Some("blocked")
    );
}

#[test]
fn an_area_form_save_keeps_the_other_writers_change_to_another_field() {
    let mut app = app();
    // The areas pane, its first area.
    app.update(Action::PrevPane, NOW);
    app.update(Action::Down, NOW);
    let id = app.area_filter().unwrap().to_string();
    app.update(Action::EditDeliverable, NOW);
    assert_eq!(app.object_form().unwrap().editing.as_deref(), Some(&*id));
    // The other writer gives the area another description.
    let text = app.document().text().into_owned();
    let at = text.find(&format!("\"id\": \"{id}\"")).unwrap();
    let start = at + text[at..].find("\"description\": \"").unwrap() + "\"description\": \"".len();
    let end = start + text[start..].find('"').unwrap();
    let theirs = format!("{}Theirs.{}", &text[..start], &text[end..]);
    app.disk_changed(Document::from_text(theirs).unwrap());
    app.update(ctrl_u(Action::FormInput), NOW);
    type_in(&mut app, Action::FormInput, "Renamed here");
    app.update(Action::FormSave, NOW);
    assert!(app.object_form().is_none(), "saved and closed");
    let text = app.document().text();
    assert!(text.contains("\"name\": \"Renamed here\""), "{text}");
    assert!(text.contains("\"description\": \"Theirs.\""), "theirs kept");
}
