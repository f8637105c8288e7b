//! `/search`: words and facets in a plain GET form (it works without
//! JavaScript; a small script applies a checkbox as soon as it changes),
//! results with highlights, every facet as a checkbox group with counts,
//! active filters removable one by one, pagination, and the "relaxed" notice.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use casebook_search::{Facet, Filters, Sort};

use super::view::{self, Pager, outcome_class};
use super::{Layout, internal_error, problem};
use crate::app::AppState;
use crate::authorities;
use crate::case_studies::policy;
use crate::entities::authority;
use crate::error::{AppError, AppResult};
use crate::i18n::Locale;
use crate::identity::Viewer;
use crate::paging::PageRequest;
use crate::search_sync::IndexTurn;
use crate::search_sync::{FacetValue, SearchArgs, SearchPage};

const PAGE_SIZE: u64 = 20;

/// One hit as the page shows it.
pub struct HitView {
    pub title: String,
    pub url: String,
    pub authority_label: String,
    /// The council's page, when the viewer may know the council.
    pub authority_url: Option<String>,
    pub outcome: String,
    pub outcome_class: &'static str,
    /// The language of the title and summary (`lang`).
    pub lang: &'static str,
    pub summary: String,
    /// The summary with its matches in `<mark>` (escaped by the search crate), when it matched.
    pub summary_html: Option<String>,
    /// (field label, snippet HTML: matches in `<mark>`, everything else escaped by the search crate)
    pub snippets: Vec<(String, String)>,
    pub published: String,
}

pub struct FacetView {
    pub param: &'static str,
    pub legend: String,
    pub values: Vec<FacetValueView>,
}

pub struct FacetValueView {
    pub value: String,
    pub label: String,
    pub count: u64,
    pub checked: bool,
    pub id: String,
}

pub struct ActiveFilter {
    pub label: String,
    pub remove_url: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "search.html")]
pub struct SearchPageView {
    layout: Layout,
    query: String,
    total: u64,
    relaxed: bool,
    hits: Vec<HitView>,
    facets: Vec<FacetView>,
    active: Vec<ActiveFilter>,
    pager: Pager,
    sort: &'static str,
    /// The range of start years, as typed (the range control beside the year boxes).
    year_from: String,
    year_to: String,
    /// The query string without its page: the feed's and a saved search's.
    search: String,
}

/// The facets in the order the page shows them, with their parameter names.
/// (Their legends are `facet-legend-*` in `views.ftl`.)
const FACETS: [(Facet, &str, &str); 14] = [
    (Facet::Outcome, "outcome", "facet-legend-outcome"),
    (Facet::ServiceArea, "serviceArea", "facet-legend-service-area"),
    (Facet::Technology, "technology", "facet-legend-technology"),
    (Facet::Language, "language", "facet-legend-language"),
    (Facet::Region, "region", "facet-legend-region"),
    (Facet::AuthorityKind, "authorityKind", "facet-legend-authority-kind"),
    (Facet::Authority, "authority", "facet-legend-authority"),
    (Facet::Year, "year", "facet-legend-year"),
    (Facet::CostBand, "costBand", "facet-legend-cost-band"),
    (Facet::EvidenceStrength, "evidence", "facet-legend-evidence"),
    (Facet::OverBudget, "overBudget", "facet-legend-over-budget"),
    (Facet::Late, "late", "facet-legend-late"),
    (Facet::Reused, "reused", "facet-legend-reused"),
    (Facet::Tag, "tag", "facet-legend-tag"),
];

/// The page's parameters, in the order they came.
struct Params(Vec<(String, String)>);

impl Params {
    fn parse(raw: Option<&str>) -> Params {
        Params(url::form_urlencoded::parse(raw.unwrap_or_default().as_bytes()).into_owned().collect())
    }

    fn first(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
    }

    fn all(&self, name: &str) -> Vec<String> {
        self.0.iter().filter(|(key, value)| key == name && !value.is_empty()).map(|(_, value)| value.clone()).collect()
    }

    /// The URL of this search without one parameter value (or without `page`).
    fn url_without(&self, name: &str, value: Option<&str>) -> String {
        let kept = self.0.iter().filter(|(key, current)| {
            key != "page" && !(key == name && value.is_none_or(|value| value == current)) && !current.is_empty()
        });
        let query: String = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(kept).finish();
        if query.is_empty() { "/search".into() } else { format!("/search?{query}") }
    }

    fn url_with_page(&self, page: u64) -> String {
        let base = self.url_without("page", None);
        let separator = if base.contains('?') { '&' } else { '?' };
        if page <= 1 { base } else { format!("{base}{separator}page={page}") }
    }
}

/// The words and filters of a search page's query string (the feed of a search reads it too).
pub fn query_of(raw: Option<&str>) -> (String, Filters) {
    let params = Params::parse(raw);
    (params.first("q").unwrap_or_default().to_owned(), filters_of(&params))
}

fn filters_of(params: &Params) -> Filters {
    let year = |name| params.first(name).and_then(|year: &str| year.trim().parse::<i32>().ok());
    Filters {
        outcomes: params.all("outcome"),
        service_areas: params.all("serviceArea"),
        technologies: params.all("technology"),
        tags: params.all("tag"),
        authorities: params.all("authority"),
        regions: params.all("region"),
        authority_kinds: params.all("authorityKind"),
        cost_bands: params.all("costBand"),
        // Checked years are those years (ORed, as every facet's values); a
        // from–to range narrows them further.
        years: params.all("year"),
        year_from: year("yearFrom"),
        year_to: year("yearTo"),
        evidence_strengths: params.all("evidence"),
        over_budget: params.all("overBudget"),
        late: params.all("late"),
        reused: params.all("reused"),
        language: params.all("language"),
    }
}

pub async fn search(State(state): State<AppState>, layout: Layout, RawQuery(raw): RawQuery) -> Response {
    let params = Params::parse(raw.as_deref());
    let query = params.first("q").unwrap_or_default().to_owned();
    if query.chars().count() > crate::search_sync::MAX_QUERY_CHARS {
        let message = layout.t_count("view-search-at-most", crate::search_sync::MAX_QUERY_CHARS);
        let heading = layout.t("view-search-too-long");
        return problem(layout, StatusCode::BAD_REQUEST, &heading, message);
    }
    let (page, page_request) = PageRequest::numbered(params.first("page").unwrap_or_default(), PAGE_SIZE);
    let filters = filters_of(&params);
    let sort = match params.first("sort") {
        Some("newest") => Sort::Newest,
        Some("oldest") => Sort::Oldest,
        _ => Sort::Relevance,
    };
    let args = SearchArgs {
        text: query.clone(),
        facet_limit: 30,
        filters: filters.clone(),
        sort,
        page: page_request,
        within: None,
        locale: layout.locale,
    };
    let viewer = layout.viewer.clone();
    let results = match state.search.search(&state.reads, &viewer, &IndexTurn::default(), args).await {
        Ok(results) => results,
        Err(AppError::BadUserInput(errors)) => {
            let message = errors.iter().map(|error| error.message_in(layout.locale)).collect::<Vec<_>>().join("; ");
            let heading = layout.t("view-search-failed");
            return problem(layout, StatusCode::BAD_REQUEST, &heading, message);
        }
        Err(error) => return internal_error(layout, &error),
    };
    let total = results.total;
    let relaxed = results.relaxed;
    let facets = facet_views(&params, &results.facets, layout.locale);
    let active = active_filters(&params, &facets, layout.locale);
    let hits = match hit_views(&state, &viewer, results, layout.locale).await {
        Ok(hits) => hits,
        Err(error) => return internal_error(layout, &error),
    };
    let pages_label = layout.t("view-pages-of-results");
    let view = SearchPageView {
        year_from: filters.year_from.map(|year| year.to_string()).unwrap_or_default(),
        year_to: filters.year_to.map(|year| year.to_string()).unwrap_or_default(),
        search: params.url_without("page", None).trim_start_matches("/search").trim_start_matches('?').to_owned(),
        layout,
        query,
        total,
        relaxed,
        hits,
        facets,
        active,
        pager: Pager::of_total(page, PAGE_SIZE, total, |number| params.url_with_page(number)).labelled(pages_label),
        sort: match sort {
            Sort::Relevance => "relevance",
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
        },
    };
    view.into_response()
}

fn facet_views(params: &Params, facets: &HashMap<Facet, Vec<FacetValue>>, locale: Locale) -> Vec<FacetView> {
    FACETS
        .iter()
        .map(|&(facet, param, legend)| {
            let checked = params.all(param);
            let values = facets
                .get(&facet)
                .map(|values| {
                    values
                        .iter()
                        .map(|value| FacetValueView {
                            checked: checked.contains(&value.value),
                            id: format!("{param}-{}", value.value),
                            value: value.value.clone(),
                            label: value.label.clone(),
                            count: value.count,
                        })
                        .collect()
                })
                .unwrap_or_default();
            FacetView { param, legend: locale.t(legend), values }
        })
        .collect()
}

fn active_filters(params: &Params, facets: &[FacetView], locale: Locale) -> Vec<ActiveFilter> {
    let mut active = Vec::new();
    for facet in facets {
        for value in params.all(facet.param) {
            let label =
                facet.values.iter().find(|shown| shown.value == value).map_or(value.clone(), |v| v.label.clone());
            active.push(ActiveFilter {
                label: format!("{}: {label}", facet.legend),
                remove_url: params.url_without(facet.param, Some(&value)),
            });
        }
    }
    for (param, label) in [("yearFrom", "view-started-from"), ("yearTo", "view-started-up-to")] {
        let label = locale.t(label);
        if let Some(year) = params.first(param).map(str::trim).filter(|year| year.parse::<i32>().is_ok()) {
            active
                .push(ActiveFilter { label: format!("{label}: {year}"), remove_url: params.url_without(param, None) });
        }
    }
    active
}

/// Hits with their councils' names, or the anonymous label (the rule of `policy`).
pub async fn hit_views(state: &AppState, viewer: &Viewer, page: SearchPage, locale: Locale) -> AppResult<Vec<HitView>> {
    let ids: Vec<i32> = page.hits.iter().map(|hit| hit.case_study.authority_id).collect();
    let councils: HashMap<i32, authority::Model> =
        authorities::find_by_ids(&state.reads, &ids).await?.into_iter().map(|council| (council.id, council)).collect();
    Ok(page
        .hits
        .into_iter()
        .map(|hit| {
            let case_study = hit.case_study;
            let council = councils.get(&case_study.authority_id);
            let authority_label =
                council.map(|council| policy::council_label(viewer, &case_study, council, locale)).unwrap_or_default();
            let authority_url = council
                .filter(|_| policy::can_see_council(viewer, &case_study))
                .map(|council| view::council_url(&council.slug));
            let (leading, _) = view::in_language(&case_study, locale);
            // The summary's own field: Welsh text is indexed as Welsh.
            let summary_field = if leading.lang == Locale::Welsh.html_lang() { "summaryCy" } else { "summary" };
            HitView {
                url: view::case_study_url(&case_study.slug),
                lang: leading.lang,
                title: leading.title,
                authority_label,
                authority_url,
                outcome: case_study.outcome.label(locale),
                outcome_class: outcome_class(case_study.outcome),
                summary: leading.summary,
                summary_html: hit
                    .highlights
                    .iter()
                    .find(|highlight| highlight.field == summary_field)
                    .map(|highlight| highlight.snippet.clone()),
                snippets: hit
                    .highlights
                    .into_iter()
                    .filter_map(|highlight| {
                        let label = match highlight.field.as_str() {
                            "lessons" => "view-snippet-lessons",
                            "tags" => "view-snippet-tags",
                            "body" => "view-snippet-body",
                            "textCy" => "view-snippet-welsh",
                            _ => return None,
                        };
                        Some((locale.t(label), highlight.snippet))
                    })
                    .collect(),
                published: case_study.published_at.map(|at| view::day(at, locale)).unwrap_or_default(),
            }
        })
        .collect())
}
