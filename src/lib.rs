//! Red Lines: a turn-based diplomatic-negotiation game. The library holds the rules; the
//! binary only parses the command line and picks a front end.
//!
//! Layers, each using only those above it: `scenario` (the data) → `rules` (one negotiation,
//! pure) → `ai` (choices from the rules) → `sim` (the ECS turn schedule, saves, replays, the
//! balance batch) → `read` (what a viewer may see, for every front end) → front ends (`cli`, and
//! `ui` with the `window` feature). `rng`, `launch` and `net` (the wire of networked play) are
//! leaves that several layers share.

pub mod ai;
pub mod cli;
pub mod launch;
pub mod net;
pub mod read;
pub mod rng;
pub mod rules;
pub mod scenario;
pub mod seen;
pub mod sim;
#[cfg(test)]
mod testkit;
#[cfg(feature = "window")]
pub mod ui;
