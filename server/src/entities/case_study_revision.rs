//! A proposed edit to a PUBLISHED case study, waiting for moderation.

use sea_orm::entity::prelude::*;

use super::values::{CaseStudyContent, RevisionState};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_study_revisions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub case_study_id: String,
    pub version: i32,
    pub state: RevisionState,
    #[sea_orm(column_type = "Json")]
    pub content: CaseStudyContent,
    pub submitted_by: String,
    pub submitted_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
