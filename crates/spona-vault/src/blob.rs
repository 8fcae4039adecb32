//! The encrypted blob format: a header and 64 KiB chunks sealed in the STREAM construction.
//!
//! ```text
//! header (35 bytes) = "SPVB" ‖ version (1) = 1 ‖ chunk size log2 (1) = 16 ‖ 0x0000
//!                     ‖ data key id (8) ‖ nonce prefix (19, random)
//! chunk i           = XChaCha20-Poly1305(data key,
//!                         nonce = prefix ‖ BE32(i) ‖ last flag (0 or 1),
//!                         aad   = header,
//!                         up to 65 536 plaintext bytes) ‖ tag (16)
//! ```
//!
//! This is the STREAM construction of Hoang, Reyhanitabar, Rogaway and Vizár, byte-for-byte the
//! nonces of `aead::stream::StreamBE32`; chunks are sealed by index here so that two threads can
//! seal chunks at once. Every chunk but the last holds exactly 65 536 bytes; the last holds fewer
//! (possibly none) and carries the last flag. A flipped byte, swapped chunks (their nonces
//! differ), a truncation (no chunk with the last flag) or bytes appended after the last chunk
//! are all detected.

use std::io::{self, Read};

use chacha20poly1305::XChaCha20Poly1305;
use chacha20poly1305::aead::AeadInPlace;
use sha2::{Digest, Sha256};

use crate::error::IntegrityError;
use crate::keys::{DataKey, KEY_ID_LEN, random_bytes, xnonce};

/// Plaintext bytes per chunk.
pub const CHUNK_LEN: usize = 64 * 1024;
/// Bytes of an authentication tag.
pub const TAG_LEN: usize = 16;
/// Ciphertext bytes of a full chunk.
pub const SEALED_CHUNK_LEN: usize = CHUNK_LEN + TAG_LEN;
/// Bytes of the blob header.
pub const HEADER_LEN: usize = 4 + 1 + 1 + 2 + KEY_ID_LEN + PREFIX_LEN;
const PREFIX_LEN: usize = 19;
const MAGIC: &[u8; 4] = b"SPVB";
const VERSION: u8 = 1;
const CHUNK_LOG2: u8 = 16;

/// Size of the stored blob for a plaintext of `size` bytes.
pub fn sealed_size(size: u64) -> u64 {
    let full = size / CHUNK_LEN as u64;
    HEADER_LEN as u64 + size + (full + 1) * TAG_LEN as u64
}

/// Seals chunks of one blob; cheap to clone for another thread.
#[derive(Clone)]
pub(crate) struct ChunkSealer {
    cipher: XChaCha20Poly1305,
    header: [u8; HEADER_LEN],
}

impl ChunkSealer {
    pub(crate) fn new(key: &DataKey) -> Self {
        let mut header = [0u8; HEADER_LEN];
        header[..4].copy_from_slice(MAGIC);
        header[4] = VERSION;
        header[5] = CHUNK_LOG2;
        header[8..8 + KEY_ID_LEN].copy_from_slice(&key.id());
        random_bytes(&mut header[8 + KEY_ID_LEN..]);
        ChunkSealer {
            cipher: key.cipher(),
            header,
        }
    }

    pub(crate) fn header(&self) -> &[u8; HEADER_LEN] {
        &self.header
    }

    /// Encrypts `buf` in place as chunk `index` and appends the tag.
    pub(crate) fn seal(&self, index: u64, last: bool, buf: &mut Vec<u8>) -> io::Result<()> {
        let nonce = chunk_nonce(&self.header, index)?;
        let nonce = with_last(nonce, last);
        self.cipher
            .encrypt_in_place(&xnonce(&nonce), &self.header, buf)
            .map_err(|_| io::Error::other("chunk encryption failed"))
    }
}

fn chunk_nonce(header: &[u8; HEADER_LEN], index: u64) -> io::Result<[u8; 24]> {
    let counter = u32::try_from(index).map_err(|_| io::Error::other("blob exceeds 2^32 chunks"))?;
    let mut nonce = [0u8; 24];
    nonce[..PREFIX_LEN].copy_from_slice(&header[8 + KEY_ID_LEN..]);
    nonce[PREFIX_LEN..PREFIX_LEN + 4].copy_from_slice(&counter.to_be_bytes());
    Ok(nonce)
}

fn with_last(mut nonce: [u8; 24], last: bool) -> [u8; 24] {
    nonce[23] = u8::from(last);
    nonce
}

/// What the reader checks at the end of the stream.
#[derive(Debug, Clone)]
pub(crate) struct Expect {
    pub(crate) sha256_hex: Option<String>,
    pub(crate) size: Option<u64>,
}

/// Decrypts a blob as it is read, and checks its SHA-256 at the end.
///
/// Bytes are returned only after their chunk has been authenticated. A failure is returned as an
/// `io::Error` of kind `InvalidData` wrapping an [`IntegrityError`]. The hash of the whole
/// plaintext can only be checked after the last byte: a caller that forwards bytes as they come
/// (a download) must treat the transfer as failed if the final read fails.
pub struct BlobReader<R> {
    inner: R,
    label: String,
    cipher: XChaCha20Poly1305,
    header: [u8; HEADER_LEN],
    buf: Vec<u8>,
    pos: usize,
    index: u64,
    finished: bool,
    failed: Option<IntegrityError>,
    hasher: Sha256,
    size: u64,
    expect: Expect,
}

impl<R: Read> BlobReader<R> {
    /// Reads and checks the header. `label` names the blob in errors.
    pub(crate) fn new(
        mut inner: R,
        key: &DataKey,
        label: &str,
        expect: Expect,
    ) -> io::Result<Self> {
        let mut header = [0u8; HEADER_LEN];
        let got = read_full(&mut inner, &mut header)?;
        let bad = |reason: &str| IntegrityError::BadHeader {
            blob_id: label.into(),
            reason: reason.into(),
        };
        if got < HEADER_LEN {
            return Err(bad("shorter than a header").into());
        }
        if &header[..4] != MAGIC {
            return Err(bad("not a vault blob").into());
        }
        if header[4] != VERSION || header[5] != CHUNK_LOG2 || header[6..8] != [0, 0] {
            return Err(bad("unknown format version").into());
        }
        if header[8..8 + KEY_ID_LEN] != key.id() {
            return Err(IntegrityError::KeyMismatch {
                blob_id: label.into(),
            }
            .into());
        }
        Ok(BlobReader {
            inner,
            label: label.into(),
            cipher: key.cipher(),
            header,
            buf: Vec::with_capacity(SEALED_CHUNK_LEN + 1),
            pos: 0,
            index: 0,
            finished: false,
            failed: None,
            hasher: Sha256::new(),
            size: 0,
            expect,
        })
    }

    fn fail(&mut self, e: IntegrityError) -> io::Error {
        self.failed = Some(e.clone());
        self.buf.clear();
        self.pos = 0;
        e.into()
    }

    /// Reads, authenticates and decrypts the next chunk into `buf`.
    fn next_chunk(&mut self) -> io::Result<()> {
        self.buf.resize(SEALED_CHUNK_LEN, 0);
        let got = read_full(&mut self.inner, &mut self.buf)?;
        self.buf.truncate(got);
        self.pos = 0;
        let last = got < SEALED_CHUNK_LEN;
        if last && got < TAG_LEN {
            let chunks = self.index;
            return Err(self.fail(IntegrityError::Truncated {
                blob_id: self.label.clone(),
                chunks,
            }));
        }
        let nonce = with_last(chunk_nonce(&self.header, self.index)?, last);
        if self
            .cipher
            .decrypt_in_place(&xnonce(&nonce), &self.header, &mut self.buf)
            .is_err()
        {
            // Nothing of a chunk that fails is released.
            let chunk = self.index;
            return Err(self.fail(IntegrityError::ChunkTampered {
                blob_id: self.label.clone(),
                chunk,
            }));
        }
        self.index += 1;
        self.hasher.update(&self.buf);
        self.size += self.buf.len() as u64;
        if last {
            let mut probe = [0u8; 1];
            if read_full(&mut self.inner, &mut probe)? != 0 {
                return Err(self.fail(IntegrityError::TrailingData {
                    blob_id: self.label.clone(),
                }));
            }
            self.finished = true;
            self.check_end()?;
        }
        Ok(())
    }

    fn check_end(&mut self) -> io::Result<()> {
        if let Some(expected) = self.expect.size
            && expected != self.size
        {
            return Err(self.fail(IntegrityError::SizeMismatch {
                blob_id: self.label.clone(),
                expected,
                actual: self.size,
            }));
        }
        if let Some(expected) = self.expect.sha256_hex.clone() {
            let actual = hex::encode(self.hasher.clone().finalize());
            if !expected.eq_ignore_ascii_case(&actual) {
                return Err(self.fail(IntegrityError::HashMismatch {
                    blob_id: self.label.clone(),
                    expected,
                    actual,
                }));
            }
        }
        Ok(())
    }

    /// Plaintext bytes returned so far.
    pub fn bytes_read(&self) -> u64 {
        self.size
    }
}

impl<R> std::fmt::Debug for BlobReader<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BlobReader")
            .field("blob", &self.label)
            .field("chunk", &self.index)
            .field("bytes", &self.size)
            .finish_non_exhaustive()
    }
}

impl<R: Read> Read for BlobReader<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if let Some(e) = &self.failed {
            return Err(e.clone().into());
        }
        while self.pos == self.buf.len() {
            if self.finished {
                return Ok(0);
            }
            // The bytes of a last chunk are released only after the hash check passed.
            self.next_chunk()?;
        }
        let n = out.len().min(self.buf.len() - self.pos);
        out[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// Reads until `buf` is full or the reader is at its end; returns the bytes read.
pub(crate) fn read_full<R: Read + ?Sized>(r: &mut R, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match r.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}
