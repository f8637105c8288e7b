//! `POST /case-studies/{slug}/report`: a member reports a published case
//! study from its page, through `reports::file` as the API's
//! `reportCaseStudy` does, and comes back to the page with a thank-you.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;

use super::view::case_study_url;
use super::{CsrfForm, Layout, OrPage, PageResult, not_found};
use crate::app::AppState;
use crate::case_studies::listing;
use crate::error::AppError;
use crate::reports::{self, Filing, ReportReason};

#[derive(Deserialize)]
pub struct ReportForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    details: String,
}

pub async fn report(
    State(state): State<AppState>,
    layout: Layout,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<ReportForm>,
) -> PageResult {
    let Some(found) = listing::find_by_slug(&state.reads, &layout.viewer, &slug).await.or_page(&layout)? else {
        return Ok(not_found(layout));
    };
    let Some(reason) = ReportReason::from_name(&form.reason) else {
        return Err(AppError::bad_input("reason", "choose why you are reporting it")).or_page(&layout);
    };
    let filing = Filing { reason, details: Some(form.details) };
    reports::file(&state.outbox, &layout.viewer, &found.id, filing, state.settings.reports_per_hour)
        .await
        .or_page(&layout)?;
    Ok(Redirect::to(&format!("{}?reported=1", case_study_url(&found.slug))).into_response())
}
