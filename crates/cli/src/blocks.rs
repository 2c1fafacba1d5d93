//! `ctiflow blocks`: the catalog.

use crate::args::Args;

pub fn main(argv: &[String]) -> Result<u8, String> {
    let a = Args::parse(argv, &[], &["json", "markdown"])?;
    let catalog = ctiflow_blocks::catalog();
    if a.flag("json") {
        let specs: Vec<_> = catalog.specs().collect();
        let text = serde_json::to_string_pretty(&specs).map_err(|e| e.to_string())?;
        crate::outln!("{text}");
    } else if a.flag("markdown") {
        crate::out(&ctiflow_blocks::docs::markdown());
    } else {
        for s in catalog.specs() {
            let ports: Vec<&str> = s.ports.iter().map(|o| o.as_str()).collect();
            crate::outln!(
                "{:<40} {:<45} {:<13} {}",
                s.type_id,
                s.name,
                format!("{:?}", s.family),
                if ports.is_empty() {
                    "-".to_string()
                } else {
                    ports.join("/")
                }
            );
        }
        eprintln!("{} blocks", catalog.specs().count());
    }
    Ok(0)
}
