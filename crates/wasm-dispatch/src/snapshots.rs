//! The event data of a dispatch (`{payload, contact, agent}`), read from JS
//! without redoing work for snapshots that did not change.
//!
//! Snapshots often repeat from one event to the next (the agent's nearly
//! always, the contact's between events of one state). Reading one costs a
//! `JSON.stringify` in JS and a parse in wasm; the memo here skips both when
//! it can show the snapshot is unchanged, and never trusts object identity
//! (the page may mutate a snapshot in place between events):
//!
//! 1. A field whose JSON text is the same as last time is not parsed again.
//! 2. Once a field has repeated, the memo keeps a private copy of it (the
//!    parsed text, each object's keys in order) and compares the next
//!    value against the copy in JS, field by field, before stringifying it.
//!    The comparison says "same" only when `JSON.stringify` would give the
//!    same text: it accepts plain objects (prototype `Object.prototype` or
//!    `null`, no `toJSON`, not an array, a boxed primitive or a raw JSON
//!    value), arrays and JSON primitives (`NaN` and the infinities as
//!    `null`, as JSON writes them). Anything else (a `Date`, a class
//!    instance, a throwing getter) counts as changed and goes through
//!    step 1. A value that compares "changed" but stringifies the same (a
//!    `Date` field, say) stops the copies for that field until its text
//!    changes, so it costs one stringify per event, as before; so does a
//!    text whose keys are not in the order `JSON.parse` gives them back
//!    (integer-like keys first), for which a copy could not tell a
//!    reordering, and a copy that fails to build.
//!
//! Getters run during the comparison, and again in `JSON.stringify` when
//! it finds a change. A snapshot that changes on every event never gets a
//! copy: it costs what it did before the memo (stringify, compare the
//! texts, parse).

use crate::convert::{get, json_string, parse_json, Failure};
use ctiflow_engine::Event;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
// The memo's copy of a snapshot: its JSON text parsed, with each object's
// keys listed in order (the order JSON.stringify writes them in).
class Obj { constructor(k, v) { this.k = k; this.v = v; } }
function copyOf(x) {
  if (x === null || typeof x !== "object") return x;
  if (Array.isArray(x)) return x.map(copyOf);
  const k = Object.keys(x);
  return new Obj(k, k.map((key) => copyOf(x[key])));
}
// No copy (undefined) when the text's keys are not in the order JSON.parse
// gives them back: such a copy could not tell a reordering.
export function snapshotCopy(text) {
  const parsed = JSON.parse(text);
  return JSON.stringify(parsed) === text ? copyOf(parsed) : undefined;
}
const dropped = (x) => x === undefined || typeof x === "function" || typeof x === "symbol";
// Whether JSON.stringify(a) is the text `c` was made from. False when
// unsure: only plain objects, arrays and JSON primitives compare equal.
function same(a, c) {
  if (c === null || typeof c !== "object") {
    return a === c || (c === null && typeof a === "number" && !Number.isFinite(a));
  }
  if (a === null || typeof a !== "object" || typeof a.toJSON === "function") return false;
  if (Array.isArray(c)) {
    if (!Array.isArray(a) || a.length !== c.length) return false;
    for (let i = 0; i < c.length; i++) {
      const x = a[i];
      if (!(c[i] === null && dropped(x)) && !same(x, c[i])) return false;
    }
    return true;
  }
  // A plain object: JSON writes an array, a boxed primitive or a raw JSON
  // value otherwise, whatever its prototype says.
  const p = Object.getPrototypeOf(a);
  if ((p !== Object.prototype && p !== null)
    || Object.prototype.toString.call(a) !== "[object Object]"
    || a[Symbol.toStringTag] !== undefined
    || (typeof JSON.isRawJSON === "function" && JSON.isRawJSON(a))) return false;
  const k = c.k, v = c.v;
  let i = 0;
  for (const key in a) {
    const x = a[key];
    if (dropped(x)) continue;
    if (key !== k[i] || !same(x, v[i])) return false;
    i++;
  }
  return i === k.length;
}
export function sameSnapshot(value, copy) { return same(value, copy); }
"#)]
extern "C" {
    /// The memo's copy of a snapshot, from its JSON text.
    #[wasm_bindgen(catch, js_name = snapshotCopy)]
    fn snapshot_copy(text: &js_sys::JsString) -> Result<JsValue, JsValue>;
    /// Whether `value` would stringify to the text `copy` was made from.
    #[wasm_bindgen(catch, js_name = sameSnapshot)]
    fn same_snapshot(value: &JsValue, copy: &JsValue) -> Result<bool, JsValue>;
}

const FIELDS: [&str; 3] = ["payload", "contact", "agent"];

/// What the memo knows of one field.
struct Field {
    /// Its last JSON text, a JS string (`===` on two of them copies
    /// nothing into wasm); `None` for `undefined`/`null`.
    text: Option<js_sys::JsString>,
    /// The copy it is compared against, once it has repeated.
    copy: Option<JsValue>,
    /// Cleared when the copy said "changed" but the text was the same.
    copyable: bool,
}

impl Default for Field {
    fn default() -> Self {
        Field {
            text: None,
            copy: None,
            copyable: true,
        }
    }
}

impl Field {
    /// The text came again: make a copy to compare the next value against,
    /// or, when there was one and it said "changed", stop making them.
    fn repeated(&mut self) {
        if self.copy.take().is_some() {
            self.copyable = false;
        } else if self.copyable {
            // None when the text's keys are not in JSON.parse's order, or
            // the copy failed to build: no copies for this text.
            self.copy = self
                .text
                .as_ref()
                .and_then(|t| snapshot_copy(t).ok())
                .filter(|c| !c.is_undefined());
            self.copyable = self.copy.is_some() || self.text.is_none();
        }
    }
}

/// How one field of the event compares with the memo.
#[derive(Default)]
enum Seen {
    /// Compared equal to the copy.
    #[default]
    Same,
    /// Stringified to the last text.
    Repeated,
    /// A new text, and its value.
    Changed(Option<js_sys::JsString>, serde_json::Value),
}

/// The last dispatch's event data and what is needed to tell whether the
/// next one differs. See the module docs.
#[derive(Default)]
pub struct Snapshots {
    fields: [Field; 3],
    event: Rc<Event>,
}

impl Snapshots {
    /// The event for `input` (`{payload, contact, agent}`), reusing what
    /// did not change. A snapshot that is not JSON (a cycle, a BigInt) or
    /// does not parse is an error naming it, and the memo is left as it was.
    pub fn event(cell: &RefCell<Snapshots>, input: &JsValue) -> Result<Rc<Event>, Failure> {
        let values = FIELDS.map(|f| get(input, f));
        // Reentrant dispatch (a getter or `toJSON` of a snapshot that
        // dispatches while it is read): read afresh.
        let Ok(mut memo) = cell.try_borrow_mut() else {
            let read =
                |i: usize| parse_json(json_string(&values[i], FIELDS[i])?.as_ref(), FIELDS[i]);
            return Ok(Rc::new(Event {
                payload: read(0)?,
                contact: read(1)?,
                agent: read(2)?,
            }));
        };
        // Read all three first: an error leaves the memo as it was.
        let mut seen: [Seen; 3] = Default::default();
        for ((field, value), (seen, what)) in memo
            .fields
            .iter()
            .zip(&values)
            .zip(seen.iter_mut().zip(FIELDS))
        {
            if let Some(copy) = &field.copy {
                if same_snapshot(value, copy).unwrap_or(false) {
                    continue;
                }
            }
            let text = json_string(value, what)?;
            *seen = if text == field.text {
                Seen::Repeated
            } else {
                let parsed = parse_json(text.as_ref(), what)?;
                Seen::Changed(text, parsed)
            };
        }
        let Snapshots { fields, event } = &mut *memo;
        for (i, (field, seen)) in fields.iter_mut().zip(seen).enumerate() {
            match seen {
                Seen::Same => {}
                Seen::Repeated => field.repeated(),
                Seen::Changed(text, value) => {
                    *field = Field {
                        text,
                        ..Field::default()
                    };
                    // Copies the old event only when a running dispatch
                    // still holds it.
                    let event = Rc::make_mut(event);
                    let slot = match i {
                        0 => &mut event.payload,
                        1 => &mut event.contact,
                        _ => &mut event.agent,
                    };
                    *slot = value;
                }
            }
        }
        Ok(memo.event.clone())
    }
}
