//! Catalog-wide: no block panics on any input, leaves by a port it does not
//! declare, or makes a bridge call its spec does not list. Every control of
//! every block is fed odd values (through a magic string, so validation lets
//! them pass), against odd contact and agent snapshots and a host that
//! answers every call with odd values or errors. (The catalog's static
//! invariants — unique ids, names from block-list.tsv, real bridges — are in
//! `blocks/tests/catalog.rs`.)

use crate::testing::*;

fn odd_values() -> Vec<Value> {
    vec![
        json!(null),
        json!(true),
        json!(false),
        json!(0),
        json!(-1.5e300),
        json!(""),
        json!("null"),
        json!("x".repeat(200_000)),
        json!("+".repeat(300)),
        json!("é\u{0}\u{202e}🙂[0]..$.a"),
        json!([]),
        json!([null, {"a": [1]}]),
        json!({}),
        json!({"Id": 5, "recordId": [], "value": {"x": null}}),
        json!(-0.0),
        json!(i64::MIN),
        json!(u64::MAX),
        json!("1e999"),
        json!("NaN"),
        json!("/(/g"),
        json!("/x*/g"),
        json!("$&$1$<n>$"),
        json!("{{a}}${b}{{"),
        json!("[YYYY"),
        json!("+99:99"),
        json!("x'y\\"),
        json!({"status": "500", "body": {"x": 1}}),
    ]
}

fn odd_contacts() -> Vec<Value> {
    vec![
        json!(null),
        json!({}),
        json!({"attributes": [1, 2], "rawPhoneNumber": 5, "queue": "q", "type": null, "isInbound": "yes"}),
        json!({"attributes": {"a": null}, "rawPhoneNumber": "sip:@", "contactId": 7, "initialContactId": []}),
        json!({"type": "voice", "isConnected": true, "rawPhoneNumber": "x".repeat(100_000)}),
    ]
}

#[test]
fn no_block_panics_on_odd_inputs() {
    let e = engine();
    let specs: Vec<_> = e.catalog().specs().collect();
    let values = odd_values();
    let contacts = odd_contacts();
    for (i, v) in values.iter().enumerate() {
        let answer = if i % 3 == 0 {
            json!({"error": {"code": "ODD", "message": "odd"}})
        } else {
            json!({"ok": v})
        };
        let mut answers = serde_json::Map::new();
        for b in [
            "agent",
            "contact",
            "salesforceUi",
            "salesforceData",
            "omni",
            "platform",
            "adapterUi",
        ] {
            answers.insert(format!("{b}.*"), answer.clone());
        }
        let h = host_with(json!({"answers": answers}));
        let contact = contacts[i % contacts.len()].clone();
        for spec in &specs {
            if spec.type_id == "SE_End" || spec.type_id == "SE_Start" {
                continue;
            }
            let controls: serde_json::Map<String, Value> = spec
                .controls
                .iter()
                .map(|c| (c.name.to_string(), json!("$.payload.v")))
                .collect();
            let event = Event {
                payload: json!({"v": v}),
                contact: contact.clone(),
                agent: if i % 2 == 0 {
                    json!(null)
                } else {
                    json!({"dialableCountries": v})
                },
            };
            let r = run_block_with(spec.type_id, Value::Object(controls), event, &h);
            // A block may end the run with an error, but never panic, and
            // every error names the action and the block type.
            if let Some(err) = r.report.error() {
                assert_eq!(err.action, "b");
                assert_eq!(err.block_type, spec.type_id);
            }
            assert!(
                r.outcome.is_some() || !r.report.end.is_normal(),
                "{}",
                spec.type_id
            );
            if let Some(o) = r.outcome {
                assert!(
                    spec.ports.contains(&o),
                    "{} left by undeclared port {o:?}",
                    spec.type_id
                );
            }
            for c in &r.calls {
                assert!(
                    spec.calls.contains(&c.key().as_str()) || c.key() == "platform.sleep",
                    "{} made unlisted call {}",
                    spec.type_id,
                    c.key()
                );
            }
        }
    }
}
