//! The public record as open data, under the Open Government Licence v3.0:
//! every PUBLIC, PUBLISHED case study as CSV and as JSON, with a CSVW
//! description of the CSV, a DCAT description of the dataset (JSON-LD), and
//! schema.org JSON-LD for the data page and each public case study's page.
//!
//! The files are made from the database when its content changes, never per
//! request: the export records the change log's state it was made at
//! (`changes::state`, which every write that can change a case study or
//! its labels moves). A request finding that the log has moved since starts
//! a regeneration in the background and is served the export there is
//! (one generation at a time); a background task also checks every
//! `interval`. The files live in this server's data directory and are
//! streamed from disk.

pub mod describe;
mod export;
mod record;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

pub use export::generate;
pub use record::{Record, is_open, records_of};

use crate::error::{AppError, AppResult};
use crate::search_sync::changes::{self, LogState};

pub const LICENCE_URL: &str = "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/";
pub const LICENCE_NAME: &str = "Open Government Licence v3.0";

/// The two files of the dataset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Csv,
    Json,
}

impl Format {
    pub const ALL: [Format; 2] = [Format::Csv, Format::Json];

    pub fn file_name(self) -> &'static str {
        match self {
            Format::Csv => "case-studies.csv",
            Format::Json => "case-studies.json",
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv",
            Format::Json => "application/json",
        }
    }
}

/// One generated file.
#[derive(Clone, Debug)]
pub struct ExportFile {
    pub path: PathBuf,
    /// Quoted, as the `ETag` header carries it: a hash of the content.
    pub etag: String,
    pub size: u64,
}

/// The dataset as of one state of the change log.
#[derive(Clone, Debug)]
pub struct Export {
    pub position: LogState,
    /// When its content last changed (a regeneration that changes nothing keeps it).
    pub modified: DateTime<Utc>,
    pub case_studies: u64,
    pub csv: ExportFile,
    pub json: ExportFile,
}

impl Export {
    pub fn file(&self, format: Format) -> &ExportFile {
        match format {
            Format::Csv => &self.csv,
            Format::Json => &self.json,
        }
    }
}

/// This server's open data: where the files go and the latest export.
pub struct OpenData {
    dir: PathBuf,
    public_url: String,
    current: std::sync::RwLock<Option<Arc<Export>>>,
    /// One generation at a time.
    generating: tokio::sync::Mutex<()>,
}

impl OpenData {
    pub fn new(data_dir: &std::path::Path, public_url: &str) -> OpenData {
        OpenData {
            dir: data_dir.join("open-data"),
            public_url: public_url.trim_end_matches('/').to_owned(),
            current: std::sync::RwLock::new(None),
            generating: tokio::sync::Mutex::new(()),
        }
    }

    pub fn public_url(&self) -> &str {
        &self.public_url
    }

    /// The latest export. When the change log has moved since it was made,
    /// a regeneration starts in the background and this one is served
    /// meanwhile (at 100,000 case studies a regeneration takes about 11 s,
    /// longer than a request should wait); only the very first export is
    /// waited for.
    pub async fn current(self: &Arc<Self>, db: &DatabaseConnection) -> AppResult<Arc<Export>> {
        let position = changes::state(db).await?;
        match self.cached() {
            Some(export) if export.position.covers(&position) => Ok(export),
            Some(stale) => {
                self.refresh_in_background(db.clone(), position);
                Ok(stale)
            }
            None => self.refresh(db, position).await,
        }
    }

    /// The export covering `position`, made now if need be (one
    /// generation at a time: a caller that waited finds it made).
    pub async fn refresh(&self, db: &DatabaseConnection, position: LogState) -> AppResult<Arc<Export>> {
        let _one_at_a_time = self.generating.lock().await;
        let previous = self.cached();
        if let Some(export) = previous.clone().filter(|export| export.position.covers(&position)) {
            return Ok(export);
        }
        let made = crate::db::uncounted(generate(db, &self.dir, &self.public_url, position, previous.as_deref()))
            .await
            .map_err(|error| match error.downcast::<AppError>() {
                Ok(error) => error,
                Err(error) => AppError::Internal(error),
            })?;
        let export = Arc::new(made);
        if let Ok(mut current) = self.current.write() {
            *current = Some(export.clone());
        }
        export::remove_all_but(&self.dir, &export);
        Ok(export)
    }

    /// Starts a regeneration unless one is running (which, or the next
    /// request after it, catches up with the log).
    fn refresh_in_background(self: &Arc<Self>, db: DatabaseConnection, position: LogState) {
        if self.generating.try_lock().is_err() {
            return;
        }
        let open_data = self.clone();
        tokio::spawn(async move {
            if let Err(error) = open_data.refresh(&db, position).await {
                tracing::warn!(%error, "cannot regenerate the open data export");
            }
        });
    }

    fn cached(&self) -> Option<Arc<Export>> {
        self.current.read().ok().and_then(|current| current.clone())
    }

    /// Keeps the export fresh in the background: every `interval`, if the
    /// change log moved, regenerate (so that a request seldom waits).
    pub fn start(self: Arc<Self>, db: DatabaseConnection, interval: Duration) {
        tokio::spawn(async move {
            loop {
                let refreshed = match changes::state(&db).await {
                    Ok(position) => self.refresh(&db, position).await.map(|_| ()),
                    Err(error) => Err(error),
                };
                if let Err(error) = refreshed {
                    tracing::warn!(%error, "cannot regenerate the open data export");
                }
                tokio::time::sleep(interval).await;
            }
        });
    }
}
