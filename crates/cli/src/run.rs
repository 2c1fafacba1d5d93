//! `ctiflow run` and `ctiflow demo`.

use crate::args::{inline_or_file, json_arg, Args};
use crate::render;
use crate::validate::{is_flow_set, load_set};
use ctiflow_engine::exec::{block_on, RealTimeCap};
use ctiflow_engine::scripted::ScriptedHost;
use ctiflow_engine::{EndReason, Engine, EngineConfig, Event, EventKey, RunReport, Source};
use ctiflow_presence::wire::PresenceSync;
use ctiflow_presence::DriverConfig;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Reads `--max-event-seconds`: a positive number of seconds (default 60,
/// as for `ctiflow replay`).
fn max_event_seconds(v: Option<&str>) -> Result<Duration, String> {
    v.map_or(
        Ok(ctiflow_replay::cli::DEFAULT_MAX_EVENT),
        ctiflow_replay::cli::parse_seconds,
    )
}

/// The engine configuration for `--allow ORIGIN[,ORIGIN...]`: the origins
/// HTTP Request may reach, as the adapter page's `httpAllowlist` (none by
/// default, so HTTP Request takes `failure` with `REFUSED` before the host
/// is asked, as it would on the agent's page).
fn allow_config(v: Option<&str>) -> Result<EngineConfig, String> {
    let config = EngineConfig {
        http_allowlist: v
            .into_iter()
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .filter(|o| !o.is_empty())
            .map(String::from)
            .collect(),
        ..EngineConfig::default()
    };
    config
        .check_allowlist()
        .map_err(|e| format!("--allow: {e}"))?;
    Ok(config)
}

/// The built-in simulated inbound voice contact.
pub const SIM_CONTACT: &str = include_str!("../../../www/sim/inbound-voice.contact.json");
/// The built-in simulated agent.
pub const SIM_AGENT: &str = include_str!("../../../www/sim/agent.json");

fn sim(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}

/// The default contact for a source: the simulated inbound voice call,
/// retyped for chat, callback and task sources; none for agent and UI events.
pub fn default_contact(source: Source) -> Value {
    let mut c = sim(SIM_CONTACT);
    let ty = match source {
        Source::VoiceContact | Source::CtiAction => "voice",
        Source::QueueCallbackContact => "queue_callback",
        Source::ChatContact => "chat",
        Source::TaskContact => "task",
        _ => return Value::Null,
    };
    if let Value::Object(m) = &mut c {
        m.insert("type".into(), json!(ty));
        match ty {
            "queue_callback" => {
                m.insert("initiationMethod".into(), json!("callback"));
            }
            "chat" | "task" => {
                m.insert("initiationMethod".into(), json!("api"));
                m.insert("isSoftphoneCall".into(), json!(false));
                m.remove("rawPhoneNumber");
            }
            _ => {}
        }
    }
    c
}

/// The default agent snapshot.
pub fn default_agent() -> Value {
    sim(SIM_AGENT)
}

/// Prints the reports; returns the exit code (0 when every run ended normally).
/// A run stopped by the real-time cap is also reported on stderr.
fn print(reports: &[RunReport], json: bool) -> Result<u8, String> {
    let mut code = 0;
    for r in reports {
        if let EndReason::Stopped {
            message,
            action,
            block_type,
        } = &r.end
        {
            eprintln!(
                "ctiflow: flow `{}`, action `{action}` ({block_type}): {message}",
                r.flow
            );
        }
        if json {
            for e in &r.trace {
                crate::outln!("{}", serde_json::to_string(e).map_err(|e| e.to_string())?);
            }
        } else {
            crate::out(&render::text(&r.trace));
        }
        if !r.end.is_normal() {
            code = 1;
        }
    }
    Ok(code)
}

pub fn main(argv: &[String]) -> Result<u8, String> {
    let a = Args::parse(
        argv,
        &[
            "event",
            "payload",
            "contact",
            "agent",
            "host",
            "rules",
            "format",
            "max-event-seconds",
            "allow",
        ],
        &[],
    )?;
    let json = a.json_format()?;
    let cap = max_event_seconds(a.opt("max-event-seconds"))?;
    let [flow] = a.positional.as_slice() else {
        return Err("run takes one flow or flow set file".into());
    };
    let key = EventKey::parse(a.opt("event").ok_or("run needs --event SOURCE/EVENT")?)
        .map_err(|e| e.to_string())?;
    let event = Event {
        payload: a
            .opt("payload")
            .map(|v| json_arg("payload", v))
            .transpose()?
            .unwrap_or(json!({})),
        contact: match a.opt("contact") {
            Some(v) => json_arg("contact", v)?,
            None => default_contact(key.source),
        },
        agent: match a.opt("agent") {
            Some(v) => json_arg("agent", v)?,
            None => default_agent(),
        },
    };
    let host = match a.opt("host") {
        Some(v) => {
            ScriptedHost::from_json(&inline_or_file(v)?).map_err(|e| format!("--host: {e}"))?
        }
        None => ScriptedHost::default(),
    };
    let path = Path::new(flow);
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {flow}: {e}"))?;
    let mut engine = Engine::new(ctiflow_blocks::catalog());
    engine.set_config(allow_config(a.opt("allow"))?);
    let diags = if is_flow_set(&text) {
        load_set(&mut engine, path, &text)
    } else {
        let v = engine.validate_text(flow, &text);
        if let Some(p) = v.program {
            engine.register(key, p, true);
        }
        v.diagnostics
    };
    if diags.iter().any(|d| d.is_error()) {
        for d in &diags {
            eprintln!("{d}");
        }
        return Ok(2);
    }
    let presence = match a.opt("rules") {
        Some(path) => {
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
            let (sync, report) = PresenceSync::from_rules(&text, DriverConfig::default());
            if report.exit_code() != 0 {
                eprint!("{path}: {report}");
                return Ok(2);
            }
            Some(sync)
        }
        None => None,
    };
    if engine.flows_for(key).next().is_none() && presence.is_none() {
        eprintln!("ctiflow: no active flow is bound to {key}");
    }
    let host = RealTimeCap::new(&host, cap);
    let reports = block_on(ctiflow_presence::wire::dispatch(
        &engine,
        presence.as_ref(),
        key,
        &event,
        &host,
        None,
    ));
    print(&reports, json)
}

/// The answers the demo's simulated Salesforce gives.
fn demo_host() -> ScriptedHost {
    let script = json!({
        "answers": {
            "salesforceUi.searchAndScreenPop": {"ok": {"0035e00000AbCdEAAV": {"Id": "0035e00000AbCdEAAV", "Name": "Pat Customer", "RecordType": "Contact"}}},
            "salesforceData.search": {"ok": [{"Id": "0035e00000AbCdEAAV", "attributes": {"type": "Contact"}}]},
            "salesforceData.saveLog": {"ok": {"recordId": "00T5e00000XyZaBEAV"}}
        }
    });
    serde_json::from_value(script)
        .map(ScriptedHost::new)
        .unwrap_or_default()
}

fn find_flow_set(arg: Option<&str>) -> PathBuf {
    if let Some(p) = arg {
        return PathBuf::from(p);
    }
    let here = PathBuf::from("flows/flow-set.json");
    if here.exists() {
        return here;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../flows/flow-set.json")
}

pub fn demo(argv: &[String]) -> Result<u8, String> {
    let a = Args::parse(argv, &["flows"], &[])?;
    let path = find_flow_set(a.opt("flows"));
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut engine = Engine::new(ctiflow_blocks::catalog());
    let diags = load_set(&mut engine, &path, &text);
    crate::outln!(
        "Flow set {}: {} flows loaded",
        path.display(),
        engine.flows().len()
    );
    for r in engine.flows() {
        crate::outln!(
            "  {:<28} {}{}",
            r.program.name,
            r.key,
            if r.active { "" } else { "  (inactive)" }
        );
    }
    for d in &diags {
        crate::outln!("  {d}");
    }
    if diags.iter().any(|d| d.is_error()) {
        return Ok(2);
    }
    let host = demo_host();
    let mut code = 0;
    let steps: [(&str, Value); 3] = [
        ("Voice Contact/onConnecting", json!({})),
        ("Voice Contact/onConnected", json!({})),
        (
            "Salesforce UI/onClickToDial",
            json!({"number": "555-555-0123", "objectType": "Contact", "recordId": "0035e00000AbCdEAAV"}),
        ),
    ];
    for (ev, payload) in steps {
        let key = EventKey::parse(ev).map_err(|e| e.to_string())?;
        crate::outln!(
            "\n── event {key}: simulated {}",
            if key.source == Source::SalesforceUi {
                "click on a number in Salesforce"
            } else {
                "inbound call from +1 555-555-0123"
            }
        );
        let event = Event {
            payload,
            contact: default_contact(key.source),
            agent: default_agent(),
        };
        let reports = block_on(engine.dispatch(key, &event, &host, None));
        code = code.max(print(&reports, false)?);
    }
    Ok(code)
}
