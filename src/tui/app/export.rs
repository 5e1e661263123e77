//! Copying and exporting from the app: the Export screen, copy and save from the
//! Draft screen, and the questions asked first: when a text is not fit to send, when
//! ready drafts need a look, and when marking ready a draft with problems.

use crate::core::coach::overview;
use crate::core::draft::Status;
use crate::core::export::{Format, Look, Sources, document, file_name};
use crate::core::ready::{describe, needs_a_look};
use crate::tui::msg::Effect;
use crate::tui::screens::Route;
use crate::tui::screens::export::{ExportOutcome, ExportScreen, Row, problems_of, text_of};

use super::{App, Tone};

/// A question waiting for y or n, and what a yes does.
pub struct Confirm {
    pub question: String,
    pub effects: Vec<Effect>,
    /// A change to make on yes, besides the effects.
    pub then: Option<Then>,
}

/// A change a confirmed question makes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Then {
    /// Mark the open draft ready, problems and all.
    MarkReady(String),
    /// Let the previewed output of the open draft follow the shared text of the
    /// current part again, dropping its own words.
    FollowShared(String),
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
        let problems = ws
            .draft(&row.flag)
            .map(|d| problems_of(ws, d))
            .unwrap_or_default();
        if !problems.is_empty() {
            self.confirm = Some(Confirm {
                question: format!(
                    "{} anyway? This text is not ready to send: {}. (y/n)",
                    if copy { "Copy" } else { "Save" },
                    describe(&problems)
                ),
                effects: vec![effect],
                then: None,
            });
            return Vec::new();
        }
        vec![effect]
    }

    /// Ask before marking the open draft ready: `question` names what is wrong.
    pub(super) fn ask_ready(&mut self, question: String) {
        let Some(screen) = &self.draft else { return };
        self.confirm = Some(Confirm {
            question,
            effects: Vec::new(),
            then: Some(Then::MarkReady(screen.flag.clone())),
        });
    }

    fn save_all_ready(&mut self) -> Vec<Effect> {
        let Some(ws) = &self.ws else {
            return Vec::new();
        };
        // One per story, in Home's order: a story's draft is found by its own id.
        let ready: Vec<&crate::core::draft::Draft> = ws
            .told()
            .iter()
            .filter_map(|s| ws.draft(&s.id))
            .filter(|d| d.status == Status::Ready)
            .collect();
        if ready.is_empty() {
            self.note = Some((
                "No draft is marked ready yet (r on a draft marks it).".into(),
                Tone::Warning,
            ));
            return Vec::new();
        }
        let looks: Vec<Look> = ready
            .iter()
            .filter_map(|d| {
                let problems = problems_of(ws, d);
                needs_a_look(d, &problems).then(|| Look {
                    flag: d.flag.as_str(),
                    problems: describe(&problems),
                })
            })
            .collect();
        let sources = Sources {
            name: ws.profile.name.as_deref(),
            stories: &ws.stories,
            flags: &ws.flags,
            templates: &ws.templates,
            fields: &ws.fields,
        };
        let concealed = overview::concealed(&ws.flags, &ws.drafts);
        let text = document(&sources, &ready, &looks, &concealed, Format::Markdown);
        let name = file_name(&self.now.to_string(), "ready-drafts", Format::Markdown);
        let effect = Effect::WriteExport { name, text };
        if looks.is_empty() {
            return vec![effect];
        }
        let named: Vec<String> = looks
            .iter()
            .map(|l| {
                let title = ws.flag(l.flag).map_or(l.flag, |f| f.title.as_str());
                format!("{title}: {}", l.problems)
            })
            .collect();
        self.confirm = Some(Confirm {
            question: format!(
                "Save every ready draft anyway? {} marked ready {} a look (listed at the top of the file): {}. (y/n)",
                crate::core::ready::counted(looks.len(), "draft"),
                if looks.len() == 1 { "needs" } else { "need" },
                named.join(" · ")
            ),
            effects: vec![effect],
            then: None,
        });
        Vec::new()
    }

    /// y runs the confirmed effects and change; anything else cancels.
    pub(super) fn on_confirm_key(&mut self, key: crossterm::event::KeyEvent) -> Vec<Effect> {
        let Some(confirm) = self.confirm.take() else {
            return Vec::new();
        };
        if !matches!(key.code, crossterm::event::KeyCode::Char('y' | 'Y')) {
            self.note = Some(("Cancelled: nothing changed.".into(), Tone::Info));
            return Vec::new();
        }
        let mut effects = confirm.effects;
        if let Some(Then::MarkReady(id)) = &confirm.then
            && let (Some(ws), Some(screen)) = (&mut self.ws, &mut self.draft)
            && &screen.flag == id
        {
            let outcome = screen.mark_ready(ws, self.now);
            if let crate::tui::screens::draft::DraftOutcome::Note(text) = outcome {
                self.note = Some((text, Tone::Warning));
                let id = id.clone();
                self.edited(&id);
                effects.extend(self.save_all(""));
            }
        }
        if let Some(Then::FollowShared(id)) = &confirm.then {
            let id = id.clone();
            effects.extend(self.follow_shared(&id));
        }
        effects
    }

    /// V on the Draft screen: the previewed output follows the shared text of the
    /// current part again. Own words that differ from the shared are asked about first.
    pub(super) fn ask_follow_shared(&mut self) -> Vec<Effect> {
        let (Some(ws), Some(screen)) = (&self.ws, &self.draft) else {
            return Vec::new();
        };
        if screen.read_only {
            self.note = Some((crate::tui::screens::draft::READ_ONLY.into(), Tone::Info));
            return Vec::new();
        }
        let id = screen.flag.clone();
        match screen.own_words_here(ws) {
            Some(words) => {
                let count = words.split_whitespace().count();
                self.confirm = Some(Confirm {
                    question: format!(
                        "Let the {} follow the shared words of this part again? Its own wording ({}) is dropped. y drops it; any other key keeps it.",
                        screen.output.label(),
                        crate::tui::text::count(count, "word", "words")
                    ),
                    effects: Vec::new(),
                    then: Some(Then::FollowShared(id)),
                });
                Vec::new()
            }
            None => self.follow_shared(&id),
        }
    }

    fn follow_shared(&mut self, id: &str) -> Vec<Effect> {
        let (Some(ws), Some(screen)) = (&mut self.ws, &mut self.draft) else {
            return Vec::new();
        };
        if screen.flag != id {
            return Vec::new();
        }
        let label = screen.output.label();
        let before = ws.draft(id).map(|d| d.seq);
        let followed = screen.follow_shared(ws, self.now);
        // Typed words committed on the way are new words too: they must be saved.
        if ws.draft(id).map(|d| d.seq) != before {
            self.edited(id);
        }
        if followed {
            self.note = Some((
                format!("The {label} follows the shared words of this part again."),
                Tone::Info,
            ));
        } else {
            self.note = Some((
                format!("The {label} already follows the shared words of this part."),
                Tone::Info,
            ));
        }
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
