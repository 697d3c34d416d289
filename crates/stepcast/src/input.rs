//! Reading request files, with errors that name the file, line and field.

use std::io::Read;
use std::path::Path;

use anyhow::{anyhow, Context};
use plan::request::{self, GuideRequest, RequestError};

/// Reads and validates a request file. JSON unless the name ends in `.yaml`
/// or `.yml`.
pub fn read_request(path: &Path) -> anyhow::Result<GuideRequest> {
    let text = if path.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("reading standard input")?;
        text
    } else {
        std::fs::read_to_string(path).with_context(|| format!("{}: cannot read", path.display()))?
    };
    let yaml = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
    let parsed = if yaml {
        request::parse_yaml(&text)
    } else {
        match dev_set_request(&text) {
            Some(value) => GuideRequest::from_value(value).map_err(under_request),
            None => request::parse_json(&text),
        }
    };
    parsed.map_err(|err| describe(path, &text, &err))
}

/// A development-set project (`{"request": ..., "expect": ...}`) is read as
/// its request, so a labelled project can be planned and rendered as it is.
fn dev_set_request(text: &str) -> Option<serde_json::Value> {
    let serde_json::Value::Object(mut object) = serde_json::from_str(text).ok()? else {
        return None;
    };
    if !object.contains_key("expect") {
        return None;
    }
    object.remove("request")
}

/// Field errors of a dev-set project's request point into its `request`.
fn under_request(err: RequestError) -> RequestError {
    match err {
        RequestError::Invalid(errors) => RequestError::Invalid(
            errors
                .into_iter()
                .map(|mut e| {
                    e.path = format!("request.{}", e.path);
                    e
                })
                .collect(),
        ),
        other => other,
    }
}

/// `FILE:LINE:COLUMN: message` for syntax errors; one line per field error,
/// with the line of the field when it can be found.
pub fn describe(path: &Path, text: &str, err: &RequestError) -> anyhow::Error {
    let file = path.display();
    match err {
        RequestError::Syntax {
            line,
            column,
            message,
        } => anyhow!("{file}:{line}:{column}: {message}"),
        RequestError::Invalid(errors) => {
            let lines: Vec<String> = errors
                .iter()
                .map(|e| match line_of(text, &e.path) {
                    Some(line) => format!("{file}:{line}: {e}"),
                    None => format!("{file}: {e}"),
                })
                .collect();
            anyhow!("{}", lines.join("\n"))
        }
    }
}

/// The line where a field's last key appears, found by walking the path's
/// keys through the text in order. A best effort for pointing a person at
/// the right place; `None` when the keys cannot be followed.
fn line_of(text: &str, path: &str) -> Option<usize> {
    let mut offset = 0;
    let mut found = false;
    for segment in path.split('.') {
        let (key, indices) = match segment.find('[') {
            Some(i) => (&segment[..i], &segment[i..]),
            None => (segment, ""),
        };
        if !key.is_empty() {
            let rest = text.get(offset..)?;
            let at = [format!("\"{key}\""), format!("{key}:")]
                .iter()
                .filter_map(|needle| rest.find(needle.as_str()))
                .min()?;
            offset += at;
            found = true;
        }
        for index in indices.split('[').filter(|s| !s.is_empty()) {
            let n: usize = index.trim_end_matches(']').parse().ok()?;
            offset = nth_item(text, offset, n)?;
        }
    }
    found.then(|| text[..offset].matches('\n').count() + 1)
}

/// The offset of the n-th item of the list that starts after `offset`:
/// counts `{` at the list's depth (JSON) or `- ` items (YAML).
fn nth_item(text: &str, offset: usize, n: usize) -> Option<usize> {
    let rest = text.get(offset..)?;
    if let Some(open) = rest
        .find('[')
        .filter(|&i| !rest[..i].contains('\n') || rest[..i].trim_end().ends_with(':'))
    {
        let mut depth = 0usize;
        let mut item = 0usize;
        let mut in_string = false;
        let mut escaped = false;
        for (i, c) in rest[open..].char_indices() {
            if in_string {
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => in_string = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '"' => in_string = true,
                '[' | '{' => {
                    depth += 1;
                    if depth == 2 && c == '{' {
                        if item == n {
                            return Some(offset + open + i);
                        }
                        item += 1;
                    }
                }
                ']' | '}' => {
                    depth = depth.checked_sub(1)?;
                    if depth == 0 {
                        return None;
                    }
                }
                _ => {}
            }
        }
        return None;
    }
    let mut line_start = offset + rest.find('\n')? + 1;
    let mut item = 0;
    let mut item_indent = None;
    while line_start < text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i);
        let line = &text[line_start..line_end];
        let indent = line.len() - line.trim_start().len();
        if line.trim_start().starts_with("- ") {
            match item_indent {
                None => item_indent = Some(indent),
                Some(i) if i != indent => {
                    line_start = line_end + 1;
                    continue;
                }
                _ => {}
            }
            if item == n {
                return Some(line_start);
            }
            item += 1;
        }
        line_start = line_end + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_line_of_a_json_field() {
        let text = "{\n  \"title\": \"x\",\n  \"steps\": [\n    {\"title\": \"a\"},\n    {\"title\": \"\"}\n  ]\n}\n";
        assert_eq!(line_of(text, "steps[1].title"), Some(5));
        assert_eq!(line_of(text, "title"), Some(2));
    }

    #[test]
    fn finds_the_line_of_a_yaml_field() {
        let text = "title: x\nsteps:\n  - title: a\n  - title: ''\n    description: b\n";
        assert_eq!(line_of(text, "steps[1].title"), Some(4));
    }

    #[test]
    fn unknown_paths_have_no_line() {
        assert_eq!(line_of("{}", "steps[4].title"), None);
    }
}
