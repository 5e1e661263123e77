//! Word forms the checks need to write a suggestion: plurals, a verb's -s, past and
//! participle, from the irregular verbs in the lists and the spelling rules for the rest.

use super::Index;

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// The plural of a noun: "advice" -> "advices", "research" -> "researches".
pub(super) fn plural(noun: &str) -> String {
    if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| noun.ends_with(e))
    {
        format!("{noun}es")
    } else if let Some(stem) = noun.strip_suffix('y')
        && stem.chars().last().is_some_and(|c| !is_vowel(c))
    {
        format!("{stem}ies")
    } else {
        format!("{noun}s")
    }
}

/// A verb's he/she form: "work" -> "works", "have" -> "has", "study" -> "studies".
pub(super) fn third(base: &str) -> String {
    match base {
        "be" => "is".to_string(),
        "have" => "has".to_string(),
        "do" => "does".to_string(),
        "go" => "goes".to_string(),
        _ => plural(base),
    }
}

/// A he/she form back to the base: "works" -> "work", "studies" -> "study".
pub(super) fn base_of_third(word: &str) -> String {
    match word {
        "is" => return "be".to_string(),
        "has" => return "have".to_string(),
        "does" => return "do".to_string(),
        "goes" => return "go".to_string(),
        _ => {}
    }
    if let Some(stem) = word.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for ending in ["sses", "shes", "ches", "xes", "zes"] {
        if word.ends_with(ending) {
            return word[..word.len() - 2].to_string();
        }
    }
    word.strip_suffix('s').unwrap_or(word).to_string()
}

/// Whether the last letter doubles before -ed: "plan" -> "planned", "admit" -> "admitted".
fn doubles(base: &str, idx: &Index) -> bool {
    if idx.doubling.contains(base) {
        return true;
    }
    let c: Vec<char> = base.chars().collect();
    c.len() == 3
        && !is_vowel(c[0])
        && is_vowel(c[1])
        && !is_vowel(c[2])
        && !matches!(c[2], 'w' | 'x' | 'y')
}

/// The -ed form of a regular verb.
fn regular_ed(base: &str, idx: &Index) -> String {
    if base.ends_with('e') {
        format!("{base}d")
    } else if let Some(stem) = base.strip_suffix('y')
        && stem.chars().last().is_some_and(|c| !is_vowel(c))
    {
        format!("{stem}ied")
    } else if doubles(base, idx) {
        let last = base.chars().last().unwrap_or_default();
        format!("{base}{last}ed")
    } else {
        format!("{base}ed")
    }
}

/// The past of a verb: "take" -> "took", "work" -> "worked".
pub(super) fn past(base: &str, idx: &Index) -> String {
    idx.irregular
        .get(base)
        .map_or_else(|| regular_ed(base, idx), |(p, _)| p.clone())
}

/// The participle of a verb: "take" -> "taken", "work" -> "worked".
pub(super) fn participle(base: &str, idx: &Index) -> String {
    idx.irregular
        .get(base)
        .map_or_else(|| regular_ed(base, idx), |(_, p)| p.clone())
}

/// A participle's past: "taken" -> "took", "completed" -> "completed".
pub(super) fn past_of_participle(part: &str, idx: &Index) -> String {
    idx.participles
        .get(part)
        .cloned()
        .unwrap_or_else(|| part.to_string())
}

/// A past form: "-ed" or an irregular past ("took", "was").
pub(super) fn is_past(word: &str, idx: &Index) -> bool {
    (word.len() > 3 && word.ends_with("ed")) || idx.pasts.contains(word)
}

/// A participle: "-ed" or an irregular participle ("taken", "been").
pub(super) fn is_participle(word: &str, idx: &Index) -> bool {
    (word.len() > 3 && word.ends_with("ed")) || idx.participles.contains_key(word)
}
