//! A reader's own names: their threat actors, officials or companies, with a type and a
//! canonical name, applied over the engine's annotations in the web app and the CLI.
//!
//! The list is plain text, one name per line: `name <TAB> TYPE <TAB> canonical` (commas
//! work too; the canonical name is optional and defaults to the name). Lines starting with
//! `#` and blank lines are ignored. Pure code, like the engine.

use aho_corasick::{AhoCorasick, MatchKind};

use crate::engine::script::{is_arabic, is_boundary, is_cjk, is_hangul};
use crate::engine::EntityLabel;
use crate::export::{sort_annotations, Annotation, ExportDocument, Layer, Source};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub label: EntityLabel,
    pub canonical: String,
}

/// The reader's names, ready to match.
#[derive(Clone, Debug, Default)]
pub struct Dictionary {
    entries: Vec<Entry>,
    matcher: Option<AhoCorasick>,
}

impl PartialEq for Dictionary {
    fn eq(&self, other: &Self) -> bool {
        self.entries == other.entries
    }
}

impl Dictionary {
    /// Reads a list, keeping every good line; each bad line is named with its reason.
    /// A name listed twice keeps its first line.
    pub fn parse(text: &str) -> (Dictionary, Vec<String>) {
        let mut entries: Vec<Entry> = Vec::new();
        let mut problems = Vec::new();
        for (number, line) in text.lines().enumerate() {
            let line = line.trim_start_matches('\u{feff}').trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let cells: Vec<&str> = if line.contains('\t') {
                line.split('\t').map(str::trim).collect()
            } else {
                line.split(',').map(str::trim).collect()
            };
            let at = number + 1;
            let (Some(&name), Some(&kind)) = (cells.first(), cells.get(1)) else {
                problems.push(format!(
                    "line {at}: expected \"name, TYPE, canonical name\", found \"{line}\""
                ));
                continue;
            };
            let Some(label) = EntityLabel::parse(&kind.to_uppercase()) else {
                problems.push(format!(
                    "line {at}: unknown type \"{kind}\" (use PERSON, ORG, PLACE or THREAT_ACTOR)"
                ));
                continue;
            };
            if name.is_empty() {
                problems.push(format!("line {at}: the name is empty"));
                continue;
            }
            if cells.len() > 3 {
                problems.push(format!(
                    "line {at}: more than three cells; is there a comma in a name? Separate the cells with tabs"
                ));
                continue;
            }
            let canonical = cells
                .get(2)
                .copied()
                .filter(|c| !c.is_empty())
                .unwrap_or(name);
            if entries.iter().any(|e| e.name == name) {
                problems.push(format!(
                    "line {at}: \"{name}\" is listed twice; the first line is kept"
                ));
                continue;
            }
            entries.push(Entry {
                name: name.to_string(),
                label,
                canonical: canonical.to_string(),
            });
        }
        (Dictionary::from_entries(entries), problems)
    }

    pub fn from_entries(entries: Vec<Entry>) -> Dictionary {
        let matcher = (!entries.is_empty())
            .then(|| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(entries.iter().map(|e| e.name.as_str()))
                    .ok()
            })
            .flatten();
        Dictionary { entries, matcher }
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether any listed name occurs in `text` (as a substring; a quick test before
    /// annotating again).
    pub fn occurs_in(&self, text: &str) -> bool {
        self.matcher.as_ref().is_some_and(|m| m.is_match(text))
    }

    /// The list in the form [`Dictionary::parse`] reads: tab-separated, one name per line.
    pub fn to_tsv(&self) -> String {
        self.entries
            .iter()
            .map(|e| format!("{}\t{}\t{}\n", e.name, e.label.as_str(), e.canonical))
            .collect()
    }

    /// `doc` with an entity annotation for every listed name found in its text. The
    /// reader's names win over the engine's entities they overlap; annotations made or
    /// checked by hand are never touched, and no name is annotated inside one.
    pub fn apply(&self, doc: &ExportDocument) -> ExportDocument {
        let Some(matcher) = &self.matcher else {
            return doc.clone();
        };
        let text = doc.text.as_str();
        // Byte offsets of matches, then code points for the annotations.
        let mut found: Vec<(usize, usize, &Entry)> = Vec::new();
        for m in matcher.find_iter(text) {
            let entry = &self.entries[m.pattern().as_usize()];
            if whole_name(text, m.start(), m.end()) {
                found.push((m.start(), m.end(), entry));
            }
        }
        if found.is_empty() {
            return doc.clone();
        }
        // Matches come in text order, so code points are counted once, from match to match.
        let mut chars_before = 0;
        let mut last_byte = 0;
        let mut added: Vec<Annotation> = Vec::new();
        for (start, end, entry) in found {
            chars_before += text[last_byte..start].chars().count();
            last_byte = start;
            let start_char = chars_before;
            let end_char = start_char + text[start..end].chars().count();
            added.push(Annotation {
                layer: Layer::Entity,
                label: Some(entry.label.as_str().to_string()),
                start: start_char,
                end: end_char,
                text: entry.name.clone(),
                canonical: Some(entry.canonical.clone()),
                source: Source::Auto,
                event: None,
            });
        }
        let overlaps = |a: &Annotation, b: &Annotation| a.start < b.end && b.start < a.end;
        let manual: Vec<&Annotation> = doc
            .annotations
            .iter()
            .filter(|a| a.layer == Layer::Entity && a.source == Source::Manual)
            .collect();
        added.retain(|new| !manual.iter().any(|m| overlaps(m, new)));
        let mut annotations: Vec<Annotation> = doc
            .annotations
            .iter()
            .filter(|a| {
                a.layer != Layer::Entity
                    || a.source == Source::Manual
                    || !added.iter().any(|new| overlaps(a, new))
            })
            .cloned()
            .collect();
        annotations.extend(added);
        sort_annotations(&mut annotations);
        ExportDocument {
            annotations,
            ..doc.clone()
        }
    }
}

/// A match is a name only where it is not part of a longer word. Names in scripts written
/// without spaces (Chinese, Japanese) match anywhere; Korean names may take a particle
/// after them, and Arabic names a proclitic before them, as the engine allows.
fn whole_name(text: &str, start: usize, end: usize) -> bool {
    let name = &text[start..end];
    let (Some(first), Some(last)) = (name.chars().next(), name.chars().next_back()) else {
        return false;
    };
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let left_free = is_cjk(first) || is_hangul(first) || is_arabic(first);
    let right_free = is_cjk(last) || is_hangul(last);
    (left_free || is_boundary(before, Some(first)))
        && (right_free || is_boundary(Some(last), after))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str, annotations: Vec<Annotation>) -> ExportDocument {
        ExportDocument {
            name: "a.txt".into(),
            lang: "en".into(),
            text: text.into(),
            annotations,
        }
    }

    fn entity(start: usize, end: usize, text: &str, label: &str, source: Source) -> Annotation {
        Annotation {
            layer: Layer::Entity,
            label: Some(label.into()),
            start,
            end,
            text: text.into(),
            canonical: Some(text.into()),
            source,
            event: None,
        }
    }

    fn spans(doc: &ExportDocument) -> Vec<String> {
        doc.annotations
            .iter()
            .map(|a| {
                format!(
                    "{}:{}={}",
                    a.label.as_deref().unwrap_or(a.layer.as_str()),
                    a.text,
                    a.canonical.as_deref().unwrap_or("")
                )
            })
            .collect()
    }

    #[test]
    fn a_list_is_read_line_by_line_and_bad_lines_are_named() {
        let (dict, problems) = Dictionary::parse(
            "# my actors\nHarbor Lantern\tTHREAT_ACTOR\tUNC9999\nAna Petrova, person\n\nBad line\nX, WEAPON, Y\nAna Petrova, ORG\n",
        );
        let names: Vec<(&str, &str, &str)> = dict
            .entries()
            .iter()
            .map(|e| (e.name.as_str(), e.label.as_str(), e.canonical.as_str()))
            .collect();
        assert_eq!(
            names,
            vec![
                ("Harbor Lantern", "THREAT_ACTOR", "UNC9999"),
                ("Ana Petrova", "PERSON", "Ana Petrova")
            ]
        );
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].starts_with("line 5:"), "{problems:?}");
        assert!(problems[1].contains("WEAPON"));
        assert!(problems[2].contains("twice"));
        let (again, none) = Dictionary::parse(&dict.to_tsv());
        assert_eq!((again, none.len()), (dict, 0));
    }

    #[test]
    fn names_are_annotated_as_whole_words_with_their_canonical_name() {
        let (dict, _) =
            Dictionary::parse("Lantern\tTHREAT_ACTOR\tUNC9999\n王小明\tPERSON\tWang Xiaoming\n");
        let d = dict.apply(&doc("Lantern and Lanterns; 王小明说 Lantern.", Vec::new()));
        assert_eq!(
            spans(&d),
            vec![
                "THREAT_ACTOR:Lantern=UNC9999",
                "PERSON:王小明=Wang Xiaoming",
                "THREAT_ACTOR:Lantern=UNC9999"
            ]
        );
        // Offsets are code points.
        assert_eq!((d.annotations[1].start, d.annotations[1].end), (22, 25));
    }

    #[test]
    fn the_readers_names_win_over_automatic_ones_but_never_over_manual_work() {
        let text = "Ana Petrova met Harbor Lantern.";
        let (dict, _) =
            Dictionary::parse("Ana Petrova\tPERSON\nHarbor Lantern\tTHREAT_ACTOR\tUNC9999\n");
        let d = dict.apply(&doc(
            text,
            vec![
                entity(0, 3, "Ana", "ORG", Source::Auto),
                entity(16, 22, "Harbor", "PLACE", Source::Manual),
            ],
        ));
        assert_eq!(
            spans(&d),
            vec!["PERSON:Ana Petrova=Ana Petrova", "PLACE:Harbor=Harbor"]
        );
    }

    #[test]
    fn an_empty_list_changes_nothing() {
        let d = doc(
            "Ana Petrova.",
            vec![entity(0, 3, "Ana", "ORG", Source::Auto)],
        );
        assert_eq!(Dictionary::default().apply(&d), d);
    }
}
