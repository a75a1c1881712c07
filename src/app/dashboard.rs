//! The dashboard's keys: it covers what the panes show (or everything), a cursor moves
//! over the rows Enter acts on (overdue deliverables, councils, areas), and Enter narrows
//! the panes to the row's council or area, or selects its deliverable.

use super::App;
use super::parts::{Overlay, PAGE};
use crate::action::Action;
use crate::figures::{DashTarget, DashboardFigures};

impl App {
    /// True when the panes narrow the list (a council, an area or a search).
    fn panes_narrow(&self) -> bool {
        self.council_filter().is_some() || self.area_filter().is_some() || self.search().active()
    }

    /// What the dashboard shows (computed on demand: it covers the panes' choice).
    pub fn dashboard_figures(&self) -> DashboardFigures {
        let scope = (!self.dash_everything && self.panes_narrow()).then(|| self.rows());
        DashboardFigures::new(self.data(), &self.figures, scope, self.today())
    }

    /// What the dashboard covers, said in its title.
    pub fn dashboard_scope(&self) -> String {
        if self.dash_everything || !self.panes_narrow() {
            return "everything".to_string();
        }
        let data = self.data();
        let mut parts = Vec::new();
        if let Some(c) = self.council_filter().and_then(|id| data.council(id)) {
            parts.push(c.label());
        }
        if let Some(a) = self.area_filter().and_then(|id| data.area(id)) {
            parts.push(a.name.clone());
        }
        if self.search().active() {
            parts.push(format!("/{}", self.search().input.trim()));
        }
        parts.join(" · ")
    }

    /// The dashboard row the cursor is on (among the rows Enter acts on).
    pub fn dashboard_cursor(&self) -> usize {
        self.dash_cursor
    }

    /// A key in the dashboard; false when it is not the dashboard's own (scrolling, Esc).
    pub(super) fn update_dashboard(&mut self, action: Action) -> bool {
        let targets = self.dashboard_figures().targets();
        let last = targets.len().saturating_sub(1);
        let step = |cursor: usize, delta: isize| {
            (cursor as isize)
                .saturating_add(delta)
                .clamp(0, last as isize) as usize
        };
        match action {
            Action::Down => self.dash_cursor = step(self.dash_cursor, 1),
            Action::Up => self.dash_cursor = step(self.dash_cursor, -1),
            Action::PageDown => self.dash_cursor = step(self.dash_cursor, PAGE as isize),
            Action::PageUp => self.dash_cursor = step(self.dash_cursor, -(PAGE as isize)),
            Action::Top => self.dash_cursor = 0,
            Action::Bottom => self.dash_cursor = last,
            Action::DashboardEverything => {
                self.dash_everything = !self.dash_everything;
                self.dash_cursor = 0;
                if !self.panes_narrow() {
                    self.say(
                        "the panes show everything: choose a council, an area or search to narrow",
                        false,
                    );
                }
            }
            Action::Open => {
                let Some(&target) = targets.get(self.dash_cursor) else {
                    self.say("nothing to open here", true);
                    return true;
                };
                self.open_dashboard_row(target);
            }
            _ => return false,
        }
        true
    }

    fn open_dashboard_row(&mut self, target: DashTarget) {
        let data = self.doc.data();
        let said = match target {
            DashTarget::Council(c) => {
                self.lists.choose_council(data, c);
                format!("council {} chosen", data.councils[c].label())
            }
            DashTarget::Area(a) => {
                self.lists.choose_area(data, a);
                format!("area {} chosen", data.areas[a].name)
            }
            DashTarget::Deliverable(i) => {
                self.lists.show_deliverable(data, i);
                format!("{}: selected", data.deliverables[i].id)
            }
        };
        self.overlay = Overlay::None;
        self.say(said, false);
    }
}
