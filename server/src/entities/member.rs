use sea_orm::entity::prelude::*;

use super::values::{MemberStatus, Role};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "members")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    #[sea_orm(unique)]
    pub email: String,
    pub name: Option<String>,
    pub role: Role,
    pub status: MemberStatus,
    pub authority_id: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Set when the member's personal data was erased (the row stays, emptied).
    pub erased_at: Option<DateTimeUtc>,
    /// The interface language they chose (`en` or `cy`): their pages and their emails. None until they choose.
    pub language: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
