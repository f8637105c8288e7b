//! Which notifications a member gets; a member without a row gets every one, at once.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notification_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub member_id: String,
    pub submissions: bool,
    pub decisions: bool,
    pub reports: bool,
    pub report_outcomes: bool,
    pub pending_members: bool,
    pub review_reminders: bool,
    pub questions: bool,
    pub daily_digest: bool,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
