//! Event sources and events, with every spelling the adapter uses.
//!
//! Flows are bound to a (source, event) pair outside the flow file (on the
//! adapter's Salesforce record). Exports and people spell the pair in several
//! ways: `VoiceContact.onConnecting`, `Voice Contact / onConnecting`,
//! `Salesforce UI onClickToDial`, `QueueCallbackContact.onIncoming`. All of
//! them parse to one [`EventKey`].

use serde::{Deserialize, Serialize};
use std::fmt;

/// Where an event comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Source {
    /// Adapter start-up.
    Initialization,
    /// Amazon Connect agent (Streams `connect.agent`).
    ConnectAgent,
    /// Voice contacts.
    VoiceContact,
    /// Queued callbacks.
    QueueCallbackContact,
    /// Chat contacts.
    ChatContact,
    /// Task contacts.
    TaskContact,
    /// Salesforce Omni-Channel presence.
    SalesforceAgent,
    /// Salesforce UI (Open CTI listeners).
    SalesforceUi,
    /// The browser page (`beforeunload`).
    Browser,
    /// A CTI Action button in the CCP overlay.
    CtiAction,
}

const VOICE_EVENTS: &[&str] = &[
    "onInit",
    "onIncoming",
    "onPending",
    "onConnecting",
    "onAccepted",
    "onConnected",
    "onMissed",
    "onEnded",
    "onRefresh",
    "onDestroy",
];
const CHAT_EVENTS: &[&str] = &[
    "onInit",
    "onIncoming",
    "onPending",
    "onConnecting",
    "onAccepted",
    "onConnected",
    "onMissed",
    "onEnded",
    "onRefresh",
    "onDestroy",
    "onMessageReceived",
    "onMessageSent",
    "onViewContact",
];
const TASK_EVENTS: &[&str] = &[
    "onInit",
    "onIncoming",
    "onPending",
    "onConnecting",
    "onAccepted",
    "onConnected",
    "onMissed",
    "onEnded",
    "onRefresh",
    "onDestroy",
    "onTransferInitiated",
    "onTransferSucceeded",
    "onTransferFailed",
    "onTaskExpiring",
    "onTaskExpired",
];

impl Source {
    /// Every source.
    pub const ALL: [Source; 10] = [
        Source::Initialization,
        Source::ConnectAgent,
        Source::VoiceContact,
        Source::QueueCallbackContact,
        Source::ChatContact,
        Source::TaskContact,
        Source::SalesforceAgent,
        Source::SalesforceUi,
        Source::Browser,
        Source::CtiAction,
    ];

    /// The display name the adapter guide uses.
    pub fn display(self) -> &'static str {
        match self {
            Source::Initialization => "Initialization",
            Source::ConnectAgent => "Amazon Connect Agent",
            Source::VoiceContact => "Voice Contact",
            Source::QueueCallbackContact => "Queue Callback Contact",
            Source::ChatContact => "Chat Contact",
            Source::TaskContact => "Task Contact",
            Source::SalesforceAgent => "Salesforce Agent",
            Source::SalesforceUi => "Salesforce UI",
            Source::Browser => "Browser",
            Source::CtiAction => "CTI Action",
        }
    }

    /// The events this source fires, canonical spelling.
    pub fn events(self) -> &'static [&'static str] {
        match self {
            Source::Initialization => &["onInit"],
            Source::ConnectAgent => &[
                "onInit",
                "onRefresh",
                "onStateChange",
                "onRoutable",
                "onNotRoutable",
                "onOffline",
                "onError",
                "onAfterCallWork",
            ],
            Source::VoiceContact | Source::QueueCallbackContact => VOICE_EVENTS,
            Source::ChatContact => CHAT_EVENTS,
            Source::TaskContact => TASK_EVENTS,
            Source::SalesforceAgent => &[
                "onStateChange",
                "onLogout",
                "onWorkAccepted",
                "onWorkloadChanged",
            ],
            Source::SalesforceUi => &["onClickToDial", "onNavigationChange", "onHvsWorkStart"],
            Source::Browser => &["onBeforeUnload"],
            Source::CtiAction => &["onAction"],
        }
    }

    /// Parses any known spelling of a source.
    pub fn parse(s: &str) -> Option<Source> {
        let k = norm(s);
        Some(match k.as_str() {
            "initialization" | "init" => Source::Initialization,
            "amazonconnectagent" | "connectagent" | "agent" => Source::ConnectAgent,
            "voicecontact" | "voice" => Source::VoiceContact,
            "queuecallbackcontact" | "queuecallback" | "callbackcontact" | "callback" => {
                Source::QueueCallbackContact
            }
            "chatcontact" | "chat" => Source::ChatContact,
            "taskcontact" | "task" => Source::TaskContact,
            "salesforceagent" | "sfagent" | "omnichannel" => Source::SalesforceAgent,
            "salesforceui" | "sfui" | "salesforce" => Source::SalesforceUi,
            "browser" | "window" => Source::Browser,
            "ctiaction" | "ctiactions" => Source::CtiAction,
            _ => return None,
        })
    }

    /// The canonical spelling of one of this source's events, from any
    /// spelling (case-insensitive; `onMessage` = `onMessageReceived`,
    /// `onContactDestroy` = `onDestroy`, `onbeforeunload` = `onBeforeUnload`).
    pub fn event(self, e: &str) -> Option<&'static str> {
        let mut k = norm(e);
        if !k.starts_with("on") {
            k = format!("on{k}");
        }
        let k = match k.as_str() {
            "onmessage" => "onmessagereceived".to_string(),
            "oncontactdestroy" | "ondestroyed" => "ondestroy".to_string(),
            "onacw" => "onaftercallwork".to_string(),
            "on" if self == Source::CtiAction => "onaction".to_string(),
            _ => k,
        };
        self.events()
            .iter()
            .copied()
            .find(|c| c.eq_ignore_ascii_case(&k))
    }
}

fn norm(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.display())
    }
}

impl Serialize for Source {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.display())
    }
}

impl<'de> Deserialize<'de> for Source {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Source::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown event source `{s}`")))
    }
}

/// A (source, event) pair, canonical.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EventKey {
    /// The source.
    pub source: Source,
    /// The event, canonical spelling.
    pub event: &'static str,
}

/// Why an event name could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct EventError(pub String);

impl EventKey {
    /// A key from a source and an event name, in any known spelling.
    pub fn new(source: &str, event: &str) -> Result<EventKey, EventError> {
        // The page and recordings use the canonical spellings: found without
        // normalising (this runs once per dispatched event).
        let exact = Source::ALL
            .into_iter()
            .find(|s| s.display() == source)
            .and_then(|src| {
                let ev = src.events().iter().copied().find(|e| *e == event)?;
                Some(EventKey {
                    source: src,
                    event: ev,
                })
            });
        if let Some(k) = exact {
            return Ok(k);
        }
        let src = Source::parse(source).ok_or_else(|| {
            EventError(format!(
                "unknown event source `{source}` (known: {})",
                Source::ALL.map(Source::display).join(", ")
            ))
        })?;
        let ev = src.event(event).ok_or_else(|| {
            EventError(format!(
                "`{event}` is not an event of {} (its events: {})",
                src.display(),
                src.events().join(", ")
            ))
        })?;
        Ok(EventKey {
            source: src,
            event: ev,
        })
    }

    /// Parses one string naming both: `VoiceContact.onConnecting`,
    /// `Voice Contact/onConnecting`, `Salesforce UI onClickToDial`,
    /// `CTI Action`.
    pub fn parse(s: &str) -> Result<EventKey, EventError> {
        let s = s.trim();
        if let Some(src) = Source::parse(s) {
            if src == Source::CtiAction {
                return Ok(EventKey {
                    source: src,
                    event: "onAction",
                });
            }
        }
        // Split at the last separator after which the text starts with "on".
        let bytes = s.as_bytes();
        for i in (0..bytes.len()).rev() {
            if matches!(bytes[i], b'/' | b'.' | b' ' | b':') {
                let (a, b) = (&s[..i], s[i + 1..].trim());
                if b.len() > 2 && b.get(..2).is_some_and(|h| h.eq_ignore_ascii_case("on")) {
                    return EventKey::new(a.trim(), b);
                }
            }
        }
        Err(EventError(format!(
            "`{s}` does not name a source and an event (write e.g. `Voice Contact/onConnecting`)"
        )))
    }
}

impl fmt::Display for EventKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.source.display(), self.event)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings() {
        let v = EventKey {
            source: Source::VoiceContact,
            event: "onConnecting",
        };
        for s in [
            "VoiceContact.onConnecting",
            "Voice Contact/onConnecting",
            "voice contact / onconnecting",
            "Voice Contact onConnecting",
        ] {
            assert_eq!(EventKey::parse(s).unwrap(), v, "{s}");
        }
        assert_eq!(
            EventKey::parse("Salesforce UI onClickToDial").unwrap(),
            EventKey {
                source: Source::SalesforceUi,
                event: "onClickToDial"
            }
        );
        assert_eq!(
            EventKey::parse("QueueCallbackContact.onIncoming")
                .unwrap()
                .source,
            Source::QueueCallbackContact
        );
        assert_eq!(
            EventKey::parse("Chat Contact/onMessage").unwrap().event,
            "onMessageReceived"
        );
        assert_eq!(
            EventKey::parse("CTI Action").unwrap().source,
            Source::CtiAction
        );
        assert_eq!(
            EventKey::parse("Browser/onbeforeunload").unwrap().event,
            "onBeforeUnload"
        );
        assert!(EventKey::parse("Voice Contact/onClickToDial").is_err());
        assert!(EventKey::parse("Nowhere/onX").is_err());
        // Multi-byte text around the separator must not panic.
        for odd in ["x/oé", "é/é", "Voice/ö", "/", "", " on", "ééé.onConnecting"] {
            let _ = EventKey::parse(odd);
        }
    }
}
