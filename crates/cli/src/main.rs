//! `ctiflow`: validate, run and inspect CTI Flows headless.
//!
//! Exit codes (ripgrep's pattern): 0 — everything as expected; 1 — a flow
//! ran but did not end normally, or a replay differed; 2 — bad input (a
//! flow that does not validate, a bad argument, an unreadable file).

/// The native allocator (mimalloc): runs and replays allocate many small
/// JSON values, and glibc malloc spent a third of a replay freeing them.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod args;
mod blocks;
mod presence;
mod render;
mod replay;
mod run;
mod validate;

use std::io::Write;
use std::process::ExitCode;

/// Prints to stdout. A closed pipe (`ctiflow ... | head`) ends the program
/// quietly with success, as ripgrep does, instead of panicking.
pub fn out(text: &str) {
    let mut o = std::io::stdout().lock();
    if let Err(e) = o.write_all(text.as_bytes()).and_then(|()| o.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("ctiflow: cannot write output: {e}");
        std::process::exit(2);
    }
}

/// `println!` through [`out`].
#[macro_export]
macro_rules! outln {
    ($($t:tt)*) => { $crate::out(&format!("{}\n", format_args!($($t)*))) };
}

const USAGE: &str = "\
ctiflow — run Amazon Connect CTI Adapter flows headless

USAGE:
  ctiflow validate PATH... [--format text|json]
      Validate flow files, flow sets, or folders of them (searched for *.json;
      links to folders are followed, each folder searched once). One line per
      diagnostic: FILE: action ID (TYPE): severity: message. Exit 0 when no error.
  ctiflow run FLOW|SET --event SOURCE/EVENT [--payload JSON|@FILE] [--contact @FILE]
              [--agent @FILE] [--host @FILE] [--rules RULES.json] [--format text|json]
              [--max-event-seconds S] [--allow ORIGIN[,ORIGIN...]]
      Run a flow (or the flows a set binds to the event) against a scripted
      host and print the trace (JSON Lines with --format json). With --rules,
      agent and Omni-Channel state events also run presence sync.
      --allow: the origins HTTP Request may reach (the adapter page's
      httpAllowlist; none by default, so HTTP Request fails with REFUSED
      before the host file's answer is used).
      --max-event-seconds (default 60): real time the event may take. The
      scripted clock moves only on bridge calls and Delay, so the run window
      never stops a flow that computes; past this cap the run stops at its
      next block (exit 1, the flow, action and block type on stderr).
  ctiflow demo [--flows SET]
      Validate the bundled flow set (flows/flow-set.json) and run it against
      a simulated inbound call and a click-to-dial, printing the traces.
  ctiflow presence check RULES.json...
      Check presence-sync rules files: one line per problem, naming the rule.
      Exit 0 for a clean file, 1 when a rule has an error or a warning (a rule
      the adapter would never apply), 2 when a file is not a rules file.
  ctiflow blocks [--json | --markdown]
      List the implemented blocks (--json: the full catalog with schemas).
  ctiflow replay REC... [--flows SET] [--rules FILE] [--expect TRACE] [--bless] [--junit FILE]
                       [--max-event-seconds S]
      Replay recorded sessions headless and compare each trace with REC's
      .trace.jsonl (exit 1 on a difference, naming event, flow and action).
      An event over --max-event-seconds of real time (default 60) fails its
      recording (exit 2) naming the event, flow, action and block type.
  ctiflow help
";

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let Some((cmd, rest)) = argv.split_first() else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    let result = match cmd.as_str() {
        "validate" => validate::main(rest),
        "run" => run::main(rest),
        "demo" => run::demo(rest),
        "blocks" => blocks::main(rest),
        "presence" => presence::main(rest),
        "replay" => replay::main(rest),
        "help" | "--help" | "-h" => {
            out(USAGE);
            Ok(0)
        }
        other => Err(format!("unknown command `{other}`; see `ctiflow help`")),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(msg) => {
            eprintln!("ctiflow: {msg}");
            ExitCode::from(2)
        }
    }
}
