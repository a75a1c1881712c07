use std::process::ExitCode;

fn main() -> ExitCode {
    councilor::cli::run(std::env::args_os())
}
