//! Vault items too large for one packet (over [`INLINE_MAX`]; `spona_federation::chunks`).
//!
//! **Sending** ([`seal_item`], [`queue_chunks_in`], called by `vault_items::share`): the
//! original is age-encrypted to the receiving organisation once, streaming from the blob
//! store into a scratch file (the ciphertext's SHA-256 and size on the way); in the share's
//! transaction each [`CHUNK_BYTES`] of it is queued as a `vault-chunk` packet on the item's
//! conversation (so they travel in order, retried, exactly once, before the item), read
//! from the file one at a time; then the `vault-item` packet carries the hand-over and a
//! [`Chunked`] instead of the bytes.
//!
//! **Arriving** ([`receive_chunk_in`], [`assemble_in`]): each chunk is checked against its
//! own SHA-256 and staged; the `vault-item` streams the staged chunks in order, one in
//! memory at a time, through the ciphertext's SHA-256 and age decryption (on a blocking
//! thread fed through a channel of one), and the item is kept only if every chunk is there
//! and both hashes hold; its chunks are then bound to it. A refused item's chunks are
//! deleted ([`discard_refused_in`]).
//!
//! **Reading back** ([`open_item`]): download and `custody verify` stream the same way.

use std::io::{self, Read, Write};

use serde_json::json;
use spona_domain::federation::PacketKind;
use spona_federation::OrgIdentity;
use spona_federation::chunks::{self, CHUNK_BYTES, Chunk, Chunked, Tally};
use spona_store::federation::packets::Incoming;
use spona_store::federation::vault_chunks::{self as store, StagedChunk};
use spona_store::federation::vault_items::FedVaultItem;
use spona_store::{Db, Tx};

pub use spona_federation::chunks::INLINE_MAX;

use super::inbox::{Refused, refused};
use super::outbox::{Outbound, queue_in};
use super::{FedKeys, Settings};
use crate::{Error, Result};

fn internal(what: &str, e: impl std::fmt::Display) -> Error {
    Error::Internal(anyhow::anyhow!("{what}: {e}"))
}

/// An item's ciphertext in a scratch file (deleted when dropped), and what the `vault-item`
/// packet says of it.
pub struct SealedItem {
    file: tempfile::NamedTempFile,
    pub chunked: Chunked,
    /// The original's SHA-256 and size, computed on the way.
    pub plain_sha256: String,
    pub plain_size: u64,
}

/// Encrypts `plain` (read on a blocking thread) to `recipient` into a scratch file.
pub async fn seal_item(recipient: String, plain: impl Read + Send + 'static) -> Result<SealedItem> {
    tokio::task::spawn_blocking(move || -> Result<SealedItem> {
        let mut file = tempfile::NamedTempFile::new().map_err(|e| internal("scratch file", e))?;
        let sealed = chunks::seal_stream(&recipient, plain, io::BufWriter::new(file.as_file_mut()))
            .map_err(|e| internal("sealing a vault item", e))?;
        let count = chunks::count_for(sealed.size);
        if count > chunks::MAX_CHUNKS {
            return Err(Error::BadRequest("fedvault-err-too-large"));
        }
        Ok(SealedItem {
            file,
            chunked: Chunked {
                transfer: spona_store::new_id(),
                count,
                size: sealed.size,
                sha256: sealed.sha256,
            },
            plain_sha256: sealed.plain_sha256,
            plain_size: sealed.plain_size,
        })
    })
    .await
    .map_err(|e| internal("sealing a vault item", e))?
}

/// Chunk `index` of the sealed item, read from its scratch file.
async fn read_chunk(item: &SealedItem, index: u32) -> Result<Vec<u8>> {
    use std::io::{Seek, SeekFrom};
    let mut file = item
        .file
        .as_file()
        .try_clone()
        .map_err(|e| internal("scratch file", e))?;
    let start = index as u64 * CHUNK_BYTES as u64;
    let len = (item.chunked.size - start).min(CHUNK_BYTES as u64) as usize;
    tokio::task::spawn_blocking(move || -> io::Result<Vec<u8>> {
        file.seek(SeekFrom::Start(start))?;
        let mut buf = vec![0u8; len];
        file.read_exact(&mut buf)?;
        Ok(buf)
    })
    .await
    .map_err(|e| internal("scratch file", e))?
    .map_err(|e| internal("scratch file", e))
}

/// Where the chunks go: the `vault-item`'s partner, organisations and conversation.
pub struct Route<'a> {
    pub partner_id: &'a str,
    pub from_org: &'a str,
    pub to_org: &'a str,
    pub conversation: &'a str,
}

/// Queues every chunk of `item` as a `vault-chunk` packet in the caller's transaction.
pub async fn queue_chunks_in(
    tx: &mut Tx,
    keys: &FedKeys,
    settings: &Settings,
    route: &Route<'_>,
    item: &SealedItem,
    now: i64,
) -> Result<()> {
    for index in 0..item.chunked.count {
        let bytes = read_chunk(item, index).await?;
        let chunk = Chunk::new(&item.chunked.transfer, index, item.chunked.count, &bytes);
        drop(bytes);
        queue_in(
            tx,
            keys,
            settings,
            Outbound {
                partner_id: route.partner_id,
                from_org: route.from_org,
                to_org: route.to_org,
                conversation: route.conversation,
                kind: PacketKind::VaultChunk,
                data: json!(chunk),
            },
            now,
        )
        .await?;
    }
    Ok(())
}

/// Handles an accepted `vault-chunk` packet: checked against its own SHA-256, staged.
pub(crate) async fn receive_chunk_in(
    tx: &mut Tx,
    p: &Incoming,
    opened: &serde_json::Value,
    now: i64,
) -> std::result::Result<(), Refused> {
    let chunk: Chunk = serde_json::from_value(opened.get("data").cloned().unwrap_or_default())
        .map_err(|e| refused(422, format!("not a vault item's chunk: {e}")))?;
    chunk
        .check()
        .map_err(|e| refused(422, format!("the vault item's {e}")))?;
    let staged = store::stage_in(
        tx,
        &StagedChunk {
            partner_id: p.partner_id.clone(),
            transfer: chunk.transfer.clone(),
            idx: i64::from(chunk.index),
            chunk_count: i64::from(chunk.count),
            sha256: chunk.sha256.to_ascii_lowercase(),
            bytes: chunk.bytes.trim().to_owned(),
            packet_id: p.id.clone(),
            received_at: now,
            item_id: None,
        },
    )
    .await?;
    if !staged {
        return Err(refused(
            409,
            format!(
                "chunk {} of transfer {} arrived already",
                chunk.index, chunk.transfer
            ),
        ));
    }
    Ok(())
}

/// A reader over byte blocks sent through a channel (the decrypting thread's input).
struct ChannelReader {
    rx: tokio::sync::mpsc::Receiver<Vec<u8>>,
    buf: Vec<u8>,
    pos: usize,
}

impl Read for ChannelReader {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.pos >= self.buf.len() {
            match self.rx.blocking_recv() {
                Some(next) => {
                    self.buf = next;
                    self.pos = 0;
                }
                None => return Ok(0),
            }
        }
        let n = out.len().min(self.buf.len() - self.pos);
        out[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// What streaming an item's chunks found.
#[derive(Debug)]
pub struct Streamed {
    /// A chunk not there (its index).
    pub missing: Option<u32>,
    /// A chunk whose bytes do not match its SHA-256 (its index).
    pub altered: Option<u32>,
    /// The ciphertext's SHA-256 and size (of the chunks that were there).
    pub sha256: String,
    pub size: u64,
    /// The plaintext's SHA-256 and size, or why age did not open it.
    pub opened: std::result::Result<(String, u64), String>,
}

impl Streamed {
    /// Everything wrong, against what the `vault-item` says of the ciphertext.
    pub fn problems(&self, chunked: &Chunked) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(i) = self.missing {
            out.push(format!("chunk {i} of {} is missing", chunked.count));
        }
        if let Some(i) = self.altered {
            out.push(format!("chunk {i} does not match its SHA-256"));
        }
        if self.missing.is_none() && (self.sha256 != chunked.sha256 || self.size != chunked.size) {
            out.push(format!(
                "the chunks' ciphertext ({} bytes) does not match the SHA-256 and size the \
                 item names ({} bytes)",
                self.size, chunked.size
            ));
        }
        if let Err(e) = &self.opened {
            out.push(format!("it does not open with the addressee's key: {e}"));
        }
        out
    }
}

/// Streams `count` chunks, fetched one at a time by `fetch`, through the ciphertext's
/// tally and age decryption (with `identity`) into `sink`. Decryption stops at the first
/// bad piece; the tally goes on over every chunk.
async fn stream<F, Fut>(
    identity: &OrgIdentity,
    count: u32,
    mut fetch: F,
    sink: impl Write + Send + 'static,
) -> Result<Streamed>
where
    F: FnMut(u32) -> Fut,
    Fut: std::future::Future<Output = Result<Option<StagedChunk>>>,
{
    let (sender, rx) = tokio::sync::mpsc::channel::<Vec<u8>>(1);
    let identity = identity.clone();
    let opening = tokio::task::spawn_blocking(move || {
        let reader = ChannelReader {
            rx,
            buf: Vec::new(),
            pos: 0,
        };
        chunks::open_stream(&identity, reader, sink)
    });
    let mut tally = Tally::default();
    let (mut missing, mut altered) = (None, None);
    let mut sender = Some(sender);
    for index in 0..count {
        let Some(c) = fetch(index).await? else {
            missing = Some(index);
            break;
        };
        let bytes = spona_federation::handover::ciphertext(&c.bytes)
            .map_err(|e| internal("a stored chunk", e))?;
        if altered.is_none()
            && hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&bytes)) != c.sha256
        {
            altered = Some(index);
        }
        tally.update(&bytes);
        let failed = match &sender {
            Some(s) => s.send(bytes).await.is_err(),
            None => false,
        };
        if failed {
            // Decryption failed already; the tally goes on.
            sender = None;
        }
    }
    // The end of the input: age refuses a ciphertext cut short (its last piece is marked).
    drop(sender);
    let opened = opening.await.map_err(|e| internal("decrypting", e))?;
    let (sha256, size) = tally.finish();
    Ok(Streamed {
        missing,
        altered,
        sha256,
        size,
        opened,
    })
}

/// The staged chunks of `chunked` (from the `vault-item`'s partner), streamed and checked;
/// the plaintext's (SHA-256, size) when every chunk is there and both hold, else a 422.
pub(crate) async fn assemble_in(
    tx: &mut Tx,
    identity: &OrgIdentity,
    partner_id: &str,
    chunked: &Chunked,
) -> std::result::Result<(String, u64), Refused> {
    chunked
        .check()
        .map_err(|e| refused(422, format!("the vault item's chunks: {e}")))?;
    let count = i64::from(chunked.count);
    let (all, agreeing) = store::staged_count_in(tx, partner_id, &chunked.transfer, count).await?;
    if all != count || agreeing != count {
        return Err(refused(
            422,
            format!(
                "the vault item's chunks: {all} of {count} arrived (transfer {})",
                chunked.transfer
            ),
        ));
    }
    let found = {
        let tx = &mut *tx;
        let (partner, transfer) = (partner_id.to_owned(), chunked.transfer.clone());
        // One chunk at a time from the transaction.
        let tx = std::sync::Arc::new(tokio::sync::Mutex::new(tx));
        stream(
            identity,
            chunked.count,
            |i| {
                let (tx, partner, transfer) = (tx.clone(), partner.clone(), transfer.clone());
                async move {
                    let mut guard = tx.lock().await;
                    Ok(store::staged_in(&mut guard, &partner, &transfer, i64::from(i)).await?)
                }
            },
            io::sink(),
        )
        .await?
    };
    let problems = found.problems(chunked);
    if !problems.is_empty() {
        return Err(refused(
            422,
            format!(
                "the vault item's chunks do not hold: {}",
                problems.join("; ")
            ),
        ));
    }
    found
        .opened
        .map_err(|e| refused(422, format!("the vault item does not open: {e}")))
}

/// After a permanent refusal of a `vault-item` packet whose body is `opened`: its staged
/// chunks are deleted (nothing of a refused item is kept).
pub(crate) async fn discard_refused_in(
    tx: &mut Tx,
    p: &Incoming,
    opened: &serde_json::Value,
) -> Result<()> {
    if p.kind != PacketKind::VaultItem.as_str() {
        return Ok(());
    }
    if let Some(transfer) = opened
        .pointer("/data/chunked/transfer")
        .and_then(|t| t.as_str())
    {
        let n = store::discard_in(tx, &p.partner_id, transfer).await?;
        tracing::info!(packet = %p.id, transfer, chunks = n, "a refused vault item's chunks deleted");
    }
    Ok(())
}

/// [`discard_refused_in`] in a transaction of its own (the refused packet's was rolled
/// back).
pub(crate) async fn discard_refused(db: &Db, p: &Incoming, opened: &serde_json::Value) {
    let run = async {
        let mut tx = db.begin().await?;
        discard_refused_in(&mut tx, p, opened).await?;
        tx.commit().await?;
        Ok::<(), Error>(())
    };
    if let Err(e) = run.await {
        tracing::error!(error = %e, packet = %p.id, "a refused vault item's chunks were not deleted");
    }
}

/// Streams a stored item's bytes (its chunks, or its inline ciphertext) through age
/// decryption with `identity` into `sink`; `None` if the item is not chunked.
pub async fn open_item(
    db: &Db,
    identity: &OrgIdentity,
    item: &FedVaultItem,
    sink: impl Write + Send + 'static,
) -> Result<Option<Streamed>> {
    let count = store::item_count(db, &item.id).await?;
    if count == 0 || !item.ciphertext.is_empty() {
        return Ok(None);
    }
    let id = item.id.clone();
    let found = stream(
        identity,
        count as u32,
        |i| {
            let id = id.clone();
            async move { Ok(store::item_chunk(db, &id, i64::from(i)).await?) }
        },
        sink,
    )
    .await?;
    Ok(Some(found))
}

/// Everything wrong with a stored item's chunks as streamed ([`open_item`]), against the
/// SHA-256 and size its hand-over names.
pub fn stored_problems(found: &Streamed, sha256: &str, size: u64) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(i) = found.missing {
        out.push(format!("its chunk {i} is missing"));
    }
    if let Some(i) = found.altered {
        out.push(format!("its chunk {i} does not match its SHA-256"));
    }
    match &found.opened {
        Ok((s, n)) => {
            if *n != size {
                out.push(format!("the item has {n} bytes, the hand-over says {size}"));
            }
            if s != sha256 {
                out.push("the item's SHA-256 differs from the hand-over's".to_owned());
            }
        }
        Err(e) => out.push(format!("its bytes do not open: {e}")),
    }
    out
}
