//! Text analysis: one pipeline for indexing and querying, so both sides
//! always agree on what a word is.
//!
//! - `casebook`: words, lower-cased, accents folded, British spelling,
//!   English stemming. Used by every searchable text field.
//! - `casebook_raw`: the same without stemming, for the typo-tolerant
//!   (fuzzy) field: edit distances are measured on real words, not stems.
//! - `casebook_pairs`: `casebook`'s words in adjacent pairs, for the
//!   phrase twin of each searchable field (see `pairs`).
//! - `casebook_cy` (and `casebook_cy_pairs`): Welsh text. Lower-cased and
//!   folded, never stemmed or respelt as English; initial mutations folded
//!   (see `mutation`), so "cyngor" finds "nghyngor" and "gyngor".

use tantivy::Index;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, TextAnalyzerBuilder, TokenStream,
    Tokenizer,
};

use crate::mutation::WelshMutations;
use crate::pairs::AdjacentPairs;
use crate::rewrite::Rewriting;
use crate::spelling::BritishSpelling;
use crate::stemming::MemoStemmer;

pub const STEMMED: &str = "casebook";
pub const RAW: &str = "casebook_raw";
pub const PAIRS: &str = "casebook_pairs";
pub const WELSH: &str = "casebook_cy";
pub const WELSH_PAIRS: &str = "casebook_cy_pairs";

pub fn stemmed_analyzer() -> TextAnalyzer {
    words().filter(Rewriting(MemoStemmer::default())).build()
}

pub fn raw_analyzer() -> TextAnalyzer {
    words().build()
}

pub fn pairs_analyzer() -> TextAnalyzer {
    words().filter(Rewriting(MemoStemmer::default())).filter(AdjacentPairs).build()
}

pub fn welsh_analyzer() -> TextAnalyzer {
    folded_words().filter(Rewriting(WelshMutations)).build()
}

pub fn welsh_pairs_analyzer() -> TextAnalyzer {
    folded_words().filter(Rewriting(WelshMutations)).filter(AdjacentPairs).build()
}

/// Words, lower-cased, accents folded, in British spelling: what every English analyser starts with.
fn words() -> TextAnalyzerBuilder<impl Tokenizer> {
    folded_words().filter(Rewriting(BritishSpelling))
}

/// Words, lower-cased, accents folded ("Môn" is "mon"): what every analyser
/// starts with (and what the highlighter splits text by).
pub(crate) fn folded_words() -> TextAnalyzerBuilder<impl Tokenizer> {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
}

pub fn register(index: &Index) {
    index.tokenizers().register(STEMMED, stemmed_analyzer());
    index.tokenizers().register(RAW, raw_analyzer());
    index.tokenizers().register(PAIRS, pairs_analyzer());
    index.tokenizers().register(WELSH, welsh_analyzer());
    index.tokenizers().register(WELSH_PAIRS, welsh_pairs_analyzer());
}

/// A token of analysed text with its byte range in the original.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Analysed {
    pub text: String,
    pub from: usize,
    pub to: usize,
}

pub fn analyse(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Analysed> {
    let mut stream = analyzer.token_stream(text);
    let mut tokens = Vec::new();
    while let Some(token) = stream.next() {
        tokens.push(Analysed { text: token.text.clone(), from: token.offset_from, to: token.offset_to });
    }
    tokens
}

pub fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    analyse(analyzer, text).into_iter().map(|token| token.text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pairs::pair_term;

    #[test]
    fn spellings_and_inflections_meet_after_analysis() {
        let mut analyzer = stemmed_analyzer();
        assert_eq!(terms(&mut analyzer, "Organization"), terms(&mut analyzer, "organisations"));
        assert_eq!(terms(&mut analyzer, "optimized"), terms(&mut analyzer, "Optimising"));
        assert_eq!(terms(&mut analyzer, "recycling"), terms(&mut analyzer, "recycled"));
        assert_eq!(terms(&mut analyzer, "Café"), terms(&mut analyzer, "cafe"));
        assert!(terms(&mut analyzer, "🦀 ((((").is_empty());
    }

    #[test]
    fn welsh_is_folded_and_never_stemmed_as_english() {
        let mut welsh = welsh_analyzer();
        assert_eq!(terms(&mut welsh, "Fy Nghyngor"), terms(&mut welsh, "fy cyngor"));
        assert_eq!(terms(&mut welsh, "ei gyngor"), terms(&mut welsh, "ei cyngor"));
        assert_eq!(terms(&mut welsh, "Ynys Môn"), terms(&mut welsh, "ynys mon"));
        assert_eq!(terms(&mut welsh, "Gwasanaethau"), vec!["cwasanaethau"]);
    }

    #[test]
    fn pairs_are_of_the_stemmed_words() {
        let words = terms(&mut stemmed_analyzer(), "Missed bin collections");
        let expected = vec![pair_term(&words[0], &words[1]), pair_term(&words[1], &words[2])];
        assert_eq!(terms(&mut pairs_analyzer(), "Missed bin collections"), expected);
    }
}
