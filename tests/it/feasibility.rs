//! The feasibility analysis on small hand-made scenarios with known answers.

use redline::scenario::{analyse, best_for, nash_product, pareto_optimal, parse};

/// A two-issue scenario; `extra` is spliced into Alpha's party (red lines), `res` sets both
/// reservation bases.
fn two_issue(alpha_lines: &str, beta_lines: &str, res: f64) -> redline::scenario::Scenario {
    let text = format!(
        r#"(
    id: "t", title: "T", weeks: 4,
    tension: (start: 20, war_at: 100, drift: 0, rest: 20, escalation_threshold: 90, escalation_per_point: 0),
    rules: (default_trust: 50, reopen_cost: 5, reopen_decay: 1, bank_after: 1, collapse_after: 2, return_chance: 0, min_trust: 10, event_chance: 0),
    issues: [
        (id: "a", name: "A", levels: [(id: "a0", name: "A0"), (id: "a1", name: "A1"), (id: "a2", name: "A2")]),
        (id: "b", name: "B", levels: [(id: "b0", name: "B0"), (id: "b1", name: "B1")], may_be_unaddressed: false),
    ],
    parties: [
        (id: "alpha", name: "Alpha", role: Negotiator,
         domestic: (hardliners: (support: 50, share: 0.5, inertia: 0.5), moderates: (support: 50, share: 0.5, inertia: 0.5), concession_floor: 0),
         preferences: [(issue: "a", weight: 3, shape: Ideal("a0"), unaddressed: 0.5), (issue: "b", weight: 1, shape: Ideal("b0"), unaddressed: 0)],
         red_lines: [{alpha_lines}],
         reservation: (base: {res}, tension: 0, hardliners: 0),
         personality: (hawkish: 0.5, cautious: 0.5, temperature: 0.5)),
        (id: "beta", name: "Beta", role: Negotiator,
         domestic: (hardliners: (support: 50, share: 0.5, inertia: 0.5), moderates: (support: 50, share: 0.5, inertia: 0.5), concession_floor: 0),
         preferences: [(issue: "a", weight: 1, shape: Ideal("a2"), unaddressed: 0), (issue: "b", weight: 3, shape: Ideal("b1"), unaddressed: 0)],
         red_lines: [{beta_lines}],
         reservation: (base: {res}, tension: 0, hardliners: 0),
         personality: (hawkish: 0.5, cautious: 0.5, temperature: 0.5)),
    ],
    draft: [(issue: "b", level: "b0")],
    moves: [(id: "accept", name: "Accept", by: [Role(Negotiator)], effects: [Accept], text: "{{actor}} accepts.")],
)"#
    );
    parse("t.ron", text.as_bytes()).unwrap_or_else(|e| panic!("{}", e.render()))
}

#[test]
fn finds_the_nash_package_by_hand() {
    // Alpha: a0=1, a1=.5, a2=0 (w .75); b0=1, b1=0 (w .25). Beta: a2=1 (w .25); b1=1 (w .75).
    // Packages (a, b): the trade a0+b1 gives Alpha .75, Beta .75: the product .5625 is the best.
    let s = two_issue("", "", 0.0);
    let a = analyse(&s);
    let best = a.best.expect("feasible");
    assert_eq!(best.levels, vec![Some(0), Some(1)]);
    assert!((best.utilities[0].1 - 0.75).abs() < 1e-9);
    assert!((best.utilities[1].1 - 0.75).abs() < 1e-9);
    assert!((best.nash - 0.5625).abs() < 1e-9);
    assert!(a.exact);
    assert_eq!(a.packages, 8.0);
}

#[test]
fn red_lines_restrict_the_package() {
    // Beta insists on a at least a1: a0 is out; best is (a1, b1): Alpha .375+0, Beta .125+.75.
    let s = two_issue("", r#"(issue: "a", rule: AtLeast("a1"), text: "x")"#, 0.0);
    let best = analyse(&s).best.expect("feasible");
    assert_eq!(best.levels[0], Some(1));
    assert_eq!(best.levels[1], Some(1));
}

#[test]
fn clashing_red_lines_are_named() {
    let s = two_issue(
        r#"(issue: "a", rule: AtMost("a0"), text: "x")"#,
        r#"(issue: "a", rule: AtLeast("a2"), text: "y")"#,
        0.0,
    );
    let a = analyse(&s);
    assert!(a.best.is_none());
    assert_eq!(a.clashes.len(), 1);
    assert_eq!(a.clashes[0].issue, 0);
    assert_eq!(a.clashes[0].red_lines.len(), 2);
}

#[test]
fn reservation_values_too_high_are_reported() {
    // Each could get 1.0 alone, but no package gives both 0.9.
    let s = two_issue("", "", 0.9);
    let a = analyse(&s);
    assert!(a.best.is_none());
    assert!(a.clashes.is_empty());
    assert_eq!(a.short.len(), 2);
}

#[test]
fn geneva_is_feasible_and_keeps_the_red_lines() {
    let s = crate::geneva();
    let a = analyse(&s);
    let best = a
        .best
        .clone()
        .expect("the default scenario must be feasible");
    assert!(a.exact);
    for &p in &s.negotiators {
        assert!(s.keeps_red_lines(p, &best.levels), "{}", s.parties[p].id);
    }
    for ((_, u), (_, r)) in best.utilities.iter().zip(&a.reservations) {
        assert!(u >= r);
    }
    // Exhaustive check: no package has a higher Nash product.
    let options: Vec<Vec<Option<usize>>> = s.issues.iter().map(|i| i.options().collect()).collect();
    let mut idx = vec![0usize; options.len()];
    let mut best_seen = -1.0f64;
    loop {
        let pkg: Vec<Option<usize>> = idx
            .iter()
            .enumerate()
            .map(|(i, &k)| options[i][k])
            .collect();
        if s.negotiators.iter().all(|&p| s.keeps_red_lines(p, &pkg)) {
            let gains: Vec<f64> = a
                .reservations
                .iter()
                .map(|(p, r)| s.utility(*p, &pkg) - r)
                .collect();
            if gains.iter().all(|g| *g >= -1e-12) {
                best_seen = best_seen.max(gains.iter().product());
            }
        }
        let mut k = 0;
        while k < idx.len() {
            idx[k] += 1;
            if idx[k] < options[k].len() {
                break;
            }
            idx[k] = 0;
            k += 1;
        }
        if k == idx.len() {
            break;
        }
    }
    assert!(
        (best_seen - best.nash).abs() < 1e-9,
        "exhaustive {best_seen} vs search {}",
        best.nash
    );
}

#[test]
fn the_best_text_for_one_side_and_pareto_optimality_by_hand() {
    // Alpha: a0=1, a1=.5, a2=0 (w .75); b0=1, b1=0 (w .25). Beta: a2=1, a1=.5, a0=0 (w .25);
    // b1=1, b0=0 (w .75). (Alpha, Beta): (a0,b0) 1, 0; (a0,b1) .75, .75; (a1,b0) .625, .125;
    // (a1,b1) .375, .875; (a2,b0) .25, .25; (a2,b1) 0, 1.
    let s = two_issue("", "", 0.2);
    let res = [(0, 0.2), (1, 0.2)];
    // Alpha's best text that still gives Beta at least 0.2 is the trade (a0, b1)...
    let best = best_for(&s, &res, 0).expect("a text both can sign");
    assert_eq!(best.levels, vec![Some(0), Some(1)]);
    // ... and Beta's, keeping Alpha at 0.2, is (a1, b1).
    let best = best_for(&s, &res, 1).expect("a text both can sign");
    assert_eq!(best.levels, vec![Some(1), Some(1)]);
    // The trade and (a1, b1) are Pareto-optimal; (a1, b0) and (a2, b0) are dominated by the
    // trade.
    assert!(pareto_optimal(&s, &[Some(0), Some(1)]));
    assert!(pareto_optimal(&s, &[Some(1), Some(1)]));
    assert!(!pareto_optimal(&s, &[Some(1), Some(0)]));
    assert!(!pareto_optimal(&s, &[Some(2), Some(0)]));
    // A Nash product counts only the gains over the walk-away values, and is 0 when one side
    // is below its own.
    assert!((nash_product(&s, &res, &[Some(0), Some(1)]) - 0.55 * 0.55).abs() < 1e-9);
    assert!((nash_product(&s, &res, &[Some(2), Some(0)]) - 0.05 * 0.05).abs() < 1e-9);
    assert_eq!(nash_product(&s, &res, &[Some(1), Some(0)]), 0.0);
    // The bargaining range: (a0,b1), (a1,b1), (a2,b0) and (not addressed, b1) give both 0.2.
    assert_eq!(analyse(&s).range, Some(4));
    assert_eq!(analyse(&two_issue("", "", 0.0)).range, Some(8));
}
