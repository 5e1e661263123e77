//! Characters that show as nothing yet change the text: direction controls that make a
//! reader see words in another order (after U+202E "failed" reads "deliaf"), zero-width
//! spaces and joiners that split a word so no search finds it, a byte-order mark, a
//! soft hyphen. ERAS takes plain text; none of them belongs in an explanation.
//!
//! They are removed from a paste and from every text that leaves flagdraft (the ERAS
//! text, the clipboard, exported files), and the coach flags one that is typed or was
//! already in a draft (`invisible_characters`).
//!
//! Two of them shape real writing, and are kept where they do:
//! - the zero-width joiner and non-joiner (U+200D, U+200C) between two characters that
//!   are neither ASCII nor space: inside emoji sequences (👩🏽‍⚕️), Persian and Indic
//!   words. Anywhere else (in an English word, at a word's edge) they only hide.
//! - tag characters (U+E0020–U+E007F) straight after a black flag (🏴): the flags of
//!   England, Scotland and Wales. Anywhere else they carry hidden text.
//!
//! Pure: works on strings only.

/// The name of a character that is always invisible, or of one that is invisible
/// outside the places it shapes text (see the module notes); `None` for the rest.
pub fn name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{00AD}' => "soft hyphen",
        '\u{061C}' => "Arabic letter mark",
        '\u{180E}' => "Mongolian vowel separator",
        '\u{200B}' => "zero-width space",
        '\u{200C}' => "zero-width non-joiner",
        '\u{200D}' => "zero-width joiner",
        '\u{200E}' => "left-to-right mark",
        '\u{200F}' => "right-to-left mark",
        '\u{202A}' => "left-to-right embedding",
        '\u{202B}' => "right-to-left embedding",
        '\u{202C}' => "pop directional formatting",
        '\u{202D}' => "left-to-right override",
        '\u{202E}' => "right-to-left override",
        '\u{2060}' => "word joiner",
        '\u{2061}'..='\u{2064}' => "invisible operator",
        '\u{2066}' => "left-to-right isolate",
        '\u{2067}' => "right-to-left isolate",
        '\u{2068}' => "first strong isolate",
        '\u{2069}' => "pop directional isolate",
        '\u{206A}'..='\u{206F}' => "deprecated format character",
        '\u{FEFF}' => "zero-width no-break space (byte-order mark)",
        '\u{FFF9}'..='\u{FFFB}' => "interlinear annotation character",
        '\u{E0001}' | '\u{E0020}'..='\u{E007F}' => "tag character",
        _ => return None,
    })
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}')
}

fn is_tag(c: char) -> bool {
    matches!(c, '\u{E0020}'..='\u{E007F}')
}

/// A character a joiner may sit next to and shape: not ASCII, not space, not itself
/// invisible.
fn shapes(c: Option<char>) -> bool {
    c.is_some_and(|c| !c.is_ascii() && !c.is_whitespace() && name(c).is_none())
}

/// Every invisible character of `text` that hides rather than shapes, with its byte
/// offset, in order.
pub fn find(text: &str) -> Vec<(usize, char)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    // True from a black flag through the tag characters that follow it.
    let mut flag_tags = false;
    for (i, &(at, c)) in chars.iter().enumerate() {
        if c == '\u{1F3F4}' {
            flag_tags = true;
            continue;
        }
        if is_tag(c) && flag_tags {
            continue;
        }
        flag_tags = false;
        if name(c).is_none() {
            continue;
        }
        if is_joiner(c) {
            let before = i.checked_sub(1).and_then(|j| chars.get(j)).map(|p| p.1);
            let after = chars.get(i + 1).map(|n| n.1);
            if shapes(before) && shapes(after) {
                continue;
            }
        }
        out.push((at, c));
    }
    out
}

/// `text` without the invisible characters [`find`] reports.
pub fn strip(text: &str) -> String {
    let found = find(text);
    if found.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for (at, c) in found {
        out.push_str(&text[from..at]);
        from = at + c.len_utf8();
    }
    out.push_str(&text[from..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_controls_and_zero_width_characters_are_found_and_stripped() {
        let text = "I \u{202E}failed\u{202C} Step 1; pa\u{200B}ssed\u{FEFF} la\u{200D}ter\u{2066}.";
        let names: Vec<&str> = find(text).iter().filter_map(|(_, c)| name(*c)).collect();
        assert_eq!(
            names,
            [
                "right-to-left override",
                "pop directional formatting",
                "zero-width space",
                "zero-width no-break space (byte-order mark)",
                "zero-width joiner",
                "left-to-right isolate"
            ]
        );
        assert_eq!(strip(text), "I failed Step 1; passed later.");
        for (at, c) in find(text) {
            assert_eq!(text[at..].chars().next(), Some(c));
        }
    }

    #[test]
    fn joiners_that_shape_emoji_and_scripts_are_kept() {
        let kept = [
            "👩🏽\u{200d}⚕\u{fe0f}",
            "👨\u{200d}👩\u{200d}👧",
            "می\u{200c}خواهم",
            "क्\u{200d}ष",
            "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}",
        ];
        for text in kept {
            assert_eq!(find(text), [], "{text:?}");
            assert_eq!(strip(text), text);
        }
        assert_eq!(strip("\u{200d}👩 a\u{200c}b 👩\u{200d} "), "👩 ab 👩 ");
        assert_eq!(strip("hidden\u{E0068}\u{E0069}"), "hidden");
        assert_eq!(strip("plain text, é ü 中文"), "plain text, é ü 中文");
    }
}
