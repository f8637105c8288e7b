//! Settings shared by every command: flags, each with its `CASEBOOK_*`
//! environment variable, and defaults that need nothing installed.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Args;

#[derive(Clone, Args)]
pub struct Settings {
    /// Where the SQLite database and the search index live.
    #[arg(long, env = "CASEBOOK_DATA_DIR", default_value = "./data", global = true)]
    pub data_dir: PathBuf,

    /// `sqlite://…` or `postgres://…`; default: SQLite in the data dir.
    #[arg(long, env = "CASEBOOK_DATABASE_URL", global = true)]
    pub database_url: Option<String>,

    /// The address `serve` listens on.
    #[arg(long, env = "CASEBOOK_BIND", default_value = "127.0.0.1:8080", global = true)]
    pub bind: SocketAddr,
}

impl Settings {
    pub fn new(data_dir: impl Into<PathBuf>, database_url: Option<String>, bind: SocketAddr) -> Self {
        Settings { data_dir: data_dir.into(), database_url, bind }
    }

    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => format!("sqlite://{}?mode=rwc", self.data_dir.join("casebook.db").display()),
        }
    }
}

/// The URL with any password replaced, for messages and logs.
pub fn redact_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("********"));
            parsed.to_string()
        }
        _ => url.to_owned(),
    }
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("data_dir", &self.data_dir)
            .field("database_url", &self.database_url.as_deref().map(redact_url))
            .field("bind", &self.bind)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::redact_url;

    #[test]
    fn passwords_never_print() {
        assert_eq!(redact_url("postgres://casebook:secret@db/casebook"), "postgres://casebook:********@db/casebook");
        assert_eq!(redact_url("sqlite://data/casebook.db"), "sqlite://data/casebook.db");
    }
}
