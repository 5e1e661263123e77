//! The help overlay, generated from the keymap for the screen in view.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use crate::tui::keymap::{Action, Context, Keymap};
use crate::tui::theme::Theme;

/// Draw the keys of `contexts` (most specific first) over `area`, limited to the
/// actions the screen in view answers to.
pub fn render(
    keymap: &Keymap,
    contexts: &[Context],
    actions: &[Action],
    title: &str,
    theme: Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let mut lines = Vec::new();
    for context in contexts.iter().chain(std::iter::once(&Context::Global)) {
        let rows: Vec<_> = keymap
            .bindings(*context)
            .into_iter()
            .filter(|(a, _)| *context == Context::Global || actions.contains(a))
            .collect();
        if rows.is_empty() {
            continue;
        }
        lines.push(Line::styled(heading(*context), theme.accent()));
        for (action, keys) in rows {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<18}", keys.join(", ")), theme.key()),
                Span::raw(action.describe()),
            ]));
        }
        lines.push(Line::from(""));
    }
    lines.push(Line::styled("Esc, ? or F1 closes this help.", theme.dim()));
    let [_, middle, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Max(40),
        Constraint::Fill(1),
    ])
    .areas(area);
    let [_, popup, _] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Max(72),
        Constraint::Fill(1),
    ])
    .areas(middle);
    Clear.render(popup, buf);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(
            Block::bordered()
                .title(format!(" Keys: {title} "))
                .border_style(theme.focused_border()),
        )
        .render(popup, buf);
}

fn heading(context: Context) -> &'static str {
    match context {
        Context::Global => "Everywhere",
        Context::List => "Lists and panes",
        Context::Editor => "While writing (every other key types)",
    }
}
