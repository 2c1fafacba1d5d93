//! The phone lookup shared by Get Salesforce Contact Id and Get Salesforce
//! Lead Id: a SOSL `FIND` over phone fields, then the first record whose
//! phone matches.

use crate::args::is_api_name;
use crate::phone;
use crate::prelude::*;

/// Finds the id of the first `object` record whose phone fields match the
/// number in control `formattedPhoneNumber`, optionally only field
/// `fieldName`. `Ok(Some(id))` on a match, `Ok(None)`-like failures become a
/// `failure` output.
pub(crate) async fn find_by_phone(ctx: &Ctx<'_>, object: &str, result_key: &str) -> BlockResult {
    let text = ctx.string("formattedPhoneNumber");
    let digits = search_digits(&text);
    if digits.is_empty() {
        return Ok(fail(
            "INVALID_PARAM",
            format!("`{text}` holds no phone number to search for"),
        ));
    }
    let field = ctx.string("fieldName").trim().to_string();
    if !field.is_empty() && !is_api_name(&field) {
        return Ok(fail(
            "INVALID_PARAM",
            format!("fieldName `{field}` is not a field API name"),
        ));
    }
    let returning = if field.is_empty() || field == "Id" {
        format!("{object}(Id)")
    } else {
        format!("{object}(Id, {field})")
    };
    let sosl = format!("FIND {{{digits}}} IN PHONE FIELDS RETURNING {returning}");
    let answer = match ctx
        .call(Bridge::SalesforceData, "search", json!({"sosl": sosl}))
        .await
    {
        Ok(v) => v,
        Err(e) => return Ok(BlockOutput::failure(e.to_value())),
    };
    let records = match &answer {
        Value::Array(a) => a.as_slice(),
        Value::Object(m) => m
            .get("searchRecords")
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice),
        _ => &[],
    };
    let found = records.iter().find_map(|r| {
        let id = r
            .get("Id")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())?;
        let type_ok = r
            .get("attributes")
            .and_then(|a| a.get("type"))
            .and_then(Value::as_str)
            .is_none_or(|t| t == object);
        let field_ok = field.is_empty()
            || r.get(&field).is_none_or(|v| {
                let d = only_digits(&js_string(Some(v)));
                !d.is_empty() && (d.ends_with(&digits) || digits.ends_with(&d))
            });
        (type_ok && field_ok).then(|| id.to_string())
    });
    Ok(match found {
        Some(id) => {
            let mut m = Map::new();
            m.insert(result_key.to_string(), Value::String(id));
            BlockOutput::success(Value::Object(m))
        }
        None => fail(
            "NOT_FOUND",
            format!("no {object} has the phone number {digits}"),
        ),
    })
}

fn fail(code: &str, message: String) -> BlockOutput {
    BlockOutput::failure(json!({"code": code, "message": message}))
}

fn only_digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// The digits to search: the national number when libphonenumber reads the
/// text (region US unless E.164), else the text's digits.
pub(crate) fn search_digits(text: &str) -> String {
    match phone::parse_in(text, phone::DEFAULT_REGION) {
        Some(p) => p.nsn,
        None => only_digits(text).chars().take(32).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_digits_are_the_national_number() {
        assert_eq!(search_digits("(555) 555-0123"), "5555550123");
        assert_eq!(search_digits("+15555550123"), "5555550123");
        assert_eq!(search_digits("ext 12"), "12");
        assert_eq!(search_digits("none"), "");
    }
}
