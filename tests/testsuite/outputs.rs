//! Feeds, calendars, sitemap, robots, JSON exports and JSON-LD of a small fixture
//! site, each read back with a real parser (atom_syndication, quick-xml,
//! serde_json, and an RFC 5545 unfolding reader here), plus a check that two
//! builds give the same bytes and that a feed entry, a calendar event, the JSON-LD
//! and the item's card show the same summary.

use std::collections::BTreeMap;
use std::path::Path;

use jiff::civil::{Date, date};
use qiao::model::{Item, Kind, Site};
use qiao::output::OutputFile;
use qiao::outputs::{self, Texts};
use qiao::render::{RenderOptions, Renderer};
use serde_json::Value;

use crate::support::{build_files, build_texts, load, options, write};

const TODAY: Date = date(2025, 6, 1);
const BASE: &str = "https://alliance.example.org/alliance/";
const NASTY_TITLE: &str = "路演 </script><!-- A&B, \"quoted\"; back\\slash";

/// Writes the fixture site: two members, 60 cases (more than a feed holds), a
/// policy, an expired demand, and two roadshows (one cancelled with a title full of
/// characters every format must escape, one both on site and online).
fn fixture(root: &Path) {
    write(
        root,
        "site.toml",
        &format!(
            "title = \"浔江 <产教> & 联盟\"\nbase_url = \"{BASE}\"\ntimezone = \"Asia/Shanghai\"\ndescription = \"测试\"\n\n[taxonomies]\nindustries.intelligent-manufacturing = \"智能制造\"\nregions.xunjiang = \"浔江市\"\n"
        ),
    );
    write(
        root,
        "content/members/univ.md",
        "+++\ntitle = \"浔江大学\"\ndate = 2024-01-01\ntype = \"university\"\njoined = 2020-09-01\nwebsite = \"https://univ.example.edu/\"\nregions = [\"xunjiang\"]\nexpertise = [\"数控加工\"]\noffers = [\"research\"]\ncontact = { name = \"王老师\", email = \"wang@univ.example.edu\", phone = \"0000-1\" }\nlogo = \"/img/a.png\"\nlogo_alt = \"校徽\"\n+++\n\n一所大学。\n",
    );
    write(
        root,
        "content/members/corp.md",
        "+++\ntitle = \"Corp Ltd\"\ndate = 2024-01-02\ntype = \"enterprise\"\n+++\n\nA company.\n",
    );
    for n in 1..=60 {
        // Two cases a day (c02 and c03 on 2024-01-02, ...), so ties are broken by slug.
        let day = 1 + (n / 2) % 28;
        let month = 1 + n / 56;
        write(
            root,
            &format!("content/cases/c{n:02}.md"),
            &format!(
                "+++\ntitle = \"Case {n}\"\ndate = 2024-{month:02}-{day:02}\npartners = [\"univ\", \"corp\"]\nmodes = [\"joint-lab\"]\nindustries = [\"intelligent-manufacturing\"]\n+++\n\nThe **case** number {n} went well.\n"
            ),
        );
    }
    crate::support::write_bytes(
        root,
        "static/img/a.png",
        &crate::support::tiny_image(image::ImageFormat::Png),
    );
    write(
        root,
        "content/cases/z-full.md",
        "+++\ntitle = \"Full case\"\ndate = 2023-01-01\npartners = [\"univ\", \"corp\"]\nmodes = [\"joint-lab\", \"order-training\"]\ndepth = \"deep\"\nstarted = 2022-01-01\nended = 2022-12-31\noutcomes = [{ label = \"学生培养\", value = 120, unit = \"人\" }, { label = \"rate\", value = 0.5 }]\npolicies = [\"p1\"]\ntags = [\"AI\"]\ncover = \"/img/a.png\"\ncover_alt = \"A picture\"\nlang = \"en\"\n\n[extra]\nnote = \"x\"\n+++\n\nFull.\n",
    );
    write(
        root,
        "content/policies/p2.md",
        "+++\ntitle = \"Full policy\"\ndate = 2024-02-01\nissuer = [\"省政府\", \"省教育厅\"]\ndoc_number = \"赣府发〔2024〕12号\"\nlevel = \"provincial\"\nissued = 2024-02-01\neffective = 2024-03-01\nexpires = 2026-03-01\nstatus = \"amended\"\nincentives = [{ kind = \"tax\", text = \"减税\" }]\nsource_url = \"https://gov.example.org/p2\"\n+++\n",
    );
    write(
        root,
        "content/demands/d2.md",
        "+++\ntitle = \"Full demand\"\ndate = 2025-01-01\nneed = \"talent\"\norganization = \"univ\"\ndeadline = 2025-12-01\nstatus = \"in-talks\"\nbudget = { negotiable = true }\ntrl = 5\ncontact = { name = \"Li\", email = \"li@example.org\", phone = \"1\" }\n+++\n",
    );
    write(
        root,
        "content/roadshows/r-full.md",
        "+++\ntitle = \"Full roadshow\"\ndate = 2025-04-01\nstart = 2026-01-10T09:00:00+08:00\nend = 2026-01-10T12:00:00+08:00\nstatus = \"postponed\"\norganizer = \"corp\"\nonline_url = \"https://live.example.org/y\"\nregistration = { url = \"https://reg.example.org/\", deadline = 2026-01-05, capacity = 100 }\n\n[[projects]]\ntitle = \"P\"\nteam = \"univ\"\nseeking = \"investment\"\ntrl = 6\nsummary = \"S\"\n+++\n",
    );
    write(
        root,
        "content/policies/p1.md",
        "+++\ntitle = \"产教融合政策\"\ndate = 2024-02-01\nissuer = \"省政府\"\nlevel = \"provincial\"\nissued = 2024-02-01\n+++\n\n政策正文。\n",
    );
    write(
        root,
        "content/demands/d1.md",
        "+++\ntitle = \"寻找视觉检测合作\"\ndate = 2025-01-01\nneed = \"technology\"\norganization = \"corp\"\ndeadline = 2025-03-01\nbudget = { min = 10, max = 20 }\n+++\n\n需求正文。\n",
    );
    let long_summary = "本次路演汇集了联盟内高校与企业的十余个项目，涵盖智能制造、新材料和数字经济，欢迎投资机构、企业技术负责人和高校教师参加，现场设有对接洽谈环节。";
    write(
        root,
        "content/roadshows/r-cancelled.md",
        &format!(
            "+++\ntitle = '{NASTY_TITLE}'\ndate = 2025-05-01\nupdated = 2025-05-02T10:00:00+08:00\nsummary = \"{long_summary}\"\nindustries = [\"intelligent-manufacturing\"]\nstart = 2025-07-01T14:00:00\nend = 2025-07-01T17:30:00\nstatus = \"cancelled\"\norganizer = \"univ\"\nvenue = {{ name = \"报告厅\", address = \"江滨大道 1 号\", city = \"浔江\" }}\n+++\n\n正文。\n"
        ),
    );
    write(
        root,
        "content/roadshows/r-mixed.md",
        "+++\ntitle = \"Mixed roadshow\"\nlang = \"en\"\ndate = 2025-05-10\nstart = 2025-05-20T09:00:00+08:00\norganizer = [\"univ\", \"corp\"]\nvenue = { name = \"Hall\" }\nonline_url = \"https://live.example.org/x\"\n+++\n\nBody text, with a comma.\n",
    );
}

fn site() -> (tempfile::TempDir, Site) {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let site = load(dir.path(), TODAY);
    (dir, site)
}

/// What the renderer hands the outputs for `site` (at `root`): titles in the
/// theme's words and every item's summary.
fn texts(root: &Path, site: &Site) -> Texts {
    let insights = qiao::insight::compute(site);
    let options = RenderOptions { minify: false, live_reload: false };
    Renderer::new(site, root, options, &insights).unwrap_or_else(|d| panic!("{d:?}")).texts()
}

fn files(root: &Path, site: &Site) -> BTreeMap<String, Vec<u8>> {
    outputs::all(site, &texts(root, site))
        .into_iter()
        .map(|OutputFile { path, bytes, .. }| (path, bytes))
        .collect()
}

/// The position of `item` in `site.items`.
fn index_of(site: &Site, item: &Item) -> usize {
    site.items.iter().position(|i| std::ptr::eq(i, item)).unwrap()
}

fn text<'a>(files: &'a BTreeMap<String, Vec<u8>>, path: &str) -> &'a str {
    std::str::from_utf8(
        files.get(path).unwrap_or_else(|| panic!("no {path}; have {:?}", files.keys())),
    )
    .unwrap()
}

fn item<'a>(site: &'a Site, kind: Kind, slug: &str) -> &'a Item {
    site.find(kind, slug).unwrap()
}

#[test]
fn all_writes_every_expected_file() {
    let (dir, site) = site();
    let files = files(dir.path(), &site);
    for path in [
        "atom.xml",
        "members/atom.xml",
        "cases/atom.xml",
        "policies/atom.xml",
        "demands/atom.xml",
        "roadshows/atom.xml",
        "roadshows/calendar.ics",
        "roadshows/r-cancelled/event.ics",
        "roadshows/r-mixed/event.ics",
        "roadshows/r-full/event.ics",
        "members/index.json",
        "cases/index.json",
        "policies/index.json",
        "demands/index.json",
        "roadshows/index.json",
        "robots.txt",
    ] {
        assert!(files.contains_key(path), "missing {path}");
    }
    assert_eq!(files.len(), 16, "{:?}", files.keys());
}

#[test]
fn two_builds_give_identical_bytes() {
    let (dir, site) = site();
    let again = load(dir.path(), TODAY);
    assert_eq!(files(dir.path(), &site), files(dir.path(), &again));
    let pages = ["index.html", "cases/c01/index.html"];
    assert_eq!(outputs::sitemap(&site, &pages, &[]), outputs::sitemap(&again, &pages, &[]));
    let (texts, texts_again) = (texts(dir.path(), &site), texts(dir.path(), &again));
    for (n, (i, j)) in site.items.iter().zip(&again.items).enumerate() {
        assert_eq!(
            outputs::jsonld::for_item(&site, i, texts.summary(n)),
            outputs::jsonld::for_item(&again, j, texts_again.summary(n))
        );
    }
}

#[test]
fn atom_feeds_parse_hold_the_newest_fifty_and_are_dated_by_their_entries() {
    let (dir, site) = site();
    let files = files(dir.path(), &site);
    for path in ["atom.xml", "cases/atom.xml", "members/atom.xml", "roadshows/atom.xml"] {
        let feed = atom_syndication::Feed::read_from(text(&files, path).as_bytes()).unwrap();
        assert!(feed.entries.len() <= 50, "{path}");
        let published: Vec<_> = feed.entries.iter().map(|e| e.published.unwrap()).collect();
        assert!(published.windows(2).all(|w| w[0] >= w[1]), "{path} is not newest first");
        let newest = feed.entries.iter().map(|e| e.updated).max().unwrap();
        assert_eq!(feed.updated, newest, "{path}");
        assert!(feed.links.iter().any(|l| l.rel == "self" && l.href == format!("{BASE}{path}")));
        for e in &feed.entries {
            assert!(e.id.starts_with(BASE), "{}", e.id);
            assert_eq!(e.links[0].href, e.id);
            assert_eq!(e.authors[0].name, "浔江 <产教> & 联盟");
        }
    }

    let cases =
        atom_syndication::Feed::read_from(text(&files, "cases/atom.xml").as_bytes()).unwrap();
    assert_eq!(cases.entries.len(), 50);
    assert_eq!(cases.title.value, "浔江 <产教> & 联盟 · 合作案例");
    // c60 is the newest case (2024-02-03). Of the ten oldest left out, c11 shares
    // its date with c10, and the tie goes by slug: c10 is in, c11 out.
    assert_eq!(cases.entries[0].title.value, "Case 60");
    let titles: Vec<&str> = cases.entries.iter().map(|e| e.title.value.as_str()).collect();
    assert!(titles.contains(&"Case 10") && !titles.contains(&"Case 11"), "{titles:?}");
    let first = &cases.entries[0];
    assert_eq!(first.published.unwrap().to_rfc3339(), "2024-02-03T00:00:00+08:00");
    assert_eq!(first.categories[0].term, "intelligent-manufacturing");
    assert_eq!(first.categories[0].label.as_deref(), Some("智能制造"));
    assert_eq!(first.summary.as_ref().unwrap().value, "The case number 60 went well.");
    // The whole order: newest first, ties by slug.
    let order: Vec<&str> = cases.entries.iter().map(|e| e.id.as_str()).collect();
    let mut expected: Vec<&Item> = site.of_kind(Kind::Cases).collect();
    expected.sort_by(|a, b| b.date.sort_key().cmp(&a.date.sort_key()).then(a.slug.cmp(&b.slug)));
    let expected: Vec<String> =
        expected.iter().take(50).map(|i| format!("{BASE}{}", i.rel_url)).collect();
    assert_eq!(order, expected);

    // The roadshow feed is dated by the cancelled roadshow's `updated`, a datetime.
    let roadshows =
        atom_syndication::Feed::read_from(text(&files, "roadshows/atom.xml").as_bytes()).unwrap();
    assert_eq!(roadshows.updated.to_rfc3339(), "2025-05-10T00:00:00+08:00");
    let cancelled = roadshows.entries.iter().find(|e| e.id.ends_with("/r-cancelled/")).unwrap();
    assert_eq!(cancelled.title.value, NASTY_TITLE);
    assert_eq!(cancelled.updated.to_rfc3339(), "2025-05-02T10:00:00+08:00");

    // A kind with no items still gives a valid feed with a fixed date.
    let empty = outputs::feeds::feed(
        &Site::new(site.config.clone(), vec![], BTreeMap::new(), TODAY),
        None,
        &Texts::default(),
    );
    let feed = atom_syndication::Feed::read_from(empty.bytes.as_slice()).unwrap();
    assert!(feed.entries.is_empty());
    assert_eq!(feed.updated.to_rfc3339(), "1970-01-01T00:00:00+00:00");

    // An English item on a Chinese site carries its own xml:lang.
    let all = atom_syndication::Feed::read_from(text(&files, "atom.xml").as_bytes()).unwrap();
    assert_eq!(all.lang.as_deref(), Some("zh"));
    let roadshows =
        atom_syndication::Feed::read_from(text(&files, "roadshows/atom.xml").as_bytes()).unwrap();
    let langs: Vec<Option<&str>> =
        roadshows.entries.iter().map(|e| e.title.lang.as_deref()).collect();
    assert_eq!(langs, [Some("en"), None, None]);
    assert_eq!(roadshows.entries[0].summary.as_ref().unwrap().lang.as_deref(), Some("en"));
}

#[test]
fn a_site_without_roadshows_still_has_a_calendar() {
    let (_dir, site) = site();
    let empty = Site::new(site.config.clone(), vec![], BTreeMap::new(), TODAY);
    let files = outputs::ics::calendars(&empty, &Texts::default());
    assert_eq!(files.len(), 1);
    let (cal, events) = read_ics(std::str::from_utf8(&files[0].bytes).unwrap());
    assert!(events.is_empty());
    assert_eq!(prop(&cal, "VERSION"), Some("2.0"));
}

/// One calendar component's properties, unfolded: (name with parameters, raw value).
type Props = Vec<(String, String)>;

/// A small RFC 5545 reader: checks CRLF and the 75-octet limit, unfolds, and splits
/// into VEVENTs.
fn read_ics(text: &str) -> (Props, Vec<Props>) {
    assert!(text.ends_with("\r\n"));
    assert!(!text.replace("\r\n", "").contains(['\r', '\n']), "a bare CR or LF");
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    let unfolded = text.replace("\r\n ", "");
    let mut calendar = Vec::new();
    let mut events = Vec::new();
    let mut current: Option<Props> = None;
    for line in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
        let (name, value) = line.split_once(':').unwrap_or_else(|| panic!("no colon in {line:?}"));
        match (name, value) {
            ("BEGIN", "VEVENT") => current = Some(Vec::new()),
            ("END", "VEVENT") => events.push(current.take().unwrap()),
            _ => match current.as_mut() {
                Some(props) => props.push((name.to_owned(), value.to_owned())),
                None => calendar.push((name.to_owned(), value.to_owned())),
            },
        }
    }
    (calendar, events)
}

fn prop<'a>(props: &'a Props, name: &str) -> Option<&'a str> {
    props
        .iter()
        .find(|(n, _)| n == name || n.starts_with(&format!("{name};")))
        .map(|(_, v)| v.as_str())
}

fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => panic!("dangling backslash"),
            }
        } else {
            assert!(c != ',' && c != ';', "unescaped {c} in {value:?}");
            out.push(c);
        }
    }
    out
}

#[test]
fn calendars_follow_rfc_5545() {
    let (dir, site) = site();
    let files = files(dir.path(), &site);
    let (cal, events) = read_ics(text(&files, "roadshows/calendar.ics"));
    assert_eq!(cal.first().unwrap(), &("BEGIN".to_owned(), "VCALENDAR".to_owned()));
    assert_eq!(cal.last().unwrap(), &("END".to_owned(), "VCALENDAR".to_owned()));
    assert_eq!(prop(&cal, "VERSION"), Some("2.0"));
    assert!(prop(&cal, "PRODID").is_some());
    assert_eq!(prop(&cal, "CALSCALE"), Some("GREGORIAN"));
    assert_eq!(prop(&cal, "METHOD"), Some("PUBLISH"));
    assert_eq!(events.len(), 3);
    // Times are UTC, so there is neither TZID nor VTIMEZONE.
    assert!(!text(&files, "roadshows/calendar.ics").contains("TZID"));

    // Sorted by start: the mixed one (May 20) comes before the cancelled one (July 1).
    let mixed = &events[0];
    let cancelled = &events[1];
    assert_eq!(prop(cancelled, "UID"), Some("roadshow-r-cancelled@alliance.example.org"));
    assert_eq!(prop(cancelled, "STATUS"), Some("CANCELLED"));
    assert_eq!(prop(mixed, "STATUS"), Some("CONFIRMED"));
    // DTSTAMP: `updated` (10:00 at +08:00), else `date` (midnight in Asia/Shanghai).
    assert_eq!(prop(cancelled, "DTSTAMP"), Some("20250502T020000Z"));
    assert_eq!(prop(mixed, "DTSTAMP"), Some("20250509T160000Z"));
    // 14:00 read in the site's timezone.
    assert_eq!(prop(cancelled, "DTSTART"), Some("20250701T060000Z"));
    assert_eq!(prop(cancelled, "DTEND"), Some("20250701T093000Z"));
    assert_eq!(prop(mixed, "DTSTART"), Some("20250520T010000Z"));
    assert_eq!(prop(mixed, "DTEND"), None);
    // TEXT escaping round-trips the title with its `,` `;` `\` and quotes.
    assert_eq!(unescape(prop(cancelled, "SUMMARY").unwrap()), NASTY_TITLE);
    assert_eq!(unescape(prop(cancelled, "LOCATION").unwrap()), "报告厅, 江滨大道 1 号, 浔江");
    assert_eq!(unescape(prop(mixed, "LOCATION").unwrap()), "Hall / https://live.example.org/x");
    let description = unescape(prop(cancelled, "DESCRIPTION").unwrap());
    assert!(description.starts_with("本次路演汇集了"), "{description}");
    assert!(description.ends_with(&format!("\n\n{BASE}roadshows/r-cancelled/")));
    assert_eq!(prop(cancelled, "URL"), Some(format!("{BASE}roadshows/r-cancelled/").as_str()));
    assert_eq!(unescape(prop(cancelled, "CATEGORIES").unwrap()), "智能制造");
    assert_eq!(prop(cancelled, "ORGANIZER;CN=\"浔江大学\""), Some("mailto:wang@univ.example.edu"));
    // The long DESCRIPTION really was folded.
    assert!(text(&files, "roadshows/calendar.ics").contains("\r\n "));

    // Each event file holds the same event, with the same UID.
    for (slug, event) in [("r-mixed", mixed), ("r-cancelled", cancelled)] {
        let (one_cal, one) = read_ics(text(&files, &format!("roadshows/{slug}/event.ics")));
        assert_eq!(prop(&one_cal, "VERSION"), Some("2.0"));
        assert_eq!(one.len(), 1);
        assert_eq!(&one[0], event);
    }
}

#[test]
fn json_exports_hold_every_field_state_and_absolute_urls() {
    let (dir, site) = site();
    let files = files(dir.path(), &site);
    let json = |kind: &str| -> Value {
        serde_json::from_str(text(&files, &format!("{kind}/index.json"))).unwrap()
    };

    let cases = json("cases");
    assert_eq!(cases["kind"], "cases");
    assert_eq!(cases["count"], 61);
    let items = cases["items"].as_array().unwrap();
    assert_eq!(items.len(), 61);
    let slugs: Vec<&str> = items.iter().map(|i| i["slug"].as_str().unwrap()).collect();
    let mut sorted = slugs.clone();
    sorted.sort();
    assert_eq!(slugs, sorted);
    let c01 = &items[0];
    for field in [
        "title",
        "slug",
        "date",
        "updated",
        "summary",
        "draft",
        "industries",
        "regions",
        "tags",
        "lang",
        "cover",
        "cover_alt",
        "extra",
        "partners",
        "modes",
        "depth",
        "started",
        "ended",
        "outcomes",
        "policies",
        "url",
        "state",
    ] {
        assert!(c01.get(field).is_some(), "cases item has no `{field}`: {c01}");
    }
    assert_eq!(c01["url"], format!("{BASE}cases/c01/"));
    assert_eq!(c01["date"], "2024-01-01");
    assert_eq!(c01["partners"], serde_json::json!(["univ", "corp"]));
    assert_eq!(c01["lang"], "zh");
    assert_eq!(c01["state"], Value::Null);

    assert_eq!(json("demands")["items"][1]["state"], "in-talks");
    assert_eq!(json("policies")["items"][1]["state"], "amended");
    let demand = &json("demands")["items"][0];
    assert_eq!(demand["state"], "expired");
    assert_eq!(demand["status"], "open");
    assert_eq!(
        demand["budget"],
        serde_json::json!({ "min": 10.0, "max": 20.0, "currency": "CNY" })
    );

    let policy = &json("policies")["items"][0];
    assert_eq!(policy["issuer"], serde_json::json!(["省政府"]));
    assert_eq!(policy["effective"], "2024-02-01");
    assert_eq!(policy["state"], "in-force");
    assert_eq!(policy["expires"], Value::Null);

    let roadshows = json("roadshows");
    let cancelled = &roadshows["items"][0];
    assert_eq!(cancelled["slug"], "r-cancelled");
    assert_eq!(cancelled["title"], NASTY_TITLE);
    assert_eq!(cancelled["organizer"], serde_json::json!(["univ"]));
    assert_eq!(cancelled["start"], "2025-07-01T14:00:00+08:00");
    assert_eq!(cancelled["updated"], "2025-05-02T10:00:00+08:00");
    assert_eq!(cancelled["state"], "cancelled");
    assert_eq!(roadshows["items"][1]["state"], "postponed");
    assert_eq!(roadshows["items"][2]["state"], "past");

    let univ = &json("members")["items"][1];
    assert_eq!(univ["slug"], "univ");
    assert_eq!(univ["type"], "university");
    assert_eq!(univ["contact"]["email"], "wang@univ.example.edu");
    assert_eq!(univ["url"], format!("{BASE}members/univ/"));
}

#[test]
fn json_ld_describes_members_and_roadshows_safely() {
    let (dir, site) = site();
    let texts = texts(dir.path(), &site);
    let summary = |i: &Item| texts.summary(index_of(&site, i)).to_owned();
    let parse = |kind, slug| -> (String, Value) {
        let i = item(&site, kind, slug);
        let raw = outputs::jsonld::for_item(&site, i, &summary(i)).unwrap();
        let value = serde_json::from_str(&raw).unwrap();
        (raw, value)
    };

    let (_, univ) = parse(Kind::Members, "univ");
    assert_eq!(univ["@context"], "https://schema.org");
    assert_eq!(univ["@type"], "CollegeOrUniversity");
    assert_eq!(univ["@id"], format!("{BASE}members/univ/"));
    assert_eq!(univ["url"], "https://univ.example.edu/");
    assert_eq!(univ["name"], "浔江大学");
    assert_eq!(univ["contactPoint"]["email"], "wang@univ.example.edu");
    let (_, corp) = parse(Kind::Members, "corp");
    assert_eq!(corp["@type"], "Corporation");
    assert_eq!(corp["url"], format!("{BASE}members/corp/"));

    let (raw, event) = parse(Kind::Roadshows, "r-cancelled");
    assert!(!raw.contains('<') && !raw.contains('>') && !raw.contains('&'), "{raw}");
    assert!(raw.contains("\\u003c/script\\u003e"));
    assert_eq!(event["@type"], "Event");
    assert_eq!(event["name"], NASTY_TITLE);
    assert_eq!(event["eventStatus"], "https://schema.org/EventCancelled");
    assert_eq!(event["eventAttendanceMode"], "https://schema.org/OfflineEventAttendanceMode");
    assert_eq!(event["location"]["@type"], "Place");
    assert_eq!(event["location"]["address"]["addressLocality"], "浔江");
    assert_eq!(event["startDate"], "2025-07-01T14:00:00+08:00");
    assert_eq!(event["organizer"]["url"], format!("{BASE}members/univ/"));

    let (_, mixed) = parse(Kind::Roadshows, "r-mixed");
    assert_eq!(mixed["eventStatus"], "https://schema.org/EventScheduled");
    assert_eq!(mixed["eventAttendanceMode"], "https://schema.org/MixedEventAttendanceMode");
    assert_eq!(mixed["location"][0]["@type"], "Place");
    assert_eq!(
        mixed["location"][1],
        serde_json::json!({ "@type": "VirtualLocation", "url": "https://live.example.org/x" })
    );
    assert_eq!(mixed["organizer"].as_array().unwrap().len(), 2);

    let c01 = item(&site, Kind::Cases, "c01");
    assert_eq!(outputs::jsonld::for_item(&site, c01, &summary(c01)), None);
}

#[test]
fn sitemap_lists_pages_but_404_search_and_later_pages_of_listings() {
    let (_dir, site) = site();
    let pages = [
        "index.html",
        "404.html",
        "search/index.html",
        "cases/index.html",
        "cases/page/2/index.html",
        "cases/c01/index.html",
        "roadshows/r-cancelled/index.html",
        "tags/产教融合/index.html",
        "industries/intelligent-manufacturing/index.html",
        "cases/c01/index.html",
    ];
    let later =
        ["cases/page/2/index.html", "industries/intelligent-manufacturing/page/2/index.html"];
    let file = outputs::sitemap(&site, &pages, &later);
    assert_eq!(file.path, "sitemap.xml");

    let mut reader = quick_xml::Reader::from_reader(file.bytes.as_slice());
    let mut buf = Vec::new();
    let mut urls: Vec<(String, Option<String>)> = Vec::new();
    let mut current = String::new();
    loop {
        match reader.read_event_into(&mut buf).unwrap() {
            quick_xml::events::Event::Start(e) => {
                current = String::from_utf8(e.name().as_ref().to_vec()).unwrap()
            }
            quick_xml::events::Event::Text(t) => {
                let t = t.decode().unwrap().into_owned();
                match current.as_str() {
                    "loc" => urls.push((t, None)),
                    "lastmod" => urls.last_mut().unwrap().1 = Some(t),
                    _ => {}
                }
            }
            quick_xml::events::Event::End(_) => current.clear(),
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    let locs: Vec<&str> = urls.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(
        locs,
        [
            BASE.to_owned(),
            format!("{BASE}cases/"),
            format!("{BASE}cases/c01/"),
            format!("{BASE}industries/intelligent-manufacturing/"),
            format!("{BASE}roadshows/r-cancelled/"),
            format!("{BASE}tags/%E4%BA%A7%E6%95%99%E8%9E%8D%E5%90%88/"),
        ]
    );
    let lastmod: BTreeMap<&str, Option<&str>> =
        urls.iter().map(|(l, m)| (l.as_str(), m.as_deref())).collect();
    assert_eq!(lastmod[format!("{BASE}cases/c01/").as_str()], Some("2024-01-01"));
    assert_eq!(
        lastmod[format!("{BASE}roadshows/r-cancelled/").as_str()],
        Some("2025-05-02T10:00:00+08:00")
    );
    assert_eq!(lastmod[BASE], None);
}

/// The `<loc>`s of a sitemap, in order.
fn sitemap_locs(xml: &[u8]) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let (mut locs, mut in_loc) = (Vec::new(), false);
    loop {
        match reader.read_event_into(&mut buf).unwrap() {
            quick_xml::events::Event::Start(e) => in_loc = e.name().as_ref() == b"loc",
            quick_xml::events::Event::Text(t) if in_loc => {
                locs.push(t.decode().unwrap().into_owned())
            }
            quick_xml::events::Event::End(_) => in_loc = false,
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    locs
}

/// A whole build of the fixture (61 cases: two pages of the cases listing and of
/// the industry's term page) with plain pages at `/page/2/` and `/news/page/2/`,
/// which look like pagination and are not: the sitemap leaves out exactly the
/// pages the renderer paginated.
#[test]
fn sitemap_of_a_build_leaves_out_pages_2_of_listings_and_terms_only() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fixture(root);
    write(root, "content/page/2.md", "+++\ntitle = \"第二页\"\n+++\n\n不是分页。\n");
    write(
        root,
        "content/news/page/2.md",
        "+++\ntitle = \"News, page 2\"\n+++\n\nA page of its own.\n",
    );
    let built = build_files(&options(root, TODAY));
    for page in [
        "cases/page/2/index.html",
        "industries/intelligent-manufacturing/page/2/index.html",
        "page/2/index.html",
        "news/page/2/index.html",
    ] {
        assert!(built.contains_key(page), "the build has no {page}");
    }
    let locs = sitemap_locs(&built["sitemap.xml"]);
    let listed = |rel: &str| locs.contains(&format!("{BASE}{rel}"));
    for rel in
        ["cases/page/2/", "industries/intelligent-manufacturing/page/2/", "search/", "404.html"]
    {
        assert!(!listed(rel), "{rel} is in the sitemap: {locs:?}");
    }
    for rel in [
        "",
        "cases/",
        "industries/",
        "industries/intelligent-manufacturing/",
        "page/2/",
        "news/page/2/",
        "cases/c01/",
        "network/",
        "stats/",
    ] {
        assert!(listed(rel), "{rel} is not in the sitemap: {locs:?}");
    }
    // Every other HTML page of the build is listed, once.
    let html = built.keys().filter(|p| p.ends_with(".html")).count();
    assert_eq!(locs.len(), html - 4, "{locs:?}");
    assert!(locs.windows(2).all(|w| w[0] < w[1]), "sorted and de-duplicated");
}

#[test]
fn robots_names_the_absolute_sitemap() {
    let (dir, site) = site();
    let files = files(dir.path(), &site);
    let robots = text(&files, "robots.txt");
    assert!(robots.starts_with("User-agent: *\n"));
    assert!(robots.contains(&format!("\nSitemap: {BASE}sitemap.xml\n")));
}

#[test]
fn json_exports_every_model_field() {
    let (_dir, site) = site();
    let common = [
        "title",
        "slug",
        "date",
        "updated",
        "summary",
        "draft",
        "industries",
        "regions",
        "tags",
        "lang",
        "cover",
        "cover_alt",
        "aliases",
        "extra",
    ];
    let mut seen = std::collections::BTreeSet::new();
    for item in site.items.iter().filter(|i| i.kind != Kind::Pages) {
        let model = serde_json::to_value(&item.data).unwrap();
        let model = model.as_object().unwrap();
        let exported = serde_json::to_value(outputs::json::Exported { site: &site, item }).unwrap();
        let keys: Vec<&str> = exported.as_object().unwrap().keys().map(String::as_str).collect();
        let expected: Vec<&str> =
            common.iter().chain(item.kind.fields()).chain(&["url", "state"]).copied().collect();
        assert_eq!(keys, expected, "{}", item.source);
        for (key, value) in model {
            assert_eq!(&exported[key], value, "{key} of {}", item.source);
            seen.insert((item.kind, key.clone()));
        }
    }
    // The fixture sets every field of every kind, so the model's full field list was compared.
    for kind in Kind::SECTIONS {
        for field in kind.fields() {
            assert!(
                seen.contains(&(kind, (*field).to_owned())),
                "the fixture never sets {kind:?}.{field}"
            );
        }
    }
    let full = serde_json::to_value(outputs::json::Exported {
        site: &site,
        item: item(&site, Kind::Cases, "z-full"),
    })
    .unwrap();
    assert_eq!(full["tags"], serde_json::json!(["AI"]));
    assert_eq!(full["cover"], "/img/a.png");
    assert_eq!(full["lang"], "en");
    assert_eq!(full["extra"], serde_json::json!({ "note": "x" }));
    assert_eq!(
        full["outcomes"][0],
        serde_json::json!({ "label": "学生培养", "value": 120, "unit": "人" })
    );
}

/// HTML text with the template engine's escapes undone.
fn unescape_html(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The summary on the card of the item at `url` in a listing page.
fn card_summary(listing: &str, url: &str) -> String {
    let card = &listing
        [listing.find(&format!("href=\"{url}\"")).unwrap_or_else(|| panic!("no card of {url}"))..];
    let card = &card[..card.find("</li>").unwrap()];
    let start = card.find(r#"<p class="card-summary">"#).expect("a summary")
        + r#"<p class="card-summary">"#.len();
    unescape_html(&card[start..start + card[start..].find("</p>").unwrap()])
}

/// One summary algorithm: a card, its feed entry, its calendar event and its
/// JSON-LD show the same summary, whether written or derived from a body that
/// starts with a table, a list or long prose.
#[test]
fn a_card_its_feed_entry_its_event_and_its_json_ld_show_one_summary() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fixture(root);
    let prose =
        "浔江大学与企业共建实验室，已完成三期项目。第二期引入了视觉检测课程，学生参与真实项目。"
            .repeat(4);
    write(
        root,
        "content/demands/d3.md",
        &format!(
            "+++\ntitle = \"Table first\"\ndate = 2025-05-01\nneed = \"talent\"\norganization = \"univ\"\ndeadline = 2025-12-01\n+++\n\n| 岗位 | 人数 |\n|---|---:|\n| 技术员 | 60 |\n\n{prose}\n\n- 一项\n- 两项\n"
        ),
    );
    write(
        root,
        "content/members/lister.md",
        "+++\ntitle = \"Lister\"\ndate = 2024-03-01\ntype = \"enterprise\"\n+++\n\nWe do **three** things:\n\n- machining;\n- welding;\n- painting.\n",
    );
    write(
        root,
        "content/roadshows/r-long.md",
        &format!(
            "+++\ntitle = \"Long roadshow\"\ndate = 2025-05-05\nstart = 2025-09-01T09:00:00+08:00\norganizer = \"corp\"\nvenue = {{ name = \"Hall\" }}\n+++\n\n{prose}\n"
        ),
    );
    let built = build_texts(&options(root, TODAY));
    let feed_summary = |path: &str, id: &str| -> String {
        let feed = atom_syndication::Feed::read_from(built[path].as_bytes()).unwrap();
        let entry = feed.entries.iter().find(|e| e.id == format!("{BASE}{id}")).unwrap();
        entry.summary.as_ref().unwrap().value.clone()
    };

    let demand = card_summary(&built["demands/index.html"], "/alliance/demands/d3/");
    assert!(demand.starts_with("浔江大学与企业共建实验室") && !demand.contains('|'), "{demand}");
    assert_eq!(feed_summary("demands/atom.xml", "demands/d3/"), demand);
    assert_eq!(feed_summary("atom.xml", "demands/d3/"), demand);

    let member = card_summary(&built["members/index.html"], "/alliance/members/lister/");
    assert_eq!(member, "We do three things:");
    assert_eq!(feed_summary("members/atom.xml", "members/lister/"), member);
    let page = &built["members/lister/index.html"];
    let ld = &page[page.find("application/ld+json\">").unwrap() + 21..];
    let ld: Value = serde_json::from_str(&ld[..ld.find("</script>").unwrap()]).unwrap();
    assert_eq!(ld["description"], member);

    let roadshow = card_summary(&built["roadshows/index.html"], "/alliance/roadshows/r-long/");
    assert!(roadshow.ends_with('。') || roadshow.ends_with('…'), "{roadshow}");
    assert_eq!(feed_summary("roadshows/atom.xml", "roadshows/r-long/"), roadshow);
    let (_, events) = read_ics(&built["roadshows/r-long/event.ics"]);
    let description = unescape(prop(&events[0], "DESCRIPTION").unwrap());
    assert_eq!(description, format!("{roadshow}\n\n{BASE}roadshows/r-long/"));
    // A written summary is shown as written everywhere.
    let written = card_summary(&built["roadshows/index.html"], "/alliance/roadshows/r-cancelled/");
    assert!(written.starts_with("本次路演汇集了"), "{written}");
    assert_eq!(feed_summary("roadshows/atom.xml", "roadshows/r-cancelled/"), written);
}
