//! One pass over the matching documents that computes everything a search
//! page needs: the hits that pass every filter (top N by score or date), the
//! total, and disjunctive facet counts.
//!
//! Disjunctive faceting: a facet's counts ignore that facet's own selection
//! (so a user can widen it) but respect every other. In one pass: a document
//! that passes all filters counts under every facet; one that fails exactly
//! one facet's filter counts under that facet only; one that fails two or
//! more counts nowhere.
//!
//! Everything is read by slot (facet and term ordinal) from the segment's arrays in the
//! `FacetCache` (built once per segment from the fast fields), with plain
//! vectors for counters; the segments' counts add up by the generation's
//! `Dictionary`, and only the caller makes strings, for the values it shows.
//! Tantivy's stock `FacetCollector` walks facet paths per document, which is
//! what makes it slow on high-cardinality facets (tags, councils).

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::ops::RangeInclusive;
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::index::SegmentId;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader, Term};

use crate::facet_cache::{Dictionary, SegmentFacets};
use crate::schema::{Facet, Fields};

const FACETS: usize = Facet::ALL.len();

/// What a search is narrowed to: values per facet (ORed within a facet,
/// ANDed across). Start years are a facet too (`years`, as text: 2019 and
/// 2021 is those two years, not 2020), and may also be bounded by an
/// inclusive range (`year_from`, `year_to`); a document passes the year
/// facet when it passes both.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Filters {
    pub outcomes: Vec<String>,
    pub service_areas: Vec<String>,
    pub technologies: Vec<String>,
    pub tags: Vec<String>,
    pub authorities: Vec<String>,
    pub regions: Vec<String>,
    pub authority_kinds: Vec<String>,
    pub cost_bands: Vec<String>,
    pub years: Vec<String>,
    pub year_from: Option<i32>,
    pub year_to: Option<i32>,
    pub evidence_strengths: Vec<String>,
    /// `["true"]` or `["false"]`: the two-valued facets are filtered by value too.
    pub over_budget: Vec<String>,
    pub late: Vec<String>,
    pub reused: Vec<String>,
    pub language: Vec<String>,
}

impl Filters {
    fn values(&self, facet: Facet) -> &[String] {
        match facet {
            Facet::Outcome => &self.outcomes,
            Facet::ServiceArea => &self.service_areas,
            Facet::Technology => &self.technologies,
            Facet::Tag => &self.tags,
            Facet::Authority => &self.authorities,
            Facet::Region => &self.regions,
            Facet::AuthorityKind => &self.authority_kinds,
            Facet::CostBand => &self.cost_bands,
            Facet::Year => &self.years,
            Facet::EvidenceStrength => &self.evidence_strengths,
            Facet::OverBudget => &self.over_budget,
            Facet::Late => &self.late,
            Facet::Reused => &self.reused,
            Facet::Language => &self.language,
        }
    }

    /// The values selected in a facet (a range of years is not listed: only chosen years).
    pub fn selected(&self, facet: Facet) -> &[String] {
        self.values(facet)
    }

    /// A query that lets through every document the faceted collector could
    /// count, and as few others as it can: with filters on `m` ≥ 2 facets, a
    /// document failing two of them counts nowhere, so it must pass `m - 1`.
    /// (A range of years is left out; chosen years take part like any facet's values.)
    /// Scores nothing. Intersected with the words, it lets costly checks —
    /// a phrase's positions — run only on documents that can count.
    pub(crate) fn narrowing_query(&self, fields: &Fields) -> Option<Box<dyn Query>> {
        let per_facet: Vec<(Occur, Box<dyn Query>)> = Facet::ALL
            .into_iter()
            .filter(|&facet| !self.values(facet).is_empty())
            .map(|facet| {
                let field = fields.facets[facet.index()];
                let any_value = self
                    .values(facet)
                    .iter()
                    .map(|value| {
                        let term = Term::from_field_text(field, value);
                        (Occur::Should, Box::new(TermQuery::new(term, IndexRecordOption::Basic)) as Box<dyn Query>)
                    })
                    .collect();
                (Occur::Should, Box::new(BooleanQuery::new(any_value)) as Box<dyn Query>)
            })
            .collect();
        if per_facet.len() < 2 {
            return None;
        }
        let required = per_facet.len() - 1;
        Some(Box::new(ConstScoreQuery::new(
            Box::new(BooleanQuery::with_minimum_required_clauses(per_facet, required)),
            0.0,
        )))
    }

    fn year_range(&self) -> Option<RangeInclusive<i32>> {
        if self.year_from.is_none() && self.year_to.is_none() {
            return None;
        }
        Some(self.year_from.unwrap_or(i32::MIN)..=self.year_to.unwrap_or(i32::MAX))
    }

    /// Whether a start year (as indexed, text) passes the year facet; `None`
    /// when no year is filtered.
    fn year_filter(&self) -> Option<impl Fn(&str) -> bool + '_> {
        let range = self.year_range();
        if range.is_none() && self.years.is_empty() {
            return None;
        }
        Some(move |text: &str| {
            let chosen = self.years.is_empty() || self.years.iter().any(|year| year == text);
            let in_range =
                range.as_ref().is_none_or(|range| text.parse::<i32>().is_ok_and(|year| range.contains(&year)));
            chosen && in_range
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    Relevance,
    Newest,
    Oldest,
}

/// A hit's place in the ranking: higher first, then by address for stability.
#[derive(Clone, Copy, Debug)]
pub struct Ranked {
    pub key: f64,
    pub address: DocAddress,
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Ranked {}
impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Ranked {
    /// "Greater" means "ranks first".
    fn cmp(&self, other: &Self) -> Ordering {
        self.key.total_cmp(&other.key).then_with(|| other.address.cmp(&self.address))
    }
}

pub struct Collected {
    pub total: u64,
    /// Best first.
    pub top: Vec<Ranked>,
    /// Per facet, each value's count, by its number in the generation's `Dictionary`.
    pub counts: [Vec<u64>; FACETS],
}

pub struct FacetedCollector<'a> {
    pub filters: &'a Filters,
    pub include_members_only: bool,
    pub order: Order,
    /// How many of the best hits to keep (offset + page size).
    pub keep: usize,
    /// The facet values of the searcher's generation.
    pub dictionary: &'a Dictionary,
}

impl Collector for FacetedCollector<'_> {
    type Fruit = Collected;
    type Child = FacetedSegmentCollector;

    fn for_segment(&self, segment: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<Self::Child> {
        let facets = self.dictionary.segment(reader.segment_id())?.facets.clone();
        let selected = Facet::ALL
            .iter()
            .filter_map(|&facet| {
                let accepted: Vec<usize> = if facet == Facet::Year {
                    let passes = self.filters.year_filter()?;
                    let offset = facets.offsets[facet.index()] as usize;
                    let values = facets.values[facet.index()].iter().enumerate();
                    values.filter(|(_, text)| passes(text)).map(|(ordinal, _)| offset + ordinal).collect()
                } else {
                    let values = self.filters.values(facet);
                    if values.is_empty() {
                        return None;
                    }
                    values.iter().filter_map(|value| facets.slot(facet, value)).collect()
                };
                let mut bits = vec![false; facets.slot_count()];
                for slot in accepted {
                    bits[slot] = true;
                }
                Some((facet.index(), bits))
            })
            .collect();
        Ok(FacetedSegmentCollector {
            segment,
            segment_id: reader.segment_id(),
            counts: vec![0; facets.slot_count()],
            facets,
            selected,
            include_members_only: self.include_members_only,
            order: self.order,
            keep: self.keep,
            top: BinaryHeap::new(),
            total: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        self.order == Order::Relevance
    }

    fn merge_fruits(&self, fruits: Vec<SegmentFruit>) -> tantivy::Result<Collected> {
        let mut total = 0;
        let mut top = Vec::new();
        let mut counts: [Vec<u64>; FACETS] = std::array::from_fn(|facet| vec![0; self.dictionary.values[facet].len()]);
        for fruit in fruits {
            let view = self.dictionary.segment(fruit.segment_id)?;
            total += fruit.total;
            top.extend(fruit.top);
            let offsets = &view.facets.offsets;
            for (facet, (into, to_global)) in counts.iter_mut().zip(&view.to_global).enumerate() {
                let slots = &fruit.counts[offsets[facet] as usize..offsets[facet + 1] as usize];
                for (ordinal, &count) in slots.iter().enumerate().filter(|(_, count)| **count > 0) {
                    into[to_global[ordinal] as usize] += u64::from(count);
                }
            }
        }
        top.sort_by(|a, b| b.cmp(a));
        top.truncate(self.keep);
        Ok(Collected { total, top, counts })
    }
}

/// One segment's part: its hits, and its counts by the segment's own slots.
pub struct SegmentFruit {
    segment_id: SegmentId,
    total: u64,
    top: Vec<Ranked>,
    counts: Vec<u32>,
}

pub struct FacetedSegmentCollector {
    segment: SegmentOrdinal,
    segment_id: SegmentId,
    facets: Arc<SegmentFacets>,
    /// Per facet with a filter: the facet's index, and which slots it accepts.
    selected: Vec<(usize, Vec<bool>)>,
    /// Per slot.
    counts: Vec<u32>,
    include_members_only: bool,
    order: Order,
    keep: usize,
    /// A min-heap (by `Reverse`) of the best `keep` hits.
    top: BinaryHeap<std::cmp::Reverse<Ranked>>,
    total: u64,
}

impl SegmentCollector for FacetedSegmentCollector {
    type Fruit = SegmentFruit;

    fn collect(&mut self, doc: DocId, score: Score) {
        if !self.include_members_only && self.facets.members_only[doc as usize] {
            return;
        }
        let slots = self.facets.slots(doc);
        let mut failed = None;
        for (facet, accepted) in &self.selected {
            if !slots.iter().any(|&slot| accepted[slot as usize]) {
                if failed.is_some() {
                    return;
                }
                failed = Some(*facet);
            }
        }
        if let Some(facet) = failed {
            let range = self.facets.offsets[facet]..self.facets.offsets[facet + 1];
            for &slot in slots.iter().filter(|slot| range.contains(slot)) {
                self.counts[slot as usize] += 1;
            }
            return;
        }
        self.total += 1;
        for &slot in slots {
            self.counts[slot as usize] += 1;
        }
        if self.keep == 0 {
            return;
        }
        let key = match self.order {
            Order::Relevance => f64::from(score),
            Order::Newest => self.facets.published_at[doc as usize] as f64,
            Order::Oldest => -(self.facets.published_at[doc as usize] as f64),
        };
        let ranked = Ranked { key, address: DocAddress::new(self.segment, doc) };
        if self.top.len() < self.keep {
            self.top.push(std::cmp::Reverse(ranked));
        } else if self.top.peek().is_some_and(|worst| ranked > worst.0) {
            self.top.pop();
            self.top.push(std::cmp::Reverse(ranked));
        }
    }

    fn harvest(self) -> SegmentFruit {
        // Best first (the heap holds `Reverse`s, so ascending is best first).
        let top = self.top.into_sorted_vec().into_iter().map(|ranked| ranked.0).collect();
        SegmentFruit { segment_id: self.segment_id, total: self.total, top, counts: self.counts }
    }
}
