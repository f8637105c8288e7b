//! Follow-ups: the owning council's dated news of a published case study
//! ("one year on: the supplier went into administration"), moderated like a
//! revision. Added, it queues the case study for moderation; the moderator's
//! decision (`moderateCaseStudy`, when no revision waits) publishes it,
//! returns it or rejects it. A published follow-up may change the outcome:
//! the follow-up keeps the outcome before it, so both stay, with dates.

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, Set,
};

use super::load_published_to_keep;
use super::records::{record_editor, record_transition};
use crate::case_studies::policy;
use crate::case_studies::{ModerationDecision, Outcome, Status};
use crate::entities::values::FollowUpState;
use crate::entities::{case_study, follow_up};
use crate::error::{AppError, AppResult};
use crate::i18n::Arg;
use crate::identity::Viewer;
use crate::notifications::events::{self, Queued};
use crate::search_sync::changes::Outbox;

pub const MAX_BODY_CHARS: usize = 20_000;

/// A follow-up as its council writes it.
#[derive(Clone, Debug)]
pub struct FollowUpInput {
    /// `YYYY-MM-DD`.
    pub written_on: String,
    pub body: String,
    pub outcome: Option<Outcome>,
}

/// Adds a follow-up to a published case study: the owning council (who may
/// edit it), then it waits for a moderator.
pub async fn add(outbox: &Outbox, viewer: &Viewer, id: &str, input: FollowUpInput) -> AppResult<follow_up::Model> {
    let member_id = viewer.require_signed_in()?.member_id.clone();
    let viewer = viewer.clone();
    let id = id.to_owned();
    let site = outbox.site().cloned();
    outbox
        .transaction(|txn| {
            Box::pin(async move {
                let current =
                    load_published_to_keep(txn, &viewer, &id, "only a published case study takes follow-ups").await?;
                let body = input.body.trim().to_owned();
                if body.is_empty() {
                    return Err(AppError::bad_input("body", "a follow-up needs some text"));
                }
                if body.contains('\0') {
                    return Err(AppError::bad_input("body", "cannot contain a NUL character"));
                }
                if body.chars().count() > MAX_BODY_CHARS {
                    let max = Arg::Number(MAX_BODY_CHARS as i64);
                    return Err(AppError::bad_input_keyed("body", "rule-at-most-characters", vec![("max", max)]));
                }
                let written_on = NaiveDate::parse_from_str(input.written_on.trim(), "%Y-%m-%d")
                    .map_err(|_| AppError::bad_input("writtenOn", "a date, as YYYY-MM-DD"))?;
                if written_on > Utc::now().date_naive() {
                    return Err(AppError::bad_input("writtenOn", "cannot be in the future"));
                }
                if written_on < current.started_on {
                    return Err(AppError::bad_input("writtenOn", "cannot be before the project started"));
                }
                let now = Utc::now();
                let created = follow_up::ActiveModel {
                    id: Set(uuid::Uuid::new_v4().to_string()),
                    case_study_id: Set(current.id.clone()),
                    written_on: Set(written_on),
                    body: Set(body),
                    outcome: Set(input.outcome.filter(|outcome| *outcome != current.outcome)),
                    previous_outcome: Set(current.outcome),
                    state: Set(FollowUpState::Pending),
                    submitted_by: Set(member_id.clone()),
                    submitted_at: Set(now),
                    decided_by: Set(None),
                    decided_at: Set(None),
                    message: Set(None),
                }
                .insert(txn)
                .await?;
                record_editor(txn, &current.id, &member_id).await?;
                let message = format!("follow-up of {written_on} submitted for moderation");
                record_transition(
                    txn,
                    &current.id,
                    Some(Status::Published),
                    Status::Published,
                    &member_id,
                    Some(message),
                )
                .await?;
                let newly_queued = current.queued_at.is_none();
                let waiting_since = current.queued_at.unwrap_or(now);
                let mut queued = current.into_active_model();
                // Written even when it was queued already, so the row is updated (and locked).
                queued.queued_at = Set(Some(waiting_since));
                queued.updated_at = Set(now);
                let queued = queued.update(txn).await?;
                // Moderators hear once that it waits, not of every follow-up in the queue.
                if let Some(site) = site.as_ref().filter(|_| newly_queued) {
                    events::queued(txn, site, &queued, Queued::FollowUp).await?;
                }
                Ok(created)
            })
        })
        .await
}

/// The oldest follow-up waiting for a moderator.
pub async fn pending(db: &impl ConnectionTrait, case_study_id: &str) -> AppResult<Option<follow_up::Model>> {
    Ok(follow_up::Entity::find()
        .filter(follow_up::Column::CaseStudyId.eq(case_study_id))
        .filter(follow_up::Column::State.eq(FollowUpState::Pending))
        .order_by_asc(follow_up::Column::SubmittedAt)
        .one(db)
        .await?)
}

/// Decides on the oldest pending follow-up, changing the live row it goes
/// with (`next`): on APPROVE, its outcome, version and news time.
pub(super) async fn decide(
    txn: &impl ConnectionTrait,
    next: &mut case_study::ActiveModel,
    follow_up: follow_up::Model,
    decision: ModerationDecision,
    member_id: &str,
    message: Option<String>,
) -> AppResult<()> {
    use sea_orm::sea_query::Expr;
    let now = Utc::now();
    let outcome = follow_up.outcome;
    let state = match decision {
        ModerationDecision::Approve => FollowUpState::Published,
        ModerationDecision::RequestChanges => FollowUpState::ChangesRequested,
        ModerationDecision::Reject => FollowUpState::Rejected,
    };
    // Only while it still waits: of two moderators deciding at once, one decides, the other is told.
    let decided = follow_up::Entity::update_many()
        .col_expr(follow_up::Column::State, Expr::value(state))
        .col_expr(follow_up::Column::DecidedBy, Expr::value(member_id.to_owned()))
        .col_expr(follow_up::Column::DecidedAt, Expr::value(now))
        .col_expr(follow_up::Column::Message, Expr::value(message))
        .filter(follow_up::Column::Id.eq(&follow_up.id))
        .filter(follow_up::Column::State.eq(FollowUpState::Pending))
        .exec(txn)
        .await?;
    if decided.rows_affected != 1 {
        return Err(AppError::Conflict("this follow-up was decided meanwhile: reload it".into()));
    }
    if decision == ModerationDecision::Approve {
        if let Some(outcome) = outcome {
            next.outcome = Set(outcome);
        }
        next.news_at = Set(Some(now));
    }
    Ok(())
}

/// A case study's follow-ups as the viewer may see them, in date order:
/// published ones for every reader; waiting and returned ones too for its
/// council and moderators.
pub async fn of_case_studies(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    case_studies: &[case_study::Model],
) -> AppResult<Vec<follow_up::Model>> {
    let ids: Vec<String> = case_studies.iter().map(|row| row.id.clone()).collect();
    let mut all = all_of(db, &ids).await?;
    Ok(case_studies
        .iter()
        .flat_map(|case_study| visible(viewer, case_study, all.remove(&case_study.id).unwrap_or_default()))
        .collect())
}

/// Every follow-up of these case studies, by case study, in date order (the API's loader).
pub async fn all_of(
    db: &impl ConnectionTrait,
    ids: &[String],
) -> AppResult<std::collections::HashMap<String, Vec<follow_up::Model>>> {
    let rows = follow_up::Entity::find()
        .filter(follow_up::Column::CaseStudyId.is_in(ids.iter().cloned()))
        .order_by_asc(follow_up::Column::WrittenOn)
        .order_by_asc(follow_up::Column::SubmittedAt)
        .all(db)
        .await?;
    let mut by_case_study: std::collections::HashMap<String, Vec<follow_up::Model>> =
        ids.iter().map(|id| (id.clone(), Vec::new())).collect();
    for row in rows {
        by_case_study.entry(row.case_study_id.clone()).or_default().push(row);
    }
    Ok(by_case_study)
}

/// The follow-ups of one case study this viewer may see (the one rule).
pub fn visible(viewer: &Viewer, case_study: &case_study::Model, rows: Vec<follow_up::Model>) -> Vec<follow_up::Model> {
    let sees_workings = policy::can_see_workings(viewer, case_study);
    rows.into_iter().filter(|row| row.state == FollowUpState::Published || sees_workings).collect()
}

/// Published case studies with a follow-up waiting but out of the queue
/// (two transactions crossing on PostgreSQL can leave one so) go back to it.
/// Run with the scheduled jobs.
pub async fn requeue_stranded(db: &impl ConnectionTrait) -> AppResult<u64> {
    use sea_orm::sea_query::{Expr, Query};
    let waiting = Query::select()
        .column(follow_up::Column::CaseStudyId)
        .from(follow_up::Entity)
        .and_where(follow_up::Column::State.eq(FollowUpState::Pending))
        .to_owned();
    Ok(case_study::Entity::update_many()
        .col_expr(case_study::Column::QueuedAt, Expr::value(Utc::now()))
        .filter(case_study::Column::Status.eq(Status::Published))
        .filter(case_study::Column::QueuedAt.is_null())
        .filter(case_study::Column::Id.in_subquery(waiting))
        .exec(db)
        .await?
        .rows_affected)
}

/// Published follow-ups of these case studies (the search documents), in date order.
pub async fn published_of(db: &impl ConnectionTrait, ids: &[String]) -> AppResult<Vec<follow_up::Model>> {
    Ok(follow_up::Entity::find()
        .filter(follow_up::Column::CaseStudyId.is_in(ids.iter().cloned()))
        .filter(follow_up::Column::State.eq(FollowUpState::Published))
        .order_by_asc(follow_up::Column::WrittenOn)
        .all(db)
        .await?)
}
