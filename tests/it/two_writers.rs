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

/// The deliverable's owner and status, as the app has them.
fn owner_and_status(app: &App) -> (Option<String>, Option<String>) {
    (
        value(app, ID, Editable::Owner),
        value(app, ID, Editable::Status),
    )
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
    assert_eq!(
        owner_and_status(&app),
        (Some("Ada".into()), Some("blocked".into()))
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
    assert_eq!(
        app.object_form().unwrap().value("description"),
        "Theirs.",
        "seen before the save"
    );
    app.update(ctrl_u(Action::FormInput), NOW);
    type_in(&mut app, Action::FormInput, "Renamed here");
    app.update(Action::FormSave, NOW);
    assert!(app.object_form().is_none(), "saved and closed");
    let text = app.document().text();
    assert!(text.contains("\"name\": \"Renamed here\""), "{text}");
    assert!(text.contains("\"description\": \"Theirs.\""), "theirs kept");
}

/// The status key `4` (blocked) on the deliverable, saved.
fn blocked_and_saved(app: &mut App) {
    app.update(Action::SetStatus(3), NOW);
    app.saved(Ok(()), "09:14:04");
    assert!(!app.has_unsaved_edits());
}

#[test]
fn undo_after_another_writers_save_takes_back_this_sessions_step_and_keeps_theirs() {
    let other = "eu-jp-dpc-2/ai-office-safety-institute";
    for their_field in [Editable::Status, Editable::Owner] {
        let mut app = app();
        blocked_and_saved(&mut app);
        // Another deliverable's status, or this one's owner: either way not this step's field.
        match their_field {
            Editable::Status => they_set(&mut app, other, Editable::Status, Some("dropped")),
            _ => they_set(&mut app, ID, Editable::Owner, Some("Bob")),
        }
        assert!(app.can_undo(), "{their_field:?}: undo survives the reload");
        app.update(Action::Undo, NOW);
        assert_eq!(value(&app, ID, Editable::Status).as_deref(), Some("done"));
        match their_field {
            Editable::Status => {
                assert_eq!(
                    value(&app, other, Editable::Status).as_deref(),
                    Some("dropped")
                )
            }
            _ => assert_eq!(value(&app, ID, Editable::Owner).as_deref(), Some("Bob")),
        }
        // On disk next: the undo is an edit of its own, with its history entry.
        assert!(app.has_unsaved_edits());
        assert_eq!(
            entries(&app, ID, "status"),
            [
                (Some("done".into()), Some("blocked".into())),
                (Some("blocked".into()), Some("done".into()))
            ]
        );
        // And redo sets it again.
        app.update(Action::Redo, NOW);
        assert_eq!(
            value(&app, ID, Editable::Status).as_deref(),
            Some("blocked")
        );
    }
}

#[test]
fn undo_asks_when_the_other_writer_changed_the_very_field_since() {
    let mut app = app();
    blocked_and_saved(&mut app);
    they_set(&mut app, ID, Editable::Status, Some("dropped"));
    app.update(Action::Undo, NOW);
    assert_eq!(
        value(&app, ID, Editable::Status).as_deref(),
        Some("dropped"),
        "theirs is not overwritten unseen"
    );
    let said = app.message().unwrap().text.clone();
    assert!(
        said.contains("status is \"dropped\" on disk since") && said.contains("undo again"),
        "{said}"
    );
    assert!(!app.has_unsaved_edits());
    app.update(Action::Undo, NOW);
    assert_eq!(value(&app, ID, Editable::Status).as_deref(), Some("done"));
}

#[test]
fn undo_across_a_reload_stops_at_an_added_deliverable_and_says_so() {
    let mut app = app();
    app.update(Action::AddDeliverable, NOW);
    type_in(&mut app, Action::FormInput, "Joint AI safety tests");
    app.update(Action::FormSave, NOW);
    app.saved(Ok(()), "09:14:04");
    app.update(Action::NextPane, NOW);
    app.update(Action::PrevPane, NOW);
    let id = app.selected().unwrap().id.to_string();
    blocked_and_saved(&mut app);
    they_set(&mut app, ID, Editable::Owner, Some("Bob"));
    let said = app.message().unwrap().text.clone();
    assert!(said.contains("undo now stops at your last add"), "{said}");
    app.update(Action::Undo, NOW);
    assert_eq!(
        value(&app, &id, Editable::Status).as_deref(),
        Some("planned")
    );
    assert!(
        !app.can_undo(),
        "the add itself is not taken back after the reload"
    );
}

/// The real app in a terminal and a `councilor` command on the same file.
#[cfg(unix)]
mod in_a_terminal {
    use crate::common::{self, Sandbox, pty::Tui, pty::wait_file};

    fn on_disk(path: &std::path::Path) -> councilor::model::Deliverable {
        let doc = councilor::document::Document::from_text(std::fs::read_to_string(path).unwrap())
            .unwrap();
        let i = doc.data().deliverable_index(super::ID).unwrap();
        doc.data().deliverables[i].clone()
    }

    #[test]
    fn a_form_open_while_a_command_sets_the_status_saves_the_owner_and_keeps_their_status() {
        let sb = Sandbox::new();
        let path = sb.file("o.json", common::bundled());
        let mut tui = Tui::start(&[path.to_str().unwrap()], &sb, 30, 120);
        tui.wait_for("Councils (13)");
        tui.keys("\t\tE");
        tui.wait_for("Ctrl-s");
        let run = sb.run(&[
            "set",
            path.to_str().unwrap(),
            super::ID,
            "--status",
            "blocked",
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        tui.wait_for("this one is now blocked");
        // Tab to the owner, emptied, a name, saved.
        tui.keys("\t\t\t\t\t\x15Ada\x13");
        let text = wait_file(&path, |t| t.contains("\"owner\": \"Ada\""));
        assert!(text.contains("\"owner\": \"Ada\""));
        let d = on_disk(&path);
        assert_eq!(d.status, "blocked", "the command's status stays");
        let statuses: Vec<_> = d
            .history()
            .into_iter()
            .filter(|h| h.field.as_deref() == Some("status"))
            .collect();
        assert_eq!(statuses.len(), 1, "no entry putting it back: {statuses:?}");
        tui.keys("q");
        assert_eq!(tui.exit_code(), 0);
    }

    #[test]
    fn u_in_the_app_after_a_command_changed_another_deliverable_undoes_its_own_step() {
        let sb = Sandbox::new();
        let path = sb.file("o.json", common::bundled());
        let mut tui = Tui::start(&[path.to_str().unwrap()], &sb, 30, 120);
        tui.wait_for("Councils (13)");
        tui.keys("\t\ts");
        tui.wait_for("eu-jp-dpc-2/eid-moc: done -> blocked");
        wait_file(&path, |t| t.contains("\"to\": \"blocked\""));
        let other = "eu-jp-dpc-2/ai-office-safety-institute";
        let run = sb.run(&["set", path.to_str().unwrap(), other, "--status", "dropped"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        tui.wait_for("reloaded: changed on disk");
        tui.keys("u");
        tui.wait_for("eu-jp-dpc-2/eid-moc: status blocked -> done");
        wait_file(&path, |t| {
            let doc = councilor::document::Document::from_text(t.to_string());
            doc.is_ok_and(|d| {
                let data = d.data();
                data.deliverables[data.deliverable_index(super::ID).unwrap()].status == "done"
            })
        });
        let doc = councilor::document::Document::from_text(std::fs::read_to_string(&path).unwrap())
            .unwrap();
        let data = doc.data();
        let o = &data.deliverables[data.deliverable_index(other).unwrap()];
        assert_eq!(o.status, "dropped", "theirs is kept");
        tui.keys("q");
        assert_eq!(tui.exit_code(), 0);
    }
}

/// The bundled file as another writer saved it, with one field of `ID` set.
fn theirs_from_the_file(field: Editable, to: Option<&str>) -> Document {
    let mut doc = Document::from_text(BUNDLED.to_string()).unwrap();
    let change = Change {
        deliverable: doc.data().deliverable_index(ID).unwrap(),
        field,
        to,
        at: THEN,
        note: None,
    };
    let patch = edit::patch(&doc, &change).unwrap();
    assert!(doc.apply(&patch));
    doc
}

#[test]
fn a_conflict_dialog_opens_over_a_form_and_gives_it_back_with_what_was_typed() {
    let mut app = app();
    // `4` not on disk yet, then the form, with an owner typed.
    app.update(Action::SetStatus(3), NOW);
    form_with_owner(&mut app, "Ada");
    app.disk_changed(theirs_from_the_file(Editable::Status, Some("dropped")));
    assert!(app.conflict().is_some(), "the status clashes");
    // Ctrl-c now would list what was typed under the dialog (and leave the dialog as it is).
    app.keep_open_text(NOW);
    let kept = app.unsaved_text().join("\n");
    assert!(kept.contains("  owner: \"Ada\""), "{kept}");
    assert!(app.conflict().is_some());
    app.update(Action::ResolveAll(councilor::vocabulary::Side::Mine), NOW);
    assert!(app.conflict().is_none());
    let form = app.form().expect("the form is back");
    assert_eq!(form.owner, "Ada");
    app.update(Action::FormSave, NOW);
    assert_eq!(
        owner_and_status(&app),
        (Some("Ada".into()), Some("blocked".into()))
    );
}

#[test]
fn an_editor_saves_to_its_own_deliverable_when_a_reload_took_it_out_of_the_list() {
    let mut app = app();
    // The list shows what is done; the editor is open on the first of them.
    app.update(Action::OpenSearch, NOW);
    for c in "status:done".chars() {
        app.update(Action::LineChar(c), NOW);
    }
    app.update(Action::LineAccept, NOW);
    assert_eq!(app.selected().unwrap().id, ID);
    let next = app.rows()[1];
    let next_id = app.data().deliverables[next].id.to_string();
    let next_owner = value(&app, &next_id, Editable::Owner);
    editor_with_owner(&mut app, "Ada");
    // Another writer sets it planned: it leaves the list, and another row is under the cursor.
    they_set(&mut app, ID, Editable::Status, Some("planned"));
    app.update(Action::EditorSave, NOW);
    assert_eq!(value(&app, ID, Editable::Owner).as_deref(), Some("Ada"));
    assert_eq!(
        value(&app, &next_id, Editable::Owner),
        next_owner,
        "not the row shown"
    );
}

#[test]
fn an_editor_or_a_form_on_a_deliverable_removed_meanwhile_saves_nothing_until_asked_again() {
    for form in [false, true] {
        let mut app = app();
        if form {
            form_with_owner(&mut app, "Ada");
        } else {
            editor_with_owner(&mut app, "Ada");
        }
        they_set(&mut app, ID, Editable::Removed, Some("true"));
        let before = app.document().text().into_owned();
        app.update(
            if form {
                Action::FormSave
            } else {
                Action::EditorSave
            },
            NOW,
        );
        assert_eq!(
            app.document().text(),
            before,
            "form {form}: nothing written"
        );
        assert!(
            app.form().is_some() || app.editor().is_some(),
            "form {form}: still open, with the text"
        );
        let said = match app.form() {
            Some(f) => f.problem.clone().unwrap_or_default(),
            None => app.message().unwrap().text.clone(),
        };
        assert!(said.contains("removed"), "form {form}: {said}");
        if !form {
            // The editor's second save restores it, with the text.
            app.update(Action::EditorSave, NOW);
            assert!(app.editor().is_none());
            assert_eq!(value(&app, ID, Editable::Removed), None);
            assert_eq!(value(&app, ID, Editable::Owner).as_deref(), Some("Ada"));
        }
    }
}

#[test]
fn a_removal_asked_before_another_writers_save_is_still_asked_and_done() {
    let mut app = app();
    app.update(Action::Remove, NOW);
    assert!(app.question().is_some());
    they_set(&mut app, ID, Editable::Owner, Some("Bob"));
    assert!(app.question().is_some(), "the question stays");
    app.update(Action::Confirm(true), NOW);
    assert_eq!(value(&app, ID, Editable::Removed).as_deref(), Some("true"));
    assert_eq!(value(&app, ID, Editable::Owner).as_deref(), Some("Bob"));
}

/// The bundled file as another writer saved it with a deliverable of their own under `id`,
/// with the same title, added in the same second as this session's.
fn theirs_with_an_add(id: &str, council: &str) -> Document {
    let mut doc = Document::from_text(BUNDLED.to_string()).unwrap();
    let op = councilor::capture::Op::AddDeliverable(councilor::create::NewDeliverable {
        council: council.to_string(),
        title: "Sediment monitoring".into(),
        owner: Some("Bob".into()),
        id: Some(id.to_string()),
        ..Default::default()
    });
    councilor::capture::apply(&mut doc, &op, NOW, None).unwrap();
    doc
}

/// `a`, a title and an owner typed, saved: the new deliverable's id and council.
fn added_here(app: &mut App) -> (String, String) {
    app.update(Action::AddDeliverable, NOW);
    type_in(app, Action::FormInput, "Sediment monitoring");
    for _ in 0..5 {
        app.update(Action::FormMove(1), NOW);
    }
    type_in(app, Action::FormInput, "Alice");
    app.update(Action::FormSave, NOW);
    let d = app.selected().unwrap();
    assert_eq!(d.owner.as_deref(), Some("Alice"));
    (d.id.to_string(), d.council.to_string())
}

#[test]
fn an_add_whose_id_another_writer_took_meanwhile_is_kept_under_a_free_id() {
    let mut app = app();
    let (id, council) = added_here(&mut app);
    app.disk_changed(theirs_with_an_add(&id, &council));
    let said = app.message().unwrap().text.clone();
    assert!(
        said.contains(&format!(
            "yours was added as {id}-2: another writer had added {id}"
        )),
        "{said}"
    );
    assert_eq!(value(&app, &id, Editable::Owner).as_deref(), Some("Bob"));
    assert_eq!(
        value(&app, &format!("{id}-2"), Editable::Owner).as_deref(),
        Some("Alice")
    );
    assert!(app.has_unsaved_edits(), "mine is to be written");
    assert_eq!(
        app.selected().unwrap().id.to_string(),
        format!("{id}-2"),
        "the cursor stays on mine"
    );
}

#[test]
fn an_open_form_or_editor_shows_the_other_writers_value_of_a_field_not_touched_here() {
    let mut app = app();
    app.update(Action::EditDeliverable, NOW);
    they_set(&mut app, ID, Editable::Owner, Some("Bob"));
    assert_eq!(app.form().unwrap().owner, "Bob", "seen before the save");
    app.update(Action::Cancel, NOW);
    assert!(
        app.form().is_none(),
        "nothing typed: no question on leaving"
    );
    app.update(Action::EditField(Editable::Owner), NOW);
    they_set(&mut app, ID, Editable::Owner, Some("Carla"));
    assert_eq!(app.editor().unwrap().text(), "Carla");
    // Saved as it is: nothing changed, no entry of this session's.
    app.update(Action::EditorSave, NOW);
    assert!(!app.has_unsaved_edits());
    assert_eq!(
        entries(&app, ID, "owner").len(),
        2,
        "the other writer's two"
    );
}

#[test]
fn a_bulk_question_says_what_the_other_writer_changed_and_leaves_out_what_they_removed() {
    let mut app = app();
    let other = app.data().deliverables[app.rows()[1]].id.to_string();
    let other_status = value(&app, &other, Editable::Status);
    assert_ne!(other_status.as_deref(), Some("dropped"));
    // Space Space marks the first two rows, `5` asks to set them dropped.
    app.update(Action::ToggleMark, NOW);
    app.update(Action::ToggleMark, NOW);
    app.update(Action::SetStatus(4), NOW);
    assert!(app.bulk().is_some());
    they_set(&mut app, &other, Editable::Removed, Some("true"));
    assert_eq!(
        app.question(),
        Some("another writer removed 1 of them: set 1 deliverable to dropped? y/n")
    );
    they_set(&mut app, ID, Editable::Status, Some("blocked"));
    assert_eq!(
        app.question(),
        Some("another writer changed the status of 1: set 1 deliverable to dropped? y/n")
    );
    app.update(Action::Confirm(true), NOW);
    assert_eq!(
        value(&app, ID, Editable::Status).as_deref(),
        Some("dropped")
    );
    assert_eq!(
        value(&app, &other, Editable::Status),
        other_status,
        "the removed one is left as it is"
    );
}

#[test]
fn a_removal_question_closes_when_the_other_writer_removed_it_too() {
    let mut app = app();
    app.update(Action::Remove, NOW);
    they_set(&mut app, ID, Editable::Removed, Some("true"));
    assert!(app.question().is_none());
    let said = app.message().unwrap().text.clone();
    assert!(
        said.contains("was removed by another writer meanwhile: the question is closed"),
        "{said}"
    );
}
