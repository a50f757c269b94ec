/// The stored user, with the secrets the public `User` leaves out.
struct UserRecord: Sendable {
    let id: MattermostID
    let createAt: Int64
    var updateAt: Int64
    var deleteAt: Int64 = 0
    var username: String
    var email: String
    var password: String
    var roles: [Role]
    var authService: AuthService
    var firstName: String
    var lastName: String
    var nickname: String
    var mfaSecret: UInt64?
    var lastPasswordUpdate: Int64
    /// A new email waiting for its verification link (`RequireEmailVerification`).
    var pendingEmail: String?
    /// Set by the `login-after-revoke-fails` fault only.
    var lockedByRevoke = false

    var rolesString: String { roles.map(\.rawValue).joined(separator: " ") }
    var isSystemAdmin: Bool { roles.contains(.systemAdmin) }
    var isGuest: Bool { roles.contains(.systemGuest) }

    var publicUser: User {
        User(id: id.description, createAt: createAt, updateAt: updateAt, deleteAt: deleteAt, username: username,
             authService: authService.rawValue, email: email, emailVerified: true, nickname: nickname,
             firstName: firstName, lastName: lastName, position: "", roles: rolesString, locale: "en",
             mfaActive: mfaSecret != nil, lastPasswordUpdate: lastPasswordUpdate)
    }
}
