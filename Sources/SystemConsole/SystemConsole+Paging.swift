import SessionBackend

extension SystemConsole {
    /// Rows per page: the old console's `USERS_PER_PAGE = 50` (`system_users.jsx`); today's table
    /// starts at `PAGE_SIZES[0]` = 10 (`system_users.tsx`; the initial state is INFERRED).
    public nonisolated var pageSize: Int { version == .legacy ? 50 : 10 }

    /// The labels of the paging controls: the old list's "Previous" / "Next" buttons
    /// (`filtered_user_list.prev` / `.next`, ids `searchableUserListPrevBtn` / `NextBtn`); today's
    /// chevron buttons, named by their aria-labels "Go to previous page" / "Go to next page".
    public nonisolated var pagingLabels: (previous: String, next: String) {
        version == .legacy ? ("Previous", "Next") : ("Go to previous page", "Go to next page")
    }

    /// The count at the top of the list: old console `system_users_list.countPage` "{start} -
    /// {end} users of {total} total" ("{count} users" when one page holds all), today
    /// `admin.system_users_list.pagination` "Showing {first} - {last} of {total} users"
    /// (`system_users/utils/index.tsx getPaginationInfo`).
    public func countText() async throws(ConsoleError) -> String {
        let rows = try await rows()
        let page = faults.contains(.usersListCountStuck) ? 0 : pageIndex
        let first = page * pageSize + 1, last = page * pageSize + rows.count
        if version == .current {
            return rows.isEmpty ? "0 users" : "Showing \(first) - \(last) of \(total) users"
        }
        if first == 1 && last == total { return "\(total) \(total == 1 ? "user" : "users")" }
        return "\(first) - \(last) \(rows.count == 1 ? "user" : "users") of \(total) total"
    }

    /// The total the count shows.
    public var totalUsers: Int { total }

    /// Whether "Next" can be clicked: the old list shows it only while `pageEnd < total` (and not
    /// while searching); today's is disabled once a page comes back short.
    public func canGoNext() async throws(ConsoleError) -> Bool {
        let rows = try await rows()
        if version == .legacy { return appliedSearchTerm.isEmpty && (pageIndex + 1) * pageSize < total }
        return rows.count == pageSize && (pageIndex + 1) * pageSize < total
    }

    /// Whether "Previous" can be clicked (from the second page on).
    public func canGoPrevious() async throws(ConsoleError) -> Bool {
        try requireUsersPage()
        return pageIndex > 0
    }

    /// Clicks Next: the next page of rows (`GET /api/v4/users?page=&per_page=50` in the old console).
    public func nextPage() async throws(ConsoleError) {
        guard try await canGoNext() else { throw ConsoleError("\"\(pagingLabels.next)\" is not available on the last page of the users list.") }
        pageIndex += 1
        try await reload()
    }

    /// Clicks Previous.
    public func previousPage() async throws(ConsoleError) {
        guard try await canGoPrevious() else { throw ConsoleError("\"\(pagingLabels.previous)\" is not available on the first page of the users list.") }
        pageIndex -= 1
        try await reload()
    }
}
