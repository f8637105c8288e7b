//! The index: opening (or recreating) it on disk, writing documents with
//! the change-log position they bring the index up to, and searching.
//!
//! One `IndexWriter` per `SearchIndex`, behind a mutex; Tantivy's lock file
//! stops a second process from writing the same directory. All methods
//! block: async callers run them on a blocking thread.

use std::path::Path;
use std::sync::{Arc, Mutex, RwLock, Weak};

use serde::{Deserialize, Serialize};
use tantivy::collector::Collector;
use tantivy::query::{AllQuery, BooleanQuery, ConstScoreQuery, EnableScoring, Occur, Query, TermSetQuery};
use tantivy::schema::{Schema, Value};
use tantivy::{Executor, Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, Term, Warmer};

use crate::analysis::{self, raw_analyzer, stemmed_analyzer, welsh_analyzer};
use crate::backlog::{Backlog, QueuedDocument};
use crate::document::{Audience, CaseStudyDocument};
use crate::facet_cache::{Dictionary, FacetCache};
use crate::facets::{Collected, FacetedCollector, Filters, Order};
use crate::highlight::Highlighter;
use crate::parse::parse;
use crate::query::{MatchTerms, QueryBuilder};
use crate::schema::{self, Facet, Fields, SCHEMA_VERSION, TextField};
use crate::synonyms::{Synonyms, seed_groups};
use crate::{Highlight, Hit, SearchError, SearchRequest, SearchResults, Sort};

const WRITER_HEAP_BYTES: usize = 200_000_000;
const TITLE_SNIPPET: usize = 300;
const TEXT_SNIPPET: usize = 220;

/// What `open` found on disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenState {
    /// A usable index, up to date with the change log up to this position.
    Ready { position: i64 },
    /// A new, empty index (missing, corrupt or of another schema version
    /// before): rebuild it from the source of truth.
    NeedsRebuild { reason: String },
}

#[derive(Serialize, Deserialize)]
struct Payload {
    schema_version: u32,
    position: i64,
}

pub struct SearchIndex {
    pub(crate) index: Index,
    pub(crate) reader: IndexReader,
    writer: Mutex<IndexWriter<QueuedDocument>>,
    /// Holds writers back while the indexing threads catch up.
    backlog: Arc<Backlog>,
    pub(crate) fields: Fields,
    synonyms: RwLock<Synonyms>,
    /// Facet arrays per segment; the reader's warmer keeps them current.
    pub(crate) facet_cache: Arc<FacetCache>,
    /// Searches a query's segments in parallel, one thread per core by default.
    executor: Executor,
}

/// One thread per core: a single query's latency falls with the cores, and
/// under load every query shares the same pool, so the cores stay the limit.
fn search_executor(threads: usize) -> Result<Executor, SearchError> {
    Ok(if threads > 1 { Executor::multi_thread(threads, "casebook-search-")? } else { Executor::single_thread() })
}

impl SearchIndex {
    /// Opens the index in `dir`, or creates a fresh one when it is missing,
    /// unreadable, or of another schema version.
    pub fn open(dir: &Path) -> Result<(SearchIndex, OpenState), SearchError> {
        let (schema, fields) = schema::build();
        if dir.join("meta.json").exists() {
            match Self::open_existing(dir, &schema, &fields) {
                Ok(opened) => return Ok(opened),
                Err(SearchError::InUse) => return Err(SearchError::InUse),
                Err(reason) => {
                    std::fs::remove_dir_all(dir).map_err(|error| SearchError::Io(error.to_string()))?;
                    let index = Self::create(dir, schema, fields)?;
                    return Ok((index, OpenState::NeedsRebuild { reason: reason.to_string() }));
                }
            }
        }
        let index = Self::create(dir, schema, fields)?;
        Ok((index, OpenState::NeedsRebuild { reason: "no index yet".to_owned() }))
    }

    /// An index in memory, for tests.
    pub fn in_memory() -> Result<SearchIndex, SearchError> {
        let (schema, fields) = schema::build();
        Self::from_index(Index::create_in_ram(schema), fields)
    }

    fn create(dir: &Path, schema: Schema, fields: Fields) -> Result<SearchIndex, SearchError> {
        std::fs::create_dir_all(dir).map_err(|error| SearchError::Io(error.to_string()))?;
        Self::from_index(Index::create_in_dir(dir, schema)?, fields)
    }

    fn open_existing(dir: &Path, schema: &Schema, fields: &Fields) -> Result<(SearchIndex, OpenState), SearchError> {
        let index = Index::open_in_dir(dir)?;
        if index.schema() != *schema {
            return Err(SearchError::Stale("the index has another schema".into()));
        }
        let payload: Option<Payload> = index.load_metas()?.payload.and_then(|text| serde_json::from_str(&text).ok());
        let opened = Self::from_index(index, fields.clone())?;
        // Reading every segment proves the files are whole.
        for segment in opened.reader.searcher().segment_readers() {
            segment.get_store_reader(0).map_err(|error| SearchError::Io(error.to_string()))?;
        }
        match payload {
            Some(payload) if payload.schema_version == SCHEMA_VERSION => {
                Ok((opened, OpenState::Ready { position: payload.position }))
            }
            Some(payload) => {
                Err(SearchError::Stale(format!("schema version {} (now {SCHEMA_VERSION})", payload.schema_version)))
            }
            None => Err(SearchError::Stale("the index was never completed".into())),
        }
    }

    fn from_index(index: Index, fields: Fields) -> Result<SearchIndex, SearchError> {
        analysis::register(&index);
        let writer = index.writer(WRITER_HEAP_BYTES).map_err(|error| match error {
            tantivy::TantivyError::LockFailure(..) => SearchError::InUse,
            other => other.into(),
        })?;
        let facet_cache = Arc::new(FacetCache::default());
        let warmer: Weak<dyn Warmer> = Arc::downgrade(&facet_cache) as Weak<dyn Warmer>;
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).warmers(vec![warmer]).try_into()?;
        Ok(SearchIndex {
            index,
            reader,
            writer: Mutex::new(writer),
            backlog: Arc::default(),
            fields,
            synonyms: RwLock::new(Synonyms::new(&seed_groups())),
            facet_cache,
            executor: search_executor(std::thread::available_parallelism().map_or(1, usize::from))?,
        })
    }

    /// How many threads search a query's segments (for the benchmark's comparison).
    pub fn set_search_threads(&mut self, threads: usize) -> Result<(), SearchError> {
        self.executor = search_executor(threads)?;
        Ok(())
    }

    /// Runs a collector over every segment, on the search threads.
    pub(crate) fn collect<C: Collector>(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        collector: &C,
    ) -> tantivy::Result<C::Fruit> {
        let scoring = if collector.requires_scoring() {
            EnableScoring::enabled_from_searcher(searcher)
        } else {
            EnableScoring::disabled_from_searcher(searcher)
        };
        searcher.search_with_executor(query, collector, &self.executor, scoring)
    }

    /// Replaces the synonym groups (each group: words or phrases that mean the same).
    pub fn set_synonyms(&self, groups: &[Vec<String>]) {
        let synonyms = Synonyms::new(groups);
        if let Ok(mut current) = self.synonyms.write() {
            *current = synonyms;
        }
    }

    /// The change-log position of the last commit.
    pub fn position(&self) -> Result<Option<i64>, SearchError> {
        let payload = self.index.load_metas()?.payload;
        Ok(payload.and_then(|text| serde_json::from_str::<Payload>(&text).ok()).map(|payload| payload.position))
    }

    /// Adds or replaces a document (not visible until `commit`).
    pub fn upsert(&self, document: &CaseStudyDocument) -> Result<(), SearchError> {
        let queued = QueuedDocument::new(self.to_tantivy(document), &self.backlog);
        let writer = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
        writer.delete_term(Term::from_field_text(self.fields.id, &document.id));
        writer.add_document(queued)?;
        Ok(())
    }

    /// Removes a document, if present (not visible until `commit`).
    pub fn delete(&self, id: &str) -> Result<(), SearchError> {
        let writer = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
        writer.delete_term(Term::from_field_text(self.fields.id, id));
        Ok(())
    }

    /// Removes every document (a rebuild starts here).
    pub fn clear(&self) -> Result<(), SearchError> {
        let writer = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
        writer.delete_all_documents()?;
        Ok(())
    }

    /// Makes everything written so far searchable, recording the change-log
    /// position it reflects, atomically: after a crash the index is at the
    /// last committed position, with nothing half-applied.
    pub fn commit(&self, position: i64) -> Result<(), SearchError> {
        {
            let mut writer = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
            let mut prepared = writer.prepare_commit()?;
            let payload = Payload { schema_version: SCHEMA_VERSION, position };
            prepared.set_payload(&serde_json::to_string(&payload).map_err(|error| SearchError::Io(error.to_string()))?);
            prepared.commit()?;
        }
        self.reader.reload()?;
        Ok(())
    }

    /// Forgets everything written since the last commit (what a crash does).
    pub fn rollback(&self) -> Result<(), SearchError> {
        let mut writer = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
        writer.rollback()?;
        Ok(())
    }

    /// How many segments the current searcher reads (tests spread a corpus over several).
    pub fn segment_count(&self) -> usize {
        self.reader.searcher().segment_readers().len()
    }

    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    fn to_tantivy(&self, document: &CaseStudyDocument) -> TantivyDocument {
        let fields = &self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_text(fields.id, &document.id);
        let mut searchable = |field: TextField, text: &str| {
            doc.add_text(field.words, text);
            doc.add_text(field.pairs, text);
        };
        searchable(fields.title, &document.title);
        searchable(fields.summary, &document.summary);
        for lesson in &document.lessons {
            searchable(fields.lessons, lesson);
        }
        for item in &document.do_differently {
            searchable(fields.differently, item);
        }
        searchable(fields.body, &document.body);
        for tag in &document.tags {
            searchable(fields.tags, &tag.replace('-', " "));
        }
        for name in &document.council_names {
            searchable(fields.council, name);
        }
        searchable(fields.welsh_title, &document.welsh_title);
        searchable(fields.welsh_summary, &document.welsh_summary);
        for text in &document.welsh_text {
            searchable(fields.welsh_text, text);
        }
        let fuzzy_text = [&document.title, &document.summary, &document.body]
            .into_iter()
            .chain(document.lessons.iter())
            .chain(document.do_differently.iter())
            .chain(document.tags.iter())
            .chain([&document.welsh_title, &document.welsh_summary])
            .chain(document.welsh_text.iter())
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" ");
        doc.add_text(fields.fuzzy, fuzzy_text);
        let mut facet = |facet: Facet, values: &[String]| {
            let mut seen: Vec<&String> = Vec::new();
            for value in values.iter().filter(|value| !value.is_empty()) {
                if !seen.contains(&value) {
                    doc.add_text(fields.facets[facet.index()], value);
                    seen.push(value);
                }
            }
        };
        facet(Facet::Outcome, std::slice::from_ref(&document.outcome));
        facet(Facet::ServiceArea, &document.service_areas);
        facet(Facet::Technology, &document.technologies);
        facet(Facet::Tag, &document.tags);
        facet(Facet::Authority, &document.authorities);
        facet(Facet::Region, std::slice::from_ref(&document.region));
        facet(Facet::AuthorityKind, std::slice::from_ref(&document.authority_kind));
        facet(Facet::Year, &[document.start_year.to_string()]);
        facet(Facet::CostBand, std::slice::from_ref(&document.cost_band));
        facet(Facet::EvidenceStrength, std::slice::from_ref(&document.evidence_strength));
        let yes_no = |known: Option<bool>| known.map(|value| value.to_string()).into_iter().collect::<Vec<_>>();
        facet(Facet::OverBudget, &yes_no(document.over_budget));
        facet(Facet::Late, &yes_no(document.late));
        facet(Facet::Reused, &yes_no(Some(document.reused)));
        facet(Facet::Language, std::slice::from_ref(&document.language));
        doc.add_text(fields.audience, document.audience().as_str());
        doc.add_i64(fields.published_at, document.published_at);
        doc
    }

    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults, SearchError> {
        let searcher = self.reader.searcher();
        let parsed = parse(&request.text);
        let mut stemmed = stemmed_analyzer();
        let mut raw = raw_analyzer();
        let mut welsh = welsh_analyzer();
        let synonyms = self.synonyms.read().map_err(|_| SearchError::Poisoned)?;
        let narrowing = request.filters.narrowing_query(&self.fields);
        let mut builder = QueryBuilder {
            searcher: &searcher,
            fields: &self.fields,
            synonyms: &synonyms,
            stemmed: &mut stemmed,
            raw: &mut raw,
            welsh: &mut welsh,
            narrowing: narrowing.as_deref(),
        };
        let (query, match_terms) = builder.build(&parsed, false)?;
        let order = match (request.sort, query.is_some() && parsed.has_positive_terms()) {
            (Sort::Relevance, true) => Order::Relevance,
            (Sort::Oldest, _) => Order::Oldest,
            _ => Order::Newest,
        };
        let dictionary = self.facet_cache.dictionary(&searcher)?;
        let collector = FacetedCollector {
            filters: &request.filters,
            include_members_only: request.audience == Audience::Members,
            order,
            keep: request.offset.saturating_add(request.limit),
            dictionary: &dictionary,
        };
        let query: Box<dyn Query> = query
            .or_else(|| narrowing.as_ref().map(|narrowing| narrowing.box_clone()))
            .unwrap_or_else(|| Box::new(AllQuery));
        let query = self.within(query, request.within.as_deref());
        let mut collected = self.collect(&searcher, &*query, &collector)?;
        let mut relaxed = false;
        let positive_terms = parsed.words.len() + parsed.phrases.len();
        if collected.total == 0 && positive_terms > 1 {
            let (relaxed_query, _) = builder.build(&parsed, true)?;
            if let Some(relaxed_query) = relaxed_query {
                let relaxed_query = self.within(relaxed_query, request.within.as_deref());
                collected = self.collect(&searcher, &*relaxed_query, &collector)?;
                relaxed = true;
            }
        }
        let hits = self.hits(&searcher, &collected, request, &match_terms)?;
        let facets = facet_counts(&collected.counts, &dictionary, &request.filters, request.facet_limit);
        Ok(SearchResults { total: collected.total, hits, facets, relaxed })
    }

    /// `query`, matching only the documents `within` names (when it names any set).
    fn within(&self, query: Box<dyn Query>, within: Option<&[String]>) -> Box<dyn Query> {
        let Some(ids) = within else { return query };
        let ids = ids.iter().map(|id| Term::from_field_text(self.fields.id, id));
        Box::new(BooleanQuery::new(vec![
            (Occur::Must, query),
            (Occur::Must, Box::new(ConstScoreQuery::new(Box::new(TermSetQuery::new(ids)), 0.0))),
        ]))
    }

    fn hits(
        &self,
        searcher: &tantivy::Searcher,
        collected: &Collected,
        request: &SearchRequest,
        match_terms: &MatchTerms,
    ) -> Result<Vec<Hit>, SearchError> {
        let fields = &self.fields;
        let mut highlighter = Highlighter::new(match_terms);
        let mut welsh_highlighter = Highlighter::welsh(match_terms);
        let mut hits = Vec::new();
        for ranked in collected.top.iter().skip(request.offset).take(request.limit) {
            let doc: TantivyDocument = searcher.doc(ranked.address)?;
            let text = |field| doc.get_first(field).and_then(|value| value.as_str()).unwrap_or_default().to_owned();
            let mut highlights = Vec::new();
            if request.highlights && !highlighter.is_empty() {
                for (name, field, max, welsh) in [
                    ("title", fields.title.words, TITLE_SNIPPET, false),
                    ("summary", fields.summary.words, TITLE_SNIPPET, false),
                    ("tags", fields.tags.words, TITLE_SNIPPET, false),
                    ("lessons", fields.lessons.words, TEXT_SNIPPET, false),
                    ("doDifferently", fields.differently.words, TEXT_SNIPPET, false),
                    ("body", fields.body.words, TEXT_SNIPPET, false),
                    ("titleCy", fields.welsh_title.words, TITLE_SNIPPET, true),
                    ("summaryCy", fields.welsh_summary.words, TITLE_SNIPPET, true),
                    ("textCy", fields.welsh_text.words, TEXT_SNIPPET, true),
                ] {
                    let highlighter = if welsh { &mut welsh_highlighter } else { &mut highlighter };
                    let values: Vec<&str> = doc.get_all(field).filter_map(|value| value.as_str()).collect();
                    if let Some(snippet) = values.iter().find_map(|value| highlighter.snippet(value, max)) {
                        highlights.push(Highlight { field: name.to_owned(), snippet });
                    }
                }
            }
            hits.push(Hit {
                id: text(fields.id),
                score: if ranked.key.is_finite() && request.sort == Sort::Relevance { ranked.key as f32 } else { 0.0 },
                highlights,
            });
        }
        Ok(hits)
    }
}

/// Each facet's values, most frequent first (then by value), at most `limit`
/// of them plus any the filters select beyond that.
fn facet_counts(
    counts: &[Vec<u64>; Facet::ALL.len()],
    dictionary: &Dictionary,
    filters: &Filters,
    limit: usize,
) -> crate::FacetCounts {
    let mut result = crate::FacetCounts::default();
    for (facet, counts) in Facet::ALL.into_iter().zip(counts) {
        // Numbers follow the values' order, so ties fall to the smaller value.
        let mut numbered: Vec<(usize, u64)> = counts
            .iter()
            .enumerate()
            .filter(|(_, count)| **count > 0)
            .map(|(number, &count)| (number, count))
            .collect();
        numbered.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        if numbered.len() > limit {
            let selected: Vec<usize> =
                filters.selected(facet).iter().filter_map(|value| dictionary.number(facet, value)).collect();
            let mut rank = 0;
            numbered.retain(|(number, _)| {
                rank += 1;
                rank <= limit || selected.contains(number)
            });
        }
        let values = &dictionary.values[facet.index()];
        result.insert(facet, numbered.into_iter().map(|(number, count)| (values[number].clone(), count)).collect());
    }
    result
}
