@main
struct Bench {
    static func main() {
        print("bench-parse: not written yet")
    }
}
