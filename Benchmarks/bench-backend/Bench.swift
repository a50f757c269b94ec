@main
struct Bench {
    static func main() {
        print("bench-backend: not written yet")
    }
}
