//! Phone numbers: parsing and formatting with libphonenumber (the
//! `rlibphonenumber` port, built with `regex-lite` to keep the wasm small),
//! and the contact enricher that derives `$.contact`'s phone fields.
//!
//! The adapter uses libphonenumber-js; these helpers give the same shapes:
//! national format `(555) 555-0123`, E.164 `+15555550123`, and the legacy
//! `parse()` result `{phone, country}` where `phone` is the national number.

use rlibphonenumber::{enums::Region, PhoneNumberFormat, PHONE_NUMBER_UTIL};
use serde_json::{Map, Value};

/// Longer input is not a phone number; libphonenumber refuses past 250 too.
const MAX_INPUT: usize = 250;

/// The default region when a number has no `+` and the flow names none.
pub const DEFAULT_REGION: &str = "US";

/// A parsed phone number in every rendering the blocks need.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parsed {
    /// `+15555550123`
    pub e164: String,
    /// National format, `(555) 555-0123`.
    pub national: String,
    /// The national significant number, `5555550123`.
    pub nsn: String,
    /// ISO 3166 alpha-2 code (`US`); empty for non-geographic numbers.
    pub country: String,
    /// The country calling code as text (`1`).
    pub calling_code: String,
}

/// A two-letter region code, or `None` when it is not one.
pub fn region(code: &str) -> Option<Region> {
    let c = code.trim();
    if c.len() != 2 || !c.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    Region::from_code(c).ok()
}

/// Strips a Streams endpoint address to the number: `sip:+1555...@host` →
/// `+1555...` (also `tel:` and `sips:`).
pub fn strip_endpoint(raw: &str) -> &str {
    let t = raw.trim();
    let lower_prefix = |p: &str| {
        t.get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p))
            .then(|| &t[p.len()..])
    };
    let t = lower_prefix("sips:")
        .or_else(|| lower_prefix("sip:"))
        .or_else(|| lower_prefix("tel:"))
        .unwrap_or(t);
    match t.find('@') {
        Some(i) => &t[..i],
        None => t,
    }
}

/// How many recent parses [`parse`] remembers.
const CACHE_SIZE: usize = 128;

/// One remembered parse: text, default region, result.
type CacheEntry = (String, Option<Region>, Option<Parsed>);

thread_local! {
    /// Recent parses, newest last. libphonenumber's pattern matching costs
    /// tens of microseconds per number, and the same customer number is
    /// parsed by the enricher and again by blocks on every event of a
    /// contact: remembering the last few turns those into lookups. The engine
    /// is single-threaded (one per page or CLI run), so a thread-local is
    /// the engine's own cache, never shared between sessions' threads.
    static CACHE: std::cell::RefCell<std::collections::VecDeque<CacheEntry>> =
        const { std::cell::RefCell::new(std::collections::VecDeque::new()) };
}

/// Parses a number; `default_region` applies when the text has no `+`.
/// `None` when libphonenumber cannot read it (or it is implausibly long).
pub fn parse(text: &str, default_region: Option<Region>) -> Option<Parsed> {
    let t = text.trim();
    if t.is_empty() || t.len() > MAX_INPUT {
        return None;
    }
    let hit = CACHE.with(|c| {
        c.try_borrow().ok().and_then(|c| {
            c.iter()
                .rev()
                .find(|(k, r, _)| k == t && *r == default_region)
                .map(|(_, _, p)| p.clone())
        })
    });
    if let Some(p) = hit {
        return p;
    }
    let parsed = parse_uncached(t, default_region);
    CACHE.with(|c| {
        if let Ok(mut c) = c.try_borrow_mut() {
            if c.len() >= CACHE_SIZE {
                c.pop_front();
            }
            c.push_back((t.to_string(), default_region, parsed.clone()));
        }
    });
    parsed
}

fn parse_uncached(t: &str, default_region: Option<Region>) -> Option<Parsed> {
    let n = PHONE_NUMBER_UTIL.parse(t, default_region).ok()?;
    let country = n
        .get_region_code()
        .or_else(|| PHONE_NUMBER_UTIL.get_region_for_country_code(n.country_code))
        .filter(|r| *r != Region::World)
        .map(|r| r.to_string())
        .unwrap_or_default();
    Some(Parsed {
        e164: n.format_as(PhoneNumberFormat::E164).into_owned(),
        national: n.format_as(PhoneNumberFormat::National).into_owned(),
        nsn: n.get_national_significant_number(),
        country,
        calling_code: n.country_code.to_string(),
    })
}

/// Parses with a region given as text: empty means [`DEFAULT_REGION`]; a
/// code that is not a region means "no default" (only `+` numbers parse).
pub fn parse_in(text: &str, country_code: &str) -> Option<Parsed> {
    let code = if country_code.trim().is_empty() {
        DEFAULT_REGION
    } else {
        country_code
    };
    parse(text, region(code))
}

/// The contact enricher ([`ctiflow_engine::Catalog::set_contact_enricher`]):
/// fills the derived fields of `$.contact` that the page left out. See
/// docs/host-contract.md. Fields already present are left alone.
pub fn enrich_contact(contact: &mut Value) {
    let derived = derived_fields(contact);
    if let Value::Object(m) = contact {
        m.extend(derived);
    }
}

/// The derived fields of a contact snapshot that it does not carry itself
/// (empty when the snapshot is not an object). The engine calls this lazily,
/// the first time a run reads a `$.contact` field the snapshot lacks, and
/// never copies the snapshot to add them.
///
/// From `rawPhoneNumber` (stripped of `sip:` and `@host`, parsed with
/// region US unless it is E.164): `phone` and `country`, `parsedNumber`
/// `{phone, country, number, nationalNumber, countryCallingCode}`,
/// `formattedNumber` (national), `formattedNumberE164`,
/// `formattedPhoneNumber`. A number libphonenumber cannot read is kept as
/// given (stripped) in `phone` and every formatted field, with `country`
/// empty. Also `queueName`, `callType`, `channel` and `isTransfer`.
pub fn derived_fields(contact: &Value) -> Map<String, Value> {
    let mut out = Map::new();
    let Value::Object(m) = contact else {
        return out;
    };
    let mut set_absent = |key: &str, v: Value| {
        if !m.contains_key(key) {
            out.insert(key.to_string(), v);
        }
    };
    let raw = m
        .get("rawPhoneNumber")
        .and_then(Value::as_str)
        .map(strip_endpoint)
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    if let Some(raw) = raw {
        let p = parse(&raw, region(DEFAULT_REGION));
        let (phone, country, e164, national, cc) = match &p {
            Some(p) => (
                p.nsn.clone(),
                p.country.clone(),
                p.e164.clone(),
                p.national.clone(),
                p.calling_code.clone(),
            ),
            None => (
                raw.clone(),
                String::new(),
                raw.clone(),
                raw.clone(),
                String::new(),
            ),
        };
        let mut parsed = Map::new();
        parsed.insert("phone".into(), Value::String(phone.clone()));
        parsed.insert("country".into(), Value::String(country.clone()));
        parsed.insert("number".into(), Value::String(e164.clone()));
        parsed.insert("nationalNumber".into(), Value::String(phone.clone()));
        parsed.insert("countryCallingCode".into(), Value::String(cc));
        set_absent("phone", Value::String(phone));
        set_absent("country", Value::String(country));
        set_absent("parsedNumber", Value::Object(parsed));
        set_absent("formattedNumber", Value::String(national.clone()));
        set_absent("formattedNumberE164", Value::String(e164));
        set_absent("formattedPhoneNumber", Value::String(national));
    }
    if let Some(q) = m
        .get("queue")
        .and_then(|q| q.get("name"))
        .and_then(Value::as_str)
    {
        let q = q.to_string();
        set_absent("queueName", Value::String(q));
    }
    let inbound = match (m.get("isInbound"), m.get("initiationMethod")) {
        (Some(Value::Bool(b)), _) => Some(*b),
        (_, Some(Value::String(im))) => Some(im != "outbound"),
        _ => None,
    };
    if let Some(b) = inbound {
        set_absent(
            "callType",
            Value::String(if b { "inbound" } else { "outbound" }.into()),
        );
    }
    let channel = match m.get("type").and_then(Value::as_str) {
        Some("voice" | "queue_callback") => Some("VOICE"),
        Some("chat") => Some("CHAT"),
        Some("task") => Some("TASK"),
        Some("email") => Some("EMAIL"),
        _ => None,
    };
    if let Some(c) = channel {
        set_absent("channel", Value::String(c.into()));
    }
    let by_method = matches!(
        m.get("initiationMethod").and_then(Value::as_str),
        Some("transfer" | "queue_transfer")
    );
    let id = m.get("contactId").and_then(Value::as_str);
    let initial = m
        .get("initialContactId")
        .or_else(|| m.get("originalContactId"))
        .and_then(Value::as_str);
    let by_id = matches!((id, initial), (Some(a), Some(b)) if !b.is_empty() && a != b);
    if id.is_some() || by_method {
        set_absent("isTransfer", Value::Bool(by_method || by_id));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn formats_national_and_e164() {
        let p = parse_in("555-555-0123", "US").expect("parses");
        assert_eq!(p.e164, "+15555550123");
        assert_eq!(p.national, "(555) 555-0123");
        assert_eq!(p.nsn, "5555550123");
        assert_eq!(p.country, "US");
        assert_eq!(p.calling_code, "1");
        let uk = parse_in("+44 20 7183 8750", "US").expect("parses");
        assert_eq!(uk.country, "GB");
        assert_eq!(uk.national, "020 7183 8750");
        assert_eq!(uk.nsn, "2071838750");
    }

    #[test]
    fn refuses_what_is_not_a_number() {
        for t in [
            "",
            "anonymous",
            "+",
            "abc@def",
            &"9".repeat(300),
            "\u{0}\u{ffff}",
        ] {
            assert_eq!(parse_in(t, "US"), None, "{t:?}");
        }
        // A bad region means only `+` numbers parse.
        assert_eq!(parse_in("5555550123", "USA"), None);
        assert!(parse_in("+15555550123", "USA").is_some());
    }

    #[test]
    fn strips_sip_addresses() {
        assert_eq!(strip_endpoint("sip:+15555550123@10.0.0.1"), "+15555550123");
        assert_eq!(strip_endpoint("tel:+15555550123"), "+15555550123");
        assert_eq!(strip_endpoint("+15555550123"), "+15555550123");
        assert_eq!(strip_endpoint("SIP:é@x"), "é");
    }

    #[test]
    fn enriches_a_voice_contact() {
        let mut c = json!({
            "contactId": "c2", "initialContactId": "c1", "type": "voice",
            "isInbound": true, "queue": {"name": "BasicQueue"},
            "rawPhoneNumber": "sip:+15555550123@example.com"
        });
        enrich_contact(&mut c);
        assert_eq!(c["phone"], "5555550123");
        assert_eq!(c["country"], "US");
        assert_eq!(
            c["parsedNumber"],
            json!({"phone": "5555550123", "country": "US", "number": "+15555550123",
                   "nationalNumber": "5555550123", "countryCallingCode": "1"})
        );
        assert_eq!(c["formattedNumber"], "(555) 555-0123");
        assert_eq!(c["formattedPhoneNumber"], "(555) 555-0123");
        assert_eq!(c["formattedNumberE164"], "+15555550123");
        assert_eq!(c["queueName"], "BasicQueue");
        assert_eq!(c["callType"], "inbound");
        assert_eq!(c["channel"], "VOICE");
        assert_eq!(c["isTransfer"], true);
    }

    #[test]
    fn enricher_keeps_what_is_there_and_survives_odd_snapshots() {
        let mut c = json!({"rawPhoneNumber": "+15555550123", "phone": "given"});
        enrich_contact(&mut c);
        assert_eq!(c["phone"], "given");
        let mut odd = json!({"rawPhoneNumber": "anonymous", "queue": 3, "type": 7});
        enrich_contact(&mut odd);
        assert_eq!(odd["phone"], "anonymous");
        assert_eq!(odd["country"], "");
        for mut v in [
            json!(null),
            json!([]),
            json!("x"),
            json!({"rawPhoneNumber": 5}),
        ] {
            enrich_contact(&mut v);
        }
        let mut chat = json!({"contactId": "c", "type": "chat", "isInbound": false});
        enrich_contact(&mut chat);
        assert!(chat.get("phone").is_none());
        assert_eq!(chat["callType"], "outbound");
        assert_eq!(chat["channel"], "CHAT");
        assert_eq!(chat["isTransfer"], false);
    }
}
