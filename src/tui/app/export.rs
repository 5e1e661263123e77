//! Copying and exporting from the app: the Export screen, copy and save from the
//! Draft screen, and the confirmation when the coach still reports errors.

use crate::core::coach::overview;
use crate::core::draft::Status;
use crate::core::export::{Format, Sources, document, file_name};
use crate::tui::msg::Effect;
use crate::tui::screens::Route;
use crate::tui::screens::export::{ExportOutcome, ExportScreen, Row, errors_in, text_of};

use super::{App, Tone};

/// A question waiting for y or n, and what a yes does.
pub struct Confirm {
    pub question: String,
    pub effects: Vec<Effect>,
}

impl App {
    pub(super) fn open_export(&mut self) {
        if let Some(ws) = &self.ws {
            self.export = Some(ExportScreen::open(ws));
            self.route = Route::Export;
        }
    }

    pub(super) fn export_action(&mut self, action: crate::tui::keymap::Action) -> Vec<Effect> {
        let Some(screen) = &mut self.export else {
            return Vec::new();
        };
        match screen.on_action(action) {
            ExportOutcome::Stay => Vec::new(),
            ExportOutcome::Leave => {
                self.route = Route::Home;
                Vec::new()
            }
            ExportOutcome::Copy(row) => self.send(&row, true),
            ExportOutcome::Save(row) => self.send(&row, false),
            ExportOutcome::SaveAll => self.save_all_ready(),
        }
    }

    /// Copy or save the text of the Draft screen's preview.
    pub(super) fn draft_send(&mut self, copy: bool) -> Vec<Effect> {
        let Some(screen) = &self.draft else {
            return Vec::new();
        };
        let row = Row {
            flag: screen.flag.clone(),
            output: screen.output,
        };
        let mut effects = self.save_all("");
        effects.extend(self.send(&row, copy));
        effects
    }

    /// Copy (or save) one row, asking first when the coach still finds errors.
    fn send(&mut self, row: &Row, copy: bool) -> Vec<Effect> {
        let Some(ws) = &self.ws else {
            return Vec::new();
        };
        let text = text_of(ws, row);
        if text.trim().is_empty() {
            self.note = Some((
                "Nothing to export yet: the text is empty.".into(),
                Tone::Warning,
            ));
            return Vec::new();
        }
        let title = ws
            .flag(&row.flag)
            .map_or(row.flag.as_str(), |f| f.title.as_str());
        let what = format!("{} for {title}", row.output.label());
        let effect = if copy {
            Effect::Copy { what, text }
        } else {
            let slug = row
                .flag
                .split(':')
                .next()
                .unwrap_or("draft")
                .replace('_', "-");
            let name = file_name(&self.now.to_string(), &slug, Format::Plain);
            Effect::WriteExport {
                name,
                text: format!("{text}\n"),
            }
        };
        let errors = errors_in(ws, row);
        if errors > 0 {
            self.confirm = Some(Confirm {
                question: format!(
                    "The coach still finds {} in this draft. {} anyway? (y/n)",
                    crate::tui::text::count(errors, "error", "errors"),
                    if copy { "Copy" } else { "Save" }
                ),
                effects: vec![effect],
            });
            return Vec::new();
        }
        vec![effect]
    }

    fn save_all_ready(&mut self) -> Vec<Effect> {
        let Some(ws) = &self.ws else {
            return Vec::new();
        };
        let ready: Vec<&crate::core::draft::Draft> = ws
            .flags
            .iter()
            .filter_map(|f| ws.draft(&f.id))
            .filter(|d| d.status == Status::Ready)
            .collect();
        if ready.is_empty() {
            self.note = Some((
                "No draft is marked ready yet (r on a draft marks it).".into(),
                Tone::Warning,
            ));
            return Vec::new();
        }
        let sources = Sources {
            name: ws.profile.name.as_deref(),
            flags: &ws.flags,
            templates: &ws.templates,
            fields: &ws.fields,
        };
        let concealed = overview::concealed(&ws.flags, &ws.drafts);
        let text = document(&sources, &ready, &concealed, Format::Markdown);
        let name = file_name(&self.now.to_string(), "ready-drafts", Format::Markdown);
        vec![Effect::WriteExport { name, text }]
    }

    /// y runs the confirmed effects; anything else cancels.
    pub(super) fn on_confirm_key(&mut self, key: crossterm::event::KeyEvent) -> Vec<Effect> {
        let Some(confirm) = self.confirm.take() else {
            return Vec::new();
        };
        if matches!(key.code, crossterm::event::KeyCode::Char('y' | 'Y')) {
            return confirm.effects;
        }
        self.note = Some(("Cancelled.".into(), Tone::Info));
        Vec::new()
    }

    pub(super) fn on_copied(&mut self, what: &str, sent: &crate::clipboard::Sent) {
        self.note = Some(match &sent.tmux_hint {
            Some(hint) => (
                format!("Sent {} characters, but {hint}", sent.chars),
                Tone::Warning,
            ),
            None => (
                format!(
                    "Copied {} characters ({what}). Terminals do not confirm a copy: paste it to check.",
                    sent.chars
                ),
                Tone::Info,
            ),
        });
    }
}
