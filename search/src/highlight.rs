//! Snippets with the matched words in `<mark>`: everything else
//! HTML-escaped, cut at word boundaries around the densest run of matches.
//!
//! Written here rather than with Tantivy's `SnippetGenerator` because we
//! already know the query's terms (stemmed and fuzzy) and the analyser, so
//! one split into words per field, and one analysis per distinct word of a
//! page of hits, is all the snippets of a search cost.

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{TextAnalyzer, TokenStream};

use crate::analysis::{folded_words, stemmed_analyzer, terms as analysed_terms, welsh_analyzer};
use crate::query::MatchTerms;

/// Only this much of a long text is scanned for a snippet: a snippet from
/// its first part reads as well, and a 1,500-word body costs far less.
const SCAN_BYTES: usize = 4_000;

/// Makes the snippets of one search. Texts are only split into words here;
/// whether a word matches (stemming, spelling, edit distance: the costly
/// part) is decided once per distinct word of the whole page and remembered,
/// since the hits of one search share most of their words.
pub struct Highlighter<'a> {
    terms: &'a MatchTerms,
    /// The analyser's per-word filters up to (not including) spelling and
    /// stemming: lower-cases and folds one word (see `normalised`).
    words: TextAnalyzer,
    /// The English analyser, or the Welsh one for Welsh text.
    analyser: TextAnalyzer,
    welsh: bool,
    matches: FxHashMap<String, bool>,
}

impl<'a> Highlighter<'a> {
    /// For English text.
    pub fn new(terms: &'a MatchTerms) -> Self {
        Self::with(terms, stemmed_analyzer(), false)
    }

    /// For Welsh text: words match the query's Welsh terms, mutations folded.
    pub fn welsh(terms: &'a MatchTerms) -> Self {
        Self::with(terms, welsh_analyzer(), true)
    }

    fn with(terms: &'a MatchTerms, analyser: TextAnalyzer, welsh: bool) -> Self {
        Highlighter { terms, words: folded_words().build(), analyser, welsh, matches: FxHashMap::default() }
    }

    /// Whether there is anything to highlight at all.
    pub fn is_empty(&self) -> bool {
        self.terms.stemmed.is_empty() && self.terms.welsh.is_empty() && self.terms.fuzzy.is_empty()
    }

    /// The byte ranges of `text` that match the query. Words are split as
    /// the analyser's tokenizer splits them (runs of letters and digits), and
    /// remembered as written, so a word seen before costs one lookup and no
    /// lower-casing or folding.
    fn ranges(&mut self, text: &str) -> Vec<(usize, usize)> {
        let mut ranges = Vec::new();
        for (from, word) in words(text) {
            let matched = match self.matches.get(word) {
                Some(&matched) => matched,
                None => {
                    let matched = self.normalised(word).is_some_and(|normal| self.word_matches(&normal));
                    self.matches.insert(word.to_owned(), matched);
                    matched
                }
            };
            if matched {
                ranges.push((from, from + word.len()));
            }
        }
        ranges
    }

    /// The word lower-cased and accent-folded, or `None` when the analyser drops it (too long).
    fn normalised(&mut self, word: &str) -> Option<String> {
        let mut stream = self.words.token_stream(word);
        stream.advance().then(|| stream.token().text.clone())
    }

    /// A snippet of at most about `max_chars` characters, or `None` when nothing matches.
    pub fn snippet(&mut self, text: &str, max_chars: usize) -> Option<String> {
        let full_length = text.len();
        let mut scan_end = full_length.min(SCAN_BYTES);
        while !text.is_char_boundary(scan_end) {
            scan_end -= 1;
        }
        let text = &text[..scan_end];
        let ranges = self.ranges(text);
        if ranges.is_empty() {
            return None;
        }
        let (start, end) = window(text, &ranges, max_chars);
        let mut out = String::with_capacity(end - start + 64);
        if start > 0 {
            out.push('…');
        }
        let mut cursor = start;
        for &(from, to) in ranges.iter().filter(|(from, to)| *from >= start && *to <= end) {
            escape_into(&text[cursor..from], &mut out);
            out.push_str("<mark>");
            escape_into(&text[from..to], &mut out);
            out.push_str("</mark>");
            cursor = to;
        }
        escape_into(&text[cursor..end], &mut out);
        if end < full_length {
            out.push('…');
        }
        Some(out)
    }
}

/// Each run of letters and digits in `text`, with its byte offset: the
/// words of `SimpleTokenizer`.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (from, _) = rest.find(|(_, c)| c.is_alphanumeric())?;
        let mut to = text.len();
        while let Some(&(at, c)) = rest.peek() {
            if !c.is_alphanumeric() {
                to = at;
                break;
            }
            rest.next();
        }
        Some((from, &text[from..to]))
    })
}

impl Highlighter<'_> {
    /// Whether one word (lower-cased, accents folded) matches: as this
    /// highlighter's language analyses it, it is a query term; or it is
    /// within a fuzzy word's allowed edits.
    fn word_matches(&mut self, word: &str) -> bool {
        let terms = if self.welsh { &self.terms.welsh } else { &self.terms.stemmed };
        analysed_terms(&mut self.analyser, word).iter().any(|term| terms.contains(term))
            || fuzzy_matches(word, self.terms)
    }
}

fn fuzzy_matches(word: &str, terms: &MatchTerms) -> bool {
    terms.fuzzy.iter().any(|(fuzzy, edits)| {
        word.len().abs_diff(fuzzy.len()) <= usize::from(*edits) && within_edits(word, fuzzy, *edits)
    })
}

/// The byte window of about `max_chars` holding the most matches, widened
/// to word boundaries.
fn window(text: &str, ranges: &[(usize, usize)], max_chars: usize) -> (usize, usize) {
    if text.len() <= max_chars {
        return (0, text.len());
    }
    let lead = max_chars / 5;
    let mut best = (0, 0usize);
    for (index, &(from, _)) in ranges.iter().enumerate() {
        let start = from.saturating_sub(lead);
        let count = ranges[index..].iter().take_while(|(_, to)| *to <= start + max_chars).count();
        if count > best.1 {
            best = (start, count);
        }
    }
    let start = word_start(text, best.0);
    let end = word_end(text, (start + max_chars).min(text.len()));
    (start, end)
}

/// Back to the start of the word containing `at` (or `at` itself at a boundary).
fn word_start(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    match text[..at].rfind(char::is_whitespace) {
        Some(space) => space + text[space..].chars().next().map_or(1, char::len_utf8),
        None => 0,
    }
}

/// Back from `at` to the end of the last whole word before it.
fn word_end(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    if at == text.len() || text[at..].starts_with(char::is_whitespace) {
        return at;
    }
    text[..at].rfind(char::is_whitespace).unwrap_or(at)
}

fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// Levenshtein distance at most `edits` (transpositions count as one).
pub fn within_edits(a: &str, b: &str, edits: u8) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let edits = usize::from(edits);
    if a.len().abs_diff(b.len()) > edits {
        return false;
    }
    let mut previous_previous: Vec<usize> = Vec::new();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut current = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            current[j] = (previous[j] + 1).min(current[j - 1] + 1).min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                current[j] = current[j].min(previous_previous[j - 2] + 1);
            }
        }
        if current.iter().min().is_some_and(|least| *least > edits) {
            return false;
        }
        previous_previous = std::mem::replace(&mut previous, current);
    }
    previous[b.len()] <= edits
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::SimpleTokenizer;

    use crate::analysis::stemmed_analyzer;

    fn terms(words: &[&str]) -> MatchTerms {
        let mut analyzer = stemmed_analyzer();
        let mut terms = MatchTerms::default();
        for word in words {
            terms.stemmed.extend(crate::analysis::terms(&mut analyzer, word));
        }
        terms
    }

    fn snippet(text: &str, terms: &MatchTerms, max_chars: usize) -> Option<String> {
        Highlighter::new(terms).snippet(text, max_chars)
    }

    #[test]
    fn marks_matches_and_escapes_the_rest() {
        let snippet = snippet("Bins <b>& recycling</b> sensors", &terms(&["recycled"]), 200).unwrap();
        assert_eq!(snippet, "Bins &lt;b&gt;&amp; <mark>recycling</mark>&lt;/b&gt; sensors");
    }

    #[test]
    fn long_text_is_cut_at_word_boundaries_around_the_matches() {
        let text = format!("{} the chatbot failed {}", "word ".repeat(100), "after ".repeat(100));
        let snippet = snippet(&text, &terms(&["chatbot"]), 80).unwrap();
        assert!(snippet.starts_with('…') && snippet.ends_with('…'), "{snippet}");
        assert!(snippet.contains("<mark>chatbot</mark>"), "{snippet}");
        let inner = snippet.trim_matches('…');
        assert!(
            inner
                .split_whitespace()
                .all(|word| ["word", "the", "<mark>chatbot</mark>", "failed", "after"].contains(&word)),
            "{snippet}"
        );
    }

    #[test]
    fn spellings_inflections_and_typos_are_marked() {
        let mut terms = terms(&["organisation"]);
        terms.fuzzy.push(("recycling".into(), 1));
        let snippet = snippet("The Organizations' recyclng plan", &terms, 200).unwrap();
        assert_eq!(snippet, "The <mark>Organizations</mark>&#39; <mark>recyclng</mark> plan");
    }

    #[test]
    fn words_are_split_as_the_tokenizer_splits_them() {
        let text = "Café's  e-mail, 24/7 naïve—über_x 🦀end";
        let mut tokenizer = TextAnalyzer::from(SimpleTokenizer::default());
        let mut stream = tokenizer.token_stream(text);
        let mut expected = Vec::new();
        while let Some(token) = stream.next() {
            expected.push((token.offset_from, &text[token.offset_from..token.offset_to]));
        }
        assert_eq!(words(text).collect::<Vec<_>>(), expected);
    }

    #[test]
    fn typos_within_allowed_edits() {
        assert!(within_edits("recyclng", "recycling", 1));
        assert!(within_edits("reycling", "recycling", 1));
        assert!(!within_edits("recyclng", "bicycling", 1));
    }
}
