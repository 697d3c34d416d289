//! Fault injection: the ways a real Gemini call goes wrong, and the rules
//! that decide which request meets which.
//!
//! A fault has one short string name, used alike in Rust, in the control
//! endpoint's JSON and on the command line: `server_error`, `unavailable`,
//! `rate_limited`, `bad_request`, `forbidden`, `not_found`, `no_image`,
//! `text_refusal`, `hang`, `prompt_blocked` (or `prompt_blocked:SAFETY`
//! for another block reason), `image_safety`, or any `finishReason` in
//! upper case (`PROHIBITED_CONTENT`, `NO_IMAGE`, `RECITATION`, ...).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// One way for a request to go wrong.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Fault {
    /// HTTP 500 INTERNAL.
    ServerError,
    /// HTTP 503 UNAVAILABLE ("The model is overloaded").
    Unavailable,
    /// HTTP 429 RESOURCE_EXHAUSTED with `QuotaFailure` and `RetryInfo`.
    RateLimited,
    /// HTTP 400 INVALID_ARGUMENT.
    BadRequest,
    /// HTTP 403 PERMISSION_DENIED.
    Forbidden,
    /// HTTP 404 NOT_FOUND.
    NotFound,
    /// HTTP 200 with one candidate that ends with this `finishReason` and
    /// has no parts (`IMAGE_SAFETY`, `PROHIBITED_CONTENT`, `NO_IMAGE`, ...).
    Finish(String),
    /// HTTP 200 with no candidates and `promptFeedback.blockReason` set to
    /// this reason (`PROHIBITED_CONTENT`, `SAFETY`, `OTHER`, ...).
    PromptBlocked(String),
    /// HTTP 200, `finishReason` STOP, but only a text part: the model
    /// talked about the image instead of making it.
    NoImage,
    /// HTTP 200, `finishReason` STOP, and a text part refusing the request.
    TextRefusal,
    /// No answer at all until the client gives up (or the fake stops).
    Hang,
}

/// The block reason `prompt_blocked` uses when none is named.
const DEFAULT_BLOCK_REASON: &str = "PROHIBITED_CONTENT";

/// A fault name that means nothing.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown fault {0:?}: expected server_error, unavailable, rate_limited, bad_request, \
     forbidden, not_found, no_image, text_refusal, hang, image_safety, prompt_blocked[:REASON] \
     or a finishReason in upper case such as PROHIBITED_CONTENT"
)]
pub struct UnknownFault(pub String);

fn is_upper_name(text: &str) -> bool {
    !text.is_empty()
        && text.starts_with(|c: char| c.is_ascii_uppercase())
        && text.chars().all(|c| c.is_ascii_uppercase() || c == '_')
}

impl FromStr for Fault {
    type Err = UnknownFault;

    fn from_str(text: &str) -> Result<Fault, UnknownFault> {
        let fault = match text {
            "server_error" => Fault::ServerError,
            "unavailable" => Fault::Unavailable,
            "rate_limited" => Fault::RateLimited,
            "bad_request" => Fault::BadRequest,
            "forbidden" => Fault::Forbidden,
            "not_found" => Fault::NotFound,
            "no_image" => Fault::NoImage,
            "text_refusal" => Fault::TextRefusal,
            "hang" => Fault::Hang,
            "image_safety" => Fault::Finish("IMAGE_SAFETY".to_string()),
            "prompt_blocked" => Fault::PromptBlocked(DEFAULT_BLOCK_REASON.to_string()),
            _ => match text.strip_prefix("prompt_blocked:") {
                Some(reason) if is_upper_name(reason) => Fault::PromptBlocked(reason.to_string()),
                Some(_) => return Err(UnknownFault(text.to_string())),
                None if is_upper_name(text) && text != "STOP" => Fault::Finish(text.to_string()),
                None => return Err(UnknownFault(text.to_string())),
            },
        };
        Ok(fault)
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fault::ServerError => f.write_str("server_error"),
            Fault::Unavailable => f.write_str("unavailable"),
            Fault::RateLimited => f.write_str("rate_limited"),
            Fault::BadRequest => f.write_str("bad_request"),
            Fault::Forbidden => f.write_str("forbidden"),
            Fault::NotFound => f.write_str("not_found"),
            Fault::NoImage => f.write_str("no_image"),
            Fault::TextRefusal => f.write_str("text_refusal"),
            Fault::Hang => f.write_str("hang"),
            Fault::Finish(reason) if reason == "IMAGE_SAFETY" => f.write_str("image_safety"),
            Fault::Finish(reason) => f.write_str(reason),
            Fault::PromptBlocked(reason) if reason == DEFAULT_BLOCK_REASON => {
                f.write_str("prompt_blocked")
            }
            Fault::PromptBlocked(reason) => write!(f, "prompt_blocked:{reason}"),
        }
    }
}

impl TryFrom<String> for Fault {
    type Error = UnknownFault;

    fn try_from(text: String) -> Result<Fault, UnknownFault> {
        text.parse()
    }
}

impl From<Fault> for String {
    fn from(fault: Fault) -> String {
        fault.to_string()
    }
}

/// When to inject a fault: always, a number of `times` (then the rule is
/// used up), and/or only for prompts containing a substring.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultRule {
    pub fault: Fault,
    /// How many requests this rule still applies to; `None` = forever.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub times: Option<u32>,
    /// Apply only when the request's joined prompt contains this text
    /// (case-sensitive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when_prompt_contains: Option<String>,
}

impl FaultRule {
    /// A rule that applies `fault` to every request.
    pub fn new(fault: Fault) -> FaultRule {
        FaultRule {
            fault,
            times: None,
            when_prompt_contains: None,
        }
    }

    /// Applies the rule to the next `n` matching requests only.
    pub fn times(mut self, n: u32) -> FaultRule {
        self.times = Some(n);
        self
    }

    /// Applies the rule only to prompts that contain `text`.
    pub fn when_prompt_contains(mut self, text: impl Into<String>) -> FaultRule {
        self.when_prompt_contains = Some(text.into());
        self
    }

    fn matches(&self, prompt: &str) -> bool {
        self.times != Some(0)
            && self
                .when_prompt_contains
                .as_deref()
                .is_none_or(|needle| prompt.contains(needle))
    }
}

/// The active rules, in the order they were added; the first that matches
/// a request decides its fault.
#[derive(Clone, Debug, Default)]
pub struct FaultRules {
    rules: Vec<FaultRule>,
}

impl FaultRules {
    pub fn new(rules: Vec<FaultRule>) -> FaultRules {
        FaultRules { rules }
    }

    pub fn add(&mut self, rule: FaultRule) {
        self.rules.push(rule);
    }

    pub fn clear(&mut self) {
        self.rules.clear();
    }

    /// The rules still active.
    pub fn list(&self) -> Vec<FaultRule> {
        self.rules.clone()
    }

    /// The fault for a request with this prompt, if a rule matches; a
    /// counted rule is used once and dropped when used up.
    pub fn take(&mut self, prompt: &str) -> Option<Fault> {
        let index = self.rules.iter().position(|rule| rule.matches(prompt))?;
        let rule = &mut self.rules[index];
        let fault = rule.fault.clone();
        if let Some(times) = rule.times.as_mut() {
            *times -= 1;
            if *times == 0 {
                self.rules.remove(index);
            }
        }
        Some(fault)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for name in [
            "server_error",
            "unavailable",
            "rate_limited",
            "bad_request",
            "forbidden",
            "not_found",
            "no_image",
            "text_refusal",
            "hang",
            "image_safety",
            "prompt_blocked",
            "prompt_blocked:SAFETY",
            "PROHIBITED_CONTENT",
            "NO_IMAGE",
            "RECITATION",
        ] {
            let fault: Fault = name.parse().unwrap();
            assert_eq!(fault.to_string(), name);
        }
        assert_eq!(
            "IMAGE_SAFETY".parse::<Fault>().unwrap(),
            Fault::Finish("IMAGE_SAFETY".into())
        );
    }

    #[test]
    fn nonsense_names_are_refused() {
        for name in [
            "",
            "STOP",
            "Server_Error",
            "prompt_blocked:",
            "prompt_blocked:safety",
            "x",
        ] {
            assert!(name.parse::<Fault>().is_err(), "{name}");
        }
    }

    #[test]
    fn counted_rules_are_used_up_and_conditions_apply() {
        let mut rules = FaultRules::new(vec![
            FaultRule::new(Fault::Hang).when_prompt_contains("slow"),
            FaultRule::new(Fault::Unavailable).times(2),
        ]);
        assert_eq!(rules.take("a slow one"), Some(Fault::Hang));
        assert_eq!(rules.take("fast"), Some(Fault::Unavailable));
        assert_eq!(rules.take("fast"), Some(Fault::Unavailable));
        assert_eq!(rules.take("fast"), None);
        assert_eq!(rules.list().len(), 1);
    }

    #[test]
    fn rules_read_from_json() {
        let rule: FaultRule =
            serde_json::from_str(r#"{"fault":"prompt_blocked:OTHER","times":1}"#).unwrap();
        assert_eq!(
            rule,
            FaultRule::new(Fault::PromptBlocked("OTHER".into())).times(1)
        );
        assert!(serde_json::from_str::<FaultRule>(r#"{"fault":"hang","time":1}"#).is_err());
    }
}
