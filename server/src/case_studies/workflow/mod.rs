//! The publishing workflow: create, edit, submit, moderate, withdraw (the
//! case study, or its pending revision). The states and which action starts
//! from which are `transitions`' table; who may act is `policy::check`.
//!
//! Each operation runs in one transaction through the `Outbox` (which tells
//! the search sync once it commits): it loads the case study, checks in this
//! order that the viewer may see it (else `NotFound`), may do this (else
//! `Forbidden`), that the version and status allow it (else `Conflict`),
//! then that the input is valid (else `BadUserInput`), and records the
//! transition. An edit to a PUBLISHED case study is stored as a pending
//! revision (`revision.rs`); the live text changes only when a moderator
//! approves.

pub mod follow_ups;
mod records;
pub mod review;
mod revision;

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, IntoActiveModel, Set};
use serde_json::json;

use super::content::ValidationContext;
use super::policy::{self, Workings};
use super::transitions::Action;
use super::{CaseStudyContent, CaseStudyInput, ModerationDecision, Status, slug};
use crate::audit::{self, AuditAction};
use crate::entities::{case_study, case_study_revision};
use crate::error::{AppError, AppResult};
use crate::i18n::Arg;
use crate::identity::Viewer;
use crate::notifications::Site;
use crate::notifications::events::{self, Decision, Queued};
use crate::search_sync::changes::Outbox;
use crate::taxonomy;
pub use records::{apply_content, editors, live_content};
use records::{record_editor, record_transition};

const MAX_MESSAGE_CHARS: usize = 5_000;

/// A new DRAFT for the viewer's council.
pub async fn create(outbox: &Outbox, viewer: &Viewer, input: CaseStudyInput) -> AppResult<case_study::Model> {
    let member = viewer.require_signed_in()?;
    let Some(council) = viewer.council().filter(|_| policy::can_create(viewer)) else {
        return Err(AppError::Forbidden("only active members of a council can create case studies"));
    };
    let member_id = member.member_id.clone();
    outbox
        .transaction(|txn| {
            Box::pin(async move {
                let owner = crate::authorities::find_by_id(txn, council).await?;
                if !owner.as_ref().is_some_and(crate::authorities::is_current) {
                    return Err(AppError::Forbidden(
                        "your council has been replaced: an admin moves you to the council that replaced it",
                    ));
                }
                let content = validate(txn, input, council, None).await?;
                let now = Utc::now();
                let mut model = case_study::ActiveModel {
                    id: Set(uuid::Uuid::new_v4().to_string()),
                    slug: Set(slug::unique_slug(txn, &content.title).await?),
                    authority_id: Set(council),
                    created_by: Set(member_id.clone()),
                    status: Set(Status::Draft),
                    version: Set(1),
                    created_at: Set(now),
                    updated_at: Set(now),
                    published_at: Set(None),
                    queued_at: Set(None),
                    ..Default::default()
                };
                apply_content(&mut model, content);
                let created = model.insert(txn).await?;
                record_editor(txn, &created.id, &member_id).await?;
                record_transition(txn, &created.id, None, Status::Draft, &member_id, None).await?;
                Ok(created)
            })
        })
        .await
}

/// Edits a case study at `expected_version`. DRAFT and CHANGES_REQUESTED
/// change in place (the latter back to DRAFT); PUBLISHED gets a pending
/// revision that enters the moderation queue.
pub async fn update(
    outbox: &Outbox,
    viewer: &Viewer,
    id: &str,
    expected_version: i32,
    input: CaseStudyInput,
) -> AppResult<case_study::Model> {
    let member_id = viewer.require_signed_in()?.member_id.clone();
    let viewer = viewer.clone();
    let id = id.to_owned();
    let site = outbox.site().cloned();
    outbox
        .transaction(|txn| {
            Box::pin(async move {
                let (current, workings) = load_for(txn, &viewer, &id).await?;
                policy::check(&viewer, Action::Edit, &current, &workings)?;
                if current.version != expected_version {
                    return Err(AppError::Conflict(format!(
                        "this case study is at version {}, not {expected_version}: reload it and edit again",
                        current.version
                    )));
                }
                let content = validate(txn, input, current.authority_id, Some(&current)).await?;
                record_editor(txn, &current.id, &member_id).await?;
                let by_role = policy::acts_by_role(&viewer, &current);
                let before = state_of(&current);
                let edited = if current.status == Status::Published {
                    let newly_queued = current.queued_at.is_none();
                    let proposed = revision::propose(txn, current, content, &member_id).await?;
                    // Moderators hear once that it waits, not of every edit of a waiting revision.
                    if let Some(site) = site.as_ref().filter(|_| newly_queued) {
                        events::queued(txn, site, &proposed, Queued::Revision).await?;
                    }
                    proposed
                } else {
                    edit_in_place(txn, current, content, &member_id).await?
                };
                if by_role {
                    let after = state_of(&edited);
                    audit::record(txn, Some(&member_id), AuditAction::CaseStudyEdit, &edited.id, before, after).await?;
                }
                Ok(edited)
            })
        })
        .await
}

/// An unpublished case study takes the new content. One sent back
/// (CHANGES_REQUESTED) is a DRAFT again; a WITHDRAWN or UNPUBLISHED one keeps
/// its status until its council submits it.
async fn edit_in_place(
    txn: &impl ConnectionTrait,
    current: case_study::Model,
    content: CaseStudyContent,
    member_id: &str,
) -> AppResult<case_study::Model> {
    let previous_status = current.status;
    let new_version = current.version + 1;
    let mut edited = current.into_active_model();
    apply_content(&mut edited, content);
    edited.version = Set(new_version);
    edited.updated_at = Set(Utc::now());
    if previous_status == Status::ChangesRequested {
        edited.status = Set(Status::Draft);
    }
    let edited = edited.update(txn).await?;
    if previous_status == Status::ChangesRequested {
        record_transition(txn, &edited.id, Some(previous_status), Status::Draft, member_id, None).await?;
    }
    Ok(edited)
}

pub async fn submit(outbox: &Outbox, viewer: &Viewer, id: &str) -> AppResult<case_study::Model> {
    transition(outbox, viewer, id, Action::Submit, |_, _| {
        Ok(Change::to(Status::Submitted).queued().telling(Notice::Queued(Queued::Submission)))
    })
    .await
}

pub async fn withdraw(outbox: &Outbox, viewer: &Viewer, id: &str) -> AppResult<case_study::Model> {
    transition(outbox, viewer, id, Action::Withdraw, |_, _| Ok(Change::to(Status::Withdrawn).dropping_revision())).await
}

/// The authors take back the pending revision of a published case study:
/// the live text stays as it is, and nothing waits for a moderator any more.
pub async fn withdraw_revision(outbox: &Outbox, viewer: &Viewer, id: &str) -> AppResult<case_study::Model> {
    transition(outbox, viewer, id, Action::WithdrawRevision, |current, revision| {
        let version = revision.map(|revision| revision.version).unwrap_or(current.version);
        Ok(Change::to(Status::Published)
            .with_message(format!("revision {version} withdrawn by its authors"))
            .dropping_revision())
    })
    .await
}

/// A moderator's decision on a submission, or on the pending revision of a
/// published case study.
pub async fn moderate(
    outbox: &Outbox,
    viewer: &Viewer,
    id: &str,
    decision: ModerationDecision,
    message: Option<String>,
) -> AppResult<case_study::Model> {
    let message = message.map(|message| message.trim().to_owned()).filter(|message| !message.is_empty());
    transition(outbox, viewer, id, Action::Moderate, move |current, revision| {
        if let Some(message) = &message
            && message.chars().count() > MAX_MESSAGE_CHARS
        {
            let max = Arg::Number(MAX_MESSAGE_CHARS as i64);
            return Err(AppError::bad_input_keyed("message", "rule-at-most-characters", vec![("max", max)]));
        }
        let require_message = |what: &str| {
            message.clone().ok_or_else(|| AppError::bad_input("message", format!("{what} needs a message")))
        };
        let published = current.status == Status::Published;
        let revision_waits = revision.is_some_and(|revision| revision.state == super::RevisionState::Pending);
        if published && !revision_waits {
            return decide_follow_up(decision, message.clone());
        }
        let deciding_revision = published;
        let audited_as = match decision {
            ModerationDecision::Approve => AuditAction::CaseStudyApprove,
            ModerationDecision::RequestChanges => AuditAction::CaseStudyRequestChanges,
            ModerationDecision::Reject => AuditAction::CaseStudyReject,
        };
        let change = match (decision, deciding_revision) {
            (ModerationDecision::Approve, false) => Change::to(Status::Published).publishing(),
            (ModerationDecision::RequestChanges, false) => {
                Change::to(Status::ChangesRequested).with_message(require_message("requesting changes")?)
            }
            (ModerationDecision::Reject, false) => {
                Change::to(Status::Rejected).with_message(require_message("rejecting")?)
            }
            (ModerationDecision::Approve, true) => Change::to(Status::Published).applying_revision(),
            (ModerationDecision::RequestChanges, true) => {
                Change::to(Status::Published).with_message(require_message("requesting changes")?).returning_revision()
            }
            (ModerationDecision::Reject, true) => {
                Change::to(Status::Published).with_message(require_message("rejecting")?).dropping_revision()
            }
        };
        let told = match (decision, deciding_revision) {
            (ModerationDecision::Approve, false) => Decision::Published,
            (ModerationDecision::Approve, true) => Decision::RevisionApproved,
            (ModerationDecision::RequestChanges, _) => Decision::ChangesRequested,
            (ModerationDecision::Reject, _) => Decision::Rejected,
        };
        Ok(change.with_default_message(message.clone()).audited_as(audited_as).telling(Notice::Decided(told)))
    })
    .await
}

/// A moderator's decision on the oldest pending follow-up (nothing else waits).
fn decide_follow_up(decision: ModerationDecision, message: Option<String>) -> AppResult<Change> {
    let (audited_as, told, text) = match decision {
        ModerationDecision::Approve => {
            (AuditAction::CaseStudyApprove, Decision::FollowUpPublished, "follow-up published")
        }
        ModerationDecision::RequestChanges => {
            (AuditAction::CaseStudyRequestChanges, Decision::FollowUpReturned, "follow-up returned to its authors")
        }
        ModerationDecision::Reject => (AuditAction::CaseStudyReject, Decision::FollowUpRejected, "follow-up rejected"),
    };
    if decision != ModerationDecision::Approve && message.is_none() {
        return Err(AppError::bad_input("message", "deciding against a follow-up needs a message"));
    }
    let mut change = Change::to(Status::Published).audited_as(audited_as).telling(Notice::Decided(told));
    change.follow_up = Some(decision);
    change.follow_up_message = message.clone();
    Ok(change.with_message(message.map_or(text.to_owned(), |message| format!("{text}: {message}"))))
}

/// A takedown on an upheld report, inside the report's transaction: the
/// case study is UNPUBLISHED with the moderator's reason, which its council
/// reads; a pending revision is dropped with it. Checked like every action
/// (`Action::Unpublish`: a moderator, not on their own work, of a published one).
pub async fn unpublish_in(
    txn: &DatabaseTransaction,
    site: Option<&Site>,
    viewer: &Viewer,
    id: &str,
    reason: String,
) -> AppResult<case_study::Model> {
    transition_in(txn, site, viewer, id, Action::Unpublish, move |_, _| {
        Ok(Change::to(Status::Unpublished)
            .with_message(reason.clone())
            .unpublishing(reason)
            .dropping_revision()
            .audited_as(AuditAction::CaseStudyUnpublish)
            .telling(Notice::Decided(Decision::Unpublished)))
    })
    .await
}

/// Who hears of a transition (`notifications::events`).
#[derive(Clone, Copy)]
enum Notice {
    Queued(Queued),
    Decided(Decision),
}

/// What a transition does besides changing the status.
struct Change {
    to: Status,
    message: Option<String>,
    queued: bool,
    publishing: bool,
    /// The takedown's reason, for UNPUBLISHED.
    unpublished_reason: Option<String>,
    revision: RevisionEffect,
    /// How the audit trail names it, when it goes there.
    audit: Option<AuditAction>,
    notice: Option<Notice>,
    /// A decision on the oldest pending follow-up, and the moderator's message.
    follow_up: Option<ModerationDecision>,
    follow_up_message: Option<String>,
}

#[derive(Default, PartialEq, Eq)]
enum RevisionEffect {
    #[default]
    Keep,
    Apply,
    ReturnToAuthors,
    Drop,
}

impl Change {
    fn to(status: Status) -> Self {
        Change {
            to: status,
            message: None,
            queued: false,
            publishing: false,
            unpublished_reason: None,
            revision: RevisionEffect::Keep,
            audit: None,
            notice: None,
            follow_up: None,
            follow_up_message: None,
        }
    }
    fn telling(mut self, notice: Notice) -> Self {
        self.notice = Some(notice);
        self
    }
    fn unpublishing(mut self, reason: String) -> Self {
        self.unpublished_reason = Some(reason);
        self
    }
    fn audited_as(mut self, action: AuditAction) -> Self {
        self.audit = Some(action);
        self
    }
    fn queued(mut self) -> Self {
        self.queued = true;
        self
    }
    fn publishing(mut self) -> Self {
        self.publishing = true;
        self
    }
    fn with_message(mut self, message: String) -> Self {
        self.message = Some(message);
        self
    }
    fn with_default_message(mut self, message: Option<String>) -> Self {
        if self.message.is_none() {
            self.message = message;
        }
        self
    }
    fn applying_revision(mut self) -> Self {
        self.revision = RevisionEffect::Apply;
        self
    }
    fn returning_revision(mut self) -> Self {
        self.revision = RevisionEffect::ReturnToAuthors;
        self
    }
    fn dropping_revision(mut self) -> Self {
        self.revision = RevisionEffect::Drop;
        self
    }
}

/// `transition_in`, in a transaction of its own.
async fn transition<F>(
    outbox: &Outbox,
    viewer: &Viewer,
    id: &str,
    action: Action,
    change: F,
) -> AppResult<case_study::Model>
where
    F: FnOnce(&case_study::Model, Option<&case_study_revision::Model>) -> AppResult<Change> + Send + 'static,
{
    let viewer = viewer.clone();
    let id = id.to_owned();
    let site = outbox.site().cloned();
    outbox
        .transaction(|txn| {
            Box::pin(async move { transition_in(txn, site.as_ref(), &viewer, &id, action, change).await })
        })
        .await
}

/// Loads, checks `action` with `policy::check`, asks `change` what it does,
/// and applies it with its history record (and its audit entry, for a
/// decision or for a moderator or admin acting on another council's work).
async fn transition_in<F>(
    txn: &DatabaseTransaction,
    site: Option<&Site>,
    viewer: &Viewer,
    id: &str,
    action: Action,
    change: F,
) -> AppResult<case_study::Model>
where
    F: FnOnce(&case_study::Model, Option<&case_study_revision::Model>) -> AppResult<Change>,
{
    let member_id = viewer.require_signed_in()?.member_id.clone();
    let current = load_visible(txn, viewer, id).await?;
    let (workings, revision) = workings(txn, &current.id).await?;
    policy::check(viewer, action, &current, &workings)?;
    let mut change = change(&current, revision.as_ref())?;
    if change.audit.is_none() && policy::acts_by_role(viewer, &current) {
        change.audit = match action {
            Action::Submit => Some(AuditAction::CaseStudySubmit),
            Action::Withdraw => Some(AuditAction::CaseStudyWithdraw),
            Action::WithdrawRevision => Some(AuditAction::CaseStudyWithdrawRevision),
            Action::Edit | Action::Moderate | Action::Unpublish => None,
        };
    }
    let audit = change.audit;
    let notice = change.notice;
    let told_message = change.follow_up_message.clone().or_else(|| change.message.clone());
    let revision_version = revision.as_ref().map(|revision| revision.version);
    let before = state_of(&current);
    let changed = apply(txn, current, revision, change, &member_id).await?;
    if let Some(action) = audit {
        let mut after = state_of(&changed);
        if let (Some(after), Some(version)) = (after.as_mut(), revision_version) {
            after["revision"] = json!(version);
        }
        audit::record(txn, Some(&member_id), action, &changed.id, before, after).await?;
    }
    if let (Some(site), Some(notice)) = (site, notice) {
        match notice {
            Notice::Queued(what) => events::queued(txn, site, &changed, what).await?,
            Notice::Decided(decision) => {
                let message = told_message.as_deref().filter(|_| decision_has_message(decision));
                events::decided(txn, site, &changed, decision, message).await?
            }
        }
    }
    Ok(changed)
}

/// Whether the council is sent the moderator's words with a decision (an
/// approval's message is only the history's "revision 3 approved").
fn decision_has_message(decision: Decision) -> bool {
    !matches!(decision, Decision::Published | Decision::RevisionApproved)
}

/// What the audit trail keeps of a case study before and after an action.
fn state_of(case_study: &case_study::Model) -> Option<serde_json::Value> {
    Some(json!({
        "status": case_study.status.as_str(),
        "version": case_study.version,
        "unpublishedReason": case_study.unpublished_reason,
    }))
}

async fn apply(
    txn: &impl ConnectionTrait,
    current: case_study::Model,
    revision: Option<case_study_revision::Model>,
    change: Change,
    member_id: &str,
) -> AppResult<case_study::Model> {
    let now = Utc::now();
    let from = current.status;
    let first_publication = current.published_at.is_none();
    let was_queued_at = current.queued_at;
    let case_study_id = current.id.clone();
    // A first publication, or one again after the review date passed, is due a year on.
    let needs_review_date = current.review_by.is_none_or(|date| date < now.date_naive());
    let live_version = current.version;
    let mut next = current.into_active_model();
    next.status = Set(change.to);
    next.updated_at = Set(now);
    next.queued_at = Set(change.queued.then_some(now));
    if change.publishing {
        next.news_at = Set(Some(now));
        if first_publication {
            next.published_at = Set(Some(now));
        }
        if needs_review_date {
            next.review_by = Set(Some(review::default_review_by(now.date_naive())));
        }
    }
    let mut revision_waits = false;
    if let Some(decision) = change.follow_up {
        let follow_up = follow_ups::pending(txn, &case_study_id)
            .await?
            .ok_or_else(|| AppError::Conflict("this case study has nothing waiting for a decision".into()))?;
        let changes_outcome = follow_up.outcome.is_some() && decision == ModerationDecision::Approve;
        follow_ups::decide(txn, &mut next, follow_up, decision, member_id, change.follow_up_message.clone()).await?;
        if changes_outcome {
            // A form still open on the old outcome must not write it back unseen.
            next.version = Set(live_version + 1);
        }
    }
    if change.publishing || change.unpublished_reason.is_some() {
        next.unpublished_reason = Set(change.unpublished_reason);
    }
    let mut message = change.message;
    if let Some(revision) = revision {
        match change.revision {
            RevisionEffect::Keep => revision_waits = revision.state == super::RevisionState::Pending,
            RevisionEffect::Apply => {
                message.get_or_insert_with(|| format!("revision {} approved", revision.version));
                next.news_at = Set(Some(now));
                next.version = Set(revision.version);
                revision::apply(txn, &mut next, revision).await?;
            }
            RevisionEffect::ReturnToAuthors => revision::return_to_authors(txn, revision).await?,
            RevisionEffect::Drop => {
                // A form still open on the dropped revision must not propose it again unseen.
                next.version = Set(revision.version + 1);
                revision::discard(txn, revision).await?
            }
        }
    }
    // A published case study stays in the queue while anything else waits (a revision, a follow-up).
    if change.to == Status::Published && !change.queued {
        let follow_up_waits = follow_ups::pending(txn, &case_study_id).await?.is_some();
        if revision_waits || follow_up_waits {
            next.queued_at = Set(Some(was_queued_at.unwrap_or(now)));
        }
    }
    let updated = next.update(txn).await?;
    record_transition(txn, &updated.id, Some(from), change.to, member_id, message).await?;
    Ok(updated)
}

/// The case study if the viewer may read it; `NotFound` otherwise, whether
/// it is missing or hidden.
pub async fn load_visible(db: &impl ConnectionTrait, viewer: &Viewer, id: &str) -> AppResult<case_study::Model> {
    case_study::Entity::find_by_id(id.to_owned())
        .one(db)
        .await?
        .filter(|case_study| policy::can_read(viewer, case_study))
        .ok_or(AppError::NotFound)
}

/// `load_visible` with what the policy needs to decide on an action.
async fn load_for(db: &impl ConnectionTrait, viewer: &Viewer, id: &str) -> AppResult<(case_study::Model, Workings)> {
    let current = load_visible(db, viewer, id).await?;
    let (workings, _) = workings(db, &current.id).await?;
    Ok((current, workings))
}

/// A published case study its council keeps up to date (a follow-up, a
/// review): the viewer may edit it (`policy::check(Edit)`), and it is
/// PUBLISHED, else CONFLICT saying `only_published`.
async fn load_published_to_keep(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: &str,
    only_published: &str,
) -> AppResult<case_study::Model> {
    let (current, workings) = load_for(db, viewer, id).await?;
    policy::check(viewer, Action::Edit, &current, &workings)?;
    if current.status != Status::Published {
        return Err(AppError::Conflict(only_published.to_owned()));
    }
    Ok(current)
}

/// What `policy::check` and `policy::actions` need of a case study beyond
/// its row (its editors, its revision's state), and the revision itself, for
/// those who show or apply it: two queries, whoever asks.
pub async fn workings(
    db: &impl ConnectionTrait,
    case_study_id: &str,
) -> AppResult<(Workings, Option<case_study_revision::Model>)> {
    let revision = case_study_revision::Entity::find_by_id(case_study_id.to_owned()).one(db).await?;
    let workings = Workings {
        editors: editors(db, case_study_id).await?,
        revision: revision.as_ref().map(|revision| revision.state),
    };
    Ok((workings, revision))
}

/// `input` checked against the rules. `current` is the case study as it is
/// (for an edit): it may keep terms retired and collaborating councils
/// replaced since; anything new must be offered and current.
async fn validate(
    db: &impl ConnectionTrait,
    input: CaseStudyInput,
    owning_authority_id: i32,
    current: Option<&case_study::Model>,
) -> AppResult<CaseStudyContent> {
    let kept_terms: Vec<String> =
        current.map(|row| row.service_areas.0.iter().chain(&row.technologies.0).cloned().collect()).unwrap_or_default();
    let kept_collaborators: &[i32] = current.map_or(&[], |row| &row.collaborators.0);
    let taxonomy = taxonomy::load(db).await?.offered_keeping(&kept_terms);
    let slugs: Vec<String> = input.collaborators.iter().map(|slug| slug.trim().to_owned()).collect();
    let known_collaborators: HashMap<String, i32> = crate::authorities::find_by_slugs(db, &slugs)
        .await?
        .into_iter()
        .filter(|council| crate::authorities::is_current(council) || kept_collaborators.contains(&council.id))
        .map(|authority| (authority.slug, authority.id))
        .collect();
    let context =
        ValidationContext { taxonomy: &taxonomy, known_collaborators: &known_collaborators, owning_authority_id };
    input.validate(&context).map_err(AppError::BadUserInput)
}

/// The revisions of several case studies, in one query (the API's loader).
pub async fn revisions_of(
    db: &impl ConnectionTrait,
    case_study_ids: &[String],
) -> AppResult<Vec<case_study_revision::Model>> {
    use sea_orm::{ColumnTrait, QueryFilter};
    Ok(case_study_revision::Entity::find()
        .filter(case_study_revision::Column::CaseStudyId.is_in(case_study_ids.iter().cloned()))
        .all(db)
        .await?)
}
