//! qiao (桥): a static site generator for industry–education cooperation alliances.
//!
//! The pipeline, as plain values:
//! [`config::load`] (site.toml) → [`content::load`] (walk, parse, validate: a
//! [`model::Site`] or every [`diagnostics::Diagnostic`]) → insight → render
//! (pages, feeds, calendars, exports, search index: a list of
//! [`output::OutputFile`]) → write (a fresh folder swapped in only when the build
//! succeeded). `serve` runs the same pipeline on every change and keeps the last
//! good site.
//!
//! The modules are layers along that pipeline, and every import points down it:
//! diagnostics, text, source, config, model, urls, output, images, content, insight,
//! search, outputs, render, build, serve, sheets, cli (`tests::LAYERS` below checks every
//! `crate::` path against this order; ARCHITECTURE.md draws it). Modules that only
//! the crate itself uses are private, so the compiler reports what nothing uses.

// The docs are for the people who work on qiao (`cargo doc --document-private-items`):
// public items link to the crate-private ones that explain them.
#![allow(rustdoc::private_intra_doc_links)]

pub mod build;
pub mod cli;
pub mod config;
pub mod content;
pub mod diagnostics;
mod images;
pub mod insight;
pub mod model;
pub mod output;
pub mod outputs;
pub mod render;
pub mod search;
pub mod serve;
pub mod sheets;
pub mod source;
pub mod text;
mod urls;

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    /// The modules in pipeline order, lowest first: a module may name (in code, in
    /// `use` lines and in doc links, as `crate::x`, `qiao::x` or `super::x` from the
    /// top of a module) only modules before it. ARCHITECTURE.md draws the same list,
    /// top first.
    const LAYERS: [&str; 17] = [
        "diagnostics",
        "text",
        "source",
        "config",
        "model",
        "urls",
        "output",
        "images",
        "content",
        "insight",
        "search",
        "outputs",
        "render",
        "build",
        "serve",
        "sheets",
        "cli",
    ];

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    fn identifier(s: &str) -> &str {
        let end = s.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(s.len());
        &s[..end]
    }

    /// The first segments of every path in `text` that starts with one of
    /// `prefixes` (both `crate::a::b` and `crate::{a::b, c}`), with their line numbers.
    fn named_modules<'t>(text: &'t str, prefixes: &[&str]) -> Vec<(usize, &'t str)> {
        let mut out = Vec::new();
        for prefix in prefixes {
            for (at, _) in text.match_indices(prefix) {
                let before = text[..at].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$')
                    || text[..at].ends_with("super::")
                {
                    continue;
                }
                let line = text[..at].matches('\n').count() + 1;
                let rest = &text[at + prefix.len()..];
                let Some(group) = rest.strip_prefix('{') else {
                    out.push((line, identifier(rest)));
                    continue;
                };
                let (mut depth, mut head) = (0, true);
                for (i, c) in group.char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => break,
                        '}' => depth -= 1,
                        ',' if depth == 0 => head = true,
                        c if head && (c.is_alphabetic() || c == '_') => {
                            out.push((line, identifier(&group[i..])));
                            head = false;
                        }
                        _ => {}
                    }
                }
            }
        }
        out
    }

    #[test]
    fn every_module_names_only_modules_below_it() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        files.sort();
        let rank = |m: &str| LAYERS.iter().position(|l| *l == m);
        let mut wrong = Vec::new();
        for file in &files {
            let rel = file.strip_prefix(&src).unwrap();
            let first = rel.components().next().unwrap().as_os_str().to_string_lossy();
            let module = first.trim_end_matches(".rs");
            if module == "lib" || module == "main" {
                continue;
            }
            let Some(own) = rank(module) else {
                wrong.push(format!("src/{}: module `{module}` is not in LAYERS", rel.display()));
                continue;
            };
            let text = std::fs::read_to_string(file).unwrap();
            // `super::` as many times as the file is deep names the crate root too
            // (`super::config` in `src/model.rs`); what else such a path names (an
            // item of the file's own module, from a `mod tests`) is not a layer.
            let depth = rel.components().count() - usize::from(rel.ends_with("mod.rs"));
            let root = "super::".repeat(depth);
            let named = named_modules(&text, &["crate::", "qiao::"])
                .into_iter()
                .map(|(line, m)| (line, m, true))
                .chain(named_modules(&text, &[&root]).into_iter().map(|(l, m)| (l, m, false)));
            for (line, named, path_from_root) in named {
                match rank(named) {
                    Some(r) if r <= own => {}
                    Some(_) => wrong.push(format!(
                        "src/{}:{line}: `{module}` names `{named}`, a layer above it",
                        rel.display()
                    )),
                    None if path_from_root => wrong.push(format!(
                        "src/{}:{line}: `{module}` names `{named}`, which is not in LAYERS",
                        rel.display()
                    )),
                    None => {}
                }
            }
        }
        assert!(wrong.is_empty(), "imports against the layers:\n{}", wrong.join("\n"));
    }

    #[test]
    fn the_layers_are_the_crates_modules_and_architecture_draws_them() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let lib = std::fs::read_to_string(root.join("src/lib.rs")).unwrap();
        let mut declared: Vec<&str> = lib
            .lines()
            .filter_map(|l| {
                l.strip_prefix("pub ").unwrap_or(l).strip_prefix("mod ")?.strip_suffix(';')
            })
            .collect();
        declared.sort();
        let mut layers = LAYERS.to_vec();
        layers.sort();
        assert_eq!(declared, layers, "src/lib.rs declares other modules than LAYERS");
        let doc = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
        let drawn: Vec<&str> = doc
            .split("<!-- layers -->")
            .nth(1)
            .expect("ARCHITECTURE.md has a block between <!-- layers --> lines")
            .lines()
            .filter_map(|l| l.split_whitespace().next())
            .filter(|w| w.chars().all(|c| c.is_ascii_lowercase()))
            .collect();
        let mut bottom_up = drawn.clone();
        bottom_up.reverse();
        assert_eq!(bottom_up, LAYERS, "ARCHITECTURE.md draws other layers (top first)");
    }
}
