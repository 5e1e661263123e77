//! The screens: each owns its state, its key handling and its drawing.

pub mod draft;
pub mod export;
pub mod flag;
pub mod help;
pub mod home;
pub mod orphans;
pub mod pane;
pub mod practice;
pub mod profile;
pub mod welcome;

/// Where the app is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    Welcome,
    Home,
    Flag,
    Draft,
    Profile,
    Practice,
    Export,
    Orphans,
}

impl Route {
    pub const ALL: [Route; 8] = [
        Route::Welcome,
        Route::Home,
        Route::Flag,
        Route::Draft,
        Route::Profile,
        Route::Practice,
        Route::Export,
        Route::Orphans,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Route::Welcome => "Welcome",
            Route::Home => "Home",
            Route::Flag => "Flag",
            Route::Draft => "Draft",
            Route::Profile => "Profile",
            Route::Practice => "Practice",
            Route::Export => "Export",
            Route::Orphans => "Drafts without a flag",
        }
    }
}

/// A selection index moved by a list action, kept inside `0..len`.
pub fn step(selected: usize, len: usize, action: crate::tui::keymap::Action) -> usize {
    use crate::tui::keymap::Action;
    let last = len.saturating_sub(1);
    match action {
        Action::Up => selected.saturating_sub(1),
        Action::Down => (selected + 1).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        _ => selected.min(last),
    }
}

/// `text` in lines of at most `width` characters, broken between words (a word longer
/// than a line has a line of its own, and the terminal wraps it).
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let len = line.chars().count();
        if len > 0 && len + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_words_breaks_between_words() {
        assert_eq!(wrap_words("a bb ccc dd", 6), ["a bb", "ccc dd"]);
        assert_eq!(wrap_words("", 6), Vec::<String>::new());
        assert_eq!(wrap_words("longerthanline x", 4), ["longerthanline", "x"]);
    }
}
