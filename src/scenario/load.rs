//! The one function that turns bytes into a checked scenario; the asset loader, the CLI and
//! the tests all call [`parse`].

use std::path::Path;

use super::diagnostic::{Diagnostic, Kind, ScenarioError, offset_of, suggest};
use super::model::Scenario;
use super::raw::RawScenario;
use super::spans::Spans;
use super::validate::resolve;

/// The default scenario, embedded so the game runs with no assets folder.
pub const DEFAULT_SCENARIO: &str = include_str!("../../assets/scenarios/geneva_2026.ron");
/// The name the embedded default scenario goes by in messages and menus.
pub const DEFAULT_NAME: &str = "geneva_2026.ron (embedded)";

/// Why a scenario could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read (exit code 2).
    #[error("cannot read {path}: {message}")]
    Io { path: String, message: String },
    /// The file was read but is not a valid scenario (exit code 1).
    #[error("{0}")]
    Invalid(#[from] ScenarioError),
}

/// Parses and validates scenario bytes. `file` names the source in messages.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Scenario, ScenarioError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            // The valid prefix is UTF-8 by construction.
            let prefix = String::from_utf8_lossy(valid).into_owned();
            let d = Diagnostic::new(
                Kind::Syntax,
                "",
                format!(
                    "the file is not valid UTF-8 (bad byte at offset {})",
                    e.valid_up_to()
                ),
            )
            .at(Some(prefix.len()..prefix.len()))
            .help("save the scenario as UTF-8 text");
            return Err(ScenarioError::new(file, &prefix, vec![d]));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        let d = Diagnostic::new(Kind::Syntax, "", "the file is empty")
            .at(Some(0..0))
            .help("a scenario starts with `(` and lists id, title, weeks, tension, rules, issues, parties and moves; see docs/scenario-format.md");
        return Err(ScenarioError::new(file, text, vec![d]));
    }
    if let Some((at, c)) = control_character(text) {
        // Named by the field it stands in (it read "at (top level)").
        let spans = Spans::read(text);
        let path = spans.around(at).map_or("", |(p, _)| p).to_string();
        let d = Diagnostic::new(
            Kind::Syntax,
            path,
            format!(
                "a control character (U+{:04X}) in a text: shown in the terminal it could \
                 garble or take over the screen",
                u32::from(c)
            ),
        )
        .at(Some(at..at + 1))
        .help("remove it; write a line break in a text as \\n");
        return Err(ScenarioError::new(file, text, vec![d]));
    }
    let opts =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let raw: RawScenario = opts
        .from_str(text)
        .map_err(|e| ScenarioError::new(file, text, syntax_faults(text, &e, &opts)))?;
    resolve(&raw, text).map_err(|d| ScenarioError::new(file, text, d))
}

/// Whether `c` may not stand in a scenario's text: a control character other than a tab, a line
/// break or a carriage return (C0, DEL and C1 alike).
fn forbidden(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// The first control character in a string of `text` that a scenario may not hold, with its
/// byte offset: written as it is, or as an escape (`\u{1b}`, a run of `\xHH` bytes, `\0`; not in
/// a raw string); a carriage return only as part of a line break. Outside strings (RON counts some control characters as white space) and in
/// comments nothing is shown, so nothing is looked for.
fn control_character(text: &str) -> Option<(usize, char)> {
    let b = text.as_bytes();
    // A carriage return only as part of a line break.
    let bad = |c: char, next_is_lf: bool| forbidden(c) || c == '\r' && !next_is_lf;
    let raw = |from: usize, to: usize| {
        let t = text.get(from..to)?;
        t.char_indices()
            .find(|&(k, c)| bad(c, t.as_bytes().get(k + 1) == Some(&b'\n')))
            .map(|(k, c)| (from + k, c))
    };
    let word = |k: usize| k > 0 && (b[k - 1].is_ascii_alphanumeric() || b[k - 1] == b'_');
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i = text[i..].find('\n').map_or(b.len(), |k| i + k);
            }
            // Block comments nest.
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut depth = 0usize;
                while i < b.len() {
                    if b[i..].starts_with(b"/*") {
                        depth += 1;
                        i += 2;
                    } else if b[i..].starts_with(b"*/") {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
            }
            // A raw string (`r"…"`, `r#"…"#`) has no escapes; `r#name` is a raw identifier.
            b'r' if !word(i) && matches!(b.get(i + 1), Some(b'"' | b'#')) => {
                let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
                if b.get(i + 1 + hashes) != Some(&b'"') {
                    i += 1 + hashes;
                    continue;
                }
                let close = format!("\"{}", "#".repeat(hashes));
                let open = i + 1 + hashes + 1;
                let end = text
                    .get(open..)
                    .and_then(|t| t.find(&close))
                    .map_or(b.len(), |k| open + k);
                if let Some(found) = raw(open, end) {
                    return Some(found);
                }
                i = end + close.len();
            }
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] != b'\\' {
                        // A character written as it is.
                        match text.get(i..).and_then(|t| t.chars().next()) {
                            Some(c) if bad(c, b.get(i + c.len_utf8()) == Some(&b'\n')) => {
                                return Some((i, c));
                            }
                            Some(c) => i += c.len_utf8(),
                            None => i += 1,
                        }
                        continue;
                    }
                    let at = i;
                    match b.get(i + 1) {
                        Some(b'u') if b.get(i + 2) == Some(&b'{') => {
                            let end = text[i..].find('}').map_or(i + 2, |k| i + k);
                            let c = text
                                .get(i + 3..end)
                                .and_then(|h| u32::from_str_radix(h, 16).ok())
                                .and_then(char::from_u32);
                            if let Some(c) = c.filter(|&c| forbidden(c)) {
                                return Some((at, c));
                            }
                            i = end + 1;
                        }
                        // A run of `\xHH` is the UTF-8 bytes of its characters.
                        Some(b'x') => {
                            let mut bytes = Vec::new();
                            while b.get(i) == Some(&b'\\') && b.get(i + 1) == Some(&b'x') {
                                match text.get(i + 2..i + 4).map(|h| u8::from_str_radix(h, 16)) {
                                    Some(Ok(v)) => bytes.push(v),
                                    _ => break,
                                }
                                i += 4;
                            }
                            if let Some(c) = String::from_utf8(bytes)
                                .ok()
                                .and_then(|t| t.chars().find(|&c| forbidden(c)))
                            {
                                return Some((at, c));
                            }
                            i = i.max(at + 2);
                        }
                        Some(b'0') => return Some((at, '\0')),
                        Some(b'r') if !text[i + 2..].starts_with("\\n") => {
                            return Some((at, '\r'));
                        }
                        _ => i += 2,
                    }
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    None
}

/// Most faults of RON or shape reported for one file.
const MAX_SYNTAX_FAULTS: usize = 20;

/// The first fault RON's parser meets (`first`), then the faults it meets when each before is
/// left out: a modder once fixed one unknown kind per run of `check`. A fault in a value that can
/// be left out (an unknown field, or a value of an unknown kind or the wrong type in a field or
/// a list) is blanked in a copy of the text, newlines kept, so every fault after it sits where it
/// does in the file; the copy is read again. The reading stops at a fault that leaves nothing to
/// blank (a missing bracket, a stray character, a value with a comment beside it), at a field
/// missing where a field of its name or a misspelling of it was blanked (the same fault again)
/// and at [`MAX_SYNTAX_FAULTS`]. Faults of meaning (an unknown
/// id, a broken rule) are found once the file reads.
fn syntax_faults(
    text: &str,
    first: &ron::error::SpannedError,
    opts: &ron::Options,
) -> Vec<Diagnostic> {
    // Blanking leaves every value of the file where it is: one index of them serves each fault.
    let spans = Spans::read(text);
    let mut copy = text.to_string();
    let mut out = Vec::new();
    let mut blanked: Vec<String> = Vec::new();
    let mut e = first.clone();
    let mut last = None;
    while out.len() < MAX_SYNTAX_FAULTS {
        // The copy's positions are the file's bytes; its columns may not be (a blanked wide
        // character is several spaces), so the fault is placed in the copy.
        let mut start = offset_of(&copy, e.span.start.line, e.span.start.col);
        if !out.is_empty() {
            // RON stops on the blank before a value, which may now hold a blanked one.
            let rest = &copy[start.min(copy.len())..];
            start += rest.len() - rest.trim_start().len();
        }
        let end = offset_of(&copy, e.span.end.line, e.span.end.col).max(start);
        if last == Some(start) {
            break;
        }
        last = Some(start);
        let d = syntax(text, &spans, &e, start..end);
        // A field missing beside a blanked one of its name, or a name it is the misspelling of
        // (`concesion_floor` leaves `concession_floor` missing), is that fault again.
        fn split(p: &str) -> (&str, &str) {
            p.rsplit_once('.').unwrap_or(("", p))
        }
        if let ron::error::Error::MissingStructField { .. } = &e.code
            && let (parent, missing) = split(&d.path)
            && blanked.iter().map(|b| split(b)).any(|(at, name)| {
                at == parent && (name == missing || suggest(name, [missing]).is_some())
            })
        {
            break;
        }
        let cut = leave_out(text, &spans, &e.code, &d.path);
        out.push(d);
        let Some((path, range)) = cut else { break };
        let mut bytes = std::mem::take(&mut copy).into_bytes();
        for b in &mut bytes[range] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
        // The range holds whole characters (it is checked to be bounded by ASCII).
        let Ok(blanked_copy) = String::from_utf8(bytes) else {
            break;
        };
        copy = blanked_copy;
        blanked.push(path);
        match opts.from_str::<RawScenario>(&copy) {
            Ok(_) => break,
            Err(next) => e = next,
        }
    }
    out
}

/// Whether a fault is a value of the wrong type (`6.5` where a whole number goes).
fn wrong_type(code: &ron::error::Error) -> bool {
    use ron::error::Error as E;
    matches!(
        code,
        E::ExpectedInteger
            | E::ExpectedFloat
            | E::ExpectedString
            | E::ExpectedBoolean
            | E::ExpectedChar
            | E::ExpectedArray
            | E::ExpectedOption
            | E::InvalidValueForType { .. }
    )
}

/// What to blank of a fault at `path` so the file reads on: the value's field (name, value and
/// comma) or list element (value and comma), with the field's path. `None` for a fault of the
/// file's shape or one inside a kind's values (`Trust(Actorr, …)`: its whole element goes).
fn leave_out(
    text: &str,
    spans: &Spans,
    code: &ron::error::Error,
    path: &str,
) -> Option<(String, std::ops::Range<usize>)> {
    use ron::error::Error as E;
    if !(wrong_type(code)
        || matches!(
            code,
            E::NoSuchStructField { .. } | E::NoSuchEnumVariant { .. } | E::InvalidIdentifier(_)
        ))
    {
        return None;
    }
    // Up to the nearest field or list element: a kind's values (`.0`, `.1`) go with the kind;
    // a field or element the index does not hold is not guessed at.
    let mut p = path;
    loop {
        let cut = p.rfind(['.', '[']);
        let last = &p[cut.unwrap_or(0)..];
        if !(last.starts_with('.') && last[1..].bytes().all(|c| c.is_ascii_digit())) {
            break;
        }
        p = &p[..cut?];
    }
    if p.is_empty() {
        return None;
    }
    let value = spans.get(p)?;
    let mut start = value.start;
    if !p.ends_with(']') {
        // A field: back over `name:` before the value (a plain name of ASCII letters, digits
        // and `_`; anything else is not blanked).
        let before = text[..value.start].trim_end();
        let name = before.strip_suffix(':')?.trim_end();
        start = name
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .map_or(0, |k| k + 1);
    }
    let mut end = value.end.min(text.len());
    let rest = &text[end..];
    let blank = rest.len() - rest.trim_start().len();
    if rest[blank..].starts_with(',') {
        end += blank + 1;
    }
    // What is blanked must stand alone: after `(`, `[` or `,`, and before `)`, `]` or a comma
    // of its own. A value the index read only in part (a name with an accent), a comment beside
    // it or a raw `r#` name would leave a fragment, and a fault that is not the file's.
    let opens = text[..start].trim_end().ends_with(['(', '[', ',']);
    let closes = text[..end].ends_with(',') || text[end..].trim_start().starts_with([')', ']']);
    (opens && closes).then(|| (p.to_string(), start..end))
}

/// A RON or shape fault as a diagnostic: in the scenario's own words (never an internal type
/// name), with the field path around the place the parser stopped (`at`, in bytes; `spans`
/// indexes `text`). A missing field points at the struct that lacks it.
fn syntax(
    text: &str,
    spans: &Spans,
    e: &ron::error::SpannedError,
    at: std::ops::Range<usize>,
) -> Diagnostic {
    use ron::error::Error as E;
    let (start, end) = (at.start, at.end);
    // RON may stop on the blank before a value; the value is what it stopped at.
    let probe = text[start.min(text.len())..]
        .find(|c: char| !c.is_whitespace())
        .map_or(start, |k| start + k);
    let around = spans.around(probe.min(text.len().saturating_sub(1)));
    let mut path = around
        .as_ref()
        .map_or(String::new(), |(p, _)| p.to_string());
    let mut span = start..end.max(start + 1);
    let field = |path: &str, f: &str| {
        if path.is_empty() {
            f.to_string()
        } else {
            format!("{path}.{f}")
        }
    };
    let one_of = |names: &[&str]| {
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let is_name = |t: &str| {
        let t = t.trim();
        !t.is_empty() && t.chars().all(|c| c.is_alphanumeric() || c == '_')
    };
    // A kind that takes no values given some (`Bridge(Actor)`): RON stops at its `(`.
    let unit_with_values = text
        .get(start..)
        .filter(|rest| rest.starts_with('('))
        .and_then(|_| spans.around(start))
        .filter(|(_, s)| s.start < start && is_name(text.get(s.start..start).unwrap_or("")))
        .map(|(p, s)| (p.to_string(), s));
    // A kind given without the values it needs (`Tension` for `Tension(5)`): RON stops just
    // after its name.
    let bare_name = spans
        .ended_before(start)
        .filter(|(_, s)| {
            is_name(text.get(s.clone()).unwrap_or(""))
                && text.get(s.end..start).is_some_and(|t| t.trim().is_empty())
        })
        .map(|(p, s)| (p.to_string(), s));
    let inside_leaf = spans.inside_leaf(start).map(|(p, s)| (p.to_string(), s));
    let (message, help) = match &e.code {
        E::ExpectedComma
        | E::ExpectedArrayEnd
        | E::ExpectedStructLikeEnd
        | E::ExpectedOptionEnd
        | E::ExpectedMapEnd
        | E::TrailingCharacters
            if unit_with_values.is_some() =>
        {
            let (p, s) = unit_with_values.clone().unwrap_or_default();
            let name = text.get(s.start..start).unwrap_or("").trim().to_string();
            path = p;
            span = s;
            (
                format!("`{name}` takes no values"),
                Some(format!("write `{name}` alone")),
            )
        }
        E::ExpectedNamedStructLike(_) | E::ExpectedStructLike if bare_name.is_some() => {
            let (p, s) = bare_name.clone().unwrap_or_default();
            let name = text.get(s.clone()).unwrap_or("").to_string();
            path = p;
            span = s;
            (
                format!("`{name}` needs its values in ( )"),
                Some(format!(
                    "write `{name}(…)`; docs/scenario-format.md lists what each kind takes"
                )),
            )
        }
        E::ExpectedDifferentLength { expected, found } => {
            // "tuple variant … with 4 elements": the count is what matters.
            let n: String = expected
                .rsplit("with ")
                .next()
                .unwrap_or("")
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let (p, s) = around
                .clone()
                .map(|(p, s)| (p.to_string(), s))
                .unwrap_or_default();
            let name: String = text
                .get(s.clone())
                .unwrap_or("")
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            path = p;
            span = s;
            let what = if name.is_empty() {
                "this".to_string()
            } else {
                format!("`{name}`")
            };
            (
                format!("{what} takes {n} values, found {found}"),
                Some("docs/scenario-format.md lists what each kind takes".into()),
            )
        }
        E::MissingStructField { field: f, .. } => {
            // The parser stops at the struct's end; the struct's start is where to add it.
            if let Some((_, s)) = &around {
                span = s.start..s.start + 1;
            }
            path = field(&path, f);
            (
                format!("missing field `{f}`"),
                Some(format!(
                    "add `{f}: …` here; docs/scenario-format.md lists each field"
                )),
            )
        }
        E::NoSuchStructField {
            expected, found, ..
        } => {
            path = field(&path, found);
            let help = match suggest(found, expected.iter().copied()) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("the fields here are: {}", one_of(expected)),
            };
            (format!("unknown field `{found}`"), Some(help))
        }
        E::DuplicateStructField { field: f, .. } => {
            path = field(&path, f);
            (format!("the field `{f}` is given twice"), None)
        }
        E::NoSuchEnumVariant {
            expected, found, ..
        } => {
            let help = match suggest(found, expected.iter().copied()) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("one of: {}", one_of(expected)),
            };
            (format!("unknown kind `{found}`"), Some(help))
        }
        E::ExpectedComma
        | E::ExpectedArrayEnd
        | E::ExpectedStructLikeEnd
        | E::ExpectedOptionEnd
        | E::ExpectedMapEnd
            if inside_leaf.is_some() =>
        {
            // The parser stopped inside one value (`6.5` where a whole number goes): that
            // value is the fault.
            let (p, s) = inside_leaf.clone().unwrap_or_default();
            let shown: String = text.get(s.clone()).unwrap_or("").chars().take(40).collect();
            path = p.to_string();
            span = s;
            // A number with a point where the parser read a whole number up to the point.
            let fraction = shown
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite() && shown.contains(['.', 'e', 'E']));
            (
                format!("`{shown}` cannot be read as the value that goes here"),
                Some(if let Some(n) = fraction {
                    if n.fract() == 0.0 {
                        format!(
                            "a whole number goes here: write it without a decimal point (`{n:.0}`)"
                        )
                    } else {
                        format!("a whole number goes here, and `{shown}` is not one")
                    }
                } else {
                    "check the field's type in docs/scenario-format.md (a whole number, a \
                      number, a string in quotes, a name, a list in [ ], a group in ( ))"
                        .into()
                }),
            )
        }
        E::ExpectedComma
        | E::ExpectedArrayEnd
        | E::ExpectedStructLikeEnd
        | E::ExpectedOptionEnd
        | E::ExpectedMapEnd => {
            // The fault is after the last complete value: point just past it.
            if let Some((p, s)) = spans.ended_before(start) {
                path = p.to_string();
                span = s.end..s.end + 1;
            }
            let closer = match &e.code {
                E::ExpectedArrayEnd => "`]`",
                E::ExpectedMapEnd => "`}`",
                E::ExpectedComma => "`,`",
                _ => "`)`",
            };
            // One value too many in a kind's parentheses (`Tension(-4, 2)`): say how many the
            // kind takes (a modder read only that a `)` was missing).
            let arity = (matches!(e.code, E::ExpectedStructLikeEnd))
                .then(|| {
                    let k: usize = path.rsplit('.').next()?.parse().ok()?;
                    let more = text.get(span.start..)?.trim_start().starts_with(',');
                    let kind = kind_before(text, span.start)?;
                    more.then(|| (kind, k + 1))
                })
                .flatten();
            (
                format!("expected {closer} after this value"),
                Some(match arity {
                    Some((kind, 1)) => format!(
                        "`{kind}` takes 1 value here: remove what follows it (see \
                         docs/scenario-format.md)"
                    ),
                    Some((kind, n)) => format!(
                        "`{kind}` takes {n} values here: remove what follows them (see \
                         docs/scenario-format.md)"
                    ),
                    None => format!(
                        "the parser stopped at line {}, column {}: a {closer} is missing, or \
                         something stray stands between two values",
                        e.span.start.line, e.span.start.col
                    ),
                }),
            )
        }
        E::ExpectedDifferentStructName { found, .. } => (
            format!("`{found}(` cannot stand here"),
            Some(format!(
                "write the value as `( … )`, without a name before the parenthesis; or, if \
                 `{found}` is a field's name, a `]` or `)` that closes the list or group before \
                 it is missing"
            )),
        ),
        // Wrong types that serde names only by type: what to write instead, from what the
        // file has there (a modder's `'hh'` was told to use single quotes, which it did).
        E::ExpectedChar => (
            "expected a key: one character in single quotes".into(),
            Some(match found_at(text, start).chars().next() {
                Some('\'') => "a key is one character: write it as `'k'`".into(),
                Some('"') => "write it as `'k'` (single quotes), not `\"k\"`".into(),
                _ => "write it as one character in single quotes: `'k'`".into(),
            }),
        ),
        E::ExpectedInteger => (
            "expected a whole number".into(),
            Some("write it without quotes or a decimal point, e.g. `10`".into()),
        ),
        E::ExpectedFloat => (
            "expected a number".into(),
            Some("write it without quotes, e.g. `0.5` or `3`".into()),
        ),
        E::ExpectedString => {
            // What stands there, in double quotes: a name or text in single quotes. (RON stops
            // one letter into a name that starts with `r`, a raw string's mark: the value it
            // stands in starts before.)
            let from = around
                .as_ref()
                .map(|(_, s)| s.start)
                .filter(|&f| {
                    f < start
                        && (text.get(f..start))
                            .is_some_and(|t| t.chars().all(|c| c.is_alphanumeric() || c == '_'))
                })
                .unwrap_or(start);
            let found = found_at(text, from);
            let word: String = found
                .trim_start_matches('\'')
                .chars()
                .take_while(|&c| c != '\'' && c != ',' && c != ')' && c != ']' && c != '\n')
                .take(40)
                .collect();
            let word = word.trim_end();
            (
                "expected text in double quotes".into(),
                Some(if word.is_empty() {
                    "write it in double quotes: `\"…\"`".into()
                } else if found.starts_with('\'') {
                    format!("text goes in double quotes: `\"{word}\"`, not single ones")
                } else {
                    format!("write it in double quotes: `\"{word}\"`")
                }),
            )
        }
        E::ExpectedBoolean => ("expected `true` or `false`".into(), None),
        E::IntegerOutOfBounds => {
            // RON points after a minus sign: a negative number where none goes.
            let negative = text[..start.min(text.len())].trim_end().ends_with('-')
                || text
                    .get(start..)
                    .is_some_and(|t| t.trim_start().starts_with('-'));
            (
                "this whole number is out of range for its field".into(),
                Some(if negative {
                    "this field takes no negative number; docs/scenario-format.md gives each \
                     field's range"
                        .into()
                } else {
                    "it is too large for this field; docs/scenario-format.md gives each field's \
                     range"
                        .into()
                }),
            )
        }
        E::Eof => (
            "the file ends before the scenario does".into(),
            Some("a closing `)` or `]` is missing at the end, or the file was cut short".into()),
        ),
        // A kind in quotes (`role: "Negotiator"`), or a field's name where the parser expected
        // the group or list before it to have closed.
        E::ExpectedIdentifier
            if text
                .get(start..)
                .is_some_and(|t| t.trim_start().starts_with('"')) =>
        {
            let quoted: String = text[start..]
                .trim_start()
                .chars()
                .skip(1)
                .take_while(|&c| c != '"' && c != '\n')
                .take(40)
                .collect();
            // A field's name in quotes (`"seed": 11`, as JSON writes it) or a kind: what follows
            // its closing quote (however long the name).
            let opened = text[start..].trim_start();
            let after = (opened.get(1..))
                .and_then(|t| t.find('"').map(|k| &t[k + 1..]))
                .unwrap_or("");
            (
                "expected a name, found text in quotes".into(),
                Some(if after.trim_start().starts_with(':') {
                    format!("a field's name is written bare: `{quoted}: …`, not `\"{quoted}\": …`")
                } else {
                    format!("a kind is written as a bare name: `{quoted}`, not `\"{quoted}\"`")
                }),
            )
        }
        E::ExpectedIdentifier => (
            "expected a name".into(),
            Some(
                "a kind or a field's name goes here; if it is there, a `)` or `]` that closes \
                 the group or list before it may be missing"
                    .into(),
            ),
        ),
        E::InvalidIdentifier(found) | E::SuggestRawIdentifier(found) => (
            format!("`{found}` is not a name; one of the listed kinds goes here"),
            Some("see docs/scenario-format.md for the kinds this field takes".into()),
        ),
        E::ExpectedNamedStructLike(_) | E::ExpectedStructLike => {
            ("expected `(` to open a group of fields".into(), None)
        }
        E::TrailingCharacters => (
            {
                // At what stands there, not at the end of the scenario before it.
                let rest = text.get(start..).unwrap_or("");
                let at = start + rest.len() - rest.trim_start().len();
                let width = (text.get(at..))
                    .and_then(|t| t.chars().next())
                    .map_or(1, char::len_utf8);
                span = at..at + width;
                "text after the scenario's closing `)`".into()
            },
            Some(
                "remove it: a stray `)` or `]`, or the brackets before it do not pair up (one \
                 closes the scenario early)"
                    .into(),
            ),
        ),
        other => (plain(&other.to_string()), None),
    };
    if wrong_type(&e.code)
        && let Some((_, s)) = &around
    {
        // A value of the wrong type: underline all of it.
        span = s.clone();
    }
    let mut d = Diagnostic::new(Kind::Syntax, path, message).at(Some(span));
    if let Some(h) = help {
        d = d.help(h);
    }
    d
}

/// The name of the kind whose parentheses hold byte `at` (`Tension` in `Tension(-4, 2)`).
fn kind_before(text: &str, at: usize) -> Option<&str> {
    let before = text.get(..at)?;
    let mut depth = 0usize;
    let open = before.char_indices().rev().find_map(|(i, c)| match c {
        ')' | ']' => {
            depth += 1;
            None
        }
        '(' | '[' if depth > 0 => {
            depth -= 1;
            None
        }
        '(' => Some(i),
        '[' => Some(usize::MAX),
        _ => None,
    })?;
    let name = before.get(..open)?.trim_end();
    let start = name
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '_')
        .last()?
        .0;
    Some(&name[start..])
}

/// The file's text from byte `start`, past blanks (what the parser found there).
fn found_at(text: &str, start: usize) -> &str {
    text.get(start..).unwrap_or("").trim_start()
}

/// Serde's wording without the internal type names (`struct RawAi`, `enum RawRule`…).
fn plain(message: &str) -> String {
    let mut out = Vec::new();
    let mut words = message.split(' ').peekable();
    while let Some(w) = words.next() {
        let next_raw = words.peek().is_some_and(|n| {
            n.trim_matches(|c: char| !c.is_alphanumeric())
                .starts_with("Raw")
        });
        match w {
            "struct" if next_raw => {
                words.next();
                out.push("a group of fields `( … )`".to_string());
            }
            "enum" if next_raw => {
                words.next();
                out.push("one of the listed kinds".to_string());
            }
            w if w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .starts_with("Raw") =>
            {
                out.push("a value".to_string());
            }
            w => out.push(w.to_string()),
        }
    }
    let s = out.join(" ");
    let mut c = s.chars();
    c.next()
        .map_or(String::new(), |f| f.to_lowercase().chain(c).collect())
}

/// The largest scenario file read: 16 MiB.
pub const MAX_SCENARIO_BYTES: u64 = 16 * 1024 * 1024;

/// Reads and parses a scenario file: a regular file of at most [`MAX_SCENARIO_BYTES`].
pub fn load_file(path: &Path) -> Result<Scenario, LoadError> {
    let io = |message: String| LoadError::Io {
        path: path.display().to_string(),
        message,
    };
    // Only a regular file of a sane size is read: a FIFO or a device could block or never end.
    let meta = std::fs::metadata(path).map_err(|e| io(e.to_string()))?;
    if !meta.is_file() {
        return Err(io("not a regular file, so not a scenario".into()));
    }
    if meta.len() > MAX_SCENARIO_BYTES {
        return Err(io(format!(
            "{} bytes; a scenario file may have at most {MAX_SCENARIO_BYTES}",
            meta.len()
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| io(e.to_string()))?;
    Ok(parse(&path.display().to_string(), &bytes)?)
}

/// Loads the scenario at `path`, or the embedded default when `path` is `None`.
pub fn load_or_default(path: Option<&Path>) -> Result<Scenario, LoadError> {
    match path {
        Some(p) => load_file(p),
        None => Ok(parse(DEFAULT_NAME, DEFAULT_SCENARIO.as_bytes())?),
    }
}

#[cfg(test)]
mod tests {
    use super::control_character;

    /// A control character that could garble a terminal is found written as it is or as an
    /// escape in a string, with its place; line breaks, tabs, ordinary escapes, and escapes in
    /// comments or raw strings are not.
    #[test]
    fn control_characters_are_found_in_text_and_escapes() {
        for (text, at, c) in [
            ("(a: \"x\u{1b}y\")", 6, '\u{1b}'),
            ("(a: \"x\\u{1b}[2J\")", 6, '\u{1b}'),
            ("(a: \"ring\\x07\")", 9, '\u{7}'),
            ("(a: \"nul\\0\")", 8, '\0'),
            ("(a: \"over\\rwrite\")", 9, '\r'),
            ("(a: \"over\rwrite\")", 9, '\r'),
            ("(a: \"\\x1b[2J\")", 5, '\u{1b}'),
            (
                "/* a /* nested */ comment */ (a: \"\\u{1b}\")",
                34,
                '\u{1b}',
            ),
            ("(a: \"\\u{9b}\")", 5, '\u{9b}'),
            ("(a: \"é\\u{7f}\")", 7, '\u{7f}'),
            ("(a: \"é\u{85}\")", 7, '\u{85}'),
            ("(a: r#\"x\u{1b}\"#)", 8, '\u{1b}'),
        ] {
            assert_eq!(control_character(text), Some((at, c)), "{text}");
        }
        for text in [
            "(a: \"line\\nbreak\\ttab\\u{e9}\\\"quoted\\\\\")",
            "(\r\n a: \"crlf\",\t\r\n)",
            "// \\u{1b} in a comment\n(a: \"x\") /* \\x07 */",
            "(a: r\"\\u{1b}\", b: r#\"\\b\"#)",
            // RON's white space between values may be a control character: nothing shows it.
            "(a: \"x\",\u{85}\u{b} b: 1)",
            // A character written as its UTF-8 bytes; a line break as CR LF; a raw identifier.
            "(a: \"\\xC3\\x89t\\xC3\\xA9 \\xE2\\x82\\xAC\")",
            "(a: \"line\\r\\nbreak\", b: \"multi\r\nline\")",
            "(r#type: \"x\", b: \"y\")",
            "/* \\u{1b} /* nested */ \\x07 */ (a: \"x\")",
        ] {
            assert_eq!(control_character(text), None, "{text}");
        }
    }
}
