//! [`StateStore`] on Redis: each change reads the guide's hash, computes the
//! new records in Rust and commits them with their event in one script,
//! again from a fresh read if another writer of the guide came first.

use std::collections::{BTreeSet, HashMap};

use async_trait::async_trait;
use redis::AsyncCommands;

use super::commit::{decode_event, Commit, Expect, Outcome, MAX_CONFLICTS};
use super::seed::{self, SeedKeys};
use super::{decode, encode, parse_error, redis_error, GuideRecord, RedisStore};
use crate::error::StoreError;
use crate::model::{
    Counts, Created, Event, Guide, GuideStatus, NewGuide, Step, StepStatus, StepUpdate, StoredPlan,
    Timestamp,
};
use crate::queue::TaskQueue;
use crate::state::StateStore;

const NO_ARGS: [&str; 0] = [];

/// Runs `attempt` (read, compute, commit) until it commits: `Some`. `None`
/// means another writer of the guide came first, so it reads again.
async fn until_committed<T, F, Fut>(
    what: impl Fn() -> String,
    mut attempt: F,
) -> Result<T, StoreError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<Option<T>, StoreError>>,
{
    for _ in 0..MAX_CONFLICTS {
        if let Some(done) = attempt().await? {
            return Ok(done);
        }
    }
    Err(StoreError::Database(format!(
        "{}: gave up after {MAX_CONFLICTS} concurrent changes",
        what()
    )))
}

fn expected_event(event: Option<Event>) -> Result<Event, StoreError> {
    event.ok_or_else(|| StoreError::Database("a change committed without its event".into()))
}

impl RedisStore {
    fn seed_keys(&self) -> SeedKeys<'_> {
        SeedKeys {
            keys: &self.keys,
            image_base: &self.image_base,
        }
    }

    /// Writes of the status counters (`key`) when a guide or step moves
    /// from one status to another (`None`: it is created or deleted).
    fn count_move(commit: &mut Commit, key: &str, from: Option<&str>, to: Option<&str>) {
        if from == to {
            return;
        }
        if let Some(from) = from {
            commit.write("HINCRBY", key, [from, "-1"]);
        }
        if let Some(to) = to {
            commit.write("HINCRBY", key, [to, "1"]);
        }
    }

    fn count_guide(&self, commit: &mut Commit, from: Option<GuideStatus>, to: Option<GuideStatus>) {
        let key = self.keys.guide_counts();
        Self::count_move(
            commit,
            &key,
            from.map(|s| s.as_str()),
            to.map(|s| s.as_str()),
        );
    }

    fn count_step(&self, commit: &mut Commit, from: Option<StepStatus>, to: Option<StepStatus>) {
        let key = self.keys.step_counts();
        Self::count_move(
            commit,
            &key,
            from.map(|s| s.as_str()),
            to.map(|s| s.as_str()),
        );
    }

    /// Keeps the set of unfinished guides in step with a guide's status.
    fn track_unfinished(&self, commit: &mut Commit, guide: &Guide) {
        let key = self.keys.unfinished();
        if guide.status.is_final() {
            commit.write("ZREM", &key, [guide.id.as_str()]);
        } else {
            commit.write(
                "ZADD",
                &key,
                [guide.created_at.to_string(), guide.id.clone()],
            );
        }
    }

    /// The next revision's write.
    fn bump(&self, commit: &mut Commit, id: &str) {
        commit.write("HINCRBY", &self.keys.guide(id), ["rev", "1"]);
    }

    async fn try_create(&self, new: &NewGuide) -> Result<Option<Created>, StoreError> {
        let guide = new.clone().into_guide();
        let id = guide.id.clone();
        let steps: Vec<Step> = (1..=guide.total_steps)
            .map(|n| Step::pending(&id, n))
            .collect();
        let key = self.keys.guide(&id);
        let mut commit = Commit::new(&self.keys, &id, Expect::Absent);
        let mut fields = vec!["meta".to_string(), encode(&guide)?];
        fields.extend(["rev".to_string(), "1".to_string()]);
        for step in &steps {
            fields.push(format!("s:{}", step.number));
            fields.push(encode(step)?);
        }
        commit.write("HSET", &key, fields);
        let created_at = guide.created_at.to_string();
        commit.write("ZADD", &self.keys.guides(), [created_at.as_str(), &id]);
        self.track_unfinished(&mut commit, &guide);
        if let Some(expires_at) = guide.expires_at {
            commit.write(
                "ZADD",
                &self.keys.expiry(),
                [expires_at.to_string(), id.clone()],
            );
        }
        self.count_guide(&mut commit, None, Some(guide.status));
        if guide.total_steps > 0 {
            commit.write(
                "HINCRBY",
                &self.keys.step_counts(),
                [
                    StepStatus::Pending.as_str().to_string(),
                    guide.total_steps.to_string(),
                ],
            );
        }
        seed::write(
            &mut commit,
            &self.seed_keys(),
            &guide,
            &steps,
            &[],
            false,
            guide.created_at,
        );
        commit.event(&id, "created", guide.summary(), guide.created_at);
        match commit.run(&self.connection).await? {
            Outcome::Committed(_) => Ok(Some(Created::New(guide))),
            Outcome::Conflict => Ok(match self.guide(&id).await? {
                Some(existing) if existing.request_hash == new.request_hash => {
                    Some(Created::Existing(existing))
                }
                Some(existing) => Some(Created::Conflict(existing)),
                // Deleted between the two: try again.
                None => None,
            }),
        }
    }

    async fn try_update_step(
        &self,
        id: &str,
        number: u32,
        update: &StepUpdate,
        now: Timestamp,
    ) -> Result<Option<Event>, StoreError> {
        let not_found = || StoreError::NotFound(format!("step {number} of guide {id}"));
        let mut record = self.record(id).await?.ok_or_else(not_found)?;
        let index = (number as usize)
            .checked_sub(1)
            .filter(|i| *i < record.steps.len())
            .ok_or_else(not_found)?;
        let before = record.steps[index].status;
        update.clone().apply_to(&mut record.steps[index]);
        let step = &record.steps[index];
        let mut commit = Commit::new(&self.keys, id, Expect::Revision(record.rev.clone()));
        commit.write(
            "HSET",
            &self.keys.guide(id),
            [format!("s:{number}"), encode(step)?],
        );
        self.bump(&mut commit, id);
        self.count_step(&mut commit, Some(before), Some(step.status));
        let data = serde_json::to_value(step)
            .map_err(|e| StoreError::Corrupt(format!("step JSON: {e}")))?;
        seed::write(
            &mut commit,
            &self.seed_keys(),
            &record.guide,
            &record.steps,
            &[number],
            false,
            now,
        );
        commit.event(id, "step", data, now);
        match commit.run(&self.connection).await? {
            Outcome::Committed(event) => Ok(Some(expected_event(event)?)),
            Outcome::Conflict => Ok(None),
        }
    }

    async fn try_set_guide_status(
        &self,
        id: &str,
        status: GuideStatus,
        error: &Option<String>,
        now: Timestamp,
    ) -> Result<Option<Event>, StoreError> {
        let GuideRecord {
            rev,
            mut guide,
            steps,
            ..
        } = self
            .record(id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("guide {id}")))?;
        let before = guide.status;
        guide.apply_status(status, error.clone(), now);
        let mut commit = Commit::new(&self.keys, id, Expect::Revision(rev));
        commit.write(
            "HSET",
            &self.keys.guide(id),
            ["meta".to_string(), encode(&guide)?],
        );
        self.bump(&mut commit, id);
        self.count_guide(&mut commit, Some(before), Some(guide.status));
        self.track_unfinished(&mut commit, &guide);
        seed::write(
            &mut commit,
            &self.seed_keys(),
            &guide,
            &steps,
            &[],
            true,
            now,
        );
        commit.event(id, "guide", guide.summary(), now);
        match commit.run(&self.connection).await? {
            Outcome::Committed(event) => Ok(Some(expected_event(event)?)),
            Outcome::Conflict => Ok(None),
        }
    }

    /// Deletes the guide's keys: `Some(false)` if there is no such guide,
    /// `None` if another writer changed it between the read and the delete.
    async fn try_delete(&self, id: &str) -> Result<Option<bool>, StoreError> {
        let Some(record) = self.record(id).await? else {
            return Ok(Some(false));
        };
        let guide = &record.guide;
        let mut commit = Commit::new(&self.keys, id, Expect::Revision(record.rev.clone()));
        for key in [
            self.keys.guide(id),
            self.keys.events(id),
            self.keys.plans(id),
            self.keys.partials(id),
        ] {
            commit.write("DEL", &key, NO_ARGS);
        }
        for key in seed::keys_of(&self.keys, guide) {
            commit.write("DEL", &key, NO_ARGS);
        }
        for set in [
            self.keys.guides(),
            self.keys.unfinished(),
            self.keys.expiry(),
        ] {
            commit.write("ZREM", &set, [id]);
        }
        self.count_guide(&mut commit, Some(guide.status), None);
        for step in &record.steps {
            self.count_step(&mut commit, Some(step.status), None);
        }
        Ok(match commit.run(&self.connection).await? {
            Outcome::Committed(_) => Some(true),
            Outcome::Conflict => None,
        })
    }

    async fn try_put_plan(
        &self,
        id: &str,
        plan: &serde_json::Value,
        source: &str,
        repairs: u32,
        replaces: Option<u32>,
        now: Timestamp,
    ) -> Result<Option<(StoredPlan, Event)>, StoreError> {
        let record = self
            .record(id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("guide {id}")))?;
        if let Some(expected) = replaces.filter(|&v| v != record.plan_version) {
            return Err(StoreError::VersionConflict {
                expected,
                current: record.plan_version,
            });
        }
        let stored = StoredPlan {
            guide_id: id.to_string(),
            version: record.plan_version + 1,
            plan: plan.clone(),
            source: source.to_string(),
            repairs,
            created_at: now,
        };
        let mut commit = Commit::new(&self.keys, id, Expect::Revision(record.rev));
        let version = stored.version.to_string();
        commit.write(
            "HSET",
            &self.keys.plans(id),
            [version.clone(), encode(&stored)?],
        );
        commit.write("HSET", &self.keys.guide(id), ["plan".to_string(), version]);
        self.bump(&mut commit, id);
        commit.event(id, "plan", stored.summary(), now);
        match commit.run(&self.connection).await? {
            Outcome::Committed(event) => Ok(Some((stored, expected_event(event)?))),
            Outcome::Conflict => Ok(None),
        }
    }

    /// The guides with these ids, in the same order, skipping any deleted
    /// meanwhile.
    async fn guides_by_id(&self, ids: &[String]) -> Result<Vec<Guide>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut pipe = redis::pipe();
        for id in ids {
            pipe.hget(self.keys.guide(id), "meta");
        }
        let metas: Vec<Option<String>> = pipe
            .query_async(&mut self.connection())
            .await
            .map_err(redis_error)?;
        ids.iter()
            .zip(metas)
            .filter_map(|(id, meta)| meta.map(|m| decode(&format!("guide {id}"), &m)))
            .collect()
    }
}

#[async_trait]
impl StateStore for RedisStore {
    async fn create_guide(&self, guide: NewGuide) -> Result<Created, StoreError> {
        until_committed(
            || format!("creating guide {}", guide.id),
            || self.try_create(&guide),
        )
        .await
    }

    async fn guide(&self, id: &str) -> Result<Option<Guide>, StoreError> {
        let meta: Option<String> = self
            .connection()
            .hget(self.keys.guide(id), "meta")
            .await
            .map_err(redis_error)?;
        meta.map(|m| decode(&format!("guide {id}"), &m)).transpose()
    }

    async fn steps(&self, id: &str) -> Result<Vec<Step>, StoreError> {
        Ok(self.record(id).await?.map(|r| r.steps).unwrap_or_default())
    }

    async fn step(&self, id: &str, number: u32) -> Result<Option<Step>, StoreError> {
        let json: Option<String> = self
            .connection()
            .hget(self.keys.guide(id), format!("s:{number}"))
            .await
            .map_err(redis_error)?;
        json.map(|j| decode(&format!("step {number} of {id}"), &j))
            .transpose()
    }

    async fn update_step(
        &self,
        id: &str,
        number: u32,
        update: StepUpdate,
        now: Timestamp,
    ) -> Result<Event, StoreError> {
        until_committed(
            || format!("step {number} of guide {id}"),
            || self.try_update_step(id, number, &update, now),
        )
        .await
    }

    async fn set_guide_status(
        &self,
        id: &str,
        status: GuideStatus,
        error: Option<String>,
        now: Timestamp,
    ) -> Result<Event, StoreError> {
        until_committed(
            || format!("status of guide {id}"),
            || self.try_set_guide_status(id, status, &error, now),
        )
        .await
    }

    async fn events_after(
        &self,
        id: &str,
        after: i64,
        limit: u32,
    ) -> Result<Vec<Event>, StoreError> {
        if limit == 0 {
            return Ok(Vec::new());
        }
        let entries: Vec<(String, HashMap<String, String>)> = redis::cmd("XRANGE")
            .arg(self.keys.events(id))
            .arg(format!("({}-0", after.max(0)))
            .arg("+")
            .arg("COUNT")
            .arg(limit)
            .query_async(&mut self.connection())
            .await
            .map_err(redis_error)?;
        entries
            .into_iter()
            .map(|(entry, fields)| {
                let seq = entry
                    .split_once('-')
                    .and_then(|(seq, _)| seq.parse().ok())
                    .ok_or_else(|| parse_error(format!("event id {entry:?}")))?;
                let payload = fields
                    .get("event")
                    .ok_or_else(|| parse_error(format!("event {entry} has no payload")))?;
                decode_event(seq, payload)
            })
            .collect()
    }

    async fn delete_guide(&self, id: &str) -> Result<bool, StoreError> {
        let deleted =
            until_committed(|| format!("deleting guide {id}"), || self.try_delete(id)).await?;
        // Its tasks go with it (one queued meanwhile would only find the
        // guide gone when it runs).
        self.cancel_guide(id).await?;
        Ok(deleted)
    }

    async fn expired_guides(&self, now: Timestamp) -> Result<Vec<String>, StoreError> {
        self.connection()
            .zrangebyscore(self.keys.expiry(), "-inf", now)
            .await
            .map_err(redis_error)
    }

    async fn referenced_images(&self) -> Result<BTreeSet<String>, StoreError> {
        let ids: Vec<String> = self
            .connection()
            .zrange(self.keys.guides(), 0, -1)
            .await
            .map_err(redis_error)?;
        let mut images = BTreeSet::new();
        for id in ids {
            if let Some(record) = self.record(&id).await? {
                for step in record.steps {
                    images.extend(step.image_id);
                    images.extend(step.preview_id);
                    images.extend(step.references.into_iter().filter_map(|r| r.image_id));
                }
            }
            let partials: Vec<String> = self
                .connection()
                .smembers(self.keys.partials(&id))
                .await
                .map_err(redis_error)?;
            images.extend(partials);
        }
        Ok(images)
    }

    async fn counts(&self) -> Result<Counts, StoreError> {
        let mut pipe = redis::pipe();
        pipe.hgetall(self.keys.guide_counts())
            .hgetall(self.keys.step_counts());
        let (guides, steps): (HashMap<String, i64>, HashMap<String, i64>) = pipe
            .query_async(&mut self.connection())
            .await
            .map_err(redis_error)?;
        // A counter can only dip below zero if keys were edited by hand.
        let named = |counts: HashMap<String, i64>| -> HashMap<String, u64> {
            counts
                .into_iter()
                .map(|(name, n)| (name, u64::try_from(n).unwrap_or(0)))
                .collect()
        };
        Ok(Counts::from_named(&named(guides), &named(steps)))
    }

    async fn unfinished_guides(&self) -> Result<Vec<Guide>, StoreError> {
        let ids: Vec<String> = self
            .connection()
            .zrange(self.keys.unfinished(), 0, -1)
            .await
            .map_err(redis_error)?;
        self.guides_by_id(&ids).await
    }

    async fn put_plan(
        &self,
        id: &str,
        plan: serde_json::Value,
        source: &str,
        repairs: u32,
        replaces: Option<u32>,
        now: Timestamp,
    ) -> Result<(StoredPlan, Event), StoreError> {
        until_committed(
            || format!("plan of guide {id}"),
            || self.try_put_plan(id, &plan, source, repairs, replaces, now),
        )
        .await
    }

    async fn record_event(
        &self,
        id: &str,
        kind: &str,
        data: serde_json::Value,
        now: Timestamp,
    ) -> Result<Event, StoreError> {
        let mut commit = Commit::new(&self.keys, id, Expect::Present);
        if kind == "partial" {
            if let Some(image) = data.get("image_id").and_then(|v| v.as_str()) {
                commit.write("SADD", &self.keys.partials(id), [image]);
            }
        }
        commit.event(id, kind, data, now);
        match commit.run(&self.connection).await? {
            Outcome::Committed(event) => expected_event(event),
            Outcome::Conflict => Err(StoreError::NotFound(format!("guide {id}"))),
        }
    }

    async fn plan(&self, id: &str) -> Result<Option<StoredPlan>, StoreError> {
        let version: Option<String> = self
            .connection()
            .hget(self.keys.guide(id), "plan")
            .await
            .map_err(redis_error)?;
        let Some(version) = version else {
            return Ok(None);
        };
        let json: Option<String> = self
            .connection()
            .hget(self.keys.plans(id), &version)
            .await
            .map_err(redis_error)?;
        json.map(|j| decode(&format!("plan {version} of {id}"), &j))
            .transpose()
    }

    async fn plan_version(&self, id: &str, version: u32) -> Result<Option<StoredPlan>, StoreError> {
        let json: Option<String> = self
            .connection()
            .hget(self.keys.plans(id), version)
            .await
            .map_err(redis_error)?;
        json.map(|j| decode(&format!("plan {version} of {id}"), &j))
            .transpose()
    }

    async fn plan_versions(&self, id: &str) -> Result<Vec<StoredPlan>, StoreError> {
        let all: std::collections::HashMap<u32, String> = self
            .connection()
            .hgetall(self.keys.plans(id))
            .await
            .map_err(redis_error)?;
        let mut plans = all
            .into_iter()
            .map(|(version, j)| decode::<StoredPlan>(&format!("plan {version} of {id}"), &j))
            .collect::<Result<Vec<_>, _>>()?;
        plans.sort_by_key(|p| p.version);
        Ok(plans)
    }
}
