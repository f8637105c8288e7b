//! The values stored in the tables' text and JSON columns: the enums of the
//! domain (statuses, outcomes, roles, kinds of council…) and a case study's
//! validated content. They live here, beside the entities that store them,
//! so the entities never import the domain; the domain modules re-export
//! them under their own names (`case_studies::Status`, `members::Role`).

use chrono::NaiveDate;
use sea_orm::FromJsonQueryResult;
use sea_orm::sea_query::StringLen;
use serde::{Deserialize, Serialize};

use super::json::Link;

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

stored_enum! {
    /// Why a member reports a published case study.
    pub enum ReportReason {
        PersonalData = "PERSONAL_DATA",
        Inaccurate = "INACCURATE",
        Confidential = "CONFIDENTIAL",
        Offensive = "OFFENSIVE",
        Other = "OTHER",
    }
}

stored_enum! {
    /// A report waits for a moderator (OPEN) until they dismiss or uphold it.
    pub enum ReportStatus {
        Open = "OPEN",
        Dismissed = "DISMISSED",
        Upheld = "UPHELD",
    }
}

stored_enum! {
    pub enum ReportDecision {
        Dismiss = "DISMISS",
        Uphold = "UPHOLD",
    }
}

stored_enum! {
    pub enum Role {
        Member = "MEMBER",
        Moderator = "MODERATOR",
        Admin = "ADMIN",
    }
}

stored_enum! {
    pub enum MemberStatus {
        Pending = "PENDING",
        Active = "ACTIVE",
        Suspended = "SUSPENDED",
    }
}

stored_enum! {
    pub enum AuthorityKind {
        County = "COUNTY",
        District = "DISTRICT",
        Unitary = "UNITARY",
        MetropolitanDistrict = "METROPOLITAN_DISTRICT",
        LondonBorough = "LONDON_BOROUGH",
        ScottishCouncil = "SCOTTISH_COUNCIL",
        WelshCouncil = "WELSH_COUNCIL",
        NorthernIrelandDistrict = "NORTHERN_IRELAND_DISTRICT",
        CombinedAuthority = "COMBINED_AUTHORITY",
        Other = "OTHER",
    }
}

stored_enum! {
    pub enum TermKind {
        ServiceArea = "SERVICE_AREA",
        Technology = "TECHNOLOGY",
    }
}

stored_enum! {
    /// How often a saved search or follow sends its alert.
    pub enum AlertFrequency {
        Immediately = "IMMEDIATELY",
        Daily = "DAILY",
        Weekly = "WEEKLY",
    }
}

stored_enum! {
    /// What a member follows: a council (by slug), a term (by key) or a tag.
    pub enum FollowTarget {
        Authority = "AUTHORITY",
        ServiceArea = "SERVICE_AREA",
        Technology = "TECHNOLOGY",
        Tag = "TAG",
    }
}

stored_enum! {
    /// A follow-up waits for a moderator, like a revision, until it is published or sent back.
    pub enum FollowUpState {
        Pending = "PENDING",
        Published = "PUBLISHED",
        ChangesRequested = "CHANGES_REQUESTED",
        Rejected = "REJECTED",
    }
}

stored_enum! {
    /// Where an email is: waiting (or waiting to be retried), sent, kept
    /// for the development mailbox (no SMTP server), or given up on.
    pub enum MailStatus {
        Pending = "PENDING",
        Sent = "SENT",
        Kept = "KEPT",
        Dead = "DEAD",
    }
}

stored_enum! {
    /// How good a case study's evidence is, weakest first.
    pub enum EvidenceStrength {
        // What we saw; we measured before and after; a structured internal
        // evaluation; an outside evaluation, with a link to it.
        Anecdotal = "ANECDOTAL",
        Monitored = "MONITORED",
        Evaluated = "EVALUATED",
        IndependentlyEvaluated = "INDEPENDENTLY_EVALUATED",
    }
}

stored_enum! {
    /// How a council's case study follows another council's.
    pub enum ReuseKind {
        Reused = "REUSED",
        TriedDifferently = "TRIED_DIFFERENTLY",
    }
}

stored_enum! {
    /// Which part of a question-and-answer exchange a report is about.
    pub enum QuestionPart {
        Question = "QUESTION",
        Answer = "ANSWER",
    }
}

/// How much weight a case study's results bear, and what it cost against
/// the plan (issue 19). Every field is optional: case studies written before
/// have none.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(default)]
pub struct Evidence {
    pub strength: Option<EvidenceStrength>,
    /// The outside evaluation (`INDEPENDENTLY_EVALUATED`).
    pub evaluation_url: Option<String>,
    /// Whole pounds.
    pub planned_cost: Option<i64>,
    /// Whole pounds.
    pub actual_cost: Option<i64>,
    pub planned_end_on: Option<NaiveDate>,
    /// What the council would do differently, like `lessons`.
    pub do_differently: Vec<String>,
}

impl Evidence {
    /// No evidence given: what a case study written before issue 19 has.
    pub const NONE: Evidence = Evidence {
        strength: None,
        evaluation_url: None,
        planned_cost: None,
        actual_cost: None,
        planned_end_on: None,
        do_differently: Vec::new(),
    };
}

/// A case study's content, valid by construction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
pub struct CaseStudyContent {
    pub title: String,
    pub summary: String,
    pub body: String,
    pub outcome: Outcome,
    pub lessons: Vec<String>,
    pub service_areas: Vec<String>,
    pub technologies: Vec<String>,
    pub tags: Vec<String>,
    pub cost_band: CostBand,
    pub started_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    pub partners: Vec<String>,
    /// Authority ids.
    pub collaborators: Vec<i32>,
    pub links: Vec<Link>,
    pub contact_email: Option<String>,
    pub visibility: Visibility,
    pub anonymous: bool,
    /// Absent from content stored before issue 19.
    #[serde(default)]
    pub evidence: Evidence,
    /// Absent from content stored before issue 20 (English).
    #[serde(default)]
    pub languages: Languages,
}

stored_enum! {
    /// The language a case study is written in.
    pub enum Language {
        En = "EN",
        Cy = "CY",
        Bilingual = "BILINGUAL",
    }
}

/// Which language a case study is written in, and (when it is bilingual)
/// its Welsh title and summary beside the English ones in `title` and
/// `summary`. A Welsh case study's own `title` and `summary` are Welsh.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(default)]
pub struct Languages {
    pub language: Language,
    pub title_cy: Option<String>,
    pub summary_cy: Option<String>,
}

impl Languages {
    pub const ENGLISH: Languages = Languages { language: Language::En, title_cy: None, summary_cy: None };
}

impl Default for Languages {
    fn default() -> Self {
        Languages::ENGLISH
    }
}
