//! DataLoaders: a page of case studies costs one query per kind of related
//! row (authorities, members, revisions, transitions, follow-ups), however long the page.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Arc;

use async_graphql::dataloader::{DataLoader, HashMapCache, Loader};
use sea_orm::DatabaseConnection;
use tokio::sync::OnceCell;

use super::errors::IntoGraphqlResult;
use crate::case_studies::{listing, workflow};
use crate::entities::{authority, case_study_revision, case_study_transition, follow_up, member};
use crate::taxonomy::{self, Taxonomy};

pub struct AuthorityLoader(pub DatabaseConnection);

impl Loader<i32> for AuthorityLoader {
    type Value = authority::Model;
    type Error = async_graphql::Error;

    async fn load(&self, ids: &[i32]) -> Result<HashMap<i32, Self::Value>, Self::Error> {
        let rows = crate::authorities::find_by_ids(&self.0, ids).await.gql()?;
        Ok(rows.into_iter().map(|row| (row.id, row)).collect())
    }
}

pub struct MemberLoader(pub DatabaseConnection);

impl Loader<String> for MemberLoader {
    type Value = member::Model;
    type Error = async_graphql::Error;

    async fn load(&self, ids: &[String]) -> Result<HashMap<String, Self::Value>, Self::Error> {
        let rows = crate::members::find_by_ids(&self.0, ids).await.gql()?;
        Ok(rows.into_iter().map(|row| (row.id.clone(), row)).collect())
    }
}

/// Pending (or returned) revision by case-study id.
pub struct RevisionLoader(pub DatabaseConnection);

impl Loader<String> for RevisionLoader {
    type Value = case_study_revision::Model;
    type Error = async_graphql::Error;

    async fn load(&self, ids: &[String]) -> Result<HashMap<String, Self::Value>, Self::Error> {
        let rows = workflow::revisions_of(&self.0, ids).await.gql()?;
        Ok(rows.into_iter().map(|row| (row.case_study_id.clone(), row)).collect())
    }
}

/// Follow-ups by case-study id, every state, in date order (the resolver keeps what the viewer may see).
pub struct FollowUpLoader(pub DatabaseConnection);

impl Loader<String> for FollowUpLoader {
    type Value = Vec<follow_up::Model>;
    type Error = async_graphql::Error;

    async fn load(&self, ids: &[String]) -> Result<HashMap<String, Self::Value>, Self::Error> {
        workflow::follow_ups::all_of(&self.0, ids).await.gql()
    }
}

/// History by case-study id, oldest first.
pub struct TransitionLoader(pub DatabaseConnection);

impl Loader<String> for TransitionLoader {
    type Value = Vec<case_study_transition::Model>;
    type Error = async_graphql::Error;

    async fn load(&self, ids: &[String]) -> Result<HashMap<String, Self::Value>, Self::Error> {
        listing::histories(&self.0, ids).await.gql()
    }
}

/// Loads `keys` with the loader's one query now, and keeps what it found in
/// the request's cache. `load_many` would do the same after the loader's
/// batching delay (1 ms on a timer thread), which buys nothing when every key
/// is already in hand, as when prefetching a page.
pub async fn load_now<K, T>(loader: &DataLoader<T, HashMapCache>, keys: &[K]) -> Result<HashMap<K, T::Value>, T::Error>
where
    K: Send + Sync + Hash + Eq + Clone + 'static,
    T: Loader<K>,
{
    if keys.is_empty() {
        return Ok(HashMap::new());
    }
    let found = loader.loader().load(keys).await?;
    loader.feed_many(found.clone()).await;
    Ok(found)
}

/// The taxonomy, read at most once per request.
pub struct TaxonomyCache {
    db: DatabaseConnection,
    cell: OnceCell<Arc<Taxonomy>>,
}

impl TaxonomyCache {
    pub fn new(db: DatabaseConnection) -> Self {
        TaxonomyCache { db, cell: OnceCell::new() }
    }

    pub async fn get(&self) -> async_graphql::Result<Arc<Taxonomy>> {
        let taxonomy =
            self.cell.get_or_try_init(|| async { taxonomy::load(&self.db).await.map(Arc::new) }).await.gql()?;
        Ok(taxonomy.clone())
    }
}
