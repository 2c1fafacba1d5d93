//! `cargo run -p ctiflow-presence --example check -- FILE...`: prints the
//! diagnostics of each rules file and exits with the worst exit code (0 clean
//! or warnings only, 1 a rule has an error, 2 not a rules file). The CLI's
//! `ctiflow presence check` does the same.

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut worst = 0;
    for path in std::env::args().skip(1) {
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let report = ctiflow_presence::check(&text);
                for d in &report.diagnostics {
                    println!("{path}: {d}");
                }
                worst = worst.max(report.exit_code());
            }
            Err(e) => {
                println!("{path}: error: {e}");
                worst = 2;
            }
        }
    }
    ExitCode::from(worst as u8)
}
