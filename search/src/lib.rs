//! Casebook's search: a Tantivy index of published case studies with
//! full-text relevance, typo tolerance, synonyms, disjunctive facet counts,
//! highlights and similar case studies.
//!
//! This crate knows nothing of the database, HTTP or GraphQL: the server
//! feeds it `CaseStudyDocument`s (already stripped of what readers may not
//! see) and adapts its results.
//!
//! ```
//! use casebook_search::{Audience, CaseStudyDocument, SearchIndex, SearchRequest};
//!
//! let index = SearchIndex::in_memory().unwrap();
//! index.upsert(&CaseStudyDocument {
//!     id: "1".into(),
//!     title: "Sensors in litter bins".into(),
//!     outcome: "FAILURE".into(),
//!     ..Default::default()
//! }).unwrap();
//! index.commit(1).unwrap();
//! let results = index.search(&SearchRequest::words("bin sensor", Audience::Public)).unwrap();
//! assert_eq!(results.hits[0].id, "1");
//! ```

mod analysis;
mod backlog;
mod document;
mod facet_cache;
mod facets;
mod highlight;
mod index;
mod mutation;
mod pairs;
mod parse;
mod query;
mod rewrite;
mod schema;
mod similar;
mod spelling;
mod stemming;
mod synonyms;

use std::collections::BTreeMap;

pub use document::{Audience, CaseStudyDocument};
pub use facets::Filters;
pub use index::{OpenState, SearchIndex};
pub use schema::{Facet, SCHEMA_VERSION};
pub use synonyms::seed_groups as seed_synonyms;

/// Longest query text accepted (characters).
pub const MAX_QUERY_CHARS: usize = 500;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// By score when there are words; newest first otherwise.
    #[default]
    Relevance,
    Newest,
    Oldest,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SearchRequest {
    pub text: String,
    pub filters: Filters,
    pub sort: Sort,
    pub offset: usize,
    pub limit: usize,
    /// Who is searching: members also see members-only case studies.
    pub audience: Audience,
    /// At most this many values per facet, the most frequent first; the
    /// values the filters select are always kept.
    pub facet_limit: usize,
    /// Only these documents (by id) may match: an alert asks which of a
    /// day's publications match a saved search.
    pub within: Option<Vec<String>>,
    /// Whether hits carry snippets (an alert needs only which documents match).
    pub highlights: bool,
}

/// The default `facet_limit`: what a page of facets can show (Algolia's
/// `maxValuesPerFacet` default too). A corpus can hold thousands of tags.
pub const DEFAULT_FACET_LIMIT: usize = 100;

impl SearchRequest {
    pub fn words(text: &str, audience: Audience) -> Self {
        SearchRequest {
            text: text.to_owned(),
            filters: Filters::default(),
            sort: Sort::Relevance,
            offset: 0,
            limit: 20,
            audience,
            facet_limit: DEFAULT_FACET_LIMIT,
            within: None,
            highlights: true,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Highlight {
    /// `title`, `summary`, `tags`, `lessons`, `doDifferently` or `body`; Welsh
    /// text: `titleCy`, `summaryCy` or `textCy` (a Welsh case study's lessons and body).
    pub field: String,
    /// HTML: matched words in `<mark>`, everything else escaped.
    pub snippet: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub id: String,
    pub score: f32,
    pub highlights: Vec<Highlight>,
}

/// Values and counts per facet, the largest first.
pub type FacetCounts = BTreeMap<Facet, Vec<(String, u64)>>;

#[derive(Clone, Debug, PartialEq)]
pub struct SearchResults {
    pub total: u64,
    pub hits: Vec<Hit>,
    pub facets: FacetCounts,
    /// True when no case study had every word, and these match any of them.
    pub relaxed: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("the index is in use by another process")]
    InUse,
    #[error("the index is out of date: {0}")]
    Stale(String),
    #[error("index i/o: {0}")]
    Io(String),
    #[error("a search thread panicked")]
    Poisoned,
    #[error(transparent)]
    Tantivy(#[from] tantivy::TantivyError),
}
