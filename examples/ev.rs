fn main() {
    for f in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&f).unwrap();
        let doc = tusj::annotate(&text);
        for e in tusj::events::read(&doc.text, &doc.annotations) {
            let count = e
                .count
                .as_ref()
                .and_then(|id| doc.annotations.iter().find(|a| &a.id == id))
                .map(|a| a.text.clone());
            let t = |s: &Option<tusj::events::EventSpan>| {
                s.as_ref()
                    .map(|s| format!("{}{}", s.text, if s.inherited { "^" } else { "" }))
                    .unwrap_or("-".into())
            };
            println!("{} {:?} neg={} part={:?} n={:?} v={:?} agent={} target={} place={} time={} source={}\n   «{}»", e.id, e.ty, e.negated, e.part_of, count, e.victims, t(&e.agent), t(&e.target), t(&e.place), t(&e.time), t(&e.source), doc.text.chars().skip(e.start).take(e.end-e.start).collect::<String>());
        }
    }
}
