//! `spona digests run`: sends the working groups' digests that are due, for cron and tests
//! (the server also runs them every five minutes).

use anyhow::{Context, bail};

use crate::cli::Storage;

/// Reads an RFC 3339 time (`2026-12-05T10:00:00Z`, `…+01:00`) as Unix seconds.
pub fn parse_rfc3339(s: &str) -> anyhow::Result<i64> {
    let bad = || format!("not an RFC 3339 time: {s:?} (e.g. 2026-12-05T10:00:00Z)");
    let b = s.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        bail!(bad());
    }
    let num = |r: std::ops::Range<usize>| -> anyhow::Result<i64> {
        s.get(r)
            .and_then(|x| x.parse::<i64>().ok())
            .with_context(bad)
    };
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let mut rest = &s[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        rest = frac.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    let offset = match rest {
        "Z" | "z" => 0,
        o if o.len() == 6 && (o.starts_with('+') || o.starts_with('-')) => {
            let oh: i64 = o[1..3].parse().with_context(bad)?;
            let om: i64 = o[4..6].parse().with_context(bad)?;
            let v = oh * 3600 + om * 60;
            if o.starts_with('-') { -v } else { v }
        }
        _ => bail!(bad()),
    };
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || sec > 60 {
        bail!(bad());
    }
    // Days from civil (H. Hinnant).
    let y2 = if mo <= 2 { y - 1 } else { y };
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let mp = (mo + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Ok(days * 86_400 + h * 3600 + mi * 60 + sec - offset)
}

/// Runs the digests due at `now` (default: the present).
pub async fn run(
    storage: &Storage,
    public_url: Option<String>,
    now: Option<String>,
) -> anyhow::Result<()> {
    let at = match now {
        Some(s) => parse_rfc3339(&s)?,
        None => spona_store::now(),
    };
    let config = storage.web_config(public_url.as_deref().unwrap_or("http://127.0.0.1:8080"))?;
    let db = storage.open().await?;
    let tr = spona_web::translator().map_err(anyhow::Error::msg)?;
    let m = spona_app::groups::notify::MailCtx {
        tr: &tr,
        public_url: &config.public_url,
    };
    let run = spona_app::groups::digest::run(&db, &m, at).await?;
    println!(
        "{} digest(s) queued for {} member(s) due",
        run.queued, run.due
    );
    db.close().await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::parse_rfc3339;

    #[test]
    fn rfc3339_times_are_read() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z").ok(), Some(0));
        assert_eq!(
            parse_rfc3339("2026-12-05T10:00:00Z").ok(),
            Some(1_796_464_800)
        );
        assert_eq!(
            parse_rfc3339("2026-12-05T11:00:00+01:00").ok(),
            Some(1_796_464_800)
        );
        assert_eq!(
            parse_rfc3339("2000-02-29T12:30:15.25Z").ok(),
            Some(951_827_415)
        );
        assert!(parse_rfc3339("yesterday").is_err());
        assert!(parse_rfc3339("2026-13-05T10:00:00Z").is_err());
    }
}
