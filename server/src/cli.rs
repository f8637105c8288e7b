//! The `casebook` command line.

use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};

use crate::app::{self, Application};
use crate::authorities::{self, register};
use crate::demo;
use crate::members::{self, Role};
use crate::operations::backup;
use crate::operations::data_dir::DataDirLock;
use crate::operations::logs::LogFormat;
use crate::settings::Settings;

#[derive(Parser)]
#[command(name = "casebook", version, about = "Casebook: councils learning from each other's projects")]
pub struct Cli {
    #[command(flatten)]
    settings: Settings,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web pages and the GraphQL API (migrations run first).
    Serve {
        /// Load the demo case studies, turn on development sign-in, and print tokens to sign in with.
        #[arg(long)]
        demo: bool,
    },
    /// Run the database migrations and load the reference data.
    Migrate,
    /// Create or update an ACTIVE member and print a new API token for them.
    IssueToken {
        #[arg(long)]
        email: String,
        /// MEMBER, MODERATOR or ADMIN.
        #[arg(long)]
        role: Role,
        /// The member's council (slug); no email-domain check applies.
        #[arg(long)]
        authority: Option<String>,
        /// A name to recognise the token by.
        #[arg(long, default_value = "issued by casebook issue-token")]
        name: String,
    },
    /// Update the register of councils from a mySociety "UK Local Authorities" CSV.
    ImportAuthorities { file: PathBuf },
    /// Load the demo case studies through the real workflow.
    SeedDemo,
    /// Rebuild the search index from the database (stop the server first).
    Reindex,
    /// Write a consistent copy of the SQLite database to FILE, while the server runs or not.
    Backup { file: PathBuf },
    /// Replace the SQLite database with the backup in FILE (stop the server first;
    /// the next start rebuilds the search index).
    Restore { file: PathBuf },
}

impl Cli {
    pub fn log_format(&self) -> LogFormat {
        self.settings.log_format
    }
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let settings = cli.settings;
    match cli.command {
        Command::Serve { demo } => serve(settings, demo).await,
        Command::Migrate => {
            app::prepare(&settings).await?;
            eprintln!("database is up to date");
            Ok(())
        }
        Command::IssueToken { email, role, authority, name } => {
            if !email_address::EmailAddress::is_valid(email.trim()) {
                bail!("`{email}` is not an email address");
            }
            let (db, _) = app::prepare(&settings).await?;
            let council = match authority {
                None => None,
                Some(slug) => Some(
                    authorities::find_by_slug(&db, &slug)
                        .await?
                        .with_context(|| format!("no council has the slug `{slug}`"))?,
                ),
            };
            let token = members::issue_from_command_line(&db, &email, role, council.as_ref(), &name).await?;
            println!("{token}");
            Ok(())
        }
        Command::ImportAuthorities { file } => {
            let reader = std::fs::File::open(&file).with_context(|| format!("cannot open {}", file.display()))?;
            let (db, _) = app::prepare(&settings).await?;
            let report = register::import_register(&db, reader).await?;
            print!("{report}");
            Ok(())
        }
        Command::Reindex => {
            app::prepare(&settings).await?;
            let _alone = DataDirLock::take(&settings.data_dir)?;
            let (search, _) =
                crate::search_sync::SearchService::open(&settings.data_dir, &settings.database_url()).await?;
            let indexed = search.rebuild().await?;
            eprintln!("indexed {indexed} published case studies");
            Ok(())
        }
        Command::Backup { file } => {
            let copied = backup::backup(&settings, &file).await?;
            println!("backed up {copied}");
            Ok(())
        }
        Command::Restore { file } => {
            let copied = backup::restore(&settings, &file).await?;
            println!("restored {copied}; the next start rebuilds the search index");
            Ok(())
        }
        Command::SeedDemo => {
            let (db, _) = app::prepare(&settings).await?;
            let seeded = demo::seed(&db).await?;
            eprintln!("{seeded}");
            Ok(())
        }
    }
}

async fn serve(mut settings: Settings, with_demo: bool) -> anyhow::Result<()> {
    settings.load_oidc_providers()?;
    settings.dev_sign_in |= with_demo;
    let (db, queries) = app::prepare(&settings).await?;
    let demo_tokens = if with_demo {
        let seeded = demo::seed(&db).await?;
        tracing::info!("{seeded}");
        Some(demo::sign_in_tokens(&db).await?)
    } else {
        None
    };
    let application = Application::with_database(settings.clone(), db, queries).await?;
    let address = application.state().public_url.clone();
    println!("Casebook is serving on {address} (GraphiQL at {address}/graphql)");
    if settings.dev_sign_in {
        println!("Development sign-in is on: sign in as anyone at {address}/dev/sign-in");
    }
    if let Some(tokens) = demo_tokens {
        println!("\nOr sign in to the API: in GraphiQL's headers pane, paste one of");
        for (who, token) in tokens {
            println!("  {who:<40} {{\"Authorization\": \"Bearer {token}\"}}");
        }
        println!();
    }
    application.run_until_signalled().await
}
