//! The pure rules of one negotiation: its state, the one interpreter of change, legality and
//! draft steps, and the scores. No ECS systems, no AI, no rendering: the turn schedule in
//! [`crate::sim`], the AI in [`crate::ai`] and every front end call these functions.
//!
//! A week, in order (see `docs/scenario-format.md`, "A turn"): the scheduled events and up to
//! `events_per_turn` random ones come; every party chooses a move against the same state; the
//! events and then the moves in the week's order ([`move_order`]) are [`apply`]-ed; [`end_week`] fades trust, moves audiences, drifts tension and banks
//! clauses (unless the acts made the deal: the week then ends in the signing); agreement is rescored; the outcome is checked; then parties away from the table may
//! come back by chance, so the next week opens on a state every player can see.

pub mod bargain;
pub mod describe;
pub mod effects;
pub mod legal;
pub mod lint;
pub mod score;
pub mod state;

pub use effects::{
    Act, Applied, Scratch, WeekEnd, apply, banks, banks_this_week, begin_week, come_back,
    draw_texts, end_week, event_chance_after, events_open_after, income, opened, predict,
    predict_event, predict_idle, undoes,
};
pub use legal::{
    Choice, draft_step, holds, is_legal, legal_choices, legal_choices_into, legal_choices_where,
    move_order,
};
pub use score::{
    Ground, Outcome, OutcomeKind, Reason, Review, Stand, Verdict, agreement, deal_reached,
    escalation_chance, min_trust, review, stand, verdict,
};
pub use state::{Cause, Change, Draft, Negotiation, PartyState, Source, Trust, TrustMod};
