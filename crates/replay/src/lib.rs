//! Record and replay (issue 6): placeholder until the crate lands.
#![forbid(unsafe_code)]
