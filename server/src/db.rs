//! The database connections: SQLite by default, PostgreSQL by URL, with a
//! query counter (tests use it to bound queries per request).
//!
//! SQLite has one writer at a time, so writes go through one connection
//! (`connect`): our own transactions never meet SQLITE_BUSY. Reads get a pool
//! of read-only connections (`connect_readers`): in WAL mode they read while
//! the writer writes, so a slow reader never queues the rest. On PostgreSQL
//! the two are one pool.
//!
//! A database that cannot be reached, or whose pool stays exhausted, is
//! `AppError::Unavailable` (SERVICE_UNAVAILABLE, HTTP 503): `is_unavailable`
//! tells it from a bug.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use anyhow::Context;
use casebook_migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbErr, RuntimeErr};

use crate::settings::{Settings, redact_url};

/// How long a request waits for a connection before the database counts as
/// overloaded (at most; the server waits half its request deadline), so the
/// answer is a 503 that says why rather than a timeout.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);
/// A statement taking this long is logged (with its SQL, never its values).
const SLOW_STATEMENT: Duration = Duration::from_millis(50);
/// Connections to PostgreSQL per process (shared by reads and writes).
const POSTGRES_POOL_DEFAULT: u32 = 16;

/// Counts every statement the connections run (but background work's: `uncounted`).
#[derive(Clone, Debug, Default)]
pub struct QueryCounter(Arc<AtomicU64>);

tokio::task_local! {
    /// Set while background work (the mail worker, the scheduled jobs) runs.
    static UNCOUNTED: ();
}

/// Runs `work` without counting its statements: background work shares
/// SQLite's one writer with requests (a second writer would meet
/// SQLITE_BUSY), but is no part of any request's query budget.
pub async fn uncounted<F: Future>(work: F) -> F::Output {
    UNCOUNTED.scope((), work).await
}

impl QueryCounter {
    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }

    /// Counts `db`'s statements, and logs the slow ones (their SQL with
    /// placeholders: the values, which may be token hashes or emails, never).
    fn count_on(&self, db: &mut DatabaseConnection) {
        let count = self.0.clone();
        db.set_metric_callback(move |info| {
            if UNCOUNTED.try_with(|_| ()).is_err() {
                count.fetch_add(1, Ordering::Relaxed);
            }
            if info.elapsed >= SLOW_STATEMENT {
                tracing::warn!(
                    ms = info.elapsed.as_millis() as u64,
                    sql = %info.statement.sql,
                    "slow database statement"
                );
            }
        });
    }
}

/// A process's connections by what they are for, for code that reads on
/// almost every request and writes now and then (sessions, tokens).
#[derive(Clone, Copy)]
pub struct Connections<'a> {
    pub reads: &'a DatabaseConnection,
    pub writes: &'a DatabaseConnection,
}

fn is_sqlite(url: &str) -> bool {
    url.starts_with("sqlite:")
}

fn options(url: &str, deadline: Option<Duration>) -> ConnectOptions {
    let acquire = deadline.map_or(ACQUIRE_TIMEOUT, |deadline| (deadline / 2).min(ACQUIRE_TIMEOUT));
    let mut options = ConnectOptions::new(url.to_owned());
    options.connect_timeout(Duration::from_secs(5)).acquire_timeout(acquire).sqlx_logging(false);
    options
}

/// The connection for writes (and for reads that must see them at once):
/// on SQLite a single connection, in WAL mode; on PostgreSQL the pool.
pub async fn connect(url: &str) -> anyhow::Result<(DatabaseConnection, QueryCounter)> {
    connect_with(url, POSTGRES_POOL_DEFAULT, None).await
}

/// The server's writer: `connect`, with a PostgreSQL pool of `settings`'
/// size whose statements stop at the request deadline (a request that is
/// stopped does not leave its query running on the database server).
pub async fn connect_server(settings: &Settings) -> anyhow::Result<(DatabaseConnection, QueryCounter)> {
    connect_with(&settings.database_url(), settings.database_pool_size, Some(settings.request_timeout())).await
}

async fn connect_with(
    url: &str,
    pool_size: u32,
    deadline: Option<Duration>,
) -> anyhow::Result<(DatabaseConnection, QueryCounter)> {
    let mut options = options(url, deadline);
    if is_sqlite(url) {
        options.max_connections(1).min_connections(1);
    } else {
        options.max_connections(pool_size.max(1));
        if let Some(deadline) = deadline {
            options.statement_timeout(deadline);
        }
    }
    let mut db = Database::connect(options)
        .await
        .with_context(|| format!("cannot connect to the database at {}", redact_url(url)))?;
    if is_sqlite(url) {
        db.execute_unprepared("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;").await?;
    }
    let counter = QueryCounter::default();
    counter.count_on(&mut db);
    Ok((db, counter))
}

/// The connections for reads. On SQLite, a pool of `database_pool_size` read-only
/// connections beside the writer (so a write on one is an error, not a
/// lock); on PostgreSQL, the writer's pool itself.
pub async fn connect_readers(
    settings: &Settings,
    writer: &DatabaseConnection,
    counter: &QueryCounter,
) -> anyhow::Result<DatabaseConnection> {
    let url = settings.database_url();
    if !is_sqlite(&url) {
        return Ok(writer.clone());
    }
    let mut options = options(&url, Some(settings.request_timeout()));
    options
        .max_connections(settings.database_pool_size.max(1))
        .min_connections(1)
        .map_sqlx_sqlite_opts(|sqlite| sqlite.read_only(true).create_if_missing(false));
    let mut readers = Database::connect(options)
        .await
        .with_context(|| format!("cannot open the database at {} for reading", redact_url(&url)))?;
    counter.count_on(&mut readers);
    Ok(readers)
}

/// Runs the pending migrations; returns the names of those it ran (a step
/// of data that goes with one runs once, after it: see `app::prepare`).
pub async fn migrate(db: &DatabaseConnection) -> anyhow::Result<Vec<String>> {
    let pending: Vec<String> = Migrator::get_pending_migrations(db)
        .await
        .context("cannot read the database's migrations")?
        .iter()
        .map(|migration| migration.name().to_owned())
        .collect();
    Migrator::up(db, None).await.context("cannot run the database migrations")?;
    if db.get_database_backend() == sea_orm::DbBackend::Sqlite {
        // Statistics for SQLite's planner, where they are missing or stale
        // (PostgreSQL's autovacuum keeps its own): without them it reads a
        // council's 1,000 case studies by the wrong index (81 ms against 12 ms at 100,000).
        db.execute_unprepared("PRAGMA optimize=0x10002").await.context("cannot analyse the database")?;
    }
    Ok(pending)
}

/// Whether the error says the database cannot serve now (unreachable, pool
/// exhausted, SQLite locked past its busy timeout) rather than that the
/// statement or our code is wrong.
pub fn is_unavailable(error: &DbErr) -> bool {
    use sea_orm::sqlx::Error as Sqlx;
    match error {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => true,
        DbErr::Exec(RuntimeErr::SqlxError(sqlx)) | DbErr::Query(RuntimeErr::SqlxError(sqlx)) => match sqlx.as_ref() {
            Sqlx::PoolTimedOut | Sqlx::PoolClosed | Sqlx::Io(_) | Sqlx::WorkerCrashed => true,
            // SQLITE_BUSY and SQLITE_LOCKED, and their extended codes (BUSY_RECOVERY,
            // BUSY_SNAPSHOT, BUSY_TIMEOUT, LOCKED_SHAREDCACHE).
            Sqlx::Database(database) => {
                database.code().is_some_and(|code| matches!(code.as_ref(), "5" | "261" | "517" | "773" | "6" | "262"))
            }
            _ => false,
        },
        _ => false,
    }
}
