//! Scrubbing session secrets at record time.
//!
//! A recording is a test fixture: it is committed, attached to CI runs and
//! passed around. Auth tokens, session ids and Open CTI / Streams credentials
//! must never be written to it. [`scrub`] replaces the value of every object
//! key that looks like a secret, at any depth, with [`SCRUBBED`].
//!
//! A key is secret when, lower-cased, it contains one of [`SECRET_WORDS`].
//! The match is deliberately broad: a false positive costs a replay that
//! reads `"[scrubbed]"`; a false negative leaks a credential.

use serde_json::Value;

/// What a secret value is replaced with.
pub const SCRUBBED: &str = "[scrubbed]";

/// Substrings (lower case) that make a key secret.
pub const SECRET_WORDS: &[&str] = &[
    "token",
    "secret",
    "password",
    "passwd",
    "session",
    "authorization",
    "credential",
    "cookie",
    "apikey",
    "api_key",
    "api-key",
    "privatekey",
    "private_key",
    "signature",
    "bearer",
    "jwt",
];

// The table below keeps one bit per word.
const _: () = assert!(SECRET_WORDS.len() <= 32);

/// Per lower-case byte, the [`SECRET_WORDS`] (as bits) that start with it.
const FIRST_BYTE: [u32; 256] = {
    let mut t = [0u32; 256];
    let mut i = 0;
    while i < SECRET_WORDS.len() {
        let b = SECRET_WORDS[i].as_bytes()[0] as usize;
        t[b] |= 1 << i;
        i += 1;
    }
    t
};

/// Whether an object key names a secret: one pass over the key, checking
/// only the words that start with the byte at hand (replay checks every key
/// of every call's arguments).
pub fn is_secret_key(key: &str) -> bool {
    let k = key.as_bytes();
    (0..k.len()).any(|i| {
        let mut words = FIRST_BYTE[usize::from(k[i].to_ascii_lowercase())];
        while words != 0 {
            let w = words.trailing_zeros() as usize;
            words &= words - 1;
            let word = SECRET_WORDS.get(w).map_or(&[][..], |w| w.as_bytes());
            if k.get(i..i + word.len())
                .is_some_and(|x| x.eq_ignore_ascii_case(word))
            {
                return true;
            }
        }
        false
    })
}

/// Whether `actual` equals `recorded` once scrubbed (numbers by value), without
/// copying: a secret-keyed value matches the recorded [`SCRUBBED`] marker.
pub fn eq_scrubbed(actual: &Value, recorded: &Value) -> bool {
    match (actual, recorded) {
        (Value::Object(a), Value::Object(r)) => {
            let entry = |k: &str, v: &Value, w: &Value| {
                if is_secret_key(k) {
                    (v.is_null() && w.is_null()) || w == SCRUBBED
                } else {
                    eq_scrubbed(v, w)
                }
            };
            // A replayed call usually builds its arguments in the recorded
            // order: compare side by side, and look keys up only when the
            // order differs.
            a.len() == r.len()
                && if a.keys().zip(r.keys()).all(|(x, y)| x == y) {
                    a.iter().zip(r.values()).all(|((k, v), w)| entry(k, v, w))
                } else {
                    a.iter()
                        .all(|(k, v)| r.get(k).is_some_and(|w| entry(k, v, w)))
                }
        }
        (Value::Array(a), Value::Array(r)) => {
            a.len() == r.len() && a.iter().zip(r).all(|(v, w)| eq_scrubbed(v, w))
        }
        _ => crate::json_eq(actual, recorded),
    }
}

/// Replaces every secret-keyed value (at any depth) with [`SCRUBBED`].
/// Returns how many values were replaced.
pub fn scrub(v: &mut Value) -> usize {
    match v {
        Value::Object(m) => {
            let mut n = 0;
            for (k, item) in m.iter_mut() {
                if is_secret_key(k) {
                    if !(item.is_null() || item == SCRUBBED) {
                        *item = Value::String(SCRUBBED.into());
                        n += 1;
                    }
                } else {
                    n += scrub(item);
                }
            }
            n
        }
        Value::Array(items) => items.iter_mut().map(scrub).sum(),
        _ => 0,
    }
}

/// A scrubbed copy.
pub fn scrubbed(v: &Value) -> Value {
    let mut c = v.clone();
    scrub(&mut c);
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn scrubs_at_any_depth_case_insensitively() {
        let mut v = json!({
            "contactId": "c-1",
            "AuthToken": "abc",
            "nested": [{"x": {"SessionId": "s-9", "keep": 1}}],
            "headers": {"Authorization": "Bearer x", "Cookie": "a=b", "Accept": "json"},
            "oauth_credentials": {"accessKeyId": "AKIA", "secretAccessKey": "zz"},
            "userPassword": "p",
            "sid": null
        });
        assert_eq!(scrub(&mut v), 6);
        assert_eq!(v["contactId"], "c-1");
        assert_eq!(v["AuthToken"], SCRUBBED);
        assert_eq!(v["nested"][0]["x"]["SessionId"], SCRUBBED);
        assert_eq!(v["nested"][0]["x"]["keep"], 1);
        assert_eq!(v["headers"]["Authorization"], SCRUBBED);
        assert_eq!(v["headers"]["Cookie"], SCRUBBED);
        assert_eq!(v["headers"]["Accept"], "json");
        // the whole credential object goes, not just its secret-looking keys
        assert_eq!(v["oauth_credentials"], SCRUBBED);
        assert_eq!(v["userPassword"], SCRUBBED);
        assert!(!v.to_string().contains("AKIA"));
        // idempotent
        assert_eq!(scrub(&mut v), 0);
    }

    #[test]
    fn the_one_pass_check_agrees_with_the_plain_definition() {
        let plain = |key: &str| {
            let k = key.to_ascii_lowercase();
            SECRET_WORDS.iter().any(|w| k.contains(w))
        };
        let keys = [
            "",
            "t",
            "tok",
            "token",
            "xTOKENx",
            "accessToken",
            "searchParams",
            "callType",
            "WhoId",
            "Subject",
            "x-api-key",
            "API_KEY",
            "apikeys",
            "sessionId",
            "jw",
            "myJwt",
            "Authorization",
            "autho",
            "privateKey",
            "private-key",
            "signatures",
            "bearer ",
            "cookies",
            "passwd1",
            "pass",
            "credentials",
            "é_token",
            "sécret",
            "secreT",
        ];
        for k in keys {
            assert_eq!(is_secret_key(k), plain(k), "{k:?}");
        }
    }

    #[test]
    fn arguments_match_in_any_key_order() {
        let recorded = json!({"a": 1, "token": "[scrubbed]", "b": {"x": [1, 2]}});
        for actual in [
            json!({"a": 1.0, "token": "abc", "b": {"x": [1, 2]}}),
            json!({"b": {"x": [1, 2]}, "a": 1, "token": "abc"}),
        ] {
            assert!(eq_scrubbed(&actual, &recorded), "{actual}");
        }
        for actual in [
            json!({"a": 2, "token": "abc", "b": {"x": [1, 2]}}),
            json!({"b": {"x": [2, 1]}, "a": 1, "token": "abc"}),
            json!({"a": 1, "token": "abc"}),
            json!({"a": 1, "tok": "abc", "b": {"x": [1, 2]}}),
        ] {
            assert!(!eq_scrubbed(&actual, &recorded), "{actual}");
        }
    }

    #[test]
    fn ordinary_contact_fields_survive() {
        for k in [
            "contactId",
            "initialContactId",
            "queueARN",
            "agentStateARN",
            "key",
            "statusDuration",
            "rawPhoneNumber",
        ] {
            assert!(!is_secret_key(k), "{k}");
        }
    }
}
