//! Prints how the extractor's shallow parser reads each argument: one
//! clause per line, with its verb, objects and prepositional phrases.
//! A tool for writing extractor rules: `cargo run -p stepcast-extract
//! --example clauses -- "Glue the cap to the jar."`

fn main() {
    for text in std::env::args().skip(1) {
        println!("{text}");
        for (s, sentence) in extract::clause::parse(&text).iter().enumerate() {
            for clause in sentence {
                let phrase = |p: &extract::clause::Phrase| {
                    let mut s = p.words.join(" ");
                    if p.pronoun {
                        s.push_str("<it>");
                    }
                    if let Some(n) = p.count {
                        s = format!("{n}x {s}");
                    }
                    if let Some(of) = &p.of {
                        s = format!("{s} [of {}]", of.words.join(" "));
                    }
                    s
                };
                let objects: Vec<String> = clause.objects.iter().map(phrase).collect();
                let preps: Vec<String> = clause
                    .preps
                    .iter()
                    .map(|(p, ph)| format!("{p:?}:{}", phrase(ph)))
                    .collect();
                println!(
                    "  s{s} verb={:?}({}) unknown={} sub={} stmt={} objects={objects:?} preps={preps:?} particles={:?}",
                    clause.verb,
                    clause.verb_word.clone().unwrap_or_default(),
                    clause.unknown_verb,
                    clause.subordinate,
                    clause.statement,
                    clause.particles,
                );
            }
        }
    }
}
