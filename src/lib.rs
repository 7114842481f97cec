//! Red Lines: a turn-based diplomatic-negotiation game. The library holds the rules; the
//! binary only parses the command line and picks a front end.

pub mod ai;
pub mod cli;
pub mod scenario;
pub mod sim;
pub mod ui;
