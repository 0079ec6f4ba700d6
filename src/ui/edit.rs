//! Changes a reader makes by hand to a document's annotations. Every edited or added
//! annotation becomes `source: "manual"`, so it is told apart from the engine's in every
//! export and kept when the engine runs again.
//!
//! Plain Rust (no Yew, no DOM), tested natively.

use crate::engine::CodePointIndex;
use crate::export::{sort_annotations, Annotation, ExportDocument, Layer, Source};

/// One change to one document's annotations. `index` is a position in the document's
/// (sorted) annotation list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// A new annotation over code points `start..end` (trimmed of surrounding spaces).
    Add {
        layer: Layer,
        label: Option<String>,
        start: usize,
        end: usize,
    },
    /// A different entity label.
    Relabel {
        index: usize,
        label: String,
    },
    /// A different canonical name (an empty one means "the text itself").
    SetCanonical {
        index: usize,
        canonical: String,
    },
    /// New bounds, e.g. one character more or less at either end.
    Move {
        index: usize,
        start: usize,
        end: usize,
    },
    Remove {
        index: usize,
    },
    /// An automatic annotation the reader has checked: kept as it is, marked manual.
    Confirm {
        index: usize,
    },
}

/// The entity labels a reader can choose, in the guidelines' order.
pub const ENTITY_LABELS: [&str; 4] = ["PERSON", "ORG", "PLACE", "THREAT_ACTOR"];

/// The document after `edit`, and the index of the annotation it touched (none after a
/// removal). An edit that makes no sense (an empty span, an index out of range, an unknown
/// label) is refused with the reason, and the document is left as it was.
pub fn apply_edit(
    doc: &ExportDocument,
    edit: &Edit,
) -> Result<(ExportDocument, Option<usize>), String> {
    let mut next = doc.clone();
    let n_chars = doc.text.chars().count();
    let index = CodePointIndex::new(&doc.text);
    let slice = |start: usize, end: usize| doc.text[index.byte(start)..index.byte(end)].to_string();
    let existing = |i: usize| {
        doc.annotations
            .get(i)
            .cloned()
            .ok_or_else(|| format!("there is no annotation {i} in {}", doc.name))
    };
    let touched: Annotation = match edit {
        Edit::Add {
            layer,
            label,
            start,
            end,
        } => {
            let (start, end) = trimmed(&doc.text, &index, *start, (*end).min(n_chars));
            if start >= end {
                return Err("select some text first: the selection is empty".into());
            }
            let label = match layer {
                Layer::Entity => {
                    let label = label.clone().unwrap_or_default();
                    check_entity_label(&label)?;
                    Some(label)
                }
                _ => None,
            };
            let text = slice(start, end);
            let canonical = (*layer == Layer::Entity).then(|| text.clone());
            let added = Annotation {
                layer: *layer,
                label,
                start,
                end,
                text,
                canonical,
                source: Source::Manual,
                event: None,
            };
            // Adding what the engine already found confirms it instead of doubling it.
            match next.annotations.iter().position(|a| {
                (a.layer, a.start, a.end, &a.label) == (added.layer, start, end, &added.label)
            }) {
                Some(same) => {
                    next.annotations[same].source = Source::Manual;
                    next.annotations[same].clone()
                }
                None => {
                    next.annotations.push(added.clone());
                    added
                }
            }
        }
        Edit::Relabel { index: i, label } => {
            let mut a = existing(*i)?;
            if a.layer != Layer::Entity {
                return Err(
                    "only entities have a label; incident and pledge sentences do not".into(),
                );
            }
            check_entity_label(label)?;
            a.label = Some(label.clone());
            a.source = Source::Manual;
            next.annotations[*i] = a.clone();
            a
        }
        Edit::SetCanonical {
            index: i,
            canonical,
        } => {
            let mut a = existing(*i)?;
            if a.layer != Layer::Entity {
                return Err("only entities have a canonical name".into());
            }
            let canonical = canonical.trim();
            a.canonical = Some(if canonical.is_empty() {
                a.text.clone()
            } else {
                canonical.to_string()
            });
            a.source = Source::Manual;
            next.annotations[*i] = a.clone();
            a
        }
        Edit::Move {
            index: i,
            start,
            end,
        } => {
            let mut a = existing(*i)?;
            let (start, end) = trimmed(&doc.text, &index, *start, (*end).min(n_chars));
            if start >= end {
                return Err("an annotation needs at least one character".into());
            }
            let old_text = a.text.clone();
            a.start = start;
            a.end = end;
            a.text = slice(start, end);
            // The canonical name of an entity added by hand was only its text: it follows
            // the text. One from the knowledge base names the entity and stays.
            if a.source == Source::Manual && a.canonical.as_deref() == Some(old_text.as_str()) {
                a.canonical = Some(a.text.clone());
            }
            a.source = Source::Manual;
            next.annotations[*i] = a.clone();
            a
        }
        Edit::Remove { index: i } => {
            existing(*i)?;
            next.annotations.remove(*i);
            return Ok((next, None));
        }
        Edit::Confirm { index: i } => {
            let mut a = existing(*i)?;
            a.source = Source::Manual;
            next.annotations[*i] = a.clone();
            a
        }
    };
    sort_annotations(&mut next.annotations);
    let at = next.annotations.iter().position(|a| *a == touched);
    Ok((next, at))
}

fn check_entity_label(label: &str) -> Result<(), String> {
    if ENTITY_LABELS.contains(&label) {
        Ok(())
    } else {
        Err(format!(
            "\"{label}\" is not an entity label (one of {})",
            ENTITY_LABELS.join(", ")
        ))
    }
}

/// `start..end` without the white space at either end (a selection made by dragging often
/// takes the space after a word).
fn trimmed(text: &str, index: &CodePointIndex, start: usize, end: usize) -> (usize, usize) {
    if start >= end {
        return (start, start);
    }
    let piece = &text[index.byte(start)..index.byte(end)];
    let leading = piece.chars().take_while(|c| c.is_whitespace()).count();
    let trailing = piece
        .chars()
        .rev()
        .take_while(|c| c.is_whitespace())
        .count();
    let start = start + leading;
    (start, end.saturating_sub(trailing).max(start))
}

/// Annotations made or checked by hand survive a new run of the engine: the new automatic
/// annotations are kept unless a manual one of the same layer overlaps them.
pub fn merge_rerun(previous: &ExportDocument, rerun: &ExportDocument) -> ExportDocument {
    let manual: Vec<&Annotation> = previous
        .annotations
        .iter()
        .filter(|a| a.source == Source::Manual)
        .collect();
    let mut annotations: Vec<Annotation> = rerun
        .annotations
        .iter()
        .filter(|auto| {
            !manual
                .iter()
                .any(|m| m.layer == auto.layer && m.start < auto.end && auto.start < m.end)
        })
        .cloned()
        .collect();
    annotations.extend(manual.into_iter().cloned());
    sort_annotations(&mut annotations);
    ExportDocument {
        annotations,
        ..rerun.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> ExportDocument {
        ExportDocument {
            name: "a.txt".into(),
            lang: "en".into(),
            text: "Wang Yi met Antony Blinken in Beijing.".into(),
            annotations: vec![Annotation {
                layer: Layer::Entity,
                label: Some("PERSON".into()),
                start: 0,
                end: 7,
                text: "Wang Yi".into(),
                canonical: Some("Wang Yi".into()),
                source: Source::Auto,
                event: None,
            }],
        }
    }

    fn add(layer: Layer, label: Option<&str>, start: usize, end: usize) -> Edit {
        Edit::Add {
            layer,
            label: label.map(str::to_string),
            start,
            end,
        }
    }

    #[test]
    fn adding_takes_the_selected_text_trimmed_and_is_manual() {
        // " Antony Blinken " with the spaces around it, as a drag selects it.
        let (next, at) = apply_edit(&doc(), &add(Layer::Entity, Some("PERSON"), 11, 27)).unwrap();
        let a = &next.annotations[at.unwrap()];
        assert_eq!(
            (a.start, a.end, a.text.as_str()),
            (12, 26, "Antony Blinken")
        );
        assert_eq!(a.source, Source::Manual);
        assert_eq!(a.canonical.as_deref(), Some("Antony Blinken"));
        assert_eq!(next.annotations.len(), 2);
        // Sorted by position like every annotation list.
        assert!(next
            .annotations
            .windows(2)
            .all(|w| w[0].start <= w[1].start));
    }

    #[test]
    fn adding_a_sentence_has_no_label_and_no_canonical() {
        let (next, at) = apply_edit(&doc(), &add(Layer::Incident, Some("PERSON"), 0, 38)).unwrap();
        let a = &next.annotations[at.unwrap()];
        assert_eq!(
            (a.layer, a.label.as_deref(), a.canonical.as_deref()),
            (Layer::Incident, None, None)
        );
    }

    #[test]
    fn adding_what_the_engine_found_confirms_it() {
        let (next, at) = apply_edit(&doc(), &add(Layer::Entity, Some("PERSON"), 0, 7)).unwrap();
        assert_eq!(next.annotations.len(), 1);
        assert_eq!(at, Some(0));
        assert_eq!(next.annotations[0].source, Source::Manual);
    }

    #[test]
    fn nonsense_is_refused_with_a_reason() {
        let cases = [
            add(Layer::Entity, Some("PERSON"), 3, 3),
            // A lone space trims to nothing.
            add(Layer::Entity, Some("PERSON"), 7, 8),
            add(Layer::Entity, Some("WEAPON"), 0, 4),
            add(Layer::Entity, None, 0, 4),
            Edit::Remove { index: 9 },
            Edit::Relabel {
                index: 0,
                label: "NOPE".into(),
            },
        ];
        for edit in &cases {
            let refused = apply_edit(&doc(), edit);
            assert!(refused.is_err(), "{edit:?} was accepted");
            assert!(!refused.unwrap_err().is_empty());
        }
    }

    #[test]
    fn relabel_move_canonical_confirm_and_remove() {
        let (d, _) = apply_edit(
            &doc(),
            &Edit::Move {
                index: 0,
                start: 0,
                end: 4,
            },
        )
        .unwrap();
        assert_eq!(d.annotations[0].text, "Wang");
        assert_eq!(
            d.annotations[0].canonical.as_deref(),
            Some("Wang Yi"),
            "the engine's canonical name stays"
        );
        let (added, at) = apply_edit(&doc(), &add(Layer::Entity, Some("PLACE"), 30, 37)).unwrap();
        let (moved, _) = apply_edit(
            &added,
            &Edit::Move {
                index: at.unwrap(),
                start: 29,
                end: 38,
            },
        )
        .unwrap();
        let place = &moved.annotations[1];
        assert_eq!(
            (place.text.as_str(), place.canonical.as_deref()),
            ("Beijing.", Some("Beijing.")),
            "a hand-made canonical name follows its text"
        );

        let (d, at) = apply_edit(
            &d,
            &Edit::Relabel {
                index: 0,
                label: "ORG".into(),
            },
        )
        .unwrap();
        assert_eq!(
            (d.annotations[0].label.as_deref(), at),
            (Some("ORG"), Some(0))
        );
        assert_eq!(d.annotations[0].source, Source::Manual);

        let (d, _) = apply_edit(
            &d,
            &Edit::SetCanonical {
                index: 0,
                canonical: "  王毅 ".into(),
            },
        )
        .unwrap();
        assert_eq!(d.annotations[0].canonical.as_deref(), Some("王毅"));

        let (d, at) = apply_edit(&d, &Edit::Remove { index: 0 }).unwrap();
        assert!(d.annotations.is_empty());
        assert_eq!(at, None);

        let (confirmed, _) = apply_edit(&doc(), &Edit::Confirm { index: 0 }).unwrap();
        assert_eq!(confirmed.annotations[0].source, Source::Manual);
        assert_eq!(
            Annotation {
                source: Source::Auto,
                ..confirmed.annotations[0].clone()
            },
            doc().annotations[0]
        );
    }

    #[test]
    fn offsets_are_code_points_in_any_script() {
        let d = ExportDocument {
            text: "قال وانغ يي إن الصين".into(),
            annotations: Vec::new(),
            ..doc()
        };
        let (next, at) = apply_edit(&d, &add(Layer::Entity, Some("PERSON"), 4, 11)).unwrap();
        assert_eq!(next.annotations[at.unwrap()].text, "وانغ يي");
    }

    #[test]
    fn a_rerun_keeps_manual_work_and_drops_automatic_annotations_it_overlaps() {
        let (mine, _) = apply_edit(
            &doc(),
            &Edit::Relabel {
                index: 0,
                label: "ORG".into(),
            },
        )
        .unwrap();
        let mut rerun = doc();
        rerun.annotations.push(Annotation {
            layer: Layer::Entity,
            label: Some("PLACE".into()),
            start: 30,
            end: 37,
            text: "Beijing".into(),
            canonical: Some("Beijing".into()),
            source: Source::Auto,
            event: None,
        });
        let merged = merge_rerun(&mine, &rerun);
        let labels: Vec<(&str, Source)> = merged
            .annotations
            .iter()
            .map(|a| (a.label.as_deref().unwrap(), a.source))
            .collect();
        assert_eq!(
            labels,
            vec![("ORG", Source::Manual), ("PLACE", Source::Auto)]
        );
    }
}
