//! The sample articles, built into the app so "Sample articles" works with the network off.
//! The names are the files' names in `samples/`, so the export matches
//! `dossier annotate samples/*` byte for byte.

pub const SAMPLES: [(&str, &[u8]); 5] = [
    (
        "000_782e96a0999c36fc.txt",
        include_bytes!("../../samples/000_782e96a0999c36fc.txt"),
    ),
    (
        "001_a5c8a512bce3a294.txt",
        include_bytes!("../../samples/001_a5c8a512bce3a294.txt"),
    ),
    (
        "002_03189cb5f709e8cb.txt",
        include_bytes!("../../samples/002_03189cb5f709e8cb.txt"),
    ),
    (
        "003_960ca792217014db.txt",
        include_bytes!("../../samples/003_960ca792217014db.txt"),
    ),
    (
        "004_3a4ec9840d3cb2d8.txt",
        include_bytes!("../../samples/004_3a4ec9840d3cb2d8.txt"),
    ),
];

#[cfg(test)]
mod tests {
    /// The built-in list stays in step with the `samples/` directory.
    #[test]
    fn every_sample_file_is_built_in() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/samples");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .expect("samples directory")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| !name.starts_with('.'))
            .collect();
        on_disk.sort();
        let built_in: Vec<&str> = super::SAMPLES.iter().map(|s| s.0).collect();
        assert_eq!(on_disk, built_in);
        for (name, bytes) in super::SAMPLES {
            assert_eq!(std::fs::read(format!("{dir}/{name}")).unwrap(), bytes);
        }
    }
}
