//! `casebook-bench search`: index build, query latency three ways (the
//! search crate directly, the GraphQL API over HTTP, and a PostgreSQL
//! full-text baseline on the same corpus and queries), throughput with
//! concurrent clients, and the server's peak memory. Run it in release.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use casebook_search::{Audience, Filters, SearchIndex, SearchRequest, Sort};

use crate::corpus::{self, BenchQuery, Corpus};
use crate::postgres;
use crate::server::{Endpoint, Server};
use crate::workspace::{Latency, Workspace, dir_size, load_database, ms, search_document};
use casebook::members::{self, Role};

pub struct BenchOptions {
    pub sizes: Vec<u64>,
    pub queries: usize,
    pub clients: usize,
    pub throughput_seconds: u64,
    pub work_dir: PathBuf,
    pub postgres_url: Option<String>,
    pub direct_only: bool,
}

pub async fn run(options: BenchOptions) -> anyhow::Result<()> {
    for &size in &options.sizes {
        let report = run_size(&options, size).await?;
        println!("{report}");
    }
    Ok(())
}

async fn run_size(options: &BenchOptions, size: u64) -> anyhow::Result<String> {
    let dir = options.work_dir.join(format!("n{size}"));
    let Workspace { data_dir, db, taxonomy, authorities } = Workspace::new(&dir).await?;
    let corpus = Corpus { taxonomy: &taxonomy, authorities: &authorities };
    let queries = corpus::queries(options.queries, &taxonomy);
    // Each process answers other queries first: the first touch of an index
    // page or a database row is not what a running server's latency is.
    let warm_up = corpus::warm_up_queries(&taxonomy);
    eprintln!("N = {size}: building the index directly");

    // 1. The search crate, directly.
    let direct = direct(&corpus, &dir.join("direct-index"), size, &warm_up, &queries)?;
    if options.direct_only {
        return Ok(direct.report_alone(size));
    }
    let Direct { build, index_bytes, cores, one_thread: direct_one_thread, all_threads: direct, kinds: direct_kinds } =
        direct;

    // 2. The full GraphQL query over HTTP, against a `casebook serve` process.
    eprintln!("N = {size}: loading the database and starting a server");
    let started = Instant::now();
    load_database(&db, &corpus, size).await?;
    let load = started.elapsed();
    let member = members::upsert_active_member(&db, "bench@casebook.example", Role::Member, None).await?;
    let token = members::issue_token(&db, &member.id, "bench").await?;
    db.close().await.ok();
    let server = Server::start(&data_dir).await?;
    let client = reqwest::Client::new();
    let rebuild = server.wait_until_indexed(&client, &token, size).await?;
    server.latency(&client, &token, &warm_up, Endpoint::Graphql).await?;
    server.latency(&client, &token, &warm_up, Endpoint::SearchPage).await?;
    let http = server.latency(&client, &token, &queries, Endpoint::Graphql).await?;
    let search_page = server.latency(&client, &token, &queries, Endpoint::SearchPage).await?;
    let throughput = server.throughput(&token, &queries, options.clients, options.throughput_seconds).await?;
    let peak_memory = server.peak_memory_kib();
    drop(server);

    // 3. PostgreSQL full-text search, the tool one would reach for instead.
    let baseline = match &options.postgres_url {
        Some(url) => {
            eprintln!("N = {size}: PostgreSQL baseline");
            Some(postgres::run(url, &corpus, size, &warm_up, &queries).await?)
        }
        None => None,
    };

    let mut report = format!(
        "\n## N = {size}\n\n| measure | value |\n| --- | --- |\n\
         | index build (search crate, N documents) | {:.1} s |\n| index size on disk | {:.0} MB |\n\
         | database load (SQLite, for the HTTP runs) | {:.1} s |\n\
         | full rebuild by the server, start to all searchable | {:.1} s |\n\
         | direct p50 / p99 ({} queries), one search thread | {} / {} |\n\
         | direct p50 / p99, {} search threads (the default) | {} / {} |\n| GraphQL over HTTP p50 / p99 | {} / {} |\n\
         | search page (`/search`, rendered HTML) over HTTP p50 / p99 | {} / {} |\n\
         | throughput, {} HTTP clients | {:.0} queries/s |\n| server peak memory (VmHWM) | {} MB |\n",
        build.as_secs_f64(),
        index_bytes as f64 / 1e6,
        load.as_secs_f64(),
        rebuild.as_secs_f64(),
        queries.len(),
        ms(direct_one_thread.p50),
        ms(direct_one_thread.p99),
        cores,
        ms(direct.p50),
        ms(direct.p99),
        ms(http.p50),
        ms(http.p99),
        ms(search_page.p50),
        ms(search_page.p99),
        options.clients,
        throughput,
        peak_memory.map_or("?".to_owned(), |kib| format!("{:.0}", kib as f64 / 1024.0)),
    );
    if let Some(baseline) = baseline {
        report.push_str(&baseline_rows(&baseline, &direct, &http));
    }
    report.push_str(&format!("\nDirect, {cores} search threads, by kind of query:\n\n{direct_kinds}"));
    Ok(report)
}

/// The PostgreSQL baseline's rows of the report, and the speed-ups over it.
fn baseline_rows(baseline: &postgres::Baseline, direct: &Latency, http: &Latency) -> String {
    format!(
        "| PostgreSQL FTS p50 / p99 | {} / {} |\n| PostgreSQL load + GIN index | {:.1} s |\n\
         | speed-up over PostgreSQL, direct p50 / p99 | {:.1}× / {:.1}× |\n| speed-up over PostgreSQL, HTTP p50 / p99 | {:.1}× / {:.1}× |\n",
        ms(baseline.latency.p50),
        ms(baseline.latency.p99),
        baseline.load.as_secs_f64(),
        baseline.latency.p50.as_secs_f64() / direct.p50.as_secs_f64(),
        baseline.latency.p99.as_secs_f64() / direct.p99.as_secs_f64(),
        baseline.latency.p50.as_secs_f64() / http.p50.as_secs_f64(),
        baseline.latency.p99.as_secs_f64() / http.p99.as_secs_f64(),
    )
}

/// The search crate's own figures: build, size, latency on one thread and on all.
struct Direct {
    build: Duration,
    index_bytes: u64,
    cores: usize,
    one_thread: Latency,
    all_threads: Latency,
    kinds: String,
}

impl Direct {
    /// The report of `--direct-only`.
    fn report_alone(&self, size: u64) -> String {
        format!(
            "\n## N = {size}, search crate only\n\n| measure | value |\n| --- | --- |\n\
             | index build | {:.1} s |\n| direct p50 / p99, one search thread | {} / {} |\n\
             | direct p50 / p99, {} search threads | {} / {} |\n\n{}",
            self.build.as_secs_f64(),
            ms(self.one_thread.p50),
            ms(self.one_thread.p99),
            self.cores,
            ms(self.all_threads.p50),
            ms(self.all_threads.p99),
            self.kinds,
        )
    }
}

fn direct(
    corpus: &Corpus<'_>,
    direct_dir: &std::path::Path,
    size: u64,
    warm_up: &[BenchQuery],
    queries: &[BenchQuery],
) -> anyhow::Result<Direct> {
    let (mut index, _) = SearchIndex::open(direct_dir)?;
    let started = Instant::now();
    let councils = corpus.authorities.iter().map(|council| (council.id, council.clone())).collect();
    for i in 0..size {
        index.upsert(&search_document(corpus, &councils, i))?;
    }
    index.commit(size as i64)?;
    let build = started.elapsed();
    let index_bytes = dir_size(direct_dir);
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    // The same queries on one search thread, then (the default) one per core.
    index.set_search_threads(1)?;
    direct_samples(&index, warm_up)?;
    let one_thread = Latency::of(direct_samples(&index, queries)?);
    index.set_search_threads(cores)?;
    let samples = direct_samples(&index, queries)?;
    let kinds = by_kind(queries, &samples);
    Ok(Direct { build, index_bytes, cores, one_thread, all_threads: Latency::of(samples), kinds })
}

/// The latencies of the queries, run one after another, in the queries' order.
fn direct_samples(index: &SearchIndex, queries: &[BenchQuery]) -> anyhow::Result<Vec<Duration>> {
    let mut samples = Vec::with_capacity(queries.len());
    for query in queries {
        let request = search_request(query);
        let started = Instant::now();
        let results = index.search(&request)?;
        samples.push(started.elapsed());
        std::hint::black_box(results);
    }
    Ok(samples)
}

/// p50 / p99 per kind of query, with and without the two filters: where the time goes.
fn by_kind(queries: &[BenchQuery], samples: &[Duration]) -> String {
    let mut kinds: Vec<&str> = queries.iter().map(|query| query.kind).collect();
    kinds.sort_unstable();
    kinds.dedup();
    let mut table = String::from("| query kind | filters | queries | p50 | p99 |\n| --- | --- | --- | --- | --- |\n");
    for kind in kinds {
        for filtered in [false, true] {
            let chosen: Vec<Duration> = queries
                .iter()
                .zip(samples)
                .filter(|(query, _)| query.kind == kind && query.outcome.is_some() == filtered)
                .map(|(_, sample)| *sample)
                .collect();
            if chosen.is_empty() {
                continue;
            }
            let count = chosen.len();
            let latency = Latency::of(chosen);
            table.push_str(&format!(
                "| {kind} | {} | {count} | {} | {} |\n",
                if filtered { "outcome + service area" } else { "none" },
                ms(latency.p50),
                ms(latency.p99)
            ));
        }
    }
    table
}

fn search_request(query: &BenchQuery) -> SearchRequest {
    SearchRequest {
        text: query.text.clone(),
        filters: Filters {
            outcomes: query.outcome.map(|outcome| vec![outcome.to_owned()]).unwrap_or_default(),
            service_areas: query.service_area.clone().map(|area| vec![area]).unwrap_or_default(),
            ..Filters::default()
        },
        sort: Sort::Relevance,
        offset: 0,
        limit: 20,
        audience: Audience::Members,
        facet_limit: casebook_search::DEFAULT_FACET_LIMIT,
        within: None,
        highlights: true,
    }
}
