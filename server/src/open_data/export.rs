//! Writes the two files of the dataset: read the case studies a page at a
//! time (so memory stays flat however many there are), write each record
//! to both files as it comes, hashing as we write, and move the finished
//! files into place (so a reader never sees half a file).

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::Context as _;
use chrono::Utc;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use sha2::{Digest, Sha256};

use super::record::{Record, records_of};
use super::{Export, ExportFile, Format, LICENCE_NAME, LICENCE_URL};
use crate::entities::{authority, case_study};
use crate::search_sync::changes::LogState;

/// Case studies read per query.
const PAGE: u64 = 500;

/// The CSV's columns, in order; `describe` publishes the same list as CSVW.
pub const CSV_COLUMNS: [&str; 29] = [
    "id",
    "url",
    "title",
    "summary",
    "body",
    "outcome",
    "lessons",
    "doDifferently",
    "evidenceStrength",
    "evaluationUrl",
    "serviceAreas",
    "technologies",
    "tags",
    "costBand",
    "plannedCost",
    "actualCost",
    "overBudget",
    "startedOn",
    "endedOn",
    "plannedEndOn",
    "late",
    "councilName",
    "councilKind",
    "councilRegion",
    "publishedAt",
    "updatedAt",
    "language",
    "titleCy",
    "summaryCy",
];

/// Makes the export as of the change log's state `position`. When the content is the
/// same as `previous`'s, the export keeps its `modified` time, so that
/// caches revalidating with `If-Modified-Since` are not told it changed.
pub async fn generate(
    db: &DatabaseConnection,
    dir: &Path,
    public_url: &str,
    position: LogState,
    previous: Option<&Export>,
) -> anyhow::Result<Export> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let started = std::time::Instant::now();
    let councils: HashMap<i32, authority::Model> =
        authority::Entity::find().all(db).await?.into_iter().map(|council| (council.id, council)).collect();
    let taxonomy = crate::taxonomy::load(db).await?;
    let generated_at = Utc::now();

    let mut csv = Writer::create(dir, Format::Csv)?;
    let mut json = Writer::create(dir, Format::Json)?;
    let mut table = csv::Writer::from_writer(&mut csv);
    table.write_record(CSV_COLUMNS)?;
    // No generation time in the file: the same content must hash the same
    // (the ETag), and when it last changed is `Last-Modified` and DCAT's.
    write!(
        json,
        r#"{{"license":{},"licenseName":{},"caseStudies":["#,
        serde_json::to_string(LICENCE_URL)?,
        serde_json::to_string(LICENCE_NAME)?,
    )?;

    let mut count = 0_u64;
    let mut after: Option<String> = None;
    loop {
        // Paged by primary key alone, open ones kept in Rust (`records_of`):
        // with the status and visibility in the WHERE clause SQLite picks
        // their index and sorts every page, which is quadratic in the rows.
        let mut page = case_study::Entity::find().order_by_asc(case_study::Column::Id).limit(PAGE);
        if let Some(after) = &after {
            page = page.filter(case_study::Column::Id.gt(after.clone()));
        }
        let rows = page.all(db).await?;
        let Some(last) = rows.last() else { break };
        after = Some(last.id.clone());
        for record in records_of(rows, &councils, &taxonomy, public_url) {
            table.write_record(csv_row(&record))?;
            if count > 0 {
                json.write_all(b",")?;
            }
            serde_json::to_writer(&mut json, &record)?;
            count += 1;
        }
    }
    table.flush()?;
    drop(table);
    json.write_all(b"]}\n")?;

    let csv = csv.finish(dir)?;
    let json = json.finish(dir)?;
    let unchanged = previous.is_some_and(|previous| previous.csv.etag == csv.etag && previous.json.etag == json.etag);
    let modified = match previous {
        Some(previous) if unchanged => previous.modified,
        _ => generated_at,
    };
    tracing::info!(case_studies = count, elapsed_ms = started.elapsed().as_millis() as u64, "open data exported");
    Ok(Export { position, modified, case_studies: count, csv, json })
}

/// One record as a CSV row: lists on separate lines within their cell,
/// taxonomy keys separated by `;`, and every cell made safe to open in a
/// spreadsheet.
fn csv_row(record: &Record) -> Vec<String> {
    let lines = |items: &[String]| items.iter().map(|item| one_line(item)).collect::<Vec<_>>().join("\n");
    let keys = |terms: &[super::record::Term]| terms.iter().map(|term| term.key.as_str()).collect::<Vec<_>>().join(";");
    let number = |value: Option<i64>| value.map(|value| value.to_string()).unwrap_or_default();
    let flag = |value: Option<bool>| value.map(|value| value.to_string()).unwrap_or_default();
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    [
        record.id.clone(),
        record.url.clone(),
        record.title.clone(),
        record.summary.clone(),
        record.body.clone(),
        record.outcome.to_owned(),
        lines(&record.lessons),
        lines(&record.do_differently),
        record.evidence_strength.unwrap_or_default().to_owned(),
        text(&record.evaluation_url),
        keys(&record.service_areas),
        keys(&record.technologies),
        record.tags.join(";"),
        record.cost_band.to_owned(),
        number(record.planned_cost),
        number(record.actual_cost),
        flag(record.over_budget),
        record.started_on.clone(),
        text(&record.ended_on),
        text(&record.planned_end_on),
        flag(record.late),
        text(&record.council.name),
        record.council.kind.to_owned(),
        record.council.region.clone(),
        text(&record.published_at),
        text(&record.updated_at),
        record.language.to_owned(),
        text(&record.title_cy),
        text(&record.summary_cy),
    ]
    .into_iter()
    .map(|cell| neutralise_formula(&cell))
    .collect()
}

fn one_line(text: &str) -> String {
    text.split(['\r', '\n']).filter(|line| !line.is_empty()).collect::<Vec<_>>().join(" ")
}

/// A cell a spreadsheet would run as a formula (it starts with `=`, `+`,
/// `-`, `@`, a tab or a carriage return) gets a leading apostrophe, which
/// spreadsheets read as "this is text" (the OWASP advice on CSV injection).
/// Negative numbers never occur in the export, so no number is changed.
pub fn neutralise_formula(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{cell}") } else { cell.to_owned() }
}

/// A file being written beside its final place, hashed as it goes.
struct Writer {
    format: Format,
    temporary: std::path::PathBuf,
    file: BufWriter<File>,
    hash: Sha256,
    size: u64,
}

impl Writer {
    fn create(dir: &Path, format: Format) -> anyhow::Result<Writer> {
        let temporary = dir.join(format!(".{}.{}.partial", format.file_name(), uuid::Uuid::new_v4()));
        let file = File::create(&temporary).with_context(|| format!("cannot create {}", temporary.display()))?;
        Ok(Writer { format, temporary, file: BufWriter::new(file), hash: Sha256::new(), size: 0 })
    }

    /// Moves the finished file into place. Each export has its own name (by
    /// its hash), so a download in progress keeps reading the file it opened.
    fn finish(mut self, dir: &Path) -> anyhow::Result<ExportFile> {
        self.file.flush()?;
        let digest = self.hash.finalize();
        let hash: String = digest.iter().take(16).map(|byte| format!("{byte:02x}")).collect();
        let path = dir.join(format!("{hash}.{}", self.format.file_name()));
        std::fs::rename(&self.temporary, &path).with_context(|| format!("cannot move {}", path.display()))?;
        Ok(ExportFile { path, etag: format!("\"{hash}\""), size: self.size })
    }
}

/// Removes every file in `dir` but those of `current`: earlier exports, and
/// partial files a crash left. Call it once `current` is the one served: on
/// Unix a download still reading a removed file goes on reading it.
pub fn remove_all_but(dir: &Path, current: &Export) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path != current.csv.path && path != current.json.path {
            let _ = std::fs::remove_file(path);
        }
    }
}

impl Write for Writer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let written = self.file.write(bytes)?;
        self.hash.update(&bytes[..written]);
        self.size += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_run_as_a_formula_are_neutralised() {
        for cell in ["=1+1", "+44 20", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise_formula(cell), format!("'{cell}"));
        }
    }

    #[test]
    fn ordinary_cells_are_left_alone() {
        for cell in ["Kent", "1200", "", "a=b", "'quoted"] {
            assert_eq!(neutralise_formula(cell), cell);
        }
    }

    #[test]
    fn list_items_keep_to_one_line_each() {
        assert_eq!(one_line("first\r\nsecond\nthird"), "first second third");
    }
}
