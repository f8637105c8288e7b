//! `casebook bench-search`: index build, query latency three ways (the
//! search crate directly, the GraphQL API over HTTP, and a PostgreSQL
//! full-text baseline on the same corpus and queries), throughput with
//! concurrent clients, and the server's peak memory. Run it in release.

mod corpus;
mod isolation;
mod postgres;

pub use isolation::{IsolationOptions, run as run_isolation};

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context;
use casebook_search::{Audience, CaseStudyDocument, Filters, SearchIndex, SearchRequest, Sort};
use chrono::{NaiveDate, TimeZone, Utc};
use sea_orm::{DatabaseConnection, EntityTrait, Set, TransactionTrait};
use serde_json::json;

use crate::case_studies::{CostBand, Outcome, Status, Visibility};
use crate::entities::json::{IdList, LinkList, StringList};
use crate::entities::{authority, case_study};
use crate::members::{self, Role};
use crate::settings::Settings;
use crate::{app, taxonomy};
use corpus::{BenchQuery, Corpus};

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

struct Latency {
    p50: Duration,
    p99: Duration,
}

impl Latency {
    fn of(mut samples: Vec<Duration>) -> Latency {
        samples.sort();
        let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
        Latency { p50: at(0.50), p99: at(0.99) }
    }
}

fn ms(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1000.0)
}

/// A new, empty benchmark folder `dir` with a prepared database in `dir/data`,
/// and what a corpus is drawn from: the taxonomy and the councils.
struct Workspace {
    data_dir: PathBuf,
    db: DatabaseConnection,
    taxonomy: taxonomy::Taxonomy,
    authorities: Vec<authority::Model>,
}

impl Workspace {
    async fn new(dir: &Path) -> anyhow::Result<Workspace> {
        if dir.exists() {
            std::fs::remove_dir_all(dir).with_context(|| format!("cannot clear {}", dir.display()))?;
        }
        let data_dir = dir.join("data");
        let settings = Settings::new(&data_dir, None, "127.0.0.1:0".parse()?);
        let (db, _) = app::prepare(&settings).await?;
        let taxonomy = taxonomy::load(&db).await?;
        let authorities = authority::Entity::find().all(&db).await?;
        Ok(Workspace { data_dir, db, taxonomy, authorities })
    }
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
    let direct_dir = dir.join("direct-index");
    let (mut index, _) = SearchIndex::open(&direct_dir)?;
    let started = Instant::now();
    for i in 0..size {
        index.upsert(&search_document(&corpus, &corpus.document(i)))?;
    }
    index.commit(size as i64)?;
    let build = started.elapsed();
    let index_bytes = dir_size(&direct_dir);
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    // The same queries on one search thread, then (the default) one per core.
    index.set_search_threads(1)?;
    direct_samples(&index, &warm_up)?;
    let direct_one_thread = Latency::of(direct_samples(&index, &queries)?);
    index.set_search_threads(cores)?;
    let direct_samples = direct_samples(&index, &queries)?;
    let direct_kinds = by_kind(&queries, &direct_samples);
    let direct = Latency::of(direct_samples);
    drop(index);
    if options.direct_only {
        return Ok(format!(
            "\n## N = {size}, search crate only\n\n| measure | value |\n| --- | --- |\n\
             | index build | {:.1} s |\n| direct p50 / p99, one search thread | {} / {} |\n\
             | direct p50 / p99, {cores} search threads | {} / {} |\n\n{direct_kinds}",
            build.as_secs_f64(),
            ms(direct_one_thread.p50),
            ms(direct_one_thread.p99),
            ms(direct.p50),
            ms(direct.p99),
        ));
    }

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
        report.push_str(&format!(
            "| PostgreSQL FTS p50 / p99 | {} / {} |\n| PostgreSQL load + GIN index | {:.1} s |\n\
             | speed-up over PostgreSQL, direct p50 / p99 | {:.1}× / {:.1}× |\n| speed-up over PostgreSQL, HTTP p50 / p99 | {:.1}× / {:.1}× |\n",
            ms(baseline.latency.p50),
            ms(baseline.latency.p99),
            baseline.load.as_secs_f64(),
            baseline.latency.p50.as_secs_f64() / direct.p50.as_secs_f64(),
            baseline.latency.p99.as_secs_f64() / direct.p99.as_secs_f64(),
            baseline.latency.p50.as_secs_f64() / http.p50.as_secs_f64(),
            baseline.latency.p99.as_secs_f64() / http.p99.as_secs_f64(),
        ));
    }
    report.push_str(&format!("\nDirect, {cores} search threads, by kind of query:\n\n{direct_kinds}"));
    Ok(report)
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
    }
}

/// The document the server would index for this row (see `search::documents`).
fn search_document(corpus: &Corpus<'_>, doc: &corpus::BenchDocument) -> CaseStudyDocument {
    let owner = &corpus.authorities[doc.authority_index];
    let collaborators = doc.collaborator_indexes.iter().map(|i| &corpus.authorities[*i]);
    let councils = crate::search_sync::indexed_councils(doc.anonymous, owner, collaborators);
    CaseStudyDocument {
        id: doc.id.clone(),
        title: doc.title.clone(),
        summary: doc.summary.clone(),
        lessons: doc.lessons.clone(),
        body: doc.body.clone(),
        tags: doc.tags.clone(),
        outcome: doc.outcome.to_owned(),
        service_areas: doc.service_areas.clone(),
        technologies: doc.technologies.clone(),
        authorities: councils.iter().map(|c| c.slug.clone()).collect(),
        council_names: councils.iter().map(|c| c.name.clone()).collect(),
        region: owner.region.clone(),
        authority_kind: owner.kind.as_str().to_owned(),
        start_year: doc.start_year,
        cost_band: doc.cost_band.to_owned(),
        published_at: doc.published_at,
        members_only: doc.members_only,
    }
}

async fn load_database(db: &DatabaseConnection, corpus: &Corpus<'_>, size: u64) -> anyhow::Result<()> {
    let author = members::upsert_active_member(db, "author@casebook.example", Role::Member, None).await?;
    let mut start = 0;
    while start < size {
        let end = (start + 500).min(size);
        let rows: Vec<case_study::ActiveModel> = (start..end)
            .map(|i| {
                let doc = corpus.document(i);
                let at = Utc.timestamp_millis_opt(doc.published_at).single().unwrap_or_else(Utc::now);
                case_study::ActiveModel {
                    id: Set(doc.id.clone()),
                    slug: Set(format!("bench-{i}")),
                    authority_id: Set(corpus.authorities[doc.authority_index].id),
                    created_by: Set(author.id.clone()),
                    title: Set(doc.title),
                    summary: Set(doc.summary),
                    body: Set(doc.body),
                    outcome: Set(Outcome::from_name(doc.outcome).unwrap_or(Outcome::Success)),
                    lessons: Set(StringList(doc.lessons)),
                    service_areas: Set(StringList(doc.service_areas)),
                    technologies: Set(StringList(doc.technologies)),
                    tags: Set(StringList(doc.tags)),
                    cost_band: Set(CostBand::from_name(doc.cost_band).unwrap_or(CostBand::Unknown)),
                    started_on: Set(NaiveDate::from_ymd_opt(doc.start_year, 1, 1).unwrap_or_default()),
                    ended_on: Set(None),
                    partners: Set(StringList::default()),
                    collaborators: Set(IdList(
                        doc.collaborator_indexes.iter().map(|i| corpus.authorities[*i].id).collect(),
                    )),
                    links: Set(LinkList::default()),
                    contact_email: Set(None),
                    visibility: Set(if doc.members_only { Visibility::Members } else { Visibility::Public }),
                    anonymous: Set(doc.anonymous),
                    status: Set(Status::Published),
                    version: Set(1),
                    created_at: Set(at),
                    updated_at: Set(at),
                    published_at: Set(Some(at)),
                    queued_at: Set(None),
                }
            })
            .collect();
        let txn = db.begin().await?;
        case_study::Entity::insert_many(rows).exec(&txn).await?;
        txn.commit().await?;
        start = end;
    }
    Ok(())
}

fn dir_size(path: &Path) -> u64 {
    std::fs::read_dir(path)
        .map(|entries| {
            entries
                .flatten()
                .map(|entry| match entry.metadata() {
                    Ok(meta) if meta.is_dir() => dir_size(&entry.path()),
                    Ok(meta) => meta.len(),
                    Err(_) => 0,
                })
                .sum()
        })
        .unwrap_or(0)
}

const SEARCH_QUERY: &str = "query($q: String, $f: SearchFilter) { search(query: $q, filter: $f, first: 20) {
    totalCount relaxed edges { score node { id slug title authorityLabel outcome } highlights { field snippet } }
    facets { outcome { value label count } serviceArea { value label count } technology { value label count }
             tag { value count } authority { value label count } region { value label count }
             authorityKind { value count } year { value count } costBand { value label count } } } }";

/// What the HTTP latency runs ask for.
#[derive(Clone, Copy)]
enum Endpoint {
    /// The `search` GraphQL query.
    Graphql,
    /// The web page `/search`.
    SearchPage,
}

/// A `casebook serve` child process on the benchmark's data dir.
struct Server {
    child: std::process::Child,
    url: String,
    base: String,
}

impl Server {
    async fn start(data_dir: &Path) -> anyhow::Result<Server> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let child = std::process::Command::new(std::env::current_exe()?)
            .arg("--data-dir")
            .arg(data_dir)
            .arg("--bind")
            .arg(format!("127.0.0.1:{port}"))
            // The load comes from one address: a per-client limit would measure the limiter.
            .arg("--api-rate-per-second")
            .arg("0")
            .arg("serve")
            .env("RUST_LOG", "warn")
            .env_remove("CASEBOOK_DATABASE_URL")
            .stdout(std::process::Stdio::null())
            .spawn()
            .context("cannot start casebook serve")?;
        Ok(Server { child, url: format!("http://127.0.0.1:{port}/graphql"), base: format!("http://127.0.0.1:{port}") })
    }

    fn variables(query: &BenchQuery) -> serde_json::Value {
        let mut filter = serde_json::Map::new();
        if let Some(outcome) = query.outcome {
            filter.insert("outcomes".into(), json!([outcome]));
        }
        if let Some(area) = &query.service_area {
            filter.insert("serviceAreas".into(), json!([area]));
        }
        json!({ "q": query.text, "f": filter })
    }

    async fn search(
        &self,
        client: &reqwest::Client,
        token: &str,
        query: &BenchQuery,
    ) -> anyhow::Result<serde_json::Value> {
        let body = json!({ "query": SEARCH_QUERY, "variables": Self::variables(query) });
        let response = client.post(&self.url).bearer_auth(token).json(&body).send().await?;
        let value: serde_json::Value = response.json().await?;
        if value.get("errors").is_some() {
            anyhow::bail!("search failed: {value}");
        }
        Ok(value)
    }

    /// Each query once, one after another; their latencies.
    async fn latency(
        &self,
        client: &reqwest::Client,
        token: &str,
        queries: &[BenchQuery],
        endpoint: Endpoint,
    ) -> anyhow::Result<Latency> {
        let mut samples = Vec::with_capacity(queries.len());
        for query in queries {
            let started = Instant::now();
            match endpoint {
                Endpoint::Graphql => {
                    std::hint::black_box(self.search(client, token, query).await?);
                }
                Endpoint::SearchPage => self.search_page(client, token, query).await?,
            }
            samples.push(started.elapsed());
        }
        Ok(Latency::of(samples))
    }

    /// The web page `/search` for the same query and filters, as a browser asks for it.
    async fn search_page(&self, client: &reqwest::Client, token: &str, query: &BenchQuery) -> anyhow::Result<()> {
        let mut params = vec![("q", query.text.clone())];
        if let Some(outcome) = query.outcome {
            params.push(("outcome", outcome.to_owned()));
        }
        if let Some(area) = &query.service_area {
            params.push(("serviceArea", area.clone()));
        }
        let url = reqwest::Url::parse_with_params(&format!("{}/search", self.base), &params)?;
        let response = client.get(url).bearer_auth(token).send().await?;
        if !response.status().is_success() {
            anyhow::bail!("the search page answered {}", response.status());
        }
        std::hint::black_box(response.bytes().await?);
        Ok(())
    }

    /// Time from process start until all `size` case studies are searchable.
    async fn wait_until_indexed(&self, client: &reqwest::Client, token: &str, size: u64) -> anyhow::Result<Duration> {
        let started = Instant::now();
        let everything = BenchQuery { kind: "no words", text: String::new(), outcome: None, service_area: None };
        loop {
            if started.elapsed() > Duration::from_secs(1800) {
                anyhow::bail!("the server did not index {size} case studies in 30 minutes");
            }
            if let Ok(value) = self.search(client, token, &everything).await
                && value["data"]["search"]["totalCount"].as_u64() == Some(size)
            {
                return Ok(started.elapsed());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn throughput(
        &self,
        token: &str,
        queries: &[BenchQuery],
        clients: usize,
        seconds: u64,
    ) -> anyhow::Result<f64> {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        let variables: Vec<serde_json::Value> = queries.iter().map(Self::variables).collect();
        let variables = std::sync::Arc::new(variables);
        let mut tasks = Vec::new();
        for client_index in 0..clients {
            let url = self.url.clone();
            let token = token.to_owned();
            let variables = variables.clone();
            tasks.push(tokio::spawn(async move {
                let client = reqwest::Client::new();
                let mut done = 0u64;
                let mut next = client_index;
                while Instant::now() < deadline {
                    let body = json!({ "query": SEARCH_QUERY, "variables": variables[next % variables.len()] });
                    let response = client.post(&url).bearer_auth(&token).json(&body).send().await?;
                    let status = response.status();
                    let body = response.bytes().await?;
                    // Only answers count: a refusal or an error is fast, and would inflate the figure.
                    if !status.is_success() || body.windows(9).any(|window| window == b"\"errors\"") {
                        anyhow::bail!("a search failed under load ({status}): {}", String::from_utf8_lossy(&body));
                    }
                    done += 1;
                    next += clients;
                }
                anyhow::Ok(done)
            }));
        }
        let started = Instant::now();
        let mut total = 0;
        for task in tasks {
            total += task.await??;
        }
        Ok(total as f64 / started.elapsed().as_secs_f64().max(seconds as f64))
    }

    fn peak_memory_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
