//! `flagdraft drafts` and `flagdraft export`: drafts in step with the profile, and
//! their texts on standard output or in a Markdown file.

use std::io::Write;

use anyhow::Context as _;

use crate::core::assemble::{
    Output, assemble, char_count, chosen, eras_fit, is_chosen, spoken_seconds, word_count,
};
use crate::core::coach::overview;
use crate::core::coach::rules::Level;
use crate::core::draft::{Draft, Status};
use crate::core::ready::{Problem, counted, describe, needs_a_look, problems, status_label};
use crate::store::workspace::Workspace;
use crate::store::{Paths, StoreError, atomic, lock};

use super::{BadInput, ExportArgs, FormatArg, now, this_month};
use crate::clipboard;
use crate::core::export::{self, Format, clean};

/// Open the workspace, report files that did not load, and sync the drafts. When the
/// app holds the data folder, or the folder cannot be written (its permissions, a
/// read-only disk), nothing is written: new drafts live in memory only.
fn open(paths: &Paths) -> anyhow::Result<(Workspace, Option<lock::Lock>)> {
    let mut ws = Workspace::open(paths.clone(), this_month())?;
    for w in &ws.warnings {
        eprintln!("warning: {w} (left untouched)");
    }
    let held = match lock::acquire(&paths.data) {
        Ok(held) => Some(held),
        Err(e @ (StoreError::Locked { .. } | StoreError::NotWritable { .. })) => {
            eprintln!("note: {e}; reading only");
            None
        }
        Err(e) => return Err(e.into()),
    };
    for e in ws.sync_drafts(now(), held.is_some()) {
        eprintln!("warning: {e}");
    }
    Ok((ws, held))
}

pub fn list(paths: &Paths) -> anyhow::Result<()> {
    let (ws, _lock) = open(paths)?;
    let mut out = std::io::stdout().lock();
    if ws.drafts.is_empty() {
        writeln!(out, "No drafts: no red flags were found.")?;
        return Ok(());
    }
    let drafts = ordered(&ws);
    let told = ws.told();
    let problems: Vec<Vec<Problem>> = drafts.iter().map(|d| problems_of(&ws, d)).collect();
    let status_width = drafts
        .iter()
        .zip(&problems)
        .map(|(d, p)| status_label(d, p).len())
        .max()
        .unwrap_or(0)
        .max(9);
    writeln!(
        out,
        "{:<26} {:<status_width$} {:>13} {:>10} {:>16} {:>8}  FLAG",
        "ID", "STATUS", "ERAS", "STATEMENT", "INTERVIEW", "COACH"
    )?;
    for (d, problems) in drafts.iter().zip(&problems) {
        let Some(t) = ws.templates.get(d.kind.family()) else {
            continue;
        };
        // Only the outputs of the chosen venues are assembled; the others show "-".
        let eras = if is_chosen(d, Output::Eras) {
            let fit = eras_fit(d, t, &ws.fields);
            let over = if fit.fits() { "" } else { "!" };
            format!("{}/{}{over}", fit.chars, fit.field.limit)
        } else {
            "-".to_string()
        };
        let statement = if is_chosen(d, Output::Statement) {
            format!("{} ch", char_count(&assemble(d, t, Output::Statement)))
        } else {
            "-".to_string()
        };
        let interview = if is_chosen(d, Output::Interview) {
            let words = word_count(&assemble(d, t, Output::Interview));
            let (lo, hi) = spoken_seconds(words);
            format!("{words} w {lo}-{hi} s")
        } else {
            "-".to_string()
        };
        let own = ws
            .flag(&d.flag)
            .map_or("(flag no longer found)", |f| f.title.as_str());
        // A story is named before its own flag's title.
        let title = match told.iter().find(|s| s.id == d.flag && s.flags.len() > 1) {
            Some(story) => format!("{}: {own}", story.name),
            None => own.to_string(),
        };
        let report = ws.report(d);
        let errors = report.count(Level::Error);
        let warnings = report.count(Level::Warning) - errors;
        writeln!(
            out,
            "{:<26} {:<status_width$} {:>13} {:>10} {:>16} {:>8}  {title}",
            d.flag,
            status_label(d, problems),
            eras,
            statement,
            interview,
            format!("{errors}E {warnings}W"),
        )?;
        // A draft that explains several flags names the others under its own row.
        for id in &d.covers {
            let title = ws
                .flag(id)
                .map_or("(flag no longer found)", |f| f.title.as_str());
            writeln!(out, "  + also explains {id}: {title}")?;
        }
    }
    writeln!(
        out,
        "\nERAS: characters used of the field's limit (! marks a text over it). -: a place not chosen for that flag. COACH: errors and warnings."
    )?;
    for (d, problems) in drafts.iter().zip(&problems) {
        if needs_a_look(d, problems) {
            writeln!(
                out,
                "{}: marked ready, but needs a look: {}.",
                d.flag,
                describe(problems)
            )?;
        }
    }
    for f in overview::concealed(&ws.flags, &ws.drafts) {
        writeln!(
            out,
            "warning: {} shows on your record and has no ready explanation; leaving it unexplained is a bigger flag than the flag.",
            f.id
        )?;
    }
    Ok(())
}

/// What keeps `d` from being fit to send: what `--force` exports regardless of.
fn problems_of(ws: &Workspace, d: &Draft) -> Vec<Problem> {
    ws.templates
        .get(d.kind.family())
        .map(|t| problems(&ws.coach, d, t, &ws.fields, &ws.report(d)))
        .unwrap_or_default()
}

/// Why nothing was exported: the text is not fit to send and `--force` was not given.
/// Exit code 1, like `check` when the coach finds an error.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct NotExported(String);

/// Drafts in the order of their flags (worst first), orphaned ones last.
fn ordered(ws: &Workspace) -> Vec<&Draft> {
    let mut drafts: Vec<&Draft> = ws.drafts.iter().collect();
    let rank = |d: &Draft| {
        ws.flags
            .iter()
            .position(|f| f.id == d.flag)
            .unwrap_or(usize::MAX)
    };
    drafts.sort_by_key(|d| (rank(d), d.flag.clone()));
    drafts
}

pub fn export(paths: &Paths, args: &ExportArgs) -> anyhow::Result<()> {
    let (ws, _lock) = open(paths)?;
    if args.all {
        return export_all(&ws, args);
    }
    let id = args.id.as_deref().unwrap_or_default();
    let Some(draft) = ws.draft_explaining(id) else {
        // Every id a draft answers to: its primary flag's and those it covers, then
        // the stories' own ids.
        let stories = ws.default_stories();
        let mut ids: Vec<&str> = Vec::new();
        for id in ordered(&ws).iter().flat_map(|d| d.flags()) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        for s in stories.iter().filter(|s| s.id.starts_with("story:")) {
            if ws.draft_explaining(&s.id).is_some() && !ids.contains(&s.id.as_str()) {
                ids.push(&s.id);
            }
        }
        return Err(BadInput(format!(
            "no draft has the id {id:?}; the ids are: {}",
            ids.join(", ")
        ))
        .into());
    };
    let template = ws
        .templates
        .get(draft.kind.family())
        .context("no template for this draft's family")?;
    let output = output_of(draft, id, args)?;
    let problems = problems_of(&ws, draft);
    if !problems.is_empty() && !args.force {
        let what = format!("{id} is not ready to send: {}", describe(&problems));
        if !confirm(&what)? {
            return Err(NotExported(format!(
                "{what}; nothing exported (fix it, or add --force to export it anyway)"
            ))
            .into());
        }
    }
    let text = clean(&assemble(draft, template, output));
    deliver(paths, args, &format!("{text}\n"), "text", Format::Plain)?;
    if args.clipboard {
        let mut tty = clipboard::terminal().context("opening the terminal for the clipboard")?;
        let sent = clipboard::copy(&text, &mut tty).map_err(BadInput)?;
        eprintln!(
            "Sent {} characters to the clipboard through the terminal. Terminals do not confirm a copy: paste it somewhere to check.",
            sent.chars
        );
        if let Some(hint) = sent.tmux_hint {
            eprintln!("{hint}");
        }
    }
    if output == Output::Eras {
        let fit = eras_fit(draft, template, &ws.fields);
        if !fit.fits() {
            eprintln!(
                "warning: {} characters is {} over the {} limit of {}",
                fit.chars,
                fit.over(),
                fit.field.label,
                fit.field.limit
            );
        }
    }
    Ok(())
}

/// The output `--as` asks for, or the draft's first chosen one. An output of a venue
/// not chosen for the draft is refused: only chosen venues are exported.
fn output_of(draft: &Draft, id: &str, args: &ExportArgs) -> anyhow::Result<Output> {
    let outputs = chosen(draft);
    let names = || {
        let names: Vec<&str> = draft.venues.iter().map(|v| v.label()).collect();
        names.join(", ")
    };
    match args.output.map(Output::from) {
        Some(o) if outputs.contains(&o) => Ok(o),
        Some(o) => Err(BadInput(format!(
            "{id} is to be addressed in: {}; its {} is not one of them (choose that place for it in the app first)",
            names(),
            o.label()
        ))
        .into()),
        None => outputs.first().copied().ok_or_else(|| {
            BadInput(format!(
                "no place is chosen for {id} yet, so it has nothing to export"
            ))
            .into()
        }),
    }
}

/// With a person at the terminal, ask whether to export what is not fit to send
/// (`what` says why); a script is never asked, and gets nothing without `--force`.
fn confirm(what: &str) -> anyhow::Result<bool> {
    use std::io::IsTerminal;
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return Ok(false);
    }
    eprint!("{}. Export anyway? [y/N] ", what.trim_end());
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes"))
}

/// Print `text`, or write it to --out or a new file in the exports folder.
fn deliver(
    paths: &Paths,
    args: &ExportArgs,
    text: &str,
    what: &str,
    format: Format,
) -> anyhow::Result<()> {
    let path = match (&args.out, args.save) {
        (Some(p), _) => p.clone(),
        (None, true) => paths
            .exports()
            .join(export::file_name(&now().to_string(), what, format)),
        (None, false) => {
            write!(std::io::stdout().lock(), "{text}")?;
            return Ok(());
        }
    };
    write_new(&path, text)?;
    eprintln!("Wrote {}", path.display());
    Ok(())
}

/// Each ready draft once, however many flags it explains.
fn export_all(ws: &Workspace, args: &ExportArgs) -> anyhow::Result<()> {
    let ready: Vec<&Draft> = ordered(ws)
        .into_iter()
        .filter(|d| d.status == Status::Ready)
        .collect();
    if ready.is_empty() {
        anyhow::bail!("no draft is marked ready yet, so there is nothing to export");
    }
    let format = match args.format {
        FormatArg::Plain => Format::Plain,
        FormatArg::Markdown => Format::Markdown,
    };
    let sources = export::Sources {
        name: ws.profile.name.as_deref(),
        stories: &ws.stories,
        flags: &ws.flags,
        templates: &ws.templates,
        fields: &ws.fields,
    };
    let problems: Vec<(&Draft, Vec<Problem>)> =
        ready.iter().map(|d| (*d, problems_of(ws, d))).collect();
    let looks: Vec<export::Look> = problems
        .iter()
        .filter(|(d, p)| needs_a_look(d, p))
        .map(|(d, p)| export::Look {
            flag: d.flag.as_str(),
            problems: describe(p),
        })
        .collect();
    if !looks.is_empty() && !args.force {
        let named: Vec<String> = looks
            .iter()
            .map(|l| format!("\n  {}: {}", l.flag, l.problems))
            .collect();
        let what = format!(
            "{} marked ready {} a look:{}\n",
            counted(looks.len(), "draft"),
            if looks.len() == 1 { "needs" } else { "need" },
            named.concat()
        );
        if !confirm(&what)? {
            return Err(NotExported(format!(
                "{what}nothing exported: fix them, or add --force to export them anyway (listed at the top)"
            ))
            .into());
        }
    }
    let concealed = overview::concealed(&ws.flags, &ws.drafts);
    let doc = export::document(&sources, &ready, &looks, &concealed, format);
    deliver(&ws.paths, args, &doc, "ready-drafts", format)?;
    eprintln!(
        "{} exported{}.",
        counted(ready.len(), "ready draft"),
        if looks.is_empty() {
            String::new()
        } else {
            format!(
                "; {} needing a look, listed at the top",
                counted(looks.len(), "draft")
            )
        }
    );
    Ok(())
}

/// Write `text` to a new private file; whatever is already there (a file, or a link
/// even to nowhere) is never replaced nor written through.
fn write_new(path: &std::path::Path, text: &str) -> anyhow::Result<()> {
    match atomic::write_new(path, text.as_bytes()) {
        Err(StoreError::Exists { .. }) => Err(BadInput(format!(
            "{} already exists; it was left untouched (choose another name)",
            path.display()
        ))
        .into()),
        other => Ok(other?),
    }
}
