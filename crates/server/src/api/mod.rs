//! The HTTP API: the seed's endpoints with their shapes kept, and
//! stepcast's extensions. Handlers are thin: they parse, call the stores or
//! the runner's plain functions, and shape the answer.

mod auth;
mod docs;
mod events;
mod export;
mod guides;
mod health;
mod images;
mod plan;
mod preview;

use axum::routing::{get, post};
use axum::Router;
use tower_http::cors::{AllowOrigin, Any, CorsLayer};

use crate::app::SharedApp;

pub fn router(app: SharedApp) -> Router {
    let writes = Router::new()
        .route("/step-images", post(guides::create))
        .route(
            "/step-images/{id}",
            axum::routing::put(guides::create_with_id).delete(guides::cancel),
        )
        .route(
            "/step-images/{id}/step/{n}/regenerate",
            post(guides::regenerate),
        )
        .route("/step-images/{id}/plan", axum::routing::put(plan::put_plan))
        .route("/step-images/{id}/plan/revert", post(plan::revert))
        .route("/step-images/{id}/draw", post(guides::draw))
        .route("/preview", preview::route(&app))
        .route_layer(axum::middleware::from_fn_with_state(
            app.clone(),
            auth::require_token,
        ));
    let reads = Router::new()
        .route("/step-images/{id}", get(guides::progress))
        .route("/step-images/{id}/step/{n}", get(guides::step))
        .route("/step-images/{id}/events", get(events::stream))
        .route("/step-images/{id}/plan", get(plan::get_plan))
        .route("/step-images/{id}/plan/versions", get(plan::versions))
        .route("/step-images/{id}/export.zip", get(export::export))
        .route("/step-images/{id}/guide.html", get(export::guide_page))
        .route("/step-images/{id}/request", get(export::request))
        .route("/step-images/{id}/{file}", get(export::timelapse))
        .route("/images/{image_id}", get(images::image))
        .route("/plan.schema.json", get(docs::plan_schema))
        .route("/openapi.json", get(docs::openapi))
        .route("/capabilities", get(docs::capabilities))
        .route("/metrics", get(health::metrics))
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz));
    let mut router = writes
        .merge(reads)
        .layer(axum::extract::DefaultBodyLimit::max(app.config.body_limit));
    if let Some(cors) = cors(&app.config.cors_origins) {
        router = router.layer(cors);
    }
    router = match web_ui(app.config.web_dir.as_deref()) {
        // The UI's own routes (/guides/{id}) fall back to its index.html.
        Some(ui) => router.fallback_service(ui),
        None => router.route("/", get(docs::index)),
    };
    router.with_state(app)
}

fn cors(origins: &[String]) -> Option<CorsLayer> {
    if origins.is_empty() {
        return None;
    }
    let layer = CorsLayer::new()
        .allow_methods(Any)
        .allow_headers(Any)
        .expose_headers(Any);
    Some(if origins.iter().any(|o| o == "*") {
        layer.allow_origin(Any)
    } else {
        let list: Vec<_> = origins.iter().filter_map(|o| o.parse().ok()).collect();
        layer.allow_origin(AllowOrigin::list(list))
    })
}

/// Guide ids: a caller's own (a workflow thread id) or ours. Letters,
/// digits, `-`, `_` and `.`, 1 to 128 of them, not starting with `.`.
pub fn valid_guide_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 128
        && !id.starts_with('.')
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// The built web UI, if `dir` holds one.
fn web_ui(
    dir: Option<&std::path::Path>,
) -> Option<tower_http::services::ServeDir<tower_http::services::ServeFile>> {
    let dir = dir?;
    let index = dir.join("index.html");
    index.is_file().then(|| {
        tower_http::services::ServeDir::new(dir)
            .fallback(tower_http::services::ServeFile::new(index))
    })
}
