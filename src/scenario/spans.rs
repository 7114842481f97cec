//! A span-aware reader of RON text. One pass over the file records where every value sits, by
//! its field path (`parties[2].red_lines[0].issue`), so each diagnostic points at its exact spot
//! without searching the text. Serde builds the values; this reader only knows the shape.
//!
//! Paths: a struct's field is `path.field`, a list's element `path[k]`, a tuple's item
//! `path.k`. A tuple of one item (a newtype such as `OneOf([...])` or `Some(x)`) is transparent
//! as well: its list's elements are also `path[k]`. The top-level struct's fields have no prefix.
//! The reader is linear in the file's length, and stops at the first fault it meets, keeping
//! what it read so far (a syntax error is still located by the path around it).

use std::collections::HashMap;
use std::ops::Range;

/// Deeper nesting than this stops the reader (RON's own parser stops earlier).
const MAX_DEPTH: usize = 200;

/// Where each value of one RON text sits.
#[derive(Debug, Default)]
pub struct Spans {
    /// Every value, in the order it opens (a parent before its children).
    nodes: Vec<(String, Range<usize>)>,
    /// Path → index in `nodes`; the first value at a path wins.
    index: HashMap<String, usize>,
}

impl Spans {
    /// Reads `src` once. Never fails: a fault ends the reading, keeping what came before it.
    pub fn read(src: &str) -> Self {
        let mut r = Reader {
            b: src.as_bytes(),
            pos: 0,
            depth: 0,
            nodes: Vec::new(),
            aliases: Vec::new(),
        };
        let _ = r.document();
        // Values left open by a fault end just after the character the reader stopped at.
        let mut end = (r.pos + 1).min(src.len());
        while !src.is_char_boundary(end) {
            end += 1;
        }
        let mut nodes = r.nodes;
        for (_, span) in &mut nodes {
            if span.end == usize::MAX {
                span.end = end;
            }
        }
        let mut index = HashMap::with_capacity(nodes.len() + r.aliases.len());
        for (i, (path, _)) in nodes.iter().enumerate() {
            index.entry(path.clone()).or_insert(i);
        }
        for (path, i) in r.aliases {
            index.entry(path).or_insert(i);
        }
        Self { nodes, index }
    }

    /// The span of the value at exactly `path`.
    pub fn get(&self, path: &str) -> Option<Range<usize>> {
        self.index.get(path).map(|&i| self.nodes[i].1.clone())
    }

    /// The span of the value at `path`, or of its nearest enclosing value the file gives (a
    /// field left to its default is located at the struct that omits it).
    pub fn locate(&self, path: &str) -> Option<Range<usize>> {
        let mut p = path;
        loop {
            if let Some(s) = self.get(p) {
                return Some(s);
            }
            if p.is_empty() {
                return None;
            }
            p = &p[..parent_cut(p)];
        }
    }

    /// The innermost value around byte `offset`: its path and span.
    pub fn around(&self, offset: usize) -> Option<(&str, Range<usize>)> {
        // Nodes open in order and nest, so the last one that contains the offset is innermost.
        self.nodes
            .iter()
            .rev()
            .find(|(_, s)| s.start <= offset && offset < s.end.max(s.start + 1))
            .map(|(p, s)| (p.as_str(), s.clone()))
    }
}

impl Spans {
    /// The innermost value around byte `offset` that holds no other value (a number, a string,
    /// a name), and only when `offset` is inside it rather than at its start.
    pub fn inside_leaf(&self, offset: usize) -> Option<(&str, Range<usize>)> {
        let (i, (p, s)) = self
            .nodes
            .iter()
            .enumerate()
            .rev()
            .find(|(_, (_, s))| s.start < offset && offset < s.end)?;
        let leaf = self.nodes.get(i + 1).is_none_or(|n| n.1.start >= s.end);
        leaf.then(|| (p.as_str(), s.clone()))
    }

    /// The value that ends last at or before byte `offset` (the outermost of those that end
    /// there): what a missing comma or bracket follows.
    pub fn ended_before(&self, offset: usize) -> Option<(&str, Range<usize>)> {
        let mut best: Option<&(String, Range<usize>)> = None;
        for n in &self.nodes {
            if n.1.end <= offset && best.is_none_or(|b| n.1.end > b.1.end) {
                best = Some(n);
            }
        }
        best.map(|(p, s)| (p.as_str(), s.clone()))
    }
}

/// Where `path`'s last segment (`.field`, `[k]`) begins.
fn parent_cut(p: &str) -> usize {
    p.rfind(['.', '[']).unwrap_or(0)
}

fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_string()
    } else {
        format!("{path}.{field}")
    }
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
    depth: usize,
    nodes: Vec<(String, Range<usize>)>,
    aliases: Vec<(String, usize)>,
}

/// The reader met something it cannot read; `Reader::pos` is where.
struct Stop;

type Step = Result<(), Stop>;

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn at(&self, s: &str) -> bool {
        self.b[self.pos.min(self.b.len())..].starts_with(s.as_bytes())
    }

    fn eat(&mut self, c: u8) -> Step {
        if self.peek() == Some(c) {
            self.pos += 1;
            Ok(())
        } else {
            Err(Stop)
        }
    }

    /// The character at the reading position (the text is UTF-8: it came from a `&str`).
    fn char_here(&self) -> Option<char> {
        std::str::from_utf8(&self.b[self.pos..self.b.len().min(self.pos + 4)])
            .ok()
            .or_else(|| {
                (1..4).rev().find_map(|n| {
                    std::str::from_utf8(&self.b[self.pos..self.b.len().min(self.pos + n)]).ok()
                })
            })
            .and_then(|s| s.chars().next())
    }

    /// Skips white space (as RON reads it: Unicode white space, the byte-order mark and the
    /// left-to-right and right-to-left marks) and comments (`//…` and nested `/* … */`).
    fn ws(&mut self) -> Step {
        loop {
            match self.peek() {
                Some(c) if c.is_ascii_whitespace() || c == 0x0b => self.pos += 1,
                Some(c) if c >= 0x80 => match self.char_here() {
                    Some(ch)
                        if ch.is_whitespace()
                            || matches!(ch, '\u{feff}' | '\u{200e}' | '\u{200f}') =>
                    {
                        self.pos += ch.len_utf8();
                    }
                    _ => return Ok(()),
                },
                Some(b'/') if self.at("//") => {
                    while self.peek().is_some_and(|c| c != b'\n') {
                        self.pos += 1;
                    }
                }
                Some(b'/') if self.at("/*") => {
                    self.pos += 2;
                    let mut open = 1usize;
                    while open > 0 {
                        if self.at("/*") {
                            open += 1;
                            self.pos += 2;
                        } else if self.at("*/") {
                            open -= 1;
                            self.pos += 2;
                        } else if self.peek().is_none() {
                            return Err(Stop);
                        } else {
                            self.pos += 1;
                        }
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    fn document(&mut self) -> Step {
        self.ws()?;
        // `#![enable(...)]` attributes.
        while self.at("#!") {
            while self.peek().is_some_and(|c| c != b']') {
                self.pos += 1;
            }
            self.eat(b']')?;
            self.ws()?;
        }
        self.value(String::new())
    }

    fn ident(&mut self) -> Option<Range<usize>> {
        let start = self.pos;
        if self.at("r#") {
            self.pos += 2;
        }
        match self.peek() {
            Some(c) if c.is_ascii_alphabetic() || c == b'_' => self.pos += 1,
            _ => {
                self.pos = start;
                return None;
            }
        }
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_')
        {
            self.pos += 1;
        }
        Some(start..self.pos)
    }

    fn value(&mut self, path: String) -> Step {
        let start = self.pos;
        let me = self.nodes.len();
        self.nodes.push((path, start..usize::MAX));
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Stop);
        }
        match self.peek() {
            Some(b'"') => self.string()?,
            Some(b'r') if self.at("r\"") || self.at("r#\"") || self.at("r##") => {
                self.pos += 1;
                self.raw_string()?;
            }
            Some(b'b') if self.at("b\"") => {
                self.pos += 1;
                self.string()?;
            }
            Some(b'\'') => self.char_literal()?,
            Some(b'[') => {
                self.pos += 1;
                self.items(me, b']')?;
            }
            Some(b'{') => {
                self.pos += 1;
                self.map(me)?;
            }
            Some(b'(') => {
                self.pos += 1;
                self.body(me)?;
            }
            Some(c) if c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.') => self.number(),
            Some(_) => {
                self.ident().ok_or(Stop)?;
                let after = self.pos;
                self.ws()?;
                if self.peek() == Some(b'(') {
                    self.pos += 1;
                    self.body(me)?;
                } else {
                    self.pos = after;
                }
            }
            None => return Err(Stop),
        }
        self.depth -= 1;
        self.nodes[me].1.end = self.pos;
        Ok(())
    }

    fn path(&self, node: usize) -> String {
        self.nodes[node].0.clone()
    }

    /// Entries separated by commas (a trailing one allowed) up to `close`, each read by
    /// `entry` with its index; returns how many there were.
    fn entries(
        &mut self,
        close: u8,
        mut entry: impl FnMut(&mut Self, usize) -> Step,
    ) -> Result<usize, Stop> {
        let mut k = 0;
        loop {
            self.ws()?;
            if self.peek() == Some(close) {
                self.pos += 1;
                return Ok(k);
            }
            entry(self, k)?;
            k += 1;
            self.ws()?;
            if self.peek() == Some(b',') {
                self.pos += 1;
            } else {
                self.ws()?;
                self.eat(close)?;
                return Ok(k);
            }
        }
    }

    /// A list's elements up to `close`.
    fn items(&mut self, node: usize, close: u8) -> Step {
        let path = self.path(node);
        self.entries(close, |r, k| r.value(format!("{path}[{k}]")))
            .map(drop)
    }

    fn map(&mut self, node: usize) -> Step {
        let path = self.path(node);
        self.entries(b'}', |r, _| {
            let key_start = r.pos;
            let key = r.nodes.len();
            r.value(format!("{path}{{}}"))?;
            let text = String::from_utf8_lossy(&r.b[key_start..r.pos]);
            let name = text.trim_matches('"').to_string();
            r.nodes.truncate(key);
            r.ws()?;
            r.eat(b':')?;
            r.ws()?;
            r.value(join(&path, &name))
        })
        .map(drop)
    }

    /// After `(`: a struct's `field: value` pairs or a tuple's items, up to `)`.
    fn body(&mut self, node: usize) -> Step {
        let path = self.path(node);
        self.ws()?;
        let save = self.pos;
        let is_struct = self.ident().is_some() && {
            let _ = self.ws();
            self.peek() == Some(b':')
        };
        self.pos = save;
        if is_struct {
            return self
                .entries(b')', |r, _| {
                    let name = r.ident().ok_or(Stop)?;
                    let name = String::from_utf8_lossy(&r.b[name]);
                    let name = name.trim_start_matches("r#").to_string();
                    r.ws()?;
                    r.eat(b':')?;
                    r.ws()?;
                    r.value(join(&path, &name))
                })
                .map(drop);
        }
        let first = self.nodes.len();
        let k = self.entries(b')', |r, k| r.value(join(&path, &k.to_string())))?;
        if k == 1 {
            // A newtype is transparent: `P.0[k]` is also `P[k]`, `P.0.f` also `P.f`.
            let inner = join(&path, "0");
            for i in first + 1..self.nodes.len() {
                if let Some(rest) = self.nodes[i].0.strip_prefix(&inner) {
                    self.aliases.push((format!("{path}{rest}"), i));
                }
            }
        }
        Ok(())
    }

    fn string(&mut self) -> Step {
        self.eat(b'"')?;
        loop {
            match self.peek() {
                Some(b'\\') => self.pos += 2,
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(_) => self.pos += 1,
                None => return Err(Stop),
            }
        }
    }

    /// After the `r`: `#`s, a quoted body with no escapes, the same number of `#`s.
    fn raw_string(&mut self) -> Step {
        let mut hashes = 0;
        while self.peek() == Some(b'#') {
            hashes += 1;
            self.pos += 1;
        }
        self.eat(b'"')?;
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    let tail = &self.b[self.pos..];
                    if tail.len() >= hashes && tail[..hashes].iter().all(|&c| c == b'#') {
                        self.pos += hashes;
                        return Ok(());
                    }
                }
                Some(_) => self.pos += 1,
                None => return Err(Stop),
            }
        }
    }

    fn char_literal(&mut self) -> Step {
        self.eat(b'\'')?;
        loop {
            match self.peek() {
                Some(b'\\') => self.pos += 2,
                Some(b'\'') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(b'\n') | None => return Err(Stop),
                Some(_) => self.pos += 1,
            }
        }
    }

    fn number(&mut self) {
        let start = self.pos;
        while let Some(c) = self.peek() {
            let sign_after_exponent = matches!(c, b'+' | b'-')
                && (self.pos == start
                    || (matches!(self.b[self.pos - 1], b'e' | b'E')
                        && !self.b[start..self.pos].starts_with(b"0x")));
            if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || sign_after_exponent {
                self.pos += 1;
            } else {
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = r##"// a comment with "quotes" and weeks: 3
(
    id: "x",
    weeks: 12, /* nested /* comment */ */
    parties: [
        (id: "a", red_lines: [(issue: "i", rule: OneOf(["l1", "l2"]))]),
        (id: "b", income: Some(-1.5e-2)),
    ],
    moves: [(conditions: [TrustBelow(Actor, Party("b"), 30)], text: r#"raw "text""#)],

)
"##;

    fn text<'a>(s: &Spans, path: &str) -> &'a str {
        let r = s.get(path).unwrap_or_else(|| panic!("no span for {path}"));
        &SRC[r]
    }

    #[test]
    fn every_value_is_found_by_its_path() {
        let s = Spans::read(SRC);
        assert_eq!(text(&s, "weeks"), "12");
        assert_eq!(text(&s, "id"), "\"x\"");
        assert_eq!(text(&s, "parties[1].id"), "\"b\"");
        assert_eq!(text(&s, "parties[0].red_lines[0].rule[1]"), "\"l2\"");
        assert_eq!(text(&s, "parties[0].red_lines[0].rule.0[1]"), "\"l2\"");
        assert_eq!(text(&s, "parties[1].income"), "Some(-1.5e-2)");
        assert_eq!(text(&s, "moves[0].conditions[0].2"), "30");
        assert_eq!(text(&s, "moves[0].conditions[0].1"), "Party(\"b\")");
        assert_eq!(text(&s, "moves[0].text"), "r#\"raw \"text\"\"#");
    }

    #[test]
    fn a_missing_field_is_located_at_its_struct() {
        let s = Spans::read(SRC);
        let r = s.locate("parties[0].reservation.base").unwrap();
        assert!(SRC[r].starts_with("(id: \"a\""));
        assert_eq!(s.locate("nowhere"), s.get(""));
    }

    #[test]
    fn a_broken_file_keeps_what_came_before_the_fault() {
        let src = "(weeks: 3, parties: [(id: \"a\" name: \"b\")])";
        let s = Spans::read(src);
        assert_eq!(s.get("weeks"), Some(8..9));
        let at = src.find("name").unwrap();
        assert_eq!(s.around(at).map(|(p, _)| p), Some("parties[0]"));
        assert_eq!(s.ended_before(at).map(|(p, _)| p), Some("parties[0].id"));
    }

    #[test]
    fn deep_nesting_stops_without_overflow() {
        let src = "[".repeat(100_000);
        let s = Spans::read(&src);
        assert!(s.get("").is_some());
    }
}
