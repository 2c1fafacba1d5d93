//! The wasm facade (issue 4): placeholder until the crate lands.
#![forbid(unsafe_code)]
