//! `qiao new` and `qiao init`: the files an editor starts from.
//!
//! What this module is for: writing starter files an editor can trust. Every file
//! it writes passes `qiao check` as it is (required fields are filled in, and
//! references name members and policies that exist and are published; only a site
//! with too few members gets a placeholder slug, with a note saying so), and
//! explains itself in the site's language: Chinese when `site.toml` says
//! `language = "zh"` (or `zh-…`, or says nothing, since `zh` is the default),
//! English for any other language. Enumeration labels come from the built-in
//! theme's `i18n/zh.toml`, so the words in the comments are the words on the site.
//!
//! What it is not: it checks nothing itself (that is `content`), and it knows the
//! content model only as far as it needs to write valid examples.
//!
//! # Comment lines
//!
//! Every comment in the front matter and in `site.toml` written here is a whole
//! line that starts with `# ` (hash, space); no line carries a trailing comment.
//! After the `# `, the rest of the line is either
//!
//! - a **hint**: it starts with `[` (a table `[extra]` or an array of tables
//!   `[[outcomes]]`), or with a bare key (ASCII letters, digits, `_`, `-`, `.`)
//!   followed by optional spaces or tabs and `=` (`depth = "middle"`); or
//! - **prose**: anything else. Prose never starts with `[` or with `key =`, and
//!   it is never valid TOML on its own; in a Chinese site every prose line holds
//!   Chinese text, in any other site none does.
//!
//! Hints come in **blocks**: the maximal runs of consecutive hint lines (each
//! optional field is introduced by a prose line, so most blocks are one line; a
//! table is a block with its keys, `cover` with `cover_alt` is another). Deleting
//! the `# ` of every line of any one block, or of every hint in the file at once,
//! leaves a file that passes `qiao check`. To hold to that: no key is both set and
//! hinted; tables and arrays of tables come last; dates are derived from today so
//! that their order is right (`ended` after `started`, `expires` after `effective`
//! and `issued`, `end` after `start`); `policies`, `team` and `cover` are offered
//! only when the site has a published policy, a published member, or an image
//! under `static/` to point at (otherwise a prose line says how to add one).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use jiff::Span;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::config::SiteConfig;
use crate::diagnostics::Message;
use crate::model::{
    DemandStatus, Depth, IncentiveKind, Kind, MemberType, Mode, Need, Offer, PolicyLevel,
    PolicyStatus, RoadshowStatus, Seeking,
};
use crate::source::{Tree, is_ignored_name};
use crate::text::is_slug;

mod translate;
pub(crate) use translate::new_translation;

/// The language of the comments and sample text a scaffold writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lang {
    /// Chinese: for `zh` and `zh-…` sites.
    Zh,
    /// English: for every other language.
    En,
}

impl Lang {
    /// The scaffold language for a site's `language` tag.
    fn of(tag: &str) -> Lang {
        let tag = tag.to_ascii_lowercase();
        if tag == "zh" || tag.starts_with("zh-") { Lang::Zh } else { Lang::En }
    }

    fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// Checks `qiao init --language`: a language tag such as `zh` or `en`.
pub(crate) fn parse_language(s: &str) -> Result<String, String> {
    if crate::config::is_language_tag(s) {
        Ok(s.to_owned())
    } else {
        Err(format!("expected a language tag like zh or en, found `{s}`"))
    }
}

/// Whether a line is a commented hint (see the module documentation).
fn is_hint(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("# ") else { return false };
    if rest.starts_with('[') {
        return true;
    }
    let key_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
        .unwrap_or(rest.len());
    key_len > 0 && rest[key_len..].trim_start_matches([' ', '\t']).starts_with('=')
}

/// What a scaffold needs to know about the site it is written into.
struct Context<'a> {
    /// The language of comments and sample text.
    lang: Lang,
    /// Dates in the file are today or derived from it.
    today: Date,
    /// Published members' slugs, sorted.
    members: &'a [String],
    /// Published policies' slugs, sorted.
    policies: &'a [String],
    /// An industry slug for the `industries` hint.
    industry: &'a str,
    /// A region slug for the `regions` hint.
    region: &'a str,
    /// An existing image under `static/`, as a site path, for the `cover` hint.
    cover: Option<&'a str>,
    /// The section's folder, for a page of a section (`news`).
    section: Option<&'a str>,
}

/// Writes `ROOT/content/<kind>/<slug>.md` (`ROOT/content/<slug>.md` for a page),
/// explained in the language of `ROOT/site.toml`, and returns its path.
pub(crate) fn new_file(
    root: &Path,
    kind: &str,
    slug: &str,
    title: Option<&str>,
) -> Result<PathBuf, Message> {
    if !root.join("site.toml").is_file() {
        return Err(Message::new("new-no-site").arg("dir", root.display().to_string()));
    }
    if !is_slug(slug) {
        return Err(Message::new("new-bad-slug").arg("slug", slug));
    }
    let (kind, section) = match kind {
        "page" | "pages" => (Kind::Pages, None),
        k => match Kind::from_folder(k).or_else(|| Kind::from_folder(&format!("{k}s"))) {
            Some(kind) => (kind, None),
            None => (Kind::Pages, Some(section_folder(root, k)?)),
        },
    };
    let path = match (kind, section) {
        (Kind::Pages, Some(folder)) => root.join("content").join(folder).join(format!("{slug}.md")),
        (Kind::Pages, None) => root.join("content").join(format!("{slug}.md")),
        (k, _) => root.join("content").join(k.folder()).join(format!("{slug}.md")),
    };
    if path.exists() {
        return Err(Message::new("new-exists").arg("path", path.display().to_string()));
    }
    let config = crate::config::load(root).ok();
    let (lang, tz) = match &config {
        Some(c) => (Lang::of(&c.language), c.tz.clone()),
        None => {
            (Lang::of(&language_of(root)), TimeZone::get("Asia/Shanghai").unwrap_or(TimeZone::UTC))
        }
    };
    let members = published_slugs(root, config.as_ref(), Kind::Members);
    let policies = published_slugs(root, config.as_ref(), Kind::Policies);
    let first_term = |pick: fn(&SiteConfig) -> Option<&String>, default: &str| {
        config.as_ref().and_then(pick).filter(|s| is_slug(s)).cloned().unwrap_or(default.into())
    };
    let industry =
        first_term(|c| c.taxonomies.industries.keys().next(), "intelligent-manufacturing");
    let region = first_term(|c| c.taxonomies.regions.keys().next(), "example-district");
    let cover = first_image(root);
    let today = jiff::Timestamp::now().to_zoned_datetime(tz).date();
    let title = title.map(str::to_owned).unwrap_or_else(|| slug.replace('-', " "));
    let cx = Context {
        lang,
        today,
        members: &members,
        policies: &policies,
        industry: &industry,
        region: &region,
        cover: cover.as_deref(),
        section,
    };
    let text = template(kind, &title, &cx);
    std::fs::create_dir_all(path.parent().unwrap_or(root)).map_err(|e| cannot_write(&path, &e))?;
    std::fs::write(&path, text).map_err(|e| cannot_write(&path, &e))?;
    Ok(path)
}

/// The folder of a section for `qiao new FOLDER SLUG`: an existing top-level
/// folder of `content/` that is no kind's, or a new one whose name is a slug and
/// none of qiao's own paths, and not a near miss of a kind's name (`cses`).
fn section_folder<'a>(root: &Path, name: &'a str) -> Result<&'a str, Message> {
    let unknown = || Message::new("new-unknown-kind").arg("kind", name);
    if root.join("content").join(name).is_dir() {
        return Ok(name);
    }
    let near_a_kind = !crate::diagnostics::suggest::nearest(
        name,
        Kind::SECTIONS.iter().map(|k| k.folder()).chain(["page", "pages"]),
    )
    .is_empty();
    let owned = crate::urls::owner(&format!("{name}/")).is_some();
    if !is_slug(name) || !name.is_ascii() || near_a_kind || owned {
        return Err(unknown());
    }
    Ok(name)
}

/// The `language` of a `site.toml` that does not load as a whole (it has errors),
/// read on its own; `zh` when it cannot be read.
fn language_of(root: &Path) -> String {
    std::fs::read_to_string(root.join("site.toml"))
        .ok()
        .and_then(|text| {
            let doc = toml::de::DeTable::parse(text.trim_start_matches('\u{feff}')).ok()?;
            match doc.get_ref().get("language")?.get_ref() {
                toml::de::DeValue::String(s) => Some(s.to_string()),
                _ => None,
            }
        })
        .unwrap_or_else(|| "zh".into())
}

/// The slugs other files may name: items of `kind` that parse without errors and
/// are not drafts (by file name alone when the site's settings do not load).
fn published_slugs(root: &Path, config: Option<&SiteConfig>, kind: Kind) -> Vec<String> {
    let (files, _) = crate::content::walk::walk(root);
    let mut slugs: Vec<String> = files
        .iter()
        .filter(|f| f.kind == kind && !f.is_intro)
        .filter_map(|f| match config {
            Some(c) => crate::content::read_file(f, c).item.filter(|i| !i.draft).map(|i| i.slug),
            None => f.segments.last().cloned().filter(|s| is_slug(s)),
        })
        .collect();
    slugs.sort();
    slugs.dedup();
    slugs
}

/// The first image under `static/` (in path order), as the site path a `cover` names.
fn first_image(root: &Path) -> Option<String> {
    let dir = root.join("static");
    walkdir::WalkDir::new(&dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy(), Tree::Files)
        })
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            e.path().extension().and_then(|x| x.to_str()).is_some_and(|x| {
                matches!(
                    x.to_ascii_lowercase().as_str(),
                    "jpg" | "jpeg" | "png" | "webp" | "gif" | "svg" | "avif"
                )
            })
        })
        .find_map(|e| {
            let rel = e.path().strip_prefix(&dir).ok()?;
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_str().map(str::to_owned))
                .collect::<Option<_>>()?;
            let path = format!("/{}", parts.join("/"));
            (!path.chars().any(char::is_control)).then_some(path)
        })
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The built-in theme's Chinese interface strings.
fn zh_strings() -> &'static toml::Table {
    static TABLE: OnceLock<toml::Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        crate::render::theme::BUILTIN
            .get_file("i18n/zh.toml")
            .and_then(|f| f.contents_utf8())
            .and_then(|text| toml::from_str(text).ok())
            .unwrap_or_default()
    })
}

/// The allowed values of an enumeration as an editor reads them: in Chinese each
/// with the site's label (`shallow（浅层）、middle（中层）`), in English as they are.
fn choices(lang: Lang, section: &str, values: &[&str]) -> String {
    match lang {
        Lang::Zh => values
            .iter()
            .map(|v| match zh_strings().get(section).and_then(|s| s.get(*v)?.as_str()) {
                Some(label) => format!("{v}（{label}）"),
                None => (*v).to_owned(),
            })
            .collect::<Vec<_>>()
            .join("、"),
        Lang::En => values.join(", "),
    }
}

/// Front matter being written: set lines, hints and prose notes.
struct Front {
    s: String,
    lang: Lang,
}

impl Front {
    fn new(lang: Lang) -> Self {
        Front { s: String::new(), lang }
    }

    /// A prose comment: the Chinese or the English text, by the file's language.
    fn note(&mut self, zh: &str, en: &str) {
        let line = format!("# {}", self.lang.pick(zh, en));
        debug_assert!(!is_hint(&line), "prose that looks like TOML: {line}");
        let _ = writeln!(self.s, "{line}");
    }

    /// A line of TOML that is set.
    fn set(&mut self, line: &str) {
        let _ = writeln!(self.s, "{line}");
    }

    /// A line of TOML, commented out.
    fn hint(&mut self, line: &str) {
        let line = format!("# {line}");
        debug_assert!(is_hint(&line), "a hint that does not look like TOML: {line}");
        let _ = writeln!(self.s, "{line}");
    }

    fn blank(&mut self) {
        self.s.push('\n');
    }
}

/// The text of a new file of `kind`.
fn template(kind: Kind, title: &str, cx: &Context<'_>) -> String {
    let l = cx.lang;
    let today = cx.today;
    let later = |span: Span| today.saturating_add(span);
    let member = |i: usize| {
        cx.members
            .get(i)
            .or(cx.members.first())
            .cloned()
            .unwrap_or_else(|| "your-member-slug".into())
    };
    let mut f = Front::new(l);
    if cx.section.is_some() {
        f.note(
            "必填：标题和发布日期（栏目里的页面按发布日期从新到旧排列，所以一定要写 date）",
            "Required: the title and the publication date (a section lists its pages newest first, so date is needed)",
        );
    } else if kind == Kind::Pages {
        f.note(
            "必填：标题。发布日期（date）对普通页面可以不写",
            "Required: the title. A plain page may leave out the date (date)",
        );
    } else {
        f.note(
            "必填：标题和发布日期（发布日期决定排列顺序；不想发布请用下面的草稿 draft）",
            "Required: the title and the publication date (it orders listings; to hold an item back, use draft below)",
        );
    }
    f.set(&format!("title = {}", quote(title)));
    f.set(&format!("date = {today}"));
    let few_members = cx.members.len() < 2;
    let no_members_zh =
        "站点里还没有足够的成员：先用 qiao new members 新建成员，再把它的 slug 填在这里";
    let no_members_en =
        "The site has too few members yet: make one with qiao new members, then put its slug here";
    match kind {
        Kind::Members => {
            f.note(
                &format!("必填：成员类型，{}之一", choices(l, "member_type", MemberType::ALL)),
                &format!(
                    "Required: the type of organisation, one of {}",
                    choices(l, "", MemberType::ALL)
                ),
            );
            f.set("type = \"enterprise\"");
        }
        Kind::Cases => {
            f.note(
                "必填：合作各方，至少两家成员单位，写成员的 slug（content/members/ 里的文件名，不带 .md）",
                "Required: the partners, at least two members, by slug (the file name in content/members/ without .md)",
            );
            if few_members {
                f.note(no_members_zh, no_members_en);
            }
            f.set(&format!("partners = [{}, {}]", quote(&member(0)), quote(&member(1))));
            f.note(
                &format!("必填：合作模式，可以写多个：{}", choices(l, "mode", Mode::ALL)),
                &format!(
                    "Required: how they cooperate, one or more of {}",
                    choices(l, "", Mode::ALL)
                ),
            );
            f.set("modes = [\"order-training\"]");
        }
        Kind::Policies => {
            f.note(
                "必填：发文机关；联合发文时写成列表，例如 [\"市教育局\", \"市财政局\"]",
                "Required: the issuing authority; for a joint document a list, like [\"Education Bureau\", \"Finance Bureau\"]",
            );
            f.set(&format!("issuer = {}", quote(l.pick("市教育局", "Municipal Education Bureau"))));
            f.note(
                &format!("必填：层级，{}之一", choices(l, "level", PolicyLevel::ALL)),
                &format!("Required: the level, one of {}", choices(l, "", PolicyLevel::ALL)),
            );
            f.set("level = \"municipal\"");
            f.note("必填：发布日期", "Required: the date the document was issued");
            f.set(&format!("issued = {today}"));
        }
        Kind::Demands => {
            f.note(
                &format!("必填：需求类型，{}之一", choices(l, "need", Need::ALL)),
                &format!("Required: what is sought, one of {}", choices(l, "", Need::ALL)),
            );
            f.set("need = \"technology\"");
            f.note(
                "必填：发布单位，写成员的 slug（content/members/ 里的文件名，不带 .md）",
                "Required: the member that seeks a partner, by slug (the file name in content/members/ without .md)",
            );
            if cx.members.is_empty() {
                f.note(no_members_zh, no_members_en);
            }
            f.set(&format!("organization = {}", quote(&member(0))));
            f.note(
                "必填：截止日期；过了截止日期仍在征集的需求会显示为“已过期”",
                "Required: the last day for proposals; an open demand past it is shown as expired",
            );
            f.set(&format!("deadline = {}", later(Span::new().days(30))));
        }
        Kind::Roadshows => {
            f.note(
                "必填：开始时间，日期和时间之间用大写 T，按 site.toml 里的时区理解",
                "Required: when the event starts, a date and a time joined by a capital T, in the time zone of site.toml",
            );
            let start = later(Span::new().days(30));
            f.set(&format!("start = {start}T14:00:00"));
            f.note(
                "必填：主办单位，写成员的 slug；多家主办时写成列表",
                "Required: the organising member by slug, or a list of them",
            );
            if cx.members.is_empty() {
                f.note(no_members_zh, no_members_en);
            }
            f.set(&format!("organizer = {}", quote(&member(0))));
            f.note(
                "必填：地点（venue）和线上参加的网址（online_url）至少写一个；花括号里的内容必须写在同一行",
                "Required: a venue (venue) or an address to watch online (online_url), or both; what is inside { } must stay on one line",
            );
            f.set(&format!(
                "venue = {{ name = {}, city = {} }}",
                quote(l.pick("联盟会议中心", "Alliance conference centre")),
                quote(l.pick("示例市", "Example City"))
            ));
        }
        Kind::Pages => {}
    }

    f.blank();
    f.note(
        "以下是可选字段：要用哪一项，就删掉它下面那一行（或几行）开头的“# ”，说明文字的行保留不动",
        "Optional fields follow: to use one, delete the \"# \" at the start of the line (or lines) below its note, and keep the notes as they are",
    );
    match kind {
        Kind::Members => {
            f.note(
                "可选：网站，以 https:// 或 http:// 开头",
                "Optional: the website, starting with https:// or http://",
            );
            f.hint("website = \"https://example.org/\"");
            f.note("可选：加入联盟的日期", "Optional: the date it joined the alliance");
            f.hint(&format!("joined = {today}"));
            f.note(
                &format!("可选：可提供资源，可以写多个：{}", choices(l, "offer", Offer::ALL)),
                &format!(
                    "Optional: what it offers partners, one or more of {}",
                    choices(l, "", Offer::ALL)
                ),
            );
            f.hint("offers = [\"internships\", \"equipment\"]");
            f.note(
                "可选：专长领域，写关键词，中英文都可以；需求对接时会用到",
                "Optional: its expertise as keywords, in any language; demand matchmaking uses them",
            );
            f.hint(l.pick(
                "expertise = [\"数控加工\", \"工业机器人\"]",
                "expertise = [\"CNC machining\", \"machine vision\"]",
            ));
            contact_hint(&mut f, l.pick("张老师", "Ms Zhang"), true);
        }
        Kind::Cases => {
            f.note(
                &format!("可选：合作深度，{}之一", choices(l, "depth", Depth::ALL)),
                &format!(
                    "Optional: how deep the cooperation goes, one of {}",
                    choices(l, "", Depth::ALL)
                ),
            );
            f.hint("depth = \"middle\"");
            f.note("可选：合作开始日期", "Optional: the date the cooperation started");
            f.hint(&format!("started = {today}"));
            f.note(
                "可选：合作结束日期，不能早于开始日期；合作还在进行就不写",
                "Optional: the date it ended, not before it started; leave it out while it goes on",
            );
            f.hint(&format!("ended = {}", later(Span::new().years(2))));
            if let Some(policy) = cx.policies.first() {
                f.note(
                    "可选：用到的政策，写政策的 slug（content/policies/ 里的文件名，不带 .md）",
                    "Optional: the policies the case used, by slug (the file name in content/policies/ without .md)",
                );
                f.hint(&format!("policies = [{}]", quote(policy)));
            } else {
                f.note(
                    "可选：用到的政策（policies）。站点里还没有政策：先用 qiao new policies 新建一条，再写它的 slug",
                    "Optional: the policies the case used (policies). The site has no policy yet: make one with qiao new policies, then name its slug",
                );
            }
        }
        Kind::Policies => {
            f.note("可选：文号", "Optional: the document number");
            f.hint(&format!(
                "doc_number = {}",
                quote(&l.pick(
                    format!("某教发〔{}〕1号", today.year()),
                    format!("Edu. [{}] No. 1", today.year())
                ))
            ));
            f.note(
                "可选：生效日期，不写则与发布日期相同",
                "Optional: the date it takes effect; the issue date when left out",
            );
            f.hint(&format!("effective = {today}"));
            f.note(
                "可选：失效日期，不能早于生效日期",
                "Optional: the date it expires, not before it takes effect",
            );
            f.hint(&format!("expires = {}", later(Span::new().years(3))));
            f.note(
                &format!(
                    "可选：状态，{}之一。一般不写：不写时按生效日期和失效日期自动判断，只有修订或提前废止时才需要写",
                    choices(l, "policy_state", PolicyStatus::ALL)
                ),
                &format!(
                    "Optional: the status, one of {}. Usually left out: it then follows from the dates; set it only when the policy was amended or repealed early",
                    choices(l, "", PolicyStatus::ALL)
                ),
            );
            f.hint("status = \"in-force\"");
            f.note("可选：政策原文的网址", "Optional: the address of the full text");
            f.hint("source_url = \"https://example.org/policy\"");
        }
        Kind::Demands => {
            f.note(
                &format!(
                    "可选：状态，{}之一；不写就是 open（征集中）",
                    choices(l, "state", DemandStatus::ALL)
                ),
                &format!(
                    "Optional: the status, one of {}; open when left out",
                    choices(l, "", DemandStatus::ALL)
                ),
            );
            f.hint("status = \"open\"");
            f.note(
                "可选：预算（元），三种写法任选其一：区间 { min = 100000, max = 300000 }、固定金额 { amount = 200000 }、面议 { negotiable = true }",
                "Optional: the budget (CNY), one of three forms: a range { min = 100000, max = 300000 }, an amount { amount = 200000 }, or { negotiable = true }",
            );
            f.hint("budget = { min = 100000, max = 300000 }");
            f.note(
                "可选：希望达到的技术成熟度，1 到 9 的整数",
                "Optional: the technology readiness level sought, a whole number from 1 to 9",
            );
            f.hint("trl = 5");
            contact_hint(&mut f, l.pick("李工", "Mr Li"), false);
        }
        Kind::Roadshows => {
            let start = later(Span::new().days(30));
            f.note("可选：结束时间，必须晚于开始时间", "Optional: when it ends, after the start");
            f.hint(&format!("end = {start}T17:00:00"));
            f.note(
                &format!(
                    "可选：状态，{}之一；不写就是 scheduled（按期举行）",
                    choices(l, "roadshow_status", RoadshowStatus::ALL)
                ),
                &format!(
                    "Optional: the status, one of {}; scheduled when left out",
                    choices(l, "", RoadshowStatus::ALL)
                ),
            );
            f.hint("status = \"scheduled\"");
            f.note(
                "可选：线上参加的网址（直播或线上会议），可以和地点同时写",
                "Optional: the address to watch online (a live stream or meeting), with or without a venue",
            );
            f.hint("online_url = \"https://example.org/live\"");
            f.note(
                "可选：报名，写报名网址、报名截止日期和名额；花括号里的内容必须写在同一行",
                "Optional: registration, with its address, last day and number of seats; what is inside { } must stay on one line",
            );
            f.hint(&format!(
                "registration = {{ url = \"https://example.org/register\", deadline = {}, capacity = 200 }}",
                start.saturating_sub(Span::new().days(7))
            ));
        }
        Kind::Pages => {}
    }
    if cx.section.is_some() {
        f.note(
            "可选：置顶，置顶的页面排在栏目列表和首页区块的最前面",
            "Optional: pinned, to list the page first in its section and on the home page",
        );
        f.hint("pinned = true");
    }
    common_hints(&mut f, cx);
    match kind {
        Kind::Cases => {
            f.blank();
            f.note(
                "可选：主要成效，可以写多项，每项以 [[outcomes]] 开头，value 是数字，unit 是单位；这几行必须放在最后",
                "Optional: outcomes, as many as you like, each starting with [[outcomes]]; value is a number, unit its unit; these lines must come last",
            );
            f.hint("[[outcomes]]");
            f.hint(&format!("label = {}", quote(l.pick("学生培养", "Students trained"))));
            f.hint("value = 120");
            f.hint(&format!("unit = {}", quote(l.pick("人", "people"))));
        }
        Kind::Policies => {
            f.blank();
            f.note(
                &format!(
                    "可选：支持措施，可以写多项，每项以 [[incentives]] 开头，kind 是 {}之一；这几行必须放在最后",
                    choices(l, "incentive", IncentiveKind::ALL)
                ),
                &format!(
                    "Optional: incentives, as many as you like, each starting with [[incentives]]; kind is one of {}; these lines must come last",
                    choices(l, "", IncentiveKind::ALL)
                ),
            );
            f.hint("[[incentives]]");
            f.hint("kind = \"funding\"");
            f.hint(&format!(
                "text = {}",
                quote(l.pick("对符合条件的企业给予资金补助。", "Grants for eligible enterprises."))
            ));
        }
        Kind::Roadshows => {
            f.blank();
            f.note(
                &format!(
                    "可选：路演项目，可以写多项，每项以 [[projects]] 开头；team 写成员的 slug，seeking 是 {}之一；这几行必须放在最后",
                    choices(l, "seeking", Seeking::ALL)
                ),
                &format!(
                    "Optional: the projects pitched, as many as you like, each starting with [[projects]]; team is a member's slug, seeking one of {}; these lines must come last",
                    choices(l, "", Seeking::ALL)
                ),
            );
            f.hint("[[projects]]");
            f.hint(&format!("title = {}", quote(l.pick("示例成果转化项目", "An example project"))));
            if let Some(team) = cx.members.get(1).or(cx.members.first()) {
                f.hint(&format!("team = {}", quote(team)));
            }
            f.hint("seeking = \"investment\"");
            f.hint("trl = 6");
            f.hint(&format!(
                "summary = {}",
                quote(l.pick("用一句话介绍这个项目。", "One sentence about the project."))
            ));
        }
        _ => {}
    }
    format!(
        "+++\n{}+++\n\n{}\n",
        f.s,
        l.pick("在这里写正文（Markdown）。", "Write the text here (Markdown).")
    )
}

fn contact_hint(f: &mut Front, name: &str, phone: bool) {
    f.note(
        "可选：联系人，姓名、邮箱、电话可以只写其中几项；花括号里的内容必须写在同一行",
        "Optional: a contact, with any of name, email and phone; what is inside { } must stay on one line",
    );
    let phone = if phone { ", phone = \"0000-0000000\"" } else { "" };
    f.hint(&format!("contact = {{ name = {}, email = \"name@example.org\"{phone} }}", quote(name)));
}

/// The optional fields every kind has.
fn common_hints(f: &mut Front, cx: &Context<'_>) {
    let l = cx.lang;
    f.note(
        "可选：摘要，一段话；不写时自动从正文截取",
        "Optional: a one-paragraph summary; taken from the text when left out",
    );
    f.hint(&format!(
        "summary = {}",
        quote(l.pick("用一段话概括这篇内容。", "One paragraph about this item."))
    ));
    f.note("可选：最近一次实质性修改的日期", "Optional: the date of the last substantive change");
    f.hint(&format!("updated = {}", cx.today));
    f.note(
        "可选：产业，写产业的 slug；中文名称在 site.toml 的 [taxonomies] 里设置",
        "Optional: industries, by slug; their labels are set under [taxonomies] in site.toml",
    );
    f.hint(&format!("industries = [{}]", quote(cx.industry)));
    f.note(
        "可选：地区，写地区的 slug；中文名称同样在 site.toml 的 [taxonomies] 里设置",
        "Optional: regions, by slug; their labels are set under [taxonomies] in site.toml too",
    );
    f.hint(&format!("regions = [{}]", quote(cx.region)));
    f.note("可选：标签，中英文都可以", "Optional: free tags, in any language");
    f.hint(l.pick("tags = [\"产教融合\"]", "tags = [\"industry-education\"]"));
    match cx.cover {
        Some(cover) => {
            f.note(
                "可选：封面图，写 static/ 里图片的路径（去掉 static）；cover_alt 用一句话说明图片内容。这两行要一起用，下面的图片换成你自己的",
                "Optional: a cover image, by its path under static/ (without static); cover_alt says in one sentence what it shows. Use the two lines together, with your own image",
            );
            f.hint(&format!("cover = {}", quote(cover)));
            f.hint(&format!(
                "cover_alt = {}",
                quote(l.pick("用一句话说明图片的内容", "One sentence saying what the image shows"))
            ));
        }
        None => f.note(
            "可选：封面图（cover 和 cover_alt）。先把图片放进 static/ 文件夹，再按编辑指南“图片和封面”一节填写",
            "Optional: a cover image (cover and cover_alt). Put the image under static/ first, then see \"Images and covers\" in the editors' guide",
        ),
    }
    f.note(
        "可选：草稿。写上这一行，正式生成的网站就不包含这一篇；准备发布时删掉它",
        "Optional: a draft. With this line the published site leaves the item out; delete it to publish",
    );
    f.hint("draft = true");
}

/// The text of `site.toml` for a new site called `name`.
fn site_toml(name: &str, language: &str, lang: Lang) -> String {
    let mut f = Front::new(lang);
    f.note(
        "网站设置。以“# ”开头的行是说明；可选的设置写在说明下面，删掉它开头的“# ”就能启用",
        "The site's settings. Lines that start with \"# \" are notes; an optional setting sits below its note: delete its \"# \" to use it",
    );
    f.note("网站名称", "The site's name");
    f.set(&format!(
        "title = {}",
        quote(
            &lang.pick(
                format!("{name} 产教融合联盟"),
                format!("{name} Industry–Education Alliance")
            )
        )
    ));
    f.note(
        "网站发布后的网址，换成你们自己的域名",
        "The address the site is published at: put your own domain here",
    );
    f.set("base_url = \"https://example.org/\"");
    f.note("网站语言：zh 中文，en 英文", "The site's language: zh for Chinese, en for English");
    f.set(&format!("language = {}", quote(language)));
    f.note(
        "时区：不带时区的日期时间按它理解",
        "The time zone that dates and times without an offset are read in",
    );
    f.set("timezone = \"Asia/Shanghai\"");
    f.note(
        "网站简介，显示在首页，也供搜索引擎使用",
        "A short description, shown on the home page and to search engines",
    );
    f.set(&format!(
        "description = {}",
        quote(
            lang.pick(
                "产教融合联盟网站",
                "The website of an industry–education cooperation alliance"
            )
        )
    ));
    f.blank();
    f.note(
        "产业、地区和标签的显示名称：内容里写英文 slug，这里写它在网站上显示的名称",
        "Labels of industries, regions and tags: content names them by slug, the site shows these labels",
    );
    f.set("[taxonomies]");
    f.set(&format!(
        "industries.intelligent-manufacturing = {}",
        quote(lang.pick("智能制造", "Intelligent manufacturing"))
    ));
    f.note(
        "可选：地区的名称，内容里写 regions = [\"example-district\"] 时显示为这个名称",
        "Optional: a region's label, shown for content that has regions = [\"example-district\"]",
    );
    f.hint(&format!(
        "regions.example-district = {}",
        quote(lang.pick("示例区", "Example District"))
    ));
    f.blank();
    f.note(
        "可选：页脚显示的地址、联系邮箱、电话和 ICP 备案号，可以只写其中几项；这几行必须放在最后",
        "Optional: the address, contact email, phone and ICP filing number shown in the footer, any of them; these lines must come last",
    );
    f.hint("[extra]");
    f.hint(&format!(
        "address = {}",
        quote(lang.pick("示例市示例路 1 号", "1 Example Road, Example City"))
    ));
    f.hint("contact_email = \"office@example.org\"");
    f.hint("contact_phone = \"0000-0000000\"");
    f.hint(&format!("icp = {}", quote(lang.pick("ICP备00000000号", "ICP 00000000"))));
    f.s
}

/// Writes a minimal working site into `dir` (which must not hold a site yet): in
/// Chinese for a `zh` (or `zh-…`) `language`, in English for any other.
/// "cannot write PATH: ERROR".
fn cannot_write(path: &Path, e: &std::io::Error) -> Message {
    Message::new("cannot-write").arg("path", path.display().to_string()).arg("error", e.to_string())
}

pub(crate) fn init(dir: &Path, language: &str) -> Result<(), Message> {
    if dir.join("site.toml").exists() {
        return Err(Message::new("init-exists").arg("dir", dir.display().to_string()));
    }
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "alliance".into());
    let lang = Lang::of(language);
    let tz = TimeZone::get("Asia/Shanghai").unwrap_or(TimeZone::UTC);
    let today = jiff::Timestamp::now().to_zoned_datetime(tz).date();
    let members = vec!["example-college".to_owned(), "example-company".to_owned()];
    let policies = vec!["first-policy".to_owned()];
    let cx = Context {
        lang,
        today,
        members: &members,
        policies: &policies,
        industry: "intelligent-manufacturing",
        region: "example-district",
        cover: None,
        section: None,
    };
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let files: Vec<(String, String)> = vec![
        ("site.toml".into(), site_toml(&name, language, lang)),
        // What a build makes: the site, and the images' cache (`.qiao-cache/`).
        (".gitignore".into(), "/public/\n/.qiao-cache/\n".into()),
        (
            "content/about.md".into(),
            format!(
                "+++\ntitle = {}\ndate = {today}\n+++\n\n{}\n",
                quote(t("关于联盟", "About the alliance")),
                t(
                    "联盟由院校、企业、行业协会和地方政府共同组成。",
                    "The alliance brings together colleges, enterprises, industry associations and local government."
                )
            ),
        ),
        (
            "content/members/example-college.md".into(),
            format!(
                "+++\ntitle = {}\ndate = {today}\ntype = \"college\"\nindustries = [\"intelligent-manufacturing\"]\noffers = [\"talent\", \"training\"]\nexpertise = [{}]\n+++\n\n{}\n",
                quote(t("示例职业技术学院", "Example Vocational College")),
                quote(t("数控加工", "CNC machining")),
                t("一所示例职业院校。", "An example vocational college.")
            ),
        ),
        (
            "content/members/example-company.md".into(),
            format!(
                "+++\ntitle = {}\ndate = {today}\ntype = \"enterprise\"\nindustries = [\"intelligent-manufacturing\"]\noffers = [\"internships\", \"equipment\"]\n+++\n\n{}\n",
                quote(t("示例智能装备有限公司", "Example Smart Equipment Co., Ltd.")),
                t("一家示例制造企业。", "An example manufacturer.")
            ),
        ),
        (
            "content/cases/first-order-class.md".into(),
            template(Kind::Cases, t("第一个订单班", "Our first order-based class"), &cx),
        ),
        (
            "content/policies/first-policy.md".into(),
            template(
                Kind::Policies,
                t("产教融合支持办法", "Measures supporting industry–education integration"),
                &cx,
            ),
        ),
        (
            "content/demands/first-demand.md".into(),
            template(
                Kind::Demands,
                t("数控加工工艺优化需求", "Optimising a CNC machining process"),
                &cx,
            ),
        ),
        (
            "content/roadshows/first-roadshow.md".into(),
            template(Kind::Roadshows, t("科技成果路演", "Technology roadshow"), &cx),
        ),
    ];
    for (rel, text) in files {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap_or(dir))
            .map_err(|e| cannot_write(&path, &e))?;
        std::fs::write(&path, text).map_err(|e| cannot_write(&path, &e))?;
    }
    std::fs::create_dir_all(dir.join("static"))
        .map_err(|e| cannot_write(&dir.join("static"), &e))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_and_prose_are_told_apart() {
        for hint in [
            "# depth = \"middle\"",
            "# [[outcomes]]",
            "# [extra]",
            "# industries.x-y = \"a\"",
            "# trl\t= 5",
        ] {
            assert!(is_hint(hint), "{hint}");
        }
        for prose in [
            "# 可选：合作深度",
            "# Optional: depth",
            "# depth is optional",
            "#depth = 1",
            "# = 1",
            "depth = 1",
        ] {
            assert!(!is_hint(prose), "{prose}");
        }
    }

    #[test]
    fn every_value_has_its_chinese_label() {
        for (section, values) in [
            ("member_type", MemberType::ALL),
            ("offer", Offer::ALL),
            ("mode", Mode::ALL),
            ("depth", Depth::ALL),
            ("level", PolicyLevel::ALL),
            ("policy_state", PolicyStatus::ALL),
            ("incentive", IncentiveKind::ALL),
            ("need", Need::ALL),
            ("state", DemandStatus::ALL),
            ("roadshow_status", RoadshowStatus::ALL),
            ("seeking", Seeking::ALL),
        ] {
            let text = choices(Lang::Zh, section, values);
            assert_eq!(text.matches('（').count(), values.len(), "{section}: {text}");
        }
        assert_eq!(
            choices(Lang::Zh, "depth", Depth::ALL),
            "shallow（浅层）、middle（中层）、deep（深层）"
        );
        assert_eq!(choices(Lang::En, "depth", Depth::ALL), "shallow, middle, deep");
    }

    #[test]
    fn language_of_the_comments() {
        assert_eq!(Lang::of("zh"), Lang::Zh);
        assert_eq!(Lang::of("zh-Hans"), Lang::Zh);
        assert_eq!(Lang::of("en"), Lang::En);
        assert_eq!(Lang::of("de"), Lang::En);
    }
}
