//! Panes whose words are all reachable: text wrapped to the pane and scrolled, and lists
//! whose rows wrap instead of cutting a title, with marks on the border when more lies
//! above or below.

use std::cell::Cell;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use crate::tui::keymap::Action;
use crate::tui::text;
use crate::tui::theme::Theme;

/// How far a pane of text is scrolled. Drawing notes how far it can go, so a key never
/// scrolls past the end (before the first drawing, nothing is known and nothing held).
#[derive(Debug, Default)]
pub struct Scroll {
    offset: u16,
    max: Cell<Option<u16>>,
    page: Cell<u16>,
}

impl Scroll {
    pub fn offset(&self) -> u16 {
        self.offset
    }

    pub fn reset(&mut self) {
        self.offset = 0;
    }

    /// Up, Down, Top and Bottom move the text; returns whether the action was one of
    /// them.
    pub fn on_action(&mut self, action: Action) -> bool {
        match action {
            Action::Up => self.by(-1),
            Action::Down => self.by(1),
            Action::Top => self.offset = 0,
            Action::Bottom => self.offset = self.max.get().unwrap_or(u16::MAX),
            _ => return false,
        }
        true
    }

    /// Move by `rows`, a negative number up.
    pub fn by(&mut self, rows: i32) {
        let moved = i32::from(self.offset).saturating_add(rows).max(0);
        let moved = u16::try_from(moved).unwrap_or(u16::MAX);
        self.offset = match self.max.get() {
            Some(max) => moved.min(max),
            None => moved,
        };
    }

    /// Move by a page (the rows last drawn, less one kept for context).
    pub fn page(&mut self, down: bool) {
        let rows = i32::from(self.page.get().saturating_sub(1).max(1));
        self.by(if down { rows } else { -rows });
    }

    /// Note that `total` rows are drawn in `visible` rows of room, and give the offset
    /// to draw at.
    pub fn fit(&self, total: usize, visible: u16) -> u16 {
        let max = u16::try_from(total.saturating_sub(usize::from(visible))).unwrap_or(u16::MAX);
        self.max.set(Some(max));
        self.page.set(visible);
        self.offset.min(max)
    }
}

/// What a scrolled pane shows on its bottom border.
pub fn more_mark(offset: u16, total: usize, visible: u16) -> Option<&'static str> {
    let above = offset > 0;
    let below = usize::from(offset) + usize::from(visible) < total;
    match (above, below) {
        (true, true) => Some("↑↓ more"),
        (false, true) => Some("↓ more"),
        (true, false) => Some("↑ more"),
        (false, false) => None,
    }
}

/// `lines` wrapped to fit inside `block` on `area`, scrolled by `scroll`, with a mark
/// on the bottom border when more lies above or below and, then, `hint` (how to
/// scroll) when it fits.
pub fn scrolled(
    block: Block<'_>,
    lines: &[Line<'_>],
    scroll: &Scroll,
    hint: &str,
    theme: Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let inner = block.inner(area);
    let wrapped = text::wrap_all(lines, usize::from(inner.width));
    let offset = scroll.fit(wrapped.len(), inner.height);
    let mut block = block;
    if let Some(mark) = more_mark(offset, wrapped.len(), inner.height) {
        let room = usize::from(area.width.saturating_sub(4));
        let long = format!(" {mark} · {hint} ");
        let short = format!(" {mark} ");
        let words = if hint.is_empty() {
            short
        } else {
            text::choose(room, &[&long, &short]).to_string()
        };
        block = block.title_bottom(Line::styled(words, theme.accent()).right_aligned());
    }
    Paragraph::new(wrapped)
        .scroll((offset, 0))
        .block(block)
        .render(area, buf);
}

/// The first item to draw so `selected` shows, keeping the last first item when
/// `selected` is still in view (as a list scrolls: only when the selection leaves it).
pub fn first_shown(heights: &[usize], selected: usize, room: usize, last: usize) -> usize {
    if heights.is_empty() {
        return 0;
    }
    let selected = selected.min(heights.len() - 1);
    let fits = |start: usize| heights[start..=selected].iter().sum::<usize>() <= room;
    if last <= selected && fits(last) {
        return last;
    }
    if last > selected {
        return selected;
    }
    (last..=selected).find(|s| fits(*s)).unwrap_or(selected)
}

/// A list whose items take one or more rows each, drawn from `first` with the
/// selected item highlighted across the pane (its last row only, unless `whole`);
/// `first` keeps the first item drawn.
pub fn rows(
    items: &[Vec<Line<'static>>],
    selected: usize,
    first: &Cell<usize>,
    (highlight, whole): (Style, bool),
    area: Rect,
    buf: &mut Buffer,
) {
    let heights: Vec<usize> = items.iter().map(Vec::len).collect();
    let start = first_shown(&heights, selected, usize::from(area.height), first.get());
    first.set(start);
    let mut y = area.y;
    for (i, item) in items.iter().enumerate().skip(start) {
        for (j, line) in item.iter().enumerate() {
            if y >= area.bottom() {
                return;
            }
            let row = Rect::new(area.x, y, area.width, 1);
            line.clone().render(row, buf);
            if i == selected && (whole || j + 1 == item.len()) {
                buf.set_style(row, highlight);
            }
            y += 1;
        }
    }
}

/// The item at `row` (counted from the top of the list's area), as drawn from `first`.
pub fn item_at(heights: &[usize], first: usize, row: usize) -> Option<usize> {
    let mut top = 0;
    for (i, h) in heights.iter().enumerate().skip(first) {
        if row < top + h {
            return Some(i);
        }
        top += h;
    }
    None
}

/// A row of columns: `title` wrapped in the room left between `left` and `right`
/// (each kept whole on the first row), the rows after the first indented under it.
pub fn columns(
    left: Vec<Span<'static>>,
    title: Line<'static>,
    right: Vec<Span<'static>>,
    width: usize,
) -> Vec<Line<'static>> {
    let left_w: usize = left.iter().map(Span::width).sum();
    let right_w: usize = right.iter().map(Span::width).sum();
    let room = width.saturating_sub(left_w + right_w).max(1);
    let wrapped = text::wrap(&title, room);
    wrapped
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let pad = room.saturating_sub(line.width());
            let mut spans = if i == 0 {
                left.clone()
            } else {
                vec![Span::raw(" ".repeat(left_w))]
            };
            spans.extend(line.spans);
            if i == 0 {
                spans.push(Span::raw(" ".repeat(pad)));
                spans.extend(right.clone());
            }
            Line::from(spans)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_scrolls_only_when_the_selection_leaves_the_view() {
        let h = [1, 2, 1, 1, 3, 1];
        assert_eq!(first_shown(&h, 0, 4, 0), 0);
        assert_eq!(first_shown(&h, 2, 4, 0), 0);
        assert_eq!(first_shown(&h, 3, 4, 0), 1);
        assert_eq!(first_shown(&h, 4, 4, 1), 3);
        // Back up inside the view: no move.
        assert_eq!(first_shown(&h, 3, 4, 3), 3);
        // Above the view: it starts at the selection.
        assert_eq!(first_shown(&h, 1, 4, 3), 1);
        // An item taller than the room starts the view.
        assert_eq!(first_shown(&h, 4, 2, 0), 4);
        assert_eq!(item_at(&h, 1, 0), Some(1));
        assert_eq!(item_at(&h, 1, 2), Some(2));
        assert_eq!(item_at(&h, 1, 99), None);
    }

    #[test]
    fn scrolling_stops_at_the_end_once_drawn() {
        let mut s = Scroll::default();
        s.by(5);
        assert_eq!(s.offset(), 5, "before a drawing, nothing holds it");
        assert_eq!(s.fit(10, 8), 2);
        s.on_action(Action::Bottom);
        assert_eq!(s.offset(), 2);
        s.on_action(Action::Down);
        assert_eq!(s.offset(), 2);
        s.page(false);
        assert_eq!(s.offset(), 0);
        assert_eq!(more_mark(0, 10, 8), Some("↓ more"));
        assert_eq!(more_mark(2, 10, 8), Some("↑ more"));
        assert_eq!(more_mark(0, 8, 8), None);
    }

    #[test]
    fn a_row_wraps_its_title_between_whole_columns() {
        let rows = columns(
            vec![Span::raw("HIGH     ")],
            Line::from("Repeated course or clerkship (Pediatrics clerkship)"),
            vec![Span::raw(" ✗ 3  empty")],
            40,
        );
        let texts: Vec<String> = rows.iter().map(|l| l.to_string()).collect();
        assert_eq!(
            texts,
            [
                "HIGH     Repeated course or   ✗ 3  empty",
                "         clerkship",
                "         (Pediatrics",
                "         clerkship)",
            ]
        );
    }
}
