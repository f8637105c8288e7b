//! Case studies: their content rules, who may do what with them, and the
//! publishing workflow. GraphQL and the web pages are thin adapters over the
//! functions here; no rule is written anywhere else.

mod content;
pub mod listing;
pub mod markdown;
pub mod policy;
mod slug;
pub mod workflow;

pub use content::{
    CaseStudyContent, CaseStudyInput, LinkInput, MAX_COLLABORATORS, MAX_TECHNOLOGIES, SERVICE_AREAS, normalise_tag,
};

use sea_orm::sea_query::StringLen;
use serde::{Deserialize, Serialize};

/// Derives shared by every enum stored as text and exposed as a GraphQL enum.
macro_rules! stored_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[graphql($($gql:tt)*)])? $variant:ident = $value:literal,)* }) => {
        $(#[$meta])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, sea_orm::EnumIter, sea_orm::DeriveActiveEnum,
            async_graphql::Enum, Serialize, Deserialize,
        )]
        #[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
        pub enum $name {
            $(
                #[sea_orm(string_value = $value)]
                #[serde(rename = $value)]
                $(#[graphql($($gql)*)])?
                $variant,
            )*
        }

        impl $name {
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $value,)* }
            }

            /// The value for its stored (and GraphQL) name.
            pub fn from_name(name: &str) -> Option<Self> {
                match name { $($value => Some($name::$variant),)* _ => None }
            }
        }
    };
}

stored_enum! {
    pub enum Outcome {
        Success = "SUCCESS",
        PartialSuccess = "PARTIAL_SUCCESS",
        Failure = "FAILURE",
        Abandoned = "ABANDONED",
        InProgress = "IN_PROGRESS",
    }
}

stored_enum! {
    pub enum Status {
        Draft = "DRAFT",
        Submitted = "SUBMITTED",
        ChangesRequested = "CHANGES_REQUESTED",
        Published = "PUBLISHED",
        Rejected = "REJECTED",
        Withdrawn = "WITHDRAWN",
        Unpublished = "UNPUBLISHED",
    }
}

stored_enum! {
    pub enum Visibility {
        Public = "PUBLIC",
        Members = "MEMBERS",
    }
}

stored_enum! {
    pub enum CostBand {
        #[graphql(name = "UNDER_10K")]
        Under10k = "UNDER_10K",
        #[graphql(name = "FROM_10K_TO_50K")]
        From10kTo50k = "FROM_10K_TO_50K",
        #[graphql(name = "FROM_50K_TO_250K")]
        From50kTo250k = "FROM_50K_TO_250K",
        #[graphql(name = "FROM_250K_TO_1M")]
        From250kTo1m = "FROM_250K_TO_1M",
        #[graphql(name = "OVER_1M")]
        Over1m = "OVER_1M",
        Unknown = "UNKNOWN",
    }
}

stored_enum! {
    /// A pending revision waits for a moderator; one sent back waits for its authors.
    pub enum RevisionState {
        Pending = "PENDING",
        ChangesRequested = "CHANGES_REQUESTED",
    }
}

stored_enum! {
    pub enum ModerationDecision {
        Approve = "APPROVE",
        RequestChanges = "REQUEST_CHANGES",
        Reject = "REJECT",
    }
}

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
