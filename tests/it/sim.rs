//! The turn rules: determinism, effects, outcomes, AI explanations, saves and replays.

use std::sync::Arc;

use redline::ai::{self, Policy};
use redline::rules;
use redline::scenario::{Role, Scenario};
use redline::sim::{self, Controller, Game, NewsKind, OutcomeKind, save};

fn all_ai(s: &Arc<Scenario>, seed: u64) -> Game {
    Game::new(s.clone(), seed, &sim::seat(s, None, &[]))
}

/// Party `p`'s signing card in game `g` as it stands, its options `scored`, as the views build it.
fn signing_card(g: &Game, p: usize, scored: &[ai::Scored]) -> Option<redline::seen::Signing> {
    let s = g.scenario();
    redline::seen::Signing::of(
        &s,
        g.state(),
        sim::mean_tension(&s, g.history()),
        p,
        scored,
        &redline::seen::Ahead::of(&g.world, Some(p)),
    )
}

/// Text that wraps (the terminal's signing line), read as one run of words.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn same_seed_same_log() {
    let s = crate::geneva();
    let mut a = all_ai(&s, 99);
    let mut b = all_ai(&s, 99);
    a.run_to_end(100);
    b.run_to_end(100);
    assert_eq!(a.log().join("\n").as_bytes(), b.log().join("\n").as_bytes());
    assert!(a.outcome().is_some());
    let mut c = all_ai(&s, 100);
    c.run_to_end(100);
    assert_ne!(
        a.log(),
        c.log(),
        "different seeds should give different games"
    );
}

#[test]
fn reused_world_plays_like_a_fresh_one() {
    let s = crate::geneva();
    let mut a = all_ai(&s, 5);
    a.run_to_end(100);
    let mut b = all_ai(&s, 77);
    b.run_to_end(100);
    b.reset(s.clone(), 5, &sim::seat(&s, None, &[]));
    b.run_to_end(100);
    assert_eq!(a.log(), b.log());
}

#[test]
fn scores_stay_in_range_and_signed_deals_keep_red_lines() {
    for scenario in [crate::geneva(), crate::tutorial()] {
        for seed in 0..40 {
            let mut g = all_ai(&scenario, seed);
            while g.step() {
                let b = g.state();
                assert!((0.0..=100.0).contains(&b.tension));
                assert!((0.0..=100.0).contains(&b.agreement));
                let n = scenario.parties.len();
                for f in 0..n {
                    assert!((0..n).all(|t| (0.0..=100.0).contains(&b.trust(f, t))));
                }
                assert!(
                    b.parties
                        .iter()
                        .all(|r| (0.0..=100.0).contains(&r.hardliners)
                            && (0.0..=100.0).contains(&r.moderates)
                            && (0.0..=scenario.capital.max).contains(&r.capital)
                            && r.troops >= 0)
                );
                // "Accepts the text" always means "would sign it now".
                for &p in &scenario.negotiators {
                    if b.parties[p].accepted {
                        assert!(rules::verdict(&scenario, b, p).would_sign, "seed {seed}");
                    }
                }
            }
            let o = g.outcome().expect("every game ends").clone();
            assert!(o.week <= scenario.weeks);
            assert!(!o.reasons.is_empty());
            if o.kind == OutcomeKind::Deal {
                let b = g.state();
                for &p in &scenario.negotiators {
                    assert!(
                        scenario.keeps_red_lines(p, &b.draft.levels),
                        "deal breaks {}'s red line",
                        scenario.parties[p].id
                    );
                }
            }
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
    /// Any sequence of legal moves for 200 weeks: no panic, every score in range, no signed deal
    /// breaks a red line.
    #[test]
    fn any_legal_moves_keep_the_invariants(seed in 0u64..1_000_000, picks in proptest::collection::vec(0usize..1000, 200)) {
        let s = crate::geneva();
        let mut s2 = (*s).clone();
        s2.weeks = 200;
        let s = Arc::new(s2);
        let ctrl: Vec<Controller> = (0..s.parties.len()).map(|p| if s.parties[p].role == Role::Negotiator || s.parties[p].role == Role::Mediator { Controller::Human } else { Controller::Ai(Policy::Random) }).collect();
        let mut g = Game::new(s.clone(), seed, &ctrl);
        for (w, pick) in picks.iter().enumerate() {
            if g.outcome().is_some() { break; }
            for p in 0..s.parties.len() {
                if ctrl[p] == Controller::Human {
                    let legal = g.legal(p);
                    if !legal.is_empty() {
                        g.order(p, legal[(pick + w * 7 + p * 13) % legal.len()]);
                    }
                }
            }
            g.step();
            let b = g.state();
            let n = s.parties.len();
            proptest::prop_assert!((0.0..=100.0).contains(&b.tension));
            proptest::prop_assert!((0.0..=100.0).contains(&b.agreement));
            proptest::prop_assert!((0..n * n).all(|k| (0.0..=100.0).contains(&b.trust(k / n, k % n))));
            if g.outcome().is_some_and(|o| o.kind == OutcomeKind::Deal) {
                for &p in &s.negotiators {
                    proptest::prop_assert!(s.keeps_red_lines(p, &b.draft.levels));
                }
            }
        }
    }
}

/// Plays one move for `party` in week 1 with everyone else human and idle; returns the game.
fn after_move(
    s: &Arc<Scenario>,
    party: &str,
    mv: &str,
    target: Option<&str>,
    issue: Option<&str>,
) -> (Game, Game) {
    let ctrl = vec![Controller::Human; s.parties.len()];
    let mut s2 = (**s).clone();
    s2.rules.event_chance = 0.0;
    let s = Arc::new(s2);
    let mut base = Game::new(s.clone(), 1, &ctrl);
    let mut g = Game::new(s.clone(), 1, &ctrl);
    let p = s.party_ix(party).unwrap();
    let c = rules::Choice {
        mv: s.move_ix(mv).unwrap(),
        party: target.map(|t| s.party_ix(t).unwrap()),
        issue: issue.map(|i| s.issue_ix(i).unwrap()),
    };
    assert!(g.legal(p).contains(&c), "{mv} should be legal for {party}");
    g.order(p, c);
    g.step();
    base.step();
    (base, g)
}

fn trust(g: &mut Game, from: &str, to: &str) -> f64 {
    let s = g.scenario();
    g.state()
        .trust(s.party_ix(from).unwrap(), s.party_ix(to).unwrap())
}

#[test]
fn each_kind_of_effect_does_what_it_says() {
    let s = crate::geneva();
    // Hawkish statement: tension up, trust down, hardliners pushed up.
    let (mut base, mut g) = after_move(&s, "iran", "hawkish", None, None);
    assert!((g.tension() - base.tension() - 6.0).abs() < 1e-9);
    // −7, of which 1.5 has faded by the end of the week.
    let lost = trust(&mut base, "united_states", "iran") - trust(&mut g, "united_states", "iran");
    assert!((lost - 5.5).abs() < 1e-9, "trust fell {lost}");
    let iran = s.party_ix("iran").unwrap();
    assert!(g.state().parties[iran].hardliners > base.state().parties[iran].hardliners);
    // The trust change is itemised with its cause.
    let us = s.party_ix("united_states").unwrap();
    assert!(
        g.state()
            .trust
            .modifiers(us, iran)
            .any(|m| m.source.label(&s, us, iran).contains("Hawkish statement"))
    );

    // Propose: the clause moves one step toward the actor's ideal.
    let (_, g) = after_move(&s, "united_states", "propose", None, Some("enrichment"));
    let e = s.issue_ix("enrichment").unwrap();
    // Zero enrichment is the US ideal; it tables the first level it gains from that keeps its
    // own red line (at least a multi-year pause): the pause.
    assert_eq!(
        g.state().draft.levels[e],
        s.issues[e].levels.iter().position(|l| l.id == "pause"),
        "an open clause enters at the first level worth more that keeps the red line"
    );
    // Concede: toward the others, a step Iran loses by (the stockpile, left out of the text,
    // enters it).
    let (_, g) = after_move(&s, "iran", "concede", None, Some("stockpile"));
    let k = s.issue_ix("stockpile").unwrap();
    assert_eq!(s.draft[k], None);
    let to = g.state().draft.levels[k];
    let own = &s.parties[iran].prefs[k];
    assert!(to.is_some() && own.value(to) < own.value(None), "{to:?}");
    // From no inspectors the United States' way is Iran's way too (safeguards restored): a
    // step Iran gains from is a proposal, never a concession.
    let i = s.issue_ix("inspections").unwrap();
    assert_eq!(s.draft[i], Some(0));
    let opened = rules::opened(&rules::Negotiation::start(&s));
    assert_eq!(
        rules::legal::draft_blocked(&s, &opened, iran, s.move_ix("concede").unwrap(), i),
        Some(rules::legal::Blocked::NotAConcession)
    );
    let (_, g) = after_move(&s, "iran", "propose", None, Some("inspections"));
    assert_eq!(g.state().draft.levels[i], Some(1));
    // Deploy: troops.
    let (_, g) = after_move(&s, "united_states", "deploy", None, None);
    assert_eq!(g.state().parties[us].troops, 45_000);
    // Back channel: reveals the target's preferences.
    let (_, g) = after_move(&s, "iran", "back_channel", Some("united_states"), None);
    assert!(g.state().has_revealed(iran, us));
    // Walk out: away from the table.
    let mut s2 = (*s).clone();
    s2.moves.iter_mut().for_each(|m| {
        m.conditions
            .retain(|c| !matches!(c, redline::scenario::Condition::WeekAtLeast(_)))
    });
    s2.rules.return_chance = 0.0;
    let (_, g) = after_move(&Arc::new(s2), "iran", "walk_out", None, None);
    assert!(!g.state().parties[iran].present);
    // Bridge: the mediator moves the clause that breaks a red line.
    let (_, g) = after_move(&s, "oman", "bridge", None, None);
    let b = g.state();
    assert!(
        b.draft.levels[e].is_some(),
        "the bridge puts the required nuclear clause on the table"
    );
}

/// A party that walks out stays away at least until the next week ends: even with a return
/// chance of 1 it is not back the week it left, and is back at the end of the next.
#[test]
fn a_walk_out_holds_for_the_week_it_is_made() {
    let s = geneva_with(|s| {
        s.moves.iter_mut().for_each(|m| {
            m.conditions
                .retain(|c| !matches!(c, redline::scenario::Condition::WeekAtLeast(_)))
        });
        s.rules.return_chance = 1.0;
    });
    let iran = s.party_ix("iran").unwrap();
    let (_, mut g) = after_move(&s, "iran", "walk_out", None, None);
    let row = g.state().parties[iran];
    assert!(!row.present && row.absent_weeks == 1, "{row:?}");
    assert!(
        !g.news()
            .iter()
            .any(|n| n.text.contains("returns to the table")),
        "no return the week it left"
    );
    g.step();
    assert!(g.state().parties[iran].present, "back a week later");
    assert!(
        g.news()
            .iter()
            .any(|n| n.week == 2 && n.text == "Iran returns to the table.")
    );
    // Nor does the mediator's shuttle bring it back the week it left; it does the week after.
    let shuttle = rules::Choice {
        mv: s.move_ix("shuttle").unwrap(),
        party: None,
        issue: None,
    };
    let oman = s.party_ix("oman").unwrap();
    let ctrl = vec![Controller::Human; s.parties.len()];
    let calm = geneva_with(|c| {
        *c = (*s).clone();
        c.rules.event_chance = 0.0;
        c.rules.return_chance = 0.0;
    });
    let mut g = Game::new(calm.clone(), 1, &ctrl);
    let walk = rules::Choice {
        mv: calm.move_ix("walk_out").unwrap(),
        party: None,
        issue: None,
    };
    g.order(iran, walk);
    g.order(oman, shuttle);
    g.step();
    assert!(!g.state().parties[iran].present, "the walk-out holds");
    g.order(oman, shuttle);
    g.step();
    assert!(
        g.state().parties[iran].present,
        "the shuttle brings it back"
    );
}

/// Geneva changed by `f`.
fn geneva_with(f: impl FnOnce(&mut Scenario)) -> Arc<Scenario> {
    let mut s = (*crate::geneva()).clone();
    f(&mut s);
    Arc::new(s)
}

/// Geneva without random events, its starting text with `issue` at `level`; and the issue.
fn geneva_from(issue: &str, level: &str) -> (Arc<Scenario>, usize) {
    let i = crate::geneva().issue_ix(issue).unwrap();
    let s = geneva_with(|s| {
        s.rules.event_chance = 0.0;
        s.draft[i] = s.issues[i].levels.iter().position(|l| l.id == level);
    });
    (s, i)
}

#[test]
fn reopening_a_banked_clause_costs_trust() {
    // Inspections restored in the starting text: a clause that keeps every red line.
    let (s, i) = geneva_from("inspections", "safeguards");
    let ctrl = vec![Controller::Human; s.parties.len()];
    let us = s.party_ix("united_states").unwrap();
    let propose = rules::Choice {
        mv: s.move_ix("propose").unwrap(),
        party: None,
        issue: Some(i),
    };
    // The same game after `weeks` quiet weeks; and then one more week in which `p` plays `c`.
    let quiet = |weeks: u32| {
        let mut g = Game::new(s.clone(), 3, &ctrl);
        g.run_to_end(weeks);
        g
    };
    let played = |weeks: u32, p, c| {
        let mut g = quiet(weeks);
        g.order(p, c);
        g.step();
        g
    };
    assert!(
        quiet(2).state().draft.banked[i],
        "an unchanged clause keeping every red line banks after two weeks"
    );
    // Same game twice: in one the US amends a fresh clause, in the other a banked one.
    let mut fresh = played(0, us, propose);
    let mut banked = played(2, us, propose);
    let mut idle = quiet(3);
    assert!(!banked.state().draft.banked[i]);
    // The news says so, with the price; amending a fresh clause says nothing of the kind.
    let reopens = |g: &Game| {
        g.news()
            .iter()
            .filter(|n| n.text.contains("reopens the banked clause on IAEA access"))
            .count()
    };
    assert_eq!(reopens(&banked), 1);
    assert_eq!(reopens(&fresh), 0);
    let cost_banked =
        trust(&mut idle, "iran", "united_states") - trust(&mut banked, "iran", "united_states");
    let mut idle1 = quiet(1);
    let cost_fresh =
        trust(&mut idle1, "iran", "united_states") - trust(&mut fresh, "iran", "united_states");
    // Proposing costs 2 (1 after a week of fading); reopening a banked clause 12 more (10 after fading).
    assert!(
        (cost_fresh - 1.0).abs() < 1e-9,
        "fresh clause cost {cost_fresh}"
    );
    assert!(
        (cost_banked - 11.0).abs() < 1e-9,
        "banked clause cost {cost_banked}"
    );
    assert!(banked.news().iter().any(|n| n.text
        == "United States reopens the banked clause on IAEA access: Iran trusts it 12 less (10 at the week's end), fading 2 a week."));
    // Iran's ledger of trust in the United States names who reopened it.
    let (iran, us) = (
        s.party_ix("iran").unwrap(),
        s.party_ix("united_states").unwrap(),
    );
    let ledger = rules::describe::trust_ledger(&s, banked.state(), iran, us);
    assert!(
        ledger
            .iter()
            .any(|i| i.label == "United States reopened the banked clause on IAEA access"),
        "{ledger:?}"
    );

    // Reopening a banked clause to give ground costs nothing: the one it could hurt gains by it.
    let iran = s.party_ix("iran").unwrap();
    let concede = rules::Choice {
        mv: s.move_ix("concede").unwrap(),
        ..propose
    };
    let mut fresh = played(0, iran, concede);
    let before = quiet(2).state().draft.levels[i];
    let mut banked = played(2, iran, concede);
    assert_ne!(
        banked.state().draft.levels[i],
        before,
        "the concession moved the clause"
    );
    assert!(!banked.state().draft.banked[i]);
    let gain_fresh =
        trust(&mut fresh, "united_states", "iran") - trust(&mut idle1, "united_states", "iran");
    let gain_banked =
        trust(&mut banked, "united_states", "iran") - trust(&mut idle, "united_states", "iran");
    assert!(gain_fresh > 0.0);
    assert!(
        (gain_banked - gain_fresh).abs() < 1e-9,
        "a concession on a banked clause gains {gain_banked}, on a fresh one {gain_fresh}"
    );
    assert!(banked.news().iter().any(|n| n.text
        == "Iran reopens the banked clause on IAEA access, at no cost in trust: no other \
            negotiator loses by the change."));
}

/// The week's moves take effect in party order in odd weeks and in reverse in even weeks: two
/// parties pulling the same clause opposite ways in one week see the later one undo the
/// earlier, and which one is later alternates.
#[test]
fn the_moves_of_a_week_alternate_their_order() {
    // Sanctions relief opens in the middle (phased relief): each pulls it its own way.
    let (s, i) = geneva_from("sanctions", "phased");
    let ctrl = vec![Controller::Human; s.parties.len()];
    let [iran, us] = ["iran", "united_states"].map(|p| s.party_ix(p).unwrap());
    assert_eq!(rules::move_order(&s, 1)[..2], [iran, us]);
    assert_eq!(rules::move_order(&s, 2).last(), Some(&iran));
    let propose = rules::Choice {
        mv: s.move_ix("propose").unwrap(),
        party: None,
        issue: Some(i),
    };
    let mut g = Game::new(s.clone(), 5, &ctrl);
    let mut undoers = Vec::new();
    for week in 1..=2u32 {
        g.order(iran, propose);
        g.order(us, propose);
        g.step();
        let undone: Vec<&str> = g
            .news()
            .iter()
            .filter(|n| n.week == week && n.text.contains(" undoes "))
            .map(|n| n.text.as_str())
            .collect();
        assert_eq!(undone.len(), 1, "week {week}: {undone:?}");
        undoers.push(undone[0].split(" undoes ").next().unwrap().to_string());
        // The moves are told in the order they took effect.
        let moves: Vec<&str> = g
            .news()
            .iter()
            .filter(|n| n.week == week && n.kind == NewsKind::Move)
            .map(|n| n.text.as_str())
            .collect();
        let last = if week == 1 { "United States" } else { "Iran" };
        assert!(
            moves.last().is_some_and(|m| m.starts_with(last)),
            "{moves:?}"
        );
    }
    assert_eq!(undoers, ["United States", "Iran"]);
}

/// The news tells what a move did beyond its own line: a party brought back to the table by
/// another's move, and a move meant to change the text that changed nothing, with the reason;
/// such a move costs no capital (its price is given back).
#[test]
fn the_news_tells_returns_and_moves_that_changed_nothing() {
    let s = crate::geneva();
    let ctrl = vec![Controller::Human; s.parties.len()];
    let mut s2 = (*s).clone();
    s2.rules.event_chance = 0.0;
    s2.rules.return_chance = 0.0;
    let s = Arc::new(s2);
    let [iran, us, oman] = ["iran", "united_states", "oman"].map(|p| s.party_ix(p).unwrap());
    let choice = |mv: &str| rules::Choice {
        mv: s.move_ix(mv).unwrap(),
        party: None,
        issue: None,
    };
    let back = |g: &Game| {
        g.news()
            .iter()
            .filter(|n| n.text == "United States is back at the table.")
            .count()
    };
    // Brought back by Oman's shuttle: told. Back by its own move: the move's news is enough.
    for (who, mv) in [(oman, "shuttle"), (us, "return")] {
        let mut g = Game::new(s.clone(), 3, &ctrl);
        // Walking out is open from the second week.
        g.step();
        g.order(us, choice("walk_out"));
        g.step();
        assert!(!g.state().parties[us].present);
        g.order(who, choice(mv));
        g.step();
        assert!(g.state().parties[us].present, "{mv} brings the US back");
        assert_eq!(back(&g), usize::from(who == oman), "{mv}");
    }
    // Both negotiators table whole texts that meet every red line; Oman's bridging proposal,
    // played after them, finds nothing to bridge.
    let mut g = Game::new(s.clone(), 3, &ctrl);
    let before = g.state().parties[oman].capital;
    g.order(iran, choice("table_text"));
    g.order(us, choice("table_text"));
    g.order(oman, choice("bridge"));
    g.step();
    let st = g.state();
    // Nothing spent: Oman ends the week with its income on top of what it had.
    let income = g.history()[1].talks.parties[oman].capital - before;
    assert!(s.moves[choice("bridge").mv].cost > 0.0);
    assert!(
        (income - rules::income(&s, &g.history()[0].talks, oman)).abs() < 1e-9,
        "Oman's capital {before} → {}",
        st.parties[oman].capital
    );
    assert!(st.draft.changes.iter().all(|c| c.by != oman));
    assert!(rules::legal::bridge_target(&s, st).is_none());
    // Each whole text is the one drawn up as the week opened, the first's change to what the
    // second reads of the others notwithstanding: the text is the later one's, as it was drawn.
    let opened = rules::opened(&g.history()[0].talks);
    let order = rules::move_order(&s, opened.week);
    let last = *[iran, us]
        .iter()
        .max_by_key(|p| order.iter().position(|q| q == *p))
        .unwrap();
    let drawn = rules::bargain::drawn_text(&s, &opened, last).expect("a text to table");
    assert_eq!(st.draft.levels, drawn);
    let said: Vec<_> = g
        .news()
        .iter()
        .filter(|n| n.text.contains("changes nothing in the text"))
        .map(|n| n.text.as_str())
        .collect();
    assert_eq!(
        said,
        [
            "Bridging proposal by Oman changes nothing in the text: every party whose consent a deal \
          needs could already sign the text, trust aside; it costs no capital."
        ]
    );
}

/// A move that shows its party another side's hidden priorities tells that party alone, once:
/// the news names the side's heaviest issues with their true weights, and no other seat reads it.
#[test]
fn hidden_priorities_learned_are_news_to_the_learner_alone() {
    let s = crate::geneva();
    let ctrl = vec![Controller::Human; s.parties.len()];
    let [iran, us] = ["iran", "united_states"].map(|p| s.party_ix(p).unwrap());
    let back = s
        .moves
        .iter()
        .position(|m| {
            m.usable_by(iran, s.parties[iran].role)
                && m.effects
                    .iter()
                    .any(|e| matches!(e, redline::scenario::Effect::Reveal(_)))
        })
        .expect("a move of Iran's reveals");
    let mut g = Game::new(s.clone(), 3, &ctrl);
    let learned = |g: &Game| -> Vec<redline::sim::News> {
        (g.news().iter())
            .filter(|n| n.text.starts_with("Iran now knows what"))
            .cloned()
            .collect()
    };
    assert!(s.parties[us].hidden_preferences);
    for _ in 0..2 {
        let c = (g.options(iran).iter())
            .map(|sc| sc.choice)
            .find(|c| c.mv == back && c.party.is_none_or(|p| p == us))
            .expect("the back channel is open");
        g.order(iran, c);
        g.step();
    }
    assert!(g.state().has_revealed(iran, us));
    let told = learned(&g);
    assert_eq!(told.len(), 1, "{told:?}");
    let n = &told[0];
    assert_eq!((n.week, n.only), (1, Some(iran)));
    assert!(n.told_to(Some(iran)) && n.told_to(None) && !n.told_to(Some(us)));
    let w = &s.parties[us].prefs;
    let top = (0..w.len())
        .max_by(|&a, &b| w[a].weight.total_cmp(&w[b].weight).then(b.cmp(&a)))
        .unwrap();
    let first = format!(
        "Iran now knows what United States cares about most, which United States had kept hidden: \
         {} {:.0}\u{a0}%",
        s.issues[top].name,
        100.0 * w[top].weight
    );
    assert!(n.text.starts_with(&first), "{}", n.text);
}

/// An acceptance that lapses at the end of a week (the party would no longer sign) is news,
/// with the party's reason; the party then does not accept.
#[test]
fn a_lapsed_acceptance_is_news() {
    let s = crate::geneva();
    let mut told = 0;
    for seed in 0..40 {
        let mut g = all_ai(&s, seed);
        g.run_to_end(s.weeks);
        for n in g
            .news()
            .iter()
            .filter(|n| n.text.contains("no longer accepts the text"))
        {
            let p = s
                .parties
                .iter()
                .position(|q| n.text.starts_with(&q.name))
                .expect("the news names the party");
            let week = &g.history()[n.week as usize].talks;
            assert!(!week.parties[p].accepted, "{}", n.text);
            assert!(n.text.contains(": \u{201c}"), "with its reason: {}", n.text);
            told += 1;
        }
    }
    assert!(told > 0, "some acceptance lapses in 40 games");
}

/// A standing acceptance never vanishes unexplained: when a party that accepted the text as a
/// week opened no longer accepts it as the week ends, the news of that week says why (an act
/// withdrew it, or it lapsed), unless the party left the table. (An acceptance made earlier in
/// the same week may be withdrawn too, and is told the same way.)
#[test]
fn a_withdrawn_acceptance_is_news() {
    let s = crate::geneva();
    let (mut withdrawn, mut changed) = (0, 0);
    for seed in 0..40 {
        let mut g = all_ai(&s, seed);
        g.run_to_end(s.weeks);
        let history = g.history();
        for w in 1..history.len() {
            let (before, after) = (&history[w - 1].talks, &history[w].talks);
            let news: Vec<&str> = g
                .news()
                .iter()
                .filter(|n| n.week as usize == w)
                .map(|n| n.text.as_str())
                .collect();
            for (p, party) in s.parties.iter().enumerate() {
                let says = |what: &str| {
                    news.iter()
                        .filter(|t| t.starts_with(&party.name) && t.contains(what))
                        .count()
                };
                let told = says("acceptance is withdrawn: ");
                if told > 0 {
                    withdrawn += told;
                    changed += says("the text it accepted has changed");
                }
                if before.parties[p].accepted
                    && !after.parties[p].accepted
                    && after.parties[p].present
                {
                    assert!(
                        told + says("no longer accepts the text") > 0,
                        "seed {seed}, week {w}: {}'s acceptance vanished: {news:?}",
                        party.name
                    );
                }
            }
        }
    }
    assert!(withdrawn > changed, "an event withdraws some acceptance");
    assert!(
        changed > 0,
        "a change of the text withdraws some acceptance"
    );
}

/// An acceptance is of the text as the week opened: a player who accepts a text that a party
/// moving earlier in the week changes is not bound to the new text. The signing card says who
/// moves first, and the news tells the move as an acceptance that did not take.
#[test]
fn an_acceptance_of_a_text_changed_earlier_in_the_week_does_not_take_and_says_so() {
    let s = crate::tutorial();
    let ix = |id: &str| s.party_ix(id).unwrap();
    let (aldoria, belmar, commission) = (ix("aldoria"), ix("belmar"), ix("commission"));
    let mut ctrl = vec![Controller::Human; s.parties.len()];
    // The commission shuttles: it never touches the text.
    ctrl[commission] = Controller::Ai(Policy::Key('s'));
    let mut g = Game::new(s.clone(), 5, &ctrl);
    let pick = |g: &Game, p: usize, mv: &str, issue: Option<&str>| {
        let m = s.moves.iter().position(|m| m.id == mv).unwrap();
        let i = issue.map(|i| s.issue_ix(i).unwrap());
        rules::legal_choices(&s, &rules::opened(g.state()), p)
            .into_iter()
            .find(|c| c.mv == m && c.issue == i)
            .unwrap_or_else(|| panic!("{mv} is open to {p}"))
    };
    // Week 1 (odd: the parties' order): Aldoria moves before Belmar, so Belmar's card says so;
    // Aldoria moves first and its card says only that a change by those after it withdraws it.
    let scored = g.options(aldoria);
    let card = signing_card(&g, aldoria, &scored).unwrap();
    assert_eq!(
        card.order.as_deref(),
        Some(
            "A change by Belmar or River Commission (moving after you) withdraws your acceptance."
        )
    );
    let order = redline::read::accept_order_note(&s, g.state(), belmar, &[]).unwrap();
    assert!(
        order.starts_with("This week Aldoria moves before you"),
        "{order}"
    );
    assert!(
        order.ends_with(
            "A change by River Commission (moving after you) withdraws your acceptance."
        ),
        "{order}"
    );
    for p in [aldoria, belmar] {
        g.order(p, pick(&g, p, "warm_words", None));
    }
    g.step();
    // Week 2 (even: the reverse order): Belmar moves before Aldoria and changes the text;
    // Aldoria accepts the text as the week opened.
    let scored = g.options(aldoria);
    let card = signing_card(&g, aldoria, &scored).unwrap();
    let order = card.order.expect("Belmar moves first this week");
    assert!(
        order.contains("Belmar") && order.contains("does not take"),
        "{order}"
    );
    let opened = g.state().draft.levels.clone();
    g.order(belmar, pick(&g, belmar, "propose", Some("monitoring")));
    g.order(aldoria, pick(&g, aldoria, "accept", None));
    g.step();
    let st = g.state();
    assert_ne!(st.draft.levels, opened, "Belmar changed the text");
    assert!(
        !st.parties[aldoria].accepted,
        "not bound to the changed text"
    );
    let news: Vec<&str> = g
        .news()
        .iter()
        .filter(|n| n.week == 2)
        .map(|n| n.text.as_str())
        .collect();
    // Where an event may write into the text, the note says the events come first too.
    let path = crate::project("assets/scenarios/vienna_2015.ron");
    let v = redline::scenario::load_file(&path).unwrap();
    let first = v.negotiators[0];
    let note = redline::read::accept_order_note(&v, &rules::Negotiation::start(&v), first, &[])
        .expect("Vienna's events may write into the text");
    assert!(
        note.starts_with("The day's events come before your move"),
        "{note}"
    );
    // The move is told as what it did: not as an acceptance.
    let missed = rules::describe::acceptance_missed(&s, "Aldoria");
    assert!(news.contains(&missed.as_str()), "{news:?}");
    assert!(!news.contains(&"Aldoria accepts the text."), "{news:?}");
}

#[test]
fn every_outcome_is_reachable() {
    let s = crate::geneva();
    let mut seen = std::collections::BTreeSet::new();
    for seed in 0..300 {
        let mut g = all_ai(&s, seed);
        g.run_to_end(100);
        seen.insert(g.outcome().unwrap().kind);
        if seen.len() == 4 {
            break;
        }
    }
    // Collapse needs a negotiator away three weeks: force it if the AI never did.
    if !seen.contains(&OutcomeKind::Collapse) {
        let mut s2 = (*s).clone();
        s2.rules.return_chance = 0.0;
        s2.moves.retain(|m| m.id != "shuttle" && m.id != "return");
        s2.moves.iter_mut().for_each(|m| {
            m.conditions
                .retain(|c| !matches!(c, redline::scenario::Condition::WeekAtLeast(_)))
        });
        let s2 = Arc::new(s2);
        let mut ctrl = sim::seat(&s2, None, &[]);
        let iran = s2.party_ix("iran").unwrap();
        ctrl[iran] = Controller::Human;
        let mut g = Game::new(s2.clone(), 1, &ctrl);
        g.order(
            iran,
            rules::Choice {
                mv: s2.move_ix("walk_out").unwrap(),
                party: None,
                issue: None,
            },
        );
        g.run_to_end(10);
        seen.insert(g.outcome().unwrap().kind);
    }
    assert_eq!(seen.len(), 4, "outcomes seen: {seen:?}");
}

#[test]
fn ai_explanations_match_the_choice() {
    let s = crate::geneva();
    let mut g = all_ai(&s, 11);
    for _ in 0..5 {
        g.step();
        let d = g.decisions().clone();
        for e in &d.explained {
            // The explained choice is the move that was played, and its terms add up to its score.
            assert!(d.moves.contains(&(e.party, e.chosen.choice)));
            let sum: f64 = e.chosen.parts.iter().sum();
            assert!((sum - e.chosen.score).abs() < 1e-9);
            let text = ai::explain(&s, e);
            assert!(text.contains(&s.moves[e.chosen.choice.mv].name), "{text}");
        }
    }
    // A verdict names every red line and the reservation comparison.
    let v = g.verdicts();
    let us = v
        .iter()
        .find(|v| s.parties[v.party].id == "united_states")
        .unwrap();
    let reasons = us.reasons(&s);
    assert!(reasons.iter().filter(|r| r.contains("red line")).count() >= 2);
    assert!(reasons.iter().any(|r| r.contains("without a deal")));
    assert_eq!(
        us.would_sign,
        rules::stand(&s, g.state(), us.party).would_sign(s.rules.min_trust)
    );
}

#[test]
fn undo_restores_the_previous_week_exactly() {
    let s = crate::geneva();
    let mut g = all_ai(&s, 21);
    g.step();
    g.step();
    let snap = g.history().last().unwrap().clone();
    let log = g.log().to_vec();
    g.step();
    assert!(g.undo());
    assert_eq!(g.history().last().unwrap(), &snap);
    assert_eq!(g.log(), &log[..]);
    // And playing on gives the same week as before.
    let mut h = all_ai(&s, 21);
    h.run_to_end(3);
    g.step();
    assert_eq!(g.log(), &h.log()[..g.log().len()]);
}

/// A save writes each week as what it added (its new trust modifiers and moves), so it grows
/// with the weeks, not with their square, even where every move's trust lasts: a 120-week game
/// of such moves wrote 3.5 MB in format 7, and a longer one with more negotiators passed the
/// size a save may have. The weeks load back exactly as they were played, and files of format 7
/// (every week whole) still load.
#[test]
fn saves_grow_with_the_weeks_and_load_back_exactly() {
    let text = std::fs::read_to_string(crate::project("assets/scenarios/tutorial.ron")).unwrap();
    // Every trust effect lasts (decay 0), and the game runs 120 weeks.
    let mut long = text.replace("    weeks: 6,", "    weeks: 120,");
    for (from, to) in [
        (", 6, 1)", ", 6, 0)"),
        (", 4, 1)", ", 4, 0)"),
        (", -8, 1)", ", -8, 0)"),
        (", 5, 1)", ", 5, 0)"),
    ] {
        assert!(
            long.contains(from),
            "the tutorial has a fading trust effect `{from}`"
        );
        long = long.replace(from, to);
    }
    let s = Arc::new(redline::scenario::parse("long.ron", long.as_bytes()).unwrap());
    // Both sides make warm words every week: nobody accepts, nobody's trust ever fades.
    let warm: Vec<_> = ["aldoria", "belmar"]
        .iter()
        .map(|id| (s.party_ix(id).unwrap(), Policy::Key('n')))
        .collect();
    let mut g = Game::new(s.clone(), 3, &sim::seat(&s, None, &warm));
    let dir = std::env::temp_dir().join(format!("redline-grow-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let size = |g: &mut Game, name: &str| {
        let path = dir.join(name);
        save::save(g, &path).unwrap();
        std::fs::metadata(&path).unwrap().len()
    };
    g.run_to_end(30);
    assert_eq!(g.week(), 30);
    let at_30 = size(&mut g, "30.ron");
    g.run_to_end(90);
    assert_eq!(g.week(), 120, "the game runs its 120 weeks");
    let lasting = g.state().trust.modifiers(0, 1).count();
    assert!(lasting > 60, "{lasting} lasting modifiers");
    let at_120 = size(&mut g, "120.ron");
    // Four times the weeks: about four times the size (sixteen when every week repeats all).
    assert!(
        at_120 < 6 * at_30,
        "{at_30} bytes at week 30, {at_120} at week 120"
    );
    let loaded = save::load(s.clone(), &dir.join("120.ron")).unwrap();
    assert_eq!(
        loaded.history(),
        g.history(),
        "every week loads as it was played"
    );
    assert_eq!(loaded.log(), g.log());
    // Format 7 wrote every week whole, with no list of carried weeks: it loads the same.
    let whole = save::SaveFile {
        format: 7,
        scenario_id: s.id.clone(),
        // (Version 7 recorded the hash of the scenario's text.)
        scenario_hash: s.source_hash,
        seed: 3,
        controllers: sim::seat(&s, None, &warm),
        history: g.history().to_vec(),
        news: g.world.resource::<sim::state::NewsFeed>().0.clone(),
        log: g.log().to_vec(),
        interventions: Vec::new(),
        carried: Vec::new(),
    };
    let old = dir.join("format7.ron");
    let body = ron::ser::to_string_pretty(&whole, ron::ser::PrettyConfig::new()).unwrap();
    std::fs::write(&old, save::seal(&body)).unwrap();
    assert!(std::fs::metadata(&old).unwrap().len() > 3 * at_120);
    let loaded = save::load(s.clone(), &old).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.history(), g.history());
    // Hand-made carried weeks that no game writes are refused with what is wrong: a list out
    // of place, more moves in a week than one a party, more new trust than a week can add, a
    // start that is not the scenario's, carried weeks in a file of format 7.
    let saved: save::SaveFile =
        ron::from_str(&std::fs::read_to_string(dir.join("120.ron")).unwrap()).unwrap();
    assert_eq!(
        saved.carried,
        (1..=120).collect::<Vec<_>>(),
        "every week carried"
    );
    let forged = |edit: &dyn Fn(&mut save::SaveFile)| {
        let mut f = saved.clone();
        edit(&mut f);
        let path = dir.join("forged.ron");
        let body = ron::ser::to_string_pretty(&f, ron::ser::PrettyConfig::new()).unwrap();
        std::fs::write(&path, save::seal(&body)).unwrap();
        save::load(s.clone(), &path)
            .err()
            .expect("a forged save is refused")
            .to_string()
    };
    let deed = saved.history[5].talks.deeds[0];
    for (what, edit, says) in [
        (
            "week 0",
            &(|f: &mut save::SaveFile| f.carried.insert(0, 0)) as &dyn Fn(&mut save::SaveFile),
            "names week 0",
        ),
        (
            "past the end",
            &|f: &mut save::SaveFile| f.carried.push(121),
            "past its last",
        ),
        (
            "out of order",
            &|f: &mut save::SaveFile| f.carried.swap(3, 4),
            "out of order",
        ),
        (
            "moves",
            &|f: &mut save::SaveFile| f.history[5].talks.deeds.extend([deed; 3]),
            "more than one a party",
        ),
        (
            "trust",
            &|f: &mut save::SaveFile| {
                let t = f.history[0].talks.trust.clone();
                f.history[0].talks.trust = f.history[120].talks.trust.clone();
                f.history[120].talks.trust = t;
            },
            "not the scenario's trust at the start",
        ),
        (
            "format 7",
            &|f: &mut save::SaveFile| {
                f.format = 7;
                f.scenario_hash = s.source_hash;
            },
            "has no carried weeks",
        ),
    ] {
        let err = forged(edit);
        assert!(err.contains(says), "{what}: {err}");
    }
    // A carried week that holds more new trust than a week of the scenario can add.
    let err = forged(&|f: &mut save::SaveFile| {
        let mut t = f.history[0].talks.trust.clone();
        for _ in 0..2000 {
            t.push(redline::rules::TrustMod {
                from: 0,
                to: 1,
                source: redline::rules::Source::Drift,
                value: 1.0,
                decay: 0.0,
                born: 0,
            });
        }
        f.history[7].talks.trust = t;
    });
    assert!(
        err.contains("week 7: 2") && err.contains("more than a week can add"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn save_load_continue_equals_straight_through() {
    let s = crate::geneva();
    let dir = std::env::temp_dir().join(format!("redline-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("game.ron");
    let mut straight = all_ai(&s, 8);
    straight.run_to_end(100);
    let mut g = all_ai(&s, 8);
    g.run_to_end(4);
    save::save(&mut g, &path).unwrap();
    // Trust that fades, modifiers spent and dropped: every week still follows the one before.
    let file: save::SaveFile = ron::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(file.carried, [1, 2, 3, 4]);
    let mut loaded = save::load(s.clone(), &path).unwrap();
    assert_eq!(loaded.history(), g.history());
    assert_eq!(loaded.week(), 4);
    loaded.run_to_end(100);
    assert_eq!(loaded.log(), straight.log());
    // Bad saves: a clear error and nothing touched.
    std::fs::write(dir.join("empty.ron"), "").unwrap();
    assert!(matches!(
        save::load(s.clone(), &dir.join("empty.ron")),
        Err(save::SaveError::Corrupt { .. })
    ));
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(dir.join("cut.ron"), &text[..text.len() / 2]).unwrap();
    assert!(matches!(
        save::load(s.clone(), &dir.join("cut.ron")),
        Err(save::SaveError::Corrupt { .. })
    ));
    std::fs::write(dir.join("junk.ron"), text.replace("tension", "tensoin")).unwrap();
    assert!(save::load(s.clone(), &dir.join("junk.ron")).is_err());
    let tut = crate::tutorial();
    assert!(matches!(
        save::load(tut, &path),
        Err(save::SaveError::Mismatch { .. })
    ));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn replay_reproduces_and_refuses_a_changed_scenario() {
    let s = crate::geneva();
    let dir = std::env::temp_dir().join(format!("redline-replay-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("r.ron");
    let iran = s.party_ix("iran").unwrap();
    let mut g = Game::new(s.clone(), 4, &sim::seat(&s, Some(iran), &[]));
    let mut week = 0;
    while g.outcome().is_none() {
        let legal = g.legal(iran);
        if !legal.is_empty() {
            g.order(iran, legal[week % legal.len()]);
        }
        g.step();
        week += 1;
    }
    save::write_record(&mut g, &path).unwrap();
    let rec = save::read_record(&path).unwrap();
    let (r, ok) = save::replay(s.clone(), &rec, &path).unwrap();
    assert!(ok);
    assert_eq!(r.log(), g.log());
    assert_eq!(
        rec.week_hashes.len() as u32,
        g.week(),
        "a hash for every week"
    );
    assert_eq!(save::parted(&rec, &r), None);
    // An edited replay says where it parts from the recorded game: the same moves but a
    // different one in week 3.
    let mut other = Game::new(s.clone(), 4, &sim::seat(&s, Some(iran), &[]));
    let mut week = 0;
    while other.outcome().is_none() && week < 6 {
        let legal = other.legal(iran);
        let k = week % legal.len().max(1) + usize::from(week == 2);
        if let Some(&c) = legal.get(k % legal.len().max(1)) {
            other.order(iran, c);
        }
        other.step();
        week += 1;
    }
    let edited = save::Record {
        moves: save::record(&mut other).moves,
        ..rec.clone()
    };
    assert_ne!(edited.moves, rec.moves);
    let (r, ok) = save::replay(s.clone(), &edited, &path).unwrap();
    assert!(!ok);
    assert_eq!(save::parted(&edited, &r), Some(3), "the edited week");
    let mut changed = (*s).clone();
    changed.hash ^= 1;
    let err = save::replay(Arc::new(changed), &rec, &path)
        .err()
        .expect("a changed scenario is refused");
    assert!(err.to_string().contains("has changed"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn simulate_report_is_the_same_for_any_jobs() {
    use redline::sim::balance::{Tally, batch, report, stream};
    let s = crate::geneva();
    let one = batch(&s, 60, 9, 1, &[]).unwrap();
    let two = batch(&s, 60, 9, 2, &[]).unwrap();
    assert_eq!(one, two);
    // Streamed in chunks, the tally is the same as adding up the whole batch.
    let mut seen = Vec::new();
    let streamed = stream(&s, 60, 9, 2, &[], |done| seen.push(done)).unwrap();
    assert_eq!(streamed, Tally::of(&one));
    assert_eq!(seen, vec![60]);
    assert_eq!(
        report(&s, &Tally::of(&one), 9, &[]),
        report(&s, &streamed, 9, &[])
    );
}

/// `simulate` counts every event that came: each game's events in the batch (played quietly)
/// are the events its log tells when the same game is played aloud, in order; the report lists
/// every event of the scenario with the share of games it came in.
#[test]
fn simulate_counts_the_events_the_log_tells() {
    use redline::sim::balance::{Tally, batch, report};
    let s = crate::geneva();
    let results = batch(&s, 24, 4, 1, &[]).unwrap();
    let mut told_in_all = 0;
    for (i, r) in results.iter().enumerate() {
        let mut g = all_ai(&s, redline::rng::game_seed(4, i as u64));
        g.run_to_end(100);
        let told: Vec<usize> = g
            .log()
            .iter()
            .filter_map(|l| l.strip_prefix("  event ")?.split(':').next())
            .map(|id| s.events.iter().position(|e| e.id == id).unwrap())
            .collect();
        assert_eq!(r.events, told, "game {i}");
        told_in_all += told.len();
    }
    assert!(told_in_all > 24, "events come: {told_in_all}");
    let rep = report(&s, &Tally::of(&results), 4, &[]);
    assert_eq!(rep.events.len(), s.events.len());
    for (e, share) in rep.events.iter().enumerate() {
        assert_eq!(share.id, s.events[e].id);
        let games = results.iter().filter(|r| r.events.contains(&e)).count();
        let times = results
            .iter()
            .flat_map(|r| &r.events)
            .filter(|&&x| x == e)
            .count();
        assert!(
            (share.games - games as f64 / 24.0).abs() < 1e-12,
            "{share:?}"
        );
        assert!(
            (share.per_game - times as f64 / 24.0).abs() < 1e-12,
            "{share:?}"
        );
    }
    let text = redline::sim::balance::report_text(&rep);
    assert!(
        text.contains("events (share of games in which each came"),
        "{text}"
    );
}

/// Balance of the default scenario over a fixed set of seeds (GAME.md §4; the acceptance of
/// "A game with real decisions"): no outcome above 70 %, deals and wars at least 10 % each,
/// stalemates that every negotiator would have signed at most 2 % of games; a dove beats a
/// hawk by 30 points of deal rate; for Iran and the United States, accepting whenever possible
/// or pressing any single key scores at most 80 % of the built-in AI in that seat; for the
/// mediator, Oman, any single key at most 90 %.
#[test]
fn default_scenario_is_balanced() {
    use redline::sim::balance::{GameResult, batch};
    let s = crate::geneva();
    let n = 600u64;
    let share = |r: &[GameResult], k: OutcomeKind| {
        r.iter().filter(|x| x.outcome == k).count() as f64 / r.len() as f64
    };
    let all = batch(&s, n, 2026, 2, &[]).unwrap();
    for k in OutcomeKind::ALL {
        assert!(
            share(&all, k) <= 0.70,
            "{} at {:.1}%",
            k.name(),
            share(&all, k) * 100.0
        );
    }
    assert!(
        share(&all, OutcomeKind::Deal) >= 0.10,
        "deal {:.1}%",
        share(&all, OutcomeKind::Deal) * 100.0
    );
    assert!(
        share(&all, OutcomeKind::War) >= 0.10,
        "war {:.1}%",
        share(&all, OutcomeKind::War) * 100.0
    );
    let willing = all.iter().filter(|r| r.willing).count() as f64 / n as f64;
    assert!(
        willing <= 0.02,
        "willing stalemates {:.1}%",
        willing * 100.0
    );
    let mean =
        |r: &[GameResult], p: usize| r.iter().map(|x| x.scores[p]).sum::<f64>() / r.len() as f64;
    for party in ["iran", "united_states"] {
        let p = s.party_ix(party).unwrap();
        let dove = batch(&s, n, 7, 2, &[(p, Policy::Dove)]).unwrap();
        let hawk = batch(&s, n, 7, 2, &[(p, Policy::Hawk)]).unwrap();
        let (d, h) = (
            share(&dove, OutcomeKind::Deal),
            share(&hawk, OutcomeKind::Deal),
        );
        assert!(
            d - h >= 0.30,
            "{party}: dove {:.1}% vs hawk {:.1}%",
            d * 100.0,
            h * 100.0
        );
        let ai = mean(&batch(&s, n, 7, 2, &[]).unwrap(), p);
        let mut fixed = vec![Policy::Accept];
        fixed.extend(
            s.moves
                .iter()
                .filter(|m| m.usable_by(p, s.parties[p].role))
                .filter_map(|m| m.key)
                .map(Policy::Key),
        );
        for policy in fixed {
            let got = mean(&batch(&s, n, 7, 2, &[(p, policy)]).unwrap(), p);
            assert!(
                got <= 0.8 * ai,
                "{party}={policy} scores {got:.1}, more than 80 % of the AI's {ai:.1}"
            );
        }
    }
    // The mediator: no single move played every week scores as well as weighing each week's
    // move. Shuttling every week once scored more than the AI (capital never bound Oman);
    // measured on these games, shuttling every week scores 83 % of the AI's mean (it was
    // 101 % before shuttling cost 3 and Oman earned 2 a week) and carrying assurances 83 %
    // (82 % and 84 % before a deal's quality was measured from the walk-away values as the
    // talks opened).
    let oman = s.party_ix("oman").unwrap();
    let ai = mean(&batch(&s, n, 7, 2, &[]).unwrap(), oman);
    for key in s
        .moves
        .iter()
        .filter(|m| m.usable_by(oman, s.parties[oman].role))
        .filter_map(|m| m.key)
    {
        let got = mean(
            &batch(&s, n, 7, 2, &[(oman, Policy::Key(key))]).unwrap(),
            oman,
        );
        assert!(
            got <= 0.9 * ai,
            "oman=key:{key} scores {got:.1}, more than 90 % of the AI's {ai:.1}"
        );
    }
}

/// With `ai.trust_focus` the AI counts the trust a side still lacks as distance from a deal, so
/// it works for trust: in Geneva, where signing takes trust of 42, the same 300 all-AI games end
/// in a deal at least three times as often as with a focus of 0 (measured: 57 % against 3 %),
/// and in stalemate less often.
#[test]
fn the_ai_works_for_the_trust_a_deal_needs() {
    use redline::sim::balance::{Tally, batch};
    let s = crate::geneva();
    assert!(s.ai.trust_focus > 0.0);
    let blind = geneva_with(|s| s.ai.trust_focus = 0.0);
    let share = |s: &Arc<Scenario>, kind| {
        let tally = Tally::of(&batch(s, 300, 11, 2, &[]).unwrap());
        tally.outcomes.get(&kind).copied().unwrap_or(0) as f64 / 300.0
    };
    let (deals, blind_deals) = (
        share(&s, OutcomeKind::Deal),
        share(&blind, OutcomeKind::Deal),
    );
    assert!(
        deals >= 3.0 * blind_deals && deals > 0.3,
        "deals {deals:.3}, without the focus {blind_deals:.3}"
    );
    assert!(share(&s, OutcomeKind::Stalemate) < share(&blind, OutcomeKind::Stalemate));
}

/// The AI's patience keeps Geneva's negotiators from fighting over a clause week after week: with
/// it, all-AI games pull clauses back (a change undoing another party's) at most 70 % as often as
/// the same games without it (measured: about 57 %), and the balance report counts them.
#[test]
fn patience_keeps_the_ai_from_fighting_over_clauses() {
    use redline::sim::balance::{Tally, batch, report};
    let s = crate::geneva();
    assert!(s.ai.patience > 0);
    let impatient = geneva_with(|s| s.ai.patience = 0);
    let n = 300;
    let patient = report(&s, &Tally::of(&batch(&s, n, 11, 2, &[]).unwrap()), 11, &[]);
    let fighting = report(
        &impatient,
        &Tally::of(&batch(&impatient, n, 11, 2, &[]).unwrap()),
        11,
        &[],
    );
    assert!(
        fighting.undone > 5.0,
        "without patience: {:.2} a game",
        fighting.undone
    );
    assert!(
        patient.undone <= 0.7 * fighting.undone,
        "with patience {:.2} a game, without {:.2}",
        patient.undone,
        fighting.undone
    );
    let text = redline::sim::balance::report_text(&patient);
    let line = text
        .lines()
        .find(|l| l.starts_with("clauses pulled back"))
        .unwrap_or_else(|| panic!("the report counts them: {text}"));
    assert!(
        line.ends_with(&format!("{:.2} per game", patient.undone)),
        "{line}"
    );
}

/// The balance report names every move a party may make that no game played (a modder could not
/// tell which of its moves the AI ever used: the report listed three a party): with Iran
/// scripted to one key, each of its other moves, and none of another party's it played.
#[test]
fn the_balance_report_names_the_moves_no_game_played() {
    use redline::sim::balance::{Tally, batch, report, report_text};
    let s = crate::geneva();
    let iran = s.party_ix("iran").unwrap();
    let policies = [(iran, Policy::Key('p'))];
    let tally = Tally::of(&batch(&s, 40, 5, 2, &policies).unwrap());
    let r = report(&s, &tally, 5, &policies);
    let role = s.parties[iran].role;
    let others: Vec<String> = (s.moves.iter())
        .filter(|m| m.usable_by(iran, role) && m.key != Some('p'))
        .map(|m| m.id.clone())
        .collect();
    assert!(others.len() > 5);
    assert_eq!(r.unused_moves["iran"], others);
    for (p, never) in &r.unused_moves {
        let q = s.party_ix(p).unwrap();
        for id in never {
            let mx = s.moves.iter().position(|m| &m.id == id).unwrap();
            assert!(s.moves[mx].usable_by(q, s.parties[q].role));
            assert!(!tally.moves.contains_key(&(q, mx)), "{p} played {id}");
        }
    }
    let text = report_text(&r);
    assert!(
        text.contains(&format!("  iran           {}", others.join(", "))),
        "{text}"
    );
}

/// The balance report says how high tension went: each game's peak is the highest tension at
/// its start or at the end of a week played (the same game stepped by hand), the report's mean
/// and share above the danger line are those of the games, and the text says both.
#[test]
fn the_balance_report_says_how_high_tension_went() {
    use redline::sim::balance::{Tally, batch, report, report_text};
    let s = crate::geneva();
    let results = batch(&s, 30, 9, 2, &[]).unwrap();
    for (i, r) in results.iter().enumerate().take(5) {
        let mut g = all_ai(&s, redline::rng::game_seed(9, i as u64));
        let mut peak = g.tension();
        while g.step() {
            peak = peak.max(g.tension());
        }
        assert_eq!(r.peak, peak, "game {i}");
        assert_eq!(r.above_danger, peak > s.tension.escalation_threshold);
    }
    let tally = Tally::of(&results);
    let r = report(&s, &tally, 9, &[]);
    let n = results.len() as f64;
    let mean = results.iter().map(|r| r.peak).sum::<f64>() / n;
    let above = results.iter().filter(|r| r.above_danger).count() as f64 / n;
    assert!((r.mean_peak_tension - mean).abs() < 1e-9);
    assert!((r.above_danger - above).abs() < 1e-12);
    assert!(above > 0.0 && above < 1.0, "{above}");
    assert!(
        report_text(&r).contains(&format!(
            "peak tension: mean {mean:.1}; {:.1}% of games went above the danger line (59)",
            above * 100.0
        )),
        "{}",
        report_text(&r)
    );
}

/// Saves and replays of the first format (before the single rules engine) are refused with a
/// message that says they come from an older version.
#[test]
fn files_of_an_older_version_are_refused_with_a_clear_message() {
    let s = crate::geneva();
    let dir = std::env::temp_dir().join(format!("redline-old-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut g = all_ai(&s, 3);
    g.run_to_end(2);
    let save_path = dir.join("s.ron");
    save::save(&mut g, &save_path).unwrap();
    let rec_path = dir.join("r.ron");
    save::write_record(&mut g, &rec_path).unwrap();
    for path in [&save_path, &rec_path] {
        let text = std::fs::read_to_string(path).unwrap();
        let key = format!("format: {}", save::FORMAT);
        assert!(text.contains(&key), "the file names its format");
        std::fs::write(path, text.replacen(&key, "format: 1", 1)).unwrap();
    }
    let err = save::load(s.clone(), &save_path)
        .err()
        .expect("an old save is refused");
    assert!(matches!(err, save::SaveError::Mismatch { .. }));
    assert!(err.to_string().contains("older version"), "{err}");
    let err = save::read_record(&rec_path).expect_err("an old replay is refused");
    assert!(err.to_string().contains("older version"), "{err}");
    // Format 7 (its last builds) plays by the same rules: its replays still play.
    let text = std::fs::read_to_string(&rec_path).unwrap();
    let body = &text[..text.rfind("\n// checksum").unwrap()];
    // (And recorded the hash of the scenario's text.)
    let body = body.replacen("format: 1", "format: 7", 1).replacen(
        &format!("scenario_hash: {}", s.hash),
        &format!("scenario_hash: {}", s.source_hash),
        1,
    );
    std::fs::write(&rec_path, save::seal(&body)).unwrap();
    let rec = save::read_record(&rec_path).unwrap_or_else(|e| panic!("{e}"));
    // (Whether its log is the one that version wrote: see the test below.)
    let (replayed, _) = save::replay(s.clone(), &rec, &rec_path).unwrap();
    assert_eq!(
        replayed.week(),
        g.week(),
        "a replay of format 7 plays the game"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A log as version 9 worded it: a move that turned its party's stake was named by the stake in
/// the week with no move.
fn as_version_nine_worded(log: &[String]) -> Vec<String> {
    let why = save::WHY;
    (log.iter())
        .map(|l| match l.strip_prefix(why) {
            Some(rest) => format!(
                "{why}{}",
                (rest.replace(ai::NOW_FOR_A_DEAL, ai::AGAINST_A_DEAL))
                    .replace(ai::NOW_AGAINST_A_DEAL, ai::PARTS[1])
            ),
            None => l.clone(),
        })
        .collect()
}

/// A game continued from a save of version 9 (or 8, or 7) writes its saves and replays as that
/// version did (7 as 8), their log in that version's words throughout (where this version words some of the AI's reasons
/// anew), so that its replay checks out and its save continues again. A new game in the same
/// world is written as this version.
#[test]
fn a_game_continued_from_an_older_save_keeps_its_wording() {
    let s = crate::geneva();
    let turned = |l: &String| {
        l.starts_with(save::WHY)
            && (l.contains(ai::NOW_FOR_A_DEAL) || l.contains(ai::NOW_AGAINST_A_DEAL))
    };
    let seed = 3;
    let mut whole = all_ai(&s, seed);
    whole.run_to_end(40);
    // As versions 9 and 8 (and 7, worded alike) worded its log.
    let eight_worded = |log: &[String]| -> Vec<String> {
        (log.iter())
            .map(|l| match l.strip_prefix(save::WHY) {
                Some(rest) => {
                    let mut rest = rest.to_string();
                    for name in [
                        ai::NOW_FOR_A_DEAL,
                        ai::NOW_AGAINST_A_DEAL,
                        ai::AGAINST_A_DEAL,
                    ] {
                        rest = rest.replace(name, ai::PARTS[1]);
                    }
                    format!("{}{rest}", save::WHY)
                }
                None => l.clone(),
            })
            .collect()
    };
    let worded = |old: u32, log: &[String]| {
        if old >= 9 {
            as_version_nine_worded(log)
        } else {
            eight_worded(log)
        }
    };
    let dir = std::env::temp_dir().join(format!("redline-nine-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // Saved before the first week, whose reasons this version words anew, and after it; by
    // versions 9, 8 and 7 (which a game continues as version 8, with the same rules and words).
    for (k, old) in [(0, 9), (1, 9), (1, 8), (1, 7)] {
        let nine = worded(old, whole.log());
        assert_ne!(nine, whole.log());
        let written = old.max(8);
        let at = whole.history()[k].log_len;
        assert_eq!(
            whole.log()[..at].iter().any(turned),
            k == 1,
            "a reason worded anew in the weeks before the save: {k}"
        );
        let path = dir.join(format!("v{old}-{k}.save.ron"));
        let mut g = all_ai(&s, seed);
        g.run_to_end(k as u32);
        assert_eq!(g.log(), &whole.log()[..at]);
        save::save(&mut g, &path).unwrap();
        // As that version wrote it: its number, the hash of the scenario's text, its words.
        let mut file = save::read_save(&s, &path).unwrap();
        (file.format, file.scenario_hash) = (old, s.source_hash);
        file.log = worded(old, &file.log);
        let body = ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::new()).unwrap();
        std::fs::write(&path, save::seal(&body)).unwrap();

        let mut more = save::load(s.clone(), &path).expect("an older save plays on");
        more.run_to_end(40);
        assert_eq!(more.outcome(), whole.outcome());
        assert_eq!(more.log()[at..], whole.log()[at..]);
        // Its replay is of that version, its log in that version's words, and checks out.
        let rec = save::record(&mut more);
        assert_eq!((rec.format, rec.scenario_hash), (written, s.source_hash));
        assert_eq!(rec.log_hash, save::log_hash(&nine));
        let (replayed, same) = save::replay(s.clone(), &rec, &path).unwrap();
        assert!(same, "the replay of the continued game checks out");
        assert_eq!(save::parted(&rec, &replayed), None);
        // Its save likewise, and it continues again in the same words.
        let again = dir.join(format!("again-v{old}-{k}.save.ron"));
        save::save(&mut more, &again).unwrap();
        let file = save::read_save(&s, &again).unwrap();
        assert_eq!((file.format, file.scenario_hash), (written, s.source_hash));
        assert_eq!(file.log, nine);
        let mut third = save::load(s.clone(), &again).unwrap();
        assert_eq!(save::record(&mut third).log_hash, save::log_hash(&nine));
        // A new game installed in the world of the continued one is this version's.
        sim::state::install(&mut more.world, s.clone(), seed, &sim::seat(&s, None, &[]));
        more.run_to_end(40);
        let rec = save::record(&mut more);
        assert_eq!((rec.format, rec.scenario_hash), (save::FORMAT, s.hash));
        assert_eq!(rec.log_hash, save::log_hash(whole.log()));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Version 11 quotes the level names of a red line its log describes (a stalemate's reasons:
/// "‘Written pledge: no attack, no regime change’ or ‘Guarantee …’"), where version 10 gave
/// them bare. A replay of version 10 checks out against its log as written, and a game
/// continued from a save of version 10 keeps writing it so.
#[test]
fn a_version_ten_log_gives_the_red_lines_levels_bare() {
    let s = crate::geneva();
    let bare = |log: &[String]| -> Vec<String> {
        (log.iter())
            .map(|l| {
                let mut l = l.clone();
                for issue in &s.issues {
                    for k in 0..issue.levels.len() {
                        let name = issue.level_name(Some(k));
                        l = l.replace(&format!("\u{2018}{name}\u{2019}"), name);
                    }
                }
                l
            })
            .collect()
    };
    // Iran amending the text its own way every week: a stalemate over a red line it breaks.
    let iran = s.party_ix("iran").unwrap();
    let seats = sim::seat(&s, None, &[(iran, Policy::Key('p'))]);
    let (seed, mut whole) = (0..300)
        .find_map(|seed| {
            let mut g = Game::new(s.clone(), seed, &seats);
            g.run_to_end(40);
            g.log()
                .iter()
                .any(|l| l.contains('\u{2018}'))
                .then_some((seed, g))
        })
        .expect("a game whose log describes a red line");
    let now = whole.log().to_vec();
    let ten = bare(&now);
    assert_ne!(ten, now);
    let mut rec = save::record(&mut whole);
    assert_eq!(rec.format, save::FORMAT);
    let path = std::path::Path::new("ten.replay.ron");
    let ten_rec = save::Record {
        format: 10,
        log_hash: save::log_hash(&ten),
        week_hashes: Vec::new(),
        ..rec.clone()
    };
    assert!(
        save::replay(s.clone(), &ten_rec, path).unwrap().1,
        "as version 10 logged it"
    );
    // The same hash read as this version's log is not the game's.
    rec.log_hash = save::log_hash(&ten);
    assert!(!save::replay(s.clone(), &rec, path).unwrap().1);
    // Saved by version 10 after its first week, continued here: written as version 10 still.
    let dir = std::env::temp_dir().join(format!("redline-ten-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file_path = dir.join("v10.save.ron");
    let mut g = Game::new(s.clone(), seed, &seats);
    g.run_to_end(1);
    save::save(&mut g, &file_path).unwrap();
    let mut file = save::read_save(&s, &file_path).unwrap();
    file.format = 10;
    file.log = bare(&file.log);
    let body = ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::new()).unwrap();
    std::fs::write(&file_path, save::seal(&body)).unwrap();
    let mut more = save::load(s.clone(), &file_path).expect("a save of version 10 plays on");
    more.run_to_end(40);
    assert_eq!(more.outcome(), whole.outcome());
    let rec = save::record(&mut more);
    assert_eq!((rec.format, rec.log_hash), (10, save::log_hash(&ten)));
    assert!(save::replay(s.clone(), &rec, &file_path).unwrap().1);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A replay recorded by a build of format 10 (Iran amending the enrichment clause its way every
/// week of seed 3, the AI playing every other seat) does not reproduce here, where the AI weighs
/// the events a move lets come (format 14): it is refused as made by an older version whose AI
/// chose differently, with the week it parts in. Read as this version's, the same hash is not
/// the game's, and the refusal says only that it did not reproduce.
#[test]
fn a_replay_recorded_by_a_format_ten_build_is_refused_where_the_ai_chose_otherwise() {
    let s = crate::geneva();
    let path = crate::project("tests/fixtures/replays/geneva_v10_stalemate.replay.ron");
    let rec = save::read_record(&path).unwrap();
    assert_eq!(rec.format, 10);
    assert!(rec.format < save::AI_FROM);
    let (game, same) = save::replay(s.clone(), &rec, &path).unwrap();
    assert!(!same);
    // (The log gives the AI's reasons with their scores: the first week parts already.)
    let week = save::parted(&rec, &game).expect("a week it parts in");
    assert_eq!(
        save::mismatch(&rec, &game),
        format!(
            "the replay was made by an older version of Red Lines (format 10), whose AI chose \
             its moves differently, and this version cannot reproduce the recorded game: it \
             parts from it in week {week}, the first whose log differs"
        )
    );
    // A replay of this version that does not reproduce its game says only that.
    let mut now = rec.clone();
    now.format = save::FORMAT;
    now.scenario_hash = s.hash;
    now.week_hashes.clear();
    let (game, same) = save::replay(s.clone(), &now, &path).unwrap();
    assert!(!same);
    assert_eq!(
        save::mismatch(&now, &game),
        "the replay did not reproduce the recorded game"
    );
}

/// A replay of format 8 or before is checked against its log as that version wrote it: the
/// AI's reasons named the odds against a deal (a party a deal would hurt) as the odds of a deal
/// for us. Its weeks' hashes name where a changed game parts from it.
#[test]
fn a_replay_of_format_8_is_checked_against_its_log_as_written() {
    let s = crate::geneva();
    let mut g = all_ai(&s, 3);
    g.run_to_end(6);
    let now = g.log().to_vec();
    let why = save::WHY;
    let against = redline::ai::AGAINST_A_DEAL;
    assert!(
        now.iter()
            .any(|l| l.starts_with(why) && l.contains(against)),
        "Israel's reasons name the odds against a deal"
    );
    // As version 8 worded the odds of a deal: always "the odds of a deal for us".
    let then: Vec<String> = (now.iter())
        .map(|l| match l.strip_prefix(why) {
            Some(rest) => {
                let mut rest = rest.to_string();
                for name in [
                    redline::ai::NOW_FOR_A_DEAL,
                    redline::ai::NOW_AGAINST_A_DEAL,
                    against,
                ] {
                    rest = rest.replace(name, redline::ai::PARTS[1]);
                }
                format!("{why}{rest}")
            }
            None => l.clone(),
        })
        .collect();
    // And version 9: by the stake in the week with no move.
    let nine = as_version_nine_worded(&now);
    // The game has reasons that format 10 words anew: the conversion is tested.
    assert!(
        now.iter().any(|l| l.starts_with(why)
            && (l.contains(redline::ai::NOW_FOR_A_DEAL)
                || l.contains(redline::ai::NOW_AGAINST_A_DEAL))),
        "a move turns its party's stake"
    );
    assert_ne!(nine, now);
    let mut rec = save::record(&mut g);
    assert_eq!(rec.format, save::FORMAT);
    assert_eq!(rec.log_hash, save::log_hash(&now));
    let path = std::path::Path::new("old.replay.ron");
    let nine_rec = save::Record {
        format: 9,
        scenario_hash: s.source_hash,
        log_hash: save::log_hash(&nine),
        week_hashes: Vec::new(),
        ..rec.clone()
    };
    assert!(
        save::replay(s.clone(), &nine_rec, path).unwrap().1,
        "as version 9 logged it"
    );
    // As version 8 wrote it, without the weeks' hashes (format 7) and with them.
    // (Version 8 recorded the hash of the scenario's text.)
    rec.format = 8;
    rec.scenario_hash = s.source_hash;
    rec.log_hash = save::log_hash(&then);
    rec.week_hashes.clear();
    let (_, same) = save::replay(s.clone(), &rec, path).unwrap();
    assert!(same, "the same game, as version 8 logged it");
    // The same hash read as this version's log is not the game's.
    (rec.format, rec.scenario_hash) = (save::FORMAT, s.hash);
    let (replayed, same) = save::replay(s.clone(), &rec, path).unwrap();
    assert!(!same, "this version's log reads the reasons differently");
    // A week's hashes as version 8 wrote them: a changed week is named.
    (rec.format, rec.scenario_hash) = (8, s.source_hash);
    let weeks: Vec<u64> = (1..replayed.history().len())
        .map(|k| {
            let h = replayed.history();
            let end = if k + 1 == h.len() {
                then.len()
            } else {
                h[k].log_len
            };
            save::log_hash(&then[h[k - 1].log_len..end])
        })
        .collect();
    rec.week_hashes = weeks.clone();
    assert_eq!(save::parted(&rec, &replayed), None);
    rec.week_hashes[1] ^= 1;
    assert_eq!(save::parted(&rec, &replayed), Some(2));
}

/// A save or replay records the hash of its scenario's rules: a fix of the words no rule reads
/// (a move's help, a note), a comment or the file's layout keeps it playing; a change of a rule
/// (a number, a name the log records) refuses it, saying the rules changed. One of version 9,
/// which recorded the hash of the text, is checked against the text, and refused after any edit.
#[test]
fn saves_outlive_a_fix_of_words_no_rule_reads() {
    let source = redline::scenario::DEFAULT_SCENARIO;
    let s = crate::geneva();
    let edit = |from: &str, to: &str| -> std::sync::Arc<Scenario> {
        assert!(source.contains(from), "{from}");
        let text = source.replacen(from, to, 1);
        Arc::new(redline::scenario::parse("geneva", text.as_bytes()).expect("still valid"))
    };
    // Words, a comment and the layout: the same rules, another text.
    let hold = &s.moves[s.move_ix("hold_firm").expect("hold firm")];
    let help = format!("help: {:?}", hold.help);
    let words = edit(
        &help,
        "// Reworded.\n            help:   \"Stand your ground.\"",
    );
    assert_eq!(words.hash, s.hash);
    assert_ne!(words.source_hash, s.source_hash);
    // Geneva's rules hash, pinned: it changes only with Geneva's rules (then every save of
    // Geneva is refused, and this figure is updated), not with a new `ron` or Rust that wrote
    // the scenario out otherwise.
    assert_eq!(format!("{:016x}", s.hash), "871f68937d06734c");
    // The title, which the log's first line records: other rules.
    let title = format!("title: {:?}", s.title);
    assert_ne!(edit(&title, "title: \"Geneva\"").hash, s.hash);
    // A number: other rules.
    let weeks = format!("weeks: {},", s.weeks);
    let rules = edit(&weeks, &format!("weeks: {},", s.weeks + 1));
    assert_ne!(rules.hash, s.hash);
    // A name the log records (a level's).
    let level = format!("name: {:?}", s.issues[0].levels[0].name);
    let named = edit(&level, &format!("name: {:?}", "Something else"));
    assert_ne!(named.hash, s.hash);

    let dir = std::env::temp_dir().join(format!("redline-words-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("g.save.ron");
    let mut g = all_ai(&s, 12);
    g.run_to_end(3);
    save::save(&mut g, &path).unwrap();
    let file = save::read_save(&s, &path).unwrap();
    assert_eq!((file.format, file.scenario_hash), (save::FORMAT, s.hash));
    let again = save::load(words.clone(), &path).expect("the same rules");
    assert_eq!(again.log(), g.log());
    let err = save::load(rules.clone(), &path).err().expect("other rules");
    assert!(err.to_string().contains("its rules have changed"), "{err}");
    // The replay of the same game, likewise.
    let rec = save::record(&mut g);
    let (_, same) = save::replay(words.clone(), &rec, &path).unwrap();
    assert!(same);
    assert!(save::replay(named.clone(), &rec, &path).is_err());
    // Version 9 recorded the text's hash: checked against the text, refused after any edit.
    let old = save::Record {
        format: 9,
        scenario_hash: s.source_hash,
        ..rec.clone()
    };
    // (Its log is checked as version 9 worded it: see the test of format 8's replays.)
    assert!(save::replay(s.clone(), &old, &path).is_ok());
    let err = save::replay(words, &old, &path)
        .err()
        .expect("its file changed");
    assert!(err.to_string().contains("its file has changed"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A hand-edited save is refused with what is wrong, never a panic nor a wrong game.
#[test]
fn hand_edited_saves_are_refused_with_the_field_at_fault() {
    let s = crate::geneva();
    let dir = std::env::temp_dir().join(format!("redline-edit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("s.ron");
    let mut g = all_ai(&s, 6);
    g.run_to_end(3);
    save::save(&mut g, &path).unwrap();
    assert!(save::load(s.clone(), &path).is_ok());
    let text = std::fs::read_to_string(&path).unwrap();
    let edit = |from: &str, to: &str| {
        let at = text
            .rfind(from)
            .unwrap_or_else(|| panic!("the save holds `{from}`"));
        let end = at + text[at..].find([',', ')']).unwrap();
        format!("{}{to}{}", &text[..at], &text[end..])
    };
    for (from, to, says) in [
        ("mv: ", "mv: 9999", "move 9999"),
        (
            "\n                tension: ",
            "\n                tension: NaN",
            "tension is NaN",
        ),
        (
            "\n                week: ",
            "\n                week: 99",
            "week 99",
        ),
        ("troops: ", "troops: -5", "troops"),
        ("contested: ", "contested: 4096", "contested clause"),
        ("troops: ", "troops: 9223372036854775807", "troops"),
        ("hardliners: ", "hardliners: 1e308", "hardliners"),
    ] {
        // Signed again, as someone who knows the format would: the meaning check still holds.
        let bad = dir.join("bad.ron");
        let edited = edit(from, to);
        let body = &edited[..edited.rfind("\n// checksum").unwrap()];
        std::fs::write(&bad, save::seal(body)).unwrap();
        let err = save::load(s.clone(), &bad)
            .err()
            .unwrap_or_else(|| panic!("`{to}` is refused"));
        assert!(err.to_string().contains(says), "`{to}`: {err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Saving replaces a regular file or nothing: a link, a FIFO, a folder or a device at the path
/// is refused and left as it was.
#[cfg(unix)]
#[test]
fn saves_replace_only_regular_files() {
    let s = crate::geneva();
    let dir = std::env::temp_dir().join(format!("redline-write-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut g = all_ai(&s, 1);
    g.step();
    let target = dir.join("target.ron");
    std::fs::write(&target, "keep me").unwrap();
    let link = dir.join("link.ron");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let fifo = dir.join("fifo.ron");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    let folder = dir.join("folder.ron");
    std::fs::create_dir_all(&folder).unwrap();
    let mut refused = vec![link.clone(), folder.clone(), "/dev/null".into()];
    if made.is_ok_and(|s| s.success()) {
        refused.push(fifo.clone());
    }
    for path in &refused {
        let err = save::save(&mut g, path).expect_err("refused");
        assert!(err.to_string().contains("not a regular file"), "{err}");
    }
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
    assert!(folder.is_dir());
    // A regular file is replaced, and no temporary file is left behind.
    save::save(&mut g, &target).unwrap();
    assert!(save::load(s.clone(), &target).is_ok());
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(left.is_empty());
    // A folder that does not exist is named as such, with the file the player asked for (never
    // the temporary file's name).
    let err = save::save(&mut g, &dir.join("missing/x.ron")).expect_err("no folder");
    let text = err.to_string();
    assert!(text.contains("missing/x.ron"), "{text}");
    assert!(text.contains("there is no folder"), "{text}");
    assert!(!text.contains(".tmp-"), "{text}");
    // ... and so is it before a game is played for it (`--record`).
    let err = save::check_target(&dir.join("missing/x.ron")).expect_err("no folder");
    assert!(err.to_string().contains("there is no folder"), "{err}");
    // A name as long as a file name may be is saved (its temporary file's name is shorter).
    for long in ["a".repeat(245), "é".repeat(122)] {
        let path = dir.join(format!("{long}.ron"));
        save::save(&mut g, &path).unwrap_or_else(|e| panic!("{e}"));
        assert!(save::load(s.clone(), &path).is_ok());
    }
    let _ = std::fs::remove_dir_all(&dir);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    /// A save or replay flipped, cut or spliced anywhere: either the very same game loads, or a
    /// clear error; never a panic, never another game.
    #[test]
    fn damaged_saves_and_replays_load_the_same_game_or_fail_clearly(
        at in 0.0f64..1.0, len in 1usize..64, from in 0.0f64..1.0, bit in 0u8..8, kind in 0u8..3,
    ) {
        let s = crate::geneva();
        let dir = std::env::temp_dir().join(format!("redline-flip-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut g = all_ai(&s, 4);
        g.run_to_end(3);
        let save_path = dir.join(format!("s{kind}{bit}{len}.ron"));
        let rec_path = dir.join(format!("r{kind}{bit}{len}.ron"));
        save::save(&mut g, &save_path).unwrap();
        save::write_record(&mut g, &rec_path).unwrap();
        for path in [&save_path, &rec_path] {
            let mut bytes = std::fs::read(path).unwrap();
            let n = bytes.len();
            let i = ((at * n as f64) as usize).min(n - 1);
            match kind {
                0 => bytes[i] ^= 1 << bit,
                1 => bytes.truncate(i),
                _ => {
                    let j = ((from * n as f64) as usize).min(n - 1);
                    let chunk: Vec<u8> = bytes[j..(j + len).min(n)].to_vec();
                    bytes.splice(i..i, chunk);
                }
            }
            std::fs::write(path, &bytes).unwrap();
        }
        if let Ok(loaded) = save::load(s.clone(), &save_path) {
            proptest::prop_assert_eq!(loaded.log(), g.log());
            proptest::prop_assert_eq!(loaded.history(), g.history());
        }
        if let Ok(rec) = save::read_record(&rec_path) {
            let (r, ok) = save::replay(s.clone(), &rec, &rec_path).unwrap();
            proptest::prop_assert!(ok);
            proptest::prop_assert_eq!(r.log(), g.log());
        }
        let _ = std::fs::remove_file(&save_path);
        let _ = std::fs::remove_file(&rec_path);
    }
}

/// A deal scores by its quality: a text at the player's walk-away value scores far below the
/// Nash package, and the best text the other side would sign scores highest.
#[test]
fn deal_quality_decides_the_score() {
    use redline::scenario::{analyse_with, best_for};
    let s = crate::geneva();
    let iran = s.party_ix("iran").unwrap();
    let us = s.party_ix("united_states").unwrap();
    let mut st = rules::Negotiation::start(&s);
    let res: Vec<(usize, f64)> = s
        .negotiators
        .iter()
        .map(|&p| (p, rules::stand(&s, &st, p).reservation))
        .collect();
    let nash = analyse_with(&s, &res)
        .best
        .expect("Geneva has a bargaining range");
    let poor = best_for(&s, &res, us).expect("the United States' best text");
    let rich = best_for(&s, &res, iran).expect("Iran's best text");
    let deal = rules::Outcome {
        kind: OutcomeKind::Deal,
        week: 5,
        reasons: vec![],
    };
    let mut score = |levels: &[redline::scenario::Level]| {
        st.draft.levels = levels.to_vec();
        sim::score_for(&s, &st, 50.0, Some(&deal), iran)
    };
    let (p, n, r) = (
        score(&poor.levels),
        score(&nash.levels),
        score(&rich.levels),
    );
    let q = |x: &sim::Score| x.review.as_ref().unwrap().quality;
    // Iran is barely above its walk-away value in Washington's best text.
    let (u, w) = (s.utility(iran, &poor.levels), res[0].1);
    assert!(u - w < 0.1, "utility {u} against walk-away {w}");
    assert!(q(&p) < 0.2, "quality at the walk-away: {}", q(&p));
    assert!((q(&r) - 1.0).abs() < 1e-9);
    assert!(q(&n) > q(&p) + 0.3);
    assert!(
        n.total > p.total + 150.0,
        "Nash {} vs walk-away {}",
        n.total,
        p.total
    );
    assert!(r.total >= n.total);
    // The same outcome points and calm in each: only the quality differs.
    assert_eq!((p.outcome, p.calm), (n.outcome, n.calm));
    // The mediator scores by balance: the Nash package is perfectly balanced.
    let oman = s.party_ix("oman").unwrap();
    st.draft.levels = nash.levels.clone();
    let m = sim::score_for(&s, &st, 50.0, Some(&deal), oman);
    assert!((m.review.unwrap().quality - 1.0).abs() < 1e-9);
}

/// Political capital: a move costs what it says, a party cannot spend what it does not have,
/// and the week's income comes from the scenario's rule.
#[test]
fn capital_is_spent_earned_and_limits_the_moves() {
    let s = crate::geneva();
    let iran = s.party_ix("iran").unwrap();
    let concede = s.moves.iter().position(|m| m.id == "concede").unwrap();
    let hold = s.moves.iter().position(|m| m.id == "hold_firm").unwrap();
    assert!(s.moves[concede].cost > 0.0 && s.moves[hold].cost < 0.0);
    let mut st = rules::opened(&rules::Negotiation::start(&s));
    st.parties[iran].capital = s.moves[concede].cost - 0.5;
    let legal = rules::legal_choices(&s, &st, iran);
    assert!(
        legal
            .iter()
            .all(|c| s.moves[c.mv].cost <= st.parties[iran].capital)
    );
    assert!(!legal.iter().any(|c| c.mv == concede));
    assert!(legal.iter().any(|c| c.mv == hold));
    // Holding firm earns its capital back; the end of the week adds the income.
    let c = rules::Choice {
        mv: hold,
        party: None,
        issue: None,
    };
    let mut scratch = rules::Scratch::default();
    let income = rules::income(&s, &st, iran);
    let after = rules::predict(&s, &st, &rules::Act::of_move(iran, c), &mut scratch);
    let expected = (st.parties[iran].capital - s.moves[hold].cost).clamp(0.0, s.capital.max);
    // Income is counted before the audiences move: a move's push on support does not change
    // this week's income, which is exactly what the opened week promised.
    let earned = after.parties[iran].capital - expected;
    assert!(
        (earned - income).abs() < 1e-9,
        "earned {earned}, income {income}"
    );
    assert!(after.parties[iran].capital <= s.capital.max);
}

/// The fixed strategies `simulate` can script: accept whenever possible, one key.
#[test]
fn scripted_seats_keep_to_their_strategy() {
    let s = crate::geneva();
    let iran = s.party_ix("iran").unwrap();
    for (policy, allowed) in [
        (Policy::Accept, vec!["accept"]),
        (Policy::Key('b'), vec!["back_channel"]),
    ] {
        for seed in 0..6 {
            let mut g = Game::new(s.clone(), seed, &sim::seat(&s, None, &[(iran, policy)]));
            g.run_to_end(s.weeks + 1);
            for (p, c) in &g.world.resource::<sim::Played>().0 {
                if *p == iran {
                    assert!(allowed.contains(&s.moves[c.mv].id.as_str()), "{policy}");
                }
            }
        }
    }
    assert_eq!("key:B".parse::<Policy>(), Ok(Policy::Key('b')));
    assert_eq!("dove-accept".parse::<Policy>(), Ok(Policy::DoveAccept));
    assert!("key:".parse::<Policy>().is_err());
    assert!("key:bb".parse::<Policy>().is_err());
    assert_eq!(Policy::Key('b').to_string(), "key:b");
}

/// Scheduled events come on their turn, several on one turn in file order, beside the random
/// deck (which never draws them); a scheduled event whose conditions fail does not come.
#[test]
fn scheduled_events_come_on_their_turn_in_file_order() {
    let text = std::fs::read_to_string(crate::project("assets/scenarios/geneva_2026.ron")).unwrap();
    let text = text.replacen(
        "    events: [",
        r#"    events: [
        (id: "first", headline: "First of the day", at: 2, effects: [Tension(1)]),
        (id: "second", headline: "Second of the day", at: 2, effects: [Tension(1)]),
        (id: "never", headline: "Never, tension is not that high", at: 3, conditions: [TensionAbove(99)], effects: [Tension(1)]),"#,
        1,
    );
    let s = Arc::new(
        redline::scenario::parse("g.ron", text.as_bytes())
            .unwrap_or_else(|e| panic!("{}", e.render())),
    );
    for seed in 0..20 {
        let mut g = all_ai(&s, seed);
        g.run_to_end(4);
        let news: Vec<(u32, String)> = g
            .news()
            .iter()
            .filter(|n| n.kind == sim::NewsKind::Event)
            .map(|n| (n.week, n.text.clone()))
            .collect();
        let at = |h: &str| {
            news.iter()
                .filter(|n| n.1 == h)
                .map(|n| n.0)
                .collect::<Vec<_>>()
        };
        if g.week() >= 2 {
            assert_eq!(at("First of the day"), vec![2], "seed {seed}: {news:?}");
            assert_eq!(at("Second of the day"), vec![2]);
            let i = news.iter().position(|n| n.1 == "First of the day").unwrap();
            assert_eq!(news[i + 1].1, "Second of the day", "file order");
        }
        assert!(at("Never, tension is not that high").is_empty());
    }
}

/// Flags: an event sets one, and a move that needs it opens from the next week; an unknown
/// flag is an error that suggests the right one.
#[test]
fn flags_set_by_events_open_moves() {
    let text = std::fs::read_to_string(crate::project("assets/scenarios/geneva_2026.ron")).unwrap();
    let text = text
        .replacen(
            "    events: [",
            r#"    flags: ["struck"],
    events: [
        (id: "strike", headline: "A strike", at: 2, effects: [SetFlag("struck")]),"#,
            1,
        )
        .replacen(
            r#"conditions: [TrustBelow(Actor, Party("israel"), 3)],"#,
            r#"conditions: [Flag("struck")],"#,
            1,
        );
    let s = Arc::new(
        redline::scenario::parse("g.ron", text.as_bytes())
            .unwrap_or_else(|e| panic!("{}", e.render())),
    );
    let iran = s.party_ix("iran").unwrap();
    let answer = s.move_ix("answer_israel").unwrap();
    let ctrl = vec![Controller::Human; s.parties.len()];
    let mut g = Game::new(s.clone(), 1, &ctrl);
    let open = |g: &Game| g.legal(iran).iter().any(|c| c.mv == answer);
    assert!(!open(&g), "not before the strike");
    g.step();
    assert!(!open(&g), "the strike comes in week 2");
    g.step();
    assert_eq!(g.state().flags, 1);
    assert!(open(&g), "open once the flag is set");
    let bad = text.replacen(r#"SetFlag("struck")"#, r#"SetFlag("stuck")"#, 1);
    let err = redline::scenario::parse("g.ron", bad.as_bytes()).expect_err("unknown flag");
    assert!(
        err.render().contains("did you mean `struck`?"),
        "{}",
        err.render()
    );
}

/// Several random events a turn: with `events_per_turn: 3` and a certain draw, the first week
/// brings three different events.
#[test]
fn a_turn_may_bring_several_random_events() {
    let text = std::fs::read_to_string(crate::project("assets/scenarios/geneva_2026.ron")).unwrap();
    let text = text.replacen(
        "        event_chance: 0.7,",
        "        event_chance: 1, events_per_turn: 3,",
        1,
    );
    let s = Arc::new(
        redline::scenario::parse("g.ron", text.as_bytes())
            .unwrap_or_else(|e| panic!("{}", e.render())),
    );
    assert_eq!(s.rules.events_per_turn, 3);
    for seed in 0..10 {
        let mut g = all_ai(&s, seed);
        g.step();
        let events: Vec<&str> = g
            .news()
            .iter()
            .filter(|n| n.kind == sim::NewsKind::Event)
            .map(|n| n.text.as_str())
            .collect();
        assert_eq!(events.len(), 3, "seed {seed}: {events:?}");
        let mut unique = events.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), 3, "three different events: {events:?}");
    }
}

/// The Vienna 2015 scenario (the third, written with format 2): it checks without warnings, its
/// Nash package is the agreement of 14 July 2015, it plays in days with scheduled headlines,
/// signatories and red lines over several issues, and all-AI play is balanced (no outcome
/// above 70 %, some deals and some failures).
#[test]
fn vienna_2015_is_the_real_agreement_and_balanced() {
    use redline::sim::balance::{GameResult, batch};
    let path = crate::project("assets/scenarios/vienna_2015.ron");
    let s = std::sync::Arc::new(redline::scenario::load_file(&path).unwrap());
    assert_eq!(redline::rules::lint::lint(&s), vec![]);
    assert_eq!((s.turn.one.as_str(), s.weeks), ("day", 18));
    assert!(
        s.consenting.len() >= 7,
        "five signatories besides Iran and the US"
    );
    assert!(s.parties.iter().flat_map(|p| &p.red_lines).any(|r| r.any));
    assert!(
        s.parties
            .iter()
            .flat_map(|p| &p.red_lines)
            .any(|r| !r.any && r.parts.len() > 1)
    );
    assert!(s.events.iter().filter(|e| e.at.is_some()).count() >= 8);
    let a = redline::scenario::analyse(&s);
    let best = a.best.expect("feasible").levels;
    let real = [
        ("enrichment", "cap_6104"),
        ("breakout", "one_year"),
        ("stockpile", "kg_300"),
        ("sanctions", "on_implementation"),
        ("military_sites", "managed_access"),
        ("arms_embargo", "five_years"),
        ("missiles", "eight_years"),
        ("past_work", "iaea_roadmap"),
        ("snapback", "un_snapback"),
    ];
    for (issue, level) in real {
        let i = s.issue_ix(issue).unwrap();
        assert_eq!(
            s.issues[i].level_name(best[i]),
            s.issues[i].level_name(s.issues[i].levels.iter().position(|l| l.id == level)),
            "{issue}"
        );
    }
    let n = 400u64;
    let all = batch(&s, n, 2015, 2, &[]).unwrap();
    let share = |r: &[GameResult], k: OutcomeKind| {
        r.iter().filter(|x| x.outcome == k).count() as f64 / r.len() as f64
    };
    for k in OutcomeKind::ALL {
        assert!(
            share(&all, k) <= 0.70,
            "{} at {:.1}%",
            k.name(),
            share(&all, k) * 100.0
        );
    }
    assert!(
        share(&all, OutcomeKind::Deal) >= 0.30,
        "deal {:.1}%",
        share(&all, OutcomeKind::Deal) * 100.0
    );
}

/// The story and the timeline tell the same game: every turn the story names as raising tension
/// or bringing the sides together is among the turning points (a play-test's end screen said
/// "Week 8 raised tension by 8.2" with no mark on week 8).
#[test]
fn every_turn_the_story_names_is_a_turning_point() {
    let s = crate::geneva();
    let title = s.turn.title();
    let (mut named, mut slips, mut peaks, mut on_timeline) = (0, 0, 0, 0);
    for seed in 0..60 {
        let mut g = all_ai(&s, seed);
        g.run_to_end(100);
        let d = sim::debrief::debrief(&s, g.history(), g.news());
        // The week tension peaked in, where the story's first line names one.
        if let Some(at) = d.story[0]
            .split(&format!(" at the end of {} ", s.turn.one))
            .nth(1)
        {
            let week: u32 = at
                .split(|c: char| !c.is_ascii_digit())
                .next()
                .unwrap()
                .parse()
                .unwrap();
            peaks += 1;
            assert!(
                d.turning_points.iter().any(|t| t.week == week)
                    || d.turning_points.len() == sim::debrief::TURNING_POINTS,
                "seed {seed}: the peak in {title} {week} is not on the timeline {:?}",
                d.turning_points.iter().map(|t| t.week).collect::<Vec<_>>()
            );
            on_timeline += usize::from(d.turning_points.iter().any(|t| t.week == week));
        }
        for line in &d.story[1..] {
            let Some(rest) = line.strip_prefix(&format!("{title} ")) else {
                continue;
            };
            if !(rest.contains(" raised tension by ")
                || rest.contains(" did most to bring")
                || rest.contains(" let a deal slip"))
            {
                continue;
            }
            slips += usize::from(rest.contains(" let a deal slip"));
            let week: u32 = rest.split_whitespace().next().unwrap().parse().unwrap();
            named += 1;
            assert!(
                d.turning_points.iter().any(|t| t.week == week),
                "seed {seed}: the story names {title} {week} ({line}), the turning points are {:?}",
                d.turning_points.iter().map(|t| t.week).collect::<Vec<_>>()
            );
        }
        assert!(d.turning_points.len() <= sim::debrief::TURNING_POINTS);
    }
    assert!(
        named > 60 && slips > 3,
        "the story named {named} turns, {slips} slips"
    );
    // (Where the timeline is full, a peak may be left off it: 47 of 53 peaks were on it in
    // these games after the AI came to weigh the events of the turn after, 90 % before.)
    assert!(
        peaks > 20 && on_timeline * 100 >= peaks * 85,
        "{on_timeline} of {peaks} peaks"
    );
}

/// The debrief's story of a war names the turns that drove tension up with their causes (moves
/// and events of that turn) and ends on when the war came.
#[test]
fn the_story_of_a_war_names_what_drove_it() {
    let s = crate::geneva();
    let mut wars = 0;
    let mut near = 0;
    for seed in 0..60 {
        let mut g = all_ai(&s, seed);
        g.run_to_end(100);
        let Some(out) = g.outcome() else { continue };
        let d = sim::debrief::debrief(&s, g.history(), g.news());
        // The figures read as the tension gauge shows them (a decimal near the danger line).
        let tension =
            |k: usize| redline::rules::describe::tension_gauge(&s, g.history()[k].talks.tension);
        let end = g.history().len() - 1;
        let opened = format!("Tension opened at {}", tension(0));
        let stood = format!(" stood at {} at the end", tension(end));
        assert!(d.story[0].starts_with(&opened), "{:?}", d.story);
        assert!(d.story[0].contains(&stood), "{:?}", d.story);
        near += usize::from([0, end].iter().any(|&k| tension(k).contains('.')));
        let last = d.story.last().unwrap();
        assert!(
            last.starts_with(&format!("{} {}: ", s.turn.title(), out.week)),
            "{last}"
        );
        if out.kind != OutcomeKind::War {
            continue;
        }
        wars += 1;
        // It ended in war, by the incident the outcome names when one decided it.
        let incident = out
            .reasons
            .iter()
            .find(|r| matches!(r, rules::Reason::Incident { .. }));
        let end = incident.map_or("it ended in war.".to_string(), |r| {
            format!("it ended in war: {}.", r.text(&s))
        });
        assert!(last.ends_with(&end), "{last}");
        // Every named rise is a real rise of that turn, with causes from its record.
        let rises: Vec<&String> = d.story[1..d.story.len() - 1]
            .iter()
            .filter(|l| l.contains("raised tension"))
            .collect();
        assert!(
            !rises.is_empty(),
            "a war has rises of tension: {:?}",
            d.story
        );
        for r in rises {
            let week: u32 = r
                .split_whitespace()
                .nth(1)
                .and_then(|w| w.parse().ok())
                .unwrap_or_else(|| panic!("{r}"));
            let snap = g.history().iter().find(|h| h.talks.week == week).unwrap();
            let named = snap
                .talks
                .causes
                .iter()
                .any(|c| r.contains(&c.source.cause_label(&s)));
            assert!(named, "{r} names a cause of turn {week}");
            // Its parts (the largest causes and the rest of the turn) add up to the rise.
            let number = |t: &str| -> f64 {
                t.trim_matches(|c: char| !c.is_ascii_digit() && c != '-' && c != '+')
                    .parse()
                    .unwrap_or_else(|_| panic!("a number in {t:?} of {r}"))
            };
            let (head, parts) = r.split_once(": ").unwrap();
            let total = number(head.rsplit(' ').next().unwrap());
            let sum: f64 = parts
                .split("; ")
                .map(|p| {
                    let n = p.rsplit(['(', ' ']).next().unwrap();
                    number(n)
                })
                .sum();
            assert!(
                (sum - total).abs() < 0.21,
                "{r}: parts {sum} against {total}"
            );
        }
    }
    assert!(wars > 0, "some of 60 all-AI games end in war");
    assert!(
        near > 0,
        "no game opened or ended within a point of the danger line"
    );
}

/// The debrief's turning points: the week that ended the game is always one; each names what
/// turned its week first (each clause change once, as the week left it; the events and moves
/// that moved tension most before those that moved it less), never a move that did nothing (a
/// party watching the talks), and says how many more things happened than it names. In the
/// week a deal was signed the acceptances come first.
#[test]
fn a_turning_point_names_what_turned_the_week_and_leaves_out_moves_that_did_nothing() {
    use redline::scenario::Effect;
    let s = crate::geneva();
    let (mut points, mut crowded, mut deals) = (0, 0, 0);
    for seed in 0..40 {
        let mut g = all_ai(&s, seed);
        g.run_to_end(100);
        let d = sim::debrief::debrief(&s, g.history(), g.news());
        let out = g.outcome().expect("the game ended");
        assert!(
            d.turning_points.iter().any(|t| t.week == out.week),
            "seed {seed}: the last week {} is a turning point",
            out.week
        );
        // The story's week that brought the sides closest names the clauses as that week left
        // them (a clause changed twice in the week once, at its end).
        if let Some(line) = d
            .story
            .iter()
            .find(|l| l.contains("brought the sides closest"))
        {
            let week: u32 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
            let at = g
                .history()
                .iter()
                .position(|h| h.talks.week == week)
                .unwrap();
            let net = sim::debrief::net_changes(&s, &g.history()[at - 1], &g.history()[at]);
            let listed = line
                .split_once("): ")
                .map_or("", |x| x.1)
                .trim_end_matches('.');
            for c in listed
                .split("; ")
                .filter(|c| !c.is_empty() && !c.starts_with("and "))
            {
                assert!(net.iter().any(|n| n == c), "{c} in {net:?}");
            }
        }
        for t in &d.turning_points {
            points += 1;
            let at = g
                .history()
                .iter()
                .position(|h| h.talks.week == t.week)
                .unwrap();
            let (before, snap) = (&g.history()[at - 1], &g.history()[at]);
            let net = sim::debrief::net_changes(&s, before, snap);
            // Each move's line as the news printed it, whether it did anything, and what it
            // moved (tension and the negotiators' trust).
            // (An acceptance or a walk-out is told among what the acts brought about.)
            let moves: Vec<(String, bool, f64)> = snap
                .decisions
                .moves
                .iter()
                .map(|&(p, c)| {
                    let m = &s.moves[c.mv];
                    let idle = s.derived.moves[c.mv].idle;
                    let src = rules::Source::Move { actor: p, mv: c.mv };
                    let decides = m
                        .effects
                        .iter()
                        .any(|e| matches!(e, Effect::Accept | Effect::WalkOut(_)));
                    let moved = if decides {
                        0.0
                    } else {
                        sim::debrief::moved_by(&s, &g.history()[at - 1..=at], src)
                    };
                    (sim::turn::fill(&s, &m.text, p, c), idle, moved)
                })
                .collect();
            let (named, more) = match t.happenings.last() {
                Some(l) if l.starts_with("… and ") => {
                    let n: usize = l["… and ".len()..l.len() - " more".len()].parse().unwrap();
                    (&t.happenings[..t.happenings.len() - 1], n)
                }
                _ => (&t.happenings[..], 0),
            };
            assert!(named.len() <= sim::debrief::HAPPENINGS);
            let notes: Vec<&str> = (g.news().iter())
                .filter(|n| n.week == t.week && n.only.is_some())
                .map(|n| n.text.as_str())
                .collect();
            assert!(
                named.iter().all(|h| !notes.contains(&h.as_str())),
                "{named:?}"
            );
            // What it could have named: the week's news but the moves that did nothing, the
            // clause changes and the notes to one party (what its move showed it), and the net
            // changes.
            let told = g
                .news()
                .iter()
                .filter(|n| n.week == t.week && n.kind != NewsKind::Outcome && n.only.is_none())
                .filter(|n| !n.text.starts_with("Draft: "))
                .filter(|n| !moves.iter().any(|m| m.1 && m.0 == n.text))
                .count()
                + net.len();
            assert_eq!(
                named.len() + more,
                told,
                "week {}: {:?}",
                t.week,
                t.happenings
            );
            crowded += usize::from(more > 0);
            for line in named {
                if let Some(c) = line.strip_prefix("Draft: ") {
                    let c = c.trim_end_matches('.');
                    assert!(net.iter().any(|n| n == c), "{line} is a net change");
                }
                assert!(
                    !moves.iter().any(|m| m.1 && &m.0 == line),
                    "week {}: {line} did nothing",
                    t.week
                );
            }
            // A move that moved tension or trust and is left out moved them no more than any
            // named one.
            let is_named = |text: &str| named.iter().any(|h| h == text);
            for (text, _, tension) in moves.iter().filter(|m| m.2 > 0.0 && !is_named(&m.0)) {
                for (other, _, other_tension) in moves.iter().filter(|m| m.2 > 0.0) {
                    assert!(
                        !is_named(other) || other_tension >= tension,
                        "week {}: {other:?} named over {text:?}",
                        t.week
                    );
                }
            }
            // The week a deal was signed opens on what the acts brought about, its acceptances
            // among it, in the order of the news.
            if t.week == out.week && out.kind == OutcomeKind::Deal {
                deals += 1;
                // Each acceptance as the news told it: its move's line, or, of a text its party
                // would not sign as the acts before it left the week, the line that says so.
                let accepts = (snap.decisions.moves.iter())
                    .filter(|&&(_, c)| s.moves[c.mv].effects.contains(&Effect::Accept))
                    .map(|&(p, c)| {
                        let unsigned = format!("{} accepts the text, ", s.parties[p].name);
                        (sim::turn::fill(&s, &s.moves[c.mv].text, p, c), unsigned)
                    });
                for (text, unsigned) in accepts {
                    let k = named
                        .iter()
                        .position(|h| *h == text || h.starts_with(&unsigned));
                    assert!(k.is_some(), "week {}: {text} named in {named:?}", t.week);
                    assert!(
                        named[..k.unwrap()].iter().all(|h| !h.starts_with("Draft: ")
                            && !moves.iter().any(|m| &m.0 == h && m.2 > 0.0)),
                        "week {}: {:?}",
                        t.week,
                        named
                    );
                }
            }
        }
    }
    assert!(points > 100, "{points} turning points");
    assert!(
        crowded > 0,
        "some weeks have more to tell than the debrief names"
    );
    assert!(deals > 0, "some games end in a deal");
}

/// What a move moved in its week, as the debrief weighs it: the tension it caused and the trust
/// between the negotiators it added, at the week's end (Geneva's back channel: tension -1, the
/// United States' trust in Iran +5 and Iran's in it +3, each faded by 1 at the week's end).
#[test]
fn the_debrief_weighs_a_move_by_the_tension_and_trust_it_moved() {
    let s = geneva_with(|s| s.rules.event_chance = 0.0);
    let iran = s.party_ix("iran").unwrap();
    let mut g = Game::new(s.clone(), 1, &vec![Controller::Human; s.parties.len()]);
    let back = g
        .options(iran)
        .into_iter()
        .find(|m| s.moves[m.choice.mv].id == "back_channel")
        .expect("Iran may use the back channel");
    // The same move weighs the same each week it is made: its earlier weeks' trust fades out
    // of the measure.
    let src = rules::Source::Move {
        actor: iran,
        mv: back.choice.mv,
    };
    for week in 1..=3usize {
        g.order(iran, back.choice);
        g.step();
        let moved = sim::debrief::moved_by(&s, &g.history()[week - 1..=week], src);
        assert!(
            (moved - (1.0 + 4.0 + 2.0)).abs() < 1e-9,
            "week {week}: {moved}"
        );
    }
    // The lowest trust between the negotiators is what a turning point reports.
    let d = sim::debrief::debrief(&s, g.history(), g.news());
    let low = |st: &rules::Negotiation| sim::debrief::lowest_trust(&s, st);
    let h = g.history();
    for t in &d.turning_points {
        let at = h.iter().position(|x| x.talks.week == t.week).unwrap();
        assert!((t.d_trust - (low(&h[at].talks) - low(&h[at - 1].talks))).abs() < 1e-9);
    }
    assert!(d.turning_points.iter().any(|t| {
        t.figures()
            .contains("the lower of the sides' trust in each other +")
    }));
    // The story tells how each negotiator's trust in the other went, in the figures shown.
    let us = s.party_ix("united_states").unwrap();
    let line = format!(
        "Iran's trust in United States went from {} to {}",
        rules::describe::trust_figure(h[0].talks.trust(iran, us), s.rules.min_trust),
        rules::describe::trust_figure(g.state().trust(iran, us), s.rules.min_trust)
    );
    assert!(d.story.iter().any(|l| l.contains(&line)), "{:?}", d.story);
    // And what moved it most: the back channel, three times, counted once.
    let shares = sim::debrief::trust_shares(&s, &h[0].talks, g.state(), us, iran);
    let back_label = src.label(&s, us, iran);
    assert_eq!(shares.iter().filter(|x| x.0 == back_label).count(), 1);
    assert!(
        shares.iter().any(|x| x.0 == back_label && x.1 > 0.0),
        "{shares:?}"
    );
    let line = d
        .story
        .iter()
        .find(|l| l.starts_with("United States' trust in Iran"))
        .unwrap();
    assert!(
        line.contains(&format!("What moved it most: {back_label} +"))
            || line.contains(&format!("; {back_label} +")),
        "{line}"
    );
}

/// The story's shares of what moved a negotiator's trust in another add up to the change,
/// wherever trust stayed within 0 and 100; the largest first.
#[test]
fn the_shares_of_a_trust_change_add_up_to_it() {
    let s = crate::geneva();
    let (mut checked, mut clamped) = (0, 0);
    // Besides Geneva's games, games where Iran's lasting trust in the United States is 5: the
    // old grievances take it to 0 at the start.
    let (iran, us) = (
        s.party_ix("iran").unwrap(),
        s.party_ix("united_states").unwrap(),
    );
    let low = geneva_with(|s| s.trust[iran][us].base = 5.0);
    for seed in 0..34 {
        let s = if seed < 30 { s.clone() } else { low.clone() };
        let mut g = all_ai(&s, seed);
        g.run_to_end(100);
        let h = g.history();
        for &a in &s.negotiators {
            for &b in s.negotiators.iter().filter(|&&b| b != a) {
                let (from, to) = (h[0].talks.trust(a, b), g.state().trust(a, b));
                let shares = sim::debrief::trust_shares(&s, &h[0].talks, g.state(), a, b);
                assert!(shares.windows(2).all(|w| w[0].1.abs() >= w[1].1.abs()));
                let within = |t: f64| t > 0.0 && t < 100.0;
                let bounded = within(from) && within(to);
                let sum: f64 = shares.iter().map(|x| x.1).sum();
                // Where trust stopped at 0 or 100 and the shares say more, the story says why.
                let d = sim::debrief::debrief(&s, h, g.news());
                let whose = format!(
                    "{} trust in {} ",
                    rules::describe::possessive(&s.parties[a].name),
                    s.parties[b].name
                );
                let line = d
                    .story
                    .iter()
                    .find(|l| l.starts_with(&whose))
                    .expect("a line");
                let stopped = (sum - (to - from)).abs() >= 0.5;
                assert_eq!(line.contains("trust stops at 0 and 100"), stopped, "{line}");
                clamped += usize::from(stopped);
                if bounded {
                    assert!(
                        (sum - (to - from)).abs() < 1e-6,
                        "seed {seed}: {sum} {}",
                        to - from
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 20, "{checked}");
    assert!(clamped > 0, "some trust stops at 0: {clamped}");
}

/// An event that has come before is told as a story that recurs: "Again: " and its headline,
/// the first time its headline alone.
#[test]
fn an_event_that_comes_again_is_told_so() {
    let s = crate::geneva();
    let mut again = 0;
    for seed in 0..20 {
        let mut g = all_ai(&s, seed);
        g.run_to_end(100);
        let mut seen = vec![false; s.events.len()];
        for n in g.news().iter().filter(|n| n.kind == NewsKind::Event) {
            let e = sim::turn::event_of_news(&s, &n.text).expect("an event's news names it");
            let want = if seen[e] {
                again += 1;
                format!("Again: {}", s.events[e].headline)
            } else {
                s.events[e].headline.clone()
            };
            assert_eq!(n.text, want);
            seen[e] = true;
        }
    }
    assert!(again > 0, "some event comes twice in 20 games");
}

/// The score the signing card promises for a deal this week is the score the end screen then
/// gives, when the player's acceptance completes the deal and nothing else happens that week.
#[test]
fn the_signing_cards_score_is_the_score_the_deal_then_gets() {
    let s = geneva_with(|s| s.rules.event_chance = 0.0);
    let (iran, us) = (
        s.party_ix("iran").unwrap(),
        s.party_ix("united_states").unwrap(),
    );
    let nash = redline::scenario::analyse(&s)
        .best
        .expect("a Nash package")
        .levels;
    let (mut checked, mut noted) = (0, 0);
    for seed in 0..6u64 {
        // People in every seat, none of whom moves but Iran: nothing else happens.
        let mut g = Game::new(s.clone(), seed, &vec![Controller::Human; s.parties.len()]);
        for _ in 0..seed {
            g.step();
        }
        {
            let mut talks = g.world.resource_mut::<sim::state::Talks>();
            let st = &mut talks.0;
            st.draft.levels = nash.clone();
            for (a, b) in [(iran, us), (us, iran)] {
                st.trust.push(rules::TrustMod {
                    from: a,
                    to: b,
                    source: rules::Source::Drift,
                    value: 60.0,
                    decay: 0.0,
                    born: 0,
                });
            }
            st.parties[us].accepted = true;
            // Iran has seen what the United States hides: the deal's quality is in the card.
            st.parties[iran].revealed |= 1 << us;
            // Under pressure in odd seeds: Iran's walk-away value falls below the one the
            // deal's quality is measured from, and the card names that one.
            if seed % 2 == 1 {
                st.tension = (st.tension + 12.0).min(58.0);
            }
            rules::score::rescore(&s, st);
        }
        let scored = g.options(iran);
        let Some(card) = signing_card(&g, iran, &scored) else {
            continue;
        };
        assert!(card.quality_known);
        let opening = rules::score::opening_walk_away(&s, iran);
        assert_eq!(card.opening, opening);
        let differs = (opening - card.reservation).abs() >= 0.005;
        let named = card
            .worth_text()
            .contains(&format!("measured from {opening:.2}, your"));
        assert_eq!(named, differs, "{}", card.worth_text());
        noted += usize::from(named);
        // The parts as shown add up to the total as shown.
        let sc = &card.score;
        let whole = rules::describe::apportion(&[sc.outcome, sc.surplus, sc.calm], 1.0);
        assert_eq!(whole.iter().sum::<f64>(), sc.total.round_ties_even());
        let parts = format!(
            "outcome {:.0} + deal quality {:.0} of {:.0} + calm {:.0}",
            whole[0], whole[1], s.scoring.surplus, whole[2]
        );
        assert!(
            card.score_text(&s).contains(&parts)
                && card.score_short(&s) == format!("{:.0}: {parts}", sc.total),
            "{}",
            card.score_text(&s)
        );
        g.order(iran, card.choice);
        g.step();
        let out = g.outcome().expect("the deal is made");
        assert_eq!(out.kind, OutcomeKind::Deal);
        let got = sim::score_for(
            &s,
            g.state(),
            sim::mean_tension(&s, g.history()),
            Some(out),
            iran,
        );
        assert!(
            (got.total - card.score.total).abs() < 1e-9,
            "{got:?} vs {:?}",
            card.score
        );
        assert!((got.surplus - card.score.surplus).abs() < 1e-9);
        assert!((got.calm - card.score.calm).abs() < 1e-9);
        checked += 1;
    }
    assert!(checked >= 3, "{checked} deals checked");
    assert!(
        noted > 0 && noted < checked,
        "{noted} of {checked} cards name the opening value"
    );
}

/// Talks a facilitator ends: the debrief's story ends on it, and its week is a turning point.
#[test]
fn the_debrief_of_talks_a_facilitator_ended_says_so() {
    let s = crate::geneva();
    let mut g = all_ai(&s, 4);
    for _ in 0..3 {
        g.step();
    }
    assert!(g.outcome().is_none(), "still running after 3 weeks");
    assert!(g.call_end());
    let d = sim::debrief::debrief(&s, g.history(), g.news());
    assert_eq!(
        d.story.last().map(String::as_str),
        Some("Week 3: the facilitator ended the talks without a deal."),
        "{:?}",
        d.story
    );
    assert!(d.turning_points.iter().any(|t| t.week == 3));
}

/// In the last week the signing card tells a player who has not accepted that there is no deal
/// without its acceptance (the AI signs a text it would sign when time runs out; a player's
/// side does not); in any other week, or once accepted, it does not.
#[test]
fn the_last_weeks_signing_card_says_a_deal_needs_the_players_acceptance_now() {
    use redline::cli::text;
    let s = crate::geneva();
    let iran = s.party_ix("iran").unwrap();
    let mut ctrl = vec![Controller::Ai(Policy::Ai); s.parties.len()];
    ctrl[iran] = Controller::Human;
    let mut g = Game::new(s.clone(), 3, &ctrl);
    let numbers = redline::read::catalogue(&s, iran);
    let nash = redline::scenario::analyse(&s)
        .best
        .expect("a Nash package")
        .levels;
    let note = {
        let mut last = rules::Negotiation::start(&s);
        last.week = s.weeks - 1;
        redline::read::last_turn_note(&s, &last, false).expect("the last week's note")
    };
    for (week, accepted, says) in [
        (s.weeks - 1, false, true),
        (s.weeks - 2, false, false),
        (s.weeks - 1, true, false),
    ] {
        {
            let mut talks = g.world.resource_mut::<sim::state::Talks>();
            let st = &mut talks.0;
            st.week = week;
            st.draft.levels = nash.clone();
            st.parties[iran].accepted = accepted;
            // Enough trust to sign, lasting.
            for &q in &s.negotiators {
                if q != iran {
                    st.trust.push(rules::TrustMod {
                        from: iran,
                        to: q,
                        source: rules::Source::Drift,
                        value: 100.0,
                        decay: 0.0,
                        born: 0,
                    });
                }
            }
            rules::score::rescore(&s, st);
        }
        assert!(rules::stand(&s, g.state(), iran).would_sign(s.rules.min_trust));
        let scored = g.options(iran);
        let card = words(&text::signing(&g, iran, &scored, &numbers));
        assert!(!card.is_empty(), "week {week}: Iran may accept");
        // Iran does not know what the United States hides: the card leaves out the deal's
        // quality, which rests on it, and says how much it may add.
        let up_to = format!("a deal quality of up to {:.0} more", s.scoring.surplus);
        assert!(card.contains(&up_to), "{card}");
        let sg = signing_card(&g, iran, &scored).unwrap();
        assert!(!sg.quality_known && sg.score.surplus == 0.0 && sg.score.review.is_none());
        assert!((sg.score.total - sg.score.outcome - sg.score.calm).abs() < 1e-9);
        assert_eq!(card.contains(&note), says, "week {}: {card}", week + 1);
    }
}

/// A Geneva game (seed `seed`) with Iran a person's seat and the rest the AI's, about to play
/// week `week + 1` on the Nash package, each `(from, to, trust)` of `trust` set with a lasting
/// item (and `(from, to, extra)` of `fading` added as an item that fades away by the week's
/// end); `set` changes the rest.
fn iran_on_the_nash_text(
    s: &Arc<Scenario>,
    seed: u64,
    week: u32,
    trust: &[(usize, usize, f64)],
    fading: &[(usize, usize, f64)],
    set: impl FnOnce(&mut rules::Negotiation),
) -> Game {
    let iran = s.party_ix("iran").unwrap();
    let mut ctrl = vec![Controller::Ai(Policy::Ai); s.parties.len()];
    ctrl[iran] = Controller::Human;
    let mut g = Game::new(s.clone(), seed, &ctrl);
    let nash = redline::scenario::analyse(s).best.expect("a Nash package");
    let st = &mut g.world.resource_mut::<sim::state::Talks>().into_inner().0;
    st.week = week;
    st.draft.levels = nash.levels;
    let lasting = trust
        .iter()
        .map(|&(f, t, want)| (f, t, want - st.trust.get(f, t), 0.0));
    let gone = fading.iter().map(|&(f, t, extra)| (f, t, extra, extra));
    let items: Vec<_> = lasting.chain(gone).collect();
    for (from, to, value, decay) in items {
        st.trust.push(rules::TrustMod {
            from,
            to,
            source: rules::Source::Drift,
            value,
            decay,
            born: 0,
        });
    }
    set(st);
    rules::score::rescore(s, st);
    g
}

/// A player who has accepted the text already reads on its signing card what accepting again
/// guards against: an event that withdraws every acceptance before the moves, with how likely
/// it is this week (one draw a week in Geneva: the event chance times those events' share of the
/// weight of the events that may come); where no such event may come, that accepting again
/// changes nothing (a play-tester renewed an acceptance that stood, thinking it made the deal
/// safe, where a move raising trust would have closed it). Geneva as it is, and with no event
/// that withdraws acceptances.
#[test]
fn accepting_again_says_what_it_guards_against_and_how_likely_that_is() {
    use redline::cli::text;
    use redline::scenario::Effect;
    let geneva = crate::geneva();
    assert_eq!(geneva.rules.events_per_turn, 1);
    let mut calm = (*geneva).clone();
    for e in &mut calm.events {
        e.effects.retain(|f| *f != Effect::Unsettle);
    }
    let calm = Arc::new(calm);
    let (mut guarded, mut idle) = (0, 0);
    for (s, seed) in [&geneva, &calm]
        .into_iter()
        .flat_map(|s| (0..4).map(move |k| (s, k)))
    {
        let (iran, us) = (
            s.party_ix("iran").unwrap(),
            s.party_ix("united_states").unwrap(),
        );
        let trust = [(iran, us, 100.0), (us, iran, 100.0)];
        let g = iran_on_the_nash_text(s, seed, 3, &trust, &[], |st| {
            st.parties[iran].accepted = true;
        });
        let scored = g.options(iran);
        let sg = signing_card(&g, iran, &scored).expect("Iran may accept again");
        assert!(sg.accepted && !sg.withdrawn_by_move);
        // How likely it is that the week's draw brings an event that withdraws every
        // acceptance, worked out here from the weights.
        let coming = sim::may_come(&g.world, Some(iran));
        let drawn = |e: usize| coming[e] == sim::Coming::ByChance && s.events[e].weight > 0.0;
        let weight = |unsettles: bool| -> f64 {
            (0..s.events.len())
                .filter(|&e| drawn(e))
                .filter(|&e| !unsettles || s.events[e].effects.contains(&Effect::Unsettle))
                .map(|e| s.events[e].weight)
                .sum()
        };
        assert!(
            !(0..s.events.len()).any(|e| coming[e] == sim::Coming::Certainly),
            "nothing is called"
        );
        let chance = s.rules.event_chance * weight(true) / weight(false);
        assert!(
            (sg.withdrawn.0 - chance).abs() < 1e-12,
            "{:?} {chance}",
            sg.withdrawn
        );
        let numbers = redline::read::catalogue(s, iran);
        let card = words(&text::signing(&g, iran, &scored, &numbers));
        assert!(card.starts_with("To accept again:"), "{card}");
        // The move list names the move as accepting again too.
        let list = words(&text::moves_list(
            s,
            g.state(),
            iran,
            &scored,
            &numbers,
            false,
            &redline::seen::Ahead::of(&g.world, Some(iran)),
        ));
        assert!(list.contains("Accept the draft again"), "{list}");
        if chance > 0.0 {
            guarded += 1;
            let pct = format!("{:.0} % likely this week", 100.0 * chance);
            assert!(
                card.contains(
                    "accepting again gives your acceptance back if an event withdraws every \
                     acceptance first"
                ) && card.contains(&pct)
                    && card.contains("otherwise it changes nothing"),
                "{card}"
            );
        } else {
            idle += 1;
            assert!(
                card.contains(
                    "no event this week withdraws every acceptance: accepting again changes nothing"
                ),
                "{card}"
            );
        }
    }
    // Geneva's leak of the draft may come on any text with agreement above 30; without it, none.
    assert!(guarded > 0 && idle > 0, "{guarded} guarded, {idle} idle");
    // Parties moving before Iran with a move that withdraws every acceptance (every move does,
    // in a Geneva changed so): the card names such a move in the weeks Iran does not move first.
    let mut stirred = (*calm).clone();
    for m in &mut stirred.moves {
        m.effects.push(Effect::Unsettle);
    }
    let stirred = Arc::new(stirred);
    let iran = stirred.party_ix("iran").unwrap();
    let us = stirred.party_ix("united_states").unwrap();
    let (mut first, mut after) = (0, 0);
    for week in 2..6 {
        let trust = [(iran, us, 100.0), (us, iran, 100.0)];
        let g = iran_on_the_nash_text(&stirred, 1, week, &trust, &[], |st| {
            st.parties[iran].accepted = true;
        });
        let before = rules::move_order(&stirred, week + 1).first() != Some(&iran);
        let scored = g.options(iran);
        let sg = signing_card(&g, iran, &scored).expect("Iran may accept again");
        assert_eq!(sg.withdrawn_by_move, before, "week {}", week + 1);
        let numbers = redline::read::catalogue(&stirred, iran);
        let card = words(&text::signing(&g, iran, &scored, &numbers));
        assert_eq!(
            card.contains("if a move before yours withdraws every acceptance first"),
            before,
            "{card}"
        );
        first += usize::from(before);
        after += usize::from(!before);
    }
    assert!(first > 0 && after > 0, "{first} {after}");
}

/// When time runs out, an AI negotiator signs a text it would sign; where a player's side has
/// not accepted it, the news says so with the signature ("..., but Iran does not: no deal"), so
/// it does not read as a deal just before the stalemate (a play-tester read both lines). Where
/// the signature makes the deal, the line says nothing more. Set up: the last week opens on a
/// text the United States would sign but for its trust in Iran, half a point short, and Iran's
/// confidence-building measure lifts it (so the United States signs at the week's end, not by a
/// move); Iran has accepted the text before, or has not.
#[test]
fn a_signature_at_the_deadline_that_makes_no_deal_says_who_does_not_sign() {
    let s = crate::geneva();
    let (iran, us) = (
        s.party_ix("iran").unwrap(),
        s.party_ix("united_states").unwrap(),
    );
    let measure = s.moves.iter().position(|m| m.id == "confidence_measure");
    let (mut without, mut with) = (0, 0);
    for (seed, accepted) in (0..8u64).flat_map(|k| [(k, false), (k, true)]) {
        let trust = [(iran, us, 100.0), (us, iran, s.rules.min_trust - 0.5)];
        let mut g = iran_on_the_nash_text(&s, seed, s.weeks - 1, &trust, &[], |st| {
            st.parties[iran].accepted = accepted;
        });
        assert!(!rules::stand(&s, g.state(), us).would_sign(s.rules.min_trust));
        assert!(rules::stand(&s, g.state(), iran).would_sign(s.rules.min_trust));
        let pick = g.legal(iran).into_iter().find(|c| Some(c.mv) == measure);
        g.order(
            iran,
            pick.expect("Iran may take a confidence-building measure"),
        );
        g.step();
        let Some(outcome) = g.outcome().map(|o| o.kind) else {
            continue;
        };
        let signed: Vec<&str> = (g.news().iter())
            .filter(|n| n.text.contains("as time runs out"))
            .map(|n| n.text.as_str())
            .collect();
        match (outcome, accepted, signed.as_slice()) {
            (OutcomeKind::Deal, true, [line]) => {
                assert_eq!(
                    *line,
                    "United States signs the final text as time runs out."
                );
                with += 1;
            }
            (OutcomeKind::Stalemate, false, [line]) => {
                assert_eq!(
                    *line,
                    "United States signs the final text as time runs out, but Iran does not: no \
                     deal."
                );
                without += 1;
            }
            // An event of the week took the game elsewhere.
            _ => assert!(
                signed.iter().all(|l| !l.contains("no deal")) || outcome != OutcomeKind::Deal,
                "{outcome:?}: {signed:?}"
            ),
        }
    }
    assert!(
        without > 0 && with > 0,
        "{without} stalemates, {with} deals"
    );
}

/// An acceptance that takes of a text its party no longer would sign (an event cut its trust as
/// the week came) is told as one that counts if that changes before the week is out; where it
/// is the week's last act, the news says what the week's end does to it, and that is what then
/// happens: it stands, or it lapses (a play-tester moved last and read "counts if that changes
/// before the week's acts are done", with no act left).
#[test]
fn an_unsigned_acceptance_says_what_the_rest_of_the_week_does_to_it() {
    let s = crate::geneva();
    let (iran, us) = (
        s.party_ix("iran").unwrap(),
        s.party_ix("united_states").unwrap(),
    );
    let remark = s
        .events
        .iter()
        .position(|e| e.id == "regime_change_remark")
        .unwrap();
    let accept = s.moves.iter().position(|m| m.id == "accept").unwrap();
    let (mut left, mut stands, mut lapses) = (0, 0, 0);
    // Iran's trust in the United States as the week opens is what signing takes plus `margin`,
    // `extra` of it gone by the week's end (the other items of the ledger fade up by about 2).
    let cases = [(2.5, 0.0), (-2.5, 6.0)];
    for (week, (margin, extra)) in [4, 5].into_iter().flat_map(|w| cases.map(|c| (w, c))) {
        let trust = [(iran, us, s.rules.min_trust + margin), (us, iran, 100.0)];
        let mut g = iran_on_the_nash_text(&s, 9, week, &trust, &[(iran, us, extra)], |_| {});
        assert!(g.inject(remark));
        let pick = g.legal(iran).into_iter().find(|c| c.mv == accept);
        g.order(iran, pick.expect("Iran may accept"));
        g.step();
        let Some(line) = (g.news().iter())
            .find(|n| {
                n.text
                    .starts_with("Iran accepts the text, which it would have signed")
            })
            .map(|n| n.text.clone())
        else {
            // The cut left it willing to sign: an acceptance like any other.
            continue;
        };
        let last = rules::move_order(&s, week + 1).last() == Some(&iran);
        let still = g.state().parties[iran].accepted
            || g.outcome().is_some_and(|o| o.kind == OutcomeKind::Deal);
        assert_eq!(
            line.contains("counts if that changes before the week is out"),
            !last
        );
        if last {
            assert_eq!(line.contains("so the acceptance stands"), still, "{line}");
            assert_eq!(line.contains("so the acceptance lapses"), !still, "{line}");
        }
        left += usize::from(!last);
        stands += usize::from(last && still);
        lapses += usize::from(last && !still);
    }
    assert!(
        left > 0 && stands > 0 && lapses > 0,
        "{left} {stands} {lapses}"
    );
}

/// The chance the screens give each event of coming this week is the chance the draw gives it:
/// over many all-AI weeks, the number of times each event came is within four standard
/// deviations of the sum of its chances, with one draw a week (Geneva) and with three, where
/// the chance counts the events earlier draws may have taken; a scheduled event's chance is 1,
/// one that cannot come 0.
#[test]
fn the_chance_an_event_is_given_is_how_often_it_comes() {
    use redline::sim::{Coming, event_chances};
    for draws in [1, 3] {
        let s = geneva_with(|s| s.rules.events_per_turn = draws);
        let n = s.events.len();
        let (mut expected, mut variance, mut came) = (vec![0.0; n], vec![0.0; n], vec![0.0; n]);
        for seed in 0..150 {
            let mut g = all_ai(&s, seed);
            while g.outcome().is_none() {
                let coming = sim::may_come(&g.world, None);
                let (p, exact) = event_chances(&s, &coming);
                assert!(exact);
                for e in 0..n {
                    match coming[e] {
                        Coming::Certainly => assert_eq!(p[e], 1.0),
                        Coming::No => assert_eq!(p[e], 0.0),
                        Coming::ByChance => assert!(p[e] > 0.0 && p[e] < 1.0),
                    }
                    expected[e] += p[e];
                    variance[e] += p[e] * (1.0 - p[e]);
                }
                g.step();
                for &e in &g.world.resource::<sim::state::Arrivals>().0 {
                    came[e] += 1.0;
                }
            }
        }
        for e in 0..n {
            let sd = variance[e].sqrt().max(1.0);
            assert!(
                (came[e] - expected[e]).abs() <= 4.0 * sd,
                "{draws} draws, {}: came {} times, expected {:.1} (sd {sd:.1})",
                s.events[e].id,
                came[e],
                expected[e]
            );
        }
        assert!(expected.iter().sum::<f64>() > 100.0);
    }
}

/// An event a facilitator calls for the coming week is told to the facilitator (a view with no
/// party) as coming for certain, and out of the week's draw: the others' chances are those of a
/// deck without it. The players are told the week as the scenario draws it (the call is the
/// facilitator's own). It then comes.
#[test]
fn an_event_the_facilitator_calls_comes_for_certain() {
    use redline::sim::{Coming, event_chances};
    let s = geneva_with(|s| s.rules.events_per_turn = 2);
    let mut g = all_ai(&s, 4);
    g.step();
    let before = sim::may_come(&g.world, None);
    // One that may come by chance, so calling it changes how the others are drawn.
    let e = (0..s.events.len())
        .find(|&e| before[e] == Coming::ByChance)
        .expect("an event may come by chance");
    assert!(g.inject(e));
    for p in 0..s.parties.len() {
        assert_eq!(
            sim::may_come(&g.world, Some(p)),
            before,
            "the call is not told"
        );
    }
    let coming = sim::may_come(&g.world, None);
    assert_eq!(coming[e], Coming::Certainly);
    let (p, exact) = event_chances(&s, &coming);
    assert!(exact);
    assert_eq!(p[e], 1.0);
    // The chances of the others are those of a draw from the deck without it.
    let mut without = before.clone();
    without[e] = Coming::No;
    let (q, _) = event_chances(&s, &without);
    let (r, _) = event_chances(&s, &before);
    for f in (0..s.events.len()).filter(|&f| f != e) {
        assert_eq!(p[f], q[f], "{}", s.events[f].id);
        assert!(
            before[f] != Coming::ByChance || q[f] > r[f],
            "{}",
            s.events[f].id
        );
    }
    g.step();
    assert!(g.world.resource::<sim::state::Arrivals>().0.contains(&e));
}

/// The answers say of a negotiator the AI plays that would sign the text but holds out for more
/// this week exactly what it then does: it does not accept; one that would sign and does not
/// hold out accepts (a play-tester accepted a text the other side "would sign", and it pulled
/// the text its way instead).
#[test]
fn holding_out_is_what_the_ai_then_does() {
    let s = crate::geneva();
    let (mut held, mut ready) = (0, 0);
    for seed in 0..100 {
        let mut g = all_ai(&s, seed);
        while g.outcome().is_none() {
            let holding = sim::holding_out(&g.world);
            let next = rules::opened(g.state());
            let accepts_legal = |q| g.legal(q).iter().any(|c| s.derived.moves[c.mv].accepts);
            let would = |q| {
                rules::stand(&s, &next, q).would_sign(s.rules.min_trust)
                    && !next.parties[q].accepted
                    && accepts_legal(q)
            };
            let expect: Vec<(usize, bool)> = s
                .negotiators
                .iter()
                .filter(|&&q| would(q))
                .map(|&q| (q, !holding.contains(&q)))
                .collect();
            assert!(holding.iter().all(|&q| would(q) || !accepts_legal(q)));
            g.step();
            for (q, accepts) in expect {
                let took = g
                    .decisions()
                    .moves
                    .iter()
                    .any(|&(p, c)| p == q && s.derived.moves[c.mv].accepts);
                assert_eq!(took, accepts, "seed {seed} week {}: party {q}", g.week());
                if accepts {
                    ready += 1;
                } else {
                    held += 1;
                }
            }
        }
    }
    assert!(held > 4 && ready > 50, "held {held}, ready {ready}");
}

/// The debrief names every party that changed a clause in a week, in their order, each with
/// where it left the clause, not only the last (a player missed its own change in a clause
/// another moved the same week, and read "(Iran, then United States)" as Iran's offer of the
/// level the United States had set).
#[test]
fn the_debrief_names_everyone_who_moved_a_clause_that_week() {
    let s = crate::geneva();
    let mut both = 0;
    for seed in 0..60 {
        let mut g = all_ai(&s, seed);
        g.run_to_end(100);
        let h = g.history();
        for w in h.windows(2) {
            let net = sim::debrief::net_changes(&s, &w[0], &w[1]);
            for (i, issue) in s.issues.iter().enumerate() {
                if w[0].talks.draft.levels[i] == w[1].talks.draft.levels[i] {
                    continue;
                }
                let mut steps: Vec<(&str, &str)> = Vec::new();
                for c in w[1].talks.draft.changes.iter().filter(|c| c.issue == i) {
                    let (to, name) = (issue.level_name(c.to), s.parties[c.by].name.as_str());
                    match steps.last_mut() {
                        Some(last) if last.1 == name => last.0 = to,
                        _ => steps.push((to, name)),
                    }
                    // A step that left the clause where it found it is none.
                    let from = issue.level_name(w[0].talks.draft.levels[i]);
                    let before = steps.len().checked_sub(2).map_or(from, |k| steps[k].0);
                    if steps.last().is_some_and(|last| last.0 == before) {
                        steps.pop();
                    }
                }
                let line = net
                    .iter()
                    .find(|l| l.starts_with(&format!("{}:", issue.name)))
                    .expect("a changed clause is told");
                let told: String = (steps.iter())
                    .map(|(to, by)| format!(" → {to} ({by})"))
                    .collect();
                let from = issue.level_name(w[0].talks.draft.levels[i]);
                assert_eq!(line, &format!("{}: {from}{told}", issue.name), "{steps:?}");
                both += usize::from(steps.len() > 1);
            }
        }
    }
    assert!(both > 0, "some clause was moved by two parties in one week");
}

/// A person's seat the AI plays for now (a networked seat with no player) is told to hold out
/// as the AI's own parties are, and then does not accept; a seat a person plays is not told so.
#[test]
fn a_seat_the_ai_stands_in_for_is_told_to_hold_out() {
    use redline::rng::GameRng;
    let s = crate::geneva();
    let us = s.party_ix("united_states").unwrap();
    let mut told = 0;
    for seed in 0..100 {
        let mut g = Game::new(s.clone(), seed, &sim::seat(&s, Some(us), &[]));
        let mut rng = GameRng::new(seed ^ 0x5eed);
        while g.outcome().is_none() {
            assert!(!sim::holding_out(&g.world).contains(&us), "a person's seat");
            g.world.resource_mut::<sim::StandIns>().0 = vec![us];
            let held = sim::holding_out(&g.world).contains(&us);
            g.world.resource_mut::<sim::StandIns>().0.clear();
            // The table's stand-in: the AI's choice for the seat.
            let next = rules::opened(g.state());
            let d = ai::Planner::new(&s, &next).choose(us, Policy::Ai, &mut rng);
            if let Some(d) = d {
                assert!(
                    !(held && s.derived.moves[d.chosen.choice.mv].accepts),
                    "seed {seed} week {}: held out, then accepted",
                    g.week() + 1
                );
                g.order(us, d.chosen.choice);
            }
            told += usize::from(held);
            g.step();
        }
    }
    assert!(told > 0, "a stand-in held out");
}

/// The signing card warns when this week's event or another party's move could carry the trust
/// a deal needs below what signing takes (what the answers then name), and only then: a
/// play-test accepted on a card that promised a deal, and an event cut the other side's trust
/// first.
#[test]
fn the_signing_card_warns_when_trust_could_fall_before_the_deal() {
    use redline::cli::text;
    let s = crate::geneva();
    let (stands, lapses) = (
        redline::read::stands_note(&s),
        redline::read::lapse_warning(&s),
    );
    let (mut warned, mut calm, mut lapsing, mut unsettled, mut several) = (0, 0, 0, 0, 0);
    let mut named_event = 0;
    let mut onlooker = 0;
    let oman = s.party_ix("oman").unwrap();
    for seed in 0..30 {
        let mut g = all_ai(&s, seed);
        while g.outcome().is_none() {
            // The mediator and a spectator, who have no acceptance to give, read the same
            // warning over the answers, exactly when an event may withdraw an acceptance a deal
            // rests on; a negotiator reads it on its card, not there.
            let coming = sim::may_come(&g.world, None);
            let unsettling = (0..s.events.len()).any(|e| {
                coming[e] != redline::sim::Coming::No
                    && s.events[e]
                        .effects
                        .contains(&redline::scenario::Effect::Unsettle)
            });
            let last = g.week() + 1 >= s.weeks;
            let standing = s.negotiators.iter().any(|&q| g.state().parties[q].accepted);
            // Every such event is named; one that comes for certain, alone.
            let unsettles: Vec<usize> = (0..s.events.len())
                .filter(|&e| coming[e] != redline::sim::Coming::No)
                .filter(|&e| {
                    s.events[e]
                        .effects
                        .contains(&redline::scenario::Effect::Unsettle)
                })
                .collect();
            let certain = unsettles
                .iter()
                .find(|&&e| coming[e] == redline::sim::Coming::Certainly);
            for who in [Some(oman), None] {
                let answers = words(&text::answers(&g, who));
                let said = answers.contains("withdraws every acceptance");
                assert_eq!(said, standing && unsettling && !last, "seed {seed}");
                if said {
                    // The warning's own line (the trust at risk may name the same events).
                    let at = answers.find("withdraws every acceptance").unwrap();
                    let start = answers[..at].rfind("⚠ ").unwrap();
                    let end = at + answers[at..].find("accept again").unwrap();
                    let line = &answers[start..end];
                    for &e in &unsettles {
                        let named = line.contains(&words(&s.events[e].headline));
                        assert_eq!(named, certain.is_none_or(|&c| c == e), "{line}");
                    }
                    // An onlooker has no acceptance of its own: no "too".
                    assert!(!line.contains(" too:"), "{line}");
                }
                onlooker += usize::from(said);
            }
            for &me in &s.negotiators {
                let said =
                    words(&text::answers(&g, Some(me))).contains("withdraws every acceptance");
                assert!(!said, "seed {seed}: a negotiator has it on its card");
            }
            for &me in &s.negotiators {
                let numbers = redline::read::catalogue(&s, me);
                let scored = g.options(me);
                let card = words(&text::signing(&g, me, &scored, &numbers));
                if card.is_empty() {
                    continue;
                }
                let coming = sim::may_come(&g.world, Some(me));
                let sg = signing_card(&g, me, &scored).unwrap();
                let risks = redline::read::TrustRisk::of(&s, g.state(), &coming, Some(me));
                let says = sg.would_sign && !risks.is_empty();
                let note = words(&redline::read::trust_risk_note(&s, &risks));
                assert_eq!(card.contains(&note), says, "seed {seed}: {card}");
                assert_eq!(card.contains("could first cut trust below"), says, "{card}");
                // The likeliest event that could do it is named, with its chance.
                let events: Vec<&redline::read::Shock> = (risks.iter())
                    .flat_map(|r| r.event.iter().chain(&r.also))
                    .filter(|e| e.chance.is_some())
                    .collect();
                let most = (events.iter())
                    .map(|e| e.chance.unwrap().0)
                    .fold(0.0, f64::max);
                if says && !events.is_empty() {
                    let named = (events.iter())
                        .filter(|e| e.chance.unwrap().0 == most)
                        .find(|e| card.contains(&words(&e.what)))
                        .unwrap_or_else(|| panic!("the likeliest event: {card}"));
                    assert!(named.certain || note.contains("likely"), "{note}");
                    named_event += 1;
                }
                // An event that may come and withdraw the other side's standing acceptance is
                // named exactly when one may come and that acceptance stands, unless the last
                // week's close gives it again (the AI signs when time runs out).
                let last = g.week() + 1 >= s.weeks;
                let other_stands = s
                    .negotiators
                    .iter()
                    .any(|&q| q != me && g.state().parties[q].accepted && !last);
                let unsettling = (0..s.events.len()).any(|e| {
                    coming[e] != redline::sim::Coming::No
                        && s.events[e]
                            .effects
                            .contains(&redline::scenario::Effect::Unsettle)
                });
                assert_eq!(sg.unsettled.is_some(), other_stands && unsettling);
                if let Some(un) = sg.unsettled.as_ref().filter(|_| sg.would_sign) {
                    assert!(card.contains(&words(un)), "seed {seed}: {card}");
                    assert!(un.contains("withdraws every acceptance"), "{un}");
                    // Each event that may come is named with its chance this week (one that
                    // comes for certain is named alone, with none).
                    let (p, exact) = redline::sim::event_chances(&s, &coming);
                    let unsettles = |e: usize| {
                        (s.events[e].effects).contains(&redline::scenario::Effect::Unsettle)
                    };
                    let sure = (0..s.events.len())
                        .any(|e| unsettles(e) && coming[e] == redline::sim::Coming::Certainly);
                    for e in (0..s.events.len()).filter(|&e| unsettles(e) && p[e] > 0.0) {
                        let named = format!(
                            "{} ({})",
                            s.events[e].headline,
                            &redline::read::likely(p[e], exact)[2..]
                        );
                        assert_eq!(un.contains(&named), !sure, "{un}");
                    }
                    // Several that may come: how likely it is that one of them comes.
                    let may: Vec<usize> = (0..s.events.len())
                        .filter(|&e| unsettles(e) && p[e] > 0.0)
                        .collect();
                    if !sure && may.len() > 1 {
                        let (any, exact) = redline::sim::chance_any(&s, &coming, &may);
                        let one = &redline::read::likely(any, exact)[2..];
                        assert!(un.contains(&format!("(together {one})")), "{un}");
                        several += 1;
                    }
                    unsettled += 1;
                }
                // An acceptance that lapses at the week's end is not said to stand.
                assert!(
                    !(card.contains(&stands) && card.contains(&lapses)),
                    "seed {seed}: {card}"
                );
                lapsing += usize::from(card.contains(&lapses));
                if says {
                    warned += 1;
                } else if sg.would_sign {
                    calm += 1;
                }
            }
            g.step();
        }
    }
    assert!(
        // (A calm card is rare in these games: a move that reopens a banked clause costs 12
        // of the trust a deal needs, and trust seldom stands that far above the 42 it takes.)
        warned > 0
            && lapsing > 0
            && unsettled > 0
            && several > 0
            && onlooker > 0
            && named_event > 0,
        "warned {warned}, calm {calm}, lapsing {lapsing}, unsettled {unsettled} ({several} by \
         several events), onlooker {onlooker}"
    );
}

/// The news tells a week in the order it happened: the events, with what they did (an
/// acceptance an event withdrew among it), before the moves, each move as it takes effect.
#[test]
fn the_news_tells_an_events_withdrawal_before_the_weeks_moves() {
    let s = crate::geneva();
    let mut seen = 0;
    for seed in 0..80 {
        let mut g = all_ai(&s, seed);
        g.run_to_end(100);
        let history = g.history();
        for snap in &history[1..] {
            let week = snap.talks.week;
            let news: Vec<&str> = g
                .news()
                .iter()
                .filter(|n| n.week == week)
                .map(|n| n.text.as_str())
                .collect();
            let moves: Vec<usize> = snap
                .decisions
                .moves
                .iter()
                .filter_map(|&(p, c)| {
                    let text = sim::turn::fill(&s, &s.moves[c.mv].text, p, c);
                    news.iter().position(|n| *n == text)
                })
                .collect();
            let Some(&first_move) = moves.iter().min() else {
                continue;
            };
            for ev in &s.events {
                let by_event = format!("acceptance is withdrawn: {}.", ev.headline);
                if let Some(at) = news.iter().position(|n| n.ends_with(&by_event)) {
                    seen += 1;
                    assert!(at < first_move, "week {week}: {news:#?}");
                }
            }
        }
    }
    assert!(seen > 0, "some event withdrew an acceptance");
}

/// A turning point names a reopened banked clause that cost the reopener trust among the week's
/// pressures, by the trust it cost, not after them as a mere consequence (a play-test's turning
/// point left out "Iran reopens the banked clause …; United States trusts it 12 less", the week's
/// decisive act). (The week that ends the game names what decided it first.)
#[test]
fn a_turning_point_names_a_reopening_that_cost_trust() {
    let s = crate::geneva();
    let mut named = 0;
    for seed in 0..80 {
        let mut g = all_ai(&s, seed);
        while g.step() {}
        let d = redline::sim::debrief::debrief(&s, g.history(), g.news());
        for t in d.turning_points.iter().filter(|t| t.week < g.week()) {
            let costly: Vec<&str> = g
                .news()
                .iter()
                .filter(|n| n.week == t.week)
                .map(|n| n.text.as_str())
                .filter(|n| n.contains("reopens the banked clause") && n.contains(" trusts it "))
                .collect();
            // (Unless the week was too crowded to name it: more pressing lines filled it.)
            let crowded = t.happenings.last().is_some_and(|h| h.starts_with("… and "));
            for reopen in costly {
                if crowded && !t.happenings.iter().any(|h| h == reopen) {
                    continue;
                }
                assert!(
                    t.happenings.iter().any(|h| h == reopen),
                    "seed {seed}, week {}: {reopen} not among {:?}",
                    t.week,
                    t.happenings
                );
                named += 1;
            }
        }
    }
    assert!(named > 0, "some turning point reopened a clause at a cost");
}

/// A deal is made in the week both sides accept, as the week's acts leave it: trust that the
/// week's end would fade below what signing takes no longer undoes it (a play-test's sides both
/// accepted in the last week at trust 44 and lost the deal to the week's fading).
#[test]
fn a_deal_is_made_before_the_weeks_trust_fades() {
    use redline::scenario::{Ledger, Modifier};
    let base = crate::geneva();
    let (iran, us) = (
        base.party_ix("iran").unwrap(),
        base.party_ix("united_states").unwrap(),
    );
    let need = base.rules.min_trust;
    let nash = redline::scenario::analyse(&base).best.unwrap().levels;
    let s = geneva_with(|s| {
        // No events; the text every side would sign; each side's trust in the other 2 above
        // what signing takes, 1 below it once the week's end has faded it.
        s.rules.event_chance = 0.0;
        s.draft = nash;
        for (a, b) in [(iran, us), (us, iran)] {
            s.trust[a][b] = Ledger {
                base: need - 1.0,
                modifiers: vec![Modifier {
                    label: "test".into(),
                    value: 3.0,
                    decay: 3.0,
                }],
            };
        }
    });
    // Nobody else moves.
    let others: Vec<(usize, Policy)> = (0..s.parties.len())
        .filter(|&p| p != iran && p != us)
        .map(|p| (p, Policy::Key('0')))
        .collect();
    let mut g = Game::new(s.clone(), 1, &sim::seats(&s, &[iran, us], &others));
    let signs = |st: &rules::Negotiation, p| rules::stand(&s, st, p).would_sign(need);
    assert!(signs(g.state(), iran) && signs(g.state(), us));
    let quiet = rules::predict_idle(
        &s,
        &rules::opened(g.state()),
        &mut rules::Scratch::default(),
    )
    .clone();
    assert!(
        !signs(&quiet, iran) && !signs(&quiet, us),
        "the week's end fades it below"
    );
    let accept = |p| {
        rules::legal_choices(&s, &rules::opened(g.state()), p)
            .into_iter()
            .find(|c| s.derived.moves[c.mv].accepts)
            .expect("accepting is open")
    };
    let (a, b) = (accept(iran), accept(us));
    // What the AI and the previews predict of the acceptance, taken alone after the other's.
    let mut both = rules::opened(g.state());
    both.parties[us].accepted = true;
    let after = rules::predict(
        &s,
        &both,
        &rules::Act::of_move(iran, a),
        &mut rules::Scratch::default(),
    )
    .clone();
    assert!(
        rules::deal_reached(&s, &after),
        "predicted: the deal, unfaded"
    );
    g.order(iran, a);
    g.order(us, b);
    g.step();
    let out = g.outcome().expect("the week ended the game");
    assert_eq!((out.kind, out.week), (OutcomeKind::Deal, 1));
    // Nothing faded: the trust is as the week's acts left it.
    assert!(g.state().trust(iran, us) >= need && g.state().trust(us, iran) >= need);
    // The finished game saves and loads (its last week had no end: its trust saw one week's
    // end fewer than the weeks played).
    let dir = std::env::temp_dir().join(format!("redline-deal-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("deal.ron");
    save::save(&mut g, &path).unwrap();
    let loaded = save::load(s.clone(), &path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.outcome().map(|o| o.kind), Some(OutcomeKind::Deal));
    let _ = std::fs::remove_dir_all(&dir);
}
