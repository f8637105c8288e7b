//! The taxonomy: service areas and technologies, each term a stable key and
//! a label. Seeded from `data/taxonomy.csv`; admins extend it (`admin`).

use std::collections::HashMap;

use anyhow::Context;

pub mod admin;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::Deserialize;

use crate::entities::taxonomy_term;
pub use crate::entities::values::TermKind;
use crate::error::AppResult;
use crate::i18n::Locale;

const SEED: &str = include_str!("../data/taxonomy.csv");

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub key: String,
    pub label: String,
    /// The Welsh label; the English one stands in until a term has one.
    pub label_cy: Option<String>,
    pub retired: bool,
}

impl Term {
    /// Its label in the interface's language.
    pub fn label_in(&self, locale: Locale) -> &str {
        locale.pick(&self.label, self.label_cy.as_deref())
    }
}

/// Every term, in seed order, for one request or one validation.
#[derive(Clone, Debug, Default)]
pub struct Taxonomy {
    pub service_areas: Vec<Term>,
    pub technologies: Vec<Term>,
}

impl Taxonomy {
    pub fn terms(&self, kind: TermKind) -> &[Term] {
        match kind {
            TermKind::ServiceArea => &self.service_areas,
            TermKind::Technology => &self.technologies,
        }
    }

    pub fn contains(&self, kind: TermKind, key: &str) -> bool {
        self.terms(kind).iter().any(|term| term.key == key)
    }

    /// The same taxonomy as offered to a case study that has `kept` now:
    /// retired terms only where it already has them.
    pub fn offered_keeping(&self, kept: &[String]) -> Taxonomy {
        let offered = |terms: &[Term]| {
            terms.iter().filter(|term| !term.retired || kept.contains(&term.key)).cloned().collect::<Vec<_>>()
        };
        Taxonomy { service_areas: offered(&self.service_areas), technologies: offered(&self.technologies) }
    }

    /// The terms for these keys, in the order given; unknown keys are skipped.
    pub fn resolve(&self, kind: TermKind, keys: &[String]) -> Vec<Term> {
        let by_key: HashMap<&str, &Term> = self.terms(kind).iter().map(|term| (term.key.as_str(), term)).collect();
        keys.iter().filter_map(|key| by_key.get(key.as_str()).map(|term| (*term).clone())).collect()
    }
}

pub async fn load(db: &impl ConnectionTrait) -> AppResult<Taxonomy> {
    let rows = taxonomy_term::Entity::find()
        .order_by_asc(taxonomy_term::Column::Position)
        .order_by_asc(taxonomy_term::Column::Id)
        .all(db)
        .await?;
    let mut taxonomy = Taxonomy::default();
    for row in rows {
        let term = Term { key: row.key, label: row.label, label_cy: row.label_cy, retired: row.retired };
        match row.kind {
            TermKind::ServiceArea => taxonomy.service_areas.push(term),
            TermKind::Technology => taxonomy.technologies.push(term),
        }
    }
    Ok(taxonomy)
}

#[derive(Deserialize)]
struct SeedRow {
    kind: TermKind,
    key: String,
    label: String,
    label_cy: String,
}

/// Adds the seed terms that are missing, and (`fill_welsh`: once, when the
/// Welsh labels' column arrives) the Welsh labels of seed terms that have
/// none. Labels an admin changed are kept.
pub async fn seed(db: &impl ConnectionTrait, fill_welsh: bool) -> anyhow::Result<usize> {
    let existing = load(db).await.map_err(|error| anyhow::anyhow!("{error:?}"))?;
    let mut added = 0;
    for (position, record) in csv::Reader::from_reader(SEED.as_bytes()).deserialize::<SeedRow>().enumerate() {
        let row = record.context("the taxonomy seed is malformed")?;
        if let Some(term) = existing.terms(row.kind).iter().find(|term| term.key == row.key) {
            if fill_welsh && term.label_cy.is_none() {
                taxonomy_term::Entity::update_many()
                    .col_expr(taxonomy_term::Column::LabelCy, Expr::value(row.label_cy))
                    .filter(taxonomy_term::Column::Kind.eq(row.kind))
                    .filter(taxonomy_term::Column::Key.eq(row.key))
                    .filter(taxonomy_term::Column::LabelCy.is_null())
                    .exec(db)
                    .await?;
            }
            continue;
        }
        taxonomy_term::ActiveModel {
            kind: Set(row.kind),
            key: Set(row.key),
            label: Set(row.label),
            label_cy: Set(Some(row.label_cy)),
            position: Set(position as i32),
            retired: Set(false),
            ..Default::default()
        }
        .insert(db)
        .await?;
        added += 1;
    }
    Ok(added)
}
