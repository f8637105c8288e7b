//! The owning council's forms on a published case study's page: add a
//! follow-up (`POST /case-studies/{slug}/follow-ups`, moderated like a
//! revision) and confirm it is still accurate
//! (`POST /case-studies/{slug}/reviewed`). The page offers them where
//! `policy` lets the viewer edit it; the workflow checks again.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;

use super::view::case_study_url;
use super::{CsrfForm, Layout, OrPage, PageResult, not_found};
use crate::app::AppState;
use crate::case_studies::{Outcome, listing, workflow};

#[derive(Deserialize)]
pub struct FollowUpForm {
    #[serde(default, rename = "writtenOn")]
    written_on: String,
    #[serde(default)]
    body: String,
    /// Empty: the outcome did not change.
    #[serde(default)]
    outcome: String,
}

/// `POST /case-studies/{slug}/follow-ups`
pub async fn add(
    State(state): State<AppState>,
    layout: Layout,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<FollowUpForm>,
) -> PageResult {
    let Some(found) = listing::find_by_slug(&state.reads, &layout.viewer, &slug).await.or_page(&layout)? else {
        return Ok(not_found(layout));
    };
    let input = workflow::follow_ups::FollowUpInput {
        written_on: form.written_on,
        body: form.body,
        outcome: Outcome::from_name(&form.outcome),
    };
    workflow::follow_ups::add(&state.outbox, &layout.viewer, &found.id, input).await.or_page(&layout)?;
    Ok(Redirect::to(&case_study_url(&found.slug)).into_response())
}

#[derive(Deserialize)]
pub struct ReviewedForm {}

/// `POST /case-studies/{slug}/reviewed`: still accurate; due again in a year.
pub async fn reviewed(
    State(state): State<AppState>,
    layout: Layout,
    Path(slug): Path<String>,
    CsrfForm(ReviewedForm {}): CsrfForm<ReviewedForm>,
) -> PageResult {
    let Some(found) = listing::find_by_slug(&state.reads, &layout.viewer, &slug).await.or_page(&layout)? else {
        return Ok(not_found(layout));
    };
    workflow::review::confirm(&state.outbox, &layout.viewer, &found.id, None).await.or_page(&layout)?;
    Ok(Redirect::to(&case_study_url(&found.slug)).into_response())
}
