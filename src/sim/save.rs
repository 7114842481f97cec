//! Saves (the full history of a game) and replays (seed, scenario hash and the human moves),
//! both as RON, written atomically.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::state::{self, *};
use super::{Game, controllers, seed_of};
use crate::rules::Choice;
use crate::scenario::{Effect, Role, Scenario};

/// Version of the save and replay formats. Version 2 came with the single rules engine: the
/// negotiation is one value, reasons are typed, and the rules resolve a week differently, so
/// files of version 1 are refused with a message that says so. Version 3 marks contested
/// clauses, which the AI leaves alone: the same seed plays differently from version 2.
/// Version 4 charges for reopening a banked clause only the negotiators the change hurts, logs
/// each acceptance an act withdraws, resolves the moves of even weeks in reverse party order
/// and scores a spoiler's or regional state's deal by its own gain. Version 5 keeps a party
/// that walked out away for the rest of that week (no chance return, no shuttle), offers no
/// concession the conceding party gains from and no bridge with nothing to bridge. Version 6
/// gives back the price of a proposal, concession or bridge that, after the acts before it in
/// its week, changes nothing. Version 7 makes a deal in the week whose acts leave every
/// negotiator accepting a text it would sign, before that week's trust fades. Version 8 plays by
/// the rules of the last builds of version 7 and writes a save's weeks as what each added
/// ([`SaveFile::carried`]), so files of version 7 load and play on. Version 9 plays by the same
/// rules, but its log words some of the AI's reasons differently (see [`LOGS_FROM`]). Version
/// 10 plays by the same rules, but records the scenario's rules hash where earlier versions
/// recorded its text's (see [`RULES_HASH_FROM`]), and words the reason of a move that turns
/// its party's stake in a deal across zero differently again. Version 11 plays by the same
/// rules, but quotes the level names in the descriptions of red lines its log gives. Version 12
/// never lets a step on the text take a clause across its actor's own red line where an act
/// before it in the week moved the clause (the step changes nothing and gives its price back);
/// its log reads as version 11's. Version 13 tables a whole text (`Offer`) as it was drawn up
/// when the week opened, whatever the events and moves before it that week; its log reads as
/// version 12's. Version 14 plays by the same rules, but its AI weighs the events a move lets
/// come the turn after, or keeps away, by their chance, and a mediator's AI counts a side that
/// could not sign the text yet as ready by `ai.mediator_nearness` of how near the text is (see
/// [`AI_FROM`]); its log reads as version 13's.
pub const FORMAT: u32 = 14;

/// The first version whose AI chooses as this one does. A replay holds only the moves people
/// chose: one of an earlier version with a seat the AI played has that seat's moves chosen
/// again by this AI, and parts from the recorded game where it chooses otherwise
/// ([`mismatch`] says so).
pub const AI_FROM: u32 = 14;

/// Why a replay did not reproduce its recorded game `game` played again, after the file's
/// name: where it parts from it (from its weeks' hashes, [`parted`]) and, for a replay of a
/// version before [`AI_FROM`] with a seat the AI played, that version's AI chose differently
/// (a player's replay from before the AI changed read as if it had been tampered with).
pub fn mismatch(rec: &Record, game: &Game) -> String {
    let one = &game.scenario().turn.one;
    let at = parted(rec, game).map_or_else(String::new, |w| {
        format!(": it parts from it in {one} {w}, the first whose log differs")
    });
    // (Every policy's reasons are in the log, with their scores.)
    let ai = (rec.controllers.iter()).any(|c| matches!(c, Controller::Ai(_)));
    if rec.format < AI_FROM && ai {
        format!(
            "the replay was made by an older version of Red Lines (format {}), whose AI chose its \
             moves differently, and this version cannot reproduce the recorded game{at}",
            rec.format
        )
    } else {
        format!("the replay did not reproduce the recorded game{at}")
    }
}

/// The first version whose files record the hash of their scenario's rules
/// ([`Scenario::rules_hash`]): a save or replay made before a fix of a help text, a note or the
/// file's layout plays on after it. Files of earlier versions recorded the hash of the text
/// ([`Scenario::source_hash`]) and are checked against it.
pub const RULES_HASH_FROM: u32 = 10;

/// The hash of scenario `s` as a file of version `format` records it.
pub fn hash_as_recorded(s: &Scenario, format: u32) -> u64 {
    if format >= RULES_HASH_FROM {
        s.hash
    } else {
        s.source_hash
    }
}

/// The first version whose logs read word for word as this one writes them: version 11 quotes
/// the level names in a red line's description (‘Multi-year pause’), where version 10 gave
/// them bare ([`crate::scenario::quoted_level`]); version 10 names
/// the reason of a move that turns its party's stake in a deal across zero "a deal now in our
/// interest" (or "now against"), where version 9 named the odds by the stake in the week with
/// no move ("the odds against a deal", "the odds of a deal for us"); version 9 names the reason
/// a party whose stake in a deal is below zero moves against one "the odds against a deal",
/// where the AI's lines of earlier versions read "the odds of a deal for us". A replay of an
/// older version is checked against its log as that version wrote it ([`as_written`]).
pub const LOGS_FROM: u32 = 11;

/// A game's log as a version of `format` wrote it: before [`LOGS_FROM`], the level names of a
/// red line's description were bare; before 10, the AI's reasons (its "why:" lines) named a
/// turned stake by the stake before the move; before 9, they named the odds against a deal as
/// the odds of a deal for us. (Lines already in an older version's words pass unchanged.)
fn as_written<'a>(s: &Scenario, format: u32, log: &'a [String]) -> std::borrow::Cow<'a, [String]> {
    use crate::ai::{AGAINST_A_DEAL, NOW_AGAINST_A_DEAL, NOW_FOR_A_DEAL, PARTS};
    if format >= LOGS_FROM {
        return std::borrow::Cow::Borrowed(log);
    }
    // Only the outcome's line describes red lines (a headline may quote a level name as its
    // scenario wrote it, and stays as it is).
    let bare = |l: &str| -> String {
        match l.strip_prefix(OUTCOME) {
            Some(rest) => format!("{OUTCOME}{}", unquoted_levels(s, rest)),
            None => l.to_string(),
        }
    };
    if format >= 10 {
        return std::borrow::Cow::Owned(log.iter().map(|l| bare(l)).collect());
    }
    let against = if format >= 9 {
        AGAINST_A_DEAL
    } else {
        PARTS[1]
    };
    (log.iter())
        .map(|l| match l.strip_prefix(WHY) {
            Some(rest) => {
                let rest = (rest.replace(NOW_FOR_A_DEAL, AGAINST_A_DEAL))
                    .replace(NOW_AGAINST_A_DEAL, PARTS[1])
                    .replace(AGAINST_A_DEAL, against);
                format!("{WHY}{rest}")
            }
            None => bare(l),
        })
        .collect()
}

/// How the log begins the line of a game's outcome, with its reasons.
pub const OUTCOME: &str = "  outcome: ";

/// `text` with each level name quoted as a red line's description quotes it
/// ([`crate::scenario::quoted_level`]) given bare, in one pass from the left: at each opening
/// quote, the longest level name of the scenario closed there.
fn unquoted_levels(s: &Scenario, text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\u{2018}') {
        out.push_str(&rest[..at]);
        let after = &rest[at + '\u{2018}'.len_utf8()..];
        let name = (s.issues.iter())
            .flat_map(|i| i.levels.iter().map(|l| l.name.as_str()))
            .filter(|n| {
                after
                    .strip_prefix(n)
                    .is_some_and(|r| r.starts_with('\u{2019}'))
            })
            .max_by_key(|n| n.len());
        match name {
            Some(n) => {
                out.push_str(n);
                rest = &after[n.len() + '\u{2019}'.len_utf8()..];
            }
            None => {
                out.push('\u{2018}');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The version a game's files are written as: this one, or for a game continued from an older
/// version's save that version ([`state::Wording`]; version 7 is written as 8, which plays by
/// its rules and words its log alike), so that the log it writes keeps one wording.
fn written_as(world: &bevy::prelude::World) -> u32 {
    (world.get_resource::<state::Wording>())
        .and_then(|w| w.0)
        .unwrap_or(FORMAT)
}

/// How the log begins the line that explains an AI's move.
pub const WHY: &str = "  why: ";

/// The oldest version whose files this one reads (the rules are those of its last builds).
pub const READS_FROM: u32 = 7;

/// The one field every version of a save or replay has, read before the rest.
#[derive(Deserialize)]
struct Header {
    format: u32,
}

/// Why a save or replay could not be used.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// Reading or writing failed (exit code 2).
    #[error("{path}: {message}")]
    Io { path: String, message: String },
    /// The file is empty, truncated or not a save (exit code 1).
    #[error("{path}: not a valid {what}: {message}")]
    Corrupt {
        path: String,
        what: &'static str,
        message: String,
    },
    /// The file belongs to another scenario or version (exit code 1).
    #[error("{path}: {message}")]
    Mismatch { path: String, message: String },
}

/// A move in a replay, by ids so the file can be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordedMove {
    pub week: u32,
    pub party: String,
    #[serde(rename = "move")]
    pub mv: String,
    #[serde(default)]
    pub target: Option<String>,
    #[serde(default)]
    pub issue: Option<String>,
}

/// A replay: enough to play the same game again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    pub format: u32,
    pub scenario_id: String,
    pub scenario_hash: u64,
    pub seed: u64,
    pub controllers: Vec<Controller>,
    pub moves: Vec<RecordedMove>,
    /// Hash of the game log, to prove the replay matches.
    pub log_hash: u64,
    pub weeks: u32,
    /// What a facilitator did (a networked game), replayed at the same points.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interventions: Vec<Intervention>,
    /// The hash of each week's lines of the log, from week 1: where a replay that does not
    /// reproduce the game parts from it (format 8 on; see [`parted`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub week_hashes: Vec<u64>,
}

/// The hash of each week's lines of a game's log, from week 1; the last week's run to the end
/// of the log (a facilitator's end of the talks is logged after the week's snapshot).
fn week_hashes(game: &Game, format: u32) -> Vec<u64> {
    let history = game.history();
    let log = as_written(&game.scenario(), format, game.log());
    let weeks = history.len().saturating_sub(1);
    (1..=weeks)
        .map(|k| {
            let end = if k == weeks {
                log.len()
            } else {
                history[k].log_len
            };
            log_hash(log.get(history[k - 1].log_len..end).unwrap_or_default())
        })
        .collect()
}

/// The first week in which a replayed game's log differs from the recorded one's, when the
/// record has the weeks' hashes (a replay of format 7 does not): the week a changed move or a
/// changed rule took the game elsewhere. `None` also when every week matches.
pub fn parted(rec: &Record, game: &Game) -> Option<u32> {
    if rec.week_hashes.is_empty() {
        return None;
    }
    let played = week_hashes(game, rec.format);
    let same = played
        .iter()
        .zip(&rec.week_hashes)
        .take_while(|(a, b)| a == b)
        .count();
    (same < played.len().max(rec.week_hashes.len())).then(|| same as u32 + 1)
}

/// A save: the whole game so far.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SaveFile {
    pub format: u32,
    pub scenario_id: String,
    pub scenario_hash: u64,
    pub seed: u64,
    pub controllers: Vec<Controller>,
    pub history: Vec<Snapshot>,
    pub news: Vec<News>,
    pub log: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interventions: Vec<Intervention>,
    /// The weeks of `history` (by place) written as what they added to the week before: their
    /// trust holds only that week's modifiers, their deeds only that week's moves; the rest
    /// follows from the week before ([`compact`]). Empty in memory and in files of version 7.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub carried: Vec<usize>,
}

/// The most trust modifiers one week of scenario `s` can add, as (the most without a facilitator,
/// the most each event a facilitator calls adds): every party's move with the most trust
/// effects and every event twice (scheduled or drawn, and called), where a trust effect reaches
/// at most every pair and a change of a clause charges each negotiator at most once for
/// reopening it. What a save's carried week may hold, so that restoring a hand-made file takes
/// no more memory than a game of the scenario could.
fn week_modifiers(s: &Scenario) -> (usize, usize) {
    let n = s.parties.len();
    let act = |effects: &[Effect]| -> usize {
        effects
            .iter()
            .map(|e| match e {
                Effect::Trust(..) => n * n,
                Effect::Draft(_) | Effect::Bridge | Effect::Clause(..) => n,
                Effect::Offer => n * s.issues.len(),
                _ => 0,
            })
            .sum()
    };
    let moves = s.moves.iter().map(|m| act(&m.effects)).max().unwrap_or(0);
    let events: Vec<usize> = s.events.iter().map(|e| act(&e.effects)).collect();
    let per_call = events.iter().copied().max().unwrap_or(0);
    (n * moves + 2 * events.iter().sum::<usize>(), per_call)
}

/// Leaves out of each week of `history` after the first what follows from the week before: the
/// settled trust modifiers and the earlier deeds, which every week repeats. A save then grows
/// with its weeks, not with their square. Returns the places of the weeks written so (a week
/// that does not follow from the one before is kept whole).
fn compact(history: &mut [Snapshot]) -> Vec<usize> {
    let mut carried = Vec::new();
    for k in (1..history.len()).rev() {
        let (before, at) = history.split_at_mut(k);
        let (prev, cur) = (&before[k - 1].talks, &mut at[0].talks);
        if cur.trust.follows(&prev.trust) && cur.deeds.starts_with(&prev.deeds) {
            cur.trust = cur.trust.this_week();
            cur.deeds.drain(..prev.deeds.len());
            carried.push(k);
        }
    }
    carried.reverse();
    carried
}

/// Restores what [`compact`] left out of the weeks in `carried`, from the weeks before them.
/// Fails on places out of order or out of the history, on a carried week with more moves than
/// one a party or more new trust modifiers than `most(week)`, or with settled ones already.
fn expand(
    history: &mut [Snapshot],
    carried: &[usize],
    parties: usize,
    most: impl Fn(usize) -> usize,
) -> Result<(), String> {
    if carried.windows(2).any(|w| w[0] >= w[1])
        || carried.iter().any(|&k| k == 0 || k >= history.len())
    {
        return Err(
            "its list of carried weeks names week 0, a week past its last, or is out of order"
                .into(),
        );
    }
    for &k in carried {
        let (before, at) = history.split_at_mut(k);
        let (prev, cur) = (&before[k - 1].talks, &mut at[0].talks);
        if cur.deeds.len() > parties {
            return Err(format!(
                "week {k}: {} moves, more than one a party",
                cur.deeds.len()
            ));
        }
        if cur.trust.modifier_count() > most(k) {
            return Err(format!(
                "week {k}: {} new trust modifiers, more than a week can add",
                cur.trust.modifier_count()
            ));
        }
        cur.trust
            .carry_from(&prev.trust)
            .map_err(|e| format!("week {k}: {e}"))?;
        let mut all = Vec::with_capacity(prev.deeds.len() + cur.deeds.len());
        all.extend_from_slice(&prev.deeds);
        all.extend_from_slice(&cur.deeds);
        cur.deeds = all;
    }
    Ok(())
}

/// Hash of a game log.
pub fn log_hash(log: &[String]) -> u64 {
    let mut bytes = Vec::new();
    for l in log {
        bytes.extend_from_slice(l.as_bytes());
        bytes.push(b'\n');
    }
    crate::scenario::validate::fnv1a(&bytes)
}

/// Whether `path` may be written: nothing there, or a regular file, in a folder that exists
/// (checked before a game starts for `--record`, and again by every write).
pub fn check_target(path: &Path) -> Result<(), SaveError> {
    let dir = folder_of(path);
    let folder = match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => None,
        Ok(_) => Some(format!("{} is not a folder", dir.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Some(format!("there is no folder {}", dir.display()))
        }
        Err(e) => Some(format!("cannot open the folder {}: {e}", dir.display())),
    };
    if let Some(message) = folder {
        return Err(SaveError::Io {
            path: path.display().to_string(),
            message,
        });
    }
    match std::fs::symlink_metadata(path) {
        Ok(m) if !m.file_type().is_file() => Err(SaveError::Io {
            path: path.display().to_string(),
            message: "it is not a regular file (a device, FIFO, folder or link), so it is left \
                      alone; choose another name"
                .into(),
        }),
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(SaveError::Io {
            path: path.display().to_string(),
            message: format!("cannot look at it: {e}"),
        }),
        _ => Ok(()),
    }
}

/// The folder a file at `path` goes in (`.` for a bare name).
fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Writes `text` to `path` atomically: a temporary file in the same folder, synced, renamed
/// over the target, then the folder synced. Only a regular file (or nothing) is replaced: a
/// device, a FIFO, a folder or a symbolic link at `path` is refused and left alone.
pub fn write_atomic(path: &Path, text: &str) -> Result<(), SaveError> {
    let fail = |p: &Path, what: &str, e: std::io::Error| SaveError::Io {
        path: p.display().to_string(),
        message: format!("{what}: {e}"),
    };
    check_target(path)?;
    let dir = folder_of(path);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "save".into());
    // The temporary file's name is never longer than a file name may be: a long name keeps its
    // first 100 bytes and a hash of the whole (a 245-character save name was refused).
    let tmp_name = if name.len() > 100 {
        let mut end = 100;
        while !name.is_char_boundary(end) {
            end -= 1;
        }
        let head = &name[..end];
        format!(".{head}.{:016x}", log_hash(std::slice::from_ref(&name)))
    } else {
        format!(".{name}")
    };
    let tmp = dir.join(format!("{tmp_name}.tmp-{}", std::process::id()));
    let written = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .map_err(|e| {
                fail(
                    path,
                    &format!("cannot write in the folder {}", dir.display()),
                    e,
                )
            })?;
        f.write_all(text.as_bytes())
            .and_then(|()| f.sync_all())
            .map_err(|e| fail(&tmp, "cannot write the temporary file", e))?;
        std::fs::rename(&tmp, path).map_err(|e| {
            fail(
                path,
                &format!("cannot move {} into place", tmp.display()),
                e,
            )
        })
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
        return written;
    }
    // The rename lives in the folder: sync it too, so a crash cannot undo the save.
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| fail(dir, "cannot sync the folder", e))
}

fn pretty() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new().depth_limit(4)
}

/// The replay record of a game so far.
pub fn record(game: &mut Game) -> Record {
    let s = game.scenario();
    let ctrl = controllers(&game.world);
    let seed = seed_of(&game.world);
    let format = written_as(&game.world);
    let mut moves = Vec::new();
    for snap in game.history().iter().skip(1) {
        for (p, c) in &snap.decisions.moves {
            if ctrl.get(*p) == Some(&Controller::Human) {
                moves.push(to_recorded(&s, snap.talks.week, *p, *c));
            }
        }
    }
    Record {
        format,
        scenario_id: s.id.clone(),
        scenario_hash: hash_as_recorded(&s, format),
        seed,
        controllers: ctrl,
        moves,
        log_hash: log_hash(&as_written(&s, format, game.log())),
        weeks: game.week(),
        interventions: game.world.resource::<Interventions>().0.clone(),
        week_hashes: week_hashes(game, format),
    }
}

fn to_recorded(s: &Scenario, week: u32, p: usize, c: Choice) -> RecordedMove {
    RecordedMove {
        week,
        party: s.parties[p].id.clone(),
        mv: s.moves[c.mv].id.clone(),
        target: c.party.map(|q| s.parties[q].id.clone()),
        issue: c.issue.map(|i| s.issues[i].id.clone()),
    }
}

fn from_recorded(s: &Scenario, r: &RecordedMove) -> Option<(usize, Choice)> {
    let p = s.party_ix(&r.party)?;
    let mv = s.move_ix(&r.mv)?;
    let party = match &r.target {
        Some(t) => Some(s.party_ix(t)?),
        None => None,
    };
    let issue = match &r.issue {
        Some(i) => Some(s.issue_ix(i)?),
        None => None,
    };
    Some((p, Choice { mv, party, issue }))
}

/// Writes a replay file.
pub fn write_record(game: &mut Game, path: &Path) -> Result<(), SaveError> {
    let rec = record(game);
    let text = ron::ser::to_string_pretty(&rec, pretty()).map_err(|e| SaveError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    write_atomic(path, &seal(&text))
}

/// The scenario id and hash a save or replay names, when the file reads as one (nothing is
/// checked: loading it does that).
pub fn made_with(path: &Path) -> Option<MadeWith> {
    #[derive(Deserialize)]
    struct Made {
        format: u32,
        scenario_id: String,
        scenario_hash: u64,
    }
    let text = read_text(path, "save").ok()?;
    let made: Made = ron::from_str(&text).ok()?;
    Some(MadeWith {
        id: made.scenario_id,
        hash: made.scenario_hash,
        format: made.format,
    })
}

/// The scenario a save or replay says it was made with: its id, and its hash as a file of
/// version `format` records it ([`hash_as_recorded`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MadeWith {
    pub id: String,
    pub hash: u64,
    pub format: u32,
}

impl MadeWith {
    /// Whether the file was made with scenario `s`.
    pub fn is(&self, s: &Scenario) -> bool {
        self.id == s.id && self.hash == hash_as_recorded(s, self.format)
    }
}

/// Reads a replay file.
pub fn read_record(path: &Path) -> Result<Record, SaveError> {
    read_sealed::<Record, SaveFile>(
        path,
        "replay",
        |r| r.format,
        "it is a save: continue it with `redline play --text --load FILE`",
    )
}

/// Reads a save or replay: a bounded regular file, its checksum, then its shape, parsed once.
/// When any step fails on a file of another format, the error says which version made it; a
/// file that is the other kind (`O`) says so.
fn read_sealed<T: serde::de::DeserializeOwned, O: serde::de::DeserializeOwned>(
    path: &Path,
    what: &'static str,
    format_of: fn(&T) -> u32,
    other_kind: &str,
) -> Result<T, SaveError> {
    let text = read_text(path, what)?;
    let version = || {
        ron::from_str::<Header>(&text)
            .ok()
            .and_then(|h| other_version(path, what, h.format))
    };
    let body = unseal(path, &text, what).map_err(|e| version().unwrap_or(e))?;
    let value: T = ron::from_str(body).map_err(|e| {
        version().unwrap_or_else(|| SaveError::Corrupt {
            path: path.display().to_string(),
            what,
            message: if ron::from_str::<O>(body).is_ok() {
                other_kind.into()
            } else {
                e.to_string()
            },
        })
    })?;
    match other_version(path, what, format_of(&value)) {
        Some(e) => Err(e),
        None => Ok(value),
    }
}

/// The largest save or replay read (a 16-week game's save is well under 1 MiB).
pub const MAX_FILE: u64 = 64 * 1024 * 1024;

fn read_text(path: &Path, what: &'static str) -> Result<String, SaveError> {
    let io = |message: String| SaveError::Io {
        path: path.display().to_string(),
        message,
    };
    // Only a regular file of a sane size is read: a FIFO or a device could block or never end.
    let meta = std::fs::metadata(path).map_err(|e| {
        io(match e.kind() {
            std::io::ErrorKind::NotFound => format!("no such file (is the {what}'s path right?)"),
            _ => e.to_string(),
        })
    })?;
    if !meta.is_file() {
        return Err(io(format!("not a regular file, so not a {what}")));
    }
    if meta.len() > MAX_FILE {
        return Err(io(format!(
            "{} bytes, more than the {MAX_FILE} a {what} may have",
            meta.len()
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| io(e.to_string()))?;
    if bytes.is_empty() {
        return Err(SaveError::Corrupt {
            path: path.display().to_string(),
            what,
            message: "the file is empty".into(),
        });
    }
    String::from_utf8(bytes).map_err(|_| SaveError::Corrupt {
        path: path.display().to_string(),
        what,
        message: "the file is not UTF-8 text".into(),
    })
}

/// The last line of every save and replay: a checksum of everything above it.
const SEAL: &str = "\n// checksum fnv1a64 ";

/// Appends the checksum line to a file's text.
pub fn seal(body: &str) -> String {
    let sum = crate::scenario::validate::fnv1a(body.as_bytes());
    format!("{body}{SEAL}{sum:016x}\n")
}

/// The text above the checksum line, if the checksum matches it.
fn unseal<'a>(path: &Path, text: &'a str, what: &'static str) -> Result<&'a str, SaveError> {
    let corrupt = |message: &str| SaveError::Corrupt {
        path: path.display().to_string(),
        what,
        message: message.into(),
    };
    let at = text.rfind(SEAL).ok_or_else(|| {
        corrupt("it has no checksum line at its end: it was cut short or not written by Red Lines")
    })?;
    let (body, seal) = (&text[..at], text[at + SEAL.len()..].trim());
    let sum = u64::from_str_radix(seal, 16).map_err(|_| corrupt("its checksum line is damaged"))?;
    if sum != crate::scenario::validate::fnv1a(body.as_bytes()) {
        return Err(corrupt(
            "its checksum does not match its content: it was changed or damaged after it was written",
        ));
    }
    Ok(body)
}

/// The refusal of a file written by another version of the game, if `format` is not ours.
fn other_version(path: &Path, what: &'static str, format: u32) -> Option<SaveError> {
    let message = if format < READS_FROM {
        format!(
            "this {what} was made by an older version of Red Lines (format {format}); this version reads formats {READS_FROM} to {FORMAT} and plays by different rules, so it cannot continue it"
        )
    } else if format > FORMAT {
        format!(
            "this {what} was made by a newer version of Red Lines (format {format}); this version reads formats {READS_FROM} to {FORMAT}"
        )
    } else {
        return None;
    };
    Some(SaveError::Mismatch {
        path: path.display().to_string(),
        message,
    })
}

fn check_scenario(
    path: &Path,
    s: &Scenario,
    id: &str,
    hash: u64,
    format: u32,
) -> Result<(), SaveError> {
    let p = path.display().to_string();
    let now = hash_as_recorded(s, format);
    if id != s.id {
        return Err(SaveError::Mismatch {
            path: p,
            message: format!(
                "it was made with scenario `{id}`, not `{}`; give that scenario's file with --scenario FILE",
                s.id
            ),
        });
    }
    if hash != now {
        // A file of an older version recorded the text's hash: any edit of the file refuses it.
        let how = if format >= RULES_HASH_FROM {
            "its rules have"
        } else {
            "its file has"
        };
        return Err(SaveError::Mismatch {
            path: p,
            message: format!(
                "scenario `{id}` has changed since it was made ({how} changed: hash {hash:016x}, now {now:016x}); the game would not be the same"
            ),
        });
    }
    Ok(())
}

/// Plays a replay again. Returns the game and whether its log matches the recorded hash.
pub fn replay(
    scenario: Arc<Scenario>,
    rec: &Record,
    path: &Path,
) -> Result<(Game, bool), SaveError> {
    check_scenario(
        path,
        &scenario,
        &rec.scenario_id,
        rec.scenario_hash,
        rec.format,
    )?;
    if rec.controllers.len() != scenario.parties.len() {
        return Err(SaveError::Corrupt {
            path: path.display().to_string(),
            what: "replay",
            message: format!(
                "{} controllers for {} parties",
                rec.controllers.len(),
                scenario.parties.len()
            ),
        });
    }
    let mut game = Game::new(scenario.clone(), rec.seed, &rec.controllers);
    let mut moves = Vec::new();
    for m in &rec.moves {
        let Some(c) = from_recorded(&scenario, m) else {
            return Err(SaveError::Corrupt {
                path: path.display().to_string(),
                what: "replay",
                message: format!("week {}: unknown move `{}` for `{}`", m.week, m.mv, m.party),
            });
        };
        moves.push((m.week, c));
    }
    let mut calls = Vec::new();
    for i in &rec.interventions {
        let call = match &i.act {
            Called::Event(id) => match scenario.events.iter().position(|e| &e.id == id) {
                Some(e) => Some(e),
                None => {
                    return Err(SaveError::Corrupt {
                        path: path.display().to_string(),
                        what: "replay",
                        message: format!("week {}: unknown event `{id}`", i.week),
                    });
                }
            },
            Called::End => None,
        };
        calls.push((i.week, call));
    }
    // The facilitator's acts at the points they were made: events called before their week,
    // the end after its week.
    let ends = |week: u32| calls.iter().any(|c| c.0 == week && c.1.is_none());
    if ends(0) {
        game.call_end();
    }
    for week in 1..=rec.weeks {
        if game.outcome().is_some() {
            break;
        }
        for e in calls.iter().filter(|c| c.0 == week).filter_map(|c| c.1) {
            game.inject(e);
        }
        for (_, (p, c)) in moves.iter().filter(|m| m.0 == week) {
            game.order(*p, *c);
        }
        if !game.step() {
            break;
        }
        if ends(week) {
            game.call_end();
        }
    }
    let ok = log_hash(&as_written(&game.scenario(), rec.format, game.log())) == rec.log_hash;
    Ok((game, ok))
}

/// Where the game of a scenario is saved after every week, in a saves folder.
pub fn autosave_path(dir: &Path, s: &Scenario) -> std::path::PathBuf {
    dir.join(format!("{}.autosave.ron", s.id))
}

/// Saves the game installed in a world to its autosave file (after every week and every undo),
/// creating the folder if needed. Returns the path.
pub fn autosave(
    world: &mut bevy::prelude::World,
    dir: &Path,
) -> Result<std::path::PathBuf, SaveError> {
    let path = autosave_path(dir, &world.resource::<Rules>().0);
    std::fs::create_dir_all(dir).map_err(|e| SaveError::Io {
        path: dir.display().to_string(),
        message: format!("cannot make the saves folder: {e}"),
    })?;
    save_world(world, &path)?;
    Ok(path)
}

/// Saves a game.
pub fn save(game: &mut Game, path: &Path) -> Result<(), SaveError> {
    save_world(&mut game.world, path)
}

/// Saves the game installed in a world.
pub fn save_world(world: &mut bevy::prelude::World, path: &Path) -> Result<(), SaveError> {
    let s = world.resource::<Rules>().0.clone();
    let format = written_as(world);
    let mut file = SaveFile {
        format,
        scenario_id: s.id.clone(),
        scenario_hash: hash_as_recorded(&s, format),
        seed: seed_of(world),
        controllers: controllers(world),
        history: world.resource::<History>().0.clone(),
        news: world.resource::<NewsFeed>().0.clone(),
        log: as_written(&s, format, &world.resource::<GameLog>().0).into_owned(),
        interventions: world.resource::<Interventions>().0.clone(),
        carried: Vec::new(),
    };
    file.carried = compact(&mut file.history);
    let text = ron::ser::to_string_pretty(&file, pretty()).map_err(|e| SaveError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    write_atomic(path, &seal(&text))
}

/// Reads and checks a save against the scenario; touches nothing.
pub fn read_save(scenario: &Scenario, path: &Path) -> Result<SaveFile, SaveError> {
    let mut file = read_sealed::<SaveFile, Record>(
        path,
        "save",
        |f| f.format,
        "it is a replay: play it with `redline replay FILE`",
    )?;
    check_scenario(
        path,
        scenario,
        &file.scenario_id,
        file.scenario_hash,
        file.format,
    )?;
    let corrupt = |m: String| SaveError::Corrupt {
        path: path.display().to_string(),
        what: "save",
        message: m,
    };
    let n = scenario.parties.len();
    if file.history.is_empty() {
        return Err(corrupt("it holds no week".into()));
    }
    if file.history.len() > scenario.weeks as usize + 1 {
        return Err(corrupt(format!(
            "it holds {} weeks; the scenario has {}",
            file.history.len() - 1,
            scenario.weeks
        )));
    }
    if file.format < 8 && !file.carried.is_empty() {
        return Err(corrupt(format!(
            "format {} has no carried weeks, but it lists some",
            file.format
        )));
    }
    if file.history[0].talks.trust != crate::rules::Trust::of(scenario) {
        return Err(corrupt(
            "week 0: its trust is not the scenario's trust at the start".into(),
        ));
    }
    let carried = std::mem::take(&mut file.carried);
    let calls = |k: usize| {
        file.interventions
            .iter()
            .filter(|i| usize::try_from(i.week) == Ok(k))
            .count()
    };
    let (week, per_call) = week_modifiers(scenario);
    let most = |k: usize| week + calls(k) * per_call;
    expand(&mut file.history, &carried, n, most).map_err(corrupt)?;
    if file.controllers.len() != n {
        return Err(corrupt(format!("it does not hold {n} parties")));
    }
    for (at, h) in file.history.iter().enumerate() {
        super::check::snapshot(scenario, h, at).map_err(|e| corrupt(format!("week {at}: {e}")))?;
        if h.news_len > file.news.len() || h.log_len > file.log.len() {
            return Err(corrupt(format!(
                "week {at}: it counts more news or log than it holds"
            )));
        }
    }
    for (p, c) in file.controllers.iter().enumerate() {
        let role = scenario.parties[p].role;
        if *c == Controller::Human && !matches!(role, Role::Negotiator | Role::Mediator) {
            return Err(corrupt(format!(
                "{} is played by the AI only, but the save seats a person there",
                scenario.parties[p].id
            )));
        }
    }
    let last_week = file.history.last().map_or(0, |h| h.talks.week);
    if file.news.iter().any(|n| n.week > last_week) {
        return Err(corrupt("it holds news of a week not yet played".into()));
    }
    if file.history.iter().any(|h| h.rng.seed != file.seed) {
        return Err(corrupt("its seed does not match its weeks".into()));
    }
    if file
        .history
        .iter()
        .rev()
        .skip(1)
        .any(|h| h.ending.0.is_some())
    {
        return Err(corrupt("the game goes on after it ended".into()));
    }
    Ok(file)
}

/// Installs a checked save in a world (replacing any game there).
pub fn apply_save(world: &mut bevy::prelude::World, scenario: Arc<Scenario>, file: SaveFile) {
    let Some(last) = file.history.last().cloned() else {
        return;
    };
    state::install(world, scenario, last.rng.seed, &file.controllers);
    // The weeks to come are written in the words of the file's version.
    world.insert_resource(state::Wording(
        (file.format < FORMAT).then_some(file.format.max(8)),
    ));
    world.resource_mut::<NewsFeed>().0 = file.news;
    world.resource_mut::<GameLog>().0 = file.log;
    state::restore(world, &last);
    world.resource_mut::<History>().0 = file.history;
    state::recount_played(world);
    // Events a facilitator called for the coming week are still to come.
    let s = world.resource::<Rules>().0.clone();
    let next = last.talks.week + 1;
    world.resource_mut::<Injected>().0 = file
        .interventions
        .iter()
        .filter(|i| i.week == next)
        .filter_map(|i| match &i.act {
            Called::Event(id) => s.events.iter().position(|e| &e.id == id),
            Called::End => None,
        })
        .collect();
    world.resource_mut::<Interventions>().0 = file.interventions;
}

/// Loads a save into a new game. Nothing is changed if the file is bad.
pub fn load(scenario: Arc<Scenario>, path: &Path) -> Result<Game, SaveError> {
    let file = read_save(&scenario, path)?;
    let mut game = Game::new(scenario.clone(), 0, &file.controllers);
    apply_save(&mut game.world, scenario, file);
    Ok(game)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::tutorial;

    /// A log as format 10 wrote it: the outcome's red-line descriptions with their level names
    /// bare, each taken whole (the longest name closed at a quote), and nothing else touched: a
    /// headline quoting a level name as its scenario wrote it stays (a reviewer's modded
    /// headline made a format-10 replay part from its game).
    #[test]
    fn format_ten_logs_give_only_the_outcomes_level_names_bare() {
        let s = tutorial();
        let third = s.issues[0].level_name(Some(1));
        let half = s.issues[0].level_name(Some(2));
        let described = format!("from \u{2018}{third}\u{2019} to \u{2018}{half}\u{2019}");
        let log = vec![
            format!("  event rains: Rains: \u{2018}{half}\u{2019} the flow again"),
            format!("{OUTCOME}stalemate (Belmar: breaks our red line \"x\": {described})"),
            format!("{WHY}Belmar: Propose (\u{2018}{half}\u{2019})"),
            format!("{OUTCOME}stalemate (\u{2018}not a level\u{2019})"),
        ];
        let ten = as_written(&s, 10, &log);
        assert_eq!(ten[0], log[0]);
        assert_eq!(
            ten[1],
            format!(
                "{OUTCOME}stalemate (Belmar: breaks our red line \"x\": from {third} to {half})"
            )
        );
        assert_eq!(ten[2], log[2]);
        assert_eq!(ten[3], log[3], "a quote around no level name stays");
        // Written as it was already: unchanged again.
        assert_eq!(as_written(&s, 10, &ten), ten);
        assert_eq!(as_written(&s, FORMAT, &log), log);
    }
}
