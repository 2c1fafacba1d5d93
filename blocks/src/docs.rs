//! The catalog reference page (`blocks/README.md`), generated from the block
//! specs. `ctiflow blocks --markdown` prints it; a test fails when the
//! committed file is stale.

use ctiflow_engine::block::Kind;

/// The catalog as Markdown.
pub fn markdown() -> String {
    let catalog = crate::catalog();
    let mut out = String::from(
        "# Block catalog\n\n\
         Generated from the block specs by `ctiflow blocks --markdown > blocks/README.md`; \
         do not edit by hand (a test fails when this file is stale).\n\n\
         Each block lives in one file under `blocks/src/<family>/` with its spec, its code and its tests. \
         *Inferred* type ids follow the adapter's naming but are not yet confirmed by a real export; \
         aliases are accepted on load.\n\n",
    );
    let specs: Vec<_> = catalog.specs().collect();
    out.push_str(&format!("{} blocks.\n\n", specs.len()));
    out.push_str(
        "| block | type id | ports | bridge calls | side effects |\n|---|---|---|---|---|\n",
    );
    for s in &specs {
        let ports: Vec<&str> = s.ports.iter().map(|o| o.as_str()).collect();
        out.push_str(&format!(
            "| [{}](#{}) | `{}`{} | {} | {} | {} |\n",
            s.name,
            s.type_id.to_lowercase(),
            s.type_id,
            if s.confirmed { "" } else { " *inferred*" },
            if ports.is_empty() {
                "—".into()
            } else {
                ports.join(", ")
            },
            if s.calls.is_empty() {
                "—".into()
            } else {
                s.calls
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            },
            if s.side_effects { "yes" } else { "" },
        ));
    }
    for s in &specs {
        out.push_str(&format!(
            "\n## {}\n\n<a id=\"{}\"></a>`{}`",
            s.name,
            s.type_id.to_lowercase(),
            s.type_id
        ));
        if !s.aliases.is_empty() {
            out.push_str(&format!(" (also `{}`)", s.aliases.join("`, `")));
        }
        out.push_str(&format!(
            " — family `{:?}`. {}\n\n",
            s.family, s.description
        ));
        if !s.controls.is_empty() {
            out.push_str("| control | type | required | default | |\n|---|---|---|---|---|\n");
            for c in s.controls {
                let kind = match c.kind {
                    Kind::OneOf(v) => v.join(" \\| "),
                    k => k.name(),
                };
                out.push_str(&format!(
                    "| `{}` | {} | {} | {} | {} |\n",
                    c.name,
                    kind,
                    if c.required { "yes" } else { "" },
                    c.default.map(|d| format!("`{d}`")).unwrap_or_default(),
                    c.doc.replace('|', "\\|"),
                ));
            }
            out.push('\n');
        }
        out.push_str(&format!("Results: `{}`\n", s.results));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn readme_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
        let want = super::markdown();
        if std::env::var_os("REGENERATE_GOLDEN").is_some() {
            std::fs::write(path, &want).expect("write README");
            return;
        }
        let have = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            have == want,
            "blocks/README.md is stale: run `cargo run -p ctiflow-cli -- blocks --markdown > blocks/README.md` \
             (or REGENERATE_GOLDEN=1 cargo test -p ctiflow-blocks docs)"
        );
    }
}
