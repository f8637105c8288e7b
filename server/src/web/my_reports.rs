//! `/my-reports`: the reports the signed-in member made and what became of
//! them (how a reporter learns the outcome), newest first. The moderator's
//! note is not shown: it is for the council that wrote the case study.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::IntoResponse;

use super::view::{self, Pager};
use super::{Gated, Layout, OrPage, PageResult, SignedIn};
use crate::app::AppState;
use crate::paging::PageRequest;
use crate::reports::{self, ReportStatus};

const PAGE_SIZE: u64 = 50;

pub struct MyReport {
    pub title: String,
    /// The case study's page, while the member may read it.
    pub url: Option<String>,
    pub reason: String,
    pub outcome: String,
    pub at: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "my_reports.html")]
pub struct MyReportsPage {
    layout: Layout,
    reports: Vec<MyReport>,
    pager: Pager,
}

#[derive(serde::Deserialize, Default)]
pub struct PageQuery {
    #[serde(default)]
    page: String,
}

pub async fn my_reports(
    State(state): State<AppState>,
    Gated(layout, ..): Gated<SignedIn>,
    Query(query): Query<PageQuery>,
) -> PageResult {
    let (number, request) = PageRequest::numbered(&query.page, PAGE_SIZE);
    let page = reports::of_reporter(&state.reads, &layout.viewer, request).await.or_page(&layout)?;
    let ids: Vec<String> = page.items.iter().map(|item| item.report.case_study_id.clone()).collect();
    let readable =
        crate::case_studies::listing::readable_among(&state.reads, &layout.viewer, &ids).await.or_page(&layout)?;
    let pager = Pager::new(number, PAGE_SIZE, &page, |page| format!("/my-reports?page={page}"));
    let reports = page
        .items
        .into_iter()
        .map(|item| MyReport {
            url: readable.get(&item.report.case_study_id).map(|slug| view::case_study_url(slug)),
            // What they can no longer read stays unnamed (its title may also have changed since).
            title: if readable.contains_key(&item.report.case_study_id) {
                item.report.snapshot.title.clone()
            } else {
                layout.t("view-report-unavailable")
            },
            reason: item.reason().label(layout.locale),
            outcome: layout.t(match item.report.status {
                ReportStatus::Open => "view-report-open",
                ReportStatus::Dismissed => "view-report-dismissed",
                ReportStatus::Upheld => "view-report-upheld",
            }),
            at: view::moment(item.own.as_ref().map_or(item.report.created_at, |own| own.updated_at), layout.locale),
        })
        .collect();
    Ok(MyReportsPage { layout, reports, pager }.into_response())
}
