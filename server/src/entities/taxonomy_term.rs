use sea_orm::entity::prelude::*;

use super::values::TermKind;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "taxonomy_terms")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub kind: TermKind,
    pub key: String,
    pub label: String,
    /// Its Welsh label, shown in the Welsh interface.
    pub label_cy: Option<String>,
    pub position: i32,
    /// No longer offered for new case studies; kept on the old ones and in facets.
    pub retired: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
