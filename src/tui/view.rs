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
    status_bar(app).render(status, buf);
    draw_prompt(app, body, buf);
    draw_confirm(app, body, buf);
    draw_offer(app, body, buf);
    if app.help {
        help::render(
            &app.keymap,
            &contexts(app),
            screen_actions(app.route),
            app.route.name(),
            app.theme,
            body,
            buf,
        );
    }
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
                .title(" Why set this finding aside? (Enter keeps, Esc cancels) ")
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

/// A yes-or-no question over the screen.
fn draw_confirm(app: &App, area: Rect, buf: &mut ratatui::buffer::Buffer) {
    let Some(confirm) = &app.confirm else { return };
    // Tall enough for the whole question, wrapped (an estimate that errs long).
    let inner = usize::from(area.width.min(64).saturating_sub(2)).max(1);
    let rows = confirm.question.chars().count() / inner + 2;
    let height = u16::try_from(rows + 2).unwrap_or(u16::MAX).max(4);
    let [_, middle, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(height),
        Constraint::Fill(1),
    ])
    .areas(area);
    let [_, popup, _] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Max(64),
        Constraint::Fill(1),
    ])
    .areas(middle);
    ratatui::widgets::Clear.render(popup, buf);
    Paragraph::new(confirm.question.clone())
        .wrap(Wrap { trim: true })
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

fn contexts(app: &App) -> Vec<Context> {
    match app.route {
        Route::Draft | Route::Profile | Route::Practice => vec![Context::Editor, Context::List],
        _ => vec![Context::List],
    }
}

/// Every action each screen answers to, for its help.
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
            EditProfile,
            Practice,
            Export,
            Orphans,
        ],
        Route::Export => &[Up, Down, Top, Bottom, Copy, Export, ExportAll, Back],
        Route::Practice => &[
            Up, Down, Top, Bottom, Open, Back, ToggleMode, StartStop, Shuffle,
        ],
        Route::Flag => &[Up, Down, Open, ToggleVenue, Back],
        Route::Draft => &[
            Up,
            Down,
            Top,
            Bottom,
            Open,
            Back,
            NextPart,
            PrevPart,
            CycleOutput,
            ToggleExample,
            ToggleReady,
            CycleField,
            Undo,
        ],
        Route::Profile => &[
            Up, Down, Top, Bottom, Open, Left, Right, Add, Delete, StartOver, Back,
        ],
        Route::Orphans => &[Up, Down, Top, Bottom, Delete, Back],
    }
}

/// The actions worth a hint on each screen, in order.
fn hints(app: &App) -> &'static [Action] {
    use Action::*;
    match (app.route, app.context()) {
        (Route::Welcome, _) => &[Open, Quit],
        (Route::Home, _) => &[Open, EditProfile, Practice, Export, Help, Quit],
        (Route::Export, _) => &[Copy, Export, ExportAll, Back, Help],
        (Route::Flag, _) => &[Open, ToggleVenue, Back, Help],
        (Route::Draft, Context::Editor) => &[NextPart, NextFinding, CycleOutput, Back, Help],
        (Route::Draft, _) => &[ToggleReady, Copy, NextFinding, CycleOutput, Back, Help],
        (Route::Profile, Context::Editor) => &[Back, Save],
        (Route::Profile, _) => &[Open, Add, Save, Back],
        (Route::Practice, Context::Editor) => &[Back, Help],
        (Route::Practice, _) => &[StartStop, ToggleMode, Shuffle, Back, Help],
        (Route::Orphans, _) => &[Delete, Back, Help],
    }
}

fn status_bar(app: &App) -> Line<'static> {
    let theme = app.theme;
    let mut spans = vec![Span::styled(
        format!(" {} ", app.route.name()),
        theme.accent(),
    )];
    let (state, style) = if app.read_only.is_some() {
        ("read only".to_string(), theme.warning())
    } else if app.save_error.is_some() {
        ("save failed".to_string(), theme.error())
    } else if let Some(words) = app.profile_state_words() {
        (words.to_string(), theme.warning())
    } else if !app.has_unsaved() {
        (text::SAVED.to_string(), theme.dim())
    } else {
        (text::UNSAVED.to_string(), theme.warning())
    };
    if app.ws.is_some() {
        spans.push(Span::styled(format!("{state} "), style));
    }
    match &app.note {
        Some((note, tone)) => {
            let style = match tone {
                Tone::Info => theme.text(),
                Tone::Warning => theme.warning(),
                Tone::Error => theme.error(),
            };
            spans.push(Span::styled(format!("· {note}"), style));
        }
        None => {
            let context = app.context();
            for action in hints(app) {
                if let Some(key) = app.keymap.key_for(context, *action) {
                    spans.push(Span::styled(format!(" {key}"), theme.key()));
                    spans.push(Span::raw(format!(" {}", short(*action))));
                }
            }
        }
    }
    Line::from(spans)
}

fn short(action: Action) -> &'static str {
    match action {
        Action::CycleOutput => "preview",
        Action::ToggleReady => "ready",
        Action::ToggleVenue => "where",
        Action::NextFocus => "pane",
        Action::NextPart => "next part",
        Action::EditProfile => "profile",
        Action::Practice => "practice",
        Action::StartStop => "clock",
        Action::ToggleMode => "mode",
        Action::NextFinding => "next finding",
        Action::Shuffle => "shuffle",
        Action::Copy => "copy",
        Action::Export => "export",
        Action::ExportAll => "save all ready",
        other => other.describe(),
    }
}
