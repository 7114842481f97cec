//! Resolves a raw scenario into the checked form: every id looked up, every number range-checked,
//! every fault collected (not just the first) with its field path and, where it can be found,
//! its place in the source text, found by that path (see [`Spans`]).

use std::collections::BTreeMap;

use super::diagnostic::{Diagnostic, Kind, suggest};
use super::model::*;
use super::raw::*;
use super::spans::Spans;

struct Ctx {
    diags: Vec<Diagnostic>,
    parties: Vec<String>,
    issues: Vec<String>,
    /// Per issue, its level ids.
    levels: Vec<Vec<String>>,
    flags: Vec<String>,
    moves: Vec<String>,
    /// Per issue, whether it may be left out of a deal.
    may_leave_out: Vec<bool>,
}

/// Looks `id` up among `names`. When it is not there, records a reference fault: `fault` gets
/// the names joined by commas and gives the message and the help to use when no name is
/// close enough to suggest (with `listed`, given with a close one too).
fn lookup(
    diags: &mut Vec<Diagnostic>,
    names: &[String],
    id: &str,
    path: String,
    listed: bool,
    fault: impl FnOnce(String) -> (String, String),
) -> Option<usize> {
    if let Some(i) = names.iter().position(|n| n == id) {
        return Some(i);
    }
    // (An issue with no levels read "the levels of `fund` are: " and nothing.)
    let shown = if names.is_empty() {
        "none".to_string()
    } else {
        names.join(", ")
    };
    let (message, all) = fault(shown);
    // With `listed`, the list comes with the guess: a modder's guess at a level named the
    // very level its red line was written to rule out.
    let help = match suggest(id, names.iter().map(String::as_str)) {
        Some(s) if listed => format!("did you mean `{s}`? ({all})"),
        Some(s) => format!("did you mean `{s}`?"),
        None => all,
    };
    diags.push(Diagnostic::new(Kind::Reference, path, message).help(help));
    None
}

impl Ctx {
    fn err(&mut self, kind: Kind, path: String, msg: String) {
        self.diags.push(Diagnostic::new(kind, path, msg));
    }

    fn party(&mut self, id: &str, path: String) -> Option<PartyIx> {
        lookup(&mut self.diags, &self.parties, id, path, false, |all| {
            (
                format!("unknown party `{id}`"),
                format!("the parties are: {all}"),
            )
        })
    }

    fn move_ref(&mut self, id: &str, path: String) -> Option<usize> {
        lookup(&mut self.diags, &self.moves, id, path, false, |all| {
            (
                format!("unknown move `{id}`"),
                format!("the moves are: {all}"),
            )
        })
    }

    fn flag(&mut self, id: &str, path: String) -> Option<usize> {
        lookup(&mut self.diags, &self.flags, id, path, false, |all| {
            let help = if all.is_empty() {
                "declare it in the top-level `flags: [...]`".into()
            } else {
                format!("the flags are: {all}")
            };
            (format!("unknown flag `{id}`"), help)
        })
    }

    fn issue(&mut self, id: &str, path: String) -> Option<IssueIx> {
        lookup(&mut self.diags, &self.issues, id, path, false, |all| {
            (
                format!("unknown issue `{id}`"),
                format!("the issues are: {all}"),
            )
        })
    }

    fn level(&mut self, issue: IssueIx, id: &str, path: String) -> Option<usize> {
        let iname = &self.issues[issue];
        lookup(
            &mut self.diags,
            &self.levels[issue],
            id,
            path,
            true,
            |all| {
                (
                    format!("unknown level `{id}` of issue `{iname}`"),
                    format!("the levels of `{iname}` are: {all}"),
                )
            },
        )
    }

    /// Checks that `v` is finite and within `lo..=hi`.
    fn range(&mut self, v: f64, lo: f64, hi: f64, path: String) -> f64 {
        if !v.is_finite() {
            self.err(Kind::Range, path, format!("{v} is not a finite number"));
            return lo;
        }
        if v < lo || v > hi {
            // A huge or tiny number in scientific notation, not 309 digits.
            let shown = if v != 0.0 && !(1e-6..1e12).contains(&v.abs()) {
                format!("{v:e}")
            } else {
                format!("{v}")
            };
            let msg = format!("{shown} is outside the range {lo}–{hi}");
            self.err(Kind::Range, path, msg);
        }
        v.clamp(lo, hi)
    }

    fn id_syntax(&mut self, id: &str, path: &str) {
        let ok = !id.is_empty()
            && id.len() <= 40
            && id.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !ok {
            let msg = if id.is_empty() {
                "an id may not be empty".to_string()
            } else {
                format!("`{id}` is not a valid id")
            };
            let d = Diagnostic::new(Kind::Invalid, path, msg).help("ids are short snake_case words: lowercase letters, digits and `_`, starting with a letter");
            self.diags.push(d);
        }
    }

    fn duplicates<'b>(&mut self, what: &str, ids: impl Iterator<Item = &'b str>, path: &str) {
        let mut seen = BTreeMap::new();
        // A flag is its id; anything else has an `id` field.
        let field = if what == "flag" { "" } else { ".id" };
        for (i, id) in ids.enumerate() {
            if let Some(first) = seen.insert(id.to_string(), i) {
                let msg = format!("duplicate {what} id `{id}` (first at {path}[{first}])");
                self.err(Kind::Duplicate, format!("{path}[{i}]{field}"), msg);
            }
        }
    }
}

/// Resolves and validates a raw scenario. `src` is the text it came from, used to locate faults.
pub fn resolve(raw: &RawScenario, src: &str) -> Result<Scenario, Vec<Diagnostic>> {
    let RawScenario {
        id,
        title,
        summary,
        venue,
        seed,
        weeks,
        tension,
        rules,
        scoring,
        capital,
        turn,
        flags,
        ai,
        issues,
        parties,
        relations,
        draft,
        moves,
        events,
        facts,
        hints,
    } = raw;
    let mut c = Ctx {
        diags: Vec::new(),
        parties: parties.iter().map(|p| p.id.clone()).collect(),
        issues: issues.iter().map(|i| i.id.clone()).collect(),
        levels: issues
            .iter()
            .map(|i| i.levels.iter().map(|l| l.id.clone()).collect())
            .collect(),
        flags: flags.clone(),
        moves: moves.iter().map(|m| m.id.clone()).collect(),
        may_leave_out: issues.iter().map(|i| i.may_be_unaddressed).collect(),
    };
    c.duplicates("flag", flags.iter().map(String::as_str), "flags");
    for (k, f) in flags.iter().enumerate() {
        c.id_syntax(f, &format!("flags[{k}]"));
    }
    if flags.len() > 64 {
        let msg = format!("{} flags; a scenario may have at most 64", flags.len());
        c.err(Kind::Invalid, "flags".into(), msg);
    }
    c.id_syntax(id, "id");
    if *weeks == 0 || *weeks > 520 {
        c.err(
            Kind::Range,
            "weeks".into(),
            format!("{weeks} weeks is outside the range 1–520"),
        );
    }
    let tension = resolve_tension(&mut c, tension);
    let rules = resolve_rules(&mut c, rules);
    let scoring = resolve_scoring(&mut c, scoring);
    let capital = resolve_capital(&mut c, capital);
    let turn = resolve_turn(&mut c, turn);
    let ai = resolve_ai(&mut c, ai);

    // Issues.
    c.duplicates("issue", issues.iter().map(|i| i.id.as_str()), "issues");
    let mut out_issues = Vec::new();
    for (ix, i) in issues.iter().enumerate() {
        let RawIssue {
            id,
            name,
            levels,
            may_be_unaddressed,
            ordered,
            note,
            source,
        } = i;
        let path = format!("issues[{ix}]");
        c.id_syntax(id, &format!("{path}.id"));
        if levels.len() > 63 {
            let msg = format!("{} levels; an issue may have at most 63", levels.len());
            c.err(Kind::Range, format!("{path}.levels"), msg);
        }
        if levels.is_empty() {
            c.err(
                Kind::Invalid,
                format!("{path}.levels"),
                format!("issue `{id}` has no levels"),
            );
        }
        c.duplicates(
            "level",
            levels.iter().map(|l| l.id.as_str()),
            &format!("{path}.levels"),
        );
        for (lx, l) in levels.iter().enumerate() {
            c.id_syntax(&l.id, &format!("{path}.levels[{lx}].id"));
        }
        out_issues.push(Issue {
            id: id.clone(),
            name: name.clone(),
            levels: levels
                .iter()
                .map(|l| LevelDef {
                    id: l.id.clone(),
                    name: l.name.clone(),
                })
                .collect(),
            may_be_unaddressed: *may_be_unaddressed,
            ordered: *ordered,
            note: note.clone(),
            source: source.clone(),
        });
    }
    if issues.is_empty() {
        c.err(
            Kind::Invalid,
            "issues".into(),
            "a scenario needs at least one issue".into(),
        );
    }
    if issues.len() > 16 {
        let msg = format!("{} issues; at most 16 are supported", issues.len());
        c.err(Kind::Range, "issues".into(), msg);
    }

    // Parties.
    c.duplicates("party", parties.iter().map(|p| p.id.as_str()), "parties");
    let mut out_parties = Vec::new();
    for (px, p) in parties.iter().enumerate() {
        out_parties.push(resolve_party(&mut c, px, p, &out_issues, capital.income));
    }
    let negotiators: Vec<PartyIx> = out_parties
        .iter()
        .enumerate()
        .filter(|(_, p)| p.role == Role::Negotiator)
        .map(|(i, _)| i)
        .collect();
    if negotiators.len() < 2 {
        let msg = format!(
            "a scenario needs at least two negotiators, found {}",
            negotiators.len()
        );
        c.err(Kind::Invalid, "parties".into(), msg);
    }
    if parties.len() > 16 {
        c.err(
            Kind::Range,
            "parties".into(),
            format!("{} parties; at most 16 are supported", parties.len()),
        );
    }

    // Relations.
    let n = out_parties.len();
    let mut trust: Vec<Vec<Ledger>> = (0..n)
        .map(|_| {
            (0..n)
                .map(|_| Ledger {
                    base: rules.default_trust,
                    modifiers: Vec::new(),
                })
                .collect()
        })
        .collect();
    let mut pairs = BTreeMap::new();
    for (rx, r) in relations.iter().enumerate() {
        let RawRelation {
            from,
            to,
            base,
            modifiers,
        } = r;
        let path = format!("relations[{rx}]");
        let f = c.party(from, format!("{path}.from"));
        let t = c.party(to, format!("{path}.to"));
        let base = c.range(*base, 0.0, 100.0, format!("{path}.base"));
        let mut mods = Vec::new();
        for (mx, m) in modifiers.iter().enumerate() {
            let RawModifier {
                label,
                value,
                decay,
                source: _,
            } = m;
            let mp = format!("{path}.modifiers[{mx}]");
            let value = c.range(*value, -100.0, 100.0, format!("{mp}.value"));
            let decay = c.range(*decay, 0.0, 100.0, format!("{mp}.decay"));
            mods.push(Modifier {
                label: label.clone(),
                value,
                decay,
            });
        }
        if let (Some(f), Some(t)) = (f, t) {
            if f == t {
                c.err(
                    Kind::Invalid,
                    path.clone(),
                    format!("`{from}` cannot have a relation with itself"),
                );
            }
            if let Some(first) = pairs.insert((f, t), rx) {
                let msg = format!(
                    "the relation {from} → {to} is given twice (first at relations[{first}])"
                );
                c.err(Kind::Duplicate, path.clone(), msg);
            }
            trust[f][t] = Ledger {
                base,
                modifiers: mods,
            };
        }
    }

    // Draft.
    let mut out_draft = vec![None; out_issues.len()];
    let mut banked = vec![false; out_issues.len()];
    let mut clause_seen = BTreeMap::new();
    for (dx, d) in draft.iter().enumerate() {
        let RawClause {
            issue,
            level,
            banked: b,
        } = d;
        let path = format!("draft[{dx}]");
        if let Some(ix) = c.issue(issue, format!("{path}.issue")) {
            if let Some(first) = clause_seen.insert(ix, dx) {
                let msg =
                    format!("issue `{issue}` appears twice in the draft (first at draft[{first}])");
                c.err(Kind::Duplicate, path.clone(), msg);
            }
            if let Some(l) = c.level(ix, level, format!("{path}.level")) {
                out_draft[ix] = Some(l);
                banked[ix] = *b;
            }
        }
    }
    for (ix, i) in out_issues.iter().enumerate() {
        // A clause given with a level that is not the issue's is a fault of its own, not one
        // of leaving the issue out.
        if out_draft[ix].is_none() && !i.may_be_unaddressed && !clause_seen.contains_key(&ix) {
            let msg = format!(
                "issue `{}` may not be left unaddressed, but the starting draft leaves it out",
                i.id
            );
            c.err(Kind::Invalid, "draft".into(), msg);
        }
    }

    // Moves.
    c.duplicates("move", moves.iter().map(|m| m.id.as_str()), "moves");
    let mut out_moves = Vec::new();
    let mut keys = BTreeMap::new();
    for (mx, m) in moves.iter().enumerate() {
        let RawMove {
            id,
            name,
            by,
            target,
            issues: aimed,
            tone,
            conditions,
            effects,
            key,
            cost,
            text,
            help,
            source,
        } = m;
        let path = format!("moves[{mx}]");
        c.id_syntax(id, &format!("{path}.id"));
        if let Some(k) = key {
            if !k.is_ascii_alphabetic() {
                c.err(
                    Kind::Invalid,
                    format!("{path}.key"),
                    format!("key '{k}' must be a letter"),
                );
            } else if let Some(first) = keys.insert(k.to_ascii_lowercase(), mx) {
                let msg = format!("key '{k}' is already used by moves[{first}]");
                c.err(Kind::Duplicate, format!("{path}.key"), msg);
            }
        }
        let by = by
            .iter()
            .enumerate()
            .filter_map(|(wx, w)| match w {
                RawWho::Role(r) => Some(Who::Role(*r)),
                RawWho::Anyone => Some(Who::Anyone),
                RawWho::Party(p) => c.party(p, format!("{path}.by[{wx}]")).map(Who::Party),
            })
            .collect();
        let conditions = resolve_conditions(&mut c, conditions, &format!("{path}.conditions"));
        let raw_effects = effects;
        let effects = resolve_effects(&mut c, effects, &format!("{path}.effects"));
        // (An effect that did not resolve has its own fault: the move has effects.)
        if raw_effects.is_empty() {
            c.err(
                Kind::Invalid,
                format!("{path}.effects"),
                format!("move `{id}` has no effects"),
            );
        }
        if effects.iter().any(|(_, e)| matches!(e, Effect::End(_))) {
            let msg = format!("move `{id}` uses `End`, which only events may use");
            c.err(Kind::Invalid, format!("{path}.effects"), msg);
        }
        let needs_issue = effects.iter().any(|(_, e)| matches!(e, Effect::Draft(_)));
        let issue_target = matches!(
            target,
            TargetKind::Issue | TargetKind::AddressedIssue | TargetKind::OpenIssue
        );
        if needs_issue && !issue_target {
            let msg = format!("move `{id}` has a Draft effect, so its target must be an issue");
            c.err(Kind::Invalid, format!("{path}.target"), msg);
        }
        if !aimed.is_empty() && !issue_target {
            let msg = format!("move `{id}` names issues, so its target must be an issue");
            c.err(Kind::Invalid, format!("{path}.issues"), msg);
        }
        let aimed: Vec<IssueIx> = aimed
            .iter()
            .enumerate()
            .filter_map(|(k, i)| c.issue(i, format!("{path}.issues[{k}]")))
            .collect();
        let party_target = matches!(target, TargetKind::Party | TargetKind::Negotiator);
        if let Some((msg, help)) = placeholder_fault(text, party_target, issue_target) {
            let d = Diagnostic::new(Kind::Invalid, format!("{path}.text"), msg).help(help);
            c.diags.push(d);
        }
        if !party_target && let Some(at) = names_target(&path, &conditions, &effects) {
            let msg = format!("move `{id}` names `Target` but has no party target");
            c.err(Kind::Invalid, at, msg);
        }
        out_moves.push(Move {
            id: id.clone(),
            name: name.clone(),
            by,
            target: *target,
            issues: aimed,
            tone: *tone,
            conditions: items(conditions),
            effects: items(effects),
            key: key.map(|k| k.to_ascii_lowercase()),
            cost: { c.range(*cost, -100.0, 100.0, format!("{path}.cost")) },
            text: text.clone(),
            help: help.clone(),
            source: source.clone(),
        });
    }
    if moves.len() > 1000 {
        let msg = format!("{} moves; at most 1000 are supported", moves.len());
        c.err(Kind::Range, "moves".into(), msg);
    }
    if moves.is_empty() {
        c.err(
            Kind::Invalid,
            "moves".into(),
            "a scenario needs at least one move".into(),
        );
    }

    // Events.
    c.duplicates("event", events.iter().map(|e| e.id.as_str()), "events");
    let mut out_events = Vec::new();
    for (ex, e) in events.iter().enumerate() {
        let RawEvent {
            id,
            headline,
            weight,
            at,
            cooldown,
            once,
            actor,
            conditions,
            effects,
            source,
        } = e;
        let path = format!("events[{ex}]");
        c.id_syntax(id, &format!("{path}.id"));
        let weight = match (weight, at) {
            (Some(w), _) => c.range(*w, 0.0, 1000.0, format!("{path}.weight")),
            (None, Some(_)) => 0.0,
            (None, None) => {
                let msg = format!(
                    "event `{id}` needs a `weight` (drawn at random) or an `at` (scheduled)"
                );
                c.err(Kind::Invalid, format!("{path}.weight"), msg);
                0.0
            }
        };
        // Checked against a `weeks` in its range only: `weeks: 0` is its own fault (it also
        // read "3 is outside the range 1–1" here).
        let at = at.map(|w| {
            let last = if (1..=520).contains(weeks) {
                *weeks
            } else {
                520
            };
            c.range(f64::from(w), 1.0, f64::from(last), format!("{path}.at")) as u32
        });
        let cooldown = c.range(f64::from(*cooldown), 0.0, 520.0, format!("{path}.cooldown"));
        let actor = actor
            .as_ref()
            .and_then(|a| c.party(a, format!("{path}.actor")));
        let conditions = resolve_conditions(&mut c, conditions, &format!("{path}.conditions"));
        let raw_effects = effects;
        let effects = resolve_effects(&mut c, effects, &format!("{path}.effects"));
        // Effects only a move may have (they need a mover's choice of clause or acceptance).
        let moves_only = |e: &Effect| {
            matches!(
                e,
                Effect::Draft(_) | Effect::Bridge | Effect::Accept | Effect::Offer
            )
        };
        let move_only = first_naming(
            &path,
            &conditions,
            &effects,
            |s| *s == Subject::Target,
            moves_only,
        );
        if let Some(at) = move_only {
            let msg = format!(
                "event `{id}` uses a move-only effect or subject (Draft, Bridge, Accept, Offer, Target)"
            );
            c.err(Kind::Invalid, at, msg);
        }
        // A clause change that did not resolve (its own fault) still acts through the actor.
        let unresolved_clause = || {
            raw_effects
                .iter()
                .position(|e| matches!(e, RawEffect::Clause(..)))
                .map(|k| format!("{path}.effects[{k}]"))
        };
        // (A move-only effect is its own fault above: not told again as acting through an
        // actor the event lacks.)
        let event_effects: Vec<(usize, Effect)> = (effects.iter())
            .filter(|(_, e)| !moves_only(e))
            .cloned()
            .collect();
        if actor.is_none()
            && let Some(at) =
                names_actor(&path, &conditions, &event_effects).or_else(unresolved_clause)
        {
            let msg = format!(
                "event `{id}` acts through `Actor` (a subject or a clause change) but has no actor"
            );
            c.err(Kind::Invalid, at, msg);
        }
        out_events.push(Event {
            id: id.clone(),
            headline: headline.clone(),
            weight,
            at,
            cooldown: cooldown as u32,
            once: *once,
            actor,
            conditions: items(conditions),
            effects: items(effects),
            source: source.clone(),
        });
    }

    let mut out_hints = Vec::new();
    for (k, h) in hints.iter().enumerate() {
        let path = format!("hints[{k}]");
        if h.text.trim().is_empty() {
            let msg = "a hint needs a `text`".to_string();
            c.err(Kind::Invalid, format!("{path}.text"), msg);
        }
        let parties: Vec<PartyIx> = h
            .parties
            .iter()
            .enumerate()
            .filter_map(|(j, id)| c.party(id, format!("{path}.parties[{j}]")))
            .collect();
        let when = resolve_conditions(&mut c, &h.when, &format!("{path}.when"));
        let targets =
            |(_, cd): &&(usize, Condition)| condition_subjects(cd).contains(&&Subject::Target);
        if let Some((j, _)) = when.iter().find(targets) {
            let msg = "a hint has no target: name the player's party `Actor`, or a party by id"
                .to_string();
            c.err(Kind::Invalid, format!("{path}.when[{j}]"), msg);
        }
        out_hints.push(Hint {
            text: h.text.clone(),
            when: items(when),
            parties,
        });
    }

    if !c.diags.is_empty() {
        // Each fault is located by its path, through one index of the text built in one pass.
        let spans = Spans::read(src);
        for d in &mut c.diags {
            d.span = spans.locate(&d.path);
        }
        return Err(c.diags);
    }
    let mut scenario = Scenario {
        id: id.clone(),
        title: title.clone(),
        summary: summary.clone(),
        venue: venue.as_ref().map(|v| Venue {
            name: v.name.clone(),
            note: v.note.clone(),
            source: v.source.clone(),
        }),
        seed: *seed,
        weeks: *weeks,
        tension,
        rules,
        scoring,
        capital,
        turn,
        flags: flags.iter().take(64).cloned().collect(),
        ai,
        issues: out_issues,
        parties: out_parties,
        trust,
        draft: out_draft,
        banked,
        moves: out_moves,
        events: out_events,
        facts: facts
            .iter()
            .map(|f| Fact {
                label: f.label.clone(),
                text: f.text.clone(),
                source: f.source.clone(),
            })
            .collect(),
        hints: out_hints,
        consenting: negotiators
            .iter()
            .copied()
            .chain(
                (0..parties.len()).filter(|&p| parties[p].signatory && !negotiators.contains(&p)),
            )
            .collect(),
        negotiators,
        hash: 0,
        source_hash: fnv1a(src.as_bytes()),
        derived: Derived::default(),
    };
    scenario.hash = scenario.rules_hash();
    scenario.derived = Derived::of(&scenario);
    scenario.derived.best = (0..scenario.parties.len())
        .map(|p| super::feasibility::best_utility(&scenario, p))
        .collect();
    Ok(scenario)
}

/// FNV-1a, 64 bits: a stable hash of a scenario's rules or text for replays and saves.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn resolve_tension(c: &mut Ctx, t: &RawTension) -> TensionRules {
    let RawTension {
        start,
        war_at,
        drift,
        rest,
        escalation_threshold,
        escalation_per_point,
        per_10k_troops,
        troop_baseline,
    } = t;
    let mut f = |v: f64, lo, hi, name: &str| c.range(v, lo, hi, format!("tension.{name}"));
    let out = TensionRules {
        start: f(*start, 0.0, 100.0, "start"),
        war_at: f(*war_at, 1.0, 100.0, "war_at"),
        drift: f(*drift, 0.0, 100.0, "drift"),
        rest: f(*rest, 0.0, 100.0, "rest"),
        escalation_threshold: f(*escalation_threshold, 0.0, 100.0, "escalation_threshold"),
        escalation_per_point: f(*escalation_per_point, 0.0, 1.0, "escalation_per_point"),
        per_10k_troops: f(*per_10k_troops, -100.0, 100.0, "per_10k_troops"),
        troop_baseline: f(f64::from(*troop_baseline), 0.0, 1e9, "troop_baseline") as u32,
    };
    if out.start >= out.war_at {
        let msg = format!(
            "starting tension {} is already at war ({})",
            out.start, out.war_at
        );
        c.err(Kind::Range, "tension.start".into(), msg);
    }
    out
}

fn resolve_rules(c: &mut Ctx, r: &RawRules) -> Rules {
    let RawRules {
        default_trust,
        reopen_cost,
        reopen_decay,
        bank_after,
        collapse_after,
        return_chance,
        min_trust,
        event_chance,
        events_per_turn,
    } = r;
    let mut f = |v: f64, lo, hi, name: &str| c.range(v, lo, hi, format!("rules.{name}"));
    Rules {
        default_trust: f(*default_trust, 0.0, 100.0, "default_trust"),
        reopen_cost: f(*reopen_cost, 0.0, 100.0, "reopen_cost"),
        reopen_decay: f(*reopen_decay, 0.0, 100.0, "reopen_decay"),
        bank_after: f(f64::from(*bank_after), 0.0, 520.0, "bank_after") as u32,
        collapse_after: f(f64::from(*collapse_after), 1.0, 520.0, "collapse_after") as u32,
        return_chance: f(*return_chance, 0.0, 1.0, "return_chance"),
        min_trust: f(*min_trust, 0.0, 100.0, "min_trust"),
        event_chance: f(*event_chance, 0.0, 1.0, "event_chance"),
        events_per_turn: f(f64::from(*events_per_turn), 1.0, 16.0, "events_per_turn") as u32,
    }
}

fn resolve_turn(c: &mut Ctx, t: &RawTurn) -> Turn {
    for (name, word) in [("one", &t.one), ("many", &t.many)] {
        let word = word.trim();
        let ok = word.chars().any(char::is_alphabetic)
            && word.chars().count() <= 20
            && word.chars().all(|ch| ch.is_alphabetic() || ch == ' ');
        if !ok {
            c.err(
                Kind::Invalid,
                format!("turn.{name}"),
                format!("`{word}` must be a word of letters (at most 20), e.g. \"day\""),
            );
        }
    }
    Turn {
        one: t.one.trim().to_lowercase(),
        many: t.many.trim().to_lowercase(),
    }
}

fn resolve_capital(c: &mut Ctx, k: &RawCapital) -> Capital {
    let RawCapital {
        start,
        max,
        income,
        support,
        troops,
    } = k;
    let mut f = |v: f64, lo, hi, name: &str| c.range(v, lo, hi, format!("capital.{name}"));
    let max = f(*max, 0.0, 1000.0, "max");
    Capital {
        start: f(*start, 0.0, max, "start"),
        max,
        income: f(*income, -100.0, 100.0, "income"),
        support: f(*support, -100.0, 100.0, "support"),
        troops: f(*troops, -100.0, 100.0, "troops"),
    }
}

fn resolve_scoring(c: &mut Ctx, s: &RawScoring) -> Scoring {
    let RawScoring {
        deal,
        stalemate,
        collapse,
        war,
        surplus,
        calm,
    } = s;
    let mut f = |v: f64, name: &str| c.range(v, -100_000.0, 100_000.0, format!("scoring.{name}"));
    Scoring {
        deal: f(*deal, "deal"),
        stalemate: f(*stalemate, "stalemate"),
        collapse: f(*collapse, "collapse"),
        war: f(*war, "war"),
        surplus: f(*surplus, "surplus"),
        calm: f(*calm, "calm"),
    }
}

fn resolve_ai(c: &mut Ctx, a: &RawAi) -> AiWeights {
    let RawAi {
        position,
        war_cost,
        domestic,
        tone,
        temperature,
        deal,
        reciprocity,
        capital,
        patience,
        trust_focus,
        mediator_nearness,
    } = a;
    let mut f = |v: f64, lo, hi, name: &str| c.range(v, lo, hi, format!("ai.{name}"));
    AiWeights {
        position: f(*position, 0.0, 10.0, "position"),
        war_cost: f(*war_cost, 0.0, 10.0, "war_cost"),
        domestic: f(*domestic, 0.0, 10.0, "domestic"),
        tone: f(*tone, 0.0, 10.0, "tone"),
        temperature: f(*temperature, 0.0001, 10.0, "temperature"),
        deal: f(*deal, 0.0, 10.0, "deal"),
        reciprocity: f(*reciprocity, 0.0, 10.0, "reciprocity"),
        capital: f(*capital, 0.0, 10.0, "capital"),
        patience: c.range(f64::from(*patience), 0.0, 520.0, "ai.patience".into()) as u32,
        trust_focus: c.range(*trust_focus, 0.0, 1.0, "ai.trust_focus".into()),
        mediator_nearness: c.range(*mediator_nearness, 0.0, 1.0, "ai.mediator_nearness".into()),
    }
}

fn resolve_party(
    c: &mut Ctx,
    px: usize,
    p: &RawParty,
    issues: &[Issue],
    default_income: f64,
) -> Party {
    let RawParty {
        id,
        name,
        role,
        stance,
        figures,
        forces,
        domestic,
        preferences,
        hidden_preferences,
        red_lines,
        reservation,
        income,
        plural,
        signatory,
        personality,
        source,
    } = p;
    if *signatory && *role == Role::Negotiator {
        let msg =
            format!("`{id}` is a negotiator, whose consent a deal needs anyway; drop `signatory`");
        c.err(Kind::Invalid, format!("parties[{px}].signatory"), msg);
    }
    let path = format!("parties[{px}]");
    c.id_syntax(id, &format!("{path}.id"));
    let mut out_forces = Vec::new();
    for (fx, f) in forces.iter().enumerate() {
        let RawForce {
            location,
            troops,
            in_theatre,
            source,
        } = f;
        if *troops < 0 || *troops > MAX_TROOPS {
            let msg = if *troops < 0 {
                format!("{troops} troops: troop counts cannot be negative")
            } else {
                format!("{troops} troops: at most {MAX_TROOPS} troops are supported")
            };
            c.err(Kind::Range, format!("{path}.forces[{fx}].troops"), msg);
        }
        out_forces.push(Force {
            location: location.clone(),
            troops: (*troops).clamp(0, MAX_TROOPS),
            in_theatre: *in_theatre,
            source: source.clone(),
        });
    }
    let RawDomestic {
        hardliners,
        moderates,
        concession_floor,
    } = domestic;
    let mut audience = |a: &RawAudience, camp: &str| {
        let RawAudience {
            support,
            share,
            inertia,
        } = a;
        let dp = format!("{path}.domestic.{camp}");
        Audience {
            support: c.range(*support, 0.0, 100.0, format!("{dp}.support")),
            share: c.range(*share, 0.0, 1.0, format!("{dp}.share")),
            inertia: c.range(*inertia, 0.0, 0.99, format!("{dp}.inertia")),
        }
    };
    let mut h = audience(hardliners, "hardliners");
    let mut m = audience(moderates, "moderates");
    let total = h.share + m.share;
    if total > 0.0 {
        h.share /= total;
        m.share /= total;
    } else {
        (h.share, m.share) = (0.5, 0.5);
    }
    let concession_floor = c.range(
        *concession_floor,
        0.0,
        100.0,
        format!("{path}.domestic.concession_floor"),
    );

    let mut prefs: Vec<Preference> = issues
        .iter()
        .map(|i| Preference {
            weight: 0.0,
            levels: vec![0.0; i.levels.len()],
            unaddressed: 0.0,
        })
        .collect();
    let mut pref_seen = BTreeMap::new();
    for (rx, r) in preferences.iter().enumerate() {
        let RawPreference {
            issue,
            weight,
            shape,
            unaddressed,
        } = r;
        let pp = format!("{path}.preferences[{rx}]");
        let Some(ix) = c.issue(issue, format!("{pp}.issue")) else {
            continue;
        };
        if let Some(first) = pref_seen.insert(ix, rx) {
            let msg = format!(
                "`{id}` states a preference on `{issue}` twice (first at preferences[{first}])"
            );
            c.err(Kind::Duplicate, pp.clone(), msg);
        }
        let weight = c.range(*weight, 0.0, 100.0, format!("{pp}.weight"));
        let unaddressed = c.range(*unaddressed, 0.0, 1.0, format!("{pp}.unaddressed"));
        let n = issues[ix].levels.len();
        let levels = match shape {
            RawShape::Ideal(l) => match c.level(ix, l, format!("{pp}.shape")) {
                // Levels without an order have no distance: 1 at the ideal, 0 elsewhere.
                Some(ideal) if !issues[ix].ordered => {
                    (0..n).map(|k| f64::from(u8::from(k == ideal))).collect()
                }
                Some(ideal) if n > 1 => (0..n)
                    .map(|k| 1.0 - (k.abs_diff(ideal) as f64) / ((n - 1) as f64))
                    .collect(),
                _ => vec![1.0; n],
            },
            RawShape::Utilities(v) => {
                if v.len() != n {
                    let msg = format!("{} utilities given for {n} levels of `{issue}`", v.len());
                    c.err(Kind::Invalid, format!("{pp}.shape"), msg);
                }
                (0..n)
                    .map(|k| {
                        let u = v.get(k).copied().unwrap_or(0.0);
                        c.range(u, 0.0, 1.0, format!("{pp}.shape[{k}]"))
                    })
                    .collect()
            }
        };
        prefs[ix] = Preference {
            weight,
            levels,
            unaddressed,
        };
    }
    let total: f64 = prefs.iter().map(|p| p.weight).sum();
    if total > 0.0 {
        for p in &mut prefs {
            p.weight /= total;
        }
    } else if *role == Role::Negotiator {
        let msg = format!("negotiator `{id}` has no preference with a positive weight");
        c.err(Kind::Invalid, format!("{path}.preferences"), msg);
    }

    let mut out_red = Vec::new();
    for (rx, r) in red_lines.iter().enumerate() {
        let rp = format!("{path}.red_lines[{rx}]");
        if let Some(line) = resolve_red_line(c, r, &rp, issues) {
            out_red.push(line);
        }
    }
    let RawReservation {
        base,
        tension,
        hardliners,
    } = reservation;
    let reservation = Reservation {
        base: c.range(*base, 0.0, 1.0, format!("{path}.reservation.base")),
        tension: c.range(*tension, -2.0, 2.0, format!("{path}.reservation.tension")),
        hardliners: c.range(
            *hardliners,
            -2.0,
            2.0,
            format!("{path}.reservation.hardliners"),
        ),
    };
    let RawPersonality {
        hawkish,
        cautious,
        spoiler,
        temperature,
        concession,
    } = personality;
    let pp = format!("{path}.personality");
    let personality = Personality {
        hawkish: c.range(*hawkish, 0.0, 1.0, format!("{pp}.hawkish")),
        cautious: c.range(*cautious, 0.0, 1.0, format!("{pp}.cautious")),
        spoiler: c.range(*spoiler, 0.0, 1.0, format!("{pp}.spoiler")),
        temperature: c.range(*temperature, 0.0, 1.0, format!("{pp}.temperature")),
        concession: c.range(*concession, 0.05, 20.0, format!("{pp}.concession")),
    };
    Party {
        id: id.clone(),
        name: name.clone(),
        role: *role,
        stance: stance.clone(),
        figures: figures
            .iter()
            .map(|f| Figure {
                name: f.name.clone(),
                title: f.title.clone(),
                note: f.note.clone(),
                source: f.source.clone(),
            })
            .collect(),
        forces: out_forces,
        domestic: Domestic {
            hardliners: h,
            moderates: m,
            concession_floor,
        },
        prefs,
        hidden_preferences: *hidden_preferences,
        red_lines: out_red,
        reservation,
        income: match income {
            Some(v) => c.range(*v, -100.0, 100.0, format!("{path}.income")),
            None => default_income,
        },
        plural: *plural,
        signatory: *signatory,
        personality,
        source: source.clone(),
    }
}

/// A red line: one issue's rule, or `all`/`any` of several parts.
fn resolve_red_line(c: &mut Ctx, r: &RawRedLine, rp: &str, issues: &[Issue]) -> Option<RedLine> {
    let RawRedLine {
        issue,
        rule,
        all,
        any,
        text,
        source,
    } = r;
    let given = [
        issue.is_some() || rule.is_some(),
        all.is_some(),
        any.is_some(),
    ];
    if given.iter().filter(|&&g| g).count() != 1 {
        let msg = "a red line gives either `issue` and `rule`, or `all: [...]`, or `any: [...]`";
        c.err(Kind::Invalid, rp.to_string(), msg.into());
        return None;
    }
    let parts: Vec<(String, &str, &RawRule)> = match (issue, rule) {
        (Some(i), Some(r)) => vec![(rp.to_string(), i.as_str(), r)],
        (None, None) => {
            let (list, name) = match (all, any) {
                (Some(l), _) => (l, "all"),
                (_, Some(l)) => (l, "any"),
                (None, None) => return None,
            };
            if list.is_empty() {
                let msg = format!("`{name}` needs at least one part");
                c.err(Kind::Invalid, format!("{rp}.{name}"), msg);
                return None;
            }
            if list.len() > 16 {
                let msg = format!("{} parts; a red line may have at most 16", list.len());
                c.err(Kind::Range, format!("{rp}.{name}"), msg);
            }
            list.iter()
                .enumerate()
                .map(|(k, p)| (format!("{rp}.{name}[{k}]"), p.issue.as_str(), &p.rule))
                .collect()
        }
        _ => {
            let msg = "a red line on one issue needs both `issue` and `rule`";
            c.err(Kind::Invalid, rp.to_string(), msg.into());
            return None;
        }
    };
    let mut out = Vec::new();
    for (pp, issue, rule) in parts {
        let ix = c.issue(issue, format!("{pp}.issue"))?;
        let at = format!("{pp}.rule");
        let rule = match rule {
            RawRule::Addressed => Some(Rule::Addressed),
            RawRule::NotAddressed => Some(Rule::NotAddressed),
            RawRule::AtMost(l) => c.level(ix, l, format!("{at}.0")).map(Rule::AtMost),
            RawRule::AtLeast(l) => c.level(ix, l, format!("{at}.0")).map(Rule::AtLeast),
            RawRule::OneOf(v) if v.is_empty() => {
                c.err(
                    Kind::Invalid,
                    at.clone(),
                    "`OneOf` needs at least one level: no text could keep it".into(),
                );
                None
            }
            RawRule::OneOf(v) => {
                let ls: Vec<Option<usize>> = v
                    .iter()
                    .enumerate()
                    .map(|(k, l)| c.level(ix, l, format!("{at}[{k}]")))
                    .collect();
                ls.into_iter().collect::<Option<Vec<_>>>().map(Rule::OneOf)
            }
        }?;
        if matches!(rule, Rule::AtMost(_) | Rule::AtLeast(_)) && !issues[ix].ordered {
            let msg = format!(
                "red line AtMost/AtLeast on `{issue}`, whose levels have no order \
                 (ordered: false); use OneOf"
            );
            c.err(Kind::Invalid, at.clone(), msg);
        }
        if matches!(rule, Rule::NotAddressed) && !issues[ix].may_be_unaddressed {
            let msg = format!("red line NotAddressed on `{issue}`, which may never be left out");
            c.err(Kind::Invalid, at.clone(), msg);
        }
        out.push(Part { issue: ix, rule });
    }
    Some(RedLine {
        parts: out,
        any: any.is_some(),
        text: text.clone(),
        source: source.clone(),
    })
}

fn resolve_subject(c: &mut Ctx, s: &RawSubject, path: String) -> Option<Subject> {
    Some(match s {
        RawSubject::Actor => Subject::Actor,
        RawSubject::Target => Subject::Target,
        RawSubject::Party(p) => Subject::Party(c.party(p, path)?),
        RawSubject::Role(r) => Subject::Role(*r),
        RawSubject::Others => Subject::Others,
        RawSubject::OtherNegotiators => Subject::OtherNegotiators,
        RawSubject::All => Subject::All,
    })
}

/// The conditions that resolve, each with its index in the file's list (a fault drops one, and
/// a later fault about the list must still point at the right item).
fn resolve_conditions(c: &mut Ctx, conds: &[RawCondition], path: &str) -> Vec<(usize, Condition)> {
    let mut out = Vec::new();
    for (k, cond) in conds.iter().enumerate() {
        // A condition's path is the condition; `.0`, `.1`… are its items, where faults point.
        let p = format!("{path}[{k}]");
        let at = |i: usize| format!("{p}.{i}");
        let pct = |c: &mut Ctx, v: f64, i: usize| c.range(v, 0.0, 100.0, at(i));
        let r = match cond {
            RawCondition::TensionAbove(v) => Some(Condition::TensionAbove(pct(c, *v, 0))),
            RawCondition::TensionBelow(v) => Some(Condition::TensionBelow(pct(c, *v, 0))),
            RawCondition::AgreementAbove(v) => Some(Condition::AgreementAbove(pct(c, *v, 0))),
            RawCondition::AgreementBelow(v) => Some(Condition::AgreementBelow(pct(c, *v, 0))),
            RawCondition::WeekAtLeast(w) => Some(Condition::WeekAtLeast(*w)),
            RawCondition::WeekAtMost(w) => Some(Condition::WeekAtMost(*w)),
            RawCondition::TrustBelow(a, b, v) | RawCondition::TrustAbove(a, b, v) => {
                let a = resolve_subject(c, a, at(0));
                let b = resolve_subject(c, b, at(1));
                let v = pct(c, *v, 2);
                match (a, b, cond) {
                    (Some(a), Some(b), RawCondition::TrustBelow(..)) => {
                        Some(Condition::TrustBelow(a, b, v))
                    }
                    (Some(a), Some(b), _) => Some(Condition::TrustAbove(a, b, v)),
                    _ => None,
                }
            }
            RawCondition::HardlinersBelow(s, v) => {
                let v = pct(c, *v, 1);
                resolve_subject(c, s, at(0)).map(|s| Condition::HardlinersBelow(s, v))
            }
            RawCondition::HardlinersAbove(s, v) => {
                let v = pct(c, *v, 1);
                resolve_subject(c, s, at(0)).map(|s| Condition::HardlinersAbove(s, v))
            }
            RawCondition::TroopsAbove(s, v) => {
                resolve_subject(c, s, at(0)).map(|s| Condition::TroopsAbove(s, *v))
            }
            RawCondition::TroopsBelow(s, v) => {
                resolve_subject(c, s, at(0)).map(|s| Condition::TroopsBelow(s, *v))
            }
            RawCondition::Present(s) => resolve_subject(c, s, p.clone()).map(Condition::Present),
            RawCondition::Absent(s) => resolve_subject(c, s, p.clone()).map(Condition::Absent),
            RawCondition::DraftKeeps(s) => {
                resolve_subject(c, s, p.clone()).map(Condition::DraftKeeps)
            }
            RawCondition::Addressed(i) => c.issue(i, p.clone()).map(Condition::Addressed),
            RawCondition::NotAddressed(i) => c.issue(i, p.clone()).map(Condition::NotAddressed),
            RawCondition::AnyBanked => Some(Condition::AnyBanked),
            RawCondition::Flag(f) => c.flag(f, p.clone()).map(Condition::Flag),
            RawCondition::NotFlag(f) => c.flag(f, p.clone()).map(Condition::NotFlag),
            RawCondition::Did(x, m)
            | RawCondition::DidLast(x, m)
            | RawCondition::DidOn(x, m, _) => {
                let x = resolve_subject(c, x, at(0));
                let m = c.move_ref(m, at(1));
                match (x, m, cond) {
                    (Some(x), Some(m), RawCondition::Did(..)) => Some(Condition::Did(x, m)),
                    (Some(x), Some(m), RawCondition::DidLast(..)) => Some(Condition::DidLast(x, m)),
                    (Some(x), Some(m), RawCondition::DidOn(_, _, n)) => {
                        Some(Condition::DidOn(x, m, *n))
                    }
                    _ => None,
                }
            }
        };
        out.extend(r.map(|x| (k, x)));
    }
    out
}

/// The effects that resolve, each with its index in the file's list (see
/// [`resolve_conditions`]).
fn resolve_effects(c: &mut Ctx, effects: &[RawEffect], path: &str) -> Vec<(usize, Effect)> {
    let mut out = Vec::new();
    for (k, e) in effects.iter().enumerate() {
        // As with conditions, faults point at the effect's item.
        let p = format!("{path}[{k}]");
        let at = |i: usize| format!("{p}.{i}");
        let r = match e {
            RawEffect::Tension(v) => Some(Effect::Tension(c.range(*v, -100.0, 100.0, at(0)))),
            RawEffect::Trust(a, b, v, d) => {
                let a = resolve_subject(c, a, at(0));
                let b = resolve_subject(c, b, at(1));
                let v = c.range(*v, -100.0, 100.0, at(2));
                let d = c.range(*d, 0.0, 100.0, at(3));
                a.zip(b).map(|(a, b)| Effect::Trust(a, b, v, d))
            }
            RawEffect::Domestic(s, camp, v) => {
                let v = c.range(*v, -100.0, 100.0, at(2));
                resolve_subject(c, s, at(0)).map(|s| Effect::Domestic(s, *camp, v))
            }
            RawEffect::Troops(s, n) => {
                let max = MAX_TROOPS as f64;
                let n = c.range(*n as f64, -max, max, at(1)) as i64;
                resolve_subject(c, s, at(0)).map(|s| Effect::Troops(s, n))
            }
            RawEffect::Draft(t) => Some(Effect::Draft(*t)),
            RawEffect::Bridge => Some(Effect::Bridge),
            RawEffect::Accept => Some(Effect::Accept),
            RawEffect::WalkOut(s) => resolve_subject(c, s, p.clone()).map(Effect::WalkOut),
            RawEffect::Return(s) => resolve_subject(c, s, p.clone()).map(Effect::Return),
            RawEffect::Reveal(s) => resolve_subject(c, s, p.clone()).map(Effect::Reveal),
            RawEffect::Unsettle => Some(Effect::Unsettle),
            RawEffect::Offer => Some(Effect::Offer),
            RawEffect::SetFlag(f) => c.flag(f, p.clone()).map(Effect::SetFlag),
            RawEffect::ClearFlag(f) => c.flag(f, p.clone()).map(Effect::ClearFlag),
            RawEffect::Clause(i, l) => c.issue(i, at(0)).and_then(|ix| match l {
                None if !c.may_leave_out[ix] => {
                    let msg = format!("`{i}` may not be left unaddressed");
                    c.err(Kind::Invalid, at(1), msg);
                    None
                }
                None => Some(Effect::Clause(ix, None)),
                Some(l) => c.level(ix, l, at(1)).map(|l| Effect::Clause(ix, Some(l))),
            }),
            RawEffect::End(e) => Some(Effect::End(*e)),
        };
        out.extend(r.map(|x| (k, x)));
    }
    out
}

/// The items of an indexed list (see [`resolve_conditions`]).
fn items<T>(list: Vec<(usize, T)>) -> Vec<T> {
    list.into_iter().map(|(_, x)| x).collect()
}

/// The subjects an effect names.
fn effect_subjects(e: &Effect) -> Vec<&Subject> {
    match e {
        Effect::Trust(a, b, ..) => vec![a, b],
        Effect::Domestic(s, ..)
        | Effect::Troops(s, _)
        | Effect::WalkOut(s)
        | Effect::Return(s)
        | Effect::Reveal(s) => vec![s],
        _ => Vec::new(),
    }
}

/// The subjects a condition names.
pub fn condition_subjects(c: &Condition) -> Vec<&Subject> {
    match c {
        Condition::TrustBelow(a, b, _) | Condition::TrustAbove(a, b, _) => vec![a, b],
        Condition::HardlinersBelow(s, _)
        | Condition::HardlinersAbove(s, _)
        | Condition::TroopsAbove(s, _)
        | Condition::TroopsBelow(s, _)
        | Condition::Present(s)
        | Condition::Absent(s)
        | Condition::DraftKeeps(s)
        | Condition::Did(s, _)
        | Condition::DidLast(s, _)
        | Condition::DidOn(s, _, _) => vec![s],
        _ => Vec::new(),
    }
}

/// The path of the first condition, then effect, of the move or event at `path` that names a
/// subject `named` picks or is an effect `acting` picks: where a fault about them points.
fn first_naming(
    path: &str,
    conds: &[(usize, Condition)],
    effects: &[(usize, Effect)],
    named: impl Fn(&Subject) -> bool,
    acting: impl Fn(&Effect) -> bool,
) -> Option<String> {
    let cond = conds
        .iter()
        .find(|(_, c)| condition_subjects(c).into_iter().any(&named))
        .map(|(k, _)| format!("{path}.conditions[{k}]"));
    cond.or_else(|| {
        effects
            .iter()
            .find(|(_, e)| acting(e) || effect_subjects(e).into_iter().any(&named))
            .map(|(k, _)| format!("{path}.effects[{k}]"))
    })
}

/// The first fault of the placeholders in a move's news text, with help: a `{` left open, a
/// name the news does not fill in, or `{target}` / `{issue}` on a move without that target (the
/// news would print them as written).
fn placeholder_fault(text: &str, party: bool, issue: bool) -> Option<(String, String)> {
    let known = "the news fills in {actor}, {target} (a move aimed at a party), {issue} (a move \
                 aimed at an issue) and {singular|plural} forms such as {makes|make}";
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let Some(len) = rest[open..].find('}') else {
            return Some((
                format!("the text opens a `{{` it never closes: `{}`", &rest[open..]),
                known.into(),
            ));
        };
        let inner = &rest[open + 1..open + len];
        let fault = match inner {
            _ if inner.contains('|') => None,
            "actor" => None,
            "target" if party => None,
            "issue" if issue => None,
            "target" => Some(
                "the text names `{target}`, but the move is not aimed at a party to fill it in"
                    .into(),
            ),
            "issue" => Some(
                "the text names `{issue}`, but the move is not aimed at an issue to fill it in"
                    .into(),
            ),
            _ => {
                let guess =
                    crate::scenario::diagnostic::suggest(inner, ["actor", "target", "issue"])
                        .map(|g| format!(" (did you mean `{{{g}}}`?)"))
                        .unwrap_or_default();
                Some(format!(
                    "the text names `{{{inner}}}`, which the news does not fill in{guess}"
                ))
            }
        };
        if let Some(msg) = fault {
            return Some((msg, known.into()));
        }
        rest = &rest[open + len + 1..];
    }
    None
}

/// Where a move or event names `Target`.
fn names_target(
    path: &str,
    conds: &[(usize, Condition)],
    effects: &[(usize, Effect)],
) -> Option<String> {
    first_naming(path, conds, effects, |s| *s == Subject::Target, |_| false)
}

/// Where a move or event acts through its actor (names it, or drafts, accepts, offers or sets
/// a clause).
fn names_actor(
    path: &str,
    conds: &[(usize, Condition)],
    effects: &[(usize, Effect)],
) -> Option<String> {
    first_naming(
        path,
        conds,
        effects,
        |s| {
            matches!(
                s,
                Subject::Actor | Subject::Others | Subject::OtherNegotiators
            )
        },
        |e| {
            matches!(
                e,
                Effect::Accept | Effect::Draft(_) | Effect::Offer | Effect::Clause(..)
            )
        },
    )
}

#[cfg(test)]
mod placeholder_tests {
    use super::placeholder_fault;

    /// The news text's placeholders are the ones the news fills in, for the move's target; a
    /// typo, a `{` left open, or a target the move does not have is a fault with help.
    #[test]
    fn a_news_text_names_only_what_the_news_fills_in() {
        for (text, party, issue) in [
            ("{actor} {makes|make} a move on {issue}.", false, true),
            ("{actor}'s envoy meets {target}'s.", true, false),
            ("No placeholder at all.", false, false),
        ] {
            assert_eq!(placeholder_fault(text, party, issue), None, "{text}");
        }
        for (text, party, issue, says) in [
            (
                "{actor} proposes on {isue}.",
                false,
                true,
                "did you mean `{issue}`?",
            ),
            (
                "{actor} presses {target}.",
                false,
                true,
                "not aimed at a party",
            ),
            (
                "{actor} tables {issue}.",
                true,
                false,
                "not aimed at an issue",
            ),
            ("{actor} walks out {", false, false, "never closes"),
            ("{unknown}", false, false, "does not fill in"),
        ] {
            let (msg, help) = placeholder_fault(text, party, issue).expect(text);
            assert!(msg.contains(says), "{text}: {msg}");
            assert!(help.contains("{actor}"), "{help}");
        }
    }

    /// A number far out of range is told in scientific notation, not in 309 digits.
    #[test]
    fn a_huge_number_out_of_range_is_told_briefly() {
        let text = include_str!("../../assets/scenarios/tutorial.ron").replacen(
            "escalation_per_point: 0.01,",
            "escalation_per_point: 1e308,",
            1,
        );
        let e = crate::scenario::parse("huge.ron", text.as_bytes()).expect_err("out of range");
        let msg = &e.diagnostics[0].message;
        assert!(msg.starts_with("1e308 is outside the range"), "{msg}");
    }
}
