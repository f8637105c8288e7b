//! Every segment's facet values per document, in plain arrays in memory, so
//! the faceted collector counts with array reads instead of columnar lookups,
//! and one dictionary of facet values per searcher generation, so the counts
//! of all segments add up as plain vectors.
//!
//! Counting facets visits every matching document (exact counts need them
//! all); reading nine multi-valued fast-field columns per document was most of
//! a search's time. Segments never change once written, so their arrays are
//! built once — by the reader's warmer, before a new searcher is published —
//! and dropped when no live searcher uses the segment. At 100,000 case
//! studies they take a few megabytes.
//!
//! Each segment numbers its values on its own (its column's term ordinals).
//! Turning those into strings per segment and merging them by string was a
//! quarter of a search's time (thousands of tags, hundreds of councils), so a
//! generation's `Dictionary` numbers every value of every segment once, in
//! sorted order, and maps each segment's ordinals to those numbers: merging is
//! adding vectors, and strings are made only for the values a page shows.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, RwLock};

use tantivy::columnar::StrColumn;
use tantivy::index::SegmentId;
use tantivy::{DocId, Searcher, SearcherGeneration, SegmentReader, Warmer};

use crate::schema::{AUDIENCE_FIELD, Facet, MEMBERS_AUDIENCE, PUBLISHED_AT_FIELD};

const FACETS: usize = Facet::ALL.len();

/// A segment's facet values per document, as "slots": facet `f`'s value
/// with ordinal `o` (its rank in the segment's sorted values of `f`) is slot
/// `offsets[f] + o`. A document's slots lie side by side, facet by facet, so
/// counting all nine facets of a document is one pass over a dozen numbers
/// into one array of counters.
pub struct SegmentFacets {
    /// Document `d`'s slots are `slots[starts[d]..starts[d + 1]]`, in ascending order.
    starts: Vec<u32>,
    slots: Vec<u32>,
    /// Facet `f`'s slots are `offsets[f]..offsets[f + 1]`.
    pub offsets: [u32; FACETS + 1],
    /// Per facet, the values by ordinal (sorted, as the columns' dictionaries are).
    pub values: [Vec<String>; FACETS],
    pub members_only: Vec<bool>,
    pub published_at: Vec<i64>,
}

impl SegmentFacets {
    fn build(reader: &SegmentReader) -> tantivy::Result<SegmentFacets> {
        let fast = reader.fast_fields();
        let max_doc = reader.max_doc();
        let columns =
            Facet::ALL.iter().map(|facet| fast.str(facet.field_name())).collect::<tantivy::Result<Vec<_>>>()?;
        let mut values: [Vec<String>; FACETS] = Default::default();
        let mut offsets = [0u32; FACETS + 1];
        for (facet, column) in columns.iter().enumerate() {
            values[facet] = column_values(column.as_ref())?;
            offsets[facet + 1] = offsets[facet] + values[facet].len() as u32;
        }
        let mut starts = Vec::with_capacity(max_doc as usize + 1);
        let mut slots = Vec::new();
        starts.push(0);
        for doc in 0..max_doc {
            for (facet, column) in columns.iter().enumerate() {
                if let Some(column) = column {
                    slots.extend(column.term_ords(doc).map(|ordinal| offsets[facet] + ordinal as u32));
                }
            }
            starts.push(slots.len() as u32);
        }
        let audience = fast.str(AUDIENCE_FIELD)?;
        let members = match &audience {
            Some(column) => column.dictionary().term_ord(MEMBERS_AUDIENCE)?,
            None => None,
        };
        let members_only = match (&audience, members) {
            (Some(column), Some(members)) => {
                (0..max_doc).map(|doc| column.term_ords(doc).any(|ordinal| ordinal == members)).collect()
            }
            _ => vec![false; max_doc as usize],
        };
        let published = fast.i64(PUBLISHED_AT_FIELD)?;
        let published_at = (0..max_doc).map(|doc| published.first(doc).unwrap_or(0)).collect();
        Ok(SegmentFacets { starts, slots, offsets, values, members_only, published_at })
    }

    /// The document's slots, all facets.
    #[inline]
    pub fn slots(&self, doc: DocId) -> &[u32] {
        let doc = doc as usize;
        &self.slots[self.starts[doc] as usize..self.starts[doc + 1] as usize]
    }

    /// The slot of a facet's value, if any document of the segment has it.
    pub fn slot(&self, facet: Facet, value: &str) -> Option<usize> {
        Some(self.offsets[facet.index()] as usize + position(&self.values[facet.index()], value)?)
    }

    /// How many slots there are (all facets' values).
    pub fn slot_count(&self) -> usize {
        self.offsets[FACETS] as usize
    }
}

/// Where a value is in a sorted list of values.
fn position(sorted: &[String], value: &str) -> Option<usize> {
    sorted.binary_search_by(|probe| probe.as_str().cmp(value)).ok()
}

/// A column's values by ordinal.
fn column_values(column: Option<&StrColumn>) -> tantivy::Result<Vec<String>> {
    let Some(column) = column else {
        return Ok(Vec::new());
    };
    let mut values = Vec::with_capacity(column.num_terms());
    let mut text = String::new();
    for ordinal in 0..column.num_terms() as u64 {
        text.clear();
        column.ord_to_str(ordinal, &mut text)?;
        values.push(text.clone());
    }
    Ok(values)
}

/// A segment as one generation sees it: its arrays, and its ordinals'
/// numbers in the generation's dictionary.
pub struct SegmentView {
    pub facets: Arc<SegmentFacets>,
    /// Per facet: `to_global[facet][ordinal]` is the value's number in the dictionary.
    pub to_global: [Vec<u32>; FACETS],
}

/// Every facet value of one searcher generation, numbered in sorted order
/// (so ordering by number is ordering by value), and each segment's view.
pub struct Dictionary {
    pub values: [Vec<String>; FACETS],
    segments: HashMap<SegmentId, SegmentView>,
}

impl Dictionary {
    fn build(segments: Vec<(SegmentId, Arc<SegmentFacets>)>) -> Dictionary {
        let values: [Vec<String>; FACETS] = std::array::from_fn(|facet| {
            let all: BTreeSet<&str> =
                segments.iter().flat_map(|(_, segment)| segment.values[facet].iter().map(String::as_str)).collect();
            all.into_iter().map(str::to_owned).collect()
        });
        let segments = segments
            .into_iter()
            .map(|(id, facets)| {
                let to_global = std::array::from_fn(|facet| {
                    let global = &values[facet];
                    // Both lists are sorted: one forward walk maps them.
                    let mut position = 0;
                    facets.values[facet]
                        .iter()
                        .map(|value| {
                            while global[position] != *value {
                                position += 1;
                            }
                            position as u32
                        })
                        .collect()
                });
                (id, SegmentView { facets, to_global })
            })
            .collect();
        Dictionary { values, segments }
    }

    /// The view of one of this generation's segments.
    pub fn segment(&self, id: SegmentId) -> tantivy::Result<&SegmentView> {
        self.segments.get(&id).ok_or_else(|| {
            tantivy::TantivyError::InternalError(format!("segment {id:?} is not in the facet dictionary"))
        })
    }

    /// A value's number, if some document of the generation has it.
    pub fn number(&self, facet: Facet, value: &str) -> Option<usize> {
        position(&self.values[facet.index()], value)
    }
}

/// The arrays of every live segment and the dictionary of every live
/// generation, kept up to date as a tantivy `Warmer`.
#[derive(Default)]
pub struct FacetCache {
    segments: RwLock<HashMap<SegmentId, Arc<SegmentFacets>>>,
    generations: RwLock<HashMap<u64, Arc<Dictionary>>>,
}

impl FacetCache {
    /// The dictionary of this searcher's generation, built now if the warmer
    /// has not (the reader's first searcher is not warmed).
    pub fn dictionary(&self, searcher: &Searcher) -> tantivy::Result<Arc<Dictionary>> {
        let generation = searcher.generation().generation_id();
        if let Some(found) = self.generations.read().ok().and_then(|generations| generations.get(&generation).cloned())
        {
            return Ok(found);
        }
        let segments = searcher
            .segment_readers()
            .iter()
            .map(|reader| Ok((reader.segment_id(), self.segment(reader)?)))
            .collect::<tantivy::Result<Vec<_>>>()?;
        let built = Arc::new(Dictionary::build(segments));
        if let Ok(mut generations) = self.generations.write() {
            generations.insert(generation, built.clone());
        }
        Ok(built)
    }

    fn segment(&self, reader: &SegmentReader) -> tantivy::Result<Arc<SegmentFacets>> {
        let id = reader.segment_id();
        if let Some(found) = self.segments.read().ok().and_then(|segments| segments.get(&id).cloned()) {
            return Ok(found);
        }
        let built = Arc::new(SegmentFacets::build(reader)?);
        if let Ok(mut segments) = self.segments.write() {
            segments.insert(id, built.clone());
        }
        Ok(built)
    }
}

impl Warmer for FacetCache {
    fn warm(&self, searcher: &Searcher) -> tantivy::Result<()> {
        self.dictionary(searcher)?;
        Ok(())
    }

    fn garbage_collect(&self, live_generations: &[&SearcherGeneration]) {
        if let Ok(mut segments) = self.segments.write() {
            segments.retain(|id, _| live_generations.iter().any(|generation| generation.segments().contains_key(id)));
        }
        if let Ok(mut generations) = self.generations.write() {
            generations.retain(|id, _| live_generations.iter().any(|generation| generation.generation_id() == *id));
        }
    }
}
