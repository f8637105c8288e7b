//! Who created or edited a case study: a moderator never decides on those.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_study_editors")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub case_study_id: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub member_id: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
