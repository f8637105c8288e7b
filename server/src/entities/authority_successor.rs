//! A council that replaced a retired one (several may: a county split in two).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "authority_successors")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub authority_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub successor_id: i32,
    pub position: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
