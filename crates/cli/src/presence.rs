//! `ctiflow presence check RULES.json...`

pub fn main(argv: &[String]) -> Result<u8, String> {
    let Some((sub, files)) = argv.split_first() else {
        return Err("usage: ctiflow presence check RULES.json...".into());
    };
    if sub != "check" {
        return Err(format!(
            "unknown presence command `{sub}`; try `ctiflow presence check RULES.json`"
        ));
    }
    if files.is_empty() {
        return Err("presence check needs a rules file".into());
    }
    let mut code = 0u8;
    for f in files {
        let text = match std::fs::read_to_string(f) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{f}: cannot read: {e}");
                code = 2;
                continue;
            }
        };
        let report = ctiflow_presence::check(&text);
        for d in &report.diagnostics {
            crate::outln!("{f}: {d}");
        }
        // A warning means a rule is never applied (the adapter ignores it):
        // worth failing a check on, so only a clean file exits 0.
        let warned = !report.diagnostics.is_empty();
        let c = u8::try_from(report.exit_code())
            .unwrap_or(2)
            .max(u8::from(warned));
        if c == 0 {
            eprintln!("{f}: ok");
        }
        code = code.max(c);
    }
    Ok(code)
}
