//! The three file formats an export is written in, each a [`Sink`] taking one row at a time
//! and writing to any `Write` (the HTTP response's channel, or a file):
//!
//! - CSV: RFC 4180 (CRLF, fields quoted when needed), UTF-8, optionally with a byte-order
//!   mark for Excel; every cell through [`safe_cell`] so no spreadsheet reads a formula.
//! - XLSX: `rust_xlsxwriter` in constant-memory mode (each row goes to a temporary file as it
//!   is written, strings inline); the zip is written at the end. Past Excel's 1,048,576 rows
//!   a sheet, the rows go on in a next sheet under the same header.
//! - ODS: written by hand as flat OpenDocument XML streamed into a zip
//!   (`ZipWriter::new_stream`): `mimetype` stored first, the manifest, then `content.xml`
//!   compressed row by row. No crate on crates.io writes ODS row by row (`spreadsheet-ods`
//!   builds the whole document in memory first); the format is a zip of three small files.
//!
//! Cells are typed strings in XLSX and ODS (never formulas), so only CSV neutralises them.

use std::io::{self, Write};

use ::zip::CompressionMethod;
use ::zip::ZipWriter;
use ::zip::write::{SimpleFileOptions, StreamWriter};
use rust_xlsxwriter::Workbook;

/// Where an export's rows go, header first.
pub trait Sink {
    /// One row, each cell borrowed (the directory export writes straight from the
    /// database's row).
    fn cells(&mut self, cells: &[&str]) -> io::Result<()>;
    fn row(&mut self, cells: &[String]) -> io::Result<()> {
        let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
        self.cells(&cells)
    }
    /// Writes what is left (for XLSX: the whole zip) and flushes.
    fn finish(self: Box<Self>) -> io::Result<()>;
}

/// CSV buffer size: each full buffer is one chunk of the response.
const CSV_BUFFER: usize = 64 * 1024;

pub struct Csv<W: Write> {
    out: io::BufWriter<W>,
    line: String,
}

impl<W: Write> Csv<W> {
    pub fn new(out: W, bom: bool) -> io::Result<Self> {
        let mut out = io::BufWriter::with_capacity(CSV_BUFFER, out);
        if bom {
            out.write_all("\u{feff}".as_bytes())?;
        }
        Ok(Csv {
            out,
            line: String::new(),
        })
    }
}

/// Appends one RFC 4180 field, neutralised and quoted when it holds a comma, a quote or a
/// line break: [`spona_domain::csv::safe_cell`]'s apostrophe before a formula, without allocating.
pub fn csv_field(out: &mut String, value: &str) {
    let formula = safe_cell_marks(value);
    // These four are ASCII, so a byte never inside a multi-byte character: a byte scan.
    if value
        .bytes()
        .any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
    {
        out.push('"');
        if formula {
            out.push('\'');
        }
        let mut parts = value.split('"');
        if let Some(first) = parts.next() {
            out.push_str(first);
        }
        for part in parts {
            out.push_str("\"\"");
            out.push_str(part);
        }
        out.push('"');
    } else {
        if formula {
            out.push('\'');
        }
        out.push_str(value);
    }
}

/// Whether [`spona_domain::csv::safe_cell`] puts an apostrophe before `value`.
fn safe_cell_marks(value: &str) -> bool {
    matches!(
        value.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    )
}

impl<W: Write> Sink for Csv<W> {
    fn cells(&mut self, cells: &[&str]) -> io::Result<()> {
        self.line.clear();
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                self.line.push(',');
            }
            csv_field(&mut self.line, c);
        }
        self.line.push_str("\r\n");
        self.out.write_all(self.line.as_bytes())
    }

    fn finish(mut self: Box<Self>) -> io::Result<()> {
        self.out.flush()
    }
}

/// Excel's rows per sheet.
const XLSX_MAX_ROWS: u32 = 1_048_576;
/// Excel's longest cell text.
const XLSX_MAX_CHARS: usize = 32_767;

pub struct Xlsx<W: Write + Send> {
    book: Workbook,
    sheet: usize,
    row: u32,
    header: Vec<String>,
    out: W,
}

fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> io::Error {
    io::Error::other(format!("xlsx: {e}"))
}

impl<W: Write + Send> Xlsx<W> {
    pub fn new(out: W) -> io::Result<Self> {
        let mut book = Workbook::new();
        book.add_worksheet_with_constant_memory()
            .map_err(xlsx_error)?;
        Ok(Xlsx {
            book,
            sheet: 0,
            row: 0,
            header: Vec::new(),
            out,
        })
    }
}

impl<W: Write + Send> Sink for Xlsx<W> {
    fn cells(&mut self, cells: &[&str]) -> io::Result<()> {
        if self.header.is_empty() {
            self.header = cells.iter().map(|c| (*c).to_owned()).collect();
        }
        if self.row == XLSX_MAX_ROWS {
            self.book
                .add_worksheet_with_constant_memory()
                .map_err(xlsx_error)?;
            self.sheet += 1;
            self.row = 0;
            let header = std::mem::take(&mut self.header);
            self.row(&header)?;
            self.header = header;
        }
        let sheet = self
            .book
            .worksheet_from_index(self.sheet)
            .map_err(xlsx_error)?;
        for (col, c) in cells.iter().enumerate() {
            if c.is_empty() {
                continue;
            }
            let text: String = if c.len() > XLSX_MAX_CHARS {
                c.chars().take(XLSX_MAX_CHARS).collect()
            } else {
                (*c).to_owned()
            };
            sheet
                .write_string(self.row, col as u16, text)
                .map_err(xlsx_error)?;
        }
        self.row += 1;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> io::Result<()> {
        let out = &mut self.out;
        self.book.save_to_writer(&mut *out).map_err(xlsx_error)?;
        out.flush()
    }
}

const ODS_MIME: &str = "application/vnd.oasis.opendocument.spreadsheet";

const ODS_MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"#;

const ODS_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:spreadsheet>"#;

const ODS_TAIL: &str =
    "</table:table></office:spreadsheet></office:body></office:document-content>\n";

/// Bytes of `content.xml` gathered before they go to the compressor.
const ODS_BUFFER: usize = 64 * 1024;

pub struct Ods<W: Write> {
    zip: ZipWriter<StreamWriter<W>>,
    xml: String,
}

fn zip_error(e: impl std::fmt::Display) -> io::Error {
    io::Error::other(format!("ods: {e}"))
}

/// Escapes text for XML and drops the characters XML 1.0 cannot hold.
fn xml_text(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
}

impl<W: Write> Ods<W> {
    /// Starts the zip; `sheet` names the one table.
    pub fn new(out: W, sheet: &str) -> io::Result<Self> {
        let mut zip = ZipWriter::new_stream(out);
        let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
        zip.start_file("mimetype", stored).map_err(zip_error)?;
        zip.write_all(ODS_MIME.as_bytes())?;
        let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        zip.start_file("META-INF/manifest.xml", deflated)
            .map_err(zip_error)?;
        zip.write_all(ODS_MANIFEST.as_bytes())?;
        zip.start_file("content.xml", deflated).map_err(zip_error)?;
        let mut xml = String::with_capacity(ODS_BUFFER + 4096);
        xml.push_str(ODS_HEAD);
        xml.push_str("<table:table table:name=\"");
        xml_text(&mut xml, sheet);
        xml.push_str("\">");
        Ok(Ods { zip, xml })
    }
}

impl<W: Write> Sink for Ods<W> {
    fn cells(&mut self, cells: &[&str]) -> io::Result<()> {
        let x = &mut self.xml;
        x.push_str("<table:table-row>");
        for c in cells {
            if c.is_empty() {
                x.push_str("<table:table-cell/>");
            } else {
                x.push_str("<table:table-cell office:value-type=\"string\"><text:p>");
                xml_text(x, c);
                x.push_str("</text:p></table:table-cell>");
            }
        }
        x.push_str("</table:table-row>");
        if x.len() >= ODS_BUFFER {
            self.zip.write_all(x.as_bytes())?;
            x.clear();
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> io::Result<()> {
        self.xml.push_str(ODS_TAIL);
        self.zip.write_all(self.xml.as_bytes())?;
        let mut out = self.zip.finish().map_err(zip_error)?.into_inner();
        out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> Vec<Vec<String>> {
        vec![
            vec!["name".into(), "note".into()],
            vec!["=1+1".into(), "a, \"b\"\nc".into()],
        ]
    }

    #[test]
    fn csv_fields_are_safe_cell_quoted_as_before() {
        use spona_domain::csv::safe_cell;
        for v in [
            "",
            "a",
            "=1+1",
            "+1",
            "-2",
            "@x",
            "\t=x",
            "\r=x",
            "a,b",
            "=a,\"b\"",
            "\"",
            "\"\"x\"",
            "line\nbreak",
            "-\"q\"\r\n",
            "a=b",
            " =x",
            "Ćirilica, „x“",
        ] {
            let safe = safe_cell(v);
            let before = if safe.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", safe.replace('"', "\"\""))
            } else {
                safe
            };
            let mut now = String::new();
            csv_field(&mut now, v);
            assert_eq!(now, before, "{v:?}");
        }
    }

    #[test]
    fn csv_is_rfc_4180_with_formulas_neutralised() {
        let mut buf = Vec::new();
        let mut sink: Box<dyn Sink> = Box::new(Csv::new(&mut buf, true).expect("csv"));
        for r in rows() {
            sink.row(&r).expect("row");
        }
        sink.finish().expect("finish");
        let text = String::from_utf8(buf).expect("utf-8");
        assert_eq!(text, "\u{feff}name,note\r\n'=1+1,\"a, \"\"b\"\"\nc\"\r\n");
    }

    #[test]
    fn ods_is_a_zip_with_the_mimetype_first_and_escaped_cells() {
        let mut buf = Vec::new();
        let mut sink: Box<dyn Sink> = Box::new(Ods::new(&mut buf, "a<b").expect("ods"));
        for r in rows() {
            sink.row(&r).expect("row");
        }
        sink.row(&["\u{1}x&y".into(), String::new()]).expect("row");
        sink.finish().expect("finish");
        assert_eq!(&buf[30..38], b"mimetype");
        assert_eq!(&buf[38..38 + ODS_MIME.len()], ODS_MIME.as_bytes());
        let mut zip = ::zip::ZipArchive::new(std::io::Cursor::new(buf)).expect("zip");
        let mut content = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("content.xml").expect("content"),
            &mut content,
        )
        .expect("read");
        assert!(content.contains("table:name=\"a&lt;b\""));
        assert!(content.contains("<text:p>x&amp;y</text:p>"));
        assert!(content.contains("<text:p>=1+1</text:p>"));
    }
}
