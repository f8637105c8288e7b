use async_graphql::{Context, Enum, InputObject, SimpleObject};

use super::CaseStudyNode;
use super::case_study::prefetch;
use crate::authorities::AuthorityKind;
use crate::case_studies::evidence::EvidenceStrength;
use crate::case_studies::{CostBand, Language, Outcome};
use crate::entities::case_study;
use crate::graphql::connection::{PageInfo, encode_cursor};
use crate::search_sync::{FacetValue, SearchPage};
use casebook_search::{Facet, Filters, Sort};

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SearchSort {
    /// By relevance when there are words; newest first otherwise.
    #[default]
    Relevance,
    Newest,
    Oldest,
}

impl From<SearchSort> for Sort {
    fn from(sort: SearchSort) -> Self {
        match sort {
            SearchSort::Relevance => Sort::Relevance,
            SearchSort::Newest => Sort::Newest,
            SearchSort::Oldest => Sort::Oldest,
        }
    }
}

/// Values are ORed within a facet and facets are ANDed.
#[derive(InputObject, Default)]
pub struct SearchFilter {
    pub outcomes: Option<Vec<Outcome>>,
    pub service_areas: Option<Vec<String>>,
    pub technologies: Option<Vec<String>>,
    pub tags: Option<Vec<String>>,
    /// Council slugs: a case study counts under its council and each collaborator.
    pub authorities: Option<Vec<String>>,
    pub regions: Option<Vec<String>>,
    pub authority_kinds: Option<Vec<AuthorityKind>>,
    pub cost_bands: Option<Vec<CostBand>>,
    /// Start years, ORed: 2019 and 2021 is those two years, not 2020.
    pub years: Option<Vec<i32>>,
    /// Start year, inclusive (with `years`, both apply).
    pub year_from: Option<i32>,
    /// Start year, inclusive.
    pub year_to: Option<i32>,
    pub evidence_strengths: Option<Vec<EvidenceStrength>>,
    /// True: the actual cost exceeds the planned; false: it does not (both known).
    pub over_budget: Option<bool>,
    /// True: it ended after its planned end; false: on time (both known).
    pub late: Option<bool>,
    /// True: another council says it reused this one; false: none has.
    pub reused: Option<bool>,
    /// The languages case studies are written in, ORed: [CY, BILINGUAL] is everything in Welsh.
    pub language: Option<Vec<Language>>,
}

impl From<SearchFilter> for Filters {
    fn from(filter: SearchFilter) -> Self {
        let names = |values: Option<Vec<String>>| values.unwrap_or_default();
        Filters {
            outcomes: filter.outcomes.unwrap_or_default().into_iter().map(|o| o.as_str().to_owned()).collect(),
            service_areas: names(filter.service_areas),
            technologies: names(filter.technologies),
            tags: filter.tags.unwrap_or_default().iter().map(|tag| crate::case_studies::normalise_tag(tag)).collect(),
            authorities: names(filter.authorities),
            regions: names(filter.regions),
            authority_kinds: filter
                .authority_kinds
                .unwrap_or_default()
                .into_iter()
                .map(|k| k.as_str().to_owned())
                .collect(),
            cost_bands: filter.cost_bands.unwrap_or_default().into_iter().map(|b| b.as_str().to_owned()).collect(),
            years: filter.years.unwrap_or_default().iter().map(i32::to_string).collect(),
            year_from: filter.year_from,
            year_to: filter.year_to,
            evidence_strengths: filter
                .evidence_strengths
                .unwrap_or_default()
                .into_iter()
                .map(|strength| strength.as_str().to_owned())
                .collect(),
            over_budget: yes_no(filter.over_budget),
            late: yes_no(filter.late),
            reused: yes_no(filter.reused),
            language: filter.language.unwrap_or_default().into_iter().map(|l| l.as_str().to_owned()).collect(),
        }
    }
}

/// A two-valued filter as the index's facet value ("true" or "false").
fn yes_no(value: Option<bool>) -> Vec<String> {
    value.map(|value| crate::case_studies::evidence::facet_value(value).to_owned()).into_iter().collect()
}

#[derive(SimpleObject, Clone, Debug)]
pub struct Highlight {
    /// `title`, `summary`, `tags`, `lessons`, `doDifferently` or `body`; in
    /// Welsh text `titleCy`, `summaryCy` or `textCy`.
    pub field: String,
    /// HTML: the matched words in `<mark>`, everything else escaped.
    pub snippet: String,
}

#[derive(SimpleObject)]
pub struct SearchEdge {
    pub cursor: String,
    pub score: f64,
    pub node: CaseStudyNode,
    pub highlights: Vec<Highlight>,
}

#[derive(SimpleObject, Clone, Debug)]
pub struct FacetCount {
    pub value: String,
    pub label: String,
    pub count: i32,
}

#[derive(SimpleObject, Default)]
pub struct SearchFacets {
    pub outcome: Vec<FacetCount>,
    pub service_area: Vec<FacetCount>,
    pub technology: Vec<FacetCount>,
    pub tag: Vec<FacetCount>,
    pub authority: Vec<FacetCount>,
    pub region: Vec<FacetCount>,
    pub authority_kind: Vec<FacetCount>,
    pub year: Vec<FacetCount>,
    pub cost_band: Vec<FacetCount>,
    pub evidence_strength: Vec<FacetCount>,
    /// "true" (over budget) and "false" (within it), among those with both costs.
    pub over_budget: Vec<FacetCount>,
    /// "true" (late) and "false" (on time), among those with both end dates.
    pub late: Vec<FacetCount>,
    /// "true" (reused by other councils) and "false".
    pub reused: Vec<FacetCount>,
    /// "EN", "CY" and "BILINGUAL".
    pub language: Vec<FacetCount>,
}

#[derive(SimpleObject)]
pub struct SearchResults {
    pub total_count: i32,
    pub edges: Vec<SearchEdge>,
    pub page_info: PageInfo,
    pub facets: SearchFacets,
    /// True when no case study had every word, and these results match any of them.
    pub relaxed: bool,
}

impl SearchResults {
    /// The results, with what the hits' selection needs prefetched (as a page of case studies).
    pub async fn load(ctx: &Context<'_>, page: SearchPage) -> async_graphql::Result<Self> {
        let hits: Vec<&case_study::Model> = page.hits.iter().map(|hit| &hit.case_study).collect();
        prefetch(ctx, &hits).await?;
        Ok(page.into())
    }
}

impl From<SearchPage> for SearchResults {
    fn from(page: SearchPage) -> Self {
        let offset = page.page.offset;
        let edges: Vec<SearchEdge> = page
            .hits
            .into_iter()
            .enumerate()
            .map(|(index, hit)| SearchEdge {
                cursor: encode_cursor(offset + index as u64),
                score: f64::from(hit.score),
                node: CaseStudyNode(hit.case_study),
                highlights: hit
                    .highlights
                    .into_iter()
                    .map(|highlight| Highlight { field: highlight.field, snippet: highlight.snippet })
                    .collect(),
            })
            .collect();
        let page_info = PageInfo {
            has_next_page: offset + page.page.first < page.total,
            has_previous_page: offset > 0,
            start_cursor: edges.first().map(|edge| edge.cursor.clone()),
            end_cursor: edges.last().map(|edge| edge.cursor.clone()),
        };
        let mut facets = page.facets;
        let mut take = |facet: Facet| -> Vec<FacetCount> {
            facets
                .remove(&facet)
                .unwrap_or_default()
                .into_iter()
                .map(|FacetValue { value, label, count }| FacetCount {
                    value,
                    label,
                    count: count.min(i32::MAX as u64) as i32,
                })
                .collect()
        };
        let facets = SearchFacets {
            outcome: take(Facet::Outcome),
            service_area: take(Facet::ServiceArea),
            technology: take(Facet::Technology),
            tag: take(Facet::Tag),
            authority: take(Facet::Authority),
            region: take(Facet::Region),
            authority_kind: take(Facet::AuthorityKind),
            year: take(Facet::Year),
            cost_band: take(Facet::CostBand),
            evidence_strength: take(Facet::EvidenceStrength),
            over_budget: take(Facet::OverBudget),
            late: take(Facet::Late),
            reused: take(Facet::Reused),
            language: take(Facet::Language),
        };
        SearchResults {
            total_count: page.total.min(i32::MAX as u64) as i32,
            edges,
            page_info,
            facets,
            relaxed: page.relaxed,
        }
    }
}
