//! The baseline: PostgreSQL full-text search on the same corpus and
//! queries — a weighted `tsvector` with a GIN index, `ts_rank`,
//! `ts_headline` snippets for the 20 hits, and facet counts by `GROUP BY`.

use std::time::{Duration, Instant};

use anyhow::Context;
use sea_orm::{ConnectionTrait, Database, DatabaseBackend, DatabaseConnection, Statement, Value};

use crate::corpus::{BenchQuery, Corpus};
use crate::workspace::Latency;

pub struct Baseline {
    pub latency: Latency,
    pub load: Duration,
}

const TABLE: &str = "casebook_bench_fts";

fn array_literal(values: &[String]) -> String {
    let inner: Vec<String> =
        values.iter().map(|value| format!("\"{}\"", value.replace(['"', '\\', ','], " "))).collect();
    format!("{{{}}}", inner.join(","))
}

/// Loads the corpus, answers the `warm_up` queries, then times `queries`.
pub async fn run(
    url: &str,
    corpus: &Corpus<'_>,
    size: u64,
    warm_up: &[BenchQuery],
    queries: &[BenchQuery],
) -> anyhow::Result<Baseline> {
    let db = Database::connect(url).await.with_context(|| "cannot connect to the PostgreSQL baseline database")?;
    db.execute_unprepared(&format!(
        "DROP TABLE IF EXISTS {TABLE};
         CREATE TABLE {TABLE} (
            id text PRIMARY KEY, title text, summary text, lessons text, body text, tags_text text,
            outcome text, service_areas text[], technologies text[], tags text[], authorities text[],
            region text, kind text, year int, cost_band text, published_at bigint,
            tsv tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', tags_text), 'A') ||
                setweight(to_tsvector('english', summary), 'B') || setweight(to_tsvector('english', lessons), 'C') ||
                setweight(to_tsvector('english', body), 'D')) STORED)"
    ))
    .await?;
    let load = load(&db, corpus, size).await?;
    let latency = time(&db, warm_up, queries).await?;
    db.execute_unprepared(&format!("DROP TABLE IF EXISTS {TABLE}")).await?;
    Ok(Baseline { latency, load })
}

/// Inserts the corpus a hundred rows at a time and builds the GIN index; how long that took.
async fn load(db: &DatabaseConnection, corpus: &Corpus<'_>, size: u64) -> anyhow::Result<Duration> {
    let started = Instant::now();
    let mut start = 0;
    while start < size {
        let end = (start + 100).min(size);
        let mut placeholders = Vec::new();
        let mut values: Vec<Value> = Vec::new();
        for i in start..end {
            let doc = corpus.document(i);
            let owner = &corpus.authorities[doc.authority_index];
            let authorities: Vec<String> = if doc.anonymous {
                Vec::new()
            } else {
                std::iter::once(owner.slug.clone())
                    .chain(doc.collaborator_indexes.iter().map(|i| corpus.authorities[*i].slug.clone()))
                    .collect()
            };
            let base = values.len();
            placeholders.push(format!(
                "(${},${},${},${},${},${},${},${}::text[],${}::text[],${}::text[],${}::text[],${},${},${},${},${})",
                base + 1,
                base + 2,
                base + 3,
                base + 4,
                base + 5,
                base + 6,
                base + 7,
                base + 8,
                base + 9,
                base + 10,
                base + 11,
                base + 12,
                base + 13,
                base + 14,
                base + 15,
                base + 16
            ));
            values.extend([
                Value::from(doc.id),
                Value::from(doc.title),
                Value::from(doc.summary),
                Value::from(doc.lessons.join("\n")),
                Value::from(doc.body),
                Value::from(doc.tags.join(" ")),
                Value::from(doc.outcome.to_owned()),
                Value::from(array_literal(&doc.service_areas)),
                Value::from(array_literal(&doc.technologies)),
                Value::from(array_literal(&doc.tags)),
                Value::from(array_literal(&authorities)),
                Value::from(owner.region.clone()),
                Value::from(owner.kind.as_str().to_owned()),
                Value::from(doc.start_year),
                Value::from(doc.cost_band.to_owned()),
                Value::from(doc.published_at),
            ]);
        }
        let sql = format!(
            "INSERT INTO {TABLE} (id,title,summary,lessons,body,tags_text,outcome,service_areas,technologies,tags,authorities,region,kind,year,cost_band,published_at) VALUES {}",
            placeholders.join(",")
        );
        db.execute_raw(Statement::from_sql_and_values(DatabaseBackend::Postgres, sql, values)).await?;
        start = end;
    }
    db.execute_unprepared(&format!("CREATE INDEX ON {TABLE} USING GIN (tsv); ANALYZE {TABLE};")).await?;
    Ok(started.elapsed())
}

/// Answers the `warm_up` queries, then times `queries` (hits with a snippet, then the facet counts).
async fn time(db: &DatabaseConnection, warm_up: &[BenchQuery], queries: &[BenchQuery]) -> anyhow::Result<Latency> {
    let filters = "tsv @@ q AND ($2::text IS NULL OR outcome = $2) AND ($3::text IS NULL OR $3 = ANY(service_areas))";
    let hits_sql = format!(
        "SELECT id, rank, ts_headline('english', body, q, 'MaxFragments=1,MaxWords=30,MinWords=10') AS snippet
         FROM (SELECT id, body, q, ts_rank(tsv, q) AS rank FROM {TABLE}, websearch_to_tsquery('english', $1) q
               WHERE {filters} ORDER BY rank DESC LIMIT 20) top ORDER BY rank DESC"
    );
    let group = |name: &str, expression: &str| {
        format!("SELECT '{name}' AS facet, {expression} AS value, count(*) AS n FROM m GROUP BY 2")
    };
    let facets_sql = format!(
        "WITH m AS MATERIALIZED (SELECT * FROM {TABLE}, websearch_to_tsquery('english', $1) q WHERE {filters})
         SELECT 'total', '', count(*) FROM m UNION ALL {} UNION ALL {} UNION ALL {} UNION ALL {} UNION ALL {}
         UNION ALL {} UNION ALL {} UNION ALL {} UNION ALL {}",
        group("outcome", "outcome"),
        group("service_area", "unnest(service_areas)"),
        group("technology", "unnest(technologies)"),
        group("tag", "unnest(tags)"),
        group("authority", "unnest(authorities)"),
        group("region", "region"),
        group("kind", "kind"),
        group("year", "year::text"),
        group("cost_band", "cost_band"),
    );
    let mut samples = Vec::with_capacity(queries.len());
    let unmeasured = warm_up.iter().map(|query| (query, false));
    for (query, measured) in unmeasured.chain(queries.iter().map(|query| (query, true))) {
        let values = || -> Vec<Value> {
            vec![
                Value::from(query.text.clone()),
                Value::from(query.outcome.map(str::to_owned)),
                Value::from(query.service_area.clone()),
            ]
        };
        let started = Instant::now();
        let hits =
            db.query_all_raw(Statement::from_sql_and_values(DatabaseBackend::Postgres, &hits_sql, values())).await?;
        let facets =
            db.query_all_raw(Statement::from_sql_and_values(DatabaseBackend::Postgres, &facets_sql, values())).await?;
        if measured {
            samples.push(started.elapsed());
        }
        std::hint::black_box((hits.len(), facets.len()));
    }
    Ok(Latency::of(samples))
}
