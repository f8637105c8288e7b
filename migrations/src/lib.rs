//! Casebook's database migrations, written once for SQLite and PostgreSQL.
//!
//! This crate knows nothing of the server: it only describes tables. Every
//! column type used here maps to a native type on both backends, and the
//! test `migrations_give_both_backends_the_same_tables` checks that they agree.

pub use sea_orm_migration::prelude::*;

mod m20261123_000001_foundation;
mod m20261123_000002_search;
mod m20261124_000003_sign_in;
mod m20261201_000004_readable_index;
mod m20261202_000005_moderation;
mod m20261202_000006_erasure;
mod m20261202_000007_retired_terms;
mod m20261202_000008_register_admin;
mod m20261203_000009_notifications;
mod m20261204_000010_open_data;
mod m20261205_000011_cymraeg;

pub use m20261202_000005_moderation::APPEND_ONLY as AUDIT_LOG_APPEND_ONLY;
/// The migration that adds the Welsh columns (issue 20).
pub const CYMRAEG: &str = "m20261205_000011_cymraeg";

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_foundation::Migration),
            Box::new(m20261123_000002_search::Migration),
            Box::new(m20261124_000003_sign_in::Migration),
            Box::new(m20261201_000004_readable_index::Migration),
            Box::new(m20261202_000005_moderation::Migration),
            Box::new(m20261202_000006_erasure::Migration),
            Box::new(m20261202_000007_retired_terms::Migration),
            Box::new(m20261202_000008_register_admin::Migration),
            Box::new(m20261203_000009_notifications::Migration),
            Box::new(m20261204_000010_open_data::Migration),
            Box::new(m20261205_000011_cymraeg::Migration),
        ]
    }
}
