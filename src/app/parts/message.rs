//! What the app says in the footer after a key.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

impl Message {
    pub(crate) fn info(text: impl Into<String>) -> Self {
        Message {
            text: text.into(),
            error: false,
        }
    }

    pub(crate) fn error(text: impl Into<String>) -> Self {
        Message {
            text: text.into(),
            error: true,
        }
    }
}
