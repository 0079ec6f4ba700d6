//! The brat zip importer. The first byte chooses between the raw bytes as the archive (for
//! damaged and hostile zip files) and an archive built from the bytes (so that the fuzzer
//! reaches the `.ann` parser without having to forge checksums): the rest is split at NUL
//! bytes into alternating entry names and contents. The importer must never panic, load only
//! valid annotations, and be deterministic.

#![no_main]

use std::io::{Cursor, Write};

use dossier::formats::brat::import;
use libfuzzer_sys::fuzz_target;
use zip::write::SimpleFileOptions;
use zip::ZipWriter;

fn build_zip(data: &[u8]) -> Vec<u8> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut parts = data.split(|&b| b == 0);
    while let (Some(name), Some(contents)) = (parts.next(), parts.next()) {
        let name = String::from_utf8_lossy(name);
        if writer.start_file(name.as_ref(), options).is_err() {
            continue;
        }
        writer.write_all(contents).expect("writing to memory");
    }
    writer.finish().expect("writing to memory").into_inner()
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let bytes = if mode % 2 == 0 {
        rest.to_vec()
    } else {
        build_zip(rest)
    };
    let imported = import(&bytes);
    assert_eq!(imported, import(&bytes), "import is not deterministic");
    checks::check_imported(&imported.value);
    for problem in &imported.problems {
        assert!(!problem.message.is_empty(), "a problem without a message");
    }
});
