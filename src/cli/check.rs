//! `flagdraft check`: the coach on any text, from a file or standard input.

use std::io::{Read, Write};
use std::path::PathBuf;

use anyhow::Context as _;
use clap::Args;

use crate::core::assemble::Output;
use crate::core::coach::rules::Level;
use crate::core::coach::{Finding, TextContext, line_col};
use crate::core::eras::ADDITIONAL_INFORMATION;
use crate::core::flag::FlagKind;
use crate::store::{self, Paths, config, words};

use super::{BadInput, OutputArg, kind_arg};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The text to check; `-` or nothing reads standard input
    #[arg(value_name = "FILE|-")]
    pub file: Option<PathBuf>,
    /// What the text is for: its length is judged for that output
    #[arg(long = "as", value_enum, default_value = "eras")]
    pub output: OutputArg,
    /// The ERAS field whose limit applies (with --as eras) [default: the default field]
    #[arg(long, value_name = "NAME")]
    pub field: Option<String>,
    /// The kind of flag the text explains: what it must hold follows from it
    /// (dates for a gap, a result after a failure, ownership of an incident)
    #[arg(long, value_parser = kind_arg(), value_name = "KIND")]
    pub kind: Option<FlagKind>,
    /// Print the findings as JSON
    #[arg(long)]
    pub json: bool,
    /// Leave spelling out (it is checked with the American dictionary, the medical
    /// word list, your profile's names and words.txt in the config folder)
    #[arg(long)]
    pub no_spelling: bool,
}

/// Whether any finding is an error: the exit code says so.
pub fn run(paths: &Paths, args: &CheckArgs) -> anyhow::Result<bool> {
    let (name, text) = read(args)?;
    let (mut coach, warning) = config::load_coach(paths);
    let (fields, fields_warning) = config::load_fields(paths);
    for w in warning.iter().chain(fields_warning.iter()) {
        eprintln!("warning: {w}; using the built-in settings");
    }
    if !args.no_spelling {
        // The profile's names count as words; no profile (or one that does not load)
        // only means fewer of them.
        let profile = store::load_profile(&paths.profile()).ok();
        match words::speller(paths, profile.as_ref()) {
            Ok((speller, list_warning)) => {
                if let Some(w) = list_warning {
                    eprintln!("warning: {w}; spelling is checked without your word list");
                }
                coach.set_speller(std::sync::Arc::new(speller));
            }
            Err(e) => eprintln!("warning: spelling is not checked: {e}"),
        }
    }
    let output = Output::from(args.output);
    let field = match &args.field {
        // "Additional Information" names no field of its own: with no flag to say which
        // field it stands for, the default one.
        Some(id) if id == ADDITIONAL_INFORMATION => Some(fields.resolve(None)),
        Some(id) => Some(fields.get(id).ok_or_else(|| {
            let ids: Vec<&str> = fields.fields.iter().map(|f| f.id.as_str()).collect();
            BadInput(format!(
                "no ERAS field is called {id:?}; the fields are: {}",
                ids.join(", ")
            ))
        })?),
        None => (output == Output::Eras).then(|| fields.resolve(None)),
    };
    let ctx = TextContext {
        output: Some(output),
        limit: field.map(|f| (f.label.as_str(), f.limit)),
        kind: args.kind,
    };
    let findings = coach.check_text(&text, ctx);
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &json(&text, &findings)).context("writing JSON")?;
        writeln!(out)?;
    } else {
        write_findings(&mut out, &name, &text, &findings)?;
    }
    Ok(findings.iter().any(|f| f.level == Level::Error))
}

fn read(args: &CheckArgs) -> anyhow::Result<(String, String)> {
    match args.file.as_deref() {
        None => stdin(),
        Some(p) if p.as_os_str() == "-" => stdin(),
        Some(p) => Ok((
            p.display().to_string(),
            store::read_text_with(p, store::Links::Follow)?,
        )),
    }
}

fn stdin() -> anyhow::Result<(String, String)> {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|e| BadInput(format!("standard input is not UTF-8 text: {e}")))?;
    Ok(("<stdin>".into(), text))
}

#[derive(serde::Serialize)]
struct JsonFinding<'a> {
    line: usize,
    column: usize,
    #[serde(flatten)]
    finding: &'a Finding,
}

fn json<'a>(text: &str, findings: &'a [Finding]) -> Vec<JsonFinding<'a>> {
    findings
        .iter()
        .map(|f| {
            let (line, column) = line_col(text, f.start);
            JsonFinding {
                line,
                column,
                finding: f,
            }
        })
        .collect()
}

fn write_findings(
    out: &mut impl Write,
    name: &str,
    text: &str,
    findings: &[Finding],
) -> std::io::Result<()> {
    for f in findings {
        let (line, col) = line_col(text, f.start);
        writeln!(
            out,
            "{name}:{line}:{col}: {}[{}]: {}",
            f.level.label(),
            f.rule,
            f.message
        )?;
        if f.has_span() {
            writeln!(out, "    \"{}\"", f.excerpt)?;
        }
        if !f.suggestions.is_empty() {
            writeln!(out, "    did you mean: {}", f.suggestions.join(", "))?;
        }
        writeln!(out, "    hint: {}", f.hint)?;
    }
    let errors = findings.iter().filter(|f| f.level == Level::Error).count();
    let warnings = findings
        .iter()
        .filter(|f| f.level == Level::Warning)
        .count();
    let infos = findings.len() - errors - warnings;
    if findings.is_empty() {
        writeln!(out, "{name}: nothing for the coach to flag.")
    } else {
        writeln!(
            out,
            "{name}: {errors} error(s), {warnings} warning(s), {infos} suggestion(s)."
        )
    }
}
