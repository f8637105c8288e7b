//! A member's report of a question or of its answer, until a moderator
//! dismisses it or upholds it (which removes that part).

use sea_orm::entity::prelude::*;

use super::values::{QuestionPart, ReportReason, ReportStatus};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "question_reports")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub question_id: String,
    pub part: QuestionPart,
    /// Null once the reporter's account is erased.
    pub reported_by: Option<String>,
    pub reason: ReportReason,
    #[sea_orm(column_type = "Text", nullable)]
    pub details: Option<String>,
    pub status: ReportStatus,
    pub created_at: DateTimeUtc,
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub note: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
