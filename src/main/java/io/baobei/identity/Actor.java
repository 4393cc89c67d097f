package io.baobei.identity;

import java.util.Set;

/**
 * The user a service acts for, resolved from the identity service: role, own team, managed teams.
 * Services take an Actor and scope every read and write by it.
 */
public record Actor(String username, Role role, String team, Set<String> managedTeams) {

    public Actor {
        managedTeams = Set.copyOf(managedTeams);
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public boolean manages(String teamId) {
        return teamId != null && managedTeams.contains(teamId);
    }
}
