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

pub use crate::entities::values::{CostBand, ModerationDecision, Outcome, RevisionState, Status, Visibility};

impl Outcome {
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Success => "Success",
            Outcome::PartialSuccess => "Partial success",
            Outcome::Failure => "Failure",
            Outcome::Abandoned => "Abandoned",
            Outcome::InProgress => "In progress",
        }
    }
}

impl CostBand {
    pub fn label(self) -> &'static str {
        match self {
            CostBand::Under10k => "Under £10k",
            CostBand::From10kTo50k => "£10k to £50k",
            CostBand::From50kTo250k => "£50k to £250k",
            CostBand::From250kTo1m => "£250k to £1m",
            CostBand::Over1m => "Over £1m",
            CostBand::Unknown => "Unknown",
        }
    }
}
