//! qiao's integration tests, in one binary: it links once, and its tests share
//! the machine's cores instead of running one binary after another (the layout of
//! mdBook's `tests/testsuite` and ripgrep's `tests/tests.rs`).
//!
//! One module per feature, each opening with what it tests; the fixture helpers
//! they share are in [`support`]. Data the tests read stays beside this folder:
//! `tests/fuzz_corpus/`, `tests/search_vectors/` (shared with `tests/js/`).
//!
//! ```text
//! cargo test --test testsuite                  every test here
//! cargo test --test testsuite check::          the tests of one module
//! cargo test --test testsuite scaffold_hints   the tests whose name holds a word
//! ```

mod support;

mod build;
mod check;
mod fuzz;
mod hostile;
mod hosts;
mod images;
mod incremental;
mod insight;
mod languages;
mod outputs;
mod render;
mod search;
mod sections;
mod serve;
mod sheets;
mod usage;
