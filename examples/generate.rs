//! Prints a generated model:
//! `cargo run --release --example generate -- ACTORS ISSUES [SEED] [--numeric|--deu]`.
//! For measuring whole commands on big models (`detente check`, peak memory);
//! `--numeric` puts every issue on a 0–100 scale with an outcome, `--deu`
//! shapes them like the DEU III data set (`Spec::deu_iii`).

fn main() {
    let numeric = std::env::args().any(|a| a == "--numeric");
    let deu = std::env::args().any(|a| a == "--deu");
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let (Some(&actors), Some(&issues)) = (args.first(), args.get(1)) else {
        eprintln!("usage: generate ACTORS ISSUES [SEED] [--numeric|--deu]");
        std::process::exit(2);
    };
    let mut spec = if deu {
        detente::generate::Spec::deu_iii(actors, issues)
    } else if numeric {
        detente::generate::Spec::numeric(actors, issues)
    } else {
        detente::generate::Spec::new(actors, issues)
    };
    if let Some(&seed) = args.get(2) {
        spec.seed = seed as u64;
    }
    print!("{}", detente::generate::yaml(&spec));
}
