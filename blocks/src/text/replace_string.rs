//! # Replace String
//!
//! **What it does.** Replaces part of a text, with JavaScript
//! `String.prototype.replace` semantics: a plain search text replaces its
//! first occurrence only; a search written as a regular expression
//! `/pattern/flags` replaces the first match, or every match with the `g`
//! flag.
//!
//! **Controls.**
//! - `input` (string): the text; undefined reads as `""`.
//! - `searchValue` (string): a literal text, or `/pattern/flags` with flags
//!   from `g` (every match), `i` (ignore case), `m` (`^`/`$` at line ends),
//!   `s` (`.` matches newlines); `u` and `d` are accepted and change nothing.
//! - `replaceValue` (string, default `""`): the replacement, with
//!   JavaScript's patterns: `$&` (the match), `$1`…`$99` (groups), `$<name>`
//!   (named groups), `` $` `` / `$'` (the text before / after the match),
//!   `$$` (a dollar sign).
//!
//! **Ports.** `done`. **Host calls.** None.
//! **Results.** `{value: string}`.
//!
//! **Example.** Keep only the digits of a phone number:
//! ```json
//! {"id":"2","type":"SE_CoreReplaceString","controls":{"input":"$.contact.customerPhoneNumber",
//!  "searchValue":"/\\D/g","replaceValue":""},"ports":{"done":"3"}}
//! ```
//!
//! **Accepted quirks.** Type id and control names are inferred (bridges.md
//! §6.2, #80). Patterns run on `regex-lite`, which matches in linear time (no
//! pattern can hang the agent's page) but is not JavaScript's engine:
//! lookaround and backreferences are not supported (an error names the
//! control), `\d`, `\w`, `\s` and `i` are ASCII-only, and the sticky flag `y`
//! is refused. A missing `replaceValue` removes the match (JavaScript would
//! write `"undefined"`). A search text that merely starts with `/` but has no
//! closing `/flags` is literal.

use crate::prelude::*;
use regex_lite::{Regex, RegexBuilder};

/// `SE_CoreReplaceString`.
pub struct ReplaceString;

static SPEC: BlockSpec = BlockSpec {
    type_id: "SE_CoreReplaceString",
    aliases: &["SE_ReplaceString"],
    name: "Replace String",
    family: Family::Core,
    description:
        "Replaces the first occurrence of a text, or matches of a /regex/flags (all with g).",
    controls: &[
        ControlSpec::opt("input", Kind::String, "The text to change."),
        ControlSpec::req(
            "searchValue",
            Kind::String,
            "A literal text, or /pattern/flags (g: every match, i, m, s).",
        ),
        ControlSpec::def(
            "replaceValue",
            Kind::String,
            "\"\"",
            "The replacement; $&, $1, $<name>, $$ as in JavaScript.",
        ),
    ],
    ports: DONE,
    results: "{value: string}",
    calls: &[],
    side_effects: false,
    confirmed: false,
};

/// One match: its span and its groups' spans (group 0 is the match).
struct Found {
    groups: Vec<Option<(usize, usize)>>,
}

/// `/pattern/flags` → (pattern, flags), when the text has that shape.
fn regex_literal(s: &str) -> Option<(&str, &str)> {
    let body = s.strip_prefix('/')?;
    let end = body.rfind('/')?;
    let (pattern, flags) = (&body[..end], &body[end + 1..]);
    let ok = flags.chars().all(|c| "gimsuyd".contains(c));
    ok.then_some((pattern, flags))
}

fn compile(pattern: &str, flags: &str) -> Result<Regex, String> {
    if flags.contains('y') {
        return Err("the sticky flag `y` is not supported".into());
    }
    RegexBuilder::new(pattern)
        .case_insensitive(flags.contains('i'))
        .multi_line(flags.contains('m'))
        .dot_matches_new_line(flags.contains('s'))
        .build()
        .map_err(|e| format!("`/{pattern}/{flags}` is not a supported pattern: {e}"))
}

/// JavaScript's GetSubstitution: expands `$` patterns in `rep` for one match.
/// `Err(len)` as soon as `out` is longer than `cap` bytes (`$'` repeated
/// copies the rest of the input each time).
fn expand(
    rep: &str,
    input: &str,
    m: &Found,
    names: &[(String, usize)],
    out: &mut String,
    cap: usize,
) -> Result<(), usize> {
    let span = |i: usize| {
        m.groups
            .get(i)
            .copied()
            .flatten()
            .and_then(|(a, b)| input.get(a..b))
    };
    let (start, end) = m.groups.first().copied().flatten().unwrap_or((0, 0));
    let groups = m.groups.len().saturating_sub(1);
    let mut rest = rep;
    while let Some(i) = rest.find('$') {
        if out.len() > cap {
            return Err(out.len());
        }
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let digit = |k: usize| {
            after
                .as_bytes()
                .get(k)
                .filter(|b| b.is_ascii_digit())
                .map(|b| usize::from(b - b'0'))
        };
        let mut consumed = 1;
        match after.chars().next() {
            Some('$') => out.push('$'),
            Some('&') => out.push_str(span(0).unwrap_or("")),
            Some('`') => out.push_str(input.get(..start).unwrap_or("")),
            Some('\'') => out.push_str(input.get(end..).unwrap_or("")),
            Some('<') if !names.is_empty() => match after.find('>') {
                Some(close) => {
                    let name = &after[1..close];
                    if let Some((_, gi)) = names.iter().find(|(n, _)| n == name) {
                        out.push_str(span(*gi).unwrap_or(""));
                    }
                    consumed = close + 1;
                }
                None => {
                    out.push('$');
                    consumed = 0;
                }
            },
            Some(c) if c.is_ascii_digit() => {
                let one = digit(0).unwrap_or(0);
                let two = digit(1).map(|d| one * 10 + d);
                match two {
                    Some(n) if (1..=groups).contains(&n) => {
                        out.push_str(span(n).unwrap_or(""));
                        consumed = 2;
                    }
                    _ if (1..=groups).contains(&one) => out.push_str(span(one).unwrap_or("")),
                    _ => {
                        out.push('$');
                        consumed = 0;
                    }
                }
            }
            _ => {
                out.push('$');
                consumed = 0;
            }
        }
        rest = &after[consumed..];
    }
    out.push_str(rest);
    if out.len() > cap {
        return Err(out.len());
    }
    Ok(())
}

/// Why a replacement could not be made.
#[derive(Debug, PartialEq)]
pub(crate) enum Failed {
    /// The search is not a supported pattern.
    Pattern(String),
    /// The result grew past the cap (its length when it stopped).
    TooLong(usize),
}

/// `input.replace(search, rep)` with JavaScript semantics.
#[cfg(test)]
pub(crate) fn replace(input: &str, search: &str, rep: &str) -> Result<String, String> {
    replace_capped(input, search, rep, usize::MAX).map_err(|f| match f {
        Failed::Pattern(m) => m,
        Failed::TooLong(n) => format!("too long: {n}"),
    })
}

/// [`replace`], stopping once the result is longer than `cap` bytes: a
/// replacement repeated per match (or `$'` repeated in it) is not bounded
/// by the size of its inputs.
pub(crate) fn replace_capped(
    input: &str,
    search: &str,
    rep: &str,
    cap: usize,
) -> Result<String, Failed> {
    let mut out = String::with_capacity(input.len().min(cap));
    let Some((pattern, flags)) = regex_literal(search) else {
        return Ok(match input.find(search) {
            Some(i) => {
                let m = Found {
                    groups: vec![Some((i, i + search.len()))],
                };
                out.push_str(&input[..i]);
                expand(rep, input, &m, &[], &mut out, cap).map_err(Failed::TooLong)?;
                out.push_str(&input[i + search.len()..]);
                out
            }
            None => input.to_string(),
        });
    };
    let re = compile(pattern, flags).map_err(Failed::Pattern)?;
    let names: Vec<(String, usize)> = re
        .capture_names()
        .enumerate()
        .filter_map(|(i, n)| n.map(|n| (n.to_string(), i)))
        .collect();
    let global = flags.contains('g');
    let mut last = 0;
    // JavaScript's loop, not `captures_iter`: after an empty match the search
    // moves on one character, and an empty match right after a non-empty one
    // counts (`"baaac".replace(/a*/g, "-")` is `"-b--c-"`).
    let mut at = 0;
    while at <= input.len() {
        let Some(caps) = re.captures_at(input, at) else {
            break;
        };
        let m = Found {
            groups: (0..caps.len())
                .map(|i| caps.get(i).map(|g| (g.start(), g.end())))
                .collect(),
        };
        let Some((s, e)) = m.groups.first().copied().flatten() else {
            break;
        };
        out.push_str(input.get(last..s).unwrap_or(""));
        expand(rep, input, &m, &names, &mut out, cap).map_err(Failed::TooLong)?;
        last = e;
        if !global {
            break;
        }
        at = if e > s {
            e
        } else {
            e + input
                .get(e..)
                .and_then(|r| r.chars().next())
                .map_or(1, char::len_utf8)
        };
    }
    out.push_str(input.get(last..).unwrap_or(""));
    Ok(out)
}

impl Block for ReplaceString {
    fn spec(&self) -> &'static BlockSpec {
        &SPEC
    }
    fn run<'a>(&'a self, ctx: &'a Ctx<'a>) -> BlockFuture<'a> {
        Box::pin(async move {
            let input = crate::logic::text(ctx.value("input").as_ref());
            let search = ctx.string("searchValue");
            let rep = ctx.string("replaceValue");
            let cap = usize::try_from(ctx.value_limit()).unwrap_or(usize::MAX);
            match replace_capped(&input, &search, &rep, cap) {
                Ok(s) => Ok(BlockOutput::value(Value::String(s))),
                Err(Failed::Pattern(message)) => Err(BlockError::BadControl {
                    control: "searchValue".into(),
                    message,
                }),
                Err(Failed::TooLong(n)) => Err(ctx.too_large("results", n as u64)),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::replace;
    use crate::testing::*;

    #[test]
    fn literal_search_replaces_the_first_occurrence() {
        let one = run_block(
            "SE_CoreReplaceString",
            json!({"input": "a-b-c", "searchValue": "-", "replaceValue": "+"}),
            &host(),
        );
        assert_eq!(one.outcome, Some(Outcome::Done));
        assert_eq!(one.results, json!({"value": "a+b-c"}));
        assert!(one.calls.is_empty());
        assert_eq!(replace("abc", "", "x").as_deref(), Ok("xabc"));
        assert_eq!(replace("abc", "b", "[$&$$]").as_deref(), Ok("a[b$]c"));
        assert_eq!(replace("abc", "b", "$`$'").as_deref(), Ok("aacc"));
        assert_eq!(replace("abc", "z", "x").as_deref(), Ok("abc"));
        assert_eq!(
            replace("a/b/", "/b/", "").as_deref(),
            Ok("a//"),
            "`/b/` is a regex"
        );
        assert_eq!(replace("1/2", "/2", "x").as_deref(), Ok("1x"));
    }

    #[test]
    fn regex_search_with_and_without_g() {
        let one = run_block(
            "SE_CoreReplaceString",
            json!({"input": "$.contact.customerPhoneNumber", "searchValue": "/\\D/g"}),
            &host(),
        );
        assert_eq!(one.results, json!({"value": "15555550123"}));
        assert_eq!(replace("a1b2", "/\\d/", "#").as_deref(), Ok("a#b2"));
        assert_eq!(replace("ABC abc", "/b/gi", "_").as_deref(), Ok("A_C a_c"));
        assert_eq!(replace("abc", "/x*/g", "-").as_deref(), Ok("-a-b-c-"));
        assert_eq!(
            replace("baaac", "/a*/g", "-").as_deref(),
            Ok("-b--c-"),
            "as JavaScript"
        );
        assert_eq!(replace("é😀", "/x*/g", "-").as_deref(), Ok("-é-😀-"));
        assert_eq!(
            replace(
                "2026-01-31",
                "/(\\d+)-(\\d+)-(?<d>\\d+)/",
                "$<d>/$2/$1 $4 $0"
            )
            .as_deref(),
            Ok("31/01/2026 $4 $0")
        );
        assert_eq!(replace("héllo", "/l/g", "L").as_deref(), Ok("héLLo"));
        assert_eq!(replace("a\nb", "/^b/m", "B").as_deref(), Ok("a\nB"));
    }

    #[test]
    fn unsupported_patterns_are_errors_naming_the_control() {
        for bad in ["/(?<=a)b/", "/(a)\\1/", "/[/", "/a/y"] {
            assert!(replace("ab", bad, "").is_err(), "{bad}");
        }
        let one = run_block(
            "SE_CoreReplaceString",
            json!({"input": "ab", "searchValue": "/(/g"}),
            &host(),
        );
        assert_eq!(one.outcome, None);
        assert!(format!("{:?}", one.report.end).contains("searchValue"));
    }

    // A replacement repeated per match is not bounded by its inputs' size:
    // 1,000 matches × 100 copies of the 1,000-char rest would be 100 MB.
    #[test]
    fn a_result_over_the_value_limit_stops_the_run_on_that_limit() {
        let one = run_block(
            "SE_CoreReplaceString",
            json!({"input": "a".repeat(1_000), "searchValue": "/a/g", "replaceValue": "$'".repeat(100)}),
            &host(),
        );
        assert_eq!(one.outcome, None);
        assert!(
            matches!(&one.report.end, EndReason::ValueSize { what, action, block_type, bytes, limit }
                if what == "results" && action == "b" && block_type == "SE_CoreReplaceString"
                    && *bytes > *limit && *bytes < *limit + 2_000),
            "{:?}",
            one.report.end
        );
    }
}
