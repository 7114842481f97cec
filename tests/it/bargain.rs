//! The AI bargains: on a two-party, five-issue trade domain with no red lines, no tension and
//! walk-away values of 0, AI–AI deals are Pareto-optimal and near the Nash package, whatever
//! order the levels are listed in.

use std::sync::Arc;

use redline::scenario::{Scenario, parse};
use redline::sim::OutcomeKind;
use redline::sim::balance::{GameResult, batch};

/// Each issue: (weight for Alpha, Alpha's utilities, weight for Beta, Beta's utilities), by
/// level in their natural order.
const ISSUES: [(f64, [f64; 5], f64, [f64; 5]); 5] = [
    (
        5.0,
        [1.0, 0.75, 0.5, 0.25, 0.0],
        1.0,
        [0.0, 0.25, 0.5, 0.75, 1.0],
    ),
    (
        4.0,
        [1.0, 0.9, 0.6, 0.3, 0.0],
        2.0,
        [0.0, 0.5, 0.8, 0.9, 1.0],
    ),
    (
        3.0,
        [1.0, 0.75, 0.5, 0.25, 0.0],
        3.0,
        [0.0, 0.25, 0.5, 0.75, 1.0],
    ),
    (
        2.0,
        [0.0, 0.4, 0.7, 0.9, 1.0],
        4.0,
        [1.0, 0.8, 0.5, 0.3, 0.0],
    ),
    (
        1.0,
        [0.2, 0.6, 1.0, 0.6, 0.2],
        5.0,
        [1.0, 0.5, 0.0, 0.5, 1.0],
    ),
];

/// The domain with each issue's levels listed in the order `order` (a permutation of 0..5).
fn trade(order: [usize; 5], hidden: bool) -> Arc<Scenario> {
    let issues: Vec<String> = (0..5)
        .map(|i| {
            let levels: Vec<String> = order
                .iter()
                .map(|&l| format!(r#"(id: "l{l}", name: "Level {l}")"#))
                .collect();
            format!(
                r#"(id: "i{i}", name: "Issue {i}", levels: [{}], ordered: false)"#,
                levels.join(", ")
            )
        })
        .collect();
    let prefs = |alpha: bool| -> String {
        ISSUES
            .iter()
            .enumerate()
            .map(|(i, (wa, ua, wb, ub))| {
                let (w, u) = if alpha { (wa, ua) } else { (wb, ub) };
                let values: Vec<String> = order.iter().map(|&l| u[l].to_string()).collect();
                format!(
                    r#"(issue: "i{i}", weight: {w}, shape: Utilities([{}]), unaddressed: 0)"#,
                    values.join(", ")
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let party = |id: &str, alpha: bool| {
        format!(
            r#"(id: "{id}", name: "{id}", role: Negotiator,
                domestic: (hardliners: (support: 50, share: 0.5, inertia: 0.5), moderates: (support: 50, share: 0.5, inertia: 0.5), concession_floor: 0),
                preferences: [{}], hidden_preferences: {hidden},
                reservation: (base: 0, tension: 0, hardliners: 0),
                personality: (hawkish: 0.5, cautious: 0.5, temperature: 0.1, concession: 1))"#,
            prefs(alpha)
        )
    };
    let text = format!(
        r#"(
    id: "trade", title: "Trade", weeks: 30,
    tension: (start: 0, war_at: 100, drift: 0, rest: 0, escalation_threshold: 100, escalation_per_point: 0),
    rules: (default_trust: 50, reopen_cost: 0, reopen_decay: 0, bank_after: 100, collapse_after: 5, return_chance: 0, min_trust: 0, event_chance: 0),
    issues: [{}],
    parties: [{}, {}],
    moves: [
        (id: "offer", name: "Table a full text", key: 'o', by: [Role(Negotiator)], effects: [Offer], text: "{{actor}} tables a text."),
        (id: "back_channel", name: "Back channel", key: 'b', by: [Role(Negotiator)], target: Negotiator, effects: [Reveal(Target)], text: "{{actor}} asks."),
        (id: "accept", name: "Accept", key: 'a', by: [Role(Negotiator)], conditions: [DraftKeeps(Actor)], effects: [Accept], text: "{{actor}} accepts."),
    ],
)"#,
        issues.join(",\n"),
        party("alpha", true),
        party("beta", false)
    );
    Arc::new(parse("trade.ron", text.as_bytes()).unwrap_or_else(|e| panic!("{}", e.render())))
}

fn measure(results: &[GameResult]) -> (f64, f64, f64) {
    let deals: Vec<&GameResult> = results
        .iter()
        .filter(|r| r.outcome == OutcomeKind::Deal)
        .collect();
    let n = deals.len().max(1) as f64;
    (
        deals.len() as f64 / results.len() as f64,
        deals.iter().filter(|r| r.pareto == Some(true)).count() as f64 / n,
        deals
            .iter()
            .map(|r| r.nash_share.unwrap_or(0.0))
            .sum::<f64>()
            / n,
    )
}

#[test]
fn ai_deals_are_pareto_optimal_and_near_the_nash_package_in_any_level_order() {
    for order in [[0, 1, 2, 3, 4], [3, 0, 4, 1, 2], [4, 3, 2, 1, 0]] {
        for hidden in [false, true] {
            let s = trade(order, hidden);
            let results = batch(&s, 200, 11, 2, &[]).unwrap();
            let (deals, pareto, nash) = measure(&results);
            eprintln!(
                "order {order:?} hidden {hidden}: deals {deals:.2}, Pareto {pareto:.2}, Nash {nash:.3}"
            );
            assert!(deals >= 0.9, "order {order:?}: deals {deals}");
            assert!(
                pareto >= 0.9,
                "order {order:?} hidden {hidden}: Pareto {pareto}"
            );
            assert!(nash >= 0.9, "order {order:?} hidden {hidden}: Nash {nash}");
        }
    }
}

#[test]
fn a_step_on_an_unordered_issue_jumps_to_the_best_option() {
    use redline::rules::draft_step;
    use redline::scenario::Toward;
    // Listed as l4, l3, l2, l1, l0: Alpha's best on issue 0 (l0) is listed last.
    let s = trade([4, 3, 2, 1, 0], false);
    let alpha = s.party_ix("alpha").unwrap();
    let beta = s.party_ix("beta").unwrap();
    let at = |id: &str| s.issues[0].levels.iter().position(|l| l.id == id);
    let draft = vec![at("l2"), None, None, None, None];
    assert_eq!(draft_step(&s, &draft, 0, Toward::Actor, alpha), at("l0"));
    assert_eq!(draft_step(&s, &draft, 0, Toward::Actor, beta), at("l4"));
    // A concession by Alpha gives Beta its best at once.
    assert_eq!(draft_step(&s, &draft, 0, Toward::Others, alpha), at("l4"));
    // A step to the middle goes to the fairest level (the one the worse-off side likes best).
    let fairest = s.derived.fairest[0].expect("no red lines: every level is allowed");
    assert_eq!(draft_step(&s, &draft, 0, Toward::Middle, alpha), fairest);
    assert!(fairest != at("l0") && fairest != at("l4"));
}
