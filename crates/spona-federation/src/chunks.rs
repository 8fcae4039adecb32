//! A vault item too large for one packet travels in pieces (issue 20, item 5, items over
//! [`INLINE_MAX`]): the sender age-encrypts the item once, streaming, to the receiving
//! organisation ([`seal_stream`]: the ciphertext's size and SHA-256 on the way), cuts the
//! ciphertext into [`Chunk`]s of at most [`CHUNK_BYTES`] (each with its index, the count and
//! its own SHA-256), queues them as `vault-chunk` packets on the item's conversation, then
//! the `vault-item` packet whose body carries the hand-over and a [`Chunked`] (the
//! transfer's id, the count, the ciphertext's size and SHA-256) instead of the bytes.
//!
//! The receiver checks each chunk as it arrives ([`Chunk::check`]), stages it, and on the
//! `vault-item` streams the staged chunks in order, one at a time, through a [`Tally`] (the
//! ciphertext's SHA-256 and size) and [`open_stream`] (age decryption, the plaintext's
//! SHA-256 and size): the item is kept only if every chunk is there and both hashes hold.
//!
//! Why two sizes: a chunk's bytes travel in base64 inside the packet's JSON body, which is
//! at most [`crate::packet::MAX_BODY`] (512 KiB) before its own encryption; 320 KiB of
//! ciphertext is 427 KiB in base64, with room for the JSON around it. An item up to
//! [`INLINE_MAX`] still travels in its `vault-item` packet as before (one packet, nothing
//! staged, and what deployments of the previous version understand).

use std::io::{self, Read, Write};
use std::str::FromStr;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::keys::OrgIdentity;

/// Ciphertext bytes per chunk (the last may be shorter).
pub const CHUNK_BYTES: usize = 320 * 1024;

/// The largest original that still travels inside its `vault-item` packet.
pub const INLINE_MAX: u64 = 256 * 1024;

/// The most chunks one item may have: 4 GiB + 64 MiB of original (the vault's own limit)
/// with age's overhead, in [`CHUNK_BYTES`].
pub const MAX_CHUNKS: u32 = 14_000;

/// One piece of an item's ciphertext, as a `vault-chunk` packet's data carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chunk {
    /// The transfer (one per hand-over, named again by its `vault-item`).
    pub transfer: String,
    /// From 0.
    pub index: u32,
    pub count: u32,
    /// SHA-256 of this chunk's bytes (hex).
    pub sha256: String,
    /// The bytes, base64.
    pub bytes: String,
}

impl Chunk {
    pub fn new(transfer: &str, index: u32, count: u32, bytes: &[u8]) -> Chunk {
        Chunk {
            transfer: transfer.to_owned(),
            index,
            count,
            sha256: hex::encode(Sha256::digest(bytes)),
            bytes: B64.encode(bytes),
        }
    }

    /// The chunk's bytes, if it holds: a transfer id, an index below a count of at most
    /// [`MAX_CHUNKS`], at most [`CHUNK_BYTES`] of bytes, none empty, and its SHA-256.
    pub fn check(&self) -> Result<Vec<u8>, String> {
        if self.transfer.is_empty() || self.transfer.len() > 64 {
            return Err("a chunk without a transfer id".into());
        }
        if self.count == 0 || self.count > MAX_CHUNKS || self.index >= self.count {
            return Err(format!(
                "chunk {} of {} is out of range (at most {MAX_CHUNKS})",
                self.index, self.count
            ));
        }
        let bytes = B64
            .decode(self.bytes.trim())
            .map_err(|e| format!("chunk {}: not base64: {e}", self.index))?;
        if bytes.is_empty() || bytes.len() > CHUNK_BYTES {
            return Err(format!(
                "chunk {} has {} bytes (1 to {CHUNK_BYTES})",
                self.index,
                bytes.len()
            ));
        }
        if hex::encode(Sha256::digest(&bytes)) != self.sha256.to_ascii_lowercase() {
            return Err(format!("chunk {} does not match its SHA-256", self.index));
        }
        Ok(bytes)
    }
}

/// What a chunked `vault-item` carries instead of the bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chunked {
    pub transfer: String,
    pub count: u32,
    /// The whole ciphertext's size and SHA-256 (hex).
    pub size: u64,
    pub sha256: String,
}

impl Chunked {
    /// Whether the numbers agree with each other ([`count_for`] the size).
    pub fn check(&self) -> Result<(), String> {
        if self.count == 0 || self.count > MAX_CHUNKS || count_for(self.size) != self.count {
            return Err(format!(
                "{} chunks cannot hold {} bytes",
                self.count, self.size
            ));
        }
        Ok(())
    }
}

/// How many chunks `size` bytes of ciphertext take.
pub fn count_for(size: u64) -> u32 {
    size.div_ceil(CHUNK_BYTES as u64).max(1) as u32
}

/// SHA-256 and size of what is written through it.
#[derive(Default)]
pub struct Tally {
    hash: Sha256,
    size: u64,
}

impl Tally {
    pub fn update(&mut self, bytes: &[u8]) {
        self.hash.update(bytes);
        self.size += bytes.len() as u64;
    }

    /// (SHA-256 hex, size).
    pub fn finish(self) -> (String, u64) {
        (hex::encode(self.hash.finalize()), self.size)
    }
}

/// A writer that tallies what passes through it on the way to `inner`.
pub struct TallyWriter<W> {
    pub inner: W,
    pub tally: Tally,
}

impl<W: Write> Write for TallyWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.tally.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// What [`seal_stream`] wrote: the ciphertext's and the plaintext's SHA-256 and size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    pub sha256: String,
    pub size: u64,
    pub plain_sha256: String,
    pub plain_size: u64,
}

/// Encrypts `plain` to `recipient` (`age1…`) into `out`, streaming (age's own 64 KiB
/// pieces in memory, never the whole).
pub fn seal_stream(
    recipient: &str,
    mut plain: impl Read,
    out: impl Write,
) -> Result<Sealed, String> {
    let recipient =
        age::x25519::Recipient::from_str(recipient).map_err(|e| format!("recipient: {e}"))?;
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .map_err(|e| e.to_string())?;
    let mut counted = TallyWriter {
        inner: out,
        tally: Tally::default(),
    };
    let mut plain_tally = Tally::default();
    {
        let mut writer = encryptor
            .wrap_output(&mut counted)
            .map_err(|e| e.to_string())?;
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = plain.read(&mut buf).map_err(|e| e.to_string())?;
            if n == 0 {
                break;
            }
            plain_tally.update(&buf[..n]);
            writer.write_all(&buf[..n]).map_err(|e| e.to_string())?;
        }
        writer.finish().map_err(|e| e.to_string())?;
    }
    counted.flush().map_err(|e| e.to_string())?;
    let (sha256, size) = counted.tally.finish();
    let (plain_sha256, plain_size) = plain_tally.finish();
    Ok(Sealed {
        sha256,
        size,
        plain_sha256,
        plain_size,
    })
}

/// Decrypts the age ciphertext `ciphertext` with `identity` into `out`, streaming; the
/// plaintext's (SHA-256 hex, size). A ciphertext cut short or altered anywhere fails (age's
/// STREAM authenticates each 64 KiB piece and the last).
pub fn open_stream(
    identity: &OrgIdentity,
    ciphertext: impl Read,
    out: impl Write,
) -> Result<(String, u64), String> {
    let decryptor = age::Decryptor::new(ciphertext).map_err(|e| e.to_string())?;
    let mut reader = decryptor
        .decrypt(std::iter::once(identity.inner() as &dyn age::Identity))
        .map_err(|e| e.to_string())?;
    let mut counted = TallyWriter {
        inner: out,
        tally: Tally::default(),
    };
    io::copy(&mut reader, &mut counted).map_err(|e| e.to_string())?;
    counted.flush().map_err(|e| e.to_string())?;
    Ok(counted.tally.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(n: usize) -> Vec<u8> {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect()
    }

    /// Seals `plain`, cuts the ciphertext into chunks as the sender does; (chunked, chunks).
    fn cut(to: &OrgIdentity, plain: &[u8]) -> (Chunked, Vec<Chunk>) {
        let mut ct = Vec::new();
        let sealed = seal_stream(&to.recipient(), plain, &mut ct).expect("seal");
        assert_eq!(sealed.size, ct.len() as u64);
        assert_eq!(sealed.plain_size, plain.len() as u64);
        assert_eq!(sealed.plain_sha256, hex::encode(Sha256::digest(plain)));
        let count = count_for(sealed.size);
        let chunks: Vec<Chunk> = ct
            .chunks(CHUNK_BYTES)
            .enumerate()
            .map(|(i, c)| Chunk::new("t-1", i as u32, count, c))
            .collect();
        assert_eq!(chunks.len() as u32, count);
        (
            Chunked {
                transfer: "t-1".into(),
                count,
                size: sealed.size,
                sha256: sealed.sha256,
            },
            chunks,
        )
    }

    /// What the receiver does: every chunk checked, in order, through the tally and age.
    fn reassemble(
        to: &OrgIdentity,
        chunked: &Chunked,
        chunks: &[Chunk],
    ) -> Result<Vec<u8>, String> {
        chunked.check()?;
        if chunks.len() as u32 != chunked.count {
            return Err("a chunk is missing".into());
        }
        let mut tally = Tally::default();
        let mut ct = Vec::new();
        for (i, c) in chunks.iter().enumerate() {
            if c.index as usize != i || c.count != chunked.count {
                return Err(format!("chunk {i} is not in its place"));
            }
            let bytes = c.check()?;
            tally.update(&bytes);
            ct.extend_from_slice(&bytes);
        }
        if tally.finish() != (chunked.sha256.clone(), chunked.size) {
            return Err("the ciphertext's SHA-256 differs".into());
        }
        let mut plain = Vec::new();
        open_stream(to, &ct[..], &mut plain)?;
        Ok(plain)
    }

    #[test]
    fn chunks_frame_an_items_ciphertext_and_reassemble_it() {
        let to = OrgIdentity::generate();
        let plain = data(3 * 1024 * 1024 + 17);
        let (chunked, chunks) = cut(&to, &plain);
        assert_eq!(chunked.count, 10);
        assert!(chunks.iter().all(|c| c.check().is_ok()));
        // Through JSON, as they travel, each body within a packet's limit.
        for c in &chunks {
            let json = serde_json::to_vec(&serde_json::json!({"kind": "vault-chunk", "data": c}))
                .expect("json");
            assert!(json.len() <= crate::packet::MAX_BODY, "{}", json.len());
        }
        assert_eq!(reassemble(&to, &chunked, &chunks).expect("open"), plain);
        // Another organisation's identity does not open it.
        assert!(reassemble(&OrgIdentity::generate(), &chunked, &chunks).is_err());
    }

    #[test]
    fn an_altered_missing_or_misplaced_chunk_is_caught() {
        let to = OrgIdentity::generate();
        let plain = data(CHUNK_BYTES * 2 + 5);
        let (chunked, chunks) = cut(&to, &plain);
        // A byte changed without its SHA-256: the chunk's own check.
        let mut bad = chunks.clone();
        let mut bytes = B64.decode(&bad[1].bytes).expect("b64");
        bytes[100] ^= 1;
        bad[1].bytes = B64.encode(&bytes);
        let e = bad[1].check().expect_err("altered");
        assert!(e.contains("SHA-256"), "{e}");
        // ... and with its SHA-256 recomputed: the whole ciphertext's hash.
        bad[1] = Chunk::new("t-1", 1, chunked.count, &bytes);
        let e = reassemble(&to, &chunked, &bad).expect_err("altered");
        assert!(e.contains("ciphertext's SHA-256"), "{e}");
        // ... and were that hash claimed too, age's authentication.
        let mut ct = Vec::new();
        for c in &bad {
            ct.extend(c.check().expect("chunk"));
        }
        assert!(open_stream(&to, &ct[..], io::sink()).is_err());
        // A chunk missing, or two swapped.
        let mut short = chunks.clone();
        short.remove(1);
        assert!(reassemble(&to, &chunked, &short).is_err());
        let mut swapped = chunks.clone();
        swapped.swap(0, 1);
        assert!(reassemble(&to, &chunked, &swapped).is_err());
        // Cut short: the last chunk's tail dropped.
        let mut cut_short = Vec::new();
        for c in &chunks {
            cut_short.extend(c.check().expect("chunk"));
        }
        cut_short.truncate(cut_short.len() - 10);
        assert!(open_stream(&to, &cut_short[..], io::sink()).is_err());
        // Out of range, oversized, or a count that cannot hold the size.
        let mut c = chunks[0].clone();
        c.index = c.count;
        assert!(c.check().is_err());
        let oversize: Vec<u8> = std::iter::repeat_n(0u8, CHUNK_BYTES + 1).collect();
        let big = Chunk::new("t-1", 0, 1, &oversize);
        assert!(big.check().is_err());
        let mut wrong = chunked.clone();
        wrong.count += 1;
        assert!(wrong.check().is_err());
        assert_eq!(reassemble(&to, &chunked, &chunks).expect("intact"), plain);
    }

    #[test]
    fn counts_follow_the_size() {
        assert_eq!(count_for(0), 1);
        assert_eq!(count_for(1), 1);
        assert_eq!(count_for(CHUNK_BYTES as u64), 1);
        assert_eq!(count_for(CHUNK_BYTES as u64 + 1), 2);
        // The vault's largest item, with age's overhead (16 bytes per 64 KiB and a header).
        let largest = 4 * 1024 * 1024 * 1024u64 + 64 * 1024 * 1024;
        let overhead = largest.div_ceil(64 * 1024) * 16 + 1024;
        assert!(count_for(largest + overhead) <= MAX_CHUNKS);
    }
}
