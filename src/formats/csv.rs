//! CSV tables of the entities and of the events (incident and pledge sentences), for
//! spreadsheets and scripts.
//!
//! * RFC 4180: fields are separated by commas, records end in CRLF, and a field that holds a
//!   comma, a double quote, CR or LF is enclosed in double quotes with its quotes doubled.
//! * The file starts with a UTF-8 byte order mark, without which Excel reads UTF-8 as a
//!   legacy code page and garbles Arabic, CJK and Cyrillic names.
//! * **Formula injection guard**: a spreadsheet runs a cell that starts with `=`, `+`, `-` or
//!   `@` (and some also one that starts with a tab or CR) as a formula, and a document can
//!   contain such text on purpose. Such cells are written with a leading apostrophe (`'=cmd`),
//!   which spreadsheets show as text. Offsets are never negative, so numbers are unaffected;
//!   a script reading the file should strip one leading `'` from text cells that start with
//!   `'` followed by one of those characters.
//!
//! Offsets are code points, end exclusive, as in the interchange format. The events table
//! has the event fields of the interchange format (trigger, actor, target, …), empty where
//! the engine found none.

use crate::export::{event_csv_cells, Interchange, Layer, Source, EVENT_CSV_COLUMNS};

const BYTE_ORDER_MARK: &str = "\u{feff}";

/// `document,start,end,text,label,canonical,source`, one row per entity mention.
pub fn entities(value: &Interchange) -> String {
    let mut out = String::from(BYTE_ORDER_MARK);
    write_row(
        &mut out,
        &[
            "document",
            "start",
            "end",
            "text",
            "label",
            "canonical",
            "source",
        ],
    );
    for doc in &value.documents {
        for a in doc.annotations.iter().filter(|a| a.layer == Layer::Entity) {
            write_row(
                &mut out,
                &[
                    &doc.name,
                    &a.start.to_string(),
                    &a.end.to_string(),
                    &a.text,
                    a.label.as_deref().unwrap_or(""),
                    a.canonical.as_deref().unwrap_or(""),
                    source_name(a.source),
                ],
            );
        }
    }
    out
}

/// `document,layer,start,end,sentence,trigger,source`, one row per incident or pledge.
pub fn events(value: &Interchange) -> String {
    let mut out = String::from(BYTE_ORDER_MARK);
    let mut header = vec!["document", "layer", "start", "end", "sentence"];
    header.extend_from_slice(EVENT_CSV_COLUMNS);
    header.push("source");
    write_row(&mut out, &header);
    for doc in &value.documents {
        for a in doc.annotations.iter().filter(|a| a.layer != Layer::Entity) {
            let (start, end) = (a.start.to_string(), a.end.to_string());
            let event_cells = event_csv_cells(a);
            let mut cells: Vec<&str> = vec![&doc.name, a.layer.as_str(), &start, &end, &a.text];
            cells.extend(event_cells.iter().map(String::as_str));
            cells.push(source_name(a.source));
            write_row(&mut out, &cells);
        }
    }
    out
}

fn source_name(source: Source) -> &'static str {
    match source {
        Source::Auto => "auto",
        Source::Manual => "manual",
    }
}

fn write_row(out: &mut String, cells: &[&str]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_cell(out, cell);
    }
    out.push_str("\r\n");
}

/// One cell, guarded against formula injection, then quoted as RFC 4180 requires.
pub fn write_cell(out: &mut String, cell: &str) {
    let guarded;
    let cell = if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        guarded = format!("'{cell}");
        guarded.as_str()
    } else {
        cell
    };
    if cell.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str) -> String {
        let mut out = String::new();
        write_cell(&mut out, text);
        out
    }

    #[test]
    fn quoting() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell(""), "");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(cell("cr\rlf"), "\"cr\rlf\"");
        assert_eq!(cell("王毅, 𠮷"), "\"王毅, 𠮷\"");
    }

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("+1"), "'+1");
        assert_eq!(cell("-DOCSTART-"), "'-DOCSTART-");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("\tx"), "'\tx");
        assert_eq!(cell("\r=x"), "\"'\r=x\"");
        assert_eq!(cell("a=b"), "a=b");
        assert_eq!(cell("42"), "42");
    }
}
