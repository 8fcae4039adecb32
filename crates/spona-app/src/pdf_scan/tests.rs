use super::*;
use std::io::Write as _;

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(data).expect("deflate");
    z.finish().expect("deflate")
}

fn pdf(body: &[u8]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n".to_vec();
    out.extend_from_slice(body);
    out.extend_from_slice(b"\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
    out
}

fn scan_all(bytes: &[u8]) -> Vec<&'static str> {
    scan(bytes, Limits::default()).names().to_vec()
}

/// Feeds the file one byte at a time: every boundary falls somewhere.
fn scan_bytewise(bytes: &[u8]) -> Vec<&'static str> {
    struct OneByte<'a>(&'a [u8]);
    impl Read for OneByte<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.0.is_empty() || buf.is_empty() {
                return Ok(0);
            }
            buf[0] = self.0[0];
            self.0 = &self.0[1..];
            Ok(1)
        }
    }
    scan(OneByte(bytes), Limits::default()).names().to_vec()
}

#[test]
fn a_harmless_pdf_has_nothing() {
    let content = deflate(b"BT /F1 12 Tf 72 712 Td (Hello, JavaScript fans) Tj ET");
    let mut body = format!(
        "2 0 obj\n<< /Length {} /Filter /FlateDecode >>\nstream\n",
        content.len()
    )
    .into_bytes();
    body.extend_from_slice(&content);
    body.extend_from_slice(b"\nendstream\nendobj\n3 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj");
    let file = pdf(&body);
    assert_eq!(scan_all(&file), Vec::<&str>::new());
    assert_eq!(scan_bytewise(&file), Vec::<&str>::new());
}

#[test]
fn plain_actions_are_found() {
    let file = pdf(
        b"<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\n\
        << /A << /S /URI /URI (https://example.org) >> /AA << >> >>\n\
        << /S /Launch /F (cmd.exe) >> << /S /SubmitForm >> << /S /ImportData >>\n\
        << /EmbeddedFiles << >> /Type /EmbeddedFile >> << /RichMedia 1 >>",
    );
    let all: Vec<&str> = ACTIONS.to_vec();
    assert_eq!(scan_all(&file), all);
    assert_eq!(scan_bytewise(&file), all);
}

#[test]
fn escaped_names_are_found() {
    let file = pdf(b"<< /Open#41ction 5 0 R /S /J#61vaScript /#4a#53 (x) >>");
    assert_eq!(scan_all(&file), vec!["JavaScript", "JS", "OpenAction"]);
    assert_eq!(scan_bytewise(&file), vec!["JavaScript", "JS", "OpenAction"]);
    // Near misses are not actions.
    assert!(scan_all(&pdf(b"<< /JavaScripts 1 /UR /Launcher 2 /J#6 /A#4 >>")).is_empty());
}

#[test]
fn names_inside_object_streams_are_found() {
    let objects = deflate(b"5 0 6 40 << /Type /Action /S /J#61vaScript /JS (app.alert(1)) >> << /Type /Action /S /Launch >>");
    let mut body = format!(
        "4 0 obj\r\n<< /Type /ObjStm /N 2 /First 8 /Length {} /Filter /Fl#61teDecode >>\r\nstream\r\n",
        objects.len()
    )
    .into_bytes();
    body.extend_from_slice(&objects);
    body.extend_from_slice(b"\r\nendstream\r\nendobj\r\n");
    let file = pdf(&body);
    assert_eq!(scan_all(&file), vec!["JavaScript", "JS", "Launch"]);
    assert_eq!(scan_bytewise(&file), vec!["JavaScript", "JS", "Launch"]);
}

#[test]
fn uncompressed_object_streams_are_read_and_binary_streams_are_not() {
    let objects = b"7 0 << /S /Launch /F (run.exe) >>";
    let mut body = format!(
        "4 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Length {} >>\nstream\n",
        objects.len()
    )
    .into_bytes();
    body.extend_from_slice(objects);
    body.extend_from_slice(b"\nendstream\nendobj\n");
    assert_eq!(scan_all(&pdf(&body)), vec!["Launch"]);
    // An image's bytes may hold `/JS ` by chance: stream data is not read as names.
    let mut body =
        b"8 0 obj\n<< /Type /XObject /Subtype /Image /Filter /DCTDecode >>\nstream\n".to_vec();
    body.extend_from_slice(b"\xff\xd8\xff\xe0/JS /URI (x)\x00\x01");
    body.extend_from_slice(b"\nendstream\nendobj\n");
    assert!(scan_all(&pdf(&body)).is_empty());
    assert!(scan_bytewise(&pdf(&body)).is_empty());
}

#[test]
fn a_bomb_stops_at_the_bound_and_says_so() {
    let bomb = deflate(&vec![b' '; 8 * 1024 * 1024]);
    let mut body = b"6 0 obj << /Filter /FlateDecode >>\nstream\n".to_vec();
    body.extend_from_slice(&bomb);
    body.extend_from_slice(b"\nendstream\nendobj\n");
    let limits = Limits {
        inflated_bytes: 1024 * 1024,
        ..Limits::default()
    };
    let found = scan(pdf(&body).as_slice(), limits);
    assert_eq!(found.names(), &[NOT_CHECKED]);
    assert_eq!(found.to_record(), "unchecked");
}

/// Figures for the README: `cargo test -p spona-web --lib pdf_scan::tests::figures --
/// --ignored --nocapture` (use `--release` for production speed).
#[test]
#[ignore]
fn figures() {
    let mut x: u32 = 0x2545_f491;
    let noise: Vec<u8> = (0..64 * 1024 * 1024)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x >> 24) as u8
        })
        .collect();
    let mut body = b"9 0 obj << /Filter /DCTDecode >>\nstream\n".to_vec();
    body.extend_from_slice(&noise);
    body.extend_from_slice(b"\nendstream\nendobj\n");
    let file = pdf(&body);
    let t = Instant::now();
    let found = scan(file.as_slice(), Limits::default());
    let s = t.elapsed().as_secs_f64();
    println!(
        "64 MiB image stream: {found:?} in {s:.2} s ({:.0} MiB/s)",
        64.0 / s
    );
    let text = b"/F1 12 Tf (words) Tj ".repeat(3 * 1024 * 1024);
    let file = pdf(&text);
    let t = Instant::now();
    let found = scan(file.as_slice(), Limits::default());
    let s = t.elapsed().as_secs_f64();
    let mib = text.len() as f64 / 1048576.0;
    println!("{mib:.0} MiB of names outside streams: {found:?} in {s:.2} s");
    let bomb = deflate(&vec![b' '; 300 * 1024 * 1024]);
    let mut body = b"6 0 obj << /Filter /FlateDecode >>\nstream\n".to_vec();
    body.extend_from_slice(&bomb);
    body.extend_from_slice(b"\nendstream\nendobj\n");
    let file = pdf(&body);
    let t = Instant::now();
    let found = scan(file.as_slice(), Limits::default());
    println!(
        "{} KiB file inflating to 300 MiB: {found:?} in {:.2} s",
        file.len() / 1024,
        t.elapsed().as_secs_f64()
    );
}

#[test]
fn a_pdf_is_known_by_its_header() {
    assert!(looks_like_pdf(b"%PDF-1.4\n"));
    assert!(looks_like_pdf(b"junk\n%PDF-1.4\n"));
    assert!(!looks_like_pdf(b"\x89PNG\r\n"));
}
