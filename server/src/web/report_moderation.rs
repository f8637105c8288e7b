//! Reports in the moderator's pages: the open items listed on the queue
//! (`/moderation`, oldest first) and a page per item
//! (`/moderation/reports/{id}`) showing the case study as it was when first
//! reported, every reason and detail given (never by whom), and the decision:
//! dismiss, or uphold and take it down. Decisions go through
//! `reports::decide`, as the API's `decideReport` does.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};

use super::form_errors::ShownError;
use super::{CsrfForm, Gated, Layout, Moderators, OrPage, PageResult, view};
use crate::app::AppState;
use crate::case_studies::{markdown, policy, workflow};
use crate::entities::case_study;
use crate::error::{AppError, AppResult};
use crate::i18n::{self, Locale};
use crate::identity::Viewer;
use crate::paging::PageRequest;
use crate::reports::{self, ReportDecision, ReportStatus, ReportView};

/// How many open reports the queue page lists.
const QUEUE_PAGE_SIZE: u64 = 100;

pub struct ReportItem {
    pub url: String,
    pub title: String,
    pub reasons: String,
    pub count: usize,
    pub since: String,
}

/// The open reports, oldest first, for the queue page; and how many there are.
pub async fn open_items(state: &AppState, viewer: &Viewer, locale: Locale) -> AppResult<(Vec<ReportItem>, u64)> {
    let page = PageRequest { offset: 0, first: QUEUE_PAGE_SIZE };
    let page = reports::list(&state.reads, viewer, ReportStatus::Open, page).await?;
    let items = page
        .items
        .iter()
        .map(|item| ReportItem {
            url: format!("/moderation/reports/{}", item.report.id),
            title: item.report.snapshot.title.clone(),
            reasons: reasons(item, locale),
            count: item.report_count,
            since: view::moment(item.report.created_at, locale),
        })
        .collect();
    Ok((items, page.total_count))
}

/// "Personal data, Inaccurate": each reason given, once.
fn reasons(item: &ReportView, locale: Locale) -> String {
    let mut labels: Vec<String> = Vec::new();
    for filing in &item.filings {
        let label = filing.reason.label(locale);
        if !labels.contains(&label) {
            labels.push(label);
        }
    }
    labels.join(", ")
}

pub struct Filing {
    pub reason: String,
    pub details: Option<String>,
    pub at: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "report_decision.html")]
pub struct ReportPage {
    layout: Layout,
    id: String,
    /// As it was when first reported.
    title: String,
    summary: String,
    /// Sanitised by `markdown::render`: safe to insert.
    body_html: String,
    /// Its page now, while the moderator may read it (not once its council has taken it back to a draft).
    case_study_url: Option<String>,
    status: String,
    filings: Vec<Filing>,
    open: bool,
    /// The moderator's note, once decided.
    outcome: Option<String>,
    own_work: bool,
    decision: String,
    note: String,
    errors: Vec<ShownError>,
}

impl ReportPage {
    fn error_for(&self, anchor: &str) -> Option<String> {
        ShownError::for_field(&self.errors, anchor)
    }

    async fn load(state: &AppState, layout: Layout, id: &str) -> AppResult<Self> {
        let item = reports::find(&state.reads, &layout.viewer, id).await?;
        let case_study = reports::reported_case_study(&state.reads, &layout.viewer, &item.report).await?;
        let (workings, _) = workflow::workings(&state.reads, &case_study.id).await?;
        let own_work = policy::may_decide(&layout.viewer, &workings).is_err();
        Ok(Self::new(layout, item, &case_study, own_work))
    }

    fn new(layout: Layout, item: ReportView, case_study: &case_study::Model, own_work: bool) -> Self {
        let snapshot = &item.report.snapshot;
        let locale = layout.locale;
        ReportPage {
            id: item.report.id.clone(),
            title: snapshot.title.clone(),
            summary: snapshot.summary.clone(),
            body_html: markdown::render(&snapshot.body),
            case_study_url: policy::can_read(&layout.viewer, case_study)
                .then(|| view::case_study_url(&case_study.slug)),
            status: i18n::value_label(locale, "status", case_study.status.as_str()),
            filings: item
                .filings
                .iter()
                .map(|filing| Filing {
                    reason: filing.reason.label(locale),
                    details: filing.details.clone(),
                    at: view::moment(filing.updated_at, locale),
                })
                .collect(),
            open: item.report.status == ReportStatus::Open,
            outcome: item.report.note.clone().map(|note| {
                format!("{}: {note}", i18n::value_label(locale, "report-status", item.report.status.as_str()))
            }),
            own_work,
            decision: String::new(),
            note: String::new(),
            errors: Vec::new(),
            layout,
        }
    }
}

/// `GET /moderation/reports/{id}`
pub async fn report_page(
    State(state): State<AppState>,
    Gated(layout, ..): Gated<Moderators>,
    Path(id): Path<String>,
) -> PageResult {
    let page = ReportPage::load(&state, layout.clone(), &id).await.or_page(&layout)?;
    Ok(page.into_response())
}

#[derive(serde::Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    note: String,
}

/// `POST /moderation/reports/{id}`: the decision, then back to the queue.
pub async fn decide(
    State(state): State<AppState>,
    Gated(layout, ..): Gated<Moderators>,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> PageResult {
    let result = match ReportDecision::from_name(&form.decision) {
        Some(decision) => reports::decide(&state.outbox, &layout.viewer, &id, decision, &form.note).await,
        None => Err(AppError::bad_input("decision", "choose dismiss or uphold")),
    };
    let errors = match result {
        Ok(_) => return Ok(Redirect::to(&format!("/moderation?decided=REPORT_{}", form.decision)).into_response()),
        Err(AppError::BadUserInput(errors)) => {
            errors.into_iter().map(|error| ShownError::from_field(error, layout.locale)).collect()
        }
        Err(error) => return Err(error).or_page(&layout),
    };
    let mut page = ReportPage::load(&state, layout.clone(), &id).await.or_page(&layout)?;
    page.decision = form.decision;
    page.note = form.note;
    page.errors = errors;
    Ok((StatusCode::BAD_REQUEST, page).into_response())
}
