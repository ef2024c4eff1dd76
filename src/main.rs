fn main() -> std::process::ExitCode {
    detente::cli::main()
}
