//! The mail outbox: an email is a row written in the transaction of the
//! event it tells of, so a crash never loses one and a rolled-back event
//! never sends one. The delivery worker (`delivery.rs`) claims, sends and
//! retries rows; this module writes them and answers how deep the queue is.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};

use crate::entities::mail_message;
use crate::entities::values::MailStatus;
use crate::error::AppResult;

/// An email to write to the outbox. Links in it are absolute already.
#[derive(Clone, Debug)]
pub struct Email {
    pub member_id: Option<String>,
    pub recipient: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// The one-click unsubscribe address, on alerts and notifications.
    pub unsubscribe_url: Option<String>,
}

/// Writes `email` to the outbox, in the caller's transaction.
pub async fn enqueue(db: &impl ConnectionTrait, email: Email, message_domain: &str) -> AppResult<()> {
    let id = uuid::Uuid::new_v4().to_string();
    let now = Utc::now();
    mail_message::ActiveModel {
        message_id: Set(format!("<{id}@{message_domain}>")),
        id: Set(id),
        member_id: Set(email.member_id),
        recipient: Set(email.recipient),
        subject: Set(email.subject),
        text_body: Set(email.text),
        html_body: Set(email.html),
        unsubscribe_url: Set(email.unsubscribe_url),
        status: Set(MailStatus::Pending),
        attempts: Set(0),
        next_attempt_at: Set(now),
        claimed_until: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// How many emails wait to be sent, and since when the oldest has waited.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Depth {
    pub waiting: u64,
    pub oldest: Option<DateTime<Utc>>,
    /// Given up on after every retry: for an admin to look at.
    pub dead: u64,
}

pub async fn depth(db: &impl ConnectionTrait) -> AppResult<Depth> {
    let waiting =
        mail_message::Entity::find().filter(mail_message::Column::Status.eq(MailStatus::Pending)).count(db).await?;
    let oldest = mail_message::Entity::find()
        .filter(mail_message::Column::Status.eq(MailStatus::Pending))
        .order_by_asc(mail_message::Column::CreatedAt)
        .one(db)
        .await?
        .map(|message| message.created_at);
    let dead = mail_message::Entity::find().filter(mail_message::Column::Status.eq(MailStatus::Dead)).count(db).await?;
    Ok(Depth { waiting, oldest, dead })
}

/// The messages in one state, newest first (the development mailbox; admins' dead letters).
pub async fn in_state(
    db: &impl ConnectionTrait,
    status: MailStatus,
    limit: u64,
) -> AppResult<Vec<mail_message::Model>> {
    use sea_orm::QuerySelect;
    Ok(mail_message::Entity::find()
        .filter(mail_message::Column::Status.eq(status))
        .order_by_desc(mail_message::Column::CreatedAt)
        .limit(limit)
        .all(db)
        .await?)
}

/// The emails given up on, newest first: admins only (they hold members' addresses).
pub async fn dead_letters(
    db: &impl ConnectionTrait,
    viewer: &crate::identity::Viewer,
    limit: u64,
) -> AppResult<Vec<mail_message::Model>> {
    viewer.require_signed_in()?;
    if !viewer.is_admin() {
        return Err(crate::error::AppError::Forbidden("only admins can see undelivered email"));
    }
    in_state(db, MailStatus::Dead, limit).await
}

/// A message by id, in any state.
pub async fn find(db: &impl ConnectionTrait, id: &str) -> AppResult<Option<mail_message::Model>> {
    Ok(mail_message::Entity::find_by_id(id.to_owned()).one(db).await?)
}

/// Forgets messages settled (sent, kept or given up on) before `before`:
/// the outbox is a queue, not an archive of people's mail.
pub async fn prune(db: &impl ConnectionTrait, before: DateTime<Utc>) -> AppResult<u64> {
    let mail = mail_message::Entity::delete_many()
        .filter(mail_message::Column::Status.is_in([MailStatus::Sent, MailStatus::Kept, MailStatus::Dead]))
        .filter(mail_message::Column::CreatedAt.lt(before))
        .exec(db)
        .await?
        .rows_affected;
    let digested = crate::entities::notification::Entity::delete_many()
        .filter(crate::entities::notification::Column::DigestedAt.lt(before))
        .exec(db)
        .await?
        .rows_affected;
    Ok(mail + digested)
}

/// What waits for a member who is erased goes with them.
pub async fn forget_member(db: &impl ConnectionTrait, member_id: &str) -> AppResult<()> {
    mail_message::Entity::delete_many().filter(mail_message::Column::MemberId.eq(member_id)).exec(db).await?;
    Ok(())
}
