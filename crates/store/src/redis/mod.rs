//! [`StateStore`](crate::StateStore) and [`TaskQueue`](crate::TaskQueue) on
//! Redis, for several API processes and workers on many machines.
//!
//! Layout (all under the deployment's prefix, see [`keys`]):
//! - a hash per guide holding the guide, its steps and a revision; every
//!   change is one Lua script that checks the revision, writes, and appends
//!   the change's event (see [`commit`]);
//! - a capped stream per guide as its event log, entry ids `SEQ-0`, so an
//!   SSE `Last-Event-ID` replays from any process; every event is also
//!   published on one channel for live subscribers in every process;
//! - the task queue as a stream read through a consumer group, with a
//!   sorted set for tasks not yet due and one for lease deadlines (see
//!   [`queue`]);
//! - the seed's own keys in the seed's JSON shapes (see [`seed`]).
//!
//! Scripts name keys they derive from their arguments (a task's hash), so
//! this needs one Redis (or a primary with replicas), not Redis Cluster.

mod commit;
mod keys;
mod queue;
mod seed;
mod state;

use std::collections::HashMap;
use std::time::Duration;

use futures::{Stream, StreamExt};
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::AsyncCommands;

use crate::error::StoreError;
use crate::model::{Event, Guide, Step};
use keys::Keys;

/// How Redis is reached and named.
#[derive(Clone, Debug)]
pub struct RedisSettings {
    /// `redis://[user:password@]host:port[/db]` (or `rediss://`).
    pub url: String,
    /// Put before every key and channel, so several deployments can share
    /// one Redis. Empty by default, which is what the seed's endpoints
    /// read.
    pub prefix: String,
    /// The base of the `image_url`s written into the seed's keys
    /// (`{image_base}/images/{id}`); empty gives root-relative URLs.
    pub image_base: String,
}

/// Guide state, events and the task queue in one Redis.
#[derive(Clone)]
pub struct RedisStore {
    client: redis::Client,
    connection: ConnectionManager,
    keys: Keys,
    image_base: String,
}

impl std::fmt::Debug for RedisStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisStore")
            .field("prefix", &self.keys.prefix())
            .finish_non_exhaustive()
    }
}

/// A Redis failure, as the store reports it.
fn redis_error(error: redis::RedisError) -> StoreError {
    StoreError::Database(format!("redis: {error}"))
}

/// A reply of an unexpected shape.
fn parse_error(error: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("redis reply: {error}"))
}

fn decode<T: serde::de::DeserializeOwned>(what: &str, json: &str) -> Result<T, StoreError> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt(format!("{what}: {e}")))
}

fn encode<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(format!("encoding: {e}")))
}

/// A guide's hash as read: everything one change needs.
struct GuideRecord {
    rev: String,
    guide: Guide,
    steps: Vec<Step>,
    plan_version: u32,
}

impl RedisStore {
    /// Connects (reconnecting by itself later) and makes sure the task
    /// stream's consumer group exists.
    pub async fn open(settings: &RedisSettings) -> Result<RedisStore, StoreError> {
        let client = redis::Client::open(settings.url.as_str())
            .map_err(|e| StoreError::Database(format!("redis URL: {e}")))?;
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(Duration::from_secs(5)))
            .set_response_timeout(Some(Duration::from_secs(10)))
            .set_number_of_retries(3);
        let connection = ConnectionManager::new_with_config(client.clone(), config)
            .await
            .map_err(redis_error)?;
        let store = RedisStore {
            client,
            connection,
            keys: Keys::new(&settings.prefix),
            image_base: settings.image_base.trim_end_matches('/').to_string(),
        };
        store.ensure_group().await?;
        Ok(store)
    }

    /// The key prefix this store uses.
    pub fn prefix(&self) -> &str {
        self.keys.prefix()
    }

    /// Checks that Redis answers (for `/readyz`).
    pub async fn ping(&self) -> Result<(), StoreError> {
        let mut connection = self.connection.clone();
        let _: String = redis::cmd("PING")
            .query_async(&mut connection)
            .await
            .map_err(redis_error)?;
        Ok(())
    }

    /// Every event any process commits, as it is committed: the live feed
    /// for Server-Sent Events. Pub/sub is at most once; a subscriber that
    /// was disconnected replays what it missed from the guide's stream.
    pub async fn live_events(
        &self,
    ) -> Result<impl Stream<Item = Result<Event, StoreError>> + Send + 'static, StoreError> {
        let mut pubsub = self.client.get_async_pubsub().await.map_err(redis_error)?;
        pubsub
            .subscribe(self.keys.live())
            .await
            .map_err(redis_error)?;
        Ok(pubsub.into_on_message().map(|message| {
            let text: String = message.get_payload().map_err(redis_error)?;
            commit::decode_live(&text)
        }))
    }

    fn connection(&self) -> ConnectionManager {
        self.connection.clone()
    }

    /// Reads a guide's hash; `None` if there is no such guide.
    async fn record(&self, id: &str) -> Result<Option<GuideRecord>, StoreError> {
        let fields: HashMap<String, String> = self
            .connection()
            .hgetall(self.keys.guide(id))
            .await
            .map_err(redis_error)?;
        let (Some(rev), Some(meta)) = (fields.get("rev"), fields.get("meta")) else {
            return Ok(None);
        };
        let guide: Guide = decode(&format!("guide {id}"), meta)?;
        let mut steps = Vec::with_capacity(guide.total_steps as usize);
        for number in 1..=guide.total_steps {
            let json = fields
                .get(&format!("s:{number}"))
                .ok_or_else(|| StoreError::Corrupt(format!("guide {id}: step {number} missing")))?;
            steps.push(decode(&format!("step {number} of {id}"), json)?);
        }
        let plan_version = match fields.get("plan") {
            Some(text) => text
                .parse()
                .map_err(|_| StoreError::Corrupt(format!("guide {id}: plan {text:?}")))?,
            None => 0,
        };
        Ok(Some(GuideRecord {
            rev: rev.clone(),
            guide,
            steps,
            plan_version,
        }))
    }

    /// Creates the task stream's consumer group if it is missing (a new
    /// Redis, or one restarted without persistence).
    async fn ensure_group(&self) -> Result<(), StoreError> {
        let created: redis::RedisResult<()> = redis::cmd("XGROUP")
            .arg("CREATE")
            .arg(self.keys.ready())
            .arg(keys::WORKERS_GROUP)
            .arg("0")
            .arg("MKSTREAM")
            .query_async(&mut self.connection())
            .await;
        match created {
            Ok(()) => Ok(()),
            Err(e) if e.code() == Some("BUSYGROUP") => Ok(()),
            Err(e) => Err(redis_error(e)),
        }
    }
}
