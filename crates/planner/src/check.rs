//! Checking a model's answer: the JSON parsed into a [`Plan`] and checked
//! by the same validator as a plan written by hand, against the request it
//! was written for. Each error names where in the plan it is
//! (`steps[2].ops[0].part`), in words a model can act on.

use plan::{GuideRequest, Plan};

/// The plan in `text`, or every reason it is not a valid plan for
/// `request`.
pub fn check_answer(request: &GuideRequest, text: &str) -> Result<Plan, Vec<String>> {
    let json = strip_fences(text);
    let mut value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| vec![format!("the answer: {e}")])?;
    drop_nulls(&mut value);
    let mut plan: Plan = serde_path_to_error::deserialize(value).map_err(|e| {
        let at = e.path().to_string();
        let at = if at == "." {
            String::from("the answer")
        } else {
            at
        };
        vec![format!("{at}: {}", e.inner())]
    })?;
    // The title is the request's, whatever the model made of it.
    plan.title = request.title.clone();
    let mut checked = request.clone();
    checked.plan = Some(plan.clone());
    match checked.validate() {
        Ok(()) => Ok(plan),
        Err(error) => Err(error
            .field_errors()
            .iter()
            .map(|e| {
                let at = e.path.strip_prefix("plan.").unwrap_or(&e.path);
                format!("{at}: {}", e.message)
            })
            .collect()),
    }
}

/// Removes every object member whose value is `null`. A strict JSON
/// schema (OpenAI's) makes every field required and the optional ones
/// nullable, so "not given" arrives as `null`; the plan format says it by
/// leaving the field out.
fn drop_nulls(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(object) => {
            object.retain(|_, v| !v.is_null());
            object.values_mut().for_each(drop_nulls);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(drop_nulls),
        _ => {}
    }
}

/// The JSON inside a Markdown code fence, if the model wrapped it in one
/// despite JSON mode.
fn strip_fences(text: &str) -> &str {
    let trimmed = text.trim();
    let Some(rest) = trimmed.strip_prefix("```") else {
        return trimmed;
    };
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_alphanumeric());
    rest.strip_suffix("```").unwrap_or(rest).trim()
}

#[cfg(test)]
mod tests {
    use super::*;
    use plan::request::StepText;

    fn request() -> GuideRequest {
        GuideRequest {
            title: "Jar vase".into(),
            materials: vec!["glass jar".into()],
            steps: vec![
                StepText::new("Paint", "Paint the glass jar blue."),
                StepText::new("Fill", "Fill the jar with water."),
            ],
            ..GuideRequest::default()
        }
    }

    #[test]
    fn the_extractors_plan_passes_and_a_fenced_one_too() {
        let json = serde_json::to_string(&extract::plan_for(&request())).unwrap();
        assert!(check_answer(&request(), &json).is_ok());
        let fenced = format!("```json\n{json}\n```");
        assert!(check_answer(&request(), &fenced).is_ok());
    }

    #[test]
    fn nulls_read_as_fields_left_out() {
        let mut value = serde_json::to_value(extract::plan_for(&request())).unwrap();
        value["unresolved"] = serde_json::Value::Null;
        value["parts"][0]["placement"] = serde_json::json!({"relation": "on", "target": null});
        value["steps"][0]["tools"] = serde_json::Value::Null;
        assert!(check_answer(&request(), &value.to_string()).is_ok());
    }

    #[test]
    fn errors_name_where_they_are() {
        let errors = check_answer(&request(), "{\"title\": 3}").unwrap_err();
        assert!(errors[0].starts_with("title:"), "{errors:?}");
        let errors = check_answer(&request(), "not json").unwrap_err();
        assert!(errors[0].starts_with("the answer:"), "{errors:?}");

        let mut plan = extract::plan_for(&request());
        plan.steps.pop();
        let errors = check_answer(&request(), &serde_json::to_string(&plan).unwrap()).unwrap_err();
        assert!(errors.iter().any(|e| e.starts_with("steps:")), "{errors:?}");

        let mut plan = extract::plan_for(&request());
        plan.steps[1].number = 7;
        plan.parts[0].id = "Bad Id".into();
        let errors = check_answer(&request(), &serde_json::to_string(&plan).unwrap()).unwrap_err();
        assert!(
            errors.iter().any(|e| e.starts_with("parts[0].id:")),
            "{errors:?}"
        );
        assert!(errors.iter().any(|e| e.contains("steps[1]")), "{errors:?}");
    }
}
