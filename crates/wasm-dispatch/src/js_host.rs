//! [`JsHost`]: the engine's [`Host`] over a JS bridges object
//! `{call(bridge, method, args) → value | Promise, now() → ms}`
//! (`www/shared/bridges.js` builds the real one).
//!
//! - A bridge call that returns a plain value answers at once, with no timer
//!   and no promise (instant bridges cost one JS call).
//! - A returned promise is awaited, raced against a per-call timeout
//!   (default 10 s) so that a Streams callback that never arrives cannot
//!   freeze a run; the timer is cleared as soon as the call settles.
//! - A synchronous throw or a rejection becomes a [`HostError`]: an object
//!   with `code`/`message`/`details` keeps them, an `Error` gives its name
//!   and message, anything else is stringified.
//! - `sleep` is a `setTimeout` (window or worker: the global one).
//! - Timer delays (the call timeout, `sleep`) are clamped to
//!   [`MAX_TIMER_MS`] (2^31 - 1 ms, 24.8 days): browsers read a longer delay
//!   as a 32-bit integer, and it wraps to an immediate timer.
//! - `yield_now` (a run busy for 8 ms hands the page its turn) is a message
//!   on a `MessageChannel`: a fresh macrotask, so timers, input and
//!   rendering run before the run goes on. Not `setTimeout(0)`: nested
//!   timers are clamped to 4 ms (measured in Chromium: 4.2 ms a yield
//!   against 0.03 ms by message), and hidden pages' timers to 1 s or more.
//! - `real_ms`, the clock a run's busy time is measured on, is
//!   `performance.now()`: monotonic, whatever the bridges' `now()` (the
//!   platform clock the flows read, `Date.now` by default) does when the
//!   system clock is set. `Date.now` only where there is no `performance`.
//!
//! [`PageYield`] gives any host (the lab's scripted one) the same yield
//! and clock, so that its runs cannot freeze the page either.

use crate::convert::{describe, get, js_str, to_json};
use ctiflow_engine::host::LocalBoxFuture;
use ctiflow_engine::{Host, HostCall, HostError, HostResult};
use js_sys::{Array, Function, Promise};
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(inline_js = "let ch = null; const waiting = [];
const perf = typeof performance === 'object' && performance !== null &&
  typeof performance.now === 'function' ? performance : null;
export function realMs() { return perf !== null ? perf.now() : Date.now(); }
export function macrotask() {
  return new Promise((resolve) => {
    // Node: a message posted from a port's handler is handled in the same
    // turn, before timers and I/O, and a port with a listener keeps the
    // process alive; setImmediate lets timers run and the process end.
    if (typeof setImmediate === 'function') { setImmediate(resolve); return; }
    if (typeof MessageChannel !== 'function') { setTimeout(resolve, 0); return; }
    if (ch === null) {
      ch = new MessageChannel();
      ch.port1.onmessage = () => { const r = waiting.shift(); if (r) r(); };
    }
    waiting.push(resolve);
    ch.port2.postMessage(0);
  });
}")]
extern "C" {
    /// A promise resolved in a fresh macrotask (one message on a shared
    /// `MessageChannel`; `setTimeout(0)` where there is none).
    fn macrotask() -> Promise;
    /// `performance.now()` (`Date.now()` where there is no `performance`).
    #[wasm_bindgen(js_name = realMs)]
    fn real_ms_js() -> f64;
}

/// The page's monotonic clock, in ms: `performance.now()`, or `Date.now()`
/// where there is no `performance`.
pub fn real_ms() -> f64 {
    real_ms_js()
}

/// Hands the page its turn: resolves in a fresh macrotask (one message on
/// a shared `MessageChannel`), so timers, input and rendering run first.
pub fn yield_to_page() -> LocalBoxFuture<'static, Result<(), HostError>> {
    let p = macrotask();
    Box::pin(async move {
        let _ = JsFuture::from(p).await;
        Ok(())
    })
}

/// The longest delay a browser timer takes: a longer one is read as a
/// 32-bit integer and wraps (2^31 ms fires at once).
pub const MAX_TIMER_MS: f64 = 2_147_483_647.0;

/// A timer delay: `ms` clamped to `0..=MAX_TIMER_MS` (NaN: 0).
pub fn timer_delay(ms: f64) -> f64 {
    if ms > 0.0 {
        ms.min(MAX_TIMER_MS)
    } else {
        0.0
    }
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(cb: &Function, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

/// The default per-call timeout.
pub const DEFAULT_CALL_TIMEOUT_MS: f64 = 10_000.0;

/// A host over a JS bridges object.
#[derive(Clone)]
pub struct JsHost {
    target: JsValue,
    call: Function,
    now: Option<Function>,
    timeout_ms: f64,
}

impl JsHost {
    /// Reads a bridges object: `call` must be a function, `now` may be.
    pub fn from_js(bridges: &JsValue, timeout_ms: f64) -> Result<JsHost, String> {
        let call = get(bridges, "call").dyn_into::<Function>().map_err(|_| {
            "bridges.call must be a function (bridge, method, args) → Promise".to_string()
        })?;
        let now = get(bridges, "now").dyn_into::<Function>().ok();
        Ok(JsHost {
            target: bridges.clone(),
            call,
            now,
            timeout_ms,
        })
    }
}

/// Clears the timeout when the call settles or the run is dropped, so that
/// the closure is never called after it is freed.
struct Timer {
    id: JsValue,
    _cb: Closure<dyn FnMut()>,
}

impl Drop for Timer {
    fn drop(&mut self) {
        clear_timeout(&self.id);
    }
}

/// A promise rejected with `marker` after `ms` ([`timer_delay`]), and the
/// timer that does it.
fn timeout(ms: f64, marker: JsValue) -> (Promise, Timer) {
    let ms = timer_delay(ms);
    let mut reject_fn: Option<Function> = None;
    let p = Promise::new(&mut |_resolve, reject| reject_fn = Some(reject));
    let cb = Closure::<dyn FnMut()>::new(move || {
        if let Some(r) = &reject_fn {
            let _ = r.call1(&JsValue::UNDEFINED, &marker);
        }
    });
    let id = set_timeout(cb.as_ref().unchecked_ref(), ms);
    (p, Timer { id, _cb: cb })
}

fn is_thenable(v: &JsValue) -> bool {
    v.is_object() && get(v, "then").is_function()
}

/// A thrown or rejected JS value as a host error.
pub fn host_error(v: &JsValue) -> HostError {
    let text = |k: &str| get(v, k).as_string();
    if v.is_object() {
        let is_error = v.is_instance_of::<js_sys::Error>();
        let code = text("code")
            .or_else(|| is_error.then(|| text("name")).flatten())
            .unwrap_or_else(|| "ERROR".into());
        let message = text("message").unwrap_or_else(|| describe(v));
        let details = get(v, "details");
        let details = if is_error {
            Value::Null
        } else {
            to_json(&details, "details").unwrap_or(Value::Null)
        };
        return HostError {
            code,
            message,
            details,
        };
    }
    HostError::new("ERROR", describe(v))
}

fn answer(v: &JsValue) -> HostResult {
    to_json(v, "the bridge answer").map_err(|f| HostError::new("BAD_ANSWER", f.message))
}

impl Host for JsHost {
    fn call<'a>(&'a self, call: &'a HostCall) -> LocalBoxFuture<'a, HostResult> {
        let args = match crate::convert::to_js(&call.args) {
            Ok(a) => a,
            Err(f) => {
                return Box::pin(std::future::ready(Err(HostError::new(
                    "BAD_ARGS", f.message,
                ))))
            }
        };
        let returned = self.call.call3(
            &self.target,
            &js_str(call.bridge.as_str()),
            &js_str(&call.method),
            &args,
        );
        let returned = match returned {
            Err(thrown) => return Box::pin(std::future::ready(Err(host_error(&thrown)))),
            Ok(v) if !is_thenable(&v) => return Box::pin(std::future::ready(answer(&v))),
            Ok(v) => v,
        };
        let ms = timer_delay(self.timeout_ms);
        let key = call.key();
        Box::pin(async move {
            let p = Promise::resolve(&returned);
            let marker: JsValue = js_sys::Object::new().into();
            let (t, timer) = timeout(ms, marker.clone());
            let raced = Promise::race(&Array::of2(&p, &t));
            let settled = JsFuture::from(raced).await;
            drop(timer);
            match settled {
                Ok(v) => answer(&v),
                Err(e) if e == marker => Err(HostError::new(
                    "TIMEOUT",
                    format!("{key} did not answer within {ms} ms"),
                )),
                Err(e) => Err(host_error(&e)),
            }
        })
    }

    fn now_ms(&self) -> f64 {
        self.now
            .as_ref()
            .and_then(|f| f.call0(&self.target).ok())
            .and_then(|v| v.as_f64())
            .filter(|n| n.is_finite())
            .unwrap_or_else(js_sys::Date::now)
    }

    fn sleep(&self, ms: f64) -> LocalBoxFuture<'_, ()> {
        sleep(ms)
    }

    fn real_ms(&self) -> Option<f64> {
        Some(real_ms())
    }

    fn yield_now(&self) -> LocalBoxFuture<'_, Result<(), HostError>> {
        yield_to_page()
    }
}

/// A host whose runs yield to the page as [`JsHost`]'s do: `H` answers the
/// calls and keeps the platform clock (a scripted host's virtual one), busy
/// time is measured on [`real_ms`], and a busy run awaits
/// [`yield_to_page`]. The flow lab's `runFlow` runs on it. The second field
/// is an `AbortSignal` (or `undefined`): once it is aborted, the run stops
/// at its next yield (`runEnd` reason `stopped`: "the run was cancelled by
/// the page"), so a run the page no longer wants does not go on computing.
pub struct PageYield<H>(pub H, pub JsValue);

impl<H: Host> Host for PageYield<H> {
    fn call<'a>(&'a self, call: &'a HostCall) -> LocalBoxFuture<'a, HostResult> {
        self.0.call(call)
    }

    fn now_ms(&self) -> f64 {
        self.0.now_ms()
    }

    fn sleep(&self, ms: f64) -> LocalBoxFuture<'_, ()> {
        self.0.sleep(ms)
    }

    fn real_ms(&self) -> Option<f64> {
        Some(real_ms())
    }

    fn yield_now(&self) -> LocalBoxFuture<'_, Result<(), HostError>> {
        let turn = yield_to_page();
        Box::pin(async move {
            turn.await?;
            if get(&self.1, "aborted").as_bool() == Some(true) {
                return Err(HostError::new(
                    "CANCELLED",
                    "the run was cancelled by the page (its signal was aborted)",
                ));
            }
            Ok(())
        })
    }
}

/// Waits `ms` ([`timer_delay`]) on the global `setTimeout`.
pub fn sleep(ms: f64) -> LocalBoxFuture<'static, ()> {
    let ms = timer_delay(ms);
    let p = Promise::new(&mut |resolve, _reject| {
        // Called exactly once by the timer, which frees it.
        let cb = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        });
        set_timeout(cb.unchecked_ref(), ms);
    });
    Box::pin(async move {
        let _ = JsFuture::from(p).await;
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timer_delays_are_clamped_to_what_a_browser_timer_takes() {
        for (ms, delay) in [
            (0.0, 0.0),
            (-5.0, 0.0),
            (f64::NAN, 0.0),
            (f64::NEG_INFINITY, 0.0),
            (1.5, 1.5),
            (10_000.0, 10_000.0),
            (2_147_483_647.0, 2_147_483_647.0),
            (2_147_483_648.0, 2_147_483_647.0),
            (4_294_967_296.0, 2_147_483_647.0),
            (1e300, 2_147_483_647.0),
            (f64::INFINITY, 2_147_483_647.0),
        ] {
            assert_eq!(timer_delay(ms), delay, "{ms}");
        }
    }
}
