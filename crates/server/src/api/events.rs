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

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue};
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

#[utoipa::path(get, path = "/step-images/{id}/events", tag = "guides",
    params(("id" = String, Path), ("Last-Event-ID" = Option<i64>, Header, description = "Replay after this event"), ("last_event_id" = Option<i64>, Query, description = "The same, for a new EventSource")),
    responses(
        (status = 200, description = "Server-Sent Events: `step` (a step's JSON), `guide` (status) and `created`, each with an `id:`", content_type = "text/event-stream"),
        (status = 404, body = crate::error::ErrorBody)))]
pub async fn stream(
    State(app): State<SharedApp>,
    Path(id): Path<String>,
    Query(query): Query<StreamQuery>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    if !super::valid_guide_id(&id) {
        return Err(ApiError::BadId(format!("id: {id:?} is not a guide id")));
    }
    // The header is what EventSource sends on reconnect; the query lets a
    // fresh EventSource start where an earlier read left off.
    let last = match headers.get("last-event-id").map(|v| v.to_str()) {
        Some(Ok(text)) => event_id("Last-Event-ID", text)?,
        Some(Err(_)) => return Err(ApiError::BadId("Last-Event-ID: not text".into())),
        None => match &query.last_event_id {
            Some(text) => event_id("last_event_id", text)?,
            None => 0,
        },
    };
    // Subscribe first, so events stored while we replay are not missed.
    let rx = app.events.subscribe();
    let Some(guide) = app.state.guide(&id).await? else {
        return Err(ApiError::NotFound(format!("guide {id}")));
    };
    let reading = crate::plans::facts(&app, &guide).await?.reading;
    let backlog: VecDeque<Event> = app.state.events_after(&id, last, PAGE).await?.into();
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
