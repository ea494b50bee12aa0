//! Markdown bodies to HTML, plain text and a derived summary, in one pass over the
//! parser's events.
//!
//! What happens here beyond plain CommonMark: tables, footnotes, strikethrough and
//! task lists; stable heading ids (CJK kept, so `## 合作方式` gets `id="合作方式"`);
//! links between content files rewritten to page URLs, and every link or image
//! with no scheme checked, each broken one an error at its line and column in the
//! Markdown file; a soft line break between two Chinese characters dropped (a
//! browser would show it as a stray space); raw HTML sanitized by an allow-list
//! unless the site trusts its editors. Link targets are resolved by a [`Links`]
//! implementation so this module needs no site.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::diagnostics::{Code, Diagnostic, LineIndex, Position, Problem};
use crate::text::is_cjk;

/// Resolves a link target written in Markdown.
pub(crate) trait Links {
    /// What `dest` (as written in `source`, shown on the page at `page_dir`) becomes:
    /// `Ok(None)` to keep it as written, `Ok(Some(href))` to replace it, or `Err` with
    /// the reason it is broken.
    fn resolve(&self, source: &str, page_dir: &str, dest: &str) -> Result<Option<String>, Problem>;

    /// The markup of an image whose target `dest` (already resolved without
    /// error) the site makes copies of, with its `alt` text; `Ok(None)` to
    /// render it as Markdown does.
    fn image(&self, _page_dir: &str, _dest: &str, _alt: &str) -> Result<Option<String>, Problem> {
        Ok(None)
    }
}

/// A Markdown text to render, with where it comes from.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Doc<'a> {
    /// Site-relative source path, for diagnostics and relative `.md` links.
    pub(crate) source: &'a str,
    /// The Markdown.
    pub(crate) body: &'a str,
    /// Lines of the file before the body.
    pub(crate) body_line_offset: usize,
    /// Path of the page it is shown on (`cases/x/`), for relative links.
    pub(crate) page_dir: &'a str,
    /// Pass raw HTML through unsanitized.
    pub(crate) trust_html: bool,
}

/// What a body becomes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Rendered {
    /// The HTML.
    pub(crate) html: String,
    /// The whole text, blocks separated by newlines, for the search index.
    pub(crate) text: String,
    /// The beginning of the prose (paragraphs only), to derive a summary from.
    pub(crate) lead: String,
    /// Broken links.
    pub(crate) diagnostics: Vec<Diagnostic>,
}

/// How much prose to keep for a derived summary.
const LEAD_CHARS: usize = 600;

/// Renders one Markdown document.
pub(crate) fn render(doc: &Doc<'_>, links: &dyn Links) -> Rendered {
    let mut options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    options.remove(Options::ENABLE_SMART_PUNCTUATION);
    let parser = Parser::new_ext(doc.body, options).into_offset_iter();
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut diagnostics = Vec::new();
    let mut line_index: Option<LineIndex> = None;
    let mut has_raw_html = false;
    // An image being read: where its events start, its target and its offset.
    let mut image: Option<(usize, String, usize)> = None;
    for (event, range) in parser {
        let event = match event {
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest_url = check_link(
                    doc,
                    links,
                    link_type,
                    dest_url,
                    range.start,
                    &mut line_index,
                    &mut diagnostics,
                );
                Event::Start(Tag::Link { link_type, dest_url, title, id })
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let broken = diagnostics.len();
                let written = dest_url.to_string();
                let dest_url = check_link(
                    doc,
                    links,
                    link_type,
                    dest_url,
                    range.start,
                    &mut line_index,
                    &mut diagnostics,
                );
                if diagnostics.len() == broken && image.is_none() {
                    image = Some((events.len(), written, range.start));
                }
                Event::Start(Tag::Image { link_type, dest_url, title, id })
            }
            Event::End(TagEnd::Image) if image.is_some() => {
                let (start, dest, offset) = image.take().unwrap_or_default();
                let alt: String = events[start + 1..]
                    .iter()
                    .filter_map(|e| match e {
                        Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                match links.image(doc.page_dir, &dest, &alt) {
                    Ok(Some(html)) => {
                        events.truncate(start);
                        events.push(Event::InlineHtml(CowStr::from(html)));
                        continue;
                    }
                    Ok(None) => {}
                    Err(problem) => {
                        let index = line_index.get_or_insert_with(|| LineIndex::new(doc.body));
                        let p = index.position(doc.body, offset);
                        let position =
                            Position { line: doc.body_line_offset + p.line, column: p.column };
                        diagnostics.push(Diagnostic::new(doc.source, position, problem));
                    }
                }
                event
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                has_raw_html = true;
                event
            }
            other => other,
        };
        events.push(event);
    }
    set_heading_ids(&mut events);
    drop_cjk_soft_breaks(&mut events);
    let (text, lead) = texts(&events);
    wrap_tables(&mut events);
    let mut html = String::with_capacity(doc.body.len() + doc.body.len() / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if has_raw_html && !doc.trust_html {
        // The sanitizer's HTML parser slows down with the square of the nesting.
        let depth = nesting_depth(&html);
        if depth > MAX_SANITIZED_DEPTH {
            let position = Position { line: doc.body_line_offset + 1, column: 1 };
            let problem =
                Problem::new(Code::E0407).arg("depth", depth).arg("max", MAX_SANITIZED_DEPTH);
            diagnostics.push(Diagnostic::new(doc.source, position, problem));
            html.clear();
        } else {
            html = sanitize(&html);
        }
    }
    Rendered { html, text, lead, diagnostics }
}

fn check_link<'a>(
    doc: &Doc<'_>,
    links: &dyn Links,
    link_type: LinkType,
    dest: CowStr<'a>,
    offset: usize,
    line_index: &mut Option<LineIndex>,
    diagnostics: &mut Vec<Diagnostic>,
) -> CowStr<'a> {
    if matches!(link_type, LinkType::Email) {
        return dest;
    }
    let resolved = match script_scheme(&dest) {
        Some(scheme) if !doc.trust_html => {
            Err(Problem::new(Code::E0406).arg("link", dest.as_ref()).arg("scheme", scheme))
        }
        _ => links.resolve(doc.source, doc.page_dir, &dest),
    };
    match resolved {
        Ok(None) => dest,
        Ok(Some(href)) => CowStr::from(href),
        Err(problem) => {
            let index = line_index.get_or_insert_with(|| LineIndex::new(doc.body));
            let p = index.position(doc.body, offset);
            let position = Position { line: doc.body_line_offset + p.line, column: p.column };
            diagnostics.push(Diagnostic::new(doc.source, position, problem));
            dest
        }
    }
}

/// Gives every heading a stable, unique id from its text (explicit `{#id}` kept).
fn set_heading_ids(events: &mut [Event<'_>]) {
    let mut used: HashSet<String> = HashSet::new();
    // Explicit ids first, so a derived id never takes one an editor chose.
    for e in events.iter() {
        if let Event::Start(Tag::Heading { id: Some(id), .. }) = e {
            used.insert(id.to_string());
        }
    }
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { id: None, .. }) = &events[i] {
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            let base = heading_slug(&text);
            let mut id = base.clone();
            let mut n = 1;
            while used.contains(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            used.insert(id.clone());
            if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i] {
                *slot = Some(CowStr::from(id));
            }
            i = j;
        }
        i += 1;
    }
}

/// The id of a heading: letters and digits of any script (lowercased), `-` and `_`
/// kept, whitespace runs as one `-`, other punctuation dropped.
pub(crate) fn heading_slug(text: &str) -> String {
    let mut out = String::new();
    let mut pending_dash = false;
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            if pending_dash && !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
            pending_dash = false;
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() {
            pending_dash = true;
        }
    }
    let out = out.trim_matches('-');
    if out.is_empty() { "section".to_owned() } else { out.to_owned() }
}

/// CJK characters and CJK punctuation: a line break between two of them is not a space.
fn is_cjk_like(c: char) -> bool {
    is_cjk(c)
        || matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFF60 | 0xFE30..=0xFE4F | 0x2014 | 0x2026 | 0x201C | 0x201D)
}

fn drop_cjk_soft_breaks(events: &mut Vec<Event<'_>>) {
    let mut keep = vec![true; events.len()];
    let mut any = false;
    for i in 1..events.len().saturating_sub(1) {
        if !matches!(events[i], Event::SoftBreak) {
            continue;
        }
        let before = edge_char(events[..i].iter().rev(), true);
        let after = edge_char(events[i + 1..].iter(), false);
        if before.is_some_and(is_cjk_like) && after.is_some_and(is_cjk_like) {
            keep[i] = false;
            any = true;
        }
    }
    if any {
        let mut k = keep.into_iter();
        events.retain(|_| k.next().unwrap_or(true));
    }
}

/// The visible character next to a point of the same paragraph, looking through
/// inline tags (`**数控**\n加工`): the first text of `events` in the order given,
/// with its first character (`from_end` false) or its last (`from_end` true).
fn edge_char<'e, 'a: 'e>(
    events: impl Iterator<Item = &'e Event<'a>>,
    from_end: bool,
) -> Option<char> {
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => {
                return if from_end { t.chars().last() } else { t.chars().next() };
            }
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. })
            | Event::End(
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link,
            ) => continue,
            _ => return None,
        }
    }
    None
}

/// Wide tables scroll inside their own box on narrow screens.
fn wrap_tables(events: &mut Vec<Event<'_>>) {
    if !events.iter().any(|e| matches!(e, Event::Start(Tag::Table(_)))) {
        return;
    }
    let old = std::mem::take(events);
    for e in old {
        let (before, after) = match &e {
            Event::Start(Tag::Table(_)) => (true, false),
            Event::End(TagEnd::Table) => (false, true),
            _ => (false, false),
        };
        if before {
            events.push(Event::Html(CowStr::Borrowed("<div class=\"table-wrap\">")));
        }
        events.push(e);
        if after {
            events.push(Event::Html(CowStr::Borrowed("</div>\n")));
        }
    }
}

/// The plain text of the whole body, and the prose at its start.
fn texts(events: &[Event<'_>]) -> (String, String) {
    let mut text = String::new();
    let mut lead = String::new();
    let mut in_paragraph = 0usize;
    let mut skip_lead = 0usize; // inside footnote definitions, tables, code
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => {
                text.push_str(t);
                if in_paragraph > 0 && skip_lead == 0 && lead.len() < LEAD_CHARS {
                    lead.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                text.push(' ');
                if in_paragraph > 0 && skip_lead == 0 && lead.len() < LEAD_CHARS {
                    lead.push(' ');
                }
            }
            Event::FootnoteReference(_) | Event::TaskListMarker(_) | Event::Rule => {}
            Event::Start(Tag::Paragraph) => in_paragraph += 1,
            Event::Start(Tag::FootnoteDefinition(_) | Tag::Table(_) | Tag::CodeBlock(_)) => {
                skip_lead += 1
            }
            Event::End(end) => {
                match end {
                    TagEnd::Paragraph => {
                        in_paragraph = in_paragraph.saturating_sub(1);
                        if skip_lead == 0 && !lead.is_empty() && lead.len() < LEAD_CHARS {
                            lead.push('\n');
                        }
                    }
                    TagEnd::FootnoteDefinition | TagEnd::Table | TagEnd::CodeBlock => {
                        skip_lead = skip_lead.saturating_sub(1);
                    }
                    _ => {}
                }
                if is_block_end(end) && !text.ends_with('\n') && !text.is_empty() {
                    text.push('\n');
                } else if matches!(end, TagEnd::TableCell) && !text.ends_with(['\n', ' ']) {
                    text.push(' ');
                }
            }
            _ => {}
        }
    }
    let text = text.trim_end().to_owned();
    let lead = lead.trim().to_owned();
    (text, lead)
}

fn is_block_end(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
    )
}

/// Whether a text is mostly Chinese, Japanese or Korean (counted by characters then).
pub(crate) fn is_mostly_cjk(text: &str) -> bool {
    let mut cjk = 0usize;
    let mut other = 0usize;
    for c in text.chars().take(400) {
        if is_cjk(c) {
            cjk += 1;
        } else if c.is_alphanumeric() {
            other += 1;
        }
    }
    // A Latin word is several letters but one unit of meaning, like one hanzi or two.
    cjk > 0 && cjk * 3 >= other
}

/// Characters of a derived summary of CJK text.
pub(crate) const SUMMARY_CHARS: usize = 120;
/// Words of a derived summary of other text.
pub(crate) const SUMMARY_WORDS: usize = 40;

/// A summary from the first prose of a body: about [`SUMMARY_CHARS`] characters for
/// CJK text (ending at a sentence end when one is near), about [`SUMMARY_WORDS`]
/// words otherwise; `…` when cut.
pub(crate) fn derive_summary(lead: &str) -> String {
    let lead = lead.split_whitespace().collect::<Vec<_>>().join(" ");
    if is_mostly_cjk(&lead) {
        let chars: Vec<char> = lead.chars().collect();
        if chars.len() <= SUMMARY_CHARS {
            return lead;
        }
        let window = &chars[..SUMMARY_CHARS];
        // Prefer to end at the last full stop in the second half of the window.
        if let Some(end) = window.iter().rposition(|c| matches!(c, '。' | '！' | '？' | '；'))
            && end >= SUMMARY_CHARS / 2
        {
            return window[..=end].iter().collect();
        }
        let mut s: String = window.iter().collect();
        s = s
            .trim_end_matches(|c: char| {
                c.is_whitespace() || matches!(c, '，' | '、' | '：' | ',' | ';' | ':')
            })
            .to_owned();
        s.push('…');
        s
    } else {
        let words: Vec<&str> = lead.split(' ').filter(|w| !w.is_empty()).collect();
        if words.len() <= SUMMARY_WORDS {
            return lead;
        }
        let mut s = words[..SUMMARY_WORDS].join(" ");
        s = s.trim_end_matches([',', ';', ':', '.', '—', '-']).to_owned();
        s.push('…');
        s
    }
}

/// The allow-list for raw HTML: ammonia's defaults (no script, no event handlers,
/// no `javascript:` URLs), plus what the Markdown renderer itself writes (heading
/// ids, footnote classes, task list checkboxes, table alignment).
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_generic_attributes(["id", "class"])
        .add_tags(["input"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        .add_tags(["picture", "source"])
        .add_tag_attributes("source", ["type", "srcset", "sizes"])
        .add_tag_attributes(
            "img",
            ["loading", "width", "height", "srcset", "sizes", "decoding", "fetchpriority"],
        )
        .filter_style_properties(HashSet::from(["text-align"]))
        .link_rel(None)
        .attribute_filter(|element, attribute, value| match (element, attribute) {
            ("input", "type") if value != "checkbox" => None,
            _ => Some(Cow::Borrowed(value)),
        });
    b
});

/// How deep raw-HTML pages may nest before the sanitizer refuses them.
const MAX_SANITIZED_DEPTH: usize = 1000;

/// The scheme of a link target if it is not on the sanitizer's allow-list of URL
/// schemes (`javascript:`, `vbscript:`, `data:` ...), read as a browser reads it:
/// surrounding spaces and control characters and inner tabs and line breaks ignored.
pub(crate) fn script_scheme(dest: &str) -> Option<String> {
    static ALLOWED: LazyLock<HashSet<&'static str>> =
        LazyLock::new(|| ammonia::Builder::default().clone_url_schemes());
    let cleaned: String = dest
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let (scheme, _) = cleaned.split_once(':')?;
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    let scheme = scheme.to_ascii_lowercase();
    (is_scheme && !ALLOWED.contains(scheme.as_str())).then_some(scheme)
}

/// The deepest element nesting of an HTML text, counted from its tags (void
/// elements do not nest; an element left open counts as open to the end). An
/// upper bound is all callers need: it guards code that recurses or slows down
/// with depth.
pub(crate) fn nesting_depth(html: &str) -> usize {
    const VOID: [&str; 14] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr",
    ];
    let bytes = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut at = 0;
    while let Some(i) = bytes[at..].iter().position(|&b| b == b'<') {
        let start = at + i + 1;
        at = start;
        match bytes.get(start) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(c) if c.is_ascii_alphabetic() => {
                let end = bytes[start..]
                    .iter()
                    .position(|c| !c.is_ascii_alphanumeric())
                    .map_or(bytes.len(), |e| start + e);
                let name = html[start..end].to_ascii_lowercase();
                if !VOID.contains(&name.as_str()) {
                    depth += 1;
                    max = max.max(depth);
                }
            }
            _ => {}
        }
    }
    max
}

/// Cleans HTML by the allow-list.
pub(crate) fn sanitize(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    struct NoLinks;
    impl Links for NoLinks {
        fn resolve(&self, _: &str, _: &str, dest: &str) -> Result<Option<String>, Problem> {
            if dest.starts_with("/bad") {
                Err(Problem::new(Code::E0404).arg("link", dest))
            } else {
                Ok(None)
            }
        }
    }

    fn md(body: &str) -> Rendered {
        let doc = Doc {
            source: "content/x.md",
            body,
            body_line_offset: 4,
            page_dir: "x/",
            trust_html: false,
        };
        render(&doc, &NoLinks)
    }

    #[test]
    fn cjk_heading_ids_and_dedupe() {
        let r = md("## 合作方式\n\n## 合作方式\n\n## Joint Lab: Phase 2\n\n## 一、背景 {#bg}\n");
        assert!(r.html.contains(r#"<h2 id="合作方式">"#), "{}", r.html);
        assert!(r.html.contains(r#"<h2 id="合作方式-1">"#));
        assert!(r.html.contains(r#"<h2 id="joint-lab-phase-2">"#));
        assert!(r.html.contains(r#"<h2 id="bg">"#));
    }

    #[test]
    fn broken_link_position() {
        let r = md("text\n\nsee [x](/bad/y) and ![i](/bad.png)\n");
        let d: Vec<String> = r.diagnostics.iter().map(ToString::to_string).collect();
        assert_eq!(
            d,
            [
                "content/x.md:7:5: error[E0404]: link `/bad/y` points above the site root",
                "content/x.md:7:21: error[E0404]: link `/bad.png` points above the site root"
            ]
        );
    }

    #[test]
    fn soft_break_between_chinese_is_dropped() {
        let r = md("合作\n**成效**显著\nand then\nmore");
        assert!(r.html.contains("合作<strong>成效</strong>显著\nand then\nmore"), "{}", r.html);
    }

    #[test]
    fn sanitizes_raw_html() {
        let r = md(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)> <a href=\"javascript:alert(1)\">x</a>\n\n- [x] done\n",
        );
        assert!(
            !r.html.contains("<script")
                && !r.html.contains("onerror")
                && !r.html.contains("javascript:"),
            "{}",
            r.html
        );
        assert!(r.html.contains("checkbox"), "{}", r.html);
    }

    #[test]
    fn summaries() {
        let zh = "联盟成员之间的校企合作案例，按合作模式标注。".repeat(10);
        let s = derive_summary(&zh);
        assert!(s.chars().count() <= SUMMARY_CHARS + 1 && s.ends_with('。'), "{s}");
        let en = "word ".repeat(100);
        let s = derive_summary(&en);
        assert_eq!(s.split(' ').count(), SUMMARY_WORDS);
        assert!(s.ends_with('…'));
        assert_eq!(derive_summary("Short text."), "Short text.");
    }
}
