//! Corpus tools on the real sample articles: the Arabic article is a translation of one of
//! the English ones, and nothing else in the samples tells the same story.

use std::rc::Rc;

use dossier::ui::corpus::{same_stories, search};
use dossier::ui::view::DocView;

fn samples() -> Vec<Rc<DocView>> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/samples");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("samples directory")
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let bytes = std::fs::read(path).unwrap();
            let doc = dossier::annotate_file(&name, &bytes).expect("a sample annotates");
            Rc::new(DocView::new(doc))
        })
        .collect()
}

#[test]
fn the_arabic_sample_links_to_the_english_article_it_translates_and_nothing_else_links() {
    let docs = samples();
    let links = same_stories(&docs);
    let mut pairs: Vec<(String, String)> = Vec::new();
    for (doc, found) in docs.iter().zip(&links) {
        for link in found {
            pairs.push((doc.doc.name.clone(), link.doc.clone()));
        }
    }
    let arabic = docs
        .iter()
        .find(|d| d.doc.lang == "ar")
        .expect("an Arabic sample");
    assert_eq!(pairs.len(), 2, "one pair, both ways: {pairs:?}");
    assert!(
        pairs.iter().any(|(a, _)| *a == arabic.doc.name),
        "{pairs:?}"
    );
    let (a, b) = &pairs[0];
    assert_eq!(
        (a, b),
        (&pairs[1].1, &pairs[1].0),
        "the link goes both ways: {pairs:?}"
    );
}

#[test]
fn search_finds_a_person_across_scripts_by_canonical_name() {
    let docs = samples();
    let hits: Vec<&str> = docs
        .iter()
        .filter(|d| search(d, "wang yi").is_some_and(|h| !h.entities.is_empty()))
        .map(|d| d.doc.lang.as_str())
        .collect();
    assert!(hits.contains(&"ar") && hits.contains(&"en"), "{hits:?}");
}
