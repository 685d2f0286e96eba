import FuzzSupport

@main
struct FuzzStatement {
    static func main() {
        Fuzzer.run(Checks.statement)
    }
}
