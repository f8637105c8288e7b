//! The GraphQL API of API.md: a thin adapter over the domain modules.
//! Resolvers parse arguments, call one domain function, and shape the result.

mod connection;
mod errors;
pub mod http;
mod loaders;
mod mutation;
mod query;
mod scalars;
mod types;

use async_graphql::dataloader::{DataLoader, HashMapCache};
use async_graphql::{Context, EmptySubscription, Schema};
use sea_orm::DatabaseConnection;

use crate::identity::Viewer;
use crate::search::SearchService;
use loaders::{AuthorityLoader, MemberLoader, RevisionLoader, TaxonomyCache, TransitionLoader};

pub type CasebookSchema = Schema<query::Query, mutation::Mutation, EmptySubscription>;

/// Deeper or costlier queries are refused with QUERY_TOO_COMPLEX. The
/// complexity of a list field is its page size times its children's, so a
/// full page of 100 case studies with their councils and terms fits, and a
/// page of pages of pages does not.
pub const MAX_DEPTH: usize = 15;
pub const MAX_COMPLEXITY: usize = 12_000;

pub fn build_schema() -> CasebookSchema {
    Schema::build(query::Query, mutation::Mutation, EmptySubscription)
        .limit_depth(MAX_DEPTH)
        .limit_complexity(MAX_COMPLEXITY)
        .finish()
}

/// Everything a resolver needs about its request.
pub struct RequestContext {
    pub viewer: Viewer,
    pub search: std::sync::Arc<SearchService>,
    pub db: DatabaseConnection,
    pub authorities: DataLoader<AuthorityLoader, HashMapCache>,
    pub members: DataLoader<MemberLoader, HashMapCache>,
    pub revisions: DataLoader<RevisionLoader, HashMapCache>,
    pub transitions: DataLoader<TransitionLoader, HashMapCache>,
    pub taxonomy: TaxonomyCache,
}

impl RequestContext {
    pub fn new(db: DatabaseConnection, search: std::sync::Arc<SearchService>, viewer: Viewer) -> Self {
        RequestContext {
            viewer,
            search,
            authorities: DataLoader::with_cache(AuthorityLoader(db.clone()), tokio::spawn, HashMapCache::default()),
            members: DataLoader::with_cache(MemberLoader(db.clone()), tokio::spawn, HashMapCache::default()),
            revisions: DataLoader::with_cache(RevisionLoader(db.clone()), tokio::spawn, HashMapCache::default()),
            transitions: DataLoader::with_cache(TransitionLoader(db.clone()), tokio::spawn, HashMapCache::default()),
            taxonomy: TaxonomyCache::new(db.clone()),
            db,
        }
    }
}

fn request<'a>(ctx: &Context<'a>) -> async_graphql::Result<&'a RequestContext> {
    ctx.data::<RequestContext>()
}
