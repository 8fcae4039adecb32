//! The participants export for organisers: CSV (formula cells neutralised) and XLSX.

use spona_domain::csv::safe_cell;
use spona_store::events::Registration;

/// The column headings, in the reader's language (given by the caller).
pub struct Headings(pub [String; 11]);

fn row(r: &Registration) -> [String; 11] {
    [
        r.display_name.clone(),
        r.email.clone(),
        r.status.as_str().to_owned(),
        r.interpretation.clone(),
        r.accessibility.clone(),
        r.dietary.clone(),
        if r.travel_support != 0 { "yes" } else { "" }.to_owned(),
        if r.visa_support != 0 { "yes" } else { "" }.to_owned(),
        match r.attended {
            Some(1) => "yes",
            Some(_) => "no",
            None => "",
        }
        .to_owned(),
        spona_store::events::registered_on(r.created_at),
        // The date registered for, as its local start (`2030-03-08 10:00`); empty: every date.
        r.occurrence_local.replace('T', " "),
    ]
}

fn csv_field(v: &str) -> String {
    let v = safe_cell(v);
    if v.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v
    }
}

/// CSV with a header line; every cell neutralised against formulas.
pub fn csv(h: &Headings, regs: &[Registration]) -> String {
    let mut out = String::new();
    let line = |cells: &[String]| {
        cells
            .iter()
            .map(|c| csv_field(c))
            .collect::<Vec<_>>()
            .join(",")
            + "\r\n"
    };
    out.push_str(&line(&h.0));
    for r in regs {
        out.push_str(&line(&row(r)));
    }
    out
}

/// An XLSX workbook; cells are written as strings, never formulas.
pub fn xlsx(h: &Headings, regs: &[Registration]) -> anyhow::Result<Vec<u8>> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, v) in h.0.iter().enumerate() {
        sheet.write_string(0, c as u16, v)?;
    }
    for (i, r) in regs.iter().enumerate() {
        for (c, v) in row(r).iter().enumerate() {
            sheet.write_string(i as u32 + 1, c as u16, v)?;
        }
    }
    Ok(book.save_to_buffer()?)
}
