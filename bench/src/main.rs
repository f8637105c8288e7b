//! `casebook-bench`: the benchmarks behind BENCHMARKS.md, as their own
//! binary so the production `casebook` carries none of their code. Build in
//! release (`cargo build --release --workspace` builds both); they start the
//! `casebook` binary beside this one as their server.

mod alerts;
mod corpus;
mod export;
mod isolation;
mod load;
mod postgres;
mod search;
mod server;
mod workspace;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "casebook-bench", about = "Casebook's benchmarks (run in release; see BENCHMARKS.md)")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Search on a synthetic corpus: the search crate directly, GraphQL and the page over HTTP, PostgreSQL FTS.
    Search {
        /// Corpus sizes to run, e.g. `--docs 10000 --docs 100000`.
        #[arg(long = "docs", default_values_t = [10_000u64])]
        sizes: Vec<u64>,
        #[arg(long, default_value_t = 1000)]
        queries: usize,
        #[arg(long, default_value_t = 16)]
        clients: usize,
        #[arg(long, default_value_t = 10)]
        throughput_seconds: u64,
        /// Where the corpora, databases and indexes go.
        #[arg(long, default_value = "./bench-data")]
        work_dir: PathBuf,
        /// A PostgreSQL database for the full-text baseline (a table is created and dropped).
        #[arg(long)]
        postgres_url: Option<String>,
        /// Only build the index and time the search crate directly (for profiling).
        #[arg(long)]
        direct_only: bool,
    },
    /// Simple requests while other clients send the heaviest allowed query.
    Isolation {
        #[arg(long, default_value_t = 10_000)]
        docs: u64,
        /// Clients sending the heaviest query, over and over.
        #[arg(long, default_value_t = 8)]
        heavy_clients: usize,
        /// Simple requests timed, idle and under load.
        #[arg(long, default_value_t = 500)]
        samples: usize,
        #[arg(long, default_value = "./bench-data")]
        work_dir: PathBuf,
    },
    /// A mix of page views, searches, API reads and publishing from many clients, with a publish-to-search probe.
    Load {
        #[arg(long, default_value_t = 10_000)]
        docs: u64,
        #[arg(long, default_value_t = 16)]
        clients: usize,
        #[arg(long, default_value_t = 60)]
        seconds: u64,
        #[arg(long, default_value = "./bench-data")]
        work_dir: PathBuf,
        /// Run on PostgreSQL: a fresh schema in this database (it is left for inspection).
        #[arg(long)]
        postgres_url: Option<String>,
        /// Every client only publishes (a bulk load through the API), for the memory it takes.
        #[arg(long)]
        publish_only: bool,
    },
    /// One alert run for many saved searches over a day's publications, against a baseline; the outbox's throughput.
    Alerts {
        #[arg(long, default_value_t = 10_000)]
        docs: u64,
        /// Of `docs`, how many were published in the last day.
        #[arg(long, default_value_t = 100)]
        new: u64,
        #[arg(long, default_value_t = 10_000)]
        searches: usize,
        #[arg(long, default_value_t = 2_000)]
        members: usize,
        #[arg(long, default_value = "./bench-data")]
        work_dir: PathBuf,
        /// Deliver the alerts over this SMTP server (without it, they are kept: the database work alone).
        #[arg(long)]
        smtp_url: Option<String>,
    },
    /// The open data export (CSV and JSON) at a corpus size: generation time, sizes, memory.
    Export {
        #[arg(long, default_value_t = 100_000)]
        docs: u64,
        #[arg(long, default_value = "./bench-data")]
        work_dir: PathBuf,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Search { sizes, queries, clients, throughput_seconds, work_dir, postgres_url, direct_only } => {
            let options = search::BenchOptions {
                sizes,
                queries,
                clients,
                throughput_seconds,
                work_dir,
                postgres_url,
                direct_only,
            };
            search::run(options).await
        }
        Command::Isolation { docs, heavy_clients, samples, work_dir } => {
            isolation::run(isolation::IsolationOptions { docs, heavy_clients, samples, work_dir }).await
        }
        Command::Load { docs, clients, seconds, work_dir, postgres_url, publish_only } => {
            load::run(load::LoadOptions { docs, clients, seconds, work_dir, postgres_url, publish_only }).await
        }
        Command::Alerts { docs, new, searches, members, work_dir, smtp_url } => {
            alerts::run(alerts::AlertOptions { docs, new, searches, members, work_dir, smtp_url }).await
        }
        Command::Export { docs, work_dir } => export::run(export::ExportOptions { docs, work_dir }).await,
    }
}
