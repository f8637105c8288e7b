use sea_orm::entity::prelude::*;

use super::values::Status;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_study_transitions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub case_study_id: String,
    pub from_status: Option<Status>,
    pub to_status: Status,
    pub member_id: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub message: Option<String>,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
