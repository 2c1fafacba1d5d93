//! What every block file imports.
#![allow(unused_imports)]

pub(crate) use ctiflow_engine::block::{
    Block, BlockError, BlockFuture, BlockOutput, BlockResult, BlockSpec, ControlSpec, Ctx, Family,
    Kind, Outcome, DONE, NO_PORTS, SUCCESS_FAILURE, TRUE_FALSE,
};
pub(crate) use ctiflow_engine::host::Bridge;
pub(crate) use ctiflow_engine::value::{js_number, js_string, number_value, truthy};
pub(crate) use serde_json::{json, Map, Value};
