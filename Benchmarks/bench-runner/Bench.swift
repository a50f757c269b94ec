@main
struct Bench {
    static func main() {
        print("bench-runner: not written yet")
    }
}
