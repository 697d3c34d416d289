//! `GET /step-images/{id}/events`: Server-Sent Events, one per state change.
//!
//! Each event carries its store sequence number as `id:`, so a client that
//! reconnects with `Last-Event-ID` gets exactly what it missed: the hub's
//! live events are at-most-once, the store's are the record. The stream
//! subscribes before it replays, then drops anything it already sent, so
//! nothing falls between the two. It ends after the guide's final status.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use extract::PlanReading;
use futures::stream::{self, Stream};
use store::{Event, GuideStatus, Step};
use tokio::sync::broadcast::{self, error::RecvError};

use crate::app::SharedApp;
use crate::error::ApiError;
use crate::progress::step_json;

/// Events read from the store per page when replaying.
const PAGE: u32 = 500;

#[utoipa::path(get, path = "/step-images/{id}/events", tag = "guides", operation_id = "follow_events",
    params(("id" = String, Path, description = "A guide id: letters, digits, '-', '_' and '.', 1 to 128 of them, not starting with '.'",
            min_length = 1, max_length = 128, pattern = "^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$"),
        ("Last-Event-ID" = Option<i64>, Header, nullable = false, description = "Replay after this event (what EventSource sends on reconnect); wins over the query"),
        ("last_event_id" = Option<i64>, Query, description = "The same, for a new EventSource; given once")),
    responses(
        (status = 200, description = "Server-Sent Events: `step` (a step's JSON), `guide` (status) and `created`, each with an `id:`; the stream ends after the guide's final status", content_type = "text/event-stream"),
        (status = 204, description = "The guide is finished and every event after the one given was sent: nothing more will come (an EventSource stops reconnecting)"),
        (status = 400, description = "Not a guide id, or not an event id", body = crate::error::ErrorBody),
        (status = 404, description = "No such guide", body = crate::error::ErrorBody)))]
pub async fn stream(
    State(app): State<SharedApp>,
    Path(id): Path<String>,
    query: Result<Query<StreamQuery>, QueryRejection>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    // A query axum cannot read (`last_event_id` twice) is a JSON error like
    // every other, not axum's plain-text rejection.
    let Query(query) = query.map_err(|e| ApiError::BadId(format!("query: {}", e.body_text())))?;
    if !super::valid_guide_id(&id) {
        return Err(ApiError::BadId(format!("id: {id:?} is not a guide id")));
    }
    // The header is what EventSource sends on reconnect; the query lets a
    // fresh EventSource start where an earlier read left off.
    // Both are checked, so a bad one is a 400 whichever is used.
    let from_query = match &query.last_event_id {
        Some(text) => Some(event_id("last_event_id", text)?),
        None => None,
    };
    let last = match headers.get("last-event-id").map(|v| v.to_str()) {
        Some(Ok(text)) => event_id("Last-Event-ID", text)?,
        Some(Err(_)) => return Err(ApiError::BadId("Last-Event-ID: not text".into())),
        None => from_query.unwrap_or(0),
    };
    // Subscribe first, so events stored while we replay are not missed.
    let rx = app.events.subscribe();
    let Some(guide) = app.state.guide(&id).await? else {
        return Err(ApiError::NotFound(format!("guide {id}")));
    };
    let reading = crate::plans::facts(&app, &guide).await?.reading;
    let backlog: VecDeque<Event> = app.state.events_after(&id, last, PAGE).await?.into();
    if guide.status.is_final() && backlog.is_empty() {
        // Finished, and the caller has had every event: nothing will come,
        // so the stream must not stay open. 204 also tells an EventSource
        // not to reconnect.
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    let feed = Feed {
        app: app.clone(),
        id,
        last,
        backlog,
        rx,
        reading,
        done: false,
    };
    let sse = Sse::new(events(feed)).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)));
    let mut response = sse.into_response();
    let h = response.headers_mut();
    h.insert("x-accel-buffering", HeaderValue::from_static("no"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(response)
}

#[derive(serde::Deserialize)]
pub struct StreamQuery {
    last_event_id: Option<String>,
}

fn event_id(name: &str, text: &str) -> Result<i64, ApiError> {
    text.trim()
        .parse::<i64>()
        .map_err(|_| ApiError::BadId(format!("{name}: {text:?} is not an event id")))
}

struct Feed {
    app: SharedApp,
    id: String,
    last: i64,
    backlog: VecDeque<Event>,
    rx: broadcast::Receiver<Event>,
    /// The plan's reading, which each step event carries.
    reading: Option<Arc<PlanReading>>,
    done: bool,
}

fn events(feed: Feed) -> impl Stream<Item = Result<SseEvent, Infallible>> {
    stream::unfold(feed, |mut f| async move {
        loop {
            if f.done {
                return None;
            }
            if let Some(event) = f.backlog.pop_front() {
                if event.seq <= f.last {
                    continue;
                }
                f.last = event.seq;
                f.done = is_final(&event);
                if event.kind == "plan" {
                    // A new plan: steps from now on carry its reading.
                    f.reading = match f.app.state.guide(&f.id).await {
                        Ok(Some(guide)) => crate::plans::facts(&f.app, &guide)
                            .await
                            .ok()
                            .and_then(|facts| facts.reading),
                        _ => None,
                    };
                }
                let sse = to_sse(&f.app, &event, f.reading.as_deref());
                return Some((Ok(sse), f));
            }
            match f.rx.recv().await {
                Ok(event) if event.guide_id == f.id => f.backlog.push_back(event),
                Ok(event) if event.kind != crate::app::RESYNC => {}
                // The live feed may have missed events, or this subscriber
                // was too slow for it: catch up from the record.
                Ok(_) | Err(RecvError::Lagged(_)) => {
                    match f.app.state.events_after(&f.id, f.last, PAGE).await {
                        Ok(events) => f.backlog.extend(events),
                        Err(_) => return None,
                    }
                }
                Err(RecvError::Closed) => return None,
            }
        }
    })
}

fn is_final(event: &Event) -> bool {
    event.kind == "guide"
        && event
            .data
            .get("status")
            .and_then(|s| serde_json::from_value::<GuideStatus>(s.clone()).ok())
            .is_some_and(GuideStatus::is_final)
}

/// A stored event in the API's shapes: steps as the seed's step JSON.
fn to_sse(app: &SharedApp, event: &Event, reading: Option<&PlanReading>) -> SseEvent {
    let data = if event.kind == "step" {
        serde_json::from_value::<Step>(event.data.clone())
            .ok()
            .and_then(|step| serde_json::to_value(step_json(&step, &app.base_url, reading)).ok())
            .unwrap_or_else(|| event.data.clone())
    } else if event.kind == "partial" {
        // The picture forming: give it a URL as step images have.
        let mut data = event.data.clone();
        if let Some(id) = data
            .get("image_id")
            .and_then(|v| v.as_str())
            .map(str::to_string)
        {
            data["image_url"] =
                format!("{}/images/{id}", app.base_url.trim_end_matches('/')).into();
        }
        data
    } else {
        event.data.clone()
    };
    SseEvent::default()
        .id(event.seq.to_string())
        .event(event.kind.clone())
        .data(data.to_string())
}
