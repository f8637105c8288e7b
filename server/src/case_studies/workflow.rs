//! The publishing workflow: create, edit, submit, moderate, withdraw.
//!
//! ```text
//! DRAFT ─submit─▶ SUBMITTED ─approve─▶ PUBLISHED ─withdraw─▶ WITHDRAWN
//!   ▲                │   │
//!   └─edit◀─ CHANGES_REQUESTED ◀─request changes
//!                    └─reject─▶ REJECTED
//! ```
//!
//! Each operation runs in one transaction: it loads the case study, checks
//! in this order that the viewer may see it (else `NotFound`), may do this
//! (else `Forbidden`), that the version and status allow it (else
//! `Conflict`), then that the input is valid (else `BadUserInput`), and
//! records the transition. An edit to a PUBLISHED case study is stored as a
//! pending revision; the live text changes only when a moderator approves.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter, Set,
    TransactionTrait,
};

use super::content::ValidationContext;
use super::{CaseStudyContent, CaseStudyInput, ModerationDecision, RevisionState, Status, policy, slug};
use crate::entities::json::{IdList, LinkList, StringList};
use crate::entities::{case_study, case_study_editor, case_study_revision, case_study_transition};
use crate::error::{AppError, AppResult};
use crate::identity::Viewer;
use crate::taxonomy;

const MAX_MESSAGE_CHARS: usize = 5_000;

/// A new DRAFT for the viewer's council.
pub async fn create(db: &DatabaseConnection, viewer: &Viewer, input: CaseStudyInput) -> AppResult<case_study::Model> {
    let member = viewer.require_signed_in()?;
    let Some(council) = viewer.council() else {
        return Err(AppError::Forbidden("only active members of a council can create case studies"));
    };
    let member_id = member.member_id.clone();
    db.transaction::<_, _, AppError>(|txn| {
        Box::pin(async move {
            let content = validate(txn, input, council).await?;
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
    .map_err(AppError::from)
}

/// Edits a case study at `expected_version`. DRAFT and CHANGES_REQUESTED
/// change in place (the latter back to DRAFT); PUBLISHED gets a pending
/// revision that enters the moderation queue.
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: &str,
    expected_version: i32,
    input: CaseStudyInput,
) -> AppResult<case_study::Model> {
    let member_id = viewer.require_signed_in()?.member_id.clone();
    let viewer = viewer.clone();
    let id = id.to_owned();
    db.transaction::<_, _, AppError>(|txn| {
        Box::pin(async move {
            let current = load_visible(txn, &viewer, &id).await?;
            if !policy::can_edit(&viewer, &current) {
                return Err(AppError::Forbidden("only the owning council can edit this case study"));
            }
            if current.version != expected_version {
                return Err(AppError::Conflict(format!(
                    "this case study is at version {}, not {expected_version}: reload it and edit again",
                    current.version
                )));
            }
            if !matches!(current.status, Status::Draft | Status::ChangesRequested | Status::Published) {
                return Err(AppError::Conflict(format!("a {} case study cannot be edited", current.status.as_str())));
            }
            let content = validate(txn, input, current.authority_id).await?;
            let now = Utc::now();
            let new_version = current.version + 1;
            record_editor(txn, &current.id, &member_id).await?;

            if current.status == Status::Published {
                let revision = case_study_revision::ActiveModel {
                    case_study_id: Set(current.id.clone()),
                    version: Set(new_version),
                    state: Set(RevisionState::Pending),
                    content: Set(content),
                    submitted_by: Set(member_id.clone()),
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
                record_transition(
                    txn,
                    &current.id,
                    Some(Status::Published),
                    Status::Published,
                    &member_id,
                    Some(format!("revision {new_version} submitted for moderation")),
                )
                .await?;
                let mut live = current.into_active_model();
                live.version = Set(new_version);
                live.updated_at = Set(now);
                live.queued_at = Set(Some(now));
                return Ok(live.update(txn).await?);
            }

            let previous_status = current.status;
            let mut edited = current.into_active_model();
            apply_content(&mut edited, content);
            edited.version = Set(new_version);
            edited.updated_at = Set(now);
            edited.status = Set(Status::Draft);
            let edited = edited.update(txn).await?;
            if previous_status == Status::ChangesRequested {
                record_transition(txn, &edited.id, Some(previous_status), Status::Draft, &member_id, None).await?;
            }
            Ok(edited)
        })
    })
    .await
    .map_err(AppError::from)
}

pub async fn submit(db: &DatabaseConnection, viewer: &Viewer, id: &str) -> AppResult<case_study::Model> {
    transition(db, viewer, id, |viewer, current, _| {
        if !policy::can_edit(viewer, current) {
            return Err(AppError::Forbidden("only the owning council can submit this case study"));
        }
        match current.status {
            Status::Draft | Status::ChangesRequested => Ok(Change::to(Status::Submitted).queued()),
            other => Err(AppError::Conflict(format!("a {} case study cannot be submitted", other.as_str()))),
        }
    })
    .await
}

pub async fn withdraw(db: &DatabaseConnection, viewer: &Viewer, id: &str) -> AppResult<case_study::Model> {
    transition(db, viewer, id, |viewer, current, _| {
        if !policy::can_withdraw(viewer, current) {
            return Err(AppError::Forbidden("only the owning council or a moderator can withdraw this case study"));
        }
        match current.status {
            Status::Published => Ok(Change::to(Status::Withdrawn).dropping_revision()),
            other => Err(AppError::Conflict(format!("a {} case study cannot be withdrawn", other.as_str()))),
        }
    })
    .await
}

/// A moderator's decision on a submission, or on the pending revision of a
/// published case study.
pub async fn moderate(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: &str,
    decision: ModerationDecision,
    message: Option<String>,
) -> AppResult<case_study::Model> {
    let message = message.map(|message| message.trim().to_owned()).filter(|message| !message.is_empty());
    transition(db, viewer, id, move |viewer, current, context| {
        if !viewer.is_moderator() {
            return Err(AppError::Forbidden("only moderators can moderate"));
        }
        if !policy::can_moderate(viewer, &context.editors) {
            return Err(AppError::Forbidden("a moderator cannot decide on a case study they wrote or edited"));
        }
        let pending_revision = context.revision.as_ref().filter(|revision| revision.state == RevisionState::Pending);
        let deciding_revision = current.status == Status::Published && pending_revision.is_some();
        if current.status != Status::Submitted && !deciding_revision {
            return Err(AppError::Conflict(format!(
                "a {} case study has nothing to moderate",
                current.status.as_str()
            )));
        }
        if let Some(message) = &message
            && message.chars().count() > MAX_MESSAGE_CHARS
        {
            return Err(AppError::bad_input("message", format!("must be at most {MAX_MESSAGE_CHARS} characters")));
        }
        let require_message = |what: &str| {
            message.clone().ok_or_else(|| AppError::bad_input("message", format!("{what} needs a message")))
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
        Ok(change.with_default_message(message.clone()))
    })
    .await
}

/// What a transition does besides changing the status.
#[derive(Default)]
struct Change {
    to: Option<Status>,
    message: Option<String>,
    queued: bool,
    publishing: bool,
    revision: RevisionEffect,
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
        Change { to: Some(status), ..Default::default() }
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

/// What a transition rule may look at besides the case study.
struct TransitionContext {
    editors: Vec<String>,
    revision: Option<case_study_revision::Model>,
}

/// Loads, asks `rule` what to do, and applies it with its history record.
async fn transition<F>(db: &DatabaseConnection, viewer: &Viewer, id: &str, rule: F) -> AppResult<case_study::Model>
where
    F: FnOnce(&Viewer, &case_study::Model, &TransitionContext) -> AppResult<Change> + Send + 'static,
{
    let member_id = viewer.require_signed_in()?.member_id.clone();
    let viewer = viewer.clone();
    let id = id.to_owned();
    db.transaction::<_, _, AppError>(|txn| {
        Box::pin(async move {
            let current = load_visible(txn, &viewer, &id).await?;
            let context = TransitionContext {
                editors: editors(txn, &current.id).await?,
                revision: case_study_revision::Entity::find_by_id(current.id.clone()).one(txn).await?,
            };
            let change = rule(&viewer, &current, &context)?;
            let now = Utc::now();
            let from = current.status;
            let first_publication = current.published_at.is_none();
            let to = change.to.unwrap_or(from);
            let mut next = current.into_active_model();
            next.status = Set(to);
            next.updated_at = Set(now);
            next.queued_at = Set(change.queued.then_some(now));
            if change.publishing && first_publication {
                next.published_at = Set(Some(now));
            }
            let mut message = change.message;
            if let Some(revision) = context.revision {
                match change.revision {
                    RevisionEffect::Keep => {}
                    RevisionEffect::Apply => {
                        message.get_or_insert_with(|| format!("revision {} approved", revision.version));
                        next.version = Set(revision.version);
                        apply_content(&mut next, revision.content.clone());
                        case_study_revision::Entity::delete_by_id(revision.case_study_id).exec(txn).await?;
                    }
                    RevisionEffect::ReturnToAuthors => {
                        let mut returned = revision.into_active_model();
                        returned.state = Set(RevisionState::ChangesRequested);
                        returned.update(txn).await?;
                    }
                    RevisionEffect::Drop => {
                        case_study_revision::Entity::delete_by_id(revision.case_study_id).exec(txn).await?;
                    }
                }
            }
            let updated = next.update(txn).await?;
            record_transition(txn, &updated.id, Some(from), to, &member_id, message).await?;
            Ok(updated)
        })
    })
    .await
    .map_err(AppError::from)
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

async fn validate(
    db: &impl ConnectionTrait,
    input: CaseStudyInput,
    owning_authority_id: i32,
) -> AppResult<CaseStudyContent> {
    let taxonomy = taxonomy::load(db).await?;
    let slugs: Vec<String> = input.collaborators.iter().map(|slug| slug.trim().to_owned()).collect();
    let known_collaborators: HashMap<String, i32> = crate::authorities::find_by_slugs(db, &slugs)
        .await?
        .into_iter()
        .map(|authority| (authority.slug, authority.id))
        .collect();
    let context =
        ValidationContext { taxonomy: &taxonomy, known_collaborators: &known_collaborators, owning_authority_id };
    input.validate(&context).map_err(AppError::BadUserInput)
}

/// The live content of a case study: what `apply_content` wrote.
pub fn live_content(model: &case_study::Model) -> CaseStudyContent {
    CaseStudyContent {
        title: model.title.clone(),
        summary: model.summary.clone(),
        body: model.body.clone(),
        outcome: model.outcome,
        lessons: model.lessons.0.clone(),
        service_areas: model.service_areas.0.clone(),
        technologies: model.technologies.0.clone(),
        tags: model.tags.0.clone(),
        cost_band: model.cost_band,
        started_on: model.started_on,
        ended_on: model.ended_on,
        partners: model.partners.0.clone(),
        collaborators: model.collaborators.0.clone(),
        links: model.links.0.clone(),
        contact_email: model.contact_email.clone(),
        visibility: model.visibility,
        anonymous: model.anonymous,
    }
}

pub fn apply_content(model: &mut case_study::ActiveModel, content: CaseStudyContent) {
    model.title = Set(content.title);
    model.summary = Set(content.summary);
    model.body = Set(content.body);
    model.outcome = Set(content.outcome);
    model.lessons = Set(StringList(content.lessons));
    model.service_areas = Set(StringList(content.service_areas));
    model.technologies = Set(StringList(content.technologies));
    model.tags = Set(StringList(content.tags));
    model.cost_band = Set(content.cost_band);
    model.started_on = Set(content.started_on);
    model.ended_on = Set(content.ended_on);
    model.partners = Set(StringList(content.partners));
    model.collaborators = Set(IdList(content.collaborators));
    model.links = Set(LinkList(content.links));
    model.contact_email = Set(content.contact_email);
    model.visibility = Set(content.visibility);
    model.anonymous = Set(content.anonymous);
}

/// The members who created or edited a case study: its moderators must be someone else.
pub async fn editors(db: &impl ConnectionTrait, case_study_id: &str) -> AppResult<Vec<String>> {
    Ok(case_study_editor::Entity::find()
        .filter(case_study_editor::Column::CaseStudyId.eq(case_study_id))
        .all(db)
        .await?
        .into_iter()
        .map(|editor| editor.member_id)
        .collect())
}

async fn record_editor(db: &impl ConnectionTrait, case_study_id: &str, member_id: &str) -> AppResult<()> {
    case_study_editor::Entity::insert(case_study_editor::ActiveModel {
        case_study_id: Set(case_study_id.to_owned()),
        member_id: Set(member_id.to_owned()),
    })
    .on_conflict_do_nothing_on([case_study_editor::Column::CaseStudyId, case_study_editor::Column::MemberId])
    .exec(db)
    .await?;
    Ok(())
}

async fn record_transition(
    db: &impl ConnectionTrait,
    case_study_id: &str,
    from: Option<Status>,
    to: Status,
    member_id: &str,
    message: Option<String>,
) -> AppResult<()> {
    case_study_transition::ActiveModel {
        case_study_id: Set(case_study_id.to_owned()),
        from_status: Set(from),
        to_status: Set(to),
        member_id: Set(Some(member_id.to_owned())),
        message: Set(message),
        at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    crate::search::changes::record(db, case_study_id).await
}
