package io.baobei.support;

import jakarta.annotation.PostConstruct;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.test.context.TestComponent;

import io.baobei.identity.Groups;
import io.baobei.identity.IdentityBootstrap;

/**
 * The people of the tests: team A (manager {@code mgrA}, reps {@code repA1}, {@code repA2}), team B
 * (manager {@code mgrB}, rep {@code repB1}) and {@code boss} (admin). Created once per context.
 */
@TestComponent
public class TestIdentities {

    public static final String PASSWORD = "Baobei#2026test";
    public static final String TEAM_A = "teamA";
    public static final String TEAM_B = "teamB";
    public static final String TEAM_A_NAME = "测试甲组";
    public static final String MGR_A = "mgrA";
    public static final String REP_A1 = "repA1";
    public static final String REP_A2 = "repA2";
    public static final String MGR_B = "mgrB";
    public static final String REP_B1 = "repB1";
    public static final String ADMIN = "boss";

    private final IdentityService identityService;
    private final IdentityBootstrap bootstrap;

    public TestIdentities(IdentityService identityService, IdentityBootstrap bootstrap) {
        this.identityService = identityService;
        this.bootstrap = bootstrap;
    }

    @PostConstruct
    void create() {
        bootstrap.ensureGroup(Groups.SALES, "销售", Groups.TYPE_ROLE);
        bootstrap.ensureGroup(Groups.MANAGERS, "销售主管", Groups.TYPE_ROLE);
        bootstrap.ensureGroup(Groups.ADMINS, "管理员", Groups.TYPE_ROLE);
        bootstrap.ensureGroup(TEAM_A, TEAM_A_NAME, Groups.TYPE_TEAM);
        bootstrap.ensureGroup(Groups.reviewersOf(TEAM_A), TEAM_A_NAME + "主管", Groups.TYPE_TEAM_MANAGERS);
        bootstrap.ensureGroup(TEAM_B, "测试乙组", Groups.TYPE_TEAM);
        bootstrap.ensureGroup(Groups.reviewersOf(TEAM_B), "测试乙组主管", Groups.TYPE_TEAM_MANAGERS);
        user(MGR_A, Groups.MANAGERS, TEAM_A, Groups.reviewersOf(TEAM_A));
        user(REP_A1, Groups.SALES, TEAM_A);
        user(REP_A2, Groups.SALES, TEAM_A);
        user(MGR_B, Groups.MANAGERS, TEAM_B, Groups.reviewersOf(TEAM_B));
        user(REP_B1, Groups.SALES, TEAM_B);
        user(ADMIN, Groups.ADMINS);
    }

    /**
     * A fresh rep of {@code team} that no other test has used: for tests that count a rep's customers, claims or
     * quota in the shared test database. The name starts with {@code prefix} (at most 40 characters in all).
     */
    public String newRep(String prefix, String team) {
        String id = prefix + Long.toString(System.nanoTime(), 36);
        user(id, Groups.SALES, team);
        return id;
    }

    /** A team of its own (a manager and two reps) that no other test uses: for pages and lists scoped to a team. */
    public record Team(String id, String manager, String rep1, String rep2) {
    }

    /** A fresh team; ids start with {@code prefix} (letters and digits only, at most 20 characters). */
    public Team newTeam(String prefix) {
        String id = prefix + Long.toString(System.nanoTime(), 36);
        bootstrap.ensureGroup(id, "测试" + id + "组", Groups.TYPE_TEAM);
        bootstrap.ensureGroup(Groups.reviewersOf(id), "测试" + id + "组主管", Groups.TYPE_TEAM_MANAGERS);
        Team team = new Team(id, id + "mgr", id + "r1", id + "r2");
        user(team.manager(), Groups.MANAGERS, id, Groups.reviewersOf(id));
        user(team.rep1(), Groups.SALES, id);
        user(team.rep2(), Groups.SALES, id);
        return team;
    }

    /** A person with a real (Chinese) name, surname as first name as Camunda stores it: 周 + 杰. */
    public void person(String login, String surname, String givenName, String... groups) {
        User user = identityService.newUser(login);
        user.setFirstName(surname);
        user.setLastName(givenName);
        user.setPassword(PASSWORD);
        identityService.saveUser(user);
        for (String group : groups) {
            identityService.createMembership(login, group);
        }
    }

    private void user(String id, String... groups) {
        if (identityService.createUserQuery().userId(id).count() > 0) {
            return;
        }
        User user = identityService.newUser(id);
        user.setFirstName(id);
        user.setLastName("测试");
        user.setPassword(PASSWORD);
        identityService.saveUser(user);
        for (String group : groups) {
            identityService.createMembership(id, group);
        }
    }
}
