//! The state of one negotiation: every number the rules read or change, in one plain struct.
//!
//! It is one value on purpose. The AI predicts a move by cloning it and running the same
//! functions the turn runs (see [`super::effects`]), so it must be cheap to copy: parties are a
//! `Vec` of `Copy` rows, trust is a flat matrix with a flat list of fading modifiers, and every
//! label is a typed [`Source`] rendered to English only on screen.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::scenario::{Ending, IssueIx, Level, PartyIx, Scenario};

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
    /// The English label of the source in `from`'s ledger of trust in `to`.
    pub fn label(&self, s: &Scenario, from: PartyIx, to: PartyIx) -> String {
        match *self {
            Source::Start(k) => s
                .trust
                .get(from)
                .and_then(|r| r.get(to))
                .and_then(|l| l.modifiers.get(k))
                .map_or_else(|| "Earlier history".into(), |m| m.label.clone()),
            // A reopening costs the trust of those it hurt in the party that reopened.
            Source::Reopen(i) => format!(
                "{} reopened the banked clause on {}",
                s.parties[to].name, s.issues[i].name
            ),
            _ => self.cause_label(s),
        }
    }

    /// The English label of the source where no trust pair is involved (tension causes).
    pub fn cause_label(&self, s: &Scenario) -> String {
        match *self {
            Source::Start(_) => "Earlier history".into(),
            Source::Move { actor, mv } => {
                format!("{}: {}", s.parties[actor].name, s.moves[mv].name)
            }
            Source::Event(e) => s.events[e].headline.clone(),
            Source::Reopen(i) => format!("Reopened the banked clause on {}", s.issues[i].name),
            // Toward where: tension that the acts brought below its resting level creeps up (a
            // tester read "Time passes +0.5" at 52 as against "eases above 40").
            Source::Drift => format!(
                "Time passes (toward {})",
                super::describe::points(s.tension.rest)
            ),
            Source::Troops(n) => format!(
                "{} troops above the usual presence",
                super::describe::group(n)
            ),
        }
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
    /// Political capital left to spend on moves.
    #[serde(default)]
    pub capital: f64,
    /// Per issue, how often the party has moved the clause its own way and the other way:
    /// what the others read its priorities from.
    #[serde(default)]
    pub pushed: [u8; 16],
    #[serde(default)]
    pub gave: [u8; 16],
}

/// A fading modifier of one party's trust in another.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TrustMod {
    pub from: PartyIx,
    pub to: PartyIx,
    pub source: Source,
    /// The value when it was added.
    pub value: f64,
    /// It fades toward zero by this much at the end of every week (0: lasting).
    pub decay: f64,
    /// The number of weeks that had ended when it was added.
    pub born: u32,
}

/// A trust change of `value` that fades by `decay` at each turn's end, once `ends` turns have
/// ended since it came: toward zero, never past it.
pub fn faded(value: f64, decay: f64, ends: u32) -> f64 {
    let by = decay * f64::from(ends);
    if value > 0.0 {
        (value - by).max(0.0)
    } else {
        (value + by).min(0.0)
    }
}

impl TrustMod {
    /// Its value once `clock` weeks have ended: faded by `decay` for each week's end since it
    /// was added, never past zero.
    pub fn value_at(&self, clock: u32) -> f64 {
        faded(self.value, self.decay, clock.saturating_sub(self.born))
    }

    /// Whether it has faded away for good.
    fn spent(&self, clock: u32) -> bool {
        self.decay != 0.0 && self.value_at(clock) == 0.0
    }
}

/// The modifiers from before this week, grouped by pair (oldest first within a pair), with the
/// index of each pair's run and each pair's sum at the two clocks a week reads (as it opens,
/// and after its end). Shared, never changed: a copy of the state only counts a reference.
#[derive(Debug, Default)]
struct Settled {
    mods: Vec<TrustMod>,
    /// `start[k]..start[k + 1]` are the modifiers of pair `k = from * n + to`.
    start: Vec<usize>,
    /// The clock the sums were taken at; `sums[0][k]` at `clock`, `sums[1][k]` at `clock + 1`.
    clock: u32,
    sums: [Vec<f64>; 2],
}

impl PartialEq for Settled {
    /// The same modifiers (the sums taken in advance follow from them).
    fn eq(&self, o: &Self) -> bool {
        self.mods == o.mods
    }
}

impl Settled {
    fn of(n: usize, mut mods: Vec<TrustMod>, clock: u32) -> Self {
        mods.sort_by_key(|m| m.from * n + m.to);
        let mut start = vec![0; n * n + 1];
        for m in &mods {
            start[m.from * n + m.to + 1] += 1;
        }
        for k in 0..n * n {
            start[k + 1] += start[k];
        }
        let mut s = Self {
            mods,
            start,
            clock,
            sums: [Vec::new(), Vec::new()],
        };
        s.sums = [0, 1].map(|d| {
            (0..n * n)
                .map(|k| s.scan(k, clock.saturating_add(d)))
                .collect()
        });
        s
    }

    fn pair(&self, k: usize) -> &[TrustMod] {
        &self.mods[self.start[k]..self.start[k + 1]]
    }

    /// The sum of pair `k`'s modifiers at a clock, oldest first.
    fn scan(&self, k: usize, clock: u32) -> f64 {
        self.pair(k).iter().fold(0.0, |v, m| v + m.value_at(clock))
    }

    /// [`Settled::scan`], from the sums taken in advance where it can.
    fn sum(&self, k: usize, clock: u32) -> f64 {
        match clock.checked_sub(self.clock) {
            Some(0) => self.sums[0][k],
            Some(1) => self.sums[1][k],
            _ => self.scan(k, clock),
        }
    }
}

/// Trust between every pair of parties (0–100): a lasting base plus itemised modifiers that
/// fade week by week.
///
/// Fading is computed from each modifier's age (the `clock` counts the weeks that have ended),
/// so the end of a week only moves the clock; modifiers added this week are kept apart from
/// the settled ones until the next week opens. Copying the state, which the AI does for every
/// option it weighs, copies only this week's few modifiers.
#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(into = "TrustFile", try_from = "TrustFile")]
pub struct Trust {
    n: usize,
    clock: u32,
    base: Arc<[f64]>,
    settled: Arc<Settled>,
    fresh: Vec<TrustMod>,
}

impl Clone for Trust {
    fn clone(&self) -> Self {
        Self {
            n: self.n,
            clock: self.clock,
            base: self.base.clone(),
            settled: self.settled.clone(),
            fresh: self.fresh.clone(),
        }
    }

    fn clone_from(&mut self, o: &Self) {
        self.n = o.n;
        self.clock = o.clock;
        // The shared parts are the same between most copies: skip the reference counting.
        if !Arc::ptr_eq(&self.base, &o.base) {
            self.base.clone_from(&o.base);
        }
        if !Arc::ptr_eq(&self.settled, &o.settled) {
            self.settled.clone_from(&o.settled);
        }
        self.fresh.clone_from(&o.fresh);
    }
}

/// How [`Trust`] is saved.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct TrustFile {
    parties: usize,
    clock: u32,
    /// `base[from * parties + to]`.
    base: Vec<f64>,
    /// Every modifier: the settled ones, then this week's.
    modifiers: Vec<TrustMod>,
    /// How many of `modifiers` were added this week.
    fresh: usize,
}

impl From<Trust> for TrustFile {
    fn from(t: Trust) -> Self {
        let mut modifiers = t.settled.mods.clone();
        modifiers.extend_from_slice(&t.fresh);
        Self {
            parties: t.n,
            clock: t.clock,
            base: t.base.to_vec(),
            modifiers,
            fresh: t.fresh.len(),
        }
    }
}

impl TryFrom<TrustFile> for Trust {
    type Error = String;

    fn try_from(f: TrustFile) -> Result<Self, String> {
        let n = f.parties;
        if n > 16 || f.base.len() != n * n {
            return Err(format!(
                "trust for {n} parties holds {} values",
                f.base.len()
            ));
        }
        if !f.base.iter().all(|v| v.is_finite()) {
            return Err("a trust value is not a number".into());
        }
        let bad = f.modifiers.iter().any(|m| {
            m.from >= n
                || m.to >= n
                || m.from == m.to
                || !m.value.is_finite()
                || !m.decay.is_finite()
                || m.decay < 0.0
                || m.born > f.clock
        });
        if bad || f.fresh > f.modifiers.len() {
            return Err("a trust modifier is out of range".into());
        }
        let mut settled = f.modifiers;
        let fresh = settled.split_off(settled.len() - f.fresh);
        Ok(Self {
            n,
            clock: f.clock,
            base: f.base.into(),
            settled: Arc::new(Settled::of(n, settled, f.clock)),
            fresh,
        })
    }
}

impl Trust {
    /// The starting trust of a scenario.
    pub fn of(s: &Scenario) -> Self {
        let n = s.parties.len();
        let mut base = vec![0.0; n * n];
        let mut mods = Vec::new();
        for (from, row) in s.trust.iter().enumerate() {
            for (to, ledger) in row.iter().enumerate() {
                base[from * n + to] = ledger.base;
                for (k, m) in ledger.modifiers.iter().enumerate() {
                    mods.push(TrustMod {
                        from,
                        to,
                        source: Source::Start(k),
                        value: m.value,
                        decay: m.decay,
                        born: 0,
                    });
                }
            }
        }
        Self {
            n,
            clock: 0,
            base: base.into(),
            settled: Arc::new(Settled::of(n, mods, 0)),
            fresh: Vec::new(),
        }
    }

    /// Trust of `from` in `to`, 0–100.
    pub fn get(&self, from: PartyIx, to: PartyIx) -> f64 {
        // The modifiers are summed oldest first from zero, then added to the base: the same
        // additions in the same order before and after this week's modifiers settle.
        let k = from * self.n + to;
        let mut sum = self.settled.sum(k, self.clock);
        for m in &self.fresh {
            if m.from == from && m.to == to {
                sum += m.value_at(self.clock);
            }
        }
        (self.base[k] + sum).clamp(0.0, 100.0)
    }

    /// The lasting part of `from`'s trust in `to`.
    pub fn base(&self, from: PartyIx, to: PartyIx) -> f64 {
        self.base[from * self.n + to]
    }

    /// The modifiers of `from`'s trust in `to`, oldest first, each with its value now.
    pub fn modifiers(&self, from: PartyIx, to: PartyIx) -> impl Iterator<Item = TrustMod> + '_ {
        let k = from * self.n + to;
        let clock = self.clock;
        self.settled
            .pair(k)
            .iter()
            .chain(
                self.fresh
                    .iter()
                    .filter(move |m| m.from == from && m.to == to),
            )
            .filter(move |m| !m.spent(clock))
            .map(move |m| TrustMod {
                value: m.value_at(clock),
                born: clock,
                ..*m
            })
    }

    /// The number of weeks' ends it has seen.
    pub fn clock(&self) -> u32 {
        self.clock
    }

    /// The number of parties it is kept for.
    pub fn parties(&self) -> usize {
        self.n
    }

    /// Adds a modifier, born now (its `born` is set here).
    pub fn push(&mut self, m: TrustMod) {
        self.fresh.push(TrustMod {
            born: self.clock,
            ..m
        });
    }

    /// The end of a week: every modifier fades by its decay.
    pub fn fade(&mut self) {
        self.clock = self.clock.saturating_add(1);
    }

    /// The start of a week: this week's modifiers join the settled ones and the spent ones go.
    pub fn settle(&mut self) {
        let clock = self.clock;
        let stale = self.settled.clock != clock;
        if !stale && self.fresh.is_empty() && !self.settled.mods.iter().any(|m| m.spent(clock)) {
            return;
        }
        let mods = self.kept();
        self.fresh.clear();
        self.settled = Arc::new(Settled::of(self.n, mods, clock));
    }

    /// The modifiers [`Trust::settle`] keeps when the next week opens: the settled ones and
    /// this week's, without the spent ones, grouped by pair (oldest first within a pair).
    fn kept(&self) -> Vec<TrustMod> {
        let clock = self.clock;
        let mut mods: Vec<TrustMod> = self
            .settled
            .mods
            .iter()
            .chain(&self.fresh)
            .filter(|m| !m.spent(clock))
            .copied()
            .collect();
        mods.sort_by_key(|m| m.from * self.n + m.to);
        mods
    }

    /// This week's part alone: the settled modifiers left out. A save writes each modifier once,
    /// in the week it was added, and [`Trust::carry_from`] restores the rest.
    pub(crate) fn this_week(&self) -> Self {
        Self {
            n: self.n,
            clock: self.clock,
            base: self.base.clone(),
            settled: Arc::new(Settled::of(self.n, Vec::new(), self.clock)),
            fresh: self.fresh.clone(),
        }
    }

    /// Whether its settled modifiers are those `prev` (the state a week before) leaves when the
    /// next week opens: then a save may leave them out ([`Trust::this_week`]).
    pub(crate) fn follows(&self, prev: &Trust) -> bool {
        self.n == prev.n && self.settled.mods == prev.kept()
    }

    /// Restores the settled modifiers a save left out ([`Trust::this_week`]) from `prev`, the
    /// state a week before; fails when it holds settled modifiers already or `prev` is kept for
    /// other parties.
    pub(crate) fn carry_from(&mut self, prev: &Trust) -> Result<(), String> {
        if self.n != prev.n || !self.settled.mods.is_empty() {
            return Err("its trust does not follow from the week before".into());
        }
        self.settled = Arc::new(Settled::of(self.n, prev.kept(), prev.clock));
        Ok(())
    }

    /// How many modifiers it holds, settled and this week's (spent ones not yet dropped too).
    pub(crate) fn modifier_count(&self) -> usize {
        self.settled.mods.len() + self.fresh.len()
    }

    /// Whether it holds `n` parties and has seen `week` weeks end (for loading saves).
    pub(crate) fn fits(&self, n: usize, week: u32) -> bool {
        self.n == n && self.clock == week
    }
}

/// One change of a clause: one of this week's ([`Draft::changes`]) or the latest of a clause
/// ([`Draft::last`]).
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
    /// The latest change of each clause, this week or before (`None`: never changed).
    pub last: Vec<Option<Change>>,
    /// Contested clauses, bit `i` for issue `i`: the latest change of the clause undid another
    /// party's change of it ([`super::undoes`]). It stays contested, banked or not, until the
    /// clause changes otherwise.
    pub contested: u32,
    /// How many changes so far undid another party's change (contested a clause).
    pub pulled_back: u32,
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
            last: self.last.clone(),
            contested: self.contested,
            pulled_back: self.pulled_back,
            version: self.version,
            changes: self.changes.clone(),
        }
    }

    fn clone_from(&mut self, o: &Self) {
        self.levels.clone_from(&o.levels);
        self.banked.clone_from(&o.banked);
        self.unchanged.clone_from(&o.unchanged);
        self.last.clone_from(&o.last);
        self.contested = o.contested;
        self.pulled_back = o.pulled_back;
        self.version = o.version;
        self.changes.clone_from(&o.changes);
    }
}

impl Draft {
    /// Whether the first `n` of this week's changes left the text other than it was when the
    /// week opened (changes that cancel out, A → B → A, leave it as it was).
    pub fn moved_by(&self, n: usize) -> bool {
        let changes = &self.changes[..n.min(self.changes.len())];
        changes.iter().enumerate().any(|(k, first)| {
            // The issue's first change this week against its last one.
            changes[..k].iter().all(|c| c.issue != first.issue)
                && changes
                    .iter()
                    .rev()
                    .find(|c| c.issue == first.issue)
                    .map(|c| c.to)
                    != Some(first.from)
        })
    }

    /// Whether clause `i` is contested.
    pub fn is_contested(&self, i: IssueIx) -> bool {
        i < 32 && self.contested >> i & 1 == 1
    }

    /// What is wrong with the record of contested clauses, for a text of `s` (a save or a
    /// hosted view read from outside): a contested clause past the issues or never changed; a
    /// latest change of another clause, by no party, to a level the clause does not have, or
    /// not to where the clause stands.
    pub fn contest_fault(&self, s: &Scenario) -> Option<String> {
        let issues = s.issues.len();
        if self.last.len() != issues || self.levels.len() != issues {
            return Some(format!("the draft does not hold {issues} clauses"));
        }
        if self.contested.checked_shr(issues as u32).unwrap_or(0) != 0 {
            return Some(format!("a contested clause is past the {issues} clauses"));
        }
        let fits = |i: IssueIx, l: Level| l.is_none_or(|l| l < s.issues[i].levels.len());
        for (i, c) in self.last.iter().enumerate() {
            match c {
                None if self.is_contested(i) => {
                    return Some(format!("contested clause {i} has never changed"));
                }
                Some(c)
                    if c.issue != i
                        || c.by >= s.parties.len()
                        || !fits(i, c.from)
                        || c.to != self.levels[i] =>
                {
                    return Some(format!("the latest change of clause {i} does not fit it"));
                }
                _ => {}
            }
        }
        None
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
    /// The scenario's flags that are set, as a bit set (flag `k` is bit `k`).
    #[serde(default)]
    pub flags: u64,
    /// Every move taken so far, in order: what the `Did…` conditions read.
    #[serde(default)]
    pub deeds: Vec<Deed>,
    /// The end an event has called, with the event.
    #[serde(default)]
    pub ended: Option<(Ending, usize)>,
    /// The whole texts this week's `Offer` moves table, drawn up as the week opened (by
    /// [`super::draw_texts`], before its events and moves): (party, its text, or `None` where no
    /// text reached what it asked for, when it tables the text as its move finds it). Empty
    /// outside a week's acts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub drawn: Vec<(PartyIx, Option<Vec<Level>>)>,
}

/// One move taken: by whom, which, on which turn. Conditions read the turns before the one
/// being played (moves are chosen, and events drawn, against the turn as it opens).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deed {
    pub week: u32,
    pub party: u8,
    pub mv: u16,
}

impl Negotiation {
    /// Whether party `p` took move `mv` on a turn `on` accepts.
    pub fn did(&self, p: PartyIx, mv: usize, on: impl Fn(u32) -> bool) -> bool {
        self.deeds
            .iter()
            .any(|d| usize::from(d.party) == p && usize::from(d.mv) == mv && on(d.week))
    }
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
            flags: self.flags,
            deeds: self.deeds.clone(),
            ended: self.ended,
            drawn: self.drawn.clone(),
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
        self.flags = o.flags;
        self.deeds.clone_from(&o.deeds);
        self.ended = o.ended;
        self.drawn.clone_from(&o.drawn);
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
                capital: s.capital.start,
                pushed: [0; 16],
                gave: [0; 16],
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
                last: vec![None; s.issues.len()],
                contested: 0,
                pulled_back: 0,
                version: 0,
                changes: Vec::new(),
            },
            parties,
            trust: Trust::of(s),
            flags: 0,
            deeds: Vec::new(),
            ended: None,
            drawn: Vec::new(),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The drift of tension says toward where it drifts: it eases above its resting level and
    /// creeps up below it, and a week's acts may have carried it either side.
    #[test]
    fn the_drift_of_tension_names_where_it_heads() {
        let g = crate::testkit::geneva();
        assert_eq!(g.tension.rest, 40.0);
        assert_eq!(Source::Drift.cause_label(&g), "Time passes (toward 40)");
    }

    fn change(issue: IssueIx, from: Level, to: Level, by: PartyIx) -> Change {
        Change {
            issue,
            from,
            to,
            by,
        }
    }

    /// The text has moved this week only where some clause ends away from where it opened.
    #[test]
    fn changes_that_cancel_out_leave_the_text_unmoved() {
        let mut d = Draft::default();
        assert!(!d.moved_by(0));
        d.changes = vec![
            change(0, Some(1), Some(2), 0),
            change(0, Some(2), Some(1), 1),
        ];
        assert!(d.moved_by(1), "A → B");
        assert!(!d.moved_by(2), "A → B → A");
        d.changes.push(change(3, None, Some(0), 1));
        assert!(d.moved_by(3), "another clause moved");
        d.changes.push(change(3, Some(0), None, 0));
        assert!(!d.moved_by(4), "both back where they opened");
        assert!(!d.moved_by(99), "past the changes: all of them");
    }
}
