//! JSON Lines in, JSON Lines out: one document per line, for corpora too large for one
//! interchange file and for tools that split work by lines (GNU parallel, Hadoop streaming,
//! Spark's `RDD.pipe`).
//!
//! Each input line is an object with the document's `text` and a `name` (or an `id`); every
//! other field is copied to the output line unchanged, so records can be joined back to their
//! source. Each output line is one interchange document (`{"name","lang","text",
//! "annotations"}`, as in [`crate::export::ExportDocument`]), or, for a line that cannot be
//! annotated, `{"name","line","error"}`. Output lines come in input order, one per non-empty
//! input line, so line `k` of the output always answers the `k`-th non-empty input line.
//!
//! [`annotate_line`] is the whole per-line logic and does no I/O. [`annotate_stream`] (native
//! only) runs it on many threads while keeping the order and a bound on memory: at most a few
//! lines per thread are held at any time, however long the stream.
//!
//! The text goes through [`crate::annotate_file`] with the line's name, exactly as if it had
//! been read from a file of that name: the same normalisation, the same refusals (empty or
//! binary text), and for a name ending in `.html` the same HTML-to-text step. A document's
//! JSON is therefore the same whether it arrives as a file or as a line.

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::export::ExportDocument;

/// Lines longer than this are refused (and never held in memory in full). It bounds the
/// memory of a run: a line, its text and its output for each line in flight.
pub const MAX_LINE_BYTES: usize = 16 * 1024 * 1024;

/// The output line for one input line, and the problem when it could not be annotated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineOutput {
    /// One line of JSON, without the final newline.
    pub json: String,
    pub problem: Option<LineProblem>,
}

/// Why a line was not annotated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineProblem {
    /// The line number in the input, counting from 1 and counting empty lines.
    pub line: u64,
    /// The document's name when the line got as far as naming it.
    pub name: Option<String>,
    pub message: String,
}

impl std::fmt::Display for LineProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.name {
            Some(name) => write!(f, "line {} ({name}): {}", self.line, self.message),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

/// Whether a line carries nothing and is skipped (no output line).
pub fn is_blank(line: &[u8]) -> bool {
    line.iter().all(u8::is_ascii_whitespace)
}

/// Annotates one input line (without its line ending). `line_number` counts from 1; it names
/// documents that have neither `name` nor `id`, and appears in error objects.
pub fn annotate_line(line_number: u64, line: &[u8]) -> LineOutput {
    if line.len() > MAX_LINE_BYTES {
        return error_line(line_number, None, &too_long_message(line.len()), &[]);
    }
    let record = match parse_record(line) {
        Ok(record) => record,
        Err(message) => return error_line(line_number, None, &message, &[]),
    };
    let name = record
        .name
        .clone()
        .unwrap_or_else(|| format!("line {line_number}"));
    let text = match (record.problem, record.text) {
        (Some(message), _) => return error_line(line_number, Some(name), &message, &record.extra),
        (None, Some(text)) => text,
        (None, None) => {
            let message = "the line has no \"text\" field".to_string();
            return error_line(line_number, Some(name), &message, &record.extra);
        }
    };
    match crate::annotate_file(&name, text.as_bytes()) {
        Ok(doc) => LineOutput {
            json: document_json(&doc, &record.extra),
            problem: None,
        },
        Err(problem) => error_line(line_number, Some(name), &problem.message, &record.extra),
    }
}

/// The error object for a line, e.g. for one that was too long to be read.
pub fn error_line(
    line_number: u64,
    name: Option<String>,
    message: &str,
    extra: &[(String, &RawValue)],
) -> LineOutput {
    let mut json = String::from("{\"name\":");
    json.push_str(&name.as_ref().map_or("null".to_string(), |n| json_string(n)));
    json.push_str(&format!(",\"line\":{line_number},\"error\":"));
    json.push_str(&json_string(message));
    push_extra(&mut json, extra, &["name", "line", "error"]);
    json.push('}');
    LineOutput {
        json,
        problem: Some(LineProblem {
            line: line_number,
            name,
            message: message.to_string(),
        }),
    }
}

/// The message for a line of `n_bytes` bytes over [`MAX_LINE_BYTES`].
pub fn too_long_message(n_bytes: usize) -> String {
    const MB: usize = 1024 * 1024;
    format!(
        "the line is {} MB; the limit is {} MB",
        n_bytes.div_ceil(MB),
        MAX_LINE_BYTES / MB
    )
}

/// The fields of an input line that matter, and the others in their original order.
struct Record<'a> {
    name: Option<String>,
    text: Option<String>,
    /// What is wrong with the fields, found after the name so that the error can name it.
    problem: Option<String>,
    extra: Vec<(String, &'a RawValue)>,
}

fn parse_record(line: &[u8]) -> Result<Record<'_>, String> {
    let fields: Fields = serde_json::from_slice(line).map_err(|err| json_message(&err))?;
    let mut name: Option<String> = None;
    let mut id_name: Option<String> = None;
    let mut text: Option<String> = None;
    let mut problem: Option<String> = None;
    let mut extra = Vec::new();
    for (key, raw) in fields.0 {
        match key.as_str() {
            "text" => {
                let message = if text.is_some() {
                    "the line has two \"text\" fields"
                } else {
                    match serde_json::from_str::<String>(raw.get()) {
                        Ok(value) => {
                            text = Some(value);
                            continue;
                        }
                        // A string that is JSON but not Unicode: an escaped lone surrogate.
                        Err(_) if raw.get().starts_with('"') => {
                            "\"text\" contains an escaped lone surrogate (\\ud800 to \\udfff)"
                        }
                        Err(_) => "\"text\" is not a string",
                    }
                };
                problem.get_or_insert_with(|| message.to_string());
            }
            "name" => {
                if name.is_some() {
                    return Err("the line has two \"name\" fields".to_string());
                }
                let value: String = serde_json::from_str(raw.get())
                    .map_err(|_| "\"name\" is not a string".to_string())?;
                name = Some(value);
            }
            _ => {
                if key == "id" && id_name.is_none() {
                    // An id names the document when there is no name; it is also copied
                    // through unchanged, so a numeric id stays a number.
                    id_name = id_as_name(raw);
                }
                extra.push((key, raw));
            }
        }
    }
    Ok(Record {
        name: name.or(id_name),
        text,
        problem,
        extra,
    })
}

/// The name an `id` gives: a string as it is, a number as written.
fn id_as_name(raw: &RawValue) -> Option<String> {
    match serde_json::from_str::<serde_json::Value>(raw.get()).ok()? {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// serde_json's message without its position, which is always "line 1" here and would be
/// confused with the line number of the stream.
fn json_message(err: &serde_json::Error) -> String {
    let full = err.to_string();
    let what = match full.rfind(" at line ") {
        Some(pos) => &full[..pos],
        None => full.as_str(),
    };
    match err.column() {
        // Errors found after the whole value was read, such as a wrong type, have no column.
        0 => format!("not a valid JSON object ({what})"),
        column => format!("not a valid JSON object ({what} at column {column})"),
    }
}

/// One line of interchange JSON for a document, with the line's other fields after it.
fn document_json(doc: &ExportDocument, extra: &[(String, &RawValue)]) -> String {
    // Serialising strings, numbers and enums cannot fail.
    let mut json = serde_json::to_string(doc).unwrap_or_default();
    if json.ends_with('}') && !extra.is_empty() {
        json.pop();
        push_extra(&mut json, extra, &["name", "lang", "text", "annotations"]);
        json.push('}');
    }
    json
}

/// Appends `,"key":value` for each extra field except those the output writes itself, so the
/// output never has two fields of the same name from two sources.
fn push_extra(json: &mut String, extra: &[(String, &RawValue)], own: &[&str]) {
    for (key, raw) in extra {
        if own.contains(&key.as_str()) {
            continue;
        }
        json.push(',');
        json.push_str(&json_string(key));
        json.push(':');
        push_compact(json, raw.get());
    }
}

/// Copies a JSON value without the whitespace between its tokens. Input whitespace may
/// include carriage returns, and some line splitters treat a lone one as a line end.
fn push_compact(json: &mut String, raw: &str) {
    let mut in_string = false;
    let mut escaped = false;
    for c in raw.chars() {
        if in_string {
            json.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            json.push(c);
        } else if !matches!(c, ' ' | '\t' | '\n' | '\r') {
            json.push(c);
        }
    }
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

/// A JSON object as its fields in input order, each value kept as its raw text. (serde_json's
/// own map would sort the keys and re-format nested values.)
struct Fields<'a>(Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> serde::Deserialize<'de> for Fields<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldsVisitor;
        impl<'de> Visitor<'de> for FieldsVisitor {
            type Value = Fields<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object with a \"text\" field")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Fields<'de>, M::Error> {
                let mut fields = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    let value: &'de RawValue = map.next_value()?;
                    fields.push((key, value));
                }
                Ok(Fields(fields))
            }
        }
        deserializer
            .deserialize_map(FieldsVisitor)
            .map_err(de::Error::custom)
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub use pipeline::{annotate_stream, Summary};

#[cfg(not(target_arch = "wasm32"))]
mod pipeline {
    use std::io::{self, BufRead, Write};
    use std::panic::{self, AssertUnwindSafe};
    use std::sync::mpsc::{self, Receiver, SyncSender, TryRecvError};
    use std::sync::{Arc, Mutex};

    use super::MAX_LINE_BYTES;
    use super::{annotate_line, error_line, is_blank, too_long_message, LineOutput, LineProblem};

    /// What a run did.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct Summary {
        /// Output lines written: documents and error objects.
        pub n_lines: u64,
        /// Lines that gave an error object.
        pub n_failed: u64,
    }

    /// One line to annotate and where its result goes.
    struct Job {
        line_number: u64,
        line: Vec<u8>,
        result: SyncSender<LineOutput>,
    }

    /// Annotates every non-empty line of `input` on `n_threads` threads and writes the results
    /// to `output` in input order. `report` is called, in order, for each line that failed.
    ///
    /// The calling thread reads; workers annotate; one more thread writes. For each line the
    /// reader makes a one-slot channel for its result and queues the receiving end for the
    /// writer, which waits on them in turn: that keeps the order without sorting, and the
    /// bounded queues stop the reader when the writer falls behind, so memory stays bounded.
    ///
    /// Output is flushed whenever the writer would otherwise wait, so a consumer reading line
    /// by line sees each result as soon as it is ready. An error reading the input or writing
    /// the output ends the run.
    pub fn annotate_stream<R, W, F>(
        mut input: R,
        output: W,
        n_threads: usize,
        report: F,
    ) -> io::Result<Summary>
    where
        R: BufRead,
        W: Write + Send,
        F: FnMut(&LineProblem) + Send,
    {
        let n_threads = n_threads.max(1);
        let (job_tx, job_rx) = mpsc::sync_channel::<Job>(n_threads);
        let (order_tx, order_rx) = mpsc::sync_channel::<Receiver<LineOutput>>(2 * n_threads);
        let job_rx = Arc::new(Mutex::new(job_rx));

        std::thread::scope(|scope| {
            for _ in 0..n_threads {
                let job_rx = Arc::clone(&job_rx);
                scope.spawn(move || work(&job_rx));
            }
            let writer = scope.spawn(move || write_in_order(order_rx, output, report));

            let read = read_lines(&mut input, job_tx, order_tx);
            let written = writer
                .join()
                .unwrap_or_else(|_| Err(io::Error::other("the output thread failed")));
            // A write error is the cause when both fail: the reader stops because the writer
            // has gone.
            let summary = written?;
            read?;
            Ok(summary)
        })
    }

    fn read_lines<R: BufRead>(
        input: &mut R,
        job_tx: SyncSender<Job>,
        order_tx: SyncSender<Receiver<LineOutput>>,
    ) -> io::Result<()> {
        let mut line = Vec::new();
        let mut line_number = 0u64;
        loop {
            line.clear();
            let read = read_bounded_line(input, &mut line, MAX_LINE_BYTES)?;
            let too_long = match read {
                LineRead::End => return Ok(()),
                LineRead::Line => None,
                LineRead::TooLong(n_bytes) => Some(n_bytes),
            };
            line_number += 1;
            if too_long.is_none() && is_blank(&line) {
                continue;
            }
            let (result_tx, result_rx) = mpsc::sync_channel(1);
            if order_tx.send(result_rx).is_err() {
                // The writer has stopped (an output error, which it reports).
                return Ok(());
            }
            match too_long {
                Some(n_bytes) => {
                    let output = error_line(line_number, None, &too_long_message(n_bytes), &[]);
                    // The writer holds the receiver, so this slot is free.
                    let _ = result_tx.send(output);
                }
                None => {
                    let job = Job {
                        line_number,
                        line: std::mem::take(&mut line),
                        result: result_tx,
                    };
                    if job_tx.send(job).is_err() {
                        return Err(io::Error::other("the worker threads failed"));
                    }
                }
            }
        }
    }

    fn work(job_rx: &Mutex<Receiver<Job>>) {
        loop {
            // The lock is held only while taking a job, never while annotating.
            let job = match job_rx.lock() {
                Ok(rx) => rx.recv(),
                Err(_) => return,
            };
            let Ok(job) = job else { return };
            // A bug that panics on one document must not take the stream down with it: the
            // line gets an error object and the worker goes on.
            let output = panic::catch_unwind(AssertUnwindSafe(|| {
                annotate_line(job.line_number, &job.line)
            }))
            .unwrap_or_else(|_| {
                error_line(
                    job.line_number,
                    None,
                    "internal error while annotating this line",
                    &[],
                )
            });
            // The writer may have stopped after an output error; then nobody needs this.
            let _ = job.result.send(output);
        }
    }

    fn write_in_order<W: Write, F: FnMut(&LineProblem)>(
        order_rx: Receiver<Receiver<LineOutput>>,
        output: W,
        mut report: F,
    ) -> io::Result<Summary> {
        let mut out = io::BufWriter::with_capacity(1 << 16, output);
        let mut summary = Summary::default();
        loop {
            let result_rx = match order_rx.try_recv() {
                Ok(rx) => rx,
                Err(TryRecvError::Disconnected) => break,
                Err(TryRecvError::Empty) => {
                    out.flush()?;
                    match order_rx.recv() {
                        Ok(rx) => rx,
                        Err(_) => break,
                    }
                }
            };
            let result = match result_rx.try_recv() {
                Ok(result) => Ok(result),
                Err(_) => {
                    out.flush()?;
                    result_rx.recv()
                }
            };
            let Ok(line) = result else {
                return Err(io::Error::other("a worker thread failed"));
            };
            out.write_all(line.json.as_bytes())?;
            out.write_all(b"\n")?;
            summary.n_lines += 1;
            if let Some(problem) = &line.problem {
                summary.n_failed += 1;
                report(problem);
            }
        }
        out.flush()?;
        Ok(summary)
    }

    #[derive(Debug, PartialEq, Eq)]
    enum LineRead {
        End,
        Line,
        /// The line had this many bytes, more than the limit; only the limit was kept.
        TooLong(usize),
    }

    /// Reads one line into `line`, without its `\n` or `\r\n`, keeping at most `limit` bytes:
    /// the rest of a longer line is read and dropped, so one huge line costs no memory.
    fn read_bounded_line<R: BufRead>(
        input: &mut R,
        line: &mut Vec<u8>,
        limit: usize,
    ) -> io::Result<LineRead> {
        let mut n_bytes = 0usize;
        let mut seen_any = false;
        let mut last_byte = None;
        loop {
            let buffer = match input.fill_buf() {
                Ok(buffer) => buffer,
                Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
                Err(err) => return Err(err),
            };
            if buffer.is_empty() {
                break;
            }
            seen_any = true;
            let (chunk, found_end) = match buffer.iter().position(|&b| b == b'\n') {
                Some(pos) => (&buffer[..pos], true),
                None => (buffer, false),
            };
            let room = limit.saturating_sub(line.len());
            line.extend_from_slice(&chunk[..chunk.len().min(room)]);
            n_bytes = n_bytes.saturating_add(chunk.len());
            if let Some(&byte) = chunk.last() {
                last_byte = Some(byte);
            }
            let used = chunk.len() + usize::from(found_end);
            input.consume(used);
            if found_end {
                break;
            }
        }
        if !seen_any {
            return Ok(LineRead::End);
        }
        // The '\r' of a CRLF ending is not part of the line, nor of its length.
        if last_byte == Some(b'\r') {
            if line.len() == n_bytes {
                line.pop();
            }
            n_bytes -= 1;
        }
        if n_bytes > limit {
            line.clear();
            Ok(LineRead::TooLong(n_bytes))
        } else {
            Ok(LineRead::Line)
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn lines_of(input: &[u8], limit: usize) -> Vec<(LineRead, Vec<u8>)> {
            let mut reader = io::BufReader::with_capacity(4, input);
            let mut out = Vec::new();
            loop {
                let mut line = Vec::new();
                let read = read_bounded_line(&mut reader, &mut line, limit).unwrap();
                if read == LineRead::End {
                    return out;
                }
                out.push((read, line));
            }
        }

        #[test]
        fn lines_are_split_on_lf_and_crlf() {
            let got = lines_of(b"ab\r\ncd\n\nlast", 100);
            let expected = [
                (LineRead::Line, b"ab".to_vec()),
                (LineRead::Line, b"cd".to_vec()),
                (LineRead::Line, Vec::new()),
                (LineRead::Line, b"last".to_vec()),
            ];
            assert_eq!(got, expected);
        }

        #[test]
        fn long_lines_are_dropped_and_counted() {
            let got = lines_of(b"0123456789abc\nok\n0123456789\r\n", 10);
            let expected = [
                (LineRead::TooLong(13), Vec::new()),
                (LineRead::Line, b"ok".to_vec()),
                (LineRead::Line, b"0123456789".to_vec()),
            ];
            assert_eq!(got, expected);
        }

        #[test]
        fn results_keep_input_order_on_many_threads() {
            let mut input = String::new();
            for i in 0..200 {
                // Long and short texts alternate, so later lines often finish first.
                let words = if i % 3 == 0 { 400 } else { 1 };
                let text = "China accused hackers of an attack. ".repeat(words);
                input.push_str(&format!("{{\"id\":{i},\"text\":\"{text}\"}}\n"));
                if i % 50 == 0 {
                    input.push_str("not json\n\n");
                }
            }
            let mut output = Vec::new();
            let mut failed = Vec::new();
            let summary =
                annotate_stream(input.as_bytes(), &mut output, 4, |p| failed.push(p.line)).unwrap();
            assert_eq!(summary.n_failed, 4);
            assert_eq!(summary.n_lines, 204);
            assert_eq!(failed, [2, 54, 106, 158]);
            let ids: Vec<serde_json::Value> = String::from_utf8(output)
                .unwrap()
                .lines()
                .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
                .filter(|v| v.get("error").is_none())
                .map(|v| v["id"].clone())
                .collect();
            let expected: Vec<serde_json::Value> = (0..200).map(serde_json::Value::from).collect();
            assert_eq!(ids, expected);
        }

        #[test]
        fn a_closed_output_ends_the_run_with_an_error() {
            struct Closed;
            impl Write for Closed {
                fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                    Err(io::ErrorKind::BrokenPipe.into())
                }
                fn flush(&mut self) -> io::Result<()> {
                    Err(io::ErrorKind::BrokenPipe.into())
                }
            }
            let input = "{\"text\":\"Hello.\"}\n".repeat(1000);
            let result = annotate_stream(input.as_bytes(), Closed, 2, |_| {});
            assert_eq!(result.unwrap_err().kind(), io::ErrorKind::BrokenPipe);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn value_of(line: &str) -> (Value, Option<LineProblem>) {
        let output = annotate_line(7, line.as_bytes());
        assert!(!output.json.contains('\n'), "{}", output.json);
        let value = serde_json::from_str(&output.json).expect("the output is JSON");
        (value, output.problem)
    }

    /// `error!(name, line, expected_message)`: a line that gives an error object.
    macro_rules! error {
        ($name:ident, $line:expr, $message:expr) => {
            #[test]
            fn $name() {
                let (value, problem) = value_of($line);
                let problem = problem.expect("a problem is reported");
                assert_eq!(problem.message, $message);
                assert_eq!(problem.line, 7);
                assert_eq!(value["error"], $message);
                assert_eq!(value["line"], 7);
            }
        };
    }

    error!(
        invalid_json,
        "{\"text\": ", "not a valid JSON object (EOF while parsing a value at column 9)"
    );
    error!(
        not_an_object,
        "[1, 2]",
        "not a valid JSON object (invalid type: sequence, expected an object with a \"text\" field)"
    );
    error!(
        missing_text,
        "{\"name\": \"a\"}", "the line has no \"text\" field"
    );
    error!(
        text_not_a_string,
        "{\"text\": 3}", "\"text\" is not a string"
    );
    error!(
        name_not_a_string,
        "{\"name\": [], \"text\": \"x\"}", "\"name\" is not a string"
    );
    error!(
        two_texts,
        "{\"text\": \"a\", \"text\": \"b\"}", "the line has two \"text\" fields"
    );
    error!(
        lone_surrogate_in_text,
        r#"{"text": "a\ud800b"}"#,
        "\"text\" contains an escaped lone surrogate (\\ud800 to \\udfff)"
    );
    error!(empty_text, "{\"text\": \"\"}", "the file is empty");
    error!(
        blank_text,
        "{\"text\": \" \\n \"}", "the file contains only whitespace"
    );
    error!(
        control_character_in_text,
        "{\"text\": \"\u{0}\"}",
        "not a valid JSON object (control character (\\u0000-\\u001F) found while parsing a string at column 10)"
    );

    #[test]
    fn invalid_utf8_bytes_are_an_error_not_a_panic() {
        let output = annotate_line(1, b"{\"text\": \"\xff\xfe\"}");
        assert!(output.problem.is_some());
        assert!(serde_json::from_str::<Value>(&output.json).is_ok());
    }

    #[test]
    fn a_document_is_the_same_as_from_a_file() {
        let text = "China denied that it hacked the ministry.\r\nIt promised to cooperate.";
        let line = serde_json::json!({"name": "a.txt", "text": text}).to_string();
        let output = annotate_line(1, line.as_bytes());
        assert_eq!(output.problem, None);
        let from_file = crate::annotate_file("a.txt", text.as_bytes()).unwrap();
        assert_eq!(output.json, serde_json::to_string(&from_file).unwrap());
        assert!(output
            .json
            .starts_with("{\"name\":\"a.txt\",\"lang\":\"en\",\"text\":"));
    }

    #[test]
    fn extra_fields_are_copied_in_order_and_compacted() {
        let line = "{\"id\": 42, \"text\": \"Hello.\", \"meta\": {\"z\": 1, \"a\": [1, \"x y\"]},\r\"lang\": \"fr\"}";
        let output = annotate_line(3, line.as_bytes());
        assert_eq!(
            output.json,
            "{\"name\":\"42\",\"lang\":\"en\",\"text\":\"Hello.\",\"annotations\":[],\
             \"id\":42,\"meta\":{\"z\":1,\"a\":[1,\"x y\"]}}"
        );
    }

    /// Fields are copied as they are, even where a strict parser would refuse them: a consumer
    /// that could read the input line can read the output line.
    #[test]
    fn odd_but_valid_fields_are_copied_as_written() {
        let line = r#"{"text":"x","big":1e400,"zero":-0,"s":"\ud800"}"#;
        let output = annotate_line(1, line.as_bytes());
        assert!(output
            .json
            .ends_with(r#","big":1e400,"zero":-0,"s":"\ud800"}"#));
    }

    #[test]
    fn names_come_from_name_then_id_then_line_number() {
        let name_of = |line: &str| value_of(line).0["name"].clone();
        assert_eq!(name_of("{\"name\":\"n\",\"id\":\"i\",\"text\":\"x\"}"), "n");
        assert_eq!(name_of("{\"id\":\"i\",\"text\":\"x\"}"), "i");
        assert_eq!(name_of("{\"id\":1.5,\"text\":\"x\"}"), "1.5");
        assert_eq!(name_of("{\"id\":null,\"text\":\"x\"}"), "line 7");
        assert_eq!(name_of("{\"text\":\"x\"}"), "line 7");
        assert_eq!(name_of("not json"), Value::Null);
    }

    #[test]
    fn html_names_get_their_text_extracted() {
        let line = r#"{"name":"p.html","text":"<p>One.</p><script>x()</script><p>Two.</p>"}"#;
        assert_eq!(value_of(line).0["text"], "One.\nTwo.");
    }

    #[test]
    fn error_objects_keep_extra_fields_but_not_their_own_keys() {
        let line = r#"{"id":9,"error":"mine","line":1,"text":5}"#;
        let output = annotate_line(2, line.as_bytes());
        assert_eq!(
            output.json,
            r#"{"name":"9","line":2,"error":"\"text\" is not a string","id":9}"#
        );
        let line = r#"{"id":9,"error":"mine","line":1}"#;
        let output = annotate_line(2, line.as_bytes());
        assert_eq!(
            output.json,
            r#"{"name":"9","line":2,"error":"the line has no \"text\" field","id":9}"#
        );
    }

    #[test]
    fn overlong_lines_are_refused() {
        let line = vec![b' '; MAX_LINE_BYTES + 1];
        let output = annotate_line(1, &line);
        assert_eq!(
            output.problem.unwrap().message,
            "the line is 17 MB; the limit is 16 MB"
        );
    }

    #[test]
    fn blank_lines() {
        assert!(is_blank(b""));
        assert!(is_blank(b" \t\r"));
        assert!(!is_blank(b" {}"));
    }
}
