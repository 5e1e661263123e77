//! The command line: clap definitions and one short function per subcommand, each a
//! thin layer over `core` and `store`.

use std::io::Write;
use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::Context as _;
use clap::{Args, Parser, Subcommand};

mod check;
mod drafts;

use crate::core::assemble::Output;
use crate::core::detect::detect;
use crate::core::flag::{Effect, Flag, FlagKind};
use crate::core::month::YearMonth;
use crate::core::profile::Profile;
use crate::core::stamp::Stamp;
use crate::core::story::{stories, story_of};
use crate::store::{self, Paths, StoreError};

#[derive(Debug, Parser)]
#[command(
    name = "flagdraft",
    version,
    about = "Find the red flags in a Med-Peds residency application and draft honest explanations of them",
    long_about = None
)]
pub struct Cli {
    /// Try flagdraft on the demo applicant, in a throwaway folder that is deleted on exit
    #[arg(long)]
    pub demo: bool,
    #[command(flatten)]
    pub dirs: Dirs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args)]
pub struct Dirs {
    /// Folder for your profile and drafts [default: the platform data folder]
    #[arg(
        long,
        global = true,
        env = "FLAGDRAFT_DATA_DIR",
        hide_env_values = true,
        value_name = "DIR"
    )]
    pub data_dir: Option<PathBuf>,
    /// Folder for your overrides of rules and templates [default: the platform config folder]
    #[arg(
        long,
        global = true,
        env = "FLAGDRAFT_CONFIG_DIR",
        hide_env_values = true,
        value_name = "DIR"
    )]
    pub config_dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create your profile in the data folder, ready to fill in
    Init(InitArgs),
    /// List the red flags a program director will see in a profile
    Detect(DetectArgs),
    /// List every draft with its flag, status and the length of each output
    Drafts,
    /// Print a draft's text, or write every ready draft to one Markdown file
    Export(ExportArgs),
    /// Run the coach on any text; exits 1 when it finds an error
    Check(check::CheckArgs),
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The flag id of the draft, as `flagdraft drafts` lists it (e.g. exam_failure:step1),
    /// of any other flag the draft also explains, or the story's id as `detect --json`
    /// gives it (e.g. story:exam_record)
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    pub id: Option<String>,
    /// Which text to print, of those chosen for the draft [default: the first chosen]
    #[arg(long = "as", value_enum)]
    pub output: Option<OutputArg>,
    /// Every draft marked ready, with the outputs chosen for it, as one document
    #[arg(long)]
    pub all: bool,
    /// Write to this file instead of standard output (never replaces an existing file)
    #[arg(long, value_name = "FILE", conflicts_with = "save")]
    pub out: Option<PathBuf>,
    /// Write to a new file in the exports folder of the data folder
    #[arg(long)]
    pub save: bool,
    /// Document format of --all (a single text is always plain)
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: FormatArg,
    /// Also send the text to the clipboard through the terminal (OSC 52)
    #[arg(long, conflicts_with = "all")]
    pub clipboard: bool,
    /// Export even when a text is not ready to send: the coach finds errors, a required
    /// part has no real answer, the ERAS text is over its field's limit, or a draft
    /// marked ready needs a look (with --all, those are listed at the top). Without it,
    /// flagdraft asks at a terminal; a script gets nothing and exit code 1
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum FormatArg {
    Plain,
    Markdown,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum OutputArg {
    /// The ERAS text, plain, within the field's limit
    Eras,
    /// The personal-statement paragraph
    Statement,
    /// The three-part interview answer
    Interview,
}

impl From<OutputArg> for Output {
    fn from(o: OutputArg) -> Self {
        match o {
            OutputArg::Eras => Output::Eras,
            OutputArg::Statement => Output::Statement,
            OutputArg::Interview => Output::Interview,
        }
    }
}

/// A flag kind by the id `detect` gives it ("exam_failure", "training_gap", ...).
pub fn kind_arg() -> impl clap::builder::TypedValueParser<Value = FlagKind> {
    use clap::builder::TypedValueParser as _;
    clap::builder::PossibleValuesParser::new(FlagKind::ALL.map(FlagKind::id)).map(|id| {
        FlagKind::ALL
            .into_iter()
            .find(|k| k.id() == id)
            .unwrap_or(FlagKind::ExamFailure)
    })
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Start from the demo applicant instead of a blank profile
    #[arg(long)]
    pub demo: bool,
    /// Replace an existing profile (the old one is kept as profile.ron.bak, earlier ones as .bak.1 to .bak.4)
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct DetectArgs {
    /// Profile to read [default: profile.ron in the data folder]
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    /// Month to treat as today, YYYY-MM [default: the profile's as_of, else this month]
    #[arg(long, value_name = "YYYY-MM")]
    pub as_of: Option<YearMonth>,
    /// Print JSON instead of a readable list
    #[arg(long)]
    pub json: bool,
}

/// The coach found at least one error: exit code 1, with the findings already printed.
#[derive(Debug, thiserror::Error)]
#[error("the coach found errors")]
pub struct CoachErrors;

fn run_check(paths: &Paths, args: &check::CheckArgs) -> anyhow::Result<()> {
    if check::run(paths, args)? {
        return Err(CoachErrors.into());
    }
    Ok(())
}

/// A problem with what the user typed: exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct BadInput(pub String);

/// A reader that closed the pipe early (`flagdraft detect | head`) is not a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<serde_json::Error>()
                .and_then(|e| e.io_error_kind())
                .is_some_and(|k| k == std::io::ErrorKind::BrokenPipe)
    })
}

/// The error with its causes, each said once: a cause whose words are already in the
/// message (a file error names the system's reason, which is also its cause) is left
/// out, so nothing is printed twice.
pub fn message(err: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if out.contains(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
}

/// Exit code for an error: 2 for bad input, 1 for anything else.
pub fn exit_code(err: &anyhow::Error) -> u8 {
    if let Some(stopped) = err.downcast_ref::<crate::tui::Stopped>() {
        return u8::try_from(128 + stopped.signal).unwrap_or(1);
    }
    let bad = err.chain().any(|cause| {
        cause.is::<BadInput>()
            || cause
                .downcast_ref::<StoreError>()
                .is_some_and(StoreError::is_bad_input)
    });
    if bad { 2 } else { 1 }
}

pub fn run(cli: Cli) -> anyhow::Result<()> {
    // Demo folders a run killed outright (kill -9) left behind.
    crate::exit::sweep(&std::env::temp_dir());
    if cli.demo {
        return run_demo(cli.command);
    }
    let paths = Paths::resolve(cli.dirs.data_dir, cli.dirs.config_dir).ok_or_else(|| {
        BadInput("no home folder found; name one with --data-dir or FLAGDRAFT_DATA_DIR".into())
    })?;
    crate::crash::report_in(&paths.data);
    match cli.command {
        None if interactive() => crate::tui::run(paths, no_color()),
        None => hint(&paths),
        Some(Command::Init(args)) => init(&paths, &args),
        Some(Command::Detect(args)) => run_detect(&paths, &args),
        Some(Command::Drafts) => drafts::list(&paths),
        Some(Command::Export(args)) => drafts::export(&paths, &args),
        Some(Command::Check(args)) => run_check(&paths, &args),
    }
}

/// Run `command` against the demo profile in a private temporary folder, removed on
/// every way out: the return (`tmp` is dropped), an error, a stop signal (the exit
/// hooks), and after kill -9 at the next start (its name holds this process's id).
fn run_demo(command: Option<Command>) -> anyhow::Result<()> {
    let tmp = tempfile::Builder::new()
        .prefix(&crate::exit::demo_prefix())
        .tempdir()
        .context("creating a throwaway folder for the demo")?;
    crate::exit::remove_on_exit(tmp.path().to_path_buf());
    let app = command.is_none() && interactive();
    if !app {
        // The app's own guard handles stop signals, saving first.
        crate::exit::exit_on_signals().context("watching for stop signals")?;
    }
    let paths = Paths::under(tmp.path());
    store::write_profile_text(&paths, store::DEMO_PROFILE, false)?;
    match command {
        None if app => crate::tui::run(paths, no_color()),
        None => {
            let args = DetectArgs {
                profile: None,
                as_of: None,
                json: false,
            };
            run_detect(&paths, &args)?;
            let mut out = std::io::stdout().lock();
            writeln!(
                out,
                "\nThis was the demo applicant. Start your own: flagdraft init"
            )?;
            Ok(())
        }
        Some(Command::Init(_)) => Err(BadInput(
            "--demo already uses the demo profile; run `flagdraft init --demo` to keep a copy"
                .into(),
        )
        .into()),
        Some(Command::Detect(args)) => run_detect(&paths, &args),
        Some(Command::Drafts) => drafts::list(&paths),
        Some(Command::Export(args)) => drafts::export(&paths, &args),
        Some(Command::Check(args)) => run_check(&paths, &args),
    }
}

/// Both ends of the session are a terminal, so the full-screen app can run.
fn interactive() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

/// NO_COLOR set to anything but the empty string turns colour off (no-color.org).
fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

fn hint(paths: &Paths) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "flagdraft finds the red flags in your Med-Peds application.\n"
    )?;
    if paths.profile().exists() {
        writeln!(out, "  flagdraft detect        list your red flags")?;
    } else {
        writeln!(
            out,
            "  flagdraft --demo        try it on the demo applicant"
        )?;
        writeln!(
            out,
            "  flagdraft init --demo   keep a copy of the demo applicant to edit"
        )?;
        writeln!(
            out,
            "  flagdraft init          start a blank profile to fill in"
        )?;
    }
    writeln!(
        out,
        "  flagdraft               the full-screen app (run it in a terminal)"
    )?;
    writeln!(out, "  flagdraft --help        every command")?;
    Ok(())
}

fn init(paths: &Paths, args: &InitArgs) -> anyhow::Result<()> {
    let _lock = store::lock::acquire(&paths.data)?;
    let text = if args.demo {
        store::DEMO_PROFILE
    } else {
        store::STARTER_PROFILE
    };
    store::write_profile_text(paths, text, args.force)?;
    let path = paths.profile();
    let mut out = std::io::stdout().lock();
    writeln!(out, "Created {}", path.display())?;
    if args.demo {
        writeln!(out, "Next: flagdraft detect")?;
    } else {
        writeln!(
            out,
            "Next: fill in your facts there, then run flagdraft detect"
        )?;
    }
    Ok(())
}

fn run_detect(paths: &Paths, args: &DetectArgs) -> anyhow::Result<()> {
    // A profile named on the command line may be a link; the data folder's may not.
    let (mut knowledge, warning) = store::load_knowledge(paths);
    if let Some(w) = warning {
        eprintln!("warning: {w}; using the built-in rules");
    }
    // The questions shown are the bank's, as practice asks them.
    let (bank, warning) = store::config::load_bank(paths);
    if let Some(w) = warning {
        eprintln!("warning: {w}; using the built-in questions");
    }
    knowledge.bank = bank;
    // Stories are told as the user's `stories.ron` groups them, when there is one.
    let (story_rules, warning) = store::config::load_stories(paths);
    if let Some(w) = warning {
        eprintln!("warning: {w}; using the built-in stories");
    }
    let rules = &knowledge.rules;
    let profile = match &args.profile {
        Some(path) => store::load_profile_by(path, store::Links::Follow, rules)?,
        None => store::load_profile_by(&paths.profile(), store::Links::Refuse, rules)?,
    };
    let today = args.as_of.unwrap_or_else(|| profile.today(this_month()));
    // Facts that are probably not meant: said on stderr, so --json stays JSON.
    for w in crate::core::validate::warnings(&profile, &knowledge.rules, today) {
        eprintln!("warning: {w}");
    }
    let flags = detect(&profile, &knowledge, today);
    let mut out = std::io::stdout().lock();
    if args.json {
        let told = stories(&flags, &story_rules);
        let listed: Vec<JsonFlag> = flags
            .iter()
            .map(|flag| JsonFlag {
                flag,
                story: story_of(&told, &flag.id).map_or(flag.id.as_str(), |s| s.id.as_str()),
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &listed).context("writing JSON")?;
        writeln!(out)?;
    } else {
        write_flags(&mut out, &profile, today, &flags)?;
    }
    Ok(())
}

/// A flag as `detect --json` gives it: every field of the flag, and the id of the
/// story it is told in (its own id when it is told alone).
#[derive(serde::Serialize)]
struct JsonFlag<'a> {
    #[serde(flatten)]
    flag: &'a Flag,
    story: &'a str,
}

/// The readable report of `flagdraft detect`.
pub fn write_flags(
    out: &mut impl Write,
    profile: &Profile,
    today: YearMonth,
    flags: &[Flag],
) -> std::io::Result<()> {
    let who = profile.name.as_deref().unwrap_or("this profile");
    if flags.is_empty() {
        return writeln!(out, "No red flags found for {who} as of {today}.");
    }
    let plural = if flags.len() == 1 { "" } else { "s" };
    writeln!(
        out,
        "{} red flag{plural} for {who} as of {today}, most serious first.",
        flags.len()
    )?;
    for flag in flags {
        writeln!(out)?;
        let sev = flag.severity.label().to_uppercase();
        writeln!(out, "{sev:<9}{}  [{}]", flag.title, flag.id)?;
        writeln!(out, "         {}", flag.summary)?;
        for r in &flag.reasons {
            let mark = match r.effect {
                Effect::Base => "•",
                Effect::Raises => "↑",
                Effect::Lowers => "↓",
                Effect::Mitigates => "+",
            };
            writeln!(out, "         {mark} {}", r.text)?;
        }
        if !flag.advice.is_empty() {
            writeln!(out, "         What helps: {}", flag.advice)?;
        }
        let venues: Vec<&str> = flag.venues.iter().map(|v| v.label()).collect();
        writeln!(out, "         Address it in: {}", venues.join(", "))?;
        writeln!(out, "         A program director may ask:")?;
        for q in &flag.questions {
            writeln!(out, "           - {q}")?;
        }
    }
    Ok(())
}

/// The current time, from the system clock.
pub fn now() -> Stamp {
    Stamp(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
    )
}

/// The current month in UTC, from the system clock.
pub fn this_month() -> YearMonth {
    now().month()
}
