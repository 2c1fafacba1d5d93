//! The [`Engine`]: a catalog, a configuration and the flows registered per
//! (source, event). Configured mutably, then run by shared reference: one
//! engine serves every event of an agent's session.

use crate::catalog::Catalog;
use crate::diag::{Diagnostic, Severity};
use crate::event::EventKey;
use crate::host::Host;
use crate::model::{LoadError, RawFlow};
use crate::program::{validate, Program, Validated};
use crate::run::{run, EventContact, Observer, RunInput, RunReport};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::num::NonZeroU64;

/// Limits on one run. `None` (`null` from JS or JSON) means unlimited; a
/// field left out takes its default, so configurations written before a
/// limit existed still read. Tripping a limit stops that run with a trace
/// entry naming the limit, the flow, the action and its block type; the
/// engine serves the next event as usual.
///
/// The two memory limits are measured with [`crate::value::held_bytes`],
/// an estimate of the memory a value holds (about its JSON length for
/// text, several times it for many small fields), counted as each value
/// is made, never by re-reading the trace.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Limits {
    /// Blocks executed per run (flows are graphs and may loop). Default 10,000.
    pub max_steps: Option<NonZeroU64>,
    /// The run window on the platform clock, in ms. Default 60,000 (the
    /// adapter's limit).
    pub run_window_ms: Option<f64>,
    /// The largest single value a run may make or keep: a resolved control,
    /// a block's results or exception, a bridge call's arguments or answer.
    /// Default 4 MiB: a real flow's values are at most a few hundred KB of
    /// JSON, which is 1–2 MB held; the largest a loop can build before the
    /// limit stops it is about twice this.
    pub max_value_bytes: Option<NonZeroU64>,
    /// What one run's trace may hold in all: every step's resolved inputs,
    /// results and exception, every bridge call's arguments and answer,
    /// every note, and the entries themselves. The trace is also where a
    /// run keeps `$.actions.<id>` records, so this bounds what a run
    /// retains. Default 32 MiB: a 10,000-step loop of small values holds
    /// ~3 MB, while a loop copying a large payload each step stops after a
    /// few dozen steps instead of taking the page's memory. No value is
    /// kept that would take the trace over it; the fixed size of the
    /// entries is counted as they are made and caught by the next value.
    pub max_trace_bytes: Option<NonZeroU64>,
}

/// Default of [`Limits::max_value_bytes`].
pub const DEFAULT_MAX_VALUE_BYTES: u64 = 4 << 20;
/// Default of [`Limits::max_trace_bytes`].
pub const DEFAULT_MAX_TRACE_BYTES: u64 = 32 << 20;

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_steps: NonZeroU64::new(10_000),
            run_window_ms: Some(60_000.0),
            max_value_bytes: NonZeroU64::new(DEFAULT_MAX_VALUE_BYTES),
            max_trace_bytes: NonZeroU64::new(DEFAULT_MAX_TRACE_BYTES),
        }
    }
}

/// Engine configuration.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EngineConfig {
    /// Run limits.
    pub limits: Limits,
    /// Origins (`https://api.example.com`) HTTP Request may reach, compared
    /// normalised ([`EngineConfig::http_allowed`]). Default: none, so every
    /// HTTP Request takes its failure port.
    pub http_allowlist: Vec<String>,
}

impl EngineConfig {
    /// Checks that every `http_allowlist` entry is an origin
    /// ([`allowlist_origin`]); the error names the first that is not. An
    /// entry that is not would silently allow nothing, so the adapter's
    /// `new Engine` and the replay of a recording refuse it.
    pub fn check_allowlist(&self) -> Result<(), String> {
        for entry in &self.http_allowlist {
            if let Err(why) = allowlist_origin(entry) {
                return Err(format!(
                    "httpAllowlist entry {entry:?} is not an origin such as \"https://api.example.com\": {why}"
                ));
            }
        }
        Ok(())
    }

    /// Whether an URL's origin is on the HTTP allowlist. The URL's origin and
    /// each entry's are compared normalised ([`origin_of`]: scheme and host
    /// in lower case, the default port dropped), so
    /// `https://API.example.com:443/v1` is allowed by `https://api.example.com`.
    /// An entry that is not an origin ([`allowlist_origin`]) allows nothing.
    pub fn http_allowed(&self, url: &str) -> bool {
        let Ok(origin) = origin_of(url) else {
            return false;
        };
        self.http_allowlist
            .iter()
            .any(|a| allowlist_origin(a).is_ok_and(|a| a == origin))
    }
}

/// The normalised origin of an absolute http(s) URL:
/// `scheme://host[:port]`, the scheme and host in lower case, the port in
/// decimal and left out when it is the scheme's default (443, 80). The
/// adapter page's settings apply the same rule to `httpAllowlist`
/// (`www/adapter/settings.js`, `engineOrigin`).
///
/// Deliberately narrower than a browser's URL parser, and compared as
/// text: an allowlist entry allows the URLs whose origin is spelled the same
/// way once normalised, so the browser's fetch reaches the origin the entry
/// names (a numeric host such as `https://443` is read by browsers as an
/// IPv4 address, but then both sides are); what it refuses (a host that is not
/// plain ASCII letters, digits, `-`, `.` and `_` or a bracketed IPv6
/// address, credentials, a port over 65535) is refused, never guessed at.
/// An international name must be written in punycode (`xn--…`): mapping
/// Unicode hosts the way browsers do (UTS #46) is more than this check
/// should carry, and a mapping that differed from the browser's could let
/// a request through to a host the allowlist does not name. Likewise
/// numeric IPv4 forms (`0x7f.1`) and IPv6 spellings are compared as
/// written: two spellings of one address do not match each other.
pub fn origin_of(url: &str) -> Result<String, &'static str> {
    split_origin(url).map(|(origin, _)| origin)
}

/// The normalised origin ([`origin_of`]) of an allowlist entry, which must
/// be an origin alone: `https://api.example.com`, a trailing `/` allowed,
/// no path, query or fragment.
pub fn allowlist_origin(entry: &str) -> Result<String, &'static str> {
    match split_origin(entry)? {
        (origin, "" | "/") => Ok(origin),
        _ => Err("not an origin alone (it has a path, query or fragment)"),
    }
}

/// [`origin_of`], and what follows the authority.
fn split_origin(url: &str) -> Result<(String, &str), &'static str> {
    const NOT_HTTP: &str = "not an absolute http(s) URL";
    let colon = url.find(':').ok_or(NOT_HTTP)?;
    let (scheme, rest) = (&url[..colon], &url[colon + 1..]);
    let rest = rest.strip_prefix("//").ok_or(NOT_HTTP)?;
    let (scheme, default_port) = if scheme.eq_ignore_ascii_case("https") {
        ("https", 443)
    } else if scheme.eq_ignore_ascii_case("http") {
        ("http", 80)
    } else {
        return Err(NOT_HTTP);
    };
    // Browsers end the authority at `\` too in http(s) URLs.
    let end = rest
        .bytes()
        .position(|b| matches!(b, b'/' | b'\\' | b'?' | b'#'))
        .unwrap_or(rest.len());
    let (authority, after) = rest.split_at(end);
    if authority.contains('@') {
        return Err("an URL with credentials (`user@`) cannot be requested");
    }
    if !authority.is_ascii() {
        return Err("the host is not ASCII: write an international name in punycode (`xn--…`)");
    }
    let (host, port) = match authority.strip_prefix('[') {
        Some(v6) => {
            let close = v6.find(']').ok_or("an IPv6 host without its `]`")?;
            let addr = &v6[..close];
            if addr.is_empty()
                || !addr
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
            {
                return Err("not an IPv6 address between the brackets");
            }
            let port = match &v6[close + 1..] {
                "" => None,
                after => Some(after.strip_prefix(':').ok_or("text after the IPv6 host")?),
            };
            (&authority[..close + 2], port)
        }
        None => {
            let (host, port) = match authority.split_once(':') {
                Some((h, p)) => (h, Some(p)),
                None => (authority, None),
            };
            if host.is_empty() {
                return Err("no host");
            }
            if !host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'))
            {
                return Err("the host has characters other than letters, digits, `-`, `.` and `_`");
            }
            (host, port)
        }
    };
    let port = match port {
        // `https://h:` is the default port, as browsers read it.
        None | Some("") => None,
        Some(p) => {
            let mut n: u32 = 0;
            for b in p.bytes() {
                if !b.is_ascii_digit() {
                    return Err("the port is not a number");
                }
                n = n * 10 + u32::from(b - b'0');
                if n > 65535 {
                    return Err("the port is over 65535");
                }
            }
            Some(n)
        }
    };
    let mut origin = format!("{scheme}://{}", host.to_ascii_lowercase());
    if let Some(p) = port.filter(|&p| p != default_port) {
        origin.push_str(&format!(":{p}"));
    }
    Ok((origin, after))
}

/// A flow registered for an event.
#[derive(Clone, Debug)]
pub struct Registration {
    /// The (source, event) it runs on.
    pub key: EventKey,
    /// Whether it runs (inactive flows are loaded and validated only).
    pub active: bool,
    /// The flow.
    pub program: Program,
}

/// One event to dispatch.
#[derive(Clone, Debug, Default)]
pub struct Event {
    /// `$.payload`
    pub payload: Value,
    /// `$.contact`: the contact snapshot, `null` when none.
    pub contact: Value,
    /// `$.agent`: the agent snapshot.
    pub agent: Value,
}

/// An event by reference: what a run reads, without owning the snapshots
/// (replay dispatches straight from the recording, no copy).
#[derive(Clone, Copy, Debug)]
pub struct EventRef<'a> {
    /// `$.payload`
    pub payload: &'a Value,
    /// `$.contact`: the contact snapshot, `null` when none.
    pub contact: &'a Value,
    /// `$.agent`: the agent snapshot.
    pub agent: &'a Value,
}

impl<'a> From<&'a Event> for EventRef<'a> {
    fn from(e: &'a Event) -> Self {
        EventRef {
            payload: &e.payload,
            contact: &e.contact,
            agent: &e.agent,
        }
    }
}

/// The flow set file: which flow runs on which event.
///
/// ```json
/// { "flows": [
///   { "file": "voice-screenpop.json", "source": "Voice Contact", "event": "onConnecting" },
///   { "file": "click-to-dial.json", "source": "Salesforce UI", "event": "onClickToDial", "active": false }
/// ] }
/// ```
/// An entry may carry the flow inline under `flow` instead of `file`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct FlowSetFile {
    /// The entries.
    pub flows: Vec<FlowSetEntry>,
}

/// One entry of a flow set.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct FlowSetEntry {
    /// Path of the flow file, relative to the set file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The flow itself, inline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flow: Option<Value>,
    /// The event source, any spelling.
    pub source: String,
    /// The event, any spelling (omitted for CTI Action).
    #[serde(default)]
    pub event: String,
    /// Whether the flow runs. Default true.
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

/// An engine: catalog + configuration + registered flows.
#[derive(Clone)]
pub struct Engine {
    catalog: Catalog,
    config: EngineConfig,
    flows: Vec<Registration>,
}

impl Engine {
    /// An engine over a catalog with the default configuration.
    pub fn new(catalog: Catalog) -> Self {
        Engine {
            catalog,
            config: EngineConfig::default(),
            flows: Vec::new(),
        }
    }

    /// The catalog.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The configuration.
    pub fn config(&self) -> &EngineConfig {
        &self.config
    }

    /// Replaces the configuration.
    pub fn set_config(&mut self, config: EngineConfig) {
        self.config = config;
    }

    /// Sets the limits.
    pub fn set_limits(&mut self, limits: Limits) {
        self.config.limits = limits;
    }

    /// The registered flows.
    pub fn flows(&self) -> &[Registration] {
        &self.flows
    }

    /// Removes every registered flow.
    pub fn clear_flows(&mut self) {
        self.flows.clear();
    }

    /// Parses and validates a flow file against this engine's catalog.
    pub fn validate_text(&self, origin: &str, text: &str) -> Validated {
        self.validate_raw(origin, RawFlow::parse(origin, text))
    }

    /// Validates a flow already parsed as JSON (an inline flow).
    pub fn validate_value(&self, origin: &str, value: Value) -> Validated {
        self.validate_raw(origin, RawFlow::from_value(origin, value))
    }

    fn validate_raw(&self, origin: &str, raw: Result<RawFlow, LoadError>) -> Validated {
        match raw {
            Ok(raw) => validate(&raw, origin, &self.catalog),
            Err(e) => Validated {
                program: None,
                diagnostics: vec![Diagnostic {
                    severity: Severity::Error,
                    code: "bad-json",
                    flow: origin.to_string(),
                    action: None,
                    block_type: None,
                    control: None,
                    message: e.message,
                    line: Some(e.line).filter(|&l| l > 0),
                    column: Some(e.column).filter(|&c| c > 0),
                }],
            },
        }
    }

    /// Registers a validated program for an event.
    pub fn register(&mut self, key: EventKey, program: Program, active: bool) {
        self.flows.push(Registration {
            key,
            active,
            program,
        });
    }

    /// Loads a flow set. `read` returns the text of a file named in the set
    /// (relative to the set), so the engine never touches a file system.
    /// Every entry is validated; entries with errors are not registered, and
    /// all diagnostics are returned.
    pub fn load_flow_set(
        &mut self,
        origin: &str,
        text: &str,
        read: &dyn Fn(&str) -> Result<String, String>,
    ) -> Vec<Diagnostic> {
        let mut diags = Vec::new();
        let set_err = |message: String, line: Option<usize>, column: Option<usize>| Diagnostic {
            severity: Severity::Error,
            code: "bad-flow-set",
            flow: origin.to_string(),
            action: None,
            block_type: None,
            control: None,
            message,
            line,
            column,
        };
        let set: FlowSetFile = match serde_json::from_str(text) {
            Ok(s) => s,
            Err(e) => {
                diags.push(set_err(
                    format!("not a flow set: {e}"),
                    Some(e.line()),
                    Some(e.column()),
                ));
                return diags;
            }
        };
        for (i, entry) in set.flows.into_iter().enumerate() {
            let label = entry
                .file
                .clone()
                .unwrap_or_else(|| format!("{origin}#flows[{i}]"));
            let key = match EventKey::new(&entry.source, &entry.event) {
                Ok(k) => k,
                Err(e) => {
                    diags.push(set_err(format!("{label}: {e}"), None, None));
                    continue;
                }
            };
            // An inline flow is validated as parsed (no print and re-parse).
            let v = match (&entry.file, entry.flow) {
                (_, Some(inline)) => self.validate_value(&label, inline),
                (Some(f), None) => match read(f) {
                    Ok(t) => self.validate_text(&label, &t),
                    Err(e) => {
                        diags.push(set_err(format!("cannot read `{f}`: {e}"), None, None));
                        continue;
                    }
                },
                (None, None) => {
                    diags.push(set_err(
                        format!("entry {i} has neither \"file\" nor \"flow\""),
                        None,
                        None,
                    ));
                    continue;
                }
            };
            diags.extend(v.diagnostics);
            if let Some(p) = v.program {
                self.register(key, p, entry.active);
            }
        }
        diags
    }

    /// The active flows registered for an event.
    pub fn flows_for(&self, key: EventKey) -> impl Iterator<Item = &Registration> {
        self.flows.iter().filter(move |r| r.active && r.key == key)
    }

    /// The active flows registered for an event, only those named `flow`
    /// when it is given (a CTI Action names the one flow it runs).
    pub fn flows_named<'a>(
        &'a self,
        key: EventKey,
        flow: Option<&'a str>,
    ) -> impl Iterator<Item = &'a Registration> {
        self.flows_for(key)
            .filter(move |r| flow.is_none_or(|name| *r.program.name == *name))
    }

    /// Runs one program against an event (the flow lab's "run this flow").
    pub async fn run_program(
        &self,
        program: &Program,
        key: EventKey,
        event: impl Into<EventRef<'_>>,
        host: &dyn Host,
        observer: Option<Observer<'_>>,
    ) -> RunReport {
        let event = event.into();
        let contact = EventContact::new(event.contact, self.catalog.contact_enricher());
        self.run_with(program, key, event, &contact, host, observer)
            .await
    }

    async fn run_with(
        &self,
        program: &Program,
        key: EventKey,
        event: EventRef<'_>,
        contact: &EventContact<'_>,
        host: &dyn Host,
        observer: Option<Observer<'_>>,
    ) -> RunReport {
        let source = key.source.display();
        run(
            program,
            RunInput {
                source,
                event: key.event,
                payload: event.payload,
                contact,
                agent: event.agent,
            },
            host,
            &self.config,
            observer,
        )
        .await
    }

    /// Runs every active flow registered for the event, one after another.
    /// A flow that fails or loops does not stop the next one.
    pub async fn dispatch(
        &self,
        key: EventKey,
        event: impl Into<EventRef<'_>>,
        host: &dyn Host,
        observer: Option<Observer<'_>>,
    ) -> Vec<RunReport> {
        self.dispatch_named(key, None, event, host, observer).await
    }

    /// [`Engine::dispatch`], running only the flows named `flow` when it is
    /// given ([`Engine::flows_named`]): none when no active flow bound to
    /// the event has that name.
    pub async fn dispatch_named(
        &self,
        key: EventKey,
        flow: Option<&str>,
        event: impl Into<EventRef<'_>>,
        host: &dyn Host,
        observer: Option<Observer<'_>>,
    ) -> Vec<RunReport> {
        let event = event.into();
        let mut out = Vec::new();
        // One contact for every flow: derived fields are computed once.
        let contact = EventContact::new(event.contact, self.catalog.contact_enricher());
        for r in self.flows_named(key, flow) {
            out.push(
                self.run_with(&r.program, key, event, &contact, host, observer)
                    .await,
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins() {
        let o = |u: &str| origin_of(u).ok();
        assert_eq!(
            o("https://a.example.com/x?y").as_deref(),
            Some("https://a.example.com")
        );
        assert_eq!(o("http://h:8080").as_deref(), Some("http://h:8080"));
        assert_eq!(o("ftp://h"), None);
        assert_eq!(o("https://user@evil/"), None);
        let c = EngineConfig {
            http_allowlist: vec!["https://api.example.com/".into()],
            ..Default::default()
        };
        assert!(c.http_allowed("https://api.example.com/v1"));
        assert!(!c.http_allowed("https://api.example.com.evil.net/v1"));
    }

    /// The same normalisation as `engineOrigin` in www/adapter/settings.js
    /// (tests/e2e/settings.test.mjs checks the same table there).
    #[test]
    fn origins_are_normalised_as_the_adapter_settings_normalise_them() {
        for (url, origin) in [
            ("https://API.Example.COM", "https://api.example.com"),
            ("HTTPS://api.example.com/v1", "https://api.example.com"),
            ("https://api.example.com:443/", "https://api.example.com"),
            ("https://api.example.com:0443", "https://api.example.com"),
            ("https://api.example.com:", "https://api.example.com"),
            ("http://api.example.com:80?q", "http://api.example.com"),
            ("http://api.example.com:443", "http://api.example.com:443"),
            ("https://api.example.com:80#f", "https://api.example.com:80"),
            (
                "https://api.example.com:08443",
                "https://api.example.com:8443",
            ),
            (
                "https://xn--bcher-kva.example",
                "https://xn--bcher-kva.example",
            ),
            ("https://[::1]:8443/x", "https://[::1]:8443"),
            ("https://[FE80::1]:443", "https://[fe80::1]"),
            ("https://a.example\\path", "https://a.example"),
            ("https://my_host.example", "https://my_host.example"),
        ] {
            assert_eq!(origin_of(url).as_deref(), Ok(origin), "{url}");
        }
        for url in [
            "https://bücher.example",
            "https://user:pw@api.example.com",
            "https://api.example.com:65536",
            "https://api.example.com:12a",
            "https://",
            "https:///api.example.com",
            "https://api example.com",
            "https://%61pi.example.com",
            "https://[::1",
            "https://[::1]x",
            "https://[]",
            "mailto:a@b",
            "",
            "https\u{0}://a.example",
        ] {
            assert!(origin_of(url).is_err(), "{url:?}");
        }
    }

    #[test]
    fn the_allowlist_and_the_request_are_compared_normalised() {
        let c = EngineConfig {
            http_allowlist: vec![
                "HTTPS://API.Example.com:443".into(),
                "http://local.example:8080/".into(),
                "https://bücher.example".into(),
                "https://path.example/v1".into(),
            ],
            ..Default::default()
        };
        for ok in [
            "https://api.example.com/v1",
            "https://api.EXAMPLE.com:443/v1",
            "https://api.example.com:/v1",
            "http://LOCAL.example:8080",
        ] {
            assert!(c.http_allowed(ok), "{ok}");
        }
        for refused in [
            "http://api.example.com/v1",
            "https://api.example.com:8443/v1",
            "http://local.example/",
            // Unicode hosts are refused, never mapped: entry and URL alike.
            "https://bücher.example/",
            "https://xn--bcher-kva.example/",
            // An entry with a path is not an origin: it allows nothing.
            "https://path.example/v1",
        ] {
            assert!(!c.http_allowed(refused), "{refused}");
        }
        assert_eq!(
            allowlist_origin("https://path.example/v1"),
            Err("not an origin alone (it has a path, query or fragment)")
        );
        assert!(allowlist_origin("https://a.example?x").is_err());
        assert_eq!(
            allowlist_origin("https://A.example/").as_deref(),
            Ok("https://a.example")
        );
    }
}
