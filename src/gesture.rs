//! Touch gestures of the photo viewer, as plain arithmetic: which way a
//! swipe went, how far a pinch zooms. The component feeds it positions.

/// What a finished one-finger swipe asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Swipe {
    Next,
    Previous,
    Close,
}

/// Horizontal distance (CSS px) that counts as a swipe to the side.
const SIDEWAYS: f64 = 50.0;
/// Downward distance that closes the viewer.
const DOWNWARDS: f64 = 80.0;
/// Zoom limits.
pub const MIN_SCALE: f64 = 1.0;
pub const MAX_SCALE: f64 = 4.0;
/// The zoom a double tap toggles to.
pub const DOUBLE_TAP_SCALE: f64 = 2.5;

/// Classifies a swipe from its start to its end: mostly sideways and far
/// enough moves between photos (left = next); mostly down closes.
pub fn classify_swipe(dx: f64, dy: f64) -> Option<Swipe> {
    if dx.abs() >= SIDEWAYS && dx.abs() > dy.abs() * 1.2 {
        Some(if dx < 0.0 {
            Swipe::Next
        } else {
            Swipe::Previous
        })
    } else if dy >= DOWNWARDS && dy > dx.abs() * 1.2 {
        Some(Swipe::Close)
    } else {
        None
    }
}

/// The zoom after a pinch that began at `start_scale` with the fingers
/// `start_distance` apart and now `distance` apart.
pub fn pinch_scale(start_scale: f64, start_distance: f64, distance: f64) -> f64 {
    if start_distance <= 0.0 {
        return start_scale;
    }
    (start_scale * distance / start_distance).clamp(MIN_SCALE, MAX_SCALE)
}

/// Whether a touch that moved this far is a tap.
pub fn is_tap(dx: f64, dy: f64) -> bool {
    dx.hypot(dy) < 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swipes_left_right_and_down() {
        assert_eq!(classify_swipe(-120.0, 10.0), Some(Swipe::Next));
        assert_eq!(classify_swipe(90.0, -20.0), Some(Swipe::Previous));
        assert_eq!(classify_swipe(10.0, 150.0), Some(Swipe::Close));
        assert_eq!(classify_swipe(30.0, 5.0), None, "too short");
        assert_eq!(classify_swipe(60.0, 58.0), None, "diagonal: not sure");
        assert_eq!(classify_swipe(0.0, -150.0), None, "up does nothing");
    }

    #[test]
    fn pinch_zooms_within_limits() {
        assert_eq!(pinch_scale(1.0, 100.0, 200.0), 2.0);
        assert_eq!(pinch_scale(2.0, 100.0, 50.0), 1.0);
        assert_eq!(pinch_scale(1.0, 100.0, 1000.0), MAX_SCALE);
        assert_eq!(pinch_scale(1.0, 100.0, 10.0), MIN_SCALE);
        assert_eq!(pinch_scale(1.5, 0.0, 10.0), 1.5);
    }

    #[test]
    fn small_moves_are_taps() {
        assert!(is_tap(3.0, 4.0));
        assert!(!is_tap(8.0, 8.0));
    }
}
