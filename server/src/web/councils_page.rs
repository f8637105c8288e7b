//! `GET /councils?name=&nation=&region=&kind=`: the register, by nation,
//! each council with how many case studies name it (anonymous ones are never
//! counted, as its own page never lists them), searchable by name and
//! filtered by nation, region and kind, in a plain GET form.

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::IntoResponse;
use serde::Deserialize;

use super::view::{self, council_url};
use super::{Layout, OrPage, PageResult};
use crate::app::AppState;
use crate::authorities::{self, AuthorityKind};
use crate::case_studies::listing;
use crate::entities::authority;
use crate::i18n::Locale;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CouncilsQuery {
    name: String,
    nation: String,
    region: String,
    kind: String,
}

pub struct CouncilRow {
    pub name: String,
    pub url: String,
    pub kind: String,
    pub region: String,
    pub case_studies: u64,
}

/// One nation's councils.
pub struct NationGroup {
    pub name: String,
    pub councils: Vec<CouncilRow>,
}

/// A choice in one of the filters.
pub struct Choice {
    pub value: String,
    pub label: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "councils.html")]
pub struct CouncilsPage {
    layout: Layout,
    query: CouncilsQuery,
    nations: Vec<Choice>,
    regions: Vec<Choice>,
    kinds: Vec<Choice>,
    groups: Vec<NationGroup>,
    shown: usize,
}

pub async fn councils(State(state): State<AppState>, layout: Layout, Query(query): Query<CouncilsQuery>) -> PageResult {
    let all = authorities::search(&state.reads, None).await.or_page(&layout)?;
    let matching = authorities::named(all.clone(), Some(&query.name));
    let counts = listing::counts_by_authority(&state.reads, &layout.viewer).await.or_page(&layout)?;
    let kind = AuthorityKind::from_name(&query.kind);
    let wanted = |council: &authority::Model| {
        (query.nation.is_empty() || council.nation == query.nation)
            && (query.region.is_empty() || council.region == query.region)
            && kind.is_none_or(|kind| council.kind == kind)
    };
    let mut by_nation: BTreeMap<String, Vec<CouncilRow>> = BTreeMap::new();
    let mut shown = 0;
    for council in matching.into_iter().filter(wanted) {
        shown += 1;
        by_nation.entry(council.nation.clone()).or_default().push(CouncilRow {
            url: council_url(&council.slug),
            kind: council.kind.label(layout.locale),
            region: region_name(&council.region, layout.locale),
            case_studies: counts.get(&council.id).copied().unwrap_or(0),
            name: authorities::name_in(&council, layout.locale).to_owned(),
        });
    }
    let page = CouncilsPage {
        nations: choices(all.iter().map(|council| council.nation.as_str()), layout.locale),
        regions: choices(all.iter().map(|council| council.region.as_str()), layout.locale),
        kinds: AuthorityKind::ALL
            .into_iter()
            .map(|kind| Choice { value: kind.as_str().into(), label: kind.label(layout.locale) })
            .collect(),
        groups: by_nation
            .into_iter()
            .map(|(nation, councils)| NationGroup { name: region_name(&nation, layout.locale), councils })
            .collect(),
        shown,
        query,
        layout,
    };
    Ok(page.into_response())
}

/// "the North East" → "North East", for a heading or a table cell.
fn region_name(key: &str, locale: Locale) -> String {
    let name = authorities::region_display_name(key, locale);
    view::capitalised(name.strip_prefix("the ").unwrap_or(&name))
}

/// The distinct values, in order, with their display names.
fn choices<'a>(values: impl Iterator<Item = &'a str>, locale: Locale) -> Vec<Choice> {
    let distinct: std::collections::BTreeSet<&str> = values.collect();
    distinct.into_iter().map(|value| Choice { value: value.to_owned(), label: region_name(value, locale) }).collect()
}
