//! Integration tests: each starts the real server on a random port with its
//! own database (SQLite, or PostgreSQL when CASEBOOK_TEST_POSTGRES_URL is set)
//! and drives it over HTTP.

mod alerts;
mod audit_log;
mod authorities;
mod backups;
mod crash_safety;
mod cymraeg;
mod data_rights;
mod demo;
mod email;
mod evidence;
mod feeds;
mod follow_ups;
mod graphql_http;
mod journeys;
mod lifecycle;
mod limits;
mod members;
mod migrations;
mod moderation_pages;
mod notification_permissions;
mod notifications;
mod observability;
mod open_data;
mod operations;
mod pages;
mod permissions;
mod query_count;
mod questions;
mod rate_limits;
mod register_admin;
mod report_pages;
mod reports;
mod reuse;
mod revisions;
mod rules;
mod schema;
mod search;
mod sessions;
mod sign_in;
mod standing;
mod taxonomy_admin;
mod validation;
