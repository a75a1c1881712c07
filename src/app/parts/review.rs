//! The review of a readout's proposals: which one is shown, and what was decided on each.

use crate::readout::Proposal;

/// What was decided on a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Not yet: the proposal waits (a proposal the file already has starts skipped).
    Pending,
    Accepted,
    Skipped,
}

/// The proposals of one readout for one council, and the decisions taken so far.
#[derive(Debug, Clone)]
pub struct Review {
    /// The readout's text: each proposal's sentence is shown in its paragraph.
    pub text: String,
    pub council: String,
    pub proposals: Vec<Proposal>,
    pub decisions: Vec<Decision>,
    /// The proposal shown.
    pub cursor: usize,
    /// The proposal being edited in the form (`E`), if any.
    pub editing: Option<usize>,
    /// The proposals accepted by each step, newest last, so that undo gives them back.
    pub accepted: Vec<Vec<usize>>,
}

impl Review {
    pub fn new(text: String, council: String, proposals: Vec<Proposal>) -> Self {
        let decisions = proposals
            .iter()
            .map(|p| {
                if p.present.is_some() {
                    Decision::Skipped
                } else {
                    Decision::Pending
                }
            })
            .collect();
        let mut review = Review {
            text,
            council,
            proposals,
            decisions,
            cursor: 0,
            editing: None,
            accepted: Vec::new(),
        };
        review.cursor = review.next_pending(0).unwrap_or(0);
        review
    }

    /// The first proposal from `from` on (wrapping around) still waiting.
    pub fn next_pending(&self, from: usize) -> Option<usize> {
        let n = self.proposals.len();
        (0..n)
            .map(|k| (from + k) % n.max(1))
            .find(|&i| self.decisions.get(i) == Some(&Decision::Pending))
    }

    /// Moves to the next proposal still waiting (or stays, when none is).
    pub fn advance(&mut self) {
        if let Some(i) = self.next_pending(self.cursor + 1) {
            self.cursor = i;
        }
    }

    pub fn count(&self, decision: Decision) -> usize {
        self.decisions.iter().filter(|d| **d == decision).count()
    }

    pub fn shown(&self) -> Option<&Proposal> {
        self.proposals.get(self.cursor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::readout::Kind;

    fn proposal(present: Option<&str>) -> Proposal {
        Proposal {
            title: "t".into(),
            kind: Kind::Open,
            status: "planned".into(),
            areas: vec![],
            sentence: 0..1,
            evidence: "t".into(),
            paragraph: 0..1,
            heading: None,
            source_url: None,
            present: present.map(str::to_string),
        }
    }

    #[test]
    fn present_ones_start_skipped_and_the_cursor_on_the_first_waiting() {
        let r = Review::new(
            "t".into(),
            "c".into(),
            vec![proposal(Some("x")), proposal(None), proposal(None)],
        );
        assert_eq!(
            r.decisions,
            [Decision::Skipped, Decision::Pending, Decision::Pending]
        );
        assert_eq!(r.cursor, 1);
        let mut r = r;
        r.decisions[2] = Decision::Accepted;
        r.advance();
        assert_eq!(r.cursor, 1, "nothing else waits");
        assert_eq!(
            Review::new(String::new(), "c".into(), vec![]).next_pending(0),
            None
        );
    }
}
