//! `ctiflow replay REC... [--flows SET] [--rules FILE] [--expect TRACE] [--bless]
//! [--junit FILE] [--junit-per-event]`: replays recorded sessions headless and
//! compares their traces. The command lives in `ctiflow_replay::cli`.

/// Runs the command; the exit code is 0 (as expected), 1 (a difference) or
/// 2 (an error).
pub fn main(argv: &[String]) -> Result<u8, String> {
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    let code = ctiflow_replay::cli::run(argv, &mut out, &mut err);
    Ok(u8::try_from(code).unwrap_or(2))
}
