package io.baobei;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Application settings under {@code baobei.*}; documented in docs/configuration.md.
 *
 * @param quota          how many customers one rep may hold in protection at once
 * @param admin          the first administrator, created at start-up when set (production runs)
 */
@ConfigurationProperties(prefix = "baobei")
public record BaobeiProperties(Quota quota, Admin admin) {

    public BaobeiProperties {
        quota = quota == null ? new Quota(50) : quota;
        admin = admin == null ? new Admin(null, null) : admin;
    }

    /** @param maxProtectedPerRep upper bound of PROTECTED customers owned by one rep */
    public record Quota(int maxProtectedPerRep) {
    }

    /** @param username initial admin user (BAOBEI_ADMIN_USERNAME); @param password its password */
    public record Admin(String username, String password) {
    }
}
