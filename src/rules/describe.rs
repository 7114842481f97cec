//! English for the typed reasons of the rules: what the log, the terminal and the window print.
//! Nothing in the rules reads these strings.

use super::score::{Ground, Reason, Verdict};
use super::state::Negotiation;
use crate::scenario::{Condition, IssueIx, PartyIx, Role, Scenario, Subject};

/// The trust a party pays for reopening a banked clause, as a clause to add after the words
/// "reopens the banked clause", e.g. ": Iran trusts it 12 less (10 at the week's end), fading 2 a week" or ": every other negotiator
/// trusts you 12 less (10 at the week's end), fading 2 a week" (`whom`: how the party is named; `hurt`: the negotiators the change
/// hurts, as [`rules::resenters`](super::effects::resenters) gives them); empty when reopening
/// costs nothing in this scenario. The loss stops where trust reaches 0.
pub fn reopen_price(s: &Scenario, actor: PartyIx, hurt: u32, whom: &str) -> String {
    let cost = s.rules.reopen_cost;
    if cost <= 0.0 {
        return String::new();
    }
    let others: Vec<PartyIx> = s
        .negotiators
        .iter()
        .copied()
        .filter(|&q| q != actor)
        .collect();
    let names: Vec<&str> = others
        .iter()
        .filter(|&&q| hurt & (1 << q) != 0)
        .map(|&q| s.parties[q].name.as_str())
        .collect();
    let (who, verb) = match names.as_slice() {
        [] => return ", at no cost in trust: no other negotiator loses by the change".into(),
        [one] => ((*one).to_string(), "trusts"),
        _ if names.len() < others.len() => {
            let (last, first) = names.split_last().unwrap_or((&"", &[]));
            (format!("{} and {last}", first.join(", ")), "trust")
        }
        _ if s.negotiators.contains(&actor) => ("every other negotiator".into(), "trusts"),
        _ => ("every negotiator".into(), "trusts"),
    };
    let decay = s.rules.reopen_decay;
    let fading = if decay > 0.0 {
        // What is left at the turn's end, where the ledgers and the moves' lines read it.
        format!(
            " ({} at the {one}'s end), fading {} a {one}",
            points(-super::state::faded(-cost, decay, 1)),
            points(decay),
            one = s.turn.one
        )
    } else {
        String::new()
    };
    format!(": {who} {verb} {whom} {} less{fading}", points(cost))
}

/// A trust change that fades, as it reads from the moment it comes: the change, what is left
/// of it at that turn's end (where the ledgers and the moves' lines read it) and how fast it
/// fades: "-12 when it comes (-9 at the week's end), fading 3 a week". A lasting one is its
/// figure alone; one that the turn's end takes whole says so ("+2 until the week's end").
pub fn fading_change(s: &Scenario, value: f64, decay: f64) -> String {
    if decay <= 0.0 {
        return signed_points(value);
    }
    let left = super::state::faded(value, decay, 1);
    if left == 0.0 {
        return format!(
            "{} until the {one}'s end, when it is gone",
            signed_points(value),
            one = s.turn.one
        );
    }
    format!(
        "{} when it comes ({} at the {one}'s end), fading {} a {one}",
        signed_points(value),
        signed_points(left),
        points(decay),
        one = s.turn.one
    )
}

/// Who a subject names, as the player who acts (`you`) reads it.
fn subject(s: &Scenario, x: &Subject) -> String {
    match x {
        Subject::Actor => "you".into(),
        Subject::Target => "the target".into(),
        Subject::Party(p) => s.parties[*p].name.clone(),
        Subject::Role(r) => match r {
            Role::Negotiator => "every negotiator",
            Role::Mediator => "the mediator",
            Role::Spoiler => "every spoiler",
            Role::Regional => "every regional state",
        }
        .into(),
        Subject::Others => "every other party".into(),
        Subject::OtherNegotiators => "the other negotiators".into(),
        Subject::All => "every party".into(),
    }
}

/// The parties a subject names, in words, for a move ("you") or an event whose `actor` is a
/// party (its name).
pub fn subject_of(s: &Scenario, x: &Subject, actor: Option<usize>) -> String {
    match (x, actor) {
        (Subject::Actor, Some(a)) => s.parties[a].name.clone(),
        _ => subject(s, x),
    }
}

/// A name with its possessive: "Iran's", "the United States'" for a name ending in s.
pub fn possessive(name: &str) -> String {
    if name.ends_with('s') {
        format!("{name}'")
    } else {
        format!("{name}'s")
    }
}

/// A trust figure that no signing reads (a regional state's, a spoiler's, the mediator's trust
/// in a party), as the screens show it: whole points, cut, with one decimal (cut) within a point
/// of a level a condition of the scenario's moves or events compares trust with (a hint's are
/// the player's own, and a networked seat is not sent the others') (a tester read
/// "Qatar 55" of a trust above 55, where "above 55 (not 55 itself)" opened Qatar's guarantees).
pub fn trust_plain(s: &Scenario, trust: f64) -> String {
    let levels = (s.moves.iter().flat_map(|m| &m.conditions))
        .chain(s.events.iter().flat_map(|e| &e.conditions))
        .filter_map(|c| match c {
            Condition::TrustAbove(_, _, v) | Condition::TrustBelow(_, _, v) => Some(*v),
            _ => None,
        });
    let near = levels.min_by(|a, b| (a - trust).abs().total_cmp(&(b - trust).abs()));
    trust_figure(trust, near.unwrap_or(f64::INFINITY))
}

/// Party `from`'s `trust` in `to` as the screens show it: to a tenth near what signing needs
/// where a deal needs it (between two negotiators: [`trust_figure`]), near a level a condition
/// reads otherwise ([`trust_plain`]). A tester read "Qatar 54.7 after a quiet week" in one line
/// and "54 after a quiet week" in Qatar's ledger below it.
pub fn trust_shown(s: &Scenario, from: PartyIx, to: PartyIx, trust: f64) -> String {
    let signing = |p: PartyIx| s.parties[p].role == Role::Negotiator;
    if signing(from) && signing(to) {
        trust_figure(trust, s.rules.min_trust)
    } else {
        trust_plain(s, trust)
    }
}

/// Issue weights heaviest first (ties in issue order), the issues of no weight left out.
pub fn heaviest_first(weights: impl Iterator<Item = f64>) -> Vec<(IssueIx, f64)> {
    let mut w: Vec<(IssueIx, f64)> = weights.enumerate().filter(|(_, x)| *x > 0.0).collect();
    w.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    w
}

/// The news, to party `a` alone, that its move has shown it party `q`'s hidden priorities: their
/// four heaviest issues with their weights. A tester's back channel revealed them, and it found
/// them only by asking for the trust screen. In the third person, as all news: an observer (a
/// facilitator, a watched game) reads every party's.
pub fn priorities_learned(s: &Scenario, a: PartyIx, q: PartyIx) -> String {
    let top: Vec<String> = (heaviest_first(s.parties[q].prefs.iter().map(|p| p.weight)).iter())
        .take(4)
        .map(|&(i, w)| format!("{} {:.0}\u{a0}%", s.issues[i].name, 100.0 * w))
        .collect();
    let (a, q) = (&s.parties[a].name, &s.parties[q].name);
    format!(
        "{a} now knows what {q} cares about most, which {q} had kept hidden: {} (news to {a} \
         alone; its screens now give these weights, not an estimate).",
        top.join(", ")
    )
}

/// A condition of a move or an event in words, as the player who would make the move reads it
/// ("from week 2", "your trust in Israel below 3").
pub fn condition(s: &Scenario, c: &Condition) -> String {
    condition_of(s, c, None)
}

/// [`condition`] of an event whose `actor` is a party: the party by name where a move's
/// condition says "you".
pub fn condition_of(s: &Scenario, c: &Condition, actor: Option<usize>) -> String {
    let who = |x: &Subject| subject_of(s, x, actor);
    // "your trust", "Iran's trust", "every negotiator's trust".
    let whose = |x: &Subject| match (x, actor) {
        (Subject::Actor, None) => "your".to_string(),
        _ => possessive(&who(x)),
    };
    let turn = &s.turn.one;
    let mv = |m: &usize| s.moves[*m].name.as_str();
    let flag = |k: &usize| s.flags.get(*k).map_or("?", String::as_str);
    match c {
        Condition::TensionAbove(v) => format!("tension above {v}"),
        Condition::TensionBelow(v) => format!("tension below {v}"),
        Condition::AgreementAbove(v) => format!("agreement above {v}"),
        Condition::AgreementBelow(v) => format!("agreement below {v}"),
        Condition::WeekAtLeast(w) => format!("{turn} {w} or later"),
        Condition::WeekAtMost(w) => format!("{turn} {w} or earlier"),
        Condition::TrustBelow(x, y, v) => format!("{} trust in {} below {v}", whose(x), who(y)),
        Condition::TrustAbove(x, y, v) => format!("{} trust in {} above {v}", whose(x), who(y)),
        Condition::HardlinersBelow(x, v) => {
            format!("{} hardliners' support below {v}", whose(x))
        }
        Condition::HardlinersAbove(x, v) => {
            format!("{} hardliners' support above {v}", whose(x))
        }
        Condition::TroopsAbove(x, v) => format!("{} troops above {v}", whose(x)),
        Condition::TroopsBelow(x, v) => format!("{} troops below {v}", whose(x)),
        Condition::Present(x) => format!("{} at the table", who(x)),
        Condition::Absent(x) => format!("{} away from the table", who(x)),
        Condition::Addressed(i) => format!("{} in the text", s.issues[*i].name),
        Condition::NotAddressed(i) => format!("{} not yet in the text", s.issues[*i].name),
        Condition::DraftKeeps(x) => format!("a text that keeps {} red lines", whose(x)),
        Condition::AnyBanked => "a banked clause".into(),
        Condition::Flag(k) => format!("\"{}\" set", flag(k)),
        Condition::NotFlag(k) => format!("\"{}\" not set", flag(k)),
        Condition::Did(x, m) => format!("{} to have made \"{}\"", who(x), mv(m)),
        Condition::DidLast(x, m) => format!("{} to have made \"{}\" last {turn}", who(x), mv(m)),
        Condition::DidOn(x, m, n) => {
            format!("{} to have made \"{}\" in {turn} {n}", who(x), mv(m))
        }
    }
}

/// [`condition`] of a move for party `me` in state `st`, with where its figure stands now when
/// it names one (a tester was told a move "needs your trust in Israel below 3", a figure no
/// screen shows): "your trust in Israel below 3 (it is 5)". Figures are cut, as the screens
/// cut them, with a decimal within a point of the condition's level (tension as its gauge shows
/// it); troops grouped by thousands.
pub fn condition_now(s: &Scenario, st: &Negotiation, c: &Condition, me: PartyIx) -> String {
    // The one party a subject names, where it names one.
    let one = |x: &Subject| match x {
        Subject::Actor => Some(me),
        Subject::Party(p) => Some(*p),
        _ => None,
    };
    let now = match c {
        // As the gauge shows it (to a tenth, cut).
        Condition::TensionAbove(_) | Condition::TensionBelow(_) => {
            Some(tension_gauge(s, st.tension))
        }
        Condition::AgreementAbove(v) | Condition::AgreementBelow(v) => {
            Some(trust_figure(st.agreement, *v))
        }
        Condition::TrustBelow(x, y, v) | Condition::TrustAbove(x, y, v) => one(x)
            .zip(one(y))
            .filter(|(a, b)| a != b)
            .map(|(a, b)| trust_figure(st.trust(a, b), *v)),
        Condition::HardlinersBelow(x, v) | Condition::HardlinersAbove(x, v) => {
            one(x).map(|p| trust_figure(st.parties[p].hardliners, *v))
        }
        Condition::TroopsAbove(x, _) | Condition::TroopsBelow(x, _) => {
            one(x).map(|p| group(st.parties[p].troops))
        }
        _ => None,
    };
    let said = condition(s, c);
    match now {
        Some(n) => format!("{said} (it is {n})"),
        None => said,
    }
}

/// One item of a trust ledger as the screens show it: a cause, its value now, and how much it
/// fades each turn.
#[derive(Debug, Clone, PartialEq)]
pub struct LedgerItem {
    pub label: String,
    pub value: f64,
    /// How much of it fades at the end of this turn: every modifier of its cause together
    /// (three carries of assurances, each fading 1 a turn, fade 3), none past zero.
    pub fade: f64,
}

impl LedgerItem {
    /// How fast it fades, as every screen says it ("fading 3/week"), or `None` for an item that
    /// lasts (or fades by less than a twentieth of a point).
    pub fn fading(&self, s: &Scenario) -> Option<String> {
        (self.fade >= 0.05).then(|| format!("fading {}/{}", points(self.fade), s.turn.one))
    }

    /// Its value as the screens print it, to a tenth ([`points`]), so that a fading item never
    /// reads "+0" or "-0".
    pub fn shown(&self) -> String {
        signed_points(self.value)
    }
}

/// A signed number of points, to a tenth as [`points`] shows them: "0" without a sign for
/// nothing, never "+0" or "-0" for a change that is not nothing.
pub fn signed_points(v: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    format!("{}{}", if v < 0.0 { '-' } else { '+' }, points(v.abs()))
}

/// A trust figure as every screen shows it beside the `need`ed trust to sign: whole points, cut
/// and not rounded (so "32" is below 33), with one decimal, also cut, within a point of what is
/// needed (never "at 33, short of the 33").
pub fn trust_figure(trust: f64, need: f64) -> String {
    if (trust - need).abs() < 1.0 {
        format!("{:.1}", (trust * 10.0).floor() / 10.0)
    } else {
        format!("{:.0}", trust.floor())
    }
}

/// The news of an acceptance that did not take: an earlier act of the turn changed the text,
/// and an acceptance is of the text as the turn opened.
pub fn acceptance_missed(s: &Scenario, name: &str) -> String {
    let one = &s.turn.one;
    format!(
        "{} acceptance does not take: the text changed earlier this {one}, and an acceptance is \
         of the text as the {one} opened.",
        possessive(name)
    )
}

/// What is left of a turn after an acceptance its party would not sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterAcceptance {
    /// Other acts of the turn come after it.
    ActsLeft,
    /// It is the turn's last act, and the turn's end (trust fading, tension drifting, audiences
    /// moving) leaves its party willing to sign: the acceptance stands.
    EndBringsBack,
    /// It is the turn's last act, and the turn's end leaves its party unwilling: it lapses.
    Lapses,
}

/// The news of an acceptance that took of a text its party would not sign as the acts before it
/// left the turn (`g`: its first reason against, told unless it is a hidden number), with what
/// the rest of the turn does to it (`then`): a play-tester moved last and read "counts if that
/// changes before the week's acts are done", with no act left.
pub fn acceptance_unsigned(s: &Scenario, p: PartyIx, g: Ground, then: AfterAcceptance) -> String {
    let one = &s.turn.one;
    let why = if g.hidden() {
        String::new()
    } else {
        format!(": \u{201c}{}\u{201d}", g.text_for(s, p, false))
    };
    let then = match then {
        AfterAcceptance::ActsLeft => {
            format!("the acceptance counts if that changes before the {one} is out")
        }
        AfterAcceptance::EndBringsBack => format!(
            "no act of the {one} is left, but the {one}'s end (trust fading, tension drifting) \
             brings it back, so the acceptance stands"
        ),
        AfterAcceptance::Lapses => format!(
            "no act of the {one} is left to change that, nor does the {one}'s end, so the \
             acceptance lapses"
        ),
    };
    // Every party chose its move as the turn opened, when it would have signed (a tester read
    // "accepts the text, though it would not sign it" as the AI contradicting itself).
    format!(
        "{} accepts the text, which it would have signed as the {one} opened; after the {one}'s \
         earlier events and moves it would not{why}; {then}.",
        s.parties[p].name
    )
}

/// Why a bridge finds no clause to move ([`super::legal::bridge_target`] gives none): the text
/// is one every party whose consent a deal needs could sign, trust aside; or no clause the
/// bridge may move would bring the sides closer.
pub fn nothing_to_bridge(s: &Scenario, st: &Negotiation) -> &'static str {
    if s.consenting
        .iter()
        .all(|&p| super::score::text_acceptable(s, st, p))
    {
        "every party whose consent a deal needs could already sign the text, trust aside"
    } else {
        "no clause it may move would bring the sides closer (the others are banked or already at \
         their fairest level)"
    }
}

/// A number with thousands separators: 40,000.
pub fn group(n: i64) -> String {
    let s = n.unsigned_abs().to_string();
    let mut out = String::new();
    if n < 0 {
        out.push('-');
    }
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `parts` each rounded to a multiple of `unit` so that they add up to their sum rounded the same
/// way (the largest remainders round up): a score shown as 291 never reads "50 + 164 + 78", nor
/// a change of tension of 4.2 as items that add up to 4.3.
pub fn apportion(parts: &[f64], unit: f64) -> Vec<f64> {
    apportion_to(parts, unit, parts.iter().sum())
}

/// [`apportion`] to a given total (rounded to a multiple of `unit`): the parts of a change as
/// the gauges show it ([`shown_change`]), a hair from the parts' own sum.
pub fn apportion_to(parts: &[f64], unit: f64, total: f64) -> Vec<f64> {
    // Ties to even, as `{:.0}` shows a total.
    let total = (total / unit).round_ties_even();
    let mut units: Vec<f64> = parts.iter().map(|p| (p / unit).floor()).collect();
    let gap = total - units.iter().sum::<f64>();
    let mut order: Vec<usize> = (0..parts.len()).collect();
    // The largest remainder first; ties to the earlier part.
    let rest = |k: usize| parts[k] / unit - units[k];
    order.sort_by(|&a, &b| rest(b).total_cmp(&rest(a)).then(a.cmp(&b)));
    // Units to add, the largest remainders first, or (a total below the parts' floors) to take
    // away, the smallest first.
    if gap >= 0.0 {
        for &k in order.iter().cycle().take(gap as usize) {
            units[k] += 1.0;
        }
    } else {
        for &k in order.iter().rev().cycle().take(-gap as usize) {
            units[k] -= 1.0;
        }
    }
    units.into_iter().map(|u| u * unit).collect()
}

/// A gauge's change between two readings as the gauges show them (each cut to a tenth): a
/// change beside gauges that read 33.6 and 74.1 is 40.5 whatever the hundredths were.
pub fn shown_change(before: f64, now: f64) -> f64 {
    ((cut_to_tenth(now) - cut_to_tenth(before)) * 10.0).round() / 10.0
}

/// A gauge's value (0–100) cut to a tenth, not rounded: a hair over the cut counts, for tenths
/// a binary fraction falls just short of (59.4 × 10), but no value under 100 reads 100.
fn cut_to_tenth(v: f64) -> f64 {
    let cut = ((v * 10.0 + 1e-9).floor() / 10.0).clamp(0.0, 100.0);
    if v < 100.0 { cut.min(99.9) } else { cut }
}

/// Agreement (or another 0–100 figure) as the gauges show it: to a tenth, cut and not rounded,
/// without a trailing ".0" ("74.1", "40"), so that agreement reads 100 only when every
/// negotiator would sign, and a week's change of 40.5 does not sit beside gauges that moved by
/// 40 (a play-tester read "Agreement 74 ▲40.5" coming from 34).
pub fn gauge(v: f64) -> String {
    let cut = cut_to_tenth(v);
    if cut.fract() == 0.0 {
        format!("{cut:.0}")
    } else {
        format!("{cut:.1}")
    }
}

/// Tension as its gauge shows it: to a tenth, cut and not rounded, without a trailing ".0"
/// ("51.5", "62.7" for 62.75, "63"), so that it reads 100 only at war and a week's change of
/// 11.5 does not read as 12 between the gauges (a play-tester read "Tension 51 ▼11.5" coming
/// from 63). A tension the danger of war applies to never reads as the level where it begins:
/// "59.0" when it is a hair above 59.
pub fn tension_gauge(s: &Scenario, t: f64) -> String {
    let cut = cut_to_tenth(t);
    let line = s.tension.escalation_threshold;
    if cut.fract() == 0.0 && !(t > line && cut <= line) {
        format!("{cut:.0}")
    } else {
        format!("{cut:.1}")
    }
}

/// A number of points (`v` ≥ 0) to a tenth, without a trailing ".0": "3.5", "0.8", "4" (so a
/// change of 3.5 never reads 4 beside gauges that moved by 3); "0" only for nothing, and "<0.1"
/// for less than a tenth that is not nothing.
pub fn points(v: f64) -> String {
    let tenths = (v * 10.0).round();
    if v == 0.0 {
        "0".into()
    } else if tenths == 0.0 {
        "<0.1".into()
    } else if tenths % 10.0 == 0.0 {
        format!("{:.0}", tenths / 10.0)
    } else {
        format!("{v:.1}")
    }
}

/// A chance (0–1) in per cent: one decimal below 10 %, where a whole number would hide a rule's
/// steps (war at 61 read "2 %" where the rule gives 1.2 points a point above 59: 2.4), except
/// where the decimal adds nothing ("9 %", not "9.0 %"); whole per cent from 10 %. A chance that
/// is not nothing never reads "0 %".
pub fn chance(c: f64) -> String {
    // A no-break space: the number never leaves its sign on a wrapped line.
    let pct = 100.0 * c;
    if pct <= 0.0 || pct >= 9.95 {
        format!("{pct:.0}\u{a0}%")
    } else if pct < 0.05 {
        "<0.1\u{a0}%".into()
    } else {
        let tenths = format!("{pct:.1}");
        format!("{}\u{a0}%", tenths.strip_suffix(".0").unwrap_or(&tenths))
    }
}

/// `from`'s trust in `to`, item by item: one item per cause (a move made on several turns adds
/// up), in the order the causes came; what has faded below half a point is left out.
pub fn trust_ledger(s: &Scenario, st: &Negotiation, from: PartyIx, to: PartyIx) -> Vec<LedgerItem> {
    // Each item with what it will be once this turn's end has faded it.
    let mut items: Vec<(LedgerItem, f64)> = Vec::new();
    let next = st.trust.clock().saturating_add(1);
    for m in st.trust.modifiers(from, to) {
        let label = m.source.label(s, from, to);
        let later = m.value_at(next);
        match items.iter_mut().find(|i| i.0.label == label) {
            Some((i, l)) => {
                i.value += m.value;
                *l += later;
            }
            None => items.push((
                LedgerItem {
                    label,
                    value: m.value,
                    fade: 0.0,
                },
                later,
            )),
        }
    }
    items
        .into_iter()
        .filter(|(i, _)| i.value.abs() >= 0.5)
        .map(|(i, later)| LedgerItem {
            fade: (i.value.abs() - later.abs()).max(0.0),
            ..i
        })
        .collect()
}

impl Ground {
    /// Whether the reason gives away what the party hides (which clause weighs on it most):
    /// another party hears it only once the priorities are revealed.
    pub fn hidden(&self) -> bool {
        matches!(self, Ground::Costliest { .. })
    }

    /// A red line's reason in a few words, by the clauses it is on ("breaks our red line on
    /// Security assurances"; of a red line broken on some of its parts, those): its wording and
    /// its rule are in [`Ground::text_for`]. `None` for every other reason, which reads short
    /// already.
    pub fn brief(&self, s: &Scenario, party: usize) -> Option<String> {
        let (kept, on) = self.red_line_on(s, party)?;
        let verb = if kept { "keeps" } else { "breaks" };
        Some(format!("{verb} our red line on {on}"))
    }

    /// Whether a red line's reason is that the text keeps it, and the clauses it names: the
    /// parts the text breaks (every part, of a red line any part of which would keep it), or
    /// every part where it is kept, joined by "and".
    fn red_line_on(&self, s: &Scenario, party: usize) -> Option<(bool, String)> {
        let Ground::RedLine { k, kept, parts } = *self else {
            return None;
        };
        let r = &s.parties[party].red_lines[k];
        let mut names: Vec<&str> = Vec::new();
        for (j, part) in r.parts.iter().enumerate() {
            let name = s.issues[part.issue].name.as_str();
            let named = kept || parts & (1 << j) == 0;
            if named && !names.contains(&name) {
                names.push(name);
            }
        }
        // (A red line any part of which keeps it is broken only on all of them: "and" too.)
        Some((kept, names.join(" and ")))
    }

    /// The reason as the party would say it ("we ...").
    pub fn text(&self, s: &Scenario, party: usize) -> String {
        self.text_for(s, party, true)
    }

    /// The reason as another party hears it: without the party's hidden numbers (its worth
    /// and walk-away) unless `exact`.
    pub fn text_for(&self, s: &Scenario, party: usize, exact: bool) -> String {
        let me = &s.parties[party];
        match *self {
            Ground::Worth {
                utility,
                reservation,
            } if !exact => {
                if utility >= reservation - 1e-9 {
                    "the text is worth enough to us".into()
                } else {
                    "the text is worth too little to us".into()
                }
            }
            Ground::Absent => "we are not at the table".into(),
            Ground::RedLine { k, kept, parts } => {
                let r = &me.red_lines[k];
                // One line; a red line over several issues lists its parts, each ✓ or ✗.
                let what = r.describe_marked(&s.issues, Some(parts));
                if kept {
                    format!("keeps our red line \"{}\" ({what})", r.text)
                } else {
                    format!("breaks our red line \"{}\": {what}", r.text)
                }
            }
            Ground::Worth {
                utility,
                reservation,
            } => {
                let side = if utility >= reservation - 1e-9 {
                    "at or above"
                } else {
                    "below"
                };
                // As many decimals as it takes for the two numbers to read apart (up to 6).
                let d = (2..=6)
                    .find(|&d| format!("{utility:.d$}") != format!("{reservation:.d$}"))
                    .unwrap_or(6);
                format!(
                    "it is worth {utility:.d$} to us, {side} the {reservation:.d$} we can get without a deal"
                )
            }
            Ground::Costliest { issue, level } => format!(
                "the clause that costs us most: {} ({})",
                s.issues[issue].name,
                s.issues[issue].level_name(level)
            ),
            Ground::Trust {
                other,
                trust,
                enough,
            } => {
                if enough {
                    format!(
                        "we trust {} enough ({})",
                        s.parties[other].name,
                        trust_figure(trust, s.rules.min_trust)
                    )
                } else {
                    format!(
                        "we trust {} at {}, short of the {:.0} we need to sign",
                        s.parties[other].name,
                        trust_figure(trust, s.rules.min_trust),
                        s.rules.min_trust
                    )
                }
            }
        }
    }
}

impl Verdict {
    /// Every reason as text, in order.
    pub fn reasons(&self, s: &Scenario) -> Vec<String> {
        self.reasons_for(s, true)
    }

    /// Every reason as another party hears it (see [`Ground::text_for`]).
    pub fn reasons_for(&self, s: &Scenario, exact: bool) -> Vec<String> {
        self.grounds
            .iter()
            .filter(|g| exact || !g.hidden())
            .map(|g| g.text_for(s, self.party, exact))
            .collect()
    }

    /// The answer in short, as another party hears it: the reasons against signing first, then
    /// the red lines kept in one phrase, then the rest.
    pub fn summary_for(&self, s: &Scenario, exact: bool) -> Vec<String> {
        self.summary_with(s, exact, |g| g.text_for(s, self.party, exact), |t| t)
    }

    /// [`Verdict::summary_for`], each line as (what a screen short of room shows, the whole of
    /// it): a red line in a few words ([`Ground::brief`]), the rest whole; several broken red
    /// lines share a line, the whole of each on a line of its own. A tester read a
    /// side's four broken red lines, each quoted with its rule, over eight lines every week.
    pub fn summary_brief_for(&self, s: &Scenario, exact: bool) -> Vec<(String, String)> {
        let both = |g: &Ground| {
            let full = g.text_for(s, self.party, exact);
            (g.brief(s, self.party).unwrap_or_else(|| full.clone()), full)
        };
        let mut out = self.summary_with(s, exact, both, |t| (t.clone(), t));
        // Several broken red lines in one line, where the first of them stood, counted, each by
        // its clauses ("breaks 2 of our red lines: Security assurances, Sanctions relief"). The
        // first lines are the grounds against signing, in order ([`Verdict::summary_with`]).
        let broken: Vec<(usize, String)> = (self.grounds.iter())
            .filter(|g| g.against() && (exact || !g.hidden()))
            .enumerate()
            .filter_map(|(at, g)| match g.red_line_on(s, self.party) {
                Some((false, on)) => Some((at, on)),
                _ => None,
            })
            .collect();
        if let [(first, _), .., _] = broken[..] {
            // A red line on several clauses in brackets, so that the commas part red lines.
            let mut on: Vec<String> = Vec::new();
            for (_, o) in &broken {
                let o = if o.contains(" and ") {
                    format!("({o})")
                } else {
                    o.clone()
                };
                if !on.contains(&o) {
                    on.push(o);
                }
            }
            let brief = format!(
                "breaks {} of our red lines: {}",
                broken.len(),
                on.join(", ")
            );
            // Taken out from the last, so that the places of the others hold.
            let mut full: Vec<String> = (broken.iter().rev())
                .map(|&(at, _)| out.remove(at).1)
                .collect();
            full.reverse();
            // One red line a line, where the whole of them shows (a tooltip).
            out.insert(first, (brief, full.join("\n")));
        }
        out
    }

    /// The lines of [`Verdict::summary_for`], each ground worded by `text` and each line of
    /// several grounds (the red lines kept) by `plain`.
    fn summary_with<T>(
        &self,
        s: &Scenario,
        exact: bool,
        text: impl Fn(&Ground) -> T,
        plain: impl Fn(String) -> T,
    ) -> Vec<T> {
        let mut out: Vec<T> = self
            .grounds
            .iter()
            .filter(|g| g.against() && (exact || !g.hidden()))
            .map(&text)
            .collect();
        let kept = self
            .grounds
            .iter()
            .filter(|g| matches!(g, Ground::RedLine { kept: true, .. }))
            .count();
        let all = s.parties[self.party].red_lines.len();
        if kept > 0 {
            out.push(plain(if kept == all && all == 1 {
                "keeps our red line".to_string()
            } else if kept == all {
                format!("keeps all {all} of our red lines")
            } else {
                format!("keeps {kept} of our {all} red lines")
            }));
        }
        out.extend(
            self.grounds
                .iter()
                .filter(|g| !g.against() && !matches!(g, Ground::RedLine { .. }))
                .filter(|g| exact || !g.hidden())
                .map(&text),
        );
        out
    }
}

impl Reason {
    /// The reason as the end screen and the log print it.
    pub fn text(&self, s: &Scenario) -> String {
        match *self {
            Reason::WarTension(t) => format!("tension reached {t:.0}, the point of war"),
            Reason::Cause(c) => format!("{} (+{:.0})", c.source.cause_label(s), c.delta),
            Reason::AllAccepted if s.consenting.len() > s.negotiators.len() => {
                "every negotiator accepted the same text, and would sign it; every signatory \
                 consents"
                    .into()
            }
            Reason::AllAccepted => {
                "every negotiator accepted the same text, and would sign it".into()
            }
            Reason::Worth {
                party,
                utility,
                reservation,
            } => format!(
                "{}: worth {utility:.2} (walk-away {reservation:.2})",
                s.parties[party].name
            ),
            Reason::StayedAway { party, weeks } => format!(
                "{} stayed away from the table for {}",
                s.parties[party].name,
                s.turn.count(weeks)
            ),
            Reason::Incident { tension, chance: c } => format!(
                "an incident at tension {} spiralled out of control ({} chance this {})",
                tension_gauge(s, tension),
                chance(c),
                s.turn.one
            ),
            Reason::TimeUp(weeks) => {
                format!("{} passed without a signed text", s.turn.count(weeks))
            }
            Reason::Refused { party, ground } => {
                format!("{}: {}", s.parties[party].name, ground.text(s, party))
            }
            Reason::NotAccepted { party } => format!(
                "{} would have signed the final text, but had not accepted it in time",
                s.parties[party].name
            ),
            Reason::Ended(e) => s.events[e].headline.clone(),
            Reason::Called => "the facilitator ended the talks".into(),
        }
    }
}

/// Names in a list: "A", "A and B", "A, B and C" (or with another joining word); `None` for
/// none.
pub fn joined(names: &[&str], word: &str) -> Option<String> {
    match names.split_last()? {
        (last, []) => Some((*last).to_string()),
        (last, rest) => Some(format!("{} {word} {last}", rest.join(", "))),
    }
}

#[cfg(test)]
mod condition_tests {
    use super::*;
    use crate::testkit::{geneva, tutorial, vienna};

    /// Every condition of the shipped scenarios reads as words, flags by their names.
    #[test]
    fn every_shipped_condition_reads_as_words() {
        for s in [geneva(), vienna(), tutorial()] {
            let all = s
                .moves
                .iter()
                .flat_map(|m| &m.conditions)
                .chain(s.events.iter().flat_map(|e| &e.conditions));
            for c in all {
                let text = condition(&s, c);
                assert!(!text.is_empty() && !text.contains('?'), "{c:?}: {text}");
            }
        }
        let s = geneva();
        let israel = s.party_ix("israel").unwrap();
        assert_eq!(
            condition(
                &s,
                &Condition::TrustBelow(Subject::Actor, Subject::Party(israel), 3.0)
            ),
            "your trust in Israel below 3"
        );
        assert_eq!(condition(&s, &Condition::WeekAtLeast(2)), "week 2 or later");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{Act, Applied, Choice, WeekEnd, apply, begin_week, end_week};
    use crate::testkit::geneva;

    /// An answer's red lines kept read in one phrase, a single one as one ("keeps all 1 of our
    /// red lines" read oddly in the tutorial).
    #[test]
    fn the_red_lines_kept_read_in_one_phrase() {
        let (mut one, mut all) = (0, 0);
        for s in [crate::testkit::tutorial(), geneva()] {
            for seed in 0..40 {
                let st = crate::testkit::wander(&s, seed, (seed % 10) as u32);
                for &p in &s.consenting {
                    let v = crate::rules::verdict(&s, &st, p);
                    let n = s.parties[p].red_lines.len();
                    let kept = (v.grounds.iter())
                        .filter(|g| matches!(g, Ground::RedLine { kept: true, .. }))
                        .count();
                    let said = v.summary_for(&s, true).join("; ");
                    if kept == n && n == 1 {
                        assert!(said.contains("keeps our red line"), "{said}");
                        one += 1;
                    } else if kept == n && n > 1 {
                        assert!(
                            said.contains(&format!("keeps all {n} of our red lines")),
                            "{said}"
                        );
                        all += 1;
                    }
                    assert!(!said.contains("all 1 of"), "{said}");
                }
            }
        }
        assert!(one > 0 && all > 0, "{one} {all}");
    }

    /// The brief answer says what the whole one says, in the same order (its whole lines, joined,
    /// are the whole answer); a broken red line is named by the clauses it breaks and no other
    /// (Vienna's red line on missiles and past work, broken on one of them, by that one), and
    /// several broken red lines share one line, counted, where the first stood.
    #[test]
    fn a_brief_answer_names_each_broken_red_line_by_the_clauses_it_breaks() {
        let (mut single, mut merged, mut partly) = (0, 0, 0);
        for s in [
            crate::testkit::tutorial(),
            geneva(),
            crate::testkit::vienna(),
        ] {
            for seed in 0..60 {
                let st = crate::testkit::wander(&s, seed, (seed % 12) as u32);
                for &p in &s.consenting {
                    let v = crate::rules::verdict(&s, &st, p);
                    for exact in [true, false] {
                        let whole = v.summary_for(&s, exact);
                        let brief = v.summary_brief_for(&s, exact);
                        let fulls: Vec<&str> = brief.iter().map(|b| b.1.as_str()).collect();
                        assert_eq!(fulls.join("; ").replace('\n', "; "), whole.join("; "));
                        let broken: Vec<(usize, u16)> = (v.grounds.iter())
                            .filter_map(|g| match g {
                                Ground::RedLine {
                                    k,
                                    kept: false,
                                    parts,
                                } => Some((*k, *parts)),
                                _ => None,
                            })
                            .collect();
                        let named: Vec<&(String, String)> = (brief.iter())
                            .filter(|b| b.0.starts_with("breaks "))
                            .collect();
                        if broken.is_empty() {
                            assert!(named.is_empty(), "{brief:?}");
                            continue;
                        }
                        assert_eq!(named.len(), 1, "{brief:?}");
                        let (line, full) = (&named[0].0, &named[0].1);
                        let head = match broken.len() {
                            1 => "breaks our red line on ".to_string(),
                            n => format!("breaks {n} of our red lines: "),
                        };
                        assert!(line.starts_with(&head), "{line}");
                        let on = &line[head.len()..];
                        let reds = &s.parties[p].red_lines;
                        // Every clause a broken red line breaks is named; a clause it keeps is
                        // not, unless another broken part is on it.
                        let breaking = |i: usize| {
                            broken.iter().any(|&(k, parts)| {
                                let r = &reds[k];
                                (r.parts.iter().enumerate())
                                    .any(|(j, pt)| pt.issue == i && parts & (1 << j) == 0)
                            })
                        };
                        for &(k, parts) in &broken {
                            let r = &reds[k];
                            assert!(full.contains(&r.text), "{brief:?}");
                            for (j, pt) in r.parts.iter().enumerate() {
                                let name = &s.issues[pt.issue].name;
                                if parts & (1 << j) == 0 {
                                    assert!(on.contains(name.as_str()), "{line}");
                                } else if !breaking(pt.issue) {
                                    assert!(!on.contains(name.as_str()), "{line}");
                                    partly += 1;
                                }
                            }
                        }
                        // Shorter than what it stands for.
                        assert!(line.len() < full.len(), "{brief:?}");
                        if broken.len() > 1 {
                            merged += 1;
                        } else {
                            single += 1;
                        }
                    }
                }
            }
        }
        assert!(
            single > 0 && merged > 0 && partly > 0,
            "{single} {merged} {partly}"
        );
    }

    /// A ledger item's fading is what the end of the turn takes from it, every modifier of its
    /// cause together (a tester, told "fading 1 a week" by each of three carries of
    /// assurances, saw the item fall by 3), on states of every kind.
    #[test]
    fn a_ledger_item_fades_by_what_the_turns_end_takes_from_it() {
        let s = geneva();
        let (mut merged, mut checked) = (0, 0);
        for seed in 0..40 {
            let st = crate::testkit::wander(&s, seed, (seed % 12) as u32);
            let mut later = st.clone();
            later.trust.fade();
            for f in 0..s.parties.len() {
                for t in (0..s.parties.len()).filter(|&t| t != f) {
                    let then = trust_ledger(&s, &later, f, t);
                    for i in trust_ledger(&s, &st, f, t) {
                        let left = then
                            .iter()
                            .find(|j| j.label == i.label)
                            .map_or(0.0, |j| j.value);
                        // An item that falls below half a point is left out of the ledger.
                        if left.abs() >= 0.5 {
                            assert!(
                                (i.value.abs() - left.abs() - i.fade).abs() < 1e-9,
                                "{i:?} -> {left}"
                            );
                            checked += 1;
                        }
                        let n = st
                            .trust
                            .modifiers(f, t)
                            .filter(|m| m.source.label(&s, f, t) == i.label)
                            .count();
                        merged += usize::from(n > 1 && i.fade > 0.0);
                    }
                }
            }
        }
        assert!(checked > 100 && merged > 0, "{checked} {merged}");
    }

    /// Changes read to a tenth, "0" only for nothing; chances never read "0 %" when they are
    /// not nothing; tension reads with its tenth near where the danger begins.
    #[test]
    fn points_are_shown_to_a_tenth_without_a_trailing_zero() {
        for (v, shown) in [
            (3.5, "3.5"),
            (4.02, "4"),
            (0.5, "0.5"),
            (12.0, "12"),
            (0.04, "<0.1"),
            (0.0, "0"),
            (0.96, "1"),
        ] {
            assert_eq!(points(v), shown, "{v}");
        }
        for (v, shown) in [(-0.5, "-0.5"), (3.46, "+3.5"), (-0.04, "-<0.1"), (0.0, "0")] {
            assert_eq!(signed_points(v), shown, "{v}");
        }
        for (c, shown) in [
            (0.0036, "0.4 %"),
            (0.0, "0 %"),
            (0.0002, "<0.1 %"),
            (0.012, "1.2 %"),
            (0.024, "2.4 %"),
            (0.09, "9 %"),
            (0.0996, "10 %"),
            (0.13, "13 %"),
            (0.25, "25 %"),
        ] {
            assert_eq!(chance(c), shown.replace(' ', "\u{a0}"), "{c}");
        }
        // Tension reads to a tenth, cut: never 100 short of war, never the danger's level when
        // above it, and whole points without ".0".
        let s = crate::testkit::geneva();
        let at = s.tension.escalation_threshold;
        assert_eq!(tension_gauge(&s, at + 0.47), format!("{:.1}", at + 0.4));
        for (t, shown) in [
            (51.5, "51.5"),
            (62.75, "62.7"),
            (63.0, "63"),
            (59.4, "59.4"),
            (99.96, "99.9"),
            (100.0, "100"),
            (0.0, "0"),
        ] {
            assert_eq!(tension_gauge(&s, t), shown, "{t}");
        }
        // A hair above where the danger begins: never the level itself.
        assert_eq!(tension_gauge(&s, at + 0.04), format!("{at:.1}"));
        assert_eq!(tension_gauge(&s, at), format!("{at:.0}"));
        // Parts rounded to add up to their rounded sum.
        assert_eq!(
            apportion(&[50.0, 164.4, 77.6], 1.0),
            vec![50.0, 164.0, 78.0]
        );
        assert_eq!(
            apportion(&[50.0, 163.6, 77.6], 1.0),
            vec![50.0, 164.0, 77.0]
        );
        let tenths = apportion(&[1.04, 1.04, 2.14], 0.1);
        assert!(
            (tenths.iter().sum::<f64>() - 4.2).abs() < 1e-9,
            "{tenths:?}"
        );
        let signed = apportion(&[5.04, -1.03, 0.26], 0.1);
        assert!(
            (signed.iter().sum::<f64>() - 4.3).abs() < 1e-9,
            "{signed:?}"
        );
        assert!(apportion(&[], 1.0).is_empty());
        // To the change the gauges show: 33.69 → 74.11 reads 33.6 and 74.1, so ▲40.5.
        assert!((shown_change(33.69, 74.11) - 40.5).abs() < 1e-9);
        assert!((shown_change(74.11, 33.69) + 40.5).abs() < 1e-9);
        let to = apportion_to(&[20.21, 20.21], 0.1, 40.5);
        assert!((to.iter().sum::<f64>() - 40.5).abs() < 1e-9, "{to:?}");
        let down = apportion_to(&[20.29, 20.29], 0.1, 40.4);
        assert!((down.iter().sum::<f64>() - 40.4).abs() < 1e-9, "{down:?}");
        assert!(apportion_to(&[], 0.1, 1.0).is_empty());
        // Agreement the same way: its change between two weeks reads as the gauges' difference
        // (33.6 to 74.1 is "▲40.5"), and 100 only when it is 100.
        for (a, shown) in [
            (74.1, "74.1"),
            (33.6, "33.6"),
            (40.0, "40"),
            (99.999_999_999_9, "99.9"),
            (100.0, "100"),
            (0.0, "0"),
        ] {
            assert_eq!(gauge(a), shown, "{a}");
        }
    }

    /// A trust figure is cut, not rounded, to whole points, and to tenths within a point of
    /// what signing needs, so that it never reads as enough when it is not.
    #[test]
    fn a_trust_figure_never_reads_as_enough_when_it_is_not() {
        assert_eq!(trust_figure(32.96, 33.0), "32.9");
        assert_eq!(trust_figure(32.5, 33.0), "32.5");
        assert_eq!(trust_figure(33.0, 33.0), "33.0");
        assert_eq!(trust_figure(33.94, 33.0), "33.9");
        assert_eq!(trust_figure(31.99, 33.0), "31");
        assert_eq!(trust_figure(47.7, 33.0), "47");
    }

    /// Trust that no signing reads shows tenths only within a point of a level a condition
    /// compares trust with (Geneva: 3 for answering Israel, 55 for regional guarantees).
    #[test]
    fn plain_trust_shows_tenths_only_near_a_level_a_condition_reads() {
        let g = geneva();
        assert_eq!(trust_plain(&g, 55.46), "55.4");
        assert_eq!(trust_plain(&g, 54.2), "54.2");
        assert_eq!(trust_plain(&g, 56.3), "56");
        assert_eq!(trust_plain(&g, 47.9), "47");
        assert_eq!(trust_plain(&g, 3.5), "3.5");
        // The tutorial's only trust level is a hint's: whole points.
        let t = crate::testkit::tutorial();
        assert_eq!(trust_plain(&t, 35.5), "35");
    }

    /// An unmet condition says where its figure stands now, when it names one party's or the
    /// talks' figure (a tester could not find Iran's trust in Israel anywhere on screen).
    #[test]
    fn a_condition_says_where_its_figure_stands_now() {
        let g = geneva();
        let st = Negotiation::start(&g);
        let (iran, israel) = (g.party_ix("iran").unwrap(), g.party_ix("israel").unwrap());
        let trust = st.trust(iran, israel);
        let c = Condition::TrustBelow(Subject::Actor, Subject::Party(israel), 3.0);
        assert_eq!(
            condition_now(&g, &st, &c, iran),
            format!(
                "your trust in Israel below 3 (it is {})",
                trust_figure(trust, 3.0)
            )
        );
        let c = Condition::TensionAbove(st.tension + 0.5);
        assert_eq!(
            condition_now(&g, &st, &c, iran),
            format!(
                "tension above {} (it is {})",
                st.tension + 0.5,
                tension_gauge(&g, st.tension)
            )
        );
        // A condition on many parties, or on no figure, is said as it is.
        let c = Condition::HardlinersAbove(Subject::Role(Role::Negotiator), 50.0);
        assert_eq!(condition_now(&g, &st, &c, iran), condition(&g, &c));
        let c = Condition::WeekAtLeast(3);
        assert_eq!(condition_now(&g, &st, &c, iran), "week 3 or later");
    }

    /// A fading change reads as it comes and as the turn's end leaves it, by the rule the
    /// ledgers fade by (a tester met an event's "-12" as "-9" in the next ledger, unexplained).
    #[test]
    fn a_fading_change_reads_as_it_comes_and_as_the_turns_end_leaves_it() {
        let g = geneva();
        for (value, decay, said) in [
            (
                -12.0,
                3.0,
                "-12 when it comes (-9 at the week's end), fading 3 a week",
            ),
            (
                3.5,
                3.0,
                "+3.5 when it comes (+0.5 at the week's end), fading 3 a week",
            ),
            // The turn's end takes it whole.
            (0.5, 1.0, "+0.5 until the week's end, when it is gone"),
            (-3.0, 3.0, "-3 until the week's end, when it is gone"),
            // It lasts.
            (4.0, 0.0, "+4"),
        ] {
            assert_eq!(fading_change(&g, value, decay), said);
        }
        // What the ledger shows once a real week has ended on such a change.
        let mut st = Negotiation::start(&g);
        begin_week(&mut st);
        st.trust.push(crate::rules::TrustMod {
            from: 0,
            to: 1,
            source: crate::rules::Source::Drift,
            value: -12.0,
            decay: 3.0,
            born: 0,
        });
        end_week(&g, &mut st, &mut WeekEnd::default());
        let item = trust_ledger(&g, &st, 0, 1)
            .into_iter()
            .find(|i| i.label == crate::rules::Source::Drift.label(&g, 0, 1))
            .expect("the change is in the ledger");
        assert!((item.value - -9.0).abs() < 1e-9, "{item:?}");
    }

    /// The price of reopening names the negotiators the change hurts, and only them.
    #[test]
    fn the_price_of_reopening_names_whom_it_hurts() {
        let g = geneva();
        let [iran, us, oman, israel] =
            ["iran", "united_states", "oman", "israel"].map(|p| g.party_ix(p).unwrap());
        let bit = |p: PartyIx| 1u32 << p;
        let price = |s: &Scenario, actor, hurt| reopen_price(s, actor, hurt, "it");
        assert_eq!(
            price(&g, us, bit(iran)),
            ": Iran trusts it 12 less (10 at the week's end), fading 2 a week"
        );
        assert_eq!(
            price(&g, us, 0),
            ", at no cost in trust: no other negotiator loses by the change"
        );
        assert_eq!(
            price(&g, oman, bit(us)),
            ": United States trusts it 12 less (10 at the week's end), fading 2 a week"
        );
        assert_eq!(
            price(&g, oman, bit(iran) | bit(us)),
            ": every negotiator trusts it 12 less (10 at the week's end), fading 2 a week"
        );
        // With a third negotiator: a part of the others by name, all of them as a group.
        let mut three = (*g).clone();
        three.negotiators.push(israel);
        assert_eq!(
            price(&three, us, bit(iran) | bit(israel)),
            ": every other negotiator trusts it 12 less (10 at the week's end), fading 2 a week"
        );
        assert_eq!(
            price(&three, oman, bit(iran) | bit(israel)),
            ": Iran and Israel trust it 12 less (10 at the week's end), fading 2 a week"
        );
        assert_eq!(
            price(&three, iran, bit(israel)),
            ": Israel trusts it 12 less (10 at the week's end), fading 2 a week"
        );
        three.rules.reopen_decay = 0.0;
        assert_eq!(
            price(&three, iran, bit(israel)),
            ": Israel trusts it 12 less"
        );
        three.rules.reopen_cost = 0.0;
        assert_eq!(price(&three, us, bit(iran)), "");
    }

    /// A move made on two turns is one item of the ledger, its values added up; causes that
    /// faded away are not listed.
    #[test]
    fn a_trust_ledger_has_one_item_per_cause() {
        let s = geneva();
        let (iran, us) = (
            s.party_ix("iran").unwrap(),
            s.party_ix("united_states").unwrap(),
        );
        let mv = s.move_ix("conciliatory").unwrap();
        let mut st = Negotiation::start(&s);
        let before = trust_ledger(&s, &st, us, iran).len();
        let act = Act::of_move(
            iran,
            Choice {
                mv,
                party: None,
                issue: None,
            },
        );
        for _ in 0..2 {
            begin_week(&mut st);
            apply(&s, &mut st, &act, &mut Applied::default());
            end_week(&s, &mut st, &mut WeekEnd::default());
        }
        let ledger = trust_ledger(&s, &st, us, iran);
        let label = "Iran: Conciliatory statement";
        let items: Vec<&LedgerItem> = ledger.iter().filter(|i| i.label == label).collect();
        assert_eq!(items.len(), 1, "{ledger:?}");
        let sum: f64 = st
            .trust
            .modifiers(us, iran)
            .filter(|m| m.source.label(&s, us, iran) == label)
            .map(|m| m.value)
            .sum();
        assert!(
            (items[0].value - sum).abs() < 1e-12 && sum > 4.0,
            "{ledger:?}"
        );
        assert!(ledger.len() <= before + 1);
        assert!(ledger.iter().all(|i| i.value.abs() >= 0.5));
    }
}
