//! Welsh initial mutations: "cyngor" (council) is also written "gyngor" (soft
//! mutation, "ei gyngor"), "nghyngor" (nasal, "fy nghyngor") and "chyngor"
//! (aspirate, "a chyngor"). Tantivy has no Welsh stemmer; this rule makes a
//! word and its mutated forms one term, at index and query time alike.
//!
//! Mutations are ambiguous read backwards: "g" may be the soft mutation of
//! "c" or a radical "g", "f" that of "b" or "m". So every initial that
//! mutates into another joins its class, and a word's initial is replaced by
//! its class's letter: c g ngh ng ch → c; p b mh ph f m → p; t d nh th dd n
//! → t; ll l → ll; rh r → rh. Words of one class that differ only in their
//! initial meet too (as English stems conflate some words): the cost of
//! finding every mutated form. The soft mutation of "g" drops the letter
//! ("gwaith" → "waith"), which no rule on the initial can undo: those stay
//! apart. Short function words ("mae", "ni", "da", "bod") are left as they
//! are: folded, they would meet half the language ("mae" and "bae").

use crate::rewrite::Rewrite;

/// Common short words whose initials are not mutations worth finding, and
/// which would otherwise meet other common words (mae/bae/fae, ni/ti/di, da/na).
const UNFOLDED: [&str; 40] = [
    "a", "ac", "am", "ar", "at", "bod", "bob", "da", "dan", "dim", "ddim", "di", "dy", "fe", "fel", "fod", "fy", "gan",
    "i", "mae", "mai", "mewn", "na", "nac", "nad", "ni", "nid", "pa", "pan", "pob", "rhag", "roedd", "sydd", "ti",
    "tra", "wedi", "wrth", "y", "yn", "yr",
];

/// Initials that mutate, longest first, with their class's letter.
const CLASSES: [(&str, &str); 19] = [
    ("ngh", "c"),
    ("mh", "p"),
    ("nh", "t"),
    ("ng", "c"),
    ("ch", "c"),
    ("ph", "p"),
    ("th", "t"),
    ("dd", "t"),
    ("ll", "ll"),
    ("rh", "rh"),
    ("c", "c"),
    ("g", "c"),
    ("p", "p"),
    ("b", "p"),
    ("f", "p"),
    ("m", "p"),
    ("t", "t"),
    ("d", "t"),
    ("n", "t"),
];

/// The initial mutation folded, on a lower-cased, accent-folded word.
#[derive(Clone, Debug, Default)]
pub struct WelshMutations;

impl Rewrite for WelshMutations {
    fn rewrite(&mut self, word: &mut String) {
        if UNFOLDED.contains(&word.as_str()) {
            return;
        }
        // "l" and "r" are the soft mutations of "ll" and "rh".
        let class = CLASSES
            .iter()
            .find(|(initial, _)| word.starts_with(initial))
            .map(|(initial, class)| (initial.len(), *class))
            .or_else(|| match word.as_bytes().first() {
                Some(b'l') => Some((1, "ll")),
                Some(b'r') => Some((1, "rh")),
                _ => None,
            });
        // A lone initial ("n", "d'") is not a mutated word.
        if let Some((length, class)) = class
            && word.len() > length
        {
            word.replace_range(..length, class);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(word: &str) -> String {
        let mut word = word.to_owned();
        WelshMutations.rewrite(&mut word);
        word
    }

    #[test]
    fn a_word_meets_its_soft_nasal_and_aspirate_mutations() {
        for (radical, mutated) in [
            ("cyngor", ["gyngor", "nghyngor", "chyngor"]),
            ("plant", ["blant", "mhlant", "phlant"]),
            ("tai", ["dai", "nhai", "thai"]),
        ] {
            for form in mutated {
                assert_eq!(folded(form), folded(radical), "{form} and {radical}");
            }
        }
        for (radical, mutated) in [
            ("bws", ["fws", "mws"].as_slice()),
            ("dinas", ["ddinas", "ninas"].as_slice()),
            ("gofal", ["ngofal"].as_slice()),
            ("mab", ["fab"].as_slice()),
            ("llyfrgell", ["lyfrgell"].as_slice()),
            ("rhaglen", ["raglen"].as_slice()),
        ] {
            for form in mutated {
                assert_eq!(folded(form), folded(radical), "{form} and {radical}");
            }
        }
    }

    #[test]
    fn words_of_other_initials_stay_apart() {
        assert_ne!(folded("cyngor"), folded("syngor"));
        assert_ne!(folded("tai"), folded("cai"));
        assert_ne!(folded("addysg"), folded("gaddysg"));
        assert_eq!(folded("addysg"), "addysg");
        assert_eq!(folded("sir"), "sir");
        assert_eq!(folded("n"), "n");
    }

    #[test]
    fn common_short_words_keep_their_own_initial() {
        assert_ne!(folded("mae"), folded("bae"), "is, and bay");
        assert_ne!(folded("ni"), folded("ti"), "we, and you");
        assert_ne!(folded("da"), folded("na"), "good, and no");
        assert_eq!(folded("bae"), folded("fae"), "bay, and its soft mutation");
    }
}
