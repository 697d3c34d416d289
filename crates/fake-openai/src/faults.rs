//! Fault injection: the ways a real OpenAI call goes wrong, and the rules
//! that decide which request meets which.
//!
//! A fault has one short name, used alike in Rust, in the control
//! endpoint's JSON and on the command line: `rate_limited`,
//! `insufficient_quota`, `server_error`, `unavailable`,
//! `moderation_blocked` and `hang`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::log::Endpoint;

/// One way for a request to go wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Fault {
    /// 429 `rate_limit_exceeded` with `retry-after` (worth a retry).
    RateLimited,
    /// 429 `insufficient_quota` (not worth a retry).
    InsufficientQuota,
    /// 500 `server_error`.
    ServerError,
    /// 503 "The engine is currently overloaded".
    Unavailable,
    /// 400 `moderation_blocked`: the safety system refused the prompt.
    ModerationBlocked,
    /// No answer at all until the client gives up (or the fake stops).
    Hang,
}

/// Every fault, for listings and help texts.
pub const FAULTS: [Fault; 6] = [
    Fault::RateLimited,
    Fault::InsufficientQuota,
    Fault::ServerError,
    Fault::Unavailable,
    Fault::ModerationBlocked,
    Fault::Hang,
];

/// A fault name that means nothing.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown fault {0:?}: expected rate_limited, insufficient_quota, server_error, unavailable, \
     moderation_blocked or hang"
)]
pub struct UnknownFault(pub String);

impl Fault {
    pub fn name(self) -> &'static str {
        match self {
            Fault::RateLimited => "rate_limited",
            Fault::InsufficientQuota => "insufficient_quota",
            Fault::ServerError => "server_error",
            Fault::Unavailable => "unavailable",
            Fault::ModerationBlocked => "moderation_blocked",
            Fault::Hang => "hang",
        }
    }
}

impl FromStr for Fault {
    type Err = UnknownFault;

    fn from_str(text: &str) -> Result<Fault, UnknownFault> {
        FAULTS
            .into_iter()
            .find(|fault| fault.name() == text)
            .ok_or_else(|| UnknownFault(text.to_string()))
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
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
        fault.name().to_string()
    }
}

/// When to inject a fault: always, a number of `times` (then the rule is
/// used up), only on one endpoint, and/or only for prompts containing a
/// substring.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultRule {
    pub fault: Fault,
    /// How many requests this rule still applies to; `None` = forever.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub times: Option<u32>,
    /// Apply only when the request's prompt (image prompt, or the
    /// Responses input's texts and instructions joined by newlines)
    /// contains this text (case-sensitive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when_prompt_contains: Option<String>,
    /// Apply only to this endpoint (`images.generations`, `images.edits`
    /// or `responses`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<Endpoint>,
}

impl FaultRule {
    /// A rule that applies `fault` to every request.
    pub fn new(fault: Fault) -> FaultRule {
        FaultRule {
            fault,
            times: None,
            when_prompt_contains: None,
            endpoint: None,
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

    /// Applies the rule only to one endpoint.
    pub fn on(mut self, endpoint: Endpoint) -> FaultRule {
        self.endpoint = Some(endpoint);
        self
    }

    fn matches(&self, endpoint: Endpoint, prompt: &str) -> bool {
        self.times != Some(0)
            && self.endpoint.is_none_or(|only| only == endpoint)
            && self
                .when_prompt_contains
                .as_deref()
                .is_none_or(|needle| prompt.contains(needle))
    }
}

/// The active rules, in the order they were added; the first that matches
/// a request decides its fault.
#[derive(Clone, Debug, Default)]
pub(crate) struct FaultRules {
    rules: Vec<FaultRule>,
}

impl FaultRules {
    pub(crate) fn new(rules: Vec<FaultRule>) -> FaultRules {
        FaultRules { rules }
    }

    pub(crate) fn add(&mut self, rule: FaultRule) {
        self.rules.push(rule);
    }

    pub(crate) fn clear(&mut self) {
        self.rules.clear();
    }

    pub(crate) fn list(&self) -> Vec<FaultRule> {
        self.rules.clone()
    }

    /// The fault for a request, if a rule matches; a counted rule is used
    /// once and dropped when used up.
    pub(crate) fn take(&mut self, endpoint: Endpoint, prompt: &str) -> Option<Fault> {
        let index = self
            .rules
            .iter()
            .position(|rule| rule.matches(endpoint, prompt))?;
        let rule = &mut self.rules[index];
        let fault = rule.fault;
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
    fn names_round_trip_and_nonsense_is_refused() {
        for fault in FAULTS {
            assert_eq!(fault.name().parse::<Fault>(), Ok(fault));
        }
        assert!("Hang".parse::<Fault>().is_err());
        assert!("".parse::<Fault>().is_err());
    }

    #[test]
    fn counted_rules_are_used_up_and_conditions_apply() {
        let mut rules = FaultRules::new(vec![
            FaultRule::new(Fault::Hang).when_prompt_contains("slow"),
            FaultRule::new(Fault::ModerationBlocked).on(Endpoint::Edits),
            FaultRule::new(Fault::Unavailable).times(2),
        ]);
        assert_eq!(
            rules.take(Endpoint::Responses, "a slow one"),
            Some(Fault::Hang)
        );
        assert_eq!(
            rules.take(Endpoint::Edits, "fast"),
            Some(Fault::ModerationBlocked)
        );
        assert_eq!(
            rules.take(Endpoint::Generations, "fast"),
            Some(Fault::Unavailable)
        );
        assert_eq!(
            rules.take(Endpoint::Responses, "fast"),
            Some(Fault::Unavailable)
        );
        assert_eq!(rules.take(Endpoint::Generations, "fast"), None);
        assert_eq!(rules.list().len(), 2);
    }

    #[test]
    fn rules_read_from_json() {
        let rule: FaultRule =
            serde_json::from_str(r#"{"fault":"rate_limited","times":1,"endpoint":"images.edits"}"#)
                .expect("a rule");
        assert_eq!(
            rule,
            FaultRule::new(Fault::RateLimited)
                .times(1)
                .on(Endpoint::Edits)
        );
        assert!(serde_json::from_str::<FaultRule>(r#"{"fault":"hang","time":1}"#).is_err());
        assert!(serde_json::from_str::<FaultRule>(r#"{"fault":"nope"}"#).is_err());
    }
}
