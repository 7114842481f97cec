//! The checked scenario: ids resolved to indices, ranges validated, utilities tabulated.
//!
//! Everything outside `scenario` works on these types only.

use serde::{Deserialize, Serialize};

pub use super::raw::{Camp, RawEnding as Ending, Role, TargetKind, Tone, Toward};

/// The most troops a force or a `Troops` effect may count: counts stay far from overflow.
pub const MAX_TROOPS: i64 = 10_000_000;

/// Index of a party in [`Scenario::parties`].
pub type PartyIx = usize;
/// Index of an issue in [`Scenario::issues`].
pub type IssueIx = usize;
/// A level of an issue: `None` is "not addressed".
pub type Level = Option<usize>;

/// A validated scenario.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Scenario {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub venue: Option<Venue>,
    pub seed: u64,
    pub weeks: u32,
    pub tension: TensionRules,
    pub rules: Rules,
    pub scoring: Scoring,
    pub capital: Capital,
    pub turn: Turn,
    /// The flags' ids; a flag is its index (at most 64).
    pub flags: Vec<String>,
    pub ai: AiWeights,
    pub issues: Vec<Issue>,
    pub parties: Vec<Party>,
    /// `trust[from][to]`: the starting ledger of trust.
    pub trust: Vec<Vec<Ledger>>,
    /// The starting draft, one level per issue.
    pub draft: Vec<Level>,
    /// Clauses banked at the start.
    pub banked: Vec<bool>,
    pub moves: Vec<Move>,
    pub events: Vec<Event>,
    pub facts: Vec<Fact>,
    /// Advice for players, in file order.
    pub hints: Vec<Hint>,
    /// The negotiators, in party order.
    pub negotiators: Vec<PartyIx>,
    /// Every party whose consent a deal needs: the negotiators, then the signatories, each in
    /// party order. A signatory consents when the text keeps its red lines and is worth its
    /// walk-away value; it need not be at the table, trust anyone or accept.
    pub consenting: Vec<PartyIx>,
    /// A hash of the rules ([`Scenario::rules_hash`]), which saves and replays record: one made
    /// with the scenario plays on after a change of its words that no rule reads and no log
    /// records, or of its layout and comments, and is refused after any other change.
    pub hash: u64,
    /// A hash of the source text, which saves and replays of format 9 and before recorded.
    #[serde(default)]
    pub source_hash: u64,
    /// Values derived once from the rest, for the rules' inner loops.
    #[serde(skip)]
    pub derived: Derived,
}

/// Values derived from a scenario once, after validation.
#[derive(Debug, Clone, Default)]
pub struct Derived {
    /// `best[party]`: the most the party can get from a text that keeps every negotiator's red
    /// lines (what its aspiration starts from).
    pub best: Vec<f64>,
    /// `ideal[party][issue]`: the party's best option.
    pub ideal: Vec<Vec<Level>>,
    /// `joint[actor][issue]`: the option the negotiators other than `actor` value most together.
    pub joint: Vec<Vec<Level>>,
    /// `fairest[issue]`: the option keeping every negotiator's red lines with the highest lowest
    /// utility among negotiators (ties: highest sum); `None` if no option keeps them all.
    pub fairest: Vec<Option<Level>>,
    /// `allowed[party][issue][opt]`: whether the party's red lines on the issue allow the option
    /// (`opt` as [`opt`] numbers it): [`Rule::allows`] tabulated once.
    pub allowed: Vec<Vec<Vec<bool>>>,
    /// `consenting_allow[issue][opt]`: whether the red lines of every party whose consent a
    /// deal needs allow it.
    pub consenting_allow: Vec<Vec<bool>>,
    /// `kept[party]`: the party's red lines as bit sets, for [`Scenario::red_lines_kept`].
    pub kept: Vec<KeptTable>,
    /// `weighted[party * options + first[issue] + opt]`: the party's weight on the issue times
    /// its utility of the option; a package's utility is the sum of one entry per issue.
    pub weighted: Vec<f64>,
    /// `first[issue]`: where the issue's options start in a party's row of `weighted`.
    pub first: Vec<usize>,
    /// The number of options of all issues together (the length of a party's row).
    pub options: usize,
    /// Per move: what legality needs to know of it without reading its lists each time.
    pub moves: Vec<MoveTraits>,
    /// The parties of each role, as bit sets, in the order of [`Role`]'s variants.
    pub roles: Vec<(Role, u32)>,
    /// `steps[(actor * 3 + toward) * options + first[issue] + opt]`: where a one-step move of
    /// the clause from that option reaches ([`Derived::step_from`] tabulated: a step reads
    /// only the clause it moves).
    pub steps: Vec<Level>,
}

/// One party's red lines, flat: `parts[j]` is a part's issue and the options (bit `opt`) that
/// keep it; line `k`'s parts end at `lines[k].0`, and `lines[k].1` says whether any one of
/// them keeps the line (else all must).
///
/// For a party with at most 64 red lines the same as one word per option, so that a package is
/// counted in one pass over the issues its red lines name (`issues`, each with where its options
/// start in the words): `breaks[first[issue] + opt]` has bit `k` set when the option breaks
/// line `k`, a line whose parts must all be kept, and `keeps[..]` when it keeps line `k`, a
/// line kept by any one part; `all` is the number of lines of the first kind.
#[derive(Debug, Clone, Default)]
pub struct KeptTable {
    pub parts: Vec<(IssueIx, u64)>,
    pub lines: Vec<(usize, bool)>,
    pub issues: Vec<(IssueIx, usize)>,
    pub breaks: Vec<u64>,
    pub keeps: Vec<u64>,
    pub all: usize,
}

/// What legality asks of a move, read once from its conditions and effects.
#[derive(Debug, Clone, Copy, Default)]
pub struct MoveTraits {
    /// It is made for a party away from the table (`Absent(Actor)` among its conditions).
    pub for_absent: bool,
    /// It concedes (`Draft(Others)`), so the concession floor applies.
    pub concedes: bool,
    /// It moves a clause toward its actor (`Draft(Actor)`).
    pub pushes: bool,
    /// It accepts the text (`Accept`).
    pub accepts: bool,
    /// It changes the text (`Draft`, `Bridge`, `Offer` or `Clause`).
    pub redrafts: bool,
    /// It bridges (`Bridge`): it is offered only while there is a clause to bridge.
    pub bridges: bool,
    /// It moves one clause a step (`Draft` or `Bridge`): offered only while the step would
    /// change the text, and free when the acts before it in its week leave it nothing to change.
    pub steps: bool,
    /// The parties that may use it (bit `p` for party `p`): [`Move::usable_by`] tabulated.
    pub users: u32,
    /// It does nothing but spend or earn political capital (it has no effect but `Tension(0)`):
    /// a party watching the talks.
    pub idle: bool,
}

/// The index of an option of an issue in the derived tables: "not addressed" is 0, level `l`
/// is `l + 1`.
pub fn opt(level: Level) -> usize {
    level.map_or(0, |l| l + 1)
}

impl Derived {
    /// Computes the derived values of a scenario.
    pub fn of(s: &Scenario) -> Self {
        let table = |f: &dyn Fn(IssueIx, Level) -> bool| -> Vec<Vec<bool>> {
            s.issues
                .iter()
                .enumerate()
                .map(|(i, issue)| {
                    let mut row = vec![false; issue.levels.len() + 1];
                    for o in issue.options() {
                        row[opt(o)] = f(i, o);
                    }
                    row
                })
                .collect()
        };
        let allowed: Vec<Vec<Vec<bool>>> = s
            .parties
            .iter()
            .map(|p| table(&|i, o| p.allows(i, o)))
            .collect();
        let consenting_allow = table(&|i, o| s.consenting.iter().all(|&p| allowed[p][i][opt(o)]));
        // Each party's red lines, flat: every part as its issue and the options it allows as
        // a bit set (bit `opt`), and where each line's parts end.
        let mut kept = Vec::with_capacity(s.parties.len());
        let mut first = Vec::with_capacity(s.issues.len());
        let mut options = 0;
        for issue in &s.issues {
            first.push(options);
            options += issue.levels.len() + 1;
        }
        for p in &s.parties {
            let mut t = KeptTable::default();
            let fast = p.red_lines.len() <= 64;
            if fast {
                t.breaks = vec![0; options];
                t.keeps = vec![0; options];
            }
            for (k, r) in p.red_lines.iter().enumerate() {
                for part in &r.parts {
                    let n = s.issues[part.issue].levels.len();
                    let mask = (0..=n)
                        .filter(|&o| part.rule.allows(o.checked_sub(1)))
                        .fold(0u64, |m, o| m | 1 << o);
                    t.parts.push((part.issue, mask));
                    if !fast {
                        continue;
                    }
                    let f = first[part.issue];
                    if !t.issues.contains(&(part.issue, f)) {
                        t.issues.push((part.issue, f));
                    }
                    for o in 0..=n {
                        let kept = mask >> o & 1 == 1;
                        match r.any {
                            true if kept => t.keeps[f + o] |= 1 << k,
                            false if !kept => t.breaks[f + o] |= 1 << k,
                            _ => {}
                        }
                    }
                }
                t.lines.push((t.parts.len(), r.any));
                t.all += usize::from(!r.any);
            }
            kept.push(t);
        }
        let ideal = s
            .parties
            .iter()
            .map(|p| {
                s.issues
                    .iter()
                    .enumerate()
                    .map(|(i, issue)| p.ideal(issue, i))
                    .collect()
            })
            .collect();
        let joint = (0..s.parties.len())
            .map(|actor| {
                (0..s.issues.len())
                    .map(|i| {
                        let mut best = (f64::NEG_INFINITY, None);
                        for o in s.issues[i].options() {
                            let v: f64 = s
                                .negotiators
                                .iter()
                                .filter(|&&p| p != actor)
                                .map(|&p| s.parties[p].prefs[i].value(o))
                                .sum();
                            if v > best.0 + 1e-12 {
                                best = (v, o);
                            }
                        }
                        best.1
                    })
                    .collect()
            })
            .collect();
        let fairest = (0..s.issues.len())
            .map(|i| {
                let mut best: Option<(f64, f64, Level)> = None;
                for o in s.issues[i].options() {
                    if !consenting_allow[i][opt(o)] {
                        continue;
                    }
                    let us: Vec<f64> = s
                        .negotiators
                        .iter()
                        .map(|&p| s.parties[p].prefs[i].value(o))
                        .collect();
                    let min = us.iter().copied().fold(f64::INFINITY, f64::min);
                    let sum: f64 = us.iter().sum();
                    let better = best.is_none_or(|(bm, bs, _)| {
                        min > bm + 1e-12 || ((min - bm).abs() <= 1e-12 && sum > bs + 1e-12)
                    });
                    if better {
                        best = Some((min, sum, o));
                    }
                }
                best.map(|b| b.2)
            })
            .collect();
        let moves = s
            .moves
            .iter()
            .map(|m| MoveTraits {
                users: s
                    .parties
                    .iter()
                    .enumerate()
                    .filter(|(p, party)| m.usable_by(*p, party.role))
                    .fold(0u32, |u, (p, _)| u | 1 << p),
                for_absent: m
                    .conditions
                    .iter()
                    .any(|c| matches!(c, Condition::Absent(Subject::Actor))),
                concedes: m
                    .effects
                    .iter()
                    .any(|e| matches!(e, Effect::Draft(Toward::Others))),
                pushes: m
                    .effects
                    .iter()
                    .any(|e| matches!(e, Effect::Draft(Toward::Actor))),
                accepts: m.effects.contains(&Effect::Accept),
                bridges: m.effects.contains(&Effect::Bridge),
                steps: m
                    .effects
                    .iter()
                    .any(|e| matches!(e, Effect::Draft(_) | Effect::Bridge)),
                idle: m
                    .effects
                    .iter()
                    .all(|e| matches!(e, Effect::Tension(v) if *v == 0.0)),
                redrafts: m.effects.iter().any(|e| {
                    matches!(
                        e,
                        Effect::Draft(_) | Effect::Bridge | Effect::Offer | Effect::Clause(..)
                    )
                }),
            })
            .collect();
        let roles = [
            Role::Negotiator,
            Role::Mediator,
            Role::Spoiler,
            Role::Regional,
        ]
        .into_iter()
        .map(|r| {
            let m = s
                .parties
                .iter()
                .enumerate()
                .filter(|(_, p)| p.role == r)
                .fold(0u32, |m, (i, _)| m | 1 << i);
            (r, m)
        })
        .collect();
        let mut weighted = vec![0.0; s.parties.len() * options];
        for (p, party) in s.parties.iter().enumerate() {
            for ((i, issue), pref) in s.issues.iter().enumerate().zip(&party.prefs) {
                for o in issue.options() {
                    weighted[p * options + first[i] + opt(o)] = pref.weight * pref.value(o);
                }
            }
        }
        let mut d = Self {
            // Filled in once the tables below exist (the search reads them).
            best: Vec::new(),
            ideal,
            joint,
            fairest,
            allowed,
            consenting_allow,
            kept,
            weighted,
            first,
            options,
            moves,
            roles,
            steps: Vec::new(),
        };
        let mut steps = vec![None; s.parties.len() * TOWARD.len() * d.options];
        for actor in 0..s.parties.len() {
            for toward in TOWARD {
                for (i, issue) in s.issues.iter().enumerate() {
                    // Every option, "not addressed" included where the issue's options leave it
                    // out: a text read from outside may hold it.
                    for o in std::iter::once(None).chain((0..issue.levels.len()).map(Some)) {
                        steps[d.step_at(actor, i, toward, o)] = d.step_from(s, o, i, toward, actor);
                    }
                }
            }
        }
        d.steps = steps;
        d
    }

    /// The option that a one-step move of `issue` toward `toward` reaches from `cur`: the
    /// nearest option on the way to the goal that the side it favours values more than `cur`
    /// (so a concession always gives something and a proposal always gains), and, for a
    /// proposal, that keeps the actor's own red lines; or the goal itself. Tabulated in
    /// `steps` (see [`Derived::step`]).
    fn step_from(
        &self,
        s: &Scenario,
        cur: Level,
        issue: IssueIx,
        toward: Toward,
        actor: PartyIx,
    ) -> Level {
        let goal = match toward {
            Toward::Actor => self.ideal[actor][issue],
            Toward::Others => self.joint[actor][issue],
            Toward::Middle => self.fairest[issue].unwrap_or(None),
        };
        let allows = |o: Level| self.allowed[actor][issue][opt(o)];
        let worth = |o: Level| -> f64 {
            let v = |p: PartyIx| s.parties[p].prefs[issue].value(o);
            match toward {
                Toward::Actor => v(actor),
                Toward::Others => s
                    .negotiators
                    .iter()
                    .filter(|&&p| p != actor)
                    .map(|&p| v(p))
                    .sum(),
                Toward::Middle => s
                    .negotiators
                    .iter()
                    .map(|&p| v(p))
                    .fold(f64::INFINITY, f64::min),
            }
        };
        let here = worth(cur);
        if !s.issues[issue].ordered {
            // Levels without an order: a step to the middle goes to the fairest level; any
            // other goes straight to the best level for the side it favours that keeps the
            // actor's own red lines.
            if toward == Toward::Middle {
                return goal;
            }
            return s.issues[issue]
                .options()
                .filter(|&o| allows(o))
                .filter(|&o| worth(o) > here + 1e-9)
                .fold(None, |best: Option<(f64, Level)>, o| match best {
                    Some((w, _)) if w >= worth(o) => best,
                    _ => Some((worth(o), o)),
                })
                .map_or(cur, |(_, o)| o);
        }
        // Positions on the issue's line: "not addressed" sits one step below the first level.
        let pos = |l: Level| l.map_or(-1, |l| l as i64);
        let at = |p: i64| usize::try_from(p).ok();
        let (c, g) = (pos(cur), pos(goal));
        let step = (g - c).signum();
        let mut p = c;
        while p != g {
            p += step;
            if p < 0 && !s.issues[issue].may_be_unaddressed {
                continue;
            }
            let own = toward != Toward::Actor || allows(at(p));
            if own && worth(at(p)) > here + 1e-9 {
                return at(p);
            }
        }
        goal
    }

    /// [`Derived::step_from`], from the table.
    pub fn step(&self, actor: PartyIx, issue: IssueIx, toward: Toward, cur: Level) -> Level {
        self.steps[self.step_at(actor, issue, toward, cur)]
    }

    /// Where the step from `cur` stands in [`Derived::steps`].
    fn step_at(&self, actor: PartyIx, issue: IssueIx, toward: Toward, cur: Level) -> usize {
        let t = match toward {
            Toward::Actor => 0,
            Toward::Others => 1,
            Toward::Middle => 2,
        };
        (actor * TOWARD.len() + t) * self.options + self.first[issue] + opt(cur)
    }
}

/// Every [`Toward`], in the order of [`Derived::steps`].
const TOWARD: [Toward; 3] = [Toward::Actor, Toward::Others, Toward::Middle];

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Venue {
    pub name: String,
    pub note: String,
    pub source: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TensionRules {
    pub start: f64,
    pub war_at: f64,
    pub drift: f64,
    pub rest: f64,
    pub escalation_threshold: f64,
    pub escalation_per_point: f64,
    pub per_10k_troops: f64,
    pub troop_baseline: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Rules {
    pub default_trust: f64,
    pub reopen_cost: f64,
    pub reopen_decay: f64,
    pub bank_after: u32,
    pub collapse_after: u32,
    pub return_chance: f64,
    pub min_trust: f64,
    pub event_chance: f64,
    pub events_per_turn: u32,
}

/// What one turn is called (lowercase, singular and plural): "week"/"weeks", "day"/"days".
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Turn {
    pub one: String,
    pub many: String,
}

impl Turn {
    /// The singular with a capital letter ("Week").
    pub fn title(&self) -> String {
        let mut c = self.one.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    }

    /// "1 week", "3 weeks".
    pub fn count(&self, n: impl Into<u64>) -> String {
        let n = n.into();
        format!("{n} {}", if n == 1 { &self.one } else { &self.many })
    }
}

/// Political capital (see `RawCapital`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Capital {
    pub start: f64,
    pub max: f64,
    pub income: f64,
    pub support: f64,
    pub troops: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Scoring {
    pub deal: f64,
    pub stalemate: f64,
    pub collapse: f64,
    pub war: f64,
    pub surplus: f64,
    pub calm: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AiWeights {
    pub position: f64,
    pub war_cost: f64,
    pub domestic: f64,
    pub tone: f64,
    pub temperature: f64,
    pub deal: f64,
    pub reciprocity: f64,
    pub capital: f64,
    pub patience: u32,
    pub trust_focus: f64,
    /// How ready a mediator's AI counts a side that could not sign the text yet: this share of
    /// how near the text is to one it could sign ([`crate::rules::Stand::nearness`]). Left out
    /// of the scenario as written for its rules hash where it is [`MEDIATOR_NEARNESS`], the
    /// value before which the field did not exist was never written, so that the saves of a
    /// scenario that leaves it there stay valid.
    #[serde(
        default = "mediator_nearness",
        skip_serializing_if = "is_mediator_nearness"
    )]
    pub mediator_nearness: f64,
}

/// The default of `ai.mediator_nearness`.
pub const MEDIATOR_NEARNESS: f64 = 0.5;

fn mediator_nearness() -> f64 {
    MEDIATOR_NEARNESS
}

fn is_mediator_nearness(v: &f64) -> bool {
    *v == MEDIATOR_NEARNESS
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Issue {
    pub id: String,
    pub name: String,
    pub levels: Vec<LevelDef>,
    pub may_be_unaddressed: bool,
    /// Whether the levels have a natural order (see `RawIssue::ordered`).
    pub ordered: bool,
    pub note: String,
    pub source: Option<String>,
}

impl Issue {
    /// Every option of this issue: "not addressed" (if allowed) then each level.
    pub fn options(&self) -> impl ExactSizeIterator<Item = Level> + Clone + use<> {
        // Option `k` is "not addressed" for 0 and level `k - 1` after it.
        let first = usize::from(!self.may_be_unaddressed);
        (first..self.levels.len() + 1).map(|k| k.checked_sub(1))
    }

    /// The display name of a level.
    pub fn level_name(&self, level: Level) -> &str {
        match level {
            None => "not addressed",
            Some(l) => self.levels.get(l).map_or("?", |d| d.name.as_str()),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LevelDef {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Party {
    pub id: String,
    pub name: String,
    pub role: Role,
    pub stance: String,
    pub figures: Vec<Figure>,
    pub forces: Vec<Force>,
    pub domestic: Domestic,
    /// One preference per issue (weight 0 where the file lists none); weights sum to 1.
    pub prefs: Vec<Preference>,
    pub hidden_preferences: bool,
    pub red_lines: Vec<RedLine>,
    pub reservation: Reservation,
    /// Weekly income of political capital before support at home.
    pub income: f64,
    /// Its name takes a plural verb.
    pub plural: bool,
    /// Not at the table, but a deal needs its consent (see [`Scenario::consenting`]).
    pub signatory: bool,
    pub personality: Personality,
    pub source: Option<String>,
}

impl Party {
    /// Whether a clause of `issue` at `level` keeps every red line of this party on that issue.
    /// (A red line over several issues that any one part keeps narrows no single issue.)
    pub fn allows(&self, issue: IssueIx, level: Level) -> bool {
        self.red_lines
            .iter()
            .filter(|r| r.binds_each_issue())
            .flat_map(|r| &r.parts)
            .filter(|p| p.issue == issue)
            .all(|p| p.rule.allows(level))
    }

    /// Troops deployed in the theatre.
    pub fn theatre_troops(&self) -> i64 {
        self.forces
            .iter()
            .filter(|f| f.in_theatre)
            .map(|f| f.troops)
            .sum()
    }

    /// The ideal option of an issue (the best-valued one, first on ties).
    pub fn ideal(&self, issue: &Issue, ix: IssueIx) -> Level {
        let pref = &self.prefs[ix];
        let mut best = (f64::NEG_INFINITY, None);
        for o in issue.options() {
            let v = pref.value(o);
            if v > best.0 {
                best = (v, o);
            }
        }
        best.1
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Figure {
    pub name: String,
    pub title: String,
    pub note: String,
    pub source: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Force {
    pub location: String,
    pub troops: i64,
    pub in_theatre: bool,
    pub source: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Domestic {
    pub hardliners: Audience,
    pub moderates: Audience,
    pub concession_floor: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Audience {
    pub support: f64,
    /// Normalised so the two shares sum to 1.
    pub share: f64,
    pub inertia: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Preference {
    /// Normalised weight (all of a party's weights sum to 1, or all are 0).
    pub weight: f64,
    /// Utility of each level, 0–1.
    pub levels: Vec<f64>,
    /// Utility of leaving the issue out, 0–1.
    pub unaddressed: f64,
}

impl Preference {
    pub fn value(&self, level: Level) -> f64 {
        match level {
            None => self.unaddressed,
            Some(l) => self.levels.get(l).copied().unwrap_or(0.0),
        }
    }
}

/// A red line: a rule on one issue, or on several at once, every part kept (`any: false`) or at
/// least one (`any: true`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RedLine {
    pub parts: Vec<Part>,
    pub any: bool,
    pub text: String,
    pub source: Option<String>,
}

/// One issue's rule in a red line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Part {
    pub issue: IssueIx,
    pub rule: Rule,
}

impl RedLine {
    /// Whether a package keeps this red line: the one test every part of the game uses.
    pub fn keeps(&self, package: &[Level]) -> bool {
        let kept = |p: &Part| p.rule.allows(package[p.issue]);
        if self.any {
            self.parts.iter().any(kept)
        } else {
            self.parts.iter().all(kept)
        }
    }

    /// Whether each of its parts binds on its own issue whatever the other issues say (every
    /// red line but an `any` of several parts): only such parts narrow an issue's options.
    pub fn binds_each_issue(&self) -> bool {
        !self.any || self.parts.len() == 1
    }

    /// Whether it concerns `issue`.
    pub fn covers(&self, issue: IssueIx) -> bool {
        self.parts.iter().any(|p| p.issue == issue)
    }

    /// A short description with level names: one rule, or "all of: …; …" / "any of: …; …".
    pub fn describe(&self, issues: &[Issue]) -> String {
        self.describe_marked(issues, None)
    }

    /// [`RedLine::describe`], with each part of a red line over several issues marked ✓ or ✗
    /// when `kept` gives the parts kept (bit `j` for part `j`).
    pub fn describe_marked(&self, issues: &[Issue], kept: Option<u16>) -> String {
        let each: Vec<String> = self
            .parts
            .iter()
            .enumerate()
            .map(|(j, p)| {
                let what = p.rule.describe(&issues[p.issue]);
                match kept {
                    Some(bits) if self.parts.len() > 1 => {
                        let mark = if bits & (1 << j) != 0 { "✓" } else { "✗" };
                        format!("{mark} {what}")
                    }
                    _ => what,
                }
            })
            .collect();
        match (each.len(), self.any) {
            (1, _) => each[0].clone(),
            (_, false) => format!("all of: {}", each.join("; ")),
            (_, true) => format!("at least one of: {}", each.join("; ")),
        }
    }

    /// Each part's description and whether a package keeps it, for a ✓/✗ list.
    pub fn parts_kept(&self, issues: &[Issue], package: &[Level]) -> Vec<(String, bool)> {
        self.parts
            .iter()
            .map(|p| {
                (
                    p.rule.describe(&issues[p.issue]),
                    p.rule.allows(package[p.issue]),
                )
            })
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Rule {
    Addressed,
    NotAddressed,
    AtMost(usize),
    AtLeast(usize),
    OneOf(Vec<usize>),
}

impl Rule {
    /// Whether a clause at this level keeps the rule.
    pub fn allows(&self, level: Level) -> bool {
        match (self, level) {
            (Rule::Addressed, l) => l.is_some(),
            (Rule::NotAddressed, l) => l.is_none(),
            (Rule::AtMost(_), None) => true,
            (Rule::AtMost(m), Some(l)) => l <= *m,
            (Rule::AtLeast(_), None) => false,
            (Rule::AtLeast(m), Some(l)) => l >= *m,
            (Rule::OneOf(_), None) => false,
            (Rule::OneOf(v), Some(l)) => v.contains(&l),
        }
    }

    /// A short description, with level names from the issue, each in single quotes
    /// ([`quoted_level`]: a name may hold a colon or an "or" of its own).
    pub fn describe(&self, issue: &Issue) -> String {
        let n = |l: &usize| quoted_level(issue, *l);
        match self {
            Rule::Addressed => format!("{} must be addressed", issue.name),
            Rule::NotAddressed => format!("{} must stay out of any deal", issue.name),
            // Each reads as the stretch of the issue's ladder it allows (its ends, from the
            // issue's first level), not as "at most" or "at least", which read either way.
            Rule::AtMost(l) => format!(
                "{}: {}{}",
                issue.name,
                stretch(issue, 0, *l),
                if issue.may_be_unaddressed {
                    ", or left out of the deal"
                } else {
                    ""
                }
            ),
            Rule::AtLeast(l) => format!(
                "{}: {}",
                issue.name,
                stretch(issue, *l, issue.levels.len().saturating_sub(1))
            ),
            Rule::OneOf(v) => format!(
                "{}: one of {}",
                issue.name,
                v.iter().map(n).collect::<Vec<_>>().join(", ")
            ),
        }
    }
}

/// A level's name as a red line's description quotes it: ‘Written pledge: no attack, no regime
/// change’ (a play-tester could not tell where such a name ended in "Security assurances:
/// Written pledge: no attack, no regime change or Guarantee at the UN Security Council").
pub fn quoted_level(issue: &Issue, l: usize) -> String {
    format!("\u{2018}{}\u{2019}", issue.level_name(Some(l)))
}

/// Levels `from..=to` of an issue in words: one level, two ("A or B"), or the ends of the
/// stretch ("from A to C").
fn stretch(issue: &Issue, from: usize, to: usize) -> String {
    let n = |l: usize| quoted_level(issue, l);
    match to.saturating_sub(from) {
        0 => n(from).to_string(),
        1 => format!("{} or {}", n(from), n(to)),
        _ => format!("from {} to {}", n(from), n(to)),
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Reservation {
    pub base: f64,
    pub tension: f64,
    pub hardliners: f64,
}

impl Reservation {
    /// The reservation value at a given tension and hardliner support, clamped to 0–1.
    pub fn at(&self, tension: f64, hardliners: f64) -> f64 {
        (self.base
            + self.tension * (tension - 50.0) / 100.0
            + self.hardliners * (hardliners - 50.0) / 100.0)
            .clamp(0.0, 1.0)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Personality {
    pub hawkish: f64,
    pub cautious: f64,
    pub spoiler: f64,
    pub temperature: f64,
    pub concession: f64,
}

/// A starting trust ledger.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Ledger {
    pub base: f64,
    pub modifiers: Vec<Modifier>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Modifier {
    pub label: String,
    pub value: f64,
    pub decay: f64,
}

/// Who may use a move.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Who {
    Role(Role),
    Party(PartyIx),
    Anyone,
}

/// A party named in a condition or effect.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Subject {
    Actor,
    Target,
    Party(PartyIx),
    Role(Role),
    Others,
    OtherNegotiators,
    All,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Condition {
    TensionAbove(f64),
    TensionBelow(f64),
    AgreementAbove(f64),
    AgreementBelow(f64),
    WeekAtLeast(u32),
    WeekAtMost(u32),
    TrustBelow(Subject, Subject, f64),
    TrustAbove(Subject, Subject, f64),
    HardlinersBelow(Subject, f64),
    HardlinersAbove(Subject, f64),
    TroopsAbove(Subject, i64),
    TroopsBelow(Subject, i64),
    Present(Subject),
    Absent(Subject),
    Addressed(IssueIx),
    NotAddressed(IssueIx),
    DraftKeeps(Subject),
    AnyBanked,
    Flag(usize),
    NotFlag(usize),
    /// The subject took move `usize`: ever, on the turn before, on turn N.
    Did(Subject, usize),
    DidLast(Subject, usize),
    DidOn(Subject, usize, u32),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Effect {
    Tension(f64),
    Trust(Subject, Subject, f64, f64),
    Domestic(Subject, Camp, f64),
    Troops(Subject, i64),
    Draft(Toward),
    Bridge,
    Accept,
    WalkOut(Subject),
    Return(Subject),
    Reveal(Subject),
    Unsettle,
    Offer,
    SetFlag(usize),
    ClearFlag(usize),
    /// Sets the clause on an issue to a level (`None`: leaves it out).
    Clause(IssueIx, Level),
    /// Ends the game (events only).
    End(Ending),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Move {
    pub id: String,
    pub name: String,
    pub by: Vec<Who>,
    pub target: TargetKind,
    /// The issues it may aim at (empty: any).
    pub issues: Vec<IssueIx>,
    pub tone: Tone,
    pub conditions: Vec<Condition>,
    pub effects: Vec<Effect>,
    pub key: Option<char>,
    /// Political capital it costs (negative: earns).
    pub cost: f64,
    pub text: String,
    pub help: String,
    pub source: Option<String>,
}

impl Move {
    /// Whether the move may aim at issue `i`.
    pub fn aims_at(&self, i: IssueIx) -> bool {
        self.issues.is_empty() || self.issues.contains(&i)
    }

    /// Whether a party of this index and role may use the move at all.
    pub fn usable_by(&self, party: PartyIx, role: Role) -> bool {
        self.by.iter().any(|w| match w {
            Who::Anyone => true,
            Who::Role(r) => *r == role,
            Who::Party(p) => *p == party,
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub headline: String,
    pub weight: f64,
    /// The turn a scheduled event comes on (never drawn at random).
    pub at: Option<u32>,
    pub cooldown: u32,
    pub once: bool,
    pub actor: Option<PartyIx>,
    pub conditions: Vec<Condition>,
    pub effects: Vec<Effect>,
    pub source: Option<String>,
}

/// Advice shown to a player in every week its conditions all hold ([`crate::read::hints`]).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Hint {
    pub text: String,
    /// Read with the player's party as `Actor`, on the week as it opens.
    pub when: Vec<Condition>,
    /// The parties whose players see it; empty: every player.
    pub parties: Vec<PartyIx>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Fact {
    pub label: String,
    pub text: String,
    pub source: Option<String>,
}

impl Scenario {
    /// The hash of the rules: FNV-1a of the scenario as validated, written out as RON with
    /// the words that no rule reads, no log records and no save keeps left out: the summary,
    /// the facts and the hints' texts, and every note, source, help text, stance and figure's
    /// title (so a fix of a typo there, or of the file's layout or comments, keeps saves and
    /// replays). The title, names, headlines, levels and move texts are in the log and count.
    pub fn rules_hash(&self) -> u64 {
        let mut r = self.clone();
        r.summary.clear();
        r.facts.clear();
        (r.hash, r.source_hash, r.derived) = (0, 0, Derived::default());
        if let Some(v) = &mut r.venue {
            v.note.clear();
            v.source = None;
        }
        for h in &mut r.hints {
            h.text.clear();
        }
        for i in &mut r.issues {
            i.note.clear();
            i.source = None;
        }
        for p in &mut r.parties {
            p.stance.clear();
            p.source = None;
            for f in &mut p.figures {
                f.title.clear();
                f.note.clear();
                f.source = None;
            }
            for f in &mut p.forces {
                f.source = None;
            }
            for l in &mut p.red_lines {
                l.source = None;
            }
        }
        for m in &mut r.moves {
            m.help.clear();
            m.source = None;
        }
        for e in &mut r.events {
            e.source = None;
        }
        // Written out as the data it is, the same on every platform (a scenario holds no map;
        // floats are written in Rust's shortest round-trip form). A test pins Geneva's hash, so
        // a new version of `ron` or of Rust that wrote it otherwise would be caught.
        let text = ron::to_string(&r).expect("a validated scenario writes out as RON");
        super::validate::fnv1a(text.as_bytes())
    }

    /// Whether party `p` has a move that accepts the text at all (by its `by`; legal or not
    /// in a given week).
    pub fn may_accept(&self, p: PartyIx) -> bool {
        let role = self.parties[p].role;
        (self.moves.iter().enumerate())
            .any(|(mx, m)| self.derived.moves[mx].accepts && m.usable_by(p, role))
    }

    /// Whether political capital plays any part: some move costs or earns it. A scenario whose
    /// moves are all free plays as if there were no capital, and the screens leave it out.
    pub fn uses_capital(&self) -> bool {
        self.moves.iter().any(|m| m.cost != 0.0)
    }

    /// Whether a deal needs party `p`'s consent (its red lines bind the text).
    pub fn binds(&self, p: PartyIx) -> bool {
        self.parties[p].role == Role::Negotiator || self.parties[p].signatory
    }

    /// Whether a clause at `level` keeps the red lines on `issue` of every party whose consent
    /// a deal needs (those that bind one issue at a time).
    pub fn consenting_allow(&self, issue: IssueIx, level: Level) -> bool {
        self.derived.consenting_allow[issue][opt(level)]
    }

    /// Whether a clause at `level` keeps party `p`'s red lines on `issue`.
    pub fn allows(&self, p: PartyIx, issue: IssueIx, level: Level) -> bool {
        self.derived.allowed[p][issue][opt(level)]
    }

    /// Utility (0–1) of a package for party `p`: the weighted sum of its per-issue utilities.
    pub fn utility(&self, p: PartyIx, package: &[Level]) -> f64 {
        let d = &self.derived;
        let row = &d.weighted[p * d.options..(p + 1) * d.options];
        d.first
            .iter()
            .zip(package)
            .fold(0.0, |u, (&f, &l)| u + row[f + opt(l)])
    }

    /// Whether a package keeps every red line of party `p`.
    pub fn keeps_red_lines(&self, p: PartyIx, package: &[Level]) -> bool {
        self.red_lines_kept(p, package) == self.parties[p].red_lines.len()
    }

    /// How many of party `p`'s red lines a package keeps.
    pub fn red_lines_kept(&self, p: PartyIx, package: &[Level]) -> usize {
        let t = &self.derived.kept[p];
        if !t.breaks.is_empty() {
            let (mut broken, mut kept) = (0u64, 0u64);
            for &(i, f) in &t.issues {
                let x = f + opt(package[i]);
                broken |= t.breaks[x];
                kept |= t.keeps[x];
            }
            return t.all - broken.count_ones() as usize + kept.count_ones() as usize;
        }
        let kept = |&(i, mask): &(IssueIx, u64)| mask >> opt(package[i]) & 1 == 1;
        let mut start = 0;
        let mut n = 0;
        for &(end, any) in &t.lines {
            let parts = &t.parts[start..end];
            start = end;
            n += usize::from(if any {
                parts.iter().any(kept)
            } else {
                parts.iter().all(kept)
            });
        }
        n
    }

    pub fn party_ix(&self, id: &str) -> Option<PartyIx> {
        self.parties.iter().position(|p| p.id == id)
    }

    pub fn issue_ix(&self, id: &str) -> Option<IssueIx> {
        self.issues.iter().position(|i| i.id == id)
    }

    pub fn move_ix(&self, id: &str) -> Option<usize> {
        self.moves.iter().position(|m| m.id == id)
    }

    /// Every `source` quote in the scenario with what it backs, for the debrief.
    pub fn sources(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut add = |what: String, s: &Option<String>| {
            if let Some(s) = s {
                out.push((what, s.clone()));
            }
        };
        if let Some(v) = &self.venue {
            add(format!("Venue: {}", v.name), &v.source);
        }
        for i in &self.issues {
            add(format!("Issue: {}", i.name), &i.source);
        }
        for p in &self.parties {
            add(format!("Party: {}", p.name), &p.source);
            for f in &p.figures {
                add(format!("{}: {}, {}", p.name, f.name, f.title), &f.source);
            }
            for f in &p.forces {
                let what = if f.troops > 0 {
                    format!("{} forces: {} troops, {}", p.name, f.troops, f.location)
                } else {
                    format!("{} forces: {}", p.name, f.location)
                };
                add(what, &f.source);
            }
            for r in &p.red_lines {
                add(format!("{} red line: {}", p.name, r.text), &r.source);
            }
        }
        for m in &self.moves {
            add(format!("Move: {}", m.name), &m.source);
        }
        for e in &self.events {
            add(format!("Event: {}", e.headline), &e.source);
        }
        for f in &self.facts {
            add(format!("{}: {}", f.label, f.text), &f.source);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::{Derived, Part, RedLine, Rule, TOWARD};
    use crate::rng::GameRng;
    use crate::testkit::{geneva, tutorial, vienna};

    /// The one-pass count of the red lines a package keeps (from [`super::KeptTable`]'s words)
    /// is the count line by line and part by part, for every party of the shipped scenarios
    /// (lines on one issue and on several, kept by all parts or by any one).
    /// The table of one-step moves holds, for every party, direction, issue and option ("not
    /// addressed" included where the issue must be addressed), the step worked out from it.
    #[test]
    fn the_step_table_holds_every_step() {
        for s in [
            crate::testkit::geneva(),
            crate::testkit::vienna(),
            crate::testkit::tutorial(),
        ] {
            let d = &s.derived;
            assert_eq!(d.steps.len(), s.parties.len() * TOWARD.len() * d.options);
            for actor in 0..s.parties.len() {
                for toward in TOWARD {
                    for (i, issue) in s.issues.iter().enumerate() {
                        for o in std::iter::once(None).chain((0..issue.levels.len()).map(Some)) {
                            assert_eq!(
                                d.step(actor, i, toward, o),
                                d.step_from(&s, o, i, toward, actor),
                                "{actor} {toward:?} {i} {o:?}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn red_lines_are_counted_the_same_in_one_pass_and_line_by_line() {
        let mut rng = GameRng::new(11);
        // Geneva with lines of every shape added by hand: two parts on one issue, kept by all
        // or by any; and a party with more red lines than the one-pass words hold.
        let mut shapes = (*geneva()).clone();
        let line = |parts: &[(usize, Rule)], any: bool| RedLine {
            parts: parts
                .iter()
                .map(|(issue, rule)| Part {
                    issue: *issue,
                    rule: rule.clone(),
                })
                .collect(),
            any,
            text: String::new(),
            source: None,
        };
        shapes.parties[0].red_lines.extend([
            line(&[(0, Rule::AtLeast(1)), (0, Rule::AtMost(3))], false),
            line(
                &[
                    (1, Rule::AtMost(0)),
                    (1, Rule::Addressed),
                    (2, Rule::OneOf(vec![1])),
                ],
                true,
            ),
            line(&[(3, Rule::NotAddressed), (3, Rule::AtLeast(2))], true),
        ]);
        for k in 0..70 {
            let (i, l) = (k % 5, k % 3);
            shapes.parties[1]
                .red_lines
                .push(line(&[(i, Rule::AtMost(l))], k % 2 == 0));
        }
        shapes.derived = Derived::of(&shapes);
        assert!(
            shapes.derived.kept[1].breaks.is_empty(),
            "over 64 lines: line by line"
        );
        for s in [geneva(), tutorial(), vienna(), std::sync::Arc::new(shapes)] {
            let mut slow = (*s).clone();
            for t in &mut slow.derived.kept {
                t.breaks.clear();
            }
            for _ in 0..3000 {
                let package: Vec<_> = s
                    .issues
                    .iter()
                    .map(|i| {
                        let options: Vec<_> = i.options().collect();
                        options[rng.below(options.len())]
                    })
                    .collect();
                for p in 0..s.parties.len() {
                    let by_line = s.parties[p].red_lines.iter().filter(|r| r.keeps(&package));
                    assert_eq!(s.red_lines_kept(p, &package), by_line.count());
                    assert_eq!(
                        s.red_lines_kept(p, &package),
                        slow.red_lines_kept(p, &package)
                    );
                }
            }
        }
    }
}
