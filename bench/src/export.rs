//! `casebook-bench export`: the open data export at `--docs` case studies.
//!
//! A corpus of `--docs` published case studies (the search benchmark's:
//! a fifth members-only, a tenth anonymous, two in three with evidence) in
//! SQLite. It times, in one process:
//!
//! 1. `open_data::generate`, as the server runs it when content changed:
//!    both files written from the database a page at a time;
//! 2. what a request costs when nothing changed (`OpenData::current` on a
//!    fresh export: one query of the change log), which is what every
//!    download costs instead of a regeneration;
//!
//! and prints both files' sizes and the process's peak memory.

use std::time::Instant;

use casebook::open_data::{self, OpenData};
use casebook::search_sync::changes;

use crate::corpus::Corpus;
use crate::workspace::{self, Workspace};

pub struct ExportOptions {
    pub docs: u64,
    pub work_dir: std::path::PathBuf,
}

pub async fn run(options: ExportOptions) -> anyhow::Result<()> {
    let workspace = Workspace::new(&options.work_dir.join("export")).await?;
    let db = workspace.db.clone();
    let corpus = Corpus { taxonomy: &workspace.taxonomy, authorities: &workspace.authorities };
    let started = Instant::now();
    workspace::load_database(&db, &corpus, options.docs).await?;
    println!("loaded {} case studies in {:.1} s", options.docs, started.elapsed().as_secs_f64());

    let dir = workspace.data_dir.join("open-data-bench");
    let position = changes::state(&db).await?;
    let mut timings = Vec::new();
    let mut export = None;
    for _ in 0..3 {
        let started = Instant::now();
        export = Some(open_data::generate(&db, &dir, "https://casebook.example", position, export.as_ref()).await?);
        timings.push(started.elapsed().as_secs_f64());
    }
    let export = export.expect("three runs");
    timings.sort_by(f64::total_cmp);
    println!(
        "generate: {} open case studies (of {}), median {:.2} s (runs: {})",
        export.case_studies,
        options.docs,
        timings[1],
        timings.iter().map(|t| format!("{t:.2}")).collect::<Vec<_>>().join(", ")
    );
    println!("  case-studies.csv:  {:.1} MB", export.csv.size as f64 / 1e6);
    println!("  case-studies.json: {:.1} MB", export.json.size as f64 / 1e6);

    let open_data = std::sync::Arc::new(OpenData::new(&workspace.data_dir, "https://casebook.example"));
    open_data.current(&db).await?;
    let requests = 1_000;
    let started = Instant::now();
    for _ in 0..requests {
        open_data.current(&db).await?;
    }
    let per_request = started.elapsed().as_secs_f64() / requests as f64;
    println!(
        "unchanged content, per request: {:.3} ms (a regeneration per request would cost {:.0}x as much)",
        per_request * 1e3,
        timings[1] / per_request
    );
    if let Some(peak) = peak_memory_mb() {
        println!("peak memory of the process: {peak:.0} MB");
    }
    Ok(())
}

/// The process's peak resident memory (Linux), in MB.
fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
