//! `casebook backup FILE` and `casebook restore FILE`, for SQLite.
//!
//! A backup is `VACUUM INTO` a temporary file beside FILE, then a rename:
//! one read transaction, so a consistent copy of a database a server is
//! writing to, and FILE is either the old backup or the whole new one, never
//! half of one. A restore checks the file first (a SQLite database that
//! passes `quick_check`, made by this version of Casebook or an older one),
//! needs the server stopped (the data directory's lock), keeps the database
//! it replaces as `casebook.db.before-restore`, and removes the search index,
//! which the next start rebuilds from the restored database.
//!
//! PostgreSQL has its own tools for this: the errors name them, and so
//! does the README.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, bail, ensure};
use casebook_migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

use super::data_dir::DataDirLock;
use crate::settings::Settings;

const ON_POSTGRES: &str = "the database is PostgreSQL: back it up with `pg_dump --format=custom --file=FILE URL` \
                           and restore it with `pg_restore --clean --if-exists --dbname=URL FILE` (see the README)";

/// What a backup or a restore copied.
#[derive(Debug)]
pub struct Copied {
    pub file: PathBuf,
    pub bytes: u64,
    pub case_studies: i64,
    pub members: i64,
    pub took: Duration,
}

impl std::fmt::Display for Copied {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} case studies, {} members, {:.1} MB, in {:.2} s",
            self.file.display(),
            self.case_studies,
            self.members,
            self.bytes as f64 / 1_000_000.0,
            self.took.as_secs_f64()
        )
    }
}

/// Writes a consistent copy of the (possibly live) SQLite database to `target`.
pub async fn backup(settings: &Settings, target: &Path) -> anyhow::Result<Copied> {
    let started = Instant::now();
    let source = sqlite_file(settings)?;
    ensure!(source.exists(), "there is no database at {} to back up", source.display());
    let partial = sibling(target, ".partial");
    remove_if_present(&partial)?;
    let db = open(&source, "rw").await?;
    db.execute_unprepared(&format!("VACUUM INTO {}", sql_string(&partial)?))
        .await
        .with_context(|| format!("cannot write the backup to {}", partial.display()))?;
    db.close().await.ok();
    std::fs::File::open(&partial)?.sync_all()?;
    std::fs::rename(&partial, target).with_context(|| format!("cannot move the backup to {}", target.display()))?;
    describe(target, started).await
}

/// Replaces the stopped server's database with the backup in `file`.
pub async fn restore(settings: &Settings, file: &Path) -> anyhow::Result<Copied> {
    let started = Instant::now();
    let target = sqlite_file(settings)?;
    check_backup(file).await?;
    std::fs::create_dir_all(&settings.data_dir)?;
    let _alone = DataDirLock::take(&settings.data_dir)?;

    let incoming = sibling(&target, ".restoring");
    std::fs::copy(file, &incoming).with_context(|| format!("cannot copy {} into place", file.display()))?;
    std::fs::File::open(&incoming)?.sync_all()?;
    if target.exists() {
        std::fs::rename(&target, sibling(&target, ".before-restore"))?;
    }
    // The old database's write-ahead log would be replayed into the new one.
    for suffix in ["-wal", "-shm"] {
        remove_if_present(&sibling(&target, suffix))?;
    }
    std::fs::rename(&incoming, &target)?;
    let index = settings.data_dir.join("index");
    if index.exists() {
        std::fs::remove_dir_all(&index).with_context(|| format!("cannot remove the old index {}", index.display()))?;
    }
    describe(&target, started).await
}

/// Refuses a file that is not a whole Casebook database this version can run.
async fn check_backup(file: &Path) -> anyhow::Result<()> {
    ensure!(file.is_file(), "there is no backup at {}", file.display());
    let db = open(file, "ro").await.with_context(|| format!("{} is not a SQLite database", file.display()))?;
    let check = single::<String>(&db, "PRAGMA quick_check")
        .await
        .with_context(|| format!("{} is not a SQLite database", file.display()))?;
    ensure!(check == "ok", "{} is damaged: {check}", file.display());
    let applied = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), "SELECT version FROM seaql_migrations"))
        .await
        .with_context(|| format!("{} is not a Casebook database (it has no migrations table)", file.display()))?;
    let known: Vec<String> = Migrator::migrations().iter().map(|migration| migration.name().to_owned()).collect();
    for row in applied {
        let version: String = row.try_get_by_index(0)?;
        if !known.contains(&version) {
            bail!("{} was made by a newer Casebook (its migration {version} is unknown here)", file.display());
        }
    }
    db.close().await.ok();
    Ok(())
}

async fn describe(file: &Path, started: Instant) -> anyhow::Result<Copied> {
    let db = open(file, "ro").await?;
    let count = |table: &'static str| {
        let db = &db;
        async move { single::<i64>(db, &format!("SELECT COUNT(*) FROM {table}")).await }
    };
    let copied = Copied {
        file: file.to_owned(),
        bytes: std::fs::metadata(file)?.len(),
        case_studies: count("case_studies").await?,
        members: count("members").await?,
        took: started.elapsed(),
    };
    db.close().await.ok();
    Ok(copied)
}

/// The SQLite file the settings name, or why there is none.
fn sqlite_file(settings: &Settings) -> anyhow::Result<PathBuf> {
    let url = settings.database_url();
    let Some(rest) = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) else {
        bail!(ON_POSTGRES);
    };
    let path = rest.split('?').next().unwrap_or_default();
    ensure!(!path.is_empty() && path != ":memory:", "the database `{url}` is not a file");
    Ok(PathBuf::from(path))
}

async fn open(file: &Path, mode: &str) -> anyhow::Result<DatabaseConnection> {
    let url = format!("sqlite://{}?mode={mode}", file.display());
    let mut options = sea_orm::ConnectOptions::new(url);
    options.max_connections(1).sqlx_logging(false);
    Ok(sea_orm::Database::connect(options).await?)
}

/// The first column of the one row `sql` answers.
async fn single<T: sea_orm::TryGetable>(db: &DatabaseConnection, sql: &str) -> anyhow::Result<T> {
    let row = db.query_one_raw(Statement::from_string(db.get_database_backend(), sql)).await?;
    Ok(row.context("no answer")?.try_get_by_index(0)?)
}

/// `file` with `suffix` added to its name, in the same directory (so a rename is atomic).
fn sibling(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    file.with_file_name(name)
}

fn remove_if_present(file: &Path) -> anyhow::Result<()> {
    match std::fs::remove_file(file) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
            Err(error).with_context(|| format!("cannot remove {}", file.display()))
        }
        _ => Ok(()),
    }
}

/// A path as an SQL string literal.
fn sql_string(path: &Path) -> anyhow::Result<String> {
    let text = path.to_str().with_context(|| format!("{} is not UTF-8", path.display()))?;
    Ok(format!("'{}'", text.replace('\'', "''")))
}
