//! Validation: a [`RawFlow`] checked against a [`Catalog`] becomes a
//! [`Program`] (ids indexed, blocks resolved, magic strings parsed, ports
//! wired), or a list of diagnostics. Every problem is reported at once.

use crate::block::{Block, Outcome};
use crate::catalog::{Catalog, HintBudget};
use crate::diag::{Diagnostic, Severity};
use crate::model::{scalar_string, RawFlow};
use crate::path::{is_magic, MagicPath, RecordField, Root, Seg};
use petgraph::algo::dominators;
use petgraph::graph::{DiGraph, NodeIndex};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Arc;

/// The type id of the start block.
pub const START: &str = "SE_Start";

/// A compiled control value: literals stay as they are, magic strings are
/// parsed, objects and arrays holding magic strings are walked.
#[derive(Clone, Debug)]
pub enum Template {
    /// A value with no magic string inside.
    Lit(Value),
    /// A magic string.
    Path(PathRef),
    /// An object with magic strings inside.
    Obj(Vec<(String, Template)>),
    /// An array with magic strings inside.
    Arr(Vec<Template>),
}

/// Where a compiled magic string starts.
#[derive(Clone, Debug)]
pub enum RootRef {
    /// An action's record (`idx` is `None` when the action does not exist).
    Action {
        /// Index of the action in [`Program::actions`].
        idx: Option<usize>,
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

/// A compiled magic string.
#[derive(Clone, Debug)]
pub struct PathRef {
    /// The text as written.
    pub text: String,
    /// Its root.
    pub root: RootRef,
    /// Its steps.
    pub segs: Vec<Seg>,
}

/// One action, ready to run.
#[derive(Clone)]
pub struct Action {
    /// The id as written (shared with every trace entry about it).
    pub id: Arc<str>,
    /// The type as written (may be an alias).
    pub type_id: Arc<str>,
    /// The editor title.
    pub title: Option<Arc<str>>,
    /// The block.
    pub block: &'static dyn Block,
    /// Controls in file order.
    pub controls: Vec<(Arc<str>, Template)>,
    /// Target action index per outcome (`Outcome as usize`).
    pub ports: [Option<usize>; 5],
    /// Editor position, when given.
    pub position: Option<(f64, f64)>,
}

impl std::fmt::Debug for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Action")
            .field("id", &self.id)
            .field("type_id", &self.type_id)
            .finish_non_exhaustive()
    }
}

impl Action {
    /// The target of an outcome's port.
    pub fn port(&self, o: Outcome) -> Option<usize> {
        self.ports[o as usize]
    }
}

/// A validated flow.
#[derive(Clone, Debug)]
pub struct Program {
    /// The flow's name (its `name`, or the file it came from).
    pub name: Arc<str>,
    /// Where it came from (path or label), for diagnostics.
    pub origin: String,
    /// The actions, in file order.
    pub actions: Vec<Action>,
    /// Index of `SE_Start`.
    pub start: usize,
}

impl Program {
    /// The index of an action id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.actions.iter().position(|a| &*a.id == id)
    }
}

/// The result of validating one flow: the program when there is no error,
/// and every diagnostic.
#[derive(Debug)]
pub struct Validated {
    /// The program, when no diagnostic is an error.
    pub program: Option<Program>,
    /// Errors and warnings, in action order.
    pub diagnostics: Vec<Diagnostic>,
}

struct Diags<'a> {
    flow: &'a str,
    out: Vec<Diagnostic>,
}

impl Diags<'_> {
    fn push(
        &mut self,
        severity: Severity,
        code: &'static str,
        action: Option<(&str, &str)>,
        control: Option<&str>,
        message: String,
    ) {
        self.out.push(Diagnostic {
            severity,
            code,
            flow: self.flow.to_string(),
            action: action.map(|a| a.0.to_string()),
            block_type: action.map(|a| a.1.to_string()),
            control: control.map(str::to_string),
            message,
            line: None,
            column: None,
        });
    }
}

/// Every magic string inside a control value, with the control name.
fn collect_paths<'v>(v: &'v Value, out: &mut Vec<&'v str>) {
    match v {
        Value::String(s) if is_magic(s) => out.push(s),
        Value::Array(a) => a.iter().for_each(|x| collect_paths(x, out)),
        Value::Object(m) => m.values().for_each(|x| collect_paths(x, out)),
        _ => {}
    }
}

fn compile_value(v: &Value, index: &HashMap<String, usize>) -> Template {
    match v {
        Value::String(s) if is_magic(s) => match MagicPath::parse(s) {
            Ok(p) => Template::Path(PathRef {
                text: p.text.clone(),
                root: match p.root {
                    Root::Action { id, field } => RootRef::Action {
                        idx: index.get(&id).copied(),
                        field,
                    },
                    Root::Payload => RootRef::Payload,
                    Root::Contact => RootRef::Contact,
                    Root::Agent => RootRef::Agent,
                },
                segs: p.segs,
            }),
            // Reported by validation; never reached in a valid program.
            Err(_) => Template::Lit(Value::Null),
        },
        Value::Array(a) if has_magic(v) => {
            Template::Arr(a.iter().map(|x| compile_value(x, index)).collect())
        }
        Value::Object(m) if has_magic(v) => Template::Obj(
            m.iter()
                .map(|(k, x)| (k.clone(), compile_value(x, index)))
                .collect(),
        ),
        _ => Template::Lit(v.clone()),
    }
}

fn has_magic(v: &Value) -> bool {
    match v {
        Value::String(s) => is_magic(s),
        Value::Array(a) => a.iter().any(has_magic),
        Value::Object(m) => m.values().any(has_magic),
        _ => false,
    }
}

/// Validates a flow against a catalog. `origin` names the flow in
/// diagnostics (the file path, or a label).
pub fn validate(raw: &RawFlow, origin: &str, catalog: &Catalog) -> Validated {
    let flow_label = origin.to_string();
    let mut d = Diags {
        flow: &flow_label,
        out: Vec::new(),
    };
    let n = raw.actions.len();
    // "Did you mean" hints share one budget: a flow full of bad references
    // still validates at once (the hints just stop).
    let mut hints = HintBudget::default();

    // 1. ids, types, blocks.
    let mut ids: Vec<String> = Vec::with_capacity(n);
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut blocks: Vec<Option<&'static dyn Block>> = Vec::with_capacity(n);
    for (i, a) in raw.actions.iter().enumerate() {
        let ty = a.type_string().unwrap_or("").to_string();
        let id = match a.id_string() {
            Some(id) if !id.is_empty() => id,
            _ => {
                let label = format!("#{}", i + 1);
                d.push(
                    Severity::Error,
                    "missing-id",
                    Some((&label, &ty)),
                    None,
                    format!(
                        "action #{} has no id (ids are strings such as \"uid-1\")",
                        i + 1
                    ),
                );
                label
            }
        };
        if index.insert(id.clone(), i).is_some() {
            d.push(
                Severity::Error,
                "duplicate-id",
                Some((&id, &ty)),
                None,
                format!("id `{id}` is used by more than one action"),
            );
        }
        ids.push(id.clone());
        let block = if ty.is_empty() {
            d.push(
                Severity::Error,
                "missing-type",
                Some((&id, "?")),
                None,
                "the action has no \"type\"".into(),
            );
            None
        } else {
            let b = catalog.get(&ty);
            if b.is_none() {
                let hint = catalog
                    .suggest(&ty, &mut hints)
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                d.push(
                    Severity::Error,
                    "unknown-block",
                    Some((&id, &ty)),
                    None,
                    format!("unknown block type `{ty}`{hint}"),
                );
            }
            b
        };
        blocks.push(block);
    }

    // 2. Start.
    let starts: Vec<usize> = (0..n)
        .filter(|&i| raw.actions[i].type_string() == Some(START))
        .collect();
    match starts.len() {
        0 => d.push(
            Severity::Error,
            "no-start",
            None,
            None,
            "the flow has no SE_Start block".into(),
        ),
        1 => {}
        _ => {
            for &i in &starts[1..] {
                d.push(
                    Severity::Error,
                    "two-starts",
                    Some((&ids[i], START)),
                    None,
                    format!(
                        "a second SE_Start (the first is action {}); a flow has exactly one",
                        ids[starts[0]]
                    ),
                );
            }
        }
    }

    // 3. Ports and graph.
    let mut graph: DiGraph<usize, ()> = DiGraph::with_capacity(n, n * 2);
    let nodes: Vec<NodeIndex> = (0..n).map(|i| graph.add_node(i)).collect();
    let mut ports: Vec<[Option<usize>; 5]> = vec![[None; 5]; n];
    for (i, a) in raw.actions.iter().enumerate() {
        let ty = a.type_string().unwrap_or("?");
        let at = Some((ids[i].as_str(), ty));
        match &a.ports {
            Value::Null => {}
            Value::Object(m) => {
                for (name, target) in m {
                    let Some(t) = scalar_string(target) else {
                        if !target.is_null() && target != "" {
                            d.push(
                                Severity::Error,
                                "bad-port",
                                at,
                                None,
                                format!("port `{name}` must name an action id, found {target}"),
                            );
                        }
                        continue;
                    };
                    if t.is_empty() {
                        continue;
                    }
                    let Some(&ti) = index.get(&t) else {
                        let hint = hints
                            .closest(&t, ids.iter().map(String::as_str))
                            .map(|s| format!("; did you mean `{s}`?"))
                            .unwrap_or_default();
                        d.push(
                            Severity::Error,
                            "dangling-port",
                            at,
                            None,
                            format!(
                                "port `{name}` points to action `{t}`, which does not exist{hint}"
                            ),
                        );
                        continue;
                    };
                    graph.update_edge(nodes[i], nodes[ti], ());
                    match (Outcome::parse(name), blocks[i]) {
                        (Some(o), Some(b)) if b.spec().ports.contains(&o) => {
                            ports[i][o as usize] = Some(ti);
                        }
                        (_, Some(b)) => {
                            let valid: Vec<&str> =
                                b.spec().ports.iter().map(|o| o.as_str()).collect();
                            d.push(
                                Severity::Warning,
                                "unknown-port",
                                at,
                                None,
                                format!(
                                    "port `{name}` is not an outcome of this block (its ports: {}); it is never taken",
                                    if valid.is_empty() { "none".to_string() } else { valid.join(", ") }
                                ),
                            );
                        }
                        (_, None) => {}
                    }
                }
            }
            other => d.push(
                Severity::Error,
                "bad-ports",
                at,
                None,
                format!("\"ports\" must be an object of outcome → action id, found {other}"),
            ),
        }
    }

    // 4. Reachability, cycles, dominators.
    let start = starts.first().copied();
    let doms = start.map(|s| dominators::simple_fast(&graph, nodes[s]));
    if let Some(s) = start {
        let mut seen = vec![false; n];
        let mut stack = vec![s];
        while let Some(i) = stack.pop() {
            if std::mem::replace(&mut seen[i], true) {
                continue;
            }
            stack.extend(graph.neighbors(nodes[i]).map(|x| graph[x]));
        }
        for i in 0..n {
            if !seen[i] {
                let ty = raw.actions[i].type_string().unwrap_or("?");
                d.push(
                    Severity::Warning,
                    "unreachable",
                    Some((&ids[i], ty)),
                    None,
                    "unreachable from SE_Start; it never runs".into(),
                );
            }
        }
    }
    for scc in petgraph::algo::tarjan_scc(&graph) {
        let looped = scc.len() > 1 || graph.contains_edge(scc[0], scc[0]);
        if looped {
            let mut members: Vec<usize> = scc.iter().map(|x| graph[*x]).collect();
            members.sort_unstable();
            let first = members[0];
            let names: Vec<&str> = members.iter().map(|&i| ids[i].as_str()).collect();
            d.push(
                Severity::Warning,
                "cycle",
                Some((&ids[first], raw.actions[first].type_string().unwrap_or("?"))),
                None,
                format!(
                    "actions {} form a loop; it runs until an outcome leaves it or the step budget stops the run",
                    names.join(" → ")
                ),
            );
        }
    }

    // 5. Controls.
    for (i, a) in raw.actions.iter().enumerate() {
        let ty = a.type_string().unwrap_or("?");
        let at = Some((ids[i].as_str(), ty));
        let controls = match &a.controls {
            Value::Null => None,
            Value::Object(m) => Some(m),
            other => {
                d.push(
                    Severity::Error,
                    "bad-controls",
                    at,
                    None,
                    format!("\"controls\" must be an object, found {other}"),
                );
                continue;
            }
        };
        if let Some(b) = blocks[i] {
            let spec = b.spec();
            for c in spec.controls {
                let v = controls.and_then(|m| m.get(c.name));
                if c.required && v.is_none_or(Value::is_null) {
                    d.push(
                        Severity::Error,
                        "missing-control",
                        at,
                        Some(c.name),
                        format!("required control is missing ({})", c.kind.name()),
                    );
                }
                if let Some(v) = v {
                    let magic = matches!(v, Value::String(s) if is_magic(s));
                    if !magic {
                        if let Err(e) = c.kind.check(v) {
                            d.push(Severity::Error, "control-type", at, Some(c.name), e);
                        }
                    }
                }
            }
            if let Some(m) = controls {
                for k in m.keys() {
                    if spec.control(k).is_none() {
                        let hint = hints
                            .closest(k, spec.controls.iter().map(|c| c.name))
                            .map(|s| format!("; did you mean `{s}`?"))
                            .unwrap_or_default();
                        d.push(
                            Severity::Warning,
                            "unknown-control",
                            at,
                            Some(k),
                            format!("not a control of {}; it is ignored{hint}", spec.type_id),
                        );
                    }
                }
            }
        }
        // Magic strings.
        let Some(m) = controls else { continue };
        for (cname, v) in m {
            let mut paths = Vec::new();
            collect_paths(v, &mut paths);
            for text in paths {
                let p = match MagicPath::parse(text) {
                    Ok(p) => p,
                    Err(e) => {
                        d.push(
                            Severity::Error,
                            "bad-magic-string",
                            at,
                            Some(cname),
                            e.to_string(),
                        );
                        continue;
                    }
                };
                let Some(target) = p.action_id() else {
                    continue;
                };
                let Some(&ti) = index.get(target) else {
                    let hint = hints
                        .closest(target, ids.iter().map(String::as_str))
                        .map(|s| format!("; did you mean `{s}`?"))
                        .unwrap_or_default();
                    d.push(
                        Severity::Error,
                        "missing-action",
                        at,
                        Some(cname),
                        format!("`{text}` names action `{target}`, which does not exist{hint}"),
                    );
                    continue;
                };
                if ti == i {
                    d.push(
                        Severity::Warning,
                        "may-be-undefined",
                        at,
                        Some(cname),
                        format!("`{text}` reads this action's own result, which is undefined on its first run"),
                    );
                    continue;
                }
                let dominated = doms
                    .as_ref()
                    .and_then(|dm| dm.dominators(nodes[i]))
                    .is_some_and(|mut it| it.any(|x| x == nodes[ti]));
                let reachable = doms
                    .as_ref()
                    .and_then(|dm| dm.dominators(nodes[i]))
                    .is_some();
                if reachable && !dominated {
                    d.push(
                        Severity::Warning,
                        "may-be-undefined",
                        at,
                        Some(cname),
                        format!(
                            "`{text}` may be undefined: action `{target}` is not on every path from SE_Start to here"
                        ),
                    );
                }
            }
        }
    }

    let has_error = d.out.iter().any(Diagnostic::is_error);
    let diagnostics = d.out;
    if has_error {
        return Validated {
            program: None,
            diagnostics,
        };
    }
    let Some(start) = start else {
        return Validated {
            program: None,
            diagnostics,
        };
    };
    let actions = raw
        .actions
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            Some(Action {
                id: ids[i].as_str().into(),
                type_id: a.type_string()?.into(),
                title: a.title().map(Arc::from),
                block: blocks[i]?,
                controls: a
                    .controls_map()
                    .map(|m| {
                        m.iter()
                            .map(|(k, v)| (Arc::from(k.as_str()), compile_value(v, &index)))
                            .collect()
                    })
                    .unwrap_or_default(),
                ports: ports[i],
                position: a.xy(),
            })
        })
        .collect();
    Validated {
        program: Some(Program {
            name: raw.name.as_deref().unwrap_or(&flow_label).into(),
            origin: flow_label,
            actions,
            start,
        }),
        diagnostics,
    }
}
