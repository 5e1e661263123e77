//! `flagdraft drafts` and `flagdraft export`: drafts in step with the profile, and
//! their texts on standard output or in a Markdown file.

use std::fmt::Write as _;
use std::io::Write;

use anyhow::Context as _;

use crate::core::assemble::{Output, assemble, char_count, eras_fit, spoken_seconds, word_count};
use crate::core::coach::overview;
use crate::core::coach::rules::Level;
use crate::core::draft::{Draft, Status};
use crate::core::flag::Venue;
use crate::store::workspace::Workspace;
use crate::store::{Paths, atomic};

use super::{BadInput, ExportArgs, now, this_month};

/// Open the workspace, report files that did not load, and sync the drafts.
fn open(paths: &Paths) -> anyhow::Result<Workspace> {
    let mut ws = Workspace::open(paths.clone(), this_month())?;
    for w in &ws.warnings {
        eprintln!("warning: {w} (left untouched)");
    }
    for e in ws.sync_drafts(now()) {
        eprintln!("warning: {e}");
    }
    Ok(ws)
}

pub fn list(paths: &Paths) -> anyhow::Result<()> {
    let ws = open(paths)?;
    let mut out = std::io::stdout().lock();
    if ws.drafts.is_empty() {
        writeln!(out, "No drafts: no red flags were found.")?;
        return Ok(());
    }
    writeln!(
        out,
        "{:<26} {:<9} {:>13} {:>10} {:>16} {:>8}  FLAG",
        "ID", "STATUS", "ERAS", "STATEMENT", "INTERVIEW", "COACH"
    )?;
    for d in ordered(&ws) {
        let Some(t) = ws.templates.get(d.kind.family()) else {
            continue;
        };
        let fit = eras_fit(d, t, &ws.fields);
        let eras = format!(
            "{}/{}{}",
            fit.chars,
            fit.field.limit,
            if fit.fits() { "" } else { "!" }
        );
        let statement = char_count(&assemble(d, t, Output::Statement));
        let words = word_count(&assemble(d, t, Output::Interview));
        let (lo, hi) = spoken_seconds(words);
        let title = ws
            .flag(&d.flag)
            .map_or("(flag no longer found)", |f| f.title.as_str());
        let report = ws.report(d);
        let errors = report.count(Level::Error);
        let warnings = report.count(Level::Warning) - errors;
        writeln!(
            out,
            "{:<26} {:<9} {:>13} {:>10} {:>16} {:>8}  {title}",
            d.flag,
            d.status.label(),
            eras,
            format!("{statement} ch"),
            format!("{words} w {lo}-{hi} s"),
            format!("{errors}E {warnings}W"),
        )?;
    }
    writeln!(
        out,
        "\nERAS: characters used of the field's limit (! marks a text over it). COACH: errors and warnings."
    )?;
    for f in overview::concealed(&ws.flags, &ws.drafts) {
        writeln!(
            out,
            "warning: {} shows on your record and has no ready explanation; leaving it unexplained is a bigger flag than the flag.",
            f.id
        )?;
    }
    Ok(())
}

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
    let ws = open(paths)?;
    if args.all {
        return export_all(&ws, args);
    }
    let id = args.id.as_deref().unwrap_or_default();
    let Some(draft) = ws.draft(id) else {
        let ids: Vec<&str> = ordered(&ws).iter().map(|d| d.flag.as_str()).collect();
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
    let output = Output::from(args.output);
    let text = assemble(draft, template, output);
    match &args.out {
        Some(path) => write_new(path, &format!("{text}\n"))?,
        None => writeln!(std::io::stdout().lock(), "{text}")?,
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

fn export_all(ws: &Workspace, args: &ExportArgs) -> anyhow::Result<()> {
    let ready: Vec<&Draft> = ordered(ws)
        .into_iter()
        .filter(|d| d.status == Status::Ready)
        .collect();
    if ready.is_empty() {
        anyhow::bail!("no draft is marked ready yet, so there is nothing to export");
    }
    let markdown = markdown(ws, &ready);
    match &args.out {
        None => write!(std::io::stdout().lock(), "{markdown}")?,
        Some(path) => {
            write_new(path, &markdown)?;
            eprintln!("Wrote {} ready draft(s) to {}", ready.len(), path.display());
        }
    }
    Ok(())
}

/// Write `text` to a new private file; an existing file is never replaced.
fn write_new(path: &std::path::Path, text: &str) -> anyhow::Result<()> {
    if path.exists() {
        return Err(BadInput(format!(
            "{} already exists; it was left untouched (choose another name)",
            path.display()
        ))
        .into());
    }
    atomic::write(path, text.as_bytes())?;
    Ok(())
}

/// Every ready draft's chosen outputs as one Markdown document.
pub fn markdown(ws: &Workspace, drafts: &[&Draft]) -> String {
    let mut md = String::new();
    let who = ws.profile.name.as_deref().unwrap_or("My application");
    let _ = writeln!(md, "# {who}: red-flag explanations\n");
    let open = overview::concealed(&ws.flags, &ws.drafts);
    if !open.is_empty() {
        let names: Vec<&str> = open.iter().map(|f| f.title.as_str()).collect();
        let _ = writeln!(
            md,
            "> Not yet explained, though a program will see it on the record: {}.\n",
            names.join("; ")
        );
    }
    for d in drafts {
        let Some(t) = ws.templates.get(d.kind.family()) else {
            continue;
        };
        let title = ws
            .flag(&d.flag)
            .map_or(t.title.as_str(), |f| f.title.as_str());
        let _ = writeln!(md, "## {title} · {}\n", d.flag);
        for venue in &d.venues {
            let output = match venue {
                Venue::Eras => Output::Eras,
                Venue::Statement => Output::Statement,
                Venue::Interview => Output::Interview,
            };
            let text = assemble(d, t, output);
            let note = match output {
                Output::Eras => {
                    let fit = eras_fit(d, t, &ws.fields);
                    format!(
                        " ({}: {} of {} characters)",
                        fit.field.label, fit.chars, fit.field.limit
                    )
                }
                Output::Interview => {
                    let (lo, hi) = spoken_seconds(word_count(&text));
                    format!(" (about {lo}-{hi} seconds spoken)")
                }
                Output::Statement => String::new(),
            };
            let _ = writeln!(md, "### {}{note}\n\n{text}\n", output.label());
        }
    }
    md
}
