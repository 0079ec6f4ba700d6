//! brat standoff export and import, as one zip archive.
//!
//! Each document becomes `BASE.txt` (its text) and `BASE.ann`, where `BASE` is the document
//! name without a final `.txt` (`article.txt` → `article.txt` + `article.ann`; `page.html` →
//! `page.html.txt` + `page.html.ann`). The `.ann` file holds, per annotation:
//!
//! ```text
//! T1→PERSON 10 20→Xi Jinping
//! #1→AnnotatorNotes T1→canonical: Xi Jinping
//! A1→Manual T1
//! ```
//! (→ is a tab.)
//!
//! * The type is the entity label, or `INCIDENT` / `PLEDGE` for sentences.
//! * Offsets are in characters (code points), as brat counts them, end exclusive.
//! * brat spans cannot cross a line break, so a span that does is written as brat's
//!   discontinuous span, one fragment per line (`0 12;13 40`), and joined back on import
//!   (only line breaks and other white space may lie between fragments). A span made of
//!   line breaks only cannot be written and is left out.
//! * The canonical name is an `AnnotatorNotes` note beginning with `canonical: `.
//! * Annotations made by an analyst carry the binary attribute `Manual`.
//!
//! The archive also holds an `annotation.conf` declaring those types and the attribute, so
//! brat opens it as it is, and `dossier.json` with each document's name and language, which
//! brat ignores and import uses to restore them. Entries carry a fixed date, so the same
//! annotations always give the same bytes.
//!
//! Import pairs `.txt` and `.ann` files by base name (in any folder of the archive). Archives
//! without `dossier.json` come from brat itself: their documents are named `BASE.txt`, their
//! language is `und`, and their annotations count as manual, because people made them.
//! Relations, events and other attributes have no place in Dossier and are reported.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};

use serde_json::{json, Value};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use super::{from_tag, quote, tag_of, CodePoints, Imported, Problems};
use crate::engine::MAX_TEXT_BYTES;
use crate::export::{
    interchange, sort_annotations, Annotation, ExportDocument, Interchange, Source,
};

const MANIFEST: &str = "dossier.json";
const MANIFEST_FORMAT: &str = "dossier-brat";

/// brat's configuration for the types and the attribute Dossier writes. The `<OVERLAP>`
/// rule lets annotations overlap in any way: Dossier's layers overlap by design (entities
/// inside incident sentences, an analyst's annotation on the same span as the engine's),
/// and brat would otherwise flag them as errors.
const ANNOTATION_CONF: &str = "\
[entities]
PERSON
ORG
PLACE
THREAT_ACTOR
INCIDENT
PLEDGE

[relations]
<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>

[events]

[attributes]
Manual\tArg:<ENTITY>
";

/// How much an import reads out of one archive in all: a bound against archives that
/// inflate to far more than they weigh.
const MAX_ARCHIVE_BYTES: u64 = 4 * MAX_TEXT_BYTES as u64;

/// The zip archive of every document's `.txt` and `.ann` files.
pub fn export(value: &Interchange) -> Vec<u8> {
    let mut files: Vec<(String, String)> = vec![("annotation.conf".into(), ANNOTATION_CONF.into())];
    let mut manifest = Vec::new();
    let mut used_bases = std::collections::BTreeSet::new();
    for doc in &value.documents {
        let mut base = safe_path(doc.name.strip_suffix(".txt").unwrap_or(&doc.name));
        if base.is_empty() || !used_bases.insert(base.clone()) {
            // Two names can share a base ("a" and "a.txt"); the second keeps its full name.
            base = safe_path(&doc.name) + ".doc";
            let mut n = 2;
            while !used_bases.insert(base.clone()) {
                base = format!("{}.doc{n}", safe_path(&doc.name));
                n += 1;
            }
        }
        manifest.push(json!({"name": doc.name, "lang": doc.lang, "base": base}));
        files.push((format!("{base}.txt"), doc.text.clone()));
        files.push((format!("{base}.ann"), ann_text(doc)));
    }
    let manifest = json!({"format": MANIFEST_FORMAT, "version": 1, "documents": manifest});
    let mut manifest_text = serde_json::to_string_pretty(&manifest).unwrap_or_default();
    manifest_text.push('\n');
    files.push((MANIFEST.into(), manifest_text));
    write_zip(&files)
}

/// A document name as a path inside the archive: no leading `/`, no `.` or `..` parts, no
/// backslashes, so that unpacking the archive never writes outside its folder.
fn safe_path(name: &str) -> String {
    name.replace('\\', "/")
        .split('/')
        .filter(|part| !part.is_empty())
        .map(|part| match part {
            "." | ".." => "_",
            part => part,
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn write_zip(files: &[(String, String)]) -> Vec<u8> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    for (name, contents) in files {
        // Writing to memory fails only on sizes no document reaches; an entry that still
        // fails is left out rather than taking the whole archive down.
        if writer.start_file(name.as_str(), options).is_ok() {
            let _ = writer.write_all(contents.as_bytes());
        }
    }
    writer.finish().map(Cursor::into_inner).unwrap_or_default()
}

/// The `.ann` text of one document.
fn ann_text(doc: &ExportDocument) -> String {
    let code_points = CodePoints::new(&doc.text);
    let mut out = String::new();
    let (mut n_text, mut n_note, mut n_attribute) = (0, 0, 0);
    for annotation in &doc.annotations {
        let fragments = fragments(&code_points, annotation.start, annotation.end);
        if fragments.is_empty() {
            continue;
        }
        n_text += 1;
        let offsets: Vec<String> = fragments.iter().map(|(s, e)| format!("{s} {e}")).collect();
        let covered: Vec<&str> = fragments
            .iter()
            .filter_map(|&(s, e)| code_points.slice(s, e))
            .collect();
        out.push_str(&format!(
            "T{n_text}\t{} {}\t{}\n",
            tag_of(annotation),
            offsets.join(";"),
            covered.join(" ")
        ));
        if let Some(canonical) = &annotation.canonical {
            n_note += 1;
            out.push_str(&format!(
                "#{n_note}\tAnnotatorNotes T{n_text}\tcanonical: {}\n",
                one_line(canonical)
            ));
        }
        if annotation.source == Source::Manual {
            n_attribute += 1;
            out.push_str(&format!("A{n_attribute}\tManual T{n_text}\n"));
        }
    }
    out
}

fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// The parts of a span between line breaks, as code point ranges; empty parts are dropped.
fn fragments(code_points: &CodePoints<'_>, start: usize, end: usize) -> Vec<(usize, usize)> {
    let Some(covered) = code_points.slice(start, end) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut fragment_start = start;
    for (i, c) in covered.chars().enumerate() {
        let at = start + i;
        if is_line_break(c) {
            if at > fragment_start {
                out.push((fragment_start, at));
            }
            fragment_start = at + 1;
        }
    }
    if end > fragment_start {
        out.push((fragment_start, end));
    }
    out
}

/// A note on one line: brat reads `.ann` files line by line.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The files of an archive, by path, as text; and the problems met reading them.
fn read_zip(bytes: &[u8], problems: &mut Problems) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    let mut archive = match ZipArchive::new(Cursor::new(bytes)) {
        Ok(archive) => archive,
        Err(err) => {
            let what = if bytes.is_empty() {
                "the file is empty".to_string()
            } else if bytes.starts_with(b"PK") {
                // A zip archive's table of contents is at its end, so a cut-off copy has none.
                format!("a damaged or truncated zip archive: {err}")
            } else {
                format!("not a zip archive: {err}")
            };
            problems.skip("", "", what);
            return files;
        }
    };
    let mut budget = MAX_ARCHIVE_BYTES;
    for i in 0..archive.len() {
        let mut entry = match archive.by_index(i) {
            Ok(entry) => entry,
            Err(err) => {
                problems.skip("", format!("archive entry {}", i + 1), err.to_string());
                continue;
            }
        };
        let Ok(name) = entry.name().map(|n| n.into_owned()) else {
            problems.skip(
                "",
                format!("archive entry {}", i + 1),
                "unreadable file name",
            );
            continue;
        };
        if entry.is_dir() || !(name.ends_with(".txt") || name.ends_with(".ann") || name == MANIFEST)
        {
            continue;
        }
        let limit = budget.min(MAX_TEXT_BYTES as u64);
        let mut contents = Vec::new();
        // One byte past the limit tells a file at the limit from one over it.
        let read = (&mut entry).take(limit + 1).read_to_end(&mut contents);
        if let Err(err) = read {
            problems.skip(&name, "", format!("cannot unpack: {err}"));
            continue;
        }
        if contents.len() as u64 > limit {
            problems.skip(
                &name,
                "",
                "larger than Dossier reads (64 MB per file, 256 MB in all)",
            );
            continue;
        }
        budget -= contents.len() as u64;
        let contents = contents.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&contents);
        match String::from_utf8(contents.to_vec()) {
            Ok(text) => {
                files.insert(name, text);
            }
            Err(_) => problems.skip(&name, "", "not UTF-8 text, as brat requires"),
        }
    }
    files
}

/// Reads a zip archive of brat `.txt` and `.ann` files.
pub fn import(bytes: &[u8]) -> Imported {
    let mut problems = Problems::new();
    let files = read_zip(bytes, &mut problems);

    // Names and languages from the manifest Dossier writes, by base.
    let mut known: BTreeMap<String, (String, String)> = BTreeMap::new();
    let manifest = files
        .get(MANIFEST)
        .and_then(|text| serde_json::from_str::<Value>(text).ok());
    let from_dossier = manifest
        .as_ref()
        .and_then(|m| m.get("format"))
        .and_then(Value::as_str)
        == Some(MANIFEST_FORMAT);
    if let Some(entries) = manifest
        .as_ref()
        .filter(|_| from_dossier)
        .and_then(|m| m.get("documents"))
        .and_then(Value::as_array)
    {
        for entry in entries {
            let field = |key: &str| entry.get(key).and_then(Value::as_str);
            if let (Some(name), Some(lang), Some(base)) =
                (field("name"), field("lang"), field("base"))
            {
                known.insert(base.to_string(), (name.to_string(), lang.to_string()));
            }
        }
    }
    let default_source = if from_dossier {
        Source::Auto
    } else {
        Source::Manual
    };

    let mut documents = Vec::new();
    let mut names = std::collections::BTreeSet::new();
    for (path, text) in &files {
        let Some(base) = path.strip_suffix(".txt") else {
            continue;
        };
        let (name, lang) = known
            .get(base)
            .cloned()
            .unwrap_or_else(|| (format!("{base}.txt"), "und".to_string()));
        if !names.insert(name.clone()) {
            problems.skip(&name, "", "a second document with the same name");
            continue;
        }
        let ann_path = format!("{base}.ann");
        let annotations = match files.get(&ann_path) {
            Some(ann) => read_ann(&ann_path, ann, text, default_source, &mut problems),
            None => Vec::new(),
        };
        documents.push(ExportDocument {
            name,
            lang,
            text: text.clone(),
            annotations,
        });
    }
    for path in files.keys() {
        if let Some(base) = path.strip_suffix(".ann") {
            if !files.contains_key(&format!("{base}.txt")) {
                problems.skip(path, "", format!("no {base}.txt holds its text"));
            }
        }
    }
    Imported {
        value: interchange(documents, Vec::new()),
        problems: problems.list,
    }
}

fn read_ann(
    path: &str,
    ann: &str,
    text: &str,
    default_source: Source,
    problems: &mut Problems,
) -> Vec<Annotation> {
    let code_points = CodePoints::new(text);
    let first_problem = problems.list.len();
    let lines: Vec<(String, Vec<&str>)> = ann
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| (format!("line {}", i + 1), line.splitn(3, '\t').collect()))
        .collect();
    // Text-bound annotations first, so that notes and attributes may come before or after
    // the annotation they are about.
    let mut by_id: BTreeMap<&str, Annotation> = BTreeMap::new();
    for (record, fields) in lines.iter().filter(|(_, f)| f[0].starts_with('T')) {
        match read_text_bound(fields, &code_points, default_source) {
            Ok((annotation, repair)) => {
                if let Some(repair) = repair {
                    problems.repair(path, record.as_str(), repair);
                }
                if by_id.insert(fields[0], annotation).is_some() {
                    problems.skip(
                        path,
                        record.as_str(),
                        format!("a second {}; the first is dropped", fields[0]),
                    );
                }
            }
            Err(message) => problems.skip(path, record.as_str(), message),
        }
    }
    for (record, fields) in lines.iter().filter(|(_, f)| !f[0].starts_with('T')) {
        let record = record.as_str();
        let second = fields.get(1).copied().unwrap_or("");
        let not_loaded =
            |target: &str| format!("it is about {target}, which is not a loaded annotation");
        match fields[0].chars().next() {
            Some('#') => {
                let target = second.strip_prefix("AnnotatorNotes ").map(str::trim);
                let note = fields.get(2).copied().unwrap_or("");
                // Notes other than the canonical name are free text for people; Dossier has
                // no place for them, and leaving them out loses nothing it shows.
                if let (Some(target), Some(canonical)) = (target, note.strip_prefix("canonical: "))
                {
                    match by_id.get_mut(target) {
                        Some(annotation) => annotation.canonical = Some(canonical.to_string()),
                        None => problems.skip(path, record, not_loaded(target)),
                    }
                }
            }
            Some('A' | 'M') => match second.split(' ').collect::<Vec<_>>().as_slice() {
                ["Manual", target] => match by_id.get_mut(target) {
                    Some(annotation) => annotation.source = Source::Manual,
                    None => problems.skip(path, record, not_loaded(target)),
                },
                _ => problems.skip(
                    path,
                    record,
                    format!("attribute {} is not one Dossier keeps", quote(second)),
                ),
            },
            Some('R') => problems.skip(path, record, "relations are not imported"),
            Some('E') => problems.skip(path, record, "events are not imported"),
            Some('*') => problems.skip(path, record, "equivalences are not imported"),
            Some('N') => problems.skip(path, record, "normalisations are not imported"),
            _ => problems.skip(
                path,
                record,
                format!("not a brat annotation line: {}", quote(&fields.join("\t"))),
            ),
        }
    }
    // The two passes found problems out of order; report them in line order.
    problems.list[first_problem..].sort_by_key(|problem| {
        let line = problem.record.strip_prefix("line ");
        line.and_then(|n| n.parse::<usize>().ok()).unwrap_or(0)
    });
    let mut annotations: Vec<Annotation> = by_id.into_values().collect();
    sort_annotations(&mut annotations);
    annotations
}

/// `T1 TAB TYPE start end[;start end…] TAB text`.
fn read_text_bound(
    fields: &[&str],
    code_points: &CodePoints<'_>,
    default_source: Source,
) -> Result<(Annotation, Option<String>), String> {
    let [_, type_and_offsets, written] = fields else {
        return Err("a text-bound annotation needs three tab-separated fields".to_string());
    };
    let (tag, offsets) = type_and_offsets
        .split_once(' ')
        .ok_or("no offsets after the type")?;
    let (layer, label) = from_tag(tag).ok_or(format!(
        "unknown type {} (expected PERSON, ORG, PLACE, THREAT_ACTOR, INCIDENT or PLEDGE)",
        quote(tag)
    ))?;
    let mut fragments = Vec::new();
    for fragment in offsets.split(';') {
        let numbers: Vec<Option<usize>> = fragment
            .split_whitespace()
            .map(|n| n.parse().ok())
            .collect();
        match numbers.as_slice() {
            [Some(start), Some(end)] if start < end && *end <= code_points.len() => {
                fragments.push((*start, *end));
            }
            [Some(start), Some(end)] => {
                return Err(format!(
                    "offsets {start} {end} are empty, reversed or past the end of the text ({} characters)",
                    code_points.len()
                ))
            }
            _ => return Err(format!("offsets {} are not two numbers", quote(fragment))),
        }
    }
    fragments.sort_unstable();
    let (start, end) = (fragments[0].0, fragments[fragments.len() - 1].1);
    // Fragments join back into one span only across white space (the line breaks that
    // export split at); text between them would be swallowed otherwise.
    for pair in fragments.windows(2) {
        let gap = code_points.slice(pair[0].1, pair[1].0).unwrap_or("x");
        if pair[0].1 > pair[1].0 || !gap.chars().all(char::is_whitespace) {
            return Err(
                "a discontinuous span with text between its parts; Dossier spans are continuous"
                    .to_string(),
            );
        }
    }
    let text = code_points.slice(start, end).unwrap_or("").to_string();
    let expected: Vec<&str> = fragments
        .iter()
        .filter_map(|&(s, e)| code_points.slice(s, e))
        .collect();
    let repair = (expected.join(" ") != *written).then(|| {
        format!(
            "the written text {} differs from the document's text at the offsets, {}; the offsets are used",
            quote(written),
            quote(&expected.join(" "))
        )
    });
    Ok((
        Annotation {
            layer,
            label,
            start,
            end,
            text,
            canonical: None,
            source: default_source,
            // brat standoff has no place for event structure.
            event: None,
        },
        repair,
    ))
}
