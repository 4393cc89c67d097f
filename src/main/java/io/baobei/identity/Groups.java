package io.baobei.identity;

/**
 * Group ids in Camunda's identity service, the one source of truth for users, groups and teams.
 * A team is a group of type {@link #TYPE_TEAM}; its managers are the members of the group
 * {@code <team id>Managers} (type {@link #TYPE_TEAM_MANAGERS}), which is the candidate group of the
 * team's review tasks.
 */
public final class Groups {

    /** 销售: may register customers and work on their own follow-ups. */
    public static final String SALES = "sales";
    /** 销售主管: review the registrations of the teams they manage. */
    public static final String MANAGERS = "managers";
    /**
     * 销售总监: the next level above the team managers. Candidates of a review that waited too long (or of a late
     * registration, when RegistrationPolicy.dmn says so); they may then decide it for any team.
     */
    public static final String SALES_DIRECTORS = "sales-directors";
    /** 管理员: Camunda's built-in administrators group (Cockpit, Admin, /engine-rest). */
    public static final String ADMINS = "camunda-admin";

    public static final String TYPE_ROLE = "WORKFLOW";
    public static final String TYPE_TEAM = "team";
    public static final String TYPE_TEAM_MANAGERS = "team-managers";

    private static final String MANAGERS_SUFFIX = "Managers";

    private Groups() {
    }

    public static String reviewersOf(String teamId) {
        return teamId + MANAGERS_SUFFIX;
    }

    public static String teamOfReviewers(String reviewerGroupId) {
        return reviewerGroupId.substring(0, reviewerGroupId.length() - MANAGERS_SUFFIX.length());
    }
}
