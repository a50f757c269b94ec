@main
struct Bench {
    static func main() {
        print("stepwise-bench: no benchmarks yet")
    }
}
