//! The review of a readout's proposals, over the panes: one proposal at a time with its
//! sentence in its paragraph. `Enter` adds it (the same `capture::Op` as the form's `a`:
//! history entry, undo, minutes), `E` opens it in the deliverable form first, `x` skips it,
//! `A` adds every one still waiting (one undo step), `u` takes the last addition back, `Esc`
//! or `q` closes the review. Proposals the file already has start skipped.

use super::App;
use super::parts::{Decision, Fallback, Overlay, Review};
use crate::action::{Action, Effect};
use crate::capture::{Op, Stop};
use crate::readout::Proposal;
use crate::terminal_text::line as safe;

impl App {
    /// Opens the review of `proposals` of `text` for `council`.
    pub fn start_review(&mut self, text: String, council: String, proposals: Vec<Proposal>) {
        let review = Review::new(text, council, proposals);
        let waiting = review.count(Decision::Pending);
        let present = review.proposals.len() - waiting;
        self.say(
            format!(
                "{} proposals: {waiting} to review{}",
                review.proposals.len(),
                if present > 0 {
                    format!(", {present} already in the file (skipped)")
                } else {
                    String::new()
                }
            ),
            false,
        );
        self.review = Some(Box::new(review));
        self.overlay = Overlay::Review;
    }

    pub fn review(&self) -> Option<&Review> {
        self.review.as_deref()
    }

    pub(super) fn update_review(&mut self, action: Action, now: &str) -> Option<Effect> {
        self.message = None;
        let review = self.review.as_deref_mut()?;
        let n = review.proposals.len();
        match action {
            Action::Down if n > 0 => review.cursor = (review.cursor + 1).min(n - 1),
            Action::Up => review.cursor = review.cursor.saturating_sub(1),
            Action::ReviewSkip if n > 0 => {
                review.decisions[review.cursor] = Decision::Skipped;
                review.advance();
            }
            Action::ReviewAccept => return self.accept(false, now),
            Action::ReviewAcceptRest => return self.accept(true, now),
            Action::ReviewEdit => self.edit_proposal(),
            Action::Undo => return self.undo_accepted(now),
            Action::Cancel | Action::Quit => {
                self.overlay = Overlay::None;
                let left = review.count(Decision::Pending);
                let added = review.count(Decision::Accepted);
                self.review = None;
                self.say(
                    format!("review closed: {added} added, {left} left unreviewed"),
                    false,
                );
            }
            _ => {}
        }
        None
    }

    /// Adds the proposal shown (`rest` false; a skipped one too, when asked for it), or
    /// every one still waiting, as one undo step.
    fn accept(&mut self, rest: bool, now: &str) -> Option<Effect> {
        let review = self.review.as_deref()?;
        let chosen: Vec<usize> = if rest {
            (0..review.proposals.len())
                .filter(|&i| review.decisions[i] == Decision::Pending)
                .collect()
        } else {
            (review.cursor < review.proposals.len()
                && review.decisions[review.cursor] != Decision::Accepted)
                .then_some(review.cursor)
                .into_iter()
                .collect()
        };
        if chosen.is_empty() {
            self.say("nothing left to add", false);
            return None;
        }
        let ops: Vec<Op> = chosen
            .iter()
            .map(|&i| Op::AddDeliverable(review.proposals[i].to_new(&review.council)))
            .collect();
        match self.history.apply_ops(&mut self.doc, &ops, now) {
            Ok((changed, added)) => {
                self.follow(&changed);
                if let Some(id) = &added {
                    self.lists.show_added(self.doc.data(), id);
                }
                self.lists
                    .refilter(self.doc.data(), added.clone(), Fallback::SamePlace);
                let review = self.review.as_deref_mut()?;
                for &i in &chosen {
                    review.decisions[i] = Decision::Accepted;
                }
                review.accepted.push(chosen.clone());
                review.advance();
                let what = match (chosen.len(), &added) {
                    (1, Some(id)) => format!("{id}: added (u to undo)"),
                    (k, _) => format!("{k} deliverables added (u to undo)"),
                };
                self.say(safe(&what).into_owned(), false);
                Some(self.disk.save())
            }
            Err(Stop::Refused(why) | Stop::Conflict(why)) => {
                self.say(format!("not added: {why}"), true);
                None
            }
        }
    }

    /// `E`: the deliverable form, filled in from the proposal shown.
    fn edit_proposal(&mut self) {
        let Some(review) = self.review.as_deref() else {
            return;
        };
        let Some(p) = review.shown().cloned() else {
            return;
        };
        let council = review.council.clone();
        let at = review.cursor;
        self.open_form(false);
        let data = self.doc.data();
        let Overlay::Form(form) = &mut self.overlay else {
            // The form did not open: the message says why; the review stays.
            self.overlay = Overlay::Review;
            return;
        };
        form.title = p.title.clone();
        form.council = data
            .councils
            .iter()
            .position(|c| c.id == council)
            .unwrap_or(form.council);
        form.areas = p.areas.clone();
        form.status = data.status_index(&p.status).unwrap_or(form.status);
        form.evidence = Some(p.evidence.clone());
        form.source_url = p.source_url.clone();
        form.touched = true;
        self.derive_id();
        if let Some(review) = self.review.as_deref_mut() {
            review.editing = Some(at);
        }
    }

    /// After a key in the form opened from the review: once the form is closed, back to
    /// the review, the proposal accepted when the form added it.
    pub(super) fn after_review_form(&mut self, saved: bool) {
        if !matches!(self.overlay, Overlay::None) {
            return;
        }
        let Some(review) = self.review.as_deref_mut() else {
            return;
        };
        let Some(at) = review.editing.take() else {
            return;
        };
        if saved {
            review.decisions[at] = Decision::Accepted;
            review.accepted.push(vec![at]);
            review.advance();
        }
        self.overlay = Overlay::Review;
    }

    /// `u`: takes the last addition back; its proposals wait again.
    fn undo_accepted(&mut self, now: &str) -> Option<Effect> {
        if self.review.as_ref().is_none_or(|r| r.accepted.is_empty()) {
            self.say("no proposal added in this review to undo", false);
            return None;
        }
        let effect = self.replay(Action::Undo, now);
        if effect.is_some()
            && let Some(review) = self.review.as_deref_mut()
            && let Some(group) = review.accepted.pop()
        {
            for &i in &group {
                review.decisions[i] = Decision::Pending;
            }
            review.cursor = group[0];
        }
        effect
    }
}
