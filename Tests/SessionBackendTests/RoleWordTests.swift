import Testing

@testable import SessionBackend

@Suite("Role lists read word by word")
struct RoleWordTests {
    @Test("a role is in the list exactly when splitting the list on spaces finds it", arguments: [
        "", "system_admin", "system_user system_admin", "system_admin system_user", " system_admin ", "system_user  system_admin",
        "system_adminx", "xsystem_admin", "system_user", "system_guest", "system_user system_guest", "system_admi", "system_admin\tsystem_user",
    ])
    func sameAsSplitting(roles: String) {
        for role in ["system_admin", "system_guest", "system_user", "a", ""] {
            #expect(roles.containsWord(role) == roles.split(separator: " ").contains(Substring(role)), "\(role) in '\(roles)'")
        }
    }
}
