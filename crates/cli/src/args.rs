//! A small argument reader: positionals, `--flag`, `--opt value` and
//! `--opt=value`, and `@FILE` values.

use std::collections::HashMap;

/// Parsed arguments of one subcommand.
pub struct Args {
    pub positional: Vec<String>,
    opts: HashMap<String, String>,
    flags: Vec<String>,
}

impl Args {
    /// Parses `argv`; `with_value` names the options that take a value.
    pub fn parse(argv: &[String], with_value: &[&str], flags: &[&str]) -> Result<Args, String> {
        let mut a = Args {
            positional: Vec::new(),
            opts: HashMap::new(),
            flags: Vec::new(),
        };
        let mut it = argv.iter();
        while let Some(arg) = it.next() {
            if let Some(name) = arg.strip_prefix("--") {
                let (name, inline) = match name.split_once('=') {
                    Some((n, v)) => (n, Some(v.to_string())),
                    None => (name, None),
                };
                if with_value.contains(&name) {
                    let v = match inline {
                        Some(v) => v,
                        None => it
                            .next()
                            .cloned()
                            .ok_or_else(|| format!("--{name} needs a value"))?,
                    };
                    if a.opts.insert(name.to_string(), v).is_some() {
                        // Not "the last one wins": `--allow a --allow b`
                        // would allow only b, silently.
                        return Err(format!(
                            "--{name} is given twice (give it once; a list option takes its values comma-separated)"
                        ));
                    }
                } else if flags.contains(&name) && inline.is_none() {
                    a.flags.push(name.to_string());
                } else {
                    return Err(format!("unknown option --{name}"));
                }
            } else {
                a.positional.push(arg.clone());
            }
        }
        Ok(a)
    }

    pub fn opt(&self, name: &str) -> Option<&str> {
        self.opts.get(name).map(String::as_str)
    }

    pub fn flag(&self, name: &str) -> bool {
        self.flags.iter().any(|f| f == name)
    }

    /// `--format text|json`, default text.
    pub fn json_format(&self) -> Result<bool, String> {
        match self.opt("format").unwrap_or("text") {
            "text" => Ok(false),
            "json" => Ok(true),
            other => Err(format!("--format must be text or json, not `{other}`")),
        }
    }
}

/// Reads a value given inline or as `@FILE`.
pub fn inline_or_file(v: &str) -> Result<String, String> {
    match v.strip_prefix('@') {
        Some(path) => std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}")),
        None => Ok(v.to_string()),
    }
}

/// Parses JSON given inline or as `@FILE`, naming the option on error.
pub fn json_arg(opt: &str, v: &str) -> Result<serde_json::Value, String> {
    let text = inline_or_file(v)?;
    serde_json::from_str(&text).map_err(|e| format!("--{opt}: not JSON: {e}"))
}
