//! Where the user is: the area named in the URL fragment.
//!
//! Routes live in the fragment (`#/coverage?…`) so the app works from any sub-path of any static
//! host without rewrite rules: the server only ever sees a request for `index.html`, and a
//! reload or a shared link lands on the same view.

/// One of the app's top-level areas.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Area {
    Connection,
    CapacityReservations,
    Coverage,
}

impl Area {
    /// Every area, in navigation order.
    pub const ALL: [Area; 3] = [Area::Connection, Area::CapacityReservations, Area::Coverage];

    /// The path segment used in the fragment.
    pub fn slug(self) -> &'static str {
        match self {
            Area::Connection => "connection",
            Area::CapacityReservations => "capacity",
            Area::Coverage => "commitments",
        }
    }

    /// The name people see in the navigation and as the heading.
    pub fn title(self) -> &'static str {
        match self {
            Area::Connection => "Connection",
            Area::CapacityReservations => "Capacity Reservations",
            Area::Coverage => "Commitments",
        }
    }

    /// A relative link to the area: a fragment, so it resolves against whatever path the
    /// app was served from.
    pub fn href(self) -> String {
        format!("#/{}", self.slug())
    }
}

/// What the fragment asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// A known area, with the query part of the fragment (after `?`, possibly empty).
    Area { area: Area, query: String },
    /// A fragment that names no area; kept so the page can say what was asked for.
    NotFound { path: String },
}

impl Route {
    /// Parses `location.hash` (with or without the leading `#`). An empty fragment is the
    /// Connection area, the first thing every user does.
    pub fn from_hash(hash: &str) -> Route {
        let fragment = hash.strip_prefix('#').unwrap_or(hash);
        let (path, query) = fragment.split_once('?').unwrap_or((fragment, ""));
        let slug = path.trim_start_matches('/').trim_end_matches('/');
        if slug.is_empty() {
            return Route::Area {
                area: Area::Connection,
                query: query.to_owned(),
            };
        }
        // `#/coverage` links (from before the area showed all four commitments) still open it.
        let slug = if slug == "coverage" {
            "commitments"
        } else {
            slug
        };
        match Area::ALL.into_iter().find(|a| a.slug() == slug) {
            Some(area) => Route::Area {
                area,
                query: query.to_owned(),
            },
            None => Route::NotFound {
                path: path.to_owned(),
            },
        }
    }

    /// The page title for this view: "Commitments · Reservation Lens".
    pub fn page_title(&self) -> String {
        match self {
            Route::Area { area, .. } => format!("{} · Reservation Lens", area.title()),
            Route::NotFound { .. } => "Page not found · Reservation Lens".to_owned(),
        }
    }

    /// The area shown, if any.
    pub fn area(&self) -> Option<Area> {
        match self {
            Route::Area { area, .. } => Some(*area),
            Route::NotFound { .. } => None,
        }
    }
}

/// The value of `name` in a fragment query (`a=1&b=x%20y`), percent-decoded.
pub fn query_param(query: &str, name: &str) -> Option<String> {
    query
        .split('&')
        .filter_map(|pair| pair.split_once('=').or(Some((pair, ""))))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| percent_decode(v))
}

/// The link to one reservation's usage: `#/capacity?region=eu-west-1&id=cr-…`.
pub fn reservation_href(region: &str, id: &str) -> String {
    format!(
        "{}?region={}&id={}",
        Area::CapacityReservations.href(),
        percent_encode(region),
        percent_encode(id)
    )
}

/// Percent-decodes a fragment query value (`+` is a space, as in forms). A value with a broken
/// escape is kept as typed rather than guessed at.
pub fn percent_decode(s: &str) -> String {
    crate::percent::decode(s, true).unwrap_or_else(|_| s.to_owned())
}

fn percent_encode(s: &str) -> String {
    crate::percent::encode(s, crate::percent::Set::Fragment)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reservation_links_round_trip_through_the_query() {
        let href = reservation_href("eu-west-1", "cr-0123456789abcdef0");
        assert_eq!(href, "#/capacity?region=eu-west-1&id=cr-0123456789abcdef0");
        let Route::Area { area, query } = Route::from_hash(&href) else {
            panic!("{href}")
        };
        assert_eq!(area, Area::CapacityReservations);
        assert_eq!(
            query_param(&query, "id").as_deref(),
            Some("cr-0123456789abcdef0")
        );
        assert_eq!(query_param(&query, "region").as_deref(), Some("eu-west-1"));
        assert_eq!(query_param(&query, "missing"), None);
        assert_eq!(
            query_param("q=a%20b%2Bc+d&x", "q").as_deref(),
            Some("a b+c d")
        );
        assert_eq!(query_param("q=%zz%4", "q").as_deref(), Some("%zz%4"));
        assert_eq!(query_param("flag", "flag").as_deref(), Some(""));
    }

    #[test]
    fn empty_fragment_is_connection() {
        for hash in ["", "#", "#/", "/"] {
            assert_eq!(
                Route::from_hash(hash).area(),
                Some(Area::Connection),
                "{hash:?}"
            );
        }
    }

    #[test]
    fn each_area_round_trips_through_its_href() {
        for area in Area::ALL {
            assert_eq!(Route::from_hash(&area.href()).area(), Some(area));
        }
    }

    #[test]
    fn links_from_before_the_commitments_views_still_open_the_area() {
        assert_eq!(Area::Coverage.href(), "#/commitments");
        assert_eq!(
            Route::from_hash("#/coverage?preset=7d").area(),
            Some(Area::Coverage)
        );
    }

    #[test]
    fn query_is_kept_for_the_area() {
        assert_eq!(
            Route::from_hash("#/coverage?start=2026-01-01&g=DAILY"),
            Route::Area {
                area: Area::Coverage,
                query: "start=2026-01-01&g=DAILY".into()
            }
        );
        assert_eq!(
            Route::from_hash("#/capacity/"),
            Route::Area {
                area: Area::CapacityReservations,
                query: String::new()
            }
        );
    }

    #[test]
    fn unknown_paths_are_not_found() {
        assert_eq!(
            Route::from_hash("#/billing"),
            Route::NotFound {
                path: "/billing".into()
            }
        );
        assert_eq!(Route::from_hash("#/Coverage").area(), None);
    }

    #[test]
    fn slugs_are_distinct() {
        let mut slugs: Vec<_> = Area::ALL.iter().map(|a| a.slug()).collect();
        crate::sort::sort(&mut slugs);
        slugs.dedup();
        assert_eq!(slugs.len(), Area::ALL.len());
    }

    #[test]
    fn every_view_has_its_own_title() {
        assert_eq!(
            Route::from_hash("#/commitments?preset=7d").page_title(),
            "Commitments · Reservation Lens"
        );
        assert_eq!(
            Route::from_hash("").page_title(),
            "Connection · Reservation Lens"
        );
        assert_eq!(
            Route::from_hash("#/capacity").page_title(),
            "Capacity Reservations · Reservation Lens"
        );
        assert_eq!(
            Route::from_hash("#/nope").page_title(),
            "Page not found · Reservation Lens"
        );
    }
}
