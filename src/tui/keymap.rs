//! Keys become actions here, once. One table serves dispatch, the help overlay and the
//! status-bar hints; a user's `keys.ron` in the config folder can rebind any entry.

use std::collections::HashMap;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

/// Everything a key can ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Quit,
    ForceQuit,
    Help,
    Back,
    NextFocus,
    PrevFocus,
    Up,
    Down,
    Left,
    Right,
    Top,
    Bottom,
    Open,
    Save,
    NextPart,
    PrevPart,
    CycleOutput,
    ToggleExample,
    ToggleReady,
    ToggleVenue,
    CycleField,
    EditProfile,
    Add,
    Delete,
    Undo,
    NextFinding,
    Dismiss,
    Practice,
    ToggleMode,
    StartStop,
    Shuffle,
    Copy,
    Export,
    ExportAll,
    StartOver,
    Orphans,
    Messages,
    AddWord,
    Join,
    Split,
    Voice,
    FollowShared,
    LeaveOut,
}

impl Action {
    pub const ALL: [Action; 43] = [
        Action::Quit,
        Action::ForceQuit,
        Action::Help,
        Action::Back,
        Action::NextFocus,
        Action::PrevFocus,
        Action::Up,
        Action::Down,
        Action::Left,
        Action::Right,
        Action::Top,
        Action::Bottom,
        Action::Open,
        Action::Save,
        Action::NextPart,
        Action::PrevPart,
        Action::CycleOutput,
        Action::ToggleExample,
        Action::ToggleReady,
        Action::ToggleVenue,
        Action::CycleField,
        Action::EditProfile,
        Action::Add,
        Action::Delete,
        Action::Undo,
        Action::NextFinding,
        Action::Dismiss,
        Action::Practice,
        Action::ToggleMode,
        Action::StartStop,
        Action::Shuffle,
        Action::Copy,
        Action::Export,
        Action::ExportAll,
        Action::StartOver,
        Action::Orphans,
        Action::Messages,
        Action::AddWord,
        Action::Join,
        Action::Split,
        Action::Voice,
        Action::FollowShared,
        Action::LeaveOut,
    ];

    /// Words for the help overlay and the status bar.
    pub fn describe(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::ForceQuit => "quit from anywhere",
            Action::Help => "help",
            Action::Back => "back",
            Action::NextFocus => "next pane",
            Action::PrevFocus => "previous pane",
            Action::Up => "up",
            Action::Down => "down",
            Action::Left => "previous choice",
            Action::Right => "next choice",
            Action::Top => "first",
            Action::Bottom => "last",
            Action::Open => "open",
            Action::Save => "save now",
            Action::NextPart => "next part",
            Action::PrevPart => "previous part",
            Action::CycleOutput => "switch preview (ERAS, statement, interview)",
            Action::ToggleExample => "show or hide the example",
            Action::ToggleReady => "mark ready / not ready",
            Action::ToggleVenue => "choose where to address it",
            Action::CycleField => "switch ERAS field",
            Action::EditProfile => "edit profile",
            Action::Add => "add an entry",
            Action::Delete => "delete the entry",
            Action::Undo => "undo",
            Action::NextFinding => "go to the next coach finding",
            Action::Dismiss => "set the coach's finding aside, with a reason",
            Action::Practice => "rehearse interview answers",
            Action::ToggleMode => "switch between reading aloud and recall",
            Action::StartStop => "start or stop the clock",
            Action::Shuffle => "shuffle the questions",
            Action::Copy => "copy the text to the clipboard",
            Action::Export => "export: the list of texts, or this text to a file",
            Action::ExportAll => "save every ready draft to one file",
            Action::StartOver => "start over with a blank profile (the old one is kept)",
            Action::Orphans => "drafts whose flag is no longer found",
            Action::Messages => "read the last messages in full",
            Action::AddWord => "add the word to your word list, so spelling accepts it",
            Action::Join => "explain together with another story, in one draft (no words lost)",
            Action::Split => "explain one flag of the story on its own, in a draft of its own",
            Action::Voice => {
                "word this part for the text in the preview only, or go back to the shared words"
            }
            Action::FollowShared => {
                "let the text in the preview follow the shared words of this part again"
            }
            Action::LeaveOut => "leave this part out of the text in the preview, or put it back",
        }
    }
}

/// Where a key is pressed. `Global` keys work everywhere unless a context rebinds them;
/// `Editor` keys are the only ones a focused text editor does not receive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Context {
    Global,
    List,
    Editor,
}

/// The built-in bindings.
pub const DEFAULTS: &[(Context, &str, Action)] = &[
    (Context::Global, "ctrl-c", Action::ForceQuit),
    (Context::Global, "q", Action::Quit),
    (Context::Global, "?", Action::Help),
    (Context::Global, "f1", Action::Help),
    (Context::Global, "esc", Action::Back),
    (Context::Global, "ctrl-s", Action::Save),
    (Context::Global, "tab", Action::NextFocus),
    (Context::Global, "backtab", Action::PrevFocus),
    (Context::Global, "ctrl-l", Action::Messages),
    (Context::List, "up", Action::Up),
    (Context::List, "k", Action::Up),
    (Context::List, "down", Action::Down),
    (Context::List, "j", Action::Down),
    (Context::List, "home", Action::Top),
    (Context::List, "g", Action::Top),
    (Context::List, "end", Action::Bottom),
    (Context::List, "G", Action::Bottom),
    (Context::List, "enter", Action::Open),
    (Context::List, "p", Action::EditProfile),
    (Context::List, "r", Action::ToggleReady),
    (Context::List, "o", Action::CycleOutput),
    (Context::List, "x", Action::ToggleExample),
    (Context::List, "w", Action::ToggleVenue),
    (Context::List, "f", Action::CycleField),
    (Context::List, "left", Action::Left),
    (Context::List, "h", Action::Left),
    (Context::List, "right", Action::Right),
    (Context::List, "l", Action::Right),
    (Context::List, "a", Action::Add),
    (Context::List, "d", Action::Delete),
    (Context::List, "n", Action::NextFinding),
    (Context::List, "i", Action::Dismiss),
    (Context::List, "t", Action::Practice),
    (Context::List, "m", Action::ToggleMode),
    (Context::List, "space", Action::StartStop),
    (Context::List, "s", Action::Shuffle),
    (Context::List, "c", Action::Copy),
    (Context::List, "e", Action::Export),
    (Context::List, "E", Action::ExportAll),
    (Context::List, "N", Action::StartOver),
    (Context::List, "O", Action::Orphans),
    (Context::List, "J", Action::Join),
    (Context::List, "B", Action::Split),
    (Context::List, "v", Action::Voice),
    (Context::List, "V", Action::FollowShared),
    (Context::List, "L", Action::LeaveOut),
    (Context::List, "+", Action::AddWord),
    (Context::List, "f7", Action::AddWord),
    (Context::Editor, "esc", Action::Back),
    (Context::Editor, "alt-down", Action::NextPart),
    (Context::Editor, "alt-up", Action::PrevPart),
    (Context::Editor, "ctrl-o", Action::CycleOutput),
    (Context::Editor, "ctrl-t", Action::ToggleExample),
    (Context::Editor, "ctrl-z", Action::Undo),
    (Context::Editor, "ctrl-g", Action::NextFinding),
    (Context::Editor, "f7", Action::AddWord),
];

/// Keys a text box handles itself (the editor's own, not in the table above, so no
/// key file changes them), for the help and the README: keys, then what they do.
pub const TEXT_KEYS: &[(&str, &str)] = &[
    ("←, →, ↑, ↓", "move the cursor"),
    ("ctrl-←, ctrl-→", "move a word back or on"),
    ("ctrl-↑, ctrl-↓", "move a paragraph back or on"),
    ("home, end", "go to the start or the end of the line"),
    (
        "backspace, delete",
        "delete the character before or after the cursor",
    ),
    ("ctrl-w, alt-backspace", "delete the word before the cursor"),
    ("ctrl-k", "delete to the end of the line"),
    ("ctrl-u", "undo"),
    ("ctrl-r", "redo"),
    ("shift-←, shift-→", "select text"),
    (
        "ctrl-x, ctrl-y",
        "cut the selection, and put it back at the cursor",
    ),
];

/// A key with its modifiers, normalised so `shift-a` and `A` are the same key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Chord {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Chord {
    pub fn from_event(key: KeyEvent) -> Self {
        let mut mods =
            key.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match key.code {
            // A character carries its case, and symbols such as `?` arrive with shift
            // on some terminals only: shift adds nothing.
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::Char(c)
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Self { code, mods }
    }
}

/// Ctrl-C: quits from everywhere, whatever a key file says.
const CTRL_C: Chord = Chord {
    code: KeyCode::Char('c'),
    mods: KeyModifiers::CONTROL,
};

/// A plain character, which a focused editor types instead of acting on.
fn is_plain(chord: Chord) -> bool {
    matches!(chord.code, KeyCode::Char(_))
        && !chord
            .mods
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

/// Why a user's key file is refused (the defaults are used instead).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeysError {
    #[error(transparent)]
    Key(#[from] KeyError),
    #[error(
        "{key:?} is bound to \"{}\", but ctrl-c always quits, so no screen can hold you; bind another key",
        action.describe()
    )]
    CtrlC { key: String, action: Action },
    #[error("no key would be left to quit (q by default); bind quit to a key")]
    NoQuit,
    #[error("no key would be left to leave the editor (esc by default); bind back to a key")]
    NoBack,
}

impl KeysError {
    /// Line and column of the problem in `text`, the key file.
    pub fn position(&self, text: &str) -> (usize, usize) {
        use crate::core::locate::{find, quoted};
        match self {
            KeysError::Key(KeyError(key)) | KeysError::CtrlC { key, .. } => {
                find(text, &[&quoted(key)])
            }
            KeysError::NoQuit | KeysError::NoBack => find(text, &["bindings"]),
        }
    }
}

/// Why a key string did not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a key; write keys like \"q\", \"ctrl-s\", \"alt-down\", \"f1\", \"esc\"")]
pub struct KeyError(pub String);

/// Parse `ctrl-s`, `alt-down`, `shift-tab`, `f1`, `?`, `G`.
pub fn parse_key(text: &str) -> Result<Chord, KeyError> {
    let err = || KeyError(text.to_string());
    let mut mods = KeyModifiers::NONE;
    let mut rest = text;
    loop {
        let lower = rest.to_ascii_lowercase();
        let (m, len) = if lower.starts_with("ctrl-") {
            (KeyModifiers::CONTROL, 5)
        } else if lower.starts_with("alt-") {
            (KeyModifiers::ALT, 4)
        } else if lower.starts_with("shift-") && rest.len() > 6 {
            (KeyModifiers::SHIFT, 6)
        } else {
            break;
        };
        mods |= m;
        rest = &rest[len..];
    }
    let code = match rest.to_ascii_lowercase().as_str() {
        "esc" | "escape" => KeyCode::Esc,
        "enter" | "return" => KeyCode::Enter,
        "tab" if mods.contains(KeyModifiers::SHIFT) => {
            mods.remove(KeyModifiers::SHIFT);
            KeyCode::BackTab
        }
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "space" => KeyCode::Char(' '),
        "backspace" => KeyCode::Backspace,
        "delete" | "del" => KeyCode::Delete,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pageup" => KeyCode::PageUp,
        "pagedown" => KeyCode::PageDown,
        f if f.len() >= 2 && f.starts_with('f') && f[1..].parse::<u8>().is_ok() => {
            KeyCode::F(f[1..].parse().map_err(|_| err())?)
        }
        _ => {
            let mut chars = rest.chars();
            let c = chars.next().ok_or_else(err)?;
            if chars.next().is_some() {
                return Err(err());
            }
            if mods.contains(KeyModifiers::SHIFT) && c.is_alphabetic() {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::Char(c.to_ascii_uppercase())
            } else {
                KeyCode::Char(c)
            }
        }
    };
    Ok(Chord { code, mods })
}

/// Keys written as text, for tests and scripted input: plain characters type
/// themselves and `<name>` is one key as `parse_key` reads it (`<enter>`, `<c-s>` is
/// written `<ctrl-s>`, `<alt-down>`, `<lt>` for a literal `<`).
pub fn parse_sequence(text: &str) -> Result<Vec<KeyEvent>, KeyError> {
    let mut keys = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
            && end > 1
        {
            let name = &rest[1..end];
            let chord = if name == "lt" {
                Chord {
                    code: KeyCode::Char('<'),
                    mods: KeyModifiers::NONE,
                }
            } else {
                parse_key(name)?
            };
            keys.push(KeyEvent::new(chord.code, chord.mods));
            rest = &rest[end + 1..];
            continue;
        }
        keys.push(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        rest = &rest[c.len_utf8()..];
    }
    Ok(keys)
}

/// How a chord is written back in help and hints.
pub fn show_key(text: &str) -> String {
    match text {
        "backtab" => "shift-tab".into(),
        "up" => "↑".into(),
        "down" => "↓".into(),
        "left" => "←".into(),
        "right" => "→".into(),
        "alt-down" => "alt-↓".into(),
        "alt-up" => "alt-↑".into(),
        other => other.into(),
    }
}

/// One rebinding from the user's `keys.ron`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Binding {
    pub context: Context,
    pub key: String,
    pub action: Action,
}

/// The user's key file: `(bindings: [(context: list, key: "ctrl-j", action: down)])`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyFile {
    #[serde(default)]
    pub bindings: Vec<Binding>,
}

/// The bindings in force, looked up by context and chord.
#[derive(Clone, Debug)]
pub struct Keymap {
    entries: Vec<(Context, String, Action)>,
    index: HashMap<(Context, Chord), Action>,
}

impl Default for Keymap {
    fn default() -> Self {
        let entries = DEFAULTS
            .iter()
            .map(|(c, k, a)| (*c, (*k).to_string(), *a))
            .collect();
        Self::build(entries)
    }
}

impl Keymap {
    fn build(entries: Vec<(Context, String, Action)>) -> Self {
        let index = entries
            .iter()
            .filter_map(|(c, k, a)| parse_key(k).ok().map(|chord| ((*c, chord), *a)))
            .collect();
        Self { entries, index }
    }

    /// The defaults with `file`'s bindings on top: a binding replaces whatever the same
    /// key did in that context; the action's other keys keep working. Refused when
    /// ctrl-c would no longer quit from everywhere, or no key would be left to quit or
    /// to leave the editor.
    pub fn with_overrides(file: &KeyFile) -> Result<Self, KeysError> {
        let mut entries: Vec<(Context, String, Action)> = Keymap::default().entries;
        for b in &file.bindings {
            let chord = parse_key(&b.key)?;
            entries.retain(|(c, k, _)| !(*c == b.context && parse_key(k).ok() == Some(chord)));
            entries.push((b.context, b.key.clone(), b.action));
        }
        let km = Self::build(entries);
        for context in [Context::Global, Context::List, Context::Editor] {
            if let Some(action) = km.index.get(&(context, CTRL_C))
                && *action != Action::ForceQuit
            {
                let key = file
                    .bindings
                    .iter()
                    .find(|b| b.context == context && parse_key(&b.key).ok() == Some(CTRL_C))
                    .map_or_else(|| "ctrl-c".to_string(), |b| b.key.clone());
                return Err(KeysError::CtrlC {
                    key,
                    action: *action,
                });
            }
        }
        let bound = |context: Context, action: Action, plain_ok: bool| {
            km.entries.iter().any(|(c, k, a)| {
                *c == context
                    && *a == action
                    && parse_key(k).is_ok_and(|chord| plain_ok || !is_plain(chord))
            })
        };
        if !bound(Context::Global, Action::Quit, true) && !bound(Context::List, Action::Quit, true)
        {
            return Err(KeysError::NoQuit);
        }
        // A focused editor takes plain keys as text: only chords and special keys of
        // the global table reach it.
        if !bound(Context::Editor, Action::Back, true)
            && !bound(Context::Global, Action::Back, false)
        {
            return Err(KeysError::NoBack);
        }
        Ok(km)
    }

    /// The action `key` asks for in `context` (falling back to global bindings).
    pub fn action(&self, context: Context, key: KeyEvent) -> Option<Action> {
        let chord = Chord::from_event(key);
        self.index
            .get(&(context, chord))
            .or_else(|| self.index.get(&(Context::Global, chord)))
            .copied()
    }

    /// The action of `key` in `context` only, without global fallback.
    pub fn action_in(&self, context: Context, key: KeyEvent) -> Option<Action> {
        self.index.get(&(context, Chord::from_event(key))).copied()
    }

    /// Keys bound to `action` in `context`, as written.
    pub fn keys_for(&self, context: Context, action: Action) -> Vec<String> {
        self.entries
            .iter()
            .filter(|(c, _, a)| *c == context && *a == action)
            .map(|(_, k, _)| show_key(k))
            .collect()
    }

    /// The first key for `action`, in `context` or else globally.
    pub fn key_for(&self, context: Context, action: Action) -> Option<String> {
        self.keys_for(context, action)
            .into_iter()
            .next()
            .or_else(|| self.keys_for(Context::Global, action).into_iter().next())
    }

    /// Every binding of `context`, grouped by action, in table order.
    pub fn bindings(&self, context: Context) -> Vec<(Action, Vec<String>)> {
        let mut out: Vec<(Action, Vec<String>)> = Vec::new();
        for (c, k, a) in &self.entries {
            if *c != context {
                continue;
            }
            match out.iter_mut().find(|(x, _)| x == a) {
                Some((_, keys)) => keys.push(show_key(k)),
                None => out.push((*a, vec![show_key(k)])),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn every_default_key_parses() {
        for (_, k, _) in DEFAULTS {
            parse_key(k).unwrap_or_else(|e| panic!("{e}"));
        }
    }

    #[test]
    fn every_action_has_a_key() {
        let km = Keymap::default();
        for action in Action::ALL {
            let bound = [Context::Global, Context::List, Context::Editor]
                .iter()
                .any(|c| !km.keys_for(*c, action).is_empty());
            assert!(bound, "{action:?} has no key");
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_a_context() {
        let mut seen = HashSet::new();
        for (c, k, _) in DEFAULTS {
            assert!(seen.insert((*c, parse_key(k).unwrap())), "{c:?} {k} twice");
        }
    }

    #[test]
    fn parses_modifiers_and_names() {
        assert_eq!(
            parse_key("ctrl-s").unwrap(),
            Chord {
                code: KeyCode::Char('s'),
                mods: KeyModifiers::CONTROL
            }
        );
        assert_eq!(parse_key("shift-tab").unwrap().code, KeyCode::BackTab);
        assert_eq!(parse_key("f1").unwrap().code, KeyCode::F(1));
        assert_eq!(parse_key("G").unwrap().code, KeyCode::Char('G'));
        assert!(parse_key("ctrl-").is_err());
        assert!(parse_key("banana").is_err());
    }

    #[test]
    fn lookup_falls_back_to_global_and_ignores_shift_on_symbols() {
        let km = Keymap::default();
        let q = key(KeyCode::Char('?'), KeyModifiers::SHIFT);
        assert_eq!(km.action(Context::List, q), Some(Action::Help));
        let j = key(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(km.action(Context::List, j), Some(Action::Down));
        assert_eq!(km.action(Context::Editor, j), None);
    }

    #[test]
    fn a_user_file_adds_and_rebinds_keys() {
        let file: KeyFile = ron::from_str(
            r#"(bindings: [(context: list, key: "n", action: down), (context: list, key: "j", action: up)])"#,
        )
        .unwrap();
        let km = Keymap::with_overrides(&file).unwrap();
        let n = key(KeyCode::Char('n'), KeyModifiers::NONE);
        let j = key(KeyCode::Char('j'), KeyModifiers::NONE);
        let down = key(KeyCode::Down, KeyModifiers::NONE);
        assert_eq!(km.action(Context::List, n), Some(Action::Down));
        assert_eq!(km.action(Context::List, j), Some(Action::Up));
        assert_eq!(km.action(Context::List, down), Some(Action::Down));
        assert!(
            Keymap::with_overrides(&KeyFile {
                bindings: vec![Binding {
                    context: Context::List,
                    key: "nope!".into(),
                    action: Action::Up
                }]
            })
            .is_err()
        );
    }

    fn file(bindings: &[(Context, &str, Action)]) -> KeyFile {
        KeyFile {
            bindings: bindings
                .iter()
                .map(|(context, key, action)| Binding {
                    context: *context,
                    key: (*key).to_string(),
                    action: *action,
                })
                .collect(),
        }
    }

    #[test]
    fn ctrl_c_cannot_be_rebound_in_any_context() {
        for context in [Context::Global, Context::List, Context::Editor] {
            let err =
                Keymap::with_overrides(&file(&[(context, "ctrl-c", Action::Copy)])).unwrap_err();
            assert!(
                matches!(
                    err,
                    KeysError::CtrlC {
                        action: Action::Copy,
                        ..
                    }
                ),
                "{context:?}: {err}"
            );
            assert!(err.to_string().contains("ctrl-c always quits"), "{err}");
        }
        let km = Keymap::with_overrides(&file(&[(Context::Editor, "ctrl-c", Action::ForceQuit)]))
            .unwrap();
        let ctrl_c = key(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(km.action(Context::List, ctrl_c), Some(Action::ForceQuit));
        assert_eq!(
            km.action_in(Context::Editor, ctrl_c),
            Some(Action::ForceQuit)
        );
    }

    #[test]
    fn a_file_that_leaves_no_way_to_quit_or_to_leave_the_editor_is_refused() {
        let no_q = [(Context::Global, "q", Action::Help)];
        assert_eq!(
            Keymap::with_overrides(&file(&no_q)).unwrap_err(),
            KeysError::NoQuit
        );
        let moved = [
            (Context::Global, "q", Action::Help),
            (Context::List, "ctrl-q", Action::Quit),
        ];
        assert!(Keymap::with_overrides(&file(&moved)).is_ok());
        let no_esc = [
            (Context::Global, "esc", Action::Help),
            (Context::Editor, "esc", Action::Undo),
        ];
        assert_eq!(
            Keymap::with_overrides(&file(&no_esc)).unwrap_err(),
            KeysError::NoBack
        );
        // A plain letter in the global table never reaches a focused editor.
        let letter = [
            (Context::Global, "esc", Action::Help),
            (Context::Editor, "esc", Action::Undo),
            (Context::Global, "b", Action::Back),
        ];
        assert_eq!(
            Keymap::with_overrides(&file(&letter)).unwrap_err(),
            KeysError::NoBack
        );
        let chord = [
            (Context::Editor, "esc", Action::Undo),
            (Context::Editor, "alt-b", Action::Back),
        ];
        assert!(Keymap::with_overrides(&file(&chord)).is_ok());
    }

    #[test]
    fn a_refusal_is_placed_at_the_key_in_the_file() {
        let text = "(bindings: [\n  (context: list, key: \"ctrl-c\", action: copy),\n])";
        let f: KeyFile = ron::from_str(text).unwrap();
        let err = Keymap::with_overrides(&f).unwrap_err();
        assert_eq!(err.position(text), (2, 24));
    }
}
