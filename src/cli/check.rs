//! `redline check FILE...`: validation, a one-screen summary and the feasibility analysis.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::json;

use super::{Failure, Format, Outcome, emit, say};
use crate::scenario::summary::{Locator, role_name, summary};
use crate::scenario::{Analysis, LoadError, Scenario, analyse, load_file};

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
                        // The verdict counts the warnings printed below (on stderr).
                        let n = warnings.len();
                        let many = if n == 1 { "warning" } else { "warnings" };
                        let verdict = match (n, deny_warnings) {
                            (0, _) => "ok".to_string(),
                            (_, false) => format!("ok, with {n} {many} (below)"),
                            (_, true) => format!("fails --deny-warnings: {n} {many} (below)"),
                        };
                        text_out.push_str(&summary(&f.display().to_string(), &verdict, &s, &a));
                        // Warnings are located like errors: by path, in one pass over the text.
                        let text = if warnings.is_empty() {
                            String::new()
                        } else {
                            std::fs::read_to_string(f).unwrap_or_default()
                        };
                        let at = Locator::new(&text);
                        for w in &warnings {
                            let at = match at.line_col(&w.path) {
                                Some((l, c)) => format!("{}:{l}:{c}", f.display()),
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
