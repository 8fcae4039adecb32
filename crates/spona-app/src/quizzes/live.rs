//! What the server keeps for people taking quizzes (issue 23's burst): the parsed document
//! of each quiz version sessions are on, and the one writer that stores answers in batches.
//!
//! **Documents.** A version's document never changes once a session exists
//! (`spona_store::quizzes::replace_unanswered_in` changes only versions nobody started), so
//! a document read for a session is kept by its quiz id and version for as long as the
//! server runs; its open period is read with the session every time (it may be changed in
//! the database).
//!
//! **Answers: group commit.** Each answer goes to one writer task through a channel; the
//! writer takes every answer waiting (up to [`BATCH`]), stores them in one transaction
//! (`spona_store::quiz_answers::answers_in`) and only after the commit tells each request
//! whether its answer was stored. An answer is acknowledged (303) only once it is durable,
//! as before, but a thousand answers cost one commit (one WAL sync on SQLite) instead of a
//! thousand, and no answer waits for another writer's lock. A batch that fails (a session
//! gone, a fault) is stored again one answer at a time, each in its own transaction, so
//! that each request gets its own outcome.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

use spona_domain::quiz::QuizDoc;
use spona_store::Db;
use spona_store::quiz_answers::NewAnswer;
use tokio::sync::{mpsc, oneshot};

use crate::{Error, Result};

/// The most answers one transaction stores.
pub const BATCH: usize = 1000;

/// Documents kept before the cache starts again (quiz versions, not sessions: a few).
const MAX_DOCS: usize = 1000;

type Reply = oneshot::Sender<spona_store::Result<bool>>;

/// The quiz pages' shared state: the documents kept and the answer writer. One per server
/// (in `spona_web::Shared`).
pub struct Live {
    docs: RwLock<HashMap<(String, i64), Arc<QuizDoc>>>,
    answers: mpsc::UnboundedSender<(NewAnswer, Reply)>,
    stats: Arc<Stats>,
}

/// What the writer has done: transactions committed (or tried) and the largest batch.
#[derive(Debug, Default)]
struct Stats {
    batches: AtomicU64,
    largest: AtomicU64,
}

impl std::fmt::Debug for Live {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Live").finish_non_exhaustive()
    }
}

impl Live {
    /// Starts the answer writer on the current runtime; it ends when `Live` is dropped.
    pub fn start(db: Db) -> Live {
        let (tx, rx) = mpsc::unbounded_channel();
        let stats = Arc::new(Stats::default());
        tokio::spawn(write_answers(db, rx, stats.clone()));
        Live {
            docs: RwLock::new(HashMap::new()),
            answers: tx,
            stats,
        }
    }

    /// `(batches, largest batch)` the writer has stored so far (for tests and logs).
    pub fn batches(&self) -> (u64, u64) {
        (
            self.stats.batches.load(Ordering::Relaxed),
            self.stats.largest.load(Ordering::Relaxed),
        )
    }

    /// The document of a quiz version, parsed once.
    pub(crate) async fn doc(&self, db: &Db, quiz_id: &str, version: i64) -> Result<Arc<QuizDoc>> {
        let key = (quiz_id.to_owned(), version);
        if let Some(doc) = self.docs.read().ok().and_then(|d| d.get(&key).cloned()) {
            return Ok(doc);
        }
        let quiz = spona_store::quizzes::quiz(db, quiz_id)
            .await?
            .ok_or(Error::NotFound)?;
        let doc = Arc::new(super::take::doc_of(&quiz)?);
        if let Ok(mut docs) = self.docs.write() {
            if docs.len() >= MAX_DOCS {
                docs.clear();
            }
            docs.insert((quiz.id, quiz.version), doc.clone());
        }
        Ok(doc)
    }

    /// Stores an answer through the writer: true once committed, false when the session
    /// had answered this question already.
    pub(crate) async fn store(&self, answer: NewAnswer) -> Result<bool> {
        let (reply, outcome) = oneshot::channel();
        self.answers
            .send((answer, reply))
            .map_err(|_| Error::Internal(anyhow::anyhow!("the quiz answer writer stopped")))?;
        match outcome.await {
            Ok(stored) => Ok(stored?),
            Err(_) => Err(Error::Internal(anyhow::anyhow!(
                "the quiz answer writer stopped"
            ))),
        }
    }
}

/// The writer: takes what is waiting, stores it in one transaction, answers each request.
async fn write_answers(
    db: Db,
    mut rx: mpsc::UnboundedReceiver<(NewAnswer, Reply)>,
    stats: Arc<Stats>,
) {
    let mut waiting = Vec::with_capacity(BATCH);
    while rx.recv_many(&mut waiting, BATCH).await > 0 {
        stats.batches.fetch_add(1, Ordering::Relaxed);
        stats
            .largest
            .fetch_max(waiting.len() as u64, Ordering::Relaxed);
        let (batch, replies): (Vec<NewAnswer>, Vec<Reply>) = waiting.drain(..).unzip();
        match store_batch(&db, &batch).await {
            Ok(stored) => {
                for (reply, s) in replies.into_iter().zip(stored) {
                    let _ = reply.send(Ok(s));
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, answers = batch.len(),
                    "a batch of quiz answers failed; storing them one at a time");
                for (answer, reply) in batch.iter().zip(replies) {
                    let one = spona_store::quizzes::answer(
                        &db,
                        &answer.session_id,
                        answer.question,
                        answer.correct,
                        &answer.choices,
                        answer.at,
                    )
                    .await;
                    let _ = reply.send(one);
                }
            }
        }
    }
}

async fn store_batch(db: &Db, batch: &[NewAnswer]) -> spona_store::Result<Vec<bool>> {
    let mut tx = db.begin().await?;
    let stored = spona_store::quiz_answers::answers_in(&mut tx, batch).await?;
    tx.commit().await?;
    Ok(stored)
}
