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

/// Whether a document matches a search, and where: words are matched without regard to
/// case in the text and in the canonical names of its entities; every word must match.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchHit {
    /// Occurrences of the first word in the text.
    pub in_text: usize,
    /// Canonical names that contain a word, each once, in the document's order.
    pub entities: Vec<String>,
}

pub fn search(doc: &DocView, query: &str) -> Option<SearchHit> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return Some(SearchHit::default());
    }
    let text = doc.doc.text.to_lowercase();
    let mut entities: Vec<String> = Vec::new();
    for group in &doc.entity_groups {
        for entity in &group.entities {
            let lower = entity.canonical.to_lowercase();
            if words.iter().any(|w| lower.contains(w.as_str()))
                && !entities.contains(&entity.canonical)
            {
                entities.push(entity.canonical.clone());
            }
        }
    }
    let all_found = words.iter().all(|w| {
        text.contains(w.as_str())
            || entities
                .iter()
                .any(|e| e.to_lowercase().contains(w.as_str()))
    });
    all_found.then(|| SearchHit {
        in_text: text.matches(words[0].as_str()).count(),
        entities,
    })
}

/// Another document that tells the same story.
#[derive(Clone, Debug, PartialEq)]
pub struct SameStory {
    pub doc: String,
    pub lang: String,
    /// Cosine similarity of the two documents' entities, 0–1.
    pub similarity: f64,
}

/// Two documents whose entity profiles are at least this similar tell the same story.
pub const SAME_STORY: f64 = 0.5;
/// An entity named in more documents than this says nothing about which story a document
/// tells, and comparing every pair of them would take quadratic time.
const COMMON_ENTITY_DOCS: usize = 50;
/// Links listed per document, most similar first.
const MAX_LINKS: usize = 5;

/// For each document (same order as `docs`), the others that tell the same story: they
/// name the same people, places, organisations and actors in the same proportions. Names
/// are canonical, so a translation links to its original across scripts.
pub fn same_stories(docs: &[Rc<DocView>]) -> Vec<Vec<SameStory>> {
    let profiles = StoryProfiles::new(docs);
    (0..docs.len())
        .map(|i| profiles.links_of(docs, i))
        .collect()
}

/// The documents that tell the same story as `docs[index]` (see [`same_stories`]). The
/// reader shows these for one document at a time, so only its row is computed.
pub fn same_stories_of(docs: &[Rc<DocView>], index: usize) -> Vec<SameStory> {
    StoryProfiles::new(docs).links_of(docs, index)
}

/// Each document as a TF-IDF vector over canonical entity names, and an index of the
/// entities, through which pairs are found: the cost grows with the documents that share
/// names, not with every pair.
struct StoryProfiles<'d> {
    /// Mentions of each canonical name, per document.
    counts: Vec<HashMap<&'d str, usize>>,
    /// The documents that name each canonical name.
    postings: HashMap<&'d str, Vec<usize>>,
}

impl<'d> StoryProfiles<'d> {
    fn new(docs: &'d [Rc<DocView>]) -> StoryProfiles<'d> {
        let counts: Vec<HashMap<&str, usize>> = docs
            .iter()
            .map(|d| {
                let mut counts: HashMap<&str, usize> = HashMap::new();
                for group in &d.entity_groups {
                    for entity in &group.entities {
                        *counts.entry(entity.canonical.as_str()).or_default() +=
                            entity.mentions.len();
                    }
                }
                counts
            })
            .collect();
        let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, c) in counts.iter().enumerate() {
            for &name in c.keys() {
                postings.entry(name).or_default().push(i);
            }
        }
        StoryProfiles { counts, postings }
    }

    /// Document `i`'s weight for each of its names, and the vector's length.
    fn vector(&self, i: usize) -> (HashMap<&'d str, f64>, f64) {
        let n = self.counts.len() as f64;
        let vector: HashMap<&str, f64> = self.counts[i]
            .iter()
            .map(|(&name, &k)| {
                let idf = (1.0 + n / self.postings[name].len() as f64).ln();
                (name, (1.0 + (k as f64).ln()) * idf)
            })
            .collect();
        let norm = vector.values().map(|x| x * x).sum::<f64>().sqrt();
        (vector, norm)
    }

    fn links_of(&self, docs: &[Rc<DocView>], i: usize) -> Vec<SameStory> {
        let mut candidates: Vec<usize> = self.counts[i]
            .keys()
            .filter_map(|name| self.postings.get(name))
            .filter(|docs| docs.len() <= COMMON_ENTITY_DOCS)
            .flatten()
            .copied()
            .filter(|&j| j != i)
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut links = Vec::new();
        let (own, own_norm) = self.vector(i);
        if own_norm == 0.0 {
            return links;
        }
        for j in candidates {
            let (other, other_norm) = self.vector(j);
            if other_norm == 0.0 {
                continue;
            }
            let dot: f64 = own
                .iter()
                .filter_map(|(name, x)| other.get(name).map(|y| x * y))
                .sum();
            let similarity = dot / (own_norm * other_norm);
            if similarity >= SAME_STORY {
                links.push(SameStory {
                    doc: docs[j].doc.name.clone(),
                    lang: docs[j].doc.lang.clone(),
                    similarity,
                });
            }
        }
        links.sort_by(|a, b| {
            b.similarity
                .total_cmp(&a.similarity)
                .then_with(|| a.doc.cmp(&b.doc))
        });
        links.truncate(MAX_LINKS);
        links
    }
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

    #[test]
    fn search_matches_words_in_text_or_canonical_names_ignoring_case() {
        let d = doc(
            "ar.txt",
            &[
                ("وانغ يي", "PERSON", "Wang Yi"),
                ("الصين", "PLACE", "China"),
            ],
        );
        let hit = search(&d, "wang").unwrap();
        assert_eq!(hit.entities, vec!["Wang Yi"]);
        assert_eq!(hit.in_text, 0);
        assert!(
            search(&d, "وانغ CHINA").is_some(),
            "a word in the text and one in a name"
        );
        assert_eq!(search(&d, "وانغ").unwrap().in_text, 1);
        assert!(search(&d, "wang biden").is_none(), "every word must match");
        assert_eq!(search(&d, "  "), Some(SearchHit::default()));
    }

    #[test]
    fn a_translation_tells_the_same_story_and_an_unrelated_report_does_not() {
        let en = doc(
            "en.txt",
            &[
                ("Wang Yi", "PERSON", "Wang Yi"),
                ("Blinken", "PERSON", "Antony Blinken"),
                ("Blinken", "PERSON", "Antony Blinken"),
                ("Beijing", "PLACE", "Beijing"),
                ("APT41", "THREAT_ACTOR", "APT41"),
            ],
        );
        let ar = doc(
            "ar.txt",
            &[
                ("وانغ يي", "PERSON", "Wang Yi"),
                ("بلينكن", "PERSON", "Antony Blinken"),
                ("بلينكن", "PERSON", "Antony Blinken"),
                ("بكين", "PLACE", "Beijing"),
            ],
        );
        let other = doc(
            "other.txt",
            &[
                ("Beijing", "PLACE", "Beijing"),
                ("Lazarus", "THREAT_ACTOR", "Lazarus Group"),
                ("Seoul", "PLACE", "Seoul"),
            ],
        );
        let docs = [en, ar, other];
        let links = same_stories(&docs);
        let names = |i: usize| links[i].iter().map(|l| l.doc.as_str()).collect::<Vec<_>>();
        assert_eq!(names(0), vec!["ar.txt"]);
        assert_eq!(names(1), vec!["en.txt"]);
        assert!(names(2).is_empty());
        assert!(links[0][0].similarity > 0.7, "{}", links[0][0].similarity);
        for (i, row) in links.iter().enumerate() {
            assert_eq!(&same_stories_of(&docs, i), row, "document {i} alone");
        }
    }

    #[test]
    fn documents_that_only_share_very_common_names_are_not_compared() {
        // 60 identical bulk reports: every name is in more than COMMON_ENTITY_DOCS of them.
        let docs: Vec<Rc<DocView>> = (0..60)
            .map(|i| doc(&format!("{i}.txt"), &[("China", "PLACE", "China")]))
            .collect();
        assert!(same_stories(&docs).iter().all(Vec::is_empty));
    }
}
