//! `flagdraft drafts` and `flagdraft export`: drafts in step with the profile, and
//! their texts on standard output or in a Markdown file.

use std::fs::{self, OpenOptions};
use std::io::{ErrorKind, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

use anyhow::Context as _;

use crate::core::assemble::{Output, assemble, char_count, eras_fit, spoken_seconds, word_count};
use crate::core::coach::overview;
use crate::core::coach::rules::Level;
use crate::core::draft::{Draft, Status};
use crate::store::workspace::Workspace;
use crate::store::{Paths, StoreError, atomic, lock};

use super::{BadInput, ExportArgs, FormatArg, now, this_month};
use crate::clipboard;
use crate::core::export::{self, Format, clean};

/// Open the workspace, report files that did not load, and sync the drafts.
/// Open the workspace, report files that did not load, and sync the drafts. When the
/// app holds the data folder, nothing is written: new drafts live in memory only.
fn open(paths: &Paths) -> anyhow::Result<(Workspace, Option<lock::Lock>)> {
    let mut ws = Workspace::open(paths.clone(), this_month())?;
    for w in &ws.warnings {
        eprintln!("warning: {w} (left untouched)");
    }
    let held = match lock::acquire(&paths.data) {
        Ok(held) => Some(held),
        Err(e @ StoreError::Locked { .. }) => {
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
    let (ws, _lock) = open(paths)?;
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
    let errors = ws.report(draft).count(Level::Error);
    if errors > 0 && !args.force && !confirm(id, errors)? {
        return Err(BadInput("not exported".into()).into());
    }
    let output = Output::from(args.output);
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

/// With a person at the terminal, ask before exporting a draft the coach still finds
/// errors in; a script gets a warning and the text.
fn confirm(id: &str, errors: usize) -> anyhow::Result<bool> {
    use std::io::IsTerminal;
    let what =
        format!("the coach still reports {errors} error(s) in {id} (see `flagdraft drafts`)");
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        eprintln!("warning: {what}");
        return Ok(true);
    }
    eprint!("{what}. Export anyway? [y/N] ");
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
        flags: &ws.flags,
        templates: &ws.templates,
        fields: &ws.fields,
    };
    let concealed = overview::concealed(&ws.flags, &ws.drafts);
    let doc = export::document(&sources, &ready, &concealed, format);
    deliver(&ws.paths, args, &doc, "ready-drafts", format)?;
    eprintln!("{} ready draft(s) exported.", ready.len());
    Ok(())
}

/// Write `text` to a new private file (0600); an existing file is never replaced, and
/// no folder's mode is changed: only folders made here for it are made private (0700).
/// A bare file name is a file in the working folder.
fn write_new(path: &Path, text: &str) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    make_missing(dir)?;
    let io = |action: &'static str| {
        move |source| StoreError::Io {
            path: path.to_path_buf(),
            action,
            source,
        }
    };
    let mut file = match OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(atomic::FILE_MODE)
        .open(path)
    {
        Ok(file) => file,
        Err(e) if e.kind() == ErrorKind::AlreadyExists => {
            return Err(BadInput(format!(
                "{} already exists; it was left untouched (choose another name)",
                path.display()
            ))
            .into());
        }
        Err(e) => return Err(io("create the file")(e).into()),
    };
    // The file is new and ours: private whatever the umask.
    let written = file
        .set_permissions(fs::Permissions::from_mode(atomic::FILE_MODE))
        .map_err(io("make the file private"))
        .and_then(|()| {
            file.write_all(text.as_bytes())
                .map_err(io("write the file"))
        })
        .and_then(|()| file.sync_all().map_err(io("flush the file to disk")));
    if let Err(e) = written {
        drop(file);
        let _ = fs::remove_file(path);
        return Err(e.into());
    }
    Ok(())
}

/// Make the folders missing on the way to `dir`, each private (0700). Folders that
/// already exist are left as they are.
fn make_missing(dir: &Path) -> Result<(), StoreError> {
    let mut missing = Vec::new();
    let mut at = dir;
    while !at.as_os_str().is_empty() && fs::symlink_metadata(at).is_err() {
        missing.push(at);
        match at.parent() {
            Some(parent) => at = parent,
            None => break,
        }
    }
    for folder in missing.into_iter().rev() {
        let io = |action: &'static str| {
            move |source| StoreError::Io {
                path: folder.to_path_buf(),
                action,
                source,
            }
        };
        match fs::DirBuilder::new().mode(atomic::DIR_MODE).create(folder) {
            Ok(()) => fs::set_permissions(folder, fs::Permissions::from_mode(atomic::DIR_MODE))
                .map_err(io("make the folder private"))?,
            // Made by someone else meanwhile: theirs, left as it is.
            Err(e) if e.kind() == ErrorKind::AlreadyExists => {}
            Err(e) => return Err(io("create the folder")(e)),
        }
    }
    Ok(())
}
