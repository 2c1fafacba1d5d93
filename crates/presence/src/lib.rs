//! Presence sync (issue 5): placeholder until the crate lands.
#![forbid(unsafe_code)]
