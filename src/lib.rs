//! qiao (桥): a static site generator for industry–education cooperation alliances.
//!
//! The pipeline, as plain values:
//! [`config::load`] (site.toml) → [`content::load`] (walk, parse, validate: a
//! [`model::Site`] or every [`diagnostics::Diagnostic`]) → render (pages, feeds,
//! calendars, exports, search index: a list of [`output::OutputFile`]) →
//! write (a fresh folder swapped in only when the build succeeded).
//! `serve` runs the same pipeline on every change and keeps the last good site.

pub mod build;
pub mod cli;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod insight;
pub mod model;
pub mod output;
pub mod outputs;
pub mod render;
pub mod search;
pub mod serve;
pub mod urls;
pub mod write;
