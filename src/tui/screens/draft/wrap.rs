//! Words laid out to a width, so nothing on the Draft screen is cut mid-word: styled
//! text wrapped at spaces (a word longer than the width alone is broken), and titles
//! chosen among shorter wordings until one fits.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Columns `text` takes on screen.
pub fn width(text: &str) -> usize {
    Span::raw(text).width()
}

/// A word: runs of text with their styles, no space inside.
type Word = Vec<(String, Style)>;

/// Words of `spans`, in order; `None` stands for a line break in the text.
fn words(spans: &[Span<'_>]) -> Vec<Option<Word>> {
    let mut out: Vec<Option<Word>> = Vec::new();
    let mut current: Word = Vec::new();
    for span in spans {
        for c in span.content.chars() {
            if c == '\n' || c.is_whitespace() {
                if !current.is_empty() {
                    out.push(Some(std::mem::take(&mut current)));
                }
                if c == '\n' {
                    out.push(None);
                }
                continue;
            }
            match current.last_mut() {
                Some((text, style)) if *style == span.style => text.push(c),
                _ => current.push((c.to_string(), span.style)),
            }
        }
    }
    if !current.is_empty() {
        out.push(Some(current));
    }
    out
}

fn word_width(word: &Word) -> usize {
    word.iter().map(|(t, _)| width(t)).sum()
}

/// `spans` wrapped at spaces to lines of at most `max` columns; lines after the first
/// begin with `indent` spaces. A word wider than a whole line is broken where it must.
pub fn wrap(spans: &[Span<'_>], max: usize, indent: usize) -> Vec<Line<'static>> {
    let max = max.max(1);
    let indent = indent.min(max.saturating_sub(1));
    let mut lines: Vec<Vec<Span<'static>>> = vec![Vec::new()];
    let mut used = 0;
    let new_line = |lines: &mut Vec<Vec<Span<'static>>>, used: &mut usize| {
        let mut line = Vec::new();
        if indent > 0 {
            line.push(Span::raw(" ".repeat(indent)));
        }
        lines.push(line);
        *used = indent;
    };
    let start = |lines: &Vec<Vec<Span<'static>>>, used: usize| {
        used == 0 || (lines.len() > 1 && used == indent)
    };
    for word in words(spans) {
        let Some(word) = word else {
            new_line(&mut lines, &mut used);
            continue;
        };
        let w = word_width(&word);
        let at_start = start(&lines, used);
        let gap = usize::from(!at_start);
        if !at_start && used + gap + w > max {
            new_line(&mut lines, &mut used);
        } else if gap == 1 {
            if let Some(line) = lines.last_mut() {
                line.push(Span::raw(" "));
            }
            used += 1;
        }
        for (text, style) in word {
            let mut piece = String::new();
            for c in text.chars() {
                let cw = width(c.encode_utf8(&mut [0; 4]));
                if used + cw > max && used > indent {
                    if let Some(line) = lines.last_mut() {
                        line.push(Span::styled(std::mem::take(&mut piece), style));
                    }
                    new_line(&mut lines, &mut used);
                }
                piece.push(c);
                used += cw;
            }
            if let Some(line) = lines.last_mut() {
                line.push(Span::styled(piece, style));
            }
        }
    }
    lines.into_iter().map(Line::from).collect()
}

/// Plain `text` wrapped in one style.
pub fn wrap_text(text: &str, style: Style, max: usize, indent: usize) -> Vec<Line<'static>> {
    wrap(&[Span::styled(text.to_string(), style)], max, indent)
}

/// The first of `variants` (longest first) that fits `max` columns; failing all, the
/// last cut after a whole word with an ellipsis.
pub fn fit(variants: &[String], max: usize) -> String {
    if let Some(v) = variants.iter().find(|v| width(v) <= max) {
        return v.clone();
    }
    let last = variants.last().map_or("", String::as_str);
    let mut out = String::new();
    for word in last.split(' ') {
        let next = if out.is_empty() {
            word.to_string()
        } else {
            format!("{out} {word}")
        };
        if width(&next) + 1 > max {
            break;
        }
        out = next;
    }
    if out.is_empty() {
        // Not even one word fits: as many characters as do.
        for c in last.chars() {
            if width(&out) + width(c.encode_utf8(&mut [0; 4])) + 1 > max {
                break;
            }
            out.push(c);
        }
    }
    if max > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[Line]) -> Vec<String> {
        lines.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn words_wrap_at_spaces_with_a_hanging_indent() {
        let lines = wrap_text("✓ Why you are ready for Med-Peds", Style::new(), 18, 2);
        assert_eq!(text(&lines), ["✓ Why you are", "  ready for", "  Med-Peds"]);
        let lines = wrap_text("a verylongwordindeed b", Style::new(), 8, 0);
        assert_eq!(text(&lines), ["a", "verylong", "wordinde", "ed b"]);
    }

    #[test]
    fn styles_and_words_that_span_two_runs_stay_together() {
        let spans = [
            Span::styled("Vague", Style::new().bold()),
            Span::raw(": the reason"),
        ];
        let lines = wrap(&spans, 10, 0);
        assert_eq!(text(&lines), ["Vague: the", "reason"]);
        assert_eq!(lines[0].spans[0].content, "Vague");
        assert_eq!(lines[0].spans[0].style, Style::new().bold());
    }

    #[test]
    fn titles_take_the_longest_wording_that_fits() {
        let v = vec![
            "ERAS text · Experience description".to_string(),
            "ERAS".into(),
        ];
        assert_eq!(fit(&v, 40), v[0]);
        assert_eq!(fit(&v, 10), "ERAS");
        assert_eq!(fit(&["one two three".to_string()], 9), "one two…");
    }
}
