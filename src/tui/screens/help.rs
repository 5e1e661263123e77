//! The help overlay, generated from the keymap for the screen in view: every key the
//! screen answers to (the text box's own keys too, kept as data in the keymap), then a
//! legend of every mark the screen draws. It scrolls. The README's key table is made
//! by the same code, and a test holds the two together.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use crate::tui::keymap::{Action, Context, Keymap, TEXT_KEYS, show_key};
use crate::tui::text;
use crate::tui::theme::Theme;

use super::Route;
use super::pane::{self, Scroll};

/// Actions every screen answers to.
const ALWAYS: [Action; 4] = [
    Action::Quit,
    Action::ForceQuit,
    Action::Help,
    Action::Messages,
];

/// Every action `route` answers to, besides `ALWAYS`.
pub fn screen_actions(route: Route) -> &'static [Action] {
    use Action::*;
    match route {
        Route::Welcome => &[Up, Down, Top, Bottom, Open],
        Route::Home => &[
            Up,
            Down,
            Top,
            Bottom,
            Open,
            NextFocus,
            PrevFocus,
            EditProfile,
            Practice,
            Export,
            Orphans,
            Join,
            Split,
            Save,
        ],
        Route::Flag => &[
            Up,
            Down,
            Top,
            Bottom,
            Open,
            NextFocus,
            PrevFocus,
            ToggleVenue,
            Back,
            Save,
        ],
        Route::Draft => &[
            Up,
            Down,
            Top,
            Bottom,
            Open,
            Back,
            NextFocus,
            PrevFocus,
            NextPart,
            PrevPart,
            CycleOutput,
            Voice,
            FollowShared,
            LeaveOut,
            ToggleExample,
            ToggleReady,
            CycleField,
            Undo,
            NextFinding,
            Dismiss,
            AddWord,
            Copy,
            Export,
            Save,
        ],
        Route::Profile => &[
            Up, Down, Top, Bottom, Open, Left, Right, Add, Delete, StartOver, Back, NextFocus,
            PrevFocus, Save,
        ],
        Route::Orphans => &[Up, Down, Top, Bottom, Delete, Back, Save],
        Route::Practice => &[
            Up, Down, Top, Bottom, Open, Back, ToggleMode, StartStop, Shuffle, Save,
        ],
        Route::Export => &[
            Up, Down, Top, Bottom, Open, Copy, Export, ExportAll, NextFocus, PrevFocus, Back, Save,
        ],
    }
}

/// Whether `route` answers to `action`.
pub fn handles(route: Route, action: Action) -> bool {
    ALWAYS.contains(&action) || screen_actions(route).contains(&action)
}

/// Whether `route` has a text box to write in.
fn writes(route: Route) -> bool {
    matches!(route, Route::Draft | Route::Profile | Route::Practice)
}

/// What `action` does on `route` (while writing, or not), where that is more than its
/// general description.
pub fn describe(route: Route, action: Action, writing: bool) -> &'static str {
    use Action::*;
    match (route, action) {
        (Route::Draft, Back) if writing => "stop writing: the parts list takes the keys",
        (Route::Draft, Back) => "back to the flag",
        (Route::Profile, Back) if writing => "stop editing the field",
        (Route::Profile, Back) => "leave the profile",
        (Route::Practice, Back) if writing => "stop typing",
        (Route::Practice, Back) => "stop the clock, or back to Home",
        (Route::Welcome, Open) => "start with the choice",
        (Route::Home, Open) => "open the selected story",
        (Route::Home, Up | Down) => "choose a story, or scroll its details",
        (Route::Profile, NextFocus) if writing => "keep the value",
        (Route::Profile, NextFocus | PrevFocus) => "switch between sections and fields",
        (Route::Draft, NextFocus | PrevFocus) => "move between parts, text and preview",
        (Route::Home, Export) => "open the list of texts to export",
        (Route::Home | Route::Flag | Route::Export, NextFocus | PrevFocus) => {
            "switch between the panes"
        }
        (Route::Flag, Open) => "write the draft for this flag",
        (Route::Flag, Up | Down) => "choose a place, or scroll what was found",
        (Route::Flag, ToggleVenue) => "tick or untick the place chosen",
        (Route::Draft, Up | Down) => "choose a part, or scroll the preview",
        (Route::Draft, Open) => "write in the selected part",
        (Route::Draft, Copy) => "copy this text to the clipboard",
        (Route::Draft, Export) => "save this text to a file",
        (Route::Draft, AddWord) => {
            "add the word at the cursor, or the chosen misspelling, to your word list"
        }
        (Route::Export, Open | Copy) => "copy the selected text to the clipboard",
        (Route::Export, Export) => "save the selected text to a file",
        (Route::Export, Up | Down) => "choose a text, or scroll it",
        (Route::Profile, Open) => "edit the field, or open the section",
        (Route::Practice, Open) => "answer from memory (recall)",
        (_, Help) => "show the keys of this screen",
        (_, Up | Down) => "move up or down",
        (_, Top) => "go to the first",
        (_, Bottom) => "go to the last",
        (_, Save) => "save now (edits are also saved as you go)",
        _ => action.describe(),
    }
}

/// What Enter does while writing on `route`.
fn enter_does(route: Route) -> &'static str {
    match route {
        Route::Profile => "keep the value",
        Route::Practice => "check your answer",
        _ => "start a new line",
    }
}

/// The marks `route` draws, and what each means.
pub fn legend(route: Route) -> &'static [(&'static str, &'static str)] {
    match route {
        Route::Welcome => &[("▶", "the choice Enter starts")],
        Route::Home => &[
            (
                "HIGH, MODERATE, LOW",
                "how seriously a program director is likely to read the flag",
            ),
            ("✗ 3", "the coach finds 3 errors to fix in the flag's draft"),
            ("! 2", "no errors, but 2 warnings worth a look"),
            (
                "⚠",
                "on your record, so programs will see it, and no draft marked ready explains it yet",
            ),
            (
                "empty, drafting, ready",
                "the draft: no words yet; words, not marked ready; marked ready (r on the Draft screen)",
            ),
            (
                "ready, needs a look",
                "marked ready, but it changed since: a part lost its answer, the coach finds an error, or it is over its field's limit",
            ),
            ("█░", "drafts marked ready, out of all"),
            MORE,
        ],
        Route::Flag => &[
            ("•", "what makes this a flag"),
            ("↑", "a fact that makes it more serious"),
            ("↓", "a fact that makes it less serious"),
            ("+", "a fact that softens how it reads"),
            ("–", "a question a program director may ask"),
            ("[x], [ ]", "you will address it there, or not"),
            MORE,
        ],
        Route::Orphans => &[("–", "a draft whose flag is no longer found"), MORE],
        Route::Draft => &[
            (
                "✓",
                "a part with a real answer (a sentence of four words or more)",
            ),
            ("•", "a required part, still empty"),
            ("○", "an optional part, still empty"),
            (
                "✗",
                "an error the coach finds: fix it (its words are underlined in red, bold)",
            ),
            (
                "!",
                "a warning: worth a look (its words are underlined in yellow)",
            ),
            ("·", "a suggestion"),
            ("–", "a finding you set aside, with your reason"),
            (
                "pattern ✓ learned ✗ ready ✗",
                "what a program director asks of any explanation: a one-off, not a pattern? \
                 did you learn? are you ready now? ✓ answered, ✗ not yet",
            ),
            (
                "177 / 510 characters",
                "the ERAS text against its field's limit; red when over",
            ),
            ("alt-↓, alt-↑", "hold Alt and press ↓ or ↑"),
        ],
        Route::Profile => &[
            (
                "✗",
                "a value that cannot be saved as it is: the words say why",
            ),
            ("!", "a note worth a look; it never stops a save"),
            ("—", "a field left empty"),
            ("▏", "where you are typing"),
        ],
        Route::Practice => &[
            ("✓, ✗", "a part of the answer your words covered, or missed"),
            ("!", "a filler or a word the coach warns about"),
            (
                "▁▃▅█",
                "each earlier attempt at the question: how many of its three parts it covered",
            ),
            ("best 2/3", "the most parts of three any attempt covered"),
        ],
        Route::Export => &[
            (
                "✗ 3",
                "the coach finds 3 errors in the draft: fix them before you send it",
            ),
            (
                "118/510",
                "characters of the ERAS text, of its field's limit",
            ),
            ("118", "characters of the text"),
            ("✗ 600/510", "too long for its field"),
            (
                "empty, drafting, ready",
                "the draft: no words yet; words, not marked ready; marked ready",
            ),
            MORE,
        ],
    }
}

const MORE: (&str, &str) = (
    "↓ more, ↑ more",
    "the pane holds more words: Tab to it, then ↑/↓",
);

/// One key row: keys as they are pressed, then what they do.
pub struct Entry {
    pub keys: String,
    pub what: String,
}

/// A heading and its keys.
pub struct Section {
    pub heading: &'static str,
    pub entries: Vec<Entry>,
}

/// The keys of the actions `route` answers to in `contexts`, one entry per action with
/// its keys from every context, in table order. `keep` chooses the actions; in the
/// editor, plain keys are left out, as they type.
fn entries(
    keymap: &Keymap,
    route: Route,
    contexts: &[Context],
    in_editor: bool,
    keep: impl Fn(Action) -> bool,
) -> Vec<Entry> {
    let mut out: Vec<(Action, Vec<String>)> = Vec::new();
    for context in contexts {
        for (action, keys) in keymap.bindings(*context) {
            if !handles(route, action) || !keep(action) {
                continue;
            }
            let keys = keys
                .into_iter()
                .filter(|k| !in_editor || k.chars().count() != 1);
            let at = match out.iter().position(|(a, _)| *a == action) {
                Some(i) => i,
                None => {
                    out.push((action, Vec::new()));
                    out.len() - 1
                }
            };
            for k in keys {
                if !out[at].1.contains(&k) {
                    out[at].1.push(k);
                }
            }
        }
    }
    out.into_iter()
        .filter(|(action, keys)| {
            let idle = in_editor && idle_while_writing(route, *action);
            !keys.is_empty() && !idle
        })
        .map(|(action, keys)| Entry {
            keys: keys.join(", "),
            what: describe(route, action, in_editor).to_string(),
        })
        .collect()
}

/// Keys doing the same thing, on one row: "↑, k, ↓, j  choose a flag".
fn merge(entries: Vec<Entry>) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    for e in entries {
        match out
            .iter_mut()
            .find(|o| o.what == e.what && !e.keys.is_empty())
        {
            Some(o) => {
                o.keys.push_str(", ");
                o.keys.push_str(&e.keys);
            }
            None => out.push(e),
        }
    }
    out
}

/// Actions a screen leaves alone while a field is being written in.
fn idle_while_writing(route: Route, action: Action) -> bool {
    matches!((route, action), (Route::Profile, Action::PrevFocus))
}

/// The keys of `route`, by where they work: while writing (on screens with a text
/// box), on the screen, and everywhere.
pub fn sections(keymap: &Keymap, route: Route) -> Vec<Section> {
    let mut out = Vec::new();
    let screen = |a: Action| !ALWAYS.contains(&a);
    if writes(route) {
        let mut writing = entries(
            keymap,
            route,
            &[Context::Editor, Context::Global],
            true,
            screen,
        );
        writing.push(Entry {
            keys: show_key("enter"),
            what: enter_does(route).to_string(),
        });
        writing.extend(TEXT_KEYS.iter().map(|(k, w)| Entry {
            keys: (*k).to_string(),
            what: (*w).to_string(),
        }));
        out.push(Section {
            heading: WRITING,
            entries: merge(writing),
        });
    }
    out.push(Section {
        heading: if writes(route) { NOT_WRITING } else { SCREEN },
        entries: merge(entries(
            keymap,
            route,
            &[Context::List, Context::Global],
            false,
            screen,
        )),
    });
    let mut everywhere = entries(keymap, route, &[Context::Global], false, |a| {
        ALWAYS.contains(&a)
    });
    if writes(route) {
        // Plain keys of the global table type while writing: say which.
        let plain: Vec<String> = everywhere
            .iter()
            .flat_map(|e| e.keys.split(", ").map(str::to_string).collect::<Vec<_>>())
            .filter(|k| k.chars().count() == 1)
            .collect();
        if !plain.is_empty() {
            everywhere.push(Entry {
                keys: String::new(),
                what: format!(
                    "while writing, {} type themselves: press Esc first",
                    plain.join(" and ")
                ),
            });
        }
    }
    out.push(Section {
        heading: EVERYWHERE,
        entries: everywhere,
    });
    out.retain(|s| !s.entries.is_empty());
    out
}

const WRITING: &str = "While writing (every other key types)";
const NOT_WRITING: &str = "When not writing (after Esc)";
const SCREEN: &str = "On this screen";
const EVERYWHERE: &str = "Everywhere";

/// The help for `route` as lines wrapped to `width`: keys in a column, what they do
/// beside them, wrapping under itself; then the legend.
pub fn lines(keymap: &Keymap, route: Route, theme: Theme, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width);
    let sections = sections(keymap, route);
    let widest = sections
        .iter()
        .flat_map(|s| s.entries.iter())
        .map(|e| text::width(&e.keys))
        .max()
        .unwrap_or(0);
    let column = (widest + 2).min(width / 2).max(4);
    let mut out = Vec::new();
    let row = |keys: &str, what: &str, key_style, out: &mut Vec<Line<'static>>| {
        let room = width.saturating_sub(column + 2).max(8);
        let what = text::wrap(&Line::from(what.to_string()), room);
        let keys_fit = text::width(keys) + 2 <= column;
        if !keys_fit {
            out.push(Line::styled(format!("  {keys}"), key_style));
        }
        for (i, line) in what.into_iter().enumerate() {
            let left = if i == 0 && keys_fit {
                format!("  {keys:<column$}")
            } else {
                " ".repeat(column + 2)
            };
            let mut spans = vec![Span::styled(left, key_style)];
            spans.extend(line.spans);
            out.push(Line::from(spans));
        }
    };
    for s in &sections {
        out.push(Line::styled(s.heading, theme.accent()));
        for e in &s.entries {
            row(&e.keys, &e.what, theme.key(), &mut out);
        }
        out.push(Line::from(""));
    }
    out.push(Line::styled("What the marks mean", theme.accent()));
    for (mark, what) in legend(route) {
        row(mark, what, theme.title(), &mut out);
    }
    out.push(Line::from(""));
    out.push(Line::styled(
        "Esc, ? or F1 closes this help; ↑/↓ and PageUp/PageDown scroll it.",
        theme.dim(),
    ));
    text::wrap_all(&out, width)
}

/// Where the help is drawn over `area`.
pub fn popup(area: Rect) -> Rect {
    let [_, middle, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Max(48),
        Constraint::Fill(1),
    ])
    .areas(area);
    let [_, popup, _] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Max(84),
        Constraint::Fill(1),
    ])
    .areas(middle);
    popup
}

/// Draw the help for `route` over `area`, scrolled by `scroll`.
pub fn render(
    keymap: &Keymap,
    route: Route,
    scroll: &Scroll,
    theme: Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let popup = popup(area);
    Clear.render(popup, buf);
    let block = Block::bordered()
        .title(format!(" Keys: {} ", route.name()))
        .border_style(theme.focused_border());
    let inner = block.inner(popup);
    let lines = lines(keymap, route, theme, inner.width);
    pane::scrolled(block, &lines, scroll, "↑/↓", theme, popup, buf);
}

/// The README's key table: every screen's keys, made as the help makes them.
pub fn markdown(keymap: &Keymap) -> String {
    let mut out = String::from("| Screen | Keys |\n|---|---|\n");
    let cell = |entries: &[Entry]| {
        entries
            .iter()
            .filter(|e| !e.keys.is_empty() && !TEXT_KEYS.iter().any(|(k, _)| *k == e.keys))
            .map(|e| {
                let keys: Vec<String> = e
                    .keys
                    .split(", ")
                    .map(|k| format!("`{}`", k.replace('|', "\\|")))
                    .collect();
                format!("{} {}", keys.join(" "), e.what)
            })
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let mut everywhere = None;
    for route in Route::ALL {
        for section in sections(keymap, route) {
            let place = match section.heading {
                EVERYWHERE => {
                    everywhere.get_or_insert_with(|| cell(&section.entries));
                    continue;
                }
                WRITING => format!("{}, while writing", route.name()),
                NOT_WRITING => format!("{}, after Esc", route.name()),
                _ => route.name().to_string(),
            };
            out.push_str(&format!("| {place} | {} |\n", cell(&section.entries)));
        }
    }
    let text_box: Vec<String> = TEXT_KEYS
        .iter()
        .map(|(keys, what)| {
            let keys: Vec<String> = keys.split(", ").map(|k| format!("`{k}`")).collect();
            format!("{} {what}", keys.join(" "))
        })
        .collect();
    out.push_str(&format!("| Any text box | {} |\n", text_box.join(" · ")));
    if let Some(all) = everywhere {
        out.push_str(&format!("| Everywhere | {all} |\n"));
    }
    out
}
