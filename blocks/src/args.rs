//! Helpers shared by blocks to shape bridge arguments from controls.

use serde_json::{Map, Value};

/// An object-valued control as a bridge wants it: an object as is, JSON
/// text holding an object parsed, anything else (`null`, `""`) empty.
pub(crate) fn object_arg(v: Option<Value>) -> Value {
    Value::Object(object_map(v))
}

/// As [`object_arg`], as a map.
pub(crate) fn object_map(v: Option<Value>) -> Map<String, Value> {
    match v {
        Some(Value::Object(m)) => m,
        Some(Value::String(s)) => match serde_json::from_str::<Value>(&s) {
            Ok(Value::Object(m)) => m,
            _ => Map::new(),
        },
        _ => Map::new(),
    }
}

/// Whether a record id names no record (`""`, `"null"`, `"undefined"`).
pub(crate) fn is_empty_id(id: &str) -> bool {
    matches!(id.trim(), "" | "null" | "undefined")
}

/// Whether a name is a plain Salesforce API name (`Contact`, `Call_Result__c`),
/// safe to put into SOQL/SOSL text.
pub(crate) fn is_api_name(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.len() <= 80
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && s.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn shapes_objects_and_names() {
        assert_eq!(object_arg(Some(json!({"a": 1}))), json!({"a": 1}));
        assert_eq!(object_arg(Some(json!("{\"a\":1}"))), json!({"a": 1}));
        assert_eq!(object_arg(Some(json!("[1]"))), json!({}));
        assert_eq!(object_arg(None), json!({}));
        assert!(is_empty_id(" null ") && is_empty_id("") && !is_empty_id("003"));
        assert!(is_api_name("Call_Result__c") && is_api_name("Phone"));
        assert!(
            !is_api_name("Phone) FROM")
                && !is_api_name("")
                && !is_api_name("_x")
                && !is_api_name("1a")
        );
    }
}
