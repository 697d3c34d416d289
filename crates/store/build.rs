//! `sqlx::migrate!` embeds `migrations/` at compile time; without this the
//! crate would not be rebuilt when a migration is added or edited.

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
