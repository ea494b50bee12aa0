//! The command line's own mistakes and the failures that are not the site's (an
//! output folder qiao may not replace), said in the chosen language with exit 2.

use crate::support::{Site, qiao, stderr};

/// Runs qiao with `args`, returning the exit code and what it printed on stderr.
fn said(args: &[&str]) -> (Option<i32>, String) {
    let out = qiao().current_dir(std::env::temp_dir()).args(args).output().unwrap();
    (out.status.code(), stderr(&out))
}

#[test]
fn a_mistyped_command_line_is_said_in_the_chosen_language() {
    let (code, en) = said(&["buidl"]);
    assert_eq!(code, Some(2));
    assert!(
        en.starts_with("error: unknown command `buidl`; the commands are `build`, `check`"),
        "{en}"
    );
    assert!(en.contains("did you mean `build`?"), "{en}");

    let (code, zh) = said(&["--lang", "zh", "check", "--todya", "2026-01-01"]);
    assert_eq!(code, Some(2));
    assert!(zh.starts_with("error: 没有 `--todya` 这个选项；是不是 `--today`？"), "{zh}");
    assert!(zh.contains("用法：qiao check"), "{zh}");
    assert!(zh.contains("更多说明请运行 `qiao check --help`"), "{zh}");

    // QIAO_LANG chooses too, when --lang is not given.
    let out =
        qiao().env("QIAO_LANG", "zh").args(["check", "--today", "2026年1月1日"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out)
            .starts_with("error: `--today` 的值 `2026年1月1日` 不是日期：请写成 2026-05-20 这样"),
        "{}",
        stderr(&out)
    );
    let (_, en) = said(&["new", "cases"]);
    assert!(en.starts_with("error: `qiao new` needs `<SLUG>`"), "{en}");
    // Help is still clap's, and exits 0.
    let (code, _) = said(&["--help"]);
    assert_eq!(code, Some(0));
}

#[test]
fn an_output_folder_qiao_may_not_replace_is_said_in_either_language() {
    let s = Site::new();
    s.write("public-file", "not a folder");
    let out = s.root().join("public-file");
    let out = out.to_str().unwrap();
    let run = |lang: &str| {
        let o = s.qiao(&["build", "--lang", lang, "--output-dir", out]);
        (o.status.code(), stderr(&o))
    };
    let (code, en) = run("en");
    assert_eq!(code, Some(2));
    assert_eq!(en.trim_end(), format!("error: `{out}` exists and is not a folder"));
    let (code, zh) = run("zh");
    assert_eq!(code, Some(2));
    assert_eq!(zh.trim_end(), format!("error: `{out}` 已经存在，但不是文件夹"));
    assert_eq!(s.read("public-file"), "not a folder");
}
