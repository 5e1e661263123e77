//! The `flagdraft` binary: parse the command line, run it, map errors to exit codes.

use std::process::ExitCode;

use clap::Parser;
use flagdraft::cli::{self, Cli};

/// A crash must not leave a memory image holding the applicant's drafts on disk.
fn no_core_dumps() {
    use rustix::process::{Resource, Rlimit, setrlimit};
    let none = Rlimit {
        current: Some(0),
        maximum: Some(0),
    };
    let _ = setrlimit(Resource::Core, none);
}

fn main() -> ExitCode {
    // First of all: a panic anywhere says where, never what (its message can quote a
    // draft), and puts the terminal back before it says so.
    flagdraft::crash::install();
    no_core_dumps();
    // A write past the file-size limit (`ulimit -f`) must fail with an error the user
    // sees, not kill the process: answer SIGXFSZ instead of taking its default.
    let _ = signal_hook::flag::register(
        signal_hook::consts::SIGXFSZ,
        std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)),
    );
    let cli = Cli::parse();
    let result = cli::run(cli);
    flagdraft::exit::run_exit_hooks();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if cli::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) if err.is::<cli::CoachErrors>() => ExitCode::FAILURE,
        Err(err) => {
            eprintln!("flagdraft: {}", cli::message(&err));
            ExitCode::from(cli::exit_code(&err))
        }
    }
}
