package io.baobei;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Application settings under {@code baobei.*}; documented in docs/configuration.md. (The quota, claim limits and
 * pool rules are policy, in processes/OwnershipRules.dmn, not settings.)
 *
 * @param admin the first administrator, created at start-up when set (production runs)
 */
@ConfigurationProperties(prefix = "baobei")
public record BaobeiProperties(Admin admin) {

    public BaobeiProperties {
        admin = admin == null ? new Admin(null, null) : admin;
    }

    /** @param username initial admin user (BAOBEI_ADMIN_USERNAME); @param password its password */
    public record Admin(String username, String password) {
    }
}
