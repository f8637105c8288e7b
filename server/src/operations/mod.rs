//! What an operator needs to run Casebook in production: health and
//! readiness for load balancers, Prometheus metrics, structured logs with
//! request ids, backups, and the data directory's lock that keeps `restore`
//! from running under a live server. Graceful shutdown is the listener's
//! (`app::Application::run_until`).

pub mod backup;
pub mod data_dir;
pub mod logs;
pub mod metrics;
pub mod readiness;
