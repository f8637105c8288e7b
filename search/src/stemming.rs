//! English stemming with a memo: Tantivy's `Stemmer` runs the Snowball
//! algorithm on every token, which was a fifth of indexing. A corpus repeats
//! the same few thousand words, so each analyser remembers the stems it has
//! made (an indexing thread keeps its analyser for a whole segment).

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{Language, RawTokenizer, Stemmer, TextAnalyzer, TokenStream};

use crate::rewrite::Rewrite;

/// Past this many remembered words the memo starts again: a bound on memory
/// for corpora with an unusually large vocabulary.
const MEMO_WORDS: usize = 50_000;

/// The rewrite for `Rewriting`: English stems, each word stemmed once per analyser.
#[derive(Clone)]
pub struct MemoStemmer {
    stems: FxHashMap<String, String>,
    stemmer: TextAnalyzer,
}

impl Default for MemoStemmer {
    fn default() -> Self {
        let stemmer = TextAnalyzer::builder(RawTokenizer::default()).filter(Stemmer::new(Language::English)).build();
        MemoStemmer { stems: FxHashMap::default(), stemmer }
    }
}

impl Rewrite for MemoStemmer {
    /// Replaces `word` with its stem.
    fn rewrite(&mut self, word: &mut String) {
        if let Some(stem) = self.stems.get(word.as_str()) {
            word.clone_from(stem);
            return;
        }
        let stem = {
            let mut stream = self.stemmer.token_stream(word);
            if stream.advance() { stream.token().text.clone() } else { word.clone() }
        };
        if self.stems.len() >= MEMO_WORDS {
            self.stems.clear();
        }
        self.stems.insert(std::mem::replace(word, stem.clone()), stem);
    }
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::{LowerCaser, SimpleTokenizer};

    use super::*;
    use crate::rewrite::Rewriting;

    fn stems(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        let mut stream = analyzer.token_stream(text);
        let mut stems = Vec::new();
        while let Some(token) = stream.next() {
            stems.push(token.text.clone());
        }
        stems
    }

    #[test]
    fn remembered_stems_are_the_stemmers_own_on_first_and_later_sight() {
        let text = "recycling recycled councils council running runs the recycling";
        let mut plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(Stemmer::new(Language::English))
            .build();
        let mut memo = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(Rewriting(MemoStemmer::default()))
            .build();
        let expected = stems(&mut plain, text);
        assert_eq!(stems(&mut memo, text), expected);
        assert_eq!(stems(&mut memo, text), expected, "the second pass reads every stem from the memo");
    }
}
