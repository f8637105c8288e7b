//! A published case study's pending revision: proposed by an edit, then
//! applied, returned to its authors or discarded. Readers see the live row
//! until a moderator approves.

use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, IntoActiveModel, Set};

use super::records::{apply_content, record_transition};
use crate::case_studies::{CaseStudyContent, RevisionState, Status};
use crate::entities::{case_study, case_study_revision};
use crate::error::AppResult;

/// Stores `content` as the pending revision (replacing any earlier one) and
/// queues the live case study for moderation.
pub(super) async fn propose(
    txn: &impl ConnectionTrait,
    live: case_study::Model,
    content: CaseStudyContent,
    member_id: &str,
) -> AppResult<case_study::Model> {
    let now = Utc::now();
    let new_version = live.version + 1;
    let revision = case_study_revision::ActiveModel {
        case_study_id: Set(live.id.clone()),
        version: Set(new_version),
        state: Set(RevisionState::Pending),
        content: Set(content),
        submitted_by: Set(member_id.to_owned()),
        submitted_at: Set(now),
    };
    case_study_revision::Entity::insert(revision)
        .on_conflict(
            OnConflict::column(case_study_revision::Column::CaseStudyId)
                .update_columns([
                    case_study_revision::Column::Version,
                    case_study_revision::Column::State,
                    case_study_revision::Column::Content,
                    case_study_revision::Column::SubmittedBy,
                    case_study_revision::Column::SubmittedAt,
                ])
                .to_owned(),
        )
        .exec(txn)
        .await?;
    let message = format!("revision {new_version} submitted for moderation");
    record_transition(txn, &live.id, Some(Status::Published), Status::Published, member_id, Some(message)).await?;
    let mut queued = live.into_active_model();
    queued.version = Set(new_version);
    queued.updated_at = Set(now);
    queued.queued_at = Set(Some(now));
    Ok(queued.update(txn).await?)
}

/// Approved: the revision's content becomes the live text.
pub(super) async fn apply(
    txn: &impl ConnectionTrait,
    live: &mut case_study::ActiveModel,
    revision: case_study_revision::Model,
) -> AppResult<()> {
    apply_content(live, revision.content.clone());
    discard(txn, revision).await
}

/// Changes requested: the revision waits for its authors, out of the queue.
pub(super) async fn return_to_authors(
    txn: &impl ConnectionTrait,
    revision: case_study_revision::Model,
) -> AppResult<()> {
    let mut returned = revision.into_active_model();
    returned.state = Set(RevisionState::ChangesRequested);
    returned.update(txn).await?;
    Ok(())
}

/// Rejected, withdrawn by its authors, or the case study withdrawn.
pub(super) async fn discard(txn: &impl ConnectionTrait, revision: case_study_revision::Model) -> AppResult<()> {
    case_study_revision::Entity::delete_by_id(revision.case_study_id).exec(txn).await?;
    Ok(())
}
