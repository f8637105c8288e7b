//! `casebook-bench isolation`: how promptly simple requests are answered
//! while other clients send the heaviest query the limits allow (three levels
//! of `similar(first: 5)`, 155 index reads), against the same simple requests
//! on an idle server in the same run. Run it in release.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde_json::json;

use casebook::graphql::limits;
use casebook::members::{self, Role};

use crate::corpus::Corpus;
use crate::server::Server;
use crate::workspace::{Latency, Workspace, load_database, ms};

pub struct IsolationOptions {
    pub docs: u64,
    pub heavy_clients: usize,
    pub samples: usize,
    pub work_dir: std::path::PathBuf,
}

/// The heaviest `similar` the limits allow: one more level is QUERY_TOO_COMPLEX.
fn heaviest_similar_query() -> String {
    limits::nested_similar(3, 5)
}

const SIMPLE_QUERY: &str = "query($id: ID!) { caseStudy(id: $id) { title authorityLabel outcome } }";

pub async fn run(options: IsolationOptions) -> anyhow::Result<()> {
    let dir = options.work_dir.join(format!("isolation-n{}", options.docs));
    let Workspace { data_dir, db, taxonomy, authorities } = Workspace::new(&dir).await?;
    let corpus = Corpus { taxonomy: &taxonomy, authorities: &authorities };
    eprintln!("N = {}: loading the database and starting a server", options.docs);
    load_database(&db, &corpus, options.docs).await?;
    let member = members::upsert_active_member(&db, "bench@casebook.example", Role::Member, None).await?;
    let token = members::issue_token(&db, &member.id, "bench").await?;
    db.close().await.ok();
    let server = Server::start(&data_dir).await?;
    let client = reqwest::Client::new();
    server.wait_until_indexed(&client, &token, options.docs).await?;
    let ids: Arc<Vec<String>> = Arc::new((0..options.docs).map(|i| corpus.document(i).id).collect());

    // Warm up, then the simple requests on an idle server.
    simple_latencies(&server, &client, &token, &ids, options.samples.min(100)).await?;
    let (idle_api, idle_page) = simple_latencies(&server, &client, &token, &ids, options.samples).await?;
    let heavy_idle = heavy_latency(&server, &client, &token, &ids, 20).await?;

    eprintln!("{} clients send the heaviest query while one asks simple things", options.heavy_clients);
    let stop = Arc::new(AtomicBool::new(false));
    let mut heavy = Vec::new();
    for offset in 0..options.heavy_clients {
        let (url, token, ids, stop) = (server.url.clone(), token.clone(), ids.clone(), stop.clone());
        heavy.push(tokio::spawn(async move {
            let client = reqwest::Client::new();
            let mut samples = Vec::new();
            let mut next = offset * 7919;
            while !stop.load(Ordering::Relaxed) {
                samples.push(send_heaviest(&client, &url, &token, &ids[next % ids.len()]).await?);
                next += 13;
            }
            anyhow::Ok(samples)
        }));
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let (loaded_api, loaded_page) = simple_latencies(&server, &client, &token, &ids, options.samples).await?;
    stop.store(true, Ordering::Relaxed);
    let mut heavy_samples = Vec::new();
    for task in heavy {
        heavy_samples.extend(task.await??);
    }
    let heavy_count = heavy_samples.len();
    let heavy_loaded = Latency::of(heavy_samples);

    println!(
        "\n## Isolation, N = {docs}\n\n\
         Heaviest allowed query: three levels of `similar(first: 5)` (155 index reads; \
         complexity {complexity} of {max}).\n\n\
         | measure | idle server | while {clients} clients send the heaviest query |\n| --- | --- | --- |\n\
         | heaviest query p50 / p99 | {} / {} | {} / {} ({heavy_count} sent) |\n\
         | simple `caseStudy(id)` p50 / p99 | {} / {} | {} / {} |\n\
         | case study page p50 / p99 | {} / {} | {} / {} |\n",
        ms(heavy_idle.p50),
        ms(heavy_idle.p99),
        ms(heavy_loaded.p50),
        ms(heavy_loaded.p99),
        ms(idle_api.p50),
        ms(idle_api.p99),
        ms(loaded_api.p50),
        ms(loaded_api.p99),
        ms(idle_page.p50),
        ms(idle_page.p99),
        ms(loaded_page.p50),
        ms(loaded_page.p99),
        docs = options.docs,
        complexity = limits::HEAVIEST_SIMILAR_COMPLEXITY,
        max = limits::MAX_COMPLEXITY,
        clients = options.heavy_clients,
    );
    Ok(())
}

/// `samples` simple API requests and as many case study pages, interleaved,
/// as a member (so members-only case studies answer too).
async fn simple_latencies(
    server: &Server,
    client: &reqwest::Client,
    token: &str,
    ids: &[String],
    samples: usize,
) -> anyhow::Result<(Latency, Latency)> {
    let (mut api, mut pages) = (Vec::with_capacity(samples), Vec::with_capacity(samples));
    for n in 0..samples {
        let index = (n * 104_729) % ids.len();
        let body = json!({ "query": SIMPLE_QUERY, "variables": { "id": ids[index] } });
        let started = Instant::now();
        let response = client.post(&server.url).bearer_auth(token).json(&body).send().await?;
        let value: serde_json::Value = response.json().await?;
        if value.get("errors").is_some() {
            anyhow::bail!("a simple request failed: {value}");
        }
        api.push(started.elapsed());
        let started = Instant::now();
        let page = client.get(format!("{}/case-studies/bench-{index}", server.base)).bearer_auth(token).send().await?;
        if !page.status().is_success() {
            anyhow::bail!("the case study page answered {}", page.status());
        }
        std::hint::black_box(page.bytes().await?);
        pages.push(started.elapsed());
    }
    Ok((Latency::of(api), Latency::of(pages)))
}

async fn heavy_latency(
    server: &Server,
    client: &reqwest::Client,
    token: &str,
    ids: &[String],
    count: usize,
) -> anyhow::Result<Latency> {
    let mut samples = Vec::with_capacity(count);
    for n in 0..count {
        samples.push(send_heaviest(client, &server.url, token, &ids[(n * 31) % ids.len()]).await?);
    }
    Ok(Latency::of(samples))
}

/// The heaviest query about one case study, and how long its answer took.
async fn send_heaviest(client: &reqwest::Client, url: &str, token: &str, id: &str) -> anyhow::Result<Duration> {
    let body = json!({ "query": heaviest_similar_query(), "variables": { "id": id } });
    let started = Instant::now();
    let response = client.post(url).bearer_auth(token).json(&body).send().await?;
    let status = response.status();
    let value: serde_json::Value = response.json().await?;
    if !status.is_success() || value.get("errors").is_some() {
        anyhow::bail!("the heaviest query failed ({status}): {value}");
    }
    Ok(started.elapsed())
}
