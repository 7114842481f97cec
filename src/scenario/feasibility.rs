//! Feasibility analysis: is there a package of issue levels that keeps the red lines of every
//! party whose consent a deal needs (the negotiators and the signatories, together "the
//! consenting parties" here) and gives each at least its reservation value? If so, which one
//! maximises the Nash product; if not, which red lines clash.
//!
//! Exact branch and bound over the issues. Red lines that bind each of their issues on its own
//! first narrow each issue's options; a red line kept by any one of several parts is checked on
//! each whole package. The search bounds each party's utility by the best it could still get
//! from the remaining issues and prunes any branch that cannot reach every reservation value or
//! beat the best product found. A work budget keeps the worst case (16 issues of 6 levels, 15
//! negotiators) under a second on one core; `exact` says whether the search finished, and when
//! it did not the package found is the best within the budget, a bound and not the optimum.

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
        if space.suffix[k][0] < r - 1e-12 {
            out.short.push((p, space.suffix[k][0], r));
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
            out.short.push((p, space.suffix[k][0], r));
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
struct Space {
    negs: Vec<PartyIx>,
    allowed: Vec<Vec<Level>>,
    clashes: Vec<Clash>,
    packages: f64,
    /// `contrib[k][ix][o]`: negotiator k's weighted utility of option o of issue ix.
    contrib: Vec<Vec<Vec<f64>>>,
    /// `suffix[k][ix]`: the most negotiator k can still gain from issues ix.. on its own.
    suffix: Vec<Vec<f64>>,
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
        let mut allowed: Vec<Vec<Level>> = Vec::with_capacity(s.issues.len());
        let mut clashes = Vec::new();
        let joint = |ix: usize, o: Level| -> f64 { (0..values).map(|k| value(k, ix, o)).sum() };
        for (ix, issue) in s.issues.iter().enumerate() {
            let mut opts: Vec<Level> = issue
                .options()
                .into_iter()
                .filter(|&o| negs.iter().all(|&p| s.allows(p, ix, o)))
                .collect();
            if opts.is_empty() {
                clashes.push(Clash {
                    issue: ix,
                    red_lines: red_lines_where(s, negs, |r| r.covers(ix) && r.binds_each_issue()),
                });
            }
            // Most jointly valued first: good packages are found early and prune more.
            opts.sort_by(|a, b| joint(ix, *b).total_cmp(&joint(ix, *a)));
            allowed.push(opts);
        }
        let contrib: Vec<Vec<Vec<f64>>> = (0..values)
            .map(|k| {
                allowed
                    .iter()
                    .enumerate()
                    .map(|(ix, opts)| opts.iter().map(|&o| value(k, ix, o)).collect())
                    .collect()
            })
            .collect();
        let n = allowed.len();
        let suffix: Vec<Vec<f64>> = contrib
            .iter()
            .map(|c| {
                let mut v = vec![0.0; n + 1];
                for ix in (0..n).rev() {
                    v[ix] = v[ix + 1] + c[ix].iter().copied().fold(0.0, f64::max);
                }
                v
            })
            .collect();
        let joint = negs
            .iter()
            .flat_map(|&p| &s.parties[p].red_lines)
            .filter(|r| !r.binds_each_issue())
            .map(|r| {
                r.parts
                    .iter()
                    .map(|part| {
                        let ok = allowed[part.issue]
                            .iter()
                            .map(|&o| part.rule.allows(o))
                            .collect();
                        (part.issue, ok)
                    })
                    .collect()
            })
            .collect();
        Self {
            negs: negs.to_vec(),
            allowed,
            clashes,
            packages,
            contrib,
            suffix,
            joint,
        }
    }

    /// How many packages give every negotiator at least its floor, if there are at most
    /// [`COUNT_LIMIT`] to look at.
    fn count(&self, floors: &[f64]) -> Option<u64> {
        let n: f64 = self.allowed.iter().map(|o| o.len() as f64).product();
        if n > COUNT_LIMIT {
            return None;
        }
        fn go(sp: &Space, ix: usize, acc: &mut [f64], floors: &[f64], ch: &mut [usize]) -> u64 {
            if ix == sp.allowed.len() {
                let reach = acc.iter().zip(floors).all(|(u, r)| *u >= r - 1e-12);
                return u64::from(reach && keeps_joint(&sp.joint, ch));
            }
            let mut total = 0;
            for o in 0..sp.allowed[ix].len() {
                let reach = (0..acc.len()).all(|k| {
                    acc[k] + sp.contrib[k][ix][o] + sp.suffix[k][ix + 1] >= floors[k] - 1e-12
                });
                if !reach {
                    continue;
                }
                acc.iter_mut()
                    .enumerate()
                    .for_each(|(k, a)| *a += sp.contrib[k][ix][o]);
                ch[ix] = o;
                total += go(sp, ix + 1, acc, floors, ch);
                acc.iter_mut()
                    .enumerate()
                    .for_each(|(k, a)| *a -= sp.contrib[k][ix][o]);
            }
            total
        }
        let mut choice = vec![0; self.allowed.len()];
        Some(go(
            self,
            0,
            &mut vec![0.0; self.contrib.len()],
            floors,
            &mut choice,
        ))
    }

    /// The package that maximises `objective` with every negotiator at or above its floor.
    fn search(&self, objective: Objective<'_>, floors: &[f64]) -> Found {
        if !self.clashes.is_empty() {
            return Found {
                best: None,
                nodes: 0,
                exact: true,
            };
        }
        let mut search = Search {
            joint: &self.joint,
            contrib: &self.contrib,
            suffix: &self.suffix,
            res: floors,
            objective,
            choice: vec![0; self.allowed.len()],
            best: None,
            best_val: f64::NEG_INFINITY,
            nodes: 0,
            work: 0,
            exact: true,
        };
        let mut acc = vec![0.0; self.contrib.len()];
        search.go(0, &mut acc);
        Found {
            best: search.best.map(|choice| {
                choice
                    .iter()
                    .enumerate()
                    .map(|(ix, &c)| self.allowed[ix][c])
                    .collect()
            }),
            nodes: search.nodes,
            exact: search.exact,
        }
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

struct Search<'a> {
    joint: &'a [Vec<(IssueIx, Vec<bool>)>],
    contrib: &'a [Vec<Vec<f64>>],
    suffix: &'a [Vec<f64>],
    res: &'a [f64],
    objective: Objective<'a>,
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
        self.nodes += 1;
        self.work += (self.contrib[0].get(ix).map_or(0, Vec::len) * self.contrib.len()) as u64;
        if self.work > WORK_BUDGET {
            self.exact = false;
            return;
        }
        let n = self.choice.len();
        if ix == n {
            let val = self.value(acc.iter().copied());
            if acc.iter().zip(self.res).all(|(u, r)| *u >= r - 1e-12)
                && val > self.best_val + 1e-12
                && keeps_joint(self.joint, &self.choice)
            {
                self.best_val = val;
                self.best = Some(self.choice.clone());
            }
            return;
        }
        let options = self.contrib[0][ix].len();
        for o in 0..options {
            let ub = |k: usize| acc[k] + self.contrib[k][ix][o] + self.suffix[k][ix + 1];
            let possible = (0..acc.len()).all(|k| ub(k) >= self.res[k] - 1e-12);
            if !possible || self.value((0..acc.len()).map(ub)) <= self.best_val + 1e-12 {
                continue;
            }
            for (k, a) in acc.iter_mut().enumerate() {
                *a += self.contrib[k][ix][o];
            }
            self.choice[ix] = o;
            self.go(ix + 1, acc);
            for (k, a) in acc.iter_mut().enumerate() {
                *a -= self.contrib[k][ix][o];
            }
            if !self.exact {
                return;
            }
        }
    }
}

impl Search<'_> {
    /// The objective of a package whose negotiators get `utilities` (or, for a bound, could
    /// get at most that much).
    fn value(&self, mut utilities: impl Iterator<Item = f64>) -> f64 {
        match self.objective {
            Objective::Nash => utilities.zip(self.res).map(|(u, r)| u - r).product(),
            Objective::Utility(k) => utilities.nth(k).unwrap_or(0.0),
            Objective::Sum => utilities.sum(),
            Objective::Weighted(w) => utilities.zip(w).map(|(u, w)| u * w).sum(),
        }
    }
}
