//! `qiao new` and `qiao init`: files an editor starts from. What they write passes
//! `qiao check` as it is: every required field is filled in (references point at
//! members that exist), and optional fields are shown as commented hints.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::content::parse::is_slug;
use crate::model::Kind;

/// Writes `ROOT/content/<kind>/<slug>.md` and returns its path.
pub fn new_file(
    root: &Path,
    kind: &str,
    slug: &str,
    title: Option<&str>,
) -> Result<PathBuf, String> {
    if !root.join("site.toml").is_file() {
        return Err(format!(
            "no site.toml in {}: run this in a site's folder or pass --root",
            root.display()
        ));
    }
    if !is_slug(slug) {
        return Err(format!(
            "`{slug}` cannot be a slug: use only a-z, 0-9, `-` and Chinese characters"
        ));
    }
    let kind = match kind {
        "page" | "pages" => Kind::Pages,
        k => Kind::from_folder(k).or_else(|| Kind::from_folder(&format!("{k}s"))).ok_or_else(
            || {
                format!(
                    "unknown kind `{k}`: use members, cases, policies, demands, roadshows or page"
                )
            },
        )?,
    };
    let path = match kind {
        Kind::Pages => root.join("content").join(format!("{slug}.md")),
        k => root.join("content").join(k.folder()).join(format!("{slug}.md")),
    };
    if path.exists() {
        return Err(format!("{} already exists; choose another slug", path.display()));
    }
    let members = member_slugs(root);
    let today = jiff::ZonedDateTime::now().date();
    let title = title.map(str::to_owned).unwrap_or_else(|| slug.replace('-', " "));
    let text = template(kind, &title, today, &members);
    std::fs::create_dir_all(path.parent().unwrap_or(root)).map_err(|e| e.to_string())?;
    std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path)
}

fn member_slugs(root: &Path) -> Vec<String> {
    let (files, _) = crate::content::walk::walk(root);
    let mut slugs: Vec<String> = files
        .into_iter()
        .filter(|f| f.kind == Kind::Members && !f.is_intro)
        .filter_map(|f| f.segments.last().cloned())
        .filter(|s| is_slug(s))
        .collect();
    slugs.sort();
    slugs
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The text of a new file of `kind`.
pub fn template(kind: Kind, title: &str, today: jiff::civil::Date, members: &[String]) -> String {
    let mut s = String::from("+++\n");
    let _ = writeln!(s, "title = {}", quote(title));
    let _ = writeln!(s, "date = {today}");
    let member = |i: usize| {
        members.get(i).or(members.first()).cloned().unwrap_or_else(|| "your-member-slug".into())
    };
    match kind {
        Kind::Members => {
            s.push_str("type = \"enterprise\"  # university, college, enterprise, association, government, institute, investor\n");
            s.push_str("# website = \"https://example.org/\"\n# joined = 2025-01-01\n");
            s.push_str("# offers = [\"internships\", \"equipment\"]  # research, talent, equipment, training, internships, funding, consulting, venue, other\n");
            s.push_str("# expertise = [\"数控加工\", \"machine vision\"]\n");
            s.push_str("# contact = { name = \"张老师\", email = \"name@example.org\", phone = \"0792-0000000\" }\n");
        }
        Kind::Cases => {
            let _ = writeln!(
                s,
                "partners = [{}, {}]  # at least two member slugs",
                quote(&member(0)),
                quote(&member(1))
            );
            s.push_str("modes = [\"order-training\"]  # order-training, apprenticeship, internship-base, industrial-college, joint-lab, joint-rnd, tech-transfer, training-base, teacher-exchange, other\n");
            s.push_str("# depth = \"middle\"  # shallow, middle, deep\n# started = 2024-09-01\n# ended = 2026-07-01\n# policies = [\"policy-slug\"]\n");
            s.push_str("# [[outcomes]]\n# label = \"学生培养\"\n# value = 120\n# unit = \"人\"\n");
        }
        Kind::Policies => {
            s.push_str("issuer = \"市教育局\"  # or a list: [\"市教育局\", \"市财政局\"]\n");
            s.push_str("level = \"municipal\"  # national, provincial, municipal, county, park\n");
            let _ = writeln!(s, "issued = {today}");
            s.push_str("# doc_number = \"浔教发〔2026〕1号\"\n# effective = 2026-01-01\n# expires = 2028-12-31\n# status = \"in-force\"  # in-force, amended, repealed (leave out to derive it from the dates)\n# source_url = \"https://example.gov.cn/policy\"\n");
            s.push_str("# [[incentives]]\n# kind = \"tax\"  # tax, funding, land, credit, talent, other\n# text = \"...\"\n");
        }
        Kind::Demands => {
            s.push_str("need = \"technology\"  # technology, talent, equipment, training, joint-rnd, consulting\n");
            let _ = writeln!(
                s,
                "organization = {}  # the member that seeks a partner",
                quote(&member(0))
            );
            let _ = writeln!(s, "deadline = {}", today.saturating_add(jiff::Span::new().days(30)));
            s.push_str("# status = \"open\"  # open, in-talks, matched, closed\n# budget = { min = 100000, max = 300000 }  # or { amount = 200000 } or { negotiable = true }\n# trl = 5\n# contact = { name = \"李工\", email = \"name@example.org\" }\n");
        }
        Kind::Roadshows => {
            let start = today.saturating_add(jiff::Span::new().days(30));
            let _ = writeln!(s, "start = {start}T14:00:00");
            let _ = writeln!(s, "organizer = {}", quote(&member(0)));
            s.push_str("venue = { name = \"联盟会议中心\", city = \"浔江\" }  # or online_url = \"https://...\", or both\n");
            let _ = writeln!(
                s,
                "# end = {start}T17:00:00\n# status = \"scheduled\"  # scheduled, postponed, cancelled, moved-online\n# registration = {{ url = \"https://example.org/register\", deadline = {start}, capacity = 200 }}"
            );
            s.push_str("# [[projects]]\n# title = \"...\"\n# team = \"member-slug\"\n# seeking = \"investment\"  # investment, licensing, partner, customers\n# trl = 6\n# summary = \"...\"\n");
        }
        Kind::Pages => {}
    }
    s.push_str("# summary = \"One paragraph; derived from the text when left out.\"\n# industries = [\"intelligent-manufacturing\"]\n# regions = [\"your-region\"]\n# tags = [\"产教融合\"]\n# draft = true\n");
    s.push_str("+++\n\n在这里写正文（Markdown）。\n");
    s
}

/// Writes a minimal working site into `dir` (which must not hold a site yet).
pub fn init(dir: &Path) -> Result<(), String> {
    if dir.join("site.toml").exists() {
        return Err(format!("{} already holds a site (site.toml exists)", dir.display()));
    }
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "alliance".into());
    let today = jiff::ZonedDateTime::now().date();
    let members = vec!["example-college".to_owned(), "example-company".to_owned()];
    let files: Vec<(String, String)> = vec![
        (
            "site.toml".into(),
            format!(
                "title = {}\nbase_url = \"https://example.org/\"\nlanguage = \"zh\"\ntimezone = \"Asia/Shanghai\"\ndescription = \"产教融合联盟网站\"\n\n[taxonomies]\nindustries.intelligent-manufacturing = \"智能制造\"\n",
                quote(&format!("{name} 产教融合联盟"))
            ),
        ),
        (
            "content/about.md".into(),
            format!(
                "+++\ntitle = \"关于联盟\"\ndate = {today}\n+++\n\n联盟由院校、企业、行业协会和地方政府共同组成。\n"
            ),
        ),
        (
            "content/members/example-college.md".into(),
            format!(
                "+++\ntitle = \"示例职业技术学院\"\ndate = {today}\ntype = \"college\"\nindustries = [\"intelligent-manufacturing\"]\noffers = [\"talent\", \"training\"]\nexpertise = [\"数控加工\"]\n+++\n\n一所示例职业院校。\n"
            ),
        ),
        (
            "content/members/example-company.md".into(),
            format!(
                "+++\ntitle = \"示例智能装备有限公司\"\ndate = {today}\ntype = \"enterprise\"\nindustries = [\"intelligent-manufacturing\"]\noffers = [\"internships\", \"equipment\"]\n+++\n\n一家示例制造企业。\n"
            ),
        ),
        (
            "content/cases/first-order-class.md".into(),
            template(Kind::Cases, "第一个订单班", today, &members),
        ),
        (
            "content/policies/first-policy.md".into(),
            template(Kind::Policies, "产教融合支持办法", today, &members),
        ),
        (
            "content/demands/first-demand.md".into(),
            template(Kind::Demands, "数控加工工艺优化需求", today, &members),
        ),
        (
            "content/roadshows/first-roadshow.md".into(),
            template(Kind::Roadshows, "科技成果路演", today, &members),
        ),
    ];
    for (rel, text) in files {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap_or(dir)).map_err(|e| e.to_string())?;
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    std::fs::create_dir_all(dir.join("static")).map_err(|e| e.to_string())?;
    Ok(())
}
