//! Feasibility analysis: is there a package of issue levels that keeps the red lines of every
//! party whose consent a deal needs (the negotiators and the signatories, together "the
//! consenting parties" here) and gives each at least its reservation value? If so, which one
//! maximises the Nash product; if not, which red lines clash.
//!
//! Exact branch and bound over the issues. Red lines that bind each of their issues on its own
//! first narrow each issue's options; a red line kept by any one of several parts is checked on
//! each whole package. The search bounds each party's utility by the best it could still get
//! from the remaining issues and prunes any branch that cannot reach every reservation value or
//! beat the best product found; a weighted objective with floors (the text a party tables) is
//! also bounded with the floors folded in (see [`Relaxed`]). A work budget keeps the worst
//! case (16 issues of 6 levels, 15 negotiators) under a second on one core; `exact` says
//! whether the search finished, and when it did not the package found is the best within the
//! budget, a bound and not the optimum.

use serde::Serialize;

use super::model::{IssueIx, Level, PartyIx, RedLine, Scenario};

/// The most packages (after red lines) the bargaining range is counted over.
pub const COUNT_LIMIT: f64 = 2_000_000.0;

/// Bound evaluations (one per option weighed at a node, per party) a search may make before it
/// settles for the best package found so far: about half a second on one core, whatever the
/// number of parties.
pub const WORK_BUDGET: u64 = 30_000_000;

/// The best package found.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Package {
    /// One level per issue.
    pub levels: Vec<Level>,
    /// Each negotiator's utility (0–1), in negotiator order.
    pub utilities: Vec<(PartyIx, f64)>,
    /// Product of each negotiator's utility above its reservation value.
    pub nash: f64,
}

/// Red lines of different negotiators that no level of one issue can keep together.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Clash {
    pub issue: IssueIx,
    /// (party, index into its `red_lines`).
    pub red_lines: Vec<(PartyIx, usize)>,
}

/// The result of [`analyse`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    /// The best package, if any keeps every red line and every reservation value.
    pub best: Option<Package>,
    /// Issues on which the negotiators' red lines leave no option.
    pub clashes: Vec<Clash>,
    /// Negotiators who cannot reach their reservation value under the red lines:
    /// (party, the best utility it can get, its reservation value).
    pub short: Vec<(PartyIx, f64, f64)>,
    /// Reservation values used, in negotiator order.
    pub reservations: Vec<(PartyIx, f64)>,
    /// How many packages there are in all.
    pub packages: f64,
    /// The bargaining range: how many packages keep every red line and give every negotiator
    /// its reservation value (counted by [`analyse`] only; `None` when there are more than
    /// [`COUNT_LIMIT`] to look at).
    pub range: Option<u64>,
    /// Nodes visited by the search.
    pub nodes: u64,
    /// False when the node budget ran out before the search finished.
    pub exact: bool,
}

impl Analysis {
    pub fn feasible(&self) -> bool {
        self.best.is_some()
    }
}

/// Analyses the scenario with the reservation values at its starting tension and support, and
/// counts the bargaining range.
pub fn analyse(s: &Scenario) -> Analysis {
    let res: Vec<(PartyIx, f64)> = s
        .consenting
        .iter()
        .map(|&p| {
            let party = &s.parties[p];
            (
                p,
                party
                    .reservation
                    .at(s.tension.start, party.domestic.hardliners.support),
            )
        })
        .collect();
    let mut a = analyse_with(s, &res);
    if a.clashes.is_empty() {
        let floors: Vec<f64> = res.iter().map(|r| r.1).collect();
        a.range = Space::of(s, &s.consenting).count(&floors);
    }
    a
}

/// Analyses the scenario with the given reservation values (one per negotiator).
pub fn analyse_with(s: &Scenario, reservations: &[(PartyIx, f64)]) -> Analysis {
    let negs: Vec<PartyIx> = reservations.iter().map(|r| r.0).collect();
    let space = Space::of(s, &negs);
    let mut out = Analysis {
        best: None,
        clashes: space.clashes.clone(),
        short: Vec::new(),
        reservations: reservations.to_vec(),
        packages: space.packages,
        range: None,
        nodes: 0,
        exact: true,
    };
    if !out.clashes.is_empty() {
        return out;
    }
    for (k, &(p, r)) in reservations.iter().enumerate() {
        if space.most(k) < r - 1e-12 {
            out.short.push((p, space.most(k), r));
        }
    }
    if !out.short.is_empty() {
        return out;
    }
    let res: Vec<f64> = reservations.iter().map(|r| r.1).collect();
    let found = space.search(Objective::Nash, &res);
    out.nodes = found.nodes;
    out.exact = found.exact;
    if let Some(levels) = found.best {
        out.best = Some(space.package(s, levels, &res));
    } else if !space.joint.is_empty() && {
        // Only a search that finished proves no text keeps them.
        let any_text = space.search(Objective::Sum, &vec![0.0; res.len()]);
        any_text.best.is_none() && any_text.exact
    } {
        // No text keeps every red line at all, whatever it is worth: a red line kept by any
        // of several parts clashes with the others on those issues.
        let joint: Vec<IssueIx> = negs
            .iter()
            .flat_map(|&p| &s.parties[p].red_lines)
            .filter(|r| !r.binds_each_issue())
            .flat_map(|r| r.parts.iter().map(|part| part.issue))
            .collect();
        out.clashes.push(Clash {
            issue: joint[0],
            red_lines: red_lines_where(s, &negs, |r| {
                r.parts.iter().any(|part| joint.contains(&part.issue))
            }),
        });
    } else {
        // Every negotiator can reach its reservation alone, but never all at once.
        for (k, &(p, r)) in reservations.iter().enumerate() {
            out.short.push((p, space.most(k), r));
        }
    }
    out
}

/// The best text for negotiator `p` that keeps every negotiator's red lines and gives each of
/// the others at least its reservation value (and `p` at least its own): what `p` could have
/// had with every other negotiator willing. `None` when no text satisfies them all.
pub fn best_for(s: &Scenario, reservations: &[(PartyIx, f64)], p: PartyIx) -> Option<Package> {
    let negs: Vec<PartyIx> = reservations.iter().map(|r| r.0).collect();
    let k = negs.iter().position(|&q| q == p)?;
    let space = Space::of(s, &negs);
    if !space.clashes.is_empty() {
        return None;
    }
    let res: Vec<f64> = reservations.iter().map(|r| r.1).collect();
    let levels = space.search(Objective::Utility(k), &res).best?;
    Some(space.package(s, levels, &res))
}

/// The best package for party `p` outside the consent (a spoiler, a regional state): the one
/// it values most among those the consenting parties would sign, each keeping its red lines
/// and getting at least its reservation in `reservations` ((party, reservation) for every
/// party whose consent a deal needs). `None` when no package reaches every floor.
pub fn best_outside(s: &Scenario, reservations: &[(PartyIx, f64)], p: PartyIx) -> Option<Package> {
    let negs: Vec<PartyIx> = reservations.iter().map(|r| r.0).collect();
    let space = Space::of(s, &negs);
    if !space.clashes.is_empty() {
        return None;
    }
    let value = |k: usize, i: IssueIx, l: Level| {
        let q = if k == 0 { p } else { negs[k - 1] };
        let pref = &s.parties[q].prefs[i];
        pref.weight * pref.value(l)
    };
    let mut floors = vec![0.0];
    floors.extend(reservations.iter().map(|r| r.1));
    let mut weights = vec![0.0; floors.len()];
    weights[0] = 1.0;
    let levels = best_package(s, value, &floors, &weights)?;
    let res: Vec<f64> = reservations.iter().map(|r| r.1).collect();
    Some(space.package(s, levels, &res))
}

/// Whether a package is Pareto-optimal among the packages that keep every negotiator's red
/// lines: no such package gives every negotiator at least as much and one of them more.
/// (A package that breaks a red line is never optimal.)
pub fn pareto_optimal(s: &Scenario, package: &[Level]) -> bool {
    let negs = &s.consenting;
    if !negs.iter().all(|&p| s.keeps_red_lines(p, package)) {
        return false;
    }
    let space = Space::of(s, negs);
    let own: Vec<f64> = negs.iter().map(|&p| s.utility(p, package)).collect();
    let floor: Vec<f64> = own.iter().map(|u| u - 1e-9).collect();
    let total: f64 = own.iter().sum();
    let found = space.search(Objective::Sum, &floor);
    found.best.is_none_or(|levels| {
        let better: f64 = negs.iter().map(|&p| s.utility(p, &levels)).sum();
        better <= total + 1e-9
    })
}

/// The product of each negotiator's utility above its reservation value (0 if any is below).
pub fn nash_product(s: &Scenario, reservations: &[(PartyIx, f64)], package: &[Level]) -> f64 {
    reservations
        .iter()
        .map(|&(p, r)| (s.utility(p, package) - r).max(0.0))
        .product()
}

/// The packages a search may pick from: the options of each issue that keep every listed
/// negotiator's red lines, each negotiator's weighted utility of each, and the most each can
/// still gain from the issues after a given one.
///
/// Flat, for the searches' inner loop: every issue's options one after another (a *slot* is an
/// index into `allowed`), and every per-slot or per-issue number with the values side by side.
struct Space {
    negs: Vec<PartyIx>,
    /// The allowed options, issue after issue, each issue's most jointly valued first: issue
    /// `ix` has slots `start[ix]..start[ix + 1]`.
    allowed: Vec<Level>,
    start: Vec<usize>,
    clashes: Vec<Clash>,
    packages: f64,
    /// How many values each option has (one per negotiator, or per party of an offer).
    values: usize,
    /// `contrib[slot * values + k]`: value `k` of the option in `slot`.
    contrib: Vec<f64>,
    /// `suffix[ix * values + k]`: the most value `k` can still gain from issues `ix..` on its
    /// own (`ix` up to the number of issues, where it is 0).
    suffix: Vec<f64>,
    /// The red lines kept by any one of several parts: per line, per part, its issue and
    /// whether each of the issue's allowed options keeps the part.
    joint: Vec<Vec<(IssueIx, Vec<bool>)>>,
}

/// Every red line of the parties `negs` that `pick` picks, as (party, index in its list).
fn red_lines_where(
    s: &Scenario,
    negs: &[PartyIx],
    pick: impl Fn(&RedLine) -> bool,
) -> Vec<(PartyIx, usize)> {
    negs.iter()
        .flat_map(|&p| {
            s.parties[p]
                .red_lines
                .iter()
                .enumerate()
                .filter(|(_, r)| pick(r))
                .map(move |(k, _)| (p, k))
        })
        .collect()
}

/// Whether a choice (an index into each issue's allowed options) keeps every joint red line.
fn keeps_joint(joint: &[Vec<(IssueIx, Vec<bool>)>], choice: &[usize]) -> bool {
    joint
        .iter()
        .all(|parts| parts.iter().any(|(ix, ok)| ok[choice[*ix]]))
}

/// What a search maximises among the packages that give every negotiator its floor.
#[derive(Debug, Clone, Copy)]
enum Objective<'a> {
    /// The product of the gains over the floors (the Nash product).
    Nash,
    /// One negotiator's utility.
    Utility(usize),
    /// The sum of the negotiators' utilities.
    Sum,
    /// A weighted sum of the values.
    Weighted(&'a [f64]),
}

/// What a search found.
struct Found {
    best: Option<Vec<Level>>,
    nodes: u64,
    exact: bool,
}

/// The package that maximises `Σ weights[k] × value_k` among the packages that keep every
/// negotiator's red lines and give each `value_k` at least `floors[k]`, where `value_k` is the
/// sum over issues of `value(k, issue, level)`. `None` when no package reaches every floor.
pub fn best_package(
    s: &Scenario,
    value: impl Fn(usize, IssueIx, Level) -> f64,
    floors: &[f64],
    weights: &[f64],
) -> Option<Vec<Level>> {
    let space = Space::with(s, &s.consenting, floors.len(), value);
    space.search(Objective::Weighted(weights), floors).best
}

/// The most party `p` can get from a text that keeps every negotiator's red lines (0 if none
/// does).
pub fn best_utility(s: &Scenario, p: PartyIx) -> f64 {
    let prefs = &s.parties[p].prefs;
    best_package(
        s,
        |_, i: IssueIx, l: Level| prefs[i].weight * prefs[i].value(l),
        &[0.0],
        &[1.0],
    )
    .map_or(0.0, |text| s.utility(p, &text))
}

impl Space {
    fn of(s: &Scenario, negs: &[PartyIx]) -> Self {
        Self::with(s, negs, negs.len(), |k, ix, o| {
            let pref = &s.parties[negs[k]].prefs[ix];
            pref.weight * pref.value(o)
        })
    }

    /// The options that keep the red lines of `negs`, valued by `value(k, issue, option)` for
    /// `k` in `0..values`.
    fn with(
        s: &Scenario,
        negs: &[PartyIx],
        values: usize,
        value: impl Fn(usize, IssueIx, Level) -> f64,
    ) -> Self {
        let packages: f64 = s.issues.iter().map(|i| i.options().len() as f64).product();
        let n = s.issues.len();
        let options: usize = s.issues.iter().map(|i| i.options().len()).sum();
        let mut allowed: Vec<Level> = Vec::with_capacity(options);
        let mut contrib = Vec::with_capacity(options * values);
        let mut start = Vec::with_capacity(n + 1);
        let mut clashes = Vec::new();
        // One issue's allowed options: the sum of their values, the option, and where its
        // values start in `vals` (each value is asked for once).
        let mut ranked: Vec<(f64, Level, usize)> = Vec::new();
        let mut vals: Vec<f64> = Vec::new();
        for (ix, issue) in s.issues.iter().enumerate() {
            start.push(allowed.len());
            ranked.clear();
            vals.clear();
            for o in issue
                .options()
                .filter(|&o| negs.iter().all(|&p| s.allows(p, ix, o)))
            {
                let at = vals.len();
                vals.extend((0..values).map(|k| value(k, ix, o)));
                ranked.push((vals[at..].iter().sum(), o, at));
            }
            if ranked.is_empty() {
                clashes.push(Clash {
                    issue: ix,
                    red_lines: red_lines_where(s, negs, |r| r.covers(ix) && r.binds_each_issue()),
                });
            }
            // Most jointly valued first: good packages are found early and prune more.
            ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
            for &(_, o, at) in &ranked {
                allowed.push(o);
                contrib.extend_from_slice(&vals[at..at + values]);
            }
        }
        start.push(allowed.len());
        let mut suffix = vec![0.0; (n + 1) * values];
        for ix in (0..n).rev() {
            for k in 0..values {
                let most = (start[ix]..start[ix + 1])
                    .map(|slot| contrib[slot * values + k])
                    .fold(0.0, f64::max);
                suffix[ix * values + k] = suffix[(ix + 1) * values + k] + most;
            }
        }
        let joint = negs
            .iter()
            .flat_map(|&p| &s.parties[p].red_lines)
            .filter(|r| !r.binds_each_issue())
            .map(|r| {
                r.parts
                    .iter()
                    .map(|part| {
                        let ix = part.issue;
                        let ok = allowed[start[ix]..start[ix + 1]]
                            .iter()
                            .map(|&o| part.rule.allows(o))
                            .collect();
                        (ix, ok)
                    })
                    .collect()
            })
            .collect();
        Self {
            negs: negs.to_vec(),
            allowed,
            start,
            clashes,
            packages,
            values,
            contrib,
            suffix,
            joint,
        }
    }

    /// The number of issues.
    fn issues(&self) -> usize {
        self.start.len() - 1
    }

    /// The most value `k` can get from all the issues on its own.
    fn most(&self, k: usize) -> f64 {
        self.suffix[k]
    }

    /// How many packages give every negotiator at least its floor, if there are at most
    /// [`COUNT_LIMIT`] to look at.
    fn count(&self, floors: &[f64]) -> Option<u64> {
        let n: f64 = self
            .start
            .windows(2)
            .map(|w| (w[1] - w[0]) as f64)
            .product();
        if n > COUNT_LIMIT {
            return None;
        }
        fn go(sp: &Space, ix: usize, acc: &mut [f64], floors: &[f64], ch: &mut [usize]) -> u64 {
            let v = sp.values;
            if ix == sp.issues() {
                let reach = acc.iter().zip(floors).all(|(u, r)| *u >= r - 1e-12);
                return u64::from(reach && keeps_joint(&sp.joint, ch));
            }
            let suffix = &sp.suffix[(ix + 1) * v..(ix + 2) * v];
            let mut total = 0;
            for (o, slot) in (sp.start[ix]..sp.start[ix + 1]).enumerate() {
                let c = &sp.contrib[slot * v..(slot + 1) * v];
                let reach = (0..v).all(|k| acc[k] + c[k] + suffix[k] >= floors[k] - 1e-12);
                if !reach {
                    continue;
                }
                acc.iter_mut().zip(c).for_each(|(a, c)| *a += c);
                ch[ix] = o;
                total += go(sp, ix + 1, acc, floors, ch);
                acc.iter_mut().zip(c).for_each(|(a, c)| *a -= c);
            }
            total
        }
        let mut choice = vec![0; self.issues()];
        Some(go(
            self,
            0,
            &mut vec![0.0; self.values],
            floors,
            &mut choice,
        ))
    }

    /// The package that maximises `objective` with every negotiator at or above its floor.
    fn search(&self, objective: Objective<'_>, floors: &[f64]) -> Found {
        self.search_with(objective, floors, self.relaxed(objective, floors))
    }

    /// [`Space::search`] with or without the relaxed bound (which changes only its speed).
    fn search_with(
        &self,
        objective: Objective<'_>,
        floors: &[f64],
        relaxed: Option<Relaxed>,
    ) -> Found {
        if !self.clashes.is_empty() {
            return Found {
                best: None,
                nodes: 0,
                exact: true,
            };
        }
        let mut search = Search {
            sp: self,
            res: floors,
            objective,
            relaxed,
            choice: vec![0; self.issues()],
            best: None,
            best_val: f64::NEG_INFINITY,
            nodes: 0,
            work: 0,
            exact: true,
        };
        let mut acc = vec![0.0; self.values];
        search.go(0, &mut acc);
        Found {
            best: search.best.map(|choice| {
                choice
                    .iter()
                    .enumerate()
                    .map(|(ix, &c)| self.allowed[self.start[ix] + c])
                    .collect()
            }),
            nodes: search.nodes,
            exact: search.exact,
        }
    }

    /// The relaxed bound of a weighted objective with a floor above zero, with `λ` the largest
    /// weight on each such value (`None` for other objectives).
    fn relaxed(&self, objective: Objective<'_>, floors: &[f64]) -> Option<Relaxed> {
        let Objective::Weighted(w) = objective else {
            return None;
        };
        if !floors.iter().any(|&f| f > 0.0) {
            return None;
        }
        let (v, n) = (self.values, self.issues());
        let scale = w.iter().copied().fold(0.0, f64::max);
        let lambda = |k: usize| if floors[k] > 0.0 { scale } else { 0.0 };
        // A value without a weight counts for nothing in the objective (see `Search::value`).
        let weights: Vec<f64> = (0..v)
            .map(|k| w.get(k).copied().unwrap_or(0.0) + lambda(k))
            .collect();
        // A package counts as reaching a floor 1e-12 below it (see `Search::go`).
        let floor = (0..v).map(|k| lambda(k) * (floors[k] - 1e-12)).sum();
        let slot: Vec<f64> = (0..self.allowed.len())
            .map(|s| (0..v).map(|k| weights[k] * self.contrib[s * v + k]).sum())
            .collect();
        let mut suffix = vec![0.0; n + 1];
        for ix in (0..n).rev() {
            let most = (self.start[ix]..self.start[ix + 1])
                .map(|s| slot[s])
                .fold(f64::NEG_INFINITY, f64::max);
            suffix[ix] = suffix[ix + 1] + most;
        }
        Some(Relaxed {
            weights,
            floor,
            slot,
            suffix,
        })
    }

    fn package(&self, s: &Scenario, levels: Vec<Level>, res: &[f64]) -> Package {
        let utilities: Vec<(PartyIx, f64)> = self
            .negs
            .iter()
            .map(|&p| (p, s.utility(p, &levels)))
            .collect();
        let nash = utilities.iter().zip(res).map(|((_, u), r)| u - r).product();
        Package {
            levels,
            utilities,
            nash,
        }
    }
}

/// A second bound on a weighted objective, one that counts the floors: with a multiplier
/// `λ ≥ 0` on each value that has a floor, every package that reaches its floors has
/// `Σ w·u ≤ Σ (w + λ)·u − Σ λ·floor`, and the right side is bounded issue by issue like any
/// weighted sum. It prunes the branches whose best options for the objective cannot also reach
/// the floors, which the bound of each value on its own lets through (the tabled texts' search,
/// where the objective is the others' value and the floor is the party's own).
struct Relaxed {
    /// `w + λ`, per value.
    weights: Vec<f64>,
    /// `Σ λ·floor` (each floor less the tolerance a package may fall short of it by).
    floor: f64,
    /// `slot[s]`: `Σ (w + λ)·value` of the option in slot `s`.
    slot: Vec<f64>,
    /// `suffix[ix]`: the most `Σ (w + λ)·value` from issues `ix..`.
    suffix: Vec<f64>,
}

/// How far below the best found the relaxed bound must fall to prune: far above rounding, so
/// the search finds exactly the package it finds without the bound, only sooner. (Where the
/// search runs out of its work budget, the branches the bound cut cost nothing, so it gets
/// further and may find a better package than it did without the bound.)
const RELAXED_MARGIN: f64 = 1e-9;

struct Search<'a> {
    sp: &'a Space,
    res: &'a [f64],
    objective: Objective<'a>,
    relaxed: Option<Relaxed>,
    /// The option picked on each issue so far (an index among the issue's allowed options).
    choice: Vec<usize>,
    best: Option<Vec<usize>>,
    best_val: f64,
    nodes: u64,
    /// Bound evaluations so far (see [`WORK_BUDGET`]).
    work: u64,
    exact: bool,
}

impl Search<'_> {
    fn go(&mut self, ix: usize, acc: &mut [f64]) {
        let sp = self.sp;
        let v = sp.values;
        let n = self.choice.len();
        self.nodes += 1;
        let options = if ix < n {
            sp.start[ix + 1] - sp.start[ix]
        } else {
            0
        };
        self.work += (options * v) as u64;
        if self.work > WORK_BUDGET {
            self.exact = false;
            return;
        }
        if ix == n {
            let val = self.value(acc.iter().copied());
            if acc.iter().zip(self.res).all(|(u, r)| *u >= r - 1e-12)
                && val > self.best_val + 1e-12
                && keeps_joint(&sp.joint, &self.choice)
            {
                self.best_val = val;
                self.best = Some(self.choice.clone());
            }
            return;
        }
        let suffix = &sp.suffix[(ix + 1) * v..(ix + 2) * v];
        // The relaxed bound of every option here, less the option's own part.
        let relaxed = self.relaxed.as_ref().map(|r| {
            let so_far: f64 = r.weights.iter().zip(&*acc).map(|(w, a)| w * a).sum();
            so_far + r.suffix[ix + 1] - r.floor
        });
        for o in 0..options {
            let slot = sp.start[ix] + o;
            let c = &sp.contrib[slot * v..(slot + 1) * v];
            let ub = |k: usize| acc[k] + c[k] + suffix[k];
            let possible = (0..v).all(|k| ub(k) >= self.res[k] - 1e-12);
            if !possible || self.value((0..v).map(ub)) <= self.best_val + 1e-12 {
                continue;
            }
            if let (Some(base), Some(r)) = (relaxed, &self.relaxed)
                && base + r.slot[slot] < self.best_val + 1e-12 - RELAXED_MARGIN
            {
                continue;
            }
            acc.iter_mut().zip(c).for_each(|(a, c)| *a += c);
            self.choice[ix] = o;
            self.go(ix + 1, acc);
            acc.iter_mut().zip(c).for_each(|(a, c)| *a -= c);
            if !self.exact {
                return;
            }
        }
    }

    /// The objective of a package whose negotiators get `utilities` (or, for a bound, could
    /// get at most that much).
    #[inline(always)]
    fn value(&self, mut utilities: impl Iterator<Item = f64>) -> f64 {
        match self.objective {
            Objective::Nash => utilities.zip(self.res).map(|(u, r)| u - r).product(),
            Objective::Utility(k) => utilities.nth(k).unwrap_or(0.0),
            Objective::Sum => utilities.sum(),
            Objective::Weighted(w) => utilities.zip(w).map(|(u, w)| u * w).sum(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::GameRng;
    use crate::testkit::{geneva, vienna};

    /// The search for a tabled text (the party's own utility with a floor, the others' values
    /// as it believes them the objective) finds the very package with the relaxed bound as
    /// without it, and that package is the best of all packages by exhaustive enumeration.
    #[test]
    fn the_relaxed_bound_changes_nothing_but_the_nodes() {
        let mut rng = GameRng::new(5);
        let (mut fewer, mut found) = (0u64, 0usize);
        for s in [geneva(), vienna()] {
            let negs = &s.consenting;
            let options: Vec<Vec<Level>> = s.issues.iter().map(|i| i.options().collect()).collect();
            // The packages that keep every red line, listed once.
            let mut keeping = Vec::new();
            let mut idx = vec![0usize; options.len()];
            'all: loop {
                let pkg: Vec<Level> = idx
                    .iter()
                    .enumerate()
                    .map(|(i, &k)| options[i][k])
                    .collect();
                if negs.iter().all(|&q| s.keeps_red_lines(q, &pkg)) {
                    keeping.push(pkg);
                }
                for k in 0..idx.len() {
                    idx[k] += 1;
                    if idx[k] < options[k].len() {
                        continue 'all;
                    }
                    idx[k] = 0;
                }
                break;
            }
            for round in 0..60 {
                let p = negs[round % negs.len()];
                let believed: Vec<Vec<f64>> = negs
                    .iter()
                    .map(|_| (0..s.issues.len()).map(|_| rng.below(100) as f64).collect())
                    .collect();
                let value = |k: usize, i: IssueIx, l: Level| {
                    let q = if k == 0 { p } else { negs[k] };
                    let pref = &s.parties[q].prefs[i];
                    if k == 0 {
                        pref.weight * pref.value(l)
                    } else {
                        believed[k][i] / 100.0 * pref.value(l)
                    }
                };
                let mut floors = vec![0.0; negs.len()];
                floors[0] = rng.below(80) as f64 / 100.0;
                let mut weights = vec![1.0; negs.len()];
                weights[0] = 1e-3;
                let space = Space::with(&s, negs, negs.len(), value);
                let objective = Objective::Weighted(&weights);
                let plain = space.search_with(objective, &floors, None);
                let relaxed = space.search(objective, &floors);
                assert_eq!(plain.best, relaxed.best);
                assert!(relaxed.nodes <= plain.nodes);
                fewer += plain.nodes - relaxed.nodes;
                // Every package that keeps the red lines, one by one.
                let total = |pkg: &[Level], k: usize| -> f64 {
                    pkg.iter().enumerate().map(|(i, &l)| value(k, i, l)).sum()
                };
                let best = keeping
                    .iter()
                    .filter(|pkg| (0..negs.len()).all(|k| total(pkg, k) >= floors[k] - 1e-12))
                    .map(|pkg| -> f64 { (0..negs.len()).map(|k| weights[k] * total(pkg, k)).sum() })
                    .reduce(f64::max);
                match (&relaxed.best, best) {
                    (Some(pkg), Some(b)) => {
                        found += 1;
                        let v: f64 = (0..negs.len()).map(|k| weights[k] * total(pkg, k)).sum();
                        assert!((v - b).abs() < 1e-9, "search {v} vs every package {b}");
                    }
                    (None, None) => {}
                    (got, all) => panic!("search {got:?} vs every package {all:?}"),
                }
            }
        }
        assert!(found > 60, "most rounds have a text ({found})");
        assert!(fewer > 0, "the bound prunes");
    }
}
