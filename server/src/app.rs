//! The application: shared state, start-up, and the listener.

use std::sync::Arc;

use anyhow::Context;
use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;

use crate::authorities::register;
use crate::db::{self, QueryCounter};
use crate::graphql::{self, CasebookSchema};
use crate::search::SearchService;
use crate::settings::Settings;
use crate::{router, taxonomy};

/// Everything a request handler may need. One per process, shared by `Arc`.
pub struct App {
    pub db: DatabaseConnection,
    /// Statements run so far on `db` (tests bound queries per request with it).
    pub queries: QueryCounter,
    pub schema: CasebookSchema,
    pub settings: Settings,
    /// This process's search index and its indexer.
    pub search: Arc<SearchService>,
}

pub type AppState = Arc<App>;

/// Creates the data dir, connects, migrates, and loads the reference data
/// (register, taxonomy) the first time. Every command that touches the
/// database starts here.
pub async fn prepare(settings: &Settings) -> anyhow::Result<(DatabaseConnection, QueryCounter)> {
    std::fs::create_dir_all(&settings.data_dir)
        .with_context(|| format!("cannot create the data directory {}", settings.data_dir.display()))?;
    let probe = settings.data_dir.join(".write-test");
    std::fs::write(&probe, b"")
        .with_context(|| format!("the data directory {} is not writable", settings.data_dir.display()))?;
    let _ = std::fs::remove_file(probe);
    let (db, queries) = db::connect(&settings.database_url()).await?;
    db::migrate(&db).await?;
    let added = register::load_shipped_register_if_empty(&db).await?;
    if added > 0 {
        tracing::info!(councils = added, "loaded the shipped register of councils");
    }
    taxonomy::seed(&db).await?;
    Ok((db, queries))
}

/// A server bound to its address, ready to run.
pub struct Application {
    listener: TcpListener,
    state: AppState,
}

impl Application {
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let (db, queries) = prepare(&settings).await?;
        Self::with_database(settings, db, queries).await
    }

    /// Binds `settings.bind` (port 0 picks a free port) for a prepared
    /// database, and starts the search indexer (rebuilding the index in the
    /// background when it needs it: the server serves meanwhile).
    pub async fn with_database(
        settings: Settings,
        db: DatabaseConnection,
        queries: QueryCounter,
    ) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(settings.bind)
            .await
            .with_context(|| format!("cannot listen on {} (is another server using it?)", settings.bind))?;
        let (search, index_state) = SearchService::open(&settings.data_dir, &settings.database_url()).await?;
        search.start(index_state);
        let state = Arc::new(App { db, queries, schema: graphql::build_schema(), settings, search });
        Ok(Application { listener, state })
    }

    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|address| address.port()).unwrap_or_default()
    }

    pub fn state(&self) -> AppState {
        self.state.clone()
    }

    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        axum::serve(self.listener, router::router(self.state)).await.context("the server stopped")
    }
}
