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
//! Everything is read from columnar fast fields by term ordinal, per segment,
//! with plain vectors for counters; ordinals become strings once per segment
//! at harvest. Tantivy's stock `FacetCollector` walks facet paths per
//! document, which is what makes it slow on high-cardinality facets (tags,
//! councils).

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};
use std::ops::RangeInclusive;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

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
    pub counts: [HashMap<String, u64>; FACETS],
}

pub struct FacetedCollector<'a> {
    pub filters: &'a Filters,
    pub include_members_only: bool,
    pub order: Order,
    /// How many of the best hits to keep (offset + page size).
    pub keep: usize,
}

impl Collector for FacetedCollector<'_> {
    type Fruit = Collected;
    type Child = FacetedSegmentCollector;

    fn for_segment(&self, segment: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<Self::Child> {
        let fast = reader.fast_fields();
        let mut columns: Vec<Option<StrColumn>> = Vec::with_capacity(FACETS);
        let mut selected: Vec<Option<Vec<bool>>> = Vec::with_capacity(FACETS);
        for facet in Facet::ALL {
            let column = fast.str(facet.field_name())?;
            let selection = match (&column, facet) {
                (_, Facet::Year) if self.filters.years().is_none() => None,
                (Some(column), Facet::Year) => {
                    let years = self.filters.years().unwrap_or(i32::MIN..=i32::MAX);
                    let mut bits = vec![false; column.num_terms()];
                    let mut text = String::new();
                    for (ordinal, bit) in bits.iter_mut().enumerate() {
                        if column.ord_to_str(ordinal as u64, &mut text)? {
                            *bit = text.parse::<i32>().is_ok_and(|year| years.contains(&year));
                        }
                    }
                    Some(bits)
                }
                (None, Facet::Year) => Some(Vec::new()),
                (_, facet) if self.filters.values(facet).is_empty() => None,
                (Some(column), facet) => {
                    let mut bits = vec![false; column.num_terms()];
                    for value in self.filters.values(facet) {
                        if let Some(ordinal) = column.dictionary().term_ord(value)? {
                            bits[ordinal as usize] = true;
                        }
                    }
                    Some(bits)
                }
                (None, _) => Some(Vec::new()),
            };
            selected.push(selection);
            columns.push(column);
        }
        let counts = columns.iter().map(|column| vec![0u32; column.as_ref().map_or(0, |c| c.num_terms())]).collect();
        let audience = fast.str("audience")?;
        let members_only_ordinal = match &audience {
            Some(column) if !self.include_members_only => column.dictionary().term_ord("members")?,
            _ => None,
        };
        let active: Vec<usize> = (0..FACETS).filter(|&index| selected[index].is_some()).collect();
        Ok(FacetedSegmentCollector {
            segment,
            columns,
            selected,
            active,
            counts,
            audience,
            members_only_ordinal,
            published_at: fast.i64("published_at")?,
            order: self.order,
            keep: self.keep,
            top: BinaryHeap::new(),
            total: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        self.order == Order::Relevance
    }

    fn merge_fruits(&self, fruits: Vec<Collected>) -> tantivy::Result<Collected> {
        let mut merged = Collected { total: 0, top: Vec::new(), counts: Default::default() };
        for fruit in fruits {
            merged.total += fruit.total;
            merged.top.extend(fruit.top);
            for (into, from) in merged.counts.iter_mut().zip(fruit.counts) {
                for (value, count) in from {
                    *into.entry(value).or_default() += count;
                }
            }
        }
        merged.top.sort_by(|a, b| b.cmp(a));
        merged.top.truncate(self.keep);
        Ok(merged)
    }
}

pub struct FacetedSegmentCollector {
    segment: SegmentOrdinal,
    columns: Vec<Option<StrColumn>>,
    /// Per facet with a filter: which term ordinals it accepts.
    selected: Vec<Option<Vec<bool>>>,
    /// Indexes of the facets with a filter.
    active: Vec<usize>,
    counts: Vec<Vec<u32>>,
    audience: Option<StrColumn>,
    members_only_ordinal: Option<u64>,
    published_at: Column<i64>,
    order: Order,
    keep: usize,
    /// A min-heap (by `Reverse`) of the best `keep` hits.
    top: BinaryHeap<std::cmp::Reverse<Ranked>>,
    total: u64,
}

impl FacetedSegmentCollector {
    fn passes(&self, facet: usize, doc: DocId) -> bool {
        let (Some(column), Some(bits)) = (&self.columns[facet], &self.selected[facet]) else {
            return false;
        };
        column.term_ords(doc).any(|ordinal| bits[ordinal as usize])
    }

    fn count(&mut self, facet: usize, doc: DocId) {
        if let Some(column) = &self.columns[facet] {
            for ordinal in column.term_ords(doc) {
                self.counts[facet][ordinal as usize] += 1;
            }
        }
    }
}

impl SegmentCollector for FacetedSegmentCollector {
    type Fruit = Collected;

    fn collect(&mut self, doc: DocId, score: Score) {
        if let (Some(hidden), Some(audience)) = (self.members_only_ordinal, &self.audience)
            && audience.term_ords(doc).any(|ordinal| ordinal == hidden)
        {
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
            Order::Newest => self.published_at.first(doc).unwrap_or(i64::MIN) as f64,
            Order::Oldest => -(self.published_at.first(doc).unwrap_or(i64::MAX) as f64),
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
        let mut counts: [HashMap<String, u64>; FACETS] = Default::default();
        for (facet, per_ordinal) in self.counts.iter().enumerate() {
            let Some(column) = &self.columns[facet] else {
                continue;
            };
            let counted: Vec<u64> = per_ordinal
                .iter()
                .enumerate()
                .filter(|(_, count)| **count > 0)
                .map(|(ordinal, _)| ordinal as u64)
                .collect();
            // One sequential pass over the dictionary for all counted ordinals.
            let mut values = Vec::with_capacity(counted.len());
            let _ = column.dictionary().sorted_ords_to_term_cb(&counted, |bytes| {
                values.push(String::from_utf8_lossy(bytes).into_owned());
            });
            for (ordinal, value) in counted.iter().zip(values) {
                counts[facet].insert(value, u64::from(per_ordinal[*ordinal as usize]));
            }
        }
        let top = self.top.into_iter().map(|ranked| ranked.0).collect();
        Collected { total: self.total, top, counts }
    }
}
