//! Finds a PDF's active content: what a viewer may do by itself when the file is opened or
//! clicked (run JavaScript, launch a program, open an address, send a form, open an embedded
//! file, play rich media). Such files are kept, marked, and a warning page stands before
//! their download (issue 14 item 14).
//!
//! The scan reads the file once, as a stream, so it works on a vault file as it is decrypted
//! (no plaintext on disk) and on a hub upload's temporary file alike. It looks for the action
//! names wherever they are written: plainly, with `#xx` escapes (`/J#61vaScript`), and inside
//! Flate-compressed streams (object streams, `/ObjStm`, hide dictionaries there), which are
//! inflated as they pass with a bound on the total inflated bytes and on the time. A name in
//! a string or a content stream counts too: a false warning is cheap, a missed one is not.
//! When a bound is hit the scan stops and says the file was not fully checked, which is
//! shown as a warning of its own. Streams under other filters (LZW, ASCII85 before Flate)
//! are not decoded.

use std::io::Read;
use std::time::{Duration, Instant};

use flate2::{Decompress, FlushDecompress, Status};

/// The names of actions and of content that acts, as PDF writes them (without the `/`).
pub const ACTIONS: &[&str] = &[
    "JavaScript",
    "JS",
    "OpenAction",
    "AA",
    "Launch",
    "URI",
    "SubmitForm",
    "ImportData",
    "EmbeddedFile",
    "EmbeddedFiles",
    "RichMedia",
];

/// What is recorded when a bound stopped the scan before the end of the file.
pub const NOT_CHECKED: &str = "unchecked";

/// How much one scan may do.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Bytes inflated from compressed streams, in all.
    pub inflated_bytes: u64,
    /// Wall-clock time of the whole scan.
    pub time: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            inflated_bytes: 256 * 1024 * 1024,
            time: Duration::from_secs(20),
        }
    }
}

/// What a scan found: the action names present, in [`ACTIONS`] order, and
/// [`NOT_CHECKED`] last when a bound stopped it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Findings(Vec<&'static str>);

impl Findings {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn names(&self) -> &[&'static str] {
        &self.0
    }

    /// The form stored with the file: names comma-separated (`''` for none).
    pub fn to_record(&self) -> String {
        self.0.join(",")
    }
}

/// Whether a file starts as a PDF does (the header may follow up to 1 KiB of junk, which
/// viewers accept).
pub fn looks_like_pdf(head: &[u8]) -> bool {
    head.windows(5).take(1024).any(|w| w == b"%PDF-")
}

/// Scans a whole PDF from `reader`. Read errors end the scan as "not fully checked".
pub fn scan(mut reader: impl Read, limits: Limits) -> Findings {
    let mut scanner = Scanner::new(limits);
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                if !scanner.feed(&buf[..n]) {
                    scanner.incomplete = true;
                    break;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => {
                scanner.incomplete = true;
                break;
            }
        }
    }
    scanner.finish()
}

/// The active content of the PDF at `path`, as recorded ([`Findings::to_record`]), scanned
/// off the async workers within the default [`Limits`].
pub async fn scan_file(path: &std::path::Path) -> std::io::Result<String> {
    let path = path.to_owned();
    tokio::task::spawn_blocking(move || {
        let file = std::io::BufReader::new(std::fs::File::open(&path)?);
        Ok(scan(file, Limits::default()).to_record())
    })
    .await
    .map_err(std::io::Error::other)?
}

/// Names as they pass, byte by byte, across chunk boundaries.
#[derive(Default)]
struct Names {
    in_name: bool,
    name: Vec<u8>,
    /// Inside a `#xx` escape: the digits read so far.
    escape: Option<Vec<u8>>,
    found: [bool; ACTIONS.len()],
    /// `/ObjStm` was seen (its stream's data holds objects, compressed or not).
    object_stream: bool,
}

/// PDF's white space and delimiters end a name.
fn ends_name(b: u8) -> bool {
    matches!(
        b,
        0 | 9
            | 10
            | 12
            | 13
            | 32
            | b'('
            | b')'
            | b'<'
            | b'>'
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'/'
            | b'%'
    )
}

impl Names {
    fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.byte(b);
        }
    }

    fn byte(&mut self, b: u8) {
        if !self.in_name {
            if b == b'/' {
                self.start();
            }
            return;
        }
        if let Some(digits) = &mut self.escape {
            if b.is_ascii_hexdigit() {
                digits.push(b);
                if digits.len() == 2 {
                    let value = std::str::from_utf8(digits)
                        .ok()
                        .and_then(|h| u8::from_str_radix(h, 16).ok())
                        .unwrap_or(0);
                    self.escape = None;
                    self.push(value);
                }
                return;
            }
            // Not an escape after all: keep what was written.
            let digits = self.escape.take().unwrap_or_default();
            self.push(b'#');
            for d in digits {
                self.push(d);
            }
        }
        if ends_name(b) {
            self.end();
            if b == b'/' {
                self.start();
            }
        } else if b == b'#' {
            self.escape = Some(Vec::with_capacity(2));
        } else {
            self.push(b);
        }
    }

    fn start(&mut self) {
        self.in_name = true;
        self.name.clear();
        self.escape = None;
    }

    fn push(&mut self, b: u8) {
        // No action name is longer than this; longer names are nothing to look at.
        if self.name.len() <= 16 {
            self.name.push(b);
        }
    }

    fn end(&mut self) {
        if let Some(digits) = self.escape.take() {
            self.push(b'#');
            for d in digits {
                self.push(d);
            }
        }
        if self.in_name {
            if let Some(i) = ACTIONS.iter().position(|a| a.as_bytes() == self.name) {
                self.found[i] = true;
            }
            self.object_stream |= self.name == b"ObjStm";
        }
        self.in_name = false;
        self.name.clear();
    }
}

/// The data of one stream, from after `stream` to `endstream`.
struct Stream {
    /// Inflating while the data is Flate and has not ended.
    z: Option<Decompress>,
    /// Names in the inflated data, or in the raw data of an object stream without a filter.
    names: Names,
    /// Names in the raw data too, for an object stream (`/ObjStm`), which may be stored
    /// without compression; they count only when the data was not Flate.
    raw: Option<Names>,
    /// Bytes inflated from this stream.
    inflated: u64,
    /// The last raw bytes, to find `endstream` across chunks.
    tail: Vec<u8>,
}

struct Scanner {
    limits: Limits,
    started: Instant,
    inflated: u64,
    incomplete: bool,
    /// Names in the file's own bytes, outside stream data.
    names: Names,
    /// Found in streams already scanned.
    found: [bool; ACTIONS.len()],
    /// The last bytes outside streams, to find the `stream` keyword across chunks.
    recent: Vec<u8>,
    stream: Option<Stream>,
    out: Vec<u8>,
}

impl Scanner {
    fn new(limits: Limits) -> Self {
        Scanner {
            limits,
            started: Instant::now(),
            inflated: 0,
            incomplete: false,
            names: Names::default(),
            found: [false; ACTIONS.len()],
            recent: Vec::with_capacity(16),
            stream: None,
            out: vec![0u8; 64 * 1024],
        }
    }

    /// Scans a chunk; `false` when a bound stops the scan.
    fn feed(&mut self, chunk: &[u8]) -> bool {
        if self.started.elapsed() > self.limits.time {
            return false;
        }
        let mut rest = chunk;
        while !rest.is_empty() {
            if self.stream.is_some() {
                match self.in_stream(rest) {
                    Some(used) => rest = &rest[used..],
                    None => return false,
                }
                continue;
            }
            // Outside stream data: names, and the start of a stream's data (`stream` then
            // CRLF or LF, not the end of `endstream`).
            let mut started = None;
            for (i, &b) in rest.iter().enumerate() {
                self.names.byte(b);
                if self.recent.len() == 12 {
                    self.recent.copy_within(1.., 0);
                    self.recent.pop();
                }
                self.recent.push(b);
                if b == b'\n' && self.at_stream_start() {
                    started = Some(i + 1);
                    break;
                }
            }
            match started {
                Some(at) => {
                    self.recent.clear();
                    self.names.end();
                    self.stream = Some(Stream {
                        z: Some(Decompress::new(true)),
                        names: Names::default(),
                        raw: std::mem::take(&mut self.names.object_stream).then(Names::default),
                        inflated: 0,
                        tail: Vec::with_capacity(16),
                    });
                    rest = &rest[at..];
                }
                None => break,
            }
        }
        true
    }

    fn at_stream_start(&self) -> bool {
        let r = &self.recent;
        let before_eol = if r.ends_with(b"\r\n") {
            &r[..r.len() - 2]
        } else {
            &r[..r.len() - 1]
        };
        before_eol.ends_with(b"stream") && !before_eol.ends_with(b"endstream")
    }

    /// Takes stream data from `input` up to and including `endstream`; the bytes taken, or
    /// `None` when the inflated total passed its bound.
    fn in_stream(&mut self, input: &[u8]) -> Option<usize> {
        let s = self.stream.as_mut()?;
        // Where `endstream` ends, if it is in this chunk (it may begin in the last one).
        let mut joined = std::mem::take(&mut s.tail);
        let carried = joined.len();
        joined.extend_from_slice(&input[..input.len().min(16)]);
        let end = find(&joined, b"endstream")
            .filter(|at| at + 9 > carried)
            .map(|at| at + 9 - carried)
            .or_else(|| find(input, b"endstream").map(|at| at + 9));
        let data = &input[..end.map_or(input.len(), |e| e.saturating_sub(9))];
        if let Some(raw) = s.raw.as_mut() {
            raw.feed(data);
        }
        if let Some(z) = s.z.as_mut() {
            let mut used = 0;
            loop {
                let (in_before, out_before) = (z.total_in(), z.total_out());
                let status = z.decompress(&data[used..], &mut self.out, FlushDecompress::None);
                let took = (z.total_in() - in_before) as usize;
                let made = (z.total_out() - out_before) as usize;
                used += took;
                self.inflated += made as u64;
                s.inflated += made as u64;
                s.names.feed(&self.out[..made]);
                if self.inflated > self.limits.inflated_bytes {
                    return None;
                }
                match status {
                    // The end of the compressed data, or no Flate data at all.
                    Ok(Status::StreamEnd) | Err(_) => {
                        s.z = None;
                        break;
                    }
                    Ok(_) if took == 0 && made == 0 => break,
                    Ok(_) if used >= data.len() && made < self.out.len() => break,
                    Ok(_) => {}
                }
            }
        }
        match end {
            Some(end) => {
                if let Some(done) = self.stream.take() {
                    self.merge(done);
                }
                Some(end.max(1))
            }
            None => {
                s.tail = if input.len() > 16 {
                    input[input.len() - 8..].to_vec()
                } else {
                    joined[joined.len().saturating_sub(8)..].to_vec()
                };
                Some(input.len())
            }
        }
    }

    /// Adds what a finished stream held.
    fn merge(&mut self, mut done: Stream) {
        done.names.end();
        let raw = done.raw.filter(|_| done.inflated == 0).map(|mut r| {
            r.end();
            r.found
        });
        for (i, f) in self.found.iter_mut().enumerate() {
            *f |= done.names.found[i] || raw.is_some_and(|r| r[i]);
        }
    }

    fn finish(mut self) -> Findings {
        self.names.end();
        if let Some(s) = self.stream.take() {
            self.merge(s);
        }
        let mut names: Vec<&'static str> = ACTIONS
            .iter()
            .zip(self.names.found.iter().zip(self.found))
            .filter(|(_, (a, b))| **a || *b)
            .map(|(n, _)| *n)
            .collect();
        if self.incomplete {
            names.push(NOT_CHECKED);
        }
        Findings(names)
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

#[cfg(test)]
mod tests;
