//! Rebuild when the built-in theme changes: `include_dir!` embeds `themes/default`,
//! but cargo only notices files it already knew about, not newly added ones.
fn main() {
    println!("cargo:rerun-if-changed=themes/default");
}
