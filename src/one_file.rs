//! The app as one HTML file (written by scripts/post_build.py beside index.html in release
//! builds): where the running page can get it, and whether the running page is it.
//!
//! Both builds name it the same way, in `<link id=lens-one-file href=… data-size="678 KB">` (the size written for people, so
//! that the first view carries no number formatting for it): the hosted
//! index.html points at the file beside it; the one file's start script points at a copy of
//! itself (a `blob:` URL of its source as the browser read it, before the app started) and marks
//! the link `data-this-page`.

/// Where "Download this app as one file" takes it from.
#[derive(Clone, Debug, PartialEq)]
pub struct OneFile {
    pub href: String,
    /// Its size, as said to people ("678 KB").
    pub size: Option<String>,
    /// This page is the one file (opened from disk, an attachment, …).
    pub this_page: bool,
}

/// The one file, if this build has one (debug builds have none).
pub fn find() -> Option<OneFile> {
    let link = web_sys::window()?
        .document()?
        .get_element_by_id("lens-one-file")?;
    Some(OneFile {
        href: link.get_attribute("href")?,
        size: link.get_attribute("data-size"),
        this_page: link.has_attribute("data-this-page"),
    })
}

/// Whether this page is the one file: it then writes nothing to the browser's storage, not even
/// which details are open.
pub fn is_this_page() -> bool {
    find().is_some_and(|f| f.this_page)
}
