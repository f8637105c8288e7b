//! Writing case studies in the browser: the create and edit forms (every
//! rule of the spec, checked by the same `workflow` functions as the API,
//! shown with the error summary, keeping what the person typed). Editing a
//! published case study with a pending revision starts from the revision.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::case_study_form::{FormPurpose, FormValues, form_page};
use super::form_errors::ShownError;
use super::view::case_study_url;
use super::{CsrfForm, Gated, Layout, OrPage, PageError, PageResult, Writers, not_found, problem};
use crate::app::AppState;
use crate::authorities;
use crate::case_studies::policy;
use crate::case_studies::transitions::Action;
use crate::case_studies::{Status, listing, workflow};
use crate::entities::{case_study, case_study_revision};
use crate::error::{AppError, AppResult};
use crate::i18n::Locale;

fn new_purpose(locale: Locale) -> FormPurpose {
    FormPurpose { heading: locale.t("view-write-heading"), action: "/case-studies/new".into(), published: false }
}

fn edit_purpose(found: &case_study::Model, locale: Locale) -> FormPurpose {
    FormPurpose {
        heading: locale.t_with("view-edit-heading", "title", &found.title),
        action: format!("{}/edit", case_study_url(&found.slug)),
        published: found.status == Status::Published,
    }
}

pub async fn new_form(State(state): State<AppState>, Gated(layout, ..): Gated<Writers>) -> PageResult {
    let error_layout = layout.clone();
    let locale = layout.locale;
    form_page(&state, layout, new_purpose(locale), FormValues::blank(locale), Vec::new()).await.or_page(&error_layout)
}

pub async fn create(
    State(state): State<AppState>,
    Gated(layout, ..): Gated<Writers>,
    CsrfForm(form): CsrfForm<FormValues>,
) -> PageResult {
    let slugs = authorities::slugs_by_name(&state.reads, form.named_collaborators()).await.or_page(&layout)?;
    match workflow::create(&state.outbox, &layout.viewer, form.input(&slugs)).await {
        Ok(created) => Ok(Redirect::to(&case_study_url(&created.slug)).into_response()),
        Err(AppError::BadUserInput(errors)) => {
            let errors = errors.into_iter().map(|error| ShownError::from_field(error, layout.locale)).collect();
            let error_layout = layout.clone();
            form_page(&state, layout, new_purpose(error_layout.locale), form, errors).await.or_page(&error_layout)
        }
        Err(error) => Err(error).or_page(&layout),
    }
}

pub async fn edit_form(State(state): State<AppState>, layout: Layout, Path(slug): Path<String>) -> PageResult {
    let (found, revision) = match editable(&state, &layout, &slug).await {
        Ok(editable) => editable,
        Err(refused) => return Ok(refused),
    };
    let form = form_for(&state, &found, revision).await.or_page(&layout)?;
    let error_layout = layout.clone();
    form_page(&state, layout, edit_purpose(&found, error_layout.locale), form, Vec::new()).await.or_page(&error_layout)
}

/// The form for an edit: the pending revision if there is one (the authors
/// go on from what they proposed), else the live text.
async fn form_for(
    state: &AppState,
    found: &case_study::Model,
    revision: Option<case_study_revision::Model>,
) -> AppResult<FormValues> {
    let content = match revision {
        Some(revision) => revision.content,
        None => workflow::live_content(found),
    };
    let councils = authorities::find_by_ids(&state.reads, &content.collaborators).await?;
    let names = councils.into_iter().map(|council| council.name).collect();
    Ok(FormValues::from_content(&content, names, found.version))
}

pub async fn update(
    State(state): State<AppState>,
    layout: Layout,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<FormValues>,
) -> PageResult {
    let (found, _) = match editable(&state, &layout, &slug).await {
        Ok(editable) => editable,
        Err(refused) => return Ok(refused),
    };
    let version = form.version.trim().parse().unwrap_or(-1);
    let slugs = authorities::slugs_by_name(&state.reads, form.named_collaborators()).await.or_page(&layout)?;
    match workflow::update(&state.outbox, &layout.viewer, &found.id, version, form.input(&slugs)).await {
        Ok(updated) => Ok(Redirect::to(&case_study_url(&updated.slug)).into_response()),
        Err(AppError::BadUserInput(errors)) => {
            let errors = errors.into_iter().map(|error| ShownError::from_field(error, layout.locale)).collect();
            let error_layout = layout.clone();
            form_page(&state, layout, edit_purpose(&found, error_layout.locale), form, errors)
                .await
                .or_page(&error_layout)
        }
        Err(error) => Err(error).or_page(&layout),
    }
}

/// A case study the viewer may edit now (`policy::check`) with its revision,
/// or the page that says why not.
async fn editable(
    state: &AppState,
    layout: &Layout,
    slug: &str,
) -> Result<(case_study::Model, Option<case_study_revision::Model>), Response> {
    let viewer = &layout.viewer;
    let refused = |error| PageError::new(layout, error).into_response();
    let Some(found) = listing::find_by_slug(&state.reads, viewer, slug).await.map_err(refused)? else {
        return Err(not_found(layout.clone()));
    };
    let (workings, revision) = workflow::workings(&state.reads, &found.id).await.map_err(refused)?;
    match policy::check(viewer, Action::Edit, &found, &workings) {
        Ok(()) => Ok((found, revision)),
        Err(AppError::Forbidden(_)) => Err(problem(
            layout.clone(),
            StatusCode::FORBIDDEN,
            "You cannot edit this",
            "Only its council can edit a case study.".into(),
        )),
        Err(error) => Err(refused(error)),
    }
}
