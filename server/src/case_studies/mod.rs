//! Case studies: their content rules, who may do what with them, and the
//! publishing workflow. GraphQL and the web pages are thin adapters over the
//! functions here; no rule is written anywhere else.

mod content;
pub mod evidence;
pub mod listing;
pub mod markdown;
pub mod personal_data;
pub mod policy;
pub mod reuse;
mod slug;
pub mod transitions;
pub mod workflow;

pub use content::{
    CaseStudyContent, CaseStudyInput, EvidenceInput, LinkInput, MAX_COLLABORATORS, MAX_TECHNOLOGIES, SERVICE_AREAS,
    normalise_tag,
};

pub use crate::entities::values::{
    CostBand, Language, Languages, ModerationDecision, Outcome, RevisionState, Status, Visibility,
};
use crate::i18n::{self, Locale};

impl Outcome {
    pub fn label(self, locale: Locale) -> String {
        i18n::value_label(locale, "outcome", self.as_str())
    }
}

impl CostBand {
    pub fn label(self, locale: Locale) -> String {
        i18n::value_label(locale, "cost-band", self.as_str())
    }
}

impl Language {
    pub fn label(self, locale: Locale) -> String {
        i18n::value_label(locale, "language", self.as_str())
    }
}
