//! From the bytes of a file to text the engine can read, or a clear reason why not.
//!
//! Shared by the CLI and the web app, so both accept and refuse exactly the same files.

/// Files larger than this are refused with a message that states the limit.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// Text decoded from a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodedText {
    pub text: String,
    /// The encoding the bytes were read as ("UTF-8", "GBK", "windows-1256", …).
    pub encoding: &'static str,
}

/// Decodes a file's bytes into text. The error is a message for the reader, without the
/// file name (callers attach it).
pub fn decode(name: &str, bytes: &[u8]) -> Result<DecodedText, String> {
    let _ = name;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(format!(
            "the file is {} MB; the limit is {} MB",
            bytes.len() / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(DecodedText {
            text: text.trim_start_matches('\u{feff}').to_string(),
            encoding: "UTF-8",
        }),
        Err(_) => Err("the file is not UTF-8 text".to_string()),
    }
}
