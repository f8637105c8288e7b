//! A saved search or a follow: a query run for its member at its frequency.

use sea_orm::entity::prelude::*;

use super::values::{AlertFrequency, FollowTarget};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "subscriptions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub member_id: String,
    /// `SEARCH` or `FOLLOW`.
    pub kind: String,
    #[sea_orm(column_type = "Text")]
    pub name: String,
    #[sea_orm(column_type = "Text")]
    pub query: String,
    /// The filters, as `SavedFilter` JSON.
    #[sea_orm(column_type = "Json")]
    pub filter: Json,
    pub follow_target: Option<FollowTarget>,
    pub follow_key: Option<String>,
    pub frequency: AlertFrequency,
    pub created_at: DateTimeUtc,
    /// Everything published up to here has been considered by an alert run.
    pub alerted_until: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
