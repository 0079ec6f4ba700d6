//! HTML to readable text.
//!
//! `html5gum` is a WHATWG tokenizer: it reads tag soup the way browsers do, decodes character
//! references, and produces a flat stream of tokens. This module walks that stream once with
//! a handful of counters, so arbitrarily deep nesting costs no stack. Only the text of tokens
//! is kept; tag names steer line breaks and skipping, and attributes are never looked at, so
//! no markup, event handler or `javascript:` URL can reach the output.

use html5gum::{DefaultEmitter, Token, Tokenizer};

/// Elements whose content is never shown as text: code, styling, embedded documents, vector
/// graphics and fallbacks for missing features.
#[rustfmt::skip]
const SKIPPED: &[&[u8]] = &[
    b"script", b"style", b"noscript", b"template", b"svg", b"math", b"iframe", b"object",
    b"noembed", b"noframes", b"applet", b"audio", b"video", b"canvas", b"select", b"datalist",
];

/// Elements that start and end a line.
#[rustfmt::skip]
const BLOCKS: &[&[u8]] = &[
    b"address", b"article", b"aside", b"blockquote", b"body", b"br", b"caption", b"center", b"dd",
    b"details", b"dialog", b"dir", b"div", b"dl", b"dt", b"fieldset", b"figcaption", b"figure",
    b"footer", b"form", b"h1", b"h2", b"h3", b"h4", b"h5", b"h6", b"header", b"hgroup", b"hr",
    b"html", b"legend", b"li", b"main", b"menu", b"nav", b"ol", b"p", b"pre", b"section",
    b"summary", b"table", b"tbody", b"tfoot", b"thead", b"tr", b"ul",
];

/// Table cells are separated by a space so a row reads as one line.
const CELLS: &[&[u8]] = &[b"td", b"th"];

/// Elements allowed in `<head>`; any other start tag ends the head, as in browsers.
#[rustfmt::skip]
const HEAD_ELEMENTS: &[&[u8]] = &[
    b"base", b"basefont", b"bgsound", b"link", b"meta", b"noscript", b"script", b"style",
    b"template", b"title",
];

/// The readable text of an HTML document: the first `<title>` as the first line, then one line
/// per block of body text, with runs of whitespace collapsed to single spaces and no empty
/// lines.
pub fn extract_text(html: &str) -> String {
    let mut emitter = DefaultEmitter::default();
    // Switches the tokenizer into raw-text mode after <script>, <style>, <title> and the like,
    // so that "<p>" inside a script string or a title is not taken for a tag.
    emitter.naively_switch_states(true);
    let tokenizer = Tokenizer::new_with_emitter(html, emitter);

    let mut body = LineWriter::default();
    let mut title = LineWriter::default();
    let mut skipping: Option<(Vec<u8>, usize)> = None;
    let mut in_head = false;
    let mut in_title = false;
    let mut titles_seen = 0usize;
    let mut pre_depth = 0usize;

    // Reading from a &str cannot fail, so the error type is uninhabited; flatten drops nothing.
    for token in tokenizer.flatten() {
        // Inside a skipped element only its own end tag (or a nested one of the same name)
        // matters.
        if let Some((name, depth)) = &mut skipping {
            match &token {
                Token::StartTag(tag)
                    if tag.name.as_slice() == name.as_slice()
                        && !(tag.self_closing && (name == b"svg" || name == b"math")) =>
                {
                    *depth += 1;
                }
                Token::EndTag(tag) if tag.name.as_slice() == name.as_slice() => {
                    *depth -= 1;
                    if *depth == 0 {
                        skipping = None;
                    }
                }
                _ => {}
            }
            continue;
        }
        match token {
            Token::StartTag(tag) => {
                let name = tag.name.as_slice();
                if in_head && !HEAD_ELEMENTS.contains(&name) {
                    in_head = false;
                }
                // In HTML a "/>" closes only foreign elements (SVG, MathML); "<script/>" opens
                // a script like "<script>" does, in browsers and in the tokenizer alike.
                let closes_itself = tag.self_closing && (name == b"svg" || name == b"math");
                if SKIPPED.contains(&name) {
                    if !closes_itself {
                        skipping = Some((name.to_vec(), 1));
                    }
                } else if name == b"head" {
                    in_head = true;
                } else if name == b"title" {
                    in_title = true;
                    titles_seen += 1;
                } else if BLOCKS.contains(&name) {
                    body.line_break();
                    if name == b"pre" && !tag.self_closing {
                        pre_depth += 1;
                    }
                } else if CELLS.contains(&name) {
                    body.space();
                }
            }
            Token::EndTag(tag) => {
                let name = tag.name.as_slice();
                if name == b"head" {
                    in_head = false;
                } else if name == b"title" {
                    in_title = false;
                } else if BLOCKS.contains(&name) {
                    body.line_break();
                    if name == b"pre" {
                        pre_depth = pre_depth.saturating_sub(1);
                    }
                } else if CELLS.contains(&name) {
                    body.space();
                }
            }
            Token::String(text) => {
                let text = String::from_utf8_lossy(&text.value);
                if in_title {
                    // Only the first title names the document; later ones (in the body of
                    // sloppy pages) are not shown by browsers either.
                    if titles_seen == 1 {
                        title.text(&text);
                    }
                } else if in_head {
                    // Text directly in <head> is not part of the document body.
                } else if pre_depth > 0 {
                    body.preformatted(&text);
                } else {
                    body.text(&text);
                }
            }
            // Comments, doctypes and tokenizer errors carry no readable text.
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }

    let title = title.finish();
    let body = body.finish();
    match (title.is_empty(), body.is_empty()) {
        (true, _) => body,
        (false, true) => title,
        (false, false) => format!("{title}\n{body}"),
    }
}

/// Builds text line by line: collapses whitespace, never writes a line that is empty or
/// only whitespace, and never ends a line with a space.
#[derive(Default)]
struct LineWriter {
    out: String,
    /// Where the current line starts in `out`.
    line_start: usize,
    /// Whitespace was seen since the last character; written as one space before the next.
    pending_space: bool,
}

impl LineWriter {
    fn line_has_text(&self) -> bool {
        self.out.len() > self.line_start
    }

    /// Inline text: every run of HTML whitespace becomes one space.
    fn text(&mut self, text: &str) {
        for c in text.chars() {
            if is_html_whitespace(c) {
                self.pending_space = true;
            } else {
                self.push_char(c);
            }
        }
    }

    /// Text inside `<pre>`: spaces are kept, line feeds end lines. A carriage return can only
    /// come from a character reference (`&#13;`) here, and ends a line too, so the output keeps
    /// the promise of `\n` line endings.
    fn preformatted(&mut self, text: &str) {
        for c in text.chars() {
            if c == '\n' || c == '\r' {
                self.line_break();
            } else if c == ' ' || c == '\t' {
                if self.line_has_text() {
                    self.out.push(c);
                }
            } else {
                self.push_char(c);
            }
        }
    }

    fn push_char(&mut self, c: char) {
        if self.pending_space && self.line_has_text() {
            self.out.push(' ');
        }
        self.pending_space = false;
        self.out.push(c);
    }

    /// A boundary between table cells: like whitespace between words.
    fn space(&mut self) {
        self.pending_space = true;
    }

    fn line_break(&mut self) {
        let line = &self.out[self.line_start..];
        let trimmed_len = line.trim_end().len();
        if line.trim().is_empty() {
            // A line of only non-breaking or other Unicode spaces is dropped like an empty one.
            self.out.truncate(self.line_start);
        } else {
            self.out.truncate(self.line_start + trimmed_len);
            self.out.push('\n');
            self.line_start = self.out.len();
        }
        self.pending_space = false;
    }

    fn finish(mut self) -> String {
        self.line_break();
        if self.out.ends_with('\n') {
            self.out.pop();
        }
        self.out
    }
}

/// The whitespace HTML collapses (space, tab, line feed, form feed, carriage return); a
/// non-breaking space is content and stays.
fn is_html_whitespace(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\x0c' | '\r')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `t!(name, html, expected_text)`: one extraction case per line.
    macro_rules! t {
        ($name:ident, $html:expr, $expected:expr) => {
            #[test]
            fn $name() {
                assert_eq!(extract_text($html), $expected);
            }
        };
    }

    t!(plain_paragraphs, "<p>One.</p><p>Two.</p>", "One.\nTwo.");
    t!(
        title_first,
        "<html><head><title>Talks</title></head><body><p>Body.</p></body></html>",
        "Talks\nBody."
    );
    t!(title_only, "<title> Only  a title </title>", "Only a title");
    t!(
        second_title_ignored,
        "<title>A</title><p>x</p><title>B</title>",
        "A\nx"
    );
    t!(
        script_dropped,
        "<p>Before</p><script>alert(1)</script><p>After</p>",
        "Before\nAfter"
    );
    t!(
        script_with_markup_inside,
        "<script>document.write('<p>evil</p>'); if (a<b) {}</script>Safe",
        "Safe"
    );
    t!(
        script_with_comment_opener,
        "<script>var s = '<!--';</script><p>Visible</p>",
        "Visible"
    );
    t!(
        style_dropped,
        "<style>p { color: red }</style><p>Text</p>",
        "Text"
    );
    t!(
        noscript_dropped,
        "<noscript>Enable JavaScript</noscript><p>Text</p>",
        "Text"
    );
    t!(
        template_nested,
        "<template><template>x</template>y</template>z",
        "z"
    );
    t!(
        svg_dropped,
        "<p>a<svg><title>icon</title><text>t</text></svg>b</p>",
        "ab"
    );
    t!(self_closing_svg, "<p>a<svg/>b</p>", "ab");
    t!(
        self_closing_script_still_opens,
        "<p>a</p><script/>alert(1)</script><p>b</p>",
        "a\nb"
    );
    t!(self_closing_style_still_opens, "<style/>p{}</style>c", "c");
    t!(
        self_closing_title_still_opens,
        "<title/>T</title><p>b</p>",
        "T\nb"
    );
    t!(
        math_iframe_object_dropped,
        "<math><mi>x</mi></math><iframe>f</iframe><object>o</object>k",
        "k"
    );
    t!(
        head_text_dropped,
        "<head><meta charset=utf-8><link rel=x>junk</head><body>Body</body>",
        "Body"
    );
    t!(comment_dropped, "<p>a<!-- hidden -->b</p>", "ab");
    t!(
        event_handlers_dropped,
        r#"<img src=x onerror="alert(1)"><a href="javascript:alert(2)" onclick="x()">Link</a>"#,
        "Link"
    );
    t!(
        entities_decoded,
        "<p>AT&amp;T &lt;b&gt; &eacute;t&eacute; &#x4E2D;&#22269; &quot;q&quot;</p>",
        "AT&T <b> été 中国 \"q\""
    );
    t!(
        nbsp_kept_as_content,
        "<p>a&nbsp;b</p><p>&nbsp;</p><p>c</p>",
        "a\u{a0}b\nc"
    );
    t!(
        whitespace_collapsed,
        "<p>  many \n\t spaces   here  </p>",
        "many spaces here"
    );
    t!(
        inline_elements_join,
        "<p>Storm-<b>0558</b> <i>breached</i> mail.</p>",
        "Storm-0558 breached mail."
    );
    t!(
        br_breaks_line,
        "line one<br>line two<br/>line three",
        "line one\nline two\nline three"
    );
    t!(
        headings_and_lists,
        "<h1>Head</h1><ul><li>a</li><li>b</li></ul>",
        "Head\na\nb"
    );
    t!(blocks_break, "<div>a</div><section>b</section><article>c</article><blockquote>d</blockquote><header>e</header><footer>f</footer>", "a\nb\nc\nd\ne\nf");
    t!(
        table_rows_and_cells,
        "<table><tr><td>A</td><td>B</td></tr><tr><th>C</th><td>D</td></tr></table>",
        "A B\nC D"
    );
    t!(pre_carriage_return_reference, "<pre>a&#13;b</pre>", "a\nb");
    t!(
        pre_keeps_lines,
        "<pre>x  = 1\n  y = 2\n</pre>after",
        "x  = 1\ny = 2\nafter"
    );
    t!(unclosed_tags, "<p>one<p>two<div>three", "one\ntwo\nthree");
    t!(
        empty_document,
        "<html><head><title></title></head><body> </body></html>",
        ""
    );
    t!(only_script, "<script>alert(1)</script>", "");
    t!(
        unclosed_script_swallows_rest,
        "<p>a</p><script>alert(1)",
        "a"
    );
    t!(plaintext_element, "<plaintext><b>x</b>", "<b>x</b>");
    t!(
        textarea_text_kept,
        "<textarea>a <b> c</textarea>",
        "a <b> c"
    );

    // Found by fuzzing (the html target's check, not the extractor, was wrong): an end tag cut
    // off by the end of the file is text, as browsers show it, not markup.
    t!(
        end_tag_opener_at_the_end_is_text,
        "<p>me>T<td>yy</",
        "me>T yy</"
    );
    t!(lone_opener_at_the_end_is_text, "<p>a <", "a <");

    #[test]
    fn deep_nesting_does_not_overflow() {
        let depth = 10_000;
        let html = format!("{}deep{}", "<div>".repeat(depth), "</div>".repeat(depth));
        assert_eq!(extract_text(&html), "deep");
        let spans = format!("{}x", "<span><svg>".repeat(depth));
        assert_eq!(extract_text(&spans), "");
    }
}
