package io.baobei.identity;

import java.util.Arrays;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.baobei.BaobeiProperties;
import io.baobei.handover.HandoverVariables;
import io.baobei.extension.ExtensionVariables;
import io.baobei.pool.PoolClaimVariables;
import io.baobei.protection.ProtectionVariables;
import io.baobei.registration.RegistrationVariables;

/**
 * Makes sure the role groups and their Camunda authorizations exist, and creates the first admin from
 * BAOBEI_ADMIN_USERNAME / BAOBEI_ADMIN_PASSWORD. Idempotent: runs at every start-up.
 */
@Component
@Order(1)
public class IdentityBootstrap implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(IdentityBootstrap.class);
    static final String TASKLIST = "tasklist";

    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final BaobeiProperties properties;
    private final UserReadGrants userReadGrants;

    public IdentityBootstrap(IdentityService identityService, AuthorizationService authorizationService,
                             BaobeiProperties properties, UserReadGrants userReadGrants) {
        this.identityService = identityService;
        this.authorizationService = authorizationService;
        this.properties = properties;
        this.userReadGrants = userReadGrants;
    }

    @Override
    public void run(ApplicationArguments args) {
        ensureGroup(Groups.SALES, "销售", Groups.TYPE_ROLE);
        ensureGroup(Groups.MANAGERS, "销售主管", Groups.TYPE_ROLE);
        ensureGroup(Groups.ADMINS, "管理员", Groups.TYPE_ROLE);
        ensureGroup(Groups.SALES_DIRECTORS, "销售总监", Groups.TYPE_ROLE);

        // reps: Tasklist, start a registration, work on the tasks the engine assigns them
        grant(Groups.SALES, Resources.APPLICATION, TASKLIST, Permissions.ACCESS);
        grant(Groups.SALES, Resources.PROCESS_DEFINITION, RegistrationVariables.PROCESS_KEY,
                Permissions.READ, Permissions.CREATE_INSTANCE);
        grant(Groups.SALES, Resources.PROCESS_DEFINITION, ProtectionVariables.PROCESS_KEY, Permissions.READ);
        // 领取公海客户 from Tasklist
        grant(Groups.SALES, Resources.PROCESS_DEFINITION, PoolClaimVariables.PROCESS_KEY,
                Permissions.READ, Permissions.CREATE_INSTANCE);
        grant(Groups.SALES, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE);
        // managers: Tasklist and the review tasks of their teams (through the candidate group)
        grant(Groups.MANAGERS, Resources.APPLICATION, TASKLIST, Permissions.ACCESS);
        grant(Groups.MANAGERS, Resources.PROCESS_DEFINITION, RegistrationVariables.PROCESS_KEY, Permissions.READ);
        grant(Groups.MANAGERS, Resources.PROCESS_DEFINITION, ProtectionVariables.PROCESS_KEY, Permissions.READ);
        grant(Groups.MANAGERS, Resources.PROCESS_DEFINITION, PoolClaimVariables.PROCESS_KEY, Permissions.READ);
        // 审批延期 (started by the application only: nobody may start it from Tasklist)
        grant(Groups.MANAGERS, Resources.PROCESS_DEFINITION, ExtensionVariables.PROCESS_KEY, Permissions.READ);
        // 离职交接 from Tasklist (HandoverService checks that the rep is of a team they manage)
        grant(Groups.MANAGERS, Resources.PROCESS_DEFINITION, HandoverVariables.PROCESS_KEY,
                Permissions.READ, Permissions.CREATE_INSTANCE);
        grant(Groups.MANAGERS, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE);
        // directors: Tasklist and the reviews escalated to them (the group becomes a candidate of the task)
        grant(Groups.SALES_DIRECTORS, Resources.APPLICATION, TASKLIST, Permissions.ACCESS);
        grant(Groups.SALES_DIRECTORS, Resources.PROCESS_DEFINITION, RegistrationVariables.PROCESS_KEY, Permissions.READ);
        // admins: everything, including Cockpit, Admin and /engine-rest
        Arrays.stream(Resources.values()).forEach(r -> grant(Groups.ADMINS, r, Authorization.ANY, Permissions.ALL));
        // people's names in Tasklist: a team's managers read the team, the team reads its managers (UserReadGrants)
        userReadGrants.reconcileAllTeams();

        createInitialAdmin();
    }

    private void createInitialAdmin() {
        String username = properties.admin().username();
        if (username == null || username.isBlank()) {
            return;
        }
        if (identityService.createUserQuery().userId(username).count() > 0) {
            return;
        }
        String password = properties.admin().password();
        if (password == null || password.isBlank()) {
            throw new IllegalStateException("BAOBEI_ADMIN_USERNAME is set but BAOBEI_ADMIN_PASSWORD is empty");
        }
        User admin = identityService.newUser(username);
        admin.setFirstName("系统");
        admin.setLastName("管理员");
        admin.setPassword(password);
        identityService.saveUser(admin);
        identityService.createMembership(username, Groups.ADMINS);
        LOG.info("Created the initial administrator '{}'", username);
    }

    public void ensureGroup(String id, String name, String type) {
        if (identityService.createGroupQuery().groupId(id).count() == 0) {
            Group group = identityService.newGroup(id);
            group.setName(name);
            group.setType(type);
            identityService.saveGroup(group);
        }
    }

    /** Removes the group's authorizations on one resource, if any. */
    public void revoke(String groupId, Resource resource, String resourceId) {
        authorizationService.createAuthorizationQuery().groupIdIn(groupId).resourceType(resource).resourceId(resourceId)
                .list().forEach(authorization -> authorizationService.deleteAuthorization(authorization.getId()));
    }

    public void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
        boolean exists = authorizationService.createAuthorizationQuery().groupIdIn(groupId)
                .resourceType(resource).resourceId(resourceId).count() > 0;
        if (exists) {
            return;
        }
        Authorization authorization = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        authorization.setGroupId(groupId);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        for (Permission permission : permissions) {
            authorization.addPermission(permission);
        }
        authorizationService.saveAuthorization(authorization);
    }
}
