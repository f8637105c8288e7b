//! What every benchmark shares: a fresh data dir with the register and
//! taxonomy, the corpus loaded as database rows (and as the documents the
//! server's own `search_sync::document` makes of them), and latency figures.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;
use casebook::case_studies::{CostBand, Outcome, Status, Visibility};
use casebook::entities::json::{IdList, LinkList, StringList};
use casebook::entities::values::{Evidence, EvidenceStrength};
use casebook::entities::{authority, case_study};
use casebook::members::{self, Role};
use casebook::settings::Settings;
use casebook::{app, taxonomy};
use casebook_search::CaseStudyDocument;
use chrono::{NaiveDate, TimeZone, Utc};
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, TransactionTrait};

use crate::corpus::Corpus;

pub struct Latency {
    pub p50: Duration,
    pub p99: Duration,
}

impl Latency {
    pub fn of(mut samples: Vec<Duration>) -> Latency {
        samples.sort();
        let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
        Latency { p50: at(0.50), p99: at(0.99) }
    }
}

pub fn ms(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1000.0)
}

/// A new, empty benchmark folder `dir` with a prepared database in `dir/data`,
/// and what a corpus is drawn from: the taxonomy and the councils.
pub struct Workspace {
    pub data_dir: PathBuf,
    pub db: DatabaseConnection,
    pub taxonomy: taxonomy::Taxonomy,
    pub authorities: Vec<authority::Model>,
}

impl Workspace {
    pub async fn new(dir: &Path) -> anyhow::Result<Workspace> {
        Self::on(dir, None).await
    }

    /// As `new`, on the database `database_url` names (an empty one) instead of SQLite in the folder.
    pub async fn on(dir: &Path, database_url: Option<String>) -> anyhow::Result<Workspace> {
        if dir.exists() {
            std::fs::remove_dir_all(dir).with_context(|| format!("cannot clear {}", dir.display()))?;
        }
        let data_dir = dir.join("data");
        let settings = Settings::new(&data_dir, database_url, "127.0.0.1:0".parse()?);
        let (db, _) = app::prepare(&settings).await?;
        let taxonomy = taxonomy::load(&db).await?;
        let authorities = authority::Entity::find().all(&db).await?;
        Ok(Workspace { data_dir, db, taxonomy, authorities })
    }
}

/// The database row of corpus document `i`, as the workflow would have left it published.
pub fn row(corpus: &Corpus<'_>, author_id: &str, i: u64) -> case_study::Model {
    let doc = corpus.document(i);
    let at = Utc.timestamp_millis_opt(doc.published_at).single().unwrap_or_else(Utc::now);
    case_study::Model {
        id: doc.id.clone(),
        slug: format!("bench-{i}"),
        authority_id: corpus.authorities[doc.authority_index].id,
        created_by: author_id.to_owned(),
        title: doc.title,
        summary: doc.summary,
        body: doc.body,
        outcome: Outcome::from_name(doc.outcome).unwrap_or(Outcome::Success),
        lessons: StringList(doc.lessons),
        service_areas: StringList(doc.service_areas),
        technologies: StringList(doc.technologies),
        tags: StringList(doc.tags),
        cost_band: CostBand::from_name(doc.cost_band).unwrap_or(CostBand::Unknown),
        started_on: NaiveDate::from_ymd_opt(doc.start_year, 1, 1).unwrap_or_default(),
        ended_on: None,
        partners: StringList::default(),
        collaborators: IdList(doc.collaborator_indexes.iter().map(|i| corpus.authorities[*i].id).collect()),
        links: LinkList::default(),
        contact_email: None,
        visibility: if doc.members_only { Visibility::Members } else { Visibility::Public },
        anonymous: doc.anonymous,
        status: Status::Published,
        version: 1,
        created_at: at,
        updated_at: at,
        published_at: Some(at),
        queued_at: None,
        unpublished_reason: None,
        review_by: None,
        last_reviewed_on: None,
        review_reminded_for: None,
        news_at: Some(at),
        evidence: evidence_of(i),
        languages: None,
    }
}

/// Two in three case studies give evidence: a strength, costs (some over
/// budget), a planned end and a thing they would do differently.
fn evidence_of(i: u64) -> Option<Evidence> {
    use EvidenceStrength::*;
    (!i.is_multiple_of(3)).then(|| Evidence {
        strength: Some([Anecdotal, Monitored, Evaluated, IndependentlyEvaluated][(i % 4) as usize]),
        evaluation_url: (i % 4 == 3).then(|| format!("https://example.org/evaluations/{i}")),
        planned_cost: Some(10_000 * (1 + (i % 50) as i64)),
        actual_cost: i.is_multiple_of(2).then(|| 10_000 * (1 + (i % 70) as i64)),
        planned_end_on: NaiveDate::from_ymd_opt(2020 + (i % 5) as i32, 6, 30),
        do_differently: vec![format!("Ask the people who use the service before choosing a supplier ({})", i % 17)],
    })
}

/// The document the server indexes for corpus document `i`: its own function on the row.
pub fn search_document(corpus: &Corpus<'_>, councils: &HashMap<i32, authority::Model>, i: u64) -> CaseStudyDocument {
    let row = row(corpus, BENCH_AUTHOR, i);
    let owner = &councils[&row.authority_id];
    casebook::search_sync::document(row, owner, councils)
}

/// Who wrote the corpus (the documents do not say).
const BENCH_AUTHOR: &str = "bench-author";

pub async fn load_database(db: &DatabaseConnection, corpus: &Corpus<'_>, size: u64) -> anyhow::Result<()> {
    let author = members::upsert_active_member(db, "author@casebook.example", Role::Member, None).await?;
    let mut start = 0;
    while start < size {
        let end = (start + 500).min(size);
        let rows: Vec<case_study::ActiveModel> = (start..end)
            // Every column set, as an insert needs (a model converts to "unchanged" values).
            .map(|i| case_study::ActiveModel::from(row(corpus, &author.id, i)).reset_all())
            .collect();
        let txn = db.begin().await?;
        case_study::Entity::insert_many(rows).exec(&txn).await?;
        txn.commit().await?;
        start = end;
    }
    Ok(())
}

pub fn dir_size(path: &Path) -> u64 {
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
