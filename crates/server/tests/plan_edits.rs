//! The plan endpoints: reading the plan a guide is drawn from, fixing it
//! (only the steps whose picture changes are drawn again), two editors
//! and a stale version, revert, and errors that name the field.

mod common;

use common::{config, start, TestServer};
use serde_json::{json, Value};

/// A five-step build with its own plan: a board, a block set beside it
/// (the "wrong" relation the maker fixes), the block painted, a cup on the
/// board, the board sanded.
fn body() -> Value {
    json!({
        "title": "Desk tidy",
        "steps": [
            {"title": "Board", "description": "Lay the board down."},
            {"title": "Block", "description": "Set the block on the board."},
            {"title": "Paint", "description": "Paint the block."},
            {"title": "Cup", "description": "Put the cup on the board."},
            {"title": "Sand", "description": "Sand the board."}
        ],
        "width": 320,
        "height": 256,
        "plan": {
            "title": "Desk tidy",
            "parts": [
                {"id": "board", "name": "pine board", "kind": "board",
                 "size": [40.0, 2.0, 20.0], "color": "#c8a878", "material": "wood"},
                {"id": "block", "name": "wooden block", "kind": "box",
                 "size": [8.0, 8.0, 8.0], "color": "#d9b98c", "material": "wood",
                 "placement": {"relation": "beside", "target": "board"}},
                {"id": "cup", "name": "tin cup", "kind": "can",
                 "size": [8.0, 10.0, 8.0], "color": "#9aa4ad", "material": "metal",
                 "placement": {"relation": "on", "target": "board"}}
            ],
            "steps": [
                {"number": 1, "title": "Board", "ops": [{"op": "add", "part": "board"}]},
                {"number": 2, "title": "Block", "ops": [{"op": "add", "part": "block"}]},
                {"number": 3, "title": "Paint",
                 "ops": [{"op": "paint", "part": "block", "color": "#c0392b"}], "tools": ["brush"]},
                {"number": 4, "title": "Cup", "ops": [{"op": "add", "part": "cup"}]},
                {"number": 5, "title": "Sand",
                 "ops": [{"op": "finish", "part": "board", "finish": "sand"}], "tools": ["sandpaper"]}
            ]
        }
    })
}

async fn get_plan(s: &TestServer, id: &str) -> (Value, String) {
    let res = s.get(&format!("/step-images/{id}/plan")).await;
    assert_eq!(res.status(), 200);
    let etag = res.headers()["etag"].to_str().expect("etag").to_string();
    (res.json().await.expect("json"), etag)
}

async fn put_plan(s: &TestServer, id: &str, if_match: Option<&str>, body: &Value) -> (u16, Value) {
    let mut req = s
        .client
        .put(s.url(&format!("/step-images/{id}/plan")))
        .json(body);
    if let Some(tag) = if_match {
        req = req.header("if-match", tag);
    }
    let res = req.send().await.expect("put");
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

/// Each step's image id, in step order.
fn image_ids(progress: &Value) -> Vec<String> {
    progress["step_images"]
        .as_array()
        .expect("steps")
        .iter()
        .map(|s| s["image_id"].as_str().unwrap_or("").to_string())
        .collect()
}

/// The steps (1-based) whose image differs between two lists.
fn differing(before: &[String], after: &[String]) -> Vec<u32> {
    before
        .iter()
        .zip(after)
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .map(|(i, _)| i as u32 + 1)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fixes_redraw_exactly_the_steps_whose_picture_changes_and_revert_restores_them() {
    let dir = tempfile::tempdir().expect("dir");
    let s = start(config(dir.path()), None).await;
    let id = s.post_guide(&body()).await;
    let first = s.wait_final(&id).await;
    assert_eq!(first["status"], "completed", "{first}");
    let original = image_ids(&first);

    let (read, etag) = get_plan(&s, &id).await;
    assert_eq!(etag, "\"0\"");
    assert_eq!(
        (read["version"].as_u64(), read["source"].as_str()),
        (Some(0), Some("request"))
    );
    assert!(s
        .get(&format!("/step-images/{id}/plan/versions"))
        .await
        .json::<Value>()
        .await
        .expect("json")["versions"]
        .as_array()
        .expect("versions")
        .is_empty());

    // A new name changes no picture: nothing is drawn again.
    let mut edit = read.clone();
    edit["plan"]["parts"][1]["name"] = json!("pine block");
    let (status, saved) = put_plan(&s, &id, Some(&etag), &edit).await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["version"], 1);
    assert_eq!(saved["redrawn"], json!([]));
    assert_eq!(saved["unchanged"], json!([1, 2, 3, 4, 5]));
    assert_eq!(saved["estimated_cost_usd"], 0.0);
    let after = s.progress(&id).await;
    assert_eq!(after["status"], "completed");
    assert_eq!(image_ids(&after), original);
    let (read, etag) = get_plan(&s, &id).await;
    assert_eq!(
        (read["version"].as_u64(), etag.as_str()),
        (Some(1), "\"1\"")
    );
    assert_eq!(read["source"], "edited");
    assert_eq!(read["plan"]["parts"][1]["name"], "pine block");

    // Another colour changes the steps from the paint on.
    let mut edit = read.clone();
    edit["plan"]["steps"][2]["ops"][0]["color"] = json!("#2e86c1");
    let (status, saved) = put_plan(&s, &id, Some(&etag), &edit).await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["redrawn"], json!([3, 4, 5]), "{saved}");
    assert_eq!(saved["framing_kept"], true);
    let painted = s.wait_final(&id).await;
    assert_eq!(painted["status"], "completed", "{painted}");
    let painted_ids = image_ids(&painted);
    assert_eq!(differing(&original, &painted_ids), [3, 4, 5]);

    // A second editor still on version 1 is refused, and nothing changes.
    let mut late = read.clone();
    late["plan"]["parts"][0]["color"] = json!("#000000");
    let (status, refused) = put_plan(&s, &id, Some("\"1\""), &late).await;
    assert_eq!(status, 412, "{refused}");
    assert_eq!(refused["error"]["code"], "version_conflict");
    assert_eq!(get_plan(&s, &id).await.1, "\"2\"");
    assert_eq!(image_ids(&s.progress(&id).await), painted_ids);

    // The missing relation: the block goes on the board. Its picture
    // changes from the step that adds it on, none before.
    let (read, etag) = get_plan(&s, &id).await;
    let mut edit = read.clone();
    edit["plan"]["parts"][1]["placement"] = json!({"relation": "on", "target": "board"});
    let (status, saved) = put_plan(&s, &id, Some(&etag), &edit).await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["redrawn"], json!([2, 3, 4, 5]), "{saved}");
    let moved = image_ids(&s.wait_final(&id).await);
    assert_eq!(differing(&painted_ids, &moved), [2, 3, 4, 5]);

    // Back to version 1: a new version 4, and the pictures are the first
    // ones again, byte for byte (image ids are content hashes).
    let res = s
        .client
        .post(s.url(&format!("/step-images/{id}/plan/revert")))
        .header("if-match", "\"3\"")
        .json(&json!({"version": 1}))
        .send()
        .await
        .expect("revert");
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["etag"], "\"4\"");
    let reverted: Value = res.json().await.expect("json");
    assert_eq!(reverted["redrawn"], json!([2, 3, 4, 5]), "{reverted}");
    let back = s.wait_final(&id).await;
    assert_eq!(image_ids(&back), original);
    let (read, _) = get_plan(&s, &id).await;
    assert_eq!(read["source"], "revert to 1");

    let versions: Value = s
        .get(&format!("/step-images/{id}/plan/versions"))
        .await
        .json()
        .await
        .expect("json");
    let listed: Vec<(u64, &str)> = versions["versions"]
        .as_array()
        .expect("versions")
        .iter()
        .map(|v| {
            (
                v["version"].as_u64().unwrap_or(0),
                v["source"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        listed,
        [
            (1, "edited"),
            (2, "edited"),
            (3, "edited"),
            (4, "revert to 1")
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_edits_name_what_is_wrong_and_store_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let s = start(config(dir.path()), None).await;
    let id = s.post_guide(&body()).await;
    s.wait_final(&id).await;
    let (read, etag) = get_plan(&s, &id).await;

    let field = |v: &Value| v["error"]["field"].as_str().unwrap_or("").to_string();
    let (status, e) = put_plan(&s, &id, None, &read).await;
    assert_eq!(
        (status, e["error"]["code"].as_str()),
        (428, Some("version_required"))
    );
    let (status, e) = put_plan(&s, &id, Some("three"), &read).await;
    assert_eq!((status, field(&e)), (422, "If-Match".to_string()));

    let mut bad = read.clone();
    bad["plan"]["parts"][0]["kind"] = json!("spaceship");
    let (status, e) = put_plan(&s, &id, Some(&etag), &bad).await;
    assert_eq!(
        (status, field(&e)),
        (422, "plan.parts[0].kind".to_string()),
        "{e}"
    );

    let mut short = read.clone();
    short["plan"]["steps"].as_array_mut().expect("steps").pop();
    let (status, e) = put_plan(&s, &id, Some(&etag), &short).await;
    assert_eq!((status, field(&e)), (422, "plan.steps".to_string()), "{e}");

    let mut unknown = read.clone();
    unknown["plan"]["steps"][1]["ops"][0]["part"] = json!("nothing");
    let (status, e) = put_plan(&s, &id, Some(&etag), &unknown).await;
    assert_eq!(status, 422, "{e}");
    assert!(field(&e).starts_with("plan.steps[1]"), "{e}");

    let (status, e) = put_plan(&s, &id, Some(&etag), &json!({"version": 0})).await;
    assert_eq!((status, field(&e)), (422, "plan".to_string()));
    let res = s
        .client
        .put(s.url(&format!("/step-images/{id}/plan")))
        .header("if-match", etag.as_str())
        .body("{")
        .send()
        .await
        .expect("put");
    assert_eq!(res.status(), 400);

    let (status, _) = put_plan(&s, "no-such-guide", Some("\"0\""), &read).await;
    assert_eq!(status, 404);
    assert_eq!(s.get("/step-images/no-such-guide/plan").await.status(), 404);
    assert_eq!(s.get("/step-images/.x/plan").await.status(), 400);
    let res = s
        .client
        .post(s.url(&format!("/step-images/{id}/plan/revert")))
        .header("if-match", "\"0\"")
        .json(&json!({"version": 7}))
        .send()
        .await
        .expect("revert");
    assert_eq!(res.status(), 404);

    // Nothing was stored by any of them.
    assert_eq!(get_plan(&s, &id).await.1, "\"0\"");
    let versions: Value = s
        .get(&format!("/step-images/{id}/plan/versions"))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(versions["versions"], json!([]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_offline_plan_is_shown_with_its_confidence_and_if_match_star_takes_the_newest() {
    let dir = tempfile::tempdir().expect("dir");
    let s = start(config(dir.path()), None).await;
    let id = s.post_guide(&common::guide_body("Jar", 3)).await;
    s.wait_final(&id).await;
    let (read, etag) = get_plan(&s, &id).await;
    assert_eq!(
        (read["source"].as_str(), etag.as_str()),
        (Some("offline"), "\"0\"")
    );
    let confidence = read["confidence"].as_f64().expect("confidence");
    assert!((0.0..=1.0).contains(&confidence));
    assert_eq!(read["plan"]["steps"].as_array().map(Vec::len), Some(3));

    let (status, saved) = put_plan(&s, &id, Some("*"), &read).await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["version"], 1);
    assert_eq!(
        saved["redrawn"],
        json!([]),
        "the same plan draws the same pictures"
    );
    let (read, _) = get_plan(&s, &id).await;
    assert!(
        read.get("confidence").is_none(),
        "an edited plan is the maker's"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_step_drawn_while_its_plan_is_saved_is_drawn_again_from_the_new_plan() {
    let dir = tempfile::tempdir().expect("dir");
    let mut cfg = config(dir.path());
    cfg.concurrency = 1;
    let engine = common::test_engine(engines::TestEngineScript {
        // Long enough that the save (which draws both plans' schematics
        // to compare them) ends while step 1 is still being drawn.
        delay: std::time::Duration::from_millis(1500),
        ..Default::default()
    });
    let s = start(cfg, Some(engine.clone())).await;
    let id = s.post_guide(&body()).await;
    common::eventually(|| engine.in_flight() == 1).await;

    // The board is in every step: a new colour changes every picture,
    // step 1's included, which is being drawn from the old plan now.
    let (read, etag) = get_plan(&s, &id).await;
    let mut edit = read.clone();
    edit["plan"]["parts"][0]["color"] = json!("#2e4053");
    let (status, saved) = put_plan(&s, &id, Some(&etag), &edit).await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["redrawn"], json!([1, 2, 3, 4, 5]));
    let done = s.wait_final(&id).await;
    assert_eq!(done["status"], "completed", "{done}");
    assert_eq!(
        engine.calls(0),
        2,
        "step 1 is drawn again from the new plan"
    );
    for step in 1..5 {
        assert_eq!(
            engine.calls(step),
            1,
            "step {} waited for the new plan",
            step + 1
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plan_checked_first_is_drawn_only_when_started_and_as_fixed() {
    let dir = tempfile::tempdir().expect("dir");
    let s = start(config(dir.path()), None).await;
    let mut request = body();
    request["review_plan"] = json!(true);
    let id = s.post_guide(&request).await;
    let waiting = s.progress(&id).await;
    assert_eq!(waiting["phase"], "review", "{waiting}");
    assert_eq!(
        s.running.app.queue.depth().await.expect("depth"),
        0,
        "nothing is queued"
    );

    // Drawing a single step is refused until the whole guide is started.
    let res = s
        .client
        .post(s.url(&format!("/step-images/{id}/step/1/regenerate")))
        .send()
        .await
        .expect("regenerate");
    assert_eq!(res.status(), 409);
    let e: Value = res.json().await.expect("json");
    assert_eq!(e["error"]["code"], "awaits_review");

    // A fix while waiting draws nothing.
    let (read, etag) = get_plan(&s, &id).await;
    let mut edit = read.clone();
    edit["plan"]["parts"][1]["placement"] = json!({"relation": "on", "target": "board"});
    let (status, saved) = put_plan(&s, &id, Some(&etag), &edit).await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["redrawn"], json!([]));
    assert_eq!(s.progress(&id).await["phase"], "review");

    let draw = |id: String| {
        let (client, url) = (s.client.clone(), s.url(&format!("/step-images/{id}/draw")));
        async move { client.post(url).send().await.expect("draw") }
    };
    let res = draw(id.clone()).await;
    assert_eq!(res.status(), 202);
    let done = s.wait_final(&id).await;
    assert_eq!(done["status"], "completed", "{done}");
    assert!(done.get("phase").is_none(), "{done}");
    assert_eq!(
        draw(id.clone()).await.status(),
        200,
        "starting twice is harmless"
    );

    // The pictures are those of the fixed plan: a guide submitted with it
    // from the start draws the same images (ids are content hashes).
    let mut fixed = body();
    fixed["plan"] = get_plan(&s, &id).await.0["plan"].clone();
    let other = s.post_guide(&fixed).await;
    assert_eq!(image_ids(&s.wait_final(&other).await), image_ids(&done));

    let res = draw(other).await;
    assert_eq!(res.status(), 409);
    let e: Value = res.json().await.expect("json");
    assert_eq!(e["error"]["code"], "not_in_review");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_guide_waiting_for_review_stays_undrawn_across_a_restart() {
    let dir = tempfile::tempdir().expect("dir");
    let s = start(config(dir.path()), None).await;
    let mut request = body();
    request["review_plan"] = json!(true);
    let id = s.post_guide(&request).await;
    s.running.shutdown(std::time::Duration::from_secs(5)).await;

    // Recovery runs before the server starts: it queued nothing.
    let s = start(config(dir.path()), None).await;
    assert_eq!(s.running.app.queue.depth().await.expect("depth"), 0);
    assert_eq!(s.progress(&id).await["phase"], "review");
    let res = s
        .client
        .post(s.url(&format!("/step-images/{id}/draw")))
        .send()
        .await
        .expect("draw");
    assert_eq!(res.status(), 202);
    assert_eq!(s.wait_final(&id).await["status"], "completed");
}
