//! The application: shared state, start-up, and the listener.

use std::sync::Arc;

use anyhow::Context;
use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;

use crate::authorities::register;
use crate::db::{self, QueryCounter};
use crate::graphql::{self, CasebookSchema};
use crate::notifications::jobs;
use crate::notifications::mail::delivery::{Delivery, RetryPolicy};
use crate::notifications::mail::transport::Transport;
use crate::open_data::OpenData;
use crate::operations::data_dir::DataDirLock;
use crate::operations::metrics;
use crate::search_sync::SearchService;
use crate::search_sync::changes::{Doorbell, Outbox};
use crate::sessions::SessionPolicy;
use crate::settings::Settings;
use crate::sign_in::Providers;
use crate::{router, taxonomy};

/// Everything a request handler may need. One per process, shared by `Arc`.
pub struct App {
    /// For writes, and reads that must see them at once (on SQLite, its one writer).
    pub db: DatabaseConnection,
    /// For reads (on SQLite, a pool of read-only connections; on PostgreSQL, `db`).
    pub reads: DatabaseConnection,
    /// Statements run so far on `db` (tests bound queries per request with it).
    pub queries: QueryCounter,
    pub schema: CasebookSchema,
    pub settings: Settings,
    /// The URL people reach this server at, no trailing slash (the bound address unless configured).
    pub public_url: String,
    pub sessions: SessionPolicy,
    /// The OpenID Connect providers members sign in with.
    pub providers: Providers,
    /// This process's search index and its indexer.
    pub search: Arc<SearchService>,
    /// `db` for the domain's writes: it tells the indexer (and the mail worker) after each commit.
    pub outbox: Outbox,
    /// Whether email goes nowhere (no SMTP server): the development mailbox shows it.
    pub keeps_mail: bool,
    /// The public record as open data (`/data`), regenerated when content changes.
    pub open_data: Arc<OpenData>,
}

pub type AppState = Arc<App>;

impl App {
    pub fn databases(&self) -> db::Connections<'_> {
        db::Connections { reads: &self.reads, writes: &self.db }
    }
}

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
    let (db, queries) = db::connect_server(settings).await?;
    let migrated = db::migrate(&db).await?;
    // Once, when the Welsh columns arrive: the shipped Welsh names of the
    // councils and terms already there (later, an admin's edit stands).
    let welsh_arrived = migrated.iter().any(|name| name == casebook_migrations::CYMRAEG);
    let added = register::load_shipped_register_if_empty(&db).await?;
    let refreshed = register::refresh_shipped_domains(&db).await?;
    if refreshed > 0 {
        tracing::info!(councils = refreshed, "email domains updated from the shipped register");
    }
    if welsh_arrived {
        let named = register::fill_shipped_welsh_names(&db).await?;
        tracing::info!(councils = named, "Welsh names added from the shipped register");
    }
    if added > 0 {
        tracing::info!(councils = added, "loaded the shipped register of councils");
    }
    taxonomy::seed(&db, welsh_arrived).await?;
    Ok((db, queries))
}

/// How long requests in flight may run on after a shutdown signal.
/// How often the open data export checks whether content changed.
const OPEN_DATA_INTERVAL: std::time::Duration = std::time::Duration::from_secs(30);

pub const SHUTDOWN_GRACE: std::time::Duration = std::time::Duration::from_secs(10);

/// SIGTERM (what orchestrators send) or Ctrl-C.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = terminate => {}
    }
}

async fn bind(address: std::net::SocketAddr) -> anyhow::Result<TcpListener> {
    TcpListener::bind(address)
        .await
        .with_context(|| format!("cannot listen on {address} (is another server using it?)"))
}

/// A server bound to its address, ready to run.
pub struct Application {
    listener: TcpListener,
    /// `/metrics` on an address of its own (`--metrics-bind`).
    metrics_listener: Option<TcpListener>,
    state: AppState,
    /// Held while the server runs: `restore` and `reindex` wait for it to stop.
    data_dir_lock: DataDirLock,
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
        mut settings: Settings,
        db: DatabaseConnection,
        queries: QueryCounter,
    ) -> anyhow::Result<Self> {
        let data_dir_lock = DataDirLock::take(&settings.data_dir)?;
        let listener = bind(settings.bind).await?;
        let metrics_listener = match settings.metrics_bind {
            Some(address) => Some(bind(address).await?),
            None => None,
        };
        metrics::install();
        if settings.dev_sign_in && !settings.is_loopback_only() {
            anyhow::bail!(
                "development sign-in lets anyone sign in as anyone: it is refused unless the server listens \
                 on a loopback address and its public URL (if set) is a loopback one too (it is asked to listen \
                 on {} for {})",
                settings.bind,
                settings.public_url()
            );
        }
        if settings.public_url.is_none() {
            // Port 0 binds a free port: the public URL is the address actually bound.
            settings.public_url = Some(format!("http://{}", listener.local_addr()?).parse()?);
        }
        let public_url = settings.public_url();
        let providers = Providers::new(&settings.oidc_providers, &public_url)?;
        providers.discover_all().await;
        let (search, index_state) = SearchService::open(&settings.data_dir, &settings.database_url()).await?;
        search.start(index_state);
        let reads = db::connect_readers(&settings, &db, &queries).await?;
        let sessions = SessionPolicy::from_settings(&settings);
        let schema = graphql::build_schema();
        let site = crate::notifications::Site::load(&db, &public_url).await?;
        let transport = Arc::new(Transport::new(settings.smtp_url.as_deref(), &settings.mail_from)?);
        let keeps_mail = transport.keeps_mail();
        if keeps_mail && !settings.dev_sign_in {
            tracing::warn!("no --smtp-url: email is kept in the outbox, not sent");
        }
        let mail_doorbell = Doorbell::default();
        let outbox = search.outbox(db.clone()).with_mail(site.clone(), mail_doorbell.clone());
        let retry = RetryPolicy {
            max_attempts: settings.mail_max_attempts.max(1),
            first_backoff: std::time::Duration::from_secs(settings.mail_retry_seconds),
            ..RetryPolicy::default()
        };
        // Background work writes through the one writer (SQLite has one), uncounted.
        let background = db.clone();
        Delivery { db: background.clone(), transport, retry }
            .start(mail_doorbell.clone(), std::time::Duration::from_secs(settings.mail_poll_seconds.max(1)));
        jobs::start(
            background,
            search.clone(),
            site,
            std::time::Duration::from_secs(settings.jobs_interval_seconds.max(1)),
            mail_doorbell,
        );
        let open_data = Arc::new(OpenData::new(&settings.data_dir, &public_url));
        // It reads page by page through the readers, so it never holds SQLite's one writer.
        open_data.clone().start(reads.clone(), OPEN_DATA_INTERVAL);
        let state = Arc::new(App {
            open_data,
            db,
            reads,
            queries,
            schema,
            settings,
            public_url,
            sessions,
            providers,
            search,
            outbox,
            keeps_mail,
        });
        Ok(Application { listener, metrics_listener, state, data_dir_lock })
    }

    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|address| address.port()).unwrap_or_default()
    }

    /// The port `/metrics` is served on when it has an address of its own.
    pub fn metrics_port(&self) -> Option<u16> {
        let listener = self.metrics_listener.as_ref()?;
        listener.local_addr().ok().map(|address| address.port())
    }

    pub fn state(&self) -> AppState {
        self.state.clone()
    }

    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        self.run_until(std::future::pending()).await
    }

    /// Serves until SIGTERM or Ctrl-C, then shuts down gracefully (`run_until`).
    pub async fn run_until_signalled(self) -> anyhow::Result<()> {
        self.run_until(shutdown_signal()).await
    }

    /// Serves until `stop` completes; then stops accepting connections, lets
    /// the requests in flight finish (for at most `SHUTDOWN_GRACE`), and
    /// brings the search index up to the change log before it returns.
    pub async fn run_until(self, stop: impl Future<Output = ()> + Send + 'static) -> anyhow::Result<()> {
        let state = self.state.clone();
        let _alone = self.data_dir_lock;
        let metrics = self.metrics_listener.map(|listener| {
            let service = router::metrics_router(state.clone());
            tokio::spawn(async move { axum::serve(listener, service).await })
        });
        let (stopping, stopped) = tokio::sync::oneshot::channel::<()>();
        // Connect info gives the rate limits each client's address.
        let service = router::router(self.state).into_make_service_with_connect_info::<std::net::SocketAddr>();
        let serving = axum::serve(self.listener, service).with_graceful_shutdown(async move {
            stop.await;
            tracing::info!("shutting down: no new connections; finishing the requests in flight");
            let _ = stopping.send(());
        });
        let mut serving = std::pin::pin!(serving.into_future());
        tokio::select! {
            served = &mut serving => served.context("the server stopped")?,
            _ = async {
                let _ = stopped.await;
                tokio::time::sleep(SHUTDOWN_GRACE).await;
            } => tracing::warn!(seconds = SHUTDOWN_GRACE.as_secs(), "requests still running at the end of the grace period were dropped"),
        }
        if let Some(metrics) = metrics {
            metrics.abort();
        }
        match state.search.sync().await {
            Ok(_) => tracing::info!("search index committed; stopped"),
            Err(error) => {
                tracing::warn!(error = %format!("{error:#}"), "the last index sync failed: the next start catches up")
            }
        }
        Ok(())
    }
}
