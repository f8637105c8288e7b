//! A dated follow-up to a published case study, moderated like a revision.

use sea_orm::entity::prelude::*;

use super::values::{FollowUpState, Outcome};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "follow_ups")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub case_study_id: String,
    pub written_on: Date,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    /// The outcome it reports, when it changes the case study's.
    pub outcome: Option<Outcome>,
    /// The case study's outcome when it was written (a change keeps both).
    pub previous_outcome: Outcome,
    pub state: FollowUpState,
    pub submitted_by: String,
    pub submitted_at: DateTimeUtc,
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub message: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
