//! The flow lab's view of a flow: every action with its position, ports and
//! catalog entry, built from the raw file so that it can be drawn even when
//! validation fails (an unknown block or a dangling port is still a box and
//! an arrow). Pure Rust, tested natively.

use ctiflow_engine::{Catalog, RawFlow};
use serde::Serialize;
use serde_json::{Map, Value};

/// A drawable flow.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Graph {
    /// The flow's `name`, else the origin it was validated under.
    pub name: String,
    /// Every action, in file order.
    pub actions: Vec<GraphAction>,
}

/// One drawable action.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GraphAction {
    /// The id as a string (`""` when the file has none).
    pub id: String,
    /// The type as written (`""` when missing or not a string).
    #[serde(rename = "type")]
    pub block_type: String,
    /// `meta.title`, when set.
    pub title: Option<String>,
    /// `[x, y]`, when the file has a numeric position.
    pub position: Option<[f64; 2]>,
    /// Outcome name → target id, as written (targets may dangle).
    pub ports: Map<String, Value>,
    /// The controls as written (`{}` when null or missing).
    pub controls: Value,
    /// Whether the catalog knows the type.
    pub known: bool,
    /// The catalog's display name, when known.
    pub block_name: Option<&'static str>,
    /// The ports the block declares (`done`, `success`, ...), when known.
    pub outcomes: Vec<&'static str>,
}

/// Builds the graph of a parsed flow. Never fails: whatever is malformed is
/// drawn as empty (validation reports it).
pub fn build(raw: &RawFlow, origin: &str, catalog: &Catalog) -> Graph {
    let actions = raw
        .actions
        .iter()
        .map(|a| {
            let block_type = a.type_string().unwrap_or_default().to_string();
            let spec = catalog.get(&block_type).map(|b| b.spec());
            let ports = match &a.ports {
                Value::Object(m) => m
                    .iter()
                    .filter_map(|(k, v)| scalar(v).map(|t| (k.clone(), Value::String(t))))
                    .collect(),
                _ => Map::new(),
            };
            GraphAction {
                id: a.id_string().unwrap_or_default(),
                block_type,
                title: a.title().map(str::to_string),
                position: a.xy().map(|(x, y)| [x, y]),
                ports,
                controls: if a.controls.is_null() {
                    Value::Object(Map::new())
                } else {
                    a.controls.clone()
                },
                known: spec.is_some(),
                block_name: spec.map(|s| s.name),
                outcomes: spec
                    .map(|s| s.ports.iter().map(|o| o.as_str()).collect())
                    .unwrap_or_default(),
            }
        })
        .collect();
    Graph {
        name: raw.name.clone().unwrap_or_else(|| origin.to_string()),
        actions,
    }
}

/// The empty graph of a file that could not be parsed.
pub fn empty(origin: &str) -> Graph {
    Graph {
        name: origin.to_string(),
        actions: Vec::new(),
    }
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_unknown_blocks_and_dangling_ports() {
        let text = r#"{"name":"F","actions":[
            {"id":"0","type":"SE_Start","ports":{"done":"1"},"position":[10,20],"meta":{"title":"go"}},
            {"id":1,"type":"SE_NoSuchBlock","controls":null,"ports":{"success":"9"}},
            {"id":"2","type":"SE_End","ports":null}
        ]}"#;
        let raw = RawFlow::parse("f.json", text).unwrap();
        let g = build(&raw, "f.json", &ctiflow_blocks::catalog());
        assert_eq!(g.name, "F");
        assert_eq!(g.actions.len(), 3);
        let start = &g.actions[0];
        assert!(start.known);
        assert_eq!(start.block_name, Some("Start"));
        assert_eq!(start.outcomes, vec!["done"]);
        assert_eq!(start.position, Some([10.0, 20.0]));
        assert_eq!(start.title.as_deref(), Some("go"));
        assert_eq!(start.ports.get("done"), Some(&Value::String("1".into())));
        let unknown = &g.actions[1];
        assert_eq!(unknown.id, "1");
        assert!(!unknown.known);
        assert!(unknown.outcomes.is_empty());
        assert_eq!(
            unknown.ports.get("success"),
            Some(&Value::String("9".into()))
        );
        assert_eq!(unknown.controls, serde_json::json!({}));
        assert!(g.actions[2].ports.is_empty());
        let v = serde_json::to_value(&g).unwrap();
        assert_eq!(v["actions"][0]["blockName"], "Start");
        assert_eq!(v["actions"][1]["type"], "SE_NoSuchBlock");
    }
}
