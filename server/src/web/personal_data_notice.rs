//! The pages' warning of likely personal data (`case_studies::personal_data`):
//! on a case study's page for its council (before submitting) and on the
//! moderator's decision page, each finding in context, linked to its field's
//! label. It warns; nothing is blocked.

use super::form_errors::field_label;
use crate::case_studies::{CaseStudyContent, personal_data};
use crate::i18n::{self, Locale};

pub struct Finding {
    /// "Lessons", "What happened".
    pub field: String,
    /// "a phone number".
    pub kind: String,
    pub excerpt: String,
}

pub fn findings(content: &CaseStudyContent, locale: Locale) -> Vec<Finding> {
    personal_data::scan(content)
        .into_iter()
        .map(|warning| {
            let box_name = warning.field.split(['[', '.']).next().unwrap_or_default();
            Finding {
                field: field_label(box_name, locale),
                kind: i18n::value_label(locale, "personal-data", warning.kind.as_str()),
                excerpt: warning.excerpt,
            }
        })
        .collect()
}
