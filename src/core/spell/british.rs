//! British spellings and their American forms. A word the American dictionary lacks is
//! British when a known British-to-American change (colour to color, organise to
//! organize, paediatrics to pediatrics, centre to center, travelled to traveled,
//! programme to program) turns it into a word the dictionary has.
//!
//! Only words the dictionary refuses reach here, and the change must land on a word it
//! accepts, so an American word is never marked, and a slip that merely looks British
//! ("defnece") stays a spelling mistake.

/// Whole words whose American form no general change reaches.
const WORDS: &[(&str, &str)] = &[
    ("learnt", "learned"),
    ("spelt", "spelled"),
    ("dreamt", "dreamed"),
    ("speciality", "specialty"),
    ("specialities", "specialties"),
    ("ageing", "aging"),
    ("grey", "gray"),
    ("cheque", "check"),
    ("cheques", "checks"),
    ("tyre", "tire"),
    ("tyres", "tires"),
    ("plough", "plow"),
    ("aluminium", "aluminum"),
    ("aeroplane", "airplane"),
    ("aeroplanes", "airplanes"),
    ("pyjamas", "pajamas"),
    ("kerb", "curb"),
    ("sulphur", "sulfur"),
    ("mum", "mom"),
    ("mums", "moms"),
    ("maths", "math"),
];

/// Changes that turn a British spelling into the American one, each tried wherever it
/// fits in the word: the British letters, then the American.
const CHANGES: &[(&str, &str)] = &[
    // colour, behaviour, tumour, favourite, neighbourhood
    ("our", "or"),
    // organise, organised, organising, organisation; analyse, analysing
    ("ise", "ize"),
    ("isi", "izi"),
    ("isa", "iza"),
    ("yse", "yze"),
    ("ysi", "yzi"),
    // paediatrics, anaesthesia, haemoglobin, leukaemia, orthopaedic
    ("ae", "e"),
    // oesophagus, oedema, diarrhoea, foetus, manoeuvre
    ("oe", "e"),
    // centre, centred, centres, centring; fibre; manoeuvre
    ("tre", "ter"),
    ("tred", "tered"),
    ("tres", "ters"),
    ("tring", "tering"),
    ("bre", "ber"),
    ("bres", "bers"),
    ("vre", "ver"),
    ("vred", "vered"),
    ("vres", "vers"),
    // travelled, counselling, counsellor, cancelled, labelled, signalled
    ("elled", "eled"),
    ("elling", "eling"),
    ("eller", "eler"),
    ("ellor", "elor"),
    ("alled", "aled"),
    ("alling", "aling"),
    // defence, offence, licence, pretence (and their plurals)
    ("defenc", "defens"),
    ("offenc", "offens"),
    ("licenc", "licens"),
    ("pretenc", "pretens"),
    // practise, practised, practising (the verb)
    ("practis", "practic"),
    // catalogue, analogue
    ("ogue", "og"),
    // programme, programmes
    ("amme", "am"),
    // enrolment, fulfilment, instalment; enrol, fulfil, skilful, wilful
    ("lment", "llment"),
    ("enrol", "enroll"),
    ("fulfil", "fulfill"),
    ("instil", "instill"),
    ("distil", "distill"),
    ("ilful", "illful"),
    // judgement, acknowledgement
    ("dgement", "dgment"),
    // mould, smoulder
    ("mould", "mold"),
    ("smould", "smold"),
    // sceptical, sceptic
    ("scep", "skep"),
];

/// The American form of `word` (in lower case), when a British-to-American change
/// (or two: "anaesthetised") makes a word `known` accepts.
pub(super) fn american(word: &str, known: impl Fn(&str) -> bool) -> Option<String> {
    if let Some((_, us)) = WORDS.iter().find(|(gb, _)| *gb == word) {
        return known(us).then(|| (*us).to_string());
    }
    let once = changed(word);
    if let Some(hit) = once.iter().find(|c| known(c)) {
        return Some(hit.clone());
    }
    once.iter()
        .flat_map(|c| changed(c))
        .find(|c| c != word && known(c))
}

/// What may follow a British "our" (colour, colours, coloured, colourful, favourite,
/// honourable, neighbourhood, behavioural): anything else ("fourty") is no British
/// spelling but a slip.
const AFTER_OUR: &[&str] = &[
    "", "s", "ed", "ing", "able", "ably", "ite", "ites", "ful", "fully", "less", "ly", "er", "ers",
    "ist", "ists", "hood", "hoods", "ism", "al", "ally",
];

/// Every word one change makes of `word`.
fn changed(word: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (gb, us) in CHANGES {
        for (at, _) in word.match_indices(gb) {
            if *gb == "our" && (at < 2 || !AFTER_OUR.contains(&&word[at + gb.len()..])) {
                continue;
            }
            let mut next = String::with_capacity(word.len() + 2);
            next.push_str(&word[..at]);
            next.push_str(us);
            next.push_str(&word[at + gb.len()..]);
            if !out.contains(&next) {
                out.push(next);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(word: &str) -> bool {
        [
            "color",
            "organize",
            "organization",
            "pediatrics",
            "center",
            "centered",
            "traveled",
            "program",
            "anesthetized",
            "maneuver",
            "defense",
            "learned",
        ]
        .contains(&word)
    }

    #[test]
    fn finds_the_american_form() {
        for (gb, us) in [
            ("colour", "color"),
            ("organise", "organize"),
            ("organisation", "organization"),
            ("paediatrics", "pediatrics"),
            ("centre", "center"),
            ("centred", "centered"),
            ("travelled", "traveled"),
            ("programme", "program"),
            ("anaesthetised", "anesthetized"),
            ("manoeuvre", "maneuver"),
            ("defence", "defense"),
            ("learnt", "learned"),
        ] {
            assert_eq!(american(gb, known).as_deref(), Some(us), "{gb}");
        }
    }

    #[test]
    fn a_word_no_change_makes_known_is_not_british() {
        assert_eq!(american("colr", known), None);
        assert_eq!(american("defnece", known), None);
        assert_eq!(american("recieved", known), None);
        // A slip, not a British spelling: "our" is not an ending here.
        assert_eq!(american("fourty", |w| w == "forty"), None);
    }
}
