//! `casebook-bench load`: clients on loopback for a while, each sending a
//! realistic mix — page views, searches (the API and the page), API reads,
//! and publishing through the workflow (create, submit, approve) — against a
//! `casebook serve` holding the corpus, on SQLite or PostgreSQL. Beside them
//! a probe publishes a case study every two seconds and times how long until
//! search finds it. Reports throughput, p50/p99 per kind, errors (there
//! must be none), the probe's worst time, and the server's memory.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use casebook::members::{self, Role};
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};

use crate::corpus::{self, BenchQuery, Corpus};
use crate::server::Server;
use crate::workspace::{Latency, Workspace, load_database, ms};

pub struct LoadOptions {
    pub docs: u64,
    pub clients: usize,
    pub seconds: u64,
    pub work_dir: std::path::PathBuf,
    pub postgres_url: Option<String>,
    /// Every client only publishes: a bulk load through the API.
    pub publish_only: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
enum Kind {
    PageView,
    ApiRead,
    Search,
    Publish,
}

impl Kind {
    /// Out of 100 requests: what people mostly do is read.
    fn pick(roll: u32) -> Kind {
        match roll {
            0..45 => Kind::PageView,
            45..70 => Kind::ApiRead,
            70..96 => Kind::Search,
            _ => Kind::Publish,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Kind::PageView => "page views (case study, council, home)",
            Kind::ApiRead => "API reads (caseStudy, caseStudies)",
            Kind::Search => "searches (GraphQL with facets, and the page)",
            Kind::Publish => "publishes (create + submit + approve)",
        }
    }
}

/// What every client needs to make requests.
struct Fixture {
    server: Server,
    member: String,
    moderator: String,
    slugs: Vec<String>,
    ids: Vec<String>,
    councils: Vec<String>,
    queries: Vec<BenchQuery>,
}

const READ: &str = "query($id: ID!) { caseStudy(id: $id) { title summary outcome authorityLabel serviceAreas { label }
    similar(first: 3) { title } } }";
const LIST: &str = "{ caseStudies(first: 20) { totalCount edges { node { title authorityLabel outcome } } } }";
const CREATE: &str = "mutation($input: CaseStudyInput!) { createCaseStudy(input: $input) { id } }";
const SUBMIT: &str = "mutation($id: ID!) { submitCaseStudy(id: $id) { id } }";
const APPROVE: &str = "mutation($id: ID!) { moderateCaseStudy(id: $id, decision: APPROVE) { status } }";
const FIND: &str = "query($q: String) { search(query: $q) { totalCount } }";

pub async fn run(options: LoadOptions) -> anyhow::Result<()> {
    let backend = if options.postgres_url.is_some() { "PostgreSQL" } else { "SQLite" };
    let fixture = Arc::new(prepare(&options).await?);
    eprintln!("{} clients for {} s on {backend}", options.clients, options.seconds);
    let deadline = Instant::now() + Duration::from_secs(options.seconds);
    let mut clients = Vec::new();
    for seed in 0..options.clients {
        let fixture = fixture.clone();
        let publish_only = options.publish_only;
        clients.push(tokio::spawn(async move { client(&fixture, seed as u64, deadline, publish_only).await }));
    }
    let probe = {
        let fixture = fixture.clone();
        tokio::spawn(async move { probe(&fixture, deadline).await })
    };
    let mut peak_during = 0;
    while Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(500)).await;
        peak_during = peak_during.max(fixture.server.resident_memory_kib().unwrap_or(0));
    }
    let mut samples: HashMap<Kind, Vec<Duration>> = HashMap::new();
    let mut errors = Vec::new();
    for client in clients {
        let (mine, failed) = client.await?;
        for (kind, took) in mine {
            samples.entry(kind).or_default().push(took);
        }
        errors.extend(failed);
    }
    let searchable = probe.await??;
    println!("{}", report(&options, backend, &fixture.server, samples, &errors, &searchable, peak_during));
    if !errors.is_empty() {
        bail!("{} requests failed under load; the first: {}", errors.len(), errors[0]);
    }
    Ok(())
}

async fn prepare(options: &LoadOptions) -> anyhow::Result<Fixture> {
    let dir = options.work_dir.join(format!("load-n{}", options.docs));
    let database_url = match &options.postgres_url {
        Some(url) => Some(fresh_postgres_schema(url).await?),
        None => None,
    };
    let Workspace { data_dir, db, taxonomy, authorities } = Workspace::on(&dir, database_url.clone()).await?;
    let corpus = Corpus { taxonomy: &taxonomy, authorities: &authorities };
    eprintln!("N = {}: loading the database and starting a server", options.docs);
    load_database(&db, &corpus, options.docs).await?;
    let camden = authorities.iter().find(|authority| authority.slug == "camden").context("no Camden")?;
    let author = members::upsert_active_member(&db, "load@camden.gov.uk", Role::Member, Some(camden.id)).await?;
    let moderator = members::upsert_active_member(&db, "load-mod@casebook.example", Role::Moderator, None).await?;
    let member = members::issue_token(&db, &author.id, "bench").await?;
    let moderator = members::issue_token(&db, &moderator.id, "bench").await?;
    db.close().await.ok();
    let server = Server::start_on(&data_dir, database_url.as_deref()).await?;
    server.wait_until_indexed(&reqwest::Client::new(), &member, options.docs).await?;
    Ok(Fixture {
        server,
        member,
        moderator,
        slugs: (0..options.docs).map(|i| format!("bench-{i}")).collect(),
        ids: (0..options.docs).map(|i| corpus.document(i).id).collect(),
        councils: authorities.iter().map(|authority| authority.slug.clone()).collect(),
        queries: corpus::queries(500, &taxonomy),
    })
}

/// A new schema in the PostgreSQL database `url` names, and a URL that uses it.
async fn fresh_postgres_schema(url: &str) -> anyhow::Result<String> {
    use sea_orm::ConnectionTrait;
    let schema = format!("bench_load_{}", chrono::Utc::now().timestamp_millis());
    let admin = sea_orm::Database::connect(url).await.context("cannot connect to PostgreSQL")?;
    admin.execute_unprepared(&format!("CREATE SCHEMA {schema}")).await?;
    admin.close().await.ok();
    let separator = if url.contains('?') { '&' } else { '?' };
    Ok(format!("{url}{separator}options=-c%20search_path%3D{schema}"))
}

type Samples = (Vec<(Kind, Duration)>, Vec<String>);

async fn client(fixture: &Fixture, seed: u64, deadline: Instant, publish_only: bool) -> Samples {
    let http = reqwest::Client::new();
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let mut samples = Vec::new();
    let mut errors = Vec::new();
    let mut published = 0;
    while Instant::now() < deadline {
        let kind = if publish_only { Kind::Publish } else { Kind::pick(rng.random_range(0..100)) };
        let started = Instant::now();
        let outcome = match kind {
            Kind::PageView => page_view(fixture, &http, &mut rng).await,
            Kind::ApiRead => api_read(fixture, &http, &mut rng).await,
            Kind::Search => search(fixture, &http, &mut rng).await,
            Kind::Publish => {
                published += 1;
                publish(fixture, &http, &format!("Load client {seed} publish {published}")).await.map(|_| ())
            }
        };
        match outcome {
            Ok(()) => samples.push((kind, started.elapsed())),
            Err(error) => errors.push(format!("{kind:?}: {error:#}")),
        }
    }
    (samples, errors)
}

async fn page_view(fixture: &Fixture, http: &reqwest::Client, rng: &mut impl Rng) -> anyhow::Result<()> {
    let path = match rng.random_range(0..10) {
        0..7 => format!("/case-studies/{}", fixture.slugs[rng.random_range(0..fixture.slugs.len())]),
        7..9 => format!("/councils/{}", fixture.councils[rng.random_range(0..fixture.councils.len())]),
        _ => "/".to_owned(),
    };
    let response = http.get(format!("{}{path}", fixture.server.base)).bearer_auth(&fixture.member).send().await?;
    if !response.status().is_success() {
        bail!("{path} answered {}", response.status());
    }
    response.bytes().await?;
    Ok(())
}

async fn api_read(fixture: &Fixture, http: &reqwest::Client, rng: &mut impl Rng) -> anyhow::Result<()> {
    if rng.random_bool(0.8) {
        let id = &fixture.ids[rng.random_range(0..fixture.ids.len())];
        graphql(fixture, http, &fixture.member, READ, json!({ "id": id })).await?;
    } else {
        graphql(fixture, http, &fixture.member, LIST, json!({})).await?;
    }
    Ok(())
}

async fn search(fixture: &Fixture, http: &reqwest::Client, rng: &mut impl Rng) -> anyhow::Result<()> {
    let query = &fixture.queries[rng.random_range(0..fixture.queries.len())];
    if rng.random_bool(0.7) {
        fixture.server.search(http, &fixture.member, query).await?;
        Ok(())
    } else {
        fixture.server.search_page(http, &fixture.member, query).await
    }
}

async fn publish(fixture: &Fixture, http: &reqwest::Client, title: &str) -> anyhow::Result<String> {
    let input = json!({
        "title": title,
        "summary": "A case study published while the load runs, to time the workflow under it.",
        "body": "## What happened\n\nWe tried it, and wrote down what we learned.",
        "outcome": "PARTIAL_SUCCESS",
        "lessons": ["Measure before and after"],
        "serviceAreas": ["waste-and-recycling"],
        "technologies": ["iot-sensors"],
        "tags": ["load-test"],
        "startedOn": "2024-04-01",
        "visibility": "PUBLIC",
        "anonymous": false
    });
    let created = graphql(fixture, http, &fixture.member, CREATE, json!({ "input": input })).await?;
    let id = created["data"]["createCaseStudy"]["id"].as_str().context("no id")?.to_owned();
    graphql(fixture, http, &fixture.member, SUBMIT, json!({ "id": id })).await?;
    graphql(fixture, http, &fixture.moderator, APPROVE, json!({ "id": id })).await?;
    Ok(id)
}

async fn graphql(
    fixture: &Fixture,
    http: &reqwest::Client,
    token: &str,
    query: &str,
    variables: Value,
) -> anyhow::Result<Value> {
    let response = http
        .post(&fixture.server.url)
        .bearer_auth(token)
        .json(&json!({ "query": query, "variables": variables }))
        .send()
        .await?;
    let status = response.status();
    let body: Value = response.json().await?;
    if !status.is_success() || body.get("errors").is_some() {
        bail!("{status}: {body}");
    }
    Ok(body)
}

/// Every two seconds: publish a case study with a word of its own, then
/// search for the word until it is found; how long that took after the approval.
async fn probe(fixture: &Fixture, deadline: Instant) -> anyhow::Result<Vec<Duration>> {
    let http = reqwest::Client::new();
    let mut times = Vec::new();
    let mut n = 0;
    while Instant::now() + Duration::from_secs(3) < deadline {
        n += 1;
        let word = format!("zqprobe{n}x");
        publish(fixture, &http, &format!("Probe {word}")).await?;
        let approved = Instant::now();
        loop {
            let found = graphql(fixture, &http, &fixture.member, FIND, json!({ "q": word })).await?;
            if found["data"]["search"]["totalCount"].as_u64().unwrap_or(0) > 0 {
                times.push(approved.elapsed());
                break;
            }
            if approved.elapsed() > Duration::from_secs(30) {
                bail!("{word} was not searchable 30 s after its approval");
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
    Ok(times)
}

fn report(
    options: &LoadOptions,
    backend: &str,
    server: &Server,
    samples: HashMap<Kind, Vec<Duration>>,
    errors: &[String],
    searchable: &[Duration],
    peak_during_kib: u64,
) -> String {
    let mut kinds: Vec<_> = samples.into_iter().collect();
    kinds.sort_by_key(|(kind, _)| *kind);
    let total: usize = kinds.iter().map(|(_, samples)| samples.len()).sum();
    let seconds = options.seconds as f64;
    let mut rows = String::new();
    for (kind, samples) in kinds {
        let count = samples.len();
        let latency = Latency::of(samples);
        rows.push_str(&format!(
            "| {} | {count} | {:.0}/s | {} | {} |\n",
            kind.label(),
            count as f64 / seconds,
            ms(latency.p50),
            ms(latency.p99)
        ));
    }
    let worst = searchable.iter().max().copied().unwrap_or_default();
    let mib = |kib: u64| kib as f64 / 1024.0;
    format!(
        "\n## Load, N = {docs}, {backend}\n\n\
         {clients} clients for {seconds} s on loopback: {total} requests ({throughput:.0}/s), {errors} errors.\n\n\
         | kind | requests | throughput | p50 | p99 |\n|---|---|---|---|---|\n{rows}\n\
         Publish → searchable (a probe every 2 s, {probes} probes): worst {worst}.\n\
         Server memory: {during:.0} MiB resident at most while the load ran, peak {peak:.0} MiB (VmHWM, start-up rebuild included).\n",
        docs = options.docs,
        clients = options.clients,
        seconds = options.seconds,
        throughput = total as f64 / seconds,
        errors = errors.len(),
        probes = searchable.len(),
        worst = ms(worst),
        during = mib(peak_during_kib),
        peak = mib(server.peak_memory_kib().unwrap_or(0)),
    )
}
