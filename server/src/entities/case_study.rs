use sea_orm::entity::prelude::*;

use super::json::{IdList, LinkList, StringList};
use super::values::{CostBand, Evidence, Languages, Outcome, Status, Visibility};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_studies")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    #[sea_orm(unique)]
    pub slug: String,
    pub authority_id: i32,
    pub created_by: String,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub summary: String,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    pub outcome: Outcome,
    #[sea_orm(column_type = "Json")]
    pub lessons: StringList,
    /// Taxonomy keys.
    #[sea_orm(column_type = "Json")]
    pub service_areas: StringList,
    /// Taxonomy keys.
    #[sea_orm(column_type = "Json")]
    pub technologies: StringList,
    #[sea_orm(column_type = "Json")]
    pub tags: StringList,
    pub cost_band: CostBand,
    pub started_on: Date,
    pub ended_on: Option<Date>,
    #[sea_orm(column_type = "Json")]
    pub partners: StringList,
    /// Authority ids of the collaborating councils.
    #[sea_orm(column_type = "Json")]
    pub collaborators: IdList,
    #[sea_orm(column_type = "Json")]
    pub links: LinkList,
    pub contact_email: Option<String>,
    pub visibility: Visibility,
    pub anonymous: bool,
    pub status: Status,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub published_at: Option<DateTimeUtc>,
    /// When it entered the moderation queue (a submission or a revision); null when not queued.
    pub queued_at: Option<DateTimeUtc>,
    /// Why a moderator took it down (an upheld report), while that stands.
    #[sea_orm(column_type = "Text", nullable)]
    pub unpublished_reason: Option<String>,
    /// When its council should next check it is still accurate (published case studies).
    pub review_by: Option<Date>,
    pub last_reviewed_on: Option<Date>,
    /// The `review_by` its council was last reminded of (one reminder per date).
    pub review_reminded_for: Option<Date>,
    /// The last time readers had news of it: publication, an approved revision or follow-up.
    pub news_at: Option<DateTimeUtc>,
    /// Null for case studies written before issue 19: read it as `Evidence::default()`.
    #[sea_orm(column_type = "Json", nullable)]
    pub evidence: Option<Evidence>,
    /// Null for case studies written before issue 20: English, with no Welsh title or summary.
    #[sea_orm(column_type = "Json", nullable)]
    pub languages: Option<Languages>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// What a case study without evidence reads as.
static NO_EVIDENCE: Evidence = Evidence::NONE;
/// What a case study written before issue 20 reads as.
static ENGLISH_ONLY: Languages = Languages::ENGLISH;

impl Model {
    /// Its evidence, or none given.
    pub fn evidence(&self) -> &Evidence {
        self.evidence.as_ref().unwrap_or(&NO_EVIDENCE)
    }

    /// Its language and Welsh title and summary, or English alone.
    pub fn languages(&self) -> &Languages {
        self.languages.as_ref().unwrap_or(&ENGLISH_ONLY)
    }
}
