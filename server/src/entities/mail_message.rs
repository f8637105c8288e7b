//! An email in the outbox: written with the event it tells of, sent by the delivery worker.

use sea_orm::entity::prelude::*;

use super::values::MailStatus;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mail_outbox")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// The member it is for (erasure deletes what waits for them).
    pub member_id: Option<String>,
    pub recipient: String,
    #[sea_orm(column_type = "Text")]
    pub subject: String,
    #[sea_orm(column_type = "Text")]
    pub text_body: String,
    #[sea_orm(column_type = "Text")]
    pub html_body: String,
    /// The one-click unsubscribe address (RFC 8058), on alerts and notifications.
    #[sea_orm(column_type = "Text", nullable)]
    pub unsubscribe_url: Option<String>,
    pub message_id: String,
    pub status: MailStatus,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    /// A server is sending it until then; after, another may claim it.
    pub claimed_until: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
