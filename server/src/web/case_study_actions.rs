//! The buttons on a case study's page: submit it, withdraw it, withdraw its
//! pending revision. Each goes through its `workflow` function, which asks
//! `policy::check` (the page offers a button only where that passes).

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::view::case_study_url;
use super::{CsrfForm, Layout, OrPage, PageResult, not_found};
use crate::app::AppState;
use crate::case_studies::{listing, workflow};

/// The buttons' forms carry only their CSRF token.
#[derive(Deserialize)]
pub struct ButtonForm {}

/// `POST /case-studies/{slug}/submit`, `/withdraw` and `/withdraw-revision`.
pub async fn act(
    State(state): State<AppState>,
    layout: Layout,
    Path((slug, action)): Path<(String, String)>,
    CsrfForm(ButtonForm {}): CsrfForm<ButtonForm>,
) -> PageResult {
    let Some(found) = listing::find_by_slug(&state.reads, &layout.viewer, &slug).await.or_page(&layout)? else {
        return Ok(not_found(layout));
    };
    let (outbox, viewer) = (&state.outbox, &layout.viewer);
    let changed = match action.as_str() {
        "submit" => workflow::submit(outbox, viewer, &found.id).await,
        "withdraw" => workflow::withdraw(outbox, viewer, &found.id).await,
        "withdraw-revision" => workflow::withdraw_revision(outbox, viewer, &found.id).await,
        _ => return Ok(not_found(layout)),
    };
    let changed = changed.or_page(&layout)?;
    Ok(back_to(&changed.slug))
}

fn back_to(slug: &str) -> Response {
    Redirect::to(&case_study_url(slug)).into_response()
}
