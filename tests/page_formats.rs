//! The page's «Other format» menu (`www/index.html`, `<select id="format">`) names the core's
//! export formats ([`tusj::export::Format`]) with the core's labels, every one but `tusj`
//! (which has its own button). A page that builds the menu from `formats()` has no options
//! in its HTML, and passes.

use tusj::export::Format;

#[test]
fn the_pages_format_menu_is_the_cores_list() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/www/index.html");
    let html = std::fs::read_to_string(path).expect("www/index.html");
    let Some(at) = html.find("<select id=\"format\"") else {
        return; // no menu: nothing listed twice
    };
    let select = &html[at..html[at..].find("</select>").map_or(html.len(), |e| at + e)];
    let options: Vec<(&str, &str)> = select
        .split("<option value=\"")
        .skip(1)
        .filter_map(|o| {
            let (value, rest) = o.split_once('"')?;
            let label = rest.split_once('>')?.1.split_once("</option>")?.0;
            Some((value, label.trim()))
        })
        .collect();
    if options.is_empty() {
        return;
    }
    let core: Vec<(&str, &str)> = Format::ALL
        .iter()
        .filter(|f| **f != Format::Tusj)
        .map(|f| (f.name(), f.label()))
        .collect();
    assert_eq!(
        options, core,
        "the menu in www/index.html and Format::ALL differ"
    );
}
