//! The scheduled jobs: alerts, digests and review reminders, every
//! `--jobs-interval-seconds` in each server. Each unit of work is claimed
//! in the database by a conditional update in the transaction that writes
//! its email (`alerts`, `digest`, `case_studies::review`), so servers
//! sharing a database split the work, and a run that crashed is finished
//! by the next without sending anything twice.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

use super::site::Site;
use super::{alerts, digest};
use crate::error::AppResult;
use crate::search_sync::SearchService;

/// Sent, kept and dead emails are forgotten after this long.
pub const KEEP_SETTLED_MAIL_DAYS: i64 = 30;

/// What one round of the jobs did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Round {
    pub alerts: alerts::RunReport,
    pub digests: usize,
    pub reminders: usize,
}

/// Runs every job once, as of `now` (tests and the benchmark pass a later `now`).
pub async fn run_once(
    db: &DatabaseConnection,
    search: &SearchService,
    site: &Site,
    now: DateTime<Utc>,
) -> AppResult<Round> {
    // An index behind the database would miss news: wait for it (the next round).
    let alerts = if search.lag().await.unwrap_or(1) == 0 {
        alerts::run(db, search, site, now).await?
    } else {
        alerts::RunReport::default()
    };
    let digests = digest::send_due(db, site, now).await?;
    let reminders = crate::case_studies::workflow::review::remind_due(db, site, now.date_naive()).await?;
    crate::case_studies::workflow::follow_ups::requeue_stranded(db).await?;
    // Retention runs on the clock, whatever `now` a caller passes.
    super::mail::outbox::prune(db, Utc::now() - chrono::Duration::days(KEEP_SETTLED_MAIL_DAYS)).await?;
    Ok(Round { alerts, digests, reminders })
}

/// Runs the jobs every `interval` until the process ends.
pub fn start(
    db: DatabaseConnection,
    search: Arc<SearchService>,
    site: Site,
    interval: Duration,
    mail: crate::search_sync::changes::Doorbell,
) {
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(interval).await;
            match crate::db::uncounted(run_once(&db, &search, &site, Utc::now())).await {
                Ok(round) => {
                    if round != Round::default() {
                        tracing::info!(
                            alerts = round.alerts.alerts,
                            digests = round.digests,
                            reminders = round.reminders,
                            "jobs ran"
                        );
                        mail.ring();
                    }
                }
                Err(error) => tracing::warn!(error = %error, "a scheduled job failed; the next round retries"),
            }
        }
    });
}
