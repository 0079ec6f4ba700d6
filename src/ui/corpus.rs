//! Entities across every loaded document: one entry per canonical name, with the names it
//! goes by and the documents that mention it.
//!
//! Plain Rust (no Yew, no DOM), tested natively.

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use crate::engine::names::known_names;
use crate::export::Layer;
use crate::ui::view::DocView;

/// One canonical entity over the whole corpus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CorpusEntity {
    pub label: String,
    pub canonical: String,
    /// The other names it is known by: the knowledge base's main name in each language,
    /// then other full names written in the loaded documents (most used first), each once.
    /// Never the canonical name, and never a written form that is part of a listed name
    /// ("Wang" of "Wang Yi", the contracted لصين of الصين).
    pub names: Vec<String>,
    /// The documents that mention it, most mentions first, then by name.
    pub docs: Vec<DocMentions>,
    pub n_mentions: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocMentions {
    pub doc: String,
    pub mentions: usize,
}

/// The entities of one label over the corpus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CorpusLabelGroup {
    pub label: String,
    /// Most documents first, then most mentions, then by name.
    pub entities: Vec<CorpusEntity>,
}

/// How many knowledge-base names an entry lists at most: a threat actor can have dozens of
/// aliases, and the sidebar is narrow.
const MAX_KNOWN_NAMES: usize = 8;

/// Groups every entity mention of `docs` by label (in the order of the documents' own
/// groups) and canonical name.
pub fn corpus_entities(docs: &[Rc<DocView>]) -> Vec<CorpusLabelGroup> {
    #[derive(Default)]
    struct Tally {
        per_doc: BTreeMap<String, usize>,
        written: HashMap<String, usize>,
    }
    let mut labels: Vec<String> = Vec::new();
    let mut tallies: BTreeMap<(usize, String), Tally> = BTreeMap::new();
    for doc in docs {
        for group in &doc.entity_groups {
            let rank = match labels.iter().position(|l| *l == group.label) {
                Some(rank) => rank,
                None => {
                    labels.push(group.label.clone());
                    labels.len() - 1
                }
            };
            for entity in &group.entities {
                let tally = tallies.entry((rank, entity.canonical.clone())).or_default();
                *tally.per_doc.entry(doc.doc.name.clone()).or_default() += entity.mentions.len();
                for &i in &entity.mentions {
                    if let Some(a) = doc.doc.annotations.get(i) {
                        if a.layer == Layer::Entity {
                            *tally.written.entry(a.text.clone()).or_default() += 1;
                        }
                    }
                }
            }
        }
    }
    let mut groups: Vec<CorpusLabelGroup> = labels
        .iter()
        .map(|label| CorpusLabelGroup {
            label: label.clone(),
            entities: Vec::new(),
        })
        .collect();
    for ((rank, canonical), tally) in tallies {
        let mut written: Vec<(String, usize)> = tally
            .written
            .into_iter()
            .filter(|(name, _)| *name != canonical)
            .collect();
        written.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let mut names: Vec<String> = known_names(&canonical)
            .iter()
            .filter(|known| !canonical.contains(known.name))
            .take(MAX_KNOWN_NAMES)
            .map(|known| known.name.to_string())
            .collect();
        for (name, _) in written {
            let part_of_listed =
                canonical.contains(&name) || names.iter().any(|listed| listed.contains(&name));
            if !part_of_listed {
                names.push(name);
            }
        }
        let mut per_doc: Vec<DocMentions> = tally
            .per_doc
            .into_iter()
            .map(|(doc, mentions)| DocMentions { doc, mentions })
            .collect();
        per_doc.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.doc.cmp(&b.doc)));
        let n_mentions = per_doc.iter().map(|d| d.mentions).sum();
        let label = groups[rank].label.clone();
        groups[rank].entities.push(CorpusEntity {
            label,
            canonical,
            names,
            docs: per_doc,
            n_mentions,
        });
    }
    // Known labels in the guidelines' order, as in each document's own groups.
    groups.sort_by_key(|g| crate::ui::view::label_rank(&g.label));
    for group in &mut groups {
        group.entities.sort_by(|a, b| {
            b.docs
                .len()
                .cmp(&a.docs.len())
                .then_with(|| b.n_mentions.cmp(&a.n_mentions))
                .then_with(|| a.canonical.cmp(&b.canonical))
        });
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{Annotation, ExportDocument, Source};

    /// A document whose entities are `(text, label, canonical)` in order.
    fn doc(name: &str, mentions: &[(&str, &str, &str)]) -> Rc<DocView> {
        let mut text = String::new();
        let mut annotations = Vec::new();
        for &(written, label, canonical) in mentions {
            let start = text.chars().count();
            text.push_str(written);
            annotations.push(Annotation {
                layer: Layer::Entity,
                label: Some(label.into()),
                start,
                end: start + written.chars().count(),
                text: written.into(),
                canonical: Some(canonical.into()),
                source: Source::Auto,
                event: None,
            });
            text.push_str(". ");
        }
        Rc::new(DocView::new(ExportDocument {
            name: name.into(),
            lang: "en".into(),
            text,
            annotations,
        }))
    }

    #[test]
    fn one_entry_per_canonical_across_languages_with_the_documents_that_mention_it() {
        let docs = vec![
            doc(
                "ar.txt",
                &[
                    ("وانغ يي", "PERSON", "Wang Yi"),
                    ("الصين", "PLACE", "China"),
                ],
            ),
            doc(
                "en.txt",
                &[
                    ("Wang Yi", "PERSON", "Wang Yi"),
                    ("Wang", "PERSON", "Wang Yi"),
                    ("APT28", "THREAT_ACTOR", "APT28"),
                ],
            ),
            doc("zh.txt", &[("王毅", "PERSON", "Wang Yi")]),
        ];
        let groups = corpus_entities(&docs);
        let labels: Vec<&str> = groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(labels, vec!["PERSON", "PLACE", "THREAT_ACTOR"]);
        let wang = &groups[0].entities[0];
        assert_eq!(wang.canonical, "Wang Yi");
        assert_eq!(wang.n_mentions, 4);
        let docs: Vec<(&str, usize)> = wang
            .docs
            .iter()
            .map(|d| (d.doc.as_str(), d.mentions))
            .collect();
        assert_eq!(docs, vec![("en.txt", 2), ("ar.txt", 1), ("zh.txt", 1)]);
        // The knowledge base's names, once each; never the canonical, never a part of a name.
        for name in ["王毅", "وانغ يي", "왕이"] {
            assert_eq!(
                wang.names.iter().filter(|n| *n == name).count(),
                1,
                "{name} in {:?}",
                wang.names
            );
        }
        assert!(!wang.names.iter().any(|n| n == "Wang Yi" || n == "Wang"));
        // Nor a short form the knowledge base lists ("Biden" of "Joe Biden").
        let docs = vec![doc("a.txt", &[("Joe Biden", "PERSON", "Joe Biden")])];
        let biden = &corpus_entities(&docs)[0].entities[0];
        assert!(
            !biden.names.iter().any(|n| n == "Biden"),
            "{:?}",
            biden.names
        );
    }

    #[test]
    fn entities_in_more_documents_come_first() {
        let docs = vec![
            doc(
                "a.txt",
                &[
                    ("Microsoft", "ORG", "Microsoft"),
                    ("FBI", "ORG", "FBI"),
                    ("FBI", "ORG", "FBI"),
                ],
            ),
            doc("b.txt", &[("Microsoft", "ORG", "Microsoft")]),
        ];
        let groups = corpus_entities(&docs);
        let order: Vec<&str> = groups[0]
            .entities
            .iter()
            .map(|e| e.canonical.as_str())
            .collect();
        assert_eq!(order, vec!["Microsoft", "FBI"]);
    }

    #[test]
    fn a_threat_actor_lists_a_bounded_number_of_aliases_and_what_was_written() {
        let docs = vec![doc(
            "a.txt",
            &[
                ("Fancy Bear", "THREAT_ACTOR", "APT28"),
                ("Sednit", "THREAT_ACTOR", "APT28"),
            ],
        )];
        let apt28 = &corpus_entities(&docs)[0].entities[0];
        assert!(
            apt28.names.len() <= 2 + MAX_KNOWN_NAMES,
            "{:?}",
            apt28.names
        );
        for written in ["Fancy Bear", "Sednit"] {
            assert_eq!(apt28.names.iter().filter(|n| *n == written).count(), 1);
        }
    }

    #[test]
    fn a_written_name_unknown_to_the_knowledge_base_is_listed() {
        let docs = vec![doc(
            "a.txt",
            &[
                ("Adam Hodges", "PERSON", "Adam Hodges"),
                ("A. Hodges", "PERSON", "Adam Hodges"),
            ],
        )];
        let hodges = &corpus_entities(&docs)[0].entities[0];
        assert_eq!(hodges.names, vec!["A. Hodges"]);
    }

    #[test]
    fn no_documents_no_entities() {
        assert!(corpus_entities(&[]).is_empty());
    }
}
