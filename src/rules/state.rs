//! The state of one negotiation: every number the rules read or change, in one plain struct.
//!
//! It is one value on purpose. The AI predicts a move by cloning it and running the same
//! functions the turn runs (see [`super::effects`]), so it must be cheap to copy: parties are a
//! `Vec` of `Copy` rows, trust is a flat matrix with a flat list of fading modifiers, and every
//! label is a typed [`Source`] rendered to English only on screen.

use serde::{Deserialize, Serialize};

use crate::scenario::{IssueIx, Level, PartyIx, Scenario};

/// Where a trust modifier or a change of tension comes from. Rendered by [`Source::label`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Source {
    /// The `k`-th modifier of the scenario's starting ledger for the same pair.
    Start(usize),
    /// A party's move.
    Move { actor: PartyIx, mv: usize },
    /// An event of the scenario.
    Event(usize),
    /// A banked clause on this issue was reopened.
    Reopen(IssueIx),
    /// Tension drifting toward its resting level.
    Drift,
    /// Troops above the usual presence (the excess).
    Troops(i64),
}

impl Source {
    /// The English label of the source, for ledgers, causes and the news.
    pub fn label(&self, s: &Scenario, from: PartyIx, to: PartyIx) -> String {
        match *self {
            Source::Start(k) => s
                .trust
                .get(from)
                .and_then(|r| r.get(to))
                .and_then(|l| l.modifiers.get(k))
                .map_or_else(|| "Earlier history".into(), |m| m.label.clone()),
            Source::Move { actor, mv } => {
                format!("{}: {}", s.parties[actor].name, s.moves[mv].name)
            }
            Source::Event(e) => s.events[e].headline.clone(),
            Source::Reopen(i) => format!(
                "Reopened the banked clause on {}",
                s.issues[i].name.to_lowercase()
            ),
            Source::Drift => "Time passes".into(),
            Source::Troops(n) => format!("{n} troops above the usual presence"),
        }
    }

    /// The label where no trust pair is involved (tension causes).
    pub fn cause_label(&self, s: &Scenario) -> String {
        self.label(s, 0, 0)
    }
}

/// One cause of this week's change of tension.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Cause {
    pub source: Source,
    pub delta: f64,
}

/// One party's changing state.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PartyState {
    /// Support among hardliners and moderates now (0–100) ...
    pub hardliners: f64,
    pub moderates: f64,
    /// ... and where the week's pressure pushes it; support moves toward it with the
    /// audience's inertia at the end of every week.
    pub hardliners_target: f64,
    pub moderates_target: f64,
    /// Troops in the theatre.
    pub troops: i64,
    pub present: bool,
    /// Weeks away from the table so far.
    pub absent_weeks: u32,
    /// Whether the party has accepted the current text.
    pub accepted: bool,
    /// Bit set of the parties whose hidden preferences this party has seen.
    pub revealed: u32,
}

/// A fading modifier of one party's trust in another.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TrustMod {
    pub from: PartyIx,
    pub to: PartyIx,
    pub source: Source,
    pub value: f64,
    /// Fades toward zero by this much a week (0: lasting).
    pub decay: f64,
}

/// Trust between every pair of parties (0–100): a lasting base plus itemised modifiers.
#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Trust {
    n: usize,
    base: Vec<f64>,
    mods: Vec<TrustMod>,
    /// `value[from * n + to]`, kept equal to the clamped sum of base and modifiers.
    #[serde(skip)]
    value: Vec<f64>,
}

impl Clone for Trust {
    fn clone(&self) -> Self {
        Self {
            n: self.n,
            base: self.base.clone(),
            mods: self.mods.clone(),
            value: self.value.clone(),
        }
    }

    fn clone_from(&mut self, o: &Self) {
        self.n = o.n;
        self.base.clone_from(&o.base);
        self.mods.clone_from(&o.mods);
        self.value.clone_from(&o.value);
    }
}

impl Trust {
    /// The starting trust of a scenario.
    pub fn of(s: &Scenario) -> Self {
        let n = s.parties.len();
        let mut t = Self {
            n,
            base: vec![0.0; n * n],
            mods: Vec::new(),
            value: Vec::new(),
        };
        for (from, row) in s.trust.iter().enumerate() {
            for (to, ledger) in row.iter().enumerate() {
                t.base[from * n + to] = ledger.base;
                for (k, m) in ledger.modifiers.iter().enumerate() {
                    t.mods.push(TrustMod {
                        from,
                        to,
                        source: Source::Start(k),
                        value: m.value,
                        decay: m.decay,
                    });
                }
            }
        }
        t.refresh();
        t
    }

    /// Trust of `from` in `to`.
    pub fn get(&self, from: PartyIx, to: PartyIx) -> f64 {
        self.value[from * self.n + to]
    }

    /// The lasting part of `from`'s trust in `to`.
    pub fn base(&self, from: PartyIx, to: PartyIx) -> f64 {
        self.base[from * self.n + to]
    }

    /// The modifiers of `from`'s trust in `to`, oldest first.
    pub fn modifiers(&self, from: PartyIx, to: PartyIx) -> impl Iterator<Item = &TrustMod> {
        self.mods
            .iter()
            .filter(move |m| m.from == from && m.to == to)
    }

    /// Number of parties.
    pub fn parties(&self) -> usize {
        self.n
    }

    /// Adds a modifier.
    pub fn push(&mut self, m: TrustMod) {
        self.mods.push(m);
        let k = m.from * self.n + m.to;
        self.value[k] = self.sum(m.from, m.to);
    }

    fn sum(&self, from: PartyIx, to: PartyIx) -> f64 {
        let extra: f64 = self.modifiers(from, to).map(|m| m.value).sum();
        (self.base[from * self.n + to] + extra).clamp(0.0, 100.0)
    }

    /// Fades every modifier toward zero by its decay and drops the spent ones.
    pub fn fade(&mut self) {
        for m in &mut self.mods {
            if m.value > 0.0 {
                m.value = (m.value - m.decay).max(0.0);
            } else {
                m.value = (m.value + m.decay).min(0.0);
            }
        }
        self.mods.retain(|m| m.value != 0.0 || m.decay == 0.0);
        self.refresh();
    }

    /// Recomputes every value from the base and the modifiers (after loading).
    pub fn refresh(&mut self) {
        self.value.clear();
        self.value.extend_from_slice(&self.base);
        for m in &self.mods {
            self.value[m.from * self.n + m.to] += m.value;
        }
        for v in &mut self.value {
            *v = v.clamp(0.0, 100.0);
        }
    }

    /// Whether every index is within `n` parties and every number finite (for loading saves).
    pub fn fits(&self, n: usize) -> bool {
        self.n == n
            && self.base.len() == n * n
            && self.base.iter().all(|v| v.is_finite())
            && self
                .mods
                .iter()
                .all(|m| m.from < n && m.to < n && m.value.is_finite() && m.decay.is_finite())
    }
}

/// One change of a clause this week.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub issue: IssueIx,
    pub from: Level,
    pub to: Level,
    pub by: PartyIx,
}

/// The single negotiating text, versioned.
#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub levels: Vec<Level>,
    pub banked: Vec<bool>,
    /// Weeks each clause has stood unchanged.
    pub unchanged: Vec<u32>,
    /// Bumped at the end of every week in which the text changed.
    pub version: u32,
    /// This week's changes, in order.
    pub changes: Vec<Change>,
}

impl Clone for Draft {
    fn clone(&self) -> Self {
        Self {
            levels: self.levels.clone(),
            banked: self.banked.clone(),
            unchanged: self.unchanged.clone(),
            version: self.version,
            changes: self.changes.clone(),
        }
    }

    fn clone_from(&mut self, o: &Self) {
        self.levels.clone_from(&o.levels);
        self.banked.clone_from(&o.banked);
        self.unchanged.clone_from(&o.unchanged);
        self.version = o.version;
        self.changes.clone_from(&o.changes);
    }
}

/// Everything that changes during a negotiation, at one moment.
#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Negotiation {
    /// 0 before the first week.
    pub week: u32,
    /// Tension (0–100) and this week's itemised causes.
    pub tension: f64,
    pub causes: Vec<Cause>,
    /// Agreement (0–100), recomputed by [`super::score::rescore`].
    pub agreement: f64,
    pub draft: Draft,
    /// One row per party, in the scenario's party order.
    pub parties: Vec<PartyState>,
    pub trust: Trust,
}

impl Clone for Negotiation {
    fn clone(&self) -> Self {
        Self {
            week: self.week,
            tension: self.tension,
            causes: self.causes.clone(),
            agreement: self.agreement,
            draft: self.draft.clone(),
            parties: self.parties.clone(),
            trust: self.trust.clone(),
        }
    }

    /// Field by field, reusing this state's allocations: the AI copies a state once per option.
    fn clone_from(&mut self, o: &Self) {
        self.week = o.week;
        self.tension = o.tension;
        self.causes.clone_from(&o.causes);
        self.agreement = o.agreement;
        self.draft.clone_from(&o.draft);
        self.parties.clone_from(&o.parties);
        self.trust.clone_from(&o.trust);
    }
}

impl Negotiation {
    /// The state of a scenario before the first week (agreement already scored).
    pub fn start(s: &Scenario) -> Self {
        let parties = s
            .parties
            .iter()
            .map(|p| PartyState {
                hardliners: p.domestic.hardliners.support,
                moderates: p.domestic.moderates.support,
                hardliners_target: p.domestic.hardliners.support,
                moderates_target: p.domestic.moderates.support,
                troops: p.theatre_troops(),
                present: true,
                absent_weeks: 0,
                accepted: false,
                revealed: 0,
            })
            .collect();
        let mut st = Self {
            week: 0,
            tension: s.tension.start,
            causes: Vec::new(),
            agreement: 0.0,
            draft: Draft {
                levels: s.draft.clone(),
                banked: s.banked.clone(),
                unchanged: vec![0; s.issues.len()],
                version: 0,
                changes: Vec::new(),
            },
            parties,
            trust: Trust::of(s),
        };
        super::score::rescore(s, &mut st);
        st
    }

    /// Trust of `from` in `to`.
    pub fn trust(&self, from: PartyIx, to: PartyIx) -> f64 {
        self.trust.get(from, to)
    }

    /// Whether `viewer` has seen `target`'s hidden preferences.
    pub fn has_revealed(&self, viewer: PartyIx, target: PartyIx) -> bool {
        self.parties[viewer].revealed >> target & 1 == 1
    }

    /// Domestic support of a party (0–100): its audiences weighted by their shares.
    pub fn support(&self, s: &Scenario, p: PartyIx) -> f64 {
        let d = &s.parties[p].domestic;
        let st = &self.parties[p];
        d.hardliners.share * st.hardliners + d.moderates.share * st.moderates
    }
}
