//! Text rendering of a game: the week screen, move lists, answers and the end screen.

use std::fmt::Write as _;

use crate::ai::{self, Scored};
use crate::rules::describe::{gauge, trust_figure};
use crate::rules::{self, Negotiation};
use crate::scenario::{PartyIx, Role, Scenario};
use crate::sim::{self, Game, NewsKind, OutcomeKind};

fn arrow(d: f64) -> String {
    let points = crate::rules::describe::points;
    if d > 0.05 {
        format!("▲{}", points(d))
    } else if d < -0.05 {
        format!("▼{}", points(-d))
    } else {
        "=".into()
    }
}

/// The items a folded trust ledger shows (of five or more): the largest by size (the week's
/// screen grew to 150 lines as a game's items piled up); `trust` lists them all.
const LEDGER_ITEMS: usize = 3;

/// `head` (a trust figure) and its ledger, "base B; item +n; ...": the lasting base of
/// `from`'s trust in `to` and each fading item (`full`), or the [`LEDGER_ITEMS`] largest and how
/// many more, and while the game goes on (`quiet`, the week with no move:
/// [`crate::read::quiet_week`]) where the fading alone takes it by the week's end, in brackets
/// on the same line when it fits within [`WIDTH`], else on lines of their own under it,
/// indented and wrapped.
fn with_ledger(
    o: &mut String,
    head: &str,
    s: &Scenario,
    b: &Negotiation,
    pair: (PartyIx, PartyIx),
    (full, quiet): (bool, Option<&Negotiation>),
) {
    let (from, to) = pair;
    let mut ledger = crate::rules::describe::trust_ledger(s, b, from, to);
    // One item more is shown rather than named as one more.
    let more = if full || ledger.len() <= LEDGER_ITEMS + 1 {
        0
    } else {
        ledger.sort_by(|x, y| y.value.abs().total_cmp(&x.value.abs()));
        let more = ledger.len().saturating_sub(LEDGER_ITEMS);
        ledger.truncate(LEDGER_ITEMS);
        more
    };
    let items: String = ledger
        .iter()
        .map(|i| {
            // How fast it fades, every move of its cause together (a tester, told "fading 1 a
            // week" by each of three carries, saw the item fall by 3).
            let fades = i.fading(s).map(|f| format!(" {f}")).unwrap_or_default();
            format!("; {} {}{fades}", i.label, i.shown())
        })
        .collect();
    let more = match more {
        0 => String::new(),
        n => format!("; {n} smaller items: `trust` lists them"),
    };
    // Where the fading takes it by the coming week's end (a tester could not plan the trust
    // a deal needs from "fading 1 a week").
    let ahead = (quiet
        .and_then(|q| crate::read::quiet_words(s, pair, b.trust(from, to), q.trust(from, to))))
    .map(|n| format!("; {n}"))
    .unwrap_or_default();
    let ledger = format!("base {:.0}{items}{more}{ahead}", b.trust.base(from, to));
    if head.chars().count() + ledger.chars().count() + 4 <= screen_width() {
        let _ = writeln!(o, "{head}  ({ledger})");
    } else {
        let _ = writeln!(o, "{head}");
        o.push_str(&wrap(&ledger, "      ", 6));
    }
}

/// The width the terminal's long lines are wrapped at.
const WIDTH: usize = 100;

/// The width the screens are written for: [`WIDTH`], or a narrower terminal's once
/// [`use_terminal_width`] has set it.
static SCREEN: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(WIDTH);

fn screen_width() -> usize {
    SCREEN.load(std::sync::atomic::Ordering::Relaxed)
}

/// Writes the screens for the terminal standard output is, when it is narrower than [`WIDTH`]
/// (at least 60 columns); returns that width.
pub fn use_terminal_width() -> usize {
    let width = terminal_width();
    SCREEN.store(width, std::sync::atomic::Ordering::Relaxed);
    width
}

/// `text` wrapped between words (at spaces; a no-break space holds) at the screen's width
/// ([`WIDTH`] unless the terminal is narrower): the first line after `first`, the others indented
/// by `indent` spaces, each ended by a newline (a word longer than a line stands alone on its
/// line).
fn wrap(text: &str, first: &str, indent: usize) -> String {
    wrap_at(text, first, indent, screen_width())
}

/// [`wrap`] at `width` columns.
fn wrap_at(text: &str, first: &str, indent: usize, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    let mut lead = first.to_string();
    for word in text.split([' ', '\n']).filter(|w| !w.is_empty()) {
        let len = line.chars().count();
        if len > 0 && lead.chars().count() + len + 1 + word.chars().count() > width {
            let _ = writeln!(out, "{lead}{line}");
            line.clear();
            lead = " ".repeat(indent);
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{lead}{line}");
    }
    out
}

/// `text` in pieces of at most `width` characters, broken between words (a word longer than
/// the width is a piece of its own); at least one piece.
fn split_words(text: &str, width: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.push(line);
    out
}

/// `line` (without its newline) fitted to [`WIDTH`] columns: unchanged when it fits, when it
/// holds a terminal control sequence, or when it has no space to break at; otherwise broken at
/// the last space that leaves the first part within the width (keeping that part's own spacing,
/// so a table row stays aligned), the rest wrapped between words under it, four columns further
/// in than the line itself.
pub fn fit_line(line: &str) -> String {
    fit_to(line, WIDTH)
}

/// [`fit_line`] at `width` columns.
fn fit_to(line: &str, width: usize) -> String {
    if line.chars().count() <= width || line.contains('\x1b') {
        return line.to_string();
    }
    let lead = line.len() - line.trim_start_matches(' ').len();
    let cut = line
        .char_indices()
        .take(width + 1)
        .filter(|&(at, c)| c == ' ' && at > lead)
        .map(|(at, _)| at)
        .last();
    match cut {
        Some(at) => {
            let indent = (lead + 4).min(width / 2);
            let rest = wrap_at(line[at..].trim(), &" ".repeat(indent), indent, width);
            format!("{}\n{}", line[..at].trim_end(), rest.trim_end_matches('\n'))
        }
        None => line.to_string(),
    }
}

/// The width of the terminal standard output is, when it is one: its columns (at least 60),
/// up to [`WIDTH`], the width the screens are written for.
fn terminal_width() -> usize {
    terminal_columns().map_or(WIDTH, |c| c.clamp(NARROWEST, WIDTH))
}

/// The narrowest width the screens are written for.
pub const NARROWEST: usize = 60;

/// The width of the terminal standard output is, when it is narrower than [`NARROWEST`] (its
/// lines then break where the terminal breaks them).
pub fn narrow_terminal() -> Option<usize> {
    terminal_columns().filter(|&c| c < NARROWEST)
}

fn terminal_columns() -> Option<usize> {
    terminal_size().map(|(cols, _)| cols)
}

/// How many lines the terminal that standard output writes to shows at once, when it writes to
/// one.
pub fn terminal_rows() -> Option<usize> {
    terminal_size().map(|(_, rows)| rows).filter(|&r| r > 0)
}

/// The size of the terminal that standard output writes to, as (columns, rows), when it writes
/// to one.
#[cfg(unix)]
fn terminal_size() -> Option<(usize, usize)> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return None;
    }
    let mut size = libc::winsize {
        ws_row: 0,
        ws_col: 0,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCGWINSZ writes one `winsize` into `size`, which lives across the call; a
    // descriptor that is not a terminal makes it fail, which is handled.
    let ok = unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut size) } == 0;
    (ok && size.ws_col > 0).then_some((usize::from(size.ws_col), usize::from(size.ws_row)))
}

#[cfg(not(unix))]
fn terminal_size() -> Option<(usize, usize)> {
    None
}

/// `text` with every line fitted to [`WIDTH`] columns ([`fit_line`]).
pub fn fitted(text: &str) -> String {
    text.split_inclusive('\n')
        .map(|l| match l.strip_suffix('\n') {
            Some(body) => fit_line(body) + "\n",
            None => fit_line(l),
        })
        .collect()
}

/// A writer that fits every line it passes on to its width ([`fit_line`]; [`WIDTH`] columns, or
/// a narrower terminal's): the terminal game writes all its screens through one, so no screen
/// runs past the width, whatever it says.
/// A line is held until its newline, or until a flush (a prompt) writes it as it is.
pub struct Fit<W: std::io::Write> {
    inner: W,
    line: Vec<u8>,
    /// The width each line is fitted to, asked again at every line.
    width: Box<dyn FnMut() -> usize + Send>,
}

impl<W: std::io::Write> Fit<W> {
    /// Fits each line to the width `width` gives at that line.
    fn following(inner: W, width: impl FnMut() -> usize + Send + 'static) -> Self {
        Self {
            inner,
            line: Vec::new(),
            width: Box::new(width),
        }
    }

    /// Fits lines to the terminal's width ([`use_terminal_width`]), read again at every line, so
    /// that the screens follow a terminal resized during the game (the screens built after it
    /// are written for the new width too).
    pub fn terminal(inner: W) -> Self {
        use_terminal_width();
        Self::following(inner, use_terminal_width)
    }
}

impl<W: std::io::Write> std::io::Write for Fit<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        for part in buf.split_inclusive(|&b| b == b'\n') {
            match part.split_last() {
                Some((b'\n', body)) => {
                    self.line.extend_from_slice(body);
                    let line = std::mem::take(&mut self.line);
                    let width = (self.width)();
                    // Text that is not UTF-8 passes as it came.
                    match std::str::from_utf8(&line) {
                        Ok(text) => self.inner.write_all(fit_to(text, width).as_bytes())?,
                        Err(_) => self.inner.write_all(&line)?,
                    }
                    self.inner.write_all(b"\n")?;
                }
                _ => self.line.extend_from_slice(part),
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let line = std::mem::take(&mut self.line);
        self.inner.write_all(&line)?;
        self.inner.flush()
    }
}

impl<W: std::io::Write> Drop for Fit<W> {
    fn drop(&mut self) {
        let _ = std::io::Write::flush(self);
    }
}

/// A bar of `width` cells for a 0–100 value.
pub fn bar(v: f64, width: usize) -> String {
    let filled = ((v / 100.0) * width as f64)
        .round()
        .clamp(0.0, width as f64) as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

/// The week header, the news, the draft, the parties and the trust toward the player.
/// The danger of war in the coming week, as the screen of party `me` tells it, when it is worth
/// telling: a risk now, tension near the line, or an event or a move that could carry it over
/// (the window, with room for it, always shows the same reading under its top bar). Empty when
/// the game is over or there is nothing to tell.
pub fn danger_line(game: &Game, me: Option<PartyIx>) -> String {
    let s = game.scenario();
    let danger = crate::read::Danger::of(&s, game.state(), &sim::may_come(&game.world, me), me);
    if game.outcome().is_none() && danger.worth_telling() {
        wrap(&danger.text(&s), "  Danger: ", 4)
    } else {
        String::new()
    }
}

pub fn week_screen(game: &Game, me: Option<PartyIx>) -> String {
    let s = game.scenario();
    let b = game.state();
    let mut o = week_head(game, me, false);
    // Once the game is over, how long the AI leaves a contested clause no longer matters.
    o.push_str(&draft_table(&s, b, game.outcome().is_none()));
    // Folded for a player, who has `trust`; in full for an onlooker, who has no such command.
    o.push_str(&parties_table(
        &s,
        b,
        me,
        me.is_none(),
        game.outcome().is_none(),
        &sim::ai_played(&game.world),
    ));
    if let Some(me) = me.filter(|_| s.uses_capital()) {
        let _ = writeln!(
            o,
            "Your political capital: {} (about {:+.1} at the end of each {}; in brackets, what each move spends (-) or brings (+))",
            crate::read::capital_of(&s, b, me),
            crate::rules::income(&s, b, me),
            s.turn.one
        );
        if let Some(note) =
            crate::read::capital_note(&s, b, me).filter(|_| game.outcome().is_none())
        {
            o.push_str(&wrap(&note, "  Capital ", 4));
        }
    }
    o.push_str(&worth_line(game, me));
    o
}

/// The shorter screen of a week (the terminal's `short`: a tester found some 120 lines a week
/// too many to find what decides the game): the head, the draft, the trust a deal needs, the
/// capital and the answers to "would you sign?" in a line each; the rest is a command away.
pub fn week_screen_short(game: &Game, me: Option<PartyIx>) -> String {
    let s = game.scenario();
    let b = game.state();
    let mut o = week_head(game, me, true);
    o.push_str(&draft_table(&s, b, game.outcome().is_none()));
    // Each negotiator's trust in the others: what a deal needs, and what most often lacks.
    // With many negotiators only the pairs short of it are named.
    let many = s.negotiators.len() > 3;
    let mut pairs: Vec<String> = Vec::new();
    let mut enough = 0;
    // The player's own trust first, then the others' (a tester read the order flip by game).
    let mut from: Vec<PartyIx> = s.negotiators.clone();
    from.sort_by_key(|&p| me != Some(p));
    // Where a quiet week takes each figure, as the window's party cards say: a tester's game
    // was timing the week both trusts stood at what signing needs.
    let quiet = crate::read::quiet_week(&s, b);
    for &p in &from {
        for &q in s.negotiators.iter().filter(|&&q| q != p) {
            let t = b.trust(p, q);
            let ok = t >= s.rules.min_trust;
            enough += usize::from(ok);
            if ok && many {
                continue;
            }
            let mark = if ok { "✓" } else { "✗" };
            let who = |x: PartyIx| match me == Some(x) {
                true => "you".to_string(),
                false => s.parties[x].name.clone(),
            };
            let later = (quiet.as_ref())
                .and_then(|w| crate::read::quiet_words(&s, (p, q), t, w.trust(p, q)))
                .map_or_else(String::new, |w| format!(" ({w})"));
            pairs.push(format!(
                "{} {} {} {} {mark}{later}",
                who(p),
                if me == Some(p) { "trust" } else { "trusts" },
                who(q),
                trust_figure(t, s.rules.min_trust)
            ));
        }
    }
    if many && enough > 0 {
        pairs.push(format!("{enough} other pairs ✓"));
    }
    o.push_str(&wrap(
        &format!("{} (`trust` itemises each).", pairs.join("; ")),
        &format!(
            "Trust a deal needs ({:.0} each way, at the same time): ",
            s.rules.min_trust
        ),
        4,
    ));
    // The gauges and the capital in a line, then the danger, near the foot of the screen (a
    // tester's 40-row terminal showed only its last 40 lines, the gauges scrolled away).
    let (dt, da) = gauge_changes(game);
    let capital = me
        .filter(|_| s.uses_capital())
        .map_or_else(String::new, |me| {
            format!(
                " · Capital {} (about {:+.1} a {})",
                crate::read::capital_of(&s, b, me),
                crate::rules::income(&s, b, me),
                s.turn.one
            )
        });
    let _ = writeln!(
        o,
        "Tension {} {} · Agreement {} {}{capital}",
        crate::rules::describe::tension_gauge(&s, b.tension),
        arrow(dt),
        gauge(b.agreement),
        arrow(da)
    );
    // The player's home front: its hardliners move its walk-away value, and a tester's rose from
    // 66 to 89 over a game on the shorter screen, which had not shown them.
    if let Some(me) = me.filter(|_| game.outcome().is_none()) {
        let to = heading_for(b, me);
        let _ = writeln!(
            o,
            "At home: support {:.0} · your hardliners {:.0}{to} (`trust` shows every side's)",
            b.support(&s, me),
            b.parties[me].hardliners.floor()
        );
    }
    // Capital at or near the cap, as the whole screen says it (a tester's hold firm earned a
    // point it could not keep, and the short screen had not said so).
    if let Some(note) = me
        .and_then(|me| crate::read::capital_note(&s, b, me))
        .filter(|_| game.outcome().is_none())
    {
        o.push_str(&wrap(&note, "  Capital ", 4));
    }
    o.push_str(&danger_line(game, me));
    o.push_str(&agreement_notes(game));
    // A mediator reads what the text is worth to each side: what it scores by.
    o.push_str(&worth_line(game, me));
    let _ = writeln!(
        o,
        "{} (`answers` for why, and every warning)",
        asked(&s, me)
    );
    let holding = holding_now(game);
    for v in game.verdicts() {
        let exact = me.is_none_or(|m| crate::rules::bargain::knows(&s, b, m, v.party));
        // Its first reason, a red line in a few words (`answers` quotes it).
        let first = (v.summary_brief_for(&s, exact).into_iter())
            .next()
            .map(|b| b.0)
            .unwrap_or_default();
        let answer = match (v.would_sign, b.parties[v.party].accepted) {
            (true, true) => "yes, and has accepted it".to_string(),
            (true, false) if holding.contains(&v.party) => {
                format!("yes, but {}", crate::read::holds_out_line(&s))
            }
            (true, false) => "yes".to_string(),
            (false, _) => "no".to_string(),
        };
        let line = if v.would_sign || first.is_empty() {
            format!("{}: {answer}", s.parties[v.party].name)
        } else {
            format!("{}: {answer} — {first}", s.parties[v.party].name)
        };
        o.push_str(&wrap(&line, "  ", 6));
    }
    // What the week's end alone would turn (a tester found these, which decide whether to
    // accept now, only under `answers`).
    if game.outcome().is_none() {
        for (mark, line) in outlook_marked(&s, b, me) {
            o.push_str(&wrap(&line, mark, 6));
        }
    }
    o
}

/// A mediator's reading of what the text is worth to each negotiator (what it scores by), while
/// the game goes on; empty for a negotiator.
fn worth_line(game: &Game, me: Option<PartyIx>) -> String {
    let Some(me) = me.filter(|_| game.outcome().is_none()) else {
        return String::new();
    };
    let s = game.scenario();
    // And how balanced the text is, which the mediator scores a deal by.
    [
        crate::read::worth_to_negotiators(&s, game.state(), me),
        crate::read::balance_note(&s, game.state(), me),
    ]
    .into_iter()
    .flatten()
    .map(|line| wrap(&line, "", 4))
    .collect()
}

/// ", heading for 96" after party `p`'s hardliners' support, while past pushes still move it
/// ([`crate::read::hardliners_heading`]); empty otherwise.
fn heading_for(b: &crate::rules::Negotiation, p: PartyIx) -> String {
    crate::read::hardliners_heading(b, p)
        .map(|t| format!(", heading for {t:.0}"))
        .unwrap_or_default()
}

/// The head of a week's screen: the turn, the gauges, the danger, the week's news.
/// Under the gauges, at agreement 100 or near it while the game goes on: who would sign and
/// whom the deal waits for, or that agreement is not yet a deal and who would not sign.
fn agreement_notes(game: &Game) -> String {
    let (s, b) = (game.scenario(), game.state());
    let mut o = String::new();
    if game.outcome().is_some() {
        return o;
    }
    let verdicts = game.verdicts();
    let notes = [
        crate::read::full_agreement_note(&s, b, &verdicts),
        crate::read::high_agreement_note(&s, b, &verdicts),
    ];
    for note in notes.into_iter().flatten() {
        o.push_str(&wrap(&format!("{note}."), "  ", 4));
    }
    o
}

/// The changes of tension and agreement over the last week played, as the gauges show them
/// (cut to a tenth each).
fn gauge_changes(game: &Game) -> (f64, f64) {
    let (b, hist) = (game.state(), game.history());
    let shown = crate::rules::describe::shown_change;
    (hist.len().checked_sub(2).map(|i| &hist[i].talks)).map_or((0.0, 0.0), |p| {
        (shown(p.tension, b.tension), shown(p.agreement, b.agreement))
    })
}

fn week_head(game: &Game, me: Option<PartyIx>, short: bool) -> String {
    let s = game.scenario();
    let b = game.state();
    let mut o = String::new();
    let (dt, da) = gauge_changes(game);
    // The turn being chosen: the first screen reads "week 1".
    let turn = if game.outcome().is_none() {
        (b.week + 1).min(s.weeks)
    } else {
        b.week
    };
    let _ = writeln!(
        o,
        "\n=== {} | {} {} of {}{} ===",
        s.title,
        s.turn.one,
        turn,
        s.weeks,
        match game.outcome() {
            Some(_) if b.week >= s.weeks => ", the last",
            // Over before its time: a deal, a war or a collapse.
            Some(_) => ", the talks are over",
            // The last being chosen: a tester played it unwarned.
            None if turn >= s.weeks => ", the last: no deal by its end is a stalemate",
            None => "",
        }
    );
    // (The shorter screen gives the gauges and the danger lower down, by the answers and the
    // moves, where a short terminal still shows them.)
    if !short {
        let _ = writeln!(
            o,
            "Tension   {:>4} {} {}",
            // Whole points are cut, not rounded: agreement reads 100 only when it is 100 (every
            // negotiator would sign), tension 100 only at war.
            crate::rules::describe::tension_gauge(&s, b.tension),
            bar(b.tension, 20),
            arrow(dt)
        );
        let _ = writeln!(
            o,
            "Agreement {:>4} {} {}",
            gauge(b.agreement),
            bar(b.agreement, 20),
            arrow(da)
        );
        o.push_str(&danger_line(game, me));
        o.push_str(&agreement_notes(game));
    }
    if !b.causes.is_empty() {
        let c: Vec<String> = (b
            .causes
            .iter()
            .zip(crate::read::cause_tenths(&b.causes, dt)))
        .map(|(c, d)| format!("{} {d:+.1}", c.source.cause_label(&s)))
        .collect();
        let when = if b.week == 0 {
            "at the start".to_string()
        } else {
            format!("in {} {} (the last played)", s.turn.one, b.week)
        };
        let _ = writeln!(o, "  tension {when}: {}", c.join("; "));
    }
    let week_news: Vec<&sim::News> = game
        .news()
        .iter()
        .filter(|n| n.week == b.week && b.week > 0)
        // A note told to one seat alone (what its move showed it) is not read out on another's
        // screen of a hot seat; an observer reads everything, as over the network.
        .filter(|n| n.told_to(me))
        .collect();
    if !week_news.is_empty() {
        // The window's mark for an event; `!` marks a contested clause in the draft below.
        let _ = writeln!(o, "News (◆ an event, · a move, § the text):");
        let lines: Vec<(NewsKind, String)> = match short {
            true => (crate::read::grouped_news(&s, &week_news, "marked ~ below").into_iter())
                .map(|l| (l.kind, l.text))
                .collect(),
            false => (week_news.iter())
                .map(|n| (n.kind, n.text.clone()))
                .collect(),
        };
        for (kind, text) in lines {
            let mark = match kind {
                NewsKind::Event => "◆",
                NewsKind::Move => "·",
                NewsKind::Draft => "§",
                NewsKind::Outcome => "#",
            };
            let _ = writeln!(o, "  {mark} {text}");
        }
    }
    o
}

/// The draft with each clause's level, banked, contested and changed marks and red-line marks;
/// with `notes`, a line under it for each contested clause ([`crate::read::contested_note`]).
pub fn draft_table(s: &Scenario, b: &Negotiation, notes: bool) -> String {
    draft_table_at(s, b, notes, screen_width())
}

/// Each issue's levels in order, the draft's own in brackets (the `draft` command: a tester
/// could not tell from the terminal which wordings a clause could take, or where a bridge would
/// aim); "or not addressed" where the issue may stay out of a deal (as the draft names a clause
/// left out: a tester read "left out" here and "not addressed" in the draft), "in no order"
/// where its levels have none.
pub fn ladders(s: &Scenario, b: &Negotiation) -> String {
    let mut o = String::from("Each clause's possible wordings, the draft's in [brackets]:\n");
    for (i, issue) in s.issues.iter().enumerate() {
        let line = format!(
            "{}{}",
            issue.name,
            crate::read::ladder(s, i, b.draft.levels[i])
        );
        o.push_str(&wrap(&line, "  ", 6));
    }
    o
}

/// [`draft_table`] for `width` columns.
fn draft_table_at(s: &Scenario, b: &Negotiation, notes: bool, width: usize) -> String {
    let draft = &b.draft;
    // Rows that bank at this week's end unless changed are marked in the banked column.
    let banking = if notes {
        crate::read::banking(s, b)
    } else {
        Vec::new()
    };
    let soon = if banking.is_empty() {
        String::new()
    } else {
        format!(", + banks at this {}'s end unless changed", s.turn.one)
    };
    let mut o = wrap_at(
        &format!(
            "Draft (version {}; * banked{soon}, ! contested, ~ changed this {}, ✓ keeps or ✗ \
             breaks a red line):",
            draft.version, s.turn.one
        ),
        "",
        4,
        width,
    );
    // Columns as wide as the longest issue name (at least 26).
    let name = s
        .issues
        .iter()
        .map(|i| i.name.chars().count())
        .max()
        .unwrap_or(0)
        .max(26);
    // ... and as the longest clause of this text (at least 20, at most 48).
    let level = s
        .issues
        .iter()
        .zip(&draft.levels)
        .map(|(i, &l)| i.level_name(l).chars().count())
        .max()
        .unwrap_or(0)
        .clamp(20, 48);
    for (i, issue) in s.issues.iter().enumerate() {
        let changed = draft.changes.iter().any(|c| c.issue == i);
        // Banked, contested, changed this week: a column each.
        let flag = |on: bool, c: char| if on { c } else { ' ' };
        let mark = format!(
            "{}{}{}",
            if banking.contains(&i) {
                '+'
            } else {
                flag(draft.banked[i], '*')
            },
            flag(draft.is_contested(i), '!'),
            flag(changed, '~')
        );
        // A red line over several issues is marked whole, on each issue it covers.
        let lines: Vec<String> = crate::read::line_marks(s, &draft.levels, i)
            .iter()
            .filter(|m| m.binds)
            .map(|m| {
                let joint = if m.joint { " (joint)" } else { "" };
                // No-break spaces: a wrapped row keeps each mark with its party's whole name.
                let name = s.parties[m.party].name.replace(' ', "\u{a0}");
                format!("{}\u{a0}{name}{joint}", m.symbol())
            })
            .collect();
        let head = format!(" {mark} {:<name$} ", issue.name);
        let row = format!("{head}{:<level$}", issue.level_name(draft.levels[i]));
        let marks = lines.join(", ");
        if row.chars().count() + 1 + marks.chars().count() <= width {
            let _ = writeln!(o, "{row} {marks}");
        } else {
            // Too wide for the terminal: the clause wraps in its own column, and the marks go
            // under it at the same indent, rather than wherever the row happens to break.
            let at = 6 + name;
            o.push_str(&wrap_at(
                issue.level_name(draft.levels[i]),
                &head,
                at,
                width,
            ));
            if !marks.is_empty() {
                o.push_str(&wrap_at(&marks, &" ".repeat(at), at, width));
            }
        }
    }
    for i in (0..s.issues.len()).filter(|_| notes) {
        if let Some(note) = crate::read::contested_note(s, draft, i) {
            o.push_str(&wrap_at(&note, "  !  ", 5, width));
        }
    }
    if let Some(note) = crate::read::banking_note(s, b).filter(|_| notes) {
        o.push_str(&wrap_at(&note, "  +  ", 5, width));
    }
    o
}

/// Parties: presence, troops, support, and trust toward the player with its ledger (and, while
/// the game goes on, `open`, where the fading alone takes each figure by the week's end); `ai`
/// the parties the AI plays by its own judgement ([`crate::sim::ai_played`]).
pub fn parties_table(
    s: &Scenario,
    b: &Negotiation,
    me: Option<PartyIx>,
    full: bool,
    open: bool,
    ai: &[PartyIx],
) -> String {
    let mut o = String::new();
    // The week with no move, predicted once for every ledger's "after a quiet week".
    let quiet = open.then(|| crate::read::quiet_week(s, b)).flatten();
    let _ = writeln!(o, "Parties:");
    // The names' column fits the longest name, so the columns after it line up.
    let w = s
        .parties
        .iter()
        .map(|p| p.name.chars().count())
        .max()
        .unwrap_or(0)
        .max(22);
    for (p, party) in s.parties.iter().enumerate() {
        let row = &b.parties[p];
        let status = crate::read::away(s, b, p)
            .map(|a| format!(" [{a}]"))
            .unwrap_or_default();
        // A signatory accepts nothing at the table: it consents to the text or it does not.
        let acc = crate::read::Consent::of(s, b, p)
            .text()
            // Kept on one line when the row wraps.
            .map(|t| format!(" [{}]", t.replace(' ', "\u{a0}")))
            .unwrap_or_default();
        let troops = if row.troops > 0 {
            format!(", {} troops", crate::rules::describe::group(row.troops))
        } else {
            String::new()
        };
        // Support at home, and its hardliners' part (what concessions and many conditions
        // read), with where it is heading when past weeks' pushes are still working through.
        let to = heading_for(b, p);
        let _ = writeln!(
            o,
            "  {:<w$} {:<14} support {:>3.0} (hardliners {:>3.0}{to}){}{}{}",
            party.name,
            crate::read::role_label(party.role),
            b.support(s, p),
            // Cut, not rounded: "54" is below a threshold of 55.
            row.hardliners.floor(),
            troops,
            status,
            acc
        );
    }
    // What "heading for" means, with the pace of the player's own hardliners when they are
    // heading somewhere, else of the first party's that are (the pace differs by party).
    let heading = |p: &PartyIx| crate::read::hardliners_heading(b, *p).is_some();
    if let Some(p) = me
        .filter(heading)
        .or_else(|| (0..s.parties.len()).find(heading))
    {
        o.push_str(&wrap(&crate::read::heading_note(s, p), "  ", 4));
    }
    // What the player's own hardliners' figure means (a tester could not tell whether a rising
    // figure was good or bad): while it is heading somewhere, and in the ledgers in full.
    if let Some(me) = me.filter(|p| full || heading(p)) {
        o.push_str(&wrap(
            &crate::read::hardliners_note(s, b, me, Some(me)),
            "  ",
            4,
        ));
    }
    // The mediator (and anyone outside the talks) sees how far the negotiators trust
    // each other, against the trust they need to sign.
    if me.is_none_or(|me| s.parties[me].role != Role::Negotiator) {
        let _ = writeln!(
            o,
            "Trust between the negotiators (each needs {:.0} to sign):",
            s.rules.min_trust
        );
        for &p in &s.negotiators {
            for &q in s.negotiators.iter().filter(|&&q| q != p) {
                let head = format!(
                    "  {:<w$} trusts {:<w$} {:>4}",
                    s.parties[p].name,
                    s.parties[q].name,
                    trust_figure(b.trust(p, q), s.rules.min_trust),
                );
                with_ledger(&mut o, &head, s, b, (p, q), (full, quiet.as_ref()));
            }
        }
    }
    if let Some(me) = me {
        // A mediator signs nothing: only the negotiators' trust in each other decides a deal
        // (a tester as Oman could not tell what its own figures were for).
        let needs = if s.negotiators.contains(&me) {
            ""
        } else {
            "; no deal needs it, only the negotiators' trust in each other above"
        };
        let _ = writeln!(o, "Trust toward you ({}{needs}):", s.parties[me].name);
        for p in s.negotiators.iter().copied().filter(|&p| p != me) {
            let head = format!(
                "  {:<w$} {:>4}",
                s.parties[p].name,
                crate::rules::describe::trust_shown(s, p, me, b.trust(p, me))
            );
            with_ledger(&mut o, &head, s, b, (p, me), (full, quiet.as_ref()));
        }
        // A negotiator sees its own trust in the others, against what signing needs.
        if s.parties[me].role == Role::Negotiator {
            // What of the player's own can raise it, while it is short of what signing needs
            // (a tester could not find how to raise Iran's trust in the United States).
            let short = |q: PartyIx| b.trust(me, q) < s.rules.min_trust;
            let (choices, previews) = if s.negotiators.iter().any(|&q| q != me && short(q)) {
                let all = crate::rules::legal_choices(s, &crate::rules::opened(b), me);
                let previews = crate::read::previews(s, b, me, &all);
                (all, previews)
            } else {
                (Vec::new(), Vec::new())
            };
            for &q in s.negotiators.iter().filter(|&&q| q != me) {
                let head = format!(
                    "Your trust in {}: {} (you need {:.0} to sign)",
                    s.parties[q].name,
                    trust_figure(b.trust(me, q), s.rules.min_trust),
                    s.rules.min_trust,
                );
                with_ledger(&mut o, &head, s, b, (me, q), (full, quiet.as_ref()));
                if !short(q) {
                    continue;
                }
                let ai = ai.contains(&q);
                let note = crate::read::own_trust_note(s, b, me, q, &choices, &previews, ai);
                o.push_str(&wrap(&note, "  ", 4));
            }
        }
        // The others' trust in the player: some moves and events read it (a regional state
        // offers guarantees once it trusts you enough), as the window shows them (tenths near
        // a level a condition reads); then the ledger of each that has more than its base.
        let elsewhere: Vec<PartyIx> = (0..s.parties.len())
            .filter(|&p| p != me && !s.negotiators.contains(&p))
            .collect();
        let figure = |p: PartyIx| crate::rules::describe::trust_plain(s, b.trust(p, me));
        let (itemised, plain): (Vec<PartyIx>, Vec<PartyIx>) = (elsewhere.iter())
            .partition(|&&p| !crate::rules::describe::trust_ledger(s, b, p, me).is_empty());
        let plain: Vec<String> = (plain.iter())
            .map(|&p| format!("{} {}", s.parties[p].name, figure(p)))
            .collect();
        if !plain.is_empty() {
            o.push_str(&wrap(&plain.join(", "), "Trust in you elsewhere: ", 4));
        } else if !itemised.is_empty() {
            let _ = writeln!(o, "Trust in you elsewhere:");
        }
        for p in itemised {
            let head = format!("  {} {}", s.parties[p].name, figure(p));
            with_ledger(&mut o, &head, s, b, (p, me), (full, quiet.as_ref()));
        }
        // What the player believes the other negotiators care about.
        let reveals = crate::read::revealing_move(s, me);
        for &q in s.negotiators.iter().filter(|&&q| q != me) {
            let known = crate::rules::bargain::knows(s, b, me, q);
            let w = crate::rules::bargain::believed_weights(s, b, me, q);
            let mut top: Vec<(usize, f64)> = w.iter().copied().enumerate().collect();
            top.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
            // An even guess names no issue (it read "12 %, 12 %, 12 %, 12 %" for 1 in 8).
            let even = w.iter().all(|x| (x - w[0]).abs() < 1e-9);
            let items: Vec<String> = if even && w.len() > 1 {
                vec![format!(
                    "every one of the {} issues alike ({}\u{a0}% each)",
                    w.len(),
                    crate::rules::describe::points(100.0 / w.len() as f64)
                )]
            } else {
                top.iter()
                    .take(4)
                    .map(|(i, w)| format!("{} {:.0}\u{a0}%", s.issues[*i].name, w * 100.0))
                    .collect()
            };
            let seen: u32 = b.parties[q]
                .pushed
                .iter()
                .chain(&b.parties[q].gave)
                .map(|&n| u32::from(n))
                .sum();
            let line = format!(
                "{} cares most about{}: {}",
                s.parties[q].name,
                if !s.parties[q].hidden_preferences {
                    " (its priorities are public)".to_string()
                } else if known {
                    " (revealed)".to_string()
                } else {
                    if seen == 0 {
                        " (no sign yet: an even guess until it changes the text".to_string()
                            + &reveals.map_or(")".to_string(), |m| format!(" or “{m}” reveals it)"))
                    } else {
                        format!(
                            " (≈ your rough estimate from {seen} changes it made to the text{})",
                            reveals.map_or(String::new(), |m| format!("; “{m}” reveals it"))
                        )
                    }
                },
                items.join(", ")
            );
            // Wrapped under its first words, as a paragraph of its own.
            o.push_str(&wrap(&line, "", 4));
        }
    }
    o
}

/// The number of a choice in the party's [`catalogue`] (1-based).
pub fn number(numbers: &[crate::rules::Choice], c: &crate::rules::Choice) -> usize {
    numbers.iter().position(|x| x == c).map_or(0, |i| i + 1)
}

/// The scenario's hints for the player of `me` this turn ([`crate::read::hints`]), one wrapped
/// paragraph each; empty when none holds.
pub fn hints(s: &Scenario, st: &Negotiation, me: PartyIx) -> String {
    crate::read::hints(s, st, me)
        .into_iter()
        .map(|h| wrap(h, "Hint: ", 6))
        .collect()
}

/// The list of the player's legal moves this week, each under its number for the whole game,
/// with its cost and expected effects.
pub fn moves_list(
    s: &Scenario,
    st: &Negotiation,
    me: PartyIx,
    scored: &[Scored],
    numbers: &[crate::rules::Choice],
    brief: bool,
    ahead: &crate::seen::Ahead,
) -> String {
    let mut o = String::new();
    // A move that reopens a banked clause at a cost in trust is marked: it costs more than its
    // price.
    let choices: Vec<crate::rules::Choice> = scored.iter().map(|m| m.choice).collect();
    let mut previews = crate::read::previews(s, st, me, &choices);
    previews.iter_mut().for_each(|p| p.keep_live(&ahead.live));
    let utility = crate::read::utility_counts(s, me);
    let capital = s.uses_capital();
    // (The shorter screen's head fits a line: the whole screen's names what T, A and U are.)
    let _ = match brief {
        false => writeln!(
            o,
            "Your moves ({}expected: tension, agreement{}; `why N` says more):",
            if capital { "capital; " } else { "" },
            if utility { ", your utility" } else { "" },
        ),
        true => writeln!(
            o,
            "Your moves ({}expected T, A{}; `why N` says more; … marks a note left out):",
            if capital { "capital; " } else { "" },
            if utility { ", U" } else { "" },
        ),
    };
    // Each move keeps its number all game: a number left out is a move not open this week
    // (the whole screen says so).
    if scored.len() < numbers.len() && !brief {
        let _ = writeln!(
            o,
            "  (A number left out is a move not open to you this {}: `why N` says why.)",
            s.turn.one
        );
    }
    // Another party moving first may change the text (the figures are for the move taken alone).
    // (On the short screen, who moves first alone, … marking the rest left out.)
    if let Some(note) = crate::read::redraft_order_note(s, st, me, &ahead.ai) {
        let note = match note.split_once(": ") {
            Some((head, _)) if brief => format!("{head} …"),
            _ => note,
        };
        o.push_str(&wrap(&format!("({note})"), "  ", 3));
    }
    if let Some(note) = crate::read::drift_note(s, st, "T").filter(|_| !brief) {
        o.push_str(&wrap(&format!("({note})"), "  ", 3));
    }
    let balances = crate::read::balance_marks(s, st, me, &choices);
    for ((sc, pv), balance) in scored.iter().zip(&previews).zip(&balances) {
        let key = s.moves[sc.choice.mv]
            .key
            .map(|k| format!("[{k}]"))
            .unwrap_or_default();
        let cost = s.moves[sc.choice.mv].cost;
        // The label column narrows with a narrow terminal (the figures take 40 columns); a
        // longer label wraps inside it, so the figures stay in their columns.
        let width = screen_width();
        let label = width.saturating_sub(40).clamp(20, 52);
        let head = format!("  {:>3} {:<4} ", number(numbers, &sc.choice), key);
        // `0.0 - cost`, not `-cost`: a free move shows +0, never -0.
        let price = if capital {
            format!("({:>+3.0}) ", 0.0 - cost)
        } else {
            String::new()
        };
        let figures = format!(
            "{price}T{:>5} A{:>5}{}",
            crate::read::signed(sc.d_tension, 1),
            crate::read::signed(sc.d_agreement, 1),
            if utility {
                format!(" U{}", crate::read::signed(sc.d_utility, 3))
            } else {
                String::new()
            },
        );
        // Only a reopening that costs trust is marked (a concession on a banked clause costs
        // none).
        let marks = match (pv.reopens.iter().all(|r| r.1 == 0), pv.contests.is_empty()) {
            (true, true) => "",
            (false, true) => "reopens a banked * clause",
            (true, false) => "contests a clause (!)",
            (false, false) => "reopens a banked * clause; contests a clause (!)",
        };
        // The trust a deal needs, as the window's move lines give it: a play-test found only by
        // chance that a concession earns as much trust as a back channel.
        let trust = crate::read::trust_effect(s, me, pv).unwrap_or_default();
        // An acceptance a deal rests on that the move takes back.
        let withdraws = crate::read::withdraw_mark(s, pv).unwrap_or_default();
        let red = crate::read::red_line_mark(s, pv).unwrap_or_default();
        // Whose answer to "would you sign?" it turns, first: what a deal waits for.
        let answers = crate::read::answers_mark(s, pv).unwrap_or_default();
        // The mediator: how it moves the text's balance.
        let balance = balance.clone().unwrap_or_default();
        // The events it lets come next week, or keeps from coming.
        // (The risks it takes among the first marks, as the window's cards give them.)
        let [risks, events] = crate::read::events_marks(s, pv).map(Option::unwrap_or_default);
        // The slower way to trust it takes the player along (`why N` gives the way).
        let way =
            crate::read::way_mark(s, st, me, &sc.choice, pv).map_or_else(String::new, |w| w.0);
        let note = [
            answers.as_str(),
            red.as_str(),
            risks.as_str(),
            balance.as_str(),
            marks,
            withdraws.as_str(),
            trust.as_str(),
            way.as_str(),
            events.as_str(),
        ]
        .into_iter()
        .filter(|x| !x.is_empty())
        .collect::<Vec<_>>()
        .join("; ");
        // A figure stays with what it measures when the note wraps ("their trust" then "-11"
        // alone on a line, a tester saw): no-break spaces before signed figures.
        let note = note.replace(" +", "\u{a0}+").replace(" -", "\u{a0}-");
        let note = note.as_str();
        let pad = " ".repeat(head.chars().count());
        // A party's name never breaks across lines (no-break spaces inside it).
        let mut name = ai::choice_label(s, &sc.choice);
        // Accepted already: the move accepts again, as the window's button says (a tester saw
        // the plain row and took the acceptance for not given).
        if s.derived.moves[sc.choice.mv].accepts && st.parties[me].accepted {
            name.push_str(" again");
        }
        if let Some(q) = sc.choice.party {
            let whole = &s.parties[q].name;
            name = name.replace(whole.as_str(), &whole.replace(' ', "\u{a0}"));
        }
        let mut parts = split_words(&name, label);
        // The shorter screen keeps a long name to its column, cut with "…".
        if brief && parts.len() > 1 {
            let kept: String = parts[0].chars().take(label.saturating_sub(1)).collect();
            parts = vec![format!("{kept}…")];
        }
        let mut first = format!("{head}{:<label$} {figures}", parts[0]);
        let note_fits = first.chars().count() + 2 + note.chars().count() <= width;
        if !note.is_empty() && note_fits {
            let _ = write!(first, "  {note}");
        } else if !note.is_empty() && brief {
            // The shorter screen gives a move one line: `why N` has what did not fit.
            first.push_str("  …");
        }
        let _ = writeln!(o, "{first}");
        for part in &parts[1..] {
            let _ = writeln!(o, "{pad}{part}");
        }
        // Save the risk of a bad event it takes, on a line of its own, as a window's compact
        // card keeps it (on the shorter screen from the first week, a cut note would hide
        // "risks Israeli strike …" behind its "…").
        if brief && !note_fits && !risks.is_empty() {
            o.push_str(&wrap(&format!("{risks} …"), &pad, pad.chars().count() + 4));
        }
        if !note.is_empty() && !note_fits && !brief {
            let _ = writeln!(o, "{pad}{note}");
        }
    }
    if let Some(line) = crate::read::too_costly(s, st, me) {
        o.push_str(&wrap(&format!("{line}."), "  ", 4));
    }
    o
}

/// When the player may accept the text: what it is worth against the walk-away value, the score
/// a deal on it would earn now, and who else must accept it (the window's signing card).
pub fn signing(
    game: &Game,
    me: PartyIx,
    scored: &[Scored],
    numbers: &[crate::rules::Choice],
) -> String {
    let s = game.scenario();
    let mean = sim::mean_tension(&s, game.history());
    let ahead = crate::seen::Ahead::of(&game.world, Some(me));
    let Some(sg) = crate::seen::Signing::of(&s, game.state(), mean, me, scored, &ahead)
        .filter(|_| game.outcome().is_none())
    else {
        return String::new();
    };
    let head = if sg.accepted {
        "To accept again:"
    } else {
        "To sign:"
    };
    let mut o = wrap(
        &format!(
            "{head} {} (move {}). {} {} {}.",
            ai::choice_label(&s, &sg.choice),
            number(numbers, &sg.choice),
            sg.worth_text(),
            sg.would_score(&s),
            sg.score_text(&s)
        ),
        "",
        4,
    );
    // Then, each on its own line, as the window's card has them: what accepting again guards
    // against, what could keep the acceptance from making the deal (most pressing first: ✗
    // blocks it, ⚠ risks it), how an acceptance stands, who may change the text before the
    // move (and after it), and who else must accept.
    let waiting = (!sg.waiting.is_empty())
        .then(|| format!("{}.", crate::read::waiting_note(&s, &sg.waiting)));
    // How the acceptance stands: what accepting again guards against, or that it stands.
    let standing = sg.standing_note(&s).map(|n| format!("{n}."));
    let (renewal, standing) = if sg.accepted {
        (standing, None)
    } else {
        (None, standing)
    };
    let lines = (renewal.into_iter())
        .chain(sg.cautions.iter().map(crate::seen::Caution::marked))
        .chain(standing)
        .chain(sg.order.iter().cloned())
        .chain(waiting);
    for line in lines {
        o.push_str(&wrap(&line, "  ", 4));
    }
    o
}

/// "why N": what a move does this turn (`preview`: [`crate::read::Preview::lines`]) and the
/// reasoning behind its score.
pub fn why(
    s: &Scenario,
    me: PartyIx,
    week: u32,
    (sc, all): (&Scored, &[Scored]),
    preview: &[String],
) -> String {
    let m = &s.moves[sc.choice.mv];
    let mut o = format!("{}\n", ai::choice_label(s, &sc.choice));
    if !m.help.is_empty() {
        let _ = writeln!(o, "  {}", m.help);
    }
    let _ = writeln!(o, "  {}:", crate::read::preview_heading(s, week));
    for line in preview {
        let _ = writeln!(o, "    {line}");
    }
    let _ = writeln!(o, "    {}", crate::read::effects_line(s, me, sc));
    let _ = writeln!(
        o,
        "  How your advisers score it (+ in your favour, - against):"
    );
    // The figures in one column, however long the longest label ("worse odds of a deal for
    // us" ran past it).
    let terms: Vec<(&str, f64)> = sc.directed_terms().collect();
    let total = "score (as the AI sees it)";
    let w = (terms.iter().map(|t| t.0.chars().count()))
        .chain([total.len()])
        .max()
        .unwrap_or(0);
    for (label, value) in terms {
        let _ = writeln!(o, "    {label:<w$} {value:+.3}");
    }
    let _ = writeln!(o, "    {total:<w$} {:+.3}", sc.score);
    // What it is measured against, and the highest of the player's moves.
    let context = format!("({})", crate::read::in_all_context(s, sc, all));
    o.push_str(&wrap(&context, "    ", 4));
    if let Some(note) = crate::read::foreseen_note(s, sc) {
        o.push_str(&wrap(&note, "    ", 4));
    }
    if let Some(src) = &m.source {
        let _ = writeln!(o, "  source: \"{src}\"");
    }
    o
}

/// Each negotiator's answer to "would you sign?", the warnings (each risk to the trust a deal
/// needs folded to its largest threats), then the AI parties' moves and reasons (the screen of
/// each turn).
pub fn answers(game: &Game, me: Option<PartyIx>) -> String {
    answers_with(game, me, false)
}

/// [`answers`] with every threat to the trust a deal needs named (the `answers` command).
pub fn all_answers(game: &Game, me: Option<PartyIx>) -> String {
    answers_with(game, me, true)
}

/// The question the answers answer: "would you sign?" to a negotiator's seat, "would they
/// sign?" to the mediator or an onlooker, who sign nothing.
fn asked(s: &Scenario, me: Option<PartyIx>) -> &'static str {
    if me.is_some_and(|m| s.negotiators.contains(&m)) {
        "Would you sign this draft?"
    } else {
        "Would they sign this draft?"
    }
}

/// The negotiators the AI plays that would sign but hold out for more this week (none once the
/// game is over).
fn holding_now(game: &Game) -> Vec<PartyIx> {
    if game.outcome().is_none() {
        sim::holding_out(&game.world)
    } else {
        Vec::new()
    }
}

/// What the week's end alone would turn ([`crate::read::outlook`]), each line with its mark: a
/// risk ⚠, good news →; another party's hidden numbers left out unless `me` knows them.
fn outlook_marked(
    s: &Scenario,
    st: &Negotiation,
    me: Option<PartyIx>,
) -> Vec<(&'static str, String)> {
    (crate::read::outlook(s, st).iter())
        .map(|v| {
            let exact = me.is_none_or(|m| crate::rules::bargain::knows(s, st, m, v.party));
            // Good news is not a warning.
            let mark = if v.would_sign { "  → " } else { WARN };
            (mark, crate::read::outlook_line(s, v, exact))
        })
        .collect()
}

/// How the answers mark a warning: as the signing card marks a risk to the deal.
const WARN: &str = "  ⚠ ";

fn answers_with(game: &Game, me: Option<PartyIx>, all: bool) -> String {
    // An onlooker (watching, or the facilitator) has no `answers` command: nothing is folded.
    let all = all || me.is_none();
    let s = game.scenario();
    let mut o = String::new();
    // Why the AI parties moved, after the answers and warnings (a tester found the answer
    // that matters buried under them).
    let mut why = String::new();
    let explained = game.decisions().explained.clone();
    if !explained.is_empty() {
        let _ = writeln!(why, "Why they moved:");
        let note = format!("({})", crate::read::why_they_moved(&s));
        why.push_str(&wrap(&note, "  ", 3));
        // Parties whose reasons read alike share a line ("Qatar and Regional counterparts:
        // Watch and wait (…)"), in the order of the first of them.
        let mut lines: Vec<(Vec<&str>, String)> = Vec::new();
        for d in &explained {
            let exact = crate::read::knows(&s, game.state(), me, d.party);
            let text = ai::explain_for(&s, d, exact);
            let name = s.parties[d.party].name.as_str();
            let rest = text.strip_prefix(name).unwrap_or(&text).to_string();
            match lines
                .iter_mut()
                .find(|l| l.1 == rest && rest.starts_with(": "))
            {
                Some(l) => l.0.push(name),
                None => lines.push((vec![name], rest)),
            }
        }
        for (names, rest) in &lines {
            let who = crate::read::joined(names, "and").unwrap_or_default();
            why.push_str(&wrap(&format!("{who}{rest}"), "  ", 6));
        }
    }
    let st = game.state();
    // Where a red line is named in a few words, where to read it whole.
    let quoted = !all
        && (game.verdicts().iter())
            .flat_map(|v| &v.grounds)
            .any(|g| matches!(g, crate::rules::Ground::RedLine { kept: false, .. }));
    let whole = if quoted {
        " (`answers` quotes each red line named)"
    } else {
        ""
    };
    let _ = writeln!(o, "{}{whole}", asked(&s, me));
    let holding = holding_now(game);
    for v in game.verdicts() {
        // Another party's worth and walk-away are hidden numbers until revealed.
        let exact = me.is_none_or(|m| crate::rules::bargain::knows(&s, st, m, v.party));
        let holds = if holding.contains(&v.party) {
            format!(", but {}", crate::read::holds_out_line(&s))
        } else {
            String::new()
        };
        let _ = writeln!(
            o,
            "  {}: {}{holds} — {}",
            s.parties[v.party].name,
            if v.would_sign { "yes" } else { "no" },
            // A red line in a few words on the week's screen; `answers` quotes it with its rule.
            if all {
                v.summary_for(&s, exact).join("; ")
            } else {
                let brief = v.summary_brief_for(&s, exact);
                brief
                    .into_iter()
                    .map(|b| b.0)
                    .collect::<Vec<_>>()
                    .join("; ")
            }
        );
    }
    if game.outcome().is_none() {
        for (mark, line) in outlook_marked(&s, st, me) {
            let _ = writeln!(o, "{mark}{line}");
        }
        let coming = sim::may_come(&game.world, me);
        let mut folded = false;
        for r in crate::read::TrustRisk::of(&s, st, &coming, me) {
            let text = if all { r.text(&s) } else { r.brief_text(&s) };
            folded |= !all && r.others() > 0;
            let _ = writeln!(o, "{WARN}{text}.");
        }
        for r in crate::read::WalkAwayRisk::of(&s, st, &coming, me) {
            let _ = writeln!(o, "{WARN}{}.", r.text(&s, me));
        }
        let resigning = sim::resigning(&game.world);
        if let Some(u) = crate::read::unsettle_warning(&s, st, &coming, me, &resigning) {
            let _ = writeln!(o, "{WARN}{u}.");
        }
        if folded {
            let _ = writeln!(o, "    (`answers` names every other event and move.)");
        }
    }
    o.push_str(&why);
    o
}

/// The end screen: outcome, reasons, score and debrief.
pub fn end_screen(game: &Game, me: Option<PartyIx>) -> String {
    end_screen_for(game, me.as_slice())
}

/// [`end_screen`] for the players of `seats` (a hot seat): each one's score and review of the
/// deal, then the debrief once.
pub fn end_screen_for(game: &Game, seats: &[PartyIx]) -> String {
    let s = game.scenario();
    let mut o = String::new();
    let Some(out) = game.outcome().cloned() else {
        return o;
    };
    let title = match out.kind {
        OutcomeKind::Deal => "DEAL",
        OutcomeKind::War => "WAR",
        OutcomeKind::Collapse => "COLLAPSE",
        OutcomeKind::Stalemate => "STALEMATE",
    };
    // Talks called off end after the last turn played, not in it.
    let when = if !out.reasons.contains(&crate::rules::Reason::Called) {
        format!("in {} {}", s.turn.one, out.week)
    } else if out.week == 0 {
        format!("before {} 1", s.turn.one)
    } else {
        format!("after {} {}", s.turn.one, out.week)
    };
    let _ = writeln!(o, "\n##### {title} {when} #####");
    for r in &out.reasons {
        let _ = writeln!(o, "  - {}", r.text(&s));
    }
    let mean = sim::mean_tension(&s, game.history());
    let all = sim::end_scores(&s, game.state(), mean, &out);
    for &me in seats {
        let sc = &all[me];
        let _ = writeln!(
            o,
            "Your score as {}: {:.0} ({}; mean tension {:.0})",
            s.parties[me].name,
            sc.total,
            crate::read::score_parts(&s, sc),
            sc.mean_tension
        );
        if let Some(r) = &sc.review {
            o.push_str(&review_table(&s, r, me));
        }
        for line in crate::read::revealed_priorities(&s, game.state(), me) {
            o.push_str(&wrap(&line, "", 4));
        }
    }
    // The news the screen's readers were told: a note told to one seat is not read out on a
    // hot seat's shared screen (an onlooker reads everything).
    let news: Vec<sim::News> = (game.news().iter())
        .filter(|n| n.told_to_all(seats))
        .cloned()
        .collect();
    let d = sim::debrief::debrief(&s, game.history(), &news);
    let _ = writeln!(o, "What happened:");
    for line in &d.story {
        let _ = writeln!(o, "  {line}");
    }
    let _ = writeln!(o, "Turning points:");
    for t in &d.turning_points {
        let _ = writeln!(
            o,
            "  {} {}: {}: {}",
            s.turn.one,
            t.week,
            t.figures(),
            t.happenings
                .iter()
                .map(|h| h.trim_end_matches('.'))
                .collect::<Vec<_>>()
                .join("; ")
        );
    }
    // A scenario that quotes no sources (the tutorial) shows no heading for them.
    let (n, shown) = (d.sources.len(), d.sources.len().min(5));
    if n > 0 {
        let first = if n > shown {
            format!("; first {shown}")
        } else {
            String::new()
        };
        let _ = writeln!(
            o,
            "Where the facts come from ({n} quote{}{first}):",
            if n == 1 { "" } else { "s" }
        );
    }
    for (what, src) in d.sources.iter().take(5) {
        let _ = writeln!(o, "  {what}: \"{src}\"");
    }
    o
}

/// One line per party of `parties` with its score for the game as it ended (none before).
pub fn scores_of(game: &Game, parties: &[PartyIx]) -> String {
    let mut o = String::new();
    let Some(out) = game.outcome() else {
        return o;
    };
    let s = game.scenario();
    let mean = sim::mean_tension(&s, game.history());
    for &p in parties {
        let sc = sim::score_for(&s, game.state(), mean, Some(out), p);
        let _ = writeln!(
            o,
            "Score of {}: {:.0} ({})",
            s.parties[p].name,
            sc.total,
            crate::read::score_parts(&s, &sc)
        );
    }
    o
}

/// The briefing as the terminal prints it before the first turn.
pub fn briefing(s: &Scenario, b: &crate::read::Briefing) -> String {
    let mut o = String::new();
    let name = &s.parties[b.party].name;
    let _ = writeln!(
        o,
        "\n=== Your brief: {name}, {} ===",
        crate::read::role_label(b.role)
    );
    let _ = writeln!(o, "{}", b.stance);
    if b.role == Role::Mediator {
        let _ = writeln!(
            o,
            "You sign nothing and no clause counts for you: you score for the outcome, a calm way \
             to it, and a deal that serves both sides evenly."
        );
    } else {
        if !b.aims.is_empty() {
            let _ = writeln!(o, "What you want, most important first:");
            // A column as wide as the longest issue name.
            let w = b
                .aims
                .iter()
                .map(|a| s.issues[a.issue].name.chars().count())
                .max()
                .unwrap_or(0);
            for a in &b.aims {
                let issue = &s.issues[a.issue];
                let _ = writeln!(
                    o,
                    "  {:<w$}  {} ({:.0}\u{a0}% of what matters to you)",
                    issue.name,
                    issue.level_name(a.want),
                    100.0 * a.weight
                );
            }
        }
        if !b.red_lines.is_empty() {
            let _ = writeln!(o, "Your red lines (a deal that breaks one is not signed):");
            for (what, words) in &b.red_lines {
                let _ = writeln!(o, "  {what}  \"{words}\"");
            }
            if let Some(hint) = crate::read::stretch_hint(b, true) {
                o.push_str(&wrap(&format!("({hint})"), "  ", 3));
            }
        }
        if let Some(w) = b.walk_away {
            let _ = writeln!(
                o,
                "A deal worth less than {w:.2} to you is worse than none. {}",
                b.walk_away_moves
            );
        }
    }
    let _ = writeln!(o, "The others:");
    for c in &b.counterparts {
        let sign = if c.signatory { ", signatory" } else { "" };
        let _ = writeln!(
            o,
            "  {} ({}{sign}): {}",
            s.parties[c.party].name, c.role, c.stance
        );
        for r in &c.red_lines {
            let _ = writeln!(o, "    red line: {r}");
        }
        if let Some(cares) = c.cares(s, b.party) {
            let _ = writeln!(o, "    {cares}");
        }
    }
    if !b.shocks.is_empty() {
        let _ = writeln!(
            o,
            "What may shake the talks (the biggest events, and when they come):"
        );
        for e in &b.shocks {
            o.push_str(&wrap(e, "  ", 4));
        }
    }
    let _ = writeln!(o, "How it ends:");
    for e in &b.endings {
        let _ = writeln!(o, "  {e}");
    }
    let _ = writeln!(o, "How it is scored:");
    for e in &b.scoring {
        let _ = writeln!(o, "  {e}");
    }
    o
}

/// The signed text beside the Nash package and the best text for the player, clause by clause
/// (a clause the same in every text on one line, else each text's on a line of its own, `*`
/// where it differs from the signed one), then each party's utility in each text and its
/// walk-away value, then the quality of the deal. It fits any width: nothing is set in columns
/// wider than a clause's name.
pub fn review_table(s: &Scenario, r: &rules::Review, me: PartyIx) -> String {
    review_table_at(s, r, me, screen_width())
}

/// [`review_table`] for a screen `width` columns wide: the worth of each text to each party as a
/// table where it fits, else one wrapped line for each party.
fn review_table_at(s: &Scenario, r: &rules::Review, me: PartyIx, width: usize) -> String {
    let mut o = String::new();
    let columns = r.columns();
    let heads: Vec<&str> = columns.iter().map(|c| c.0).collect();
    o.push_str(&wrap_at(
        if r.signed {
            "The deal against what was possible (* differs from the signed text):"
        } else {
            "The text left on the table against what was possible (* differs from it):"
        },
        "",
        2,
        width,
    ));
    o.push_str(&wrap_at(&r.legend(), "  ", 2, width));
    let head = heads.iter().map(|h| h.chars().count()).max().unwrap_or(0);
    for (i, issue) in s.issues.iter().enumerate() {
        let signed = r.text[i];
        if columns.iter().all(|(_, levels)| levels[i] == signed) {
            let line = format!("{}: {} (in each)", issue.name, issue.level_name(signed));
            o.push_str(&wrap_at(&line, "  ", 4, width));
            continue;
        }
        let _ = writeln!(o, "  {}:", issue.name);
        for (name, levels) in &columns {
            let mark = if levels[i] == signed { ' ' } else { '*' };
            // The option after the column's name, aligned; wrapped where the line is too long.
            let line = format!("    {mark} {name:<head$}  {}", issue.level_name(levels[i]));
            if line.chars().count() <= width {
                let _ = writeln!(o, "{line}");
            } else {
                o.push_str(&wrap_at(&line[6..], &line[..6], 8, width));
            }
        }
    }
    // Each party's utility in each text: the negotiators (and signatories), and the player
    // outside the consent.
    let rows: Vec<(String, PartyIx)> = r
        .stands
        .iter()
        .chain(&r.outside)
        .map(|&(p, _, res)| {
            (
                format!("{} (walk-away {res:.2} at the start)", s.parties[p].name),
                p,
            )
        })
        .collect();
    let first = rows
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    let widths: Vec<usize> = heads.iter().map(|h| h.chars().count().max(4)).collect();
    let table = 2 + first + widths.iter().map(|w| w + 2).sum::<usize>();
    if table <= width {
        let mut line = format!("  {:<first$}", "Worth to");
        for (h, w) in heads.iter().zip(&widths) {
            let _ = write!(line, "  {h:>w$}");
        }
        let _ = writeln!(o, "{line}");
        for (label, p) in &rows {
            let mut line = format!("  {label:<first$}");
            for ((_, levels), w) in columns.iter().zip(&widths) {
                let _ = write!(line, "  {:>w$.2}", s.utility(*p, levels));
            }
            let _ = writeln!(o, "{line}");
        }
    } else {
        // Too wide for the terminal: one line (wrapped) for each party instead of a table.
        for (label, p) in &rows {
            let worth: Vec<String> = columns
                .iter()
                .map(|(h, levels)| format!("{h} {:.2}", s.utility(*p, levels)))
                .collect();
            o.push_str(&wrap_at(
                &format!("Worth to {label}: {}", worth.join(", ")),
                "  ",
                4,
                width,
            ));
        }
    }
    o.push_str(&wrap_at(
        &crate::read::review_summary(s, r, me),
        "  ",
        4,
        width,
    ));
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::{Controller, seat};
    use crate::testkit::geneva;

    /// In the narrowest terminal the draft's clauses wrap in their own column and every line
    /// fits (a play-tester saw "lifted" under the issue names at 60 columns).
    #[test]
    fn the_draft_fits_sixty_columns_with_each_clause_in_its_column() {
        let s = geneva();
        let mut game = Game::new(s.clone(), 3, &seat(&s, None, &[]));
        let mut wrapped = 0;
        for _ in 0..8 {
            game.step();
            let table = draft_table_at(&s, game.state(), true, 60);
            for line in table.lines() {
                assert!(line.chars().count() <= 60, "{line}\n{table}");
            }
            // A clause's continuation starts in the clause column, never under the names.
            let at = 6 + s
                .issues
                .iter()
                .map(|i| i.name.chars().count())
                .max()
                .unwrap()
                .max(26);
            for (i, issue) in s.issues.iter().enumerate() {
                let level = issue.level_name(game.state().draft.levels[i]);
                let Some(row) = table.lines().position(|l| l.contains(issue.name.as_str())) else {
                    panic!("{} missing:\n{table}", issue.name);
                };
                let first = table.lines().nth(row).unwrap();
                if !first.trim_end().ends_with(level) && !first.contains(&format!("{level} ")) {
                    let next = table.lines().nth(row + 1).unwrap();
                    assert_eq!(next.len() - next.trim_start().len(), at, "{next}\n{table}");
                    wrapped += 1;
                }
            }
        }
        assert!(wrapped > 0, "some clause wraps at 60 columns");
    }

    /// A clause that banks at the end of this week unless changed is marked `+`, not `*` as a
    /// banked one (a play-tester read the note's `*` as "already banked"), exactly on the rows
    /// the banking forecast names; the legend names the mark only while one shows.
    #[test]
    fn clauses_about_to_bank_are_marked_apart_from_banked_ones() {
        let s = geneva();
        let (mut soon, mut quiet) = (0, 0);
        for seed in 0..40 {
            let st = crate::testkit::wander(&s, seed, (seed % 9) as u32);
            let banking = crate::read::banking(&s, &st);
            let table = draft_table(&s, &st, true);
            let legend = table.lines().next().unwrap();
            assert_eq!(legend.contains("+ banks"), !banking.is_empty(), "{table}");
            for (i, issue) in s.issues.iter().enumerate() {
                let row = table
                    .lines()
                    .find(|l| l.contains(issue.name.as_str()) && !l.contains("Banks at"))
                    .unwrap();
                let mark = row.chars().nth(1).unwrap();
                let want = match (banking.contains(&i), st.draft.banked[i]) {
                    (true, _) => '+',
                    (false, true) => '*',
                    (false, false) => ' ',
                };
                assert_eq!(mark, want, "seed {seed}, {}:\n{table}", issue.name);
            }
            if banking.is_empty() {
                quiet += 1;
            } else {
                soon += 1;
                assert!(
                    table.contains("  +  Banks at the end of this week"),
                    "{table}"
                );
            }
            // Without its notes (the history's texts) the table forecasts nothing.
            assert!(!draft_table(&s, &st, false).contains('+'));
        }
        assert!(soon > 0 && quiet > 0, "{soon} {quiet}");
    }

    /// The shorter screen groups a week's news: a run of three or more changes of the text by
    /// one party in a line, the parties that made no move in one; the whole screen tells each
    /// item. It gives the gauges below the draft, by the answers (and the moves after them).
    #[test]
    fn the_short_screen_groups_the_news_and_keeps_the_gauges_low() {
        use crate::sim::About;
        let s = geneva();
        let us = s.party_ix("united_states").unwrap();
        let (mut runs, mut idle_weeks, mut hidden) = (0, 0, 0);
        for seed in 0..6 {
            let mut game = Game::new(s.clone(), seed, &seat(&s, None, &[]));
            while game.step() && game.outcome().is_none() {
                let week = game.state().week;
                let news: Vec<&sim::News> = (game.news().iter())
                    .filter(|n| n.week == week && n.told_to(Some(us)))
                    .collect();
                let (short, full) = (
                    week_screen_short(&game, Some(us)),
                    week_screen(&game, Some(us)),
                );
                for n in &news {
                    assert!(full.contains(&n.text), "{}", n.text);
                }
                // Another seat's own notes (what its back channel showed it) are not told (unless
                // the United States was told the same, learning the same that week).
                let theirs = (game.news().iter())
                    .filter(|n| n.week == week && !n.told_to(Some(us)))
                    .filter(|n| news.iter().all(|m| m.text != n.text));
                for n in theirs {
                    assert!(
                        !full.contains(&n.text) && !short.contains(&n.text),
                        "{}",
                        n.text
                    );
                    hidden += 1;
                }
                let mut k = 0;
                while k < news.len() {
                    let Some(About::Clause(by)) = news[k].about else {
                        k += 1;
                        continue;
                    };
                    let run = (news[k..].iter())
                        .take_while(|n| n.about == Some(About::Clause(by)))
                        .count();
                    let line = format!(
                        "{} changes {run} clauses of the text (marked ~ below).",
                        s.parties[by].name
                    );
                    assert_eq!(short.contains(&line), run >= 3, "{short}");
                    for n in &news[k..k + run] {
                        assert_eq!(short.contains(&n.text), run < 3, "{}", n.text);
                    }
                    runs += usize::from(run >= 3);
                    k += run;
                }
                let idle: Vec<&&sim::News> = (news.iter())
                    .filter(|n| matches!(n.about, Some(About::Idle(_))))
                    .collect();
                if idle.len() > 1 {
                    idle_weeks += 1;
                    let line = (short.lines())
                        .find(|l| l.contains("No move this week from"))
                        .expect("the parties that made no move");
                    for n in &idle {
                        let Some(About::Idle(p)) = n.about else {
                            unreachable!()
                        };
                        assert!(line.contains(&s.parties[p].name), "{line}");
                        assert!(!short.contains(&n.text), "{}", n.text);
                    }
                }
                let at = |what: &str| short.find(what).unwrap_or_else(|| panic!("{what}"));
                assert!(at("Draft (version") < at("Tension "), "{short}");
                assert!(at("Tension ") < at("Would you sign this draft?"), "{short}");
            }
        }
        assert!(
            runs > 0 && idle_weeks > 0 && hidden > 0,
            "{runs} {idle_weeks} {hidden}"
        );
    }

    /// The short screen gives each side's answer with whether it has accepted, the end of the
    /// week's outlook (as the answers do), the mediator's reading of the text's worth under "would
    /// they sign?", and the player's own trust first, each figure with where a quiet week takes
    /// it (a tester missed each of them there, and timed its acceptance by those figures).
    #[test]
    fn the_short_screen_keeps_what_decides_the_week() {
        let s = geneva();
        let (us, oman) = (
            s.party_ix("united_states").unwrap(),
            s.party_ix("oman").unwrap(),
        );
        let (mut accepted, mut outlooks, mut held, mut quiet, mut capped) = (0, 0, 0, 0, 0);
        let mut heading = 0;
        for seed in 0..80 {
            let mut game = Game::new(s.clone(), seed, &seat(&s, None, &[]));
            for _ in 0..14 {
                if !game.step() || game.outcome().is_some() {
                    break;
                }
                let st = game.state().clone();
                let short = week_screen_short(&game, Some(us)).replace('\u{a0}', " ");
                let words = short.split_whitespace().collect::<Vec<_>>().join(" ");
                assert!(
                    words.contains(
                        "Trust a deal needs (42 each way, at the same time): you trust Iran"
                    ),
                    "{short}"
                );
                // The home front: support and the hardliners, with where they are heading.
                let home = format!(
                    "At home: support {:.0} · your hardliners {:.0}",
                    st.support(&s, us),
                    st.parties[us].hardliners.floor()
                );
                let to = crate::read::hardliners_heading(&st, us);
                assert!(words.contains(&home), "{home}: {short}");
                assert_eq!(
                    words.contains(&format!("{home}, heading for")),
                    to.is_some(),
                    "{short}"
                );
                heading += usize::from(to.is_some());
                // Capital at or near its cap, as the whole screen says it.
                if let Some(n) = crate::read::capital_note(&s, &st, us) {
                    capped += 1;
                    let n = n.split_whitespace().collect::<Vec<_>>().join(" ");
                    assert!(words.contains(&format!("Capital {n}")), "{n}: {short}");
                }
                // Each figure with where a quiet week takes it, where that reads otherwise.
                let iran = s.party_ix("iran").unwrap();
                for (from, to) in [(us, iran), (iran, us)] {
                    if let Some(w) = crate::read::quiet_trust_note(&s, &st, from, to) {
                        quiet += 1;
                        assert!(words.contains(&format!("({w})")), "{w}: {short}");
                    }
                }
                assert!(words.contains("Would you sign this draft?"), "{short}");
                for v in game.verdicts() {
                    let name = &s.parties[v.party].name;
                    let has = format!("{name}: yes, and has accepted it");
                    assert_eq!(
                        words.contains(&has),
                        v.would_sign && st.parties[v.party].accepted,
                        "{short}"
                    );
                    accepted += usize::from(words.contains(&has));
                    let holds = format!("{name}: yes, but holds out for more");
                    let holding = crate::sim::holding_out(&game.world).contains(&v.party);
                    assert_eq!(
                        words.contains(&holds),
                        v.would_sign && !st.parties[v.party].accepted && holding,
                        "{short}"
                    );
                    held += usize::from(words.contains(&holds));
                }
                for v in crate::read::outlook(&s, &st) {
                    let line = crate::read::outlook_line(&s, &v, false);
                    let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
                    let exact = crate::read::outlook_line(&s, &v, true);
                    let exact = exact.split_whitespace().collect::<Vec<_>>().join(" ");
                    assert!(
                        words.contains(&line) || words.contains(&exact),
                        "{line}\n{short}"
                    );
                    outlooks += 1;
                }
                let mediator = week_screen_short(&game, Some(oman));
                assert!(
                    mediator.contains("Would they sign this draft?"),
                    "{mediator}"
                );
                assert!(mediator.contains("The text is worth"), "{mediator}");
            }
        }
        assert!(
            accepted > 0 && outlooks > 0 && held > 0 && quiet > 0 && capped > 0 && heading > 0,
            "{accepted} {outlooks} {held} {quiet} {capped}"
        );
    }

    /// `draft` lists each clause's wordings in order with the draft's in brackets, exactly one
    /// a clause, "not addressed" (as the draft says) where the issue may stay out.
    #[test]
    fn the_ladders_bracket_the_drafts_wording_of_each_clause() {
        let s = geneva();
        for seed in 0..10 {
            let st = crate::testkit::wander(&s, seed, (seed % 6) as u32);
            let text = ladders(&s, &st).replace('\u{a0}', " ");
            let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
            for (i, issue) in s.issues.iter().enumerate() {
                let now = match st.draft.levels[i] {
                    Some(l) => format!("[{}]", issue.level_name(Some(l))),
                    None => format!("[{}]", issue.level_name(None)),
                };
                assert!(words.contains(&now), "{now}: {text}");
                let names: Vec<&str> = issue.levels.iter().map(|l| l.name.as_str()).collect();
                let ladder = names.join(" → ");
                let shown = words.replace(['[', ']'], "");
                assert!(
                    shown.contains(&format!("{}: {ladder}", issue.name)),
                    "{text}"
                );
            }
            assert_eq!(words.matches('[').count(), s.issues.len() + 1, "{text}");
        }
    }

    /// The review of a deal fits the narrowest terminal the game supports: a table where it
    /// fits, else each party's worth on lines of its own.
    #[test]
    fn the_review_of_a_deal_fits_sixty_columns() {
        let s = geneva();
        let mut st = rules::Negotiation::start(&s);
        st.draft.levels = crate::scenario::analyse(&s).best.expect("a package").levels;
        let reviews = rules::score::reviews(&s, &st);
        for (me, r) in reviews.iter().enumerate() {
            for width in [60, 80, 100] {
                let text = review_table_at(&s, r, me, width);
                for line in text.lines() {
                    assert!(line.chars().count() <= width, "{width}: {line}");
                }
                for &(p, _, _) in r.stands.iter().chain(&r.outside) {
                    assert!(text.contains(&s.parties[p].name), "{width}: {text}");
                }
                // The table where it fits (always at 100 columns).
                assert!(width < 100 || text.contains("  Worth to  "), "{text}");
            }
        }
    }

    /// The parties table says where each party's hardliners are heading while a push of past
    /// weeks works through (their target), and what that means, only then.
    #[test]
    fn the_parties_table_says_where_the_hardliners_are_heading() {
        let s = geneva();
        let iran = s.party_ix("iran").expect("iran");
        let (mut told, mut still) = (0, 0);
        for seed in 0..30 {
            let b = crate::testkit::wander(&s, seed, (seed % 7) as u32);
            let table = parties_table(&s, &b, Some(iran), true, true, &[]);
            let mut any = false;
            for (p, party) in s.parties.iter().enumerate() {
                let line = table
                    .lines()
                    .find(|l| l.trim_start().starts_with(&party.name))
                    .expect("a line for each party");
                let row = &b.parties[p];
                let away = (row.hardliners_target - row.hardliners).abs() >= 0.5;
                let said = format!(", heading for {:.0})", row.hardliners_target);
                assert_eq!(line.contains(&said), away, "seed {seed}: {line}");
                any |= away;
            }
            assert_eq!(table.contains("\"Heading for\""), any, "{table}");
            if any {
                told += 1;
            } else {
                still += 1;
            }
        }
        assert!(told > 0 && still > 0, "{told} {still}");
    }

    /// The week's screen folds each trust ledger to its three largest items and says how many
    /// more there are; `trust` (the table in full) lists every item.
    #[test]
    fn a_trust_ledger_folds_to_its_largest_items() {
        let s = geneva();
        let iran = s.party_ix("iran").expect("iran");
        let us = s.party_ix("united_states").expect("us");
        let mut folded = 0;
        for seed in 0..30 {
            let b = crate::testkit::wander(&s, seed, 4 + (seed % 8) as u32);
            let ledger = crate::rules::describe::trust_ledger(&s, &b, iran, us);
            let (short, full) = (
                parties_table(&s, &b, Some(iran), false, true, &[]),
                parties_table(&s, &b, Some(iran), true, true, &[]),
            );
            let line = |t: &str| -> String {
                let at = t.find("Your trust in United States").expect("Iran's trust");
                let rest = &t[at..];
                let end = rest.find("\nTrust in you elsewhere").unwrap_or(rest.len());
                rest[..end].split_whitespace().collect::<Vec<_>>().join(" ")
            };
            let (short, full) = (line(&short), line(&full));
            let shown = |t: &str, i: &crate::rules::describe::LedgerItem| {
                t.contains(&format!("{} {}", i.label, i.shown()))
            };
            assert!(ledger.iter().all(|i| shown(&full, i)), "{full}");
            assert!(!full.contains("smaller item"), "{full}");
            let mut by_size = ledger.clone();
            by_size.sort_by(|x, y| y.value.abs().total_cmp(&x.value.abs()));
            let n = by_size.len();
            for (k, i) in by_size.iter().enumerate().filter(|_| n > 4) {
                assert_eq!(shown(&short, i), k < 3, "seed {seed}: {short}");
            }
            match n.saturating_sub(3) {
                0 | 1 => {
                    assert!(!short.contains("smaller item"), "{short}");
                    assert!(ledger.iter().all(|i| shown(&short, i)), "{short}");
                }
                m => {
                    let said = format!("; {m} smaller items: `trust` lists them");
                    assert!(short.contains(&said), "{short}");
                    folded += 1;
                }
            }
        }
        assert!(folded > 0, "some ledger has more than four items");
    }

    /// While a negotiator's trust in the other is short of what signing needs, the table names
    /// its moves that raise it (each with what it adds), or says none does; not once it is enough.
    #[test]
    fn the_table_names_the_moves_that_raise_your_own_trust() {
        let s = geneva();
        let (iran, us) = (
            s.party_ix("iran").unwrap(),
            s.party_ix("united_states").unwrap(),
        );
        let (mut named, mut enough) = (0, 0);
        for seed in 0..40 {
            let b = crate::testkit::wander(&s, seed, (seed % 12) as u32);
            let table = parties_table(&s, &b, Some(iran), false, true, &[]);
            let flat = table.split_whitespace().collect::<Vec<_>>().join(" ");
            let said = flat.contains("Your moves that raise it this week:")
                || flat.contains("No move of yours raises it this week");
            let short = b.trust(iran, us) < s.rules.min_trust;
            assert_eq!(said, short, "seed {seed}: {flat}");
            if !short {
                enough += 1;
                continue;
            }
            let note = flat.find("Your moves that raise it").map_or("", |at| {
                let rest = &flat[at..];
                &rest[..rest.find("; it rises too").expect("the rest")]
            });
            let all = crate::rules::legal_choices(&s, &crate::rules::opened(&b), iran);
            for (c, p) in all.iter().zip(crate::read::previews(&s, &b, iran, &all)) {
                let d = p
                    .links
                    .iter()
                    .find(|l| l.0 == iran && l.1 == us)
                    .map_or(0.0, |l| l.2);
                let label = format!("{} +", ai::choice_label(&s, c));
                let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
                assert_eq!(
                    note.contains(&label),
                    d >= 0.05,
                    "seed {seed}: {label} {d}: {note}"
                );
                named += usize::from(d >= 0.05);
            }
        }
        assert!(named > 0 && enough > 0, "{named} {enough}");
    }

    /// "Why they moved" names every party the AI played, once; parties whose reasons read
    /// alike share a line.
    #[test]
    fn parties_whose_reasons_read_alike_share_a_line() {
        let s = geneva();
        let oman = s.party_ix("oman").expect("oman");
        let mut shared = 0;
        for seed in 0..12 {
            let mut game = Game::new(s.clone(), seed, &seat(&s, Some(oman), &[]));
            for _ in 0..8 {
                game.step();
                let text = answers(&game, Some(oman));
                let why = &text[text.find("Why they moved:").expect("reasons")..];
                let lines: Vec<String> = why
                    .lines()
                    .skip(1)
                    .filter(|l| {
                        !l.starts_with("      ") && !l.starts_with("  (") && !l.starts_with("   ")
                    })
                    .map(str::trim)
                    .map(String::from)
                    .collect();
                for d in &game.decisions().explained {
                    let name = &s.parties[d.party].name;
                    let said = lines
                        .iter()
                        .filter(|l| {
                            let who = &l[..l.find(": ").expect("a reason")];
                            who.split(", ")
                                .flat_map(|w| w.split(" and "))
                                .any(|w| w == name)
                        })
                        .count();
                    assert_eq!(said, 1, "seed {seed}: {name} in {lines:?}");
                }
                shared += lines
                    .iter()
                    .filter(|l| l.starts_with("Qatar and Regional counterparts: "))
                    .count();
            }
        }
        assert!(
            shared > 0,
            "Qatar and the regional counterparts sometimes wait alike"
        );
    }

    /// The trust of the parties outside the talks in the player is itemised as a negotiator's
    /// is, where it has more than its base (a tester saw Qatar's trust slide 60, 58, 57
    /// unexplained).
    #[test]
    fn trust_elsewhere_lists_its_items() {
        let s = geneva();
        let iran = s.party_ix("iran").expect("iran");
        let qatar = s.party_ix("qatar").expect("qatar");
        let court = s
            .move_ix("court_gulf")
            .expect("Iran may court the Gulf states");
        let mut b = rules::opened(&rules::Negotiation::start(&s));
        let table = parties_table(&s, &b, Some(iran), true, true, &[]);
        let plain = format!(
            "Qatar {}",
            crate::rules::describe::trust_plain(&s, b.trust(qatar, iran))
        );
        assert!(table.contains("Trust in you elsewhere: "), "{table}");
        assert!(table.contains(&plain), "{table}");
        let act = rules::Act::of_move(
            iran,
            rules::Choice {
                mv: court,
                party: None,
                issue: None,
            },
        );
        rules::apply(&s, &mut b, &act, &mut rules::Applied::default());
        let table = parties_table(&s, &b, Some(iran), true, true, &[]);
        let figure = crate::rules::describe::trust_plain(&s, b.trust(qatar, iran));
        let line = table
            .lines()
            .find(|l| l.starts_with(&format!("  Qatar {figure}")))
            .unwrap_or_else(|| panic!("an itemised line: {table}"));
        let items = table[table.find(line).unwrap()..]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(items.contains("Iran: Court the Gulf states +"), "{table}");
        let summary = table
            .lines()
            .find(|l| l.starts_with("Trust in you elsewhere"))
            .unwrap();
        assert!(!summary.contains("Qatar"), "{summary}");
    }

    /// A game that ends without a deal reviews the text left on the table against what was
    /// possible (the Nash package, the best text for the player), scoring nothing for it; a
    /// deal's review is of the signed text.
    #[test]
    fn the_end_screen_reviews_the_text_left_on_the_table_when_nothing_was_signed() {
        let s = geneva();
        let iran = s.party_ix("iran").expect("iran");
        let mut seen = [false; 2];
        for seed in 0..60 {
            let mut game = Game::new(s.clone(), seed, &seat(&s, None, &[]));
            while game.step() {}
            let out = game.outcome().cloned().expect("the game ended");
            let deal = out.kind == OutcomeKind::Deal;
            let mean = sim::mean_tension(&s, game.history());
            let ends = sim::end_scores(&s, game.state(), mean, &out);
            let scores = sim::scores(&s, game.state(), mean, Some(&out));
            for (e, sc) in ends.iter().zip(&scores) {
                // The same points: the review of an unsigned text adds nothing.
                assert_eq!(e.total, sc.total, "seed {seed}");
                let r = e.review.as_ref().expect("a review at every ending");
                assert_eq!(r.signed, deal);
                assert_eq!(sc.review.is_some(), deal, "simulate reviews deals only");
            }
            let screen = end_screen(&game, Some(iran));
            if deal {
                assert!(
                    screen.contains("The deal against what was possible"),
                    "{screen}"
                );
            } else {
                assert!(
                    screen.contains("The text left on the table against what was possible"),
                    "{screen}"
                );
                assert!(screen.contains("It was not signed."), "{screen}");
                assert!(screen.contains("Final text"), "{screen}");
            }
            seen[usize::from(deal)] = true;
            if seen == [true; 2] {
                return;
            }
        }
        panic!("60 seeds give both a deal and another ending: {seen:?}");
    }

    #[test]
    fn contested_clauses_are_explained_while_the_game_runs_and_marked_at_its_end() {
        let s = geneva();
        let mut game = Game::new(s.clone(), 7, &seat(&s, None, &[]));
        let mut explained = false;
        while game.step() {
            let screen = week_screen(&game, None);
            let notes = screen.contains(" is contested: ");
            if game.outcome().is_some() {
                assert!(!notes, "no wait to explain once the game is over");
                break;
            }
            let contested = (0..s.issues.len()).any(|i| game.state().draft.is_contested(i));
            assert_eq!(notes, contested, "week {}", game.week());
            explained |= notes;
        }
        assert!(explained, "seed 7 contests a clause");
        // The last screen still marks them in the draft's contested column.
        let last = week_screen(&game, None);
        let draft = last
            .lines()
            .skip_while(|l| !l.starts_with("Draft (version"))
            .skip(1)
            .take(s.issues.len());
        let marked = draft.filter(|l| l.chars().nth(2) == Some('!')).count();
        let contested = (0..s.issues.len()).filter(|&i| game.state().draft.is_contested(i));
        assert_eq!(marked, contested.count());
        assert!(marked > 0, "seed 7 ends with a contested clause");
    }

    #[test]
    fn long_lines_wrap_between_words_within_the_width() {
        let words: Vec<String> = (0..120).map(|k| "w".repeat(1 + k % 13)).collect();
        let text = words.join(" ");
        let out = wrap(&text, "      ", 6);
        assert!(out.lines().count() > 1);
        for line in out.lines() {
            assert!(
                line.starts_with("      ") && !line.starts_with("       "),
                "{line}"
            );
            assert!(line.chars().count() <= WIDTH, "{line}");
        }
        let back: Vec<&str> = out.split_whitespace().collect();
        assert_eq!(back, words.iter().map(String::as_str).collect::<Vec<_>>());
        // A word longer than a line stands alone.
        let long = "x".repeat(WIDTH + 5);
        assert_eq!(
            wrap(&format!("a {long} b"), "  ", 2),
            format!("  a\n  {long}\n  b\n")
        );
        assert_eq!(wrap("", "", 4), "");
    }

    /// A line past the width breaks at its last space within it, keeping the first part's own
    /// spacing (a table row stays aligned), the rest under it four columns further in; a line
    /// that fits, a control sequence and a line without a space to break at pass unchanged; a
    /// no-break space holds; the writer does the same to every line and passes a prompt on at
    /// a flush.
    #[test]
    fn long_lines_are_fitted_to_the_width() {
        use std::io::Write as _;
        let row = format!(
            "  *   {:<30}{:<50}{}",
            "Uranium enrichment", "Multi-year pause", "✓\u{a0}Iran, ✓\u{a0}United\u{a0}States"
        );
        let fitted = fit_line(&row);
        let lines: Vec<&str> = fitted.lines().collect();
        assert_eq!(lines.len(), 2, "{fitted}");
        assert!(
            row.starts_with(lines[0]) && lines[0].ends_with("Iran,"),
            "{fitted}"
        );
        assert_eq!(lines[1], "      ✓\u{a0}United\u{a0}States");
        let short = "   a   short   row";
        assert_eq!(fit_line(short), short);
        let control = format!("\x1b[2J{}", "x ".repeat(80));
        assert_eq!(fit_line(&control), control);
        let word = "y".repeat(WIDTH + 3);
        assert_eq!(fit_line(&format!("  {word}")), format!("  {word}"));
        let prose = "word ".repeat(70);
        let fitted = fit_line(prose.trim_end());
        assert!(fitted.lines().count() > 2);
        assert!(fitted.lines().all(|l| l.chars().count() <= WIDTH));
        assert!(fitted.lines().skip(1).all(|l| l.starts_with("    word")));
        assert_eq!(fitted.split_whitespace().count(), 70);
        // A narrower terminal's width (the writer's width).
        let narrow = fit_to(prose.trim_end(), 80);
        assert!(narrow.lines().count() > fitted.lines().count());
        assert!(narrow.lines().all(|l| l.chars().count() <= 80));
        let mut out = Vec::new();
        {
            let mut fit = Fit::following(&mut out, || 60);
            writeln!(fit, "{}", prose.trim_end()).unwrap();
        }
        let out = String::from_utf8(out).unwrap();
        assert_eq!(out, fit_to(prose.trim_end(), 60) + "\n");
        assert!(out.lines().all(|l| l.chars().count() <= 60));
        let mut out = Vec::new();
        {
            let mut fit = Fit::following(&mut out, || WIDTH);
            write!(fit, "{}\n{short}\n> ", prose.trim_end()).unwrap();
            fit.flush().unwrap();
        }
        let out = String::from_utf8(out).unwrap();
        assert_eq!(out, fitted.clone() + "\n" + short + "\n> ");
        // The width is asked again at every line (a terminal resized mid-game): here 100 for
        // the first line, then 60.
        let mut out = Vec::new();
        {
            let mut asked = 0;
            let mut fit = Fit::following(&mut out, move || {
                asked += 1;
                if asked == 1 { WIDTH } else { 60 }
            });
            write!(fit, "{0}\n{0}\n", prose.trim_end()).unwrap();
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            fitted + "\n" + &fit_to(prose.trim_end(), 60) + "\n"
        );
    }

    /// A negotiator sees each move's effect on its utility of the text; a mediator, whose
    /// utility counts for nothing (it signs nothing), does not.
    #[test]
    fn only_a_negotiator_sees_its_utility_under_each_move() {
        let s = geneva();
        for (party, shown) in [("iran", true), ("oman", false)] {
            let me = s.party_ix(party).expect("a party of Geneva");
            let game = Game::new(s.clone(), 3, &seat(&s, Some(me), &[]));
            let scored = game.options(me);
            let list = moves_list(
                &s,
                game.state(),
                me,
                &scored,
                &crate::read::catalogue(&s, me),
                false,
                &crate::seen::Ahead::default(),
            );
            assert_eq!(list.contains("your utility"), shown, "{list}");
            // A row for each move, under its number (notes of trust and marks go beneath).
            let rows = (list.lines().skip(1))
                .filter(|l| l.trim_start().starts_with(|c: char| c.is_ascii_digit()));
            assert!(rows.clone().count() == scored.len());
            let utility = |l: &str| l.contains(" U+") || l.contains(" U-");
            assert!(rows.clone().all(|l| utility(l) == shown), "{list}");
            let why = why(&s, me, 1, (&scored[0], &scored), &[]);
            assert_eq!(why.contains("your utility"), shown, "{why}");
        }
    }

    /// The end screen's comparison names, for every clause, each text's level (one line when
    /// they agree, a line per text marked `*` where it differs from the signed text), and each
    /// party's utility in each text; no line is wider than the screen.
    #[test]
    fn the_review_table_shows_each_text_clause_by_clause() {
        let s = geneva();
        let iran = s.party_ix("iran").expect("Iran negotiates");
        let mut split = 0;
        for seed in 0..10 {
            let st = crate::testkit::wander(&s, seed, 6);
            let r = rules::score::review(&s, &st, iran);
            let table = review_table(&s, &r, iran);
            assert!(table.lines().all(|l| l.chars().count() <= WIDTH), "{table}");
            let columns = r.columns();
            for (i, issue) in s.issues.iter().enumerate() {
                let same = columns.iter().all(|(_, l)| l[i] == r.text[i]);
                let one = format!(
                    "  {}: {} (in each)\n",
                    issue.name,
                    issue.level_name(r.text[i])
                );
                assert_eq!(table.contains(&one), same, "{table}");
                if !same {
                    split += 1;
                    let at = table
                        .find(&format!("  {}:\n", issue.name))
                        .expect("a heading");
                    let block: Vec<&str> =
                        table[at..].lines().skip(1).take(columns.len()).collect();
                    for ((name, levels), line) in columns.iter().zip(&block) {
                        let mark = if levels[i] == r.text[i] { ' ' } else { '*' };
                        assert!(line.starts_with(&format!("    {mark} {name}")), "{line}");
                        assert!(line.ends_with(issue.level_name(levels[i])), "{line}");
                    }
                }
            }
            for &(p, _, _) in &r.stands {
                let row = table
                    .lines()
                    .find(|l| l.starts_with(&format!("  {} (walk-away", s.parties[p].name)))
                    .expect("a row per party");
                for (_, levels) in &columns {
                    assert!(
                        row.contains(&format!("{:.2}", s.utility(p, levels))),
                        "{row}"
                    );
                }
            }
        }
        assert!(split > 0, "some clause differs between the texts");
    }

    /// The terminal's signing line shows exactly when the player may accept, with the score
    /// a deal on the text would earn now.
    #[test]
    fn the_signing_line_comes_with_the_accept_move() {
        let s = geneva();
        let iran = s.party_ix("iran").expect("Iran negotiates");
        let numbers = crate::read::catalogue(&s, iran);
        let (mut shown, mut refused, mut cautioned, mut risked) = (0, 0, 0, 0);
        for seed in 1..8 {
            let mut game = Game::new(s.clone(), seed, &seat(&s, Some(iran), &[]));
            while game.outcome().is_none() {
                let scored = game.options(iran);
                // The line wraps: read as one run of words.
                let line = signing(&game, iran, &scored, &numbers)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                match scored.iter().find(|m| s.derived.moves[m.choice.mv].accepts) {
                    Some(a) => {
                        // The score of a deal this week, as the card has it (that it is the
                        // score the deal then gets is tested with the game: tests/it/sim.rs).
                        let mean = sim::mean_tension(&s, game.history());
                        let card = crate::seen::Signing::of(
                            &s,
                            game.state(),
                            mean,
                            iran,
                            &scored,
                            &crate::seen::Ahead::of(&game.world, Some(iran)),
                        )
                        .expect("a card where Iran may accept");
                        assert_eq!(card.choice, a.choice);
                        assert!(
                            line.contains(&format!("would score {}", card.score_text(&s))),
                            "{line}"
                        );
                        // The score reads as a promise only where nothing could stop the deal,
                        // and as out of reach where something blocks it.
                        let blocked = card.cautions.iter().any(|c| c.blocks);
                        let hedged =
                            !blocked && (!card.cautions.is_empty() || card.order.is_some());
                        let lead = |l: &str| line.contains(&format!("{l} on it this week would"));
                        assert_eq!(lead("If what is marked ✗ below changes, a deal"), blocked);
                        assert_eq!(lead("If nothing below stops it, a deal"), hedged, "{line}");
                        assert_eq!(lead(". A deal"), !blocked && !hedged, "{line}");
                        risked += usize::from(hedged);
                        // (Geneva's cards nearly always carry a caution or an order note:
                        // the plain lead is checked on the card with them taken away.)
                        let mut bare = card.clone();
                        (bare.cautions, bare.order) = (vec![], None);
                        let bare = bare.would_score(&s);
                        assert_eq!(bare, "A deal on it this week would score");
                        // Whoever else would not sign the text as it stands is named: the
                        // score is of a deal that cannot come on it.
                        let us = s.party_ix("united_states").expect("the US negotiates");
                        let no = !rules::verdict(&s, game.state(), us).would_sign;
                        assert_eq!(card.refusing, if no { vec![us] } else { vec![] });
                        assert_eq!(
                            line.contains("United States would not sign it now"),
                            no,
                            "{line}"
                        );
                        refused += usize::from(no);
                        // Every caution of the card, in the card's order, what blocks the deal
                        // before what risks it; refusals exactly where someone would not sign.
                        let mut from = 0;
                        for c in &card.cautions {
                            // (As one run of words, as the line is read.)
                            let marked = c.marked();
                            let marked = marked.split_whitespace().collect::<Vec<_>>().join(" ");
                            let at = line[from..].find(&marked).unwrap_or_else(|| {
                                panic!("{:?} missing or out of order in {line}", c.text)
                            });
                            from += at + marked.len();
                        }
                        // A lapse is told only on a text the player would sign (the
                        // terminal once warned of it on a text Iran would not sign).
                        assert!(
                            card.would_sign || !line.contains(&crate::read::lapse_warning(&s)),
                            "{line}"
                        );
                        let blocking = card.cautions.iter().filter(|c| c.blocks).count();
                        assert!(card.cautions[..blocking].iter().all(|c| c.blocks));
                        assert_eq!(
                            blocking,
                            usize::from(!card.would_sign) + usize::from(no),
                            "{line}"
                        );
                        cautioned += usize::from(!card.cautions.is_empty());
                        shown += 1;
                        game.order(iran, a.choice);
                    }
                    None => assert!(line.is_empty(), "{line}"),
                }
                game.step();
            }
        }
        assert!(shown > 0, "Iran may accept at some point");
        assert!(refused > 0 && refused < shown, "{refused} of {shown}");
        assert!(cautioned > 0, "some card cautions");
        // (And some blocked: `refused` counts cards another's refusal blocks.)
        assert!(risked > 0, "some card is at risk, not blocked");
    }

    #[test]
    fn a_move_keeps_its_number_whatever_is_legal_this_week() {
        let s = geneva();
        let iran = s.party_ix("iran").expect("Iran negotiates");
        let numbers = crate::read::catalogue(&s, iran);
        let back = s.move_ix("back_channel").expect("back channel");
        let us = s.party_ix("united_states");
        let n_back = number(
            &numbers,
            &rules::Choice {
                mv: back,
                party: us,
                issue: None,
            },
        );
        assert!(n_back > 0);
        let mut game = Game::new(s.clone(), 3, &seat(&s, Some(iran), &[]));
        for _ in 0..6 {
            let scored = game.options(iran);
            let list = moves_list(
                &s,
                game.state(),
                iran,
                &scored,
                &numbers,
                false,
                &crate::seen::Ahead::of(&game.world, Some(iran)),
            );
            // Back channel is listed under the same number every week it is open.
            let line = list
                .lines()
                .find(|l| l.contains("Back channel"))
                .expect("a back channel is open");
            assert!(
                line.trim_start().starts_with(&format!("{n_back} ")),
                "{line}"
            );
            // Whatever else is legal (accept comes and goes), numbers are the catalogue's.
            for sc in &scored {
                assert_eq!(numbers[number(&numbers, &sc.choice) - 1], sc.choice);
            }
            // The numbers left out are said to be the moves not open this week.
            assert!(scored.len() < numbers.len());
            assert!(
                list.contains("A number left out is a move not open to you this week"),
                "{list}"
            );
            game.step();
        }
    }

    /// A brief whose red lines run over a stretch of a clause's wordings ("from ‘Multi-year
    /// pause’ to ‘Zero enrichment’") says how to read one, and where the wordings are listed in
    /// order; one with no red line, or none over a stretch, does not.
    #[test]
    fn a_brief_with_a_red_line_over_a_stretch_says_how_to_read_it() {
        let s = geneva();
        let st = crate::rules::Negotiation::start(&s);
        let hint =
            "takes in every wording of the clause between the two: `draft` lists them in order";
        let mut said = 0;
        for p in 0..s.parties.len() {
            let b = crate::read::briefing(&s, &st, p);
            let text = briefing(&s, &b)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            // The rule's own description, as the model words it.
            let stretch = (s.parties[p].red_lines.iter()).any(|r| {
                r.describe_marked(&s.issues, None)
                    .contains(crate::read::STRETCH)
            });
            let own = !b.red_lines.is_empty();
            assert_eq!(text.contains(hint), own && stretch, "{}", s.parties[p].name);
            said += usize::from(own && stretch);
        }
        let iran = s.party_ix("iran").unwrap();
        let b = crate::read::briefing(&s, &st, iran);
        assert!(
            briefing(&s, &b)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .contains(hint)
        );
        assert!(said >= 1);
    }

    #[test]
    fn another_partys_hidden_numbers_stay_hidden_until_revealed() {
        let s = geneva();
        let iran = s.party_ix("iran").expect("Iran negotiates");
        let us = s.party_ix("united_states").expect("the US negotiates");
        let ctrl = vec![Controller::Human; s.parties.len()];
        let mut game = Game::new(s.clone(), 1, &ctrl);
        game.step();
        let text = answers(&game, Some(iran));
        let line = |who: &str| {
            text.lines()
                .find(|l| l.trim_start().starts_with(who))
                .unwrap_or_default()
                .to_string()
        };
        // Iran's own answer gives its numbers; the United States' does not.
        assert!(
            line("Iran:").contains("we can get without a deal"),
            "{text}"
        );
        assert!(!line("United States:").contains("without a deal"), "{text}");
        assert!(
            line("United States:").contains("the text is worth"),
            "{text}"
        );
        // Once a back channel has revealed them, they are shown.
        game.world.resource_mut::<crate::sim::Talks>().0.parties[iran].revealed |= 1 << us;
        let text = answers(&game, Some(iran));
        assert!(
            text.lines()
                .any(|l| l.trim_start().starts_with("United States:")
                    && l.contains("without a deal")),
            "{text}"
        );
    }

    /// The screen of each turn folds each trust at risk to its largest threats and says that
    /// `answers` names the rest; `answers` names every one, and both mark warnings as the
    /// signing card does.
    #[test]
    fn the_turns_answers_fold_the_trust_at_risk_and_the_command_names_all() {
        let s = geneva();
        let iran = s.party_ix("iran").expect("Iran negotiates");
        let (mut folded, mut plain, mut outlook) = (0, 0, 0);
        for seed in 0..40 {
            let mut game = Game::new(s.clone(), seed, &crate::sim::seat(&s, None, &[]));
            while game.outcome().is_none() {
                let coming = crate::sim::may_come(&game.world, Some(iran));
                let risks = crate::read::TrustRisk::of(&s, game.state(), &coming, Some(iran));
                let (brief, all) = (answers(&game, Some(iran)), all_answers(&game, Some(iran)));
                for r in &risks {
                    assert!(all.contains(&r.text(&s)), "{all}");
                    assert!(brief.contains(&r.brief_text(&s)), "{brief}");
                }
                let hint = "`answers` names every other event and move";
                let any = risks.iter().any(|r| r.others() > 0);
                assert_eq!(brief.contains(hint), any, "{brief}");
                assert!(!all.contains(hint), "{all}");
                assert!(!brief.contains("  ! ") && !all.contains("  ! "), "{all}");
                // Warnings are marked as the signing card marks a risk; good news is not.
                if !risks.is_empty() {
                    assert!(brief.contains("  ⚠ "), "{brief}");
                }
                for line in brief.lines().filter(|l| l.contains("If nobody moves")) {
                    let good = !line.contains("no longer sign");
                    assert_eq!(line.starts_with("  → "), good, "{line}");
                    assert_eq!(line.starts_with("  ⚠ "), !good, "{line}");
                    outlook += 1;
                }
                // An onlooker has no `answers` command: nothing is folded for it.
                assert!(!answers(&game, None).contains(hint));
                folded += usize::from(any);
                plain += usize::from(!risks.is_empty() && !any);
                game.step();
            }
        }
        assert!(
            folded > 0 && plain > 0 && outlook > 0,
            "{folded} {plain} {outlook}"
        );
    }
}
