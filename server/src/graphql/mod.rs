//! The GraphQL API of API.md: a thin adapter over the domain modules.
//! Resolvers parse arguments, call one domain function, and shape the result.

mod connection;
mod errors;
mod graphiql;
pub mod http;
pub mod limits;
mod loaders;
mod mutation;
mod query;
mod scalars;
mod types;

use async_graphql::dataloader::{DataLoader, HashMapCache};
use async_graphql::{Context, EmptySubscription, Schema};
use sea_orm::DatabaseConnection;

use crate::app::App;
use crate::identity::Viewer;
use crate::search_sync::changes::Outbox;
use crate::search_sync::{IndexTurn, SearchService};
use loaders::{AuthorityLoader, FollowUpLoader, MemberLoader, RevisionLoader, TaxonomyCache, TransitionLoader};

pub type CasebookSchema = Schema<query::Query, mutation::Mutation, EmptySubscription>;

/// Deeper or costlier queries are refused with QUERY_TOO_COMPLEX (see `limits`).
pub fn build_schema() -> CasebookSchema {
    schema_without_limits()
        .limit_depth(limits::MAX_DEPTH)
        .limit_recursive_depth(limits::MAX_NESTING)
        .limit_complexity(limits::MAX_COMPLEXITY)
        .finish()
}

fn schema_without_limits() -> async_graphql::SchemaBuilder<query::Query, mutation::Mutation, EmptySubscription> {
    Schema::build(query::Query, mutation::Mutation, EmptySubscription)
}

/// Everything a resolver needs about its request.
pub struct RequestContext {
    pub viewer: Viewer,
    pub search: std::sync::Arc<SearchService>,
    /// This request's turn at the index (its reads of it run one at a time).
    pub index_turn: IndexTurn,
    /// For reads: queries and the loaders (on SQLite, the pool of readers).
    pub db: DatabaseConnection,
    /// For mutations: the writer (on SQLite, its one connection).
    pub writer: DatabaseConnection,
    /// The writer for the workflow, which tells the search sync after each commit.
    pub outbox: Outbox,
    pub authorities: DataLoader<AuthorityLoader, HashMapCache>,
    pub members: DataLoader<MemberLoader, HashMapCache>,
    pub revisions: DataLoader<RevisionLoader, HashMapCache>,
    pub follow_ups: DataLoader<FollowUpLoader, HashMapCache>,
    pub transitions: DataLoader<TransitionLoader, HashMapCache>,
    pub taxonomy: TaxonomyCache,
    /// Reports one member may make per hour.
    pub reports_per_hour: u32,
}

impl RequestContext {
    /// For one request by `viewer`, whose errors are in `locale`.
    pub fn new(app: &App, viewer: Viewer, locale: crate::i18n::Locale) -> Self {
        let db = app.reads.clone();
        // A loader's batch runs on a task of its own: it answers in the request's language too.
        let spawn = move |batch| tokio::spawn(crate::i18n::answering_in(locale, batch));
        RequestContext {
            viewer,
            search: app.search.clone(),
            index_turn: IndexTurn::default(),
            authorities: DataLoader::with_cache(AuthorityLoader(db.clone()), spawn, HashMapCache::default()),
            members: DataLoader::with_cache(MemberLoader(db.clone()), spawn, HashMapCache::default()),
            revisions: DataLoader::with_cache(RevisionLoader(db.clone()), spawn, HashMapCache::default()),
            follow_ups: DataLoader::with_cache(FollowUpLoader(db.clone()), spawn, HashMapCache::default()),
            transitions: DataLoader::with_cache(TransitionLoader(db.clone()), spawn, HashMapCache::default()),
            taxonomy: TaxonomyCache::new(db.clone()),
            writer: app.db.clone(),
            outbox: app.outbox.clone(),
            reports_per_hour: app.settings.reports_per_hour,
            db,
        }
    }
}

fn request<'a>(ctx: &Context<'a>) -> async_graphql::Result<&'a RequestContext> {
    ctx.data::<RequestContext>()
}
