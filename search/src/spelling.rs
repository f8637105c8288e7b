//! British and American spellings meet: a token filter that rewrites
//! American spellings to British ones, at index and at query time alike, so
//! "organization" finds "organisation" and the other way round.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use crate::rewrite::Rewrite;

/// Words whose spellings differ by more than the `-ize` rule.
const PAIRS: &[(&str, &str)] = &[
    ("color", "colour"),
    ("colors", "colours"),
    ("colored", "coloured"),
    ("favor", "favour"),
    ("favorite", "favourite"),
    ("behavior", "behaviour"),
    ("behaviors", "behaviours"),
    ("behavioral", "behavioural"),
    ("neighbor", "neighbour"),
    ("neighbors", "neighbours"),
    ("neighborhood", "neighbourhood"),
    ("neighborhoods", "neighbourhoods"),
    ("honor", "honour"),
    ("labor", "labour"),
    ("harbor", "harbour"),
    ("center", "centre"),
    ("centers", "centres"),
    ("centered", "centred"),
    ("theater", "theatre"),
    ("theaters", "theatres"),
    ("liter", "litre"),
    ("liters", "litres"),
    ("fiber", "fibre"),
    ("program", "programme"),
    ("programs", "programmes"),
    ("license", "licence"),
    ("licenses", "licences"),
    ("defense", "defence"),
    ("offense", "offence"),
    ("practice", "practise"),
    ("catalog", "catalogue"),
    ("catalogs", "catalogues"),
    ("dialog", "dialogue"),
    ("analyze", "analyse"),
    ("analyzed", "analysed"),
    ("analyzes", "analyses"),
    ("analyzing", "analysing"),
    ("paralyze", "paralyse"),
    ("fulfill", "fulfil"),
    ("fulfillment", "fulfilment"),
    ("enrollment", "enrolment"),
    ("enroll", "enrol"),
    ("installment", "instalment"),
    ("traveling", "travelling"),
    ("traveled", "travelled"),
    ("modeling", "modelling"),
    ("modeled", "modelled"),
    ("labeled", "labelled"),
    ("labeling", "labelling"),
    ("canceled", "cancelled"),
    ("canceling", "cancelling"),
    ("gray", "grey"),
    ("aging", "ageing"),
    ("curb", "kerb"),
    ("curbs", "kerbs"),
    ("aluminum", "aluminium"),
    ("judgment", "judgement"),
    ("mold", "mould"),
    ("plow", "plough"),
    ("pajamas", "pyjamas"),
    ("tire", "tyre"),
    ("tires", "tyres"),
];

/// Common words ending in -ize that are not the -ise/-ize variation.
const NOT_IZE_VARIANTS: &[&str] =
    &["size", "sizes", "sized", "seize", "seized", "prize", "prizes", "capsize", "downsize"];

/// `PAIRS` by American spelling: every token of every text is looked up,
/// so a scan of the list was a tenth of indexing.
static BRITISH_BY_AMERICAN: LazyLock<FxHashMap<&str, &str>> = LazyLock::new(|| PAIRS.iter().copied().collect());

/// The British spelling of a lower-case word, or `None` when it has no other.
pub fn british(word: &str) -> Option<String> {
    if let Some(british) = BRITISH_BY_AMERICAN.get(word) {
        return Some((*british).to_owned());
    }
    // Every suffix below has a "z".
    if word.len() < 6 || !word.contains('z') || NOT_IZE_VARIANTS.contains(&word) {
        return None;
    }
    for (american, british) in [
        ("izations", "isations"),
        ("ization", "isation"),
        ("izing", "ising"),
        ("izers", "isers"),
        ("izer", "iser"),
        ("ized", "ised"),
        ("izes", "ises"),
        ("ize", "ise"),
        ("yzing", "ysing"),
        ("yzed", "ysed"),
        ("yze", "yse"),
    ] {
        if let Some(stem) = word.strip_suffix(american) {
            return Some(format!("{stem}{british}"));
        }
    }
    None
}

/// The rewrite for `Rewriting`: place it after lower-casing and before stemming.
#[derive(Clone, Copy, Debug, Default)]
pub struct BritishSpelling;

impl Rewrite for BritishSpelling {
    fn rewrite(&mut self, word: &mut String) {
        if let Some(british) = british(word) {
            *word = british;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::british;

    #[test]
    fn american_spellings_become_british() {
        assert_eq!(british("organization").as_deref(), Some("organisation"));
        assert_eq!(british("organizations").as_deref(), Some("organisations"));
        assert_eq!(british("optimize").as_deref(), Some("optimise"));
        assert_eq!(british("optimizing").as_deref(), Some("optimising"));
        assert_eq!(british("color").as_deref(), Some("colour"));
        assert_eq!(british("center").as_deref(), Some("centre"));
        assert_eq!(british("program").as_deref(), Some("programme"));
        assert_eq!(british("license").as_deref(), Some("licence"));
        assert_eq!(british("organisation"), None);
        assert_eq!(british("size"), None);
        assert_eq!(british("citizen"), None);
    }
}
