//! A report item: the reports on one published case study, gathered for
//! moderators until one of them decides.

use sea_orm::entity::prelude::*;

use super::values::{CaseStudyContent, ReportStatus};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reports")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub case_study_id: String,
    /// The case study's id while the item is open; null once decided (one open item per case study).
    #[sea_orm(unique)]
    pub open_for: Option<String>,
    pub status: ReportStatus,
    /// The case study as it was when first reported.
    pub snapshot_version: i32,
    #[sea_orm(column_type = "Json")]
    pub snapshot: CaseStudyContent,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub decided_at: Option<DateTimeUtc>,
    pub decided_by: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub note: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
