//! A minimal `block_on` for native hosts (CLI, tests, benches), and
//! [`RealTimeCap`], the real-time guard of headless runs.
//!
//! The engine core depends on no async runtime: in the browser the wasm
//! facade turns the engine's futures into JS promises; natively the headless
//! hosts answer at once, so this thread-parking loop is all that is needed.

use crate::host::{Host, HostCall, HostError, HostResult, LocalBoxFuture};
use std::cell::Cell;
use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};
use std::time::{Duration, Instant};

struct ThreadWaker(Thread);

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }
    fn wake_by_ref(self: &Arc<Self>) {
        self.0.unpark();
    }
}

thread_local! {
    /// One waker per thread, made once: block_on runs once per event.
    static WAKER: Waker = Waker::from(Arc::new(ThreadWaker(thread::current())));
}

/// Runs a future to completion on the current thread.
pub fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = pin!(fut);
    let waker = WAKER.with(Waker::clone);
    let mut cx = Context::from_waker(&waker);
    loop {
        match fut.as_mut().poll(&mut cx) {
            Poll::Ready(v) => return v,
            Poll::Pending => thread::park(),
        }
    }
}

/// The error code of a run stopped by [`RealTimeCap`].
pub const REAL_TIME: &str = "REAL_TIME";

/// A headless host with a cap on the real time each event may take
/// (`ctiflow run|replay --max-event-seconds`).
///
/// A headless host's clock is virtual: it moves only on bridge calls and
/// Delay, so the run window never sees a flow that computes for minutes.
/// This wrapper gives the run loop a real clock ([`Host::real_ms`]), so a
/// run busy for [`crate::run::YIELD_AFTER_MS`] of real time asks to yield;
/// the yield checks the time since [`RealTimeCap::begin_event`] and, past
/// the cap, refuses, which stops the run there
/// ([`crate::trace::EndReason::Stopped`], naming the action and its block
/// type). Runs that stay within the cap are untouched: yielding changes
/// nothing in a trace, and the virtual clock the trace shows is the inner
/// host's.
pub struct RealTimeCap<'h, H: Host + ?Sized> {
    inner: &'h H,
    cap: Duration,
    origin: Instant,
    event_start: Cell<Instant>,
    tripped: Cell<bool>,
}

impl<'h, H: Host + ?Sized> RealTimeCap<'h, H> {
    /// `inner`, capped at `cap` of real time per event (the first event
    /// starts now).
    pub fn new(inner: &'h H, cap: Duration) -> Self {
        let now = Instant::now();
        RealTimeCap {
            inner,
            cap,
            origin: now,
            event_start: Cell::new(now),
            tripped: Cell::new(false),
        }
    }

    /// Starts the next event's allowance.
    pub fn begin_event(&self) {
        self.event_start.set(Instant::now());
        self.tripped.set(false);
    }

    /// Whether the current event went over the cap (a run was stopped).
    pub fn tripped(&self) -> bool {
        self.tripped.get()
    }
}

impl<H: Host + ?Sized> Host for RealTimeCap<'_, H> {
    fn call<'a>(&'a self, call: &'a HostCall) -> LocalBoxFuture<'a, HostResult> {
        self.inner.call(call)
    }

    fn now_ms(&self) -> f64 {
        self.inner.now_ms()
    }

    fn sleep(&self, ms: f64) -> LocalBoxFuture<'_, ()> {
        self.inner.sleep(ms)
    }

    fn real_ms(&self) -> Option<f64> {
        Some(self.origin.elapsed().as_secs_f64() * 1000.0)
    }

    fn yield_now(&self) -> LocalBoxFuture<'_, Result<(), HostError>> {
        let r = if self.event_start.get().elapsed() > self.cap {
            self.tripped.set(true);
            Err(HostError::new(
                REAL_TIME,
                format!(
                    "stopped: the event took more than {} s of real time (the cap set by --max-event-seconds)",
                    self.cap.as_secs_f64()
                ),
            ))
        } else {
            Ok(())
        };
        Box::pin(std::future::ready(r))
    }
}
