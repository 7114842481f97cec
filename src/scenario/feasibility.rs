//! Feasibility analysis: is there a package of issue levels that keeps every negotiator's red
//! lines and gives each at least its reservation value? If so, which one maximises the Nash
//! product; if not, which red lines clash.
//!
//! Exact branch and bound over the issues. Red lines concern one issue each, so they first
//! narrow each issue's options; the search then bounds each negotiator's utility by the best
//! it could still get from the remaining issues and prunes any branch that cannot reach every
//! reservation value or beat the best product found. A node budget keeps the worst case
//! bounded; `exact` says whether the search finished.

use serde::Serialize;

use super::model::{IssueIx, Level, PartyIx, Scenario};

/// Nodes the search may visit before it settles for the best package found so far.
pub const NODE_BUDGET: u64 = 20_000_000;

/// The best package found.
#[derive(Debug, Clone, PartialEq, Serialize)]
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

/// Analyses the scenario with the reservation values at its starting tension and support.
pub fn analyse(s: &Scenario) -> Analysis {
    let res: Vec<(PartyIx, f64)> = s
        .negotiators
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
    analyse_with(s, &res)
}

/// Analyses the scenario with the given reservation values (one per negotiator).
pub fn analyse_with(s: &Scenario, reservations: &[(PartyIx, f64)]) -> Analysis {
    let negs: Vec<PartyIx> = reservations.iter().map(|r| r.0).collect();
    let packages: f64 = s.issues.iter().map(|i| i.options().len() as f64).product();
    // Options of each issue that keep every negotiator's red lines.
    let mut allowed: Vec<Vec<Level>> = Vec::with_capacity(s.issues.len());
    let mut clashes = Vec::new();
    for (ix, issue) in s.issues.iter().enumerate() {
        let mut opts: Vec<Level> = issue
            .options()
            .into_iter()
            .filter(|&o| negs.iter().all(|&p| s.allows(p, ix, o)))
            .collect();
        if opts.is_empty() {
            let red_lines = negs
                .iter()
                .flat_map(|&p| {
                    s.parties[p]
                        .red_lines
                        .iter()
                        .enumerate()
                        .filter(|(_, r)| r.issue == ix)
                        .map(move |(k, _)| (p, k))
                })
                .collect();
            clashes.push(Clash {
                issue: ix,
                red_lines,
            });
        }
        // Most jointly valued first: good packages are found early and prune more.
        opts.sort_by(|a, b| {
            let va: f64 = negs
                .iter()
                .map(|&p| s.parties[p].prefs[ix].weight * s.parties[p].prefs[ix].value(*a))
                .sum();
            let vb: f64 = negs
                .iter()
                .map(|&p| s.parties[p].prefs[ix].weight * s.parties[p].prefs[ix].value(*b))
                .sum();
            vb.total_cmp(&va)
        });
        allowed.push(opts);
    }
    let mut out = Analysis {
        best: None,
        clashes,
        short: Vec::new(),
        reservations: reservations.to_vec(),
        packages,
        nodes: 0,
        exact: true,
    };
    if !out.clashes.is_empty() {
        return out;
    }
    // contrib[k][ix][o]: negotiator k's weighted utility of option o of issue ix.
    let contrib: Vec<Vec<Vec<f64>>> = negs
        .iter()
        .map(|&p| {
            let party = &s.parties[p];
            allowed
                .iter()
                .enumerate()
                .map(|(ix, opts)| {
                    opts.iter()
                        .map(|&o| party.prefs[ix].weight * party.prefs[ix].value(o))
                        .collect()
                })
                .collect()
        })
        .collect();
    // suffix[k][ix]: the most negotiator k can still gain from issues ix.. on its own.
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
    for (k, &(p, r)) in reservations.iter().enumerate() {
        if suffix[k][0] < r - 1e-12 {
            out.short.push((p, suffix[k][0], r));
        }
    }
    if !out.short.is_empty() {
        return out;
    }
    let res: Vec<f64> = reservations.iter().map(|r| r.1).collect();
    let mut search = Search {
        contrib: &contrib,
        suffix: &suffix,
        res: &res,
        choice: vec![0; n],
        best: None,
        best_val: -1.0,
        nodes: 0,
        exact: true,
    };
    let mut acc = vec![0.0; negs.len()];
    search.go(0, &mut acc);
    out.nodes = search.nodes;
    out.exact = search.exact;
    if let Some(choice) = search.best {
        let levels: Vec<Level> = choice
            .iter()
            .enumerate()
            .map(|(ix, &c)| allowed[ix][c])
            .collect();
        let utilities: Vec<(PartyIx, f64)> =
            negs.iter().map(|&p| (p, s.utility(p, &levels))).collect();
        let nash = utilities
            .iter()
            .zip(&res)
            .map(|((_, u), r)| u - r)
            .product();
        out.best = Some(Package {
            levels,
            utilities,
            nash,
        });
    } else {
        // Every negotiator can reach its reservation alone, but never all at once.
        for (k, &(p, r)) in reservations.iter().enumerate() {
            out.short.push((p, suffix[k][0], r));
        }
    }
    out
}

struct Search<'a> {
    contrib: &'a [Vec<Vec<f64>>],
    suffix: &'a [Vec<f64>],
    res: &'a [f64],
    choice: Vec<usize>,
    best: Option<Vec<usize>>,
    best_val: f64,
    nodes: u64,
    exact: bool,
}

impl Search<'_> {
    fn go(&mut self, ix: usize, acc: &mut [f64]) {
        self.nodes += 1;
        if self.nodes > NODE_BUDGET {
            self.exact = false;
            return;
        }
        let n = self.choice.len();
        if ix == n {
            let val: f64 = acc.iter().zip(self.res).map(|(u, r)| u - r).product();
            if acc.iter().zip(self.res).all(|(u, r)| *u >= r - 1e-12) && val > self.best_val + 1e-12
            {
                self.best_val = val;
                self.best = Some(self.choice.clone());
            }
            return;
        }
        let options = self.contrib[0][ix].len();
        for o in 0..options {
            let mut bound = 1.0;
            let mut possible = true;
            for (k, a) in acc.iter().enumerate() {
                let ub = a + self.contrib[k][ix][o] + self.suffix[k][ix + 1];
                if ub < self.res[k] - 1e-12 {
                    possible = false;
                    break;
                }
                bound *= ub - self.res[k];
            }
            if !possible || bound <= self.best_val + 1e-12 {
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
