//! Small scanners over draft text: placeholders, month-year dates, years, scores and
//! month counts, each with its byte offsets.

use crate::core::month::YearMonth;

/// A piece of text found at `start..end`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token<T> {
    pub value: T,
    pub start: usize,
    pub end: usize,
}

/// Words separated by anything that is not a letter, digit, `-`, `'` or `#`.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let keep = |c: char| c.is_alphanumeric() || matches!(c, '-' | '\'' | '#' | '/');
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (keep(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out.into_iter()
}

/// Words that name the slot a placeholder stands for.
const SLOT_WORDS: [&str; 30] = [
    "name",
    "names",
    "date",
    "dates",
    "month",
    "year",
    "city",
    "country",
    "hospital",
    "institution",
    "school",
    "program",
    "programme",
    "score",
    "number",
    "insert",
    "your",
    "fill",
    "placeholder",
    "specialty",
    "place",
    "location",
    "todo",
    "tbd",
    "add",
    "here",
    "attempt",
    "percentile",
    "exam",
    "details",
];

/// Whether the words between a pair of brackets are a label to fill in rather than
/// part of the text: a slot word ("hospital name"), a choice ("J-1 or H-1B"), words
/// that are all capitalised ("City"), or only marks ("###", "___", "XX").
fn is_label(inside: &str, braces: bool) -> bool {
    let inside = inside.trim();
    if inside.is_empty() {
        return true;
    }
    if !inside.chars().any(char::is_alphanumeric) || is_run_of_x(inside) {
        return true;
    }
    if braces {
        return inside.chars().any(char::is_alphabetic);
    }
    let words: Vec<&str> = inside
        .split(|c: char| c.is_whitespace() || c == '_')
        .filter(|w| !w.is_empty())
        .collect();
    let slot = words.iter().any(|w| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        SLOT_WORDS.contains(&w.as_str())
    });
    let choice = words.contains(&"or") || inside.contains('/');
    let capitals = words.iter().all(|w| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    });
    slot || choice || capitals
}

/// "XX", "20XX", "X/XX", "xx-xx": a run standing for digits still to be written.
fn is_run_of_x(word: &str) -> bool {
    let xs = word.chars().filter(|c| matches!(c, 'x' | 'X')).count();
    xs >= 2
        && word
            .chars()
            .all(|c| matches!(c, 'x' | 'X' | '/' | '-' | '.') || c.is_ascii_digit())
        // All one case: "Xx" is not a run.
        && !(word.contains('x') && word.contains('X'))
}

/// Placeholders: a bracket pair around a label (`[City]`, `<hospital name>`,
/// `{score}`, `[J-1 or H-1B]`), runs of X standing for digits (`20XX`, `XX`), runs
/// of `#` or `_`, and the words TODO, TBD and FIXME.
pub fn placeholders(text: &str) -> Vec<Token<()>> {
    let mut out: Vec<Token<()>> = Vec::new();
    let inside_one = |out: &[Token<()>], at: usize| out.iter().any(|t| t.start <= at && at < t.end);
    for (open, close) in [('[', ']'), ('<', '>'), ('{', '}')] {
        let mut from = 0;
        while let Some(start) = text[from..].find(open).map(|i| i + from) {
            let rest = &text[start + open.len_utf8()..];
            let stop = rest.find([close, '\n', open]);
            match stop {
                Some(i) if rest[i..].starts_with(close) && i <= 60 => {
                    let inside = &rest[..i];
                    let end = start + open.len_utf8() + i + close.len_utf8();
                    // "< 200" and "a > b" are comparisons, not brackets.
                    let tight = !inside.starts_with(' ') && !inside.ends_with(' ');
                    if (open == '[' || tight) && is_label(inside, open == '{') {
                        out.push(Token {
                            value: (),
                            start,
                            end,
                        });
                    }
                    from = end;
                }
                _ => from = start + open.len_utf8(),
            }
        }
    }
    // Runs of marks: "___", "###".
    let mut run: Option<(usize, char, usize)> = None;
    let mut runs = Vec::new();
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match run {
            Some((s, m, n)) if c == m => run = Some((s, m, n + 1)),
            _ => {
                if let Some((s, _, n)) = run.take()
                    && n >= 2
                {
                    runs.push((s, i));
                }
                if c == '_' || c == '#' {
                    run = Some((i, c, 1));
                }
            }
        }
    }
    for (start, end) in runs {
        if !inside_one(&out, start) {
            out.push(Token {
                value: (),
                start,
                end,
            });
        }
    }
    // The word pass is for TODO, TBD, FIXME and runs of X; most texts hold none.
    let bytes = text.as_bytes();
    let words_to_read = bytes.iter().enumerate().any(|(i, b)| {
        let rest = &bytes[i..];
        let starts = |needle: &[u8]| {
            rest.get(..needle.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(needle))
        };
        match b | 0x20 {
            b'x' => starts(b"xx"),
            b't' => starts(b"todo") || starts(b"tbd"),
            b'f' => starts(b"fixme"),
            _ => false,
        }
    });
    let found = if words_to_read {
        words(text).collect()
    } else {
        Vec::new()
    };
    for (start, w) in found {
        let bare = w.trim_matches(|c: char| c == '-' || c == '\'' || c == '#');
        // "46,XX" is a karyotype, not a slot.
        let karyotype = text[..start].ends_with(',')
            && text[..start - 1].ends_with(|c: char| c.is_ascii_digit());
        let flagged = ["TODO", "TBD", "FIXME"]
            .iter()
            .any(|t| bare.eq_ignore_ascii_case(t))
            || (bare.contains(['x', 'X']) && is_run_of_x(bare) && !karyotype);
        if flagged && !inside_one(&out, start) {
            let offset = w.find(bare).unwrap_or(0);
            out.push(Token {
                value: (),
                start: start + offset,
                end: start + offset + bare.len(),
            });
        }
    }
    // A slot written in capitals: "PROGRAM NAME", "HOSPITAL", "START DATE".
    let list: Vec<(usize, &str)> = words(text).collect();
    let shouting = |w: &str| w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase());
    let mut i = 0;
    while i < list.len() {
        let mut j = i;
        while j < list.len() && shouting(list[j].1) {
            j += 1;
        }
        let run = &list[i..j];
        let slot = run
            .iter()
            .any(|(_, w)| SLOT_WORDS.contains(&w.to_ascii_lowercase().as_str()));
        if run.len() >= 2 && slot {
            let (start, _) = run[0];
            let (last, lw) = run[run.len() - 1];
            if !inside_one(&out, start) {
                out.push(Token {
                    value: (),
                    start,
                    end: last + lw.len(),
                });
            }
        }
        i = j.max(i + 1);
    }
    out.sort_by_key(|t| t.start);
    out
}

fn month_number(word: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let w = word.to_ascii_lowercase();
    let w = w.trim_end_matches('.');
    if w.len() < 3 {
        return None;
    }
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let i = NAMES.iter().position(|n| w.starts_with(n))?;
    (full[i].starts_with(w) || w == "sept").then_some(i as u32 + 1)
}

fn year(word: &str) -> Option<i32> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
        .filter(|y| (1950..=2100).contains(y))
}

/// "March 2021", "Mar 2021", "2021-03" and "03/2021", as year-months.
pub fn month_years(text: &str) -> Vec<Token<YearMonth>> {
    let list: Vec<(usize, &str)> = words(text).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < list.len() {
        let (start, w) = list[i];
        if let Some(m) = month_number(w)
            && let Some((ys, yw)) = list.get(i + 1)
            && let Some(y) = year(yw)
            && let Ok(value) = YearMonth::new(y, m)
        {
            out.push(Token {
                value,
                start,
                end: ys + yw.len(),
            });
            i += 2;
            continue;
        }
        if let Some(value) = numeric_month(w) {
            out.push(Token {
                value,
                start,
                end: start + w.len(),
            });
        }
        i += 1;
    }
    out
}

/// Whether `text` dates a stretch of time: a month and year at each end ("from March
/// 2021 to November 2021"), or, for one still open, "since" right before its month and
/// year ("since June 2026").
pub fn dates_a_span(text: &str) -> bool {
    let dates = month_years(text);
    if dates.len() >= 2 {
        return true;
    }
    let list: Vec<(usize, &str)> = words(text).collect();
    let index_at = |at: usize| list.iter().position(|(s, _)| *s == at);
    let lower = |w: &str| w.to_ascii_lowercase();
    dates.iter().any(|d| {
        // "since June 2026"
        let since = text[..d.start]
            .split(|c: char| !c.is_alphanumeric())
            .rfind(|w| !w.is_empty())
            .is_some_and(|w| w.eq_ignore_ascii_case("since"));
        let Some(i) = index_at(d.start) else {
            return since;
        };
        // "from June 2024 to the present", "June 2024-present"
        let open = list.iter().skip(i + 1).take(5).any(|(_, w)| {
            matches!(
                lower(w).trim_start_matches('-'),
                "present" | "now" | "today" | "ongoing" | "date"
            )
        });
        // "March to October 2020", "between March and October 2020", "March-October 2020"
        let before = |k: usize| list.get(i.wrapping_sub(k)).map(|(_, w)| *w);
        let paired = (1..=3).any(|k| before(k).is_some_and(|w| month_number(w).is_some()))
            || list[i]
                .1
                .split('-')
                .filter(|p| month_number(p).is_some())
                .count()
                >= 2;
        since || open || paired
    }) || list.windows(2).any(|pair| {
        // "March-October 2020": one word with two months, then a year.
        let [(_, w), (_, y)] = pair else { return false };
        year(y).is_some() && w.split('-').filter(|p| month_number(p).is_some()).count() >= 2
    })
}

/// Whether `text` dates a stretch by years at least: two years or month-years, or
/// "since" before one ("since 2019").
pub fn dates_years(text: &str) -> bool {
    let months = month_years(text);
    let years = bare_years(text, &months);
    months.len() + years.len() >= 2
        || dates_a_span(text)
        || years.iter().any(|y| {
            text[..y.start]
                .split(|c: char| !c.is_alphanumeric())
                .rfind(|w| !w.is_empty())
                .is_some_and(|w| w.eq_ignore_ascii_case("since"))
        })
}

fn numeric_month(w: &str) -> Option<YearMonth> {
    if let Some((a, b)) = w.split_once('/') {
        let m: u32 = a.parse().ok()?;
        return YearMonth::new(year(b)?, m).ok();
    }
    if w.len() == 7 && w.as_bytes().get(4) == Some(&b'-') {
        return w.parse().ok();
    }
    None
}

/// Four-digit years standing alone (not part of a month-year).
pub fn bare_years(text: &str, month_years: &[Token<YearMonth>]) -> Vec<Token<i32>> {
    words(text)
        .filter_map(|(start, w)| {
            year(w).map(|value| Token {
                value,
                start,
                end: start + w.len(),
            })
        })
        .filter(|t| {
            !month_years
                .iter()
                .any(|m| m.start <= t.start && t.end <= m.end)
        })
        .collect()
}

/// Three-digit numbers from 150 to 300 near the word "score", "scored" or "Step":
/// the USMLE score range.
pub fn scores(text: &str) -> Vec<Token<u16>> {
    let list: Vec<(usize, &str)> = words(text).collect();
    let mut out = Vec::new();
    for (i, (start, w)) in list.iter().enumerate() {
        let Some(n) = (w.len() == 3).then(|| w.parse::<u16>().ok()).flatten() else {
            continue;
        };
        if !(150..=300).contains(&n) {
            continue;
        }
        let near = list[i.saturating_sub(4)..(i + 3).min(list.len())]
            .iter()
            .any(|(_, x)| {
                let x = x.to_ascii_lowercase();
                x.starts_with("score") || x == "step" || x == "ck"
            });
        if near {
            out.push(Token {
                value: n,
                start: *start,
                end: start + w.len(),
            });
        }
    }
    out
}

/// "18 months", "three months": counts of months stated in digits or words.
pub fn month_counts(text: &str) -> Vec<Token<i64>> {
    const NUMBERS: [&str; 13] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    let list: Vec<(usize, &str)> = words(text).collect();
    let mut out = Vec::new();
    for pair in list.windows(2) {
        let [(start, n), (ms, m)] = pair else {
            continue;
        };
        if !m.eq_ignore_ascii_case("months") && !m.eq_ignore_ascii_case("month") {
            continue;
        }
        let lower = n.to_ascii_lowercase();
        let value = n
            .parse::<i64>()
            .ok()
            .or_else(|| NUMBERS.iter().position(|w| *w == lower).map(|i| i as i64));
        if let Some(value) = value {
            out.push(Token {
                value,
                start: *start,
                end: ms + m.len(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(s: &str) -> YearMonth {
        s.parse().unwrap()
    }

    #[test]
    fn finds_placeholders() {
        let text = "I scored [###] in [City]. TODO: add the rest. Tasks [ok";
        let found: Vec<&str> = placeholders(text)
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect();
        assert_eq!(found, ["[###]", "[City]", "TODO"]);
        assert!(placeholders("No brackets, nothing to do here.").is_empty());
        let text =
            "At <hospital name> in March 20XX I scored {score}; in ___ 2022, XX/XX and ## too.";
        let found: Vec<&str> = placeholders(text)
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect();
        assert_eq!(
            found,
            ["<hospital name>", "20XX", "{score}", "___", "XX/XX", "##"]
        );
        let text = "I will continue at PROGRAM NAME in the USMLE track of ECFMG IMG programs.";
        let found: Vec<&str> = placeholders(text)
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect();
        assert_eq!(found, ["PROGRAM NAME"]);
    }

    #[test]
    fn editorial_brackets_and_comparisons_are_not_placeholders() {
        for text in [
            "Her letter says I \"[have] shown steady respect\" since then.",
            "The note reads \"late [sic] arrivals\".",
            "A score < 200 and > 190 is rare.",
            "An X-ray and an XL gown, in Xx style.",
            "The newborn's karyotype was 46,XX with a normal exam.",
        ] {
            assert!(placeholders(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn finds_month_years_in_several_shapes() {
        let text = "From March 2021 to Nov. 2021, then 2022-04 and 06/2023; May I add 2019.";
        let found: Vec<YearMonth> = month_years(text).into_iter().map(|t| t.value).collect();
        assert_eq!(
            found,
            [ym("2021-03"), ym("2021-11"), ym("2022-04"), ym("2023-06")]
        );
        let m = month_years(text);
        let years: Vec<i32> = bare_years(text, &m).into_iter().map(|t| t.value).collect();
        assert_eq!(years, [2019]);
    }

    #[test]
    fn a_span_is_dated_in_the_ways_people_write_it() {
        for text in [
            "From March 2021 to November 2021 I cared for my father.",
            "Since June 2026 I have prepared for Step 2.",
            "From June 2024 to the present I have worked in a clinic.",
            "Between March and October 2020 I was on leave.",
            "From March to October 2020 I was on leave.",
            "I was on leave March-October 2020.",
            "I was on leave from 03/2020 to 10/2020.",
        ] {
            assert!(dates_a_span(text), "{text}");
        }
        for text in [
            "In 2020 I was on leave for some months.",
            "I took time off in March 2020.",
            "From 2019 to 2021 I worked in a clinic.",
        ] {
            assert!(!dates_a_span(text), "{text}");
        }
    }

    #[test]
    fn finds_scores_only_near_their_words() {
        let found: Vec<u16> =
            scores("I scored 246 on Step 2 CK. Later that year our small clinic saw 212 patients.")
                .into_iter()
                .map(|t| t.value)
                .collect();
        assert_eq!(found, [246]);
    }

    #[test]
    fn finds_month_counts() {
        let found: Vec<i64> = month_counts("For 18 months, then three months more.")
            .into_iter()
            .map(|t| t.value)
            .collect();
        assert_eq!(found, [18, 3]);
    }
}
