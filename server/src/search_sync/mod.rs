//! The search sync: this process's index, kept in step with the database by
//! the indexer reading the change log (`changes`, an outbox written in each
//! change's transaction), and the adapter between the `search` crate and the
//! domain (viewers, case studies, labels). The `search` crate knows nothing
//! of the database; this module is where the two meet.

pub mod changes;
mod documents;
mod indexer;
mod synonyms;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use casebook_search::{Audience, Facet, Filters, OpenState, SearchError, SearchIndex, SearchRequest, Sort};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use crate::authorities::{self, AuthorityKind};
use crate::case_studies::evidence::EvidenceStrength;
use crate::case_studies::{CostBand, Language, Outcome, policy};
use crate::entities::case_study;
use crate::error::{AppError, AppResult};
use crate::i18n::{self, Locale};
use crate::identity::Viewer;
use crate::paging::PageRequest;
use crate::taxonomy::{self, TermKind};

pub use casebook_search::MAX_QUERY_CHARS;
pub use documents::document;

/// This process's search index and its indexer.
pub struct SearchService {
    index: Arc<SearchIndex>,
    /// The indexer's own connection, so its polling never waits behind
    /// requests (nor counts in their query budget).
    db: DatabaseConnection,
    doorbell: changes::Doorbell,
    /// One sync or rebuild at a time: two interleaved would read the log at
    /// different points and could commit an older state over a newer one.
    writing: tokio::sync::Mutex<()>,
    /// Facet labels (taxonomy, council names), read once and forgotten when the
    /// indexer applies a change: renames reach the change log, so the labels
    /// are as fresh as the index. Saves two queries on every search.
    labels: std::sync::RwLock<Option<Arc<Labels>>>,
    /// Index reads in flight. Each holds a blocking thread, and on a few
    /// cores more at once only take turns: they queue here instead, which
    /// spares the threads' memory and the switching between them.
    reading: Arc<tokio::sync::Semaphore>,
}

/// One request's turn at the index: a request reads the index one read at a
/// time, so one that asks for many (`similar` nested in `similar`, 155 reads)
/// queues behind its own reads, never in front of other requests'. Without
/// it, eight clients sending that query put a case study page's one read
/// behind about a thousand others (`casebook bench-isolation`).
pub struct IndexTurn(Arc<tokio::sync::Semaphore>);

impl Default for IndexTurn {
    fn default() -> Self {
        IndexTurn(Arc::new(tokio::sync::Semaphore::new(1)))
    }
}

/// What facet values are called.
struct Labels {
    taxonomy: taxonomy::Taxonomy,
    /// Every council, by slug (its names in each language: `authorities::name_in`).
    councils: HashMap<String, crate::entities::authority::Model>,
}

impl SearchService {
    /// Opens (or recreates) the index under `data_dir/index`. A missing,
    /// corrupt or outdated index is rebuilt by `start`, in the background.
    pub async fn open(data_dir: &Path, database_url: &str) -> anyhow::Result<(Arc<SearchService>, OpenState)> {
        let dir = data_dir.join("index");
        let opened = tokio::task::spawn_blocking({
            let dir = dir.clone();
            move || SearchIndex::open(&dir)
        })
        .await?;
        let (index, state) = match opened {
            Err(SearchError::InUse) => {
                anyhow::bail!("the search index in {} is in use by another casebook process", dir.display())
            }
            other => other.with_context(|| format!("cannot open the search index in {}", dir.display()))?,
        };
        let (db, _) = crate::db::connect(database_url).await?;
        let service = Arc::new(SearchService {
            index: Arc::new(index),
            db,
            doorbell: changes::Doorbell::default(),
            writing: tokio::sync::Mutex::new(()),
            labels: std::sync::RwLock::new(None),
            reading: Arc::new(tokio::sync::Semaphore::new(concurrent_reads())),
        });
        service.load_synonyms().await?;
        Ok((service, state))
    }

    /// Runs the indexer until the process ends: first a rebuild if the index
    /// needs one, then the change log, on every poke and every poll interval.
    pub fn start(self: &Arc<Self>, state: OpenState) {
        let service = self.clone();
        tokio::spawn(async move {
            if let OpenState::NeedsRebuild { reason } = state {
                tracing::info!(%reason, "rebuilding the search index from the database");
                if let Err(error) = service.rebuild().await {
                    tracing::error!(error = %format!("{error:#}"), "search rebuild failed");
                }
            }
            loop {
                if let Err(error) = service.sync().await {
                    tracing::warn!(error = %format!("{error:#}"), "search indexer failed; retrying");
                }
                tokio::select! {
                    _ = service.doorbell.rung() => {}
                    _ = tokio::time::sleep(indexer::POLL_INTERVAL) => {}
                }
            }
        });
    }

    /// The writer for domain writes: it rings this indexer's doorbell after each commit.
    pub fn outbox(&self, writer: sea_orm::DatabaseConnection) -> changes::Outbox {
        changes::Outbox::new(writer, self.doorbell.clone())
    }

    /// Rebuilds the whole index from the database; returns how many case studies it holds.
    pub async fn rebuild(&self) -> anyhow::Result<u64> {
        let _writing = self.writing.lock().await;
        let indexed = indexer::rebuild(&self.db, &self.index).await?;
        self.forget_labels();
        tracing::info!(case_studies = indexed, "search index rebuilt");
        Ok(indexed)
    }

    /// Applies the pending changes now (tests and `reindex`).
    pub async fn sync(&self) -> anyhow::Result<usize> {
        let _writing = self.writing.lock().await;
        let applied = indexer::sync_once(&self.db, &self.index).await?;
        if applied.read > 0 {
            self.forget_labels();
        }
        if applied.synonyms {
            self.load_synonyms().await?;
        }
        Ok(applied.read)
    }

    /// How many entries of the change log the index has yet to apply (0 when
    /// it has caught up): what the tests check at their end.
    pub async fn lag(&self) -> anyhow::Result<u64> {
        use sea_orm::PaginatorTrait;
        let position = indexer::position(&self.index).await?;
        Ok(indexer::after(position).count(&self.db).await?)
    }

    /// When the oldest change the index has not applied was recorded; `None`
    /// when it has applied them all (readiness: a server whose index lags
    /// seconds behind would answer searches with stale results).
    pub async fn oldest_unapplied(&self) -> anyhow::Result<Option<chrono::DateTime<chrono::Utc>>> {
        let position = indexer::position(&self.index).await?;
        let oldest = indexer::after(position).one(&self.db).await?;
        Ok(oldest.map(|change| change.recorded_at))
    }

    fn forget_labels(&self) {
        if let Ok(mut labels) = self.labels.write() {
            *labels = None;
        }
    }

    async fn labels(&self) -> AppResult<Arc<Labels>> {
        if let Some(labels) = self.labels.read().ok().and_then(|labels| labels.clone()) {
            return Ok(labels);
        }
        let taxonomy = taxonomy::load(&self.db).await?;
        let councils = crate::entities::authority::Entity::find()
            .all(&self.db)
            .await?
            .into_iter()
            .map(|authority| (authority.slug.clone(), authority))
            .collect();
        let labels = Arc::new(Labels { taxonomy, councils });
        if let Ok(mut cached) = self.labels.write() {
            *cached = Some(labels.clone());
        }
        Ok(labels)
    }

    pub async fn search(
        &self,
        db: &DatabaseConnection,
        viewer: &Viewer,
        turn: &IndexTurn,
        args: SearchArgs,
    ) -> AppResult<SearchPage> {
        if args.text.chars().count() > MAX_QUERY_CHARS {
            return Err(AppError::bad_input("query", format!("must be at most {MAX_QUERY_CHARS} characters")));
        }
        let started = std::time::Instant::now();
        let request = SearchRequest {
            text: args.text,
            filters: args.filters,
            sort: args.sort,
            offset: args.page.offset as usize,
            limit: args.page.first as usize,
            audience: audience_of(viewer),
            facet_limit: args.facet_limit,
            highlights: args.within.is_none(),
            within: args.within,
        };
        let results = self.read(turn, move |index| index.search(&request)).await?;
        let ids: Vec<String> = results.hits.iter().map(|hit| hit.id.clone()).collect();
        let mut rows = readable_by_id(db, viewer, ids).await?;
        let hits = results
            .hits
            .into_iter()
            .filter_map(|hit| {
                rows.remove(&hit.id).map(|row| SearchHit {
                    case_study: row,
                    score: hit.score,
                    highlights: hit.highlights,
                })
            })
            .collect();
        let facets = label_facets(&*self.labels().await?, results.facets, args.locale);
        crate::operations::metrics::search_took(started.elapsed());
        Ok(SearchPage { total: results.total, hits, facets, relaxed: results.relaxed, page: args.page })
    }

    /// Runs a read of the index on a blocking thread, once it is the
    /// request's turn and one of the `reading` permits is free. Both are held
    /// by the read itself, until it ends: a request dropped at its deadline
    /// stops waiting at once, but a read already running finishes (a few
    /// milliseconds) and keeps its place until then.
    async fn read<T: Send + 'static>(
        &self,
        turn: &IndexTurn,
        read: impl FnOnce(&SearchIndex) -> Result<T, SearchError> + Send + 'static,
    ) -> AppResult<T> {
        let turn = turn.0.clone().acquire_owned().await.map_err(|error| AppError::Internal(error.into()))?;
        let reading = self.reading.clone().acquire_owned().await.map_err(|error| AppError::Internal(error.into()))?;
        let index = self.index.clone();
        tokio::task::spawn_blocking(move || {
            let _held = (turn, reading);
            read(&index)
        })
        .await
        .map_err(|error| AppError::Internal(error.into()))?
        .map_err(|error| AppError::Internal(error.into()))
    }

    /// Similar published case studies the viewer may read.
    pub async fn similar(
        &self,
        db: &DatabaseConnection,
        viewer: &Viewer,
        turn: &IndexTurn,
        case_study: &case_study::Model,
        limit: usize,
    ) -> AppResult<Vec<case_study::Model>> {
        let id = case_study.id.clone();
        let audience = audience_of(viewer);
        let ids = self.read(turn, move |index| index.similar(&id, audience, limit)).await?;
        let mut rows = readable_by_id(db, viewer, ids.clone()).await?;
        Ok(ids.iter().filter_map(|id| rows.remove(id)).collect())
    }
}

/// Two index reads per core: one computing while the other waits on the
/// search pool or highlights.
fn concurrent_reads() -> usize {
    2 * std::thread::available_parallelism().map_or(1, usize::from)
}

fn audience_of(viewer: &Viewer) -> Audience {
    if viewer.is_member() { Audience::Members } else { Audience::Public }
}

/// The rows for these ids that the viewer may read (the index only holds
/// what its audience may read; this re-checks against the source of truth).
async fn readable_by_id(
    db: &DatabaseConnection,
    viewer: &Viewer,
    ids: Vec<String>,
) -> AppResult<HashMap<String, case_study::Model>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(case_study::Entity::find()
        .filter(case_study::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .filter(|row| row.status == crate::case_studies::Status::Published && policy::can_read(viewer, row))
        .map(|row| (row.id.clone(), row))
        .collect())
}

pub struct SearchArgs {
    pub text: String,
    /// Values per facet (see `casebook_search::DEFAULT_FACET_LIMIT`).
    pub facet_limit: usize,
    pub filters: Filters,
    pub sort: Sort,
    pub page: PageRequest,
    /// Only these case studies (alerts: which of the day's news match;
    /// such a search needs no snippets, and has none).
    pub within: Option<Vec<String>>,
    /// The language of the facets' labels.
    pub locale: Locale,
}

pub struct SearchHit {
    pub case_study: case_study::Model,
    pub score: f32,
    pub highlights: Vec<casebook_search::Highlight>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FacetValue {
    pub value: String,
    pub label: String,
    pub count: u64,
}

pub struct SearchPage {
    pub total: u64,
    pub hits: Vec<SearchHit>,
    pub facets: HashMap<Facet, Vec<FacetValue>>,
    pub relaxed: bool,
    pub page: PageRequest,
}

/// Facet values with the labels a person reads.
fn label_facets(
    labels: &Labels,
    facets: casebook_search::FacetCounts,
    locale: Locale,
) -> HashMap<Facet, Vec<FacetValue>> {
    let taxonomy = &labels.taxonomy;
    let councils = &labels.councils;
    let label = |facet: Facet, value: &str| -> String {
        match facet {
            Facet::Outcome => Outcome::from_name(value).map_or(value.to_owned(), |outcome| outcome.label(locale)),
            Facet::CostBand => CostBand::from_name(value).map_or(value.to_owned(), |band| band.label(locale)),
            Facet::AuthorityKind => AuthorityKind::from_name(value).map_or(value.to_owned(), |kind| kind.label(locale)),
            Facet::ServiceArea => term_label(taxonomy, TermKind::ServiceArea, value, locale),
            Facet::Technology => term_label(taxonomy, TermKind::Technology, value, locale),
            Facet::Authority => councils
                .get(value)
                .map_or_else(|| value.to_owned(), |council| authorities::name_in(council, locale).to_owned()),
            Facet::Region => capitalise(&authorities::region_display_name(value, locale)),
            Facet::Tag | Facet::Year => value.to_owned(),
            Facet::EvidenceStrength => {
                EvidenceStrength::from_name(value).map_or(value.to_owned(), |strength| strength.label(locale))
            }
            Facet::Language => Language::from_name(value).map_or(value.to_owned(), |language| language.label(locale)),
            Facet::OverBudget => i18n::value_label(locale, "facet-over-budget", value),
            Facet::Late => i18n::value_label(locale, "facet-late", value),
            Facet::Reused => i18n::value_label(locale, "facet-reused", value),
        }
    };
    facets
        .into_iter()
        .map(|(facet, values)| {
            let values = values
                .into_iter()
                .map(|(value, count)| FacetValue { label: label(facet, &value), value, count })
                .collect();
            (facet, values)
        })
        .collect()
}

fn term_label(taxonomy: &taxonomy::Taxonomy, kind: TermKind, key: &str, locale: Locale) -> String {
    taxonomy
        .terms(kind)
        .iter()
        .find(|term| term.key == key)
        .map_or(key.to_owned(), |term| term.label_in(locale).to_owned())
}

fn capitalise(text: &str) -> String {
    let text = text.strip_prefix("the ").unwrap_or(text);
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |first| first.to_uppercase().chain(chars).collect())
}
