//! Reports of published case studies, and the moderators' decisions on them.
//!
//! Any ACTIVE member may report a published case study they can read; the
//! reports on one case study gather into one open item (`reports` row) with
//! a snapshot of the case study as it was when first reported, and a
//! member's second report on it replaces their first (`report_filings` is
//! keyed by the pair). A moderator, never on their own work, dismisses the
//! item or upholds it, which takes the case study down
//! (`workflow::unpublish_in`, in the same transaction). Either way the item
//! closes, and a later report opens a new one.
//!
//! Who reported is never shown to anyone but the reporter: moderators read
//! the reasons and details, the owning council reads the takedown's reason.

mod view;

use chrono::{Duration, Utc};
use sea_orm::sea_query::{Expr, OnConflict, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, Set,
};
use serde_json::json;

pub use crate::entities::values::{ReportDecision, ReportReason, ReportStatus};
pub use view::ReportView;

use crate::audit::{self, AuditAction};
use crate::case_studies::{Status, policy, workflow};
use crate::entities::{report, report_filing};
use crate::error::{AppError, AppResult};
use crate::i18n::{Arg, Locale};
use crate::identity::Viewer;
use crate::paging::{Page, PageRequest};
use crate::search_sync::changes::Outbox;

pub const MAX_DETAILS_CHARS: usize = 5_000;
pub const MAX_NOTE_CHARS: usize = 5_000;

/// Who may report: ACTIVE members (PENDING and SUSPENDED accounts have an
/// anonymous visitor's rights).
pub fn can_report(viewer: &Viewer) -> bool {
    viewer.is_member()
}

/// Who may open the reports and decide on them: moderators and admins
/// (never on their own work: `policy::may_decide`).
pub fn can_review(viewer: &Viewer) -> bool {
    viewer.is_moderator()
}

/// What a member reports.
#[derive(Clone, Debug)]
pub struct Filing {
    pub reason: ReportReason,
    pub details: Option<String>,
}

/// `reportCaseStudy`: files (or replaces) the viewer's report on a case
/// study, checked in the workflow's order: signed in, can read it (else
/// `NotFound`), may report and is not of the council that wrote it
/// (`Forbidden`: a council edits or withdraws its own; and a report would
/// tell it that others reported), it is published (`Conflict`),
/// the details (`BadUserInput`), then at most `per_hour` reports an hour
/// (`RateLimited`).
pub async fn file(
    outbox: &Outbox,
    viewer: &Viewer,
    case_study_id: &str,
    filing: Filing,
    per_hour: u32,
) -> AppResult<ReportView> {
    let member_id = viewer.require_signed_in()?.member_id.clone();
    let viewer = viewer.clone();
    let case_study_id = case_study_id.to_owned();
    let site = outbox.site().cloned();
    outbox
        .transaction(|txn| {
            Box::pin(async move {
                let case_study = workflow::load_visible(txn, &viewer, &case_study_id).await?;
                if !can_report(&viewer) {
                    return Err(AppError::Forbidden("only active members can report case studies"));
                }
                if viewer.belongs_to(case_study.authority_id) {
                    return Err(AppError::Forbidden(
                        "your council wrote this case study: edit or withdraw it instead of reporting it",
                    ));
                }
                if case_study.status != Status::Published {
                    return Err(AppError::Conflict(format!(
                        "a {} case study cannot be reported: only published ones can",
                        case_study.status.as_str()
                    )));
                }
                let details = optional_text("details", filing.details, MAX_DETAILS_CHARS)?;
                let newly_opened = open_item(txn, &case_study.id).await?.is_none();
                let item = open_item_for(txn, &case_study).await?;
                refuse_over_limit(txn, &member_id, &item.id, per_hour).await?;
                let now = Utc::now();
                report_filing::Entity::insert(report_filing::ActiveModel {
                    report_id: Set(item.id.clone()),
                    member_id: Set(member_id.clone()),
                    reason: Set(filing.reason),
                    details: Set(details),
                    created_at: Set(now),
                    updated_at: Set(now),
                })
                .on_conflict(
                    OnConflict::columns([report_filing::Column::ReportId, report_filing::Column::MemberId])
                        .update_columns([
                            report_filing::Column::Reason,
                            report_filing::Column::Details,
                            report_filing::Column::UpdatedAt,
                        ])
                        .to_owned(),
                )
                .exec(txn)
                .await?;
                let mut updated = item.into_active_model();
                updated.updated_at = Set(now);
                let item = updated.update(txn).await?;
                if let Some(site) = site.as_ref().filter(|_| newly_opened) {
                    crate::notifications::events::report_filed(txn, site, &case_study, &item.id, &member_id).await?;
                }
                ReportView::load(txn, &viewer, item).await
            })
        })
        .await
}

/// The open item for this case study, opening one (with its snapshot) if
/// there is none. On PostgreSQL two first reports may race: the unique
/// `open_for` lets one insert win and the other read it.
async fn open_item_for(
    txn: &DatabaseTransaction,
    case_study: &crate::entities::case_study::Model,
) -> AppResult<report::Model> {
    if let Some(open) = open_item(txn, &case_study.id).await? {
        return Ok(open);
    }
    let now = Utc::now();
    report::Entity::insert(report::ActiveModel {
        id: Set(uuid::Uuid::new_v4().to_string()),
        case_study_id: Set(case_study.id.clone()),
        open_for: Set(Some(case_study.id.clone())),
        status: Set(ReportStatus::Open),
        snapshot_version: Set(case_study.version),
        snapshot: Set(workflow::live_content(case_study)),
        created_at: Set(now),
        updated_at: Set(now),
        decided_at: Set(None),
        decided_by: Set(None),
        note: Set(None),
    })
    .on_conflict_do_nothing_on([report::Column::OpenFor])
    .exec(txn)
    .await?;
    open_item(txn, &case_study.id).await?.ok_or_else(|| AppError::Internal(anyhow::anyhow!("the report item vanished")))
}

async fn open_item(db: &impl ConnectionTrait, case_study_id: &str) -> AppResult<Option<report::Model>> {
    Ok(report::Entity::find().filter(report::Column::OpenFor.eq(case_study_id)).one(db).await?)
}

/// At most `per_hour` reports filed or changed in the last hour; changing
/// the report being replaced does not count again.
async fn refuse_over_limit(
    txn: &DatabaseTransaction,
    member_id: &str,
    report_id: &str,
    per_hour: u32,
) -> AppResult<()> {
    let recent = report_filing::Entity::find()
        .filter(report_filing::Column::MemberId.eq(member_id))
        .filter(report_filing::Column::UpdatedAt.gt(Utc::now() - Duration::hours(1)))
        .filter(report_filing::Column::ReportId.ne(report_id))
        .count(txn)
        .await?;
    if recent >= u64::from(per_hour) {
        return Err(AppError::RateLimited(format!(
            "you have made {recent} reports in the last hour, the most allowed: try again later"
        )));
    }
    Ok(())
}

/// `decideReport`: a moderator dismisses the item or upholds it (a
/// takedown with `note` as its reason). Checked in order: a moderator
/// (`Forbidden`), the item exists (`NotFound`), not their own work
/// (`Forbidden`), still open (`Conflict`), a note (`BadUserInput`).
pub async fn decide(
    outbox: &Outbox,
    viewer: &Viewer,
    report_id: &str,
    decision: ReportDecision,
    note: &str,
) -> AppResult<ReportView> {
    let member_id = viewer.require_signed_in()?.member_id.clone();
    if !can_review(viewer) {
        return Err(AppError::Forbidden("only moderators can decide on reports"));
    }
    let viewer = viewer.clone();
    let report_id = report_id.to_owned();
    let note = note.trim().to_owned();
    let site = outbox.site().cloned();
    outbox
        .transaction(|txn| {
            Box::pin(async move {
                let item = report::Entity::find_by_id(report_id).one(txn).await?.ok_or(AppError::NotFound)?;
                // Not `load_visible`: a reported case study its council has
                // since withdrawn and taken back to a draft is still the
                // moderators' to dismiss.
                let case_study = reported_case_study(txn, &viewer, &item).await?;
                let (workings, _) = workflow::workings(txn, &case_study.id).await?;
                policy::may_decide(&viewer, &workings).map_err(AppError::Forbidden)?;
                if item.status != ReportStatus::Open {
                    return Err(already_decided(item.status));
                }
                let note = optional_text("note", Some(note), MAX_NOTE_CHARS)?
                    .ok_or_else(|| AppError::bad_input("note", "say why: the note is required"))?;
                let (status, action) = match decision {
                    ReportDecision::Dismiss => (ReportStatus::Dismissed, AuditAction::ReportDismiss),
                    ReportDecision::Uphold => (ReportStatus::Upheld, AuditAction::ReportUphold),
                };
                if decision == ReportDecision::Uphold && case_study.status != Status::Published {
                    return Err(AppError::Conflict(format!(
                        "a {} case study cannot be taken down: dismiss the report instead",
                        case_study.status.as_str()
                    )));
                }
                // Only while still open: of two moderators deciding at once
                // (on PostgreSQL), one decides and the other is told.
                let closed = report::Entity::update_many()
                    .col_expr(report::Column::Status, Expr::value(status.as_str()))
                    .col_expr(report::Column::OpenFor, Expr::value(Option::<String>::None))
                    .col_expr(report::Column::DecidedAt, Expr::value(Utc::now()))
                    .col_expr(report::Column::DecidedBy, Expr::value(member_id.clone()))
                    .col_expr(report::Column::Note, Expr::value(note.clone()))
                    .filter(report::Column::Id.eq(&item.id))
                    .filter(report::Column::Status.eq(ReportStatus::Open))
                    .exec(txn)
                    .await?;
                if closed.rows_affected != 1 {
                    return Err(already_decided(ReportStatus::Open));
                }
                if decision == ReportDecision::Uphold {
                    workflow::unpublish_in(txn, site.as_ref(), &viewer, &case_study.id, note.clone()).await?;
                }
                if let Some(site) = &site {
                    let reporters: Vec<String> = report_filing::Entity::find()
                        .filter(report_filing::Column::ReportId.eq(&item.id))
                        .all(txn)
                        .await?
                        .into_iter()
                        .map(|filing| filing.member_id)
                        .collect();
                    let upheld = decision == ReportDecision::Uphold;
                    // The title only while it is still published (members may read every published one).
                    let title =
                        (!upheld && case_study.status == Status::Published).then_some(case_study.title.as_str());
                    crate::notifications::events::report_decided(txn, site, &reporters, upheld, title).await?;
                }
                let decided = report::Entity::find_by_id(item.id).one(txn).await?.ok_or(AppError::NotFound)?;
                let after = json!({ "status": status.as_str(), "caseStudy": case_study.id, "note": note });
                audit::record(
                    txn,
                    Some(&member_id),
                    action,
                    &decided.id,
                    Some(json!({ "status": "OPEN" })),
                    Some(after),
                )
                .await?;
                ReportView::load(txn, &viewer, decided).await
            })
        })
        .await
}

/// The items of one status (OPEN: the moderators' queue), oldest first. Moderators only.
pub async fn list(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    status: ReportStatus,
    page: PageRequest,
) -> AppResult<Page<ReportView>> {
    viewer.require_signed_in()?;
    if !can_review(viewer) {
        return Err(AppError::Forbidden("only moderators can read reports"));
    }
    let query = report::Entity::find()
        .filter(report::Column::Status.eq(status))
        .order_by_asc(report::Column::CreatedAt)
        .order_by_asc(report::Column::Id);
    let page = crate::paging::fetch(db, query, page).await?;
    ReportView::load_page(db, viewer, page).await
}

/// The items the viewer reported, newest report first: how they learn the outcome.
pub async fn of_reporter(db: &impl ConnectionTrait, viewer: &Viewer, page: PageRequest) -> AppResult<Page<ReportView>> {
    let member_id = viewer.require_signed_in()?.member_id.clone();
    let filed = Query::select()
        .column(report_filing::Column::ReportId)
        .from(report_filing::Entity)
        .and_where(report_filing::Column::MemberId.eq(member_id))
        .to_owned();
    let query = report::Entity::find()
        .filter(report::Column::Id.in_subquery(filed))
        .order_by_desc(report::Column::CreatedAt)
        .order_by_desc(report::Column::Id);
    let page = crate::paging::fetch(db, query, page).await?;
    ReportView::load_page(db, viewer, page).await
}

/// One item, for a moderator or for one of its reporters; `NotFound` for anyone else.
pub async fn find(db: &impl ConnectionTrait, viewer: &Viewer, report_id: &str) -> AppResult<ReportView> {
    viewer.require_signed_in()?;
    let item = report::Entity::find_by_id(report_id.to_owned()).one(db).await?.ok_or(AppError::NotFound)?;
    let view = ReportView::load(db, viewer, item).await?;
    if !can_review(viewer) && view.own.is_none() {
        return Err(AppError::NotFound);
    }
    Ok(view)
}

/// The case study an item is about, whatever its state now: moderators
/// decide on a report even after its council has taken the case study back.
pub async fn reported_case_study(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    item: &report::Model,
) -> AppResult<crate::entities::case_study::Model> {
    if !can_review(viewer) {
        return Err(AppError::NotFound);
    }
    crate::entities::case_study::Entity::find_by_id(item.case_study_id.clone()).one(db).await?.ok_or(AppError::NotFound)
}

/// Trimmed text, `None` when empty, `BadUserInput` on `field` when too long
/// or holding a NUL (which PostgreSQL's text cannot store).
pub(crate) fn optional_text(field: &str, text: Option<String>, max_chars: usize) -> AppResult<Option<String>> {
    let text = text.map(|text| text.trim().to_owned()).filter(|text| !text.is_empty());
    if text.as_deref().is_some_and(|text| text.contains('\0')) {
        return Err(AppError::bad_input(field, "must not contain NUL characters"));
    }
    if let Some(text) = &text
        && text.chars().count() > max_chars
    {
        return Err(AppError::bad_input_keyed(
            field,
            "rule-at-most-characters",
            vec![("max", Arg::Number(max_chars as i64))],
        ));
    }
    Ok(text)
}

fn already_decided(status: ReportStatus) -> AppError {
    match status {
        ReportStatus::Open => AppError::Conflict("another moderator has just decided on this report".into()),
        decided => AppError::Conflict(format!("this report was already {}", decided.past_tense())),
    }
}

impl ReportStatus {
    fn past_tense(self) -> &'static str {
        match self {
            ReportStatus::Open => "opened",
            ReportStatus::Dismissed => "dismissed",
            ReportStatus::Upheld => "upheld",
        }
    }
}

impl ReportReason {
    pub fn label(self, locale: Locale) -> String {
        crate::i18n::value_label(locale, "report-reason", self.as_str())
    }
}
