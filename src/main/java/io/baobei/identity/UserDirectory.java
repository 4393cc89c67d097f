package io.baobei.identity;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import io.baobei.engine.AsSystem;

/** Reads users, teams and roles from Camunda's identity service. */
@Component
public class UserDirectory {

    private final IdentityService identityService;
    /** directory look-ups are the system's business: a rep has no READ permission on groups */
    private final AsSystem asSystem;

    public UserDirectory(IdentityService identityService, AsSystem asSystem) {
        this.identityService = identityService;
        this.asSystem = asSystem;
    }

    public Actor actor(String username) {
        List<Group> groups = asSystem(() -> identityService.createGroupQuery().groupMember(username).list());
        Set<String> ids = groups.stream().map(Group::getId).collect(Collectors.toSet());
        Role role = ids.contains(Groups.ADMINS) ? Role.ADMIN
                : ids.contains(Groups.MANAGERS) ? Role.MANAGER : Role.REP;
        String team = groups.stream().filter(g -> Groups.TYPE_TEAM.equals(g.getType())).map(Group::getId)
                .sorted().findFirst().orElse(null);
        Set<String> managed = groups.stream().filter(g -> Groups.TYPE_TEAM_MANAGERS.equals(g.getType()))
                .map(g -> Groups.teamOfReviewers(g.getId())).collect(Collectors.toSet());
        return new Actor(username, role, team, managed);
    }

    /** The actor behind the current HTTP request. */
    public Actor currentActor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            throw new AuthenticationCredentialsNotFoundException("not logged in");
        }
        return actor(auth.getName());
    }

    /** The current actor, who must be an admin (403 otherwise). */
    public Actor currentAdmin() {
        Actor actor = currentActor();
        if (!actor.isAdmin()) {
            throw new AccessDeniedException("admins only");
        }
        return actor;
    }

    public String teamName(String teamId) {
        if (teamId == null) {
            return null;
        }
        Group group = asSystem(() -> identityService.createGroupQuery().groupId(teamId).singleResult());
        return group == null ? teamId : group.getName();
    }

    /**
     * People's names as the directory has them, first name then last name without a space as Chinese names are
     * entered (李 + 明: 李明), by login; a login without a name, or unknown, stands for itself.
     */
    public Map<String, String> names(Collection<String> usernames) {
        String[] ids = usernames.stream().filter(Objects::nonNull).distinct().toArray(String[]::new);
        Map<String, String> names = new HashMap<>();
        for (String id : ids) {
            names.put(id, id);
        }
        if (ids.length > 0) {
            for (User user : asSystem(() -> identityService.createUserQuery().userIdIn(ids).list())) {
                String name = ((user.getFirstName() == null ? "" : user.getFirstName())
                        + (user.getLastName() == null ? "" : user.getLastName())).strip();
                if (!name.isEmpty()) {
                    names.put(user.getId(), name);
                }
            }
        }
        return names;
    }

    public String name(String username) {
        return username == null ? null : names(List.of(username)).get(username);
    }

    /** "李明（rep1）": the name, with the login that tells two people of one name apart; the login alone without a name. */
    public String nameAndLogin(String username) {
        String name = name(username);
        return name == null || name.equals(username) ? name : name + "（" + username + "）";
    }

    /** The user ids of a group's members, sorted (e.g. the reviewers of a team: {@link Groups#reviewersOf}). */
    public List<String> membersOf(String groupId) {
        return asSystem(() -> identityService.createUserQuery().memberOfGroup(groupId).list()).stream()
                .map(User::getId).sorted().toList();
    }

    /**
     * The managers of a team (its reviewer group, {@link Groups#reviewersOf}) who are told of a colleague's request
     * or customer: every member but {@code except}, who is a party to it. None for a user without a team.
     */
    public List<String> managersOf(String team, String except) {
        if (team == null) {
            return List.of();
        }
        return membersOf(Groups.reviewersOf(team)).stream().filter(user -> !user.equals(except)).toList();
    }

    public boolean exists(String username) {
        return asSystem(() -> identityService.createUserQuery().userId(username).count() > 0);
    }

    /** The user's email address in the identity service, or null (notifications by email). */
    public String email(String username) {
        User user = asSystem(() -> identityService.createUserQuery().userId(username).singleResult());
        return user == null || user.getEmail() == null || user.getEmail().isBlank() ? null : user.getEmail().strip();
    }

    /** An entry of the user's profile (Camunda user info), e.g. the 企业微信 user id; null when not set. */
    public String profileEntry(String username, String key) {
        String value = asSystem(() -> identityService.getUserInfo(username, key));
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Whether the user is a member of the group (e.g. {@link Groups#SALES_DIRECTORS}). */
    public boolean isMember(String username, String groupId) {
        return username != null && asSystem(() -> identityService.createUserQuery().userId(username)
                .memberOfGroup(groupId).count() > 0);
    }

    private <T> T asSystem(Supplier<T> query) {
        return asSystem.call(query);
    }
}
