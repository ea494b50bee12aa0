//! `qiao import` and `qiao export`: spreadsheets made by real spreadsheet software
//! (`tests/fixtures/sheets/`, made by `scripts/make-sheet-fixtures.py` with
//! openpyxl, LibreOffice and msoffcrypto-tool) in every format and encoding, every
//! bad input with the cell it names in both languages, nothing written on error,
//! `--dry-run`, `--update`, and export → import --update changing nothing.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::{Site, snapshot, stderr};

fn fixture(name: &str) -> PathBuf {
    crate::support::repo().join("tests/fixtures/sheets").join(name)
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `qiao import KIND FILE ARGS --today 2026-11-24` on `site`.
fn import(site: &Site, kind: &str, file: &Path, args: &[&str]) -> Output {
    let mut all = vec!["import", kind, file.to_str().unwrap(), "--today", "2026-11-24"];
    all.extend_from_slice(args);
    site.qiao(&all)
}

const NEW_INSTITUTE: &str = "+++
title = \"浔江新材料研究院\"
type = \"institute\"
website = \"https://xnm.example.org/\"
joined = 2025-03-18
offers = [\"research\", \"equipment\", \"consulting\"]
expertise = [\"有机硅\", \"功能涂层\"]
contact.name = \"周敏\"
contact.email = \"zm@xnm.example.org\"
contact.phone = \"13800000000\"
date = 2025-03-18
+++
";

const NEW_ROBOTICS: &str = "+++
title = \"Lakeside Robotics 湖畔机器人\"
type = \"enterprise\"
website = \"https://lakeside.example.com/\"
joined = 2024-11-02
offers = [\"internships\", \"equipment\"]
expertise = [\"工业机器人\", \"机器视觉\"]
date = 2024-11-02
+++
";

/// The same two members from .xlsx, .xls, .ods and CSV in UTF-8, UTF-8 with BOM and
/// GBK: Chinese headers, type labels, lists split on `、,，;；`, a real date cell,
/// `2025/3/18` and `2024年11月2日`, nested contact fields, a phone typed as a
/// number, slugs derived as pinyin; the site then passes `check`.
#[test]
fn every_format_gives_the_same_files() {
    for name in [
        "members.xlsx",
        "members.xls",
        "members.ods",
        "members-utf8.csv",
        "members-bom.csv",
        "members-gbk.csv",
    ] {
        let site = Site::example_copy();
        let out = import(&site, "members", &fixture(name), &[]);
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        assert_eq!(
            site.read("content/members/xun-jiang-xin-cai-liao-yan-jiu-yuan.md"),
            NEW_INSTITUTE,
            "{name}"
        );
        assert_eq!(
            site.read("content/members/lakeside-robotics-hu-pan-ji-qi-ren.md"),
            NEW_ROBOTICS,
            "{name}"
        );
        let printed = stdout(&out);
        assert!(
            printed.contains(": `浔江新材料研究院` → slug `xun-jiang-xin-cai-liao-yan-jiu-yuan`"),
            "{name}: {printed}"
        );
        assert!(stderr(&out).contains("2 rows checked: 2 new, 0 updated, 0 unchanged"), "{name}");
        site.passes(&name);
    }
}

/// Field names as headers, a slug column, a derived slug that exists with another
/// title (made unique), `否` as false, `2025.6.1`.
#[test]
fn field_names_slug_column_and_unique_slugs() {
    let site = Site::example_copy();
    let out = import(&site, "members", &fixture("members-fields.xlsx"), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out)
            .contains("members-fields.xlsx:Sheet1!B2: `Yunshu Data` → slug `yunshu-data-2`")
    );
    assert_eq!(
        site.read("content/members/hengrui-testing.md"),
        "+++\ntitle = \"恒锐检测\"\ntype = \"enterprise\"\njoined = 2025-06-01\ndraft = false\ndate = 2025-06-01\n+++\n"
    );
    assert!(
        site.read("content/members/yunshu-data-2.md")
            .contains("contact.email = \"hi@yunshu2.example.com\"\n")
    );
    site.passes(&"members-fields.xlsx");
    // Imported again, the rows name the same files: nothing new, nothing changed.
    let before = snapshot(site.root());
    let out = import(&site, "members", &fixture("members-fields.xlsx"), &["--update"]);
    assert!(
        stderr(&out).contains("2 rows checked: 0 new, 0 updated, 2 unchanged"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).contains("`Yunshu Data` → slug `yunshu-data-2`"));
    assert_eq!(snapshot(site.root()), before);
}

/// References by a member's exact title or by slug, labels of needs, statuses and
/// modes, budgets as numbers.
#[test]
fn references_by_title_and_labels() {
    let site = Site::example_copy();
    let out = import(&site, "demands", &fixture("demands.xlsx"), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let first = site.read("content/demands/bao-bi-jian-jia-gong-bian-xing-kong-zhi.md");
    for line in [
        "need = \"technology\"\n",
        "organization = \"hengrui-precision\"\n",
        "status = \"open\"\n",
        "budget.min = 300000\n",
        "budget.max = 800000\n",
        "trl = 6\n",
        "deadline = 2027-03-31\n",
    ] {
        assert!(first.contains(line), "{line}: {first}");
    }
    let second = site.read("content/demands/shu-ju-biao-zhu-shi-xun.md");
    assert!(
        second.contains("organization = \"yunshu-data\"\n")
            && second.contains("deadline = 2027-01-15\n")
    );
    let out = import(&site, "cases", &fixture("cases.xlsx"), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let case = site.read("content/cases/dian-chi-hui-shou-ding-dan-ban.md");
    assert!(
        case.contains("partners = [\"xunjiang-polytechnic\", \"xunneng-battery\"]\n"),
        "{case}"
    );
    assert!(case.contains("modes = [\"order-training\", \"training-base\"]\n"), "{case}");
    assert!(case.contains("depth = \"deep\"\n"), "{case}");
    site.passes(&"demands and cases from sheets");
}

/// The sheet with mistakes: every error at its cell, with `check`'s codes and
/// words, in both languages; nothing written.
#[test]
fn mistakes_are_reported_at_their_cells_in_both_languages() {
    let site = Site::example_copy();
    let before = snapshot(site.root());
    let file = fixture("members-mistakes.xlsx");
    let shown = file.display().to_string();
    let out = import(&site, "members", &file, &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let expected = [
        format!("{shown}:成员名录!B2: error[E0207]: `type` must be one of"),
        format!(
            "{shown}:成员名录!C2: error[E0211]: `website` is not a valid web address: `xnm.example.org`"
        ),
        format!("{shown}:成员名录!D3: error[E0208]: `joined` is not a valid date: `2024-13-02`"),
        format!("{shown}:成员名录!E2: error[E0207]: `offers` must be one of"),
        format!("{shown}:成员名录!H2: error[E0219]: `contact.email` must be an email address"),
    ];
    for e in &expected {
        assert!(err.contains(e.as_str()), "{e}\n{err}");
    }
    assert!(err.ends_with("5 errors\n"), "{err}");
    let zh = import(&site, "members", &file, &["--lang", "zh"]);
    let err = stderr(&zh);
    assert!(err.contains(&format!("{shown}:成员名录!B2: error[E0207]: `type` 只能是")), "{err}");
    assert!(
        err.contains(&format!("{shown}:成员名录!H2: error[E0219]: `contact.email` 必须是邮箱地址")),
        "{err}"
    );
    assert!(err.ends_with("5 个错误\n"), "{err}");
    assert_eq!(snapshot(site.root()), before, "nothing may be written");
}

/// Every bad input: its code at its cell or file, in English and Chinese, exit 1,
/// no panic, nothing written.
#[test]
fn bad_inputs_are_clear_errors() {
    let cases: &[(&str, &str, &str, &str)] = &[
        ("empty.xlsx", ":空表: error[E0905]", "the sheet is empty", "工作表是空的"),
        ("header-only.xlsx", ":Sheet1!A1: error[E0906]", "no data rows", "只有表头"),
        (
            "unknown-column.xlsx",
            ":Sheet1!C1: error[E0907]",
            "column `titel` is not a field of members; did you mean `title`?",
            "列 `titel` 不是 members 的字段；是不是 `title`？",
        ),
        (
            "duplicate-column.xlsx",
            ":Sheet1!C1: error[E0908]",
            "column `type` is there twice (first at B1)",
            "列 `type` 重复了（第一次出现在 B1）",
        ),
        ("merged.xlsx", ":Sheet1!B2: error[E0909]", "merged cells (B2:B4)", "合并单元格（B2:B4）"),
        ("formula.xlsx", ":Sheet1!A3: error[E0910]", "holds a formula", "单元格里是公式"),
        ("merged.xls", ":Sheet1!B2: error[E0909]", "merged cells (B2:B4)", "合并单元格（B2:B4）"),
        ("merged.ods", ":Sheet1!B2: error[E0909]", "merged cells (B2:B4)", "合并单元格（B2:B4）"),
        ("formula.ods", ":Sheet1!A3: error[E0910]", "holds a formula", "单元格里是公式"),
        ("truncated.xlsx", ": error[E0901]", "cannot read the spreadsheet", "无法读取表格"),
        ("encrypted.xlsx", ": error[E0902]", "password-protected", "表格设置了密码"),
        (
            "mixed-encoding.csv",
            ": error[E0912]",
            "not valid GB18030 at line 3",
            "第 3 行不是有效的 GB18030 编码",
        ),
    ];
    let site = Site::example_copy();
    let before = snapshot(site.root());
    for (name, place, en, zh) in cases {
        let file = fixture(name);
        let shown = file.display().to_string();
        let out = import(&site, "members", &file, &[]);
        assert_eq!(out.status.code(), Some(1), "{name}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains(&format!("{shown}{place}")), "{name}: {err}");
        assert!(err.contains(en), "{name}: {err}");
        let out = import(&site, "members", &file, &["--lang", "zh"]);
        let err = stderr(&out);
        assert!(err.contains(&format!("{shown}{place}")) && err.contains(zh), "{name}: {err}");
    }
    assert_eq!(snapshot(site.root()), before, "nothing may be written");
}

/// `--sheet` chooses a sheet by name; an unknown one lists the sheets.
#[test]
fn sheet_by_name() {
    let site = Site::example_copy();
    let file = fixture("two-sheets.xlsx");
    let out = import(&site, "members", &file, &["--sheet", "成员"]);
    assert!(
        stderr(&out).contains(
            "error[E0904]: there is no sheet `成员`; the workbook has `说明`, `成员名录`"
        )
    );
    let out = import(&site, "members", &file, &["--sheet", "成员名录", "--dry-run"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("dry run: nothing was written"));
    assert!(!site.root().join("content/members/liang-ye-dan-wei.md").exists());
    let out = import(&site, "members", &file, &["--sheet", "成员名录"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(site.root().join("content/members/liang-ye-dan-wei.md").exists());
}

/// `--encoding` overrides the detection (and a wrong one is a clear error).
#[test]
fn encoding_flag() {
    let site = Site::example_copy();
    let out =
        import(&site, "members", &fixture("members-gbk.csv"), &["--encoding", "gbk", "--dry-run"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = import(&site, "members", &fixture("members-gbk.csv"), &["--encoding", "utf-8"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("error[E0912]: the file is not valid UTF-8 at line 1"),
        "{}",
        stderr(&out)
    );
    let out = import(&site, "members", &fixture("members-gbk.csv"), &["--encoding", "latin9"]);
    assert_eq!(out.status.code(), Some(2));
}

/// A row whose slug exists is an error without --update; with it, only the
/// sheet's fields change, and the body and other fields stay byte for byte.
#[test]
fn update_rewrites_only_the_sheets_fields() {
    let site = Site::example_copy();
    let rel = "content/members/hengrui-precision.md";
    let old = site.read(rel);
    let csv = site.dir().join("update.csv");
    std::fs::write(&csv, "标识,名称,联系电话,专长\nhengrui-precision,浔江恒锐精密机械有限公司,0000-1234,五轴加工、薄壁件\n").unwrap();
    let out = import(&site, "members", &csv, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("update.csv:A2: error[E0914]: `hengrui-precision` exists already (content/members/hengrui-precision.md)"), "{}", stderr(&out));
    assert_eq!(site.read(rel), old);
    let out = import(&site, "members", &csv, &["--update"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let new = site.read(rel);
    assert!(new.contains("expertise = [\"五轴加工\", \"薄壁件\"]"), "{new}");
    assert!(new.contains("phone = \"0000-1234\""), "{new}");
    // Everything after the front matter is the same bytes.
    let body = |t: &str| t.splitn(3, "+++").nth(2).unwrap().to_owned();
    assert_eq!(body(&new), body(&old));
    // Lines of fields the sheet does not have are unchanged.
    for line in old.lines().filter(|l| {
        l.starts_with("type") || l.starts_with("website") || l.starts_with("industries")
    }) {
        assert!(new.contains(line), "{line}");
    }
    site.passes(&"updated member");
    // The same sheet again changes nothing.
    let before = snapshot(site.root());
    let out = import(&site, "members", &csv, &["--update"]);
    assert!(
        stderr(&out).contains("1 row checked: 0 new, 0 updated, 1 unchanged"),
        "{}",
        stderr(&out)
    );
    assert_eq!(snapshot(site.root()), before);
}

/// Export then import --update of the unchanged file changes no file, for every
/// kind, in .xlsx and .csv; the CSV starts with a BOM and has the Chinese headers.
#[test]
fn export_then_import_changes_nothing() {
    let site = Site::example_copy();
    let before = snapshot(site.root());
    for kind in ["members", "cases", "policies", "demands", "roadshows"] {
        for ext in ["xlsx", "csv"] {
            let file = site.dir().join(format!("{kind}.{ext}"));
            let out = site.qiao(&["export", kind, file.to_str().unwrap()]);
            assert!(out.status.success(), "{kind}.{ext}: {}", stderr(&out));
            let out = import(&site, kind, &file, &["--update"]);
            assert!(out.status.success(), "{kind}.{ext}: {}", stderr(&out));
            assert!(stderr(&out).contains(" 0 new, 0 updated, "), "{kind}.{ext}: {}", stderr(&out));
        }
    }
    assert_eq!(snapshot(site.root()), before, "export → import --update changed a file");
    let csv = std::fs::read(site.dir().join("members.csv")).unwrap();
    assert!(csv.starts_with(
        "\u{feff}标识,名称,类型,网址,加入日期,可提供,专长,联系人,联系邮箱,联系电话,".as_bytes()
    ));
    let text = String::from_utf8(csv).unwrap();
    assert!(text.contains("\ndongling-university,东陵大学,高校,https://www.dlu.example.org/,2023-06-08,科研、咨询,"), "{text}");
}

/// The exported .xlsx has its header row frozen and column widths set.
#[test]
fn exported_xlsx_is_frozen_and_sized() {
    let site = Site::example_copy();
    let file = site.dir().join("m.xlsx");
    let out = site.qiao(&["export", "members", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&file).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(xml.contains("ySplit=\"1\"") && xml.contains("state=\"frozen\""), "{xml}");
    assert!(xml.contains("<col ") && xml.contains("customWidth=\"1\""), "{xml}");
}

/// A 1,000,000-row CSV (110 MB) is refused at row 50,002, read as a stream: the
/// run fits in 100 MB of address space, less than the file.
#[cfg(unix)]
#[test]
fn a_million_rows_are_refused_in_bounded_memory() {
    let site = Site::example_copy();
    let path = site.dir().join("big.csv");
    {
        use std::io::Write;
        let mut w = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        writeln!(w, "名称,类型,摘要").unwrap();
        let summary = "x".repeat(90);
        for i in 0..1_000_000 {
            writeln!(w, "单位{i},企业,{summary}").unwrap();
        }
    }
    assert!(std::fs::metadata(&path).unwrap().len() > 105_000_000);
    let before = snapshot(site.root());
    let script =
        "ulimit -v 100000; exec \"$0\" import members \"$1\" --root \"$2\" --today 2026-11-24";
    let out = std::process::Command::new("sh")
        .args(["-c", script, env!("CARGO_BIN_EXE_qiao")])
        .arg(&path)
        .arg(site.root())
        .env("QIAO_LANG", "en")
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("big.csv:A50002: error[E0911]: the sheet has more than 50000 rows"),
        "{err}"
    );
    assert_eq!(snapshot(site.root()), before);
}

/// An .xlsx longer than the limit is refused too (its rows are streamed).
#[test]
fn a_long_xlsx_is_refused() {
    let site = Site::example_copy();
    let path = site.dir().join("long.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "名称").unwrap();
    for r in 1..=50_001u32 {
        sheet.write_number(r, 0, f64::from(r)).unwrap();
    }
    book.save(&path).unwrap();
    let out = import(&site, "members", &path, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("long.xlsx:Sheet1!A50002: error[E0911]"), "{}", stderr(&out));
}

#[test]
fn unknown_kind_is_a_usage_error() {
    let site = Site::example_copy();
    let out = import(&site, "people", &fixture("members.xlsx"), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown kind `people`"));
    let out = site.qiao(&["export", "members", site.dir().join("m.txt").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let out = import(&site, "members", &site.dir().join("m.numbers"), &[]);
    assert!(stderr(&out).contains("error[E0903]: `.numbers` is not a spreadsheet qiao reads"));
}

/// Cells and rows a sheet gets wrong: an error value, a column without a header,
/// two rows with one slug, a row without slug or title; each at its cell.
#[test]
fn bad_cells_and_rows() {
    let site = Site::example_copy();
    let before = snapshot(site.root());
    let file = fixture("cell-errors.xlsx");
    let err = stderr(&import(&site, "members", &file, &[]));
    let shown = file.display();
    assert!(
        err.contains(&format!("{shown}:Sheet1!C2: error[E0916]: the cell holds the error `#N/A`")),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{shown}:Sheet1!D1: error[E0918]: this column has values but no header"
        )),
        "{err}"
    );
    let file = fixture("rows.xlsx");
    let shown = file.display();
    let err = stderr(&import(&site, "members", &file, &["--lang", "zh"]));
    assert!(
        err.contains(&format!(
            "{shown}:Sheet1!A3: error[E0915]: 两行的 slug 都是 `same`（第一次在第 2 行）"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("{shown}:Sheet1!A4: error[E0917]: 这一行既没有标识也没有名称")),
        "{err}"
    );
    assert_eq!(snapshot(site.root()), before);
}

/// A reference `check` does not find is its E0301 at the cell, with the member
/// whose title holds what the cell says.
#[test]
fn unknown_references_at_their_cell_with_a_hint() {
    let site = Site::example_copy();
    let file = fixture("demands-unknown-member.xlsx");
    let out = import(&site, "demands", &file, &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let want = format!(
        "{}:Sheet1!C2: error[E0301]: unknown member `恒锐精密` in `organization`",
        file.display()
    );
    assert!(err.contains(&want), "{err}");
    assert!(
        err.contains("did you mean `浔江恒锐精密机械有限公司` (`hengrui-precision`)?"),
        "{err}"
    );
    let err = stderr(&import(&site, "demands", &file, &["--lang", "zh"]));
    assert!(err.contains("是不是 `浔江恒锐精密机械有限公司`（`hengrui-precision`）？"), "{err}");
}
