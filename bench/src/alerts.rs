//! `casebook-bench alerts`: one alert run for many saved searches over a
//! day's publications, and the mail outbox's throughput.
//!
//! A corpus of `--docs` published case studies, of which `--new` were
//! published in the last day; `--searches` DAILY saved searches (the search
//! benchmark's query mix: words, phrases, typos, exclusions, half with two
//! filters) held by `--members` members, all due. It times, in one process:
//!
//! 1. `notifications::alerts::run`, as the server's job runs it: each search
//!    asked only of the day's news (`SearchArgs::within`), the ledger, one
//!    email per alert in the outbox;
//! 2. the baseline, each saved search run as an ordinary search (newest
//!    first, one page of 100) and its hits kept if they are news: what an
//!    alert run without `within` would do (it writes nothing);
//! 3. the mail worker delivering every email the run wrote: kept (no SMTP
//!    server: the database work alone), or over `--smtp-url`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use casebook::entities::values::AlertFrequency;
use casebook::entities::{case_study, subscription};
use casebook::identity::Viewer;
use casebook::members::{self, Role};
use casebook::notifications::mail::delivery::{Delivery, RetryPolicy};
use casebook::notifications::mail::transport::Transport;
use casebook::notifications::{Site, alerts};
use casebook::paging::PageRequest;
use casebook::search_sync::{IndexTurn, SearchArgs, SearchService};
use casebook_search::{Filters, Sort};
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, TransactionTrait};

use crate::corpus::{self, Corpus};
use crate::workspace::{self, Workspace};

pub struct AlertOptions {
    pub docs: u64,
    pub new: u64,
    pub searches: usize,
    pub members: usize,
    pub work_dir: std::path::PathBuf,
    pub smtp_url: Option<String>,
}

pub async fn run(options: AlertOptions) -> anyhow::Result<()> {
    let workspace = Workspace::new(&options.work_dir.join("alerts")).await?;
    let db = workspace.db.clone();
    let corpus = Corpus { taxonomy: &workspace.taxonomy, authorities: &workspace.authorities };
    let started = Instant::now();
    workspace::load_database(&db, &corpus, options.docs).await?;
    // The last `new` of the corpus were published in the last day.
    let now = Utc::now();
    for i in options.docs.saturating_sub(options.new)..options.docs {
        let id = corpus.document(i).id;
        let at = now - chrono::Duration::seconds(((options.docs - i) * 86_000 / options.new.max(1)) as i64);
        case_study::Entity::update_many()
            .col_expr(case_study::Column::PublishedAt, Expr::value(at))
            .filter(case_study::Column::Id.eq(id))
            .exec(&db)
            .await?;
    }
    let (search, _) = SearchService::open(
        &workspace.data_dir,
        &format!("sqlite://{}?mode=rwc", workspace.data_dir.join("casebook.db").display()),
    )
    .await?;
    search.rebuild().await?;
    println!(
        "corpus: {} case studies ({} in the last day), indexed in {:.1} s",
        options.docs,
        options.new,
        started.elapsed().as_secs_f64()
    );

    let members = make_members(&workspace, options.members).await?;
    let queries = corpus::queries(options.searches, &workspace.taxonomy);
    let txn = db.begin().await?;
    for (chunk_index, chunk) in queries.chunks(500).enumerate() {
        let rows: Vec<subscription::ActiveModel> = chunk
            .iter()
            .enumerate()
            .map(|(offset, query)| {
                let n = chunk_index * 500 + offset;
                let filters = Filters {
                    outcomes: query.outcome.map(|outcome| vec![outcome.to_owned()]).unwrap_or_default(),
                    service_areas: query.service_area.clone().map(|area| vec![area]).unwrap_or_default(),
                    ..Filters::default()
                };
                subscription::ActiveModel {
                    id: sea_orm::Set(format!("00000000-0000-4000-9000-{n:012}")),
                    member_id: sea_orm::Set(members[n % members.len()].id.clone()),
                    kind: sea_orm::Set(alerts::SEARCH.to_owned()),
                    name: sea_orm::Set(query.text.clone()),
                    query: sea_orm::Set(query.text.clone()),
                    filter: sea_orm::Set(alerts::stored_filter(&filters)),
                    follow_target: sea_orm::Set(None),
                    follow_key: sea_orm::Set(None),
                    frequency: sea_orm::Set(AlertFrequency::Daily),
                    created_at: sea_orm::Set(now - chrono::Duration::days(30)),
                    alerted_until: sea_orm::Set(now - chrono::Duration::hours(24)),
                }
            })
            .collect();
        subscription::Entity::insert_many(rows).exec(&txn).await?;
    }
    txn.commit().await?;
    let site = Site::load(&db, "http://127.0.0.1:8080").await?;

    // The baseline first (it writes nothing, so the run after it starts from the same state).
    let news = alerts::news_since(&db, now - chrono::Duration::hours(25)).await?;
    let news_ids: std::collections::HashSet<String> = news.iter().map(|item| item.case_study_id.clone()).collect();
    let subscriptions = subscription::Entity::find().all(&db).await?;
    let viewers: std::collections::HashMap<String, Viewer> =
        members.iter().map(|member| (member.id.clone(), Viewer::from_member(member))).collect();
    let baseline_started = Instant::now();
    let mut baseline_matches = 0usize;
    for subscription in &subscriptions {
        let args = SearchArgs {
            text: subscription.query.clone(),
            facet_limit: 0,
            filters: alerts::filters_of(subscription),
            sort: Sort::Newest,
            page: PageRequest { offset: 0, first: 100 },
            within: None,
            locale: casebook::i18n::Locale::English,
        };
        let page = search.search(&db, &viewers[&subscription.member_id], &IndexTurn::default(), args).await?;
        baseline_matches += page.hits.iter().filter(|hit| news_ids.contains(&hit.case_study.id)).count();
    }
    let baseline = baseline_started.elapsed();

    let run_started = Instant::now();
    let report = alerts::run(&db, &search, &site, now).await?;
    let alert_run = run_started.elapsed();

    let transport = Arc::new(Transport::new(options.smtp_url.as_deref(), "Casebook <bench@casebook.example>")?);
    let delivery = Delivery { db: db.clone(), transport, retry: RetryPolicy::default() };
    let delivery_started = Instant::now();
    let delivered = delivery.deliver_due().await?;
    let delivering = delivery_started.elapsed();

    let per = |total: Duration, count: usize| total.as_secs_f64() * 1e6 / count.max(1) as f64;
    println!("\n| measure | value |\n| --- | --- |");
    println!("| saved searches (all due) | {} held by {} members |", subscriptions.len(), members.len());
    println!("| the day's news | {} publications |", news.len());
    println!(
        "| alert run (`alerts::run`, within the news) | {:.2} s ({:.0} µs per saved search) |",
        alert_run.as_secs_f64(),
        per(alert_run, subscriptions.len())
    );
    println!("| alerts written / case studies listed | {} / {} |", report.alerts, report.hits);
    println!(
        "| baseline: each saved search as a full search, newest 100 | {:.2} s ({:.0} µs per saved search), {} news hits seen |",
        baseline.as_secs_f64(),
        per(baseline, subscriptions.len()),
        baseline_matches
    );
    let mode = if options.smtp_url.is_some() { "SMTP" } else { "kept (no SMTP)" };
    println!(
        "| outbox delivery, {mode} | {delivered} emails in {:.2} s: {:.0} emails/s |",
        delivering.as_secs_f64(),
        delivered as f64 / delivering.as_secs_f64().max(1e-9)
    );
    Ok(())
}

async fn make_members(workspace: &Workspace, count: usize) -> anyhow::Result<Vec<casebook::entities::member::Model>> {
    let mut made = Vec::with_capacity(count);
    let txn = workspace.db.begin().await?;
    for n in 0..count {
        let council = &workspace.authorities[n % workspace.authorities.len()];
        let email = format!("reader-{n}@{}.example", council.slug);
        made.push(members::upsert_active_member(&txn, &email, Role::Member, Some(council.id)).await?);
    }
    txn.commit().await?;
    Ok(made)
}
