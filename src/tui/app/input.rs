//! Input: keys (through the keymap, or straight to a focused editor), pastes and the
//! mouse, with the overlays (help, prompt, confirm, recovery) taking keys first.

use crossterm::event::{KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

use super::*;

impl App {
    pub(super) fn on_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if self.route == Route::Profile {
            // The form's fields are words too: the guard and the recovery copy follow.
            self.keys += 1;
        }
        let context = self.context();
        let action = if context == Context::Editor {
            self.keymap.action_in(Context::Editor, key).or_else(|| {
                // The editor takes every plain key; only chords and special keys reach
                // the global table.
                let plain = matches!(key.code, crossterm::event::KeyCode::Char(_))
                    && !key
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
                (!plain)
                    .then(|| self.keymap.action_in(Context::Global, key))
                    .flatten()
            })
        } else {
            self.keymap.action(context, key)
        };
        if self.help || self.messages_open {
            // An overlay reads keys as a list does, even over an editor.
            let action = self.keymap.action(Context::List, key);
            return self.on_overlay_key(key, action);
        }
        if self.prompt.is_some() {
            return self.on_prompt_key(key, action);
        }
        if self.confirm.is_some() {
            if action == Some(Action::ForceQuit) {
                self.confirm = None;
                return self.quit(true);
            }
            return self.on_confirm_key(key);
        }
        if self.offer.is_some() {
            if action == Some(Action::ForceQuit) {
                return self.quit(true);
            }
            return self.on_offer_key(key);
        }
        // A choice asked over Home takes every key but the one that quits from anywhere.
        if self.route == Route::Home
            && self.home.choosing.is_some()
            && action != Some(Action::ForceQuit)
        {
            return match action {
                Some(a) => self.on_action(a),
                None => Vec::new(),
            };
        }
        match action {
            Some(Action::ForceQuit) => self.quit(true),
            Some(Action::Quit) => self.quit(false),
            Some(Action::Help) => {
                self.open_help();
                Vec::new()
            }
            Some(Action::Messages) => {
                self.open_messages();
                Vec::new()
            }
            Some(Action::Save) if self.route != Route::Profile => self.save_all("Saved."),
            Some(a) => self.on_action(a),
            None if context == Context::Editor => self.on_editor_key(key),
            None => {
                self.redraw = false;
                Vec::new()
            }
        }
    }

    pub(super) fn on_prompt_key(&mut self, key: KeyEvent, action: Option<Action>) -> Vec<Effect> {
        match action {
            Some(Action::ForceQuit) => return self.quit(true),
            Some(Action::Back) => {
                self.prompt = None;
                return Vec::new();
            }
            _ => {}
        }
        if key.code == crossterm::event::KeyCode::Enter {
            let reason = self
                .prompt
                .take()
                .map(|t| t.lines().join(" "))
                .unwrap_or_default();
            if reason.trim().is_empty() {
                self.note = Some((
                    "A short reason is needed to set a finding aside.".into(),
                    Tone::Warning,
                ));
                return Vec::new();
            }
            let (Some(ws), Some(screen)) = (&mut self.ws, &mut self.draft) else {
                return Vec::new();
            };
            let id = screen.flag.clone();
            if screen.dismiss(ws, &reason, self.now) {
                self.note = Some((
                    "Set aside; it stays listed, and comes back if those words change.".into(),
                    Tone::Info,
                ));
                self.edited(&id);
            }
            return Vec::new();
        }
        if let Some(t) = &mut self.prompt {
            t.input(key);
        }
        Vec::new()
    }

    /// Keys over the help or the message log: scroll, close, or quit from anywhere.
    pub(super) fn on_overlay_key(&mut self, key: KeyEvent, action: Option<Action>) -> Vec<Effect> {
        use crossterm::event::KeyCode;
        let scroll = if self.help {
            &mut self.help_scroll
        } else {
            &mut self.messages_scroll
        };
        match (key.code, action) {
            (_, Some(Action::ForceQuit)) => return self.quit(true),
            (KeyCode::PageDown, _) | (KeyCode::Char(' '), _) => scroll.page(true),
            (KeyCode::PageUp, _) => scroll.page(false),
            (_, Some(a @ (Action::Up | Action::Down | Action::Top | Action::Bottom))) => {
                scroll.on_action(a);
            }
            (_, Some(Action::Help)) if self.messages_open => {
                self.messages_open = false;
                self.open_help();
            }
            (_, Some(Action::Messages)) if self.help => {
                self.help = false;
                self.open_messages();
            }
            (_, Some(Action::Help | Action::Back | Action::Quit | Action::Messages)) => {
                self.help = false;
                self.messages_open = false;
            }
            _ => self.redraw = false,
        }
        Vec::new()
    }

    pub(super) fn open_help(&mut self) {
        self.help = true;
        self.help_scroll = Scroll::default();
    }

    pub(super) fn open_messages(&mut self) {
        self.messages_open = true;
        self.messages_scroll = Scroll::default();
    }

    pub(super) fn on_editor_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        self.note = None;
        if self.route == Route::Profile {
            if let Some(screen) = &mut self.profile {
                screen.on_edit_input(key.into());
            }
            return Vec::new();
        }
        if self.route == Route::Practice {
            let (Some(ws), Some(screen)) = (&self.ws, &mut self.practice) else {
                return Vec::new();
            };
            let outcome = screen.on_input(key.into(), ws, self.now);
            return self.practice_outcome(outcome);
        }
        let (Some(ws), Some(screen)) = (&mut self.ws, &mut self.draft) else {
            return Vec::new();
        };
        let _ = ws;
        if screen.on_editor_input(key.into()) {
            self.typed_key();
        }
        Vec::new()
    }

    pub(super) fn on_paste(&mut self, text: &str) -> Vec<Effect> {
        if self.context() != Context::Editor {
            self.redraw = false;
            return Vec::new();
        }
        if text.len() > PASTE_CAP {
            self.note = Some((
                format!(
                    "That paste is {} kB; flagdraft takes up to {} kB at once.",
                    text.len() / 1024,
                    PASTE_CAP / 1024
                ),
                Tone::Warning,
            ));
            return Vec::new();
        }
        let clean = clean_paste(text);
        if self.route == Route::Profile {
            self.keys += 1;
        }
        if let Some(prompt) = &mut self.prompt {
            prompt.insert_str(clean.replace('\n', " "));
            return Vec::new();
        }
        if self.route == Route::Profile {
            if let Some(screen) = &mut self.profile {
                screen.paste(&clean);
            }
            return Vec::new();
        }
        if self.route == Route::Practice {
            if let Some(screen) = &mut self.practice {
                screen.paste(&clean);
            }
            return Vec::new();
        }
        let (Some(ws), Some(screen)) = (&mut self.ws, &mut self.draft) else {
            return Vec::new();
        };
        let _ = ws;
        if screen.paste(&clean) {
            self.typed_key();
        }
        Vec::new()
    }

    pub(super) fn on_mouse(&mut self, mouse: MouseEvent) -> Vec<Effect> {
        let area = self.body_area();
        if self.help || self.messages_open {
            let scroll = if self.help {
                &mut self.help_scroll
            } else {
                &mut self.messages_scroll
            };
            match mouse.kind {
                MouseEventKind::ScrollUp => scroll.by(-1),
                MouseEventKind::ScrollDown => scroll.by(1),
                _ => self.redraw = false,
            }
            return Vec::new();
        }
        match mouse.kind {
            MouseEventKind::ScrollUp => self.on_action(Action::Up),
            MouseEventKind::ScrollDown => self.on_action(Action::Down),
            MouseEventKind::Down(MouseButton::Left) => {
                self.click(mouse.column, mouse.row, area);
                Vec::new()
            }
            _ => {
                self.redraw = false;
                Vec::new()
            }
        }
    }

    pub(super) fn click(&mut self, col: u16, row: u16, area: Rect) {
        let Some(ws) = &mut self.ws else { return };
        match self.route {
            Route::Home => {
                self.home.click(row, area, ws);
            }
            Route::Draft => {
                if let Some(screen) = &mut self.draft
                    && screen.click(col, row, area, ws, self.now)
                {
                    let id = screen.flag.clone();
                    self.edited(&id);
                }
            }
            Route::Export => {
                if let Some(screen) = &mut self.export {
                    screen.click(row, area, ws);
                }
            }
            Route::Welcome | Route::Flag | Route::Profile | Route::Practice | Route::Orphans => {}
        }
    }
}
