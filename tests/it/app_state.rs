//! State updates of the terminal UI: focus, narrowing, status edits, undo and redo.

use crate::common;

use councilor::action::{Action, Effect};
use councilor::app::{App, SaveState};
use councilor::document::Document;
use councilor::figures::StatusCounts;
use councilor::store::BUNDLED;
use councilor::vocabulary::{Mode, Pane};

const NOW: &str = "2026-11-27T09:14:03Z";

fn app() -> App {
    App::new(
        Document::from_text(BUNDLED.to_string()).unwrap(),
        "o.json".into(),
        false,
    )
}

fn go(app: &mut App, actions: &[Action]) -> Vec<Option<Effect>> {
    actions.iter().map(|&a| app.update(a, NOW)).collect()
}

fn selected_id(app: &App) -> String {
    app.selected().unwrap().id.to_string()
}

#[test]
fn starts_on_the_councils_with_everything_shown() {
    let a = app();
    assert_eq!(a.focus(), Pane::Councils);
    assert_eq!(a.rows().len(), 69);
    assert_eq!(a.council_filter(), None);
    assert_eq!(*a.save_state(), SaveState::Untouched);
}

#[test]
fn focus_moves_both_ways_and_wraps() {
    let mut a = app();
    go(
        &mut a,
        &[Action::NextPane, Action::NextPane, Action::NextPane],
    );
    assert_eq!(a.focus(), Pane::Details);
    go(&mut a, &[Action::NextPane]);
    assert_eq!(a.focus(), Pane::Councils);
    go(&mut a, &[Action::PrevPane]);
    assert_eq!(a.focus(), Pane::Details);
    go(
        &mut a,
        &[Action::PrevPane, Action::PrevPane, Action::PrevPane],
    );
    assert_eq!(a.focus(), Pane::Councils);
    go(&mut a, &[Action::Open]);
    assert_eq!(a.focus(), Pane::Areas, "Enter on a council opens its areas");
}

#[test]
fn choosing_a_council_then_an_area_narrows_the_lists() {
    let mut a = app();
    go(&mut a, &[Action::Down, Action::Down]); // "All", 1st JP, 2nd JP
    assert_eq!(a.council_filter(), Some("eu-jp-dpc-2"));
    assert_eq!(a.rows().len(), 15);
    assert!(
        a.rows()
            .iter()
            .all(|&i| a.data().deliverables[i].council == "eu-jp-dpc-2")
    );
    // Areas show only those used by this council, with counts.
    let names: Vec<(&str, usize)> = a
        .area_rows()
        .iter()
        .map(|r| (a.data().areas[r.area].id.as_str(), r.count))
        .collect();
    assert!(names.contains(&("semiconductors", 2)), "{names:?}");
    assert!(
        !names.iter().any(|(id, _)| *id == "online-safety"),
        "Singapore-only area hidden: {names:?}"
    );
    let semis = a
        .area_rows()
        .iter()
        .position(|r| a.data().areas[r.area].id == "semiconductors")
        .unwrap();
    go(&mut a, &[Action::Open]);
    for _ in 0..=semis {
        a.update(Action::Down, NOW);
    }
    assert_eq!(a.area_filter(), Some("semiconductors"));
    assert_eq!(a.rows().len(), 2);
    // Back to all councils: the area stays chosen while it still has deliverables.
    go(&mut a, &[Action::PrevPane, Action::Top]);
    assert_eq!(a.council_filter(), None);
    assert_eq!(a.area_filter(), Some("semiconductors"));
    assert!(a.rows().len() > 2);
}

#[test]
fn the_cursor_stays_on_the_same_deliverable_when_the_filter_widens() {
    let mut a = app();
    go(
        &mut a,
        &[
            Action::Down,
            Action::Down,
            Action::NextPane,
            Action::NextPane,
            Action::Down,
            Action::Down,
        ],
    );
    let id = selected_id(&a);
    go(&mut a, &[Action::PrevPane, Action::PrevPane, Action::Top]);
    assert_eq!(a.council_filter(), None);
    assert_eq!(selected_id(&a), id);
}

#[test]
fn moving_is_clamped_and_pages() {
    let mut a = app();
    go(&mut a, &[Action::NextPane, Action::NextPane, Action::Up]);
    assert_eq!(a.selected_row(), 0);
    go(&mut a, &[Action::PageDown]);
    assert_eq!(a.selected_row(), 10);
    go(&mut a, &[Action::Bottom]);
    assert_eq!(a.selected_row(), 68);
    go(&mut a, &[Action::Down]);
    assert_eq!(a.selected_row(), 68);
    go(&mut a, &[Action::Top]);
    assert_eq!(a.selected_row(), 0);
}

#[test]
fn status_keys_cycle_in_the_files_order_and_ask_for_a_save() {
    let mut a = app();
    go(&mut a, &[Action::NextPane, Action::NextPane]);
    let id = selected_id(&a);
    assert_eq!(a.selected().unwrap().status, "done");
    assert_eq!(a.update(Action::CycleStatus(1), NOW), Some(Effect::Save));
    assert_eq!(a.selected().unwrap().status, "blocked");
    assert_eq!(
        a.message().unwrap().text,
        format!("{id}: done -> blocked (u to undo)")
    );
    assert_eq!(*a.save_state(), SaveState::Pending);
    a.update(Action::CycleStatus(1), NOW);
    a.update(Action::CycleStatus(1), NOW);
    assert_eq!(a.selected().unwrap().status, "planned", "wraps around");
    a.update(Action::CycleStatus(-1), NOW);
    assert_eq!(a.selected().unwrap().status, "dropped");
    a.update(Action::SetStatus(1), NOW);
    assert_eq!(a.selected().unwrap().status, "in_progress");
    assert_eq!(
        selected_id(&a),
        id,
        "the cursor stays on the edited deliverable"
    );
    assert_eq!(a.selected().unwrap().history().len(), 5);
    assert_eq!(a.update(Action::SetStatus(7), NOW), None);
    assert!(a.message().unwrap().error);
}

#[test]
fn status_keys_do_nothing_outside_the_deliverables() {
    let mut a = app();
    assert_eq!(a.update(Action::CycleStatus(1), NOW), None);
    assert!(
        a.message()
            .unwrap()
            .text
            .contains("choose a deliverable first")
    );
    assert_eq!(a.document().text(), BUNDLED);
}

#[test]
fn n_edits_then_n_undos_give_back_the_file_byte_for_byte_and_redo_replays() {
    let mut a = app();
    go(&mut a, &[Action::NextPane, Action::NextPane]);
    let mut script = Vec::new();
    for i in 0..12 {
        script.push(if i % 3 == 0 {
            Action::CycleStatus(1)
        } else {
            Action::SetStatus((i % 5) as u8)
        });
        script.push(Action::Down);
        if i % 4 == 0 {
            script.push(Action::CycleStatus(-1));
        }
    }
    go(&mut a, &script);
    let edited = a.document().text().to_string();
    assert_ne!(edited, BUNDLED);
    let mut undos = 0;
    while a.can_undo() {
        assert_eq!(a.update(Action::Undo, NOW), Some(Effect::Save));
        undos += 1;
    }
    assert!(undos >= 12);
    assert_eq!(a.document().text(), BUNDLED);
    assert_eq!(a.update(Action::Undo, NOW), None);
    for _ in 0..undos {
        assert_eq!(a.update(Action::Redo, NOW), Some(Effect::Save));
    }
    assert_eq!(a.document().text(), edited);
    // A new edit after an undo clears the redo list.
    a.update(Action::Undo, NOW);
    a.update(Action::CycleStatus(1), NOW);
    assert_eq!(a.update(Action::Redo, NOW), None);
}

#[test]
fn read_only_refuses_edits_with_a_message() {
    let mut a = App::new(
        Document::from_text(BUNDLED.to_string()).unwrap(),
        "o.json".into(),
        true,
    );
    assert_eq!(*a.save_state(), SaveState::ReadOnly);
    go(&mut a, &[Action::NextPane, Action::NextPane]);
    assert_eq!(a.update(Action::CycleStatus(1), NOW), None);
    assert!(a.message().unwrap().text.starts_with("read-only"));
    assert_eq!(a.update(Action::Write, NOW), None);
    assert_eq!(a.document().text(), BUNDLED);
}

#[test]
fn help_overlay_opens_scrolls_and_closes_without_editing() {
    let mut a = app();
    go(
        &mut a,
        &[Action::NextPane, Action::NextPane, Action::ToggleHelp],
    );
    assert_eq!(a.mode(), Mode::Help);
    go(
        &mut a,
        &[Action::Down, Action::Down, Action::CycleStatus(1)],
    );
    assert_eq!(a.help_scroll(), 2);
    assert_eq!(a.document().text(), BUNDLED, "no edit behind the overlay");
    go(&mut a, &[Action::Cancel]);
    assert_eq!(a.mode(), Mode::Browse);
    assert_eq!(a.update(Action::Quit, NOW), Some(Effect::Quit));
}

#[test]
fn a_failed_save_is_shown_and_keeps_the_edit() {
    let mut a = app();
    go(
        &mut a,
        &[Action::NextPane, Action::NextPane, Action::CycleStatus(1)],
    );
    a.saved(Err("o.json: not saved (disk full)".into()), "14:03:21");
    assert!(matches!(a.save_state(), SaveState::Failed(_)));
    assert!(a.message().unwrap().error);
    assert_eq!(a.selected().unwrap().status, "blocked");
    assert_eq!(a.update(Action::Write, NOW), Some(Effect::Save));
    a.saved(Ok(()), "14:03:22");
    assert_eq!(*a.save_state(), SaveState::Saved("14:03:22".into()));
}

#[test]
fn q_asks_first_when_edits_are_not_on_disk_but_ctrl_c_does_not() {
    let mut a = app();
    assert_eq!(
        a.update(Action::Quit, NOW),
        Some(Effect::Quit),
        "nothing pending: quits at once"
    );
    go(
        &mut a,
        &[Action::NextPane, Action::NextPane, Action::CycleStatus(1)],
    );
    a.saved(
        Err("o.json: not saved: the file changed on disk".into()),
        "14:03:21",
    );
    assert_eq!(a.update(Action::Quit, NOW), None);
    assert!(a.message().unwrap().text.contains("NOT on disk"));
    assert_eq!(
        a.update(Action::Quit, NOW),
        Some(Effect::Quit),
        "a second q quits"
    );
    a.update(Action::Down, NOW);
    assert_eq!(
        a.update(Action::Quit, NOW),
        None,
        "another key disarms the second q"
    );
    assert_eq!(a.update(Action::ForceQuit, NOW), Some(Effect::ForceQuit));
    assert!(a.has_unsaved_edits());
}

#[test]
fn write_with_nothing_pending_writes_nothing() {
    let mut a = app();
    assert_eq!(a.update(Action::Write, NOW), None);
    assert!(a.message().unwrap().text.contains("nothing to write"));
}

#[test]
fn details_scroll_stops_at_the_end_the_view_reports() {
    let mut a = app();
    go(
        &mut a,
        &[Action::NextPane, Action::NextPane, Action::NextPane],
    );
    a.set_detail_limit(4);
    go(&mut a, &[Action::Bottom]);
    assert_eq!(a.detail_scroll(), 4);
    go(&mut a, &[Action::Up]);
    assert_eq!(a.detail_scroll(), 3, "one key up shows one line more");
    go(&mut a, &[Action::PageDown, Action::Down]);
    assert_eq!(a.detail_scroll(), 4);
}

#[test]
fn messages_answer_one_key() {
    let mut a = app();
    a.update(Action::CycleStatus(1), NOW);
    assert!(a.message().is_some());
    a.update(Action::Down, NOW);
    assert!(a.message().is_none());
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::LineChar(c), NOW);
    }
}

#[test]
fn typing_a_search_re_ranks_live_and_selects_the_best_match() {
    let mut a = app();
    go(&mut a, &[Action::OpenSearch]);
    assert_eq!(a.mode(), Mode::Search);
    assert_eq!(a.focus(), Pane::Deliverables);
    type_text(&mut a, "subm");
    let after_four = a.rows().len();
    assert!(after_four < 60 && after_four > 0);
    type_text(&mut a, " cab");
    assert!(a.rows().len() <= after_four);
    assert!(
        selected_id(&a).contains("submarine-cables"),
        "{}",
        selected_id(&a)
    );
    assert_eq!(a.search().scope_len, 69);
    // Enter keeps the filter and goes back to the list; a status key acts on the match.
    go(&mut a, &[Action::LineAccept]);
    assert_eq!(a.mode(), Mode::Browse);
    assert_eq!(a.focus(), Pane::Deliverables);
    assert!(a.search().active());
    let id = selected_id(&a);
    let effects = go(&mut a, &[Action::SetStatus(2)]);
    assert_eq!(effects, vec![Some(Effect::Save)]);
    let d = &a.data().deliverables[a.data().deliverable_index(&id).unwrap()];
    assert_eq!(d.status, "done");
}

#[test]
fn backspace_ctrl_w_and_ctrl_u_edit_like_a_shell() {
    let mut a = app();
    go(&mut a, &[Action::OpenSearch]);
    type_text(&mut a, "status:planned  quantum ");
    go(&mut a, &[Action::LineDeleteWord]);
    assert_eq!(a.search().input, "status:planned  ");
    go(&mut a, &[Action::LineDeleteWord]);
    assert_eq!(a.search().input, "");
    type_text(&mut a, "arcticx");
    assert!(a.rows().is_empty());
    go(&mut a, &[Action::LineBackspace]);
    assert_eq!(selected_id(&a), "eu-jp-dpc-2/arctic-connectivity");
    go(&mut a, &[Action::LineClear]);
    assert_eq!(a.search().input, "");
    assert_eq!(a.rows().len(), 69);
}

/// Clearing a search gives back the list the panes choose, in its order, on the row the
/// cursor was on: in a chosen council, in the file's order and sorted, after an edit in
/// the search.
#[test]
fn clearing_a_search_gives_back_the_chosen_list_in_its_order() {
    for sorted in [false, true] {
        let mut a = app();
        // The second council (15 deliverables).
        go(
            &mut a,
            &[
                Action::Down,
                Action::Down,
                Action::NextPane,
                Action::NextPane,
            ],
        );
        assert_eq!(a.focus(), Pane::Deliverables);
        if sorted {
            go(&mut a, &[Action::CycleSort]);
        }
        let plain = a.rows().to_vec();
        assert!(plain.len() > 5 && plain.len() < 60, "{}", plain.len());
        go(&mut a, &[Action::OpenSearch]);
        type_text(&mut a, "ai");
        go(
            &mut a,
            &[Action::LineAccept, Action::Down, Action::CycleStatus(1)],
        );
        let on = selected_id(&a);
        assert!(a.rows().len() < plain.len());
        go(&mut a, &[Action::Cancel]);
        assert!(!a.search().active());
        assert_eq!(a.rows(), plain, "sorted: {sorted}");
        assert_eq!(selected_id(&a), on, "sorted: {sorted}");
    }
}

#[test]
fn esc_clears_the_search_and_stays_on_the_same_deliverable() {
    let mut a = app();
    go(&mut a, &[Action::OpenSearch]);
    type_text(&mut a, "6g std");
    assert_eq!(selected_id(&a), "eu-jp-dpc-2/6g-standardisation");
    go(&mut a, &[Action::LineCancel]);
    assert_eq!(a.mode(), Mode::Browse);
    assert!(!a.search().active());
    assert_eq!(a.rows().len(), 69);
    assert_eq!(selected_id(&a), "eu-jp-dpc-2/6g-standardisation");
    // After Enter, Esc in the list clears a kept filter too.
    go(&mut a, &[Action::OpenSearch]);
    type_text(&mut a, "arctic");
    go(&mut a, &[Action::LineAccept, Action::Cancel]);
    assert!(!a.search().active());
    assert_eq!(selected_id(&a), "eu-jp-dpc-2/arctic-connectivity");
}

#[test]
fn a_row_chosen_by_hand_stays_chosen_while_typing() {
    let mut a = app();
    go(&mut a, &[Action::OpenSearch]);
    type_text(&mut a, "sem");
    go(&mut a, &[Action::Down, Action::Down]);
    let chosen = selected_id(&a);
    type_text(&mut a, "i");
    assert_eq!(selected_id(&a), chosen, "still in the list: still selected");
}

#[test]
fn search_composes_with_the_council_pane() {
    let mut a = app();
    go(&mut a, &[Action::Down, Action::Down]); // the 2nd EU–Japan council
    let in_council = a.rows().len();
    go(&mut a, &[Action::OpenSearch]);
    type_text(&mut a, "ai");
    assert_eq!(a.search().scope_len, in_council);
    for &i in a.rows() {
        assert_eq!(a.data().deliverables[i].council, "eu-jp-dpc-2");
    }
    go(&mut a, &[Action::LineAccept]);
    let id = selected_id(&a);
    // Back to all councils: the search still applies and the cursor keeps its deliverable.
    a.update(Action::PrevPane, NOW);
    a.update(Action::PrevPane, NOW);
    assert_eq!(a.focus(), Pane::Councils);
    a.update(Action::Top, NOW);
    assert_eq!(a.search().scope_len, 69);
    assert!(a.rows().len() > 3);
    assert_eq!(selected_id(&a), id);
}

#[test]
fn an_edit_that_leaves_the_filter_moves_to_the_next_row() {
    let mut a = app();
    go(&mut a, &[Action::OpenSearch]);
    type_text(&mut a, "status:planned");
    go(&mut a, &[Action::LineAccept]);
    let before = a.rows().len();
    let second = a.data().deliverables[a.rows()[1]].id.to_string();
    go(&mut a, &[Action::SetStatus(2)]); // done: no longer planned
    assert_eq!(a.rows().len(), before - 1);
    assert_eq!(selected_id(&a), second, "the next row takes its place");
    assert!(
        a.message().unwrap().text.contains("no longer matches"),
        "{:?}",
        a.message()
    );
    // Undo brings it back to the list.
    go(&mut a, &[Action::Undo]);
    assert_eq!(a.rows().len(), before);
}

#[test]
fn unknown_scopes_are_said_in_the_search_line() {
    let mut a = app();
    go(&mut a, &[Action::OpenSearch]);
    type_text(&mut a, "colour:red");
    assert!(a.search().problems[0].contains("colour: is not a scope"));
    assert_eq!(a.mode(), Mode::Search, "nothing fails");
}

#[test]
fn keys_typed_in_the_search_line_never_edit_or_quit() {
    let mut a = app();
    go(&mut a, &[Action::OpenSearch]);
    let effects = go(
        &mut a,
        &"qs1u?w".chars().map(Action::LineChar).collect::<Vec<_>>(),
    );
    assert!(effects.iter().all(Option::is_none));
    assert_eq!(a.search().input, "qs1u?w");
    assert_eq!(*a.save_state(), SaveState::Untouched);
}

#[test]
fn council_counts_follow_edits_undo_and_redo() {
    let mut a = app();
    go(&mut a, &[Action::NextPane, Action::NextPane]);
    for action in [
        Action::CycleStatus(1),
        Action::Down,
        Action::SetStatus(2),
        Action::Down,
        Action::CycleStatus(-1),
        Action::Undo,
        Action::Undo,
        Action::Redo,
        Action::SetStatus(4),
    ] {
        a.update(action, NOW);
        // What a full count over the data gives.
        let data = a.data();
        let mut expected = vec![vec![0; data.statuses.len()]; data.councils.len() + 1];
        for d in &data.deliverables {
            let s = data.status_index(&d.status).unwrap();
            expected[0][s] += 1;
            let c = data
                .councils
                .iter()
                .position(|c| c.id == d.council)
                .unwrap();
            expected[c + 1][s] += 1;
        }
        let counts = a.figures().counts();
        let rows: Vec<Vec<usize>> = (0..=data.councils.len())
            .map(|r| counts.council_row(r).to_vec())
            .collect();
        assert_eq!(rows, expected, "after {action:?}");
        // The per-area counts follow too.
        assert_eq!(*counts, StatusCounts::new(data), "after {action:?}");
    }
}

#[test]
fn capital_w_writes_to_a_path_typed_in_a_prompt() {
    let mut a = app();
    assert_eq!(a.update(Action::WriteAs, NOW), None);
    assert_eq!(a.mode(), Mode::Prompt);
    for c in "/tmp/x/new.jsonn".chars() {
        a.update(Action::LineChar(c), NOW);
    }
    a.update(Action::LineBackspace, NOW);
    assert_eq!(a.prompt(), "/tmp/x/new.json");
    a.update(Action::LineDeleteWord, NOW);
    assert_eq!(a.prompt(), "/tmp/x/");
    for c in "out.json".chars() {
        a.update(Action::LineChar(c), NOW);
    }
    assert_eq!(
        a.update(Action::LineAccept, NOW),
        Some(Effect::SaveAs("/tmp/x/out.json".into()))
    );
    assert_eq!(a.mode(), Mode::Browse);
    // Esc cancels without writing.
    a.update(Action::WriteAs, NOW);
    assert_eq!(a.update(Action::LineCancel, NOW), None);
    assert_eq!(a.mode(), Mode::Browse);
}

#[test]
fn a_deleted_file_makes_q_ask_and_w_write_it_back() {
    let mut a = app();
    a.disk_lost("o.json is no longer a file on disk".into());
    assert!(a.has_unsaved_edits());
    assert_eq!(a.update(Action::Quit, NOW), None, "asks first");
    assert_eq!(a.update(Action::Write, NOW), Some(Effect::WriteBack));
    a.saved(Ok(()), "10:00:00");
    assert!(!a.has_unsaved_edits());
    assert_eq!(a.update(Action::Quit, NOW), Some(Effect::Quit));
}

fn typed(a: &mut App, text: &str) {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    for c in text.chars() {
        let key = if c == '\n' {
            KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)
        } else {
            KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
        };
        a.update(Action::EditorInput(key), NOW);
    }
}

fn deliverable<'a>(a: &'a App, id: &str) -> &'a councilor::model::Deliverable {
    &a.data().deliverables[a.data().deliverable_index(id).unwrap()]
}

#[test]
fn notes_are_edited_in_place_saved_recorded_and_undone() {
    use councilor::model::Editable;
    let mut a = app();
    go(&mut a, &[Action::NextPane, Action::NextPane]);
    let id = selected_id(&a);
    let before = deliverable(&a, &id).notes().map(|n| n.into_owned());
    go(&mut a, &[Action::EditField(Editable::Notes)]);
    assert_eq!(a.mode(), Mode::Edit);
    typed(&mut a, "\nAgreed: pilot in Q3.\n日本側も合意");
    assert_eq!(a.update(Action::EditorSave, NOW), Some(Effect::Save));
    assert_eq!(a.mode(), Mode::Browse);
    let d = deliverable(&a, &id);
    let notes = d.notes().map(|n| n.into_owned()).unwrap();
    assert!(
        notes.ends_with("\nAgreed: pilot in Q3.\n日本側も合意"),
        "{notes:?}"
    );
    let history = d.history();
    let last = history.last().cloned().unwrap();
    assert_eq!(last.field.as_deref(), Some("notes"));
    assert_eq!(last.to.as_deref(), Some(notes.as_str()));
    assert!(a.pending().any(|p| p.field == Editable::Notes));
    // Undo gives the old notes back, and the history entry goes too.
    assert_eq!(a.update(Action::Undo, NOW), Some(Effect::Save));
    assert_eq!(deliverable(&a, &id).notes().map(|n| n.into_owned()), before);
    assert_eq!(a.document().text(), BUNDLED);
    // Ctrl-g leaves without saving.
    go(&mut a, &[Action::EditField(Editable::Notes)]);
    typed(&mut a, "draft");
    assert_eq!(a.update(Action::EditorDiscard, NOW), None);
    assert_eq!(a.document().text(), BUNDLED);
}

#[test]
fn owner_and_due_are_one_line_and_a_bad_date_is_refused() {
    use councilor::model::Editable;
    let mut a = app();
    go(&mut a, &[Action::NextPane, Action::NextPane]);
    let id = selected_id(&a);
    go(&mut a, &[Action::EditField(Editable::Due)]);
    typed(&mut a, "next week\n");
    assert!(a.message().unwrap().text.contains("is not a date"));
    assert_eq!(a.mode(), Mode::Edit, "a bad date keeps the editor open");
    assert_eq!(
        a.editor().unwrap().text(),
        "next week",
        "with what was typed"
    );
    assert_eq!(a.document().text(), BUNDLED);
    a.update(Action::EditorDiscard, NOW);
    assert_eq!(a.mode(), Mode::Browse);
    go(&mut a, &[Action::EditField(Editable::Due)]);
    // Emptied: the field is removed.
    for _ in 0..20 {
        a.update(
            Action::EditorInput(crossterm::event::KeyEvent::new(
                crossterm::event::KeyCode::Backspace,
                crossterm::event::KeyModifiers::NONE,
            )),
            NOW,
        );
    }
    typed(&mut a, "2026-03\n");
    assert_eq!(deliverable(&a, &id).due.as_deref(), Some("2026-03"));
    go(&mut a, &[Action::EditField(Editable::Owner)]);
    a.paste("  DG CNECT\nunit F.4  ", NOW);
    assert_eq!(a.update(Action::EditorSave, NOW), Some(Effect::Save));
    let owner = deliverable(&a, &id).owner.clone().unwrap();
    assert!(owner.ends_with("DG CNECT unit F.4"), "{owner:?}");
}

#[test]
fn bulk_triage_marks_asks_once_and_undoes_as_one_step() {
    let mut a = app();
    go(&mut a, &[Action::NextPane, Action::NextPane]);
    go(
        &mut a,
        &[Action::ToggleMark, Action::ToggleMark, Action::ToggleMark],
    );
    assert_eq!(a.marked().len(), 3);
    assert_eq!(a.selected_row(), 3, "marking moves on");
    let marked: Vec<String> = a
        .marked()
        .iter()
        .map(|&i| a.data().deliverables[i].id.to_string())
        .collect();
    assert_eq!(a.update(Action::SetStatus(3), NOW), None, "asks first");
    assert_eq!(a.mode(), Mode::Confirm);
    assert_eq!(
        a.bulk().unwrap().question,
        "set 3 deliverables to blocked? y/n"
    );
    assert_eq!(a.update(Action::Confirm(true), NOW), Some(Effect::Save));
    for id in &marked {
        assert_eq!(deliverable(&a, id).status, "blocked", "{id}");
    }
    assert!(a.marked().is_empty());
    assert!(a.message().unwrap().text.contains("3 deliverables changed"));
    // One undo step takes all three back.
    a.update(Action::Undo, NOW);
    assert_eq!(a.document().text(), BUNDLED);
    a.update(Action::Redo, NOW);
    for id in &marked {
        assert_eq!(deliverable(&a, id).status, "blocked");
    }
}

#[test]
fn v_marks_what_the_filter_shows_and_esc_clears_marks_then_search() {
    let mut a = app();
    go(&mut a, &[Action::OpenSearch]);
    type_text(&mut a, "status:planned quantum");
    go(&mut a, &[Action::LineAccept, Action::MarkAll]);
    let shown = a.rows().len();
    assert!(shown > 1);
    assert_eq!(a.marked().len(), shown);
    // "no" keeps the marks and changes nothing.
    a.update(Action::SetStatus(2), NOW);
    a.update(Action::Confirm(false), NOW);
    assert_eq!(a.document().text(), BUNDLED);
    assert_eq!(a.marked().len(), shown);
    go(&mut a, &[Action::Cancel]);
    assert!(a.marked().is_empty());
    assert!(a.search().active(), "the first Esc clears the marks only");
    go(&mut a, &[Action::Cancel]);
    assert!(!a.search().active());
}

#[test]
fn the_palette_runs_an_action_by_name() {
    let mut a = app();
    go(
        &mut a,
        &[Action::NextPane, Action::NextPane, Action::OpenPalette],
    );
    assert_eq!(a.mode(), Mode::Palette);
    let all = a.palette_commands().len();
    for c in "next stat".chars() {
        a.update(Action::LineChar(c), NOW);
    }
    let shown = a.palette_commands();
    assert!(shown.len() < all);
    assert_eq!(shown[0].name, "next-status", "{shown:?}");
    assert_eq!(a.update(Action::LineAccept, NOW), Some(Effect::Save));
    assert_eq!(a.mode(), Mode::Browse);
    assert_eq!(a.selected().unwrap().status, "blocked", "done -> blocked");
    // Esc closes it without running anything.
    go(&mut a, &[Action::OpenPalette]);
    assert_eq!(a.update(Action::LineCancel, NOW), None);
    assert_eq!(a.mode(), Mode::Browse);
}

#[test]
fn the_help_filters_as_one_types() {
    let mut a = app();
    go(&mut a, &[Action::ToggleHelp]);
    let all = a.help_rows().len();
    for c in "undo".chars() {
        a.update(Action::LineChar(c), NOW);
    }
    let rows = a.help_rows();
    assert!(rows.len() < all && !rows.is_empty());
    assert!(
        rows.iter()
            .all(|(k, h)| format!("{k} {h}").to_lowercase().contains("undo"))
    );
    // Esc clears the filter first, then closes.
    a.update(Action::Cancel, NOW);
    assert_eq!(a.help_rows().len(), all);
    assert_eq!(a.mode(), Mode::Help);
    a.update(Action::Cancel, NOW);
    assert_eq!(a.mode(), Mode::Browse);
}

#[test]
fn the_views_open_scroll_and_close() {
    use councilor::vocabulary::Screen;
    let mut a = app();
    go(&mut a, &[Action::ShowScreen(Screen::Dashboard)]);
    assert_eq!(
        (a.mode(), a.screen()),
        (Mode::Screen, Some(Screen::Dashboard))
    );
    // In the dashboard the keys move the cursor over the rows Enter acts on.
    go(&mut a, &[Action::Down, Action::Down]);
    assert_eq!(a.dashboard_cursor(), 2);
    go(&mut a, &[Action::Bottom]);
    let targets = a.dashboard_figures().targets().len();
    assert_eq!(a.dashboard_cursor(), targets - 1);
    go(&mut a, &[Action::ShowScreen(Screen::Changes)]);
    assert_eq!((a.screen(), a.screen_scroll()), (Some(Screen::Changes), 0));
    assert_eq!(a.mode(), Mode::Changes);
    a.set_screen_limit(5);
    go(&mut a, &[Action::Down, Action::Down, Action::Bottom]);
    assert_eq!(a.screen_scroll(), 5);
    go(&mut a, &[Action::Cancel]);
    assert_eq!((a.mode(), a.screen()), (Mode::Browse, None));
}

/// An app on a generated file large enough that a search of it is done in slices.
fn large_app() -> App {
    let text = councilor::generate::dataset(10_000, 3);
    App::new(Document::from_text(text).unwrap(), "g.json".into(), false)
}

fn ids(app: &App) -> Vec<String> {
    app.rows()
        .iter()
        .map(|&i| app.data().deliverables[i].id.to_string())
        .collect()
}

/// What one new search of every deliverable finds for `text`, as the list's ids.
fn fresh_search(app: &App, text: &str) -> Vec<String> {
    let all: Vec<usize> = (0..app.data().deliverables.len()).collect();
    let query = councilor::search::Query::parse(text);
    councilor::search::run(app.data(), &query, &all, "2026-11-27")
        .rows
        .iter()
        .map(|&i| app.data().deliverables[i].id.to_string())
        .collect()
}

#[test]
fn a_long_search_goes_on_between_keys_and_ends_with_what_one_pass_finds() {
    let mut a = large_app();
    a.set_started(NOW);
    a.update(Action::OpenSearch, NOW);
    a.update(Action::LineChar('s'), NOW);
    a.update(Action::LineChar('u'), NOW);
    a.update(Action::LineChar('b'), NOW);
    assert!(a.searching(), "10,000 rows are searched in slices");
    // The keys typed meanwhile were taken at once; slices finish the last query only.
    let mut slices = 1;
    while !a.search_slice() {
        slices += 1;
    }
    assert!(slices >= 2, "{slices}");
    assert!(!a.searching());
    assert_eq!(ids(&a), fresh_search(&a, "sub"));
    // What "sub" found holds every answer of "sub cab": that search is done at once.
    type_text(&mut a, " cab");
    assert!(!a.searching(), "narrowed to the rows of sub");
    assert_eq!(ids(&a), fresh_search(&a, "sub cab"));
    // A key that acts on the list finishes a search under way first.
    a.update(Action::LineBackspace, NOW);
    a.update(Action::LineBackspace, NOW);
    a.update(Action::LineBackspace, NOW);
    a.update(Action::LineBackspace, NOW);
    a.update(Action::LineChar('m'), NOW);
    assert!(
        a.searching(),
        "subm is not narrowed from sub: a fuzzy term grew"
    );
    // Enter leaves the search line and the search running; it says so.
    a.update(Action::LineAccept, NOW);
    assert!(a.searching());
    assert!(a.message().unwrap().text.contains("still searching"));
    // A move and a status key act on the row shown, and the search goes on.
    a.update(Action::Down, NOW);
    a.update(Action::Down, NOW);
    assert!(a.searching());
    let shown = selected_id(&a);
    let index = a
        .data()
        .deliverables
        .iter()
        .position(|d| d.id == shown)
        .unwrap();
    let to = a.data().statuses[3].name.clone();
    assert_ne!(a.data().deliverables[index].status, to);
    a.update(Action::SetStatus(3), NOW);
    assert!(a.searching());
    assert_eq!(a.data().deliverables[index].id, shown);
    assert_eq!(a.data().deliverables[index].status, to);
    // It ends with what one pass over the edited data finds, the cursor on that row's
    // deliverable.
    while !a.search_slice() {}
    assert_eq!(ids(&a), fresh_search(&a, "subm"));
    assert!(ids(&a).contains(&shown), "subm finds {shown}");
    assert_eq!(selected_id(&a), shown);
    // Undo too acts on the data, not on the list: the search goes on.
    a.update(Action::OpenSearch, NOW);
    a.update(Action::LineChar(' '), NOW);
    a.update(Action::LineChar('p'), NOW);
    assert!(a.searching());
    a.update(Action::LineAccept, NOW);
    a.update(Action::Undo, NOW);
    assert!(a.searching());
    assert_ne!(a.data().deliverables[index].status, to);
    while !a.search_slice() {}
    assert_eq!(ids(&a), fresh_search(&a, "subm p"));
    // A key that acts on the list finishes the search under way first.
    a.update(Action::OpenSearch, NOW);
    a.update(Action::LineBackspace, NOW);
    a.update(Action::LineBackspace, NOW);
    a.update(Action::LineChar('c'), NOW);
    assert!(a.searching());
    a.update(Action::LineAccept, NOW);
    a.update(Action::NextPane, NOW);
    assert!(!a.searching());
    assert_eq!(ids(&a), fresh_search(&a, "submc"));
    assert_eq!(a.selected().unwrap().id, fresh_search(&a, "submc")[0]);
    // Esc during a search drops it without finishing it: the list is every row again.
    a.update(Action::OpenSearch, NOW);
    a.update(Action::LineChar('q'), NOW);
    assert!(a.searching());
    a.update(Action::LineCancel, NOW);
    assert!(!a.searching());
    assert_eq!(a.rows().len(), a.data().deliverables.len());
}

#[test]
fn a_status_set_while_a_search_runs_counts_in_what_the_search_ends_with() {
    let mut a = large_app();
    a.set_started(NOW);
    let position = |a: &App, planned: bool| {
        a.data()
            .statuses
            .iter()
            .position(|s| (s.name == "planned") == planned)
            .unwrap() as u8
    };
    let planned = |a: &App| a.selected().unwrap().status == "planned";
    a.update(Action::OpenSearch, NOW);
    type_text(&mut a, "status:planned");
    a.update(Action::LineAccept, NOW);
    // The plan, then the first rows: the one set below is among them.
    assert!(!a.search_slice());
    assert!(!a.search_slice());
    assert!(a.searching());
    // The list shows every row meanwhile. A planned one, which the search finds, is set to
    // another status at once, and the search goes on.
    a.update(Action::Top, NOW);
    while !planned(&a) {
        a.update(Action::Down, NOW);
    }
    let left = selected_id(&a);
    a.update(Action::SetStatus(position(&a, false)), NOW);
    assert!(a.searching());
    assert!(!planned(&a), "the cursor moved on from {left}");
    while !a.search_slice() {}
    assert_eq!(ids(&a), fresh_search(&a, "status:planned"));
    assert!(!ids(&a).contains(&left), "{left} is no longer planned");
    // A status key on a row the search would not show (keys typed ahead of the search)
    // ends the search first, and sets the row it puts under the cursor.
    a.update(Action::Cancel, NOW);
    assert!(a.message().unwrap().text.contains("search cleared"));
    a.update(Action::OpenSearch, NOW);
    type_text(&mut a, "status:planned");
    a.update(Action::LineAccept, NOW);
    assert!(a.searching());
    a.update(Action::Top, NOW);
    while planned(&a) {
        a.update(Action::Down, NOW);
    }
    let shown = selected_id(&a);
    let best = fresh_search(&a, "status:planned")[0].clone();
    a.update(Action::SetStatus(position(&a, false)), NOW);
    assert!(!a.searching());
    let set = |id: &str| {
        a.data()
            .deliverables
            .iter()
            .find(|d| d.id == id)
            .unwrap()
            .status
            .to_string()
    };
    assert_ne!(
        set(&best),
        "planned",
        "{best}, the search's first row, was set"
    );
    assert_ne!(shown, best);
}

#[test]
fn an_edit_under_a_search_leaves_the_list_a_fresh_search_would_show() {
    for text in [
        "status:planned",
        "-status:done semiconductor",
        "quantum",
        "is:overdue",
        "is:open ai",
    ] {
        let mut a = app();
        a.set_started(NOW);
        a.update(Action::OpenSearch, NOW);
        type_text(&mut a, text);
        a.update(Action::LineAccept, NOW);
        assert_eq!(ids(&a), fresh_search(&a, text), "{text}");
        // Number keys: a row that leaves the search goes at once (`s` keeps it a while).
        let keys = [
            Action::SetStatus(2),
            Action::SetStatus(0),
            Action::SetStatus(1),
            Action::SetStatus(3),
        ];
        for step in 0..12 {
            a.update(keys[step % keys.len()], NOW);
            if step % 3 == 0 {
                a.update(Action::Down, NOW);
            }
            assert_eq!(ids(&a), fresh_search(&a, text), "{text}, step {step}");
        }
        for step in 0..6 {
            a.update(Action::Undo, NOW);
            assert_eq!(ids(&a), fresh_search(&a, text), "{text}, undo {step}");
        }
    }
}

#[test]
fn undo_of_an_edit_that_left_the_search_brings_the_cursor_back_to_it() {
    let mut a = app();
    a.update(Action::OpenSearch, NOW);
    type_text(&mut a, "status:planned");
    a.update(Action::LineAccept, NOW);
    let first = selected_id(&a);
    a.update(Action::SetStatus(1), NOW);
    assert_ne!(
        selected_id(&a),
        first,
        "it left the list; the next one took its place"
    );
    a.update(Action::Undo, NOW);
    assert_eq!(
        selected_id(&a),
        first,
        "the cursor is back on the deliverable undone"
    );
    let said = &a.message().unwrap().text;
    assert!(said.starts_with("undone: "), "{said}");
    assert!(!said.contains("not in this view"), "{said}");
}

#[test]
fn ctrl_u_in_the_field_editor_clears_the_line_as_in_the_search_line() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut a = app();
    go(&mut a, &[Action::NextPane, Action::NextPane]);
    let id = selected_id(&a);
    go(
        &mut a,
        &[Action::EditField(councilor::model::Editable::Owner)],
    );
    typed(&mut a, "old owner");
    a.update(
        Action::EditorInput(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
        NOW,
    );
    typed(&mut a, "EIB + MFAT");
    assert_eq!(a.update(Action::EditorSave, NOW), Some(Effect::Save));
    assert_eq!(deliverable(&a, &id).owner.as_deref(), Some("EIB + MFAT"));
}

#[test]
fn s_twice_under_a_search_steps_the_same_deliverable_and_a_move_lets_it_go() {
    let mut a = app();
    a.update(Action::OpenSearch, NOW);
    type_text(&mut a, "status:planned");
    a.update(Action::LineAccept, NOW);
    let first = selected_id(&a);
    let second_row = ids(&a)[1].clone();
    a.update(Action::CycleStatus(1), NOW);
    assert_eq!(selected_id(&a), first, "it stays under the cursor");
    assert!(
        a.message()
            .unwrap()
            .text
            .contains("it leaves the list when you move"),
        "{}",
        a.message().unwrap().text
    );
    a.update(Action::CycleStatus(1), NOW);
    assert_eq!(selected_id(&a), first);
    assert_eq!(
        deliverable(&a, &first).status,
        "done",
        "stepped twice: planned, in_progress, done"
    );
    assert_eq!(
        deliverable(&a, &second_row).status,
        "planned",
        "the next one untouched"
    );
    // Moving on: the row leaves, the cursor is on the one after it.
    a.update(Action::Down, NOW);
    assert_eq!(selected_id(&a), second_row);
    assert!(!ids(&a).contains(&first));
    // A number key still moves on to the next one (triage).
    a.update(Action::SetStatus(1), NOW);
    assert_ne!(selected_id(&a), second_row);
}

/// 70,000 small deliverables, every third one planned, the rest done, searched for the
/// planned ones.
fn planned_every_third() -> App {
    let text = common::planned_every_third(70_000);
    let mut a = App::new(Document::from_text(text).unwrap(), "g.json".into(), false);
    a.set_started(NOW);
    a.update(Action::OpenSearch, NOW);
    type_text(&mut a, "status:planned");
    a.update(Action::LineAccept, NOW);
    assert!(a.searching());
    // The list shows every row meanwhile: the cursor on one the search would not show.
    a.update(Action::Top, NOW);
    while a.selected().unwrap().status == "planned" {
        a.update(Action::Down, NOW);
    }
    a
}

/// A status key's number, and its status, that no deliverable has yet.
fn unused_status(a: &App) -> (u8, String) {
    let statuses = &a.data().statuses;
    let n = statuses
        .iter()
        .position(|s| s.name != "planned" && s.name != "done")
        .unwrap();
    (n as u8, statuses[n].name.to_string())
}

#[test]
fn keys_typed_ahead_of_a_long_search_wait_for_its_results_and_run_in_order() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut a = planned_every_third();
    let before = a.document().text().to_string();
    let (n, status) = unused_status(&a);
    a.update(Action::SetStatus(n), NOW);
    assert!(a.searching(), "the key did not wait for 70,000 rows");
    assert!(a.holds_keys());
    assert_eq!(a.document().text(), before, "nothing set yet");
    let said = &a.message().unwrap().text;
    assert!(said.contains("still searching"), "{said}");
    // `u` typed next waits behind it: it takes back what the status key sets.
    let u = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::NONE);
    assert_eq!(a.key(&u, NOW), None);
    assert!(a.message().unwrap().text.contains("2 keys wait"));
    // The status key acts on the results' first row, then the undo on that.
    let mut set = None;
    while !a.search_slice() {
        set = a
            .data()
            .deliverables
            .iter()
            .position(|d| d.status == status);
    }
    assert_eq!(set, None, "nothing ran before the results");
    assert!(!a.holds_keys());
    assert_eq!(a.take_effects(), vec![Effect::Save, Effect::Save]);
    assert_eq!(a.document().text(), before, "set, then undone");
    assert_eq!(a.update(Action::Redo, NOW), Some(Effect::Save));
    let d0 = &a.data().deliverables[0];
    assert_eq!(
        (d0.id.as_ref(), d0.status.as_ref()),
        ("d0", status.as_str())
    );
}

#[test]
fn keys_typed_ahead_of_a_search_run_before_the_app_ends() {
    let mut a = planned_every_third();
    let (n, status) = unused_status(&a);
    a.update(Action::SetStatus(n), NOW);
    a.update(Action::Down, NOW);
    assert!(a.holds_keys());
    // The terminal closed: what was typed is set, for the last save to write.
    a.settle();
    assert!(!a.holds_keys() && !a.searching());
    assert_eq!(a.data().deliverables[0].status, status);
    assert_eq!(*a.save_state(), SaveState::Pending);
}

#[test]
fn esc_drops_a_search_under_way_and_stays_on_the_row_shown() {
    let mut a = large_app();
    a.set_started(NOW);
    a.update(Action::NextPane, NOW);
    a.update(Action::NextPane, NOW);
    for _ in 0..5 {
        a.update(Action::Down, NOW);
    }
    let shown = selected_id(&a);
    let everything = ids(&a);
    a.update(Action::OpenSearch, NOW);
    type_text(&mut a, "sub");
    a.update(Action::LineAccept, NOW);
    assert!(a.searching(), "10,000 rows are searched in slices");
    assert_ne!(fresh_search(&a, "sub").first(), Some(&shown));
    // Its results would be thrown away: Esc does not wait for them, and the cursor stays
    // on the deliverable the person saw, not on the search's best match.
    a.update(Action::Cancel, NOW);
    assert!(!a.searching());
    assert_eq!(ids(&a), everything);
    assert_eq!(selected_id(&a), shown);
}

#[test]
fn a_deliverable_added_taken_out_and_put_back_leaves_the_list_a_fresh_search_would_show() {
    use crossterm::event::{KeyCode, KeyEvent};
    let mut a = app();
    a.set_started(NOW);
    // A removed one, so that the list leaves one out.
    a.update(Action::NextPane, NOW);
    a.update(Action::NextPane, NOW);
    a.update(Action::Down, NOW);
    a.update(Action::Remove, NOW);
    a.update(Action::Confirm(true), NOW);
    // Searches that find the new one (one that does not is cleared to show it).
    for query in [
        "",
        "quantum",
        "status:planned",
        "pilot -semiconductor",
        "joint",
    ] {
        a.update(Action::OpenSearch, NOW);
        a.update(Action::LineClear, NOW);
        type_text(&mut a, query);
        a.update(Action::LineAccept, NOW);
        let shown = |a: &App| {
            if query.is_empty() {
                let all = a.data().deliverables.iter().filter(|d| !d.removed);
                all.map(|d| d.id.to_string()).collect()
            } else {
                fresh_search(a, query)
            }
        };
        if query == "status:planned" {
            // A row set out of the search stays on the cursor until it moves: the add
            // takes it away, as a fresh search would.
            a.update(Action::CycleStatus(1), NOW);
        }
        a.update(Action::AddDeliverable, NOW);
        for c in "Joint quantum pilot".chars() {
            a.update(Action::FormInput(KeyEvent::from(KeyCode::Char(c))), NOW);
        }
        // The first council, whose deliverables are not the file's last: every one after
        // the new one moves a place.
        a.update(Action::FormMove(2), NOW);
        while a.form().unwrap().council != 0 {
            a.update(Action::FormInput(KeyEvent::from(KeyCode::Right)), NOW);
        }
        // In an area, so that the areas pane counts it.
        a.update(Action::FormMove(1), NOW);
        for c in "research".chars() {
            a.update(Action::FormInput(KeyEvent::from(KeyCode::Char(c))), NOW);
        }
        a.update(Action::FormInput(KeyEvent::from(KeyCode::Enter)), NOW);
        a.update(Action::FormSave, NOW);
        assert!(!a.selected().unwrap().areas.is_empty());
        let council = a.data().councils[0].id.to_string();
        let last = a
            .data()
            .deliverables
            .iter()
            .rposition(|d| d.council == council);
        assert!(last.unwrap() + 10 < a.data().deliverables.len());
        let added = a.data().deliverables.len();
        for step in [
            None,
            Some(Action::Undo),
            Some(Action::Redo),
            Some(Action::Undo),
        ] {
            if let Some(action) = step {
                a.update(action, NOW);
            }
            assert_eq!(a.search().active(), !query.is_empty());
            assert_eq!(ids(&a), shown(&a), "{query:?} after {step:?}");
            let fresh = Document::from_text(a.document().text().into_owned()).unwrap();
            let fresh = App::new(fresh, "o.json".into(), false);
            assert_eq!(a.area_rows(), fresh.area_rows(), "{query:?} after {step:?}");
        }
        assert_eq!(a.data().deliverables.len(), added - 1, "{query:?}");
    }
}
