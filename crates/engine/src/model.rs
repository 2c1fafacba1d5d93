//! The flow file as the adapter exports it ([`RawFlow`]), before validation.
//!
//! The loader is deliberately lenient about the *shape of each action*
//! (ids of any scalar type, `controls`/`ports` null or missing, free-form
//! `meta`): shape problems inside an action become validation diagnostics
//! that name the action, instead of a serde error that names only a line.
//! What cannot be read at all (bad JSON, no `actions` array) is a
//! [`LoadError`] with line and column.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A CTI Flow file: `{ "name"?: string, "actions": [...] }`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RawFlow {
    /// The flow's own name, when the export carries one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The actions (blocks) of the flow.
    pub actions: Vec<RawAction>,
}

/// One action as exported. Every field but `type` is optional.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RawAction {
    /// The action id; exports use strings (`uid-0`, `0`), numbers are accepted.
    #[serde(default)]
    pub id: Value,
    /// The block type id, e.g. `SE_SFSearchAndScreenpop`.
    #[serde(rename = "type", default)]
    pub block_type: Value,
    /// Editor metadata; may hold a `title`.
    #[serde(default, skip_serializing_if = "Value::is_null")]
    pub meta: Value,
    /// Control values: `{}` or `null` when the block has none.
    #[serde(default)]
    pub controls: Value,
    /// Outcome name → target action id.
    #[serde(default)]
    pub ports: Value,
    /// Editor layout `[x, y]`; ignored by the engine.
    #[serde(default, skip_serializing_if = "Value::is_null")]
    pub position: Value,
}

impl RawAction {
    /// The id as a string (`null` when absent or not a scalar).
    pub fn id_string(&self) -> Option<String> {
        scalar_string(&self.id)
    }

    /// The block type as a string.
    pub fn type_string(&self) -> Option<&str> {
        self.block_type.as_str()
    }

    /// The editor title from `meta.title`, if any.
    pub fn title(&self) -> Option<&str> {
        self.meta.get("title").and_then(Value::as_str)
    }

    /// The controls object; `null` and `{}` both read as empty.
    pub fn controls_map(&self) -> Option<&Map<String, Value>> {
        self.controls.as_object()
    }

    /// The `[x, y]` editor position, when present and numeric.
    pub fn xy(&self) -> Option<(f64, f64)> {
        let a = self.position.as_array()?;
        Some((a.first()?.as_f64()?, a.get(1)?.as_f64()?))
    }
}

/// A string or number rendered as a string id.
pub(crate) fn scalar_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A flow file that could not be read.
#[derive(Clone, Debug, PartialEq, Serialize, thiserror::Error)]
#[error("{origin}:{line}:{column}: {message}")]
pub struct LoadError {
    /// The file path or the name given by the caller.
    pub origin: String,
    /// 1-based line (0 when unknown).
    pub line: usize,
    /// 1-based column (0 when unknown).
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl LoadError {
    pub(crate) fn from_serde(origin: &str, e: &serde_json::Error) -> Self {
        // serde_json appends " at line L column C"; keep the message clean.
        let full = e.to_string();
        let message = match full.rfind(" at line ") {
            Some(i) => full[..i].to_string(),
            None => full,
        };
        LoadError {
            origin: origin.to_string(),
            line: e.line(),
            column: e.column(),
            message,
        }
    }
}

impl RawFlow {
    /// Parses a flow file. `origin` names it in errors (usually the path).
    pub fn parse(origin: &str, text: &str) -> Result<RawFlow, LoadError> {
        // Parse to a Value first so that a syntax error and a shape error are
        // told apart, and both keep a position.
        if text.trim().is_empty() {
            return Err(LoadError {
                origin: origin.to_string(),
                line: 0,
                column: 0,
                message:
                    "the file is empty: a flow file is a JSON object with an \"actions\" array"
                        .into(),
            });
        }
        let value: Value =
            serde_json::from_str(text).map_err(|e| LoadError::from_serde(origin, &e))?;
        check_shape(origin, &value)?;
        // Re-read with positions so a bad action array element still points
        // at a line; say which element in the author's terms, not serde's
        // ("invalid type: null, expected struct RawAction").
        serde_json::from_str(text).map_err(|e| {
            let mut err = LoadError::from_serde(origin, &e);
            let items = value.get("actions").and_then(Value::as_array);
            if let Some((i, item)) =
                items.and_then(|a| a.iter().enumerate().find(|(_, x)| !x.is_object()))
            {
                err.message = format!("action #{} must be an object, found {item}", i + 1);
            }
            err
        })
    }

    /// A flow already parsed as JSON (an inline flow of a flow set), with
    /// the checks of [`RawFlow::parse`]; errors have no position. The
    /// value is taken apart, not printed and read again.
    pub fn from_value(origin: &str, value: Value) -> Result<RawFlow, LoadError> {
        check_shape(origin, &value)?;
        let error = |message: String| LoadError {
            origin: origin.to_string(),
            line: 0,
            column: 0,
            message,
        };
        let Value::Object(mut flow) = value else {
            return Err(error("a flow file must be a JSON object".into()));
        };
        let name = match flow.remove("name") {
            Some(Value::String(s)) => Some(s),
            _ => None,
        };
        let Some(Value::Array(items)) = flow.remove("actions") else {
            return Err(error("\"actions\" must be an array of actions".into()));
        };
        let mut actions = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            let Value::Object(mut a) = item else {
                return Err(error(format!(
                    "action #{} must be an object, found {item}",
                    i + 1
                )));
            };
            let mut take = |k: &str| a.remove(k).unwrap_or(Value::Null);
            actions.push(RawAction {
                id: take("id"),
                block_type: take("type"),
                meta: take("meta"),
                controls: take("controls"),
                ports: take("ports"),
                position: take("position"),
            });
        }
        Ok(RawFlow { name, actions })
    }
}

/// What [`RawFlow::parse`] and [`RawFlow::from_value`] check before taking
/// a flow apart: an object, an `actions` array, a string `name` if any.
fn check_shape(origin: &str, value: &Value) -> Result<(), LoadError> {
    let shape = |message: &str| LoadError {
        origin: origin.to_string(),
        line: 0,
        column: 0,
        message: message.into(),
    };
    if !value.is_object() {
        return Err(LoadError {
            line: 1,
            column: 1,
            ..shape("a flow file must be a JSON object with an \"actions\" array")
        });
    }
    match value.get("actions") {
        Some(Value::Array(_)) => {}
        Some(_) => return Err(shape("\"actions\" must be an array of actions")),
        None => return Err(shape("missing \"actions\": not a CTI Flow export")),
    }
    if let Some(n) = value.get("name") {
        if !n.is_null() && !n.is_string() {
            return Err(shape("\"name\" must be a string"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_quirks() {
        let f = RawFlow::parse(
            "t",
            r#"{"actions":[{"id":"0","type":"SE_Start","ports":{"done":"1"}},
                {"id":1,"type":"SE_End","controls":null}]}"#,
        )
        .unwrap();
        assert_eq!(f.actions[1].id_string().as_deref(), Some("1"));
        assert!(f.actions[1].controls_map().is_none());
    }

    #[test]
    fn syntax_error_has_position() {
        let e = RawFlow::parse("f.json", "{\n \"actions\": [\n  {\"id\": }\n]}").unwrap_err();
        assert_eq!((e.line, e.column > 0), (3, true));
        assert!(!e.message.contains("at line"));
    }

    #[test]
    fn a_bad_action_element_points_at_its_line() {
        let e = RawFlow::parse("f.json", "{\"actions\": [\n {\"id\": \"0\"},\n 7\n]}").unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        assert_eq!(e.message, "action #2 must be an object, found 7");
        let e = RawFlow::parse("f.json", "{\"actions\": [null, {\"id\": \"0\"}]}").unwrap_err();
        assert_eq!(e.message, "action #1 must be an object, found null");
    }

    #[test]
    fn an_empty_file_says_so() {
        for text in ["", "  \n"] {
            let e = RawFlow::parse("f.json", text).unwrap_err();
            assert!(e.message.starts_with("the file is empty"), "{e}");
        }
    }

    #[test]
    fn a_parsed_value_reads_like_its_text() {
        let text = r#"{"name":"N","actions":[{"id":3,"type":"SE_Start","meta":{"title":"T"},"ports":{"done":"4"},"position":[1,2]}]}"#;
        let a = RawFlow::parse("f", text).unwrap();
        let b = RawFlow::from_value("f", serde_json::from_str(text).unwrap()).unwrap();
        assert_eq!(
            serde_json::to_value(&a).unwrap(),
            serde_json::to_value(&b).unwrap()
        );
        assert_eq!(b.actions[0].id_string().as_deref(), Some("3"));
        assert_eq!(b.actions[0].title(), Some("T"));
        let bad = RawFlow::from_value("f", serde_json::json!({"actions": [7]})).unwrap_err();
        assert_eq!(bad.message, "action #1 must be an object, found 7");
        assert!(RawFlow::from_value("f", serde_json::json!({"actions": 1})).is_err());
        assert!(RawFlow::from_value("f", serde_json::json!({"name": 1, "actions": []})).is_err());
    }

    #[test]
    fn odd_values_fail_or_read_alike_from_text_and_from_a_value() {
        let cases = [
            "null",
            "[]",
            "{}",
            "5",
            r#"{"actions": 5}"#,
            r#"{"actions": [5, null, "x"]}"#,
            r#"{"actions": [{"id": {}, "type": 7, "controls": [], "ports": "x"}]}"#,
            r#"{"actions": [{"id": "s", "type": "SE_Start", "ports": {"done": ["a"]}}]}"#,
            r#"{"actions": [{"id": "s", "type": "SE_Start", "position": "x", "meta": 3}]}"#,
            r#"{"name": 5, "actions": []}"#,
            r#"{"name": null, "actions": [{}]}"#,
        ];
        for c in cases {
            let t = RawFlow::parse("f", c);
            let v = RawFlow::from_value("f", serde_json::from_str(c).unwrap());
            match (&t, &v) {
                (Ok(a), Ok(b)) => assert_eq!(
                    serde_json::to_value(a).unwrap(),
                    serde_json::to_value(b).unwrap(),
                    "{c}"
                ),
                // The wording may differ (from a value it is more direct).
                (Err(_), Err(_)) => {}
                _ => panic!("{c}: from text {t:?}, from a value {v:?}"),
            }
        }
    }

    #[test]
    fn not_a_flow() {
        assert!(RawFlow::parse("f", "[]").is_err());
        assert!(RawFlow::parse("f", "{}")
            .unwrap_err()
            .message
            .contains("actions"));
    }
}
