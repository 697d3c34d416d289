//! The answers: a generated image, and every injected fault's exact wire
//! shape (HTTP errors as [`ApiError`], model refusals as 200 answers
//! without an image).

use std::time::Duration;

use axum::http::StatusCode;
use base64::Engine as _;

use crate::catalog::{self, Model};
use crate::error::{ApiError, INTERNAL_MESSAGE, OVERLOADED_MESSAGE};
use crate::faults::Fault;
use crate::request::{Job, Parsed};
use crate::wire::{
    Candidate, GenerateContentResponse, ModalityTokenCount, OutBlob, OutContent, OutPart,
    PromptFeedback, UsageMetadata,
};

/// What identifies one answer besides its content.
pub(crate) struct Envelope<'a> {
    pub model: &'a Model,
    pub response_id: String,
}

/// A 200 answer with the image, after a short text part when the request
/// asked for TEXT too (the real model often talks first), or the text
/// alone when it did not ask for IMAGE.
pub(crate) fn success(
    envelope: Envelope<'_>,
    parsed: &Parsed,
    job: &Job,
    png: Option<&[u8]>,
) -> GenerateContentResponse {
    let mut parts = Vec::new();
    let mut text_tokens = 0;
    if job.wants_text || png.is_none() {
        let text = format!("Here is the image: {}", snippet(&parsed.prompt(), 80));
        text_tokens = tokens(&text);
        parts.push(OutPart::Text { text });
    }
    let mut image_tokens = 0;
    if let Some(png) = png {
        image_tokens = catalog::image_output_tokens(envelope.model, &job.image_size);
        parts.push(OutPart::Inline {
            inline_data: OutBlob {
                mime_type: "image/png",
                data: base64::engine::general_purpose::STANDARD.encode(png),
            },
        });
    }
    let usage = usage(parsed, text_tokens, image_tokens);
    answer(envelope, candidate("STOP", parts), usage)
}

/// The answer to an injected fault, or `None` for [`Fault::Hang`] (which
/// never answers).
pub(crate) fn fault(
    fault: &Fault,
    envelope: Envelope<'_>,
    parsed: &Parsed,
    retry_delay: Duration,
) -> Option<Result<GenerateContentResponse, ApiError>> {
    let error = |http, message: &str| Some(Err(ApiError::new(http, message)));
    match fault {
        Fault::Hang => None,
        Fault::ServerError => error(StatusCode::INTERNAL_SERVER_ERROR, INTERNAL_MESSAGE),
        Fault::Unavailable => error(StatusCode::SERVICE_UNAVAILABLE, OVERLOADED_MESSAGE),
        Fault::BadRequest => error(
            StatusCode::BAD_REQUEST,
            "Request contains an invalid argument.",
        ),
        Fault::Forbidden => error(StatusCode::FORBIDDEN, "The caller does not have permission"),
        Fault::NotFound => error(StatusCode::NOT_FOUND, "Requested entity was not found."),
        Fault::RateLimited => Some(Err(ApiError::exhausted(
            envelope.model.name,
            "GenerateRequestsPerMinutePerProjectPerModel",
            retry_delay,
        ))),
        Fault::Finish(reason) => {
            let mut refused = candidate_without_content(reason);
            refused.finish_message = finish_message(reason).map(str::to_string);
            Some(Ok(answer(envelope, refused, usage(parsed, 0, 0))))
        }
        Fault::PromptBlocked(reason) => {
            let mut blocked = answer_without_candidates(envelope, usage(parsed, 0, 0));
            blocked.prompt_feedback = Some(PromptFeedback {
                block_reason: reason.clone(),
            });
            Some(Ok(blocked))
        }
        Fault::NoImage => {
            let text = format!(
                "I will generate an image of {}.",
                snippet(&parsed.prompt(), 80)
            );
            let usage = usage(parsed, tokens(&text), 0);
            Some(Ok(answer(
                envelope,
                candidate("STOP", vec![OutPart::Text { text }]),
                usage,
            )))
        }
        Fault::TextRefusal => {
            let text = "I can't create that image because it may go against my safety \
                        policies. Is there something else I can help you make?"
                .to_string();
            let usage = usage(parsed, tokens(&text), 0);
            Some(Ok(answer(
                envelope,
                candidate("STOP", vec![OutPart::Text { text }]),
                usage,
            )))
        }
    }
}

/// The `finishMessage` the real service adds to image refusals.
fn finish_message(reason: &str) -> Option<&'static str> {
    match reason {
        "IMAGE_SAFETY" | "IMAGE_PROHIBITED_CONTENT" => Some(
            "Unable to show the generated image. The image was filtered out because it \
             violated Google's Generative AI Prohibited Use policy. You can try rephrasing the \
             prompt. If you think this was an error, send feedback.",
        ),
        "NO_IMAGE" => Some("The model did not generate an image. Try rephrasing the prompt."),
        _ => None,
    }
}

fn candidate(finish_reason: &str, parts: Vec<OutPart>) -> Candidate {
    Candidate {
        content: Some(OutContent {
            role: "model",
            parts,
        }),
        finish_reason: finish_reason.to_string(),
        finish_message: None,
        index: 0,
    }
}

fn candidate_without_content(finish_reason: &str) -> Candidate {
    Candidate {
        content: None,
        finish_reason: finish_reason.to_string(),
        finish_message: None,
        index: 0,
    }
}

fn answer(
    envelope: Envelope<'_>,
    candidate: Candidate,
    usage: UsageMetadata,
) -> GenerateContentResponse {
    let mut answer = answer_without_candidates(envelope, usage);
    answer.candidates.push(candidate);
    answer
}

fn answer_without_candidates(
    envelope: Envelope<'_>,
    usage: UsageMetadata,
) -> GenerateContentResponse {
    GenerateContentResponse {
        candidates: Vec::new(),
        prompt_feedback: None,
        usage_metadata: usage,
        model_version: envelope.model.name.to_string(),
        response_id: envelope.response_id,
    }
}

/// Token accounting: the prompt's text (about four characters a token)
/// and 258 tokens per input image; the answer's text and image tokens.
fn usage(parsed: &Parsed, text_out: u32, image_out: u32) -> UsageMetadata {
    let text_in = parsed.text_tokens();
    let images_in = catalog::INPUT_IMAGE_TOKENS
        .saturating_mul(u32::try_from(parsed.images.len()).unwrap_or(u32::MAX));
    let prompt = text_in.saturating_add(images_in);
    let mut prompt_details = vec![ModalityTokenCount {
        modality: "TEXT",
        token_count: text_in,
    }];
    if images_in > 0 {
        prompt_details.push(ModalityTokenCount {
            modality: "IMAGE",
            token_count: images_in,
        });
    }
    let mut out_details = Vec::new();
    if text_out > 0 {
        out_details.push(ModalityTokenCount {
            modality: "TEXT",
            token_count: text_out,
        });
    }
    if image_out > 0 {
        out_details.push(ModalityTokenCount {
            modality: "IMAGE",
            token_count: image_out,
        });
    }
    let out = text_out.saturating_add(image_out);
    UsageMetadata {
        prompt_token_count: prompt,
        candidates_token_count: (out > 0).then_some(out),
        total_token_count: prompt.saturating_add(out),
        prompt_tokens_details: prompt_details,
        candidates_tokens_details: out_details,
    }
}

fn tokens(text: &str) -> u32 {
    u32::try_from(text.chars().count().div_ceil(4)).unwrap_or(u32::MAX)
}

/// The first `max` characters of a text on one line, with an ellipsis
/// when cut.
fn snippet(text: &str, max: usize) -> String {
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= max {
        line
    } else {
        let cut: String = line.chars().take(max).collect();
        format!("{cut}…")
    }
}
