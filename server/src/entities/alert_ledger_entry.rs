//! One case study's news (its publication, or a follow-up) sent to one subscription.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "alert_ledger")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub subscription_id: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub case_study_id: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub event_at: DateTimeUtc,
    pub sent_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
