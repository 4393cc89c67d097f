package io.baobei.privacy;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Encrypts contact data that an earlier version stored in clear text, at start-up, and fills the blind
 * indexes. Rows already encrypted are left alone, so this costs one query when there is nothing to do.
 */
@Component
public class ContactDataEncryption {

    private static final Logger LOG = LoggerFactory.getLogger(ContactDataEncryption.class);

    private final JdbcTemplate jdbc;
    private final ContactCrypto crypto;
    private final TransactionTemplate transactions;

    public ContactDataEncryption(JdbcTemplate jdbc, ContactCrypto crypto, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.crypto = crypto;
        this.transactions = transactions;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    public void encryptClearText() {
        int customers = transactions.execute(s -> encrypt("customer", true));
        int registrations = transactions.execute(s -> encrypt("registration", false));
        if (customers + registrations > 0) {
            LOG.info("Encrypted the contact data of {} customers and {} registrations", customers, registrations);
        }
    }

    private int encrypt(String table, boolean blindIndex) {
        String clear = "(contact_name is not null and contact_name not like 'enc:%')"
                + " or (phone is not null and phone not like 'enc:%') or (email is not null and email not like 'enc:%')";
        List<Map<String, Object>> rows = jdbc.queryForList(
                "select id, contact_name, phone, email from " + table + " where " + clear);
        for (Map<String, Object> row : rows) {
            String contactName = (String) row.get("contact_name");
            String phone = (String) row.get("phone");
            String email = (String) row.get("email");
            jdbc.update("update " + table + " set contact_name = ?, phone = ?, email = ? where id = ?",
                    encrypted(contactName), encrypted(phone), encrypted(email), row.get("id"));
            if (blindIndex) {
                jdbc.update("update customer set phone_hash = ?, email_hash = ? where id = ?",
                        crypto.blindIndex(crypto.decrypt(phone)), crypto.blindIndex(crypto.decrypt(email)), row.get("id"));
            }
        }
        return rows.size();
    }

    private String encrypted(String value) {
        return value == null || value.startsWith(ContactCrypto.PREFIX) ? value : crypto.encrypt(value);
    }
}
