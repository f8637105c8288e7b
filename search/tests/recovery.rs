//! The index on disk: crash recovery at the change-log position, rebuilds of
//! a stale or corrupt index.

mod fixture;

use casebook_search::{Audience, OpenState, SearchIndex, SearchRequest};
use fixture::corpus;

fn count(index: &SearchIndex, text: &str) -> u64 {
    index.search(&SearchRequest::words(text, Audience::Members)).unwrap().total
}

#[test]
fn a_crash_between_applying_and_committing_loses_and_doubles_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let docs = corpus();
    {
        let (index, state) = SearchIndex::open(dir.path()).unwrap();
        assert!(matches!(state, OpenState::NeedsRebuild { .. }));
        index.upsert(&docs[0]).unwrap();
        index.commit(1).unwrap();
        // Changes 2 and 3 applied, then the process dies before committing.
        index.upsert(&docs[1]).unwrap();
        index.upsert(&docs[0]).unwrap();
    }
    let (index, state) = SearchIndex::open(dir.path()).unwrap();
    assert_eq!(state, OpenState::Ready { position: 1 }, "restart from the last committed position");
    assert_eq!(index.num_docs(), 1);
    // The indexer re-applies 2 and 3 from the log: upserts, so nothing doubles.
    index.upsert(&docs[1]).unwrap();
    index.upsert(&docs[0]).unwrap();
    index.commit(3).unwrap();
    assert_eq!(index.num_docs(), 2);
    assert_eq!(count(&index, "chatbot"), 1);
    assert_eq!(index.position().unwrap(), Some(3));
}

#[test]
fn an_index_of_another_schema_version_is_recreated_for_a_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    {
        let (index, _) = SearchIndex::open(dir.path()).unwrap();
        index.upsert(&corpus()[0]).unwrap();
        index.commit(7).unwrap();
    }
    let meta_path = dir.path().join("meta.json");
    let meta = std::fs::read_to_string(&meta_path).unwrap();
    let version = format!("\\\"schema_version\\\":{}", casebook_search::SCHEMA_VERSION);
    assert!(meta.contains(&version), "{meta}");
    std::fs::write(&meta_path, meta.replace(&version, "\\\"schema_version\\\":0")).unwrap();
    let (index, state) = SearchIndex::open(dir.path()).unwrap();
    assert!(matches!(state, OpenState::NeedsRebuild { .. }), "{state:?}");
    assert_eq!(index.num_docs(), 0);
}

#[test]
fn a_corrupt_index_is_recreated_for_a_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    {
        let (index, _) = SearchIndex::open(dir.path()).unwrap();
        index.upsert(&corpus()[0]).unwrap();
        index.commit(1).unwrap();
    }
    std::fs::write(dir.path().join("meta.json"), b"{ not json").unwrap();
    let (index, state) = SearchIndex::open(dir.path()).unwrap();
    assert!(matches!(state, OpenState::NeedsRebuild { .. }), "{state:?}");
    index.upsert(&corpus()[1]).unwrap();
    index.commit(2).unwrap();
    assert_eq!(index.num_docs(), 1);
}
