//! Settings shared by every command: flags, each with its `CASEBOOK_*`
//! environment variable, and defaults that need nothing installed.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Args;
use ipnet::IpNet;
use secrecy::SecretString;

use crate::client_address::TrustedProxies;
use crate::operations::logs::LogFormat;

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

    /// The URL people reach this server at: the base of sign-in redirects, and
    /// https here makes the session cookie `Secure`. Default: http:// and the bound address.
    #[arg(long, env = "CASEBOOK_PUBLIC_URL", global = true)]
    pub public_url: Option<url::Url>,

    /// Offer a page to sign in as any email and role, for local use. Refused
    /// unless the server listens on a loopback address. `serve --demo` turns it on.
    #[arg(long, env = "CASEBOOK_DEV_SIGN_IN", global = true)]
    pub dev_sign_in: bool,

    /// OpenID Connect providers by id (`--oidc-provider entra --oidc-provider google`, or
    /// `CASEBOOK_OIDC_PROVIDERS=entra,google`). Each is configured by the variables
    /// `CASEBOOK_OIDC_<ID>_ISSUER`, `_CLIENT_ID`, `_CLIENT_SECRET` and `_NAME`.
    #[arg(long = "oidc-provider", env = "CASEBOOK_OIDC_PROVIDERS", value_delimiter = ',', global = true)]
    pub oidc_provider_ids: Vec<String>,

    /// The providers themselves, read from the environment by `load_oidc_providers`
    /// (or set directly by tests).
    #[arg(skip)]
    pub oidc_providers: Vec<ProviderSettings>,

    /// A session ends after this long without a request.
    #[arg(long, env = "CASEBOOK_SESSION_IDLE_SECONDS", default_value_t = 8 * 3600, global = true)]
    pub session_idle_seconds: u64,

    /// A session ends this long after sign-in, however busy.
    #[arg(long, env = "CASEBOOK_SESSION_MAX_SECONDS", default_value_t = 7 * 24 * 3600, global = true)]
    pub session_max_seconds: u64,

    /// Sign-in requests one client may make per minute (bursts of up to this many).
    #[arg(long, env = "CASEBOOK_SIGN_IN_RATE_PER_MINUTE", default_value_t = 30, global = true)]
    pub sign_in_rate_per_minute: u32,

    /// GraphQL requests one client may make per second (bursts of up to 4 seconds' worth); 0: no limit.
    #[arg(long, env = "CASEBOOK_API_RATE_PER_SECOND", default_value_t = 100, global = true)]
    pub api_rate_per_second: u32,

    /// Reports one member may make per hour (a report they change counts once); over it, RATE_LIMITED.
    #[arg(long, env = "CASEBOOK_REPORTS_PER_HOUR", default_value_t = 10, global = true)]
    pub reports_per_hour: u32,

    /// A request still running after this many seconds is stopped and answered
    /// with SERVICE_UNAVAILABLE (HTTP 503); its database and index work stops with it.
    #[arg(long, env = "CASEBOOK_REQUEST_TIMEOUT_SECONDS", default_value_t = 10, global = true)]
    pub request_timeout_seconds: u64,

    /// Database connections for reads: on SQLite, readers beside the one
    /// writer (WAL lets them read while it writes); on PostgreSQL, the pool.
    #[arg(long, env = "CASEBOOK_DATABASE_POOL_SIZE", default_value_t = 8, global = true)]
    pub database_pool_size: u32,

    /// Where `/metrics` is served: on its own address (not reachable from
    /// the public one) when set, beside the pages otherwise.
    #[arg(long, env = "CASEBOOK_METRICS_BIND", global = true)]
    pub metrics_bind: Option<SocketAddr>,

    /// `text` for people, `json` (one object per line) for a log collector.
    #[arg(long, env = "CASEBOOK_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text, global = true)]
    pub log_format: LogFormat,

    /// Proxies in front of the server, by address or network (`--trusted-proxy 10.0.0.0/8`,
    /// or `CASEBOOK_TRUSTED_PROXIES=10.0.0.1,10.0.0.2`): their `X-Forwarded-For` names
    /// the client the rate limits count. Nobody else's is believed.
    #[arg(long = "trusted-proxy", env = "CASEBOOK_TRUSTED_PROXIES", value_delimiter = ',',
          value_parser = crate::client_address::parse_network, global = true)]
    pub trusted_proxies: Vec<IpNet>,

    /// The SMTP server email goes through: `smtp://user:password@host:587?tls=required`
    /// (STARTTLS), `smtps://…:465` (TLS) or `smtp://host:25` (plain, for a local relay).
    /// Without it, email is kept in the outbox and, with development sign-in, shown at `/dev/mail`.
    #[arg(long, env = "CASEBOOK_SMTP_URL", global = true)]
    pub smtp_url: Option<String>,

    /// Who email comes from.
    #[arg(long, env = "CASEBOOK_MAIL_FROM", default_value = "Casebook <casebook@localhost>", global = true)]
    pub mail_from: String,

    /// How often alerts, digests and review reminders run, in seconds.
    #[arg(long, env = "CASEBOOK_JOBS_INTERVAL_SECONDS", default_value_t = 60, global = true)]
    pub jobs_interval_seconds: u64,

    /// How often the mail worker looks for mail other servers wrote and retries coming due, in seconds.
    #[arg(long, env = "CASEBOOK_MAIL_POLL_SECONDS", default_value_t = 5, global = true)]
    pub mail_poll_seconds: u64,

    /// Attempts before an email is given up on (DEAD); the first retry waits
    /// `--mail-retry-seconds`, each later one twice as long.
    #[arg(long, env = "CASEBOOK_MAIL_MAX_ATTEMPTS", default_value_t = 8, global = true)]
    pub mail_max_attempts: i32,

    #[arg(long, env = "CASEBOOK_MAIL_RETRY_SECONDS", default_value_t = 30, global = true)]
    pub mail_retry_seconds: u64,
}

/// One OpenID Connect provider. The secret never prints: `Debug` redacts it.
#[derive(Clone, Debug)]
pub struct ProviderSettings {
    /// The id in URLs (`/sign-in/{id}`) and in the variables' names.
    pub id: String,
    /// What the sign-in button says: "Sign in with {display_name}".
    pub display_name: String,
    pub issuer: String,
    pub client_id: String,
    pub client_secret: SecretString,
}

impl Settings {
    pub fn new(data_dir: impl Into<PathBuf>, database_url: Option<String>, bind: SocketAddr) -> Self {
        Settings {
            data_dir: data_dir.into(),
            database_url,
            bind,
            public_url: None,
            dev_sign_in: false,
            oidc_provider_ids: Vec::new(),
            oidc_providers: Vec::new(),
            session_idle_seconds: 8 * 3600,
            session_max_seconds: 7 * 24 * 3600,
            sign_in_rate_per_minute: 30,
            api_rate_per_second: 100,
            reports_per_hour: 10,
            request_timeout_seconds: 10,
            database_pool_size: 8,
            metrics_bind: None,
            log_format: LogFormat::Text,
            trusted_proxies: Vec::new(),
            smtp_url: None,
            mail_from: "Casebook <casebook@localhost>".to_owned(),
            jobs_interval_seconds: 60,
            mail_poll_seconds: 5,
            mail_max_attempts: 8,
            mail_retry_seconds: 30,
        }
    }

    pub fn request_timeout(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.request_timeout_seconds.max(1))
    }

    /// The public URL, without a trailing slash.
    pub fn public_url(&self) -> String {
        match &self.public_url {
            Some(url) => url.as_str().trim_end_matches('/').to_owned(),
            None => format!("http://{}", self.bind),
        }
    }

    /// Whether only this machine can reach the server: bound to loopback, and
    /// not published under another name (a proxy in front of a loopback
    /// server would make it public).
    pub fn is_loopback_only(&self) -> bool {
        let public_host_is_loopback = match self.public_url.as_ref().and_then(|url| url.host()) {
            None => true,
            Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
            Some(url::Host::Ipv4(address)) => address.is_loopback(),
            Some(url::Host::Ipv6(address)) => address.is_loopback(),
        };
        self.bind.ip().is_loopback() && public_host_is_loopback
    }

    pub fn trusted_proxies(&self) -> TrustedProxies {
        TrustedProxies::new(self.trusted_proxies.clone())
    }

    pub fn uses_https(&self) -> bool {
        self.public_url.as_ref().is_some_and(|url| url.scheme() == "https")
    }

    /// Fills `oidc_providers` from `CASEBOOK_OIDC_<ID>_*` for each id of `oidc_provider_ids`.
    pub fn load_oidc_providers(&mut self) -> anyhow::Result<()> {
        for id in &self.oidc_provider_ids {
            let id = id.trim();
            if id.is_empty() {
                continue;
            }
            let prefix = format!("CASEBOOK_OIDC_{}_", id.to_ascii_uppercase().replace('-', "_"));
            let variable = |name: &str| {
                std::env::var(format!("{prefix}{name}"))
                    .map_err(|_| anyhow::anyhow!("provider `{id}` needs the variable {prefix}{name}"))
            };
            self.oidc_providers.push(ProviderSettings {
                id: id.to_ascii_lowercase(),
                display_name: variable("NAME").unwrap_or_else(|_| id.to_owned()),
                issuer: variable("ISSUER")?,
                client_id: variable("CLIENT_ID")?,
                client_secret: SecretString::from(variable("CLIENT_SECRET")?),
            });
        }
        Ok(())
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
            .field("public_url", &self.public_url)
            .field("dev_sign_in", &self.dev_sign_in)
            .field("oidc_providers", &self.oidc_providers)
            .field("metrics_bind", &self.metrics_bind)
            .field("trusted_proxies", &self.trusted_proxies)
            .field("smtp_url", &self.smtp_url.as_deref().map(redact_url))
            .field("mail_from", &self.mail_from)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::redact_url;

    #[test]
    fn client_secrets_never_print() {
        let mut settings = super::Settings::new("data", None, "127.0.0.1:8080".parse().unwrap());
        settings.oidc_providers.push(super::ProviderSettings {
            id: "entra".into(),
            display_name: "Microsoft".into(),
            issuer: "https://login.example".into(),
            client_id: "casebook".into(),
            client_secret: "very-secret-value".to_owned().into(),
        });
        let printed = format!("{settings:?}");
        assert!(printed.contains("casebook") && !printed.contains("very-secret-value"), "{printed}");
    }

    #[test]
    fn passwords_never_print() {
        assert_eq!(redact_url("postgres://casebook:secret@db/casebook"), "postgres://casebook:********@db/casebook");
        assert_eq!(redact_url("sqlite://data/casebook.db"), "sqlite://data/casebook.db");
    }
}
