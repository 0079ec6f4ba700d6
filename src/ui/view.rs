//! What the reader and the sidebar show of one annotated document, computed once when the
//! document loads.
//!
//! This module is plain Rust (no Yew, no DOM) so the tricky part of the web app, turning
//! code point annotations into nested runs of text, is tested natively with `cargo test`.
//!
//! The interchange annotations count code points; Rust slices text by bytes. The conversion
//! happens in exactly one place, [`byte_range`]; everything after it works on byte offsets.

use std::collections::BTreeMap;

use crate::engine::{CodePointIndex, EntityLabel};
use crate::export::{Annotation, ExportDocument, Layer};

/// A page of a document ends after this many lines…
pub const LINES_PER_PAGE: usize = 400;
/// …or once its lines hold this many bytes, whichever comes first.
pub const BYTES_PER_PAGE: usize = 64 * 1024;

/// A loaded document and its rendering plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocView {
    /// The document exactly as the export writes it.
    pub doc: ExportDocument,
    /// Each line of the text as a byte range (`\n` separated, a trailing `\r` dropped). A
    /// line's highlight runs ([`DocView::line`]) are worked out when it is shown: the reader
    /// shows a page at a time, and planning every line of every loaded document up front
    /// cost memory and time on arrival for lines nobody may look at.
    line_ranges: Vec<(usize, usize)>,
    /// The annotations touching each line: those of line `i` are
    /// `line_members[line_member_starts[i]..line_member_starts[i + 1]]`.
    line_member_starts: Vec<usize>,
    line_members: Vec<usize>,
    /// Each annotation's byte range in the text.
    ranges: Vec<(usize, usize)>,
    /// The line holding each annotation's first visible piece, which carries its anchor.
    anchor_line: Vec<usize>,
    /// For each annotation (same index as `doc.annotations`), the line it starts on.
    pub line_of_annotation: Vec<usize>,
    /// Entities grouped by label (in [`EntityLabel::ALL`] order), then by canonical name.
    pub entity_groups: Vec<LabelGroup>,
    /// Indices of incident-sentence annotations, in text order.
    pub incidents: Vec<usize>,
    /// Indices of pledge-sentence annotations, in text order.
    pub pledges: Vec<usize>,
    pub n_entities: usize,
    /// The code point offset where each line starts, to turn a selection in the page into
    /// offsets of the text.
    pub line_starts: Vec<usize>,
    /// The first line of each page. The reader renders whole pages, the first at once and
    /// the rest on request, so a long document never puts all its highlights in the DOM at
    /// once (long documents are where annotation tools freeze).
    pub pages: Vec<usize>,
}

/// The entities of one label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelGroup {
    pub label: String,
    /// Sorted by number of mentions (most first), then by name.
    pub entities: Vec<EntityGroup>,
}

/// All mentions of one canonical entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityGroup {
    pub label: String,
    pub canonical: String,
    /// Annotation indices, in text order.
    pub mentions: Vec<usize>,
}

/// One line of text, as a sequence of pieces.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Line {
    pub pieces: Vec<Piece>,
}

/// A top-level piece of a line: text outside any highlighted sentence, or one highlighted
/// sentence with the entities inside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Plain(Inline),
    Sentence(SentencePiece),
}

/// A highlighted sentence. When a sentence is both an incident and a pledge, `layers` holds
/// both, outermost first, and they are rendered as two nested elements.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SentencePiece {
    pub layers: Vec<LayerRef>,
    pub children: Vec<Inline>,
}

/// One sentence annotation wrapping a piece.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LayerRef {
    pub layer: Layer,
    pub annotation: usize,
    /// True on the first piece of the annotation: that element carries the anchor id.
    pub first: bool,
}

/// A run of text, possibly an entity mention: a byte range of the document's text (not a
/// copy of it, which for a large corpus would hold every text twice).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inline {
    pub start: usize,
    pub end: usize,
    pub entity: Option<EntityRef>,
}

impl Inline {
    /// The run's text, out of its document's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EntityRef {
    pub annotation: usize,
    /// True on the first piece of the mention: that element carries the anchor id.
    pub first: bool,
}

/// The DOM id of the element that anchors annotation `index` of the shown document.
pub fn anchor_id(index: usize) -> String {
    format!("ann-{index}")
}

/// The byte range of an annotation in `text`: the one place code points become bytes.
/// Out-of-range or reversed offsets are clamped rather than trusted.
pub fn byte_range(index: &CodePointIndex, annotation: &Annotation) -> (usize, usize) {
    let start = index.byte(annotation.start);
    let end = index.byte(annotation.end).max(start);
    (start, end)
}

impl DocView {
    pub fn new(doc: ExportDocument) -> DocView {
        let text = doc.text.as_str();
        let index = CodePointIndex::new(text);
        let ranges: Vec<(usize, usize)> = doc
            .annotations
            .iter()
            .map(|a| byte_range(&index, a))
            .collect();

        // Line boundaries as byte ranges, without the newline (and a Windows `\r`).
        let mut line_ranges: Vec<(usize, usize)> = Vec::new();
        let mut line_start = 0;
        for (i, _) in text.match_indices('\n') {
            line_ranges.push((line_start, i));
            line_start = i + 1;
        }
        line_ranges.push((line_start, text.len()));
        for range in &mut line_ranges {
            if text[range.0..range.1].ends_with('\r') {
                range.1 -= 1;
            }
        }
        let line_starts: Vec<usize> = line_ranges.iter().map(|r| r.0).collect();
        let line_at = |byte: usize| {
            line_starts
                .partition_point(|&s| s <= byte)
                .saturating_sub(1)
        };

        // Every annotation goes to each line it touches (sentences should never cross a
        // line, but a document that breaks that rule still renders every character).
        let mut line_of_annotation = Vec::with_capacity(ranges.len());
        let mut anchor_line = Vec::with_capacity(ranges.len());
        let mut line_member_starts = vec![0; line_ranges.len() + 1];
        let lines_of = |(start, end): (usize, usize)| {
            let first = line_at(start);
            let last = if end > start { line_at(end - 1) } else { first };
            (first, last)
        };
        for &range in &ranges {
            let (first, last) = lines_of(range);
            line_of_annotation.push(first);
            // The first line where something of it is left once clipped (an annotation
            // starting on a line's "\r" shows from the next line on).
            let visible = |l: usize| {
                let (line_start, line_end) = line_ranges[l];
                range.0.max(line_start) < range.1.min(line_end)
            };
            anchor_line.push((first..=last).find(|&l| visible(l)).unwrap_or(first));
            for l in first..=last {
                line_member_starts[l + 1] += 1;
            }
        }
        for l in 0..line_ranges.len() {
            line_member_starts[l + 1] += line_member_starts[l];
        }
        let mut line_members = vec![0; line_member_starts[line_ranges.len()]];
        let mut next = line_member_starts.clone();
        for (i, &range) in ranges.iter().enumerate() {
            let (first, last) = lines_of(range);
            for l in first..=last {
                line_members[next[l]] = i;
                next[l] += 1;
            }
        }

        let mut by_entity: BTreeMap<(usize, &str, &str), Vec<usize>> = BTreeMap::new();
        let mut incidents = Vec::new();
        let mut pledges = Vec::new();
        for (i, a) in doc.annotations.iter().enumerate() {
            match a.layer {
                Layer::Entity => {
                    let label = a.label.as_deref().unwrap_or("");
                    let canonical = a.canonical.as_deref().unwrap_or(a.text.as_str());
                    by_entity
                        .entry((label_rank(label), label, canonical))
                        .or_default()
                        .push(i);
                }
                Layer::Incident => incidents.push(i),
                Layer::Pledge => pledges.push(i),
            }
        }
        let n_entities = by_entity.values().map(Vec::len).sum();
        let mut entity_groups: Vec<LabelGroup> = Vec::new();
        for ((_, label, canonical), mentions) in by_entity {
            let group = EntityGroup {
                label: label.to_string(),
                canonical: canonical.to_string(),
                mentions,
            };
            match entity_groups.last_mut() {
                Some(last) if last.label == label => last.entities.push(group),
                _ => entity_groups.push(LabelGroup {
                    label: label.to_string(),
                    entities: vec![group],
                }),
            }
        }
        for group in &mut entity_groups {
            group.entities.sort_by(|a, b| {
                b.mentions
                    .len()
                    .cmp(&a.mentions.len())
                    .then_with(|| a.canonical.cmp(&b.canonical))
            });
        }

        let mut line_starts = Vec::with_capacity(line_ranges.len());
        let (mut chars, mut bytes) = (0, 0);
        for &(start, _) in &line_ranges {
            chars += text[bytes..start].chars().count();
            bytes = start;
            line_starts.push(chars);
        }
        let pages = paginate(&line_ranges);
        DocView {
            line_starts,
            doc,
            line_ranges,
            line_member_starts,
            line_members,
            ranges,
            anchor_line,
            line_of_annotation,
            entity_groups,
            incidents,
            pledges,
            n_entities,
            pages,
        }
    }

    pub fn n_lines(&self) -> usize {
        self.line_ranges.len()
    }

    /// Line `i` as runs of text and highlights, `None` past the end.
    pub fn line(&self, i: usize) -> Option<Line> {
        let range = *self.line_ranges.get(i)?;
        let members =
            &self.line_members[self.line_member_starts[i]..self.line_member_starts[i + 1]];
        let mut anchored: Vec<usize> = Vec::new();
        let mut first = |annotation: usize| {
            let first = self.anchor_line[annotation] == i && !anchored.contains(&annotation);
            anchored.push(annotation);
            first
        };
        Some(build_line(
            range,
            members,
            &self.doc.annotations,
            &self.ranges,
            &mut first,
        ))
    }

    /// How many lines the first `n_pages` pages hold.
    pub fn lines_in_pages(&self, n_pages: usize) -> usize {
        self.pages.get(n_pages).copied().unwrap_or(self.n_lines())
    }

    /// The page a line is on.
    pub fn page_of_line(&self, line: usize) -> usize {
        self.pages
            .partition_point(|&start| start <= line)
            .saturating_sub(1)
    }

    pub fn n_incidents(&self) -> usize {
        self.incidents.len()
    }

    pub fn n_pledges(&self) -> usize {
        self.pledges.len()
    }
}

/// Splits lines (as byte ranges) into pages of at most [`LINES_PER_PAGE`] lines and,
/// unless a single line is longer, [`BYTES_PER_PAGE`] bytes.
fn paginate(line_ranges: &[(usize, usize)]) -> Vec<usize> {
    let mut pages = vec![0];
    let (mut n_lines, mut n_bytes) = (0, 0);
    for (i, &(start, end)) in line_ranges.iter().enumerate() {
        if n_lines > 0 && (n_lines == LINES_PER_PAGE || n_bytes + (end - start) > BYTES_PER_PAGE) {
            pages.push(i);
            n_lines = 0;
            n_bytes = 0;
        }
        n_lines += 1;
        n_bytes += end - start;
    }
    pages
}

/// Known labels first, in the guidelines' order; anything else after them.
pub fn label_rank(label: &str) -> usize {
    EntityLabel::parse(label).map_or(EntityLabel::ALL.len(), |l| {
        EntityLabel::ALL.iter().position(|&x| x == l).unwrap_or(0)
    })
}

/// A sentence highlight clipped to one line: its byte range and the annotations on it.
struct Block {
    start: usize,
    end: usize,
    layers: Vec<(Layer, usize)>,
}

fn build_line(
    (line_start, line_end): (usize, usize),
    members: &[usize],
    annotations: &[Annotation],
    ranges: &[(usize, usize)],
    // Whether this is the annotation's first piece (called once per piece, in order).
    first: &mut impl FnMut(usize) -> bool,
) -> Line {
    let clip = |i: usize| {
        (
            ranges[i].0.clamp(line_start, line_end),
            ranges[i].1.clamp(line_start, line_end),
        )
    };

    // Sentence blocks: annotations with the same range share one block; a block that
    // overlaps an earlier one loses the overlapping part, so blocks never cross.
    let mut sentence_members: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| annotations[i].layer != Layer::Entity)
        .collect();
    sentence_members.sort_by_key(|&i| {
        (
            clip(i).0,
            std::cmp::Reverse(clip(i).1),
            annotations[i].layer,
        )
    });
    let mut blocks: Vec<Block> = Vec::new();
    for i in sentence_members {
        let (start, end) = clip(i);
        if let Some(last) = blocks.last_mut() {
            if last.start == start && last.end == end {
                last.layers.push((annotations[i].layer, i));
                continue;
            }
        }
        let start = blocks.last().map_or(start, |b| start.max(b.end));
        if start < end {
            blocks.push(Block {
                start,
                end,
                layers: vec![(annotations[i].layer, i)],
            });
        }
    }

    // Entities likewise never overlap each other once clipped.
    let mut entity_members: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| annotations[i].layer == Layer::Entity)
        .collect();
    entity_members.sort_by_key(|&i| (clip(i).0, std::cmp::Reverse(clip(i).1)));
    let mut entities: Vec<(usize, usize, usize)> = Vec::new();
    for i in entity_members {
        let (start, end) = clip(i);
        let start = entities.last().map_or(start, |e| start.max(e.1));
        if start < end {
            entities.push((start, end, i));
        }
    }

    let mut cuts: Vec<usize> = vec![line_start, line_end];
    cuts.extend(blocks.iter().flat_map(|b| [b.start, b.end]));
    cuts.extend(entities.iter().flat_map(|e| [e.0, e.1]));
    cuts.sort_unstable();
    cuts.dedup();

    let mut pieces: Vec<Piece> = Vec::new();
    // Which block the last piece belongs to, so consecutive runs of one block join it.
    let mut open_block: Option<usize> = None;
    let (mut block_cursor, mut entity_cursor) = (0, 0);
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if a >= b {
            continue;
        }
        while block_cursor < blocks.len() && blocks[block_cursor].end <= a {
            block_cursor += 1;
        }
        while entity_cursor < entities.len() && entities[entity_cursor].1 <= a {
            entity_cursor += 1;
        }
        let block = (block_cursor < blocks.len() && blocks[block_cursor].start <= a)
            .then_some(block_cursor);
        let entity = entities
            .get(entity_cursor)
            .filter(|e| e.0 <= a)
            .map(|e| EntityRef {
                annotation: e.2,
                first: first(e.2),
            });
        let inline = Inline {
            start: a,
            end: b,
            entity,
        };
        match block {
            Some(id) if open_block == Some(id) => {
                if let Some(Piece::Sentence(sentence)) = pieces.last_mut() {
                    push_inline(&mut sentence.children, inline);
                }
            }
            Some(id) => {
                let layers = blocks[id]
                    .layers
                    .iter()
                    .map(|&(layer, annotation)| LayerRef {
                        layer,
                        annotation,
                        first: first(annotation),
                    })
                    .collect();
                pieces.push(Piece::Sentence(SentencePiece {
                    layers,
                    children: vec![inline],
                }));
                open_block = Some(id);
            }
            None => {
                open_block = None;
                match (pieces.last_mut(), &inline.entity) {
                    // Runs come in text order, each starting where the last one ended.
                    (Some(Piece::Plain(last)), None) if last.entity.is_none() => {
                        last.end = inline.end
                    }
                    _ => pieces.push(Piece::Plain(inline)),
                }
            }
        }
    }
    Line { pieces }
}

/// Appends a run, joining it to the previous one when both are plain text.
fn push_inline(children: &mut Vec<Inline>, inline: Inline) {
    match children.last_mut() {
        Some(last) if last.entity.is_none() && inline.entity.is_none() => last.end = inline.end,
        _ => children.push(inline),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::Source;

    fn ann(layer: Layer, text: &str, needle: &str, label: Option<&str>) -> Annotation {
        let byte = text.find(needle).expect("needle in text");
        let start = text[..byte].chars().count();
        let end = start + needle.chars().count();
        Annotation {
            layer,
            label: label.map(str::to_string),
            start,
            end,
            text: needle.to_string(),
            canonical: label.map(|_| needle.to_uppercase()),
            source: Source::Auto,
            event: None,
        }
    }

    fn doc(text: &str, annotations: Vec<Annotation>) -> ExportDocument {
        ExportDocument {
            name: "t.txt".into(),
            lang: "en".into(),
            text: text.into(),
            annotations,
        }
    }

    /// A compact picture of a line: `[incident …]` sentences, `{PERSON …}` entities.
    fn show(view: &DocView) -> Vec<String> {
        let inline = |i: &Inline| match i.entity {
            Some(e) => format!(
                "{{{} {}}}",
                view.doc.annotations[e.annotation]
                    .label
                    .as_deref()
                    .unwrap_or("?"),
                i.text(&view.doc.text)
            ),
            None => i.text(&view.doc.text).to_string(),
        };
        (0..view.n_lines())
            .filter_map(|i| view.line(i))
            .map(|line| {
                line.pieces
                    .iter()
                    .map(|p| match p {
                        Piece::Plain(i) => inline(i),
                        Piece::Sentence(s) => {
                            let layers: Vec<&str> =
                                s.layers.iter().map(|l| l.layer.as_str()).collect();
                            let inner: String = s.children.iter().map(inline).collect();
                            format!("[{} {}]", layers.join("+"), inner)
                        }
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn entities_nest_inside_sentences() {
        let text = "Intro. Wang Yi promised calm.\nHackers hit Microsoft.";
        let anns = vec![
            ann(Layer::Pledge, text, "Wang Yi promised calm.", None),
            ann(Layer::Entity, text, "Wang Yi", Some("PERSON")),
            ann(Layer::Incident, text, "Hackers hit Microsoft.", None),
            ann(Layer::Entity, text, "Microsoft", Some("ORG")),
        ];
        let view = DocView::new(doc(text, anns));
        assert_eq!(
            show(&view),
            vec![
                "Intro. [pledge {PERSON Wang Yi} promised calm.]",
                "[incident Hackers hit {ORG Microsoft}.]"
            ]
        );
        assert_eq!(view.line_of_annotation, vec![0, 0, 1, 1]);
        assert_eq!(view.incidents, vec![2]);
        assert_eq!(view.pledges, vec![0]);
    }

    #[test]
    fn line_starts_count_code_points_and_skip_windows_line_ends() {
        let view = DocView::new(doc("王毅说。\r\nSecond\n\nوانغ", Vec::new()));
        assert_eq!(view.line_starts, vec![0, 6, 13, 14]);
        let text: Vec<char> = view.doc.text.chars().collect();
        assert_eq!(text[view.line_starts[1]], 'S');
        assert_eq!(text[view.line_starts[3]], 'و');
    }

    #[test]
    fn code_points_not_bytes() {
        let text = "قال وانغ يي إن الصين. 王毅说。";
        let anns = vec![
            ann(Layer::Entity, text, "وانغ يي", Some("PERSON")),
            ann(Layer::Entity, text, "王毅", Some("PERSON")),
        ];
        let view = DocView::new(doc(text, anns));
        assert_eq!(
            show(&view),
            vec!["قال {PERSON وانغ يي} إن الصين. {PERSON 王毅}说。"]
        );
    }

    #[test]
    fn a_sentence_both_incident_and_pledge_nests_two_layers() {
        let text = "China vowed to stop hacking.";
        let anns = vec![
            ann(Layer::Incident, text, text, None),
            ann(Layer::Pledge, text, text, None),
        ];
        let view = DocView::new(doc(text, anns));
        assert_eq!(
            show(&view),
            vec!["[incident+pledge China vowed to stop hacking.]"]
        );
    }

    #[test]
    fn overlapping_entities_are_clipped_not_lost() {
        let text = "the United States Cyber Command said";
        let anns = vec![
            ann(Layer::Entity, text, "United States", Some("PLACE")),
            ann(Layer::Entity, text, "States Cyber Command", Some("ORG")),
        ];
        let view = DocView::new(doc(text, anns));
        assert_eq!(
            show(&view),
            vec!["the {PLACE United States}{ORG  Cyber Command} said"]
        );
    }

    #[test]
    fn a_span_across_lines_is_split_and_anchored_once() {
        let text = "one two\r\nthree four";
        let anns = vec![ann(Layer::Incident, text, "two\r\nthree", None)];
        let view = DocView::new(doc(text, anns));
        assert_eq!(
            show(&view),
            vec!["one [incident two]", "[incident three] four"]
        );
        let firsts: Vec<bool> = (0..view.n_lines())
            .filter_map(|i| view.line(i))
            .flat_map(|l| l.pieces)
            .filter_map(|p| match p {
                Piece::Sentence(s) => Some(s.layers[0].first),
                Piece::Plain(_) => None,
            })
            .collect();
        assert_eq!(firsts, vec![true, false]);
    }

    #[test]
    fn every_character_is_rendered_once() {
        let text = "a\n\nb c d\n";
        let anns = vec![
            ann(Layer::Entity, text, "c", Some("ORG")),
            ann(Layer::Pledge, text, "b c d", None),
        ];
        let view = DocView::new(doc(text, anns));
        let joined: Vec<String> = show(&view);
        assert_eq!(joined, vec!["a", "", "[pledge b {ORG c} d]", ""]);
    }

    #[test]
    fn bad_offsets_are_clamped() {
        let text = "short";
        let mut bad = ann(Layer::Entity, text, "short", Some("ORG"));
        bad.start = 3;
        bad.end = 99;
        let view = DocView::new(doc(text, vec![bad]));
        assert_eq!(show(&view), vec!["sho{ORG rt}"]);
    }

    #[test]
    fn pages_end_by_lines_or_by_bytes() {
        let short = DocView::new(doc(&"a\n".repeat(LINES_PER_PAGE * 2), vec![]));
        assert_eq!(short.pages, vec![0, LINES_PER_PAGE, 2 * LINES_PER_PAGE]);
        assert_eq!(short.lines_in_pages(1), LINES_PER_PAGE);
        assert_eq!(short.lines_in_pages(9), short.n_lines());
        assert_eq!(short.page_of_line(LINES_PER_PAGE - 1), 0);
        assert_eq!(short.page_of_line(LINES_PER_PAGE), 1);

        let long_line = "x".repeat(BYTES_PER_PAGE / 2 + 1);
        let long = DocView::new(doc(
            &format!("{long_line}\n{long_line}\n{long_line}"),
            vec![],
        ));
        assert_eq!(long.pages, vec![0, 1, 2]);
        let huge = DocView::new(doc(&"y".repeat(BYTES_PER_PAGE * 2), vec![]));
        assert_eq!(huge.pages, vec![0], "a single line is never split");
    }

    #[test]
    fn entities_are_grouped_by_label_then_name() {
        let text = "Biden met Xi. Xi met Biden. Xi left. APT28 struck. Beijing said.";
        let mut anns = Vec::new();
        let mut from = 0;
        for (needle, label) in [
            ("Biden", "PERSON"),
            ("Xi", "PERSON"),
            ("Xi", "PERSON"),
            ("Biden", "PERSON"),
            ("Xi", "PERSON"),
            ("APT28", "THREAT_ACTOR"),
            ("Beijing", "PLACE"),
        ] {
            let byte = from + text[from..].find(needle).unwrap();
            let mut a = ann(
                Layer::Entity,
                &text[..byte + needle.len()],
                needle,
                Some(label),
            );
            a.start = byte;
            a.end = byte + needle.len();
            from = byte + needle.len();
            anns.push(a);
        }
        let view = DocView::new(doc(text, anns));
        let summary: Vec<(String, Vec<(String, usize)>)> = view
            .entity_groups
            .iter()
            .map(|g| {
                (
                    g.label.clone(),
                    g.entities
                        .iter()
                        .map(|e| (e.canonical.clone(), e.mentions.len()))
                        .collect(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                (
                    "PERSON".to_string(),
                    vec![("XI".to_string(), 3), ("BIDEN".to_string(), 2)]
                ),
                ("PLACE".to_string(), vec![("BEIJING".to_string(), 1)]),
                ("THREAT_ACTOR".to_string(), vec![("APT28".to_string(), 1)]),
            ]
        );
        assert_eq!(view.n_entities, 7);
    }
}
