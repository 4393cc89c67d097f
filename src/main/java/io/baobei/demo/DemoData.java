package io.baobei.demo;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.baobei.customer.Customer;
import io.baobei.customer.CustomerService;
import io.baobei.customer.CustomerStatus;
import io.baobei.customer.Deal;
import io.baobei.customer.Grade;
import io.baobei.customer.Industry;
import io.baobei.customer.OwnershipEvent;
import io.baobei.customer.OwnershipService;
import io.baobei.dedup.CreditCodes;
import io.baobei.identity.Groups;
import io.baobei.identity.IdentityBootstrap;
import io.baobei.registration.RegistrationForm;
import io.baobei.registration.RegistrationVariables;

/**
 * The demo profile's users (password "demo") and a few dozen customers in every state, plus some
 * registrations waiting for review. Seeds only an empty database; never active in production.
 */
@Component
@Profile("demo")
@Order(3)
public class DemoData implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);
    static final String PASSWORD = "demo";
    static final String TEAM_SOUTH = "teamSouth1";
    static final String TEAM_EAST = "teamEast1";

    private final IdentityService identityService;
    private final IdentityBootstrap bootstrap;
    private final CustomerService customers;
    private final OwnershipService ownership;
    private final RuntimeService runtimeService;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public DemoData(IdentityService identityService, IdentityBootstrap bootstrap, CustomerService customers,
                    OwnershipService ownership, RuntimeService runtimeService,
                    TransactionTemplate transactions, Clock clock) {
        this.identityService = identityService;
        this.bootstrap = bootstrap;
        this.customers = customers;
        this.ownership = ownership;
        this.runtimeService = runtimeService;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        createUsers();
        if (customers.count() == 0) {
            transactions.executeWithoutResult(status -> createCustomers());
            createPendingRegistrations();
            LOG.info("Demo data created: {} customers", customers.count());
        }
    }

    private void createUsers() {
        bootstrap.ensureGroup(TEAM_SOUTH, "华南一组", Groups.TYPE_TEAM);
        bootstrap.ensureGroup(Groups.reviewersOf(TEAM_SOUTH), "华南一组主管", Groups.TYPE_TEAM_MANAGERS);
        bootstrap.ensureGroup(TEAM_EAST, "华东一组", Groups.TYPE_TEAM);
        bootstrap.ensureGroup(Groups.reviewersOf(TEAM_EAST), "华东一组主管", Groups.TYPE_TEAM_MANAGERS);
        user("admin", "系统", "管理员", Groups.ADMINS);
        user("manager1", "王", "建国", Groups.MANAGERS, TEAM_SOUTH, Groups.reviewersOf(TEAM_SOUTH));
        user("rep1", "李", "明", Groups.SALES, TEAM_SOUTH);
        user("rep2", "张", "伟", Groups.SALES, TEAM_SOUTH);
        user("manager2", "陈", "静", Groups.MANAGERS, TEAM_EAST, Groups.reviewersOf(TEAM_EAST));
        user("rep3", "刘", "洋", Groups.SALES, TEAM_EAST);
        user("rep4", "赵", "敏", Groups.SALES, TEAM_EAST);
        // 销售总监: reviews that waited too long for their team's manager are escalated to them
        user("director", "周", "总", Groups.SALES_DIRECTORS);
    }

    private void user(String id, String firstName, String lastName, String... groups) {
        if (identityService.createUserQuery().userId(id).count() == 0) {
            User user = identityService.newUser(id);
            user.setFirstName(firstName);
            user.setLastName(lastName);
            user.setEmail(id + "@baobei.example");
            user.setPassword(PASSWORD);
            identityService.saveUser(user);
        }
        for (String group : groups) {
            if (identityService.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
                identityService.createMembership(id, group);
            }
        }
    }

    private record Seed(String name, String region, Industry industry, Grade grade, String owner, String team,
                        CustomerStatus status) {
    }

    private static final List<Seed> SEEDS = List.of(
            new Seed("深圳市星河云图科技有限公司", "广东省深圳市", Industry.IT, Grade.A, "rep1", TEAM_SOUTH, CustomerStatus.PROTECTED),
            new Seed("广州市岭南精工机械有限公司", "广东省广州市", Industry.MANUFACTURING, Grade.B, "rep1", TEAM_SOUTH, CustomerStatus.PROTECTED),
            new Seed("东莞市汇达电子实业有限公司", "广东省东莞市", Industry.MANUFACTURING, Grade.C, "rep1", TEAM_SOUTH, CustomerStatus.PROTECTED),
            new Seed("佛山市顺德区美居家电有限公司", "广东省佛山市", Industry.RETAIL, Grade.B, "rep1", TEAM_SOUTH, CustomerStatus.PROTECTED),
            new Seed("珠海市海之蓝游艇制造有限公司", "广东省珠海市", Industry.MANUFACTURING, Grade.D, "rep1", TEAM_SOUTH, CustomerStatus.CONVERTED),
            new Seed("深圳市前海融通供应链管理有限公司", "广东省深圳市", Industry.LOGISTICS, Grade.A, "rep2", TEAM_SOUTH, CustomerStatus.PROTECTED),
            new Seed("广州天河智慧教育科技有限公司", "广东省广州市", Industry.EDUCATION, Grade.B, "rep2", TEAM_SOUTH, CustomerStatus.PROTECTED),
            new Seed("南宁市绿城新能源有限公司", "广西壮族自治区南宁市", Industry.ENERGY, Grade.C, "rep2", TEAM_SOUTH, CustomerStatus.PROTECTED),
            new Seed("厦门鹭岛医疗器械有限公司", "福建省厦门市", Industry.HEALTHCARE, Grade.A, "rep2", TEAM_SOUTH, CustomerStatus.CONVERTED),
            new Seed("海口椰风旅游文化发展有限公司", "海南省海口市", Industry.SERVICES, Grade.D, "rep2", TEAM_SOUTH, CustomerStatus.PROTECTED),
            new Seed("上海浦江数据服务有限公司", "上海市", Industry.IT, Grade.A, "rep3", TEAM_EAST, CustomerStatus.PROTECTED),
            new Seed("杭州西溪电子商务有限公司", "浙江省杭州市", Industry.RETAIL, Grade.B, "rep3", TEAM_EAST, CustomerStatus.PROTECTED),
            new Seed("苏州工业园区恒信精密制造有限公司", "江苏省苏州市", Industry.MANUFACTURING, Grade.C, "rep3", TEAM_EAST, CustomerStatus.PROTECTED),
            new Seed("南京金陵建设工程有限公司", "江苏省南京市", Industry.CONSTRUCTION, Grade.B, "rep3", TEAM_EAST, CustomerStatus.CONVERTED),
            new Seed("宁波港城国际物流有限公司", "浙江省宁波市", Industry.LOGISTICS, Grade.A, "rep3", TEAM_EAST, CustomerStatus.PROTECTED),
            new Seed("合肥科创智能装备股份有限公司", "安徽省合肥市", Industry.MANUFACTURING, Grade.B, "rep4", TEAM_EAST, CustomerStatus.PROTECTED),
            new Seed("无锡太湖生物医药有限公司", "江苏省无锡市", Industry.HEALTHCARE, Grade.A, "rep4", TEAM_EAST, CustomerStatus.PROTECTED),
            new Seed("温州瓯江鞋业有限公司", "浙江省温州市", Industry.MANUFACTURING, Grade.D, "rep4", TEAM_EAST, CustomerStatus.PROTECTED),
            new Seed("济南泉城软件有限公司", "山东省济南市", Industry.IT, Grade.C, "rep4", TEAM_EAST, CustomerStatus.PROTECTED),
            new Seed("青岛海韵食品有限公司", "山东省青岛市", Industry.RETAIL, Grade.B, "rep4", TEAM_EAST, CustomerStatus.CONVERTED),
            new Seed("北京中关村云启信息技术有限公司", "北京市", Industry.IT, Grade.B, null, null, CustomerStatus.POOL),
            new Seed("天津滨海重工机械有限公司", "天津市", Industry.MANUFACTURING, Grade.C, null, null, CustomerStatus.POOL),
            new Seed("成都天府数字文化传媒有限公司", "四川省成都市", Industry.SERVICES, Grade.C, null, null, CustomerStatus.POOL),
            new Seed("重庆两江汽车零部件有限公司", "重庆市", Industry.MANUFACTURING, Grade.B, null, null, CustomerStatus.POOL),
            new Seed("武汉光谷激光技术有限公司", "湖北省武汉市", Industry.IT, Grade.A, null, null, CustomerStatus.POOL),
            new Seed("长沙湘江农业发展有限公司", "湖南省长沙市", Industry.OTHER, Grade.D, null, null, CustomerStatus.POOL),
            new Seed("西安秦川航空材料有限公司", "陕西省西安市", Industry.MANUFACTURING, Grade.C, null, null, CustomerStatus.POOL),
            new Seed("郑州中原粮油贸易有限公司", "河南省郑州市", Industry.RETAIL, Grade.D, null, null, CustomerStatus.POOL),
            new Seed("昆明春城花卉物流有限公司", "云南省昆明市", Industry.LOGISTICS, Grade.C, null, null, CustomerStatus.POOL),
            new Seed("沈阳北方电力设备有限公司", "辽宁省沈阳市", Industry.ENERGY, Grade.B, null, null, CustomerStatus.POOL));

    private void createCustomers() {
        Instant now = Instant.now(clock);
        for (int i = 0; i < SEEDS.size(); i++) {
            Seed seed = SEEDS.get(i);
            Customer customer = new Customer(seed.name(), seed.grade(),
                    now.minus(Duration.ofDays(40 - i)));
            customer.updateDetails(seed.name(), creditCode(i),
                    CONTACTS.get(i % CONTACTS.size()), String.format("139%08d", 10_000_000 + i * 7919),
                    "contact" + i + "@example.cn", seed.industry().name(), seed.region(), seed.grade());
            if (seed.status() == CustomerStatus.POOL) {
                ownership.importCustomer(customer, null, "演示数据：公海客户", OwnershipEvent.SYSTEM);
                continue;
            }
            // staggered deadlines, so some tasks are due within days ("即将到期") and some later
            Instant since = now.minus(Duration.ofDays(5 + i % 20));
            customer = ownership.importCustomer(customer, new OwnershipService.ImportedOwner(seed.owner(), seed.team(),
                    since, since.plus(Duration.ofDays(45 + i % 30)), now.plus(Duration.ofDays(1 + i % 9))),
                    "演示数据：初始归属", OwnershipEvent.SYSTEM);
            if (seed.status() == CustomerStatus.CONVERTED) {
                ownership.convert(customer.getId(), null, new Deal(BigDecimal.valueOf(88_000L + i * 12_500L, 0),
                        LocalDate.now(clock).minusDays(1)), "演示数据：已成交", seed.owner());
            } else if (seed.name().equals(RELEASED_SEED)) {
                // one customer just released: the pool shows it as published on the next working day at 10:00,
                // and its former owner in cooldown
                ownership.release(customer.getId(), seed.owner(), "演示数据：客户暂无采购计划", null);
            }
        }
    }

    private static final String RELEASED_SEED = "温州瓯江鞋业有限公司";

    private static final List<String> CONTACTS = List.of("周先生", "吴女士", "郑经理", "孙总", "钱主任", "冯女士",
            "黄工", "林经理", "何女士", "高总");

    /** A valid 统一社会信用代码 per seed: prefix 91 (enterprise), region 440300, a counter, check character. */
    static String creditCode(int i) {
        String first17 = String.format("91440300MA5D%05d", i);
        return first17 + CreditCodes.checkCharacter(first17);
    }

    /** A few registrations in flight, started like Tasklist does, so managers have something to review. */
    private void createPendingRegistrations() {
        LocalDate today = LocalDate.now(clock);
        submitAs("rep2", List.of(Groups.SALES, TEAM_SOUTH), new RegistrationForm("广州市越秀区云帆广告有限公司", null,
                "邓女士", "13622223333", null, "SERVICES", "广东省广州市", "C", today.minusDays(2).toString(),
                "需要年度广告投放方案"));
        submitAs("rep1", List.of(Groups.SALES, TEAM_SOUTH), new RegistrationForm("惠州市大亚湾石化配套服务有限公司",
                null, "罗经理", "0752-5566778", "luo@dayawan.example.cn", "ENERGY", "广东省惠州市", "B",
                today.minusDays(1).toString(), "设备维保外包，预算已批"));
        submitAs("rep3", List.of(Groups.SALES, TEAM_EAST), new RegistrationForm("嘉兴南湖纺织科技有限公司", null,
                "沈先生", "13988887777", null, "MANUFACTURING", "浙江省嘉兴市", "A", today.toString(),
                "计划下季度上线 ERP"));
    }

    private void submitAs(String user, List<String> groups, RegistrationForm form) {
        identityService.setAuthentication(user, groups);
        try {
            runtimeService.startProcessInstanceByKey(RegistrationVariables.PROCESS_KEY, form.toVariables());
        } finally {
            identityService.clearAuthentication();
        }
    }
}
