//! Errors on a form as the GOV.UK error summary and inline messages show
//! them: each links to the box it belongs to.

use crate::error::FieldError;
use crate::i18n::Locale;

/// An error as the page shows it: the message, and the id of the field it links to.
pub struct ShownError {
    pub anchor: String,
    pub message: String,
}

impl ShownError {
    /// `links[2].url` belongs to the `links` box; `startedOn` to its own.
    /// (`anchor_of` is the same split.)
    pub fn from_field(error: FieldError, locale: Locale) -> ShownError {
        let anchor = error.field.split(['[', '.']).next().unwrap_or_default().to_owned();
        // An error about the whole form links to the summary itself.
        let anchor = if anchor.is_empty() { "error-summary-title".to_owned() } else { anchor };
        let message = format!("{}: {}", field_label(&anchor, locale), error.message_in(locale));
        ShownError { anchor, message }
    }

    pub fn for_field(errors: &[ShownError], anchor: &str) -> Option<String> {
        let messages: Vec<&str> =
            errors.iter().filter(|error| error.anchor == anchor).map(|error| error.message.as_str()).collect();
        (!messages.is_empty()).then(|| messages.join("; "))
    }
}

/// What the form calls a field (its label), for messages that name it:
/// `field-` and the field's name in lower case, in `views.ftl`.
pub fn field_label(anchor: &str, locale: Locale) -> String {
    crate::i18n::find(locale, &format!("field-{}", anchor.to_ascii_lowercase())).unwrap_or_else(|| anchor.to_owned())
}
