//! Drawing: the frame's layout, the status bar and the overlays. Reads the model only.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::app::{App, Tone};
use super::keymap::{Action, Context};
use super::screens::{Route, help};
use super::text;

pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let buf = frame.buffer_mut();
    if area.width < text::MIN_WIDTH || area.height < text::MIN_HEIGHT {
        Paragraph::new(text::too_small(area.width, area.height))
            .wrap(Wrap { trim: true })
            .render(area, buf);
        return;
    }
    let [body, status] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    draw_route(app, body, buf);
    status_bar(app, status.width).render(status, buf);
    draw_prompt(app, body, buf);
    draw_confirm(app, body, buf);
    draw_offer(app, body, buf);
    if app.help {
        help::render(
            &app.keymap,
            app.route,
            &app.help_scroll,
            app.theme,
            body,
            buf,
        );
    }
    if app.messages_open {
        draw_messages(app, body, buf);
    }
}

/// The last messages in full, newest first, each with its mark: what the status line
/// could only begin.
fn draw_messages(app: &App, area: Rect, buf: &mut ratatui::buffer::Buffer) {
    let theme = app.theme;
    let popup = help::popup(area);
    ratatui::widgets::Clear.render(popup, buf);
    let mut lines = Vec::new();
    for (text, tone) in app.messages.iter().rev() {
        let (mark, style) = tone_mark(theme, tone);
        lines.push(Line::from(vec![
            Span::styled(format!("{mark} "), style),
            Span::raw(text.clone()),
        ]));
        lines.push(Line::from(""));
    }
    if lines.is_empty() {
        lines.push(Line::styled("No messages yet.", theme.dim()));
        lines.push(Line::from(""));
    }
    lines.push(Line::styled(
        "Esc closes this list; ↑/↓ and PageUp/PageDown scroll it.",
        theme.dim(),
    ));
    let block = ratatui::widgets::Block::bordered()
        .title(" Messages, newest first ")
        .border_style(theme.focused_border());
    super::screens::pane::scrolled(
        block,
        &lines,
        &app.messages_scroll,
        "↑/↓",
        theme,
        popup,
        buf,
    );
}

/// The mark and style of a message: `✗` for an error, `!` for a warning, `·` else.
fn tone_mark(theme: super::theme::Theme, tone: &Tone) -> (&'static str, ratatui::style::Style) {
    use crate::core::coach::rules::Level;
    theme.level(match tone {
        Tone::Error => Level::Error,
        Tone::Warning => Level::Warning,
        Tone::Info => Level::Info,
    })
}

/// The one-line question when setting a coach finding aside.
fn draw_prompt(app: &App, area: Rect, buf: &mut ratatui::buffer::Buffer) {
    let Some(input) = &app.prompt else { return };
    let [_, middle, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(3),
        Constraint::Fill(1),
    ])
    .areas(area);
    let [_, popup, _] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Max(70),
        Constraint::Fill(1),
    ])
    .areas(middle);
    ratatui::widgets::Clear.render(popup, buf);
    let text = format!("{}▏", input.lines().join(" "));
    Paragraph::new(text)
        .block(
            ratatui::widgets::Block::bordered()
                .title(text::choose(
                    usize::from(popup.width.saturating_sub(4)),
                    &[
                        " Why set this finding aside? (Enter keeps, Esc cancels) ",
                        " Why set this finding aside? ",
                    ],
                ))
                .border_style(app.theme.focused_border()),
        )
        .render(popup, buf);
}

/// Unsaved words found at start: recover, discard or compare.
fn draw_offer(app: &App, area: Rect, buf: &mut ratatui::buffer::Buffer) {
    let (Some(offer), Some(ws)) = (&app.offer, &app.ws) else {
        return;
    };
    let theme = app.theme;
    let mut lines = vec![
        Line::from("flagdraft stopped before it could save these words (the terminal closed, or"),
        Line::from("the process was ended). Nothing has been changed yet."),
        Line::from(""),
    ];
    for d in &offer.found.drafts {
        let title = ws
            .flag(&d.flag)
            .map_or(d.flag.as_str(), |f| f.title.as_str());
        lines.push(Line::styled(format!("• {title}"), theme.title()));
        if !offer.comparing {
            continue;
        }
        let saved = ws.draft(&d.flag);
        let template = ws.templates.get(d.kind.family());
        for (key, text) in &d.parts {
            let before = saved.map_or("", |s| s.part(key));
            if before == text {
                continue;
            }
            // The part as the Draft screen names it, not its key in the file.
            let name = template
                .and_then(|t| t.parts.iter().find(|p| &p.key == key))
                .map_or(key.as_str(), |p| p.label.as_str());
            lines.push(Line::styled(format!("  {name}"), theme.accent()));
            lines.push(Line::from(vec![
                Span::styled("    saved:   ", theme.dim()),
                Span::raw(before.to_string()),
            ]));
            lines.push(Line::from(vec![
                Span::styled("    unsaved: ", theme.accent()),
                Span::raw(text.clone()),
            ]));
        }
    }
    if offer.found.form.is_some() {
        lines.push(Line::styled(
            "• Your profile: fields changed in the form but not saved",
            theme.title(),
        ));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(vec![
        Span::styled("r", theme.key()),
        Span::raw(" recover them   "),
        Span::styled("d", theme.key()),
        Span::raw(" discard them   "),
        Span::styled("c", theme.key()),
        Span::raw(if offer.comparing {
            " hide the comparison"
        } else {
            " compare with what is saved"
        }),
    ]));
    let [_, popup, _] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Max(90),
        Constraint::Fill(1),
    ])
    .areas(area);
    let [_, popup, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Max(30),
        Constraint::Fill(1),
    ])
    .areas(popup);
    ratatui::widgets::Clear.render(popup, buf);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(
            ratatui::widgets::Block::bordered()
                .title(" Unsaved words from the last session ")
                .border_style(theme.warning()),
        )
        .render(popup, buf);
}

/// A yes-or-no question over the screen, as tall as its words.
fn draw_confirm(app: &App, area: Rect, buf: &mut ratatui::buffer::Buffer) {
    let Some(confirm) = &app.confirm else { return };
    let [_, column, _] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Max(64),
        Constraint::Fill(1),
    ])
    .areas(area);
    let lines = text::wrap(
        &Line::from(confirm.question.clone()),
        usize::from(column.width.saturating_sub(2)),
    );
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let [_, popup, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(height),
        Constraint::Fill(1),
    ])
    .areas(column);
    ratatui::widgets::Clear.render(popup, buf);
    Paragraph::new(lines)
        .block(
            ratatui::widgets::Block::bordered()
                .title(" Confirm ")
                .border_style(app.theme.warning()),
        )
        .render(popup, buf);
}

fn draw_route(app: &App, area: Rect, buf: &mut ratatui::buffer::Buffer) {
    let theme = app.theme;
    match (app.route, &app.ws) {
        (Route::Welcome, _) | (_, None) => app.welcome.render(theme, area, buf),
        (Route::Home, Some(ws)) => app.home.render(ws, &app.counts, theme, area, buf),
        (Route::Flag, Some(ws)) => app.flag.render(ws, theme, area, buf),
        (Route::Draft, Some(ws)) => {
            if let Some(screen) = &app.draft {
                screen.render(ws, theme, area, buf);
            }
        }
        (Route::Export, Some(ws)) => {
            if let Some(screen) = &app.export {
                screen.render(ws, theme, area, buf);
            }
        }
        (Route::Practice, Some(ws)) => {
            if let Some(screen) = &app.practice {
                screen.render(ws, app.clock_ms(), theme, area, buf);
            }
        }
        (Route::Profile, Some(_)) => {
            if let Some(screen) = &app.profile {
                screen.render(theme, area, buf);
            }
        }
        (Route::Orphans, Some(ws)) => app.orphans.render(ws, theme, area, buf),
    }
}

/// Every action each screen answers to, for its help (besides quitting, help and the
/// message log, which every screen answers to).
pub fn screen_actions(route: Route) -> &'static [Action] {
    help::screen_actions(route)
}

/// The actions worth a hint on each screen, in order.
fn hints(app: &App) -> &'static [Action] {
    use Action::*;
    match (app.route, app.context()) {
        (Route::Welcome, _) => &[Open, Quit],
        // A choice asked over Home: Enter decides, Esc lets it be.
        (Route::Home, _) if app.home.choosing.is_some() => &[Open, Back],
        (Route::Home, _) => &[Open, EditProfile, Practice, Export, Help, Quit],
        (Route::Export, _) => &[Copy, Export, ExportAll, Back, Help],
        (Route::Flag, _) => &[Open, ToggleVenue, Back, Help],
        (Route::Draft, Context::Editor) => &[NextPart, NextFinding, CycleOutput, Back, Help],
        (Route::Draft, _) => &[ToggleReady, Copy, NextFinding, CycleOutput, Back, Help],
        (Route::Profile, Context::Editor) => &[Save, Back],
        (Route::Profile, _) => &[Open, Add, Save, Back],
        (Route::Practice, Context::Editor) => &[Back, Help],
        (Route::Practice, _) => &[StartStop, ToggleMode, Shuffle, Back, Help],
        (Route::Orphans, _) => &[Delete, Back, Help],
    }
}

/// The status line: the screen, whether everything is saved, then the last message
/// (as much as fits, whole words, with the key that shows it in full) or key hints
/// (whole ones only, help last).
fn status_bar(app: &App, width: u16) -> Line<'static> {
    let theme = app.theme;
    let width = usize::from(width);
    let mut spans = vec![Span::styled(
        format!(" {} ", app.route.name()),
        theme.accent(),
    )];
    if app.ws.is_some() {
        let (state, style) = if app.read_only.is_some() {
            (text::READ_ONLY.to_string(), theme.warning())
        } else if app.save_error.is_some() {
            (
                format!("{} {}", super::theme::glyph::ERROR, text::SAVE_FAILED),
                theme.error(),
            )
        } else if let Some(words) = app.profile_state_words() {
            (words.to_string(), theme.warning())
        } else if app.has_unsaved() {
            (text::UNSAVED.to_string(), theme.warning())
        } else {
            (text::SAVED.to_string(), theme.dim())
        };
        spans.push(Span::styled("│ ", theme.dim()));
        spans.push(Span::styled(state, style));
        spans.push(Span::styled(" │", theme.dim()));
    }
    let used: usize = spans.iter().map(Span::width).sum();
    let room = width.saturating_sub(used + 1);
    let context = app.context();
    match &app.note {
        Some((note, tone)) => {
            let (mark, style) = tone_mark(theme, tone);
            let mark = if *tone == Tone::Info {
                String::new()
            } else {
                format!("{mark} ")
            };
            let whole = format!("{mark}{note}");
            if text::width(&whole) <= room {
                spans.push(Span::styled(format!(" {whole}"), style));
            } else {
                let key = app
                    .keymap
                    .key_for(Context::Global, Action::Messages)
                    .unwrap_or_default();
                let more = format!(" {key} reads all");
                let short = text::shorten(&whole, room.saturating_sub(text::width(&more)));
                spans.push(Span::styled(format!(" {short}"), style));
                spans.push(Span::styled(more, theme.key()));
            }
        }
        None => {
            let hint = |action: Action| {
                hint_key(app, context, action)
                    .map(|key| (key, hint_word(app.route, context, action)))
            };
            let help = hint(Action::Help);
            let help_w = help
                .as_ref()
                .map_or(0, |(k, w)| text::width(k) + text::width(w) + 2);
            let mut left = room.saturating_sub(help_w);
            for action in hints(app) {
                if *action == Action::Help {
                    continue;
                }
                let Some((key, word)) = hint(*action) else {
                    continue;
                };
                let w = text::width(&key) + text::width(word) + 2;
                if w > left {
                    break;
                }
                left -= w;
                spans.push(Span::styled(format!(" {key}"), theme.key()));
                spans.push(Span::raw(format!(" {word}")));
            }
            if let Some((key, word)) = help
                && help_w <= room
            {
                spans.push(Span::styled(format!(" {key}"), theme.key()));
                spans.push(Span::raw(format!(" {word}")));
            }
        }
    }
    Line::from(spans)
}

/// The key to name for `action` in `context`: while writing, never a plain letter
/// (it would type).
fn hint_key(app: &App, context: Context, action: Action) -> Option<String> {
    let writing = context == Context::Editor;
    app.keymap
        .keys_for(context, action)
        .into_iter()
        .chain(app.keymap.keys_for(Context::Global, action))
        .find(|k| !writing || k.chars().count() > 1)
}

/// A hint's word or two on the status line.
fn hint_word(route: Route, context: Context, action: Action) -> &'static str {
    match (route, action) {
        (Route::Draft | Route::Profile | Route::Practice, Action::Back)
            if context == Context::Editor =>
        {
            "stop writing"
        }
        (Route::Export | Route::Draft, Action::Export) => "save to a file",
        (_, Action::CycleOutput) => "preview",
        (_, Action::ToggleReady) => "ready",
        (_, Action::ToggleVenue) => "tick",
        (_, Action::NextFocus) => "pane",
        (_, Action::NextPart) => "next part",
        (_, Action::EditProfile) => "profile",
        (_, Action::Practice) => "practice",
        (_, Action::StartStop) => "clock",
        (_, Action::ToggleMode) => "mode",
        (_, Action::NextFinding) => "next finding",
        (_, Action::Shuffle) => "shuffle",
        (_, Action::Copy) => "copy",
        (_, Action::Export) => "export",
        (_, Action::ExportAll) => "save all ready",
        (_, Action::Open) => "open",
        (_, Action::Join) => "join",
        (_, Action::Split) => "split",
        (_, other) => other.describe(),
    }
}
