//! Reads a built site the way a browser, a feed reader and a calendar would, and
//! lists what would run script or break out of its context: a small HTML
//! tokenizer (comments, raw-text elements, quoted and unquoted attributes,
//! character references), XML and JSON parsers, and an iCalendar line check.
//! Shared by the `hostile` tests (a built folder) and the `fuzz` tests (files in
//! memory).

use std::path::Path;

/// One start tag as a browser's tokenizer sees it.
#[derive(Debug)]
pub struct Tag {
    pub name: String,
    /// Attribute names lowercased, values with character references decoded.
    pub attrs: Vec<(String, String)>,
    /// The text of a raw-text element (`script`, `style`, ...).
    pub raw: Option<String>,
}

impl Tag {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// The start tags of an HTML document, tokenized like a browser does (comments,
/// end tags and doctype skipped; raw-text elements read to their end tag).
pub fn start_tags(html: &str) -> Vec<Tag> {
    let lower = html.to_ascii_lowercase();
    let b = html.as_bytes();
    let len = b.len();
    let mut tags = Vec::new();
    let mut i = 0;
    // Inside <svg> or <math>, `title` and `textarea` hold markup, not text.
    let mut foreign = 0usize;
    let skip_to =
        |from: usize, pat: &str| lower[from..].find(pat).map_or(len, |e| from + e + pat.len());
    while let Some(off) = lower[i..].find('<') {
        i += off;
        if lower[i..].starts_with("<!--") {
            i = skip_to(i + 4, "-->");
            continue;
        }
        if lower[i..].starts_with("</svg") || lower[i..].starts_with("</math") {
            foreign = foreign.saturating_sub(1);
        }
        if lower[i..].starts_with("<!")
            || lower[i..].starts_with("<?")
            || lower[i..].starts_with("</")
        {
            i = skip_to(i + 1, ">");
            continue;
        }
        if !b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
            continue;
        }
        let is_delim = |c: u8| c.is_ascii_whitespace() || c == b'/' || c == b'>';
        let mut j = i + 1;
        while j < len && !is_delim(b[j]) {
            j += 1;
        }
        let name = lower[i + 1..j].to_owned();
        let mut attrs = Vec::new();
        loop {
            while j < len && (b[j].is_ascii_whitespace() || b[j] == b'/') {
                j += 1;
            }
            if j >= len {
                break;
            }
            if b[j] == b'>' {
                j += 1;
                break;
            }
            let start = j;
            if b[j] == b'=' {
                j += 1;
            }
            while j < len && !is_delim(b[j]) && b[j] != b'=' {
                j += 1;
            }
            let attr = lower[start..j].to_owned();
            while j < len && b[j].is_ascii_whitespace() {
                j += 1;
            }
            let mut value = String::new();
            if j < len && b[j] == b'=' {
                j += 1;
                while j < len && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j < len && (b[j] == b'"' || b[j] == b'\'') {
                    let q = b[j] as char;
                    let end = html[j + 1..].find(q).map_or(len, |e| j + 1 + e);
                    value = html[j + 1..end].to_owned();
                    j = (end + 1).min(len);
                } else {
                    let s = j;
                    while j < len && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                        j += 1;
                    }
                    value = html[s..j].to_owned();
                }
            }
            attrs.push((attr, decode_entities(&value)));
        }
        // Elements whose text is not markup (RCDATA and raw text).
        let raw_text = ["script", "style", "xmp", "iframe", "noembed", "noframes", "plaintext"];
        let rcdata = ["title", "textarea", "noscript"];
        if name == "svg" || name == "math" {
            foreign += 1;
        }
        let is_raw =
            raw_text.contains(&name.as_str()) || (foreign == 0 && rcdata.contains(&name.as_str()));
        let raw = if is_raw {
            let end = lower[j..].find(&format!("</{name}")).map_or(len, |e| j + e);
            let text = html[j..end].to_owned();
            j = end;
            Some(text)
        } else {
            None
        };
        tags.push(Tag { name, attrs, raw });
        i = j;
    }
    tags
}

/// Decodes the character references a browser decodes in attribute values.
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|&e| e <= 12);
        let decoded = end.and_then(|e| {
            let body = &rest[1..e];
            let c = if let Some(hex) = body.strip_prefix("#x").or_else(|| body.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
            } else if let Some(dec) = body.strip_prefix('#') {
                dec.parse().ok().and_then(char::from_u32)
            } else {
                match body.to_ascii_lowercase().as_str() {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "colon" => Some(':'),
                    "tab" => Some('\t'),
                    "newline" => Some('\n'),
                    _ => None,
                }
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The scheme a browser would see in a URL attribute, lowercased.
pub fn url_scheme(value: &str) -> Option<String> {
    let v: String = value
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let colon = v.find(':')?;
    let scheme = &v[..colon];
    let valid = scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// What a page does that a strict Content-Security-Policy would not allow, or
/// that runs script: one line per problem.
#[derive(Debug, Default)]
pub struct Findings {
    /// Script, event handlers, script URLs, injected frames: never allowed.
    pub unsafe_html: Vec<String>,
    /// `style=` attributes and `<style>` elements (need `style-src 'unsafe-inline'`).
    pub inline_styles: Vec<String>,
}

pub fn scan_html(path: &str, html: &str, base_path: &str, findings: &mut Findings) {
    const URL_ATTRS: [&str; 10] = [
        "href",
        "src",
        "action",
        "formaction",
        "xlink:href",
        "poster",
        "data",
        "background",
        "cite",
        "srcset",
    ];
    for tag in start_tags(html) {
        let here = format!("{path}: <{} {:?}>", tag.name, tag.attrs);
        match tag.name.as_str() {
            "script" => {
                let ld = tag.attr("type") == Some("application/ld+json");
                // The theme's scripts, the preview's, and the search page's script
                // (the index's manifest and the theme's search code, written by the
                // build: qiao::search::page_script).
                let own_src = tag.attr("src").is_some_and(|src| {
                    src.starts_with(base_path)
                        && (src.contains("/js/")
                            || src.contains("/__qiao/")
                            || src.ends_with("/search/search.js"))
                });
                if ld {
                    let text = tag.raw.as_deref().unwrap_or("");
                    if let Err(e) = serde_json::from_str::<serde_json::Value>(text) {
                        findings
                            .unsafe_html
                            .push(format!("{path}: JSON-LD does not parse ({e}): {text}"));
                    }
                    if text.contains('<') {
                        findings.unsafe_html.push(format!("{path}: JSON-LD holds `<`: {text}"));
                    }
                } else if !own_src || tag.raw.as_deref().is_some_and(|t| !t.trim().is_empty()) {
                    findings.unsafe_html.push(format!("script: {here} {:?}", tag.raw));
                }
            }
            "iframe" | "object" | "embed" | "base" | "frame" | "frameset" | "applet" => {
                findings.unsafe_html.push(format!("element: {here}"));
            }
            "meta" if tag.attr("http-equiv").is_some_and(|v| v.eq_ignore_ascii_case("refresh")) => {
                // The redirect page of an alias (outputs::redirects) sends the
                // visitor to a page of the same site; any other refresh is a finding.
                let own =
                    tag.attr("content").and_then(|c| c.strip_prefix("0; url=")).is_some_and(|to| {
                        to.starts_with(base_path) && !to.starts_with("//") && !to.contains(':')
                    });
                if !own {
                    findings.unsafe_html.push(format!("refresh: {here}"));
                }
            }
            "style" => findings.inline_styles.push(format!("<style>: {path}")),
            _ => {}
        }
        for (name, value) in &tag.attrs {
            if name.starts_with("on") {
                findings.unsafe_html.push(format!("handler: {here}"));
            }
            if name == "style" {
                findings
                    .inline_styles
                    .push(format!("style=: {path}: <{} style={value:?}>", tag.name));
            }
            if URL_ATTRS.contains(&name.as_str())
                && url_scheme(value).is_some_and(|s| {
                    matches!(s.as_str(), "javascript" | "vbscript" | "data" | "file")
                })
            {
                findings.unsafe_html.push(format!("script URL: {here}"));
            }
        }
    }
}

/// Parses an XML file to its end; Atom `type="html"` texts are scanned as HTML.
pub fn check_xml(path: &str, text: &str, base_path: &str, findings: &mut Findings) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    let mut html_text = false;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) => {
                html_text = e
                    .attributes()
                    .flatten()
                    .any(|a| a.key.as_ref() == b"type" && a.value.as_ref() == b"html");
            }
            Ok(Event::Text(t)) if html_text => {
                let decoded = t.decode().map(|d| d.into_owned()).unwrap_or_default();
                let unescaped = quick_xml::escape::unescape(&decoded)
                    .map(|u| u.into_owned())
                    .unwrap_or_default();
                scan_html(&format!("{path} (html text)"), &unescaped, base_path, findings);
            }
            Ok(Event::CData(t)) if html_text => {
                scan_html(
                    &format!("{path} (html CDATA)"),
                    &String::from_utf8_lossy(&t),
                    base_path,
                    findings,
                );
            }
            Ok(Event::End(_)) => html_text = false,
            Ok(_) => {}
            Err(e) => {
                findings.unsafe_html.push(format!(
                    "{path}: not well-formed XML at {}: {e}",
                    reader.buffer_position()
                ));
                break;
            }
        }
    }
}

/// Every line of a calendar is a property or a folded continuation, and there are
/// `events` events (none injected through a line break in a field).
pub fn check_ics(path: &str, text: &str, events: usize, findings: &mut Findings) {
    let mut count = 0;
    for line in text.split("\r\n") {
        if line.is_empty() || line.starts_with(' ') || line.starts_with('\t') {
            continue;
        }
        let name = line.find([':', ';']).map(|end| &line[..end]).unwrap_or("");
        if name.is_empty()
            || !name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
        {
            findings.unsafe_html.push(format!("{path}: not a property line: {line:?}"));
        }
        if line == "BEGIN:VEVENT" {
            count += 1;
        }
    }
    if text.replace("\r\n", "").contains(['\r', '\n']) {
        findings.unsafe_html.push(format!("{path}: a bare line break"));
    }
    if count != events {
        findings.unsafe_html.push(format!("{path}: {count} events, expected {events}"));
    }
}

/// How many roadshows each calendar of a built site holds, by its path
/// (`roadshows/calendar.ics`, and `en/roadshows/calendar.ics` for a language's).
pub type Calendars = std::collections::BTreeMap<String, usize>;

/// The calendars of a site in one language with `n` roadshows.
pub fn calendar(n: usize) -> Calendars {
    Calendars::from([("roadshows/calendar.ics".to_owned(), n)])
}

/// Scans every file of a built site in `out`, whose links start with `base_path`
/// and whose calendars hold `roadshows` events.
pub fn scan_output(out: &Path, base_path: &str, roadshows: &Calendars) -> Findings {
    let mut findings = Findings::default();
    for rel in super::files(out) {
        let bytes = std::fs::read(out.join(&rel)).unwrap();
        let Ok(text) = std::str::from_utf8(&bytes) else { continue };
        scan_file(&rel, text, base_path, roadshows, &mut findings);
    }
    findings
}

/// Scans one text file of a built site, by its kind: HTML, JSON, XML or a
/// calendar (the events `roadshows` gives a `calendar.ics`, one in every other).
pub fn scan_file(
    path: &str,
    text: &str,
    base_path: &str,
    roadshows: &Calendars,
    findings: &mut Findings,
) {
    if path.ends_with(".html") {
        scan_html(path, text, base_path, findings);
    } else if path.ends_with(".json") {
        if let Err(e) = serde_json::from_str::<serde_json::Value>(text) {
            findings.unsafe_html.push(format!("{path}: JSON does not parse: {e}"));
        }
    } else if path.ends_with(".xml") {
        check_xml(path, text, base_path, findings);
    } else if path.ends_with(".ics") {
        let events = if path.ends_with("calendar.ics") {
            roadshows.get(path).copied().unwrap_or(usize::MAX)
        } else {
            1
        };
        check_ics(path, text, events, findings);
    }
}
