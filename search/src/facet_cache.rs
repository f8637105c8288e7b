//! Every segment's facet values per document, in plain arrays in memory, so
//! the faceted collector counts with array reads instead of columnar lookups.
//!
//! Counting facets visits every matching document (exact counts need them
//! all); reading nine multi-valued fast-field columns per document was most of
//! a search's time. Segments never change once written, so their arrays are
//! built once — by the reader's warmer, before a new searcher is published —
//! and dropped when no live searcher uses the segment. At 100,000 case
//! studies they take a few megabytes.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use tantivy::columnar::StrColumn;
use tantivy::index::SegmentId;
use tantivy::{DocId, Searcher, SearcherGeneration, SegmentReader, Warmer};

use crate::schema::{AUDIENCE_FIELD, Facet, MEMBERS_AUDIENCE, PUBLISHED_AT_FIELD};

/// One facet of one segment: each document's term ordinals, and each ordinal's value.
pub struct FacetColumn {
    /// Document `d`'s ordinals are `ords[starts[d]..starts[d + 1]]`.
    starts: Vec<u32>,
    ords: Vec<u32>,
    /// The values, by ordinal (so sorted, as the column's dictionary is).
    pub values: Vec<String>,
}

impl FacetColumn {
    fn build(column: Option<StrColumn>, max_doc: DocId) -> tantivy::Result<FacetColumn> {
        let mut starts = Vec::with_capacity(max_doc as usize + 1);
        let mut ords = Vec::new();
        let mut values = Vec::new();
        starts.push(0);
        if let Some(column) = column {
            for doc in 0..max_doc {
                ords.extend(column.term_ords(doc).map(|ordinal| ordinal as u32));
                starts.push(ords.len() as u32);
            }
            let mut text = String::new();
            for ordinal in 0..column.num_terms() as u64 {
                text.clear();
                column.ord_to_str(ordinal, &mut text)?;
                values.push(text.clone());
            }
        } else {
            starts.resize(max_doc as usize + 1, 0);
        }
        Ok(FacetColumn { starts, ords, values })
    }

    #[inline]
    pub fn ords(&self, doc: DocId) -> &[u32] {
        let doc = doc as usize;
        &self.ords[self.starts[doc] as usize..self.starts[doc + 1] as usize]
    }

    /// The ordinal of a value, if any document of the segment has it.
    pub fn ordinal(&self, value: &str) -> Option<usize> {
        self.values.binary_search_by(|probe| probe.as_str().cmp(value)).ok()
    }
}

/// A segment's facets, its members-only documents and publication times.
pub struct SegmentFacets {
    pub columns: Vec<FacetColumn>,
    pub members_only: Vec<bool>,
    pub published_at: Vec<i64>,
}

impl SegmentFacets {
    fn build(reader: &SegmentReader) -> tantivy::Result<SegmentFacets> {
        let fast = reader.fast_fields();
        let max_doc = reader.max_doc();
        let columns = Facet::ALL
            .iter()
            .map(|facet| FacetColumn::build(fast.str(facet.field_name())?, max_doc))
            .collect::<tantivy::Result<Vec<_>>>()?;
        let audience = FacetColumn::build(fast.str(AUDIENCE_FIELD)?, max_doc)?;
        let members = audience.ordinal(MEMBERS_AUDIENCE);
        let members_only = (0..max_doc)
            .map(|doc| members.is_some_and(|members| audience.ords(doc).contains(&(members as u32))))
            .collect();
        let published = fast.i64(PUBLISHED_AT_FIELD)?;
        let published_at = (0..max_doc).map(|doc| published.first(doc).unwrap_or(0)).collect();
        Ok(SegmentFacets { columns, members_only, published_at })
    }
}

/// The arrays of every live segment, kept up to date as a tantivy `Warmer`.
#[derive(Default)]
pub struct FacetCache {
    segments: RwLock<HashMap<SegmentId, Arc<SegmentFacets>>>,
}

impl FacetCache {
    /// The segment's arrays, built now if the warmer has not (the first searcher).
    pub fn segment(&self, reader: &SegmentReader) -> tantivy::Result<Arc<SegmentFacets>> {
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
        for reader in searcher.segment_readers() {
            self.segment(reader)?;
        }
        Ok(())
    }

    fn garbage_collect(&self, live_generations: &[&SearcherGeneration]) {
        if let Ok(mut segments) = self.segments.write() {
            segments.retain(|id, _| live_generations.iter().any(|generation| generation.segments().contains_key(id)));
        }
    }
}
