//! Retention: guides past their time are deleted, and images no step
//! references are removed.
//!
//! An image is stored a moment before the step that uses it is updated, so
//! one sweep could catch it unreferenced; an image is only deleted when two
//! sweeps in a row find it unreferenced.

use std::collections::BTreeSet;

use tokio::sync::watch;

use service::app::{now, App, SharedApp};

pub async fn run(app: SharedApp, mut stopped: watch::Receiver<bool>) {
    let mut suspects = BTreeSet::new();
    loop {
        tokio::select! {
            _ = tokio::time::sleep(app.config.sweep_every) => {}
            _ = stopped.changed() => return,
        }
        match sweep(&app, &suspects).await {
            Ok(next) => suspects = next,
            Err(e) => tracing::warn!(error = %e, "sweep failed"),
        }
    }
}

/// One sweep; returns the images found unreferenced this time.
pub async fn sweep(
    app: &App,
    suspects: &BTreeSet<String>,
) -> Result<BTreeSet<String>, store::StoreError> {
    for id in app.state.expired_guides(now()).await? {
        app.queue.cancel_guide(&id).await?;
        app.state.delete_guide(&id).await?;
        tracing::info!(guide = %id, "expired guide deleted");
    }
    let referenced = app.state.referenced_images().await?;
    let mut unreferenced = BTreeSet::new();
    for image in app.blobs.list().await? {
        if referenced.contains(&image) {
            continue;
        }
        if suspects.contains(&image) {
            app.blobs.delete(&image).await?;
        } else {
            unreferenced.insert(image);
        }
    }
    Ok(unreferenced)
}
