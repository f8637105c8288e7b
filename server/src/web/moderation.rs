//! Moderation in the browser: the queue (`/moderation`, oldest first) and a
//! decision page per case study (`/moderation/{slug}`): approve, request
//! changes with a message, or reject with a reason; for an edit of a
//! published case study, the diff of the pending revision against the live
//! version. Decisions go through `workflow::moderate`, as the API's do, so
//! "never your own work" and "a message is required" are the same rules.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use sea_orm::EntityTrait;

use super::form_errors::ShownError;
use super::revision_diff::{self, FieldChange, Names};
use super::search_page::outcome_class;
use super::security::is_genuine_form;
use super::{Gate, Layout, action_failed, forged, internal_error, not_found};
use crate::app::AppState;
use crate::authorities;
use crate::case_studies::listing::{self, PageRequest};
use crate::case_studies::{ModerationDecision, RevisionState, Status, markdown, policy, workflow};
use crate::entities::{authority, case_study, case_study_revision};
use crate::error::{AppError, AppResult};
use crate::identity::Viewer;
use crate::taxonomy;

/// How many submissions the queue page lists; the rest wait for the next visit.
const QUEUE_PAGE_SIZE: u64 = 100;

pub struct QueueItem {
    pub title: String,
    pub url: String,
    pub council: String,
    /// "New submission" or "Edit of a published case study".
    pub kind: &'static str,
    pub waiting_since: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "moderation_queue.html")]
pub struct QueuePage {
    layout: Layout,
    items: Vec<QueueItem>,
    total: u64,
    /// What the moderator just decided, shown as a notice.
    decided: Option<&'static str>,
}

#[derive(serde::Deserialize)]
pub struct QueueQuery {
    #[serde(default)]
    decided: String,
}

/// Only moderators and admins moderate.
const MODERATORS: Gate = Gate {
    allows: Viewer::is_moderator,
    sign_in_first: "Sign in as a moderator to see the moderation queue.",
    refused_heading: "You cannot moderate",
    refused_reason: "Only moderators and admins can see the moderation queue.",
};

/// `GET /moderation`
pub async fn queue(State(state): State<AppState>, layout: Layout, Query(query): Query<QueueQuery>) -> Response {
    let layout = match MODERATORS.check(layout) {
        Ok(layout) => layout,
        Err(refused) => return *refused,
    };
    let decided = match query.decided.as_str() {
        "APPROVE" => Some("Approved: it is published."),
        "REQUEST_CHANGES" => Some("Changes requested: the council has your message."),
        "REJECT" => Some("Rejected: the council has your reason."),
        _ => None,
    };
    match queue_items(&state, &layout.viewer).await {
        Ok((items, total)) => QueuePage { layout, items, total, decided }.into_response(),
        Err(error) => internal_error(layout, &error),
    }
}

async fn queue_items(state: &AppState, viewer: &Viewer) -> AppResult<(Vec<QueueItem>, u64)> {
    let page =
        listing::moderation_queue(&state.reads, viewer, PageRequest { offset: 0, first: QUEUE_PAGE_SIZE }).await?;
    let ids: Vec<i32> = page.items.iter().map(|item| item.authority_id).collect();
    let councils: HashMap<i32, authority::Model> =
        authorities::find_by_ids(&state.reads, &ids).await?.into_iter().map(|council| (council.id, council)).collect();
    let items = page
        .items
        .into_iter()
        .map(|item| QueueItem {
            council: councils
                .get(&item.authority_id)
                .map(|council| policy::council_label(viewer, &item, council))
                .unwrap_or_default(),
            kind: if item.status == Status::Published { "Edit of a published case study" } else { "New submission" },
            waiting_since: item.queued_at.unwrap_or(item.updated_at).format("%-d %B %Y %H:%M").to_string(),
            url: format!("/moderation/{}", item.slug),
            title: item.title,
        })
        .collect();
    Ok((items, page.total_count))
}

#[derive(Template, WebTemplate)]
#[template(path = "moderation_decision.html")]
pub struct DecisionPage {
    layout: Layout,
    submission: Submission,
    decision: String,
    message: String,
    errors: Vec<ShownError>,
}

impl DecisionPage {
    fn error_for(&self, anchor: &str) -> Option<String> {
        ShownError::for_field(&self.errors, anchor)
    }
}

/// What the moderator decides on.
pub struct Submission {
    slug: String,
    title: String,
    council: String,
    outcome: &'static str,
    outcome_class: &'static str,
    summary: String,
    /// Sanitised by `markdown::render`: safe to insert.
    body_html: String,
    lessons: Vec<String>,
    /// For an edit of a published case study: what it changes.
    revision: Option<Vec<FieldChange>>,
    /// The moderator wrote or edited it, so someone else decides.
    own_work: bool,
}

/// `GET /moderation/{slug}`
pub async fn decision_page(State(state): State<AppState>, layout: Layout, Path(slug): Path<String>) -> Response {
    let layout = match MODERATORS.check(layout) {
        Ok(layout) => layout,
        Err(refused) => return *refused,
    };
    match submission(&state, &layout.viewer, &slug).await {
        Ok(Some(submission)) => {
            DecisionPage { layout, submission, decision: String::new(), message: String::new(), errors: Vec::new() }
                .into_response()
        }
        Ok(None) => not_found(layout),
        Err(error) => internal_error(layout, &error),
    }
}

/// The case study if it waits for a decision; `None` if it is hidden or has nothing to moderate.
async fn submission(state: &AppState, viewer: &Viewer, slug: &str) -> AppResult<Option<Submission>> {
    let Some(found) = listing::find_by_slug(&state.reads, viewer, slug).await? else {
        return Ok(None);
    };
    if !listing::awaits_decision(&found) {
        return Ok(None);
    }
    // A published case study in the queue waits with an edit: its pending revision.
    let revision = if found.status == Status::Published {
        let pending = case_study_revision::Entity::find_by_id(found.id.clone())
            .one(&state.reads)
            .await?
            .filter(|revision| revision.state == RevisionState::Pending);
        let Some(pending) = pending else {
            return Ok(None);
        };
        Some(pending)
    } else {
        None
    };
    let Some(council) = authority::Entity::find_by_id(found.authority_id).one(&state.reads).await? else {
        return Ok(None);
    };
    let own_work = !policy::can_moderate(viewer, &workflow::editors(&state.reads, &found.id).await?);
    let revision = match revision {
        Some(revision) => Some(revision_changes(state, &found, &revision).await?),
        None => None,
    };
    Ok(Some(Submission {
        slug: found.slug.clone(),
        council: policy::council_label(viewer, &found, &council),
        outcome: found.outcome.label(),
        outcome_class: outcome_class(found.outcome),
        body_html: markdown::render(&found.body),
        lessons: found.lessons.0.clone(),
        own_work,
        revision,
        title: found.title,
        summary: found.summary,
    }))
}

async fn revision_changes(
    state: &AppState,
    live: &case_study::Model,
    revision: &case_study_revision::Model,
) -> AppResult<Vec<FieldChange>> {
    let taxonomy = taxonomy::load(&state.reads).await?;
    let live = workflow::live_content(live);
    let mut ids = live.collaborators.clone();
    ids.extend(&revision.content.collaborators);
    let councils: HashMap<i32, String> = authorities::find_by_ids(&state.reads, &ids)
        .await?
        .into_iter()
        .map(|council| (council.id, council.name))
        .collect();
    Ok(revision_diff::changes(&live, &revision.content, &Names { taxonomy: &taxonomy, councils: &councils }))
}

#[derive(serde::Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    decision: String,
    #[serde(default)]
    message: String,
}

/// `POST /moderation/{slug}`: the decision, then back to the queue.
pub async fn decide(
    State(state): State<AppState>,
    layout: Layout,
    headers: HeaderMap,
    Path(slug): Path<String>,
    axum::Form(form): axum::Form<DecisionForm>,
) -> Response {
    if !is_genuine_form(&headers, &state.public_url, &form.csrf) {
        return forged(layout);
    }
    let layout = match MODERATORS.check(layout) {
        Ok(layout) => layout,
        Err(refused) => return *refused,
    };
    let found = match listing::find_by_slug(&state.reads, &layout.viewer, &slug).await {
        Ok(Some(found)) => found,
        Ok(None) => return not_found(layout),
        Err(error) => return internal_error(layout, &error),
    };
    let result = match ModerationDecision::from_name(&form.decision) {
        Some(decision) => {
            workflow::moderate(&state.db, &layout.viewer, &found.id, decision, Some(form.message.clone())).await
        }
        None => Err(AppError::bad_input("decision", "choose approve, request changes or reject")),
    };
    match result {
        Ok(_) => {
            state.search.poke();
            Redirect::to(&format!("/moderation?decided={}", form.decision)).into_response()
        }
        Err(AppError::BadUserInput(errors)) => {
            let errors = errors.into_iter().map(ShownError::from_field).collect();
            match submission(&state, &layout.viewer, &slug).await {
                Ok(Some(submission)) if submission.own_work => action_failed(
                    layout,
                    AppError::Forbidden("a moderator cannot decide on a case study they wrote or edited"),
                ),
                Ok(Some(submission)) => (
                    StatusCode::BAD_REQUEST,
                    DecisionPage { layout, submission, decision: form.decision, message: form.message, errors },
                )
                    .into_response(),
                Ok(None) => action_failed(layout, AppError::Conflict("nothing here waits for a decision".into())),
                Err(error) => internal_error(layout, &error),
            }
        }
        Err(error) => action_failed(layout, error),
    }
}
