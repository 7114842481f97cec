//! What `check` says of a valid scenario, in words: the one-screen summary and the feasibility
//! analysis, and where in the file a field path is. The command line prints them; the window's
//! workshop shows the same text.

use std::fmt::Write as _;

use super::diagnostic::Lines;
use super::{Analysis, Role, Scenario, Spans};

/// Finds field paths (`parties[2].red_lines[0]`) in a scenario's text: one pass indexes the
/// text, then each path is a lookup.
pub struct Locator<'a> {
    text: &'a str,
    spans: Spans,
    lines: Lines,
}

impl<'a> Locator<'a> {
    /// Indexes a file's text (a byte-order mark is skipped, as the parser skips it).
    pub fn new(text: &'a str) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        Self {
            text,
            spans: Spans::read(text),
            lines: Lines::of(text),
        }
    }

    /// The line and column (from 1) where the value at `path` starts.
    pub fn line_col(&self, path: &str) -> Option<(usize, usize)> {
        let r = self.spans.locate(path)?;
        Some(self.lines.line_col(self.text, r.start))
    }
}

/// A role's id, as the file spells it.
pub fn role_name(r: Role) -> &'static str {
    match r {
        Role::Negotiator => "negotiator",
        Role::Mediator => "mediator",
        Role::Spoiler => "spoiler",
        Role::Regional => "regional",
    }
}

/// The one-screen summary of a valid scenario, under `{file}: {verdict}` (e.g. "ok").
pub fn summary(file: &str, verdict: &str, s: &Scenario, a: &Analysis) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{file}: {verdict}");
    let _ = writeln!(
        o,
        "  {} ({}), {} {}, seed {}",
        s.title, s.id, s.weeks, s.turn.many, s.seed
    );
    let parties: Vec<String> = s
        .parties
        .iter()
        .map(|p| {
            let signs = if p.signatory { ", signatory" } else { "" };
            format!("{} ({}{signs})", p.id, role_name(p.role))
        })
        .collect();
    let _ = writeln!(o, "  parties ({}): {}", s.parties.len(), parties.join(", "));
    let issues: Vec<String> = s
        .issues
        .iter()
        .map(|i| {
            format!(
                "{} [{}{}]",
                i.id,
                i.levels.len(),
                if i.may_be_unaddressed { "+open" } else { "" }
            )
        })
        .collect();
    let _ = writeln!(o, "  issues ({}): {}", s.issues.len(), issues.join(", "));
    let lines: usize = s.parties.iter().map(|p| p.red_lines.len()).sum();
    let _ = writeln!(o, "  red lines ({lines}):");
    for p in &s.parties {
        for r in &p.red_lines {
            let _ = writeln!(o, "    {}: {}", p.id, r.describe(&s.issues));
        }
    }
    let _ = writeln!(
        o,
        "  moves: {}, events: {}, facts with sources: {}, hints: {}",
        s.moves.len(),
        s.events.len(),
        s.sources().len(),
        s.hints.len()
    );
    o.push_str(&analysis_text(s, a));
    o
}

/// The feasibility analysis as text.
pub fn analysis_text(s: &Scenario, a: &Analysis) -> String {
    let mut o = String::new();
    let exact = if a.exact {
        "exact"
    } else {
        "a bound: the search budget ran out, this is the best package found, maybe not the best there is"
    };
    match &a.best {
        Some(best) => {
            let _ = writeln!(
                o,
                "  feasible: a package keeps every binding red line and reservation value ({exact}, {} nodes of {:.0} packages)",
                a.nodes, a.packages
            );
            if let Some(n) = a.range {
                let _ = writeln!(
                    o,
                    "  bargaining range: {n} of {:.0} packages keep every red line and reservation value ({:.2} %)",
                    a.packages,
                    100.0 * n as f64 / a.packages.max(1.0)
                );
            }
            let _ = writeln!(o, "  best package (Nash product {:.4}):", best.nash);
            // A column as wide as the longest name (at least 28).
            let w = s
                .issues
                .iter()
                .map(|i| i.name.chars().count())
                .chain(s.parties.iter().map(|p| p.name.chars().count()))
                .max()
                .unwrap_or(0)
                .max(28);
            for (i, l) in best.levels.iter().enumerate() {
                let _ = writeln!(
                    o,
                    "    {:<w$} {}",
                    s.issues[i].name,
                    s.issues[i].level_name(*l)
                );
            }
            for ((p, u), (_, r)) in best.utilities.iter().zip(&a.reservations) {
                let _ = writeln!(
                    o,
                    "    {:<w$} utility {:.3} (reservation {:.3})",
                    s.parties[*p].name, u, r
                );
            }
        }
        // The search stopped at its work budget before it found a package: one may exist.
        None if !a.exact && a.clashes.is_empty() && a.short.iter().all(|x| x.1 >= x.2 - 1e-12) => {
            let _ = writeln!(
                o,
                "  feasibility unknown: the search stopped at its work budget ({} nodes) before \
                 it found a package that keeps every red line and reservation value",
                a.nodes
            );
        }
        None => {
            let _ = writeln!(
                o,
                "  NOT feasible: no package keeps every red line and reservation value"
            );
            for c in &a.clashes {
                let _ = writeln!(o, "    red lines clash on {}:", s.issues[c.issue].name);
                for (p, k) in &c.red_lines {
                    let r = &s.parties[*p].red_lines[*k];
                    let _ = writeln!(o, "      {}: {}", s.parties[*p].id, r.describe(&s.issues));
                }
            }
            // A party that cannot reach its value even alone; or, when each can alone, none
            // at once (the analysis lists every one then).
            let alone: Vec<_> = a.short.iter().filter(|x| x.1 < x.2 - 1e-12).collect();
            for (p, best, r) in &alone {
                let _ = writeln!(
                    o,
                    "    {} can reach at most {:.3} under the red lines; its reservation value is {:.3}",
                    s.parties[*p].name, best, r
                );
            }
            if alone.is_empty() && !a.short.is_empty() {
                let _ = writeln!(
                    o,
                    "    each can reach its reservation value alone, but no text gives every one \
                     its value at once ({})",
                    a.short
                        .iter()
                        .map(|(p, _, r)| format!("{} {r:.3}", s.parties[*p].name))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
        }
    }
    o
}
