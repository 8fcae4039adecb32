//! Reading an import file row by row, whatever it is: XLSX (calamine's streaming cell
//! reader, the first sheet) or CSV (comma, semicolon or tab; UTF-8, or Windows-1250 or
//! Windows-1251 when the bytes are not UTF-8 — detected, and said which). Rows are handed
//! to a callback one at a time, so a file of any length is read in flat memory (but for
//! XLSX's shared-strings table, which calamine holds whole).

use std::io::{BufReader, Read};
use std::path::Path;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1250, WINDOWS_1251};

/// Which kind of file, and for CSV which encoding was used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Csv(&'static Encoding),
}

impl Format {
    /// `XLSX`, `CSV (UTF-8)`, `CSV (windows-1251)`…
    pub fn describe(self) -> String {
        match self {
            Format::Xlsx => "XLSX".to_owned(),
            Format::Csv(e) => format!("CSV ({})", e.name()),
        }
    }
}

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Not a spreadsheet this reads, or broken; the text says what the reader found.
    Unreadable(String),
    /// A row of a CSV file that was UTF-8 at its start is not (1-based row).
    NotUtf8 { row: usize },
    /// The file has no header row.
    Empty,
}

/// How many bytes the encoding and the delimiter are guessed from.
const SAMPLE: usize = 64 * 1024;

/// XLSX files are zip archives.
fn is_zip(head: &[u8]) -> bool {
    head.starts_with(b"PK\x03\x04")
}

/// The encoding of CSV bytes that are not UTF-8: Windows-1251 when letters above 0xC0 come
/// in runs (Cyrillic words), Windows-1250 when they stand alone between ASCII letters (the
/// diacritics of Latin text).
pub fn legacy_encoding(bytes: &[u8]) -> &'static Encoding {
    let high = bytes.iter().filter(|b| **b >= 0xC0).count();
    let pairs = bytes
        .windows(2)
        .filter(|w| w[0] >= 0xC0 && w[1] >= 0xC0)
        .count();
    if high > 0 && pairs * 2 >= high {
        WINDOWS_1251
    } else {
        WINDOWS_1250
    }
}

/// The encoding of a CSV file from its first bytes: UTF-8 when they are (a character cut
/// at the sample's end is allowed), else [`legacy_encoding`].
pub fn detect_encoding(sample: &[u8]) -> &'static Encoding {
    let sample = sample.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(sample);
    match std::str::from_utf8(sample) {
        Ok(_) => UTF_8,
        Err(e) if e.error_len().is_none() => UTF_8,
        Err(_) => legacy_encoding(sample),
    }
}

/// The delimiter the header line uses most: comma, semicolon or tab.
pub fn detect_delimiter(sample: &[u8]) -> u8 {
    let line = sample.split(|b| *b == b'\n').next().unwrap_or_default();
    let mut best = (b',', 0usize);
    let mut quoted = false;
    for d in [b',', b';', b'\t'] {
        let n = line
            .iter()
            .filter(|b| {
                if **b == b'"' {
                    quoted = !quoted;
                }
                !quoted && **b == d
            })
            .count();
        if n > best.1 {
            best = (d, n);
        }
    }
    best.0
}

/// Reads the file at `path`, calling `row(number, cells)` for every row (the header is row
/// 1); stops at the first error `row` returns. Returns the format it read.
pub fn each_row<E: From<ReadError>>(
    path: &Path,
    mut row: impl FnMut(usize, Vec<String>) -> Result<(), E>,
) -> Result<Format, E> {
    let mut file = std::fs::File::open(path).map_err(|e| ReadError::Unreadable(e.to_string()))?;
    let mut head = vec![0u8; SAMPLE];
    let mut n = 0;
    while n < head.len() {
        let got = file
            .read(&mut head[n..])
            .map_err(|e| ReadError::Unreadable(e.to_string()))?;
        if got == 0 {
            break;
        }
        n += got;
    }
    head.truncate(n);
    if n == 0 {
        return Err(ReadError::Empty.into());
    }
    drop(file);
    if is_zip(&head) {
        xlsx_rows(path, &mut row)?;
        return Ok(Format::Xlsx);
    }
    let encoding = detect_encoding(&head);
    csv_rows(path, encoding, detect_delimiter(&head), &mut row)?;
    Ok(Format::Csv(encoding))
}

fn csv_rows<E: From<ReadError>>(
    path: &Path,
    encoding: &'static Encoding,
    delimiter: u8,
    row: &mut impl FnMut(usize, Vec<String>) -> Result<(), E>,
) -> Result<(), E> {
    let file = std::fs::File::open(path).map_err(|e| ReadError::Unreadable(e.to_string()))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(BufReader::with_capacity(256 * 1024, file));
    let mut record = csv::ByteRecord::new();
    let mut number = 0;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(ReadError::Unreadable(e.to_string()).into()),
        }
        number += 1;
        let mut cells = Vec::with_capacity(record.len());
        for (i, field) in record.iter().enumerate() {
            let field = if number == 1 && i == 0 {
                field.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(field)
            } else {
                field
            };
            if encoding == UTF_8 {
                match std::str::from_utf8(field) {
                    Ok(s) => cells.push(s.to_owned()),
                    Err(_) => return Err(ReadError::NotUtf8 { row: number }.into()),
                }
            } else {
                let (text, _) = encoding.decode_without_bom_handling(field);
                cells.push(text.into_owned());
            }
        }
        row(number, cells)?;
    }
    if number == 0 {
        return Err(ReadError::Empty.into());
    }
    Ok(())
}

/// An Excel serial day number (1900 date system) as an ISO date.
pub fn excel_date(serial: f64) -> Option<String> {
    if !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let date = base.checked_add_days(chrono::Days::new(serial.floor() as u64))?;
    Some(date.format("%Y-%m-%d").to_string())
}

fn cell_text(v: &calamine::DataRef<'_>) -> String {
    use calamine::DataRef;
    match v {
        DataRef::Empty | DataRef::Error(_) => String::new(),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_owned(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                (*f as i64).to_string()
            } else {
                f.to_string()
            }
        }
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(d) => excel_date(d.as_f64()).unwrap_or_default(),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
    }
}

fn xlsx_rows<E: From<ReadError>>(
    path: &Path,
    row: &mut impl FnMut(usize, Vec<String>) -> Result<(), E>,
) -> Result<(), E> {
    use calamine::Reader;
    let unreadable = |e: calamine::XlsxError| ReadError::Unreadable(e.to_string());
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(path).map_err(unreadable)?;
    let Some(sheet) = book.sheet_names().first().cloned() else {
        return Err(ReadError::Empty.into());
    };
    let mut cells = book.worksheet_cells_reader(&sheet).map_err(unreadable)?;
    // Cells come row by row; a row with no cells at all is skipped by the reader, and
    // counted here as the empty row it is.
    let mut current: Option<u32> = None;
    let mut values: Vec<String> = Vec::new();
    let mut seen = false;
    while let Some(cell) = cells.next_cell().map_err(unreadable)? {
        let (r, c) = cell.get_position();
        if current != Some(r) {
            if let Some(prev) = current {
                row(prev as usize + 1, std::mem::take(&mut values))?;
            }
            current = Some(r);
        }
        let c = c as usize;
        if values.len() <= c {
            values.resize(c + 1, String::new());
        }
        values[c] = cell_text(cell.get_value());
        seen = true;
    }
    if let Some(prev) = current {
        row(prev as usize + 1, values)?;
    }
    if !seen {
        return Err(ReadError::Empty.into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cyrillic_and_latin_legacy_bytes_are_told_apart() {
        let (cyr, _, _) = WINDOWS_1251.encode("Успоставити механизам за праћење препорука");
        assert_eq!(detect_encoding(&cyr), WINDOWS_1251);
        let text = "Uspostaviti mehanizam za praćenje preporuka, ".repeat(3);
        let (lat, _, _) = WINDOWS_1250.encode(&text);
        assert_eq!(detect_encoding(&lat), WINDOWS_1250);
        assert_eq!(detect_encoding("Україна, Србија".as_bytes()), UTF_8);
        // A character cut at the sample's end is still UTF-8.
        let cut = &"Србија".as_bytes()[..3];
        assert_eq!(detect_encoding(cut), UTF_8);
    }

    #[test]
    fn the_delimiter_is_the_header_line_s() {
        assert_eq!(detect_delimiter(b"a;b;c\n1,2;3"), b';');
        assert_eq!(detect_delimiter(b"a,b,c\n"), b',');
        assert_eq!(detect_delimiter(b"a\tb\n"), b'\t');
        assert_eq!(detect_delimiter(b"\"a;b\",c\n"), b',');
    }

    #[test]
    fn excel_serials_are_dates() {
        assert_eq!(excel_date(41445.0).as_deref(), Some("2013-06-20"));
        assert_eq!(excel_date(-3.0), None);
    }
}
