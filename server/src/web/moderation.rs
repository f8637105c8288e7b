//! Moderation in the browser: the queue (`/moderation`, oldest first, with
//! the open reports from `report_moderation`) and a
//! decision page per case study (`/moderation/{slug}`): approve, request
//! changes with a message, or reject with a reason; for an edit of a
//! published case study, the diff of the pending revision against the live
//! version. Decisions go through `workflow::moderate`, as the API's do, so
//! "never your own work" and "a message is required" are the same rules.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};

use super::form_errors::ShownError;
use super::personal_data_notice::{Finding, findings};
use super::report_moderation::{ReportItem, open_items};
use super::revision_diff::{self, FieldChange, Names};
use super::{CsrfForm, Gated, Layout, Moderators, OrPage, PageResult, not_found, view};
use crate::app::AppState;
use crate::authorities;
use crate::case_studies::listing::{self, PageRequest};
use crate::case_studies::{ModerationDecision, Status, markdown, policy, transitions, workflow};
use crate::entities::{authority, case_study, case_study_revision};
use crate::error::{AppError, AppResult};
use crate::i18n::{Arg, Locale};
use crate::identity::Viewer;
use crate::taxonomy;

/// How many submissions the queue page lists; the rest wait for the next visit.
const QUEUE_PAGE_SIZE: u64 = 100;

pub struct QueueItem {
    pub title: String,
    pub url: String,
    pub council: String,
    /// The council's page (moderators know every council).
    pub council_url: Option<String>,
    /// "New submission" or "Edit of a published case study".
    pub kind: String,
    pub waiting_since: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "moderation_queue.html")]
pub struct QueuePage {
    layout: Layout,
    items: Vec<QueueItem>,
    total: u64,
    reports: Vec<ReportItem>,
    reports_total: u64,
    /// Reported questions and answers waiting (`/moderation/questions`).
    question_reports_total: u64,
    /// What the moderator just decided, shown as a notice.
    decided: Option<&'static str>,
}

#[derive(serde::Deserialize)]
pub struct QueueQuery {
    #[serde(default)]
    decided: String,
}

/// `GET /moderation`
pub async fn queue(
    State(state): State<AppState>,
    Gated(layout, ..): Gated<Moderators>,
    Query(query): Query<QueueQuery>,
) -> PageResult {
    let decided = match query.decided.as_str() {
        "APPROVE" => Some("Approved: it is published."),
        "REQUEST_CHANGES" => Some("Changes requested: the council has your message."),
        "REJECT" => Some("Rejected: the council has your reason."),
        "REPORT_DISMISS" => Some("Report dismissed: the case study stays published."),
        "REPORT_UPHOLD" => Some("Report upheld: the case study is taken down, and its council has your reason."),
        _ => None,
    };
    let (items, total) = queue_items(&state, &layout.viewer, layout.locale).await.or_page(&layout)?;
    let (reports, reports_total) = open_items(&state, &layout.viewer, layout.locale).await.or_page(&layout)?;
    let question_reports_total =
        crate::questions::moderation::queue(&state.reads, &layout.viewer, PageRequest { offset: 0, first: 1 })
            .await
            .or_page(&layout)?
            .total_count;
    Ok(QueuePage { layout, items, total, reports, reports_total, question_reports_total, decided }.into_response())
}

async fn queue_items(state: &AppState, viewer: &Viewer, locale: Locale) -> AppResult<(Vec<QueueItem>, u64)> {
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
                .map(|council| policy::council_label(viewer, &item, council, locale))
                .unwrap_or_default(),
            council_url: councils
                .get(&item.authority_id)
                .filter(|_| policy::can_see_council(viewer, &item))
                .map(|council| view::council_url(&council.slug)),
            kind: locale.t(if item.status == Status::Published {
                "view-edit-of-published"
            } else {
                "view-new-submission"
            }),
            waiting_since: view::moment(item.queued_at.unwrap_or(item.updated_at), locale),
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
    outcome: String,
    outcome_class: &'static str,
    summary: String,
    /// A bilingual case study's Welsh title and summary: decided on too.
    welsh: Option<view::InLanguage>,
    /// Sanitised by `markdown::render`: safe to insert.
    body_html: String,
    lessons: Vec<String>,
    /// For an edit of a published case study: what it changes.
    revision: Option<Vec<FieldChange>>,
    /// The moderator wrote or edited it, so someone else decides.
    own_work: bool,
    /// Likely personal data in what is decided on (the revision's text, for an edit).
    personal_data: Vec<Finding>,
    /// A follow-up waiting (when no revision does): its date, text and any change of outcome.
    follow_up: Option<FollowUpShown>,
}

pub struct FollowUpShown {
    written_on: String,
    body_html: String,
    outcome_change: Option<String>,
}

/// `GET /moderation/{slug}`
pub async fn decision_page(
    State(state): State<AppState>,
    Gated(layout, ..): Gated<Moderators>,
    Path(slug): Path<String>,
) -> PageResult {
    let Some(submission) = submission(&state, &layout.viewer, &slug, layout.locale).await.or_page(&layout)? else {
        return Ok(not_found(layout));
    };
    let page = DecisionPage { layout, submission, decision: String::new(), message: String::new(), errors: Vec::new() };
    Ok(page.into_response())
}

/// The case study if it waits for a decision; `None` if it is hidden or has nothing to moderate.
async fn submission(state: &AppState, viewer: &Viewer, slug: &str, locale: Locale) -> AppResult<Option<Submission>> {
    let Some(found) = listing::find_by_slug(&state.reads, viewer, slug).await? else {
        return Ok(None);
    };
    if !transitions::awaits_decision(&found) {
        return Ok(None);
    }
    let (workings, revision) = workflow::workings(&state.reads, &found.id).await?;
    // A published case study in the queue waits with an edit (its pending
    // revision, decided first) or a follow-up.
    let revision = revision.filter(|revision| revision.state == crate::case_studies::RevisionState::Pending);
    let follow_up = match (found.status, &revision) {
        (Status::Published, None) => workflow::follow_ups::pending(&state.reads, &found.id).await?,
        _ => None,
    };
    let (revision, personal_data) = match (found.status, revision, &follow_up) {
        (Status::Published, Some(revision), _) => {
            (Some(revision_changes(state, &found, &revision, locale).await?), findings(&revision.content, locale))
        }
        (Status::Published, None, None) => return Ok(None),
        _ => (None, findings(&workflow::live_content(&found), locale)),
    };
    let follow_up = follow_up.map(|follow_up| FollowUpShown {
        written_on: view::date(follow_up.written_on, locale),
        body_html: markdown::render(&follow_up.body),
        outcome_change: follow_up.outcome.map(|now| {
            let (from, to) = (follow_up.previous_outcome.label(locale), now.label(locale));
            locale.text("view-outcome-changes", &[("from", Arg::Text(from)), ("to", Arg::Text(to))])
        }),
    });
    let Some(council) = authorities::find_by_id(&state.reads, found.authority_id).await? else {
        return Ok(None);
    };
    Ok(Some(Submission {
        slug: found.slug.clone(),
        council: policy::council_label(viewer, &found, &council, locale),
        outcome: found.outcome.label(locale),
        outcome_class: view::outcome_class(found.outcome),
        body_html: markdown::render(&found.body),
        lessons: found.lessons.0.clone(),
        own_work: policy::is_own_work(viewer, &workings),
        personal_data,
        revision,
        follow_up,
        welsh: view::in_language(&found, Locale::English).1,
        title: found.title,
        summary: found.summary,
    }))
}

async fn revision_changes(
    state: &AppState,
    live: &case_study::Model,
    revision: &case_study_revision::Model,
    locale: Locale,
) -> AppResult<Vec<FieldChange>> {
    let taxonomy = taxonomy::load(&state.reads).await?;
    let live = workflow::live_content(live);
    let mut ids = live.collaborators.clone();
    ids.extend(&revision.content.collaborators);
    let councils: HashMap<i32, String> = authorities::find_by_ids(&state.reads, &ids)
        .await?
        .into_iter()
        .map(|council| (council.id, authorities::name_in(&council, locale).to_owned()))
        .collect();
    let names = Names { taxonomy: &taxonomy, councils: &councils, locale };
    Ok(revision_diff::changes(&live, &revision.content, &names))
}

#[derive(serde::Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    message: String,
}

/// `POST /moderation/{slug}`: the decision, then back to the queue.
pub async fn decide(
    State(state): State<AppState>,
    Gated(layout, ..): Gated<Moderators>,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> PageResult {
    let Some(found) = listing::find_by_slug(&state.reads, &layout.viewer, &slug).await.or_page(&layout)? else {
        return Ok(not_found(layout));
    };
    let result = match ModerationDecision::from_name(&form.decision) {
        Some(decision) => {
            workflow::moderate(&state.outbox, &layout.viewer, &found.id, decision, Some(form.message.clone())).await
        }
        None => Err(AppError::bad_input("decision", "choose approve, request changes or reject")),
    };
    let errors = match result {
        Ok(_) => return Ok(Redirect::to(&format!("/moderation?decided={}", form.decision)).into_response()),
        Err(AppError::BadUserInput(errors)) => {
            errors.into_iter().map(|error| ShownError::from_field(error, layout.locale)).collect()
        }
        Err(error) => return Err(error).or_page(&layout),
    };
    // Only a decision the rules allowed gets here with a bad input: show it again.
    let Some(submission) = submission(&state, &layout.viewer, &slug, layout.locale).await.or_page(&layout)? else {
        return Err(AppError::Conflict("nothing here waits for a decision".into())).or_page(&layout);
    };
    let page = DecisionPage { layout, submission, decision: form.decision, message: form.message, errors };
    Ok((StatusCode::BAD_REQUEST, page).into_response())
}
