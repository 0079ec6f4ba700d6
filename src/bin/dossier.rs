//! `dossier`: annotate files from the command line and print the interchange JSON.
//!
//! ```text
//! dossier annotate PATH...   files or directories (recursive); JSON on stdout
//! ```
//! Exit status: 0 when every input was annotated, 1 when some were skipped (each reason on
//! stderr and in the JSON's `problems`), 2 on usage errors.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(cli::run(std::env::args_os().skip(1).collect()));
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::ffi::OsString;
    use std::io::Write;
    use std::path::{Path, PathBuf};

    use dossier::export::{interchange, to_json, ExportDocument, Problem};

    const USAGE: &str = "\
usage: dossier annotate PATH...

Annotates text (.txt, .md) and HTML (.html, .htm) files, or every file under a directory,
and prints the annotations as interchange JSON (format \"dossier-annotations\") on stdout.
Files that cannot be read are reported on stderr and in the JSON's \"problems\" list.

exit status: 0 all files annotated, 1 some files skipped, 2 usage error";

    pub fn run(args: Vec<OsString>) -> i32 {
        let mut args = args.into_iter();
        match args.next().as_ref().and_then(|a| a.to_str()) {
            Some("annotate") => {}
            Some("-h" | "--help" | "help") => {
                println!("{USAGE}");
                return 0;
            }
            Some("-V" | "--version") => {
                println!("dossier {}", env!("CARGO_PKG_VERSION"));
                return 0;
            }
            Some(other) => return usage_error(&format!("unknown command '{other}'")),
            None => return usage_error("no command given"),
        }
        let paths: Vec<PathBuf> = args.map(PathBuf::from).collect();
        if paths.is_empty() {
            return usage_error("annotate needs at least one file or directory");
        }
        if let Some(flag) = paths.iter().find(|p| p.to_string_lossy().starts_with('-')) {
            return usage_error(&format!("unknown option '{}'", flag.display()));
        }

        let mut documents: Vec<ExportDocument> = Vec::new();
        let mut problems: Vec<Problem> = Vec::new();
        for path in &paths {
            for (name, file) in expand(path, &mut problems) {
                match std::fs::read(&file) {
                    Ok(bytes) => match dossier::annotate_file(&name, &bytes) {
                        Ok(doc) => documents.push(doc),
                        Err(problem) => problems.push(problem),
                    },
                    Err(err) => problems.push(Problem {
                        name,
                        message: format!("cannot read the file: {err}"),
                    }),
                }
            }
        }
        let value = interchange(documents, problems);
        for p in &value.problems {
            eprintln!("dossier: skipped {}: {}", p.name, p.message);
        }
        let mut stdout = std::io::stdout().lock();
        if let Err(err) = stdout
            .write_all(to_json(&value).as_bytes())
            .and_then(|_| stdout.flush())
        {
            eprintln!("dossier: cannot write the output: {err}");
            return 1;
        }
        if value.problems.is_empty() {
            0
        } else {
            1
        }
    }

    fn usage_error(message: &str) -> i32 {
        eprintln!("dossier: {message}\n\n{USAGE}");
        2
    }

    /// The files a path stands for, with the name each gets in the output: a file is named by
    /// its file name; files found under a directory by their path relative to it.
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
                let mut files = Vec::new();
                walk(path, path, &mut files, problems);
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

    fn walk(
        root: &Path,
        dir: &Path,
        files: &mut Vec<(String, PathBuf)>,
        problems: &mut Vec<Problem>,
    ) {
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(err) => {
                problems.push(Problem {
                    name: dir.display().to_string(),
                    message: format!("cannot list the directory: {err}"),
                });
                return;
            }
        };
        for entry in entries.flatten() {
            let path = entry.path();
            // Hidden files (.DS_Store, .git) are never documents.
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            if path.is_dir() {
                walk(root, &path, files, problems);
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
}
