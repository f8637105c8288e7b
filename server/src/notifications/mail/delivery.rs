//! The delivery worker: claims due messages, sends them, and records what
//! happened. A claim is a conditional update (`claimed_until` in the
//! future), so several servers on one database never send a message at the
//! same time; a server that dies holding a claim loses it when it expires.
//! A transient failure is retried with exponential backoff; a permanent one,
//! or `max_attempts` transient ones, makes the message DEAD (admins see it).
//!
//! Delivery is at least once at the SMTP boundary: a crash between the
//! server's "250 OK" and recording SENT sends that message again at the next
//! claim (with the same Message-ID, so a mail client can tell). Nothing else
//! sends twice.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::transport::{SendError, Transport};
use crate::entities::mail_message::{self, Column};
use crate::entities::values::MailStatus;
use crate::error::AppResult;
use crate::search_sync::changes::Doorbell;

/// How delivery retries.
#[derive(Clone, Copy, Debug)]
pub struct RetryPolicy {
    pub max_attempts: i32,
    /// The first retry waits this long; each later one twice as long as the last.
    pub first_backoff: Duration,
    /// How long a claim lasts: longer than any send takes.
    pub lease: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { max_attempts: 8, first_backoff: Duration::from_secs(30), lease: Duration::from_secs(120) }
    }
}

impl RetryPolicy {
    fn backoff(&self, attempts: i32) -> Duration {
        let doublings = attempts.saturating_sub(1).clamp(0, 16) as u32;
        self.first_backoff.saturating_mul(2u32.saturating_pow(doublings)).min(Duration::from_secs(24 * 3600))
    }
}

pub struct Delivery {
    pub db: DatabaseConnection,
    pub transport: Arc<Transport>,
    pub retry: RetryPolicy,
}

/// At most this many messages per claim: sent one after another, each
/// within the transport's 20 s timeout, they all go well inside the lease.
const BATCH: u64 = 4;

impl Delivery {
    /// Runs until the process ends: after each doorbell (a transaction wrote
    /// mail) or every `poll` (other servers' mail, retries coming due).
    pub fn start(self, doorbell: Doorbell, poll: Duration) {
        tokio::spawn(async move {
            loop {
                match crate::db::uncounted(self.deliver_due()).await {
                    Ok(_) => {}
                    Err(error) => tracing::warn!(error = %error, "mail delivery failed; retrying"),
                }
                tokio::select! {
                    _ = doorbell.rung() => {}
                    _ = tokio::time::sleep(poll) => {}
                }
            }
        });
    }

    /// Sends everything due now; returns how many messages it settled.
    pub async fn deliver_due(&self) -> AppResult<usize> {
        let mut settled = 0;
        loop {
            let claimed = self.claim().await?;
            if claimed.is_empty() {
                return Ok(settled);
            }
            for message in claimed {
                self.settle(&message, self.transport.send(&message).await).await?;
                settled += 1;
            }
        }
    }

    /// Claims up to `BATCH` due messages: each by a conditional update that
    /// only one server can win.
    async fn claim(&self) -> AppResult<Vec<mail_message::Model>> {
        let now = Utc::now();
        let free = Condition::any().add(Column::ClaimedUntil.is_null()).add(Column::ClaimedUntil.lt(now));
        let due = mail_message::Entity::find()
            .filter(Column::Status.eq(MailStatus::Pending))
            .filter(Column::NextAttemptAt.lte(now))
            .filter(free.clone())
            .order_by_asc(Column::NextAttemptAt)
            .limit(BATCH)
            .all(&self.db)
            .await?;
        let until = now + chrono::Duration::from_std(self.retry.lease).unwrap_or_default();
        let mut claimed = Vec::new();
        for message in due {
            let won = mail_message::Entity::update_many()
                .col_expr(Column::ClaimedUntil, Expr::value(until))
                .col_expr(Column::Attempts, ExprTrait::add(Expr::col(Column::Attempts), 1))
                .filter(Column::Id.eq(&message.id))
                .filter(Column::Status.eq(MailStatus::Pending))
                .filter(free.clone())
                .exec(&self.db)
                .await?
                .rows_affected
                == 1;
            if won {
                claimed.push(mail_message::Model {
                    attempts: message.attempts + 1,
                    claimed_until: Some(until),
                    ..message
                });
            }
        }
        Ok(claimed)
    }

    async fn settle(&self, message: &mail_message::Model, sent: Result<(), SendError>) -> AppResult<()> {
        let now = Utc::now();
        // Only our own claim: one that expired meanwhile is another server's now.
        let update = mail_message::Entity::update_many()
            .col_expr(Column::ClaimedUntil, Expr::value(Option::<chrono::DateTime<Utc>>::None))
            .filter(Column::Id.eq(&message.id))
            .filter(Column::ClaimedUntil.eq(message.claimed_until));
        let update = match sent {
            Ok(()) => {
                let status = if self.transport.keeps_mail() { MailStatus::Kept } else { MailStatus::Sent };
                crate::operations::metrics::mail_settled(status.as_str());
                update.col_expr(Column::Status, Expr::value(status)).col_expr(Column::SentAt, Expr::value(now))
            }
            Err(error) => {
                let (text, permanent) = match error {
                    SendError::Transient(text) => (text, false),
                    SendError::Permanent(text) => (text, true),
                };
                let dead = permanent || message.attempts >= self.retry.max_attempts;
                tracing::warn!(message = %message.id, attempts = message.attempts, dead, error = %text, "an email was not sent");
                let update = update.col_expr(Column::LastError, Expr::value(text));
                if dead {
                    crate::operations::metrics::mail_settled(MailStatus::Dead.as_str());
                    update.col_expr(Column::Status, Expr::value(MailStatus::Dead))
                } else {
                    let next =
                        now + chrono::Duration::from_std(self.retry.backoff(message.attempts)).unwrap_or_default();
                    update.col_expr(Column::NextAttemptAt, Expr::value(next))
                }
            }
        };
        update.exec(&self.db).await?;
        Ok(())
    }
}
