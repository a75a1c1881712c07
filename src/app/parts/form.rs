//! The deliverable form (`a` adds, `E` edits): its fields, what is typed in each, and
//! where the focus is.

/// The fields of the form, in the order `Tab` goes through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormField {
    Title,
    Id,
    Council,
    Areas,
    Status,
    Owner,
    Due,
    Description,
    Notes,
}

impl FormField {
    pub const ALL: [FormField; 9] = [
        FormField::Title,
        FormField::Id,
        FormField::Council,
        FormField::Areas,
        FormField::Status,
        FormField::Owner,
        FormField::Due,
        FormField::Description,
        FormField::Notes,
    ];

    pub fn label(self) -> &'static str {
        match self {
            FormField::Title => "Title",
            FormField::Id => "Id",
            FormField::Council => "Council",
            FormField::Areas => "Areas",
            FormField::Status => "Status",
            FormField::Owner => "Owner",
            FormField::Due => "Due",
            FormField::Description => "Description",
            FormField::Notes => "Notes",
        }
    }

    /// Typed into as a line of text (the others are chosen from the file's lists).
    pub fn is_text(self) -> bool {
        !matches!(
            self,
            FormField::Council | FormField::Areas | FormField::Status
        )
    }
}

/// The form's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Form {
    /// `None`: a new deliverable; else the id of the one edited.
    pub editing: Option<String>,
    /// A new deliverable carried over: the one it follows.
    pub follows: Option<String>,
    pub title: String,
    pub id: String,
    /// The id was typed by hand: it no longer follows the title.
    pub id_typed: bool,
    /// Index into the file's councils.
    pub council: usize,
    /// The chosen area ids, in the order chosen.
    pub areas: Vec<String>,
    /// Areas to create on saving, (id, name): a name typed that no area has.
    pub new_areas: Vec<(String, String)>,
    /// What is typed in the areas field to find one.
    pub area_filter: String,
    /// The highlighted one among the areas the filter shows.
    pub area_cursor: usize,
    /// Index into the file's statuses.
    pub status: usize,
    pub owner: String,
    pub due: String,
    pub description: String,
    pub notes: String,
    /// Index into `FormField::ALL`.
    pub focus: usize,
    /// Anything typed or chosen since the form opened.
    pub touched: bool,
    /// `Esc` with something typed: waiting for `y` to leave without saving.
    pub leaving: bool,
    /// Why the last save was refused.
    pub problem: Option<String>,
    /// A proposal from a readout: its sentence and address, kept with the new deliverable.
    pub evidence: Option<String>,
    pub source_url: Option<String>,
    /// An edited deliverable's values as the form showed them (as it opened, or as the disk
    /// had them when a save found them changed there): a save writes only the fields that
    /// differ from these, so another writer's change to another field is never undone.
    pub shown: Vec<(crate::model::Editable, Option<String>)>,
}

impl Form {
    pub fn focused(&self) -> FormField {
        FormField::ALL[self.focus.min(FormField::ALL.len() - 1)]
    }

    /// The text of a text field.
    pub fn text(&self, field: FormField) -> &str {
        match field {
            FormField::Title => &self.title,
            FormField::Id => &self.id,
            FormField::Owner => &self.owner,
            FormField::Due => &self.due,
            FormField::Description => &self.description,
            FormField::Notes => &self.notes,
            _ => "",
        }
    }

    pub(crate) fn text_mut(&mut self, field: FormField) -> Option<&mut String> {
        Some(match field {
            FormField::Title => &mut self.title,
            FormField::Id => &mut self.id,
            FormField::Owner => &mut self.owner,
            FormField::Due => &mut self.due,
            FormField::Description => &mut self.description,
            FormField::Notes => &mut self.notes,
            _ => return None,
        })
    }

    /// What to say under the due date as it is typed.
    pub fn due_problem(&self) -> Option<&'static str> {
        let due = self.due.trim();
        (!due.is_empty() && !crate::dates::is_valid_date(due))
            .then_some("not a date yet: YYYY, YYYY-MM or YYYY-MM-DD")
    }
}

/// The form of a council or an area (`A` adds a council; `E` in the councils or areas pane
/// edits the selected one): a line of text per field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectForm {
    /// Councils or areas.
    pub council: bool,
    /// `None`: a new one; else the id of the one edited.
    pub editing: Option<String>,
    /// The fields: (key in the file, what is typed), in the order shown.
    pub fields: Vec<(&'static str, String)>,
    /// Each field's value as the form showed it (as it opened, or as the disk had it when a
    /// save found it changed there): a save writes only what differs from these.
    pub shown: Vec<String>,
    pub focus: usize,
    pub touched: bool,
    pub leaving: bool,
    pub problem: Option<String>,
}

impl ObjectForm {
    pub fn value(&self, key: &str) -> &str {
        self.fields
            .iter()
            .find(|(k, _)| *k == key)
            .map_or("", |(_, v)| v.as_str())
    }
}
