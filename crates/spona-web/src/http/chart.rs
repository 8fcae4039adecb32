//! Bar charts as SVG written on the server (no script; the monitoring dashboard and the
//! quiz results share them): each an image with a title and a
//! description (`role="img"`, `aria-labelledby`), every bar's numbers in a `<title>` too;
//! the page puts a table of the same numbers beside every chart.

use std::fmt::Write;

/// One part of a bar.
pub struct Segment {
    pub label: String,
    pub value: i64,
    pub fill: &'static str,
}

/// One bar: its label and its parts (one part for a plain bar).
pub struct Bar {
    pub label: String,
    pub segments: Vec<Segment>,
}

/// The fill of a status code (the state's or a CSO's), and of other bars.
pub fn fill(code: &str) -> &'static str {
    match code {
        "implemented" => "#2f7d4a",
        "partially" => "#c98a0b",
        "not-started" => "#6b7280",
        "regressed" => "#b42318",
        "none" => "#d8dee6",
        "overdue" => "#b42318",
        _ => "#2b6cb0",
    }
}

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

const WIDTH: i64 = 640;
const LABEL: i64 = 200;
const BAR: i64 = 360;
const ROW: i64 = 26;

/// A horizontal (stacked) bar chart; `legend` lists (label, fill) under it.
pub fn bars(
    id: &str,
    title: &str,
    desc: &str,
    bars: &[Bar],
    legend: &[(String, &'static str)],
) -> String {
    let max = bars
        .iter()
        .map(|b| b.segments.iter().map(|s| s.value).sum::<i64>())
        .max()
        .unwrap_or(0)
        .max(1);
    let legend_rows = if legend.is_empty() {
        0
    } else {
        legend.len() as i64
    };
    let height = 8 + ROW * bars.len().max(1) as i64 + 8 + legend_rows * 20;
    let mut o = String::new();
    let _ = write!(
        o,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" \
         aria-labelledby=\"{id}-t {id}-d\" viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" \
         preserveAspectRatio=\"xMinYMin meet\"><title id=\"{id}-t\">{}</title>\
         <desc id=\"{id}-d\">{}</desc>",
        esc(title),
        esc(desc)
    );
    for (i, b) in bars.iter().enumerate() {
        let y = 8 + ROW * i as i64;
        let total: i64 = b.segments.iter().map(|s| s.value).sum();
        let _ = write!(
            o,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"13\" fill=\"#1a1a1a\">{}</text>",
            LABEL - 8,
            y + 16,
            esc(&truncate(&b.label, 28))
        );
        let mut x = LABEL;
        for s in &b.segments {
            if s.value <= 0 {
                continue;
            }
            let w = (s.value * BAR / max).max(1);
            let _ = write!(
                o,
                "<rect x=\"{x}\" y=\"{}\" width=\"{w}\" height=\"{}\" fill=\"{}\" \
                 stroke=\"#1a1a1a\" stroke-width=\"0.5\"><title>{}: {}</title></rect>",
                y + 3,
                ROW - 8,
                s.fill,
                esc(&format!("{} — {}", b.label, s.label)),
                s.value
            );
            x += w;
        }
        let _ = write!(
            o,
            "<text x=\"{}\" y=\"{}\" font-size=\"13\" fill=\"#1a1a1a\">{total}</text>",
            x + 6,
            y + 16
        );
    }
    let ly = 8 + ROW * bars.len().max(1) as i64 + 8;
    for (i, (label, f)) in legend.iter().enumerate() {
        let y = ly + 20 * i as i64;
        let _ = write!(
            o,
            "<rect x=\"{LABEL}\" y=\"{y}\" width=\"14\" height=\"14\" fill=\"{f}\" \
             stroke=\"#1a1a1a\" stroke-width=\"0.5\"/><text x=\"{}\" y=\"{}\" font-size=\"13\" \
             fill=\"#1a1a1a\">{}</text>",
            LABEL + 20,
            y + 12,
            esc(label)
        );
    }
    o.push_str("</svg>");
    o
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_is_an_accessible_image_with_escaped_text() {
        let svg = bars(
            "c1",
            "By <mechanism>",
            "Counts",
            &[Bar {
                label: "UPR & co".into(),
                segments: vec![Segment {
                    label: "Implemented".into(),
                    value: 3,
                    fill: fill("implemented"),
                }],
            }],
            &[("Implemented".into(), fill("implemented"))],
        );
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("aria-labelledby=\"c1-t c1-d\""));
        assert!(svg.contains("<title id=\"c1-t\">By &lt;mechanism&gt;</title>"));
        assert!(svg.contains("UPR &amp; co"));
        assert!(svg.contains(">3</text>"));
        assert!(!svg.contains("<script"));
    }
}
