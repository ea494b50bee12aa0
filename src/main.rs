//! The `qiao` binary: parse the command line, run the library, map the result to an
//! exit code (0 success, 1 site errors, 2 command-line errors).

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = qiao::cli::Cli::parse();
    qiao::cli::run(args).into()
}
