//! Casebook: a peer network where councils publish what they tried —
//! successes and, above all, failures — and search each other's.
//!
//! The library holds everything; `main.rs` only parses the command line.
//! See ARCHITECTURE.md for the code map and its invariants.

pub mod app;
pub mod audit;
pub mod authorities;
pub mod case_studies;
pub mod cli;
pub mod client_address;
pub mod db;
mod deadline;
pub mod demo;
pub mod entities;
pub mod error;
pub mod graphql;
pub mod i18n;
pub mod identity;
pub mod members;
pub mod notifications;
pub mod open_data;
pub mod operations;
pub mod paging;
pub mod questions;
mod rate_limit;
pub mod reports;
mod router;
pub mod search_sync;
pub mod secrets;
pub mod sessions;
pub mod settings;
pub mod sign_in;
pub mod taxonomy;
pub mod text;
pub mod web;

pub use app::{App, Application};
pub use settings::Settings;

/// The SDL of the GraphQL schema, as checked in at `schema.graphql`.
pub fn schema_sdl() -> String {
    graphql::build_schema().sdl()
}
