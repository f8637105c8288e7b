//! The test harness: a real `casebook` server on a random port with its own
//! data dir and database, driven over HTTP.
//!
//! Backend: SQLite in a temp dir by default. When `CASEBOOK_TEST_POSTGRES_URL`
//! is set, every `TestApp` gets a fresh PostgreSQL schema in that database
//! instead, so the same tests run on both; an unreachable server then fails
//! the test loudly rather than falling back to SQLite.

pub mod browser;
pub mod mail;
pub mod process;

use std::net::SocketAddr;

use casebook::app::{AppState, Application};
use casebook::identity::Viewer;
use casebook::members::{self, MemberStatus, Role};
use casebook::{Settings, authorities};
use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};
use tempfile::TempDir;

pub const POSTGRES_URL_VARIABLE: &str = "CASEBOOK_TEST_POSTGRES_URL";

pub struct TestApp {
    pub address: String,
    /// Where `/metrics` is, when the settings gave it an address of its own.
    pub metrics_address: Option<String>,
    pub client: reqwest::Client,
    pub state: AppState,
    /// The schema of this app on PostgreSQL; None on SQLite.
    pub postgres_schema: Option<String>,
    pub database_url: String,
    check_index_at_end: bool,
    _data_dir: TempDir,
}

/// How long the end of a test waits for the indexer to apply the change log.
const INDEX_CATCH_UP: std::time::Duration = std::time::Duration::from_secs(10);

impl Drop for TestApp {
    /// Fails a test that ends with changes the index never applied: a write
    /// that skipped the change log's doorbell, or an indexer that stopped.
    /// (Tests run on a multi-threaded runtime so the indexer can go on while
    /// this waits.)
    fn drop(&mut self) {
        if !self.check_index_at_end || std::thread::panicking() {
            return;
        }
        let Ok(runtime) = tokio::runtime::Handle::try_current() else { return };
        if runtime.runtime_flavor() != tokio::runtime::RuntimeFlavor::MultiThread {
            return;
        }
        let search = self.state.search.clone();
        let behind = tokio::task::block_in_place(|| {
            runtime.block_on(async move {
                let started = std::time::Instant::now();
                loop {
                    match search.lag().await {
                        // A database a test has taken away has nothing left to check.
                        Err(_) => return 0,
                        Ok(0) => return 0,
                        Ok(behind) if started.elapsed() > INDEX_CATCH_UP => return behind,
                        Ok(_) => tokio::time::sleep(std::time::Duration::from_millis(20)).await,
                    }
                }
            })
        });
        assert_eq!(behind, 0, "the test ended with {behind} changes the search index never applied");
    }
}

/// A GraphQL response, with helpers for the usual assertions.
#[derive(Debug)]
pub struct GqlResponse {
    pub status: u16,
    pub body: Value,
}

impl GqlResponse {
    pub fn data(&self) -> &Value {
        assert!(self.body.get("errors").is_none(), "unexpected errors: {:#}", self.body);
        &self.body["data"]
    }

    pub fn error_code(&self) -> &str {
        self.body["errors"][0]["extensions"]["code"]
            .as_str()
            .unwrap_or_else(|| panic!("no error code in {:#}", self.body))
    }

    pub fn error_field(&self) -> &str {
        self.body["errors"][0]["extensions"]["field"]
            .as_str()
            .unwrap_or_else(|| panic!("no error field in {:#}", self.body))
    }
}

/// A loopback address with a port free right now (the OS picks it), for
/// servers whose settings must name their port before they bind it.
pub fn free_loopback_address() -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("its address")
}

/// A database URL for a new, empty database: a temp SQLite file, or a fresh
/// schema on the test PostgreSQL server.
pub async fn fresh_database_url(data_dir: &std::path::Path) -> (String, Option<String>) {
    match std::env::var(POSTGRES_URL_VARIABLE) {
        Ok(url) if !url.is_empty() => {
            let schema = format!("t_{}", uuid::Uuid::new_v4().simple());
            let admin = Database::connect(&url).await.unwrap_or_else(|error| {
                panic!("{POSTGRES_URL_VARIABLE} is set but PostgreSQL is unreachable: {error}")
            });
            admin.execute_unprepared(&format!("CREATE SCHEMA {schema}")).await.expect("create a test schema");
            admin.close().await.ok();
            let separator = if url.contains('?') { '&' } else { '?' };
            (format!("{url}{separator}options=-c%20search_path%3D{schema}"), Some(schema))
        }
        _ => (format!("sqlite://{}?mode=rwc", data_dir.join("casebook.db").display()), None),
    }
}

/// A change to the settings before the server starts.
type SettingsChange = Box<dyn FnOnce(&mut Settings)>;

/// How a test's server is set up: `TestApp::builder().dev_sign_in().spawn().await`.
#[derive(Default)]
pub struct TestAppBuilder {
    dev_sign_in: bool,
    bind: Option<SocketAddr>,
    shared_database: Option<(String, Option<String>)>,
    configure: Vec<SettingsChange>,
}

impl TestAppBuilder {
    /// The development sign-in (`/dev/sign-in`), for tests that sign in as a browser.
    pub fn dev_sign_in(mut self) -> Self {
        self.dev_sign_in = true;
        self
    }

    /// On `bind` (from `free_loopback_address`, when a redirect URI must name
    /// the port before the server starts).
    pub fn at(mut self, bind: SocketAddr) -> Self {
        self.bind = Some(bind);
        self
    }

    /// A second server on `other`'s database, with its own data dir and
    /// index (as behind a load balancer).
    pub fn sharing_database_with(mut self, other: &TestApp) -> Self {
        self.shared_database = Some((other.database_url.clone(), other.postgres_schema.clone()));
        self
    }

    /// Any other setting.
    pub fn configure(mut self, configure: impl FnOnce(&mut Settings) + 'static) -> Self {
        self.configure.push(Box::new(configure));
        self
    }

    pub async fn spawn(self) -> TestApp {
        let data_dir = tempfile::tempdir().expect("temp dir");
        let (database_url, postgres_schema) = match self.shared_database {
            Some(shared) => shared,
            None => fresh_database_url(data_dir.path()).await,
        };
        // The server's log, on demand: `TEST_LOG=1 cargo test …` (RUST_LOG filters it).
        if std::env::var_os("TEST_LOG").is_some() {
            let filter = tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
            let _ = tracing_subscriber::fmt().with_env_filter(filter).with_test_writer().try_init();
        }
        let bind = self.bind.unwrap_or_else(|| "127.0.0.1:0".parse().expect("address"));
        let mut settings = Settings::new(data_dir.path(), Some(database_url.clone()), bind);
        settings.dev_sign_in = self.dev_sign_in;
        for configure in self.configure {
            configure(&mut settings);
        }
        let application = Application::build(settings).await.expect("the server builds");
        let address = format!("http://127.0.0.1:{}", application.port());
        let metrics_address = application.metrics_port().map(|port| format!("http://127.0.0.1:{port}"));
        let state = application.state();
        tokio::spawn(application.run_until_stopped());
        TestApp {
            address,
            metrics_address,
            client: reqwest::Client::new(),
            state,
            postgres_schema,
            database_url,
            check_index_at_end: true,
            _data_dir: data_dir,
        }
    }
}

impl TestApp {
    pub fn builder() -> TestAppBuilder {
        TestAppBuilder::default()
    }

    pub async fn spawn() -> TestApp {
        Self::builder().spawn().await
    }

    /// A server whose settings `configure` changes first.
    pub async fn spawn_with(configure: impl FnOnce(&mut Settings) + 'static) -> TestApp {
        Self::builder().configure(configure).spawn().await
    }

    /// A server on `bind`, with `configure`d settings.
    pub async fn spawn_at(bind: SocketAddr, configure: impl FnOnce(&mut Settings) + 'static) -> TestApp {
        Self::builder().at(bind).configure(configure).spawn().await
    }

    /// A second server on the same database (see `TestAppBuilder::sharing_database_with`).
    pub async fn spawn_sharing_database_with(other: &TestApp) -> TestApp {
        Self::builder().sharing_database_with(other).spawn().await
    }

    /// For a test that breaks the database or the index on purpose: its end
    /// does not check that the index caught up.
    pub fn without_index_check(mut self) -> Self {
        self.check_index_at_end = false;
        self
    }

    /// Statements run on the server's database so far.
    pub fn query_count(&self) -> u64 {
        self.state.queries.get()
    }

    /// An API token for an ACTIVE member (as `casebook issue-token` makes them).
    pub async fn token(&self, email: &str, role: Role, authority: Option<&str>) -> String {
        let authority_id = match authority {
            Some(slug) => {
                Some(authorities::find_by_slug(&self.state.db, slug).await.expect("lookup").expect("council").id)
            }
            None => None,
        };
        let member = members::upsert_active_member(&self.state.db, email, role, authority_id).await.expect("member");
        members::issue_token(&self.state.db, &member.id, "test").await.expect("token")
    }

    /// An API token for an account of this role and standing: PENDING or
    /// SUSPENDED ones keep their council and role, which must grant nothing.
    pub async fn token_with_status(&self, role: Role, status: MemberStatus, authority: Option<&str>) -> String {
        use sea_orm::{ActiveModelTrait, EntityTrait, Set};
        let email = format!("{}-{}@example.org", status.as_str().to_lowercase(), uuid::Uuid::new_v4().simple());
        let token = self.token(&email, role, authority).await;
        let viewer = self.viewer(&token).await;
        let member = casebook::entities::member::Entity::find_by_id(viewer.member_id().expect("a member").to_owned())
            .one(&self.state.db)
            .await
            .expect("lookup")
            .expect("the member");
        let mut changed: casebook::entities::member::ActiveModel = member.into();
        changed.status = Set(status);
        changed.update(&self.state.db).await.expect("the new standing");
        token
    }

    pub async fn member_of(&self, council: &str) -> String {
        self.token(&format!("{}@{council}.example", uuid::Uuid::new_v4().simple()), Role::Member, Some(council)).await
    }

    pub async fn moderator(&self) -> String {
        self.token(&format!("mod-{}@casebook.example", uuid::Uuid::new_v4().simple()), Role::Moderator, None).await
    }

    pub async fn admin(&self) -> String {
        self.token(&format!("admin-{}@casebook.example", uuid::Uuid::new_v4().simple()), Role::Admin, None).await
    }

    /// The viewer a token stands for, to call domain functions directly in setup.
    pub async fn viewer(&self, token: &str) -> Viewer {
        let member =
            members::member_for_token(self.state.databases(), token).await.expect("lookup").expect("a live token");
        Viewer::from_member(&member)
    }

    pub async fn gql(&self, token: Option<&str>, query: &str, variables: Value) -> GqlResponse {
        gql_at(&self.client, &self.address, token, query, variables).await.expect("the server answers")
    }

    /// Creates a DRAFT over GraphQL and returns its id.
    pub async fn create(&self, token: &str, input: Value) -> String {
        let response = self.gql(Some(token), CREATE, json!({ "input": input })).await;
        response.data()["createCaseStudy"]["id"].as_str().expect("an id").to_owned()
    }

    /// Creates, submits and approves (with a fresh moderator); returns the id.
    pub async fn publish(&self, author: &str, input: Value) -> String {
        let id = self.create(author, input).await;
        self.gql(Some(author), SUBMIT, json!({ "id": id })).await.data();
        let moderator = self.moderator().await;
        self.gql(Some(&moderator), MODERATE, json!({ "id": id, "decision": "APPROVE" })).await.data();
        id
    }
}

impl TestApp {
    /// The slug of a case study, as an admin (who reads every one) sees it.
    pub async fn slug_of(&self, id: &str) -> String {
        let admin = self.admin().await;
        let read = self.gql(Some(&admin), "query($id: ID!) { caseStudy(id: $id) { slug } }", json!({ "id": id })).await;
        read.data()["caseStudy"]["slug"].as_str().expect("a slug").to_owned()
    }

    /// Publishes (as `publish`) and waits until search has it.
    pub async fn publish_searchable(&self, author: &str, input: Value) -> String {
        let id = self.publish(author, input).await;
        let found = self
            .search_until(Some(author), json!({}), std::time::Duration::from_secs(2), |results| {
                hit_ids(results).contains(&id)
            })
            .await;
        assert!(found.is_some(), "indexed within two seconds");
        id
    }
}

/// A valid `CaseStudyInput`; tests change one field at a time.
pub fn valid_input() -> Value {
    json!({
        "title": "Sensors in litter bins",
        "summary": "We fitted fill-level sensors to 300 litter bins to plan collections.",
        "body": "## Background\n\nCollections ran on fixed rounds.\n\n## What happened\n\nThe sensors failed in the cold.",
        "outcome": "FAILURE",
        "lessons": ["Pilot through a winter before buying at scale"],
        "serviceAreas": ["waste-and-recycling"],
        "technologies": ["iot-sensors"],
        "tags": ["bin-sensors", "Smart City"],
        "costBand": "FROM_50K_TO_250K",
        "startedOn": "2021-04-01",
        "endedOn": "2022-03-31",
        "partners": ["Binsight Ltd"],
        "collaborators": ["hackney"],
        "links": [{ "title": "Evaluation report", "url": "https://example.org/report" }],
        "contactEmail": "waste@camden.example",
        "visibility": "PUBLIC",
        "anonymous": false
    })
}

/// `valid_input()` with some fields replaced.
pub fn input_with(changes: Value) -> Value {
    let mut input = valid_input();
    for (key, value) in changes.as_object().expect("an object of changes") {
        input[key] = value.clone();
    }
    input
}

pub const CASE_STUDY_FIELDS: &str = "id slug title summary body bodyHtml outcome status visibility anonymous
    authority { slug name } authorityLabel lessons serviceAreas { key label } technologies { key label } tags
    costBand startedOn endedOn partners collaborators { slug } links { title url } contactEmail version
    createdAt updatedAt publishedAt history { from to message by { email } }
    pendingRevision { version title summary }";

pub const CREATE: &str =
    "mutation($input: CaseStudyInput!) { createCaseStudy(input: $input) { id slug status version } }";
pub const UPDATE: &str = "mutation($id: ID!, $version: Int!, $input: CaseStudyInput!) {
    updateCaseStudy(id: $id, expectedVersion: $version, input: $input) { id status version title pendingRevision { version title } } }";
pub const SUBMIT: &str = "mutation($id: ID!) { submitCaseStudy(id: $id) { id status } }";
pub const WITHDRAW: &str = "mutation($id: ID!) { withdrawCaseStudy(id: $id) { id status } }";
pub const MODERATE: &str = "mutation($id: ID!, $decision: ModerationDecision!, $message: String) {
    moderateCaseStudy(id: $id, decision: $decision, message: $message) { id status title version } }";
pub const READ: &str = "query($id: ID!) { caseStudy(id: $id) { id status title authority { slug } authorityLabel
    collaborators { slug } contactEmail history { to } pendingRevision { title } } }";

pub const REPORT_FIELDS: &str = "id status reason details reportCount createdAt decidedAt note
    caseStudy { id status } filings { reason details } snapshot { version title }";
pub const REPORT: &str = "mutation($id: ID!, $reason: ReportReason!, $details: String) {
    reportCaseStudy(id: $id, reason: $reason, details: $details) { id status reason details reportCount caseStudy { id } } }";
pub const DECIDE_REPORT: &str = "mutation($id: ID!, $decision: ReportDecision!, $note: String!) {
    decideReport(id: $id, decision: $decision, note: $note) { id status note decidedAt caseStudy { id status } } }";

impl TestApp {
    /// Reports the case study with this reason; returns the report's id.
    pub async fn report(&self, token: &str, case_study_id: &str, reason: &str) -> String {
        let response = self.gql(Some(token), REPORT, json!({ "id": case_study_id, "reason": reason })).await;
        response.data()["reportCaseStudy"]["id"].as_str().expect("a report id").to_owned()
    }

    /// A moderator's decision on a report (with a fresh moderator when `moderator` is `None`).
    pub async fn decide_report(&self, moderator: Option<&str>, report_id: &str, decision: &str, note: &str) -> Value {
        let fresh;
        let moderator = match moderator {
            Some(token) => token,
            None => {
                fresh = self.moderator().await;
                &fresh
            }
        };
        let variables = json!({ "id": report_id, "decision": decision, "note": note });
        self.gql(Some(moderator), DECIDE_REPORT, variables).await.data()["decideReport"].clone()
    }
}

/// Whether the viewer can read the case study through `caseStudy(id)`.
pub async fn can_read(app: &TestApp, token: Option<&str>, id: &str) -> bool {
    let response = app.gql(token, READ, json!({ "id": id })).await;
    !response.data()["caseStudy"].is_null()
}

pub const SEARCH: &str = "query($query: String, $filter: SearchFilter, $sort: SearchSort, $first: Int, $after: String) {
    search(query: $query, filter: $filter, sort: $sort, first: $first, after: $after) {
        totalCount relaxed pageInfo { hasNextPage endCursor }
        edges { cursor score node { id title authority { slug } authorityLabel } highlights { field snippet } }
        facets { outcome { value label count } serviceArea { value count } technology { value count } tag { value count }
                 authority { value label count } region { value label count } authorityKind { value count } year { value count }
                 costBand { value count } } } }";

impl TestApp {
    pub async fn search(&self, token: Option<&str>, variables: Value) -> Value {
        self.gql(token, SEARCH, variables).await.data()["search"].clone()
    }

    /// Polls `search` until `found` holds, for at most `within`; returns how long it took.
    pub async fn search_until(
        &self,
        token: Option<&str>,
        variables: Value,
        within: std::time::Duration,
        found: impl Fn(&Value) -> bool,
    ) -> Option<std::time::Duration> {
        let started = std::time::Instant::now();
        while started.elapsed() < within {
            if found(&self.search(token, variables.clone()).await) {
                return Some(started.elapsed());
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        None
    }
}

/// A GraphQL POST to the server at `address` (`http://host:port`), with a bearer token if given.
pub async fn gql_at(
    client: &reqwest::Client,
    address: &str,
    token: Option<&str>,
    query: &str,
    variables: Value,
) -> reqwest::Result<GqlResponse> {
    let mut request =
        client.post(format!("{address}/graphql")).json(&json!({ "query": query, "variables": variables }));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await?;
    let status = response.status().as_u16();
    Ok(GqlResponse { status, body: response.json().await? })
}

/// Every node of the connection `data.{field}`, following `endCursor`
/// (the query takes `$after`) until the last page.
pub async fn all_pages(client: &reqwest::Client, address: &str, token: &str, field: &str, query: &str) -> Vec<Value> {
    let mut nodes = Vec::new();
    let mut after = Value::Null;
    loop {
        let page = gql_at(client, address, Some(token), query, json!({ "after": after })).await.expect("an answer");
        let connection = &page.data()[field];
        nodes.extend(connection["edges"].as_array().expect("edges").iter().map(|edge| edge["node"].clone()));
        if connection["pageInfo"]["hasNextPage"] != true {
            return nodes;
        }
        after = connection["pageInfo"]["endCursor"].clone();
    }
}

/// The ids of a `search` result's hits.
pub fn hit_ids(results: &Value) -> Vec<String> {
    results["edges"].as_array().map_or(Vec::new(), |edges| {
        edges.iter().map(|edge| edge["node"]["id"].as_str().unwrap_or_default().to_owned()).collect()
    })
}
