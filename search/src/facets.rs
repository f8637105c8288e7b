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
//! Everything is read by term ordinal from the segment's arrays in the
//! `FacetCache` (built once per segment from the fast fields), with plain
//! vectors for counters; ordinals become strings once per segment at harvest.
//! Tantivy's stock `FacetCollector` walks facet paths per document, which is
//! what makes it slow on high-cardinality facets (tags, councils).

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};
use std::ops::RangeInclusive;
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use crate::facet_cache::{FacetCache, SegmentFacets};
use crate::schema::Facet;

const FACETS: usize = Facet::ALL.len();

/// What a search is narrowed to: values per facet (ORed within a facet,
/// ANDed across), and an inclusive range of start years.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    pub outcomes: Vec<String>,
    pub service_areas: Vec<String>,
    pub technologies: Vec<String>,
    pub tags: Vec<String>,
    pub authorities: Vec<String>,
    pub regions: Vec<String>,
    pub authority_kinds: Vec<String>,
    pub cost_bands: Vec<String>,
    pub year_from: Option<i32>,
    pub year_to: Option<i32>,
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
            Facet::Year => &[],
        }
    }

    /// The values selected in a facet (years as text, when a range is set, are not listed).
    pub fn selected(&self, facet: Facet) -> &[String] {
        self.values(facet)
    }

    fn years(&self) -> Option<RangeInclusive<i32>> {
        if self.year_from.is_none() && self.year_to.is_none() {
            return None;
        }
        Some(self.year_from.unwrap_or(i32::MIN)..=self.year_to.unwrap_or(i32::MAX))
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
    /// Per facet, each value counted (once: segments' counts are summed).
    pub counts: [Vec<(String, u64)>; FACETS],
}

pub struct FacetedCollector<'a> {
    pub filters: &'a Filters,
    pub include_members_only: bool,
    pub order: Order,
    /// How many of the best hits to keep (offset + page size).
    pub keep: usize,
    pub cache: &'a FacetCache,
}

impl Collector for FacetedCollector<'_> {
    type Fruit = Collected;
    type Child = FacetedSegmentCollector;

    fn for_segment(&self, segment: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<Self::Child> {
        let facets = self.cache.segment(reader)?;
        let selected: Vec<Option<Vec<bool>>> = Facet::ALL
            .iter()
            .map(|&facet| {
                let column = &facets.columns[facet.index()];
                if facet == Facet::Year {
                    let years = self.filters.years()?;
                    let bits =
                        column.values.iter().map(|text| text.parse::<i32>().is_ok_and(|year| years.contains(&year)));
                    return Some(bits.collect());
                }
                let values = self.filters.values(facet);
                if values.is_empty() {
                    return None;
                }
                let mut bits = vec![false; column.values.len()];
                for ordinal in values.iter().filter_map(|value| column.ordinal(value)) {
                    bits[ordinal] = true;
                }
                Some(bits)
            })
            .collect();
        let counts = facets.columns.iter().map(|column| vec![0u32; column.values.len()]).collect();
        let active: Vec<usize> = (0..FACETS).filter(|&index| selected[index].is_some()).collect();
        Ok(FacetedSegmentCollector {
            segment,
            facets,
            selected,
            active,
            counts,
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

    fn merge_fruits(&self, mut fruits: Vec<Collected>) -> tantivy::Result<Collected> {
        if fruits.len() == 1
            && let Some(only) = fruits.pop()
        {
            return Ok(only);
        }
        let mut total = 0;
        let mut top = Vec::new();
        let mut merged: Vec<HashMap<String, u64>> = vec![HashMap::new(); FACETS];
        for fruit in fruits {
            total += fruit.total;
            top.extend(fruit.top);
            for (into, from) in merged.iter_mut().zip(fruit.counts) {
                for (value, count) in from {
                    *into.entry(value).or_default() += count;
                }
            }
        }
        top.sort_by(|a, b| b.cmp(a));
        top.truncate(self.keep);
        let mut counts: [Vec<(String, u64)>; FACETS] = Default::default();
        for (into, from) in counts.iter_mut().zip(merged) {
            *into = from.into_iter().collect();
        }
        Ok(Collected { total, top, counts })
    }
}

pub struct FacetedSegmentCollector {
    segment: SegmentOrdinal,
    facets: Arc<SegmentFacets>,
    /// Per facet with a filter: which term ordinals it accepts.
    selected: Vec<Option<Vec<bool>>>,
    /// Indexes of the facets with a filter.
    active: Vec<usize>,
    counts: Vec<Vec<u32>>,
    include_members_only: bool,
    order: Order,
    keep: usize,
    /// A min-heap (by `Reverse`) of the best `keep` hits.
    top: BinaryHeap<std::cmp::Reverse<Ranked>>,
    total: u64,
}

impl FacetedSegmentCollector {
    #[inline]
    fn passes(&self, facet: usize, doc: DocId) -> bool {
        let Some(bits) = &self.selected[facet] else {
            return true;
        };
        self.facets.columns[facet].ords(doc).iter().any(|&ordinal| bits[ordinal as usize])
    }

    #[inline]
    fn count(&mut self, facet: usize, doc: DocId) {
        let counts = &mut self.counts[facet];
        for &ordinal in self.facets.columns[facet].ords(doc) {
            counts[ordinal as usize] += 1;
        }
    }
}

impl SegmentCollector for FacetedSegmentCollector {
    type Fruit = Collected;

    fn collect(&mut self, doc: DocId, score: Score) {
        if !self.include_members_only && self.facets.members_only[doc as usize] {
            return;
        }
        let mut failed: u32 = 0;
        for position in 0..self.active.len() {
            let facet = self.active[position];
            if !self.passes(facet, doc) {
                failed |= 1 << facet;
                if failed.count_ones() > 1 {
                    return;
                }
            }
        }
        if failed != 0 {
            self.count(failed.trailing_zeros() as usize, doc);
            return;
        }
        self.total += 1;
        for facet in 0..FACETS {
            self.count(facet, doc);
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

    fn harvest(self) -> Collected {
        let mut counts: [Vec<(String, u64)>; FACETS] = Default::default();
        for (facet, per_ordinal) in self.counts.iter().enumerate() {
            let values = &self.facets.columns[facet].values;
            counts[facet] = per_ordinal
                .iter()
                .enumerate()
                .filter(|(_, count)| **count > 0)
                .map(|(ordinal, &count)| (values[ordinal].clone(), u64::from(count)))
                .collect();
        }
        // Best first (the heap holds `Reverse`s, so ascending is best first).
        let top = self.top.into_sorted_vec().into_iter().map(|ranked| ranked.0).collect();
        Collected { total: self.total, top, counts }
    }
}
