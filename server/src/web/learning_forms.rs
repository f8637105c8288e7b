//! The forms on a case study's page for learning between councils, through
//! the same domain functions as the API: ask its council a question
//! (`POST /case-studies/{slug}/questions`), answer one
//! (`…/questions/{id}/answer`), report a question or an answer
//! (`…/questions/{id}/report`), say one of your council's case studies
//! reused it (`…/reuse`) and take that back (`…/reuse/{id}/delete`). The
//! page offers each where `policy` allows; the domain checks again.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;

use super::view::case_study_url;
use super::{CsrfForm, Layout, OrPage, PageResult, not_found};
use crate::app::AppState;
use crate::case_studies::{listing, reuse};
use crate::entities::values::{QuestionPart, ReuseKind};
use crate::error::AppError;
use crate::questions;
use crate::reports::ReportReason;

#[derive(Deserialize)]
pub struct AskForm {
    #[serde(default)]
    body: String,
    /// "yes": the asker lets every reader of the case study read the exchange.
    #[serde(default)]
    public: String,
}

/// `POST /case-studies/{slug}/questions`
pub async fn ask(
    State(state): State<AppState>,
    layout: Layout,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<AskForm>,
) -> PageResult {
    let Some(found) = listing::find_by_slug(&state.reads, &layout.viewer, &slug).await.or_page(&layout)? else {
        return Ok(not_found(layout));
    };
    let public = form.public == "yes";
    questions::ask(&state.outbox, &layout.viewer, &found.id, &form.body, public).await.or_page(&layout)?;
    Ok(back_to(&found.slug, "questions"))
}

#[derive(Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    body: String,
}

/// `POST /case-studies/{slug}/questions/{id}/answer`
pub async fn answer(
    State(state): State<AppState>,
    layout: Layout,
    Path((slug, id)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<AnswerForm>,
) -> PageResult {
    let Some(found) = listing::find_by_slug(&state.reads, &layout.viewer, &slug).await.or_page(&layout)? else {
        return Ok(not_found(layout));
    };
    questions::answer(&state.outbox, &layout.viewer, &id, &form.body).await.or_page(&layout)?;
    Ok(back_to(&found.slug, "questions"))
}

#[derive(Deserialize)]
pub struct ReportQuestionForm {
    #[serde(default)]
    part: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    details: String,
}

/// `POST /case-studies/{slug}/questions/{id}/report`
pub async fn report(
    State(state): State<AppState>,
    layout: Layout,
    Path((slug, id)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<ReportQuestionForm>,
) -> PageResult {
    let part = QuestionPart::from_name(&form.part).unwrap_or(QuestionPart::Question);
    let Some(reason) = ReportReason::from_name(&form.reason) else {
        return Err(AppError::bad_input("reason", "choose why you are reporting it")).or_page(&layout);
    };
    let Some(found) = listing::find_by_slug(&state.reads, &layout.viewer, &slug).await.or_page(&layout)? else {
        return Ok(not_found(layout));
    };
    let details = Some(form.details).filter(|details| !details.trim().is_empty());
    questions::moderation::report(&state.outbox, &layout.viewer, &id, part, reason, details).await.or_page(&layout)?;
    Ok(back_to(&found.slug, "questions"))
}

#[derive(Deserialize)]
pub struct ReuseForm {
    /// The slug of the viewer's council's case study that reused this one.
    #[serde(default)]
    from: String,
    #[serde(default)]
    kind: String,
}

/// `POST /case-studies/{slug}/reuse`: one of the viewer's council's case
/// studies reused this one.
pub async fn link(
    State(state): State<AppState>,
    layout: Layout,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<ReuseForm>,
) -> PageResult {
    let Some(reused) = listing::find_by_slug(&state.reads, &layout.viewer, &slug).await.or_page(&layout)? else {
        return Ok(not_found(layout));
    };
    let Some(reusing) = listing::find_by_slug(&state.reads, &layout.viewer, &form.from).await.or_page(&layout)? else {
        return Err(AppError::bad_input("from", "choose one of your council's case studies")).or_page(&layout);
    };
    let kind = ReuseKind::from_name(&form.kind).unwrap_or(ReuseKind::Reused);
    reuse::link(&state.outbox, &layout.viewer, &reusing.id, &reused.id, kind).await.or_page(&layout)?;
    Ok(back_to(&reused.slug, "reuse"))
}

#[derive(Deserialize)]
pub struct UnlinkForm {}

/// `POST /case-studies/{slug}/reuse/{id}/delete`
pub async fn unlink(
    State(state): State<AppState>,
    layout: Layout,
    Path((slug, id)): Path<(String, String)>,
    CsrfForm(UnlinkForm {}): CsrfForm<UnlinkForm>,
) -> PageResult {
    let Some(found) = listing::find_by_slug(&state.reads, &layout.viewer, &slug).await.or_page(&layout)? else {
        return Ok(not_found(layout));
    };
    reuse::unlink(&state.outbox, &layout.viewer, &id).await.or_page(&layout)?;
    Ok(back_to(&found.slug, "reuse"))
}

/// Back to the case study's page, by its stored slug (never the path's as typed).
fn back_to(slug: &str, section: &str) -> axum::response::Response {
    Redirect::to(&format!("{}#{section}", case_study_url(slug))).into_response()
}
