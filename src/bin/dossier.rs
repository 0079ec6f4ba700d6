//! `dossier`: annotate files from the command line and print the interchange JSON.
//!
//! ```text
//! dossier annotate [--format FORMAT] [--output FILE] [--verbose] [--] PATH...
//! ```
//! Files or directories (recursive, hidden entries skipped); the interchange JSON (or another
//! format, see `dossier::formats`) on stdout or in FILE.
//! Exit status: 0 when every input was annotated, 1 when some were skipped (each reason on
//! stderr and in the JSON's `problems`), 2 on usage errors.
//!
//! `dossier annotate --jsonl [--threads N] [--output FILE]` reads documents one per line on
//! stdin and writes them one per line, in order, annotated on all cores (`dossier::stream`);
//! the status is 1 when some line gave an error object.
//!
//! Every file goes through `dossier::annotate_file`, the same function the web app calls, so
//! the JSON is byte-identical to the web app's export for the same files.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(cli::run(std::env::args_os().skip(1).collect()));
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::collections::BTreeSet;
    use std::ffi::OsString;
    use std::io::Write;
    use std::path::{Path, PathBuf};

    use dossier::export::{interchange, ExportDocument, Interchange, Problem};
    use dossier::formats::Format;

    const USAGE: &str = "\
usage: dossier annotate [--format FORMAT] [--output FILE] [--verbose] [--] PATH...

Annotates text (.txt, .text, .md, .markdown) and HTML (.html, .htm, .xhtml) files, or every
file under a directory (hidden files and directories are skipped), and prints the annotations
as interchange JSON (format \"dossier-annotations\") on stdout. Files with other names are
read when their contents are text. Legacy encodings (GBK, Big5, Shift_JIS, EUC-KR,
windows-1251, windows-1256, ...) and UTF-16 are recognised.

Files that cannot be read are reported on stderr and in the JSON's \"problems\" list.
With --jsonl (dossier annotate --jsonl [--threads N] [--output FILE] < LINES), documents
are read from stdin instead, one JSON object per line.

options:
  -f, --format FORMAT one of
                        json          interchange JSON (the default)
                        w3c           W3C Web Annotation JSON-LD collection
                        brat          zip of brat standoff .txt and .ann files
                        conll         CoNLL IOB2 entities, one token per line
                        csv-entities  CSV of entity mentions
                        csv-events    CSV of incident and pledge sentences
                        stix          STIX 2.1 bundle
  --timestamp TIME    the time STIX objects are created and published, as
                      2026-11-22T10:00:00Z (default: now), for reproducible bundles
  -o, --output FILE   write the output to FILE instead of stdout
  -v, --verbose       also report on stderr how each file was read (encoding, removed bytes)
  --                  treat every later argument as a path, even if it starts with '-'
  --jsonl             read JSON Lines on stdin, one {\"name\" or \"id\", \"text\"} object per
                      line (other fields are copied), and write one annotated document per
                      line, in input order; a line that cannot be annotated gives
                      {\"name\",\"line\",\"error\"} instead (exit status 1). Empty lines
                      are skipped.
  --threads N         with --jsonl, annotate on N threads (default: all cores)
  -h, --help          print this help
  -V, --version       print the version

exit status: 0 all files annotated, 1 some files skipped, 2 usage error";

    /// What the command line asked for.
    #[derive(Debug, PartialEq, Eq)]
    struct Options {
        jsonl: bool,
        threads: Option<usize>,
        paths: Vec<PathBuf>,
        output: Option<PathBuf>,
        verbose: bool,
        format: Format,
        /// Already checked and normalised by `formats::stix::stix_timestamp`.
        timestamp: Option<String>,
    }

    /// The output bytes of `value` in `format`.
    fn render(value: &Interchange, format: Format, timestamp: Option<&str>) -> Vec<u8> {
        let now = timestamp.map_or_else(now_utc, str::to_string);
        // The timestamp was checked when the arguments were read, and `now_utc` writes a
        // valid one, so this cannot fail; an empty output would be the visible sign if it did.
        format.render(value, &now).unwrap_or_default()
    }

    /// The current time as an RFC 3339 UTC timestamp with milliseconds.
    fn now_utc() -> String {
        let since_epoch = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        let seconds = since_epoch.as_secs();
        let (days, second_of_day) = (seconds / 86_400, seconds % 86_400);
        let (year, month, day) = civil_from_days(days as i64);
        format!(
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
            second_of_day / 3600,
            second_of_day / 60 % 60,
            second_of_day % 60,
            since_epoch.subsec_millis()
        )
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's
    /// `civil_from_days` algorithm).
    fn civil_from_days(days: i64) -> (i64, u32, u32) {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z.rem_euclid(146_097);
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let shifted_month = (5 * day_of_year + 2) / 153;
        let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u32;
        let month = if shifted_month < 10 {
            shifted_month + 3
        } else {
            shifted_month - 9
        } as u32;
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        (year, month, day)
    }

    /// The outcome of reading the command line: a run, or an early exit with a status.
    enum Parsed {
        Annotate(Options),
        Exit(i32),
    }

    pub fn run(args: Vec<OsString>) -> i32 {
        let options = match parse(args) {
            Parsed::Annotate(options) => options,
            Parsed::Exit(status) => return status,
        };
        if options.jsonl {
            return run_jsonl(&options);
        }

        let mut documents: Vec<ExportDocument> = Vec::new();
        let mut problems: Vec<Problem> = Vec::new();
        let mut notes: Vec<String> = Vec::new();
        for path in &options.paths {
            for (name, file) in expand(path, &mut problems) {
                match read_limited(&file) {
                    Ok(bytes) => {
                        if options.verbose {
                            // Decoding twice costs time, so only when asked; the notes are not
                            // part of the JSON, which stays identical to the web app's.
                            if let Ok(decoded) = dossier::input::decode(&name, &bytes) {
                                let mut how = decoded.notes;
                                if !how.iter().any(|note| note.starts_with("decoded as")) {
                                    how.insert(0, format!("decoded as {}", decoded.encoding));
                                }
                                notes.push(format!("{name}: {}", how.join("; ")));
                            }
                        }
                        match dossier::annotate_file(&name, &bytes) {
                            Ok(doc) => documents.push(doc),
                            Err(problem) => problems.push(problem),
                        }
                    }
                    Err(message) => problems.push(Problem { name, message }),
                }
            }
        }
        let value = interchange(documents, problems);
        notes.sort();
        for note in &notes {
            eprintln!("dossier: note: {note}");
        }
        for p in &value.problems {
            eprintln!("dossier: skipped {}: {}", p.name, p.message);
        }
        let output = render(&value, options.format, options.timestamp.as_deref());
        let written = match &options.output {
            Some(file) => std::fs::write(file, &output)
                .map_err(|err| format!("cannot write {}: {err}", file.display())),
            None => {
                let mut stdout = std::io::stdout().lock();
                stdout
                    .write_all(&output)
                    .and_then(|()| stdout.flush())
                    .map_err(|err| format!("cannot write the output: {err}"))
            }
        };
        if let Err(message) = written {
            eprintln!("dossier: {message}");
            return 1;
        }
        if value.problems.is_empty() {
            0
        } else {
            1
        }
    }

    fn parse(args: Vec<OsString>) -> Parsed {
        let mut args = args.into_iter();
        match args.next().as_ref().and_then(|a| a.to_str()) {
            Some("annotate") => {}
            Some("-h" | "--help" | "help") => {
                println!("{USAGE}");
                return Parsed::Exit(0);
            }
            Some("-V" | "--version") => {
                println!("dossier {}", env!("CARGO_PKG_VERSION"));
                return Parsed::Exit(0);
            }
            Some(other) => return usage_error(&format!("unknown command '{other}'")),
            None => return usage_error("no command given"),
        }
        let mut options = Options {
            jsonl: false,
            threads: None,
            paths: Vec::new(),
            output: None,
            verbose: false,
            format: Format::Json,
            timestamp: None,
        };
        let mut only_paths = false;
        while let Some(arg) = args.next() {
            let text = arg.to_string_lossy();
            if only_paths || !text.starts_with('-') || text == "-" {
                options.paths.push(PathBuf::from(arg));
                continue;
            }
            match text.as_ref() {
                "--" => only_paths = true,
                "-v" | "--verbose" => options.verbose = true,
                "--jsonl" => options.jsonl = true,
                "--threads" => match args.next().map(|n| n.to_string_lossy().parse::<usize>()) {
                    Some(Ok(n)) if n > 0 => options.threads = Some(n),
                    _ => return usage_error("--threads needs a number of threads, 1 or more"),
                },
                "-h" | "--help" => {
                    println!("{USAGE}");
                    return Parsed::Exit(0);
                }
                "-o" | "--output" => {
                    if options.output.is_some() {
                        return usage_error("--output given twice");
                    }
                    match args.next() {
                        Some(file) => options.output = Some(PathBuf::from(file)),
                        None => return usage_error("--output needs a file name"),
                    }
                }
                "-f" | "--format" => match args.next() {
                    Some(name) => {
                        if let Err(message) = set_format(&mut options, &name.to_string_lossy()) {
                            return usage_error(&message);
                        }
                    }
                    None => return usage_error("--format needs a format name"),
                },
                "--timestamp" => match args.next() {
                    Some(time) => {
                        if let Err(message) = set_timestamp(&mut options, &time.to_string_lossy()) {
                            return usage_error(&message);
                        }
                    }
                    None => return usage_error("--timestamp needs a time"),
                },
                _ => {
                    let set = if let Some(file) = text.strip_prefix("--output=") {
                        if file.is_empty() {
                            Err("--output needs a file name".to_string())
                        } else {
                            options.output = Some(PathBuf::from(file));
                            Ok(())
                        }
                    } else if let Some(name) = text.strip_prefix("--format=") {
                        set_format(&mut options, name)
                    } else if let Some(time) = text.strip_prefix("--timestamp=") {
                        set_timestamp(&mut options, time)
                    } else {
                        Err(format!("unknown option '{text}'"))
                    };
                    if let Err(message) = set {
                        return usage_error(&message);
                    }
                }
            }
        }
        if options.jsonl {
            return jsonl_usage(options);
        }
        if options.threads.is_some() {
            return usage_error("--threads applies only to --jsonl");
        }
        if options.paths.is_empty() {
            return usage_error("annotate needs at least one file or directory");
        }
        Parsed::Annotate(options)
    }

    fn set_format(options: &mut Options, name: &str) -> Result<(), String> {
        options.format = Format::parse(name).ok_or_else(|| {
            let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
            format!("unknown format '{name}' ({})", names.join(", "))
        })?;
        Ok(())
    }

    fn set_timestamp(options: &mut Options, time: &str) -> Result<(), String> {
        options.timestamp = Some(dossier::formats::stix::stix_timestamp(time)?);
        Ok(())
    }

    fn usage_error(message: &str) -> Parsed {
        eprintln!("dossier: {message}\n\n{USAGE}");
        Parsed::Exit(2)
    }

    /// `--jsonl` reads stdin only, and has no per-file decoding notes to be verbose about.
    fn jsonl_usage(options: Options) -> Parsed {
        if !options.paths.is_empty() {
            return usage_error("--jsonl reads stdin and takes no file or directory");
        }
        if options.verbose {
            return usage_error("--verbose does not apply to --jsonl");
        }
        // Each output line is an interchange document; other formats are whole-corpus files.
        if options.format != Format::Json || options.timestamp.is_some() {
            return usage_error(
                "--jsonl writes interchange documents; --format and --timestamp do not apply",
            );
        }
        Parsed::Annotate(options)
    }

    /// Annotates JSON Lines from stdin to stdout (or --output); see `dossier::stream`.
    fn run_jsonl(options: &Options) -> i32 {
        let n_threads = options.threads.unwrap_or_else(|| {
            std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
        });
        let output: Box<dyn Write + Send> = match &options.output {
            Some(file) => match std::fs::File::create(file) {
                Ok(f) => Box::new(f),
                Err(err) => {
                    eprintln!("dossier: cannot write {}: {err}", file.display());
                    return 1;
                }
            },
            None => Box::new(std::io::stdout()),
        };
        let stdin = std::io::stdin().lock();
        let report = |problem: &dossier::stream::LineProblem| {
            eprintln!("dossier: skipped {problem}");
        };
        match dossier::stream::annotate_stream(stdin, output, n_threads, report) {
            Ok(summary) if summary.n_failed == 0 => 0,
            Ok(_) => 1,
            Err(err) => {
                eprintln!("dossier: cannot read the input or write the output: {err}");
                1
            }
        }
    }

    /// Reads a file, refusing one over the size limit before loading it, with the same
    /// message the decoder gives.
    fn read_limited(file: &Path) -> Result<Vec<u8>, String> {
        let too_large = std::fs::metadata(file)
            .ok()
            .and_then(|meta| dossier::input::size_problem(meta.len()));
        if let Some(message) = too_large {
            return Err(message);
        }
        std::fs::read(file).map_err(|err| format!("cannot read the file: {err}"))
    }

    /// The files a path stands for, with the name each gets in the output: a file is named by
    /// its file name; files found under a directory by their path relative to it, with `/`
    /// between components on every platform.
    fn expand(path: &Path, problems: &mut Vec<Problem>) -> Vec<(String, PathBuf)> {
        let display = path.display().to_string();
        match std::fs::metadata(path) {
            Err(err) => {
                problems.push(Problem {
                    name: display,
                    message: format!("cannot open: {err}"),
                });
                Vec::new()
            }
            Ok(meta) if meta.is_dir() => {
                let mut files = walk(path, problems);
                files.sort();
                files
            }
            Ok(_) => {
                let name = path
                    .file_name()
                    .map_or(display, |n| n.to_string_lossy().into_owned());
                vec![(name, path.to_path_buf())]
            }
        }
    }

    /// Every non-hidden file under `root`. The walk keeps its own list of directories to visit
    /// instead of recursing, and visits each real directory once, so neither a very deep tree
    /// nor a symbolic link that points back up the tree can exhaust the stack or loop forever.
    fn walk(root: &Path, problems: &mut Vec<Problem>) -> Vec<(String, PathBuf)> {
        let mut files = Vec::new();
        let mut visited: BTreeSet<PathBuf> = BTreeSet::new();
        let mut pending = vec![root.to_path_buf()];
        while let Some(dir) = pending.pop() {
            let real = std::fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone());
            if !visited.insert(real) {
                continue;
            }
            let entries = match std::fs::read_dir(&dir) {
                Ok(entries) => entries,
                Err(err) => {
                    problems.push(Problem {
                        name: dir.display().to_string(),
                        message: format!("cannot list the directory: {err}"),
                    });
                    continue;
                }
            };
            for entry in entries.flatten() {
                // Hidden files and directories (.DS_Store, .git) are never documents.
                if entry.file_name().to_string_lossy().starts_with('.') {
                    continue;
                }
                let path = entry.path();
                if path.is_dir() {
                    pending.push(path);
                } else {
                    let relative = path.strip_prefix(root).unwrap_or(&path);
                    let name = relative
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/");
                    files.push((name, path));
                }
            }
        }
        files
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn parse_strs(args: &[&str]) -> Option<Options> {
            match parse(args.iter().map(OsString::from).collect()) {
                Parsed::Annotate(options) => Some(options),
                Parsed::Exit(_) => None,
            }
        }

        #[test]
        fn options_anywhere_after_the_command() {
            let options =
                parse_strs(&["annotate", "a.txt", "-o", "out.json", "-v", "dir"]).unwrap();
            assert_eq!(
                options.paths,
                [PathBuf::from("a.txt"), PathBuf::from("dir")]
            );
            assert_eq!(options.output, Some(PathBuf::from("out.json")));
            assert!(options.verbose);
            let options = parse_strs(&["annotate", "--output=x.json", "--", "-odd.txt"]).unwrap();
            assert_eq!(options.paths, [PathBuf::from("-odd.txt")]);
            assert_eq!(options.output, Some(PathBuf::from("x.json")));
        }

        #[test]
        fn usage_errors() {
            assert_eq!(parse_strs(&["annotate"]), None);
            assert_eq!(parse_strs(&["annotate", "-o"]), None);
            assert_eq!(parse_strs(&["annotate", "--output="]), None);
            assert_eq!(parse_strs(&["annotate", "--bogus", "a.txt"]), None);
            assert_eq!(parse_strs(&["annotate", "-o", "a", "-o", "b", "c"]), None);
            assert_eq!(parse_strs(&["frobnicate"]), None);
            assert_eq!(parse_strs(&["annotate", "--format", "xml", "a.txt"]), None);
            assert_eq!(parse_strs(&["annotate", "--format"]), None);
            assert_eq!(
                parse_strs(&["annotate", "--timestamp=yesterday", "a"]),
                None
            );
        }

        #[test]
        fn formats_and_timestamps() {
            let options = parse_strs(&["annotate", "a.txt"]).unwrap();
            assert_eq!(options.format, Format::Json);
            let options = parse_strs(&[
                "annotate",
                "-f",
                "stix",
                "--timestamp",
                "2026-11-22T10:00:00Z",
                "a.txt",
            ])
            .unwrap();
            assert_eq!(options.format, Format::Stix);
            assert_eq!(
                options.timestamp.as_deref(),
                Some("2026-11-22T10:00:00.000Z")
            );
            let options = parse_strs(&["annotate", "--format=csv-events", "a.txt"]).unwrap();
            assert_eq!(options.format, Format::CsvEvents);
        }

        #[test]
        fn dates_from_day_counts() {
            assert_eq!(civil_from_days(0), (1970, 1, 1));
            assert_eq!(civil_from_days(11_016), (2000, 2, 29));
            assert_eq!(civil_from_days(20_779), (2026, 11, 22));
            assert!(dossier::formats::stix::stix_timestamp(&now_utc()).is_ok());
        }
    }
}
