//! The XML reader's oracle: roxmltree 0.21, the reader the app used before `aws::xml::tree`.
//! Shared by `tests/xml_tree.rs` and the `xml_tree` fuzz target.

use lens_core::aws::xml::{Document, Node};

/// What roxmltree reads that `aws::xml` looks at: an element's local name, its text before
/// its first child element (text and CDATA joined across comments and processing
/// instructions, as `aws::xml::text` did over roxmltree), and its child elements.
#[derive(Debug, PartialEq)]
pub struct Tree {
    pub name: String,
    pub text: String,
    pub children: Vec<Tree>,
}

fn theirs(node: roxmltree::Node<'_, '_>) -> Tree {
    Tree {
        name: node.tag_name().name().to_owned(),
        text: node
            .children()
            .take_while(|c| !c.is_element())
            .filter_map(|c| c.is_text().then(|| c.text()).flatten())
            .collect(),
        children: node
            .children()
            .filter(|c| c.is_element())
            .map(theirs)
            .collect(),
    }
}

fn ours(node: Node<'_, '_>) -> Tree {
    Tree {
        name: node.name().to_owned(),
        text: node.text().to_owned(),
        children: node.children().map(ours).collect(),
    }
}

/// How the two readers differ on `text` with a cap of `limit` nodes, if they do: one accepts
/// what the other refuses, or both accept and read different trees.
pub fn difference(text: &str, limit: u32) -> Option<String> {
    let options = roxmltree::ParsingOptions {
        nodes_limit: limit,
        ..roxmltree::ParsingOptions::default()
    };
    let theirs =
        roxmltree::Document::parse_with_options(text, options).map(|d| theirs(d.root_element()));
    let ours = Document::parse(text, limit).map(|d| ours(d.root_element()));
    match (theirs, ours) {
        (Ok(t), Ok(o)) if t == o => None,
        (Err(_), Err(_)) => None,
        (Ok(t), Ok(o)) => Some(format!(
            "both read it, differently:\nroxmltree {t:?}\nours      {o:?}"
        )),
        (Ok(_), Err(e)) => Some(format!("roxmltree reads it, ours refuses it: {e}")),
        (Err(e), Ok(_)) => Some(format!("ours reads it, roxmltree refuses it: {e}")),
    }
}
