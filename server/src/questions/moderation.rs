//! Reports of a question or an answer, decided like reports of a case
//! study: any ACTIVE member who can read it (not its author) reports it with
//! a reason; a moderator (not its author either) dismisses the reports or
//! upholds them, which removes that part from everyone but moderators. A
//! member's second report of the same part, while open, replaces the first.
//! Nobody but the reporter learns who reported.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, Set,
};
use serde_json::json;

use super::{QuestionView, load_readable, view_one};
use crate::audit::{self, AuditAction};
use crate::entities::values::QuestionPart;
use crate::entities::{question, question_report};
use crate::error::{AppError, AppResult};
use crate::identity::Viewer;
use crate::paging::{Page, PageRequest};
use crate::reports::{MAX_DETAILS_CHARS, MAX_NOTE_CHARS, ReportDecision, ReportReason, ReportStatus, optional_text};
use crate::search_sync::changes::Outbox;

/// The open reports of one question or answer, as moderators read them.
#[derive(Clone, Debug)]
pub struct ReportedQuestion {
    pub question: QuestionView,
    pub part: QuestionPart,
    pub reasons: Vec<ReportReason>,
    pub details: Vec<String>,
    pub report_count: usize,
    pub first_reported_at: DateTime<Utc>,
}

/// The member wrote that part: the question's asker, the answer's answerer.
fn wrote(viewer: &Viewer, asked: &question::Model, part: QuestionPart) -> bool {
    let author = match part {
        QuestionPart::Question => asked.asked_by.as_deref(),
        QuestionPart::Answer => asked.answered_by.as_deref(),
    };
    author.is_some() && viewer.member_id() == author
}

/// `reportQuestion`.
pub async fn report(
    outbox: &Outbox,
    viewer: &Viewer,
    question_id: &str,
    part: QuestionPart,
    reason: ReportReason,
    details: Option<String>,
) -> AppResult<QuestionView> {
    let member_id = viewer.require_signed_in()?.member_id.clone();
    let viewer = viewer.clone();
    let question_id = question_id.to_owned();
    let site = outbox.site().cloned();
    outbox
        .transaction(|txn| {
            Box::pin(async move {
                let (asked, case_study) = load_readable(txn, &viewer, &question_id).await?;
                if !crate::reports::can_report(&viewer) {
                    return Err(AppError::Forbidden("only active members can report"));
                }
                if wrote(&viewer, &asked, part) {
                    return Err(AppError::Forbidden("you wrote this: you cannot report it"));
                }
                let removed = match part {
                    QuestionPart::Question => asked.question_removed,
                    QuestionPart::Answer => asked.answer.is_none() || asked.answer_removed,
                };
                if removed {
                    return Err(AppError::Conflict("there is nothing there to report".into()));
                }
                let details = optional_text("details", details, MAX_DETAILS_CHARS)?;
                let open = open_reports(txn, &asked.id, part).await?;
                let first = open.is_empty();
                if let Some(mine) = open.into_iter().find(|report| report.reported_by.as_deref() == Some(&member_id)) {
                    let mut replaced = mine.into_active_model();
                    replaced.reason = Set(reason);
                    replaced.details = Set(details);
                    replaced.update(txn).await?;
                } else {
                    question_report::ActiveModel {
                        id: Set(uuid::Uuid::new_v4().to_string()),
                        question_id: Set(asked.id.clone()),
                        part: Set(part),
                        reported_by: Set(Some(member_id.clone())),
                        reason: Set(reason),
                        details: Set(details),
                        status: Set(ReportStatus::Open),
                        created_at: Set(Utc::now()),
                        decided_by: Set(None),
                        decided_at: Set(None),
                        note: Set(None),
                    }
                    .insert(txn)
                    .await?;
                }
                if let (Some(site), true) = (&site, first) {
                    crate::notifications::events::question_reported(txn, site, &member_id).await?;
                }
                view_one(txn, &viewer, &case_study, asked).await
            })
        })
        .await
}

/// `decideQuestionReports`: a moderator dismisses the open reports of a
/// question or an answer, or upholds them (removing it). Checked in order:
/// a moderator (`Forbidden`), the question (`NotFound`), open reports
/// (`Conflict`), not their own text (`Forbidden`), a note (`BadUserInput`).
pub async fn decide(
    outbox: &Outbox,
    viewer: &Viewer,
    question_id: &str,
    part: QuestionPart,
    decision: ReportDecision,
    note: &str,
) -> AppResult<QuestionView> {
    let member_id = viewer.require_signed_in()?.member_id.clone();
    if !crate::reports::can_review(viewer) {
        return Err(AppError::Forbidden("only moderators can decide on reports"));
    }
    let viewer = viewer.clone();
    let question_id = question_id.to_owned();
    let note = note.to_owned();
    outbox
        .transaction(|txn| {
            Box::pin(async move {
                let (asked, case_study) = load_readable(txn, &viewer, &question_id).await?;
                if open_reports(txn, &asked.id, part).await?.is_empty() {
                    return Err(AppError::Conflict("nothing reported here waits for a decision".into()));
                }
                if wrote(&viewer, &asked, part) {
                    return Err(AppError::Forbidden("a moderator cannot decide on what they wrote"));
                }
                let note = optional_text("note", Some(note), MAX_NOTE_CHARS)?
                    .ok_or_else(|| AppError::bad_input("note", "say why: the note is required"))?;
                let (status, action) = match decision {
                    ReportDecision::Dismiss => (ReportStatus::Dismissed, AuditAction::QuestionDismissReports),
                    ReportDecision::Uphold => (ReportStatus::Upheld, AuditAction::QuestionRemove),
                };
                // Only what is still open: of two moderators at once, one decides.
                let closed = question_report::Entity::update_many()
                    .col_expr(question_report::Column::Status, Expr::value(status.as_str()))
                    .col_expr(question_report::Column::DecidedAt, Expr::value(Utc::now()))
                    .col_expr(question_report::Column::DecidedBy, Expr::value(member_id.clone()))
                    .col_expr(question_report::Column::Note, Expr::value(note.clone()))
                    .filter(question_report::Column::QuestionId.eq(&asked.id))
                    .filter(question_report::Column::Part.eq(part))
                    .filter(question_report::Column::Status.eq(ReportStatus::Open))
                    .exec(txn)
                    .await?;
                if closed.rows_affected == 0 {
                    return Err(AppError::Conflict("another moderator has just decided on this".into()));
                }
                let mut decided = asked.clone().into_active_model();
                if decision == ReportDecision::Uphold {
                    match part {
                        QuestionPart::Question => decided.question_removed = Set(true),
                        QuestionPart::Answer => decided.answer_removed = Set(true),
                    }
                }
                let decided = decided.update(txn).await?;
                audit::record(
                    txn,
                    Some(&member_id),
                    action,
                    &decided.id,
                    Some(json!({ "part": part.as_str(), "status": "OPEN" })),
                    Some(json!({ "part": part.as_str(), "status": status.as_str(), "caseStudy": case_study.id, "note": note })),
                )
                .await?;
                view_one(txn, &viewer, &case_study, decided).await
            })
        })
        .await
}

/// The moderators' queue of reported questions and answers, oldest report first.
pub async fn queue(db: &impl ConnectionTrait, viewer: &Viewer, page: PageRequest) -> AppResult<Page<ReportedQuestion>> {
    viewer.require_signed_in()?;
    if !crate::reports::can_review(viewer) {
        return Err(AppError::Forbidden("only moderators can read reports"));
    }
    let open = question_report::Entity::find()
        .filter(question_report::Column::Status.eq(ReportStatus::Open))
        .order_by_asc(question_report::Column::CreatedAt)
        .order_by_asc(question_report::Column::Id)
        .all(db)
        .await?;
    let mut groups: Vec<(String, QuestionPart, Vec<question_report::Model>)> = Vec::new();
    for report in open {
        match groups.iter_mut().find(|(id, part, _)| *id == report.question_id && *part == report.part) {
            Some((_, _, reports)) => reports.push(report),
            None => groups.push((report.question_id.clone(), report.part, vec![report])),
        }
    }
    // Only what the moderator can open counts (a question on a case study
    // that went back to DRAFT is out of reach until it is published again).
    let mut decidable = Vec::with_capacity(groups.len());
    for (question_id, part, reports) in groups {
        if let Ok(found) = load_readable(db, viewer, &question_id).await {
            decidable.push((found, part, reports));
        }
    }
    let total_count = decidable.len() as u64;
    let start = (page.offset as usize).min(decidable.len());
    let end = start.saturating_add(page.first as usize).min(decidable.len());
    let mut items = Vec::new();
    for ((asked, case_study), part, reports) in decidable.drain(start..end) {
        items.push(ReportedQuestion {
            question: view_one(db, viewer, &case_study, asked).await?,
            part,
            reasons: reports.iter().map(|report| report.reason).collect(),
            details: reports.iter().filter_map(|report| report.details.clone()).collect(),
            report_count: reports.len(),
            first_reported_at: reports[0].created_at,
        });
    }
    Ok(Page { items, offset: page.offset, has_next_page: (end as u64) < total_count, total_count })
}

async fn open_reports(
    db: &impl ConnectionTrait,
    question_id: &str,
    part: QuestionPart,
) -> AppResult<Vec<question_report::Model>> {
    Ok(question_report::Entity::find()
        .filter(question_report::Column::QuestionId.eq(question_id))
        .filter(question_report::Column::Part.eq(part))
        .filter(question_report::Column::Status.eq(ReportStatus::Open))
        .all(db)
        .await?)
}
