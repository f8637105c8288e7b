//! `GET /our-case-studies?status=S&page=N`: every case study of the viewer's
//! council, drafts included, newest first, a page at a time, filtered by
//! status (all by default).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::IntoResponse;
use sea_orm::Iterable;
use serde::Deserialize;

use super::view::{self, Pager, case_study_url};
use super::{Gated, OrPage, PageResult, Writers, not_found};
use crate::app::AppState;
use crate::authorities;
use crate::case_studies::Status;
use crate::case_studies::listing::{self, ListFilter};
use crate::i18n::{self, Locale};
use crate::paging::PageRequest;

const PAGE_SIZE: u64 = 25;

pub struct OurCaseStudy {
    pub title: String,
    pub url: String,
    pub status: String,
    pub outcome: String,
    pub outcome_class: &'static str,
    pub updated: String,
    /// Its review date has passed: "Review due since 3 March 2026".
    pub review_due: Option<String>,
}

/// A status filter as the page's tabs show it.
pub struct StatusTab {
    pub label: String,
    pub url: String,
    pub current: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "our_case_studies.html")]
pub struct OurCaseStudiesPage {
    layout: super::Layout,
    council: String,
    tabs: Vec<StatusTab>,
    /// "Drafts", "Published", … or "All"; for the caption and the empty message.
    showing: String,
    /// A status is chosen (not "all").
    filtered: bool,
    total: u64,
    case_studies: Vec<OurCaseStudy>,
    pager: Pager,
}

#[derive(Deserialize)]
pub struct OursQuery {
    #[serde(default)]
    status: String,
    #[serde(default)]
    page: String,
}

pub async fn ours(
    State(state): State<AppState>,
    Gated(layout, ..): Gated<Writers>,
    Query(query): Query<OursQuery>,
) -> PageResult {
    let council = match layout.viewer.council() {
        Some(id) => authorities::find_by_id(&state.reads, id).await.or_page(&layout)?,
        None => None,
    };
    let Some(council) = council else {
        return Ok(not_found(layout));
    };
    let chosen = Status::from_name(&query.status);
    let (number, request) = PageRequest::numbered(&query.page, PAGE_SIZE);
    let filter = ListFilter {
        statuses: chosen.map_or_else(|| Status::iter().collect(), |status| vec![status]),
        authority: Some(council.slug.clone()),
        outcomes: Vec::new(),
    };
    let listed = listing::list(&state.reads, &layout.viewer, filter, request).await.or_page(&layout)?;
    let filter_name = chosen.map_or("ALL", Status::as_str);
    let pager =
        Pager::new(number, PAGE_SIZE, &listed, |page| format!("/our-case-studies?status={filter_name}&page={page}"));
    let page = OurCaseStudiesPage {
        tabs: tabs(chosen, layout.locale),
        showing: chosen.map_or_else(|| layout.t("view-all"), |status| status_label(status, layout.locale)),
        filtered: chosen.is_some(),
        total: listed.total_count,
        case_studies: listed.items.into_iter().map(|item| row(item, layout.locale)).collect(),
        pager,
        council: council.name,
        layout,
    };
    Ok(page.into_response())
}

fn row(item: crate::entities::case_study::Model, locale: Locale) -> OurCaseStudy {
    let today = chrono::Utc::now().date_naive();
    OurCaseStudy {
        review_due: crate::case_studies::workflow::review::is_due(&item, today)
            .then(|| {
                item.review_by.map(|date| locale.t_with("view-review-due-since", "date", view::date(date, locale)))
            })
            .flatten(),
        url: case_study_url(&item.slug),
        status: i18n::value_label(locale, "status", item.status.as_str()),
        outcome: item.outcome.label(locale),
        outcome_class: view::outcome_class(item.outcome),
        updated: view::day(item.updated_at, locale),
        title: item.title,
    }
}

fn tabs(chosen: Option<Status>, locale: Locale) -> Vec<StatusTab> {
    let all = StatusTab { label: locale.t("view-all"), url: "/our-case-studies".into(), current: chosen.is_none() };
    std::iter::once(all)
        .chain(Status::iter().map(|status| StatusTab {
            label: status_label(status, locale),
            url: format!("/our-case-studies?status={}", status.as_str()),
            current: chosen == Some(status),
        }))
        .collect()
}

/// "Changes requested" for CHANGES_REQUESTED (in Welsh, its label).
fn status_label(status: Status, locale: Locale) -> String {
    match locale {
        Locale::English => view::capitalised(&status.as_str().replace('_', " ").to_lowercase()),
        Locale::Welsh => i18n::value_label(locale, "status", status.as_str()),
    }
}
