//! The front page: a search box, the network's counts by outcome, and the
//! latest failures beside the latest successes.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use casebook_search::{Facet, Filters, Sort};

use super::search_page::{HitView, hit_views};
use super::{Layout, internal_error};
use crate::app::AppState;
use crate::case_studies::Outcome;
use crate::i18n::Locale;
use crate::paging::PageRequest;
use crate::search_sync::IndexTurn;
use crate::search_sync::{FacetValue, SearchArgs};

#[derive(Template, WebTemplate)]
#[template(path = "home.html")]
pub struct HomePage {
    layout: Layout,
    total: u64,
    outcomes: Vec<FacetValue>,
    failures: Vec<HitView>,
    successes: Vec<HitView>,
}

pub async fn home(State(state): State<AppState>, layout: Layout) -> Response {
    match load(&state, layout.viewer.clone(), layout.locale).await {
        Ok((total, outcomes, failures, successes)) => {
            HomePage { layout, total, outcomes, failures, successes }.into_response()
        }
        Err(error) => internal_error(layout, &error),
    }
}

type Loaded = (u64, Vec<FacetValue>, Vec<HitView>, Vec<HitView>);

async fn load(state: &AppState, viewer: crate::identity::Viewer, locale: Locale) -> crate::error::AppResult<Loaded> {
    let latest = |outcomes: &[Outcome]| SearchArgs {
        text: String::new(),
        facet_limit: 20,
        filters: Filters { outcomes: outcomes.iter().map(|o| o.as_str().to_owned()).collect(), ..Filters::default() },
        sort: Sort::Newest,
        page: PageRequest { offset: 0, first: 5 },
        within: None,
        locale,
    };
    let turn = IndexTurn::default();
    let failures =
        state.search.search(&state.reads, &viewer, &turn, latest(&[Outcome::Failure, Outcome::Abandoned])).await?;
    let successes =
        state.search.search(&state.reads, &viewer, &turn, latest(&[Outcome::Success, Outcome::PartialSuccess])).await?;
    // The failures' search counts every outcome (a facet ignores its own selection).
    let mut outcomes = failures.facets.get(&Facet::Outcome).cloned().unwrap_or_default();
    outcomes.sort_by_key(|value| Outcome::from_name(&value.value).map(|outcome| outcome as u8));
    let total = outcomes.iter().map(|value| value.count).sum();
    let failures = hit_views(state, &viewer, failures, locale).await?;
    Ok((total, outcomes, failures, hit_views(state, &viewer, successes, locale).await?))
}
