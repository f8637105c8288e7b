//! Relevance on a fixture corpus: stemming, spellings, typos, synonyms,
//! phrases, exclusions, the relaxed fallback, and hostile syntax.

mod fixture;

use casebook_search::{Audience, SearchRequest, Sort};
use fixture::{ids, index, search};

#[test]
fn stemming_finds_other_forms_of_a_word() {
    let index = index();
    assert!(ids(&search(&index, "sensor")).contains(&"sensors"));
    assert!(ids(&search(&index, "recycled")).contains(&"sensors"));
}

#[test]
fn british_and_american_spellings_meet_both_ways() {
    let index = index();
    assert_eq!(ids(&search(&index, "organization")), ["organisation"]);
    assert_eq!(ids(&search(&index, "optimise")).first(), Some(&"optimize"));
    assert!(ids(&search(&index, "optimized")).contains(&"sensors"), "optimised in the body");
}

#[test]
fn typos_are_forgiven_on_longer_words_and_exact_matches_rank_first() {
    let index = index();
    assert!(ids(&search(&index, "chatbto")).contains(&"chatbot"), "a transposition in a 7-letter word");
    assert!(ids(&search(&index, "recyclng")).contains(&"sensors"));
    assert!(ids(&search(&index, "telecaer")).contains(&"anonymous"));
    assert!(search(&index, "bni").hits.is_empty(), "no typo tolerance under five letters");
    let parking_results = search(&index, "parking");
    let parking = ids(&parking_results);
    assert_eq!(parking.first(), Some(&"parking"), "{parking:?}");
    assert!(parking.contains(&"barking"), "one edit away: {parking:?}");
    assert!(parking.iter().position(|id| *id == "parking") < parking.iter().position(|id| *id == "barking"));
}

#[test]
fn synonyms_meet_in_both_directions() {
    let index = index();
    assert!(ids(&search(&index, "AI")).contains(&"ai"));
    assert!(ids(&search(&index, "artificial intelligence")).contains(&"ai"));
    let chatbot_results = search(&index, "chatbot");
    let chatbot = ids(&chatbot_results);
    assert!(chatbot.contains(&"assistant"), "{chatbot:?}");
    assert!(ids(&search(&index, "virtual assistant")).contains(&"chatbot"));
}

#[test]
fn quoted_phrases_match_exactly() {
    let index = index();
    let phrase_results = search(&index, "\"missed collections\"");
    let phrase = ids(&phrase_results);
    assert!(phrase.contains(&"phrase"), "{phrase:?}");
    assert!(!phrase.contains(&"unphrased"), "{phrase:?}");
    let words_results = search(&index, "missed collections");
    let words = ids(&words_results);
    assert!(words.contains(&"unphrased"), "{words:?}");
}

#[test]
fn longer_phrases_match_in_order_and_phrases_can_be_excluded() {
    let index = index();
    let three_words = search(&index, "\"reporting missed collections\"");
    assert_eq!(ids(&three_words), ["phrase"]);
    assert!(search(&index, "\"collections missed\"").hits.is_empty(), "the words in the other order");
    assert!(
        search(&index, "\"missed collections reform\"").hits.is_empty(),
        "its pairs are in the corpus, never in a row"
    );
    let excluded_results = search(&index, "collections -\"missed collections\"");
    let excluded = ids(&excluded_results);
    assert!(excluded.contains(&"unphrased"), "{excluded:?}");
    assert!(!excluded.contains(&"phrase"), "{excluded:?}");
}

#[test]
fn minus_excludes_a_word() {
    let index = index();
    let with_results = search(&index, "bins");
    let with = ids(&with_results);
    assert!(with.contains(&"sensors"));
    let without_results = search(&index, "bins -sensors");
    let without = ids(&without_results);
    assert!(!without.contains(&"sensors"), "{without:?}");
    assert!(!without.is_empty());
}

#[test]
fn words_are_anded_and_relaxed_to_any_word_when_nothing_has_all() {
    let index = index();
    let both = search(&index, "gritting winter");
    assert_eq!(ids(&both), ["optimize"]);
    assert!(!both.relaxed);
    let none_has_both = search(&index, "gritting telecare");
    assert!(none_has_both.relaxed);
    assert!(ids(&none_has_both).contains(&"optimize") && ids(&none_has_both).contains(&"anonymous"));
}

#[test]
fn hostile_syntax_never_fails() {
    let index = index();
    for text in [
        "\"unbalanced",
        "AND OR",
        "title:",
        "((((",
        "*",
        "🦀 chatbot 🦀",
        "-",
        "--",
        "\"\"",
        "-\"\"",
        "NOT",
        "\\",
        "a:b:c",
        "[1 TO 5]",
        "chatbot^10",
        "~2",
        "+bins",
        "''",
        "`",
        "%%%",
        "\u{0000}",
        "中文 文字",
        "é",
        " ",
        "",
    ] {
        let results = index.search(&SearchRequest::words(text, Audience::Public));
        assert!(results.is_ok(), "{text:?}: {results:?}");
    }
    assert!(ids(&search(&index, "🦀 chatbot 🦀")).contains(&"chatbot"));
}

#[test]
fn council_names_are_searchable_except_for_anonymous_case_studies() {
    let index = index();
    let camden_results = search(&index, "Camden");
    let camden = ids(&camden_results);
    assert!(camden.contains(&"parking"), "{camden:?}");
    assert!(!camden.contains(&"anonymous"), "{camden:?}");
}

#[test]
fn without_words_the_newest_come_first() {
    let index = index();
    let results =
        index.search(&SearchRequest { sort: Sort::Relevance, ..SearchRequest::words("", Audience::Public) }).unwrap();
    assert_eq!(results.total, 11);
    assert_eq!(results.hits.first().map(|hit| hit.id.as_str()), Some("anonymous"), "started 2024, published last");
    let oldest =
        index.search(&SearchRequest { sort: Sort::Oldest, ..SearchRequest::words("", Audience::Public) }).unwrap();
    assert_eq!(oldest.hits.first().map(|hit| hit.id.as_str()), Some("organisation"));
}

#[test]
fn highlights_mark_the_matched_words() {
    let index = index();
    let results = search(&index, "chatbot <script>");
    let hit = results.hits.iter().find(|hit| hit.id == "chatbot").expect("a hit");
    let title = hit.highlights.iter().find(|highlight| highlight.field == "title").expect("a title highlight");
    assert_eq!(title.snippet, "A <mark>chatbot</mark> for bin enquiries");
    assert!(
        results.hits.iter().flat_map(|hit| &hit.highlights).all(|highlight| !highlight.snippet.contains("<script"))
    );
}

#[test]
fn pages_are_stable_and_do_not_overlap() {
    let index = index();
    let all = ids(&search(&index, "the")).into_iter().map(str::to_owned).collect::<Vec<_>>();
    let mut paged = Vec::new();
    for offset in (0..all.len()).step_by(3) {
        let page = index
            .search(&SearchRequest { offset, limit: 3, ..SearchRequest::words("the", Audience::Members) })
            .unwrap();
        paged.extend(page.hits.into_iter().map(|hit| hit.id));
    }
    assert_eq!(paged, all);
}

/// A Welsh case study and a bilingual one, beside English ones.
fn bilingual_index() -> casebook_search::SearchIndex {
    use casebook_search::CaseStudyDocument;
    let index = casebook_search::SearchIndex::in_memory().expect("an index");
    let documents = [
        CaseStudyDocument {
            id: "welsh".into(),
            language: "CY".into(),
            welsh_title: "Sgwrsfot i drigolion fy nghyngor".into(),
            welsh_summary: "Atebodd y sgwrsfot gwestiynau am gasgliadau gwastraff.".into(),
            welsh_text: vec!["Dysgon ni fod angen staff i ateb y cwestiynau anodd.".into()],
            outcome: "FAILURE".into(),
            ..Default::default()
        },
        CaseStudyDocument {
            id: "bilingual".into(),
            language: "BILINGUAL".into(),
            title: "Council tax reminders by text message".into(),
            summary: "Text reminders before the first missed payment.".into(),
            welsh_title: "Nodiadau atgoffa treth gyngor drwy neges destun".into(),
            welsh_summary: "Negeseuon atgoffa cyn y taliad cyntaf a fethwyd.".into(),
            outcome: "SUCCESS".into(),
            ..Default::default()
        },
        CaseStudyDocument {
            id: "english".into(),
            language: "EN".into(),
            title: "A chatbot for waste collections".into(),
            summary: "It answered questions about bins.".into(),
            outcome: "PARTIAL_SUCCESS".into(),
            ..Default::default()
        },
    ];
    for document in &documents {
        index.upsert(document).expect("indexed");
    }
    index.commit(1).expect("committed");
    index
}

#[test]
fn welsh_words_find_welsh_case_studies_whatever_their_mutation() {
    let index = bilingual_index();
    let mut found = ids(&search(&index, "cyngor")).into_iter().map(str::to_owned).collect::<Vec<_>>();
    found.sort();
    assert_eq!(found, ["bilingual", "welsh"], "nghyngor and gyngor are forms of cyngor");
    assert_eq!(ids(&search(&index, "gasgliadau gwastraff")), ["welsh"]);
    assert_eq!(ids(&search(&index, "casgliadau")), ["welsh"], "the radical finds the soft mutation");
    assert_eq!(ids(&search(&index, "\"neges destun\"")), ["bilingual"], "a Welsh phrase");
    assert_eq!(ids(&search(&index, "text message")), ["bilingual"], "its English text is English still");
}

#[test]
fn welsh_matches_are_highlighted_in_the_welsh_text() {
    let index = bilingual_index();
    let results = search(&index, "cyngor");
    let welsh = results.hits.iter().find(|hit| hit.id == "welsh").expect("the Welsh case study");
    let title = welsh.highlights.iter().find(|highlight| highlight.field == "titleCy").expect("a Welsh title snippet");
    assert!(title.snippet.contains("<mark>nghyngor</mark>"), "{}", title.snippet);
}

#[test]
fn the_language_facet_counts_and_filters_each_language() {
    let index = bilingual_index();
    let mut request = SearchRequest::words("", Audience::Public);
    let results = index.search(&request).expect("searched");
    let mut counts = results.facets[&casebook_search::Facet::Language].clone();
    counts.sort();
    assert_eq!(counts, [("BILINGUAL".to_owned(), 1), ("CY".to_owned(), 1), ("EN".to_owned(), 1)]);
    request.filters.language = vec!["CY".into()];
    assert_eq!(ids(&index.search(&request).expect("searched")), ["welsh"]);
}

#[test]
fn a_welsh_case_study_finds_similar_welsh_ones() {
    use casebook_search::CaseStudyDocument;
    let index = casebook_search::SearchIndex::in_memory().expect("an index");
    let welsh = |id: &str, title: &str| CaseStudyDocument {
        id: id.into(),
        language: "CY".into(),
        welsh_title: title.into(),
        welsh_summary: "Gwasanaeth llyfrgell symudol i bentrefi gwledig".into(),
        outcome: "SUCCESS".into(),
        ..Default::default()
    };
    for document in [welsh("one", "Llyfrgell symudol i bentrefi"), welsh("two", "Fan llyfrgell symudol")] {
        index.upsert(&document).expect("indexed");
    }
    index
        .upsert(&CaseStudyDocument { id: "three".into(), title: "Parking sensors".into(), ..Default::default() })
        .expect("indexed");
    index.commit(1).expect("committed");
    assert_eq!(index.similar("one", Audience::Public, 5).expect("similar"), ["two"]);
}
