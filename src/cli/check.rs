//! `redline check FILE...`: validation, a one-screen summary and the feasibility analysis.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::json;

use super::{Failure, Format, Outcome, emit, say};
use crate::scenario::diagnostic::Lines;
use crate::scenario::{Analysis, LoadError, Role, Scenario, Spans, analyse, load_file};

/// Checks every file; exit 1 if any is invalid (or, with `deny_warnings`, has a warning), 2 if
/// any cannot be read.
pub fn run(files: &[PathBuf], format: Format, deny_warnings: bool) -> Outcome {
    let mut worst = 0u8;
    let mut json_out = Vec::new();
    let mut text_out = String::new();
    let mut err_out = String::new();
    for f in files {
        match load_file(f) {
            Ok(s) => {
                let a = analyse(&s);
                let warnings = crate::rules::lint::lint(&s);
                if deny_warnings && !warnings.is_empty() {
                    worst = worst.max(1);
                }
                match format {
                    Format::Text => {
                        text_out.push_str(&summary(&f.display().to_string(), &s, &a));
                        // Warnings are located like errors: by path, in one pass over the text.
                        let text = if warnings.is_empty() {
                            String::new()
                        } else {
                            // Without the byte-order mark, as the parser reads it.
                            let t = std::fs::read_to_string(f).unwrap_or_default();
                            t.strip_prefix('\u{feff}').unwrap_or(&t).to_string()
                        };
                        let spans = Spans::read(&text);
                        let lines = Lines::of(&text);
                        for w in &warnings {
                            let at = match spans.locate(&w.path) {
                                Some(r) => {
                                    let (l, c) = lines.line_col(&text, r.start);
                                    format!("{}:{l}:{c}", f.display())
                                }
                                None => f.display().to_string(),
                            };
                            let _ =
                                writeln!(err_out, "warning: {at}: {} (at {})", w.message, w.path);
                        }
                    }
                    Format::Json => json_out.push(json!({
                        "file": f.display().to_string(),
                        "ok": !deny_warnings || warnings.is_empty(),
                        "scenario": summary_json(&s),
                        "analysis": analysis_json(&s, &a),
                        "warnings": warnings,
                    })),
                }
            }
            Err(LoadError::Invalid(e)) => {
                worst = worst.max(1);
                match format {
                    Format::Text => err_out.push_str(&e.render()),
                    Format::Json => json_out.push(json!({
                        "file": f.display().to_string(),
                        "ok": false,
                        "diagnostics": e.diagnostics,
                    })),
                }
            }
            Err(e @ LoadError::Io { .. }) => {
                worst = 2;
                match format {
                    Format::Text => {
                        let _ = writeln!(err_out, "error: {e}");
                    }
                    Format::Json => json_out.push(json!({
                        "file": f.display().to_string(),
                        "ok": false,
                        "io_error": e.to_string(),
                    })),
                }
            }
        }
    }
    match format {
        Format::Text => {
            emit(&text_out)?;
            if !err_out.is_empty() {
                say(err_out.trim_end());
            }
        }
        Format::Json => {
            let v = if json_out.len() == 1 {
                json_out.remove(0)
            } else {
                serde_json::Value::Array(json_out)
            };
            let json =
                serde_json::to_string_pretty(&v).map_err(|e| Failure::usage(e.to_string()))?;
            emit(&format!("{json}\n"))?;
        }
    }
    Ok(ExitCode::from(worst))
}

fn role_name(r: Role) -> &'static str {
    match r {
        Role::Negotiator => "negotiator",
        Role::Mediator => "mediator",
        Role::Spoiler => "spoiler",
        Role::Regional => "regional",
    }
}

/// The one-screen summary of a valid scenario.
pub fn summary(file: &str, s: &Scenario, a: &Analysis) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{file}: ok");
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
        "  moves: {}, events: {}, facts with sources: {}",
        s.moves.len(),
        s.events.len(),
        s.sources().len()
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
            for (p, best, r) in &a.short {
                let _ = writeln!(
                    o,
                    "    {} can reach at most {:.3} under the red lines; its reservation value is {:.3}",
                    s.parties[*p].name, best, r
                );
            }
        }
    }
    o
}

fn summary_json(s: &Scenario) -> serde_json::Value {
    json!({
        "id": s.id,
        "title": s.title,
        "weeks": s.weeks,
        "seed": s.seed,
        "parties": s.parties.iter().map(|p| json!({"id": p.id, "role": role_name(p.role), "red_lines": p.red_lines.len()})).collect::<Vec<_>>(),
        "issues": s.issues.iter().map(|i| json!({"id": i.id, "levels": i.levels.iter().map(|l| &l.id).collect::<Vec<_>>()})).collect::<Vec<_>>(),
        "moves": s.moves.len(),
        "events": s.events.len(),
    })
}

fn analysis_json(s: &Scenario, a: &Analysis) -> serde_json::Value {
    json!({
        "feasible": a.feasible(),
        "exact": a.exact,
        "nodes": a.nodes,
        "packages": a.packages,
        "range": a.range,
        "best": a.best.as_ref().map(|b| json!({
            "nash": b.nash,
            "levels": b.levels.iter().enumerate().map(|(i, l)| json!({
                "issue": s.issues[i].id,
                "level": l.map(|l| s.issues[i].levels[l].id.clone()),
            })).collect::<Vec<_>>(),
            "utilities": b.utilities.iter().map(|(p, u)| json!({"party": s.parties[*p].id, "utility": u})).collect::<Vec<_>>(),
        })),
        "clashes": a.clashes.iter().map(|c| json!({
            "issue": s.issues[c.issue].id,
            "red_lines": c.red_lines.iter().map(|(p, k)| json!({"party": s.parties[*p].id, "index": k})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "short_of_reservation": a.short.iter().map(|(p, best, r)| json!({"party": s.parties[*p].id, "best": best, "reservation": r})).collect::<Vec<_>>(),
    })
}
