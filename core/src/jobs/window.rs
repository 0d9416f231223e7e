//! A fan-out with a sliding window: at most N children in flight, and the next one starts as
//! soon as one finishes (not in waves, where one slow answer holds back the next pair).

use super::{Cx, Event, Job, Ticket};

struct Child<J> {
    label: String,
    job: J,
    started: bool,
}

/// Children of one kind, each with a label (a region, a split value), run at most `limit` at
/// a time. A child that fails does not stop the others.
pub struct Window<J: Job> {
    children: Vec<Child<J>>,
    limit: usize,
    /// Which child each outstanding ticket belongs to.
    owner: Vec<(Ticket, usize)>,
    next: usize,
    what: &'static str,
}

impl<J: Job> Window<J> {
    /// `children` run at most `limit` at a time (at least 1). `what` names them in the
    /// progress line ("regions", "values").
    pub fn new(children: Vec<(String, J)>, limit: usize, what: &'static str) -> Self {
        Window {
            children: children
                .into_iter()
                .map(|(label, job)| Child {
                    label,
                    job,
                    started: false,
                })
                .collect(),
            limit: limit.max(1),
            owner: Vec::new(),
            next: 0,
            what,
        }
    }

    /// Children finished so far.
    pub fn finished(&self) -> usize {
        self.children.iter().filter(|c| c.job.is_done()).count()
    }

    /// Children started and not finished.
    pub fn running(&self) -> usize {
        self.children
            .iter()
            .filter(|c| c.started && !c.job.is_done())
            .count()
    }

    /// Every child with its label, in the order given (finished or not).
    pub fn into_children(self) -> Vec<(String, J)> {
        self.children
            .into_iter()
            .map(|c| (c.label, c.job))
            .collect()
    }

    /// The children, in the order given.
    pub fn children(&self) -> impl Iterator<Item = (&str, &J)> {
        self.children.iter().map(|c| (c.label.as_str(), &c.job))
    }

    fn fill(&mut self, cx: &mut Cx<'_>) {
        while self.running() < self.limit && self.next < self.children.len() {
            let index = self.next;
            self.next += 1;
            self.run_child(index, None, cx);
        }
    }

    fn run_child(&mut self, index: usize, event: Option<Event>, cx: &mut Cx<'_>) {
        let mark = cx.mark();
        let child = &mut self.children[index];
        child.started = true;
        child.job.step(event, cx);
        let issued: Vec<Ticket> = cx.tickets_since(mark).collect();
        self.owner.extend(issued.into_iter().map(|t| (t, index)));
    }
}

impl<J: Job> Job for Window<J> {
    fn step(&mut self, event: Option<Event>, cx: &mut Cx<'_>) {
        if let Some(event) = event {
            let ticket = event.ticket();
            if let Some(i) = self.owner.iter().position(|(t, _)| *t == ticket) {
                let (_, index) = self.owner.swap_remove(i);
                self.run_child(index, Some(event), cx);
            }
        }
        self.fill(cx);
    }

    fn is_done(&self) -> bool {
        self.next >= self.children.len() && self.children.iter().all(|c| c.job.is_done())
    }

    fn status(&self) -> Option<String> {
        let total = self.children.len();
        let mut line = format!("{} of {total} {} done…", self.finished(), self.what);
        if let Some(s) = self
            .children
            .iter()
            .filter(|c| c.started && !c.job.is_done())
            .find_map(|c| c.job.status().map(|s| (c.label.clone(), s)))
        {
            line.push_str(&format!(" {}: {}", s.0, s.1));
        }
        Some(line)
    }
}
