use std::process::ExitCode;

use casebook::operations::logs::LogFormat;
use clap::Parser;

/// mimalloc rather than glibc's allocator: glibc kept the memory of a
/// rebuild's indexing threads (about 250 MB) after they had freed it, and
/// mimalloc gives it back; it is also faster for the many small strings of
/// analysis and GraphQL responses.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = casebook::cli::Cli::parse();
    let log_format = cli.log_format();
    casebook::operations::logs::init(log_format);
    match casebook::cli::run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if log_format == LogFormat::Json => {
            tracing::error!(error = %format!("{error:#}"), "casebook stopped");
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
