//! The prompt of a photo self-check: the step's picture is shown to a text
//! model with the names of the parts that must be in view and those that
//! must not appear yet, between marker lines (so a fake model in tests can
//! find them again and answer that all is well).

use serde_json::{json, Value};

/// The line before the parts lists.
const OPEN: &str = "<parts>";
/// The line after them.
const CLOSE: &str = "</parts>";

/// What a checking model is asked about step `number` titled `title`.
pub fn check_prompt(number: u32, title: &str, in_view: &[String], not_yet: &[String]) -> String {
    let lists = json!({"in_view": in_view, "not_yet": not_yet});
    format!(
        "The image is the picture of step {number} (\"{title}\") of an illustrated build \
         guide. Check it against the step's plan.\n\
         Parts that must be visible (in_view), and parts that belong to later steps and must \
         not appear yet (not_yet):\n{OPEN}\n{lists}\n{CLOSE}\n\
         Answer in JSON: `seen` lists the in_view parts you can see; `missing` the in_view \
         parts you cannot see; `unexpected` the not_yet parts that appear. Use the names \
         exactly as given. Judge by what is shown, not by the style of the picture."
    )
}

/// The lists embedded in `text` by [`check_prompt`]: (in view, not yet).
pub fn embedded_check_lists(text: &str) -> Option<(Vec<String>, Vec<String>)> {
    let start = text.rfind(OPEN)? + OPEN.len();
    let end = start + text[start..].find(CLOSE)?;
    let value: Value = serde_json::from_str(text[start..end].trim()).ok()?;
    let names = |key: &str| -> Vec<String> {
        value[key]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    Some((names("in_view"), names("not_yet")))
}

/// The answer of a model that saw everything in view and nothing early:
/// a fake's default.
pub fn all_well_answer(in_view: &[String]) -> String {
    json!({"seen": in_view, "missing": [], "unexpected": []}).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_read_back() {
        let in_view = vec!["glass jar".to_string()];
        let not_yet = vec!["succulent".to_string()];
        let prompt = check_prompt(2, "Fill", &in_view, &not_yet);
        assert!(prompt.contains("step 2 (\"Fill\")"));
        assert_eq!(
            embedded_check_lists(&prompt),
            Some((in_view.clone(), not_yet))
        );
        assert_eq!(embedded_check_lists("nothing"), None);
        assert!(all_well_answer(&in_view).contains("\"seen\":[\"glass jar\"]"));
    }
}
