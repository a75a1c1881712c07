//! Links and ids of the selection: opened in the browser, copied to the clipboard. The
//! state only asks; the event loop opens (without waiting) and writes to the terminal.

use super::App;
use crate::action::Effect;
use crate::vocabulary::Pane;

impl App {
    /// The id and the source link of what is selected: the council in the councils pane,
    /// else the deliverable (its own link, else its council's).
    fn selection_id_and_link(&self) -> Option<(String, Option<String>)> {
        let data = self.data();
        if self.focus() == Pane::Councils {
            let c = self.council_filter().and_then(|id| data.council(id))?;
            return Some((c.id.clone(), c.source_url.clone()));
        }
        let d = self.selected()?;
        let link = d
            .source_url()
            .map(|s| s.into_owned())
            .or_else(|| data.council(&d.council).and_then(|c| c.source_url.clone()));
        Some((d.id.to_string(), link))
    }

    pub(super) fn open_link(&mut self) -> Option<Effect> {
        match self.selection_id_and_link() {
            Some((_, Some(url))) => {
                self.say(format!("opening {url} in the browser…"), false);
                Some(Effect::OpenLink(url))
            }
            Some((id, None)) => {
                self.say(format!("{id} has no source link in the file"), true);
                None
            }
            None => {
                self.say("choose a council or a deliverable first", true);
                None
            }
        }
    }

    pub(super) fn copy(&mut self, link: bool) -> Option<Effect> {
        let Some((id, url)) = self.selection_id_and_link() else {
            self.say("choose a council or a deliverable first", true);
            return None;
        };
        let text = if link {
            let Some(url) = url else {
                self.say(format!("{id} has no source link in the file"), true);
                return None;
            };
            url
        } else {
            id
        };
        self.say(
            format!("copied {text} (through the terminal, OSC 52: some terminals do not allow it)"),
            false,
        );
        Some(Effect::Copy(text))
    }

    /// The browser could not be started: said in the footer.
    pub fn link_not_opened(&mut self, url: &str, why: &str) {
        self.say(format!("could not open {url}: {why}"), true);
    }
}
