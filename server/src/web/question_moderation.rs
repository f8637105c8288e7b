//! Reported questions and answers in the browser: the queue
//! (`/moderation/questions`, the oldest report first) with a decision form
//! per item, through `questions::moderation` as the API's
//! `questionReports` and `decideQuestionReports` do.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;

use super::view::{self, case_study_url};
use super::{CsrfForm, Gated, Layout, Moderators, OrPage, PageResult};
use crate::app::AppState;
use crate::case_studies::listing;
use crate::entities::values::QuestionPart;
use crate::paging::PageRequest;
use crate::questions::moderation;
use crate::reports::ReportDecision;

const PAGE_SIZE: u64 = 50;

#[derive(Template, WebTemplate)]
#[template(path = "question_moderation.html")]
pub struct QueuePage {
    layout: Layout,
    items: Vec<Item>,
    total: u64,
    decided: Option<&'static str>,
}

pub struct Item {
    question_id: String,
    /// "QUESTION" or "ANSWER": what the reports are about.
    part: &'static str,
    part_label: String,
    case_study_title: String,
    case_study_url: String,
    question: String,
    answer: Option<String>,
    reasons: String,
    details: Vec<String>,
    count: usize,
    since: String,
}

#[derive(Deserialize, Default)]
pub struct QueueQuery {
    #[serde(default)]
    decided: String,
}

/// `GET /moderation/questions`
pub async fn queue(
    State(state): State<AppState>,
    Gated(layout, ..): Gated<Moderators>,
    Query(query): Query<QueueQuery>,
) -> PageResult {
    let decided = match query.decided.as_str() {
        "DISMISS" => Some("Reports dismissed: it stays."),
        "UPHOLD" => Some("Reports upheld: it is removed for everyone but moderators."),
        _ => None,
    };
    let viewer = layout.viewer.clone();
    let page =
        moderation::queue(&state.reads, &viewer, PageRequest { offset: 0, first: PAGE_SIZE }).await.or_page(&layout)?;
    let mut items = Vec::with_capacity(page.items.len());
    for reported in page.items {
        let row = &reported.question.question;
        let case_study = listing::find_by_id(&state.reads, &viewer, &row.case_study_id).await.or_page(&layout)?;
        let Some(case_study) = case_study else { continue };
        items.push(Item {
            question_id: row.id.clone(),
            part: reported.part.as_str(),
            part_label: layout.t(match reported.part {
                QuestionPart::Question => "view-the-question",
                QuestionPart::Answer => "view-the-answer",
            }),
            case_study_url: format!("{}#questions", case_study_url(&case_study.slug)),
            case_study_title: case_study.title,
            question: row.body.clone(),
            answer: reported.question.answer.clone(),
            reasons: reported.reasons.iter().map(|reason| reason.label(layout.locale)).collect::<Vec<_>>().join(", "),
            details: reported.details.clone(),
            count: reported.report_count,
            since: view::moment(reported.first_reported_at, layout.locale),
        });
    }
    Ok(QueuePage { layout, items, total: page.total_count, decided }.into_response())
}

#[derive(Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    part: String,
    #[serde(default)]
    decision: String,
    #[serde(default)]
    note: String,
}

/// `POST /moderation/questions/{id}`
pub async fn decide(
    State(state): State<AppState>,
    layout: Layout,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> PageResult {
    let part = QuestionPart::from_name(&form.part).unwrap_or(QuestionPart::Question);
    let Some(decision) = ReportDecision::from_name(&form.decision) else {
        return Err(crate::error::AppError::bad_input("decision", "choose to dismiss or uphold")).or_page(&layout);
    };
    moderation::decide(&state.outbox, &layout.viewer, &id, part, decision, &form.note).await.or_page(&layout)?;
    Ok(Redirect::to(&format!("/moderation/questions?decided={}", decision.as_str())).into_response())
}
