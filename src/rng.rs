//! The game's one random number generator: ChaCha8, seeded, with its position saved in saves.

use bevy::prelude::Resource;
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};

/// The seeded generator every random draw of a game comes from.
#[derive(Resource, Debug, Clone)]
pub struct GameRng {
    rng: ChaCha8Rng,
    seed: u64,
}

/// Where a [`GameRng`] stands, for saves: the seed and the position in its stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RngState {
    pub seed: u64,
    /// Position in the stream, in 32-bit words (a game uses far fewer than 2^64).
    pub word_pos: u64,
}

impl GameRng {
    pub fn new(seed: u64) -> Self {
        Self {
            rng: ChaCha8Rng::seed_from_u64(seed),
            seed,
        }
    }

    pub fn state(&self) -> RngState {
        RngState {
            seed: self.seed,
            word_pos: u64::try_from(self.rng.get_word_pos()).unwrap_or(u64::MAX),
        }
    }

    pub fn from_state(st: RngState) -> Self {
        let mut g = Self::new(st.seed);
        g.rng.set_word_pos(u128::from(st.word_pos));
        g
    }

    /// A uniform number in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// A uniform index below `n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.unit() * n as f64) as usize).min(n.saturating_sub(1))
    }

    /// An index drawn in proportion to non-negative weights (uniform if they sum to 0).
    pub fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().filter(|w| w.is_finite() && **w > 0.0).sum();
        if total <= 0.0 {
            return self.below(weights.len());
        }
        let mut x = self.unit() * total;
        for (i, w) in weights.iter().enumerate() {
            if w.is_finite() && *w > 0.0 {
                if x < *w {
                    return i;
                }
                x -= w;
            }
        }
        weights
            .iter()
            .rposition(|w| w.is_finite() && *w > 0.0)
            .unwrap_or(0)
    }
}

/// Seed of game `index` in a batch started from `seed`: independent of how the batch is split.
pub fn game_seed(seed: u64, index: u64) -> u64 {
    let mut z = seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_round_trip_continues_the_stream() {
        let mut a = GameRng::new(42);
        for _ in 0..7 {
            a.unit();
        }
        let mut b = GameRng::from_state(a.state());
        assert_eq!(a.unit().to_bits(), b.unit().to_bits());
        assert_eq!(a.below(1000), b.below(1000));
    }

    #[test]
    fn weighted_respects_zero_weights() {
        let mut r = GameRng::new(1);
        for _ in 0..200 {
            assert_eq!(r.weighted(&[0.0, 3.0, 0.0]), 1);
        }
    }
}
