//! W3C Web Annotation (JSON-LD) export and import.
//!
//! The export is one `AnnotationCollection` whose first (and only) `AnnotationPage` holds an
//! `Annotation` per Dossier annotation:
//!
//! * `target.source`: the document name as a relative IRI (percent-encoded where IRIs do not
//!   allow a character, `:` included so a name never reads as a scheme);
//! * `target.selector`: a `TextQuoteSelector` (`exact`, and up to 32 code points of `prefix`
//!   and `suffix`) and a `TextPositionSelector` (`start`, `end` in code points, as in the
//!   interchange format);
//! * `body`: a `TextualBody` with `purpose: "tagging"` whose value is the label (`PERSON`,
//!   `ORG`, `PLACE`, `THREAT_ACTOR`) or `INCIDENT` / `PLEDGE`, and for entities a second one
//!   with `purpose: "identifying"` holding the canonical name;
//! * `motivation`: `tagging` for entities, `highlighting` for incident and pledge sentences;
//! * `creator`: `{"type": "Software", "name": "Dossier"}` for annotations the engine found,
//!   `{"type": "Person"}` for ones an analyst made.
//!
//! Identifiers are `urn:uuid:` name-based UUIDs of the annotation's content, stable across
//! re-exports.
//!
//! Web Annotations point at documents but do not contain them, so import takes the documents
//! (name, language, text) the annotations are for. Each annotation is placed by its position
//! selector when the text there matches its quote; otherwise by its quote (the occurrence
//! whose prefix and suffix match best, then the nearest), which is reported as a repair.
//! Annotations with no `creator` come from another tool and are taken as manual.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::{from_tag, json_problem, quote, stable_uuid, tag_of, CodePoints, Imported, Problems};
use crate::export::{
    interchange, sort_annotations, Annotation, ExportDocument, Interchange, Layer, Source,
};

pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// How much context a quote selector carries on each side, in code points.
const CONTEXT_LENGTH: usize = 32;

/// The annotations of every document as one `AnnotationCollection`, pretty-printed.
pub fn export(value: &Interchange) -> String {
    let mut items = Vec::new();
    for doc in &value.documents {
        let code_points = CodePoints::new(&doc.text);
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for annotation in &doc.annotations {
            let key = annotation_key(&doc.name, annotation);
            // Two identical annotations still need two identifiers.
            let n_seen = seen.entry(key.clone()).or_insert(0);
            *n_seen += 1;
            let id = stable_uuid(&["w3c-annotation", &key, &n_seen.to_string()]);
            items.push(annotation_json(
                &doc.name,
                &code_points,
                annotation,
                &id.to_string(),
            ));
        }
    }
    let ids: Vec<&str> = items
        .iter()
        .filter_map(|item| item["id"].as_str())
        .collect();
    let mut collection_parts = vec!["w3c-collection"];
    collection_parts.extend(&ids);
    let collection_id = stable_uuid(&collection_parts);
    let page_id = stable_uuid(&["w3c-page", &collection_id.to_string()]);
    let collection = json!({
        "@context": CONTEXT,
        "id": format!("urn:uuid:{collection_id}"),
        "type": "AnnotationCollection",
        "label": "Dossier annotations",
        "total": items.len(),
        "first": {
            "id": format!("urn:uuid:{page_id}"),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    });
    let mut out = serde_json::to_string_pretty(&collection).unwrap_or_default();
    out.push('\n');
    out
}

fn annotation_key(document: &str, annotation: &Annotation) -> String {
    format!(
        "{document}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{:?}",
        annotation.layer.as_str(),
        tag_of(annotation),
        annotation.start,
        annotation.end,
        annotation.canonical.as_deref().unwrap_or(""),
        annotation.source
    )
}

fn annotation_json(
    document: &str,
    code_points: &CodePoints<'_>,
    annotation: &Annotation,
    id: &str,
) -> Value {
    let prefix_start = annotation.start.saturating_sub(CONTEXT_LENGTH);
    let suffix_end = (annotation.end + CONTEXT_LENGTH).min(code_points.len());
    let prefix = code_points
        .slice(prefix_start, annotation.start)
        .unwrap_or("");
    let suffix = code_points.slice(annotation.end, suffix_end).unwrap_or("");
    let mut body = vec![json!({
        "type": "TextualBody",
        "purpose": "tagging",
        "value": tag_of(annotation),
    })];
    if let Some(canonical) = &annotation.canonical {
        body.push(json!({
            "type": "TextualBody",
            "purpose": "identifying",
            "value": canonical,
        }));
    }
    let motivation = match annotation.layer {
        Layer::Entity => "tagging",
        Layer::Incident | Layer::Pledge => "highlighting",
    };
    let creator = match annotation.source {
        Source::Auto => json!({"type": "Software", "name": "Dossier"}),
        Source::Manual => json!({"type": "Person"}),
    };
    json!({
        "id": format!("urn:uuid:{id}"),
        "type": "Annotation",
        "motivation": motivation,
        "creator": creator,
        "body": body,
        "target": {
            "source": document_iri(document),
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": annotation.text,
                    "prefix": prefix,
                    "suffix": suffix,
                },
                {
                    "type": "TextPositionSelector",
                    "start": annotation.start,
                    "end": annotation.end,
                },
            ],
        },
    })
}

/// A document name as a relative IRI reference: characters IRIs forbid, and `%`, `#`, `?`
/// and `:` (which would start an escape, a fragment, a query or a scheme), are
/// percent-encoded; other characters, non-ASCII ones included, are kept as they are.
pub fn document_iri(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        let escape = c.is_control()
            || c.is_whitespace()
            || matches!(
                c,
                '"' | '<'
                    | '>'
                    | '\\'
                    | '^'
                    | '`'
                    | '{'
                    | '|'
                    | '}'
                    | '%'
                    | '#'
                    | '?'
                    | ':'
                    | '['
                    | ']'
            );
        if escape {
            let mut buf = [0u8; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The inverse of [`document_iri`]: percent-escapes decoded; `None` if they do not decode
/// to UTF-8.
pub fn document_name(iri: &str) -> Option<String> {
    let bytes = iri.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(byte) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// Reads Web Annotations (a collection, a page, a list or a single annotation) and places
/// them on `documents`. The documents come back with the imported annotations in place of
/// any they had.
pub fn import(json: &str, documents: &[ExportDocument]) -> Imported {
    let mut problems = Problems::new();
    let mut by_name: BTreeMap<&str, (usize, CodePoints<'_>)> = BTreeMap::new();
    for (i, doc) in documents.iter().enumerate() {
        by_name.insert(&doc.name, (i, CodePoints::new(&doc.text)));
    }
    let mut annotations: Vec<Vec<Annotation>> = vec![Vec::new(); documents.len()];

    match serde_json::from_str::<Value>(json) {
        Err(err) => problems.skip("", "", json_problem(json, &err)),
        Ok(root) => {
            let items = annotation_items(&root, &mut problems);
            for (i, item) in items.iter().enumerate() {
                let record = format!("annotation {}", i + 1);
                let (document, read) = read_annotation(item, &by_name);
                match read {
                    Ok((doc_index, annotation, repair)) => {
                        if let Some(repair) = repair {
                            problems.repair(&document, record, repair);
                        }
                        annotations[doc_index].push(annotation);
                    }
                    Err(message) => problems.skip(&document, record, message),
                }
            }
        }
    }

    let documents = documents
        .iter()
        .zip(annotations)
        .map(|(doc, mut annotations)| {
            sort_annotations(&mut annotations);
            ExportDocument {
                annotations,
                ..doc.clone()
            }
        })
        .collect();
    Imported {
        value: interchange(documents, Vec::new()),
        problems: problems.list,
    }
}

/// A JSON-LD value that may be one item or a list of them, as a list.
fn one_or_many(value: Option<&Value>) -> Vec<&Value> {
    match value {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items.iter().collect(),
        Some(item) => vec![item],
    }
}

fn has_type(value: &Value, wanted: &str) -> bool {
    one_or_many(value.get("type"))
        .iter()
        .any(|t| t.as_str() == Some(wanted))
}

/// The annotations in a collection (its embedded pages, following embedded `next` pages), a
/// page, a list, or a single annotation.
fn annotation_items<'v>(root: &'v Value, problems: &mut Problems) -> Vec<&'v Value> {
    if let Value::Array(items) = root {
        return items.iter().collect();
    }
    if has_type(root, "Annotation") {
        return vec![root];
    }
    if has_type(root, "AnnotationPage") {
        return one_or_many(root.get("items"));
    }
    if has_type(root, "AnnotationCollection") {
        let mut items = Vec::new();
        let mut page = root.get("first");
        // Pages that are only linked (an IRI, not an embedded object) cannot be fetched by
        // an offline reader; they are reported.
        let mut n_pages = 0;
        while let Some(current) = page {
            n_pages += 1;
            if !current.is_object() {
                problems.skip(
                    "",
                    format!("page {n_pages}"),
                    "the page is only linked, not included, and cannot be fetched offline",
                );
                break;
            }
            items.extend(one_or_many(current.get("items")));
            page = current.get("next");
        }
        return items;
    }
    problems.skip(
        "",
        "",
        "not a Web Annotation collection, page, list or annotation",
    );
    Vec::new()
}

type ReadResult = Result<(usize, Annotation, Option<String>), String>;

/// One annotation: the document it names (for the problem report), and either the document
/// index, the annotation and a repair note, or the reason it was skipped.
fn read_annotation(
    item: &Value,
    by_name: &BTreeMap<&str, (usize, CodePoints<'_>)>,
) -> (String, ReadResult) {
    if !item.is_object() {
        return (String::new(), Err("not an object".to_string()));
    }
    let targets = one_or_many(item.get("target"));
    let Some(target) = targets.first() else {
        return (String::new(), Err("no target".to_string()));
    };
    let source = match target {
        Value::String(iri) => Some(iri.as_str()),
        Value::Object(fields) => match fields.get("source") {
            Some(Value::String(iri)) => Some(iri.as_str()),
            Some(Value::Object(resource)) => resource.get("id").and_then(Value::as_str),
            _ => None,
        },
        _ => None,
    };
    let Some(source) = source else {
        return (String::new(), Err("the target names no source".to_string()));
    };
    let Some(name) = document_name(source) else {
        return (
            source.to_string(),
            Err("the target source is not a valid IRI".to_string()),
        );
    };
    let Some((doc_index, code_points)) = by_name.get(name.as_str()) else {
        return (
            name.clone(),
            Err(format!("no open document is named {}", quote(&name))),
        );
    };
    let result = read_placed(item, target, code_points).map(|(a, r)| (*doc_index, a, r));
    (name, result)
}

fn read_placed(
    item: &Value,
    target: &Value,
    code_points: &CodePoints<'_>,
) -> Result<(Annotation, Option<String>), String> {
    // The kind: the first tagging body with a tag Dossier knows.
    let bodies = one_or_many(item.get("body"));
    let mut tags = Vec::new();
    let mut canonical = None;
    for body in &bodies {
        let purposes = one_or_many(body.get("purpose"));
        let purpose = |p: &str| purposes.iter().any(|v| v.as_str() == Some(p));
        let Some(value) = body.get("value").and_then(Value::as_str) else {
            continue;
        };
        if purpose("identifying") {
            canonical.get_or_insert_with(|| value.to_string());
        } else if purpose("tagging") || purposes.is_empty() {
            tags.push(value);
        }
    }
    let (layer, label) = match tags.iter().find_map(|tag| from_tag(tag)) {
        Some(kind) => kind,
        None if tags.is_empty() => return Err("no tagging body names its kind".to_string()),
        None => {
            return Err(format!(
                "unknown tag {} (expected PERSON, ORG, PLACE, THREAT_ACTOR, INCIDENT or PLEDGE)",
                quote(tags[0])
            ))
        }
    };
    let source = match item.get("creator") {
        Some(creator) if has_type(creator, "Software") => Source::Auto,
        _ => Source::Manual,
    };

    let selectors = match target {
        Value::Object(fields) => one_or_many(fields.get("selector")),
        _ => Vec::new(),
    };
    let find = |kind: &str| selectors.iter().find(|s| has_type(s, kind)).copied();
    let quote_selector = find("TextQuoteSelector");
    let exact = quote_selector
        .and_then(|s| s.get("exact"))
        .and_then(Value::as_str);
    let position = find("TextPositionSelector").and_then(|s| {
        let start = usize::try_from(s.get("start")?.as_u64()?).ok()?;
        let end = usize::try_from(s.get("end")?.as_u64()?).ok()?;
        Some((start, end))
    });

    let mut repair = None;
    let placed = position.and_then(|(start, end)| {
        let covered = code_points.slice(start, end).filter(|c| !c.is_empty())?;
        match exact {
            Some(exact) if exact != covered => None,
            _ => Some((start, end, covered)),
        }
    });
    let (start, end, text) = match (placed, exact) {
        (Some(placed), _) => placed,
        (None, Some(exact)) => {
            let prefix = quote_selector
                .and_then(|s| s.get("prefix"))
                .and_then(Value::as_str)
                .unwrap_or("");
            let suffix = quote_selector
                .and_then(|s| s.get("suffix"))
                .and_then(Value::as_str)
                .unwrap_or("");
            let near = position.map_or(0, |(start, _)| start);
            let (start, end) =
                best_quote_match(code_points, exact, prefix, suffix, near).ok_or(format!(
                    "the quoted text {} does not occur in the document",
                    quote(exact)
                ))?;
            if let Some((old_start, old_end)) = position {
                repair = Some(format!(
                    "the position {old_start}–{old_end} does not hold the quoted text {}; placed by the quote at {start}–{end}",
                    quote(exact)
                ));
            }
            (start, end, exact)
        }
        (None, None) if position.is_some() => {
            return Err("the position selector lies outside the text or is empty".to_string())
        }
        (None, None) => {
            return Err("no TextPositionSelector or TextQuoteSelector".to_string());
        }
    };
    Ok((
        Annotation {
            layer,
            label,
            start,
            end,
            text: text.to_string(),
            canonical,
            source,
            // This format has no place for event structure.
            event: None,
        },
        repair,
    ))
}

/// The occurrence of `exact` whose surrounding text agrees best with `prefix` and `suffix`,
/// the one nearest to `near` among equals.
fn best_quote_match(
    code_points: &CodePoints<'_>,
    exact: &str,
    prefix: &str,
    suffix: &str,
    near: usize,
) -> Option<(usize, usize)> {
    code_points
        .find_all(exact)
        .into_iter()
        .max_by_key(|&(start, end)| {
            let before = code_points
                .slice(start.saturating_sub(prefix.chars().count()), start)
                .unwrap_or("");
            let after = code_points
                .slice(end, (end + suffix.chars().count()).min(code_points.len()))
                .unwrap_or("");
            let agreement = common_suffix(before, prefix) + common_prefix(after, suffix);
            // Larger is better: more agreement, then smaller distance.
            (agreement, std::cmp::Reverse(start.abs_diff(near)))
        })
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_names_survive_the_iri() {
        for name in [
            "article.txt",
            "nested/deeper/ru.txt",
            "a b%20c#d?e:f.txt",
            "中文 报道.txt",
            "100%",
            "%",
            "x%4",
        ] {
            assert_eq!(
                document_name(&document_iri(name)).as_deref(),
                Some(name),
                "{name}"
            );
        }
        assert_eq!(document_iri("a b:c.txt"), "a%20b%3Ac.txt");
    }

    #[test]
    fn quote_match_prefers_the_matching_context() {
        let code_points = CodePoints::new("Wang Yi met Blinken. Later Wang Yi left.");
        assert_eq!(
            best_quote_match(&code_points, "Wang Yi", "Later ", " left", 0),
            Some((27, 34))
        );
        assert_eq!(
            best_quote_match(&code_points, "Wang Yi", "", "", 30),
            Some((27, 34))
        );
        assert_eq!(best_quote_match(&code_points, "Biden", "", "", 0), None);
    }
}
