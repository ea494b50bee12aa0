//! Reads a built site the way a visitor's browser and a feed reader would: every
//! internal link and asset of every page resolves to a built file under the
//! site's base path, and every feed, calendar, sitemap and JSON file parses.

use std::collections::BTreeSet;
use std::path::Path;

/// `s` with its `%XX` escapes decoded.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if let Some(b) = (bytes[i] == b'%' && i + 2 < bytes.len())
            .then(|| u8::from_str_radix(&s[i + 1..i + 3], 16).ok())
            .flatten()
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

/// Every `href="…"` and `src="…"` value in an HTML text.
pub fn link_targets(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let end = rest.find('"').unwrap_or(rest.len());
            found.push(rest[..end].replace("&amp;", "&"));
            rest = &rest[end..];
        }
    }
    found
}

/// Checks the built site in `out`, published at `base` (ending in `/`).
pub fn check_site(out: &Path, base: &str) {
    let base_path = &base[base
        .find("://")
        .map(|i| i + 3)
        .and_then(|i| base[i..].find('/').map(|j| i + j))
        .unwrap()..];
    let mut broken = BTreeSet::new();
    let mut html_pages = 0;
    let mut checked = 0;
    for rel in super::files(out) {
        let bytes = std::fs::read(out.join(&rel)).unwrap();
        match Path::new(&rel).extension().and_then(|e| e.to_str()) {
            Some("html") => {
                html_pages += 1;
                let html = String::from_utf8(bytes).unwrap();
                for target in link_targets(&html) {
                    let local = if let Some(p) = target.strip_prefix(base) {
                        format!("/{p}")
                    } else if target.starts_with('/') && !target.starts_with("//") {
                        if !target.starts_with(base_path) {
                            broken.insert(format!(
                                "{rel}: `{target}` ignores the base path {base_path}"
                            ));
                            continue;
                        }
                        target[base_path.len() - 1..].to_owned()
                    } else {
                        continue;
                    };
                    let path = local.split(['#', '?']).next().unwrap();
                    let path = percent_decode(path);
                    let mut disk = out.join(path.trim_start_matches('/'));
                    if path.ends_with('/') {
                        disk = disk.join("index.html");
                    }
                    checked += 1;
                    if !disk.is_file() {
                        broken.insert(format!("{rel}: `{target}`"));
                    }
                }
            }
            Some("xml") => {
                let mut reader = quick_xml::Reader::from_reader(bytes.as_slice());
                let mut buf = Vec::new();
                loop {
                    match reader.read_event_into(&mut buf) {
                        Ok(quick_xml::events::Event::Eof) => break,
                        Ok(_) => {}
                        Err(e) => panic!("{rel} is not well-formed XML: {e}"),
                    }
                    buf.clear();
                }
                if rel.ends_with("atom.xml") {
                    atom_syndication::Feed::read_from(bytes.as_slice())
                        .unwrap_or_else(|e| panic!("{rel}: {e}"));
                }
            }
            Some("json") => {
                serde_json::from_slice::<serde_json::Value>(&bytes)
                    .unwrap_or_else(|e| panic!("{rel}: {e}"));
            }
            Some("ics") => {
                let text = String::from_utf8(bytes).unwrap();
                assert!(
                    text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"),
                    "{rel}"
                );
                assert!(text.split("\r\n").all(|l| l.len() <= 75), "{rel} has an unfolded line");
            }
            _ => {}
        }
    }
    assert!(html_pages > 10, "only {html_pages} pages");
    assert!(
        checked > 20 * html_pages,
        "only {checked} internal links checked in {html_pages} pages"
    );
    assert!(
        broken.is_empty(),
        "{} broken links:\n{}",
        broken.len(),
        broken.into_iter().take(30).collect::<Vec<_>>().join("\n")
    );
}
