//! Phone numbers: parsing and formatting with libphonenumber (the
//! `rlibphonenumber` port, built with `regex-lite` to keep the wasm small),
//! and the contact enricher that derives `$.contact`'s phone fields.
//!
//! The adapter uses libphonenumber-js; these helpers give the same shapes:
//! national format `(555) 555-0123`, E.164 `+15555550123`, and the legacy
//! `parse()` result `{phone, country}` where `phone` is the national number.

use ctiflow_engine::catalog::ContactEnricher;
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
    parse_with(text, default_region, |p| p.cloned())
}

/// [`parse`], handing the (cached) result to `f` without copying it.
fn parse_with<R>(
    text: &str,
    default_region: Option<Region>,
    f: impl FnOnce(Option<&Parsed>) -> R,
) -> R {
    let t = text.trim();
    if t.is_empty() || t.len() > MAX_INPUT {
        return f(None);
    }
    CACHE.with(|cell| {
        if let Ok(c) = cell.try_borrow() {
            if let Some((_, _, p)) = c
                .iter()
                .rev()
                .find(|(k, r, _)| k == t && *r == default_region)
            {
                return f(p.as_ref());
            }
        }
        let parsed = parse_uncached(t, default_region);
        let out = f(parsed.as_ref());
        if let Ok(mut c) = cell.try_borrow_mut() {
            if c.len() >= CACHE_SIZE {
                c.pop_front();
            }
            c.push_back((t.to_string(), default_region, parsed));
        }
        out
    })
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
    parse_in_with(text, country_code, |p| p.cloned())
}

/// [`parse_in`], handing the (cached) result to `f` without copying it.
pub fn parse_in_with<R>(text: &str, country_code: &str, f: impl FnOnce(Option<&Parsed>) -> R) -> R {
    let code = if country_code.trim().is_empty() {
        DEFAULT_REGION
    } else {
        country_code
    };
    parse_with(text, region(code), f)
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

/// The fields [`derived_field`] can derive, in the order
/// [`derived_fields`] adds them.
pub const DERIVED_FIELDS: &[&str] = &[
    "phone",
    "country",
    "parsedNumber",
    "formattedNumber",
    "formattedNumberE164",
    "formattedPhoneNumber",
    "queueName",
    "callType",
    "channel",
    "isTransfer",
];

/// The derived fields of a contact snapshot that it does not carry itself
/// (empty when the snapshot is not an object); see [`derived_field`].
pub fn derived_fields(contact: &Value) -> Map<String, Value> {
    DERIVED_FIELDS
        .iter()
        .filter_map(|k| Some((k.to_string(), derived_field(contact, k)?)))
        .collect()
}

/// The contact enricher the catalog gives the engine
/// ([`ctiflow_engine::Catalog::set_contact_enricher`]).
pub const ENRICHER: ContactEnricher = ContactEnricher {
    fields: DERIVED_FIELDS,
    derive: derived_field,
};

/// One derived field of a contact snapshot, when the snapshot lacks it and
/// it can be derived. The engine asks for a field the first time a run reads
/// it, and never copies the snapshot to add them; see docs/host-contract.md.
///
/// From `rawPhoneNumber` (stripped of `sip:` and `@host`, parsed with
/// region US unless it is E.164): `phone` and `country`, `parsedNumber`
/// `{phone, country, number, nationalNumber, countryCallingCode}`,
/// `formattedNumber` (national), `formattedNumberE164`,
/// `formattedPhoneNumber`. A number libphonenumber cannot read is kept as
/// given (stripped) in `phone` and every formatted field, with `country`
/// empty. Also `queueName`, `callType`, `channel` and `isTransfer`.
pub fn derived_field(contact: &Value, key: &str) -> Option<Value> {
    let Value::Object(m) = contact else {
        return None;
    };
    if m.contains_key(key) {
        return None;
    }
    let text = |k: &str| m.get(k).and_then(Value::as_str);
    let s = |t: &str| Some(Value::String(t.to_string()));
    match key {
        "phone"
        | "country"
        | "parsedNumber"
        | "formattedNumber"
        | "formattedNumberE164"
        | "formattedPhoneNumber" => {
            let raw = strip_endpoint(text("rawPhoneNumber")?);
            if raw.is_empty() {
                return None;
            }
            parse_with(raw, region(DEFAULT_REGION), |p| {
                let (nsn, country, e164, national, cc) = match p {
                    Some(p) => (
                        p.nsn.as_str(),
                        p.country.as_str(),
                        p.e164.as_str(),
                        p.national.as_str(),
                        p.calling_code.as_str(),
                    ),
                    None => (raw, "", raw, raw, ""),
                };
                match key {
                    "phone" => s(nsn),
                    "country" => s(country),
                    "formattedNumberE164" => s(e164),
                    "formattedNumber" | "formattedPhoneNumber" => s(national),
                    _ => {
                        let mut parsed = Map::new();
                        parsed.insert("phone".into(), Value::String(nsn.into()));
                        parsed.insert("country".into(), Value::String(country.into()));
                        parsed.insert("number".into(), Value::String(e164.into()));
                        parsed.insert("nationalNumber".into(), Value::String(nsn.into()));
                        parsed.insert("countryCallingCode".into(), Value::String(cc.into()));
                        Some(Value::Object(parsed))
                    }
                }
            })
        }
        "queueName" => s(m.get("queue")?.get("name")?.as_str()?),
        "callType" => {
            let inbound = match (m.get("isInbound"), m.get("initiationMethod")) {
                (Some(Value::Bool(b)), _) => *b,
                (_, Some(Value::String(im))) => im != "outbound",
                _ => return None,
            };
            s(if inbound { "inbound" } else { "outbound" })
        }
        "channel" => s(match text("type")? {
            "voice" | "queue_callback" => "VOICE",
            "chat" => "CHAT",
            "task" => "TASK",
            "email" => "EMAIL",
            _ => return None,
        }),
        "isTransfer" => {
            let by_method = matches!(
                text("initiationMethod"),
                Some("transfer" | "queue_transfer")
            );
            let id = text("contactId");
            let initial = m
                .get("initialContactId")
                .or_else(|| m.get("originalContactId"))
                .and_then(Value::as_str);
            let by_id = matches!((id, initial), (Some(a), Some(b)) if !b.is_empty() && a != b);
            (id.is_some() || by_method).then_some(Value::Bool(by_method || by_id))
        }
        _ => None,
    }
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
