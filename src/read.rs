//! The read model: what a viewer may see of a game, worked out once from the rules for every
//! front end. The window's screens and the terminal draw these values; neither decides a rule
//! (whose red line a clause keeps, whose priorities a viewer may know, how near a party is to
//! what it wants, what a party is called, what ends the game).

pub use crate::rules::describe::joined;
use crate::rules::describe::{group, heaviest_first, possessive};
use crate::rules::{self, Act, Choice, Negotiation, Scratch, bargain};
use crate::scenario::{Camp, Effect, IssueIx, Level, PartyIx, Role, Scenario, TargetKind};
use crate::sim::Coming;

/// What a role is called on screen.
pub fn role_label(role: Role) -> &'static str {
    match role {
        Role::Negotiator => "negotiator",
        Role::Mediator => "mediator",
        Role::Spoiler => "spoiler",
        Role::Regional => "regional state",
    }
}

/// A party's role as the party list shows it: "spoiler (AI only)" for a role nobody may play.
pub fn role_line(role: Role) -> String {
    if role.playable() {
        role_label(role).to_string()
    } else {
        format!("{} (AI only)", role_label(role))
    }
}

/// How one party's red line stands in a text, shown on each issue it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineMark {
    pub party: PartyIx,
    /// Its place in the party's `red_lines`.
    pub line: usize,
    pub kept: bool,
    /// It binds a deal: its party is a negotiator or a signatory.
    pub binds: bool,
    /// It spans several issues and is kept or broken whole.
    pub joint: bool,
}

impl LineMark {
    /// ✓ kept, ✗ broken: the shape says it, not only the colour.
    pub fn symbol(&self) -> &'static str {
        if self.kept { "✓" } else { "✗" }
    }
}

/// Every party's red lines that cover `issue`, and whether `levels` keeps each.
pub fn line_marks(s: &Scenario, levels: &[Level], issue: IssueIx) -> Vec<LineMark> {
    let mut out = Vec::new();
    for (p, party) in s.parties.iter().enumerate() {
        for (k, r) in party.red_lines.iter().enumerate() {
            if r.covers(issue) {
                out.push(LineMark {
                    party: p,
                    line: k,
                    kept: r.keeps(levels),
                    binds: s.binds(p),
                    joint: r.parts.len() > 1,
                });
            }
        }
    }
    out
}

/// How near a clause is to what a party wants, in a shape as well as a colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Worth at least three quarters of its best (●).
    Close,
    /// In between (◐).
    Between,
    /// Worth at most a quarter of its best (○).
    Far,
    /// The party gives the issue no weight (—).
    Indifferent,
}

impl Fit {
    /// The fit of a clause worth `value` (0–1) on an issue of `weight`.
    pub fn of(weight: f64, value: f64) -> Self {
        if weight <= 0.0 {
            Fit::Indifferent
        } else if value >= 0.75 {
            Fit::Close
        } else if value <= 0.25 {
            Fit::Far
        } else {
            Fit::Between
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Fit::Close => "●",
            Fit::Between => "◐",
            Fit::Far => "○",
            Fit::Indifferent => "—",
        }
    }

    /// The legend's words for it.
    pub fn meaning(self) -> &'static str {
        match self {
            Fit::Close => "the draft gives it most of what it wants here",
            Fit::Between => "the draft gives it part of what it wants here",
            Fit::Far => "the draft gives it little of what it wants here",
            Fit::Indifferent => "it does not care about this issue",
        }
    }
}

/// What a negotiator wants on one issue, as a viewer may know it.
#[derive(Debug, Clone, PartialEq)]
pub struct Want {
    pub party: PartyIx,
    /// The level it values most (its stance is public).
    pub ideal: Level,
    /// The draft's clause as it values it (0–1; public with its stance).
    pub here: f64,
    pub fit: Fit,
    /// The viewer knows the weight it gives this issue (its own, public, or revealed).
    pub known: bool,
    /// The weight the viewer believes it gives the issue: the true one when `known`.
    pub weight: f64,
}

/// Whether `viewer` (None: an observer, who sees everything) knows `p`'s true priorities.
pub fn knows(s: &Scenario, st: &Negotiation, viewer: Option<PartyIx>, p: PartyIx) -> bool {
    viewer.is_none_or(|m| bargain::knows(s, st, m, p))
}

/// What each negotiator wants on `issue`, as `viewer` may know it.
pub fn wants(s: &Scenario, st: &Negotiation, viewer: Option<PartyIx>, issue: IssueIx) -> Vec<Want> {
    let level = st.draft.levels[issue];
    s.negotiators
        .iter()
        .map(|&p| {
            let party = &s.parties[p];
            let pref = &party.prefs[issue];
            let known = knows(s, st, viewer, p);
            let here = pref.value(level);
            let weight = match viewer {
                Some(m) if !known => bargain::believed_weights(s, st, m, p)[issue],
                _ => pref.weight,
            };
            Want {
                party: p,
                ideal: party.ideal(&s.issues[issue], issue),
                here,
                // The fit follows the public stance; a zero weight is public too.
                fit: Fit::of(pref.weight, here),
                known,
                weight,
            }
        })
        .collect()
}

/// Where a party stands on the text as the party list shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consent {
    /// A signatory away from the table: it consents to the text or not.
    Signatory(bool),
    /// A negotiator who has accepted the current text.
    Accepted,
    /// Nothing to say.
    None,
}

impl Consent {
    pub fn of(s: &Scenario, st: &Negotiation, p: PartyIx) -> Self {
        if s.parties[p].signatory {
            Consent::Signatory(rules::verdict(s, st, p).would_sign)
        } else if st.parties[p].accepted {
            Consent::Accepted
        } else {
            Consent::None
        }
    }

    /// As [`Consent::of`], with a signatory's answer taken from `verdicts` when it is there (a
    /// networked seat is sent the verdicts, not every party's walk-away value).
    pub fn with(s: &Scenario, st: &Negotiation, p: PartyIx, verdicts: &[rules::Verdict]) -> Self {
        match verdicts.iter().find(|v| v.party == p) {
            Some(v) if s.parties[p].signatory => Consent::Signatory(v.would_sign),
            _ => Self::of(s, st, p),
        }
    }

    /// The words for it; None when there is nothing to say.
    pub fn text(self) -> Option<&'static str> {
        match self {
            Consent::Signatory(true) => Some("signatory: consents to the text"),
            Consent::Signatory(false) => Some("signatory: withholds consent"),
            Consent::Accepted => Some("accepts the text"),
            Consent::None => None,
        }
    }
}

/// One of the player's aims: an issue it cares about and the clause it wants.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Aim {
    pub issue: IssueIx,
    pub want: Level,
    pub weight: f64,
}

/// Another party as the player first meets it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Counterpart {
    pub party: PartyIx,
    pub role: String,
    pub stance: String,
    /// Its red lines, described (red lines are public).
    pub red_lines: Vec<String>,
    /// The three issues it weighs most, when the player may know them.
    pub priorities: Option<Vec<(IssueIx, f64)>>,
    pub signatory: bool,
}

impl Counterpart {
    /// What player `me` knows of what it cares about, in words: its heaviest issues when they
    /// are known, a note that they are hidden when not (and, if `me` has a move that reveals
    /// them, that it does), nothing when it cares about none.
    pub fn cares(&self, s: &Scenario, me: PartyIx) -> Option<String> {
        match &self.priorities {
            Some(p) if p.is_empty() => None,
            Some(p) => {
                let items: Vec<String> = p
                    .iter()
                    .map(|(i, w)| format!("{} {:.0}\u{a0}%", s.issues[*i].name, 100.0 * w))
                    .collect();
                Some(format!("cares most about: {}", items.join(", ")))
            }
            None if let Some(name) = revealing_move(s, me) => Some(format!(
                "≈ what it cares about most is hidden: you will estimate it from what it does, or \
                 learn it with “{name}”"
            )),
            None => Some(
                "≈ what it cares about most is hidden: you will estimate it from what it does"
                    .into(),
            ),
        }
    }
}

/// Whether party `me` has a move that reveals another party's hidden priorities (`Reveal`).
pub fn can_reveal(s: &Scenario, me: PartyIx) -> bool {
    revealing_move(s, me).is_some()
}

/// The name of the first move in the catalogue that party `me` may use and that reveals another
/// party's hidden priorities (`Reveal`): what the screens name where an estimate stands in for
/// them ("Back channel through Oman" for a negotiator of Geneva, "Carry assurances" for Oman).
pub fn revealing_move(s: &Scenario, me: PartyIx) -> Option<&str> {
    s.moves
        .iter()
        .find(|m| {
            m.usable_by(me, s.parties[me].role)
                && m.effects.iter().any(|e| matches!(e, Effect::Reveal(_)))
        })
        .map(|m| m.name.as_str())
}

/// What the player reads before the first turn: who they are, what they want and must not give
/// up, who else is at the table, what ends the game and how it is scored.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Briefing {
    pub title: String,
    pub situation: String,
    pub party: PartyIx,
    pub role: Role,
    pub stance: String,
    /// Its aims, heaviest first (issues it gives no weight left out).
    pub aims: Vec<Aim>,
    /// Its red lines: (description, its words).
    pub red_lines: Vec<(String, String)>,
    /// Its walk-away value now (0–1): a deal worth less is worse than none. None for a
    /// mediator, who signs nothing.
    pub walk_away: Option<f64>,
    /// How the walk-away value moves, in words.
    pub walk_away_moves: String,
    pub counterparts: Vec<Counterpart>,
    /// How a deal is made and what ends the game otherwise.
    pub endings: Vec<String>,
    /// How the end screen scores the game.
    pub scoring: Vec<String>,
    /// The biggest shocks the events may bring ([`shocks`]), each with when it can come.
    #[serde(default)]
    pub shocks: Vec<String>,
}

/// How much tension or trust an event must move to count among the briefing's shocks.
const SHOCK: f64 = 7.0;

/// How near the danger line tension must be for [`Danger::worth_telling`].
const DANGER_NEAR: f64 = 10.0;

/// Something that could carry tension over the danger line this turn.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Shock {
    /// An event's headline, or "party: move".
    pub what: String,
    pub rise: f64,
    /// A scheduled event whose conditions hold: it comes.
    pub certain: bool,
    /// It ends the talks in war (an event's `End(War)`), whatever the tension.
    #[serde(default)]
    pub war: bool,
    /// For an event, the chance that it comes this turn ([`crate::sim::event_chances`]), and
    /// whether that chance is worked out roughly; `None` for a move. A play-tester stopped
    /// reading a danger line that named the same event every week with no likelihood, and that
    /// event ended the game.
    #[serde(default)]
    pub chance: Option<(f64, bool)>,
}

impl Shock {
    /// ", 9 % likely" (", about 9 % likely" for a rough chance) for an event that may come;
    /// nothing for one that comes for certain or a move.
    pub fn likely(&self) -> String {
        match self.chance {
            Some((p, exact)) if !self.certain => likely(p, exact),
            _ => String::new(),
        }
    }
}

/// ", 9 % likely" for an event that may come with chance `p` ([`chance_words`]).
pub fn likely(p: f64, exact: bool) -> String {
    format!(", {}", chance_words(p, exact))
}

/// "9 % likely" for an event that may come with chance `p`; "about 9 % likely" where the
/// chance is rough (`exact` false, [`crate::sim::event_chances`]). Never "100 %" beside "may"
/// or "could", nor "0.0 %" for a chance that is there.
pub fn chance_words(p: f64, exact: bool) -> String {
    let about = if exact { "" } else { "about " };
    match p {
        p if p >= 0.995 => "over 99\u{a0}% likely".to_string(),
        p if p < 0.0005 => "under 0.1\u{a0}% likely".to_string(),
        p => format!("{about}{} likely", rules::describe::chance(p)),
    }
}

/// The danger of war in the coming turn, as the terminal's header and the window's top bar tell
/// it: the chance of an incident at this tension, where the danger begins, and the event and the
/// other party's move that could raise tension most this turn.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Danger {
    /// The chance of war at the end of the turn at this tension ([`rules::escalation_chance`]).
    pub chance: f64,
    /// The tension above which the turn's end risks war.
    pub line: f64,
    pub tension: f64,
    /// The event that may come this turn and would end the talks in war, or else raise tension
    /// most (one that comes for certain before one that may), when alone or with `push` it
    /// could carry tension over the line.
    pub shock: Option<Shock>,
    /// Likewise the move of another party ("Israel: Covert sabotage") open to it this turn that
    /// would raise tension most, when alone or with the event it could carry it over the line.
    #[serde(default)]
    pub push: Option<Shock>,
}

/// The tension an act's effects add.
fn rise(effects: &[Effect]) -> f64 {
    effects
        .iter()
        .map(|f| match f {
            Effect::Tension(v) => *v,
            _ => 0.0,
        })
        .sum()
}

/// The legal moves this turn of every party but `me` (whose moves are its choice), on the turn
/// as it opens (`next`), in party order and each party's catalogue order.
fn others_moves(s: &Scenario, next: &Negotiation, me: Option<PartyIx>) -> Vec<(PartyIx, Choice)> {
    (0..s.parties.len())
        .filter(|&q| Some(q) != me)
        .flat_map(|q| {
            rules::legal_choices(s, next, q)
                .into_iter()
                .map(move |c| (q, c))
        })
        .collect()
}

/// The index and weight of the item `weigh` weighs most, above 0; the first of equals.
fn heaviest(weights: impl Iterator<Item = f64>) -> Option<(usize, f64)> {
    weights
        .enumerate()
        .filter(|x| x.1 > 0.0)
        .fold(None, |best, (k, w)| match best {
            Some((_, b)) if b >= w => best,
            _ => Some((k, w)),
        })
}

/// Of `moves`, the one `weigh` weighs most (above 0; the first of equals), as a shock:
/// "Israel: Covert sabotage" and its weight.
fn largest_move(
    s: &Scenario,
    moves: &[(PartyIx, Choice)],
    weigh: impl Fn(PartyIx, &Choice) -> f64,
) -> Option<Shock> {
    heaviest(moves.iter().map(|(q, c)| weigh(*q, c))).map(|(k, w)| {
        let (q, c) = moves[k];
        Shock {
            what: format!("{}: {}", s.parties[q].name, s.moves[c.mv].name),
            rise: w,
            certain: false,
            war: false,
            chance: None,
        }
    })
}

/// Of the events that may come this turn (`may_come`, as [`Danger::of`] reads it), the one
/// `weigh` weighs most (above 0; the first of equals), as a shock: its headline and weight.
fn largest_event(s: &Scenario, may_come: &[Coming], weigh: impl Fn(usize) -> f64) -> Option<Shock> {
    heaviest(event_weights(s, may_come, weigh)).map(|(e, w)| event_shock(s, may_come, e, w))
}

/// The weight `weigh` gives each event of the scenario, 0 for one that may not come this turn.
fn event_weights(
    s: &Scenario,
    may_come: &[Coming],
    weigh: impl Fn(usize) -> f64,
) -> impl Iterator<Item = f64> {
    let open = |e: usize| may_come.get(e).is_some_and(|c| *c != Coming::No);
    (0..s.events.len()).map(move |e| if open(e) { weigh(e) } else { 0.0 })
}

/// Event `e` as a shock of weight `w`: its headline, and whether it comes for certain.
fn event_shock(s: &Scenario, may_come: &[Coming], e: usize, w: f64) -> Shock {
    event_shock_with(s, may_come, &crate::sim::event_chances(s, may_come), e, w)
}

/// [`event_shock`] with the turn's chances worked out already ([`crate::sim::event_chances`]),
/// for a caller that makes many shocks of one turn.
fn event_shock_with(
    s: &Scenario,
    may_come: &[Coming],
    (chances, exact): &(Vec<f64>, bool),
    e: usize,
    w: f64,
) -> Shock {
    Shock {
        what: s.events[e].headline.clone(),
        rise: w,
        certain: may_come[e] == Coming::Certainly,
        war: false,
        chance: Some((chances[e], *exact)),
    }
}

impl Danger {
    /// The danger as the turn opens on `st` for the player of `me` (whose own moves are its
    /// choice), or an observer; `may_come[e]`: how event `e` may come this turn (the game's
    /// deck decides: `sim::may_come`).
    pub fn of(s: &Scenario, st: &Negotiation, may_come: &[Coming], me: Option<PartyIx>) -> Self {
        let next = rules::opened(st);
        let line = s.tension.escalation_threshold;
        let largest = |a: &(usize, usize, f64), b: &(usize, usize, f64)| {
            a.2.total_cmp(&b.2).then((b.0, b.1).cmp(&(a.0, a.1)))
        };
        // The largest rise another party's move could bring, and the worst event: war, then
        // certainty, then the rise.
        let mut push = largest_move(s, &others_moves(s, &next, me), |_, c| {
            rise(&s.moves[c.mv].effects)
        });
        let war = |e: usize| {
            s.events[e]
                .effects
                .contains(&Effect::End(crate::scenario::Ending::War))
        };
        let certain = |e: usize| may_come[e] == Coming::Certainly;
        let mut shock = (0..s.events.len())
            .filter(|&e| may_come.get(e).is_some_and(|c| *c != Coming::No))
            .map(|e| (e, usize::from(war(e)), rise(&s.events[e].effects)))
            .filter(|x| x.1 == 1 || x.2 > 0.0)
            .max_by(|a, b| {
                (a.1, certain(a.0))
                    .cmp(&(b.1, certain(b.0)))
                    .then(largest(a, b))
            })
            .map(|(e, w, r)| Shock {
                war: w == 1,
                ..event_shock(s, may_come, e, r)
            });
        // Both are told when together they could carry tension over the line (a war-ending
        // event always): an event and a move in one week are what a play-test lost to.
        let lifts = |x: &Option<Shock>| x.as_ref().map_or(0.0, |x| x.rise.max(0.0));
        if st.tension + lifts(&shock) + lifts(&push) <= line {
            push = None;
            shock = shock.filter(|x| x.war);
        }
        Danger {
            chance: rules::escalation_chance(s, st.tension),
            line,
            tension: st.tension,
            shock,
            push,
        }
    }

    /// Whether a screen that says little should say it: a risk now, tension near the line, or
    /// an event or a move that could carry it over.
    pub fn worth_telling(&self) -> bool {
        self.chance > 0.0
            || self.line - self.tension < DANGER_NEAR
            || self.shock.is_some()
            || self.push.is_some()
    }

    /// In words: "war 3.5 % if the week ends at this tension (rolled at its end)" or "war is
    /// rolled at the week's end above 59", and the event and the move that could carry tension
    /// over the line.
    pub fn text(&self, s: &Scenario) -> String {
        let one = &s.turn.one;
        let mut o = if self.chance > 0.0 {
            format!(
                "war {} if the {one} ends at this tension (rolled at its end)",
                rules::describe::chance(self.chance)
            )
        } else {
            format!("war is rolled at the {one}'s end above {:.0}", self.line)
        };
        if let Some(x) = &self.shock {
            let what = match (x.war, x.certain) {
                (true, true) => "brings war".to_string(),
                (true, false) => "could bring war".to_string(),
                (false, true) => format!("adds {}", rules::describe::signed_points(x.rise)),
                (false, false) => format!("could add {}", rules::describe::signed_points(x.rise)),
            };
            o.push_str(&format!(
                "; this {one} an event {what} ({}{})",
                x.what,
                x.likely()
            ));
        }
        if let Some(x) = &self.push {
            o.push_str(&format!(
                "; a move could add {} ({})",
                rules::describe::signed_points(x.rise),
                x.what
            ));
        }
        // Both in one week: where they could take tension together.
        if let (Some(a), Some(b)) = (&self.shock, &self.push)
            && !a.war
        {
            let top = (self.tension + a.rise + b.rise).min(100.0);
            // And what the week's end would roll there, drift aside (a mediator's tester, at 53
            // under the line, read the week as safe and lost it to the strike and a warning).
            let then = if top >= s.tension.war_at {
                ": war".to_string()
            } else if top > self.line {
                format!(
                    ", where war would be rolled at {}",
                    rules::describe::chance(rules::escalation_chance(s, top))
                )
            } else {
                String::new()
            };
            o.push_str(&format!(
                "; the two together could take it to {}{then}",
                rules::describe::tension_gauge(s, top)
            ));
        }
        o
    }
}

/// Trust a deal needs that this turn's event or another party's move could carry below what
/// signing takes: `from`'s trust in `to`, two negotiators, as the turn opens, at or above
/// `rules.min_trust`. A deal is made as the turn's acts leave it, so a cut in them can cost one.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TrustRisk {
    pub from: PartyIx,
    pub to: PartyIx,
    pub trust: f64,
    /// The event that may come this turn and would cut it most, and by how much.
    pub event: Option<Shock>,
    /// The other events that may come this turn and would each alone cut it below what signing
    /// takes, largest cut first (a play-tester, warned only of the largest, took a smaller one
    /// that came for harmless).
    #[serde(default)]
    pub also: Vec<Shock>,
    /// The move open to another party this turn that would cut it most, and by how much.
    pub push: Option<Shock>,
    /// The other moves open to other parties this turn that would each alone cut it below what
    /// signing takes, largest cut first (one per party and move): a play-tester as the mediator
    /// was warned of the United States' hawkish statement only, and lost the deal to Israel's
    /// sabotage, a smaller cut, and to a reopened clause, a larger one.
    #[serde(default)]
    pub also_moves: Vec<Shock>,
}

impl TrustRisk {
    /// Each trust between negotiators that could fall below what signing takes this turn, by an
    /// event that may come (`may_come` as [`Danger::of`] reads it), another party's move (not
    /// `me`'s: those are its choice; not a walk-out, after which its party signs nothing that
    /// turn anyway), or both together: the largest cut of an event and of a move is named, then
    /// every other event and every other party's move that alone could do it. A cut is what the
    /// rules take from the trust as they apply the act ([`rules::apply`]: its trust effects, and
    /// the price of a banked clause it reopens), as the act comes.
    pub fn of(
        s: &Scenario,
        st: &Negotiation,
        may_come: &[Coming],
        me: Option<PartyIx>,
    ) -> Vec<Self> {
        let next = rules::opened(st);
        let need = s.rules.min_trust;
        // Each act applied by the rules on the turn as it opens: the trust between the
        // negotiators as it leaves it, `negs × negs` values.
        let negs = &s.negotiators;
        let mut applied = rules::Applied::default();
        let mut after = next.clone();
        let mut trust_after = |act: &Act| -> Vec<f64> {
            after.clone_from(&next);
            applied.clear();
            rules::apply(s, &mut after, act, &mut applied);
            (negs.iter())
                .flat_map(|&f| negs.iter().map(move |&t| (f, t)))
                .map(|(f, t)| after.trust(f, t))
                .collect()
        };
        // The turn's chances once, for every shock below.
        let chances = crate::sim::event_chances(s, may_come);
        let open = |e: usize| may_come.get(e).is_some_and(|c| *c != Coming::No);
        let events_after: Vec<Option<Vec<f64>>> = (0..s.events.len())
            .map(|e| open(e).then(|| trust_after(&Act::of_event(e))))
            .collect();
        // A walk-out is left out: a party away from the table signs nothing that week anyway,
        // whatever the trust (a play-test was warned of "United States: Walk out of the talks"
        // in the week the United States accepted).
        let walks =
            |mv: usize| (s.moves[mv].effects.iter()).any(|f| matches!(f, Effect::WalkOut(_)));
        let mut moves = others_moves(s, &next, me);
        moves.retain(|(_, c)| !walks(c.mv));
        let moves_after: Vec<Vec<f64>> = (moves.iter())
            .map(|&(q, c)| trust_after(&Act::of_move(q, c)))
            .collect();
        let mut out = Vec::new();
        let m = negs.len();
        for (i, &from) in negs.iter().enumerate() {
            for (j, &to) in negs.iter().enumerate().filter(|&(_, &to)| to != from) {
                let trust = next.trust(from, to);
                if trust < need {
                    continue;
                }
                // An event that may not come cuts nothing.
                let cuts: Vec<f64> = (events_after.iter())
                    .map(|a| a.as_ref().map_or(0.0, |a| trust - a[i * m + j]))
                    .collect();
                let largest = heaviest(cuts.iter().copied());
                let event = largest.map(|(e, w)| event_shock_with(s, may_come, &chances, e, w));
                // The largest cut of each party's move (over its targets), in the order the
                // moves are listed; the largest of all is the push.
                let mut by_move: Vec<(PartyIx, Choice, f64)> = Vec::new();
                for (k, &(q, c)) in moves.iter().enumerate() {
                    let d = trust - moves_after[k][i * m + j];
                    match by_move.iter_mut().find(|m| (m.0, m.1.mv) == (q, c.mv)) {
                        Some(m) if d > m.2 => *m = (q, c, d),
                        Some(_) => {}
                        None => by_move.push((q, c, d)),
                    }
                }
                let shock = |&(q, c, d): &(PartyIx, Choice, f64)| Shock {
                    what: format!("{}: {}", s.parties[q].name, crate::ai::choice_label(s, &c)),
                    rise: d,
                    certain: false,
                    war: false,
                    chance: None,
                };
                let top = heaviest(by_move.iter().map(|m| m.2));
                let push = top.map(|(k, _)| shock(&by_move[k]));
                let mut also_moves: Vec<(usize, f64)> = (by_move.iter().enumerate())
                    .filter(|&(k, m)| top.is_none_or(|x| x.0 != k) && trust - m.2 < need - 1e-9)
                    .map(|(k, m)| (k, m.2))
                    .collect();
                also_moves.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                let also_moves = (also_moves.iter())
                    .map(|&(k, _)| shock(&by_move[k]))
                    .collect();
                let total =
                    event.as_ref().map_or(0.0, |x| x.rise) + push.as_ref().map_or(0.0, |x| x.rise);
                if trust - total >= need - 1e-9 {
                    continue;
                }
                // The other events that alone would carry it below, largest first.
                let mut also: Vec<(usize, f64)> = (cuts.iter().copied().enumerate())
                    .filter(|&(e, c)| largest.is_none_or(|x| x.0 != e) && trust - c < need - 1e-9)
                    .collect();
                also.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                let also = (also.into_iter())
                    .map(|(e, c)| event_shock_with(s, may_come, &chances, e, c))
                    .collect();
                out.push(TrustRisk {
                    from,
                    to,
                    trust,
                    event,
                    also,
                    push,
                    also_moves,
                });
            }
        }
        out
    }

    /// In words: "Iran's trust in United States (45) could fall below the 42 signing takes this
    /// week: an event could cut it by 12 as it comes (…); a move could cut it by 2 as it comes
    /// (Israel: …)", with every other event and move that alone could do it.
    pub fn text(&self, s: &Scenario) -> String {
        self.text_with(s, true)
    }

    /// [`TrustRisk::text`] with only the largest cut of an event and of a move named, and any
    /// other event that comes for certain, and the number of the others ("; 2 other events and
    /// 3 other moves could too"): the terminal's screen of each turn, where a play-tester read
    /// one such warning over nine lines every week.
    pub fn brief_text(&self, s: &Scenario) -> String {
        self.text_with(s, false)
    }

    /// How many other events (that may come, not for certain) and other moves alone could cut it
    /// below: those [`TrustRisk::brief_text`] leaves out.
    pub fn others(&self) -> usize {
        self.also.iter().filter(|x| !x.certain).count() + self.also_moves.len()
    }

    fn text_with(&self, s: &Scenario, all: bool) -> String {
        let points = rules::describe::points;
        let mut o = format!(
            "{} trust in {} ({}) could fall below the {:.0} signing takes this {}",
            possessive(&s.parties[self.from].name),
            s.parties[self.to].name,
            rules::describe::trust_figure(self.trust, s.rules.min_trust),
            s.rules.min_trust,
            s.turn.one
        );
        if let Some(x) = &self.event {
            let how = if x.certain { "will cut" } else { "could cut" };
            // As it comes: a deal is made as the turn's acts leave trust, before the turn's end
            // fades it (where the moves' lines read it: "-5.5" of a 7 that fades 1.5).
            o.push_str(&format!(
                ": an event {how} it by {} as it comes ({}{})",
                points(x.rise),
                x.what,
                x.likely()
            ));
            // Folded, an event that comes for certain is still named.
            let certain: Vec<Shock> = (self.also.iter())
                .filter(|x| all || x.certain)
                .cloned()
                .collect();
            o.push_str(&others_cutting(&certain, ["another event", "other events"]));
        }
        if let Some(x) = &self.push {
            let sep = if self.event.is_some() { ";" } else { ":" };
            o.push_str(&format!(
                "{sep} a move could cut it by {} as it comes ({})",
                points(x.rise),
                x.what
            ));
            if all {
                o.push_str(&others_cutting(
                    &self.also_moves,
                    ["another move", "other moves"],
                ));
            }
        }
        // Neither alone could do it: where the two together could take it (a play-tester read
        // "(46) … cut it by 4 …; … by 3" as no risk at all).
        if let (Some(a), Some(b)) = (&self.event, &self.push) {
            let need = s.rules.min_trust;
            if self.trust - a.rise >= need && self.trust - b.rise >= need {
                o.push_str(&format!(
                    "; together they could take it to {}",
                    rules::describe::trust_figure((self.trust - a.rise - b.rise).max(0.0), need)
                ));
            }
        }
        let count = |n: usize, one: &str, many: &str| match n {
            0 => None,
            1 => Some(format!("1 other {one}")),
            n => Some(format!("{n} other {many}")),
        };
        let left: Vec<String> = [
            count(self.others() - self.also_moves.len(), "event", "events"),
            count(self.also_moves.len(), "move", "moves"),
        ]
        .into_iter()
        .flatten()
        .collect();
        let left: Vec<&str> = left.iter().map(String::as_str).collect();
        if let Some(list) = joined(&left, "and").filter(|_| !all) {
            o.push_str(&format!("; {list} could too"));
        }
        o
    }
}

/// "; other events could cut it by 6 (…) or 4 (…, which comes)", or nothing for none (`who`:
/// the words for one and for several).
fn others_cutting(also: &[Shock], who: [&str; 2]) -> String {
    let others: Vec<String> = (also.iter())
        .map(|y| {
            let comes = if y.certain {
                ", which comes".to_string()
            } else {
                y.likely()
            };
            format!("{} ({}{comes})", rules::describe::points(y.rise), y.what)
        })
        .collect();
    let others: Vec<&str> = others.iter().map(String::as_str).collect();
    joined(&others, "or").map_or_else(String::new, |list| {
        let who = if others.len() == 1 { who[0] } else { who[1] };
        format!("; {who} could cut it by {list}")
    })
}

/// A party whose consent a deal needs, and which could sign the text now as far as the text
/// goes, whose walk-away value this turn's event or another party's move could carry above the
/// text's worth to it by moving tension (a walk-away value moves with tension; the hardliners'
/// part moves only at the turn's end). A deal is made as the turn's acts leave it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct WalkAwayRisk {
    pub party: PartyIx,
    /// The text's worth to it, and its walk-away value, as the turn opens.
    pub worth: f64,
    pub walk_away: f64,
    /// The event and the move that would move tension most the harmful way (`rise`: the
    /// points of tension, signed).
    pub event: Option<Shock>,
    pub push: Option<Shock>,
}

impl WalkAwayRisk {
    /// Each such party `me` may know the walk-away value of ([`bargain::knows`]; every party for
    /// an observer), with the event that may come (`may_come`) and the move of another party
    /// that would move tension most the way that raises its walk-away value; when the two
    /// together could carry it above the text's worth.
    pub fn of(
        s: &Scenario,
        st: &Negotiation,
        may_come: &[Coming],
        me: Option<PartyIx>,
    ) -> Vec<Self> {
        let next = rules::opened(st);
        let moves = others_moves(s, &next, me);
        let mut out = Vec::new();
        for &p in &s.consenting {
            let r = &s.parties[p].reservation;
            let sd = rules::stand(s, &next, p);
            let known = me.is_none_or(|m| bargain::knows(s, &next, m, p));
            if !known || r.tension == 0.0 || !sd.text_acceptable() {
                continue;
            }
            // Tension moved the way that raises the walk-away value: up where it rises with
            // tension, down where it falls.
            let harm = |d: f64| if r.tension > 0.0 { d } else { -d };
            let event = largest_event(s, may_come, |e| harm(rise(&s.events[e].effects)));
            let push = largest_move(s, &moves, |_, c| harm(rise(&s.moves[c.mv].effects)));
            let shift =
                event.as_ref().map_or(0.0, |x| x.rise) + push.as_ref().map_or(0.0, |x| x.rise);
            let tension =
                (next.tension + if r.tension > 0.0 { shift } else { -shift }).clamp(0.0, 100.0);
            let then = r.at(tension, next.parties[p].hardliners);
            if sd.utility >= then - 1e-9 {
                continue;
            }
            out.push(WalkAwayRisk {
                party: p,
                worth: sd.utility,
                walk_away: sd.reservation,
                event,
                push,
            });
        }
        out
    }

    /// In words: "Iran's walk-away value (0.54) could rise above the text's worth to it (0.56)
    /// this day, as tension falls: an event could lower tension by 5 (…); a move could lower
    /// tension by 3 (…)", for the player `me` ("your"): "it" read as the walk-away value.
    pub fn text(&self, s: &Scenario, me: Option<PartyIx>) -> String {
        let up = s.parties[self.party].reservation.tension > 0.0;
        let (whose, its) = if me == Some(self.party) {
            ("Your".to_string(), "you")
        } else {
            (possessive(&s.parties[self.party].name), "it")
        };
        let (moves, verb) = if up {
            ("rises", "raise")
        } else {
            ("falls", "lower")
        };
        // Three decimals where two would show the same figure for both.
        let d = if (self.walk_away - self.worth).abs() < 0.01 {
            3
        } else {
            2
        };
        let mut o = format!(
            "{whose} walk-away value ({:.d$}) could rise above the text's worth to {its} ({:.d$}) \
             this {} as tension {moves}",
            self.walk_away, self.worth, s.turn.one
        );
        let points = rules::describe::points;
        if let Some(x) = &self.event {
            let how = if x.certain { "will" } else { "could" };
            o.push_str(&format!(
                ": an event {how} {verb} tension by {} ({}{})",
                points(x.rise),
                x.what,
                x.likely()
            ));
        }
        if let Some(x) = &self.push {
            let sep = if self.event.is_some() { ";" } else { ":" };
            o.push_str(&format!(
                "{sep} a move could {verb} tension by {} ({})",
                points(x.rise),
                x.what
            ));
        }
        o
    }
}

/// The events that may shake the talks most, in words, each with when it can come: those that
/// end the game, withdraw every acceptance, or move tension or one party's trust in another by
/// [`SHOCK`] points or more ("Israeli strike on an Iranian nuclear facility: tension +16, every
/// acceptance withdrawn; it can come with agreement above 40 and Israel's hardliners' support
/// above 58").
pub fn shocks(s: &Scenario) -> Vec<String> {
    s.events
        .iter()
        .filter_map(|ev| {
            // A shock is told whole: each of its changes ([`event_changes`]), once one of them
            // is large enough to count.
            let (what, shakes) = event_changes(s, ev);
            if !shakes {
                return None;
            }
            let conditions: Vec<String> = ev
                .conditions
                .iter()
                .map(|c| rules::describe::condition_of(s, c, ev.actor))
                .collect();
            let with = if conditions.is_empty() {
                String::new()
            } else {
                format!(" with {}", conditions.join(" and "))
            };
            let when = match ev.at {
                Some(w) => format!("it comes in {} {w}{with}", s.turn.one),
                // Never drawn: only a facilitator brings it.
                None if ev.weight <= 0.0 => "only if a facilitator calls it".to_string(),
                None if with.is_empty() => "it can come any time".to_string(),
                None => format!("it can come{with}"),
            };
            Some(format!("{}: {}; {when}", ev.headline, what.join(", ")))
        })
        .collect()
}

/// What event `ev` does, change by change in words: tension, trust (with how fast it fades),
/// hardliners' and moderates' support, walking out and returning, troops, clauses it writes or
/// takes out, acceptances withdrawn, the end of the talks (its flags are the scenario's own);
/// and whether one of them is a shock (a change of tension or trust of at least [`SHOCK`],
/// acceptances withdrawn, an end).
pub fn event_changes(s: &Scenario, ev: &crate::scenario::Event) -> (Vec<String>, bool) {
    let mut what: Vec<String> = Vec::new();
    let mut shakes = false;
    let who = |z| rules::describe::subject_of(s, z, ev.actor);
    for e in &ev.effects {
        match e {
            Effect::Tension(v) if *v != 0.0 => {
                shakes |= v.abs() >= SHOCK;
                what.push(format!("tension {}", rules::describe::signed_points(*v)));
            }
            Effect::Trust(x, y, v, decay) if *v != 0.0 => {
                shakes |= v.abs() >= SHOCK;
                what.push(format!(
                    "{} trust in {} {}",
                    possessive(&who(x)),
                    who(y),
                    rules::describe::fading_change(s, *v, *decay)
                ));
            }
            Effect::Domestic(x, Camp::Hardliners, v) if *v != 0.0 => {
                what.push(format!(
                    // Their support for the leadership: hardliners who "cry betrayal" withdraw
                    // it (a tester read "hardliners -6" as the hardliners weakened).
                    "{} hardliners' support {}",
                    possessive(&who(x)),
                    rules::describe::signed_points(*v)
                ));
            }
            Effect::Domestic(x, Camp::Moderates, v) if *v != 0.0 => {
                what.push(format!(
                    "{} moderates' support {}",
                    possessive(&who(x)),
                    rules::describe::signed_points(*v)
                ));
            }
            Effect::WalkOut(x) => what.push(format!("{} walks out of the talks", who(x))),
            Effect::Return(x) => what.push(format!("{} may return to the table", who(x))),
            Effect::Troops(x, v) if *v != 0 => {
                let sign = if *v > 0 { "+" } else { "-" };
                what.push(format!(
                    "{} troops {sign}{}",
                    possessive(&who(x)),
                    group(v.abs())
                ));
            }
            Effect::Clause(i, l) => {
                let issue = &s.issues[*i];
                what.push(match l {
                    Some(_) => format!("{} written in as {}", issue.name, issue.level_name(*l)),
                    None => format!("{} taken out of the text", issue.name),
                });
            }
            Effect::Unsettle => {
                shakes = true;
                what.push("every acceptance withdrawn".into());
            }
            Effect::End(kind) => {
                shakes = true;
                what.push(format!("the talks end ({kind:?})").to_lowercase());
            }
            _ => {}
        }
    }
    (what, shakes)
}

/// Whether the trust that moves and events earn or cost fades, in words: every `Trust` effect
/// of the scenario fades (a decay above 0), some do, or none does.
fn trust_fading(s: &Scenario) -> String {
    let one = &s.turn.one;
    let decays: Vec<bool> = s
        .moves
        .iter()
        .flat_map(|m| &m.effects)
        .chain(s.events.iter().flat_map(|e| &e.effects))
        .filter_map(|e| match e {
            crate::scenario::Effect::Trust(_, _, _, decay) => Some(*decay > 0.0),
            _ => None,
        })
        .collect();
    if decays.iter().all(|&d| d) {
        format!("Trust that moves and events earn or cost fades {one} by {one}")
    } else if decays.iter().any(|&d| d) {
        format!("Most trust that moves and events earn or cost fades {one} by {one} (some lasts)")
    } else {
        "Trust that moves and events earn or cost lasts".to_string()
    }
}

/// The briefing of party `me` at the start of a game.
pub fn briefing(s: &Scenario, st: &Negotiation, me: PartyIx) -> Briefing {
    let party = &s.parties[me];
    let mut aims: Vec<Aim> = party
        .prefs
        .iter()
        .enumerate()
        .filter(|(_, p)| p.weight > 0.0)
        .map(|(i, p)| Aim {
            issue: i,
            want: party.ideal(&s.issues[i], i),
            weight: p.weight,
        })
        .collect();
    aims.sort_by(|a, b| b.weight.total_cmp(&a.weight).then(a.issue.cmp(&b.issue)));
    let counterparts = (0..s.parties.len())
        .filter(|&p| p != me)
        .map(|p| {
            let q = &s.parties[p];
            // A mediator's wants count for nothing (it signs nothing): none are shown.
            let counts = q.role != Role::Mediator;
            let priorities = knows(s, st, Some(me), p).then(|| {
                let mut w = heaviest_first(q.prefs.iter().map(|x| x.weight));
                w.truncate(if counts { 3 } else { 0 });
                w
            });
            Counterpart {
                party: p,
                role: role_label(q.role).to_string(),
                stance: q.stance.clone(),
                red_lines: q.red_lines.iter().map(|r| r.describe(&s.issues)).collect(),
                priorities,
                signatory: q.signatory,
            }
        })
        .collect();
    let t = &s.tension;
    let (one, many) = (&s.turn.one, &s.turn.many);
    let mut endings = vec![
        format!(
            "A deal: every negotiator accepts the same text, keeps all its red lines, finds it worth \
             its walk-away value and trusts the others at least {:.0}, all in the same {one}{}.",
            s.rules.min_trust,
            if s.parties.iter().any(|p| p.signatory) {
                "; every signatory must consent to it too"
            } else {
                ""
            }
        ),
        "Agreement (0–100) says how near the text is to a deal: it counts, for each negotiator, \
         the red lines the text keeps, its worth against the walk-away value and the trust in the \
         others, and it is 100 exactly when every party whose consent a deal needs would sign \
         the text now (each negotiator must still accept it)."
            .to_string(),
        format!(
            "Every party chooses its move against the same state; then the {one}'s events come \
             and the moves take effect one after another, in the parties' order ({}) in odd \
             {many} and in reverse in even ones: a later move acts on the text the earlier ones \
             left.",
            s.parties
                .iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        format!(
            "{} (a trust breakdown shows each item as it stands now). A deal is made when \
             the {one}'s events and all its moves, taken in turn, leave every negotiator accepting a text it would sign \
             (and every signatory consenting): the deal is made then, before the {one}'s end (a move after \
             the last acceptance still takes effect, for every party chose its move as the {one} opened). Otherwise, at its end, trust fades, audiences move and \
             tension drifts: an acceptance lapses then if its party would no longer sign, and \
             the answers to \"would you sign?\" warn when that will happen if nobody moves.",
            trust_fading(s)
        ),
        format!(
            "War: tension reaches {:.0}. Above {:.0}, every {one} risks an incident that ends in \
             war ({:.1} % more chance per point above it).",
            t.war_at,
            t.escalation_threshold,
            100.0 * t.escalation_per_point
        ),
        format!(
            "Collapse: a negotiator stays away from the table for {} {many}.",
            s.rules.collapse_after
        ),
        format!("Stalemate: {} {many} pass without a deal.", s.weeks),
    ];
    // What banking a clause means, where reopening one costs trust.
    if s.rules.reopen_cost > 0.0 {
        let after = s.rules.bank_after;
        endings.insert(
            2,
            format!(
                "A clause unchanged for {after} {} that keeps every negotiator's red lines is \
                 banked: reopening it costs {:.0} trust with each negotiator the change hurts.",
                if after == 1 { one } else { many },
                s.rules.reopen_cost
            ),
        );
    }
    if t.drift > 0.0 {
        let after_war = endings
            .iter()
            .position(|e| e.starts_with("War"))
            .map_or(endings.len(), |i| i + 1);
        endings.insert(
            after_war,
            format!(
                "Tension drifts {} a {one} toward {:.0} when nothing else moves it (\"Time \
                 passes\"): it eases above {:.0} and creeps up below it, so a move that calms it \
                 below {:.0} does less than its own number.",
                format!("{:.2}", t.drift)
                    .trim_end_matches('0')
                    .trim_end_matches('.'),
                t.rest,
                t.rest,
                t.rest
            ),
        );
    }
    if s.events.iter().any(|e| {
        e.effects
            .iter()
            .any(|x| matches!(x, crate::scenario::Effect::End(_)))
    }) {
        endings.push("Some events can end the talks on their own.".into());
    }
    let sc = &s.scoring;
    let quality = match party.role {
        Role::Mediator => {
            "how evenly the deal serves the negotiators (its Nash product against the best possible)"
        }
        Role::Negotiator => {
            "how much you kept of the gain over your walk-away value as the talks opened, \
             against the best text you could have had (the tension on the day you sign does not \
             move your walk-away value there)"
        }
        Role::Spoiler | Role::Regional => {
            "how much you kept of the gain over your walk-away value as the talks opened, \
             against the best text for you that the negotiators would have signed"
        }
    };
    let scoring = vec![
        outcome_points(sc),
        format!(
            "Deal quality: up to {:.0} more for a deal, by {quality}.",
            sc.surplus
        ),
        format!(
            "Calm: {:.1} for every point the mean tension stays below {:.0}.",
            sc.calm, t.war_at
        ),
    ];
    Briefing {
        title: s.title.clone(),
        situation: s.summary.clone(),
        party: me,
        role: party.role,
        stance: party.stance.clone(),
        aims,
        red_lines: party
            .red_lines
            .iter()
            .map(|r| (r.describe(&s.issues), r.text.clone()))
            .collect(),
        walk_away: (party.role == Role::Negotiator).then(|| rules::stand(s, st, me).reservation),
        walk_away_moves: {
            let r = &party.reservation;
            let way = |c: f64, what: &str| {
                if c > 0.0 {
                    format!("rises as {what} rises")
                } else if c < 0.0 {
                    format!("falls as {what} rises")
                } else {
                    format!("does not move with {what}")
                }
            };
            // Support is the hardliners' backing of the leadership: how much room they leave
            // it, not how strong they are.
            let why = if r.hardliners < 0.0 {
                " (hardliners who back you leave you room to compromise)"
            } else if r.hardliners > 0.0 {
                " (hardliners who back you hold you to your line)"
            } else {
                ""
            };
            format!(
                "It {}, and {}{why}.",
                way(r.tension, "tension"),
                way(r.hardliners, "your hardliners' support for you")
            )
        },
        counterparts,
        endings,
        scoring,
        shocks: shocks(s),
    }
}

/// Where party `p`'s hardliners' support is heading, when it is at least half a point away:
/// the moves and events of past weeks push it (its target) and it closes a share of the gap at
/// each week's end (one less its inertia), so a push shows over several weeks.
pub fn hardliners_heading(st: &Negotiation, p: PartyIx) -> Option<f64> {
    let row = &st.parties[p];
    ((row.hardliners_target - row.hardliners).abs() >= 0.5).then_some(row.hardliners_target)
}

/// Whether a condition of a move or an event reads party `p`'s hardliners' support (Israel's
/// strike needs it above 58): the window then shows the figure on the party's card even while
/// it is heading nowhere (a tester saw Israel's support at home and no hardliners to weigh the
/// strike's condition against).
pub fn hardliners_read(s: &Scenario, p: PartyIx) -> bool {
    use crate::rules::legal::{bits, mask};
    use crate::scenario::Condition;
    let reads = |c: &Condition, actor: Option<PartyIx>, target: Option<PartyIx>| match c {
        Condition::HardlinersAbove(x, _) | Condition::HardlinersBelow(x, _) => {
            bits(mask(s, x, actor, target)).any(|q| q == p)
        }
        _ => false,
    };
    let by_events =
        (s.events.iter()).any(|ev| ev.conditions.iter().any(|c| reads(c, ev.actor, None)));
    // A move's condition on its target reads `p`'s where `p` is the target.
    let by_moves = s.moves.iter().any(|m| {
        (0..s.parties.len())
            .filter(|&q| m.usable_by(q, s.parties[q].role))
            .any(|q| m.conditions.iter().any(|c| reads(c, Some(q), Some(p))))
    });
    by_events || by_moves
}

/// What "heading for" means beside the hardliners' support, with party `p`'s pace.
pub fn heading_note(s: &Scenario, p: PartyIx) -> String {
    let one = &s.turn.one;
    let pace = 100.0 * (1.0 - s.parties[p].domestic.hardliners.inertia);
    format!(
        "\"Heading for\": where the moves and events of past {one}s pushed the hardliners. Their \
         support closes a share of the gap at the end of each {one} ({}: {pace:.0} %).",
        possessive(&s.parties[p].name)
    )
}

/// Whether event `e` is good news or bad, by what it does: `Some(false)` when it can end the
/// talks, raises tension, or (tension aside) cuts trust; `Some(true)` when it lowers tension or
/// (tension aside) raises trust; `None` when it does neither. A tester saw "Kushner joins the US
/// delegation" marked in the red of an attack.
pub fn event_tone(s: &Scenario, e: usize) -> Option<bool> {
    let effects = &s.events.get(e)?.effects;
    if effects.iter().any(|f| matches!(f, Effect::End(_))) {
        return Some(false);
    }
    let sum = |pick: fn(&Effect) -> Option<f64>| effects.iter().filter_map(pick).sum::<f64>();
    let tension = sum(|f| match f {
        Effect::Tension(v) => Some(*v),
        _ => None,
    });
    let trust = sum(|f| match f {
        Effect::Trust(_, _, v, _) => Some(*v),
        _ => None,
    });
    let lean = if tension.abs() > 1e-9 {
        -tension
    } else {
        trust
    };
    (lean.abs() > 1e-9).then_some(lean > 0.0)
}

/// What the hardliners' figure means for party `p`, as `me` may know it (`None`: watching): how
/// far the hard-line camp at home backs the party, its share of the support at home, the backing
/// a concession needs, and which way it moves a negotiator's walk-away value (where `me` knows
/// that value). A tester could not tell whether "Hardliners 77, heading for 90" was good or bad.
pub fn hardliners_note(s: &Scenario, st: &Negotiation, p: PartyIx, me: Option<PartyIx>) -> String {
    let party = &s.parties[p];
    let d = &party.domestic;
    // Whose, first: under the terminal's table of every party, "Hardliners: … backs you" left
    // a tester unsure who "you" was.
    let (who, whose, head) = if me == Some(p) {
        let head = format!("Your hardliners ({})", party.name);
        ("you".to_string(), "your".to_string(), head)
    } else {
        let whose = possessive(&party.name);
        let head = format!("{whose} hardliners");
        (party.name.clone(), whose, head)
    };
    let mut out = format!(
        "{head}: how far the hard-line camp at home backs {who} (0–100); their backing counts \
         for {:.0}\u{a0}% of {whose} support at home",
        100.0 * d.hardliners.share
    );
    if d.concession_floor > 0.0 {
        out.push_str(&format!(
            "; a concession needs them at {} or more",
            rules::describe::points(d.concession_floor)
        ));
    }
    let k = party.reservation.hardliners;
    if party.role == Role::Negotiator
        && k.abs() >= 1e-9
        && me.is_none_or(|m| bargain::knows(s, st, m, p))
    {
        let way = if k > 0.0 { "raises" } else { "lowers" };
        out.push_str(&format!(
            "; each 10 points more {way} {whose} walk-away value by {:.3}",
            (k / 10.0).abs()
        ));
    }
    out.push('.');
    out
}

/// What a review of the final text says for party `me`, under the texts set side by side: the
/// share of the gain over its walk-away value as the talks opened it kept of what it could have had (a party scored
/// by its own gain; the mediator is scored by the balance) and the share of the Nash product the
/// text reaches. Of a text left unsigned, what signing it would have given.
pub fn review_summary(s: &Scenario, r: &rules::Review, me: PartyIx) -> String {
    let balance = 100.0 * r.balance;
    let own = s.parties[me].role != Role::Mediator;
    let mine = r.stands.iter().chain(&r.outside).find(|x| x.0 == me);
    match (r.signed, own, mine) {
        (true, true, _) => format!(
            "You kept {:.0}\u{a0}% of the gain over your walk-away value as the talks opened that \
             you could have had; the deal reaches {balance:.0}\u{a0}% of the Nash product (how evenly it serves everyone).",
            100.0 * r.quality
        ),
        (true, false, _) => format!(
            "The deal reaches {balance:.0}\u{a0}% of the Nash product: how evenly it serves everyone."
        ),
        (false, true, Some(&(_, u, res))) if u < res - 1e-9 => format!(
            "It was not signed. It is worth less to you than your walk-away value as the talks \
             opened; it reaches {balance:.0}\u{a0}% of the Nash product (how evenly it serves everyone)."
        ),
        (false, true, _) => format!(
            "It was not signed. Signed, it would have kept you {:.0}\u{a0}% of the gain over your \
             walk-away value as the talks opened that you could have had; it reaches {balance:.0}\u{a0}% of the Nash \
             product (how evenly it serves everyone).",
            100.0 * r.quality
        ),
        (false, false, _) => format!(
            "It was not signed. It reaches {balance:.0}\u{a0}% of the Nash product: how evenly it \
             would have served everyone."
        ),
    }
}

/// A score's parts in words: "outcome 50 + deal quality 97 of 650 + calm 79" (the deal quality
/// out of the most a deal can bring, `scoring.surplus`).
/// Each part is rounded so that they add up to the total as it is shown (a tester added up
/// "291: outcome 50 + deal quality 164 + calm 78").
pub fn score_parts(s: &Scenario, sc: &crate::sim::Score) -> String {
    let whole = rules::describe::apportion(&[sc.outcome, sc.surplus, sc.calm], 1.0);
    format!(
        "outcome {:.0} + deal quality {:.0} of {:.0} + calm {:.0}",
        whole[0], whole[1], s.scoring.surplus, whole[2]
    )
}

/// What a contested clause means (`None` when clause `i` is not contested): who undid another
/// party's change of it, and how long the AI negotiators still leave it
/// ([`crate::ai::patience_left`]).
pub fn contested_note(s: &Scenario, draft: &rules::Draft, i: IssueIx) -> Option<String> {
    if !draft.is_contested(i) {
        return None;
    }
    let by = draft.last[i].map_or_else(|| "A party".to_string(), |c| s.parties[c.by].name.clone());
    let (one, many) = (&s.turn.one, &s.turn.many);
    let wait = match crate::ai::patience_left(s, draft, i) {
        _ if s.ai.patience == 0 => String::new(),
        0 => " AI negotiators may amend it in their own favour again.".to_string(),
        n => format!(
            " For {n} more {} no AI negotiator amends it in its own favour while it stays \
             contested (a concession, a bridge or a full text still may).",
            if n == 1 { one } else { many }
        ),
    };
    Some(format!(
        "{} is contested: {by} undid another party's change of it.{wait}",
        s.issues[i].name
    ))
}

/// Who else a deal on the text as it stands needs, besides `me`: every party whose consent it
/// needs that has not accepted it (a negotiator) or would not sign it (any of them, a signatory
/// included).
pub fn still_needed(s: &Scenario, st: &Negotiation, me: PartyIx) -> Vec<PartyIx> {
    s.consenting
        .iter()
        .copied()
        .filter(|&q| q != me && !rules::score::consents(s, st, q))
        .collect()
}

/// The answers to "would you sign?" that the end of the coming turn turns if nobody moves: trust
/// fades, audiences move and tension drifts at the end of every turn that does not end in a deal
/// (an acceptance then lapses if its party would no longer sign).
/// Each is the answer then ([`rules::predict_idle`]) of a party whose consent a deal needs and
/// whose answer now, on `st`, is the other one.
pub fn outlook(s: &Scenario, st: &Negotiation) -> Vec<rules::Verdict> {
    let mut scratch = Scratch::default();
    let idle = rules::predict_idle(s, &rules::opened(st), &mut scratch);
    s.consenting
        .iter()
        .map(|&p| rules::verdict(s, idle, p))
        .filter(|then| then.would_sign != rules::verdict(s, st, then.party).would_sign)
        .collect()
}

/// One answer of [`outlook`] in words, with the first reason against signing then (as a party
/// that does not know `v.party`'s priorities hears it, unless `exact`).
pub fn outlook_line(s: &Scenario, v: &rules::Verdict, exact: bool) -> String {
    let head = format!(
        "If nobody moves, at the end of the {}: {}",
        s.turn.one, s.parties[v.party].name
    );
    match v.first_refusal().filter(|g| exact || !g.hidden()) {
        _ if v.would_sign => format!("{head} would sign"),
        Some(g) => format!(
            "{head} would no longer sign ({})",
            g.text_for(s, v.party, exact)
        ),
        None => format!("{head} would no longer sign"),
    }
}

/// A party away from the table, in words: how long, and for a negotiator how near the talks
/// are to collapsing ("Away from the table 2 weeks; the talks collapse if it is still away at
/// the end of this week"). `None` for a party at the table.
pub fn away(s: &Scenario, st: &Negotiation, p: PartyIx) -> Option<String> {
    let row = &st.parties[p];
    if row.present {
        return None;
    }
    let (one, many) = (&s.turn.one, &s.turn.many);
    let gone = match row.absent_weeks {
        0 => format!("Away from the table since this {one}"),
        1 => format!("Away from the table 1 {one}"),
        n => format!("Away from the table {n} {many}"),
    };
    if s.parties[p].role != Role::Negotiator {
        return Some(gone);
    }
    let left = s.rules.collapse_after.saturating_sub(row.absent_weeks);
    Some(match left {
        0 | 1 => format!("{gone}; the talks collapse if it is still away at the end of this {one}"),
        n => format!("{gone}; the talks collapse after {n} more {many} away"),
    })
}

/// Whether a party's own utility of the text counts for it, so that the screens show it: a
/// negotiator's does; a mediator signs nothing and scores for the outcome.
pub fn utility_counts(s: &Scenario, me: PartyIx) -> bool {
    s.parties[me].role == Role::Negotiator
}

/// A signed number without a "-0": `+0` when it rounds to zero at `decimals` places (0–3).
pub fn signed(x: f64, decimals: usize) -> String {
    let scale = [1.0, 10.0, 100.0, 1000.0][decimals.min(3)];
    let r = (x * scale).round() / scale;
    let r = if r == 0.0 { 0.0 } else { r };
    format!("{r:+.decimals$}")
}

/// A move card's figure for a change of tension or agreement: whole points, but a change
/// smaller than one point that is not nothing to a tenth, so that it keeps its sign (a tester's
/// card read "agreement +0" where its hover said "agreement -0.4").
pub fn card_figure(x: f64) -> String {
    let whole = signed(x, 0);
    match (whole.as_str(), signed(x, 1).as_str()) {
        ("+0", tenth) if tenth != "+0.0" => tenth.to_string(),
        _ => whole,
    }
}

/// A scored move's effect this turn in one line: tension, agreement, the party's utility where
/// it counts ([`utility_counts`]) and political capital.
pub fn effects_line(s: &Scenario, me: PartyIx, sc: &crate::ai::Scored) -> String {
    let utility = if utility_counts(s, me) {
        format!(", your utility {}", signed(sc.d_utility, 3))
    } else {
        String::new()
    };
    let capital = if s.uses_capital() {
        format!(
            ", political capital {}",
            signed(-s.moves[sc.choice.mv].cost, 0)
        )
    } else {
        String::new()
    };
    format!(
        "tension {}, agreement {}{utility}{capital}",
        signed(sc.d_tension, 1),
        signed(sc.d_agreement, 1),
    )
}

/// What a move will do this turn, against making none, as the rules predict it (the same
/// prediction the turn resolves it with): each clause it changes, each party's trust in the
/// mover that it changes, the trust between the negotiators (and the mover's own in them) that
/// it changes, the mover's support at home, and each negotiator whose answer to "would you
/// sign?" it turns.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, Default)]
pub struct Preview {
    /// The party that moves.
    #[serde(default)]
    pub mover: Option<PartyIx>,
    /// (issue, the clause before, the clause after).
    pub clauses: Vec<(IssueIx, Level, Level)>,
    /// (party, change of its trust in the mover).
    pub trust: Vec<(PartyIx, f64)>,
    /// Change of the mover's support at home.
    pub support: f64,
    /// The banked clauses it reopens, each with the negotiators who trust the mover less for it
    /// (a bit mask: those the change hurts, [`rules::resenters`]).
    #[serde(default)]
    pub reopens: Vec<(IssueIx, u32)>,
    /// (issue, party) for each clause it contests: it undoes that party's latest change of it.
    #[serde(default)]
    pub contests: Vec<(IssueIx, PartyIx)>,
    /// The contested clauses it leaves uncontested (it moves them somewhere new): the AI's
    /// negotiators no longer leave them alone (a tester's second amendment lifted that, and no
    /// card had said so).
    #[serde(default)]
    pub uncontests: Vec<IssueIx>,
    /// (from, to, change of from's trust in to) for the other pairs it changes: a negotiator's
    /// trust in another, and the mover's own trust in a negotiator.
    #[serde(default)]
    pub links: Vec<(PartyIx, PartyIx, f64)>,
    /// (negotiator, whether it would sign as the turn opens, whether it would sign afterwards)
    /// for each negotiator whose answer to "would you sign?" the move turns, against the turn
    /// with no move ([`turn_answer`]): a yes it would otherwise lose by the turn's end is one it
    /// "would still" give.
    #[serde(default)]
    pub signs: Vec<(PartyIx, bool, bool)>,
    /// (party, change of its hardliners' support this turn, change of where the pressure on
    /// them points) for each party whose hardliners the move moves, the mover's own included (support closes on
    /// where it is pushed at the pace of its inertia: see the scenario format).
    #[serde(default)]
    pub hardliners: Vec<(PartyIx, f64, f64)>,
    /// The move accepts the text, but the acceptance lapses at the end of the turn: by then the
    /// mover would no longer sign it (its trust fades below what signing needs, or the text
    /// falls below its walk-away value).
    #[serde(default)]
    pub lapses: bool,
    /// (party, change of its troops in the theatre) for each party whose troops the move moves.
    #[serde(default)]
    pub troops: Vec<(PartyIx, i64)>,
    /// When the move turns the mover's own answer to "would you sign?": the reason that turns
    /// it, the first against signing after the move (when it turns to no) or the one the move
    /// takes away (to yes). The mover's own reasons are never hidden from it.
    #[serde(default)]
    pub own_reason: Option<rules::Ground>,
    /// The same for each other negotiator whose answer the move turns (in [`Preview::signs`]),
    /// with whether the mover knows its priorities: without them its worth and walk-away stay
    /// hidden (a tester read "United States would not sign … (without this move, would)" and
    /// could not tell why: the move cost its trust in them a point, below what signing needs).
    #[serde(default)]
    pub reasons: Vec<(PartyIx, rules::Ground, bool)>,
    /// (negotiator, worth of the text to it without the move, with it, whether the mover knows
    /// its weights) for each other negotiator, as the mover reads them ([`believed_worth`]),
    /// when the move changes the text.
    #[serde(default)]
    pub worth: Vec<(PartyIx, f64, f64, bool)>,
    /// (party, red lines the text keeps without the move, with it) for each party whose consent
    /// a deal needs whose count the move changes.
    #[serde(default)]
    pub red_lines: Vec<(PartyIx, usize, usize)>,
    /// (from, to, how much of the move's change of that trust fades over the turn after this
    /// one) for each pair whose trust the move changes and whose change fades: all its parts
    /// together (the move's own trust effects, a reopening's cost), as the rules fade them.
    #[serde(default)]
    pub fades: Vec<(PartyIx, PartyIx, f64)>,
    /// The coming turn is the last: its answers to "would you sign?" are those of the turn's
    /// acts or of its end ([`turn_answer`]).
    #[serde(default)]
    pub last: bool,
    /// Taken alone, the move makes the deal this turn (a week with no move would not): the turn
    /// does not end, so no trust fades and no acceptance lapses. Its trust changes against the
    /// week with no move are then the fading it spares, not trust it gives.
    #[serde(default)]
    pub deal: bool,
    /// The parties whose standing acceptance the move withdraws (by changing the text), the
    /// mover's own included, as the rules record it ([`rules::Applied::withdrawn`]): a deal
    /// one acceptance away would wait for them to accept again.
    #[serde(default)]
    pub withdrawn: Vec<PartyIx>,
    /// (party, whether it is news) for each party with hidden priorities whose priorities the
    /// move reveals to the mover: news when the mover did not know them yet (a play-tester
    /// was promised a reveal by every back channel after the first).
    #[serde(default)]
    pub reveals: Vec<(PartyIx, bool)>,
    /// (negotiator, its walk-away value at the turn's end without the move, with it) for each
    /// negotiator whose walk-away value the mover knows (its own; another's once revealed or
    /// public) and the move moves, by tension or hardliners: a player saw a call for restraint
    /// lower agreement and found why only in the brief.
    #[serde(default)]
    pub walk_away: Vec<(PartyIx, f64, f64)>,
    /// The move tables a whole text (`Offer`), drawn up as the turn opens ([`rules::draw_texts`]):
    /// `Some(true)` where a text reaches what the mover asks for, the one previewed, whatever
    /// the events and moves before it do; `Some(false)` where none does, when it tables the
    /// text as its move finds it.
    #[serde(default)]
    pub whole_text: Option<bool>,
    /// The events that may come by chance whose conditions the move, taken alone, meets by the
    /// turn's end where the turn with no move would not (`opens`), and those it keeps from
    /// meeting them where the turn with no move would meet them (`shuts`): which may come the
    /// turn after ([`chance_events_open`]). A tester's opening text raised agreement above 40
    /// and let an Israeli strike come, and nothing had said so.
    #[serde(default)]
    pub opens: Vec<usize>,
    #[serde(default)]
    pub shuts: Vec<usize>,
    /// The chance of war rolled at the turn's end ([`rules::escalation_chance`], on the tension
    /// the turn leaves) without the move and with it, where the two differ: a tester calming a
    /// week at 21 % found the move's score for "less risk of war" but not the risk it left.
    #[serde(default)]
    pub war: Option<(f64, f64)>,
    /// For a whole text (`Offer`): the other negotiators whose priorities the mover does not
    /// know, whose share of the text is drawn up on its estimate of them (a tester tabled a text
    /// in the first week and gave away a clause the other side barely valued).
    #[serde(default)]
    pub guessed: Vec<PartyIx>,
}

impl Preview {
    /// Leaves out of `opens` and `shuts` the events that cannot come the turn after whatever
    /// their conditions (`live[e]` false: on a cooldown, or a `once` event that has come:
    /// [`crate::sim::live_next_turn`]).
    pub fn keep_live(&mut self, live: &[bool]) {
        let alive = |e: &usize| live.get(*e).copied().unwrap_or(true);
        self.opens.retain(alive);
        self.shuts.retain(alive);
    }

    /// The preview in words, one line per effect.
    pub fn lines(&self, s: &Scenario) -> Vec<String> {
        let mut out: Vec<String> = self
            .clauses
            .iter()
            .map(|&(i, from, to)| {
                let issue = &s.issues[i];
                let reopens = if let Some(&(_, hurt)) = self.reopens.iter().find(|r| r.0 == i) {
                    let price = self.mover.map_or_else(String::new, |m| {
                        rules::describe::reopen_price(s, m, hurt, "you")
                    });
                    let counted = if hurt == 0 || price.is_empty() {
                        ""
                    } else {
                        "; counted in the trust below, as it stands once the turn's fading is done"
                    };
                    format!(" (reopens a banked clause{price}{counted})")
                } else {
                    String::new()
                };
                let contests = self
                    .contests
                    .iter()
                    .find(|c| c.0 == i)
                    .map(|&(_, q)| {
                        // From the next turn: this one's moves were all chosen as it opened (a
                        // tester read "contests" as a lock, and the other side undid its change
                        // in the same week).
                        let n = s.ai.patience;
                        let from_next = if n > 0 && !self.last {
                            format!(
                                "; for the {} from next {} no AI negotiator amends it in its own \
                                 favour while it stays contested",
                                if n == 1 {
                                    s.turn.one.clone()
                                } else {
                                    format!("{n} {}", s.turn.many)
                                },
                                s.turn.one
                            )
                        } else {
                            String::new()
                        };
                        format!(
                            " (undoes {} change: contests the clause{from_next})",
                            possessive(&s.parties[q].name)
                        )
                    })
                    .unwrap_or_default();
                let ends = if self.uncontests.contains(&i) {
                    " (ends the contest over it: an AI negotiator may amend it in its own favour \
                     again)"
                } else {
                    ""
                };
                format!(
                    "{}: {} → {}{reopens}{contests}{ends}",
                    issue.name,
                    issue.level_name(from),
                    issue.level_name(to)
                )
            })
            .collect();
        if self.whole_text == Some(false) {
            // A tester saw "A +0.0 U+0.000" under a 4-capital move and `why` listed nothing.
            out.push(format!(
                "changes no clause: no text is worth what you ask for now, so you would table \
                 the text as your move finds it, after the events and moves before it this {} \
                 (it still costs its price)",
                s.turn.one
            ));
        } else if self.whole_text.is_some() && self.clauses.is_empty() {
            // A tester saw "A +0.0 U+0.000" under a 4-capital move and `why` listed nothing.
            out.push(
                "changes no clause: the text as it stands is the one you would table (it still \
                 costs its price)"
                    .to_string(),
            );
        }
        if self.whole_text == Some(true) {
            out.push(format!(
                "you table this text whatever the events and moves before yours this {} do (it \
                 is drawn up as the {} opens); a move after yours may change a clause again",
                s.turn.one, s.turn.one
            ));
            if let Some(names) = joined(
                &(self.guessed.iter())
                    .map(|&q| s.parties[q].name.as_str())
                    .collect::<Vec<_>>(),
                "and",
            ) {
                let first = self
                    .mover
                    .and_then(|m| revealing_move(s, m))
                    .map_or_else(String::new, |m| {
                        format!(": “{m}” first shows what it really wants")
                    });
                out.push(format!(
                    "what it gives {names} is drawn up on your estimate (≈) of what {} cares \
                     about most, and may give away what it barely values{first}",
                    if self.guessed.len() == 1 {
                        "it"
                    } else {
                        "each"
                    }
                ));
            }
        }
        // The clauses it sets will bank if left alone: a play-tester tabled a full text in the
        // first week, found every clause banked by the fifth, and each improvement then cost
        // trust (the card had not said so). A clause taken out of the text does not bank.
        if self.clauses.iter().any(|c| c.2.is_some()) && s.rules.reopen_cost > 0.0 {
            let after = s.rules.bank_after;
            let many = if after == 1 {
                &s.turn.one
            } else {
                &s.turn.many
            };
            out.push(format!(
                "a clause it sets banks once it stands {after} {many} unchanged (if it keeps every \
                 negotiator's red lines): reopening it then costs {} trust with each negotiator \
                 the change hurts",
                rules::describe::points(s.rules.reopen_cost)
            ));
        }
        // How fast it fades, where it does: a play-test could not plan trust without it. The
        // figure is trust as the turn ends, after its own fading (a tester read "+7, fading 1
        // a week" as +7 now and +6 next week, and found +7 next week).
        let fading = |from: PartyIx, to: PartyIx| {
            self.fades
                .iter()
                .find(|f| (f.0, f.1) == (from, to))
                .map(|f| {
                    format!(
                        " at the {one}'s end, then fading {} a {one}",
                        rules::describe::points(f.2),
                        one = s.turn.one
                    )
                })
                .unwrap_or_default()
        };
        for &(p, d) in &self.trust {
            out.push(format!(
                "{} trust in you {d:+.1}{}",
                possessive(&s.parties[p].name),
                self.mover.map(|m| fading(p, m)).unwrap_or_default()
            ));
        }
        for &(from, to, d) in &self.links {
            let whose = if self.mover == Some(from) {
                "your trust".to_string()
            } else {
                format!("{} trust", possessive(&s.parties[from].name))
            };
            out.push(format!(
                "{whose} in {} {d:+.1}{}",
                s.parties[to].name,
                fading(from, to)
            ));
        }
        if self.support.abs() >= 0.05 {
            out.push(format!("support at home {:+.1}", self.support));
        }
        for &(p, d) in &self.troops {
            let whose = if self.mover == Some(p) {
                "your troops".to_string()
            } else {
                format!("{} troops", possessive(&s.parties[p].name))
            };
            let sign = if d > 0 { "+" } else { "" };
            out.push(format!("{whose} in the region {sign}{}", group(d)));
        }
        for &(p, now, heading) in &self.hardliners {
            let pace = if (heading - now).abs() >= 0.05 {
                // Where the move pushes it, as the parties table's "heading for" reads: reached
                // only if nothing pushes it back (a play-test read "as it settles" as a promise).
                format!(", {heading:+.1} in where it is heading, unless other moves push it back")
            } else {
                String::new()
            };
            let whose = if self.mover == Some(p) {
                "your".to_string()
            } else {
                possessive(&s.parties[p].name)
            };
            out.push(format!(
                "{whose} hardliners' support {now:+.1} this {}{pace}",
                s.turn.one
            ));
        }
        for &(q, from, to) in &self.red_lines {
            let whose = if self.mover == Some(q) {
                "your".to_string()
            } else {
                possessive(&s.parties[q].name)
            };
            let n = s.parties[q].red_lines.len();
            let what = if to < from { "breaks" } else { "keeps" };
            let more = if to < from { "" } else { " more" };
            out.push(format!(
                "{what} {}{more} of {whose} red lines (kept {from} → {to} of {n})",
                from.abs_diff(to)
            ));
        }
        if !self.worth.is_empty() {
            let guessed = self.worth.iter().any(|w| !w.3);
            let parts: Vec<String> = (self.worth.iter())
                .map(|&(q, from, to, known)| {
                    let mark = if known { "" } else { "≈" };
                    format!("to {} {mark}{from:.2} → {mark}{to:.2}", s.parties[q].name)
                })
                .collect();
            let how = if guessed {
                " (≈ by your estimate of how much each issue weighs to it)"
            } else {
                ""
            };
            out.push(format!("worth of the text {}{how}", parts.join(", ")));
        }
        if !self.walk_away.is_empty() {
            let one = self.walk_away.len() == 1;
            let parts: Vec<String> = (self.walk_away.iter())
                .map(|&(q, from, to)| {
                    let whose = match (self.mover == Some(q), one) {
                        (true, true) => "your walk-away value".to_string(),
                        (true, false) => "yours".to_string(),
                        (false, true) => {
                            format!("{} walk-away value", possessive(&s.parties[q].name))
                        }
                        (false, false) => possessive(&s.parties[q].name),
                    };
                    // A third decimal where two would read as no change.
                    let d = if format!("{from:.2}") == format!("{to:.2}") {
                        3
                    } else {
                        2
                    };
                    format!("{whose} {from:.d$} → {to:.d$}")
                })
                .collect();
            let head = if one { "" } else { "walk-away values: " };
            out.push(format!(
                "{head}{} (a walk-away value moves with tension and hardliners)",
                parts.join(", ")
            ));
        }
        if let Some(mark) = withdraw_mark(s, self) {
            out.push(if self.clauses.is_empty() {
                mark
            } else {
                format!("{mark}: a changed text must be accepted again before it can be signed")
            });
        }
        for &(q, news) in &self.reveals {
            let name = &s.parties[q].name;
            out.push(if news {
                format!(
                    "shows you what {name} really wants: how much each issue weighs to it and \
                     its walk-away value"
                )
            } else {
                format!("reveals nothing new: you already know what {name} really wants")
            });
        }
        if self.lapses {
            out.push(format!(
                "your acceptance would lapse at the end of the {}: by then you would no longer \
                 sign the text (see \"would you sign?\")",
                s.turn.one
            ));
        }
        for &(p, now, yes) in &self.signs {
            let who = if self.mover == Some(p) {
                "you".to_string()
            } else {
                s.parties[p].name.clone()
            };
            // Against the end of the week without the move, which is what the preview measures
            // (trust fades and audiences move over the week whatever anyone does); in the last,
            // as its acts leave it too, when the AI's sides sign as time runs out.
            let one = &s.turn.one;
            let when = if self.last {
                format!(
                    "in this last {one} (as its acts leave the text, when the sides the AI plays \
                     sign as time runs out, or at its end)"
                )
            } else {
                format!("at the end of the {one}")
            };
            // Another side's reason in a few words (a red line by its clauses), as it would
            // say it to the mover.
            let reason = match self.own_reason.filter(|_| self.mover == Some(p)) {
                Some(g) => Some(g.text(s, p)),
                None => (self.reasons.iter())
                    .find(|r| r.0 == p)
                    .map(|&(_, g, known)| g.brief(s, p).unwrap_or_else(|| g.text_for(s, p, known))),
            };
            let why = match reason {
                Some(r) if yes => format!(": it takes away \"{r}\""),
                Some(r) => format!(": \"{r}\""),
                None => String::new(),
            };
            // Another side that would not sign as the turn opens (so has no acceptance
            // standing: one lapses at a turn's end where its party would no longer sign) chose
            // its move, accepting or not, as the turn opened: a mediator's tester expected a
            // side to accept in the week its move won it over.
            let next = if yes && !now && self.mover != Some(p) && !self.last {
                format!(
                    "; whether it accepts this {one}, it chose as the {one} opened, as every side \
                     chooses its move"
                )
            } else {
                String::new()
            };
            // If nothing else the turn brings undoes it: a tester read the line as a promise
            // and lost it to another party's sabotage.
            out.push(if yes {
                format!(
                    "{who} would sign the text {when}, unless another act of the {one} undoes it \
                     (without this move, not){why}{next}"
                )
            } else {
                format!(
                    "{who} would not sign the text {when}, unless another act of the {one} \
                     changes that (without this move, would){why}"
                )
            });
        }
        if self.deal {
            out.insert(
                0,
                format!(
                    "makes the deal this {one}, taken alone: the {one} does not end, so no trust \
                     fades, tension does not drift, no acceptance lapses and no political capital \
                     comes in (the trust and tension changes here are what it spares, not what it \
                     does, and the \
                     advisers count the income forgone; an event or another party's move may \
                     still stop the deal)",
                    one = s.turn.one
                ),
            );
        }
        // The events it lets come the turn after, or keeps from coming, with their conditions
        // and what each does.
        let event = |e: usize| {
            let ev = &s.events[e];
            let when = (ev.conditions.iter())
                .map(|c| rules::describe::condition_of(s, c, ev.actor))
                .collect::<Vec<_>>()
                .join(", ");
            let (what, _) = event_changes(s, ev);
            let does = match what.is_empty() {
                true => String::new(),
                false => format!("; it brings {}", what.join(", ")),
            };
            format!("{} (it may come with {when}{does})", ev.headline)
        };
        for &e in &self.opens {
            out.push(format!(
                "meets the conditions of {} by the {}'s end: it may come next {}, where without \
                 this move it could not",
                event(e),
                s.turn.one,
                s.turn.one
            ));
        }
        for &e in &self.shuts {
            out.push(format!(
                "keeps {} from coming next {}: without this move its conditions would hold",
                event(e),
                s.turn.one
            ));
        }
        if let Some((without, with)) = self.war {
            out.push(format!(
                "the chance of war at the {}'s end {} with this move, {} without it (rolled on \
                 the tension the {} leaves, its drift included, where the danger line reads the \
                 tension as it stands)",
                s.turn.one,
                rules::describe::chance(with),
                rules::describe::chance(without),
                s.turn.one
            ));
        }
        out
    }
}

/// The heading of a move's preview in turn `week` (the one being chosen): what it does taken
/// alone, and the order the turn's acts take effect in ([`rules::move_order`]; a later move acts
/// on the text as the earlier ones left it).
pub fn preview_heading(s: &Scenario, week: u32) -> String {
    let order: Vec<&str> = rules::move_order(s, week)
        .into_iter()
        .map(|p| s.parties[p].name.as_str())
        .collect();
    format!(
        "What it does this {}, taken alone (the {}'s events come first, then the moves in this \
         order: {})",
        s.turn.one,
        s.turn.one,
        order.join(", ")
    )
}

/// What the signing card adds when accepting, taken alone, would lapse by the end of the turn.
pub fn lapse_warning(s: &Scenario) -> String {
    let one = &s.turn.one;
    format!(
        "Taken alone, your acceptance lapses at the {one}'s end, when trust has faded and your \
         walk-away value moved: it makes the deal only if the others accept this {one} too (or \
         another party's move keeps you willing)."
    )
}

/// What the signing card says in the last week to a player who has not `accepted` the text: a
/// human's side signs only by accepting (the outcome check signs for the AI only). `None` in any
/// other week (`st` is the state the week is chosen against) or once accepted.
pub fn last_turn_note(s: &Scenario, st: &Negotiation, accepted: bool) -> Option<String> {
    let one = &s.turn.one;
    (!accepted && st.week + 1 >= s.weeks).then(|| {
        format!(
            "This is the last {one}: no acceptance, no deal. When time runs out an AI negotiator \
             signs a text it would sign, but a player's side signs only if the player accepts it \
             this {one}."
        )
    })
}

/// The scenario's hints for the player of `me` this turn, in file order: those meant for its
/// party whose conditions all hold on the turn as it opens (`st` is the state the turn is chosen
/// against; `Actor` in a condition is `me`). A hint shows every turn its conditions hold, so a
/// scenario bounds it with conditions (`WeekAtMost`, `Did`…) rather than with hidden state.
pub fn hints<'a>(s: &'a Scenario, st: &Negotiation, me: PartyIx) -> Vec<&'a str> {
    if s.hints.is_empty() {
        return Vec::new();
    }
    let next = rules::opened(st);
    s.hints
        .iter()
        .filter(|h| h.parties.is_empty() || h.parties.contains(&me))
        .filter(|h| {
            h.when
                .iter()
                .all(|c| rules::holds(s, &next, c, Some(me), None))
        })
        .map(|h| h.text.as_str())
        .collect()
}

/// Whether party `q` has a move that changes the text.
fn redrafts(s: &Scenario, q: PartyIx) -> bool {
    (s.derived.moves.iter()).any(|t| t.redrafts && t.users >> q & 1 == 1)
}

/// Whether party `q`, among `ai` (the parties the AI plays by its own judgement), leaves the
/// text alone this turn ([`crate::ai::leaves_text`]; `next` as the turn opens): the notes on who
/// may change it leave such a party out. A party a person plays may change it any turn.
fn leaves_text(s: &Scenario, next: &Negotiation, q: PartyIx, ai: &[PartyIx]) -> bool {
    ai.contains(&q) && crate::ai::leaves_text(s, next, q)
}

/// The parties that could change the text in the coming turn before `me` moves, and those
/// after: each at the table with a move that changes it, in [`rules::move_order`].
fn text_changers(
    s: &Scenario,
    next: &Negotiation,
    me: PartyIx,
    ai: &[PartyIx],
) -> [Vec<PartyIx>; 2] {
    let order = rules::move_order(s, next.week);
    let at = order.iter().position(|&q| q == me).unwrap_or(order.len());
    let changers = |qs: &[PartyIx]| -> Vec<PartyIx> {
        (qs.iter().copied())
            .filter(|&q| next.parties[q].present && redrafts(s, q) && !leaves_text(s, next, q, ai))
            .collect()
    };
    [
        changers(&order[..at]),
        changers(order.get(at + 1..).unwrap_or(&[])),
    ]
}

/// The names of parties `qs`, in order.
fn names_of<'a>(s: &'a Scenario, qs: &[PartyIx]) -> Vec<&'a str> {
    qs.iter().map(|&q| s.parties[q].name.as_str()).collect()
}

/// "This week the events and Iran move before you and could change the text" (the events
/// named when `events`), or `None` when nothing can change the text before the player moves.
fn changed_first(s: &Scenario, before: &[&str], events: bool) -> Option<String> {
    let one = &s.turn.one;
    // Only those who could change the text are named (the others cannot).
    match (before, events) {
        ([], false) => None,
        ([], true) => Some(format!(
            "The {one}'s events come before your move and could change the text"
        )),
        (names, _) => {
            let verb = if names.len() == 1 { "moves" } else { "move" };
            let ev = if events { "the events and " } else { "" };
            Some(format!(
                "This {one} {ev}{} {verb} before you and could change the text",
                joined(names, "and").unwrap_or_default()
            ))
        }
    }
}

/// The note over a player's moves when another party moving before it this turn could change
/// the text first: its own move on the text then works on the text as they leave it, not as the
/// figures under it (the move taken alone) assume, and a one-clause step left nothing to change
/// gives its price back (named: the player's open moves that do). A play-tester as Oman bridged
/// on a preview of agreement +20 after both negotiators, moving first, had tabled whole texts,
/// and the bridge changed nothing. It names too those moving after, who may change the
/// player's changes again that week. `None` when no move of the player's open this turn changes
/// the text, or no one else moving this turn could. (The events, which come first, are left out: few
/// write into the text, and only in some turns.)
pub fn redraft_order_note(
    s: &Scenario,
    st: &Negotiation,
    me: PartyIx,
    ai: &[PartyIx],
) -> Option<String> {
    let next = rules::opened(st);
    let open = rules::legal_choices(s, &next, me);
    if !open.iter().any(|c| s.derived.moves[c.mv].redrafts) {
        return None;
    }
    let [before, after] = text_changers(s, &next, me, ai);
    let whole = whole_texts_after(s, &next, &after);
    let [before, after] = [&before, &after].map(|qs| names_of(s, qs));
    let mut steps: Vec<&str> = (open.iter())
        .filter(|c| s.derived.moves[c.mv].steps && s.moves[c.mv].cost > 0.0)
        .map(|c| s.moves[c.mv].name.as_str())
        .collect();
    steps.dedup();
    let refund = joined(&steps, "or").map_or_else(String::new, |names| {
        format!(
            "; {names} costs nothing if they leave it nothing to change, and never takes a \
             clause across your own red lines"
        )
    });
    // A whole text is the one its card shows whatever comes first ([`rules::draw_texts`]).
    let whole_own = if (open.iter()).any(|c| s.moves[c.mv].effects.contains(&Effect::Offer)) {
        " (but a whole text you table is the one shown)"
    } else {
        ""
    };
    let first = changed_first(s, &before, false).map(|f| {
        format!(
            "{f}: a move of yours on the text then works on it as they leave it, not as the \
             figures under it assume{whole_own}{refund}."
        )
    });
    // And those after, who may change it again (a tester's whole text was redrawn the same week
    // by the United States, moving after it, and warned of nowhere).
    let later = joined(&after, "and").map(|names| {
        let verb = if after.len() == 1 { "moves" } else { "move" };
        format!(
            "{names} {verb} after you and could change your changes again the same {}{}.",
            s.turn.one, whole
        )
    });
    match (first, later) {
        (Some(f), Some(l)) => Some(format!("{f} {l}")),
        (f, l) => f.or(l),
    }
}

/// Who among `after`, the parties moving after the player that could change the text
/// ([`text_changers`]; `next` as the turn opens), may table a whole text ([`Effect::Offer`]):
/// " (United States may play Table a full text, which redraws every clause)" (a tester's whole
/// text was redrawn that way the same week, and the note had said only that the United States
/// "could change your changes"); empty for none.
fn whole_texts_after(s: &Scenario, next: &Negotiation, after: &[PartyIx]) -> String {
    let offers = |q: PartyIx| -> Option<&str> {
        let c = rules::legal_choices(s, next, q)
            .into_iter()
            .find(|c| s.moves[c.mv].effects.contains(&Effect::Offer))?;
        Some(s.moves[c.mv].name.as_str())
    };
    let who: Vec<(PartyIx, &str)> = (after.iter())
        .filter_map(|&q| offers(q).map(|m| (q, m)))
        .collect();
    match who.as_slice() {
        [] => String::new(),
        [(q, m)] => format!(
            " ({} may play {m}, which redraws every clause)",
            s.parties[*q].name
        ),
        _ => {
            let names: Vec<&str> = who.iter().map(|w| s.parties[w.0].name.as_str()).collect();
            format!(
                " ({} may each table a whole text, which redraws every clause)",
                joined(&names, "and").unwrap_or_default()
            )
        }
    }
}

/// What the signing card says when a party able to change the text moves before `me` in the
/// coming turn ([`rules::move_order`]), or an event may write into it first: an acceptance is of
/// the text as the turn opens, so one that an earlier act changes does not take; and when one
/// moves after `me`, whose change withdraws the acceptance. `None` when nothing can change the
/// text in the turn.
pub fn accept_order_note(
    s: &Scenario,
    st: &Negotiation,
    me: PartyIx,
    ai: &[PartyIx],
) -> Option<String> {
    let next = rules::opened(st);
    // Those moving after the player who could change the text: a change withdraws an
    // acceptance (a play-tester's acceptance was withdrawn by a party moving after it, and the
    // card had named only those before).
    let [before, after] = text_changers(s, &next, me, ai).map(|qs| names_of(s, &qs));
    let one = &s.turn.one;
    let events = s
        .events
        .iter()
        .any(|e| e.effects.iter().any(|f| matches!(f, Effect::Clause(..))));
    let first = changed_first(s, &before, events);
    let first = first.map(|f| {
        format!(
            "{f}: an acceptance of the text as the {one} opened does not take on a changed one."
        )
    });
    let later = (!after.is_empty()).then(|| {
        format!(
            "{CHANGE_AFTER}{} (moving after you) withdraws your acceptance.",
            joined(&after, "or").unwrap_or_default()
        )
    });
    match (first, later) {
        (None, None) => None,
        (Some(f), None) => Some(f),
        (None, Some(l)) => Some(l),
        (Some(f), Some(l)) => Some(format!("{f} {l}")),
    }
}

/// How the sentence of [`accept_order_note`] on those moving after the player begins: the
/// window's card shows it whole and folds the one before it into a line.
pub const CHANGE_AFTER: &str = "A change by ";

/// [`accept_order_note`] in its two sentences: on those moving before the player, and on those
/// after (beginning [`CHANGE_AFTER`]).
pub fn order_sentences(note: &str) -> (Option<&str>, Option<&str>) {
    match note.find(CHANGE_AFTER) {
        Some(0) => (None, Some(note)),
        Some(at) => (Some(note[..at].trim_end()), Some(&note[at..])),
        None => (Some(note), None),
    }
}

/// How a red line's rule over a stretch of a clause's wordings begins, as the model describes
/// it ("from ‘Multi-year pause’ to ‘Zero enrichment’").
pub const STRETCH: &str = "from \u{2018}";

/// How to read a red line "from ‘A’ to ‘B’", for a brief whose own red lines have one (a tester
/// found the clause's wordings in order by chance): where they are listed, the terminal's
/// `draft` command or (`terminal` false) the tooltip of a clause's name on the table.
pub fn stretch_hint(b: &Briefing, terminal: bool) -> Option<String> {
    b.red_lines
        .iter()
        .any(|(what, _)| what.contains(STRETCH))
        .then(|| {
            let listed = if terminal {
                "`draft` lists them in order"
            } else {
                "hover a clause's name on the table for them in order"
            };
            format!(
                "\"{STRETCH}A\u{2019} to \u{2018}B\u{2019}\" takes in every wording of the clause \
             between the two: {listed}."
            )
        })
}

/// An issue's wordings in order after its name, `now`'s in brackets: " (in no order)" where
/// they have none, then ": A → [B] → C", and " or not addressed" where the issue may stay out
/// of a deal (the terminal's `draft`, the window's tooltip of a clause's name).
pub fn ladder(s: &Scenario, i: IssueIx, now: Level) -> String {
    let issue = &s.issues[i];
    let steps: Vec<String> = (0..issue.levels.len())
        .map(|l| {
            let name = issue.level_name(Some(l));
            if now == Some(l) {
                format!("[{name}]")
            } else {
                name.to_string()
            }
        })
        .collect();
    let sep = if issue.ordered { " → " } else { " · " };
    let order = if issue.ordered { "" } else { " (in no order)" };
    let mut line = format!("{order}: {}", steps.join(sep));
    // (No-break spaces: "[not addressed]" is not split over two lines.)
    let out = issue.level_name(None).replace(' ', "\u{a0}");
    if issue.may_be_unaddressed && now.is_none() {
        line.push_str(&format!(" or\u{a0}[{out}]"));
    } else if issue.may_be_unaddressed {
        line.push_str(&format!(" or\u{a0}{out}"));
    }
    line
}

/// The events that withdraw every acceptance (`Unsettle`), in catalogue order.
pub fn unsettling(s: &Scenario) -> Vec<usize> {
    (0..s.events.len())
        .filter(|&e| s.events[e].effects.contains(&Effect::Unsettle))
        .collect()
}

/// What the signing card says when the player accepts the text already (no closing stop), with
/// how likely it is that an event withdraws every acceptance before the moves this turn
/// (`withdrawn`: the chance, and whether it is exact), and whether a party moving before the
/// player could do so with a move (`by_move`). A play-tester took the renewal for the move that
/// made the deal safe, where a move raising trust would have closed it: accepting again gives
/// an acceptance back only after such a withdrawal (one the text's change made does not take:
/// an acceptance is of the text as the turn opened), and otherwise changes nothing.
pub fn renew_note(s: &Scenario, (p, exact): (f64, bool), by_move: bool) -> String {
    let one = &s.turn.one;
    let lead = "You accept this text already";
    let back = "accepting again gives your acceptance back";
    let chance = chance_words(p, exact);
    if p >= 1.0 {
        format!(
            "{lead}; an event that withdraws every acceptance comes this {one} before the \
             moves: {back}"
        )
    } else if p > 0.0 && by_move {
        format!(
            "{lead}; {back} if an event ({chance} this {one}) or a move before yours withdraws \
             every acceptance first; otherwise it changes nothing"
        )
    } else if p > 0.0 {
        format!(
            "{lead}; {back} if an event withdraws every acceptance first ({chance} this {one}); \
             otherwise it changes nothing"
        )
    } else if by_move {
        format!(
            "{lead}; {back} if a move before yours withdraws every acceptance first; otherwise \
             it changes nothing"
        )
    } else {
        format!(
            "{lead}, and no event this {one} withdraws every acceptance: accepting again \
             changes nothing"
        )
    }
}

/// Whether a party moving before `me` in the coming turn, at the table, has a move that
/// withdraws every acceptance (`Unsettle`): accepting again would give `me`'s back.
pub fn unsettled_first(s: &Scenario, st: &Negotiation, me: PartyIx) -> bool {
    let next = rules::opened(st);
    let order = rules::move_order(s, next.week);
    let at = order.iter().position(|&q| q == me).unwrap_or(order.len());
    order[..at].iter().any(|&q| {
        next.parties[q].present
            && (s.moves.iter().zip(&s.derived.moves))
                .any(|(m, t)| t.users >> q & 1 == 1 && m.effects.contains(&Effect::Unsettle))
    })
}

/// What the signing card says when this turn's event or another party's move could carry the
/// trust a deal needs below what signing takes ([`TrustRisk::of`] names which, under the
/// answers): a play-test accepted on a card that promised a deal and lost it to an event that
/// cut the other side's trust first, warned only under the answers.
///
/// The likeliest event among `risks` that could do it is named with its chance (a tester read
/// the warning, folded and without a number, accepted, and lost the deal to the event).
pub fn trust_risk_note(s: &Scenario, risks: &[TrustRisk]) -> String {
    let likeliest = (risks.iter())
        .flat_map(|r| r.event.iter().chain(&r.also))
        .filter_map(|e| e.chance.map(|c| (e, c)))
        .max_by(|a, b| a.1.0.total_cmp(&b.1.0).then(b.0.what.cmp(&a.0.what)));
    let one = &s.turn.one;
    let or = |m: bool| if m { " or another party's move" } else { "" };
    let moves = risks.iter().any(|r| r.push.is_some());
    let who = match (likeliest, moves) {
        (Some((e, _)), m) if e.certain => {
            format!("An event that comes this {one} ({}){}", e.what, or(m))
        }
        (Some((e, (p, exact))), m) => format!(
            "An event that may come this {one} ({}, {}){}",
            e.what,
            chance_words(p, exact),
            or(m)
        ),
        (None, true) => format!("Another party's move this {one}"),
        (None, false) => format!("An event or another party's move this {one}"),
    };
    format!(
        "{who} could first cut trust below the {} signing takes (the answers say whose): the \
         deal would wait",
        rules::describe::gauge(s.rules.min_trust)
    )
}

/// What the signing card says when an event that may come this turn withdraws every acceptance
/// before the moves (`Unsettle`) while a deal on the text rests on another negotiator's
/// acceptance given in an earlier turn: a play-test accepted as Iran on a card that promised a
/// deal; the leak of the draft came first and took the United States' acceptance, which it did
/// not give again that week. Those in `resigning` are left out: the turn's close gives their
/// acceptance again without a move (the AI's negotiators when time runs out). `None` when no
/// such event may come or no such acceptance stands.
pub fn unsettle_note(
    s: &Scenario,
    st: &Negotiation,
    may_come: &[Coming],
    me: Option<PartyIx>,
    resigning: &[PartyIx],
) -> Option<String> {
    let standing: Vec<&str> = s
        .negotiators
        .iter()
        .filter(|&&q| Some(q) != me && st.parties[q].accepted && !resigning.contains(&q))
        .map(|&q| s.parties[q].name.as_str())
        .collect();
    let names = joined(&standing, "and")?;
    // Every such event that may come (a play-tester was told of the leak of the draft only,
    // and lost the acceptance to another); one that comes for certain is named alone.
    let unsettles: Vec<usize> = (unsettling(s).into_iter())
        .filter(|&e| may_come.get(e).is_some_and(|c| *c != Coming::No))
        .collect();
    let certain: Vec<usize> = (unsettles.iter().copied())
        .filter(|&e| may_come[e] == Coming::Certainly)
        .collect();
    let (which, verb) = match certain.first() {
        Some(&e) => (vec![e], "comes"),
        None => (unsettles, "may come"),
    };
    // Each that may come with its chance this turn (a review: the warning named events with
    // no word of how likely they were, where the danger line gives it). After the colon, for a
    // headline may have commas and semicolons of its own.
    let chances = (certain.is_empty()).then(|| crate::sim::event_chances(s, may_come));
    let headlines: Vec<String> = which
        .iter()
        .map(|&e| match &chances {
            Some((p, exact)) => {
                format!("{} ({})", s.events[e].headline, chance_words(p[e], *exact))
            }
            None => s.events[e].headline.clone(),
        })
        .collect();
    let what = joined(
        &headlines.iter().map(String::as_str).collect::<Vec<_>>(),
        "or",
    )?;
    // Several: how likely it is that any of them comes (one draw a week picks one at most, so
    // Geneva's add up; with more draws, they do not).
    let lead = if headlines.len() == 1 {
        "An event that".to_string()
    } else {
        format!("Any of the {} events that", headlines.len())
    };
    let together = match &chances {
        Some(_) if headlines.len() > 1 => {
            let (p, exact) = crate::sim::chance_any(s, may_come, &which);
            format!(" (together {})", chance_words(p, exact))
        }
        _ => String::new(),
    };
    // "Theirs too" beside a negotiator's own; a player with no acceptance has only theirs.
    let signs = me.is_some_and(|p| s.parties[p].role == Role::Negotiator);
    let too = match standing.as_slice() {
        _ if !signs => String::new(),
        [one] => format!(", {} too", possessive(one)),
        _ => format!(", those of {names} too"),
    };
    // A full stop after the last headline, unless it ends a sentence of its own.
    let stop = if what.ends_with(['.', '?', '!']) {
        ""
    } else {
        "."
    };
    Some(format!(
        "{lead} {verb} this {} before the moves{together} withdraws every acceptance{too}: \
         {what}{stop} The deal would then need {names} to accept again",
        s.turn.one,
    ))
}

/// [`unsettle_note`] among the warnings over the answers, for a player who has no acceptance to
/// give (the mediator, a party outside the talks, a spectator): a negotiator has it on its
/// signing card, where it shows while the negotiator would sign (one that would not, or is away,
/// could not make the deal this turn anyway). Without it the mediator's screen had no word of an
/// event that could take an acceptance a deal rested on.
pub fn unsettle_warning(
    s: &Scenario,
    st: &Negotiation,
    may_come: &[Coming],
    me: Option<PartyIx>,
    resigning: &[PartyIx],
) -> Option<String> {
    me.is_none_or(|p| s.parties[p].role != Role::Negotiator)
        .then(|| unsettle_note(s, st, may_come, me, resigning))
        .flatten()
}

/// What the signing card tells a player who has not accepted the text: an acceptance stands in
/// the turns after it, so a later turn's move is free for something else (a play-test spent a
/// turn accepting again where a confidence-building measure would have made the deal).
pub fn stands_note(s: &Scenario) -> String {
    let one = &s.turn.one;
    // And an event that withdraws every acceptance, where the scenario has one (a tester read
    // "stands until the text changes" the week before an event took it).
    let by_move = (s.moves.iter()).any(|m| m.effects.contains(&Effect::Unsettle));
    let (until, or) = match (!unsettling(s).is_empty(), by_move) {
        (false, false) => ("the text changes or", ""),
        (true, false) => (
            "the text changes,",
            " or an event withdraws every acceptance",
        ),
        (false, true) => ("the text changes,", " or a move withdraws every acceptance"),
        (true, true) => (
            "the text changes,",
            " or an event or a move withdraws every acceptance",
        ),
    };
    format!(
        "An acceptance stands in later {one}s until {until} you would no longer sign it{or}: \
         you need not accept again while it stands, and your move is free for something else"
    )
}

/// The points of each outcome in words, outcomes worth the same named together so that equal
/// points do not read as a slip: "Outcome: a deal, a stalemate or a collapse 50, war 0; a deal
/// then adds up to 650 for its quality (below)."
pub fn outcome_points(sc: &crate::scenario::Scoring) -> String {
    let mut groups: Vec<(Vec<&str>, f64)> = Vec::new();
    for (name, v) in [
        ("a deal", sc.deal),
        ("a stalemate", sc.stalemate),
        ("a collapse", sc.collapse),
        ("war", sc.war),
    ] {
        match groups.iter_mut().find(|g| (g.1 - v).abs() < 0.5) {
            Some(g) => g.0.push(name),
            None => groups.push((vec![name], v)),
        }
    }
    let points: Vec<String> = groups
        .iter()
        .map(|(names, v)| format!("{} {v:.0}", joined(names, "or").unwrap_or_default()))
        .collect();
    // Said as what a deal adds: "only by its quality" read to a tester as a deal worth no more
    // than a stalemate.
    let note = if (sc.deal - sc.stalemate).abs() < 0.5 && sc.surplus > 0.0 {
        format!(
            "; a deal then adds up to {:.0} for its quality (below)",
            sc.surplus
        )
    } else {
        String::new()
    };
    format!("Outcome: {}{note}.", points.join(", "))
}

/// What the agreement gauge means when it reads 100 while the talks go on: every party whose
/// consent a deal needs would sign the text (`verdicts`, their answers: [`crate::sim::verdicts`]),
/// and the deal waits for the acceptances not yet given, named (a play-tester read a gauge at
/// 100 for weeks as a deal done, and another looked for who had accepted). `None` below 100.
pub fn full_agreement_note(
    s: &Scenario,
    st: &Negotiation,
    verdicts: &[rules::Verdict],
) -> Option<String> {
    if !verdicts.iter().all(|v| v.would_sign) {
        return None;
    }
    let (done, waiting): (Vec<PartyIx>, Vec<PartyIx>) =
        (s.negotiators.iter()).partition(|&&p| st.parties[p].accepted);
    let names = |v: &[PartyIx]| {
        let names: Vec<&str> = v.iter().map(|&p| s.parties[p].name.as_str()).collect();
        joined(&names, "and")
    };
    let Some(wait) = names(&waiting) else {
        // (A deal at the week's end, unless the talks end otherwise.)
        return Some(
            "Agreement 100: every side would sign this text, and every negotiator has accepted it"
                .into(),
        );
    };
    let accepted = names(&done).map(|who| {
        let has = if done.len() == 1 { "has" } else { "have" };
        format!("{who} {has} accepted it, and ")
    });
    let too = if done.is_empty() { "" } else { " too" };
    Some(format!(
        "Agreement 100: every side would sign this text; {}the deal waits for {wait} to accept it{too}",
        accepted.unwrap_or_default()
    ))
}

/// What the answers add for a negotiator the AI plays that would sign the text but holds out
/// for more this turn ([`crate::ai::holds_out`]).
pub fn holds_out_line(s: &Scenario) -> String {
    format!(
        "holds out for more this {} (it asks more than this text gives it, and asks less as \
         the {} pass)",
        s.turn.one, s.turn.many
    )
}

/// What the signing card says when others whose consent a deal needs would not sign the text as
/// it stands: a play-tester read "a deal on it this week would score 840" on a text that broke
/// the other side's red lines.
pub fn refusing_note(s: &Scenario, refusing: &[PartyIx]) -> Option<String> {
    let names: Vec<&str> = refusing
        .iter()
        .map(|&q| s.parties[q].name.as_str())
        .collect();
    let who = joined(&names, "and")?;
    // Not "until the text changes": a play-tester amended a text that the other side refused
    // only for want of trust.
    Some(format!(
        "{who} would not sign it now (the answers say why): no deal until {who} would"
    ))
}

/// What the signing card says first when the player would not sign the text now.
pub fn not_signing_note() -> &'static str {
    "You would not sign it now (the answers say why): accepting it makes no deal"
}

/// What the signing card adds when some of those a deal still needs hold out for more this turn
/// ([`crate::ai::holds_out`]): "Aldoria holds out for more this week and will not accept the
/// text yet".
pub fn holding_note(s: &Scenario, waiting: &[PartyIx], holding: &[PartyIx]) -> Option<String> {
    let names: Vec<&str> = waiting
        .iter()
        .filter(|q| holding.contains(q))
        .map(|&q| s.parties[q].name.as_str())
        .collect();
    let who = joined(&names, "and")?;
    let verb = if names.len() == 1 { "holds" } else { "hold" };
    Some(format!(
        "{who} {verb} out for more this {} and will not accept the text yet",
        s.turn.one
    ))
}

/// Who else a deal needs, in words: "A deal also needs Iran to accept it and United Kingdom to
/// consent" (a negotiator accepts; a signatory consents to a text it would sign).
pub fn waiting_note(s: &Scenario, waiting: &[PartyIx]) -> String {
    let names = |role_ok: &dyn Fn(Role) -> bool| -> Vec<&str> {
        waiting
            .iter()
            .filter(|&&q| role_ok(s.parties[q].role))
            .map(|&q| s.parties[q].name.as_str())
            .collect()
    };
    let and = |v: Vec<&str>| joined(&v, "and").unwrap_or_default();
    let accept = and(names(&|r| r == Role::Negotiator));
    let consent = and(names(&|r| r != Role::Negotiator));
    match (accept.is_empty(), consent.is_empty()) {
        (false, true) => format!("A deal also needs {accept} to accept it"),
        (true, false) => format!("A deal also needs {consent} to consent to it"),
        (false, false) => {
            format!("A deal also needs {accept} to accept it and {consent} to consent to it")
        }
        (true, true) => String::new(),
    }
}

/// Under a high agreement that is not yet a deal (90 or more while some side would not sign):
/// that agreement measures how near the text comes, and who would not sign yet and on what
/// ground ("Agreement 96 is how near the text comes; a deal needs every side's yes, and Iran
/// (trust) and United States (trust) would not sign yet"): a tester read 90–96 as "nearly a
/// deal" while neither side would sign. `None` below 90 or when every side would sign.
pub fn high_agreement_note(
    s: &Scenario,
    st: &Negotiation,
    verdicts: &[rules::Verdict],
) -> Option<String> {
    if st.agreement < 90.0 || verdicts.iter().all(|v| v.would_sign) {
        return None;
    }
    let who: Vec<String> = (verdicts.iter())
        .filter(|v| !v.would_sign)
        .map(|v| {
            let name = &s.parties[v.party].name;
            let why = v.first_refusal().map(|g| match g {
                rules::Ground::Trust { .. } => "trust",
                rules::Ground::RedLine { .. } => "a red line",
                rules::Ground::Worth { .. } | rules::Ground::Costliest { .. } => "worth",
                rules::Ground::Absent => "away",
            });
            why.map_or_else(|| name.clone(), |w| format!("{name} ({w})"))
        })
        .collect();
    let who: Vec<&str> = who.iter().map(String::as_str).collect();
    Some(format!(
        "Agreement {} is how near the text comes; a deal needs every side's yes, and {} would \
         not sign yet",
        rules::describe::gauge(st.agreement),
        joined(&who, "and")?
    ))
}

/// The clauses that bank at the end of the coming turn unless an act changes them
/// ([`rules::banks_this_week`]), told where it matters: reopening a banked clause costs trust
/// and a later turn could (in the last turn no later one could reopen what banks). Each screen
/// marks these rows ☆ (the terminal `+`) and [`banking_note`] names them.
pub fn banking(s: &Scenario, st: &Negotiation) -> Vec<IssueIx> {
    let later = st.week + 1 < s.weeks;
    if s.rules.reopen_cost > 0.0 && later {
        rules::banks_this_week(s, st)
    } else {
        Vec::new()
    }
}

/// The clauses of [`banking`], in words.
pub fn banking_note(s: &Scenario, st: &Negotiation) -> Option<String> {
    let names: Vec<&str> = banking(s, st)
        .into_iter()
        .map(|i| s.issues[i].name.as_str())
        .collect();
    (!names.is_empty()).then(|| {
        format!(
            "Banks at the end of this {} unless changed: {}. {}",
            s.turn.one,
            names.join(", "),
            reopen_note(s)
        )
    })
}

/// A party's political capital against its cap: "6.0 of 12" (cut, not rounded, to tenths).
pub fn capital_of(s: &Scenario, st: &Negotiation, p: PartyIx) -> String {
    format!(
        "{:.1} of {:.0}",
        (st.parties[p].capital * 10.0).floor() / 10.0,
        s.capital.max
    )
}

/// What reopening a banked clause costs, in words.
pub fn reopen_note(s: &Scenario) -> String {
    format!(
        "Reopening a banked clause costs {} trust with each negotiator the change hurts.",
        rules::describe::points(s.rules.reopen_cost)
    )
}

/// For each event, whether it may come in the turn after `st` (a state at a turn's end) as far
/// as its conditions go, as the draw judges it (`Deck::may_come`): one scheduled for that turn,
/// or one drawn by chance (a weight, and a scenario that draws), and its conditions hold as
/// that turn opens. Cooldowns and `once` are the deck's ([`Preview::keep_live`]).
pub fn chance_events_open(s: &Scenario, st: &Negotiation) -> Vec<bool> {
    let mut out = Vec::new();
    rules::events_open_after(s, &mut st.clone(), &[], &mut out);
    out
}

/// What a move does to the events that may come the turn after, in a few words for its line:
/// "risks Israeli strike on an Iranian nuclear facility next week" (an event bad for the talks:
/// [`event_tone`]), "lets Kushner joins the US delegation … come next week"; "forgoes …
/// next week" (one good for the talks), "keeps … from coming next week". In two parts: the risks,
/// which a card gives among its first marks (a compact card cut a mediator's "risks Israeli
/// strike …" away, and the strike then came), and the rest.
pub fn events_marks(s: &Scenario, p: &Preview) -> [Option<String>; 2] {
    let names = |es: &[usize]| -> Option<String> {
        let names: Vec<&str> = es.iter().map(|&e| s.events[e].headline.as_str()).collect();
        joined(&names, "and")
    };
    let next = format!("next {}", s.turn.one);
    // An event bad for the talks is a risk the move takes, not one it lets in (a tester read
    // "lets Israeli strike … come" as neutral, even good); one good for them that it keeps away
    // is one it forgoes (a tester read "keeps Bagheri Kani: … from coming" under a calming move
    // as a gain).
    let (bad, opens): (Vec<usize>, Vec<usize>) =
        (p.opens.iter()).partition(|&&e| event_tone(s, e) == Some(false));
    let (good, shuts): (Vec<usize>, Vec<usize>) =
        (p.shuts.iter()).partition(|&&e| event_tone(s, e) == Some(true));
    let rest: Vec<String> = [
        names(&opens).map(|n| format!("lets {n} come {next}")),
        names(&good).map(|n| format!("forgoes {n} {next}")),
        names(&shuts).map(|n| format!("keeps {n} from coming {next}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    [
        names(&bad).map(|n| format!("risks {n} {next}")),
        (!rest.is_empty()).then(|| rest.join("; ")),
    ]
}

/// For the end of the game: what each other negotiator whose priorities `me` never learned
/// really cared about most, beside what `me` had read of them ("Sanctions relief 30 % (you read
/// 27 %)"), one line each; none where `me` knew them (public, or revealed). A tester's last
/// screen still showed its own estimate, and the game never told it how far off it had been.
pub fn revealed_priorities(s: &Scenario, st: &Negotiation, me: PartyIx) -> Vec<String> {
    (s.negotiators.iter())
        .filter(|&&q| q != me && !bargain::knows(s, st, me, q))
        .map(|&q| {
            let read = bargain::believed_weights(s, st, me, q);
            let top = heaviest_first(s.parties[q].prefs.iter().map(|p| p.weight));
            let items: Vec<String> = (top.iter().take(4))
                .map(|&(i, w)| {
                    format!(
                        "{} {:.0}\u{a0}% (you read {:.0}\u{a0}%)",
                        s.issues[i].name,
                        100.0 * w,
                        100.0 * read[i]
                    )
                })
                .collect();
            format!(
                "What {} cared about most, hidden until now: {}.",
                s.parties[q].name,
                items.join(", ")
            )
        })
        .collect()
}

/// What text `levels` is worth (0–1) to negotiator `q` as `viewer` reads it in `st`: the
/// clauses' public values weighted by the weights it believes `q` gives each issue
/// ([`bargain::believed_weights`]), and whether it knows those weights (else an estimate).
pub fn believed_worth(
    s: &Scenario,
    st: &Negotiation,
    viewer: PartyIx,
    q: PartyIx,
    levels: &[Level],
) -> (f64, bool) {
    let w = bargain::believed_weights(s, st, viewer, q);
    let worth = (s.parties[q].prefs.iter().zip(&w))
        .zip(levels)
        .map(|((p, w), &l)| w * p.value(l))
        .sum();
    (worth, bargain::knows(s, st, viewer, q))
}

/// For a mediator (`me`): what the text is worth to each negotiator, as far as it can tell: the
/// value of each clause to it (public) weighted by the weights `me` believes it gives each issue
/// ([`bargain::believed_weights`]: exact once known). `None` for any other role. A mediator
/// scores a deal by how evenly it serves them; their walk-away values stay their own.
pub fn worth_to_negotiators(s: &Scenario, st: &Negotiation, me: PartyIx) -> Option<String> {
    if s.parties[me].role != Role::Mediator {
        return None;
    }
    let mut guessed = false;
    let parts: Vec<String> = s
        .negotiators
        .iter()
        .map(|&q| {
            let (worth, known) = believed_worth(s, st, me, q, &st.draft.levels);
            guessed |= !known;
            let mark = if known { "" } else { "≈" };
            format!("{mark}{worth:.2} to {}", s.parties[q].name)
        })
        .collect();
    let (how, walk) = if guessed {
        (
            "; ≈ by your estimate of how much each issue weighs to it",
            "; their walk-away values are their own",
        )
    } else {
        ("", ", each over what it can get without a deal")
    };
    Some(format!(
        "The text is worth {} (of 1{how}). You score a deal by how evenly it serves them{walk}.",
        parts.join(" and ")
    ))
}

/// How balanced the text is, for the mediator, which scores a deal by it: the share of the most
/// balanced text's Nash product a deal on the text as it stands would reach (its deal quality,
/// [`rules::score::review`]) and the clauses where that text differs; or, while it does not
/// know what every negotiator can get without a deal, which of its moves would show it. A
/// mediator's play-tester saw each side's worth and could not tell how uneven the text was, or
/// which clause to bridge, before the clauses banked. `None` for any other party, once the game
/// is over, or where no text keeps every negotiator's walk-away value.
pub fn balance_note(s: &Scenario, st: &Negotiation, me: PartyIx) -> Option<String> {
    if s.parties[me].role != Role::Mediator || rules::score::settled(s, st).is_some() {
        return None;
    }
    let unknown: Vec<&str> = (s.negotiators.iter())
        .filter(|&&q| !bargain::knows(s, st, me, q))
        .map(|&q| s.parties[q].name.as_str())
        .collect();
    if !unknown.is_empty() {
        let reveal: Vec<&str> = (0..s.moves.len())
            .filter(|&mx| s.derived.moves[mx].users >> me & 1 == 1)
            .filter(|&mx| (s.moves[mx].effects.iter()).any(|e| matches!(e, Effect::Reveal(_))))
            .map(|mx| s.moves[mx].name.as_str())
            .collect();
        let to = if unknown.len() == 1 { "it" } else { "each" };
        let how = joined(&reveal, "or")
            .map(|m| format!(": {m} to {to} shows it"))
            .unwrap_or_default();
        return Some(format!(
            "How balanced the text is shows once you know what {} can get without a deal{how}.",
            joined(&unknown, "and").unwrap_or_default()
        ));
    }
    let r = mediator_review(s, st, me)?;
    let nash = r.nash.as_ref()?;
    // Each clause where it differs, with the wording it has there.
    let differ: Vec<String> = (0..s.issues.len())
        .filter(|&i| st.draft.levels[i] != nash.levels[i])
        .map(|i| {
            let issue = &s.issues[i];
            format!("{} ({})", issue.name, issue.level_name(nash.levels[i]))
        })
        .collect();
    let differ: Vec<&str> = differ.iter().map(String::as_str).collect();
    let rest = match joined(&differ, "and") {
        Some(clauses) => format!("the most balanced text differs on {clauses}"),
        None => "it is the most balanced text there is".to_string(),
    };
    Some(format!(
        "Signed as it stands, the text would reach {:.0}\u{a0}% of the most balanced text's \
         Nash product, your deal quality: {rest}.",
        100.0 * r.balance
    ))
}

/// The review a mediator reads the text in `st` by ([`rules::score::review`]), when it knows
/// what every negotiator can get without a deal and some text keeps every walk-away value
/// ([`balance_note`]'s figure is its balance); `None` otherwise, and for any other party.
fn mediator_review(s: &Scenario, st: &Negotiation, me: PartyIx) -> Option<rules::Review> {
    let knows = (s.negotiators.iter()).all(|&q| bargain::knows(s, st, me, q));
    if s.parties[me].role != Role::Mediator || !knows {
        return None;
    }
    let r = rules::score::review(s, st, me);
    r.nash.is_some().then_some(r)
}

/// How each of `choices` of the mediator's that changes the text moves its balance by the end
/// of the turn, taken alone, where the figure reads a change: "balance 85 → 88 %" (a mediator's
/// tester asked which bridge would even the text). `None` for a move that leaves the text
/// alone, and all of them where [`mediator_review`] is `None`. The balance now is reviewed once.
pub fn balance_marks(
    s: &Scenario,
    st: &Negotiation,
    me: PartyIx,
    choices: &[Choice],
) -> Vec<Option<String>> {
    let now = mediator_review(s, st, me).map(|r| r.balance);
    let opened = rules::opened(st);
    let mut scratch = Scratch::default();
    (choices.iter())
        .map(|c| {
            let now = now.filter(|_| s.derived.moves[c.mv].redrafts)?;
            let after = rules::predict(s, &opened, &Act::of_move(me, *c), &mut scratch);
            let then = mediator_review(s, after, me)?.balance;
            let (a, b) = (
                format!("{:.0}", 100.0 * now),
                format!("{:.0}", 100.0 * then),
            );
            (a != b).then(|| format!("balance {a} → {b}\u{a0}%"))
        })
        .collect()
}

/// The moves of `me` closed this turn only by their price (more political capital than it
/// has), in words: "Too costly this week (you have 3.9): Table a full text (4), Lean on Israel
/// to hold back (4)". `None` when there is none: the list of moves leaves them out, and a player
/// should not have to ask why one went missing.
pub fn too_costly(s: &Scenario, st: &Negotiation, me: PartyIx) -> Option<String> {
    let next = rules::opened(st);
    // Closed by its price, and open with all the capital there is (nothing else closes it).
    let mut rich = next.clone();
    rich.parties[me].capital = s.capital.max;
    let mut open = Vec::new();
    let names: Vec<String> = (0..s.moves.len())
        .filter(|&mx| rules::legal::closed(s, &next, me, mx) == Some(rules::legal::Closed::Cost))
        .filter(|&mx| {
            rules::legal_choices_where(s, &rich, me, |m| m == mx, &mut open);
            !open.is_empty()
        })
        .map(|mx| {
            let m = &s.moves[mx];
            format!("{} ({})", m.name, rules::describe::points(m.cost))
        })
        .collect();
    (!names.is_empty()).then(|| {
        format!(
            "Too costly this {} (you have {}): {}",
            s.turn.one,
            // Cut, not rounded: 2.97 is short of a price of 3.
            rules::describe::points((next.parties[me].capital * 10.0).floor() / 10.0),
            names.join(", ")
        )
    })
}

/// Where a move that changes one clause takes it, to follow the move's name: " → Multi-year
/// pause" for a move named with its issue, ": Uranium enrichment → Multi-year pause" for one that
/// is not (a bridge). `None` for a move that changes no clause or several (a full text).
pub fn clause_step(s: &Scenario, c: &Choice, p: &Preview) -> Option<String> {
    let &[(i, _, to)] = p.clauses.as_slice() else {
        return None;
    };
    let level = s.issues[i].level_name(to);
    Some(match c.issue == Some(i) {
        true => format!(" → {level}"),
        false => format!(": {} → {level}", s.issues[i].name),
    })
}

/// What the advisers' score of move `sc` in all is measured against (a week with no move scores
/// 0: every part is the move's difference from it, its tone aside) and where it stands among
/// `all` the player's moves scored this turn, for the foot of its explanation: "a week with no
/// move scores 0; the highest this week: Back channel through Oman +0.016". A tester saw every
/// move's total negative and could not tell what it was compared with, or which move its
/// advisers preferred.
pub fn in_all_context(s: &Scenario, sc: &crate::ai::Scored, all: &[crate::ai::Scored]) -> String {
    let one = &s.turn.one;
    let head = format!("a {one} with no move scores 0");
    let order = |a: &&crate::ai::Scored, b: &&crate::ai::Scored| {
        a.score.total_cmp(&b.score).then(b.choice.cmp(&a.choice))
    };
    match all.iter().max_by(order) {
        Some(b) if all.len() > 1 && b.choice == sc.choice => {
            format!("{head}; the highest of your {} moves this {one}", all.len())
        }
        Some(b) if all.len() > 1 => format!(
            "{head}; the highest this {one}: {} {:+.3}",
            crate::ai::choice_label(s, &b.choice),
            b.score
        ),
        _ => head,
    }
}

/// How much of the advisers' score of move `sc` is the events it lets come the turn after, or
/// keeps from coming ([`crate::ai::Scored::foreseen`]), each counted by its chance, for the foot
/// of its explanation: a tester was told a bridge "risks Israeli strike … next week", and its
/// advisers' figures did not say whether they had counted that. `None` where it is nothing at
/// the precision shown.
pub fn foreseen_note(s: &Scenario, sc: &crate::ai::Scored) -> Option<String> {
    (sc.foreseen.abs() >= 0.0005).then(|| {
        format!(
            "Of that, {:+.3} is what the events it lets come next {} or keeps from coming would \
             do as they came, each counted by its chance (in the figures above).",
            sc.foreseen, s.turn.one
        )
    })
}

/// The changes of tension a turn's causes made, each to a tenth so that they add up to the
/// change the gauges show (`shown`, [`rules::describe::shown_change`]; a tester added up items
/// of +4.3 under "▲4.2"), or to their own sum where tension met its floor or ceiling and the
/// causes add up to more than it moved.
pub fn cause_tenths(causes: &[rules::Cause], shown: f64) -> Vec<f64> {
    let deltas: Vec<f64> = causes.iter().map(|c| c.delta).collect();
    let sum: f64 = deltas.iter().sum();
    if (sum - shown).abs() < 0.1 + 1e-9 {
        rules::describe::apportion_to(&deltas, 0.1, shown)
    } else {
        rules::describe::apportion(&deltas, 0.1)
    }
}

/// `from`'s trust in `to` at the end of the coming turn if nobody moved and nothing happened
/// (the fading alone: [`rules::predict_idle`], the turn's own end), while the game goes on; a
/// player could not plan the trust a deal needs from items "fading 1 a week" alone.
pub fn quiet_trust(s: &Scenario, st: &Negotiation, from: PartyIx, to: PartyIx) -> Option<f64> {
    quiet_week(s, st).map(|q| q.trust(from, to))
}

/// The state at the end of the coming turn if nobody moved and nothing happened (the turn's own
/// [`rules::predict_idle`]), while the game goes on: what [`quiet_trust`] reads, predicted once
/// for a screen of trust figures.
pub fn quiet_week(s: &Scenario, st: &Negotiation) -> Option<Negotiation> {
    if st.week >= s.weeks || rules::score::settled(s, st).is_some() {
        return None;
    }
    let mut scratch = Scratch::default();
    Some(rules::predict_idle(s, &rules::opened(st), &mut scratch).clone())
}

/// [`quiet_trust`] in words, when it reads other than trust does now: "19 after a quiet week".
pub fn quiet_trust_note(
    s: &Scenario,
    st: &Negotiation,
    from: PartyIx,
    to: PartyIx,
) -> Option<String> {
    quiet_words(
        s,
        (from, to),
        st.trust(from, to),
        quiet_trust(s, st, from, to)?,
    )
}

/// Party `from`'s trust in `to`, `now` and where a quiet turn takes it (`later`), in words, when
/// the two read apart: "19 after a quiet week" (each figure as the screens show that trust:
/// [`rules::describe::trust_shown`]).
pub fn quiet_words(
    s: &Scenario,
    (from, to): (PartyIx, PartyIx),
    now: f64,
    later: f64,
) -> Option<String> {
    let figure = |t: f64| rules::describe::trust_shown(s, from, to, t);
    let later = figure(later);
    (later != figure(now)).then(|| format!("{later} after a quiet {}", s.turn.one))
}

/// Why negotiator `me` would not sign the text as the turn opens (`st` already opened): every
/// reason against, for each must be dealt with before signing, in the party's own voice as its
/// answer gives them ("your own answer to “would you sign?” is no: we trust Iran at 41, short of
/// the 42 we need to sign").
pub fn refusal(s: &Scenario, st: &Negotiation, me: PartyIx) -> String {
    refusal_of(&refusals(s, st, me))
}

/// Each reason against signing in negotiator `me`'s answer, in its own voice.
fn refusals(s: &Scenario, st: &Negotiation, me: PartyIx) -> Vec<String> {
    (rules::verdict(s, st, me).grounds.iter())
        .filter(|g| g.against())
        .map(|g| g.text(s, me))
        .collect()
}

/// [`refusal`] of its reasons.
fn refusal_of(grounds: &[String]) -> String {
    format!(
        "your own answer to “would you sign?” is no: {}",
        grounds.join("; ")
    )
}

/// The move that accepts the text, when negotiator `me` has not accepted it and may not this turn
/// because it would not sign it, in words: "Accept the draft is not open to you this week: your
/// own answer to “would you sign?” is no: …". The window's list of moves leaves it out, and a player looked
/// there for a way to say yes to a text at agreement 99 that it did not trust the other side
/// enough to sign (the terminal's own answer to "would you sign?" stands just above its moves).
pub fn accept_closed(s: &Scenario, st: &Negotiation, me: PartyIx) -> Option<String> {
    let next = rules::opened(st);
    if s.parties[me].role != Role::Negotiator || next.parties[me].accepted {
        return None;
    }
    let mx = (0..s.moves.len()).find(|&mx| {
        s.derived.moves[mx].accepts
            && rules::legal::closed(s, &next, me, mx) == Some(rules::legal::Closed::WouldNotSign)
    })?;
    // A reason or two in full (the trust a signature still lacks); many (a first week's red
    // lines) by their number, which the answers give in full: the line stands above the moves.
    let grounds = refusals(s, &next, me);
    let why = if grounds.len() <= 2 {
        refusal_of(&grounds)
    } else {
        format!(
            "your own answer to “would you sign?” is no, for {} reasons (your answer, under \
             “Answers”, gives them all)",
            grounds.len()
        )
    };
    Some(format!(
        "{} is not open to you this {}: {why}",
        s.moves[mx].name, s.turn.one
    ))
}

/// What the capital line adds when the party's political capital would pass the cap at the
/// turn's end without a move that spends it: what it earns above the cap is lost.
pub fn capital_note(s: &Scenario, st: &Negotiation, me: PartyIx) -> Option<String> {
    let (have, gain) = (st.parties[me].capital, rules::income(s, st, me));
    let full = have + gain > s.capital.max + 0.05;
    // "Near" read oddly at 12.0 of 12 (a tester): at the cap, the whole income is lost.
    let at = have >= s.capital.max - 0.05;
    let (place, lost) = if at {
        ("at", "earns is lost unless a move spends")
    } else {
        ("near", "earns above it is lost")
    };
    (s.uses_capital() && s.capital.max > 0.0 && gain > 0.0 && full).then(|| {
        format!(
            "{place} the cap of {:.0}: what the {} {lost}, so a move that spends costs less than \
             it seems",
            s.capital.max, s.turn.one
        )
    })
}

/// What the AI's reasons for its moves are reasons about: each move weighed alone on the turn
/// as it opened, as the player's previews are (a tester read Oman's reasons for a bridge beside
/// the news that an earlier move had left it nothing to change).
pub fn why_they_moved(s: &Scenario) -> String {
    format!(
        "Each weighed its move alone, on the {} as it opened: the {0}'s event and the moves \
         before it may have changed what it did.",
        s.turn.one
    )
}

/// The acceptances a move withdraws, in a few words for a move's line ("withdraws United
/// States' acceptance"; the mover's own is "your acceptance"): a mediator's bridge had taken an
/// acceptance a deal rested on with no word on the move's line. `None` when it withdraws none.
pub fn withdraw_mark(s: &Scenario, p: &Preview) -> Option<String> {
    let whose: Vec<String> = (p.withdrawn.iter())
        .map(|&q| match p.mover == Some(q) {
            true => "your".to_string(),
            false => possessive(&s.parties[q].name),
        })
        .collect();
    let whose: Vec<&str> = whose.iter().map(String::as_str).collect();
    let plural = if whose.len() > 1 { "s" } else { "" };
    joined(&whose, "and").map(|w| format!("withdraws {w} acceptance{plural}"))
}

/// Over the moves, when tension is near where it rests: a move's tension figure is against a
/// week with no move, and the week's drift toward rest makes up part of it (a tester saw a
/// calming move's -4 read -2.5 as tension neared 40, with no reason given); `figure` names the
/// move's tension figure as the screen does ("T"). `None` further off
/// (more than the drift and the largest tension change a move of the scenario makes).
pub fn drift_note(s: &Scenario, st: &Negotiation, figure: &str) -> Option<String> {
    let t = &s.tension;
    let reach = (s.moves.iter())
        .flat_map(|m| &m.effects)
        .filter_map(|e| match e {
            Effect::Tension(d) => Some(d.abs()),
            _ => None,
        })
        .fold(0.0, f64::max);
    (t.drift > 0.0 && (st.tension - t.rest).abs() < t.drift + reach).then(|| {
        format!(
            "Tension drifts toward {} by up to {} a {}: near it, a move's {figure} (against a {} \
             with no move) may be smaller than its own number, as the drift makes up part of it.",
            crate::rules::describe::points(t.rest),
            crate::rules::describe::points(t.drift),
            s.turn.one,
            s.turn.one
        )
    })
}

/// The ways over a few weeks to raise negotiator `me`'s trust in `q`, in `st` (the state the
/// screens show, before the coming turn opens; the trust it reads is the same): another
/// party's move that raises it, open only once that party trusts `me` above a level it does not
/// yet reach, with `me`'s moves among `choices` whose `previews` raise that party's trust in `me`
/// ("Court the Gulf states +5.5 raises Qatar's trust in you (48 now); once it is above 55, with
/// agreement above 60, Qatar may play Offer regional guarantees: your trust in United States +4
/// each time it is played"), and those open already ("Qatar trusts you above 55 already …"). A
/// tester short of trust for nine weeks found the Gulf states' guarantee only under `why`.
/// The ways open already only where `open_too`; in the last week, only those.
pub fn trust_paths(
    s: &Scenario,
    st: &Negotiation,
    me: PartyIx,
    q: PartyIx,
    choices: &[Choice],
    previews: &[Preview],
    open_too: bool,
) -> Vec<String> {
    use crate::rules::describe::{points, signed_points, trust_plain};
    use crate::rules::legal::pairs;
    use crate::scenario::Condition;
    /// One way: the move and its target, whether the parties' trust is above the level already,
    /// the player's moves that raise their trust, the level, the other conditions, and what it
    /// gives. Parties alike in all of it are told together.
    #[derive(PartialEq)]
    struct Way {
        mv: usize,
        target: Option<PartyIx>,
        open: bool,
        labels: Vec<String>,
        level: f64,
        also: Vec<String>,
        gives: f64,
    }
    /// The parties a way runs through, each with what the player's moves add to its trust.
    type Through = Vec<(PartyIx, Vec<f64>)>;
    let mut ways: Vec<(Way, Through)> = Vec::new();
    for x in (0..s.parties.len()).filter(|&x| x != me && x != q) {
        let role = s.parties[x].role;
        // Each move of the party, with each party it may aim at where it takes one (a move
        // on a target reads its effects and conditions with that target).
        let aimed = (s.moves.iter().enumerate())
            .filter(|(_, m)| m.usable_by(x, role))
            .flat_map(|(mi, m)| {
                let targets: Vec<Option<PartyIx>> = match m.target {
                    TargetKind::Negotiator => (s.negotiators.iter())
                        .filter(|&&t| t != x)
                        .map(|&t| Some(t))
                        .collect(),
                    TargetKind::Party => {
                        (0..s.parties.len()).filter(|&t| t != x).map(Some).collect()
                    }
                    _ => vec![None],
                };
                targets.into_iter().map(move |t| (mi, m, t))
            });
        for (mi, m, t) in aimed {
            let gives = m.effects.iter().find_map(|e| match e {
                Effect::Trust(a, b, v, _) if *v > 0.0 => pairs(s, a, b, Some(x), t)
                    .any(|p| p == (me, q))
                    .then_some(*v),
                _ => None,
            });
            let reads = |c: &Condition| match c {
                Condition::TrustAbove(a, b, l) => pairs(s, a, b, Some(x), t)
                    .any(|p| p == (x, me))
                    .then_some(*l),
                _ => None,
            };
            let (Some(v), Some(level)) = (gives, m.conditions.iter().find_map(reads)) else {
                continue;
            };
            // Already open: the party may play it any turn now (a tester saw Qatar drop out
            // of the line once it trusted Iran enough, and nothing said its way was open).
            let open = st.trust(x, me) > level;
            // A way still shut opens a week after the player's moves at the soonest: none in the
            // last week (`st` is the state before the coming week opens).
            if open && !open_too || !open && st.week + 1 >= s.weeks {
                continue;
            }
            let (labels, adds): (Vec<String>, Vec<f64>) = (choices.iter().zip(previews))
                .filter(|_| !open)
                .filter_map(|(c, p)| {
                    let d = p.trust.iter().find(|t| t.0 == x)?.1;
                    (d >= 0.05).then(|| (crate::ai::choice_label(s, c), d))
                })
                .unzip();
            if labels.is_empty() && !open {
                continue;
            }
            let also: Vec<String> = (m.conditions.iter())
                .filter(|c| reads(c).is_none())
                .map(|c| rules::describe::condition_of(s, c, Some(x)))
                .collect();
            let way = Way {
                mv: mi,
                target: t,
                open,
                labels,
                level,
                also,
                gives: v,
            };
            match ways.iter_mut().find(|w| w.0 == way) {
                Some(w) => w.1.push((x, adds)),
                None => ways.push((way, vec![(x, adds)])),
            }
        }
    }
    // Where the fading alone takes each trust by the turn's end, for the ways open now.
    let quiet = ways
        .iter()
        .any(|w| w.0.open)
        .then(|| quiet_week(s, st))
        .flatten();
    ways.into_iter()
        .map(|(way, who)| {
            let Way {
                mv: mi,
                target: t,
                open,
                labels,
                level,
                also,
                gives: v,
            } = way;
            let way_level = level;
            let (level, v) = (points(level), signed_points(v));
            let also: Vec<&str> = also.iter().map(String::as_str).collect();
            let also = joined(&also, "and").map_or_else(String::new, |a| format!(", with {a}"));
            let names: Vec<String> = who
                .iter()
                .map(|w| possessive(&s.parties[w.0].name))
                .collect();
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            // What each of the player's moves adds, alike for every party or party by party.
            let adds: Vec<String> = (0..labels.len())
                .map(|k| {
                    let each: Vec<String> = who.iter().map(|w| signed_points(w.1[k])).collect();
                    let alike = each.iter().all(|e| *e == each[0]);
                    match (alike, who.len()) {
                        (_, 1) => format!("{} {}", labels[k], each[0]),
                        (true, _) => format!("{} {} each", labels[k], each[0]),
                        (false, _) => format!("{} {}", labels[k], each.join(" and ")),
                    }
                })
                .collect();
            let adds: Vec<&str> = adds.iter().map(String::as_str).collect();
            let now: Vec<String> = who
                .iter()
                .map(|w| trust_plain(s, st.trust(w.0, me)))
                .collect();
            let now: Vec<&str> = now.iter().map(String::as_str).collect();
            let player = match who.as_slice() {
                [one] => s.parties[one.0].name.clone(),
                [_, _] => "either".to_string(),
                _ => "any of them".to_string(),
            };
            let on = match t {
                Some(t) if t == me => " on you".to_string(),
                Some(t) => format!(" on {}", s.parties[t].name),
                None => String::new(),
            };
            let gives = format!(
                "{}{on}: your trust in {} {v} each time it is played",
                s.moves[mi].name, s.parties[q].name
            );
            if open {
                let names: Vec<String> = who.iter().map(|w| s.parties[w.0].name.clone()).collect();
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                let verb = if who.len() == 1 { "trusts" } else { "trust" };
                // Where the fading alone takes it to the level or below by the turn's end, the
                // way shuts after this turn (a tester saw Qatar at "56 … 55 after a quiet week"
                // and nothing said its guarantee would then be shut).
                let shutting: Vec<String> = (who.iter())
                    .filter_map(|w| {
                        let then = quiet.as_ref()?.trust(w.0, me);
                        (then <= way_level).then(|| {
                            let name = &s.parties[w.0].name;
                            format!(
                                "{name} {} after a quiet {}",
                                trust_plain(s, then),
                                s.turn.one
                            )
                        })
                    })
                    .collect();
                let shutting: Vec<&str> = shutting.iter().map(String::as_str).collect();
                let shutting = joined(&shutting, "and").map_or_else(String::new, |n| {
                    format!("; {n}, no longer above it, unless your moves keep it up")
                });
                return format!(
                    "{} {verb} you above {level} already ({} now{shutting}){also}, {player} may \
                     play {gives}",
                    joined(&names, "and").unwrap_or_default(),
                    joined(&now, "and").unwrap_or_default(),
                );
            }
            format!(
                "{} raises {} trust in you ({} now); once it is above {level}{also}, {player} \
                 may play {gives}",
                joined(&adds, "or").unwrap_or_default(),
                joined(&names, "and").unwrap_or_default(),
                joined(&now, "and").unwrap_or_default(),
            )
        })
        .collect()
}

/// What raises negotiator `me`'s own trust in `q` this turn, for a player whose trust is short
/// of what signing needs: its moves among `choices` whose `previews` raise it, each with what it
/// adds by the turn's end, or that none does; what else does (a tester could not find how
/// to raise Iran's trust in the United States); where the AI plays `q` (`ai_plays`), how it
/// returns goodwill ([`goodwill_note`]); and the slower ways ([`trust_paths`]).
pub fn own_trust_note(
    s: &Scenario,
    st: &Negotiation,
    me: PartyIx,
    q: PartyIx,
    choices: &[Choice],
    previews: &[Preview],
    ai_plays: bool,
) -> String {
    let slower = trust_paths(s, st, me, q, choices, previews, true);
    let goodwill = ai_plays.then(|| goodwill_note(s, st, me, q)).flatten();
    let note = own_trust_now(s, me, q, choices, previews, goodwill);
    match slower.is_empty() {
        true => note,
        false => format!("{note}{THROUGH_OTHERS}{}.", slower.join("; ")),
    }
}

/// The slower ways to negotiator `me`'s trust in another negotiator ([`trust_paths`]) that move
/// `c` (its `preview`) takes it along, for its card: a mark ("a slower way to trust in United
/// States") and, for its hover, each way in full. A tester courted the Gulf states without
/// knowing it was what would open their guarantees, which the card did not say (the trust panel
/// did, scrolled away). Told, as the trust panel tells the ways, only toward a side the player's
/// trust in is short of what signing needs. `None` where it takes none, or for a party that is
/// not a negotiator.
pub fn way_mark(
    s: &Scenario,
    st: &Negotiation,
    me: PartyIx,
    c: &Choice,
    preview: &Preview,
) -> Option<(String, Vec<String>)> {
    if s.parties[me].role != Role::Negotiator {
        return None;
    }
    let mut to = Vec::new();
    let mut lines = Vec::new();
    let short = |q: PartyIx| st.trust(me, q) < s.rules.min_trust;
    for &q in s.negotiators.iter().filter(|&&q| q != me && short(q)) {
        let ways = trust_paths(
            s,
            st,
            me,
            q,
            std::slice::from_ref(c),
            std::slice::from_ref(preview),
            false,
        );
        if !ways.is_empty() {
            to.push(s.parties[q].name.as_str());
            let name = &s.parties[q].name;
            lines.extend(
                ways.into_iter()
                    .map(|w| format!("A slower way to your trust in {name}: {w}.")),
            );
        }
    }
    let to = joined(&to, "and")?;
    Some((format!("a slower way to trust in {to}"), lines))
}

/// How [`own_trust_note`] heads the ways through another party's move ([`trust_paths`]): slower
/// to start, they can add the most (a tester's trust in the United States rose 25 → 59 in three
/// weeks of the Gulf states' guarantees, where "Slower:" had read as the lesser way).
pub const THROUGH_OTHERS: &str = " Over a few weeks, through others: ";

/// How negotiator `q`, played by the AI, returns `me`'s goodwill (`ai.reciprocity`): the
/// less it trusts the other negotiators, the more hawkishly it plays
/// ([`crate::ai::hawkishness`], from the one it trusts least), so the more it trusts `me`, the
/// more it plays its conciliatory moves, and those of them open to it this turn that raise
/// `me`'s trust in it are named. Told while `q` is at the table, trusts `me` least of all and
/// is not yet as conciliatory as it gets. Five play-testers found no
/// lever on their own trust in the other side but a back channel's +2; the AI's choices show
/// one (the United States playing only conciliatory statements drew Iran's back channel 7 times
/// a game, against 2 when it played as a hawk). A clause, without a full stop; `None` where
/// none of that holds, the scenario has no reciprocity or `q` has no such move open.
pub fn goodwill_note(s: &Scenario, st: &Negotiation, me: PartyIx, q: PartyIx) -> Option<String> {
    use crate::rules::legal::pairs;
    use crate::scenario::Tone;
    let next = rules::opened(st);
    // Its hawkishness reads its trust in the negotiator it trusts least: told where that is
    // `me`, and while more trust still lowers it (at 0 it is as conciliatory as it gets).
    let least = (rules::score::min_trust(s, &next, q) - next.trust(q, me)).abs() < 1e-9;
    if s.ai.reciprocity <= 0.0
        || s.parties[q].role != Role::Negotiator
        || !next.parties[q].present
        || !least
        || crate::ai::hawkishness(s, &next, q) <= 0.0
    {
        return None;
    }
    // Its moves open now, as the AI weighs them: while its acceptance of a text it would sign
    // stands, it does not change the text ([`crate::ai::Planner::choose`]).
    let standing =
        next.parties[q].accepted && rules::stand(s, &next, q).would_sign(s.rules.min_trust);
    let mut names: Vec<&str> = (rules::legal_choices(s, &next, q).into_iter())
        .filter(|c| c.party.is_none_or(|t| t == me))
        .filter(|c| !(standing && s.derived.moves[c.mv].redrafts))
        .map(|c| c.mv)
        .filter(|&mv| {
            let m = &s.moves[mv];
            let target =
                matches!(m.target, TargetKind::Negotiator | TargetKind::Party).then_some(me);
            m.tone == Tone::Conciliatory
                && m.effects.iter().any(|e| match e {
                    Effect::Trust(a, b, v, _) => {
                        *v > 0.0 && pairs(s, a, b, Some(q), target).any(|p| p == (me, q))
                    }
                    _ => false,
                })
        })
        .map(|mv| s.moves[mv].name.as_str())
        .collect();
    names.dedup();
    let list = match names.as_slice() {
        [] => return None,
        [a, b, c, _, ..] => format!("such as {a}, {b} and {c}"),
        _ => joined(&names, "and").unwrap_or_default(),
    };
    Some(format!(
        "{} returns goodwill: the more it trusts you ({} now), the more it plays what raises your \
         trust in it ({list})",
        s.parties[q].name,
        crate::rules::describe::trust_plain(s, next.trust(q, me))
    ))
}

/// [`own_trust_note`] without the slower ways, with `goodwill` ([`goodwill_note`]) among what
/// else raises it.
fn own_trust_now(
    s: &Scenario,
    me: PartyIx,
    q: PartyIx,
    choices: &[Choice],
    previews: &[Preview],
    goodwill: Option<String>,
) -> String {
    let raising: Vec<String> = (choices.iter().zip(previews))
        .filter_map(|(c, p)| {
            let d = p.links.iter().find(|l| l.0 == me && l.1 == q)?.2;
            (d >= 0.05).then(|| {
                format!(
                    "{} {}",
                    crate::ai::choice_label(s, c),
                    rules::describe::signed_points(d)
                )
            })
        })
        .collect();
    let (one, them) = (&s.turn.one, &s.parties[q].name);
    match (raising.as_slice(), goodwill) {
        ([], None) => format!(
            "No move of yours raises it this {one}: it rises with what {them} and others do, \
             and as old grievances fade."
        ),
        (_, None) => format!(
            "Your moves that raise it this {one}: {}; it rises too with what {them} and others \
             do, and as old grievances fade.",
            raising.join(", ")
        ),
        ([], Some(g)) => format!(
            "No move of yours raises it this {one}. It rises as old grievances fade, with what \
             others do, and as {g}."
        ),
        (_, Some(g)) => format!(
            "Your moves that raise it this {one}: {}. It rises too as old grievances fade, with \
             what others do, and as {g}.",
            raising.join(", ")
        ),
    }
}

/// Whose answer to "would you sign?" a move turns, in a few words for a move's line ("United
/// States would then sign"): a tester found it only under `why`, with the line showing trust
/// alone. A side that signs now but would not by the turn's end without the move "would still
/// sign" (a tester read "would then sign" on a side already saying yes); one that does not sign
/// now and would without the move "would then not sign". `None` when it turns none, or when the
/// move makes the deal (the line says that).
pub fn answers_mark(s: &Scenario, p: &Preview) -> Option<String> {
    if p.deal {
        return None;
    }
    let said = |now: bool, yes: bool| -> Option<String> {
        let who: Vec<String> = (p.signs.iter())
            .filter(|x| (x.1, x.2) == (now, yes))
            .map(|&(q, _, _)| match p.mover == Some(q) {
                true => "you".to_string(),
                false => s.parties[q].name.clone(),
            })
            .collect();
        let who: Vec<&str> = who.iter().map(String::as_str).collect();
        let then = match (now, yes) {
            (false, true) => "would then sign",
            (true, true) => "would still sign",
            (true, false) => "would no longer sign",
            (false, false) => "would then not sign",
        };
        joined(&who, "and").map(|w| format!("{w} {then}"))
    };
    let all: Vec<String> = [(false, true), (true, true), (true, false), (false, false)]
        .into_iter()
        .filter_map(|(now, yes)| said(now, yes))
        .collect();
    (!all.is_empty()).then(|| all.join("; "))
}

/// Negotiator `q`'s answer to "would you sign?" over a turn, as a move's preview measures it:
/// at the turn's end (`end`); in the last turn, as its acts leave the text (`acts`) too, when the
/// sides the AI plays sign as time runs out (the turn's signing, [`crate::sim`]).
pub fn turn_answer(
    s: &Scenario,
    q: PartyIx,
    acts: Option<&Negotiation>,
    end: &Negotiation,
) -> bool {
    let signs = |st: &Negotiation| rules::stand(s, st, q).would_sign(s.rules.min_trust);
    acts.is_some_and(signs) || signs(end)
}

/// The red lines a move breaks or now keeps, in a few words for a move's line ("breaks Iran's
/// red line"): a play-tester found it only under `why` (the line named the reopened clause and the
/// trust it cost). `None` when it changes no party's count of red lines kept.
pub fn red_line_mark(s: &Scenario, p: &Preview) -> Option<String> {
    let whose = |q: PartyIx| match p.mover == Some(q) {
        true => "your".to_string(),
        false => possessive(&s.parties[q].name),
    };
    let said = |broke: bool| -> Option<String> {
        let lines: Vec<(String, usize)> = (p.red_lines.iter())
            .filter(|&&(_, was, now)| (now < was) == broke && now != was)
            .map(|&(q, was, now)| (whose(q), was.abs_diff(now)))
            .collect();
        let many = lines.iter().map(|x| x.1).sum::<usize>() > 1;
        let names: Vec<&str> = lines.iter().map(|x| x.0.as_str()).collect();
        let verb = if broke { "breaks" } else { "now keeps" };
        let noun = if many { "red lines" } else { "red line" };
        joined(&names, "and").map(|w| format!("{verb} {w} {noun}"))
    };
    let both: Vec<String> = [said(true), said(false)].into_iter().flatten().collect();
    (!both.is_empty()).then(|| both.join("; "))
}

/// What a move does to the trust a deal needs, in a few words for a move's line: the other
/// negotiators' trust in the player (`me`), the player's trust in them, and, for anyone else,
/// the negotiators' trust in each other. `None` when it moves none of it by a tenth.
pub fn trust_effect(s: &Scenario, me: PartyIx, p: &Preview) -> Option<String> {
    if p.deal {
        // Its trust changes are only the fading a deal spares (a play-tester read them as trust
        // the move gives, accepted, and an event took the deal away).
        return Some(format!(
            "deal this {} if taken alone (no fading, no drift)",
            s.turn.one
        ));
    }
    let negotiator = |q: PartyIx| s.parties[q].role == Role::Negotiator;
    let moved = |d: &f64| d.abs() >= 0.05;
    let say = |what: &str, ds: Vec<f64>| -> Option<String> {
        let first = *ds.first()?;
        // One figure when every pair moves alike, else the range.
        let (lo, hi) = ds
            .iter()
            .fold((first, first), |(a, b), &d| (a.min(d), b.max(d)));
        let n = rules::describe::signed_points;
        Some(if (hi - lo).abs() < 0.05 {
            format!("{what} {}", n(first))
        } else {
            format!("{what} {} to {}", n(lo), n(hi))
        })
    };
    let mut parts = Vec::new();
    if negotiator(me) {
        let theirs: Vec<f64> = (p.trust.iter())
            .filter(|(q, d)| *q != me && negotiator(*q) && moved(d))
            .map(|x| x.1)
            .collect();
        parts.extend(say("their trust", theirs));
        let mine: Vec<f64> = (p.links.iter())
            .filter(|(f, t, d)| *f == me && negotiator(*t) && moved(d))
            .map(|x| x.2)
            .collect();
        parts.extend(say("your trust", mine));
    } else {
        let between: Vec<&(PartyIx, PartyIx, f64)> = (p.links.iter())
            .filter(|(f, t, d)| negotiator(*f) && negotiator(*t) && moved(d))
            .collect();
        // Each way named unless all move alike (a tester read "trust between them" of a carry
        // that raises only Iran's trust in the United States, and "their trust in you -9.5 to
        // +0.5" without knowing whose was which).
        let alike = |ds: &mut dyn Iterator<Item = f64>| {
            let (lo, hi) = ds.fold((f64::MAX, f64::MIN), |(a, b), d| (a.min(d), b.max(d)));
            hi - lo < 0.05
        };
        let one_way = |f: PartyIx, t: PartyIx| {
            format!(
                "{} trust in {}",
                possessive(&s.parties[f].name),
                s.parties[t].name
            )
        };
        // "Between" two parties only: each way of one pair, alike.
        if let [(a, b, d), (c, e, _)] = between.as_slice()
            && (a, b) == (e, c)
            && alike(&mut between.iter().map(|x| x.2))
        {
            let what = format!(
                "trust between {} and {}",
                s.parties[*a.min(b)].name,
                s.parties[*a.max(b)].name
            );
            parts.extend(say(&what, vec![*d]));
        } else {
            for &&(f, t, d) in &between {
                parts.extend(say(&one_way(f, t), vec![d]));
            }
        }
        // And the negotiators' trust in the mover (a tester found a pressed side's "-3" only
        // by `why`).
        let mine: Vec<&(PartyIx, f64)> = (p.trust.iter())
            .filter(|(q, d)| negotiator(*q) && moved(d))
            .collect();
        let in_you = |qs: &[PartyIx]| {
            let names: Vec<String> = qs.iter().map(|&q| possessive(&s.parties[q].name)).collect();
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            format!("{} trust in you", joined(&names, "and").unwrap_or_default())
        };
        if alike(&mut mine.iter().map(|x| x.1)) {
            let qs: Vec<PartyIx> = mine.iter().map(|x| x.0).collect();
            parts.extend(mine.first().and_then(|x| say(&in_you(&qs), vec![x.1])));
        } else {
            for &&(q, d) in &mine {
                parts.extend(say(&in_you(&[q]), vec![d]));
            }
        }
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// The preview of each of `choices` of party `me` for the coming turn.
pub fn previews(s: &Scenario, st: &Negotiation, me: PartyIx, choices: &[Choice]) -> Vec<Preview> {
    let next = rules::opened(st);
    let mut scratch = Scratch::default();
    let idle = rules::predict_idle(s, &next, &mut scratch).clone();
    // Trust as the turn after this one ends, with no move in it: what a move's trust has faded
    // to by then is the rate the preview gives.
    let later = |t: &rules::Trust| {
        let mut t = t.clone();
        t.fade();
        t
    };
    let idle_later = later(&idle.trust);
    // In the last week the AI's sides sign as its acts leave the text too: a move's answers are
    // read there as well ([`turn_answer`]).
    let last = next.week >= s.weeks;
    // The week with no move, answered once: each negotiator's answer now and over the week,
    // and the mover's reasons.
    let now_signs: Vec<bool> = (s.negotiators.iter())
        .map(|&q| turn_answer(s, q, None, &next))
        .collect();
    let idle_signs: Vec<bool> = (s.negotiators.iter())
        .map(|&q| turn_answer(s, q, last.then_some(&next), &idle))
        .collect();
    let mut acts = Negotiation::default();
    let idle_deal = rules::score::deal_reached(s, &idle);
    // A week with no move that ends the game lets no event come, as the advisers count it: a
    // move that keeps the game going lets in every event that may then come.
    let idle_events = match rules::score::settled(s, &idle) {
        Some(_) => vec![false; s.events.len()],
        None => chance_events_open(s, &idle),
    };
    let idle_war = rules::score::war_at_end(s, &idle);
    let was = rules::verdict(s, &idle, me);
    // Whose trust in a negotiator the preview follows: every negotiator's, and the mover's.
    let mut froms = s.negotiators.clone();
    if !froms.contains(&me) {
        froms.push(me);
    }
    choices
        .iter()
        .map(|c| {
            let act = Act::of_move(me, *c);
            let offers = s.moves[c.mv].effects.contains(&Effect::Offer);
            if last {
                acts.clone_from(&next);
                rules::apply(s, &mut acts, &act, &mut rules::Applied::default());
            }
            rules::predict(s, &next, &act, &mut scratch);
            let (after, applied) = (&scratch.state, scratch.applied());
            // How the text's worth to the other negotiators moves, read as the week opens.
            let moved = after.draft.levels != idle.draft.levels;
            let worth = (s.negotiators.iter())
                .filter(|&&q| moved && q != me)
                .map(|&q| {
                    let (from, known) = believed_worth(s, &next, me, q, &idle.draft.levels);
                    let (to, _) = believed_worth(s, &next, me, q, &after.draft.levels);
                    (q, from, to, known)
                })
                .collect();
            let red_lines = (s.consenting.iter())
                .map(|&q| {
                    let kept = |l: &[Level]| s.red_lines_kept(q, l);
                    (q, kept(&idle.draft.levels), kept(&after.draft.levels))
                })
                .filter(|&(_, a, b)| a != b)
                .collect();
            // How much of each pair's change fades over the next turn: all its parts together
            // (a move's own trust, a reopening's cost), as the rules fade them. A deal ends the
            // game, so nothing fades after it.
            let deal = !idle_deal && rules::score::deal_reached(s, after);
            let after_later = later(&after.trust);
            let n = s.parties.len();
            let fades = (0..n)
                .flat_map(|f| (0..n).map(move |t| (f, t)))
                .filter(|&(f, t)| f != t && !deal)
                .filter_map(|(f, t)| {
                    let now = after.trust(f, t) - idle.trust(f, t);
                    let then = after_later.get(f, t) - idle_later.get(f, t);
                    let by = now.abs() - then.abs();
                    (now.abs() >= 0.05 && by >= 0.05).then_some((f, t, by))
                })
                .collect();
            let walk_away = (s.negotiators.iter().copied())
                .filter(|&q| bargain::knows(s, &next, me, q))
                .map(|q| {
                    let at = |st: &Negotiation| {
                        (s.parties[q].reservation).at(st.tension, st.parties[q].hardliners)
                    };
                    (q, at(&idle), at(after))
                })
                .filter(|&(_, from, to)| (to - from).abs() >= 0.005)
                .collect();
            // The events whose conditions it meets, or keeps from meeting, by the turn's end
            // (where the turn ends the game, by a deal or war, or is the last, there is no next
            // turn: none).
            let ends = last || rules::score::settled(s, after).is_some();
            // The chance of war as the turn ends, with the move and without it (none where a
            // deal or a collapse ends it: then no line), said where the two read apart.
            let events = chance_events_open(s, after);
            let (opens, shuts) = (0..s.events.len())
                .filter(|&e| !deal && !ends && events[e] != idle_events[e])
                .partition(|&e| events[e]);
            let signs: Vec<(PartyIx, bool, bool)> = (s.negotiators.iter().enumerate())
                .map(|(k, &q)| {
                    let then = turn_answer(s, q, last.then_some(&acts), after);
                    (q, now_signs[k], idle_signs[k], then)
                })
                .filter(|&(_, _, without, with)| without != with)
                .map(|(q, now, _, with)| (q, now, with))
                .collect();
            let war =
                idle_war
                    .zip(rules::score::war_at_end(s, after))
                    .filter(|&(without, with)| {
                        rules::describe::chance(without) != rules::describe::chance(with)
                    });
            Preview {
                deal,
                war,
                worth,
                walk_away,
                red_lines,
                fades,
                clauses: (0..s.issues.len())
                    .filter(|&i| after.draft.levels[i] != idle.draft.levels[i])
                    .map(|i| (i, idle.draft.levels[i], after.draft.levels[i]))
                    .collect(),
                trust: (0..s.parties.len())
                    .filter(|&p| p != me)
                    .map(|p| (p, after.trust(p, me) - idle.trust(p, me)))
                    .filter(|(_, d)| d.abs() >= 0.05)
                    .collect(),
                support: after.support(s, me) - idle.support(s, me),
                // What the rules recorded as they applied the move: the banked clauses it
                // reopened (and whom that cost trust with), and the clauses it contested.
                reopens: applied
                    .reopened
                    .iter()
                    .map(|&(i, _, hurt)| (i, hurt))
                    .collect(),
                contests: applied.contested.iter().map(|&(i, _, q)| (i, q)).collect(),
                uncontests: (0..s.issues.len())
                    .filter(|&i| idle.draft.is_contested(i) && !after.draft.is_contested(i))
                    .collect(),
                links: froms
                    .iter()
                    .flat_map(|&from| s.negotiators.iter().map(move |&to| (from, to)))
                    .filter(|&(from, to)| from != to && to != me)
                    .map(|(from, to)| (from, to, after.trust(from, to) - idle.trust(from, to)))
                    .filter(|(_, _, d)| d.abs() >= 0.05)
                    .collect(),
                last,
                whole_text: offers.then(|| bargain::drawn_text(s, &next, me).is_some()),
                guessed: (s.negotiators.iter().copied())
                    .filter(|&q| offers && q != me && !bargain::knows(s, &next, me, q))
                    .collect(),
                opens,
                shuts,
                hardliners: (0..s.parties.len())
                    .map(|p| {
                        let (a, i) = (&after.parties[p], &idle.parties[p]);
                        (
                            p,
                            a.hardliners - i.hardliners,
                            a.hardliners_target - i.hardliners_target,
                        )
                    })
                    .filter(|&(_, now, heading)| now.abs() >= 0.05 || heading.abs() >= 0.05)
                    .collect(),
                troops: (0..s.parties.len())
                    .map(|p| (p, after.parties[p].troops - idle.parties[p].troops))
                    .filter(|&(_, d)| d != 0)
                    .collect(),
                lapses: s.derived.moves[c.mv].accepts
                    && next.parties[me].present
                    && !after.parties[me].accepted,
                mover: Some(me),
                withdrawn: applied.withdrawn().collect(),
                reveals: {
                    let shown = (s.moves[c.mv].effects.iter())
                        .filter_map(|e| match e {
                            Effect::Reveal(x) => Some(rules::legal::mask(s, x, Some(me), c.party)),
                            _ => None,
                        })
                        .fold(0, |m, x| m | x);
                    (0..s.parties.len())
                        .filter(|&q| q != me && shown >> q & 1 == 1)
                        .filter(|&q| s.parties[q].hidden_preferences)
                        .map(|q| (q, !next.has_revealed(me, q)))
                        .collect()
                },
                own_reason: turning_reason(&was, &rules::verdict(s, after, me)),
                reasons: (signs.iter())
                    .filter(|x| x.0 != me)
                    .filter_map(|&(q, _, _)| {
                        let (was, now) = (rules::verdict(s, &idle, q), rules::verdict(s, after, q));
                        let known = bargain::knows(s, &next, me, q);
                        // Without its priorities, as the mover may hear it.
                        let g = turning_reason(&was, &now)?;
                        Some((q, if known { g } else { g.heard()? }, known))
                    })
                    .collect(),
                signs,
            }
        })
        .collect()
}

/// A line of a week's news as a screen short of room tells it ([`grouped_news`]).
#[derive(Debug, Clone, PartialEq)]
pub struct NewsLine {
    pub kind: crate::sim::NewsKind,
    pub text: String,
    /// The event it tells of, if one.
    pub event: Option<usize>,
    /// The items it stands for, where it groups several (each as the news told it).
    pub grouped: Vec<String>,
}

/// A week's news (`news`, in order) as a screen short of room tells it: a run of three or more
/// changes of the text by one party in a line ("United States changes 7 clauses of the text
/// (`marked`)", where the screen's draft marks each clause changed), and the parties that made
/// no move in one line, where the first of them stood; the rest as it is (a tester's week of
/// news ran to 13 lines of a terminal, and 20 turns of a window's wheel).
pub fn grouped_news(s: &Scenario, news: &[&crate::sim::News], marked: &str) -> Vec<NewsLine> {
    use crate::sim::{About, NewsKind};
    let name = |p: usize| s.parties.get(p).map_or("?", |x| x.name.as_str());
    // The parties that made no move, with their items.
    let idle: Vec<(&str, &crate::sim::News)> = (news.iter().copied())
        .filter_map(|n| match n.about {
            Some(About::Idle(p)) => Some((name(p), n)),
            _ => None,
        })
        .collect();
    let one = |n: &crate::sim::News| NewsLine {
        kind: n.kind,
        text: n.text.clone(),
        event: n.event,
        grouped: Vec::new(),
    };
    let (mut out, mut k, mut idle_told) = (Vec::new(), 0, false);
    while k < news.len() {
        let n = news[k];
        match n.about {
            Some(About::Clause(by)) => {
                let run = (news[k..].iter())
                    .take_while(|m| m.about == Some(About::Clause(by)))
                    .count();
                if run >= 3 {
                    out.push(NewsLine {
                        kind: NewsKind::Draft,
                        text: format!("{} changes {run} clauses of the text ({marked}).", name(by)),
                        event: None,
                        grouped: news[k..k + run].iter().map(|m| m.text.clone()).collect(),
                    });
                } else {
                    out.extend(news[k..k + run].iter().map(|m| one(m)));
                }
                k += run;
                continue;
            }
            Some(About::Idle(_)) if idle.len() > 1 => {
                if !idle_told {
                    let names: Vec<&str> = idle.iter().map(|m| m.0).collect();
                    let who = rules::describe::joined(&names, "and").unwrap_or_default();
                    out.push(NewsLine {
                        kind: NewsKind::Move,
                        text: format!("No move this {} from {who}.", s.turn.one),
                        event: None,
                        grouped: idle.iter().map(|m| m.1.text.clone()).collect(),
                    });
                    idle_told = true;
                }
            }
            _ => out.push(one(n)),
        }
        k += 1;
    }
    out
}

/// The reason that turns an answer to "would you sign?" from `was` to `now`: the first against
/// signing after (a yes turned to no), or the first before that is gone (a no turned to yes).
fn turning_reason(was: &rules::Verdict, now: &rules::Verdict) -> Option<rules::Ground> {
    match (was.would_sign, now.would_sign) {
        (true, false) => now.first_refusal(),
        (false, true) => was.first_refusal(),
        _ => None,
    }
}

/// Every choice a party could ever make, in catalogue order: each move it may use, once per
/// possible target. A move's number in the terminal is its place in this list, so it stays the
/// same for the whole game.
pub fn catalogue(s: &Scenario, me: PartyIx) -> Vec<crate::rules::Choice> {
    use crate::scenario::TargetKind;
    let mut out = Vec::new();
    for (mv, m) in s.moves.iter().enumerate() {
        if !m.usable_by(me, s.parties[me].role) {
            continue;
        }
        let c = |party, issue| crate::rules::Choice { mv, party, issue };
        match m.target {
            TargetKind::None => out.push(c(None, None)),
            TargetKind::Issue | TargetKind::AddressedIssue | TargetKind::OpenIssue => {
                out.extend(
                    (0..s.issues.len())
                        .filter(|&i| m.aims_at(i))
                        .map(|i| c(None, Some(i))),
                );
            }
            TargetKind::Negotiator => out.extend(
                s.negotiators
                    .iter()
                    .filter(|&&p| p != me)
                    .map(|&p| c(Some(p), None)),
            ),
            TargetKind::Party => {
                out.extend(
                    (0..s.parties.len())
                        .filter(|&p| p != me)
                        .map(|p| c(Some(p), None)),
                );
            }
        }
    }
    out
}

/// Why a move of the player's is not open this week (against the week as it will open).
pub fn closed(s: &Scenario, st: &Negotiation, me: PartyIx, mv: usize) -> String {
    let why = closed_reason(s, st, me, mv);
    format!(
        "{} is not open to you this {}: {why}.",
        s.moves[mv].name, s.turn.one
    )
}

/// Why a move of the player's is not open this week, in words after the move's name
/// ([`closed`]): "it costs 4 political capital and you have 3.5".
pub fn closed_reason(s: &Scenario, st: &Negotiation, me: PartyIx, mv: usize) -> String {
    use crate::rules::legal::Closed;
    let m = &s.moves[mv];
    let st = crate::rules::opened(st);
    let row = &st.parties[me];
    match crate::rules::legal::closed(s, &st, me, mv) {
        Some(Closed::NotYours) => {
            let whose: Vec<&str> = s
                .parties
                .iter()
                .enumerate()
                .filter(|(p, party)| m.usable_by(*p, party.role))
                .map(|(_, party)| party.name.as_str())
                .collect();
            format!(
                "it is not one of your moves (it is for {})",
                whose.join(", ")
            )
        }
        Some(Closed::Presence) if row.present => {
            "it is only for a party away from the table".into()
        }
        Some(Closed::Presence) => "you are away from the table".into(),
        Some(Closed::Cost) => format!(
            "it costs {} political capital and you have {:.1}",
            m.cost,
            (row.capital * 10.0).floor() / 10.0
        ),
        Some(Closed::ConcessionFloor) => format!(
            "your hardliners' support ({:.0}) is below the {:.0} you need to concede",
            // Cut, not rounded, as the parties table shows it: never "(55) is below the 55".
            row.hardliners.floor(),
            s.parties[me].domestic.concession_floor
        ),
        Some(Closed::NothingToBridge) => format!(
            "there is nothing to bridge: {}",
            crate::rules::describe::nothing_to_bridge(s, &st)
        ),
        Some(Closed::WouldNotSign) => refusal(s, &st, me),
        None if !m
            .conditions
            .iter()
            .all(|c| crate::rules::holds(s, &st, c, Some(me), None)) =>
        {
            let unmet: Vec<String> = m
                .conditions
                .iter()
                .filter(|c| !crate::rules::holds(s, &st, c, Some(me), None))
                .map(|c| crate::rules::describe::condition_now(s, &st, c, me))
                .collect();
            format!("it needs {}", unmet.join(" and "))
        }
        None => no_target(s, &st, me, mv),
    }
}

/// Why one choice (a move and its target) of the player's is not open this week: the move's
/// reason ([`closed`]) when the move is closed, else what keeps this target out.
pub fn closed_choice(
    s: &Scenario,
    st: &Negotiation,
    me: PartyIx,
    c: crate::rules::Choice,
) -> String {
    use crate::rules::legal::{Blocked, draft_blocked};
    let opened = crate::rules::opened(st);
    let mut legal = Vec::new();
    crate::rules::legal_choices_where(s, &opened, me, |mx| mx == c.mv, &mut legal);
    let open = !legal.is_empty();
    if !open {
        return closed(s, st, me, c.mv);
    }
    let levels = &opened.draft.levels;
    let why = match (c.issue, c.party) {
        // The kind of clause it aims at first, then what a step would do.
        (Some(i), _) if !crate::rules::legal::may_aim(&s.moves[c.mv], levels, i) => {
            if levels[i].is_none() {
                "the clause is not in the text yet"
            } else {
                "the clause is already in the text"
            }
        }
        (Some(i), _) => match draft_blocked(s, &opened, me, c.mv, i) {
            Some(Blocked::RedLine) => "it would move the clause across your own red line",
            Some(Blocked::Unchanged) => "the clause is already where it would take it",
            Some(Blocked::NotAConcession) => {
                "it would move the clause to a level you value more yourself: that is a \
                 proposal (propose it), not a concession"
            }
            None => "its conditions do not hold for that clause",
        },
        _ => "its conditions do not hold for that party",
    };
    format!(
        "{} is not open to you this {}: {why}.",
        crate::ai::choice_label(s, &c),
        s.turn.one
    )
}

/// Why a move that is open to the party has no target it may aim at this turn.
pub(crate) fn no_target(s: &Scenario, st: &Negotiation, me: PartyIx, mv: usize) -> String {
    use crate::rules::legal::{Blocked, draft_blocked};
    use crate::scenario::TargetKind;
    let m = &s.moves[mv];
    match m.target {
        TargetKind::Issue | TargetKind::AddressedIssue | TargetKind::OpenIssue => {
            let clauses: Vec<usize> = (0..s.issues.len())
                .filter(|&i| crate::rules::legal::may_aim(m, &st.draft.levels, i))
                .collect();
            // Each clause it may aim at, by what keeps the move off it.
            let names = |why: Blocked| -> Vec<&str> {
                clauses
                    .iter()
                    .filter(|&&i| draft_blocked(s, st, me, mv, i) == Some(why))
                    .map(|&i| s.issues[i].name.as_str())
                    .collect()
            };
            let (crossing, gifts) = (names(Blocked::RedLine), names(Blocked::NotAConcession));
            if clauses.is_empty() {
                return match m.target {
                    TargetKind::AddressedIssue => {
                        "no clause it may change is in the text yet".into()
                    }
                    TargetKind::OpenIssue => {
                        "every clause it may add is already in the text".into()
                    }
                    _ => "no clause it may change".into(),
                };
            }
            let mut why = Vec::new();
            if !crossing.is_empty() {
                why.push(if crossing.len() == clauses.len() {
                    format!(
                        "it would move each clause it may change across your own red lines ({})",
                        crossing.join(", ")
                    )
                } else {
                    format!(
                        "it would move {} across your own red lines",
                        crossing.join(", ")
                    )
                });
            }
            if !gifts.is_empty() {
                why.push(format!(
                    "it would move {} to a level you value more yourself (that is a proposal, not \
                     a concession)",
                    gifts.join(", ")
                ));
            }
            if crossing.len() + gifts.len() < clauses.len() {
                why.push(if why.is_empty() {
                    "every clause it may change is already where it would take it".into()
                } else {
                    "every other clause it may change is already where it would take it".into()
                });
            }
            why.join(", and ")
        }
        TargetKind::Negotiator if s.negotiators.iter().all(|&q| q == me) => {
            "there is no other negotiator to aim it at".into()
        }
        _ => format!(
            "its conditions hold for no party it could aim at this {}",
            s.turn.one
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{geneva, tutorial, wander};

    /// A move that changes the chance of war rolled at the week's end says both chances: with
    /// it, the chance on the tension the prediction leaves (what the outcome check rolls on),
    /// and without it, that of the week with no move.
    #[test]
    fn a_move_says_the_chance_of_war_it_leaves() {
        let s = geneva();
        let mut scratch = Scratch::default();
        // The chance the outcome check rolls at the week's end: certain at war outright, none
        // where a deal or a collapse settles the game first.
        let rolled = |st: &Negotiation| rules::score::war_at_end(&s, st);
        let mut said = 0;
        for seed in 0..40 {
            let mut st = wander(&s, seed, (seed % 6) as u32);
            st.tension = 58.0 + (seed % 9) as f64 * 3.0;
            let next = rules::opened(&st);
            let idle = rolled(rules::predict_idle(&s, &next, &mut scratch));
            for &me in &s.negotiators {
                let choices = rules::legal_choices(&s, &next, me);
                for (c, p) in choices.iter().zip(previews(&s, &st, me, &choices)) {
                    let after = rolled(rules::predict(
                        &s,
                        &next,
                        &Act::of_move(me, *c),
                        &mut scratch,
                    ));
                    let both = idle.zip(after);
                    let apart = both
                        .filter(|&(a, b)| rules::describe::chance(a) != rules::describe::chance(b));
                    assert_eq!(p.war, apart);
                    if let Some((without, with)) = p.war {
                        let line = format!(
                            "the chance of war at the week's end {} with this move, {} without it",
                            rules::describe::chance(with),
                            rules::describe::chance(without)
                        );
                        assert!(p.lines(&s).iter().any(|l| l.starts_with(&line)), "{line}");
                        said += 1;
                    }
                }
            }
        }
        assert!(said > 20, "{said}");
    }

    /// A move that wins over another side that would not sign as the turn opens says that
    /// whether it accepts this turn it chose as the turn opened, and it did: played beside the
    /// same game without the move, Iran chooses the same move. A move that keeps a side's yes,
    /// or wins over the mover itself, does not say so.
    #[test]
    fn winning_a_side_over_says_it_chose_as_the_week_opened() {
        use crate::sim::{Game, seats};
        let s = geneva();
        let id = |x: &str| s.parties.iter().position(|p| p.id == x).unwrap();
        let (iran, us) = (id("iran"), id("united_states"));
        let said = "whether it accepts this week, it chose as the week opened, as every side \
                    chooses its move";
        let (mut told, mut kept) = (0, 0);
        for seed in 0..30 {
            let game = || Game::new(s.clone(), seed, &seats(&s, &[us], &[])).quiet();
            let (mut with, mut without) = (game(), game());
            while with.outcome().is_none() {
                let choices = with.legal(us);
                let previews = previews(&s, with.state(), us, &choices);
                let mut wins = None;
                for (c, p) in choices.iter().zip(&previews) {
                    let lines = p.lines(&s);
                    for &(q, now, yes) in &p.signs {
                        let name = if q == us { "you" } else { &s.parties[q].name };
                        let line = (lines.iter())
                            .find(|l| l.starts_with(&format!("{name} would ")))
                            .expect("the answer it turns is said");
                        let over = yes && !now && q != us && !p.last;
                        assert_eq!(line.ends_with(said), over, "{line}");
                        kept += usize::from(yes && !over);
                        if over && q == iran && wins.is_none() {
                            wins = Some(*c);
                        }
                    }
                }
                if let Some(c) = wins {
                    told += 1;
                    with.order(us, c);
                }
                if !(with.step() && without.step()) {
                    break;
                }
                let chose = |g: &Game| (g.decisions().moves.iter()).find(|m| m.0 == iran).copied();
                assert_eq!(chose(&with), chose(&without), "seed {seed}");
                if wins.is_some() {
                    // The two games part ways here.
                    break;
                }
            }
        }
        assert!(told > 0 && kept > 0, "{told} {kept}");
    }

    /// A whole text drawn up on an estimate of the other side's priorities says so, and names
    /// the move that shows them; once they are known it does not.
    #[test]
    fn a_whole_text_drawn_on_an_estimate_says_so() {
        let s = geneva();
        let id = |x: &str| s.parties.iter().position(|p| p.id == x).unwrap();
        let (iran, us) = (id("iran"), id("united_states"));
        let table = (s.moves.iter())
            .position(|m| m.effects.contains(&Effect::Offer))
            .unwrap();
        let c = Choice {
            mv: table,
            party: None,
            issue: None,
        };
        let mut st = Negotiation::start(&s);
        let line = |st: &Negotiation| {
            let p = previews(&s, st, us, &[c]).remove(0);
            assert_eq!(p.whole_text, Some(true));
            (p.lines(&s).into_iter())
                .find(|l| l.starts_with("what it gives Iran is drawn up on your estimate"))
                .map(|l| (p.guessed, l))
        };
        let (guessed, said) = line(&st).expect("an estimate, said");
        assert_eq!(guessed, vec![iran]);
        assert!(said.ends_with(": “Back channel through Oman” first shows what it really wants"));
        st.parties[us].revealed |= 1 << iran;
        assert_eq!(line(&st), None);
    }

    /// The end of the game tells the United States what Iran, whose priorities it never
    /// learned, cared about most, each beside the weight it had read; once revealed there is
    /// nothing left to tell. The mediator hears of both negotiators.
    #[test]
    fn the_end_tells_what_the_other_side_hid_beside_what_was_read() {
        let s = geneva();
        let id = |x: &str| s.parties.iter().position(|p| p.id == x).unwrap();
        let (iran, us) = (id("iran"), id("united_states"));
        let mut st = wander(&s, 3, 6);
        st.parties[us].revealed = 0;
        let lines = revealed_priorities(&s, &st, us);
        assert_eq!(lines.len(), 1, "{lines:?}");
        let w = &s.parties[iran].prefs;
        let top = (0..w.len())
            .max_by(|&a, &b| w[a].weight.total_cmp(&w[b].weight).then(b.cmp(&a)))
            .unwrap();
        let read = rules::bargain::believed_weights(&s, &st, us, iran)[top];
        let first = format!(
            "What Iran cared about most, hidden until now: {} {:.0}\u{a0}% (you read {:.0}\u{a0}%)",
            s.issues[top].name,
            100.0 * w[top].weight,
            100.0 * read
        );
        assert!(lines[0].starts_with(&first), "{} / {first}", lines[0]);
        assert!(lines[0].matches("(you read").count() >= 2, "{}", lines[0]);
        st.parties[us].revealed |= 1 << iran;
        assert!(revealed_priorities(&s, &st, us).is_empty());
        // The mediator is told of both negotiators, each a line.
        let oman = id("oman");
        st.parties[oman].revealed = 0;
        let both = revealed_priorities(&s, &st, oman);
        assert!(
            both.len() == 2 && both[1].starts_with("What United States cared about most"),
            "{both:?}"
        );
    }

    /// The advisers count only the events a move's card marks: a move whose score counts events
    /// of the turn after ([`crate::ai::Scored::foreseen`]) lets one come or keeps one away in
    /// its preview, or ends the game (keeping every event away); the note under its score gives
    /// that share where it shows; and a mediator's move that lets in only events bad for the
    /// talks, and keeps none away, costs the mediator.
    #[test]
    fn the_advisers_count_the_events_the_card_marks() {
        let s = geneva();
        let (mut counted, mut risked) = (0, 0);
        for seed in 0..30 {
            let st = wander(&s, seed, (seed % 11) as u32);
            if rules::score::settled(&s, &st).is_some() {
                continue;
            }
            for p in (0..s.parties.len()).filter(|&p| s.parties[p].role.playable()) {
                let all = crate::sim::options(&s, &st, p, &[]);
                let choices: Vec<Choice> = all.iter().map(|m| m.choice).collect();
                for (sc, pv) in all.iter().zip(previews(&s, &st, p, &choices)) {
                    let next = rules::opened(&st);
                    let mut scratch = Scratch::default();
                    let after =
                        rules::predict(&s, &next, &Act::of_move(p, sc.choice), &mut scratch);
                    let ends = rules::score::settled(&s, after).is_some();
                    let marked = !pv.opens.is_empty() || !pv.shuts.is_empty() || ends;
                    if sc.foreseen.abs() > 1e-12 {
                        assert!(marked, "seed {seed}: {sc:?}");
                        counted += 1;
                    }
                    let note = foreseen_note(&s, sc);
                    assert_eq!(note.is_some(), sc.foreseen.abs() >= 0.0005, "{sc:?}");
                    let bad = (pv.opens.iter()).all(|&e| event_tone(&s, e) == Some(false));
                    let lets = !pv.opens.is_empty() && pv.shuts.is_empty() && !ends;
                    if s.parties[p].role == Role::Mediator && bad && lets {
                        assert!(sc.foreseen <= 0.0, "seed {seed}: {sc:?}");
                        risked += usize::from(sc.foreseen < 0.0);
                    }
                }
            }
        }
        assert!(counted > 20 && risked > 3, "{counted} {risked}");
    }

    /// A card's figure is whole, but keeps the sign of a change under one point to a tenth.
    #[test]
    fn a_card_figure_keeps_the_sign_of_a_small_change() {
        let cases = [
            (-0.4, "-0.4"),
            (0.3, "+0.3"),
            (0.04, "+0"),
            (-0.04, "+0"),
            (0.0, "+0"),
            (-0.96, "-1"),
            (2.4, "+2"),
            (-12.6, "-13"),
        ];
        for (x, shown) in cases {
            assert_eq!(card_figure(x), shown, "{x}");
        }
    }

    /// A move's score in all is read against a week with no move and against the highest of
    /// the player's moves: the highest says so, every other names it with its score.
    #[test]
    fn a_moves_score_names_the_highest_of_the_moves() {
        let s = geneva();
        let mut read = 0;
        for seed in 0..6 {
            let st = wander(&s, seed, seed as u32);
            if rules::score::settled(&s, &st).is_some() {
                continue;
            }
            for &p in &s.negotiators {
                let all = crate::sim::options(&s, &st, p, &[]);
                read += all.len();
                let top = (all.iter()).fold(f64::NEG_INFINITY, |m, sc| m.max(sc.score));
                let (highest, others): (Vec<_>, Vec<_>) = (all.iter())
                    .map(|sc| (sc, in_all_context(&s, sc, &all)))
                    .partition(|(_, c)| c.contains("the highest of your"));
                assert_eq!(highest.len(), 1, "seed {seed}: {highest:?}");
                assert_eq!(highest[0].0.score, top);
                assert!(highest[0].1.starts_with("a week with no move scores 0; "));
                let named = format!(
                    ": {} {:+.3}",
                    crate::ai::choice_label(&s, &highest[0].0.choice),
                    top
                );
                assert!(
                    others.iter().all(|(_, c)| c.ends_with(&named)),
                    "{others:?}"
                );
                assert_eq!(others.len() + 1, all.len());
            }
        }
        assert!(read > 100, "{read}");
        let one = &crate::sim::options(&s, &Negotiation::start(&s), 0, &[])[..1];
        assert_eq!(
            in_all_context(&s, &one[0], one),
            "a week with no move scores 0"
        );
    }

    /// Where a quiet week takes a trust reads as the screens show that trust: to a tenth near
    /// the level a condition reads for a regional state's (its guarantees open above 55), near
    /// what signing needs between the negotiators.
    #[test]
    fn a_quiet_weeks_trust_reads_as_the_trust_itself() {
        let s = geneva();
        let id = |p: &str| s.party_ix(p).unwrap();
        let (iran, us, qatar) = (id("iran"), id("united_states"), id("qatar"));
        let week = &s.turn.one;
        assert_eq!(
            quiet_words(&s, (qatar, iran), 56.0, 54.75).as_deref(),
            Some(format!("54.7 after a quiet {week}").as_str())
        );
        assert_eq!(
            quiet_words(&s, (us, iran), 56.0, 54.75).as_deref(),
            Some(format!("54 after a quiet {week}").as_str())
        );
        assert_eq!(
            quiet_words(&s, (us, iran), 43.0, 41.95).as_deref(),
            Some(format!("41.9 after a quiet {week}").as_str())
        );
        assert_eq!(quiet_words(&s, (qatar, iran), 54.75, 54.71), None);
    }

    /// A slower way to trust: Iran's courting raises the regional states' trust in it, above
    /// whose level they may guarantee a deal and so raise Iran's trust in the United States;
    /// a state that trusts Iran above that level already is told apart (its way is open), and
    /// the United States, whose trust in Iran no such move raises, is told of none.
    #[test]
    fn the_slower_ways_to_trust_name_the_chain_to_a_guarantee() {
        let s = geneva();
        let (iran, us, qatar) = (
            s.party_ix("iran").unwrap(),
            s.party_ix("united_states").unwrap(),
            s.party_ix("qatar").unwrap(),
        );
        let gulf = s.party_ix("gulf_states").unwrap();
        let paths = |st: &Negotiation, me: PartyIx, q: PartyIx| {
            let choices = rules::legal_choices(&s, &rules::opened(st), me);
            let previews = previews(&s, st, me, &choices);
            trust_paths(&s, &rules::opened(st), me, q, &choices, &previews, true)
        };
        let mut st = Negotiation::start(&s);
        let ways = paths(&st, iran, us);
        assert_eq!(ways.len(), 1, "{ways:?}");
        let (q, g) = (&s.parties[qatar].name, &s.parties[gulf].name);
        for said in [
            "Court the Gulf states",
            q.as_str(),
            g.as_str(),
            "above 55",
            "agreement above 60",
            "Offer regional guarantees",
            "your trust in United States +4 each time it is played",
        ] {
            assert!(ways[0].contains(said), "{said}: {}", ways[0]);
        }
        assert!(paths(&st, us, iran).is_empty());
        // The card of the move that courts them says it, and its hover gives the way whole;
        // no other move's card does, nor any of the United States'.
        let marks = |st: &Negotiation, me: PartyIx| {
            let choices = rules::legal_choices(&s, &rules::opened(st), me);
            let previews = previews(&s, st, me, &choices);
            (choices.iter().zip(&previews))
                .filter_map(|(c, p)| Some((c.mv, way_mark(&s, st, me, c, p)?)))
                .collect::<Vec<_>>()
        };
        let court = s.move_ix("court_gulf").unwrap();
        let marked = marks(&st, iran);
        assert_eq!(marked.len(), 1, "{marked:?}");
        let (mv, (mark, lines)) = &marked[0];
        assert_eq!(*mv, court);
        assert_eq!(mark, "a slower way to trust in United States");
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(
            lines[0].starts_with("A slower way to your trust in United States: Court the Gulf")
                && lines[0].contains("Offer regional guarantees"),
            "{}",
            lines[0]
        );
        assert!(marks(&st, us).is_empty());
        // None in the last week, when no week follows for the guarantee; none where Iran's
        // trust in the United States is what signing needs already.
        let mut last = st.clone();
        last.week = s.weeks - 1;
        assert!(marks(&last, iran).is_empty());
        last.week = s.weeks - 2;
        assert_eq!(marks(&last, iran).len(), 1);
        let mut trusting = st.clone();
        trusting.trust.push(rules::TrustMod {
            from: iran,
            to: us,
            source: rules::Source::Drift,
            value: s.rules.min_trust - trusting.trust(iran, us),
            decay: 0.0,
            born: 0,
        });
        assert!(marks(&trusting, iran).is_empty());
        st.trust.push(rules::TrustMod {
            from: qatar,
            to: iran,
            source: rules::Source::Drift,
            value: 30.0,
            decay: 0.0,
            born: 0,
        });
        let ways = paths(&st, iran, us);
        assert_eq!(ways.len(), 2, "{ways:?}");
        let (open, shut): (Vec<&String>, Vec<&String>) =
            ways.iter().partition(|w| w.contains("already"));
        assert_eq!((open.len(), shut.len()), (1, 1), "{ways:?}");
        assert!(
            open[0].starts_with(&format!("{q} trusts you above 55 already")),
            "{}",
            open[0]
        );
        assert!(
            !shut[0].contains(q.as_str()) && shut[0].contains(g.as_str()),
            "{}",
            shut[0]
        );
        // The card gives the way still shut (the Gulf states'), not the one open already.
        let marked = marks(&st, iran);
        assert_eq!(marked.len(), 1, "{marked:?}");
        let lines = &marked[0].1.1;
        assert!(
            lines.len() == 1 && lines[0].contains(g.as_str()) && !lines[0].contains("already"),
            "{lines:?}"
        );
        // Far above the level, the fading does not shut it this turn: nothing said of it.
        assert!(!open[0].contains("no longer above"), "{}", open[0]);
        // Just above it, with a modifier that fades below it by the turn's end: said so.
        let mut edge = st.clone();
        let over = 55.5 - edge.trust(qatar, iran);
        edge.trust.push(rules::TrustMod {
            from: qatar,
            to: iran,
            source: rules::Source::Drift,
            value: over,
            decay: 0.0,
            born: 0,
        });
        edge.trust.push(rules::TrustMod {
            from: qatar,
            to: iran,
            source: rules::Source::Drift,
            value: 1.0,
            decay: 1.0,
            born: 0,
        });
        edge.trust.push(rules::TrustMod {
            from: qatar,
            to: iran,
            source: rules::Source::Drift,
            value: -1.0,
            decay: 0.0,
            born: 0,
        });
        let ways = paths(&edge, iran, us);
        let open = ways.iter().find(|w| w.contains("already")).expect("open");
        assert!(
            open.contains(&format!("(55.5 now; {q} 54"))
                && open.contains("after a quiet week, no longer above it"),
            "{open}"
        );
        // With no move of the player's that raises the others' trust, only the open way is told.
        let note = own_trust_note(&s, &rules::opened(&st), iran, us, &[], &[], false);
        assert!(
            note.contains(THROUGH_OTHERS) && note.contains("already"),
            "{note}"
        );
        assert!(!note.contains(g.as_str()), "{note}");
        // A way gated by the trust alone names no other condition (it read "with , Qatar").
        let mut bare = (*s).clone();
        for m in bare
            .moves
            .iter_mut()
            .filter(|m| m.id == "regional_guarantee")
        {
            m.conditions
                .retain(|c| matches!(c, crate::scenario::Condition::TrustAbove(..)));
        }
        let st = Negotiation::start(&bare);
        let choices = rules::legal_choices(&bare, &rules::opened(&st), iran);
        let previews = previews(&bare, &st, iran, &choices);
        let ways = trust_paths(
            &bare,
            &rules::opened(&st),
            iran,
            us,
            &choices,
            &previews,
            true,
        );
        assert!(!ways.is_empty());
        for w in &ways {
            assert!(
                !w.contains("with") && w.contains("above 55, either may play"),
                "{w}"
            );
        }
        // A move aimed at a party reads its effects and conditions with that party: a guarantee
        // offered to a negotiator the state trusts, which raises that one's trust in the United
        // States, is told as played on the player.
        let mut aimed = (*s).clone();
        for m in aimed
            .moves
            .iter_mut()
            .filter(|m| m.id == "regional_guarantee")
        {
            use crate::scenario::{Condition, Subject};
            m.target = TargetKind::Negotiator;
            m.conditions = vec![Condition::TrustAbove(Subject::Actor, Subject::Target, 55.0)];
            m.effects = vec![Effect::Trust(Subject::Target, Subject::Party(us), 4.0, 0.5)];
        }
        let st = Negotiation::start(&aimed);
        let choices = rules::legal_choices(&aimed, &rules::opened(&st), iran);
        let shown = super::previews(&aimed, &st, iran, &choices);
        let ways = trust_paths(
            &aimed,
            &rules::opened(&st),
            iran,
            us,
            &choices,
            &shown,
            true,
        );
        assert_eq!(ways.len(), 1, "{ways:?}");
        assert!(
            ways[0].contains("Offer regional guarantees on you: your trust in United States +4"),
            "{}",
            ways[0]
        );
    }

    /// A move that meets an event's conditions by the week's end says it lets the event come the
    /// week after, as the draw itself would then judge (`Deck::may_come`): Iran's opening text
    /// raises agreement above 40, and the Israeli strike may come. The deck's cooldowns leave out
    /// an event that could not come then anyway; a move that meets no new condition says none.
    #[test]
    fn a_move_says_which_events_it_lets_come_next_week() {
        let s = geneva();
        let iran = s.party_ix("iran").unwrap();
        let strike = s
            .events
            .iter()
            .position(|e| e.id == "israeli_strike")
            .unwrap();
        let st = Negotiation::start(&s);
        let text = Choice {
            mv: s.move_ix("table_text").unwrap(),
            party: None,
            issue: None,
        };
        let talk = Choice {
            mv: s.move_ix("conciliatory").unwrap(),
            party: None,
            issue: None,
        };
        let p = previews(&s, &st, iran, &[text, talk]);
        assert!(p[0].opens.contains(&strike), "{:?}", p[0].opens);
        assert!(p[1].opens.is_empty() && p[1].shuts.is_empty(), "{:?}", p[1]);
        let [risks, rest] = events_marks(&s, &p[0]);
        assert_eq!(
            risks.as_deref(),
            Some("risks Israeli strike on an Iranian nuclear facility next week")
        );
        assert_eq!(rest, None);
        assert!(
            p[0].lines(&s)
                .iter()
                .any(|l| l.starts_with("meets the conditions of Israeli strike")
                    && l.contains("; it brings tension +16")),
            "{:?}",
            p[0].lines(&s)
        );
        // The draw would judge so: after the move alone, the strike may come the week after
        // (a fresh deck), and after the week with no move it may not.
        let deck = crate::sim::Deck {
            cooldown: vec![0; s.events.len()],
            fired: vec![false; s.events.len()],
        };
        let mut scratch = Scratch::default();
        let after = rules::opened(rules::predict(
            &s,
            &rules::opened(&st),
            &Act::of_move(iran, text),
            &mut scratch,
        ));
        assert_eq!(
            deck.may_come(&s, &after, strike),
            crate::sim::Coming::ByChance
        );
        let idle = rules::opened(rules::predict_idle(&s, &rules::opened(&st), &mut scratch));
        assert_eq!(deck.may_come(&s, &idle, strike), crate::sim::Coming::No);
        // An event good for the talks that a move keeps away is one it forgoes; a bad one it
        // keeps from coming.
        let good = (0..s.events.len())
            .find(|&e| event_tone(&s, e) == Some(true))
            .unwrap();
        let shut = |e: usize| {
            let [risks, rest] = events_marks(
                &s,
                &Preview {
                    shuts: vec![e],
                    ..Preview::default()
                },
            );
            assert_eq!(risks, None);
            rest
        };
        let said = shut(good).unwrap();
        assert!(
            said.starts_with("forgoes ") && said.ends_with(" next week"),
            "{said}"
        );
        let said = shut(strike).unwrap();
        assert!(
            said.starts_with("keeps Israeli strike") && said.ends_with("from coming next week"),
            "{said}"
        );
        // In the last week there is no next one: nothing said.
        let mut late = st.clone();
        late.week = s.weeks - 1;
        let p_late = previews(&s, &late, iran, &[text]);
        assert!(
            p_late[0].last && p_late[0].opens.is_empty(),
            "{:?}",
            p_late[0].opens
        );
        // On a cooldown through next week, it is left out.
        let mut live = vec![true; s.events.len()];
        live[strike] = false;
        let mut kept = p[0].clone();
        kept.keep_live(&live);
        assert!(!kept.opens.contains(&strike));
        // The deck: the coming week opens it once and the next once more, so a cooldown of 2
        // is over by next week and one of 3 is not; a `once` event that has come never comes
        // again; a scheduled one comes on its week whatever the deck says.
        let mut deck = crate::sim::Deck {
            cooldown: vec![0; s.events.len()],
            fired: vec![false; s.events.len()],
        };
        deck.cooldown[strike] = 2;
        assert!(crate::sim::live_after(&s, &deck)[strike]);
        deck.cooldown[strike] = 3;
        assert!(!crate::sim::live_after(&s, &deck)[strike]);
        let once = s
            .events
            .iter()
            .position(|e| e.once)
            .expect("a once-only event");
        deck.fired[once] = true;
        assert!(!crate::sim::live_after(&s, &deck)[once]);
    }

    /// The signing card's note on who moves after the player leaves out a side the AI plays
    /// that stands by its acceptance of a text it would sign (it changes nothing that turn), and
    /// names it where a person plays it.
    #[test]
    fn the_card_leaves_out_a_side_the_ai_plays_that_stands_by_its_acceptance() {
        let s = geneva();
        let (iran, us) = (
            s.party_ix("iran").unwrap(),
            s.party_ix("united_states").unwrap(),
        );
        let mut seen = 0;
        for seed in 0..300 {
            let mut st = wander(&s, seed, (seed % 13) as u32);
            let next = rules::opened(&st);
            let order = rules::move_order(&s, next.week);
            let after = |a: PartyIx, b: PartyIx| {
                order.iter().position(|&q| q == a) < order.iter().position(|&q| q == b)
            };
            if !next.parties[us].present
                || !after(iran, us)
                || !rules::stand(&s, &next, us).would_sign(s.rules.min_trust)
            {
                continue;
            }
            st.parties[us].accepted = true;
            assert!(crate::ai::leaves_text(&s, &rules::opened(&st), us));
            let person = accept_order_note(&s, &st, iran, &[]).unwrap_or_default();
            let ai = accept_order_note(&s, &st, iran, &[us]).unwrap_or_default();
            assert!(person.contains("A change by United States"), "{person}");
            assert!(!ai.contains("United States"), "{ai}");
            seen += 1;
        }
        assert!(seen > 0);
    }

    /// The parties whose hardliners' support a condition reads: Israel's (its strike and its
    /// sabotage need it high), not Oman's or Qatar's.
    #[test]
    fn the_hardliners_a_condition_reads_are_known() {
        let s = geneva();
        let ix = |id: &str| s.party_ix(id).unwrap();
        assert!(hardliners_read(&s, ix("israel")));
        assert!(!hardliners_read(&s, ix("oman")));
        assert!(!hardliners_read(&s, ix("qatar")));
    }

    /// A scheduled event is told too: in Vienna, Amano's visit writes the roadmap into the text
    /// on 2 July (week 6) unless the past is settled by then; a move in week 5 that puts the
    /// clause in the text keeps it from coming, and one that does not says nothing of it.
    #[test]
    fn a_move_says_which_scheduled_event_it_keeps_from_coming() {
        let s = crate::testkit::vienna();
        let amano = s
            .events
            .iter()
            .position(|e| e.id == "amano_tehran")
            .unwrap();
        let past = s.issue_ix("past_work").unwrap();
        let at = s.events[amano].at.unwrap();
        let mut st = Negotiation::start(&s);
        st.week = at - 2;
        st.draft.levels[past] = None;
        let (mut shut, mut quiet) = (0, 0);
        for &me in &s.negotiators {
            let choices = rules::legal_choices(&s, &rules::opened(&st), me);
            for (c, p) in choices.iter().zip(previews(&s, &st, me, &choices)) {
                assert!(
                    p.opens.is_empty() || p.opens != vec![amano],
                    "{:?}",
                    p.opens
                );
                let writes = p
                    .clauses
                    .iter()
                    .any(|&(i, _, to)| i == past && to.is_some());
                assert_eq!(p.shuts.contains(&amano), writes, "{c:?}: {:?}", p.shuts);
                shut += usize::from(writes);
                quiet += usize::from(!writes);
            }
        }
        assert!(shut > 0 && quiet > 0, "{shut} {quiet}");
    }

    /// How the AI returns goodwill is told of a negotiator it plays, and is what its choices do:
    /// each move named is open to it this week and raises the player's trust in it, and each
    /// scores better in its temperament as its trust in the player rises. Not told once more
    /// trust would change nothing (its hawkishness at 0), nor while it is away from the table.
    #[test]
    fn the_goodwill_the_ai_returns_is_named_and_is_how_it_scores() {
        let s = geneva();
        let (iran, us) = (
            s.party_ix("iran").unwrap(),
            s.party_ix("united_states").unwrap(),
        );
        let warmer = |st: &Negotiation, by: f64| {
            let mut w = st.clone();
            w.trust.push(rules::TrustMod {
                from: iran,
                to: us,
                source: rules::Source::Drift,
                value: by,
                decay: 0.0,
                born: 0,
            });
            w
        };
        let (mut checked, mut told) = (0, 0);
        for seed in 0..40 {
            let st = rules::opened(&wander(&s, seed, (seed % 9) as u32));
            let Some(note) = goodwill_note(&s, &st, us, iran) else {
                continue;
            };
            told += 1;
            assert!(st.parties[iran].present, "{note}");
            assert!(crate::ai::hawkishness(&s, &st, iran) > 0.0, "{note}");
            let now = crate::rules::describe::trust_plain(&s, st.trust(iran, us));
            assert!(
                note.starts_with("Iran returns goodwill: the more it trusts you (")
                    && note.contains(&format!("({now} now)")),
                "{note}"
            );
            // Each move named is open to Iran (on the United States, where it takes a party)
            // and raises the United States' trust in Iran.
            let named: Vec<usize> = (0..s.moves.len())
                .filter(|&mi| note.contains(s.moves[mi].name.as_str()))
                .collect();
            assert!(!named.is_empty(), "{note}");
            let warm = warmer(&st, 15.0);
            let legal = rules::legal_choices(&s, &st, iran);
            for &mi in &named {
                let c = *(legal.iter())
                    .filter(|c| c.mv == mi)
                    .find(|c| c.party.is_none_or(|t| t == us))
                    .unwrap_or_else(|| panic!("{} is not open: {note}", s.moves[mi].name));
                let raised = previews(&s, &st, iran, &[c])[0]
                    .trust
                    .iter()
                    .any(|t| t.0 == us && t.1 > 0.0);
                assert!(raised, "{} raises no trust in Iran", s.moves[mi].name);
                let cold = crate::ai::Planner::new(&s, &st).score_one(iran, c);
                let hot = crate::ai::Planner::new(&s, &warm).score_one(iran, c);
                assert!(
                    hot.parts[5] > cold.parts[5] + 1e-9,
                    "seed {seed}: {} {} -> {}",
                    s.moves[mi].name,
                    cold.parts[5],
                    hot.parts[5]
                );
                checked += 1;
            }
        }
        assert!(told > 10 && checked > 20, "{told} {checked}");
        let st = rules::opened(&Negotiation::start(&s));
        assert!(goodwill_note(&s, &st, us, iran).is_some());
        // Once Iran trusts the United States enough to be as conciliatory as it gets, more
        // trust changes nothing: not told.
        let trusting = warmer(&st, 60.0);
        assert_eq!(crate::ai::hawkishness(&s, &trusting, iran), 0.0);
        assert_eq!(goodwill_note(&s, &trusting, us, iran), None);
        // Away from the table, it plays none of them.
        let mut away = st.clone();
        away.parties[iran].present = false;
        assert_eq!(goodwill_note(&s, &away, us, iran), None);
        // Told only where the AI plays the party, and never in a scenario without reciprocity.
        let told = |ai: bool| own_trust_note(&s, &st, us, iran, &[], &[], ai);
        assert!(told(true).contains("returns goodwill"), "{}", told(true));
        assert!(!told(false).contains("returns goodwill"), "{}", told(false));
        let mut even = (*s).clone();
        even.ai.reciprocity = 0.0;
        assert_eq!(goodwill_note(&even, &st, us, iran), None);
    }

    /// An event is good news when it calms or builds trust and bad when it stirs, cuts trust or
    /// can end the talks; the news of an event names it, so the window can tell them apart.
    #[test]
    fn events_are_told_as_good_news_or_bad() {
        let s = geneva();
        let ev = |id: &str| s.events.iter().position(|e| e.id == id).unwrap();
        assert_eq!(event_tone(&s, ev("israeli_strike")), Some(false));
        assert_eq!(event_tone(&s, ev("regional_restraint")), Some(true));
        assert_eq!(event_tone(&s, ev("kushner_engagement")), Some(true));
        assert_eq!(event_tone(&s, s.events.len()), None);
        let (mut good, mut bad) = (0, 0);
        for seed in 0..6 {
            let mut g = crate::sim::Game::new(s.clone(), seed, &crate::sim::seat(&s, None, &[]));
            while g.outcome().is_none() && g.step() {}
            for n in g.news() {
                let told = n.kind == crate::sim::NewsKind::Event;
                assert_eq!(n.event.is_some(), told, "{}", n.text);
                if let Some(e) = n.event {
                    assert!(n.text.ends_with(&s.events[e].headline), "{}", n.text);
                    good += usize::from(event_tone(&s, e) == Some(true));
                    bad += usize::from(event_tone(&s, e) == Some(false));
                }
            }
        }
        assert!(good > 0 && bad > 0, "{good} good, {bad} bad");
    }

    /// The hardliners' note gives the party's share of support in them, the backing a
    /// concession needs, and, where the reader knows the walk-away value, which way and by how
    /// much ten points move it: the walk-away value itself moves so.
    /// The mediator reads how balanced the text is once it knows what every negotiator can get
    /// without a deal: the share of the most balanced text's Nash product the text reaches (its
    /// deal quality, as the review scores it) and each clause where that text differs; before
    /// then, whose walk-away it lacks and the move that shows it. Nobody else reads it.
    #[test]
    fn the_mediator_reads_how_balanced_the_text_is() {
        let s = geneva();
        let oman = s.party_ix("oman").unwrap();
        let (mut shown, mut hidden, mut marked) = (0, 0, 0);
        for seed in 0..30 {
            let mut st = crate::testkit::wander(&s, seed, (seed % 8) as u32);
            if rules::score::settled(&s, &st).is_some() {
                continue;
            }
            for p in (0..s.parties.len()).filter(|&p| p != oman) {
                assert_eq!(balance_note(&s, &st, p), None);
            }
            let unknown = (s.negotiators.iter()).any(|&q| !bargain::knows(&s, &st, oman, q));
            if unknown {
                let note = balance_note(&s, &st, oman).expect("a note");
                assert!(note.contains("Carry assurances to"), "{note}");
                hidden += 1;
            }
            for &q in &s.negotiators {
                st.parties[oman].revealed |= 1 << q;
            }
            let r = rules::score::review(&s, &st, oman);
            let Some(nash) = &r.nash else { continue };
            let note = balance_note(&s, &st, oman).expect("a note");
            let pct = format!("{:.0}\u{a0}% of the most balanced", 100.0 * r.balance);
            assert!(note.contains(&pct), "{note}");
            assert_eq!(r.quality, r.balance);
            for (i, issue) in s.issues.iter().enumerate() {
                let named = format!("{} ({})", issue.name, issue.level_name(nash.levels[i]));
                assert_eq!(
                    note.contains(&named),
                    st.draft.levels[i] != nash.levels[i],
                    "{note}"
                );
            }
            shown += 1;
            // Each move of Oman's that changes the text says where it takes the balance: the
            // review of the week it leaves, taken alone.
            let mut scratch = Scratch::default();
            let choices = rules::legal_choices(&s, &rules::opened(&st), oman);
            let marks = balance_marks(&s, &st, oman, &choices);
            for (c, mark) in choices.into_iter().zip(marks) {
                if !s.derived.moves[c.mv].redrafts {
                    assert_eq!(mark, None);
                    continue;
                }
                let opened = rules::opened(&st);
                let after = rules::predict(&s, &opened, &Act::of_move(oman, c), &mut scratch);
                let then = rules::score::review(&s, after, oman).balance;
                let (now, then) = (
                    format!("{:.0}", 100.0 * r.balance),
                    format!("{:.0}", 100.0 * then),
                );
                match &mark {
                    Some(m) => assert_eq!(m, &format!("balance {now} → {then}\u{a0}%")),
                    None => assert_eq!(now, then),
                }
                marked += usize::from(mark.is_some());
            }
        }
        assert!(
            shown > 0 && hidden > 0 && marked > 0,
            "{shown} {hidden} {marked}"
        );
    }

    #[test]
    fn the_hardliners_note_says_what_the_figure_does() {
        let s = geneva();
        let st = rules::opened(&Negotiation::start(&s));
        let mut told = 0;
        for p in 0..s.parties.len() {
            for me in (0..s.parties.len()).map(Some).chain([None]) {
                let note = hardliners_note(&s, &st, p, me);
                let party = &s.parties[p];
                let share = format!("{:.0}\u{a0}%", 100.0 * party.domestic.hardliners.share);
                assert!(note.contains(&share), "{note}");
                // Whose figure it is, first.
                let head = match me == Some(p) {
                    true => format!("Your hardliners ({}): ", party.name),
                    false => format!("{} hardliners: ", possessive(&party.name)),
                };
                assert!(note.starts_with(&head), "{note}");
                let floor = party.domestic.concession_floor;
                assert_eq!(
                    note.contains("a concession needs them at"),
                    floor > 0.0,
                    "{note}"
                );
                let knows = me.is_none_or(|m| bargain::knows(&s, &st, m, p));
                let r = &party.reservation;
                let moves = party.role == Role::Negotiator && r.hardliners != 0.0;
                assert_eq!(
                    note.contains("walk-away value by"),
                    moves && knows,
                    "{note}"
                );
                if moves && knows {
                    told += 1;
                    // Ten points more, away from the clamps, move it by the figure the note gives.
                    let d = r.at(50.0, 55.0) - r.at(50.0, 45.0);
                    let way = if d > 0.0 { "raises" } else { "lowers" };
                    let said = format!(
                        "{way} {} walk-away value by {:.3}",
                        match me == Some(p) {
                            true => "your".to_string(),
                            false => possessive(&party.name),
                        },
                        d.abs()
                    );
                    assert!(note.contains(&said), "{note} / {said}");
                }
            }
        }
        assert!(told > 0);
        let iran = s.party_ix("iran").unwrap();
        let us = s.party_ix("united_states").unwrap();
        assert!(
            s.parties[us].hidden_preferences,
            "the test reads a hidden walk-away value"
        );
        assert!(!hardliners_note(&s, &st, us, Some(iran)).contains("walk-away"));
    }

    /// The preview of a move that tables a whole text, and only of one, says the text is the
    /// one tabled whatever comes before it; one that would change no clause says that too.
    #[test]
    fn a_whole_texts_preview_says_it_is_the_text_tabled() {
        let s = geneva();
        let (mut whole, mut idle) = (0, 0);
        for seed in 0..30 {
            let st = wander(&s, seed, (seed % 12) as u32);
            for &me in &s.negotiators {
                let choices = rules::legal_choices(&s, &rules::opened(&st), me);
                for (c, p) in choices.iter().zip(previews(&s, &st, me, &choices)) {
                    let offers = s.moves[c.mv].effects.contains(&Effect::Offer);
                    let lines = p.lines(&s);
                    let said = lines
                        .iter()
                        .any(|l| l.contains("you table this text whatever"));
                    let drawn =
                        offers && rules::bargain::drawn_text(&s, &rules::opened(&st), me).is_some();
                    assert_eq!(said, drawn, "{}", s.moves[c.mv].id);
                    assert_eq!(p.whole_text, offers.then_some(drawn));
                    whole += usize::from(offers);
                    // One that changes nothing says so (a tester saw only "A +0.0 U+0.000").
                    let none = lines.iter().any(|l| l.starts_with("changes no clause"));
                    assert_eq!(none, offers && p.clauses.is_empty(), "{lines:?}");
                    idle += usize::from(none);
                }
            }
        }
        assert!(
            whole > 0 && idle > 0,
            "{whole} whole texts, {idle} changing nothing"
        );
    }

    /// A move aimed at clauses that has none it may take names, by the rules' own reasons,
    /// the clauses it would carry across the party's red lines and those where a concession
    /// would be a gain, and says when the rest are already where it would take them.
    #[test]
    fn a_move_without_a_target_names_what_keeps_each_clause_out() {
        use crate::rules::legal::{Blocked, draft_blocked, may_aim};
        let s = geneva();
        for seed in 0..60 {
            let st = crate::testkit::wander(&s, seed, (seed % 9) as u32);
            let opened = rules::opened(&st);
            for &me in &s.negotiators {
                let legal = rules::legal_choices(&s, &opened, me);
                for (mv, m) in s.moves.iter().enumerate() {
                    let aimed = m
                        .effects
                        .iter()
                        .any(|e| matches!(e, crate::scenario::Effect::Draft(_)));
                    let clauses: Vec<usize> = (0..s.issues.len())
                        .filter(|&i| may_aim(m, &opened.draft.levels, i))
                        .collect();
                    if !aimed
                        || clauses.is_empty()
                        || legal.iter().any(|c| c.mv == mv)
                        || rules::legal::closed(&s, &opened, me, mv).is_some()
                    {
                        continue;
                    }
                    let said = no_target(&s, &opened, me, mv);
                    for &i in &clauses {
                        let name = s.issues[i].name.as_str();
                        match draft_blocked(&s, &opened, me, mv, i) {
                            Some(Blocked::RedLine) => {
                                assert!(said.contains(name) && said.contains("red line"), "{said}");
                            }
                            Some(Blocked::NotAConcession) => {
                                assert!(
                                    said.contains(name) && said.contains("not a concession"),
                                    "{said}"
                                );
                            }
                            Some(Blocked::Unchanged) => {
                                assert!(said.contains("already where it would take it"), "{said}");
                            }
                            None => {}
                        }
                    }
                }
            }
        }
        // A concession that may aim only at IAEA access, from no inspectors: the United States'
        // way is Iran's way too, so it has no target, and it says why.
        let mut narrow = (*s).clone();
        let concede = narrow.move_ix("concede").expect("Geneva has concede");
        let inspections = narrow.issue_ix("inspections").expect("and IAEA access");
        narrow.moves[concede].issues = vec![inspections];
        let iran = narrow.party_ix("iran").expect("Iran negotiates");
        let opened = rules::opened(&Negotiation::start(&narrow));
        assert!(
            !rules::legal_choices(&narrow, &opened, iran)
                .iter()
                .any(|c| c.mv == concede)
        );
        let said = no_target(&narrow, &opened, iran, concede);
        assert_eq!(
            said,
            "it would move IAEA access to a level you value more yourself (that is a proposal, \
             not a concession)"
        );
    }

    /// Every catalogued choice that is not open says why in words that match the rules' reason:
    /// a clause across the party's own red line, a clause already where the move would take it,
    /// a "concession" the party would gain from; a party without red lines never hears of red
    /// lines.
    #[test]
    fn a_closed_choice_says_what_keeps_it_out() {
        use crate::rules::legal::{Blocked, draft_blocked};
        let s = geneva();
        let oman = s.party_ix("oman").expect("Oman mediates");
        assert!(s.parties[oman].red_lines.is_empty());
        let (mut crossing, mut unchanged, mut gifts) = (0, 0, 0);
        for seed in 0..25 {
            let st = crate::testkit::wander(&s, seed, (seed % 9) as u32);
            let opened = rules::opened(&st);
            for me in s.negotiators.iter().copied().chain([oman]) {
                let legal = rules::legal_choices(&s, &opened, me);
                for c in catalogue(&s, me).into_iter().filter(|c| !legal.contains(c)) {
                    let said = closed_choice(&s, &st, me, c);
                    assert!(
                        said.ends_with('.') && said.contains("is not open"),
                        "{said}"
                    );
                    if me == oman {
                        assert!(!said.contains("red line"), "{said}");
                    }
                    let Some(i) = c.issue else { continue };
                    if rules::legal::closed(&s, &opened, me, c.mv).is_some() {
                        continue;
                    }
                    match draft_blocked(&s, &opened, me, c.mv, i) {
                        Some(Blocked::RedLine) => {
                            crossing += 1;
                            assert!(said.contains("across your own red line"), "{said}");
                        }
                        Some(Blocked::Unchanged) => {
                            unchanged += 1;
                            assert!(said.contains("already where it would take it"), "{said}");
                        }
                        Some(Blocked::NotAConcession) => {
                            gifts += 1;
                            assert!(said.contains("not a concession"), "{said}");
                        }
                        None => {}
                    }
                }
            }
        }
        assert!(
            crossing > 0 && unchanged > 0 && gifts > 0,
            "{crossing} {unchanged} {gifts}"
        );
        // A move for clauses already in the text, aimed at one that is not: that is the reason.
        let mut s2 = (*s).clone();
        let propose = s2.move_ix("propose").expect("Geneva has propose");
        s2.moves[propose].target = crate::scenario::TargetKind::AddressedIssue;
        let iran = s2.party_ix("iran").expect("Iran negotiates");
        let st = Negotiation::start(&s2);
        let open = st
            .draft
            .levels
            .iter()
            .position(Option::is_none)
            .expect("an open clause");
        let said = closed_choice(
            &s2,
            &st,
            iran,
            rules::Choice {
                mv: propose,
                party: None,
                issue: Some(open),
            },
        );
        assert!(
            said.ends_with("the clause is not in the text yet."),
            "{said}"
        );
    }

    /// A move closed by its conditions names the ones unmet; acceptance names every reason the
    /// party would not sign.
    #[test]
    fn a_closed_move_names_what_it_needs() {
        let s = geneva();
        let iran = s.party_ix("iran").expect("Iran negotiates");
        let game = crate::sim::Game::new(s.clone(), 3, &crate::sim::seat(&s, Some(iran), &[]));
        let st = game.state();
        let walk = s.move_ix("walk_out").expect("Geneva has a walk-out");
        assert!(
            closed(&s, st, iran, walk).ends_with("it needs week 2 or later."),
            "{}",
            closed(&s, st, iran, walk)
        );
        let answer = s.move_ix("answer_israel").expect("Iran may answer Israel");
        let said = closed(&s, st, iran, answer);
        let israel = s.party_ix("israel").expect("Israel spoils");
        let now = crate::rules::describe::trust_plain(&s, st.trust(iran, israel));
        assert!(
            said.contains(&format!("your trust in Israel below 3 (it is {now})")),
            "{said}"
        );
        let accept = s.move_ix("accept").expect("Geneva has accept");
        let said = closed(&s, st, iran, accept);
        let against = rules::verdict(&s, &rules::opened(st), iran)
            .grounds
            .iter()
            .filter(|g| g.against())
            .count();
        assert!(against > 1, "Iran has several reasons at the start");
        assert_eq!(said.matches("; ").count(), against - 1, "{said}");
    }

    /// A move's preview gives each walk-away value it moves that the mover knows, from the
    /// turn's end without the move to the turn's end with it, as the rules then have it; never
    /// one the mover does not know.
    #[test]
    fn a_preview_tells_the_walk_away_values_a_move_moves() {
        let s = geneva();
        let mut told = 0;
        for seed in 0..10 {
            let st = wander(&s, seed, (seed % 5) as u32);
            let next = rules::opened(&st);
            let mut scratch = Scratch::default();
            let idle = rules::predict_idle(&s, &next, &mut scratch).clone();
            for &me in &s.negotiators {
                let choices = rules::legal_choices(&s, &next, me);
                for (c, pv) in choices.iter().zip(previews(&s, &st, me, &choices)) {
                    let after = rules::predict(&s, &next, &Act::of_move(me, *c), &mut scratch);
                    for &q in &s.negotiators {
                        let at = |t: &Negotiation| rules::stand(&s, t, q).reservation;
                        let (from, to) = (at(&idle), at(after));
                        let told_q = pv.walk_away.iter().find(|w| w.0 == q);
                        if !bargain::knows(&s, &next, me, q) || (to - from).abs() < 0.005 {
                            assert!(told_q.is_none(), "seed {seed}: {c:?} for {q}");
                            continue;
                        }
                        assert_eq!(told_q, Some(&(q, from, to)), "seed {seed}: {c:?}");
                        assert!(pv.lines(&s).iter().any(|l| l.contains("walk-away value")));
                        told += 1;
                    }
                }
            }
        }
        assert!(told > 20, "{told}");
    }

    /// A move on one clause is titled with where it takes it: after its issue when its name has
    /// one, with the issue when not (a bridge); a move on several clauses, or none, has no step.
    #[test]
    fn a_move_on_one_clause_names_where_it_takes_it() {
        let s = geneva();
        let (mut named, mut bridged, mut none) = (0, 0, 0);
        for seed in 0..12 {
            let st = wander(&s, seed, (seed % 6) as u32);
            for p in (0..s.parties.len()).filter(|&p| s.parties[p].role.playable()) {
                let choices = rules::legal_choices(&s, &rules::opened(&st), p);
                for (c, pv) in choices.iter().zip(previews(&s, &st, p, &choices)) {
                    let step = clause_step(&s, c, &pv);
                    match pv.clauses.as_slice() {
                        &[(i, _, to)] => {
                            let level = s.issues[i].level_name(to);
                            if c.issue == Some(i) {
                                assert_eq!(step, Some(format!(" → {level}")));
                                named += 1;
                            } else {
                                let issue = &s.issues[i].name;
                                assert_eq!(step, Some(format!(": {issue} → {level}")));
                                bridged += 1;
                            }
                        }
                        _ => {
                            assert_eq!(step, None);
                            none += 1;
                        }
                    }
                }
            }
        }
        assert!(
            named > 0 && bridged > 0 && none > 0,
            "{named}, {bridged}, {none}"
        );
    }

    /// The window's note on a closed acceptance is given exactly when a negotiator at the table
    /// that has not accepted would not sign, with every reason its answer gives where there are
    /// one or two, and their number where there are more; never to the mediator.
    #[test]
    fn a_closed_acceptance_is_told_with_every_reason() {
        let s = geneva();
        let (mut told, mut open, mut many) = (0, 0, 0);
        for seed in 0..40 {
            let st = wander(&s, seed, (seed % 12) as u32);
            let next = rules::opened(&st);
            for p in 0..s.parties.len() {
                let note = accept_closed(&s, &st, p);
                let row = &next.parties[p];
                let closed = s.parties[p].role == Role::Negotiator
                    && row.present
                    && !row.accepted
                    && !rules::stand(&s, &next, p).would_sign(s.rules.min_trust);
                assert_eq!(note.is_some(), closed, "seed {seed}, party {p}");
                let Some(note) = note else {
                    open += 1;
                    continue;
                };
                assert!(note.starts_with("Accept the draft is not open to you this week: "));
                let against: Vec<rules::Ground> = (rules::verdict(&s, &next, p).grounds)
                    .into_iter()
                    .filter(|g| g.against())
                    .collect();
                if against.len() > 2 {
                    assert!(note.contains(&format!("is no, for {} reasons", against.len())));
                    many += 1;
                }
                for g in against.iter().filter(|_| against.len() <= 2) {
                    assert!(note.contains(&g.text(&s, p)), "{note}");
                }
                told += 1;
            }
        }
        assert!(
            told > 10 && open > 10 && many > 0 && many < told,
            "{told}, {open}, {many}"
        );
    }

    /// Where a trust figure is said to be after a quiet week is its base and each of its items
    /// faded by one week at the rate its ledger gives, and the note is told exactly when that
    /// reads other than the figure now.
    #[test]
    fn trust_after_a_quiet_week_is_its_items_faded_once() {
        let s = geneva();
        let (mut told, mut quiet) = (0, 0);
        for seed in 0..40 {
            let st = wander(&s, seed, (seed % 10) as u32);
            let next = rules::opened(&st);
            if rules::score::settled(&s, &st).is_some() || rules::score::deal_reached(&s, &next) {
                continue;
            }
            for &from in &s.negotiators {
                for to in (0..s.parties.len()).filter(|&q| q != from) {
                    let items: f64 = (next.trust.modifiers(from, to))
                        .map(|m| rules::state::faded(m.value, m.decay, 1))
                        .sum();
                    let expect = (next.trust.base(from, to) + items).clamp(0.0, 100.0);
                    let got = quiet_trust(&s, &st, from, to).expect("the game goes on");
                    assert!(
                        (got - expect).abs() < 1e-9,
                        "seed {seed}: {got} against {expect}"
                    );
                    // To a tenth near what signing needs between negotiators, near the
                    // levels conditions read otherwise.
                    let figure = |t| match s.negotiators.contains(&to) {
                        true => rules::describe::trust_figure(t, s.rules.min_trust),
                        false => rules::describe::trust_plain(&s, t),
                    };
                    let note = quiet_trust_note(&s, &st, from, to);
                    assert_eq!(note.is_some(), figure(got) != figure(st.trust(from, to)));
                    if let Some(n) = note {
                        assert_eq!(n, format!("{} after a quiet week", figure(got)));
                        told += 1;
                    } else {
                        quiet += 1;
                    }
                }
            }
        }
        assert!(told > 20 && quiet > 20, "told {told}, unchanged {quiet}");
    }

    /// At agreement 90 or more with some side unwilling, a note says agreement is no deal yet
    /// and names each unwilling side with the kind of its first reason; never otherwise.
    #[test]
    fn a_high_agreement_without_a_deal_is_told_as_such() {
        let s = geneva();
        let mut told = 0;
        for seed in 0..120 {
            let st = wander(&s, seed, (seed % 12) as u32);
            let verdicts = crate::sim::verdicts(&s, &st);
            let unwilling: Vec<&rules::Verdict> =
                verdicts.iter().filter(|v| !v.would_sign).collect();
            let note = high_agreement_note(&s, &st, &verdicts);
            assert_eq!(
                note.is_some(),
                st.agreement >= 90.0 && !unwilling.is_empty(),
                "seed {seed}"
            );
            let Some(note) = note else { continue };
            told += 1;
            assert!(note.starts_with("Agreement "), "{note}");
            for v in &unwilling {
                let name = &s.parties[v.party].name;
                let kind = match v.first_refusal() {
                    Some(rules::Ground::Trust { .. }) => "trust",
                    Some(rules::Ground::RedLine { .. }) => "a red line",
                    Some(rules::Ground::Absent) => "away",
                    _ => "worth",
                };
                assert!(note.contains(&format!("{name} ({kind})")), "{note}");
            }
        }
        assert!(told > 0, "some state has a high agreement and no deal");
    }

    /// The note under a full agreement gauge says every side would sign: it shows exactly when
    /// every party whose consent a deal needs would.
    #[test]
    fn a_full_agreement_note_shows_exactly_when_every_side_would_sign() {
        let (mut full, mut accepted) = (0, 0);
        for s in [geneva(), tutorial()] {
            for seed in 0..80 {
                let st = wander(&s, seed, (seed % 12) as u32);
                let all = s
                    .consenting
                    .iter()
                    .all(|&p| rules::verdict(&s, &st, p).would_sign);
                let verdicts = crate::sim::verdicts(&s, &st);
                let note = full_agreement_note(&s, &st, &verdicts);
                assert_eq!(note.is_some(), all, "seed {seed}");
                full += usize::from(all);
                // It names each negotiator, as accepted or awaited.
                let any = s.negotiators.iter().any(|&p| st.parties[p].accepted);
                accepted += usize::from(all && any);
                for &p in &s.negotiators {
                    let Some(note) = &note else { break };
                    let name = &s.parties[p].name;
                    let Some(awaited) = note.find("waits for") else {
                        // Every negotiator has accepted.
                        assert!(st.parties[p].accepted, "{note}");
                        assert!(note.ends_with("every negotiator has accepted it"), "{note}");
                        continue;
                    };
                    let (at, accepted) = (note.find(name.as_str()), note.find("accepted it"));
                    let at = at.unwrap_or_else(|| panic!("{name}: {note}"));
                    assert_eq!(
                        st.parties[p].accepted,
                        accepted.is_some_and(|a| at < a) && at < awaited,
                        "{note}"
                    );
                }
            }
        }
        assert!(full > 0, "some state has every side willing");
        assert!(accepted > 0, "some such state has an acceptance");
    }

    /// The note on the drift shows near where tension rests, where a move's figure can fall
    /// short of its own number (a calming move's -4 reads -2.5 at 40), and not far from it.
    #[test]
    fn the_drift_note_shows_near_where_tension_rests() {
        let s = geneva();
        let oman = s.party_ix("oman").unwrap();
        let mut st = Negotiation::start(&s);
        for (t, shown) in [
            (40.0, true),
            (47.0, true),
            (33.0, true),
            (75.0, false),
            (20.0, false),
        ] {
            st.tension = t;
            assert_eq!(drift_note(&s, &st, "T").is_some(), shown, "{t}");
        }
        // At rest, a call for restraint (tension -5) reads less than its number.
        st.tension = s.tension.rest;
        let next = rules::opened(&st);
        let call = rules::legal_choices(&s, &next, oman)
            .into_iter()
            .find(|c| s.moves[c.mv].id == "restraint")
            .expect("Oman may call for restraint");
        let sc = crate::ai::Planner::new(&s, &next).score_one(oman, call);
        assert!(sc.d_tension > -5.0 + 1e-9, "{}", sc.d_tension);
        assert!(
            drift_note(&s, &st, "T")
                .unwrap()
                .contains("toward 40 by up to 1.5 a week")
        );
    }

    /// A move's line says whose answer to "would you sign?" it turns, each party named once
    /// ("you" for the mover), unless the move makes the deal.
    #[test]
    fn a_moves_line_names_the_answers_it_turns() {
        let s = geneva();
        let (mut yes, mut no, mut still) = (0, 0, 0);
        for seed in 0..300 {
            let st = wander(&s, seed, (seed % 10) as u32);
            for &me in &s.negotiators {
                let all = rules::legal_choices(&s, &rules::opened(&st), me);
                for p in &previews(&s, &st, me, &all) {
                    let mark = answers_mark(&s, p);
                    assert_eq!(mark.is_some(), !p.deal && !p.signs.is_empty());
                    let Some(mark) = mark else { continue };
                    for &(q, now, sign) in &p.signs {
                        let who = if q == me {
                            "you"
                        } else {
                            s.parties[q].name.as_str()
                        };
                        // Whether it signs as the week opens, against what it would after.
                        assert_eq!(now, rules::verdict(&s, &rules::opened(&st), q).would_sign);
                        let then = match (now, sign) {
                            (false, true) => "would then sign",
                            (true, true) => "would still sign",
                            (true, false) => "would no longer sign",
                            (false, false) => "would then not sign",
                        };
                        assert!(mark.contains(&format!("{who} {then}")), "{mark}");
                        yes += usize::from(sign);
                        no += usize::from(!sign);
                        still += usize::from(now && sign);
                    }
                }
            }
        }
        assert!(yes > 0 && no > 0 && still > 0, "{yes} {no} {still}");
    }

    /// Where a move turns another negotiator's answer (in a week before the last), the preview
    /// says why in its words: the first reason against signing after it (turned to no) or the
    /// one it takes away (turned to yes), as the mover may hear it (without the side's hidden
    /// worth and walk-away where its priorities are unknown).
    #[test]
    fn a_move_that_turns_another_sides_answer_says_why() {
        let s = geneva();
        let mut scratch = Scratch::default();
        let (mut to_no, mut to_yes, mut masked) = (0, 0, 0);
        for seed in 0..200 {
            let st = wander(&s, seed, (seed % 10) as u32);
            let next = rules::opened(&st);
            let idle = rules::predict_idle(&s, &next, &mut scratch).clone();
            for &me in &s.negotiators {
                let choices = rules::legal_choices(&s, &next, me);
                for (c, pv) in choices.iter().zip(previews(&s, &st, me, &choices)) {
                    let after = rules::predict(&s, &next, &Act::of_move(me, *c), &mut scratch);
                    for &(q, _, yes) in pv.signs.iter().filter(|x| x.0 != me) {
                        let (was, now) =
                            (rules::verdict(&s, &idle, q), rules::verdict(&s, after, q));
                        assert_eq!(now.would_sign, yes);
                        let (g, known) = (pv.reasons.iter())
                            .find(|r| r.0 == q)
                            .map(|r| (r.1, r.2))
                            .expect("a reason for each turned answer");
                        assert_eq!(known, bargain::knows(&s, &next, me, q));
                        // The ground itself, or as heard without the side's priorities.
                        let whose = if yes { &was } else { &now };
                        let heard = |x: &rules::Ground| if known { Some(*x) } else { x.heard() };
                        assert!(g.against(), "{g:?}");
                        assert_eq!(Some(g), whose.first_refusal().and_then(|x| heard(&x)));
                        if let rules::Ground::Worth { reservation, .. } = g {
                            masked += usize::from(!known);
                            assert!(known || reservation == 0.5, "{g:?}");
                        }
                        let said = g.brief(&s, q).unwrap_or_else(|| g.text_for(&s, q, known));
                        let lines = pv.lines(&s).join("\n");
                        assert!(lines.contains(&format!("\"{said}\"")), "{said}\n{lines}");
                        to_no += usize::from(!yes);
                        to_yes += usize::from(yes);
                    }
                }
            }
        }
        // (A side's worth seldom turns its answer where its priorities are unknown: `heard`
        // has its own test.)
        assert!(to_no > 0 && to_yes > 0, "{to_no} {to_yes} {masked}");
    }

    /// In the last week a move's answers are read as its acts leave the text too, when the sides
    /// the AI plays sign as time runs out (a tester's mediator raised Iran's trust over the line
    /// mid-week, which made the deal, under a line that named no answer: by the week's end the
    /// trust had faded below it). The same test as the turn's signing, on every state.
    #[test]
    fn in_the_last_week_a_moves_answers_count_the_signing_as_time_runs_out() {
        let s = geneva();
        let mut scratch = Scratch::default();
        let (mut mid_only, mut checked) = (0, 0);
        for seed in 0..80 {
            let mut st = wander(&s, seed, (seed % 8) as u32);
            st.week = s.weeks - 1;
            let next = rules::opened(&st);
            let idle = rules::predict_idle(&s, &next, &mut scratch).clone();
            for me in ["iran", "united_states", "oman"].map(|p| s.party_ix(p).unwrap()) {
                let choices = rules::legal_choices(&s, &next, me);
                for (c, pv) in choices.iter().zip(previews(&s, &st, me, &choices)) {
                    assert!(pv.last);
                    let act = Act::of_move(me, *c);
                    let mut acts = next.clone();
                    rules::apply(&s, &mut acts, &act, &mut rules::Applied::default());
                    let after = rules::predict(&s, &next, &act, &mut scratch);
                    for &q in &s.negotiators {
                        let signs = |st: &Negotiation| rules::verdict(&s, st, q).would_sign;
                        let (without, with) =
                            (signs(&next) || signs(&idle), signs(&acts) || signs(after));
                        let said = pv.signs.iter().find(|x| x.0 == q).map(|x| x.2);
                        assert_eq!(said, (without != with).then_some(with), "seed {seed}");
                        checked += 1;
                        if with && !signs(after) && !without {
                            mid_only += 1;
                            if !pv.deal {
                                let mark = answers_mark(&s, &pv).unwrap();
                                assert!(mark.contains("would then sign"), "{mark}");
                            }
                        }
                    }
                }
            }
        }
        assert!(checked > 0 && mid_only > 0, "{checked} {mid_only}");
    }

    /// Outcomes worth the same points are named together (Geneva's deal and stalemate both
    /// earn 50: a player read "a deal 50, a stalemate 50" as a slip); different points stay
    /// apart.
    #[test]
    fn outcomes_worth_the_same_are_named_together() {
        assert_eq!(
            outcome_points(&geneva().scoring),
            "Outcome: a deal, a stalemate or a collapse 50, war 0; a deal then adds up to 650 \
             for its quality (below)."
        );
        assert_eq!(
            outcome_points(&tutorial().scoring),
            "Outcome: a deal 250, a stalemate 150, a collapse 50, war 0."
        );
    }

    /// A move that, taken alone, makes the deal this turn says so first, and its line names the
    /// deal instead of trust it does not give (a play-tester read "your trust +6" under Accept
    /// as trust the acceptance earns); a move that does not make the deal never says so.
    #[test]
    fn a_preview_that_makes_the_deal_says_so_not_trust_gained() {
        use crate::sim::{Game, seat};
        let s = geneva();
        let (mut deals, mut others) = (0, 0);
        for seed in 0..40 {
            let mut g = Game::new(s.clone(), seed, &seat(&s, None, &[]));
            while g.outcome().is_none() {
                for &me in &s.negotiators {
                    let choices = g.legal(me);
                    let next = rules::opened(g.state());
                    for (c, p) in choices.iter().zip(previews(&s, g.state(), me, &choices)) {
                        let mut scratch = Scratch::default();
                        let after = rules::predict(&s, &next, &Act::of_move(me, *c), &mut scratch);
                        let idle = rules::predict_idle(&s, &next, &mut Scratch::default()).clone();
                        let makes = rules::score::deal_reached(&s, after)
                            && !rules::score::deal_reached(&s, &idle);
                        assert_eq!(p.deal, makes, "seed {seed}");
                        let first = p.lines(&s).first().cloned().unwrap_or_default();
                        assert_eq!(first.starts_with("makes the deal this week"), makes);
                        if makes {
                            let line = trust_effect(&s, me, &p).unwrap();
                            assert!(line.starts_with("deal this week"), "{line}");
                            // Its tension figure is the drift it spares (a tester read the
                            // "T +1.5" under Accept as tension the acceptance raises).
                            assert!(line.contains("no drift"), "{line}");
                            deals += 1;
                        } else {
                            others += 1;
                        }
                    }
                }
                g.step();
            }
        }
        assert!(deals > 5 && others > 100, "{deals} {others}");
    }

    /// A move that reveals another side's hidden priorities says so while the mover does not
    /// know them, and says it reveals nothing new once it does (a play-tester was promised a
    /// reveal by every back channel after the first); a move that reveals nothing says neither.
    #[test]
    fn a_reveal_is_promised_only_while_there_is_something_to_reveal() {
        let s = geneva();
        let (iran, us) = (
            s.party_ix("iran").unwrap(),
            s.party_ix("united_states").unwrap(),
        );
        assert!(s.parties[us].hidden_preferences);
        let channel = s.moves.iter().position(|m| m.id == "back_channel").unwrap();
        let mut st = rules::opened(&Negotiation::start(&s));
        for known in [false, true] {
            if known {
                st.parties[iran].revealed |= 1 << us;
            }
            let choices = rules::legal_choices(&s, &st, iran);
            let told: Vec<(Choice, Vec<String>)> = (choices.iter().copied())
                .zip(previews(&s, &st, iran, &choices))
                .map(|(c, p)| (c, p.lines(&s)))
                .collect();
            for (c, lines) in &told {
                let says = |w: &str| lines.iter().any(|l| l.contains(w));
                let reveals = c.mv == channel && c.party == Some(us);
                assert_eq!(
                    says("shows you what United States really wants"),
                    reveals && !known
                );
                assert_eq!(says("reveals nothing new"), reveals && known, "{lines:?}");
            }
            assert!(
                told.iter()
                    .any(|(c, _)| c.mv == channel && c.party == Some(us))
            );
        }
    }

    /// The fading a preview gives each pair is what the next turn, quiet, takes from the move's
    /// change of that trust, whatever it is made of (a play-tester reopened a banked clause and
    /// was told "fading 1 a week" of a cost that faded 2 and an effect that faded 1); and every
    /// pair whose change fades is given one.
    #[test]
    fn the_fading_a_preview_gives_is_what_the_next_quiet_turn_takes() {
        let (mut told, mut mixed) = (0, 0);
        for s in [geneva(), tutorial()] {
            for seed in 0..30 {
                let st = wander(&s, seed, (seed % 10) as u32);
                if st.ended.is_some() {
                    continue;
                }
                let next = rules::opened(&st);
                let idle = rules::predict_idle(&s, &next, &mut Scratch::default()).clone();
                let idle_later =
                    rules::predict_idle(&s, &rules::opened(&idle), &mut Scratch::default()).clone();
                for &me in &s.negotiators {
                    let choices = rules::legal_choices(&s, &next, me);
                    for (c, p) in choices.iter().zip(previews(&s, &st, me, &choices)) {
                        if p.deal {
                            assert!(p.fades.is_empty());
                            continue;
                        }
                        let after = rules::predict(
                            &s,
                            &next,
                            &Act::of_move(me, *c),
                            &mut Scratch::default(),
                        )
                        .clone();
                        let later = rules::predict_idle(
                            &s,
                            &rules::opened(&after),
                            &mut Scratch::default(),
                        )
                        .clone();
                        for f in 0..s.parties.len() {
                            for t in (0..s.parties.len()).filter(|&t| t != f) {
                                let now = after.trust(f, t) - idle.trust(f, t);
                                let then = later.trust(f, t) - idle_later.trust(f, t);
                                let by = now.abs() - then.abs();
                                let given = p.fades.iter().find(|x| (x.0, x.1) == (f, t));
                                if now.abs() >= 0.05 && by >= 0.05 {
                                    let g = given.expect("a fading pair is given its rate");
                                    assert!((g.2 - by).abs() < 1e-9, "seed {seed}: {g:?} vs {by}");
                                    told += 1;
                                    mixed += usize::from(!p.reopens.is_empty());
                                } else {
                                    assert!(given.is_none(), "seed {seed}: {given:?}");
                                }
                            }
                        }
                    }
                }
            }
        }
        assert!(told > 200 && mixed > 0, "{told} {mixed}");
    }

    /// A move's preview says how fast the trust it gives fades: Geneva's back channel gives the
    /// target's trust in the mover +5 and the mover's in the target +3, each fading 1 a week.
    #[test]
    fn a_preview_says_how_fast_the_trust_a_move_gives_fades() {
        let s = geneva();
        let (iran, us) = (
            s.party_ix("iran").unwrap(),
            s.party_ix("united_states").unwrap(),
        );
        let st = Negotiation::start(&s);
        let back = rules::legal_choices(&s, &rules::opened(&st), iran)
            .into_iter()
            .find(|c| s.moves[c.mv].id == "back_channel" && c.party == Some(us))
            .expect("Iran may back-channel to the United States");
        let p = &previews(&s, &st, iran, &[back])[0];
        let mut fades = p.fades.clone();
        fades.sort_by_key(|f| (f.0, f.1));
        let mut want = vec![(us, iran, 1.0), (iran, us, 1.0)];
        want.sort_by_key(|f| (f.0, f.1));
        assert_eq!(fades, want);
        let lines = p.lines(&s).join("\n");
        assert!(
            lines.contains(
                "United States' trust in you +4.0 at the week's end, then fading 1 a week"
            ),
            "{lines}"
        );
        assert!(
            lines.contains(
                "your trust in United States +2.0 at the week's end, then fading 1 a week"
            ),
            "{lines}"
        );
        // A move that changes no trust says nothing of fading.
        let calm = rules::legal_choices(&s, &rules::opened(&st), iran)
            .into_iter()
            .find(|c| {
                !s.moves[c.mv]
                    .effects
                    .iter()
                    .any(|f| matches!(f, Effect::Trust(..)))
            })
            .expect("Iran has a move that changes no trust");
        let p = &previews(&s, &st, iran, &[calm])[0];
        // (The events it lets come say how theirs fades.)
        let own: Vec<String> = (p.lines(&s).into_iter())
            .filter(|l| !l.starts_with("meets the conditions of") && !l.starts_with("keeps "))
            .collect();
        assert!(
            p.fades.is_empty() && !own.join(" ").contains("fading"),
            "{own:?}"
        );
    }

    /// The moves a player cannot afford are named with their price; none when it can afford all.
    #[test]
    fn the_moves_a_player_cannot_afford_are_named() {
        let s = geneva();
        let iran = s.party_ix("iran").unwrap();
        let mut st = Negotiation::start(&s);
        st.parties[iran].capital = s.capital.max;
        assert_eq!(too_costly(&s, &st, iran), None);
        st.parties[iran].capital = 1.5;
        let line = too_costly(&s, &st, iran).expect("some moves cost more than 1.5");
        assert!(
            line.starts_with("Too costly this week (you have 1.5): "),
            "{line}"
        );
        // Named: what the player could choose with all the capital there is, and cannot now.
        let mut rich = rules::opened(&st);
        rich.parties[iran].capital = s.capital.max;
        let affordable = rules::legal_choices(&s, &rich, iran);
        for (mx, m) in s.moves.iter().enumerate() {
            let named = line.contains(&format!("{} ({})", m.name, rules::describe::points(m.cost)));
            let open = affordable.iter().any(|c| c.mv == mx);
            assert_eq!(named, open && m.cost > 1.5, "{}: {line}", m.name);
        }
        // A priced move closed for another reason too (its conditions, its targets) is never
        // named, even with no capital at all.
        let gated: Vec<&str> = (s.moves.iter().enumerate())
            .filter(|(mx, m)| {
                m.usable_by(iran, s.parties[iran].role)
                    && m.cost > 0.0
                    && !affordable.iter().any(|c| c.mv == *mx)
            })
            .map(|(_, m)| m.name.as_str())
            .collect();
        assert!(
            !gated.is_empty(),
            "some priced move of Iran's is gated in week 1"
        );
        st.parties[iran].capital = 0.0;
        let line = too_costly(&s, &st, iran).expect("every priced move");
        for name in gated {
            assert!(!line.contains(&format!("{name} (")), "{name}: {line}");
        }
    }

    /// A walk-away value at risk: in Vienna, where a calmer day raises every walk-away value, a
    /// party that could sign the text is warned of whenever the event that would lower tension
    /// most could carry its walk-away value above the text's worth (alone, or with the move);
    /// a party whose walk-away value the viewer does not know is not named.
    #[test]
    fn a_walk_away_value_at_risk_is_named_where_it_is_known() {
        let s = crate::testkit::vienna();
        let n = s.events.len();
        let all = vec![Coming::ByChance; n];
        let (mut found, mut hidden) = (0, 0);
        for seed in 0..80 {
            let st = wander(&s, seed, (seed % 12) as u32);
            let next = rules::opened(&st);
            let risks = WalkAwayRisk::of(&s, &st, &all, None);
            for &p in &s.consenting {
                let r = &s.parties[p].reservation;
                let sd = rules::stand(&s, &next, p);
                let got = risks.iter().find(|x| x.party == p);
                if r.tension == 0.0 || !sd.text_acceptable() {
                    assert!(got.is_none());
                    continue;
                }
                // The largest move of tension the harmful way any event could make.
                let harm = |d: f64| if r.tension > 0.0 { d } else { -d };
                let event = (s.events.iter())
                    .map(|e| harm(rise(&e.effects)))
                    .fold(0.0, f64::max);
                let shifted = |d: f64| {
                    let t = next.tension + if r.tension > 0.0 { d } else { -d };
                    r.at(t.clamp(0.0, 100.0), next.parties[p].hardliners)
                };
                if sd.utility < shifted(event) - 1e-9 {
                    let got = got.expect("the event alone could carry it above the worth");
                    assert_eq!(got.event.as_ref().map(|x| x.rise), Some(event));
                }
                if let Some(x) = got {
                    let total = x.event.as_ref().map_or(0.0, |e| e.rise)
                        + x.push.as_ref().map_or(0.0, |m| m.rise);
                    assert!(sd.utility < shifted(total) - 1e-9);
                    assert_eq!((x.worth, x.walk_away), (sd.utility, sd.reservation));
                    assert!(
                        x.text(&s, None)
                            .contains("could rise above the text's worth")
                    );
                    found += 1;
                    // A viewer that does not know p's walk-away value is not told of it.
                    for q in 0..s.parties.len() {
                        if q != p && !bargain::knows(&s, &next, q, p) {
                            let seen = WalkAwayRisk::of(&s, &st, &all, Some(q));
                            assert!(seen.iter().all(|y| y.party != p));
                            hidden += 1;
                        }
                    }
                }
            }
        }
        assert!(found > 0 && hidden > 0, "{found} {hidden}");
    }

    /// A trust that only the largest event and the largest move together could carry below what
    /// signing takes is told with where the two together could take it (a play-tester read
    /// "(46) … an event could cut it by 4 …; a move … by 3" as no risk at all).
    #[test]
    fn a_trust_only_an_event_and_a_move_together_could_cut_says_so() {
        let s = geneva();
        let (iran, us) = (
            s.party_ix("iran").unwrap(),
            s.party_ix("united_states").unwrap(),
        );
        let need = s.rules.min_trust;
        let all = vec![Coming::ByChance; s.events.len()];
        let at = |st: &Negotiation, want: f64| {
            let mut st = st.clone();
            let value = want - st.trust(us, iran);
            st.trust.push(rules::TrustMod {
                from: us,
                to: iran,
                source: rules::Source::Drift,
                value,
                decay: 0.0,
                born: 0,
            });
            st
        };
        let start = Negotiation::start(&s);
        // Just above the line: any cut counts, so the largest of each is named.
        let risks = TrustRisk::of(&s, &at(&start, need + 0.01), &all, Some(iran));
        let r = risks.iter().find(|r| (r.from, r.to) == (us, iran)).unwrap();
        let (e, m) = (r.event.clone().unwrap().rise, r.push.clone().unwrap().rise);
        assert!(e.min(m) > 1.0, "{e} {m}");
        assert!(!r.text(&s).contains("together"), "{}", r.text(&s));
        // Neither alone, both together.
        let t = need + e.max(m) + 0.5;
        let risks = TrustRisk::of(&s, &at(&start, t), &all, Some(iran));
        let r = risks.iter().find(|r| (r.from, r.to) == (us, iran)).unwrap();
        let text = r.text(&s);
        let to = rules::describe::trust_figure(t - e - m, need);
        assert!(
            text.ends_with(&format!("; together they could take it to {to}")),
            "{text}"
        );
        assert_eq!(r.brief_text(&s), text);
    }

    /// The trust at risk is every trust between negotiators at or above what signing takes that
    /// the largest cut an event may bring, another party's move, or both could carry below it,
    /// each cut as the rules apply the act (a reopened clause's price included), and every other
    /// event and party's move that alone could; an event the deck holds back is not named.
    #[test]
    fn trust_at_risk_names_the_cuts_that_could_cost_a_signature() {
        let s = geneva();
        let need = s.rules.min_trust;
        let iran = s.party_ix("iran").unwrap();
        let n = s.events.len();
        let (mut found, mut pushed, mut several, mut several_moves) = (0, 0, 0, 0);
        let mut reopening = 0;
        // Whether the cuts that alone carry trust `t` below the line are exactly the largest
        // (`first`) and the others (`also`), largest first, each named in the text: 1 when
        // there are others.
        let all_named =
            |t: f64, cuts: Vec<f64>, first: &Option<Shock>, also: &[Shock], r: &TrustRisk| {
                let mut alone: Vec<f64> = cuts.into_iter().filter(|c| t - c < need).collect();
                alone.sort_by(|a, b| b.total_cmp(a));
                let named: Vec<f64> = first.iter().chain(also).map(|x| x.rise).collect();
                assert_eq!(named, alone, "{}", r.text(&s));
                for x in also {
                    assert!(r.text(&s).contains(&x.what), "{}", r.text(&s));
                }
                usize::from(!also.is_empty())
            };
        // The largest cut any move's own trust effects make.
        let stated = (s.moves.iter())
            .map(|m| {
                (m.effects.iter())
                    .map(|f| match f {
                        Effect::Trust(_, _, v, _) if *v < 0.0 => -v,
                        _ => 0.0,
                    })
                    .sum::<f64>()
            })
            .fold(0.0, f64::max);
        for seed in 0..80 {
            let st = wander(&s, seed, (seed % 10) as u32);
            let next = rules::opened(&st);
            let all = vec![Coming::ByChance; n];
            let risks = TrustRisk::of(&s, &st, &all, Some(iran));
            // The cut each event could make, worked out from the effects here.
            let cuts = |from: PartyIx, to: PartyIx| -> Vec<f64> {
                (s.events.iter())
                    .map(|e| {
                        (e.effects.iter())
                            .map(|f| match f {
                                Effect::Trust(x, y, v, _)
                                    if *v < 0.0
                                        && rules::legal::pairs(&s, x, y, e.actor, None)
                                            .any(|p| p == (from, to)) =>
                                {
                                    -v
                                }
                                _ => 0.0,
                            })
                            .sum::<f64>()
                    })
                    .collect()
            };
            let event_cut = |from, to| cuts(from, to).into_iter().fold(0.0, f64::max);
            // Likewise the cut each move of another party's open this week makes as the rules
            // apply it (its trust effects, the price of a banked clause it reopens), the largest
            // of each party's move over its targets. (A walk-out is left out: the party that
            // walks out signs nothing that week.)
            let walks =
                |mv: usize| (s.moves[mv].effects.iter()).any(|f| matches!(f, Effect::WalkOut(_)));
            let move_cuts = |from: PartyIx, to: PartyIx| -> Vec<(PartyIx, usize, f64)> {
                let mut out: Vec<(PartyIx, usize, f64)> = Vec::new();
                for q in (0..s.parties.len()).filter(|&q| q != iran) {
                    for c in rules::legal_choices(&s, &next, q) {
                        if walks(c.mv) {
                            continue;
                        }
                        let mut after = next.clone();
                        let act = Act::of_move(q, c);
                        rules::apply(&s, &mut after, &act, &mut rules::Applied::default());
                        let d = next.trust(from, to) - after.trust(from, to);
                        match out.iter_mut().find(|m| (m.0, m.1) == (q, c.mv)) {
                            Some(m) => m.2 = m.2.max(d),
                            None => out.push((q, c.mv, d)),
                        }
                    }
                }
                out
            };
            let move_cut = |from, to| move_cuts(from, to).iter().fold(0.0, |m, x| x.2.max(m));
            for &from in &s.negotiators {
                for &to in s.negotiators.iter().filter(|&&t| t != from) {
                    let t = next.trust(from, to);
                    let r = risks.iter().find(|r| (r.from, r.to) == (from, to));
                    if t < need {
                        assert!(r.is_none(), "below the line already");
                        continue;
                    }
                    if t - event_cut(from, to) < need {
                        let r = r.expect("an event alone could carry it below");
                        assert_eq!(r.event.as_ref().map(|x| x.rise), Some(event_cut(from, to)));
                        // Every event that alone could carry it below is named: the largest,
                        // and the others, largest first.
                        several += all_named(t, cuts(from, to), &r.event, &r.also, r);
                    }
                    if t >= need && t - move_cut(from, to) < need {
                        let r = r.expect("a move alone could carry it below");
                        assert_eq!(r.push.as_ref().map(|x| x.rise), Some(move_cut(from, to)));
                        // The cut as it comes, not as the moves' lines read it after fading.
                        let said = format!(
                            "a move could cut it by {} as it comes (",
                            rules::describe::points(move_cut(from, to))
                        );
                        assert!(r.text(&s).contains(&said), "{}", r.text(&s));
                        pushed += 1;
                        // Every party's move that alone could carry it below is named, once:
                        // the largest, then the others, largest first.
                        let cuts = move_cuts(from, to).into_iter().map(|m| m.2).collect();
                        several_moves += all_named(t, cuts, &r.push, &r.also_moves, r);
                        // A cut larger than any move's stated trust effects: the price of a
                        // banked clause the move reopens, counted as the rules charge it.
                        reopening += usize::from(move_cut(from, to) > stated + 1e-9);
                    }
                    if let Some(r) = r {
                        let total = r.event.as_ref().map_or(0.0, |x| x.rise)
                            + r.push.as_ref().map_or(0.0, |x| x.rise);
                        assert!(t - total < need && t == r.trust);
                        let said = format!("could fall below the {need:.0} signing takes");
                        assert!(r.text(&s).contains(&said));
                        // Where only an event and a move together could do it, the text says
                        // where the two could take it.
                        let together = match (&r.event, &r.push) {
                            (Some(a), Some(b)) => t - a.rise >= need && t - b.rise >= need,
                            _ => false,
                        };
                        let said = r.text(&s).contains("; together they could take it to ");
                        assert_eq!(said, together, "{}", r.text(&s));
                        // The turn's screen names the largest cuts and counts the others.
                        let (brief, full) = (r.brief_text(&s), r.text(&s));
                        for x in r.event.iter().chain(&r.push) {
                            assert!(brief.contains(&x.what), "{brief}");
                        }
                        let e = r.also.iter().filter(|x| !x.certain).count();
                        let m = r.also_moves.len();
                        assert_eq!(r.others(), e + m);
                        if e + m == 0 {
                            assert_eq!(brief, full);
                        } else {
                            assert!(brief.ends_with(" could too"), "{brief}");
                            let count = |n: usize, one: &str| match n {
                                0 => String::new(),
                                1 => format!("1 other {one}"),
                                n => format!("{n} other {one}s"),
                            };
                            assert!(brief.contains(&count(e, "event")), "{brief}");
                            assert!(brief.contains(&count(m, "move")), "{brief}");
                            assert!(brief.len() < full.len(), "{brief}");
                        }
                        found += 1;
                    }
                }
            }
            // Folded, an event that comes for certain is still named, and not counted.
            for r in TrustRisk::of(&s, &st, &vec![Coming::Certainly; n], Some(iran)) {
                let brief = r.brief_text(&s);
                for x in &r.also {
                    assert!(x.certain && brief.contains(&x.what), "{brief}");
                }
                assert_eq!(r.others(), r.also_moves.len());
            }
            // Held back by the deck: no event is named.
            let none = vec![Coming::No; n];
            assert!(
                TrustRisk::of(&s, &st, &none, Some(iran))
                    .iter()
                    .all(|r| r.event.is_none())
            );
        }
        assert!(
            found > 0 && pushed > 0 && several > 0 && several_moves > 0 && reopening > 0,
            "some trust is at risk: {found}, {pushed}, {several}, {several_moves}, {reopening}"
        );
    }

    /// A move that changes the text tells how its worth to each other negotiator moves as the
    /// mover reads it: for each changed clause, the weight the mover believes the negotiator
    /// gives the issue times the change of the clause's value; and whose red lines it breaks or
    /// keeps again. A move that leaves the text alone tells nothing of either.
    #[test]
    fn a_preview_tells_how_the_texts_worth_to_the_others_moves() {
        let s = geneva();
        let oman = s.party_ix("oman").unwrap();
        let (mut told, mut quiet, mut broke) = (0, 0, 0);
        for seed in 0..8 {
            let st = wander(&s, seed, 3);
            for me in [oman, s.negotiators[0]] {
                let next = rules::opened(&st);
                let idle = rules::predict_idle(&s, &next, &mut Scratch::default()).clone();
                let choices = rules::legal_choices(&s, &next, me);
                for p in previews(&s, &st, me, &choices) {
                    if p.clauses.is_empty() {
                        assert!(p.worth.is_empty() && p.red_lines.is_empty());
                        assert!(!p.lines(&s).join(" ").contains("banks once"));
                        quiet += 1;
                        continue;
                    }
                    // The text with the move: the quiet week's, with the clauses it changes.
                    let mut text = idle.draft.levels.clone();
                    for &(i, _, z) in &p.clauses {
                        text[i] = z;
                    }
                    let expected: Vec<(PartyIx, usize, usize)> = (s.consenting.iter())
                        .map(|&q| {
                            let (a, z) = (
                                s.red_lines_kept(q, &idle.draft.levels),
                                s.red_lines_kept(q, &text),
                            );
                            (q, a, z)
                        })
                        .filter(|x| x.1 != x.2)
                        .collect();
                    assert_eq!(p.red_lines, expected);
                    broke += p.red_lines.iter().filter(|x| x.2 < x.1).count();
                    // The move's line names each party whose red line it breaks, or keeps again.
                    let mark = red_line_mark(&s, &p).unwrap_or_default();
                    assert_eq!(mark.is_empty(), p.red_lines.is_empty(), "{mark}");
                    for &(q, was, now) in &p.red_lines {
                        let whose = match q == me {
                            true => "your".to_string(),
                            false => possessive(&s.parties[q].name),
                        };
                        let verb = if now < was { "breaks" } else { "now keeps" };
                        assert!(mark.contains(&format!("{verb} ")), "{mark}");
                        assert!(mark.contains(&whose), "{mark}");
                    }
                    let others: Vec<PartyIx> =
                        s.negotiators.iter().copied().filter(|&q| q != me).collect();
                    assert_eq!(p.worth.iter().map(|w| w.0).collect::<Vec<_>>(), others);
                    for &(q, from, to, known) in &p.worth {
                        let w = bargain::believed_weights(&s, &next, me, q);
                        let prefs = &s.parties[q].prefs;
                        let d: f64 = (p.clauses.iter())
                            .map(|&(i, a, z)| w[i] * (prefs[i].value(z) - prefs[i].value(a)))
                            .sum();
                        assert!((to - from - d).abs() < 1e-9, "{from} → {to}, {d}");
                        assert_eq!(known, bargain::knows(&s, &next, me, q));
                    }
                    let line = p.lines(&s).join("\n");
                    assert!(line.contains("worth of the text to "), "{line}");
                    // And that what it sets will bank if left alone (a clause it takes out
                    // of the text does not).
                    let banks = format!(
                        "banks once it stands {} weeks unchanged",
                        s.rules.bank_after
                    );
                    let sets = p.clauses.iter().any(|c| c.2.is_some());
                    assert_eq!(line.contains(&banks), sets, "{line}");
                    told += 1;
                }
            }
        }
        assert!(told > 0 && quiet > 0 && broke > 0, "{told} {quiet} {broke}");
    }

    /// The review's summary says what was kept of a signed text, and of an unsigned one what
    /// signing it would have given, or that it was worth less than the walk-away value.
    #[test]
    fn the_review_summary_tells_a_signed_text_from_one_left_on_the_table() {
        let s = geneva();
        let (iran, oman) = (s.party_ix("iran").unwrap(), s.party_ix("oman").unwrap());
        let mut st = Negotiation::start(&s);
        st.draft.levels = crate::scenario::analyse(&s).best.expect("a package").levels;
        let reviews = rules::score::reviews(&s, &st);
        let mut r = reviews[iran].clone();
        let kept = format!("{:.0}\u{a0}%", 100.0 * r.quality);
        let said = review_summary(&s, &r, iran);
        assert!(
            said.starts_with("You kept ") && said.contains(&kept),
            "{said}"
        );
        r.signed = false;
        let said = review_summary(&s, &r, iran);
        assert!(said.starts_with("It was not signed. Signed, it would have kept you "));
        assert!(said.contains(&kept), "{said}");
        // Below Iran's walk-away value: no share of a gain to speak of.
        let row = r.stands.iter_mut().find(|x| x.0 == iran).unwrap();
        row.2 = row.1 + 0.1;
        let said = review_summary(&s, &r, iran);
        assert!(
            said.contains("worth less to you than your walk-away value"),
            "{said}"
        );
        // The mediator is told the balance only.
        let mut m = reviews[oman].clone();
        assert!(review_summary(&s, &m, oman).starts_with("The deal reaches "));
        m.signed = false;
        let said = review_summary(&s, &m, oman);
        assert!(
            said.contains("how evenly it would have served everyone"),
            "{said}"
        );
        assert!(
            said.contains(&format!("{:.0}\u{a0}%", 100.0 * m.balance)),
            "{said}"
        );
    }

    /// The danger line names the chance of war above the danger line, where it begins below
    /// it, and the event that could carry tension over it, only while the deck lets it come.
    #[test]
    fn the_danger_names_the_chance_the_line_and_the_shock_that_could_cross_it() {
        let s = geneva();
        let mut st = Negotiation::start(&s);
        let n = s.events.len();
        let deck = crate::sim::Deck {
            cooldown: vec![0; n],
            fired: vec![false; n],
        };
        let coming = |st: &Negotiation| -> Vec<Coming> {
            let next = rules::opened(st);
            (0..n).map(|e| deck.may_come(&s, &next, e)).collect()
        };
        let line = s.tension.escalation_threshold;
        st.tension = line - 5.0;
        let all = coming(&st);
        let d = Danger::of(&s, &st, &all, None);
        assert_eq!(d.chance, 0.0);
        let shock = d.shock.clone().expect("an event could carry tension over");
        assert!(
            st.tension + shock.rise > line && !shock.certain,
            "{shock:?}"
        );
        // It is the largest rise among the events that may come now.
        for (ev, _) in s.events.iter().zip(&all).filter(|x| *x.1 != Coming::No) {
            let r = rise(&ev.effects);
            assert!(r <= shock.rise, "{} would add {r}", ev.headline);
        }
        let text = d.text(&s);
        assert!(text.contains(&format!("above {line:.0}")), "{text}");
        assert!(text.contains(&shock.what) && d.worth_telling(), "{text}");
        // With how likely it is this week: one draw with `event_chance`, by weight among the
        // events that may come.
        let e = s
            .events
            .iter()
            .position(|e| e.headline == shock.what)
            .unwrap();
        let pool: f64 = (s.events.iter().zip(&all))
            .filter(|x| *x.1 == Coming::ByChance)
            .map(|x| x.0.weight)
            .sum();
        let p = s.rules.event_chance * s.events[e].weight / pool;
        assert_eq!(s.rules.events_per_turn, 1);
        assert_eq!(shock.chance, Some((p, true)));
        let likely = format!("({}, {} likely)", shock.what, rules::describe::chance(p));
        assert!(text.contains(&likely), "{text}");
        // A move of another party could carry it over too (Israel's sabotage); never the
        // player's own, which are its choice.
        let push = d.push.clone().expect("a move could carry tension over");
        assert!(
            st.tension + push.rise > line && text.contains(&push.what),
            "{text}"
        );
        let (who, _) = push.what.split_once(": ").unwrap();
        let q = s.parties.iter().position(|p| p.name == who).unwrap();
        let theirs = Danger::of(&s, &st, &all, Some(q));
        assert!(
            theirs
                .push
                .is_none_or(|x| !x.what.starts_with(&format!("{who}: "))),
            "{who}'s own move"
        );
        // An event and a move that could carry tension over the line only together are both
        // told, with where they could take it; a point lower, neither.
        let (e, m) = (shock.rise, push.rise);
        st.tension = line - (e + m) + 1.0;
        assert!(st.tension + e.max(m) <= line);
        let d = Danger::of(&s, &st, &coming(&st), None);
        let (x, y) = (d.shock.clone().unwrap(), d.push.clone().unwrap());
        assert_eq!((x.rise, y.rise), (e, m));
        let text = d.text(&s);
        // A point over the line, a whole number: "60" in Geneva, with the chance of war the
        // week's end would roll there.
        let top = format!("{:.0}", line + 1.0);
        let odds = rules::describe::chance(rules::escalation_chance(&s, line + 1.0));
        assert!(
            text.ends_with(&format!(
                "; the two together could take it to {top}, where war would be rolled at {odds}"
            )),
            "{text}"
        );
        assert!(rules::escalation_chance(&s, line + 1.0) > 0.0);
        st.tension -= 2.0;
        let d = Danger::of(&s, &st, &coming(&st), None);
        assert!(d.shock.is_none() && d.push.is_none(), "{d:?}");
        st.tension = line - 5.0;
        // The deck rules it out: no shock; far below the line there is nothing worth telling.
        let none = vec![Coming::No; n];
        assert_eq!(Danger::of(&s, &st, &none, None).shock, None);
        st.tension = line - 30.0;
        let calm = Danger::of(&s, &st, &none, None);
        assert!(calm.push.is_none() && !calm.worth_telling());
        // A scheduled event comes for certain: it "adds".
        st.tension = line - 5.0;
        let mut sure = all.clone();
        let e = s
            .events
            .iter()
            .position(|ev| ev.headline == shock.what)
            .unwrap();
        sure[e] = Coming::Certainly;
        let text = Danger::of(&s, &st, &sure, None).text(&s);
        assert!(text.contains("an event adds +"), "{text}");
        // An event that ends the talks in war is named whatever the tension, before any rise.
        let mut armed = (*s).clone();
        let quiet = armed
            .events
            .iter()
            .position(|ev| rise(&ev.effects) < 5.0 && ev.weight > 0.0 && ev.at.is_none())
            .expect("a quiet event");
        armed.events[quiet]
            .effects
            .push(Effect::End(crate::scenario::Ending::War));
        let mut any = vec![Coming::No; n];
        any[quiet] = Coming::ByChance;
        st.tension = line - 30.0;
        let d = Danger::of(&armed, &st, &any, None);
        let x = d.shock.clone().expect("a war-ending event is named");
        assert!(x.war && d.worth_telling(), "{x:?}");
        assert!(
            d.text(&armed).contains("an event could bring war ("),
            "{}",
            d.text(&armed)
        );
        // Of two such events, one that comes for certain is named before one that may, however
        // much tension the other adds.
        let big = (0..n)
            .filter(|&e| e != quiet)
            .max_by(|&a, &b| {
                rise(&armed.events[a].effects).total_cmp(&rise(&armed.events[b].effects))
            })
            .unwrap();
        armed.events[big]
            .effects
            .push(Effect::End(crate::scenario::Ending::War));
        any[big] = Coming::ByChance;
        any[quiet] = Coming::Certainly;
        let x = Danger::of(&armed, &st, &any, None).shock.unwrap();
        assert!(x.certain && x.what == armed.events[quiet].headline, "{x:?}");
        // Above the line: the chance, as the escalation roll has it.
        st.tension = line + 10.0;
        let d = Danger::of(&s, &st, &none, None);
        assert_eq!(d.chance, rules::escalation_chance(&s, st.tension));
        let text = d.text(&s);
        assert!(
            text.starts_with(&format!("war {}", rules::describe::chance(d.chance))),
            "{text}"
        );
    }

    /// A mediator reads what the text is worth to each negotiator by the weights it believes
    /// they give each issue: the true worth where it knows them.
    #[test]
    fn a_mediator_reads_the_texts_worth_to_each_side_as_far_as_it_knows() {
        let s = geneva();
        let oman = s.party_ix("oman").unwrap();
        let iran = s.party_ix("iran").unwrap();
        let st = wander(&s, 4, 5);
        assert_eq!(worth_to_negotiators(&s, &st, iran), None);
        // At the start the United States' weights are hidden from Oman: an estimate.
        let start = worth_to_negotiators(&s, &Negotiation::start(&s), oman).unwrap();
        assert!(
            start.contains("≈") && start.contains("to United States"),
            "{start}"
        );
        assert!(worth_to_negotiators(&s, &st, oman).is_some());
        // Before anyone has pushed or given ground, a hidden party's weights are guessed even:
        // the estimate is the mean value of the clauses to it.
        let open = Negotiation::start(&s);
        let line = worth_to_negotiators(&s, &open, oman).unwrap();
        let us = s.party_ix("united_states").unwrap();
        assert!(!bargain::knows(&s, &open, oman, us));
        let prefs = &s.parties[us].prefs;
        let mean: f64 = (prefs.iter().zip(&open.draft.levels))
            .map(|(p, &l)| p.value(l))
            .sum::<f64>()
            / prefs.len() as f64;
        assert!(
            line.contains(&format!("≈{mean:.2} to United States")),
            "{line}"
        );
        // Where the weights are known, the reading is the true worth.
        let mut seen = st.clone();
        seen.parties[oman].revealed = u32::MAX;
        let line = worth_to_negotiators(&s, &seen, oman).unwrap();
        let u = s.utility(iran, &seen.draft.levels);
        assert!(line.contains(&format!(" {u:.2} to Iran")), "{line}");
        assert!(!line.contains('≈'), "{line}");
    }

    /// The capital line warns only when the turn's income would pass the cap; a move's trust
    /// effect is the trust the preview predicts, in the words of the player's role.
    #[test]
    fn capital_at_the_cap_and_a_moves_trust_are_told() {
        let s = geneva();
        let mut st = Negotiation::start(&s);
        let us = s.party_ix("united_states").unwrap();
        let oman = s.party_ix("oman").unwrap();
        st.parties[us].capital = s.capital.max;
        let at = capital_note(&s, &st, us).unwrap();
        assert!(
            at.starts_with("at the cap of 12: what the week earns is lost"),
            "{at}"
        );
        st.parties[us].capital = s.capital.max - 1.0;
        let near = capital_note(&s, &st, us).unwrap();
        assert!(near.starts_with("near the cap of 12"), "{near}");
        st.parties[us].capital = 1.0;
        assert_eq!(capital_note(&s, &st, us), None);
        let next = rules::opened(&st);
        // A legal choice of `who`: the move with that id (at `target`, when it has one).
        let choice = |who: PartyIx, id: &str, target: Option<PartyIx>| {
            rules::legal_choices(&s, &next, who)
                .into_iter()
                .find(|c| s.moves[c.mv].id == id && (target.is_none() || c.party == target))
                .unwrap_or_else(|| panic!("{} may {id}", s.parties[who].id))
        };
        let shuttle = choice(oman, "shuttle", None);
        let p = &previews(&s, &st, oman, &[shuttle])[0];
        let t = trust_effect(&s, oman, p).expect("shuttling builds trust");
        assert!(
            t.starts_with("trust between Iran and United States +"),
            "{t}"
        );
        // A carry of assurances to Iran raises only Iran's trust in the United States.
        let iran = s.party_ix("iran").unwrap();
        let carry = choice(oman, "carry_assurances", Some(iran));
        let p = &previews(&s, &st, oman, &[carry])[0];
        let t = trust_effect(&s, oman, p).expect("carrying assurances builds trust");
        assert!(t.starts_with("Iran's trust in United States +"), "{t}");
        // Pressing a delegation costs the mediator the pressed side's trust, and says so.
        let press = choice(oman, "press", Some(iran));
        let p = &previews(&s, &st, oman, &[press])[0];
        let t = trust_effect(&s, oman, p).expect("pressing moves trust");
        assert!(t.contains(" · Iran's trust in you -"), "{t}");
        // A mediator's line names whose trust moves, for every move it may make (a bridge
        // read "their trust in you -9.5").
        let (mut named, mut apart) = (0, 0);
        let states =
            std::iter::once(st.clone()).chain((0..30).map(|k| wander(&s, k, 3 + k as u32 % 9)));
        for st in states {
            let all = rules::legal_choices(&s, &rules::opened(&st), oman);
            for p in &previews(&s, &st, oman, &all) {
                let Some(t) = trust_effect(&s, oman, p) else {
                    continue;
                };
                assert!(!t.contains("their ") && !t.contains("them"), "{t}");
                // A range would not say whose figure is which.
                assert!(!t.contains(" to "), "{t}");
                named += usize::from(t.contains("'s and ") || t.contains("' and "));
                apart += usize::from(
                    t.contains("Iran's trust in you") && t.contains("United States' trust in you"),
                );
            }
        }
        assert!(
            named > 0,
            "a move moves both sides' trust in the mediator alike"
        );
        assert!(
            apart > 0,
            "a move moves their trust in the mediator differently"
        );
        let conciliatory = choice(us, "conciliatory", None);
        let p = &previews(&s, &st, us, &[conciliatory])[0];
        let t = trust_effect(&s, us, p).expect("a conciliatory statement earns trust");
        assert!(t.starts_with("their trust +"), "{t}");
        let (_, d) = p
            .trust
            .iter()
            .find(|(q, _)| s.parties[*q].id == "iran")
            .unwrap();
        assert_eq!(
            t,
            format!("their trust {}", rules::describe::signed_points(*d)),
            "against {d}"
        );
    }

    /// Hints follow their conditions on the week as it opens, with the player as `Actor`, and
    /// reach only the players they are meant for.
    #[test]
    fn a_hint_shows_to_its_players_in_the_weeks_its_conditions_hold() {
        let s = tutorial();
        let ix = |id: &str| s.party_ix(id).unwrap();
        let (aldoria, belmar, commission) = (ix("aldoria"), ix("belmar"), ix("commission"));
        let has = |st: &Negotiation, p: PartyIx, words: &str| {
            hints(&s, st, p).iter().any(|h| h.contains(words))
        };
        let start = Negotiation::start(&s);
        // The first week: the opening hint for everyone; the negotiators' and the mediator's
        // own advice only for them.
        for p in [aldoria, belmar, commission] {
            assert!(has(&start, p, "Each week you choose one move"), "{p}");
        }
        assert!(has(&start, aldoria, "Propose amendments"));
        assert!(!has(&start, commission, "Propose amendments"));
        assert!(has(&start, commission, "You keep the text"));
        assert!(!has(&start, belmar, "You keep the text"));
        // From the second week, while flow monitoring is out of the text.
        let mut st = start.clone();
        st.week = 1;
        assert!(!has(&st, aldoria, "Each week you choose one move"));
        assert!(has(&st, aldoria, "flow monitoring out"));
        // Belmar's player is told of its own red line in its own words.
        assert!(!has(&st, belmar, "flow monitoring out"));
        assert!(has(&st, belmar, "Your red lines: at least a third"));
        let m = s.issue_ix("monitoring").unwrap();
        st.draft.levels[m] = Some(0);
        assert!(!has(&st, aldoria, "flow monitoring out"));
        // `Actor` is the player: Belmar's trust in Aldoria warns Aldoria's player, not Belmar's.
        assert!(!has(&st, aldoria, "trust in you is below"));
        st.trust.push(rules::TrustMod {
            from: belmar,
            to: aldoria,
            source: rules::Source::Drift,
            value: -20.0,
            decay: 0.0,
            born: 0,
        });
        assert!(st.trust(belmar, aldoria) < 36.0);
        assert!(has(&st, aldoria, "trust in you is below"));
        assert!(!has(&st, belmar, "trust in you is below"));
        // A scenario without hints has none to show.
        assert!(hints(&geneva(), &Negotiation::start(&geneva()), 0).is_empty());
    }

    #[test]
    fn a_contested_clause_says_who_undid_a_change_and_how_long_the_ai_waits() {
        let s = geneva();
        let mut d = Negotiation::start(&s).draft;
        let i = s.issue_ix("sanctions").unwrap();
        let iran = s.party_ix("iran").unwrap();
        assert_eq!(contested_note(&s, &d, i), None);
        d.contested = 1 << i;
        d.last[i] = Some(rules::Change {
            issue: i,
            from: Some(2),
            to: Some(1),
            by: iran,
        });
        let note = |s: &Scenario, d: &rules::Draft| contested_note(s, d, i).unwrap_or_default();
        let p = s.ai.patience;
        assert!(p >= 2);
        let says = |d: &rules::Draft, what: &str| {
            let n = note(&s, d);
            assert!(
                n.starts_with("Sanctions relief is contested: Iran undid another party's change"),
                "{n}"
            );
            assert!(n.contains(what), "{n}");
        };
        says(
            &d,
            &format!(
                "For {p} more weeks no AI negotiator amends it in its own favour while it stays \
                 contested (a concession, a bridge or a full text still may)."
            ),
        );
        d.unchanged[i] = p - 1;
        says(
            &d,
            "For 1 more week no AI negotiator amends it in its own favour while it stays",
        );
        d.unchanged[i] = p + 3;
        says(&d, "AI negotiators may amend it in their own favour again.");
        // Where the AI does not wait, the note says only who undid the change.
        let mut impatient = (*s).clone();
        impatient.ai.patience = 0;
        assert!(note(&impatient, &d).ends_with("undid another party's change of it."));
    }

    #[test]
    fn a_viewer_sees_only_the_priorities_it_may_know() {
        let s = geneva();
        let st = Negotiation::start(&s);
        let iran = s.party_ix("iran").unwrap();
        let us = s.party_ix("united_states").unwrap();
        for w in wants(&s, &st, Some(iran), 0) {
            let hidden = s.parties[w.party].hidden_preferences && w.party != iran;
            assert_eq!(w.known, !hidden, "{}", s.parties[w.party].id);
            if hidden {
                // The believed weight is the even guess, not the true one.
                assert!((w.weight - 1.0 / s.issues.len() as f64).abs() < 1e-9);
            } else {
                assert_eq!(w.weight, s.parties[w.party].prefs[0].weight);
            }
        }
        // An observer sees everything.
        assert!(wants(&s, &st, None, 0).iter().all(|w| w.known));
        // The briefing never gives a hidden party's priorities.
        let b = briefing(&s, &st, iran);
        let us_card = b.counterparts.iter().find(|c| c.party == us).unwrap();
        assert_eq!(
            us_card.priorities.is_some(),
            !s.parties[us].hidden_preferences
        );
    }

    #[test]
    fn marks_and_fits_follow_the_rules_on_every_state() {
        let s = geneva();
        for seed in 0..30 {
            let st = wander(&s, seed, (seed % 10) as u32);
            for i in 0..s.issues.len() {
                for m in line_marks(&s, &st.draft.levels, i) {
                    let r = &s.parties[m.party].red_lines[m.line];
                    assert!(r.covers(i));
                    assert_eq!(m.kept, r.keeps(&st.draft.levels));
                }
                for w in wants(&s, &st, None, i) {
                    let pref = &s.parties[w.party].prefs[i];
                    assert_eq!(w.here, pref.value(st.draft.levels[i]));
                    assert_eq!(w.fit, Fit::of(pref.weight, w.here));
                }
            }
        }
    }

    /// The note over the moves names who moves first and could change the text, exactly when
    /// someone can and the player has a move on the text: Oman after both negotiators in odd
    /// weeks, Iran first of all.
    #[test]
    fn the_moves_are_told_who_may_change_the_text_first() {
        let s = geneva();
        let [iran, us, oman] = ["iran", "united_states", "oman"].map(|p| s.party_ix(p).unwrap());
        let (mut told, mut quiet, mut after_both, mut whole_told) = (0, 0, 0, 0);
        let mut spared = 0;
        for seed in 0..40 {
            let st = wander(&s, seed, (seed % 8) as u32);
            let next = rules::opened(&st);
            for me in 0..s.parties.len() {
                let note = redraft_order_note(&s, &st, me, &[]);
                let order = rules::move_order(&s, next.week);
                let at = order.iter().position(|&q| q == me).unwrap();
                let redrafter = |&q: &PartyIx| {
                    next.parties[q].present
                        && (s.moves.iter().enumerate()).any(|(mx, m)| {
                            s.derived.moves[mx].users >> q & 1 == 1
                                && m.effects.iter().any(|e| {
                                    matches!(e, Effect::Draft(_) | Effect::Bridge | Effect::Offer)
                                })
                        })
                };
                let later: Vec<PartyIx> =
                    order[at + 1..].iter().copied().filter(redrafter).collect();
                let first: Vec<PartyIx> = order[..at].iter().copied().filter(redrafter).collect();
                // Only for a player with a move on the text open this week (at the table, and
                // able to pay for it).
                let open = rules::legal_choices(&s, &next, me);
                let mine = open.iter().any(|c| s.derived.moves[c.mv].redrafts);
                let anyone = !first.is_empty() || !later.is_empty();
                assert_eq!(note.is_some(), mine && anyone, "seed {seed}");
                if let Some(n) = note {
                    for &q in first.iter().chain(&later) {
                        assert!(n.contains(&s.parties[q].name), "{n}");
                    }
                    assert_eq!(n.contains("after you"), !later.is_empty(), "{n}");
                    // Those after it who may table a whole text are named with the move: it
                    // redraws every clause.
                    let whole: Vec<PartyIx> = (later.iter().copied())
                        .filter(|&q| {
                            rules::legal_choices(&s, &next, q)
                                .iter()
                                .any(|c| s.moves[c.mv].effects.contains(&Effect::Offer))
                        })
                        .collect();
                    assert_eq!(
                        n.contains("which redraws every clause"),
                        !whole.is_empty(),
                        "{n}"
                    );
                    if let [q] = whole.as_slice() {
                        let said = format!("({} may play Table a full text", s.parties[*q].name);
                        assert!(n.contains(&said), "{n}");
                        whole_told += 1;
                    }
                    // Told of the parties the AI plays, those that leave the text alone this
                    // turn are left out of who may change it after the player.
                    let all: Vec<PartyIx> = (0..s.parties.len()).collect();
                    let later_ai: Vec<PartyIx> = (later.iter().copied())
                        .filter(|&q| !crate::ai::leaves_text(&s, &next, q))
                        .collect();
                    if later_ai.len() < later.len() {
                        spared += 1;
                    }
                    if let Some(m) = redraft_order_note(&s, &st, me, &all) {
                        assert_eq!(m.contains("after you"), !later_ai.is_empty(), "{m}");
                    }
                    // The one-clause steps open to it that give their price back are named.
                    for c in open
                        .iter()
                        .filter(|c| !first.is_empty() && s.derived.moves[c.mv].steps)
                    {
                        assert!(n.contains(&s.moves[c.mv].name), "{n}");
                        assert!(n.contains("costs nothing if they leave it nothing"), "{n}");
                    }
                    told += 1;
                } else {
                    quiet += 1;
                }
            }
            // Odd weeks: the parties' order, Iran first, Oman after both negotiators.
            if next.week % 2 == 1 && next.parties[iran].present && next.parties[us].present {
                // Iran first: only those after it (the United States, Oman) are named.
                if let Some(n) = redraft_order_note(&s, &st, iran, &[]) {
                    assert!(!n.contains("before you"), "{n}");
                    assert!(n.contains("United States and Oman move after you"), "{n}");
                }
                if let Some(n) = redraft_order_note(&s, &st, oman, &[]) {
                    assert!(n.contains("Iran and United States move before you"), "{n}");
                    after_both += 1;
                }
            }
        }
        assert!(
            told > 0 && quiet > 0 && after_both > 0 && whole_told > 0 && spared > 0,
            "{told} {quiet} {after_both} {whole_told} {spared}"
        );
    }

    #[test]
    fn a_preview_is_what_the_turn_then_does() {
        let s = geneva();
        let (mut reopening, mut turned, mut linked, mut contesting) = (0, 0, 0, 0);
        let mut uncontesting = 0;
        let (mut own_turned, mut withdrawing) = (0, 0);
        let (mut spared, mut pushed, mut lapsing, mut accepting) = (0, 0, 0, 0);
        // The negotiators, and the mediator (whose own trust is not a negotiator's).
        for me in ["iran", "united_states", "oman"].map(|p| s.party_ix(p).unwrap()) {
            for seed in 0..30 {
                let st = wander(&s, seed, (seed % 6) as u32);
                let choices = rules::legal_choices(&s, &rules::opened(&st), me);
                let previews = previews(&s, &st, me, &choices);
                let next = rules::opened(&st);
                let mut a = Scratch::default();
                let idle = rules::predict_idle(&s, &next, &mut a).clone();
                for (c, pv) in choices.iter().zip(&previews) {
                    let after = rules::predict(&s, &next, &Act::of_move(me, *c), &mut a);
                    assert_eq!(pv.mover, Some(me));
                    for i in 0..s.issues.len() {
                        let moved = pv.clauses.iter().find(|x| x.0 == i);
                        match moved {
                            Some(&(_, from, to)) => assert_eq!(
                                (from, to),
                                (idle.draft.levels[i], after.draft.levels[i])
                            ),
                            None => assert_eq!(idle.draft.levels[i], after.draft.levels[i]),
                        }
                    }
                    let d = after.support(&s, me) - idle.support(&s, me);
                    assert!((pv.support - d).abs() < 1e-9);
                    // Every party's hardliners it moves (the mover's own too: they move its
                    // walk-away value), now and where they head.
                    for p in 0..s.parties.len() {
                        let now = after.parties[p].hardliners - idle.parties[p].hardliners;
                        let to =
                            after.parties[p].hardliners_target - idle.parties[p].hardliners_target;
                        let said = pv.hardliners.iter().find(|h| h.0 == p);
                        if now.abs() >= 0.05 || to.abs() >= 0.05 {
                            let &(_, n, t) = said.expect("listed");
                            assert!((n - now).abs() < 1e-9 && (t - to).abs() < 1e-9);
                            pushed += 1;
                        } else {
                            assert!(said.is_none());
                        }
                    }
                    // An acceptance that would lapse by the end of the turn says so.
                    let accepts = s.derived.moves[c.mv].accepts;
                    assert_eq!(pv.lapses, accepts && !after.parties[me].accepted);
                    lapsing += usize::from(pv.lapses);
                    accepting += usize::from(accepts && !pv.lapses);
                    // Trust between the others: every pair a negotiator or the mover trusts a
                    // negotiator, each listed once when it moves.
                    for from in
                        (0..s.parties.len()).filter(|&f| f == me || s.negotiators.contains(&f))
                    {
                        for &to in s.negotiators.iter().filter(|&&t| t != from && t != me) {
                            let d = after.trust(from, to) - idle.trust(from, to);
                            let said: Vec<_> = pv
                                .links
                                .iter()
                                .filter(|l| (l.0, l.1) == (from, to))
                                .collect();
                            if d.abs() >= 0.05 {
                                assert_eq!(said.len(), 1);
                                assert!((said[0].2 - d).abs() < 1e-9);
                                linked += 1;
                            } else {
                                assert!(said.is_empty());
                            }
                        }
                    }
                    // Every answer to "would you sign?" that the move turns, and no other.
                    for &q in &s.negotiators {
                        let signs = |st: &Negotiation| rules::verdict(&s, st, q).would_sign;
                        let said = pv.signs.iter().find(|x| x.0 == q).map(|x| x.2);
                        assert!(!pv.last);
                        if signs(&idle) == signs(after) {
                            assert_eq!(said, None);
                        } else {
                            assert_eq!(said, Some(signs(after)));
                            turned += 1;
                        }
                    }
                    // When it turns the mover's own answer, a reason that turns it: one against
                    // signing in the answer it brings (to no) or in the one it takes away (to
                    // yes), and never in the other; its line says it.
                    let (was, now) = (rules::verdict(&s, &idle, me), rules::verdict(&s, after, me));
                    match (was.would_sign, now.would_sign, pv.own_reason) {
                        (a, b, None) => assert_eq!(a, b, "a turned answer has its reason"),
                        (a, b, Some(g)) => {
                            assert_ne!(a, b, "a reason only for a turned answer");
                            let (against, other) = if b { (&was, &now) } else { (&now, &was) };
                            assert!(g.against() && against.grounds.contains(&g), "{g:?}");
                            assert!(other.grounds.iter().all(|x| !x.against()));
                            own_turned += 1;
                            let text = g.text(&s, me);
                            assert!(pv.lines(&s).iter().any(|l| l.contains(&text)), "{text}");
                        }
                    }
                    // The clauses it says it reopens are the ones the rules charge for reopening:
                    // banked as the turn opens and changed; and it names as hurt exactly the
                    // other negotiators whose utility the change lowers.
                    let mut applied = rules::Applied::default();
                    let mut acted = next.clone();
                    rules::apply(&s, &mut acted, &Act::of_move(me, *c), &mut applied);
                    // The acceptances it withdraws: those standing as the turn opens that the act
                    // leaves withdrawn (a party that walks out is told as leaving), each named.
                    let withdrawn: Vec<PartyIx> = (0..s.parties.len())
                        .filter(|&q| next.parties[q].accepted && !acted.parties[q].accepted)
                        .filter(|&q| acted.parties[q].present)
                        .collect();
                    assert_eq!(pv.withdrawn, withdrawn);
                    if let Some(&q) = withdrawn.iter().find(|&&q| q != me) {
                        let line = pv
                            .lines(&s)
                            .into_iter()
                            .find(|l| l.starts_with("withdraws"));
                        assert!(line.expect("told").contains(&s.parties[q].name));
                        withdrawing += 1;
                    }
                    let charged: Vec<_> = applied
                        .reopened
                        .iter()
                        .map(|&(i, _, hurt)| (i, hurt))
                        .collect();
                    assert_eq!(pv.reopens, charged);
                    for &(i, hurt) in &pv.reopens {
                        assert!(next.draft.banked[i]);
                        let (from, to) = (next.draft.levels[i], after.draft.levels[i]);
                        assert_ne!(from, to);
                        for &q in s.negotiators.iter().filter(|&&q| q != me) {
                            let mut text = next.draft.levels.clone();
                            let before = s.utility(q, &text);
                            text[i] = to;
                            let lowered = s.utility(q, &text) < before - 1e-12;
                            assert_eq!(hurt & (1 << q) != 0, lowered, "{}", s.issues[i].id);
                            spared += usize::from(!lowered);
                        }
                    }
                    reopening += usize::from(!charged.is_empty());
                    // The clauses it says it contests are the ones the rules mark contested, and
                    // the party whose change it undoes.
                    let contested: Vec<_> =
                        applied.contested.iter().map(|&(i, _, q)| (i, q)).collect();
                    assert_eq!(pv.contests, contested);
                    contesting += usize::from(!contested.is_empty());
                    // The contested clauses it moves somewhere new are no longer contested, and
                    // the card says so on the clause's line.
                    let ended: Vec<IssueIx> = (0..s.issues.len())
                        .filter(|&i| next.draft.is_contested(i) && !acted.draft.is_contested(i))
                        .collect();
                    assert_eq!(pv.uncontests, ended);
                    let lines = pv.lines(&s).join("\n");
                    for &i in &ended {
                        let said = format!("{}: ", s.issues[i].name);
                        assert!(
                            (lines.lines())
                                .any(|l| l.contains(&said) && l.contains("ends the contest")),
                            "{lines}"
                        );
                        uncontesting += 1;
                    }
                }
            }
        }
        assert!(reopening > 0, "some move reopens a banked clause");
        assert!(
            spared > 0,
            "some reopening spares a negotiator (a concession)"
        );
        assert!(pushed > 0, "some move moves another party's hardliners");
        assert!(
            withdrawing > 0,
            "some move withdraws another party's acceptance"
        );
        // With the feasibility analysis's text, Iran's acceptance stands when its trust in the
        // United States is ample, and lapses when its trust is just enough now but fades below
        // what signing needs by the end of the week.
        let (iran, us) = (
            s.party_ix("iran").unwrap(),
            s.party_ix("united_states").unwrap(),
        );
        for (lift, fade, lapses) in [(100.0, 0.0, false), (0.5, 8.0, true)] {
            let mut st = Negotiation::start(&s);
            st.draft.levels = crate::scenario::analyse(&s).best.expect("a package").levels;
            let mut lift_to = |from, to, value: f64, decay| {
                let value = value - st.trust(from, to);
                st.trust.push(rules::TrustMod {
                    from,
                    to,
                    source: rules::Source::Drift,
                    value,
                    decay,
                    born: 0,
                });
            };
            lift_to(us, iran, 100.0, 0.0);
            lift_to(iran, us, s.rules.min_trust + lift, fade);
            let choices = rules::legal_choices(&s, &rules::opened(&st), iran);
            let accept = choices
                .iter()
                .position(|c| s.derived.moves[c.mv].accepts)
                .expect("Iran may accept");
            let pv = &previews(&s, &st, iran, &choices)[accept];
            assert_eq!(pv.lapses, lapses, "{:?}", pv.lines(&s));
            // The answers warn of the same: if nobody moves, Iran no longer signs by the end of
            // the week, for want of trust.
            let ahead = outlook(&s, &st);
            let turns = ahead.iter().find(|v| v.party == iran);
            assert_eq!(turns.is_some(), lapses, "{ahead:?}");
            if let Some(v) = turns {
                let line = outlook_line(&s, v, true);
                assert!(
                    !v.would_sign
                        && line.starts_with("If nobody moves, at the end of the week: Iran would no longer sign (we trust United States at "),
                    "{line}"
                );
            }
            lapsing += usize::from(pv.lapses);
            accepting += usize::from(!pv.lapses);
        }
        assert!(lapsing > 0 && accepting > 0);
        assert!(contesting > 0, "some move contests a clause");
        assert!(uncontesting > 0, "some move ends a contest");
        assert!(turned > 0, "some move turns an answer");
        assert!(own_turned > 0, "some move turns the mover's own answer");
        assert!(linked > 0, "some move changes the trust between others");
    }

    /// A negotiator away from the table is told how long it has been away and how near the
    /// talks are to collapsing, counted as the outcome counts it.
    #[test]
    fn an_absent_negotiator_is_told_when_the_talks_collapse() {
        let s = geneva();
        let iran = s.party_ix("iran").unwrap();
        let mut st = Negotiation::start(&s);
        assert_eq!(away(&s, &st, iran), None);
        st.parties[iran].present = false;
        for weeks in 0..s.rules.collapse_after {
            st.parties[iran].absent_weeks = weeks;
            let said = away(&s, &st, iran).expect("away");
            let last = weeks + 1 == s.rules.collapse_after;
            assert_eq!(
                said.ends_with("the talks collapse if it is still away at the end of this week"),
                last,
                "{said}"
            );
            // The outcome agrees: one more week's end away is a collapse exactly then.
            let mut then = st.clone();
            then.parties[iran].absent_weeks += 1;
            let collapses = rules::score::settled(&s, &then)
                .is_some_and(|o| o.kind == rules::OutcomeKind::Collapse);
            assert_eq!(collapses, last, "{said}");
        }
    }

    #[test]
    fn the_briefing_says_how_the_walk_away_value_moves_as_the_rules_move_it() {
        let s = geneva();
        let iran = s.party_ix("iran").unwrap();
        let st = Negotiation::start(&s);
        let b = briefing(&s, &st, iran);
        let r = &s.parties[iran].reservation;
        let mut hot = st.clone();
        hot.tension += 20.0;
        let (now, then) = (
            rules::stand(&s, &st, iran).reservation,
            rules::stand(&s, &hot, iran).reservation,
        );
        let said_rise = b.walk_away_moves.contains("rises as tension rises");
        assert_eq!(said_rise, r.tension > 0.0, "{}", b.walk_away_moves);
        if r.tension != 0.0 {
            assert_eq!(then > now, r.tension > 0.0, "{now} → {then}");
        }
        // A mediator signs nothing: no walk-away value, and the others read no wants of its.
        let oman = s.party_ix("oman").unwrap();
        assert_eq!(briefing(&s, &st, oman).walk_away, None);
        let card = b.counterparts.iter().find(|c| c.party == oman).unwrap();
        assert_eq!(card.cares(&s, iran), None);
        // A hidden side's priorities: the screens name the move that reveals them (a back channel
        // for Iran, carrying assurances for the mediator).
        let hidden = |me: PartyIx| -> Vec<String> {
            briefing(&s, &st, me)
                .counterparts
                .iter()
                .filter_map(|c| c.cares(&s, me))
                .filter(|t| t.contains("is hidden"))
                .collect()
        };
        assert_eq!(revealing_move(&s, iran), Some("Back channel through Oman"));
        assert_eq!(revealing_move(&s, oman), Some("Carry assurances"));
        assert!(
            hidden(iran)
                .iter()
                .any(|t| t.contains("“Back channel through Oman”"))
        );
        assert!(
            hidden(oman)
                .iter()
                .any(|t| t.contains("“Carry assurances”"))
        );
        // A party with no such move is not told of one.
        let israel = s.party_ix("israel").unwrap();
        assert!(!can_reveal(&s, israel));
        assert!(
            briefing(&s, &st, israel)
                .counterparts
                .iter()
                .filter_map(|c| c.cares(&s, israel))
                .all(|t| !t.contains("learn it"))
        );
    }

    /// A move that moves the mover's own hardliners says so, this week and where they head
    /// (Hold firm read only "support at home +0.8"), and names them as the mover's.
    #[test]
    fn a_preview_names_the_movers_own_hardliners() {
        let s = geneva();
        let iran = s.party_ix("iran").unwrap();
        let firm = s.move_ix("hold_firm").expect("Geneva has hold firm");
        let st = Negotiation::start(&s);
        let c = Choice {
            mv: firm,
            party: None,
            issue: None,
        };
        let p = previews(&s, &st, iran, &[c]).pop().expect("a preview");
        let &(_, now, heading) = (p.hardliners.iter())
            .find(|h| h.0 == iran)
            .expect("its own hardliners");
        assert!(now > 0.0 && heading > now, "{now} {heading}");
        let line = (p.lines(&s).into_iter())
            .find(|l| l.starts_with("your hardliners' support +"))
            .unwrap_or_else(|| panic!("{:?}", p.lines(&s)));
        assert!(
            line.contains(&format!("this week, {heading:+.1} in where it is heading")),
            "{line}"
        );
    }

    /// The briefing names the events that may shake the talks most, each with what it does and
    /// when it can come, an event's actor by its name.
    #[test]
    fn the_briefing_names_the_biggest_shocks_and_when_they_come() {
        let s = geneva();
        let st = Negotiation::start(&s);
        let b = briefing(&s, &st, s.party_ix("united_states").unwrap());
        let strike = b
            .shocks
            .iter()
            .find(|x| x.starts_with("Israeli strike on an Iranian nuclear facility: "))
            .expect("the Israeli strike is a shock");
        for part in [
            "tension +16",
            "every acceptance withdrawn",
            "it can come with agreement above 40 and Israel's hardliners' support above 58",
        ] {
            assert!(strike.contains(part), "{strike}");
        }
        // A shock to the hardliners reads as their support for the leadership.
        let leak = (b.shocks.iter())
            .find(|x| x.contains("hardliners' support -"))
            .expect("a shock withdraws hardliners' support");
        assert!(!leak.contains("hardliners -"), "{leak}");
        // Small events are left out: every shock moves tension or trust by 7 or more, withdraws
        // the acceptances or ends the game.
        assert!(b.shocks.len() < s.events.len());
        for x in &b.shocks {
            assert!(!x.contains("you"), "an event's actor is named: {x}");
        }
    }

    #[test]
    fn the_briefing_lists_aims_heaviest_first_and_every_red_line() {
        let s = geneva();
        let st = Negotiation::start(&s);
        for &me in &s.negotiators {
            let b = briefing(&s, &st, me);
            assert!(!b.aims.is_empty());
            assert!(b.aims.windows(2).all(|w| w[0].weight >= w[1].weight));
            assert_eq!(b.red_lines.len(), s.parties[me].red_lines.len());
            assert_eq!(b.counterparts.len(), s.parties.len() - 1);
            assert!(b.endings.iter().any(|e| e.starts_with("War")));
            assert!(b.walk_away.is_some_and(|w| (0.0..=1.0).contains(&w)));
        }
    }
}
