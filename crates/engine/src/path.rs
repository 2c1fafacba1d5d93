//! Magic strings: `$.actions.<id>.results.<path>`, `$.payload.<path>`,
//! `$.contact.<path>`, `$.agent.<path>`.
//!
//! A control value that is a string starting with `$.` is a reference into the
//! run context. It is parsed once, when the flow is compiled
//! ([`MagicPath::parse`]), and resolved at every step. Path steps are dot
//! segments, `[n]` indexes and the `.[n]` form the adapter docs use
//! (`$.actions.uid-17.results.value.[0].CustomField__c`). Action ids may
//! contain `-` and anything else but a dot.

use serde_json::Value;
use std::fmt;

/// One step into a JSON value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    /// An object key. A key of digits also indexes an array (`0.Name`).
    Key(String),
    /// An array index written `[n]`. On an object it reads the key `"n"`.
    Index(usize),
}

/// Which part of an action's record a path reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordField {
    /// `results`
    Results,
    /// `success`
    Success,
    /// `exception`
    Exception,
    /// The whole `{success, results, exception}` record.
    Whole,
}

/// Where a magic string starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Root {
    /// `$.actions.<id>.<field>`
    Action {
        /// The action id as written.
        id: String,
        /// The record field read.
        field: RecordField,
    },
    /// `$.payload`
    Payload,
    /// `$.contact`
    Contact,
    /// `$.agent`
    Agent,
}

/// A parsed magic string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MagicPath {
    /// The text as written in the flow.
    pub text: String,
    /// Where it starts.
    pub root: Root,
    /// The steps after the root.
    pub segs: Vec<Seg>,
}

/// Why a `$.` string is not a valid magic string.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a valid magic string: {reason}")]
pub struct PathError {
    /// The text as written.
    pub text: String,
    /// What is wrong.
    pub reason: String,
}

/// True when a string is meant as a magic string.
pub fn is_magic(s: &str) -> bool {
    s.starts_with("$.")
}

fn parse_segs(text: &str, rest: &str) -> Result<Vec<Seg>, PathError> {
    let err = |reason: &str| PathError {
        text: text.to_string(),
        reason: reason.to_string(),
    };
    let mut segs = Vec::new();
    if rest.is_empty() {
        return Ok(segs);
    }
    for part in rest.split('.') {
        if part.is_empty() {
            return Err(err("empty path segment (`..`)"));
        }
        // name[0][1] or [0]
        let (name, mut tail) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !name.is_empty() {
            segs.push(Seg::Key(name.to_string()));
        }
        while !tail.is_empty() {
            let close = tail.find(']').ok_or_else(|| err("unclosed `[` in path"))?;
            let inner = &tail[1..close];
            let n: usize = inner
                .trim()
                .parse()
                .map_err(|_| err("`[...]` must hold a non-negative whole number"))?;
            segs.push(Seg::Index(n));
            tail = &tail[close + 1..];
            if !tail.is_empty() && !tail.starts_with('[') {
                return Err(err("unexpected text after `]`"));
            }
        }
    }
    Ok(segs)
}

impl MagicPath {
    /// Parses a string that starts with `$.`.
    pub fn parse(text: &str) -> Result<MagicPath, PathError> {
        let err = |reason: &str| PathError {
            text: text.to_string(),
            reason: reason.to_string(),
        };
        let body = text
            .strip_prefix("$.")
            .ok_or_else(|| err("must start with `$.`"))?;
        let (head, rest) = match body.find(['.', '[']) {
            Some(i) if body.as_bytes()[i] == b'.' => (&body[..i], &body[i + 1..]),
            Some(i) => (&body[..i], &body[i..]),
            None => (body, ""),
        };
        let (root, rest) = match head {
            "payload" => (Root::Payload, rest),
            "contact" => (Root::Contact, rest),
            "agent" => (Root::Agent, rest),
            "actions" => {
                let (id, after) = match rest.find('.') {
                    Some(i) => (&rest[..i], &rest[i + 1..]),
                    None => (rest, ""),
                };
                if id.is_empty() {
                    return Err(err("missing action id after `$.actions.`"));
                }
                let (field_name, after) = match after.find(['.', '[']) {
                    Some(i) if after.as_bytes()[i] == b'.' => (&after[..i], &after[i + 1..]),
                    Some(i) => (&after[..i], &after[i..]),
                    None => (after, ""),
                };
                let field = match field_name {
                    "results" => RecordField::Results,
                    "success" => RecordField::Success,
                    "exception" => RecordField::Exception,
                    "" => RecordField::Whole,
                    other => {
                        return Err(err(&format!(
                            "`{other}` after the action id: expected `results`, `success` or `exception`"
                        )))
                    }
                };
                if field != RecordField::Results
                    && !after.is_empty()
                    && field != RecordField::Exception
                {
                    return Err(err(
                        "only `results` and `exception` can be followed by a path",
                    ));
                }
                (
                    Root::Action {
                        id: id.to_string(),
                        field,
                    },
                    after,
                )
            }
            other => {
                return Err(err(&format!(
                    "unknown root `{other}`: expected actions, payload, contact or agent"
                )))
            }
        };
        Ok(MagicPath {
            text: text.to_string(),
            root,
            segs: parse_segs(text, rest)?,
        })
    }

    /// The action id this path reads, if it reads an action.
    pub fn action_id(&self) -> Option<&str> {
        match &self.root {
            Root::Action { id, .. } => Some(id),
            _ => None,
        }
    }
}

impl fmt::Display for MagicPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Walks `segs` into `v`. `None` is the adapter's `undefined`.
pub fn walk<'v>(mut v: &'v Value, segs: &[Seg]) -> Option<&'v Value> {
    for seg in segs {
        v = match (seg, v) {
            (Seg::Key(k), Value::Object(m)) => m.get(k)?,
            (Seg::Key(k), Value::Array(a)) => a.get(k.parse::<usize>().ok()?)?,
            (Seg::Index(i), Value::Array(a)) => a.get(*i)?,
            (Seg::Index(i), Value::Object(m)) => m.get(&i.to_string())?,
            _ => return None,
        };
    }
    Some(v)
}

/// Walks a dot path written as a plain string (Extract Value's `keyPath`).
pub fn walk_str<'v>(v: &'v Value, path: &str) -> Option<&'v Value> {
    let path = path.trim();
    if path.is_empty() {
        return Some(v);
    }
    let segs = parse_segs(path, path).ok()?;
    walk(v, &segs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parses_forms() {
        let p = MagicPath::parse("$.actions.uid-17.results.value.[0].CustomField__c").unwrap();
        assert_eq!(
            p.root,
            Root::Action {
                id: "uid-17".into(),
                field: RecordField::Results
            }
        );
        assert_eq!(
            p.segs,
            vec![
                Seg::Key("value".into()),
                Seg::Index(0),
                Seg::Key("CustomField__c".into())
            ]
        );
        let p = MagicPath::parse("$.payload.items[1][0].a-b").unwrap();
        assert_eq!(p.root, Root::Payload);
        assert_eq!(
            p.segs,
            vec![
                Seg::Key("items".into()),
                Seg::Index(1),
                Seg::Index(0),
                Seg::Key("a-b".into())
            ]
        );
        assert_eq!(
            MagicPath::parse("$.actions.0.success").unwrap().segs,
            vec![]
        );
        assert_eq!(MagicPath::parse("$.contact").unwrap().root, Root::Contact);
    }

    #[test]
    fn rejects_bad() {
        for bad in [
            "$.actions.",
            "$.actions.x.result.phone",
            "$.foo.bar",
            "$.payload.a..b",
            "$.payload.a[x]",
            "$.payload.a[1",
            "$.actions.x.success.y",
        ] {
            assert!(MagicPath::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn walks() {
        let v = json!({"a": [{"Name": "x"}], "m": {"0": 5}});
        assert_eq!(walk_str(&v, "a.0.Name"), Some(&json!("x")));
        assert_eq!(walk_str(&v, "a[0].Name"), Some(&json!("x")));
        assert_eq!(walk_str(&v, "m.0"), Some(&json!(5)));
        assert_eq!(walk_str(&v, "a.1"), None);
        assert_eq!(walk_str(&v, "a.0.Name.z"), None);
    }
}
