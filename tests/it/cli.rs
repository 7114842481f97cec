//! The binary: exit codes and messages of `check`, terminal play from piped input, replays.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::project;

fn redline(args: &[&str], stdin: &str) -> (i32, String, String) {
    redline_with(args, stdin.as_bytes(), &[])
}

/// Runs the binary in another folder.
fn redline_in(dir: &std::path::Path, args: &[&str], stdin: &str) -> (i32, String, String) {
    run(dir, args, stdin.as_bytes(), &[])
}

/// Runs the binary with raw bytes on its input and some variables removed from its environment.
fn redline_with(args: &[&str], stdin: &[u8], unset: &[&str]) -> (i32, String, String) {
    run(&project(""), args, stdin, unset)
}

/// Runs the binary in `dir` with `stdin` on its input, without the variables `unset`.
fn run(
    dir: &std::path::Path,
    args: &[&str],
    stdin: &[u8],
    unset: &[&str],
) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_redline"));
    for v in unset {
        cmd.env_remove(v);
    }
    let mut child = cmd
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run redline");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn check_passes_the_default_scenario_and_prints_a_feasible_package() {
    let (code, out, err) = redline(&["check", "assets/scenarios/geneva_2026.ron"], "");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("feasible"), "{out}");
    assert!(out.contains("best package"), "{out}");
    insta::assert_snapshot!("check_geneva", out);
}

#[test]
fn check_fails_every_malformed_fixture_with_exit_1_and_a_location() {
    let dir = project("tests/fixtures/bad");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let rel = format!(
            "tests/fixtures/bad/{}",
            path.file_name().unwrap().to_string_lossy()
        );
        let (code, _, err) = redline(&["check", &rel], "");
        assert_eq!(code, 1, "{rel}: {err}");
        assert!(
            err.contains(&format!("{rel}:")),
            "{rel}: no file:line:column in\n{err}"
        );
        n += 1;
    }
    assert!(n >= 10);
}

/// Warnings are located like errors: `file:line:column`, then the path.
#[test]
fn check_warnings_point_at_line_and_column() {
    let dir = std::env::temp_dir().join(format!("redline-warn-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = std::fs::read_to_string(project("assets/scenarios/tutorial.ron"))
        .unwrap()
        .replace(
            "weight: 1, cooldown: 3,\n            effects: [Tension(-5)]",
            "weight: 0, cooldown: 3,\n            effects: [Tension(-5)]",
        );
    let line = text
        .lines()
        .position(|l| l.contains("id: \"good_rains\""))
        .unwrap();
    std::fs::write(dir.join("w.ron"), &text).unwrap();
    let (code, out, err) = redline_in(&dir, &["check", "w.ron"], "");
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("w.ron: ok, with 1 warning (below)\n"),
        "{out}"
    );
    // The event's struct opens on the line before its id.
    assert!(
        err.contains(&format!("warning: w.ron:{line}:9: ")) && err.contains("(at events[1])"),
        "{err}"
    );
    let (code, out, _) = redline_in(&dir, &["check", "--deny-warnings", "w.ron"], "");
    assert_eq!(code, 1);
    // Not "ok" beside a failure.
    assert!(
        out.starts_with("w.ron: fails --deny-warnings: 1 warning (below)\n"),
        "{out}"
    );
    // A party id a letter off is named (exit 2: a usage error).
    let (code, _, err) = redline_in(
        &dir,
        &["simulate", "--games", "1", "--policy", "irn=dove"],
        "",
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("unknown party `irn`, did you mean `iran`?"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn check_reports_usage_and_io_errors_with_exit_2() {
    let (code, _, err) = redline(&["check", "no/such/file.ron"], "");
    assert_eq!(code, 2);
    assert!(err.contains("no/such/file.ron"), "{err}");
    let (code, _, _) = redline(&["check"], "");
    assert_eq!(code, 2);
    let (code, _, _) = redline(&["simulate", "--games", "lots"], "");
    assert_eq!(code, 2);
}

/// The help points a first-time player at the tutorial, by a command that plays it.
#[test]
fn the_help_points_at_the_tutorial() {
    let line = "`redline play --text --scenario assets/scenarios/tutorial.ron`";
    for args in [&["--help"][..], &["play", "--help"]] {
        let (code, out, _) = redline(args, "");
        assert_eq!(code, 0);
        assert!(out.contains(line), "{args:?}: {out}");
    }
    let (code, out, _) = redline(
        &[
            "play",
            "--text",
            "--scenario",
            "assets/scenarios/tutorial.ron",
        ],
        "quit\n",
    );
    assert_eq!(code, 0);
    assert!(out.contains("The River Treaty"), "{out}");
}

#[test]
fn check_json_lists_diagnostics() {
    let (code, out, _) = redline(
        &[
            "check",
            "--format",
            "json",
            "tests/fixtures/bad/unknown_party.ron",
        ],
        "",
    );
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["ok"], false);
    let d = &v["diagnostics"][0];
    assert_eq!(d["kind"], "reference");
    assert_eq!(d["help"], "did you mean `aldoria`?");
    assert!(d["line"].as_u64().is_some());
    let (code, out, _) = redline(
        &[
            "check",
            "--format",
            "json",
            "assets/scenarios/geneva_2026.ron",
        ],
        "",
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["analysis"]["feasible"], true);
}

#[test]
fn text_play_from_piped_moves_reaches_an_end() {
    // Always the first move, sixteen times: the game ends one way or another.
    let moves = "1\n".repeat(20);
    let (code, out, err) = redline(
        &["play", "--text", "--party", "iran", "--seed", "3"],
        &moves,
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("You are Iran"));
    assert!(out.contains("Would you sign this draft?"));
    assert!(
        ["DEAL", "WAR", "COLLAPSE", "STALEMATE"]
            .iter()
            .any(|k| out.contains(&format!("##### {k}"))),
        "{out}"
    );
    assert!(out.contains("Turning points"));
}

/// A key with a target named after it plays the move on that target (the start of a name or
/// an id will do, spaces as typed), and `why` explains it; a name no target has lists the key's
/// targets; a key whose move takes no target, or is not open, says so.
#[test]
fn a_key_takes_its_target_by_name() {
    let input = "why p missile\nf now\na now\np nowhere\np  missile   programme\nb IRAN\nquit\n";
    let (code, out, _) = redline(&["play", "--text", "--party", "united_states"], input);
    assert_eq!(code, 0);
    // `why` takes a target the same way; a move with no target, or one not open, says so.
    assert!(
        out.contains("> Propose an amendment: Missile programme\n"),
        "{out}"
    );
    assert!(
        out.contains("`f` takes no target: type `f` alone."),
        "{out}"
    );
    assert!(
        out.contains("> Accept the draft is not open to you this week: "),
        "{out}"
    );
    assert!(
        out.contains("`nowhere` is not a target of `p` this week."),
        "{out}"
    );
    assert!(out.contains("`p` has several targets this week; type the number:"));
    assert!(
        out.contains("§ Draft: Missile programme: not addressed → "),
        "{out}"
    );
    assert!(
        out.contains("· United States sends a private message to Iran through Omani"),
        "{out}"
    );
    assert!(
        out.contains("You leave the talks after 2 weeks played"),
        "{out}"
    );
}

#[test]
fn text_play_commands_work() {
    let input = "help\nwhy 1\nWHY K\nwhy p\nwhy x\nwhy\nwhy 3 4\n1\nundo\nbogus\n98\n1\nQuit\n";
    let (code, out, _) = redline(&["play", "--text", "--party", "united_states"], input);
    assert_eq!(code, 0);
    // Commands in any case; a number that names no move says so as `why` does.
    assert!(
        out.contains("No move 98; pick a number or a key from the list."),
        "{out}"
    );
    assert!(out.contains("Commands:"));
    assert!(out.contains("score (as the AI sees it)"));
    // `why` by key: what the move does, a list of targets, or why it is closed.
    assert!(out.contains("> Hawkish statement\n  "), "{out}");
    assert!(
        out.contains("What it does this week, taken alone (the week's events come first, then the")
    );
    assert!(out.contains("`p` has several targets this week; type `why` and the number:"));
    assert!(
        out.contains(
            "Walk out of the talks is not open to you this week: it needs week 2 or later."
        )
    );
    assert!(out.contains("Back to the start of the talks."));
    assert!(out.contains("`bogus` is not a move"));
    assert!(out.contains("Trust in you elsewhere: Oman "), "{out}");
    assert!(out.contains("Tension drifts 1.5 a week toward 40"), "{out}");
    assert!(out.contains("red lines is banked: reopening it"), "{out}");
    assert!(
        out.contains("why needs a move: `why N` by its number"),
        "{out}"
    );
    assert!(
        out.contains("why explains one move at a time: `why 3`, then `why 4`."),
        "{out}"
    );
    assert!(out.contains("You leave the talks after 1 week played"));
    let (_, out, _) = redline(&["play", "--text", "--party", "iran"], "quit\n");
    assert!(
        out.contains("You leave the talks before any week is played."),
        "{out}"
    );
}

/// A finished terminal game offers to take back its last week, as the window's end screen
/// does (a tester whose game ended in war could only start again); anything else typed there
/// is refused, and Enter, `quit` or the end of input leaves.
#[test]
fn a_finished_terminal_game_can_take_back_its_last_week() {
    let dir = std::env::temp_dir().join(format!("redline-over-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("over.ron");
    let script = format!(
        "{}help\ntrust\nsave {}\nundo\nquit\n",
        "k\n".repeat(20),
        file.display()
    );
    let out = (0..40)
        .map(|seed| {
            // Each game saves afresh (an earlier seed's save would be "replaced").
            let _ = std::fs::remove_file(&file);
            let seed = seed.to_string();
            redline(
                &["play", "--text", "--party", "iran", "--seed", &seed],
                &script,
            )
            .1
        })
        .find(|out| out.contains("##### WAR"))
        .expect("a hawk's war");
    let end = out.find("##### WAR").unwrap();
    let after = &out[end..];
    let words = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words(after).contains(
            "The game is over: `undo` takes back the last week, `save FILE` saves it, `trust` \
             lists every item of trust; Enter or `quit` leaves."
        ),
        "{after}"
    );
    // A finished game may be saved, and loads to its end again.
    assert!(
        after.contains(&format!("Saved to {}.", file.display())),
        "{after}"
    );
    let (code, loaded, err) = redline(
        &["play", "--text", "--load", &file.display().to_string()],
        "quit\n",
    );
    assert_eq!(code, 0, "{err}");
    assert!(loaded.contains("##### WAR"), "{loaded}");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(after.contains("`k` is not a command here."), "{after}");
    // `help` is answered by the commands the prompt names, written again.
    assert!(!after.contains("`help` is not a command here."), "{after}");
    // `trust` lists the trust figures in full, as during the game.
    assert!(!after.contains("`trust` is not a command here."), "{after}");
    let listed = &after[after.find("> Parties:").expect("the parties listed")..];
    let listed = &listed[..listed.find("The game is over").unwrap_or(listed.len())];
    assert!(listed.contains("Trust toward you (Iran):"), "{listed}");
    assert!(!listed.contains("smaller items"), "{listed}");
    let back = after.find("Back to the end of week").expect("taken back");
    let said = after[back..].lines().next().unwrap_or_default();
    let week: u32 = said["Back to the end of week ".len()..]
        .split(':')
        .next()
        .and_then(|w| w.parse().ok())
        .expect("a week");
    assert_eq!(
        said,
        format!(
            "Back to the end of week {week}: week {} is chosen again.",
            week + 1
        )
    );
    assert!(
        after[back..]
            .contains("The game's seed draws the same events and rolls for the same moves"),
        "{after}"
    );
    // The game goes on from there: its week's screen, then the player leaves.
    assert!(after[back..].contains("Your moves"), "{after}");
    assert!(
        after[back..].contains("You leave the talks after"),
        "{after}"
    );
}

/// Scripted terminal games reach each outcome: a hawk that escalates, a stubborn side that
/// runs out the clock, a dove that accepts and works through Oman, and a walk-out that is never
/// taken back.
#[test]
fn text_play_reaches_each_outcome() {
    let mut seen = std::collections::BTreeSet::new();
    let scripts = [
        ("WAR", "k\n".repeat(20), 40),
        ("STALEMATE", "f\n".repeat(20), 40),
        ("DEAL", "b\na\nm\na\nn\na\n".repeat(4), 60),
    ];
    for (want, script, seeds) in &scripts {
        for seed in 0..*seeds {
            let seed = seed.to_string();
            let (_, out, _) = redline(
                &["play", "--text", "--party", "iran", "--seed", &seed],
                script,
            );
            if out.contains(&format!("##### {want}")) {
                // A war comes after weeks in danger, each with its chance shown.
                if *want == "WAR" {
                    let header = |l: &&str| l.starts_with("  Danger: ");
                    assert!(
                        out.lines()
                            .filter(header)
                            .any(|l| l.starts_with("  Danger: war ")
                                && l.contains(" if the week ends at this tension")),
                        "{out}"
                    );
                    // Within reach of the danger line, the header says where it begins.
                    assert!(
                        out.lines()
                            .filter(header)
                            .any(|l| l
                                .starts_with("  Danger: war is rolled at the week's end above 59")),
                        "{out}"
                    );
                }
                seen.insert(*want);
                break;
            }
        }
    }
    // Collapse: the tutorial without the mediator's shuttle and with no chance of a return.
    let dir = std::env::temp_dir().join(format!("redline-collapse-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = std::fs::read_to_string(project("assets/scenarios/tutorial.ron")).unwrap();
    let text = text
        .replace("Return(Role(Negotiator)), ", "")
        .replace("return_chance: 0.3", "return_chance: 0");
    let path = dir.join("no_return.ron");
    std::fs::write(&path, text).unwrap();
    let (code, out, err) = redline(
        &[
            "play",
            "--text",
            "--scenario",
            path.to_str().unwrap(),
            "--party",
            "aldoria",
        ],
        "x\npass\npass\npass\n",
    );
    assert_eq!(code, 0, "{err}");
    if out.contains("##### COLLAPSE") {
        seen.insert("COLLAPSE");
    }
    assert!(out.contains("stayed away from the table"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(seen.len(), 4, "reached: {seen:?}");
}

/// Every screen of the terminal game fits in 100 columns: watched games of each shipped
/// scenario, and a player's game with its help, briefing, `why` and end screens. (A line may
/// pass the width only when it is one unbreakable word.)
#[test]
fn the_terminal_game_fits_in_100_columns() {
    let scenarios = ["geneva_2026", "vienna_2015", "tutorial"];
    let mut runs: Vec<(Vec<String>, String)> = scenarios
        .iter()
        .map(|sc| {
            let path = project(&format!("assets/scenarios/{sc}.ron"));
            let args = [
                "play",
                "--text",
                "--party",
                "none",
                "--seed",
                "7",
                "--scenario",
            ];
            let mut args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
            args.push(path.to_string_lossy().into_owned());
            (args, String::new())
        })
        .collect();
    let script = "help\nbriefing\nwhy 1\nwhy 2\nwhy 17\nwhy 21\n2\n17\nwhy 5\n21\n".to_string()
        + &"a\nb\n".repeat(12)
        + &"pass\n".repeat(16);
    for party in ["iran", "oman"] {
        let args = ["play", "--text", "--party", party, "--seed", "11"];
        runs.push((args.iter().map(|a| a.to_string()).collect(), script.clone()));
    }
    for (args, input) in &runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, out, err) = redline(&args, input);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(out.contains("#####"), "{args:?} reaches an end: {out}");
        for line in out.lines() {
            // A prompt: at a terminal the command typed and its Enter come before the answer.
            let line = line.trim_start_matches("> ");
            let words = line.trim_start().split(' ').count();
            assert!(
                line.chars().count() <= 100 || words == 1,
                "{args:?}: a line of {} columns: {line}",
                line.chars().count()
            );
        }
    }
}

/// `moves`, `draft` and `answers` show that part of the week's screen again (answers to `why`
/// scroll the moves away), and choose nothing.
#[test]
fn parts_of_the_week_s_screen_are_shown_again_on_request() {
    let args = ["play", "--text", "--party", "iran", "--seed", "3"];
    let (code, plain, _) = redline(&args, "quit\n");
    assert_eq!(code, 0);
    let (code, out, _) = redline(&args, "why 1\nmoves\ndraft\nanswers\nquit\n");
    assert_eq!(code, 0, "{out}");
    let count = |o: &str, x: &str| o.matches(x).count();
    assert_eq!(
        count(&out, "Your moves (capital"),
        count(&plain, "Your moves (capital") + 1
    );
    assert_eq!(
        count(&out, "Draft (version"),
        count(&plain, "Draft (version") + 1
    );
    // The first week's screen has the answers too (why nobody would sign yet).
    assert_eq!(count(&plain, "Would you sign this draft?"), 1);
    assert_eq!(count(&out, "Would you sign this draft?"), 2);
    assert!(out.contains("  Iran: no — "), "{out}");
    // Nothing was played: the game is left in its first week.
    assert!(
        out.contains("You leave the talks before any week is played"),
        "{out}"
    );
    let (_, help, _) = redline(&args, "help\nquit\n");
    for c in [
        "  moves      your moves again",
        "  draft      the draft again",
        "  answers    why the others moved",
    ] {
        assert!(help.contains(c), "{help}");
    }
}

/// The game turns to the shorter screen once, from the first week, where the whole one runs
/// longer than the terminal shows; never for output that is not a terminal, nor for a screen
/// that fits.
#[test]
fn a_screen_longer_than_the_terminal_turns_short() {
    use redline::cli::play::turns_short;
    assert_eq!(turns_short(Some(45), 118), Some(45));
    assert_eq!(turns_short(Some(40), 90), Some(40));
    assert_eq!(turns_short(Some(140), 118), None);
    assert_eq!(turns_short(Some(118), 118), None);
    assert_eq!(turns_short(None, 118), None);
}

/// `short` gives a shorter screen each week (a tester found some 120 lines a week too many): the
/// head, the draft, the trust a deal needs, the capital, an answer a line and the moves, without
/// the parties' table or why the others moved; `full` brings the whole screen back. The first
/// screen names the command.
#[test]
fn short_gives_a_shorter_screen_each_week_and_full_the_whole_one() {
    let dir = std::env::temp_dir().join(format!("redline-short-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (code, out, _) = redline_in(
        &dir,
        &["play", "--text", "--party", "iran", "--seed", "5"],
        "short\npass\nfull\nquit\n",
    );
    assert_eq!(code, 0, "{out}");
    let words = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("`short` for a shorter screen each week"),
        "{out}"
    );
    let screens: Vec<&str> = out.split("\n=== Geneva").collect();
    // The first (full), `short`'s week 1 again, week 2 short, then `full`'s week 2.
    assert_eq!(screens.len(), 5, "{out}");
    let full = |t: &str| t.contains("Parties:");
    let short = |t: &str| {
        t.contains("Trust a deal needs (42 each way, at the same time): you trust United States")
            && t.contains("Would you sign this draft? (`answers` for why, and every warning)")
            && t.contains("Your moves")
            && !t.contains("Parties:")
            && !t.contains("Why they moved")
    };
    assert!(full(screens[1]), "{}", screens[1]);
    assert!(short(screens[2]) && short(screens[3]), "{}", screens[3]);
    // The first weeks' full screens end on the way to the shorter one; a short one does not.
    let tip = "(`short` gives a shorter screen each week, `why N` a move's reasons";
    assert!(
        screens[1].contains(tip) && screens[4].contains(tip),
        "{}",
        screens[1]
    );
    assert!(!screens[2].contains(tip) && !screens[3].contains(tip));
    assert!(
        full(screens[4]) && screens[4].contains("Why they moved"),
        "{}",
        screens[4]
    );
    // Its moves a line each, `…` where a note is left out; the full screen gives the notes.
    let moves = |t: &str| -> Vec<String> {
        let list = &t[t.find("Your moves").expect("moves")..];
        list.lines().skip(1).map(str::to_string).collect()
    };
    let numbered = |l: &str| {
        l.trim_start()
            .split(' ')
            .next()
            .is_some_and(|n| n.parse::<u32>().is_ok())
    };
    let short_moves = moves(screens[3]);
    let first = short_moves
        .iter()
        .position(|l| numbered(l))
        .expect("a move");
    let listed: Vec<&String> = short_moves[first..]
        .iter()
        .take_while(|l| !l.starts_with('>'))
        .collect();
    assert!(listed.iter().all(|l| numbered(l)), "{listed:#?}");
    assert!(listed.iter().any(|l| l.ends_with("  …")));
    let words = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words(screens[3]).contains("… marks a note left out"));
    assert!(!moves(screens[4]).iter().any(|l| l.ends_with("  …")));
    // Shorter indeed, by a third at least.
    let lines = |t: &str| t.lines().count();
    let (a, b) = (lines(screens[3]), lines(screens[4]));
    assert!(3 * a <= 2 * b, "{a} {b}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn observe_mode_plays_an_all_ai_game() {
    let (code, out, _) = redline(&["play", "--text", "--party", "none", "--seed", "1"], "");
    assert_eq!(code, 0);
    assert!(out.contains("Why they moved"));
    // What the reasons are about: each move alone, on the week as it opened.
    let words = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains(
            "Why they moved: (Each weighed its move alone, on the week as it opened: the week's \
             event and the moves before it may have changed what it did.)"
        ),
        "{out}"
    );
    assert!(out.contains("#####"));
    // It opens on the first week; the last screen says it is the last, once; the screen that
    // chooses the last week warns that no deal by its end is a stalemate.
    assert!(out.contains("| week 1 of 16 ==="), "{out}");
    assert_eq!(out.matches(", the last ===").count(), 1, "{out}");
    assert_eq!(
        out.matches("| week 16 of 16, the last: no deal by its end is a stalemate ===")
            .count(),
        1,
        "{out}"
    );
    // A game over before its last week says the talks are over, not that it is the last.
    let (code, out, _) = redline(&["play", "--text", "--party", "none", "--seed", "4"], "");
    assert_eq!(code, 0);
    assert!(!out.contains("16 of 16"), "seed 4 ends early: {out}");
    assert!(!out.contains(", the last ==="), "{out}");
    assert_eq!(out.matches(", the talks are over ===").count(), 1, "{out}");
    // With a person watching, Enter plays the next week and `quit` stops.
    let (code, out, _) = redline(
        &["play", "--text", "--party", "none", "--seed", "5"],
        "\nhelp\nwhy 1\n\nquit\n",
    );
    assert_eq!(code, 0);
    // A command typed while watching is answered, and plays no week.
    assert!(out.contains("You stop watching after 2 weeks."), "{out}");
    assert!(
        out.contains(
            "You are watching: every party is played by the AI. Enter plays the next week"
        ),
        "{out}"
    );
    assert!(out.contains("`why 1` is not a command here."), "{out}");
    assert!(!out.contains("#####"));
}

#[test]
fn record_then_replay_from_the_command_line() {
    let dir = std::env::temp_dir().join(format!("redline-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let rec = dir.join("game.replay.ron");
    let rec_s = rec.display().to_string();
    let (code, _, err) = redline(
        &[
            "play", "--text", "--party", "iran", "--seed", "12", "--record", &rec_s,
        ],
        &"2\n".repeat(20),
    );
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = redline(&["replay", &rec_s], "");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("replay matches"));
    // Against another scenario the replay is refused.
    let (code, _, err) = redline(
        &[
            "replay",
            &rec_s,
            "--scenario",
            "assets/scenarios/tutorial.ron",
        ],
        "",
    );
    assert_eq!(code, 1);
    assert!(err.contains("geneva_2026"), "{err}");
    // A log that does not come out the same is an error, and says so.
    let text = std::fs::read_to_string(&rec).unwrap();
    let body = &text[..text.rfind("\n// checksum").unwrap()];
    let hash = body.find("log_hash: ").unwrap() + "log_hash: ".len();
    let digits = body[hash..].find(|c: char| !c.is_ascii_digit()).unwrap();
    assert_ne!(&body[hash..hash + digits], "7", "{body}");
    let wrong = format!("{}7{}", &body[..hash], &body[hash + digits..]);
    std::fs::write(&rec, redline::sim::save::seal(&wrong)).unwrap();
    let (code, _, err) = redline(&["replay", &rec_s], "");
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("the replay did not reproduce the recorded game"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A save or replay of another scenario than the default finds its scenario file in
/// `assets/scenarios` without `--scenario`, and says which; with no such file it says which
/// scenario it needs.
#[test]
fn a_replay_and_a_save_find_their_scenario_file() {
    let dir = std::env::temp_dir().join(format!("redline-find-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let rec = dir.join("tutorial.replay.ron").display().to_string();
    let save = dir.join("tutorial.save.ron").display().to_string();
    let tutorial = project("assets/scenarios/tutorial.ron")
        .display()
        .to_string();
    let (code, _, err) = redline(
        &[
            "play",
            "--text",
            "--scenario",
            &tutorial,
            "--party",
            "belmar",
            "--seed",
            "3",
            "--record",
            &rec,
        ],
        &format!("2\n2\nsave {save}\nquit\n"),
    );
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = redline(&["replay", &rec], "");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("replay matches"), "{out}");
    assert!(
        err.contains("tutorial.ron (the one") && err.contains("was made with)"),
        "{err}"
    );
    let (code, out, err) = redline(&["play", "--text", "--load", &save], "quit\n");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Belmar"), "{out}");
    // Away from the assets, the replay says which scenario it was made with.
    let (code, _, err) = run(
        &dir,
        &["replay", &rec],
        b"",
        &["BEVY_ASSET_ROOT", "CARGO_MANIFEST_DIR"],
    );
    assert_eq!(code, 1);
    assert!(err.contains("made with scenario `river_treaty`"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn simulate_same_report_for_any_jobs_across_processes() {
    let (c1, a, _) = redline(
        &[
            "simulate", "--games", "40", "--seed", "3", "--jobs", "1", "--format", "json",
        ],
        "",
    );
    let (c2, b, _) = redline(
        &[
            "simulate", "--games", "40", "--seed", "3", "--jobs", "2", "--format", "json",
        ],
        "",
    );
    assert_eq!((c1, c2), (0, 0));
    assert_eq!(a, b);
    let v: serde_json::Value = serde_json::from_str(&a).unwrap();
    assert_eq!(v["games"], 40);
}

/// The benchmark names what it measured and the machine's load (it asserts no speed).
#[test]
fn simulate_bench_reports_games_weeks_and_the_load() {
    let (code, out, _) = redline(&["simulate", "--bench", "--games", "5"], "");
    assert_eq!(code, 0);
    assert!(out.starts_with("5 games ("), "{out}");
    assert!(
        out.contains(" on one thread: ") && out.contains(" weeks/s"),
        "{out}"
    );
    if std::path::Path::new("/proc/loadavg").exists() {
        assert!(out.contains("(load average "), "{out}");
    }
}

#[test]
fn same_seed_same_log_across_processes() {
    let (_, a, _) = redline(&["play", "--text", "--party", "none", "--seed", "31"], "");
    let (_, b, _) = redline(&["play", "--text", "--party", "none", "--seed", "31"], "");
    assert_eq!(a.as_bytes(), b.as_bytes());
}

/// Undoing back to the start keeps the game's first log line, so the replay still matches.
#[test]
fn a_replay_recorded_after_an_undo_to_the_start_reproduces() {
    let dir = std::env::temp_dir().join(format!("redline-undo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let rec = dir.join("undo.replay.ron");
    let rec_s = rec.display().to_string();
    let (code, _, err) = redline(
        &[
            "play", "--text", "--party", "iran", "--seed", "7", "--record", &rec_s,
        ],
        "1\nundo\n",
    );
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = redline(&["replay", &rec_s], "");
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("replay matches"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Values no game can use are refused with the range, exit 2, before anything runs.
#[test]
fn out_of_range_command_line_values_are_refused() {
    for (args, says) in [
        (
            vec!["simulate", "--games", "18446744073709551615"],
            "--games",
        ),
        (vec!["simulate", "--games", "0"], "--games"),
        (
            vec!["simulate", "--games", "10", "--jobs", "5000"],
            "--jobs",
        ),
        // Two policies for one party, a key no move of the party has, `none` with parties.
        (
            vec!["simulate", "--policy", "iran=dove", "--policy", "iran=hawk"],
            "given a policy twice",
        ),
        (
            vec!["simulate", "--policy", "oman=key:k", "--games", "5"],
            "no move of `oman` has the key `k` (its keys:",
        ),
        // `accept` for a party that accepts nothing (the mediator) would only pass.
        (
            vec!["simulate", "--policy", "oman=accept", "--games", "5"],
            "`oman` has no move that accepts the text, so `accept` would pass every week",
        ),
        (
            vec!["play", "--text", "--party", "none,iran"],
            "cannot be given with parties",
        ),
        // A party name that is close only to one the AI plays suggests the playable ones.
        (
            vec!["play", "--text", "--party", "isreal"],
            "unknown party `isreal` (you can play `iran`, `united_states` or `oman`, or `none` to \
             watch)",
        ),
        // A party the AI plays names the ones a person can.
        (
            vec!["play", "--text", "--party", "israel"],
            "`israel` (a spoiler) is played by the AI only; you can play `iran`, \
             `united_states` or `oman`, or `none` to watch",
        ),
        // A hosted game has no `none` to watch: it is neither suggested nor taken.
        (
            vec!["host", "--seats", "bogus", "--port", "1"],
            "unknown party `bogus` (you can play `iran`, `united_states` or `oman`)\n",
        ),
        (
            vec!["host", "--seats", "israel", "--port", "1"],
            "is played by the AI only; you can play `iran`, `united_states` or `oman`\n",
        ),
        (
            vec!["host", "--seats", "none", "--port", "1"],
            "`none` is no seat: a hosted game needs at least one seat for a person (you can \
             seat `iran`, `united_states` or `oman`)",
        ),
    ] {
        let (code, _, err) = redline_with(&args, b"", &[]);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
}

/// The terminal game plays Iran (the first negotiator) by default, skips a line it cannot
/// read, and saves to a file name with spaces.
#[test]
fn terminal_input_survives_bad_bytes_and_saves_to_names_with_spaces() {
    let dir = std::env::temp_dir().join(format!("redline-input-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("my game.ron");
    let mut input = b"\xff\xfe broken\n".to_vec();
    let f = file.display();
    input.extend_from_slice(format!("save {f}\nsave {f}\npass\nquit\n").as_bytes());
    let (code, out, err) = redline_with(&["play", "--text", "--seed", "2"], &input, &[]);
    assert_eq!(code, 0, "{err}");
    // Saving again over the file says so.
    assert!(out.contains(&format!("Saved to {f}.\n")), "{out}");
    assert!(
        out.contains(&format!("Saved to {f} (it replaces the file there).")),
        "{out}"
    );
    assert!(out.contains("You are Iran"), "{out}");
    // The others' priorities, before any sign of them, are an even guess over every issue.
    assert!(
        out.contains("every one of the 8 issues alike (12.5\u{a0}% each)"),
        "{out}"
    );
    assert!(out.contains("not UTF-8"), "{out}");
    assert!(
        out.contains("You leave the talks after 1 week played"),
        "{out}"
    );
    assert!(file.is_file(), "saved to the whole name");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every week of a terminal game is saved to `saves/<scenario>.autosave.ron`; after a crash,
/// `play --text --load` of that file goes on from the last week played.
#[test]
fn the_terminal_game_autosaves_every_week_and_goes_on_from_it() {
    let dir = std::env::temp_dir().join(format!("redline-auto-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (code, out, err) = redline_in(&dir, &["play", "--text", "--seed", "11"], "pass\npass\n");
    assert_eq!(code, 0, "{err}");
    // The player is told where, once.
    let told = "saved after every week to saves/geneva_2026.autosave.ron";
    assert_eq!(out.matches(told).count(), 1, "{out}");
    let auto = dir.join("saves/geneva_2026.autosave.ron");
    assert!(auto.is_file(), "the autosave is written");
    let (code, out, err) = redline_in(
        &dir,
        &["play", "--text", "--load", "saves/geneva_2026.autosave.ron"],
        "quit\n",
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("week 3 of 16"), "{out}");
    assert!(
        out.contains("You leave the talks after 2 weeks played"),
        "{out}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// `pass` or `quit` with a word after it is taken for a slip: the week is not given away, the
/// seat not left.
#[test]
fn pass_with_a_word_after_it_does_not_give_the_week_away() {
    let dir = std::env::temp_dir().join(format!("redline-pass-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (code, out, err) = redline_in(
        &dir,
        &["play", "--text", "--seed", "11"],
        "pass now\nquit now\nquit\n",
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("To make no move this week, type `pass` alone."),
        "{out}"
    );
    assert!(
        out.contains("To leave the game, type `quit` alone."),
        "{out}"
    );
    assert!(
        out.contains("You leave the talks before any week is played"),
        "{out}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Output into a closed pipe never panics (exit 101); where the command writes its output at
/// once, it ends quietly.
#[cfg(unix)]
#[test]
fn a_closed_output_pipe_is_not_a_panic() {
    let bin = env!("CARGO_BIN_EXE_redline");
    let script = format!(
        "{bin} play --text --party none --seed 5 2>&1 | head -c 10 >/dev/null; echo ${{PIPESTATUS[0]}}"
    );
    let out = Command::new("bash").arg("-c").arg(script).output().unwrap();
    let code = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(code == "0" || code == "2", "exit {code}");
    // A command whose reader is gone before it writes (`replay --log | head`) ends quietly, as
    // it would have had the reader read it all.
    let dir = std::env::temp_dir().join(format!("redline-pipe-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let rec = dir.join("game.replay.ron");
    let rec = rec.display();
    let script = format!(
        "{bin} play --text --party none --seed 5 --record {rec} </dev/null >/dev/null 2>&1; \
         (sleep 0.3; {bin} replay {rec} --log) | true; echo ${{PIPESTATUS[0]}}"
    );
    let out = Command::new("bash").arg("-c").arg(script).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "0");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Input lines are bounded: an endless line is skipped, not held in memory.
#[test]
fn an_endless_input_line_is_skipped() {
    let mut input = vec![b'x'; 200_000];
    input.extend_from_slice(b"\nquit\n");
    let (code, out, err) = redline_with(&["play", "--text", "--party", "iran"], &input, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("too long for a command"),
        "{}",
        &out[out.len().saturating_sub(300)..]
    );
    assert!(out.len() < 20_000, "the long line is not echoed back");
}

/// Files that are not regular files, and options that do not go together, are refused at once.
#[test]
fn special_files_and_mismatched_options_are_refused_at_once() {
    let dir = std::env::temp_dir().join(format!("redline-special-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let d = dir.display().to_string();
    for (args, says) in [
        (vec!["check", d.as_str()], "not a regular file"),
        (
            vec!["simulate", "--games", "1", "--scenario", d.as_str()],
            "not a regular file",
        ),
        (
            vec!["play", "--text", "--load", d.as_str()],
            "not a regular file",
        ),
        (
            vec!["play", "--text", "--record", "/dev/null"],
            "not a regular file",
        ),
        (
            vec!["play", "--text", "--load", "x.ron", "--party", "iran"],
            "--load",
        ),
        (vec!["--hold", "5"], "--screenshot"),
        (
            vec!["play", "--text", "--load", "no-such-save.ron"],
            "no-such-save.ron: no such file (is the save's path right?)",
        ),
        (
            vec!["replay", "no-such-replay.ron"],
            "no-such-replay.ron: no such file (is the replay's path right?)",
        ),
    ] {
        let (code, _, err) = redline_with(&args, b"", &[]);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
    // A replay given as a save says what it is.
    let rec = dir.join("r.ron");
    let rec_s = rec.display().to_string();
    let (code, _, err) = redline(
        &["play", "--text", "--party", "none", "--record", &rec_s],
        "",
    );
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = redline(&["play", "--text", "--load", &rec_s], "");
    assert_eq!(code, 1);
    assert!(err.contains("it is a replay"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A hot seat at the terminal: two people choose in turn behind a hand-over line, each is
/// briefed before its first turn, the game reaches its end with both scores, and its replay
/// (both seats' moves) reproduces it.
#[test]
fn a_terminal_hot_seat_plays_to_the_end_and_replays() {
    let dir = std::env::temp_dir().join(format!("redline-hot-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let rec = dir.join("hot.replay.ron");
    let rec_s = rec.display().to_string();
    // Each turn: Enter at Iran's hand-over, move 2; Enter at the United States', pass.
    let seats = [
        "play",
        "--text",
        "--party",
        "united_states,iran",
        "--seed",
        "4",
    ];
    let recorded: Vec<&str> = seats.iter().copied().chain(["--record", &rec_s]).collect();
    let (code, out, err) = redline_in(&dir, &recorded, &"\n2\n\npass\n".repeat(20));
    assert_eq!(code, 0, "{err}");
    let iran = out.find("Pass the terminal to Iran").expect(&out);
    let us = out.find("Pass the terminal to United States").expect(&out);
    assert!(iran < us, "seats choose in party order");
    let us_brief = out
        .find("Your brief: United States")
        .expect("the US is briefed");
    assert!(us < us_brief, "a seat's brief comes after its hand-over");
    assert!(out.contains("Iran has chosen."), "{out}");
    // At the end each player of the hot seat reads its own score (and, after a deal, its own
    // review of it), and the debrief once.
    for who in ["Iran", "United States"] {
        assert!(out.contains(&format!("Your score as {who}: ")), "{out}");
    }
    assert_eq!(out.matches("What happened:").count(), 1, "{out}");
    // Each player reads the answers as its own party hears them, after its hand-over: the
    // other side's worth, walk-away value and costliest clause stay hidden (no move played
    // here reveals them).
    let mut reader = "";
    let mut blocks = 0;
    for line in out.lines() {
        if let Some(rest) = line.strip_prefix("=== Pass the terminal to ") {
            reader = rest.split(" ===").next().unwrap_or("");
        }
        for other in ["Iran", "United States"].iter().filter(|&&p| p != reader) {
            if line.starts_with(&format!("  {other}: ")) {
                blocks += 1;
                assert!(
                    !line.contains("we can get without a deal") && !line.contains("costs us most"),
                    "{reader} reads {other}'s hidden numbers: {line}"
                );
            }
        }
    }
    assert!(blocks > 0, "the players read each other's answers");
    // Nothing one player saw as its own is left on the screen for the next: no answers between
    // a player's last prompt and the hand-over.
    let mut last_prompt = 0;
    for (i, _) in out.match_indices("=== Pass the terminal to") {
        let since = &out[last_prompt..i];
        let since = since.rsplit_once("\n> ").map_or(since, |(_, rest)| rest);
        assert!(
            !since.contains("Would you sign this draft?"),
            "answers left on screen for the next player: {since}"
        );
        last_prompt = i;
    }
    let (code, out, err) = redline(&["replay", &rec_s], "");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("replay matches"), "{out}");
    // The replay's end screen scores both seats people played.
    for who in ["Iran", "United States"] {
        assert!(out.contains(&format!("Your score as {who}: ")), "{out}");
    }
    // The finished game, loaded again, may take back its last week: both players choose it
    // again, and the one who did not type `undo` is told so when it takes the terminal.
    let (code, out, err) = redline_in(
        &dir,
        &["play", "--text", "--load", "saves/geneva_2026.autosave.ron"],
        "undo\n\npass\n\nquit\n",
    );
    assert_eq!(code, 0, "{err}");
    let words = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let flat = words(&out);
    assert!(
        flat.contains("The game is over: `undo` takes back the last week"),
        "{out}"
    );
    assert!(
        flat.contains("Every player's moves since then are taken back; Iran chooses first."),
        "{out}"
    );
    let us_turn = flat
        .rfind("You are United States.")
        .expect("the US chooses again");
    assert!(
        flat[us_turn..]
            .contains("The last week was taken back after the game ended. Back to the end of week"),
        "{out}"
    );
    // The note on the seed is read by each player on taking the terminal (the hand-over clears
    // the screen it would have been said on).
    let seed_note = "The game's seed draws the same events and rolls for the same moves: choose \
                     differently to play out differently, and if no move can, `undo` again to take \
                     back the week before.";
    assert_eq!(flat.matches(seed_note).count(), 2, "{out}");
    assert!(flat[us_turn..].contains(seed_note), "{out}");
    // An undo in a hot seat takes back both players' moves, and says so.
    let (code, out, err) = redline_in(&dir, &seats, "\npass\n\npass\n\nundo\n\npass\n\nquit\n");
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Back to the start of the talks.")
            && out.contains("Every player's moves since then are taken back; Iran chooses first."),
        "{out}"
    );
    // The other player is told when it takes the terminal back (the hand-over clears the
    // screen the undo was said on), once.
    let note = "Iran took back the last week. Back to the start of the talks. Every player's \
                moves since then are taken back; choose again.";
    // (Lines are fitted to the width: compare the words.)
    let (out, note) = (words(&out), words(note));
    let last_us = out
        .rfind("You are United States.")
        .expect("the US takes the terminal");
    assert!(out[last_us..].contains(&note), "{out}");
    assert_eq!(out.matches(&note).count(), 1, "{out}");
    // A choice already made for the turn being chosen is dropped with the undo, and said so.
    let (code, out, err) = redline_in(
        &dir,
        &seats,
        "\npass\n\npass\n\n1\n\nundo\n\npass\n\nquit\n",
    );
    assert_eq!(code, 0, "{err}");
    let out = words(&out);
    let undo = out.find("Back to the start of the talks.").expect("undone");
    assert!(
        out[undo..].contains("Iran's choice for week 2 is dropped with the undo."),
        "{out}"
    );
    // Iran reads it on taking the terminal again: the hand-over clears the screen it was said on.
    let iran = out[undo..]
        .find("You are Iran.")
        .expect("Iran chooses again")
        + undo;
    assert!(
        out[iran..].contains("choose again. Your choice for week 2 is dropped with the undo."),
        "{out}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// In an interactive terminal a seat's first brief waits for Enter before the first week's
/// screen, which would otherwise scroll it away (a tester in a 40-line terminal saw only the
/// moves list); a line typed there is not taken for a command. Piped input never waits.
#[test]
fn the_first_brief_waits_for_enter_in_an_interactive_terminal() {
    use redline::cli::play::{Terminal, session};
    use redline::sim::{Game, seats};
    let s = crate::geneva();
    let iran = s.parties.iter().position(|p| p.id == "iran").unwrap();
    let play = |pause: bool, input: &str| {
        let mut game = Game::new(s.clone(), 5, &seats(&s, &[iran], &[]));
        let mut out = Vec::new();
        let term = Terminal {
            clear: pause,
            pause,
            rows: None,
        };
        session(&mut game, &[iran], &mut input.as_bytes(), &mut out, term).unwrap();
        String::from_utf8(out).unwrap()
    };
    let wait = "(Enter: to the table for week 1.";
    let out = play(true, "1\nquit\n");
    let (brief, rest) = out.split_once(wait).expect("the brief waits");
    assert!(
        brief.contains("Your brief: Iran") && !brief.contains("=== Geneva"),
        "{brief}"
    );
    assert!(
        rest.contains("=== Geneva, Autumn 2026 | week 1 of 16 ==="),
        "{rest}"
    );
    // The `1` only closed the brief: the week is still the first, and nothing was ordered.
    assert!(
        rest.contains("That line only closed the brief") && !rest.contains("week 2 of 16"),
        "{rest}"
    );
    // Input that ends at the pause leaves the game unfinished.
    assert!(play(true, "").contains("input ended; the game is left unfinished"));
    let piped = play(false, "quit\n");
    assert!(
        !piped.contains(wait) && piped.contains("week 1 of 16"),
        "{piped}"
    );
}
