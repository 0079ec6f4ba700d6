//! Import of the interchange JSON (see [`crate::export`]), record by record.
//!
//! A file that is not JSON, or not `dossier-annotations` version 1, is refused as a whole.
//! Otherwise each document and each annotation is checked on its own and the good ones are
//! kept: offsets must lie within the text (in code points), `text` must equal the text they
//! cover, and layer and label must be known. When the offsets do not cover the annotation's
//! text but that text occurs in the document, the annotation is moved to the nearest
//! occurrence and the problem says so: a hand-edited file often shifts offsets, rarely words.
//!
//! Export followed by import gives back the same value.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::{check_label, json_problem, quote, CodePoints, Imported, Problems};
use crate::export::{
    interchange, sort_annotations, Annotation, ExportDocument, Layer, Problem, Source, FORMAT,
    VERSION,
};

/// Reads interchange JSON, keeping every document and annotation that passes the checks.
pub fn import(json: &str) -> Imported {
    let mut problems = Problems::new();
    let empty = |problems: Problems| Imported {
        value: interchange(Vec::new(), Vec::new()),
        problems: problems.list,
    };
    let root: Value = match serde_json::from_str(json) {
        Ok(root) => root,
        Err(err) => {
            problems.skip("", "", json_problem(json, &err));
            return empty(problems);
        }
    };
    let Some(root) = root.as_object() else {
        problems.skip("", "", "not an interchange file: the JSON is not an object");
        return empty(problems);
    };
    match root.get("format").and_then(Value::as_str) {
        Some(FORMAT) => {}
        Some(other) => {
            problems.skip(
                "",
                "",
                format!("format is {other:?}, not {FORMAT:?}: not an interchange file"),
            );
            return empty(problems);
        }
        None => {
            problems.skip("", "", format!("no \"format\": {FORMAT:?} field"));
            return empty(problems);
        }
    }
    match root.get("version").and_then(Value::as_u64) {
        Some(version) if version == u64::from(VERSION) => {}
        Some(version) => {
            problems.skip(
                "",
                "",
                format!(
                    "version {version} is not supported (this Dossier reads version {VERSION})"
                ),
            );
            return empty(problems);
        }
        None => {
            problems.skip("", "", "no numeric \"version\" field");
            return empty(problems);
        }
    }

    let mut documents = Vec::new();
    let mut names = BTreeSet::new();
    match root.get("documents") {
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                let record = format!("document {}", i + 1);
                let Some(doc) = read_document(item, &record, &mut problems) else {
                    continue;
                };
                if !names.insert(doc.name.clone()) {
                    problems.skip(&doc.name, record, "a second document with the same name");
                    continue;
                }
                documents.push(doc);
            }
        }
        None => problems.skip("", "", "no \"documents\" list"),
        Some(_) => problems.skip("", "", "\"documents\" is not a list"),
    }

    let mut file_problems = Vec::new();
    match root.get("problems") {
        None => {}
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                let name = item.get("name").and_then(Value::as_str);
                let message = item.get("message").and_then(Value::as_str);
                match (name, message) {
                    (Some(name), Some(message)) => file_problems.push(Problem {
                        name: name.to_string(),
                        message: message.to_string(),
                    }),
                    _ => problems.skip(
                        "",
                        format!("problem {}", i + 1),
                        "a problem needs a \"name\" and a \"message\" string",
                    ),
                }
            }
        }
        Some(_) => problems.skip("", "", "\"problems\" is not a list"),
    }

    Imported {
        value: interchange(documents, file_problems),
        problems: problems.list,
    }
}

fn read_document(item: &Value, record: &str, problems: &mut Problems) -> Option<ExportDocument> {
    let Some(fields) = item.as_object() else {
        problems.skip("", record, "not an object");
        return None;
    };
    let Some(name) = fields.get("name").and_then(Value::as_str) else {
        problems.skip("", record, "no \"name\" string");
        return None;
    };
    let Some(text) = fields.get("text").and_then(Value::as_str) else {
        problems.skip(name, record, "no \"text\" string");
        return None;
    };
    let lang = match fields.get("lang").and_then(Value::as_str) {
        Some(lang) => lang.to_string(),
        None => {
            problems.repair(name, record, "no \"lang\" string; language set to \"und\"");
            "und".to_string()
        }
    };
    let code_points = CodePoints::new(text);
    let mut annotations = Vec::new();
    match fields.get("annotations") {
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                let record = format!("annotation {}", i + 1);
                match read_annotation(item, &code_points) {
                    Ok((annotation, repairs)) => {
                        for repair in repairs {
                            problems.repair(name, record.clone(), repair);
                        }
                        annotations.push(annotation);
                    }
                    Err(message) => problems.skip(name, record, message),
                }
            }
        }
        None => problems.repair(name, record, "no \"annotations\" list; none loaded"),
        Some(_) => problems.skip(name, record, "\"annotations\" is not a list; none loaded"),
    }
    sort_annotations(&mut annotations);
    Some(ExportDocument {
        name: name.to_string(),
        lang,
        text: text.to_string(),
        annotations,
    })
}

/// Checks one annotation; returns it (possibly moved) with the repairs made, or the reason
/// it cannot be loaded.
fn read_annotation(
    item: &Value,
    code_points: &CodePoints<'_>,
) -> Result<(Annotation, Vec<String>), String> {
    let fields = item.as_object().ok_or("not an object")?;
    let mut repairs = Vec::new();
    let layer = match fields.get("layer").and_then(Value::as_str) {
        Some("entity") => Layer::Entity,
        Some("incident") => Layer::Incident,
        Some("pledge") => Layer::Pledge,
        Some(other) => {
            return Err(format!(
                "unknown layer {other:?} (expected entity, incident or pledge)"
            ))
        }
        None => return Err("no \"layer\" string".to_string()),
    };
    let label = optional_string(fields, "label")?;
    check_label(layer, label.as_deref())?;
    let canonical = optional_string(fields, "canonical")?;
    let source = match fields.get("source").and_then(Value::as_str) {
        Some("auto") => Source::Auto,
        Some("manual") => Source::Manual,
        Some(other) => {
            return Err(format!(
                "unknown source {other:?} (expected auto or manual)"
            ))
        }
        None => {
            repairs.push("no \"source\"; taken as manual".to_string());
            Source::Manual
        }
    };
    let text = fields
        .get("text")
        .and_then(Value::as_str)
        .ok_or("no \"text\" string")?;
    if text.is_empty() {
        return Err("empty \"text\"".to_string());
    }
    let start = offset(fields, "start")?;
    let end = offset(fields, "end")?;
    let (start, end) = match code_points.slice(start, end) {
        Some(covered) if covered == text => (start, end),
        covered => {
            let what = match covered {
                Some(covered) => format!(
                    "offsets {start}–{end} cover {}, not {}",
                    quote(covered),
                    quote(text)
                ),
                None => format!(
                    "offsets {start}–{end} lie outside the text ({} code points)",
                    code_points.len()
                ),
            };
            match code_points.find_nearest(text, start) {
                Some((found_start, found_end)) => {
                    repairs.push(format!(
                        "{what}; {} was found at {found_start}–{found_end}, which is used",
                        quote(text)
                    ));
                    (found_start, found_end)
                }
                None => {
                    return Err(format!(
                        "{what}; {} does not occur in the document",
                        quote(text)
                    ))
                }
            }
        }
    };
    // Event fields (incident and pledge structure) travel with the annotation; unreadable
    // ones are dropped with a note rather than costing the annotation itself.
    let event = match fields.get("event") {
        None | Some(Value::Null) => None,
        Some(value) => match serde_json::from_value(value.clone()) {
            Ok(event) => Some(event),
            Err(err) => {
                repairs.push(format!(
                    "its \"event\" fields are unreadable ({err}); dropped"
                ));
                None
            }
        },
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
            event,
        },
        repairs,
    ))
}

fn optional_string(fields: &Map<String, Value>, key: &str) -> Result<Option<String>, String> {
    match fields.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(format!("\"{key}\" is not a string")),
    }
}

fn offset(fields: &Map<String, Value>, key: &str) -> Result<usize, String> {
    let value = fields.get(key).ok_or(format!("no \"{key}\" offset"))?;
    value
        .as_u64()
        .and_then(|n| usize::try_from(n).ok())
        .ok_or(format!("\"{key}\" is not a non-negative integer: {value}"))
}
