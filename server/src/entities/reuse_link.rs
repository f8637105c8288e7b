//! "We reused this": one council's case study (`from_id`) says it followed
//! another council's (`to_id`).

use sea_orm::entity::prelude::*;

use super::values::ReuseKind;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reuse_links")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub from_id: String,
    pub to_id: String,
    pub kind: ReuseKind,
    /// No foreign key: the link outlives its author's account.
    pub created_by: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
