//! How far a word is from a suggestion, in the slips a typist makes: a letter wrong,
//! missing or extra, two letters swapped.

/// Edits between `a` and `b` (compared without case): letters replaced, added, removed,
/// or two neighbours swapped, each counting one (optimal string alignment).
pub(super) fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for i in 0..=a.len() {
        d[i * width] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

/// Whether `b` is `a` with one slip only a typist makes, never a name that happens to
/// resemble a word: two neighbouring letters swapped ("clerkhsip"), a letter doubled or
/// undoubled ("comitted"), or, in a long word, one letter missing, extra or wrong
/// ("resposibility").
pub(super) fn is_slip(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    if a == b {
        return false;
    }
    let long = a.len().min(b.len()) >= 8;
    if a.len() == b.len() {
        let differ: Vec<usize> = (0..a.len()).filter(|i| a[*i] != b[*i]).collect();
        return match differ.as_slice() {
            [i, j] => *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i],
            [_] => long,
            _ => false,
        };
    }
    let (short, longer) = if a.len() < b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if longer.len() != short.len() + 1 {
        return false;
    }
    // The one letter the longer word has more.
    let at = (0..short.len())
        .find(|i| short[*i] != longer[*i])
        .unwrap_or(short.len());
    if longer[..at] != short[..at] || longer[at + 1..] != short[at..] {
        return false;
    }
    let doubled = (at > 0 && longer[at - 1] == longer[at])
        || longer.get(at + 1).is_some_and(|c| *c == longer[at]);
    doubled || long
}

/// `word` with its doubled and single letters confused once or twice: each doubled
/// letter made single, each single letter doubled, and every pair of the two.
pub(super) fn redoubled(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let once = |chars: &[char]| -> Vec<Vec<char>> {
        let mut out = Vec::new();
        for i in 0..chars.len() {
            if !chars[i].is_alphabetic() {
                continue;
            }
            let mut next = chars.to_vec();
            if i + 1 < chars.len() && chars[i + 1] == chars[i] {
                next.remove(i);
            } else if i == 0 || chars[i - 1] != chars[i] {
                next.insert(i, chars[i]);
            } else {
                continue;
            }
            if !out.contains(&next) {
                out.push(next);
            }
        }
        out
    };
    let first = once(&chars);
    let mut out: Vec<String> = first.iter().map(|c| c.iter().collect()).collect();
    for c in &first {
        for twice in once(c) {
            let twice: String = twice.iter().collect();
            if twice != word && !out.contains(&twice) {
                out.push(twice);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_slips() {
        assert_eq!(distance("recieved", "received"), 1);
        assert_eq!(distance("comitted", "committed"), 1);
        assert_eq!(distance("seperate", "separate"), 1);
        assert_eq!(distance("Teh", "the"), 1);
        assert_eq!(distance("kitten", "sitting"), 3);
    }

    #[test]
    fn a_slip_is_a_typist_s_not_a_name_s() {
        assert!(is_slip("clerkhsip", "clerkship"));
        assert!(is_slip("comitted", "committed"));
        assert!(is_slip("occured", "occurred"));
        assert!(is_slip("untill", "until"));
        assert!(is_slip("Pediatircs", "Pediatrics"));
        assert!(is_slip("resposibility", "responsibility"));
        assert!(!is_slip("Tanta", "Santa"));
        assert!(!is_slip("Mulago", "Malaga"));
        assert!(!is_slip("Ramos", "Rams"));
    }

    #[test]
    fn doubled_letters_are_confused_once_or_twice() {
        let all = redoubled("dissapoint");
        assert!(all.contains(&"disappoint".to_string()));
        assert!(all.contains(&"disapoint".to_string()));
        assert!(redoubled("tommorow").contains(&"tomorrow".to_string()));
        assert!(!redoubled("tommorow").contains(&"tommorow".to_string()));
    }
}
