package io.baobei.identity;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

import io.baobei.engine.AsSystem;

/**
 * Who may read whose profile (Camunda's {@code USER} resource, READ), so that Tasklist shows people by name (李明)
 * instead of their login: Tasklist looks every assignee up through the engine, and a user it may not read appears
 * as the login id. The narrowest grant that covers what Tasklist shows:
 * <ul>
 *   <li>a team's managers (group {@code <team>Managers}) read every member of the team and their co-managers: they
 *       see the team's tasks and who holds them;</li>
 *   <li>the team (group {@code <team>}) reads its managers: the people who review, approve and reassign its work;</li>
 *   <li>everyone reads themselves (Camunda's default authorization of a new user).</li>
 * </ul>
 * Reps do not read fellow reps, nor anyone of another team: no Tasklist view shows them. Camunda authorizations name
 * single users, so the grants are per person and follow team membership: reconciled for every team at start-up and
 * for the signed-in user's teams at every interactive login (people added to a team later, e.g. in Camunda Admin).
 * A grant of a team group whose person has left the team is removed then, too.
 */
@Component
public class UserReadGrants {

    private static final Logger LOG = LoggerFactory.getLogger(UserReadGrants.class);

    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final AsSystem asSystem;

    public UserReadGrants(IdentityService identityService, AuthorizationService authorizationService,
                          AsSystem asSystem) {
        this.identityService = identityService;
        this.authorizationService = authorizationService;
        this.asSystem = asSystem;
    }

    /** Every team's grants (start-up). A team that fails is logged and left to the next login: names only. */
    public void reconcileAllTeams() {
        asSystem.run(() -> identityService.createGroupQuery().groupType(Groups.TYPE_TEAM).list().forEach(team -> {
            try {
                reconcile(team.getId());
            } catch (RuntimeException e) {
                // e.g. another node starting at the same time inserted the same grant
                LOG.warn("Could not reconcile the user READ grants of team {}: {}", team.getId(), e.toString());
            }
        }));
    }

    /** The grants of the teams {@code username} belongs to or manages. */
    public void reconcileTeamsOf(String username) {
        asSystem.run(() -> {
            Set<String> teams = new HashSet<>();
            for (Group group : identityService.createGroupQuery().groupMember(username).list()) {
                if (Groups.TYPE_TEAM.equals(group.getType())) {
                    teams.add(group.getId());
                } else if (Groups.TYPE_TEAM_MANAGERS.equals(group.getType())) {
                    teams.add(Groups.teamOfReviewers(group.getId()));
                }
            }
            teams.forEach(this::reconcile);
        });
    }

    @EventListener
    public void loggedIn(InteractiveAuthenticationSuccessEvent event) {
        try {
            reconcileTeamsOf(event.getAuthentication().getName());
        } catch (RuntimeException e) {
            // two colleagues signing in at once may insert the same grant (the engine's unique key refuses the
            // second): the login goes on, names appear, and the next login reconciles again
            LOG.warn("Could not reconcile the user READ grants at the login of {}: {}",
                    event.getAuthentication().getName(), e.toString());
        }
    }

    private void reconcile(String teamId) {
        String managersGroup = Groups.reviewersOf(teamId);
        Set<String> managers = members(managersGroup);
        Set<String> everyone = new HashSet<>(members(teamId));
        everyone.addAll(managers);
        reconcile(managersGroup, everyone);
        reconcile(teamId, managers);
    }

    /** Makes the group's READ grants on users exactly {@code readable}. */
    private void reconcile(String groupId, Set<String> readable) {
        Set<String> granted = new HashSet<>();
        for (Authorization grant : authorizationService.createAuthorizationQuery().groupIdIn(groupId)
                .resourceType(Resources.USER).list()) {
            if (grant.getAuthorizationType() != Authorization.AUTH_TYPE_GRANT) {
                continue;
            }
            if (readable.contains(grant.getResourceId())) {
                granted.add(grant.getResourceId());
            } else {
                authorizationService.deleteAuthorization(grant.getId());
            }
        }
        for (String userId : readable) {
            if (!granted.contains(userId)) {
                Authorization grant = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
                grant.setGroupId(groupId);
                grant.setResource(Resources.USER);
                grant.setResourceId(userId);
                grant.addPermission(Permissions.READ);
                authorizationService.saveAuthorization(grant);
            }
        }
    }

    private Set<String> members(String groupId) {
        List<User> users = identityService.createUserQuery().memberOfGroup(groupId).list();
        return users.stream().map(User::getId).collect(Collectors.toSet());
    }
}
