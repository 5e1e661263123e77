//! The screens: each owns its state, its key handling and its drawing.

pub mod draft;
pub mod export;
pub mod flag;
pub mod help;
pub mod home;
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
}

impl Route {
    pub const ALL: [Route; 7] = [
        Route::Welcome,
        Route::Home,
        Route::Flag,
        Route::Draft,
        Route::Profile,
        Route::Practice,
        Route::Export,
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
