//! Mistakes in the command line itself (an unknown option, a date `--today`
//! cannot read, a missing slug), said in the chosen language. clap finds them and
//! holds what it found in its error's context; this module words that from the
//! message tables, since clap's own words are English. `--help` and `--version`
//! stay clap's.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{CommandFactory, Parser};

use super::{Cli, ExitStatus};
use crate::config;
use crate::diagnostics::{Lang, Message};

/// Parses the process's arguments; on a mistake, prints it in the chosen language
/// (or prints the help or version asked for) and returns how to exit.
pub fn parse() -> Result<Cli, ExitStatus> {
    let args: Vec<OsString> = std::env::args_os().collect();
    Cli::try_parse_from(&args).map_err(|e| match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            ExitStatus::Success
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            ExitStatus::Usage
        }
        _ => {
            eprint!("{}", words(&e, language(&args)));
            ExitStatus::Usage
        }
    })
}

/// The language of a command line clap could not read: its `--lang` if that much
/// is readable, else as for any command (`QIAO_LANG`, the site in `--root`, the
/// locale).
fn language(args: &[OsString]) -> Lang {
    let value = |flag: &str| {
        let mut it = args.iter().filter_map(|a| a.to_str());
        while let Some(a) = it.next() {
            if a == flag {
                return it.next().map(str::to_owned);
            }
            if let Some(v) = a.strip_prefix(flag).and_then(|v| v.strip_prefix('=')) {
                return Some(v.to_owned());
            }
        }
        None
    };
    let flag = value("--lang").and_then(|l| Lang::from_tag(&l));
    let root = PathBuf::from(value("--root").unwrap_or_else(|| ".".to_owned()));
    config::message_language(flag, Some(&root))
}

/// The mistake, the usage line and where to read more, in `lang`.
fn words(e: &clap::Error, lang: Lang) -> String {
    let usage = text(e, ContextKind::Usage)
        .map(|u| u.trim().trim_start_matches("Usage:").trim().to_owned())
        .unwrap_or_else(|| "qiao <COMMAND>".to_owned());
    // `qiao build [OPTIONS]` -> `qiao build --help`.
    let command: Vec<&str> =
        usage.split_whitespace().take_while(|w| !w.starts_with(['[', '<', '-'])).collect();
    let command = command.join(" ");
    let mut out = format!("error: {}\n\n", mistake(e, &command).word(lang));
    out.push_str(&Message::new("usage-line").arg("usage", usage.as_str()).word(lang));
    out.push('\n');
    let help = format!("{command} --help");
    out.push_str(&Message::new("usage-more").arg("help", help).word(lang));
    out.push('\n');
    out
}

/// What is wrong, as a message of the tables.
fn mistake(e: &clap::Error, command: &str) -> Message {
    let arg = text(e, ContextKind::InvalidArg).unwrap_or_default();
    // `--today <TODAY>` -> `--today`.
    let arg = arg.split_whitespace().next().unwrap_or_default().to_owned();
    let value = text(e, ContextKind::InvalidValue).unwrap_or_default();
    let suggested: Vec<String> = [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand]
        .into_iter()
        .chain([ContextKind::SuggestedValue])
        .flat_map(|k| list(e, k))
        .collect();
    let did_you_mean = |m: Message| {
        if suggested.is_empty() {
            m
        } else {
            let names = Message::new("usage-did-you-mean").arg("names", suggested.clone());
            Message::new("usage-and").arg("first", m).arg("second", names)
        }
    };
    match e.kind() {
        ErrorKind::UnknownArgument => {
            did_you_mean(Message::new("usage-unknown-option").arg("arg", arg))
        }
        ErrorKind::InvalidSubcommand => {
            let name = text(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            let m =
                Message::new("usage-unknown-command").arg("arg", name).arg("commands", commands());
            did_you_mean(m)
        }
        ErrorKind::MissingSubcommand => {
            Message::new("usage-no-command").arg("commands", commands())
        }
        ErrorKind::InvalidValue if value.is_empty() => {
            Message::new("usage-no-value").arg("arg", arg)
        }
        ErrorKind::InvalidValue => {
            let m = Message::new("usage-bad-value").arg("arg", arg).arg("value", value);
            did_you_mean(m.arg("values", list(e, ContextKind::ValidValue)))
        }
        ErrorKind::ValueValidation => {
            let id = match arg.as_str() {
                "--today" => "usage-bad-date",
                "--interface" => "usage-bad-address",
                "--port" | "--limit" => "usage-bad-number",
                _ => "usage-invalid",
            };
            Message::new(id).arg("arg", arg).arg("value", value)
        }
        ErrorKind::MissingRequiredArgument => {
            let missing = list(e, ContextKind::InvalidArg);
            Message::new("usage-missing").arg("command", command).arg("args", missing)
        }
        ErrorKind::ArgumentConflict => {
            let other = list(e, ContextKind::PriorArg);
            let other: Vec<String> = other
                .iter()
                .filter_map(|a| a.split_whitespace().next())
                .map(str::to_owned)
                .collect();
            Message::new("usage-conflict").arg("arg", arg).arg("other", other)
        }
        ErrorKind::TooManyValues | ErrorKind::NoEquals => {
            let found = if value.is_empty() { arg } else { value };
            Message::new("usage-unexpected").arg("arg", found)
        }
        kind => Message::new("usage-other").arg("error", kind.as_str().unwrap_or("?")),
    }
}

/// The commands a person may type.
fn commands() -> Vec<String> {
    Cli::command()
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .map(|c| c.get_name().to_owned())
        .collect()
}

fn text(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(" ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn list(e: &clap::Error, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::StyledStr(s)) => vec![s.to_string()],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(args: &[&str], lang: Lang) -> String {
        let e = Cli::try_parse_from(args).expect_err("a mistake");
        words(&e, lang)
    }

    #[test]
    fn mistakes_are_said_in_either_language() {
        let en = said(&["qiao", "build", "--outptu-dir", "x"], Lang::En);
        assert!(
            en.starts_with("error: unknown option `--outptu-dir`; did you mean `--output-dir`?\n"),
            "{en}"
        );
        assert!(en.contains("usage: qiao build"), "{en}");
        assert!(en.contains("for more, run `qiao build --help`"), "{en}");
        let zh = said(&["qiao", "build", "--outptu-dir", "x"], Lang::Zh);
        assert!(
            zh.starts_with("error: 没有 `--outptu-dir` 这个选项；是不是 `--output-dir`？\n"),
            "{zh}"
        );
        assert!(zh.contains("用法：qiao build"), "{zh}");

        let zh = said(&["qiao", "check", "--today", "2025/3/18"], Lang::Zh);
        assert!(
            zh.starts_with("error: `--today` 的值 `2025/3/18` 不是日期：请写成 2026-05-20 这样\n"),
            "{zh}"
        );
        let en = said(&["qiao", "biuld"], Lang::En);
        assert!(en.starts_with("error: unknown command `biuld`; the commands are `build`"), "{en}");
        assert!(en.contains("did you mean `build`?"), "{en}");
        let zh = said(&["qiao", "new", "cases"], Lang::Zh);
        assert!(zh.starts_with("error: `qiao new` 还需要 `<SLUG>`"), "{zh}");
        let zh = said(&["qiao", "search", "--root", ".", "--index", "public", "x"], Lang::Zh);
        assert!(zh.starts_with("error: `--root` 不能和 `--index` 一起用"), "{zh}");
        let en = said(&["qiao", "--lang", "fr", "check"], Lang::En);
        assert!(
            en.starts_with("error: `fr` is not a value of `--lang`; it takes `zh`, `en`"),
            "{en}"
        );
    }

    #[test]
    fn the_language_of_a_broken_line_is_its_lang_flag() {
        let args = |a: &[&str]| a.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(language(&args(&["qiao", "--lang", "zh", "biuld"])), Lang::Zh);
        assert_eq!(language(&args(&["qiao", "biuld", "--lang=en"])), Lang::En);
    }
}
