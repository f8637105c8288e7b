//! A `casebook serve` child process on a benchmark's data dir, and the
//! requests the benchmarks time against it.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context;
use serde_json::json;

use crate::corpus::BenchQuery;
use crate::workspace::Latency;

const SEARCH_QUERY: &str = "query($q: String, $f: SearchFilter) { search(query: $q, filter: $f, first: 20) {
    totalCount relaxed edges { score node { id slug title authorityLabel outcome } highlights { field snippet } }
    facets { outcome { value label count } serviceArea { value label count } technology { value label count }
             tag { value count } authority { value label count } region { value label count }
             authorityKind { value count } year { value count } costBand { value label count } } } }";

/// What the HTTP latency runs ask for.
#[derive(Clone, Copy)]
pub enum Endpoint {
    /// The `search` GraphQL query.
    Graphql,
    /// The web page `/search`.
    SearchPage,
}

/// The `casebook` binary beside this one (`cargo build --release` builds
/// both), or the one `CASEBOOK_BIN` names.
fn casebook_binary() -> anyhow::Result<PathBuf> {
    if let Some(path) = std::env::var_os("CASEBOOK_BIN") {
        return Ok(PathBuf::from(path));
    }
    let beside = std::env::current_exe()?.with_file_name("casebook");
    anyhow::ensure!(
        beside.exists(),
        "no casebook binary at {}: build it (cargo build --release) or set CASEBOOK_BIN",
        beside.display()
    );
    Ok(beside)
}

/// A `casebook serve` child process on the benchmark's data dir.
pub struct Server {
    child: std::process::Child,
    pub url: String,
    pub base: String,
}

impl Server {
    pub async fn start(data_dir: &Path) -> anyhow::Result<Server> {
        Self::start_on(data_dir, None).await
    }

    /// As `start`, on the database `database_url` names rather than SQLite in the data dir.
    pub async fn start_on(data_dir: &Path, database_url: Option<&str>) -> anyhow::Result<Server> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let mut command = std::process::Command::new(casebook_binary()?);
        if let Some(url) = database_url {
            command.arg("--database-url").arg(url);
        }
        let child = command
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

    pub async fn search(
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
    pub async fn latency(
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
    pub async fn search_page(&self, client: &reqwest::Client, token: &str, query: &BenchQuery) -> anyhow::Result<()> {
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
    pub async fn wait_until_indexed(
        &self,
        client: &reqwest::Client,
        token: &str,
        size: u64,
    ) -> anyhow::Result<Duration> {
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

    pub async fn throughput(
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

    pub fn peak_memory_kib(&self) -> Option<u64> {
        self.memory_kib("VmHWM:")
    }

    pub fn resident_memory_kib(&self) -> Option<u64> {
        self.memory_kib("VmRSS:")
    }

    fn memory_kib(&self, field: &str) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let line = status.lines().find(|line| line.starts_with(field))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
