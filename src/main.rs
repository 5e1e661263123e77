//! The `flagdraft` binary: parse the command line, run it, map errors to exit codes.

use std::process::ExitCode;

use clap::Parser;
use flagdraft::cli::{self, Cli};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if cli::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) if err.is::<cli::CoachErrors>() => ExitCode::FAILURE,
        Err(err) => {
            eprintln!("flagdraft: {err:#}");
            ExitCode::from(cli::exit_code(&err))
        }
    }
}
