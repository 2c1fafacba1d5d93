//! Text: String Template, Join Strings, Replace String. Pure blocks: no host
//! calls, and no input makes them panic.

mod join_strings;
mod replace_string;
mod string_template;

pub use join_strings::JoinStrings;
pub use replace_string::ReplaceString;
pub use string_template::StringTemplate;

/// The family's blocks.
pub static BLOCKS: &[&dyn crate::Block] = &[&StringTemplate, &JoinStrings, &ReplaceString];
