//! Errors found in a scenario file, located by line and column and rendered with a caret.

use std::fmt;
use std::ops::Range;

use ariadne::{Config, IndexType, Label, Report, ReportKind, Source};
use serde::Serialize;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// What kind of fault a diagnostic reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Not valid UTF-8, or not valid RON, or the wrong shape for the format.
    Syntax,
    /// An id that names nothing.
    Reference,
    /// A number outside its range, NaN or infinite.
    Range,
    /// Two things with the same id.
    Duplicate,
    /// Anything else that makes the scenario unplayable.
    Invalid,
}

/// One fault in a scenario file.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    pub kind: Kind,
    pub message: String,
    /// Where in the data, e.g. `parties[2].red_lines[0].issue`.
    pub path: String,
    /// Byte range in the source, when it could be located.
    #[serde(skip)]
    pub span: Option<Range<usize>>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(kind: Kind, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            path: path.into(),
            span: None,
            line: None,
            column: None,
            help: None,
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn at(mut self, span: Option<Range<usize>>) -> Self {
        self.span = span;
        self
    }
}

/// Every fault found in one file.
#[derive(Debug, Clone, Serialize)]
pub struct ScenarioError {
    pub file: String,
    #[serde(skip)]
    pub source: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl ScenarioError {
    /// Builds the error and fills in line and column from each span.
    pub fn new(file: &str, source: &str, mut diagnostics: Vec<Diagnostic>) -> Self {
        let lines = Lines::of(source);
        for d in &mut diagnostics {
            if let Some(span) = &d.span {
                let (l, c) = lines.line_col(source, span.start);
                d.line = Some(l);
                d.column = Some(c);
            }
        }
        Self {
            file: file.to_string(),
            source: source.to_string(),
            diagnostics,
        }
    }

    /// Renders every diagnostic as text: `file:line:column`, the source line and a caret.
    pub fn render(&self) -> String {
        let mut out = Vec::new();
        // One trailing space gives a caret a place at the very end of the text. The source is
        // indexed once for all the diagnostics.
        let shown = Source::from(format!("{} ", self.source));
        for d in &self.diagnostics {
            render_one(&self.file, &self.source, &shown, d, &mut out);
        }
        String::from_utf8_lossy(&out).into_owned()
    }
}

/// Where each line of a text starts, for line and column lookups in logarithmic time.
pub struct Lines(Vec<usize>);

impl Lines {
    pub fn of(src: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            src.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Self(starts)
    }

    /// 1-based line and column (in characters) of a byte offset in `src`.
    pub fn line_col(&self, src: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(src.len());
        let line = self.0.partition_point(|&s| s <= offset);
        let start = self.0[line - 1];
        let col = String::from_utf8_lossy(&src.as_bytes()[start..offset])
            .chars()
            .count()
            + 1;
        (line, col)
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

impl std::error::Error for ScenarioError {}

/// Longest source line that is shown in full; of a longer one, an excerpt around the fault.
const MAX_SHOWN_LINE: usize = 400;

/// The left margin of a report whose source line is `line`, as ariadne draws it: the line's
/// number with a space on each side.
fn gutter(line: Option<usize>) -> String {
    " ".repeat(line.map_or(1, |l| l.to_string().len()) + 2)
}

/// Characters of a long line shown on each side of the fault's start.
const EXCERPT_SIDE: usize = 40;
/// Most characters of the fault marked in an excerpt.
const EXCERPT_MARK: usize = 40;

/// The excerpt of a line longer than [`MAX_SHOWN_LINE`] around `span` (a byte range starting on
/// that line): the gutter and the excerpt, with `…` where it cuts the line, then the caret line
/// under the fault (clipped to the excerpt). Control characters and tabs show as one space, so
/// the caret stays under the fault.
fn excerpt(src: &str, span: &std::ops::Range<usize>, line: usize, label: &str) -> String {
    let at = floor_boundary(src, span.start.min(src.len()));
    let (start, end) = line_bounds(src, at);
    let before: Vec<char> = src[start..at].chars().collect();
    let after: Vec<char> = src[at..end].chars().collect();
    let marked = src[at..ceil_boundary(src, span.end.clamp(at, end))]
        .chars()
        .count()
        .clamp(1, EXCERPT_MARK);
    let from = before.len().saturating_sub(EXCERPT_SIDE);
    let to = after.len().min(EXCERPT_SIDE.max(marked) + EXCERPT_SIDE);
    let clean = |c: &char| if c.is_control() { ' ' } else { *c };
    let mut shown = String::new();
    if from > 0 {
        shown.push('…');
    }
    shown.extend(before[from..].iter().map(clean));
    // Columns, not characters: a wide character (CJK, most emoji) takes two on a terminal.
    let caret_at = shown.width();
    let carets = after[..marked.min(after.len())]
        .iter()
        .map(|&c| clean(&c).width().unwrap_or(0))
        .sum::<usize>()
        .max(1);
    shown.extend(after[..to].iter().map(clean));
    if to < after.len() {
        shown.push('…');
    }
    let pad = gutter(Some(line));
    format!(
        "{pad}│\n {line} │ {shown}\n{pad}│ {}{} {label}\n",
        " ".repeat(caret_at),
        "^".repeat(carets)
    )
}

fn render_one(file: &str, src: &str, shown: &Source<String>, d: &Diagnostic, out: &mut Vec<u8>) {
    let header = match (d.line, d.column) {
        (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
        _ => file.to_string(),
    };
    let mut notes = vec![format!(
        "at {}",
        if d.path.is_empty() {
            "(top level)"
        } else {
            &d.path
        }
    )];
    let line_ok = d
        .span
        .as_ref()
        .is_some_and(|s| line_len_at(src, s.start) <= MAX_SHOWN_LINE);
    match (&d.span, line_ok) {
        (Some(span), true) => {
            // Spans are widened to at least one whole character.
            let text = shown.text();
            let start = floor_boundary(text, span.start.min(src.len()));
            let min_end = next_boundary(text, start);
            let end = ceil_boundary(text, span.end.max(min_end).min(text.len()));
            let span = start..end;
            let config = Config::default()
                .with_color(false)
                .with_index_type(IndexType::Byte);
            let mut r = Report::build(ReportKind::Error, (file, span.clone()))
                .with_config(config)
                .with_code(kind_code(d.kind))
                .with_message(&d.message)
                .with_label(Label::new((file, span)).with_message(kind_label(d.kind)));
            for n in notes.drain(..) {
                r = r.with_note(n);
            }
            if let Some(h) = &d.help {
                r = r.with_help(h);
            }
            if r.finish().write((file, shown), &mut *out).is_err() {
                out.extend_from_slice(format!("error: {}\n", d.message).as_bytes());
            }
        }
        _ => {
            let pad = gutter(d.line.filter(|_| d.span.is_some()));
            out.extend_from_slice(
                format!(
                    "[{}] Error: {}\n{pad}╭─[ {header} ]\n",
                    kind_code(d.kind),
                    d.message
                )
                .as_bytes(),
            );
            if let (Some(span), Some(line)) = (&d.span, d.line) {
                out.extend_from_slice(excerpt(src, span, line, kind_label(d.kind)).as_bytes());
            }
            for n in notes {
                out.extend_from_slice(format!("{pad}│ Note: {n}\n").as_bytes());
            }
            if let Some(h) = &d.help {
                out.extend_from_slice(format!("{pad}│ Help: {h}\n").as_bytes());
            }
            out.extend_from_slice(format!("{}╯\n", "─".repeat(pad.len())).as_bytes());
        }
    }
}

fn kind_code(k: Kind) -> &'static str {
    match k {
        Kind::Syntax => "syntax",
        Kind::Reference => "reference",
        Kind::Range => "range",
        Kind::Duplicate => "duplicate",
        Kind::Invalid => "invalid",
    }
}

fn kind_label(k: Kind) -> &'static str {
    match k {
        Kind::Syntax => "here",
        Kind::Reference => "unknown id",
        Kind::Range => "out of range",
        Kind::Duplicate => "second use",
        Kind::Invalid => "here",
    }
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i.min(s.len())
}

/// The boundary after the character that starts at `i` (or `i` at the end).
fn next_boundary(s: &str, i: usize) -> usize {
    s[i..].chars().next().map_or(i, |c| i + c.len_utf8())
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(src: &str, offset: usize) -> (usize, usize) {
    Lines::of(src).line_col(src, offset)
}

/// Byte offset of a 1-based line and column (in characters).
pub fn offset_of(src: &str, line: usize, col: usize) -> usize {
    let mut off = 0;
    for (i, l) in src.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            return off
                + l.char_indices()
                    .nth(col.saturating_sub(1))
                    .map_or(l.len(), |(b, _)| b);
        }
        off += l.len();
    }
    src.len()
}

/// The byte range of the line of `src` that holds `offset` (without its newline).
fn line_bounds(src: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(src.len());
    let b = src.as_bytes();
    let start = b[..offset]
        .iter()
        .rposition(|&c| c == b'\n')
        .map_or(0, |p| p + 1);
    let end = b[offset..]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(b.len(), |p| offset + p);
    (start, end)
}

fn line_len_at(src: &str, offset: usize) -> usize {
    let (start, end) = line_bounds(src, offset);
    end - start
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = edit_distance(word, c);
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .map(|(_, c)| c.to_string())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_ids_only() {
        let ids = ["oman", "iran", "united_states"];
        assert_eq!(suggest("omann", ids).as_deref(), Some("oman"));
        assert_eq!(
            suggest("united_state", ids).as_deref(),
            Some("united_states")
        );
        assert_eq!(suggest("france", ids), None);
    }

    /// A fault on a line too long to show whole is shown in an excerpt, the caret under it.
    #[test]
    fn a_fault_on_a_long_line_is_shown_in_an_excerpt_with_a_caret() {
        let long = format!(
            "(\n  title: \"{}\", bogus: 3, id: \"x\",\n)\n",
            "é".repeat(600)
        );
        let at = long.find("bogus").unwrap();
        let d =
            Diagnostic::new(Kind::Syntax, "bogus", "unknown field `bogus`").at(Some(at..at + 5));
        let out = ScenarioError::new("f.ron", &long, vec![d]).render();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[1], "   ╭─[ f.ron:2:614 ]", "{out}");
        let shown = lines.iter().find(|l| l.starts_with(" 2 │ ")).expect(&out);
        assert!(shown.starts_with(" 2 │ …éé") && shown.ends_with("\", bogus: 3, id: \"x\","));
        assert!(shown.chars().count() < 100, "{shown}");
        // The caret line: the marks start in the column of the fault's first character.
        let caret = lines.iter().find(|l| l.contains('^')).expect(&out);
        let col = |l: &str, pat: &str| l[..l.find(pat).unwrap()].chars().count();
        assert_eq!(col(caret, "^"), col(shown, "bogus"), "{out}");
        assert!(caret.ends_with("^^^^^ here"), "{caret}");
        // Wide characters take two columns on a terminal: the caret counts columns, and marks
        // a wide fault with two carets a character.
        let wide = long.replace('é', "漢").replace("bogus", "字段");
        let at = wide.find("字段").unwrap();
        let d = Diagnostic::new(Kind::Syntax, "字段", "x").at(Some(at..at + "字段".len()));
        let out = ScenarioError::new("f.ron", &wide, vec![d]).render();
        let lines: Vec<&str> = out.lines().collect();
        let shown = lines.iter().find(|l| l.starts_with(" 2 │ ")).expect(&out);
        let caret = lines.iter().find(|l| l.contains('^')).expect(&out);
        let width = |l: &str, pat: &str| l[..l.find(pat).unwrap()].width();
        assert_eq!(width(caret, "^"), width(shown, "字段"), "{out}");
        assert!(caret.ends_with(" ^^^^ here"), "{caret}");
        // Control characters show as spaces, so the terminal is left alone.
        let ctl = long.replace("éééé", "\u{1b}[2J");
        let at = ctl.find("bogus").unwrap();
        let d = Diagnostic::new(Kind::Syntax, "bogus", "x").at(Some(at..at + 5));
        assert!(
            !ScenarioError::new("f.ron", &ctl, vec![d])
                .render()
                .contains('\u{1b}')
        );
    }

    #[test]
    fn line_and_column_are_one_based_and_count_chars() {
        let src = "ab\n—cd\n";
        assert_eq!(line_col(src, 0), (1, 1));
        assert_eq!(line_col(src, 3), (2, 1));
        assert_eq!(line_col(src, 6), (2, 2));
        assert_eq!(offset_of(src, 2, 2), 6);
    }
}
