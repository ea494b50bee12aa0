//! The `qiao` binary: parse the command line, run the library, map the result to an
//! exit code (0 success, 1 site errors, 2 command-line errors).

use std::process::ExitCode;

// Building a site allocates many small strings on every core; mimalloc measured
// markedly faster than the system allocator for that pattern. Without transparent
// huge pages (`no_thp` in Cargo.toml): see ARCHITECTURE.md, "Dependencies and why".
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match qiao::cli::parse() {
        Ok(args) => qiao::cli::run(args).into(),
        Err(status) => status.into(),
    }
}
