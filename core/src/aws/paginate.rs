//! Following `NextToken` (EC2) / `NextPageToken` (Cost Explorer) to the end. botocore has no
//! paginator for our operations, so this is ours: a state machine `jobs::Pages` drives, with a
//! page cap (every Cost Explorer page costs USD 0.01) and a guard against a token that repeats
//! (which would loop for ever).

use std::collections::HashSet;

use crate::aws::operation::Paged;

/// Why paging stopped early.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PaginationError {
    #[error("Stopped after {max_pages} pages: narrow the period or filters to see everything.")]
    TooManyPages { max_pages: u32 },
    #[error("AWS sent the same page token twice (after page {page}); stopped to avoid a loop. Try again.")]
    RepeatedToken { page: u32 },
}

/// What to do next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Next {
    /// Request the next page with this token.
    Fetch(String),
    /// That was the last page.
    Done,
}

/// Follows page tokens. Call [`Pager::after_page`] with each page's token.
#[derive(Clone, Debug)]
pub struct Pager {
    max_pages: u32,
    pages: u32,
    seen: HashSet<String>,
}

impl Pager {
    /// A pager that allows at most `max_pages` pages (at least 1).
    pub fn new(max_pages: u32) -> Self {
        Pager {
            max_pages: max_pages.max(1),
            pages: 0,
            seen: HashSet::new(),
        }
    }

    /// Pages received so far.
    pub fn pages(&self) -> u32 {
        self.pages
    }

    /// Record a received page whose next token is `next_token`; say what to do next.
    pub fn after_page(&mut self, next_token: Option<&str>) -> Result<Next, PaginationError> {
        self.pages += 1;
        let token = match next_token {
            None | Some("") => return Ok(Next::Done),
            Some(t) => t,
        };
        if !self.seen.insert(token.to_owned()) {
            return Err(PaginationError::RepeatedToken { page: self.pages });
        }
        if self.pages >= self.max_pages {
            return Err(PaginationError::TooManyPages {
                max_pages: self.max_pages,
            });
        }
        Ok(Next::Fetch(token.to_owned()))
    }
}

/// Either the fetch failed or paging stopped early.
#[derive(Debug, PartialEq, thiserror::Error)]
pub enum PagedError<E> {
    #[error(transparent)]
    Fetch(E),
    #[error(transparent)]
    Pagination(#[from] PaginationError),
}

/// Fetch every page of operation `O` synchronously (for tests: the app pages through
/// `jobs::Pages`): `fetch(None)` first, then `fetch(Some(token))` until the last page.
pub fn collect_pages<O: Paged, E>(
    max_pages: u32,
    mut fetch: impl FnMut(Option<&str>) -> Result<O::Output, E>,
) -> Result<Vec<O::Output>, PagedError<E>> {
    let mut pager = Pager::new(max_pages);
    let mut pages = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = fetch(token.as_deref()).map_err(PagedError::Fetch)?;
        let next = pager.after_page(O::next_token(&page))?;
        pages.push(page);
        match next {
            Next::Fetch(t) => token = Some(t),
            Next::Done => return Ok(pages),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follows_tokens_until_none_or_empty() {
        let mut p = Pager::new(10);
        assert_eq!(p.after_page(Some("a")), Ok(Next::Fetch("a".into())));
        assert_eq!(p.after_page(Some("b")), Ok(Next::Fetch("b".into())));
        assert_eq!(p.after_page(Some("")), Ok(Next::Done));
        assert_eq!(p.pages(), 3);
        assert_eq!(Pager::new(10).after_page(None), Ok(Next::Done));
    }

    #[test]
    fn a_repeated_token_stops_the_loop() {
        let mut p = Pager::new(10);
        p.after_page(Some("a")).unwrap();
        p.after_page(Some("b")).unwrap();
        assert_eq!(
            p.after_page(Some("a")),
            Err(PaginationError::RepeatedToken { page: 3 })
        );
    }

    #[test]
    fn the_page_cap_stops_with_more_to_come() {
        let mut p = Pager::new(2);
        p.after_page(Some("a")).unwrap();
        assert_eq!(
            p.after_page(Some("b")),
            Err(PaginationError::TooManyPages { max_pages: 2 })
        );
        // Exactly max pages, the last without a token, is fine.
        let mut p = Pager::new(2);
        p.after_page(Some("a")).unwrap();
        assert_eq!(p.after_page(None), Ok(Next::Done));
    }

    use crate::aws::ec2::{CapacityReservationUsage, GetCapacityReservationUsageInput as Usage};

    #[test]
    fn collect_pages_reports_fetch_errors_and_loops() {
        let failing = collect_pages::<Usage, _>(5, |_| Err("offline"));
        assert_eq!(failing.err(), Some(PagedError::Fetch("offline")));
        let same = || CapacityReservationUsage {
            next_token: Some("same".into()),
            ..Default::default()
        };
        let looping = collect_pages::<Usage, ()>(50, |_| Ok(same()));
        assert_eq!(
            looping.err(),
            Some(PagedError::Pagination(PaginationError::RepeatedToken {
                page: 2
            }))
        );
    }
}
