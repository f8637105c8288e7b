//! Synonyms: groups of words or phrases that mean the same. A query for one
//! finds the others. Seeded with the obvious ones; the caller can replace
//! the set (admins extend it).

use tantivy::tokenizer::TextAnalyzer;

use crate::analysis::{stemmed_analyzer, terms};

pub fn seed_groups() -> Vec<Vec<String>> {
    [
        &["ai", "artificial intelligence", "machine learning"][..],
        &["rpa", "robotic process automation"],
        &["iot", "internet of things"],
        &["chatbot", "virtual assistant", "chat bot"],
        &["gis", "geographic information system"],
        &["crm", "customer relationship management"],
        &["wifi", "wi-fi", "wireless internet"],
    ]
    .iter()
    .map(|group| group.iter().map(|term| (*term).to_owned()).collect())
    .collect()
}

/// Synonym groups, each alternative as its analysed token sequence.
#[derive(Clone, Debug, Default)]
pub struct Synonyms {
    groups: Vec<Vec<Vec<String>>>,
}

impl Synonyms {
    pub fn new(groups: &[Vec<String>]) -> Self {
        let mut analyzer: TextAnalyzer = stemmed_analyzer();
        let groups = groups
            .iter()
            .map(|group| {
                group
                    .iter()
                    .map(|term| terms(&mut analyzer, term))
                    .filter(|tokens| !tokens.is_empty())
                    .collect::<Vec<_>>()
            })
            .filter(|group: &Vec<Vec<String>>| group.len() > 1)
            .collect();
        Synonyms { groups }
    }

    /// The longest alternative matching `tokens` at its start: how many tokens
    /// it covers and every alternative of its group.
    pub fn match_at(&self, tokens: &[String]) -> Option<(usize, &[Vec<String>])> {
        let mut best: Option<(usize, &[Vec<String>])> = None;
        for group in &self.groups {
            for alternative in group {
                let length = alternative.len();
                if length <= tokens.len()
                    && tokens[..length] == alternative[..]
                    && best.is_none_or(|(best_length, _)| length > best_length)
                {
                    best = Some((length, group));
                }
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multi_word_alternatives_match_sequences() {
        let synonyms = Synonyms::new(&seed_groups());
        let mut analyzer = stemmed_analyzer();
        let tokens = terms(&mut analyzer, "artificial intelligence pilots");
        let (length, group) = synonyms.match_at(&tokens).expect("a match");
        assert_eq!(length, 2);
        assert!(group.contains(&vec!["ai".to_owned()]));
        assert!(synonyms.match_at(&terms(&mut analyzer, "pilots")).is_none());
    }
}
